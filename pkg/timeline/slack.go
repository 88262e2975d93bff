package timeline

import (
	"archive/zip"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"os"
	"path"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/lazy"
)

// SlackOptions say what to read from a Slack export and what makes a row.
type SlackOptions struct {
	Channels []string // channel names, with or without #; at least one
	// Marker is the reaction that marks a message for the timeline, without colons ("pushpin");
	// pinned messages are always taken.
	Marker  string
	All     bool // every message makes a row, marked or not
	Threads bool // thread replies make rows too (they always count for Responders and Todos)
	// WorkspaceURL ("https://acme.slack.com") gives every row its message's permalink; "" gives none.
	WorkspaceURL string
	Window       Window
	// TodoWords are the words that make a message a follow-up candidate, matched without regard to
	// case anywhere in its text; nil finds none.
	TodoWords []string
}

// DefaultMarker is the reaction that marks a message for the timeline when --marker is not given.
const DefaultMarker = "pushpin"

// DefaultTodoWords are the words of a follow-up when .pm.yaml gives no timeline.todo_words.
var DefaultTodoWords = []string{"todo", "to do:", "we should", "action item", "follow up", "follow-up",
	"フォローアップ", "要対応", "対応する", "あとで", "後で"}

// Slack is what an export holds for the postmortem: the rows, who wrote in the window (each once,
// in the order they first wrote), and the messages that look like follow-ups.
type Slack struct {
	Events     []Event
	Responders []string
	Todos      []Event
	Read       int // messages in the window, before selection
}

// slackMsg is one message of a day file (the fields pm reads).
type slackMsg struct {
	Type       string `json:"type"`
	Subtype    string `json:"subtype"`
	User       string `json:"user"`
	Username   string `json:"username"`
	Text       string `json:"text"`
	TS         string `json:"ts"`
	ThreadTS   string `json:"thread_ts"`
	DeletedTS  string `json:"deleted_ts"`
	BotProfile *struct {
		Name string `json:"name"`
	} `json:"bot_profile"`
	UserProfile *struct {
		RealName    string `json:"real_name"`
		DisplayName string `json:"display_name"`
	} `json:"user_profile"`
	PinnedTo  []string `json:"pinned_to"`
	Reactions []struct {
		Name string `json:"name"`
	} `json:"reactions"`
	Files []struct {
		Name  string `json:"name"`
		Title string `json:"title"`
	} `json:"files"`
	// what an alert bot (Datadog, Grafana, PagerDuty) posts with an empty text: attachments and
	// Block Kit sections
	Attachments []struct {
		Fallback   string `json:"fallback"`
		Pretext    string `json:"pretext"`
		AuthorName string `json:"author_name"`
		Title      string `json:"title"`
		Text       string `json:"text"`
		Fields     []struct {
			Title string `json:"title"`
			Value string `json:"value"`
		} `json:"fields"`
		Blocks []slackBlock `json:"blocks"` // Grafana's and Alertmanager's newer form
	} `json:"attachments"`
	Blocks  []slackBlock `json:"blocks"`
	Message *slackMsg    `json:"message"` // the new message of a message_changed event
}

// slackBlock is a Block Kit block: a section's text, a header's, or a context's elements.
type slackBlock struct {
	Type string `json:"type"`
	Text *struct {
		Text string `json:"text"`
	} `json:"text"`
	Fields []struct {
		Text string `json:"text"`
	} `json:"fields"`
	Elements []struct {
		Text string `json:"text"`
	} `json:"elements"`
}

// blocksText is what blocks say, in order.
func blocksText(bs []slackBlock) []string {
	var out []string
	for _, b := range bs {
		if b.Text != nil && strings.TrimSpace(b.Text.Text) != "" {
			out = append(out, b.Text.Text)
		}
		for _, f := range b.Fields {
			if strings.TrimSpace(f.Text) != "" {
				out = append(out, f.Text)
			}
		}
		for _, e := range b.Elements {
			if strings.TrimSpace(e.Text) != "" {
				out = append(out, e.Text)
			}
		}
	}
	return out
}

// maxKeptText bounds the text kept of a message: a row shows 280 characters, and the follow-up
// words are looked for in the first of them; a message of megabytes (a hostile export) is not held.
const maxKeptText = 16 << 10

// text is what a message says: its text, else (an alert bot's) its attachments' or blocks' text,
// bounded by maxKeptText.
func (m *slackMsg) text() string {
	t := strings.TrimSpace(m.Text)
	if t == "" {
		var parts []string
		for _, a := range m.Attachments {
			if strings.TrimSpace(a.Fallback) != "" {
				parts = append(parts, a.Fallback)
				continue
			}
			for _, x := range []string{a.Pretext, a.AuthorName, a.Title, a.Text} {
				if strings.TrimSpace(x) != "" {
					parts = append(parts, x)
				}
			}
			for _, f := range a.Fields {
				if strings.TrimSpace(f.Title+f.Value) != "" {
					parts = append(parts, strings.TrimSpace(f.Title+": "+f.Value))
				}
			}
			parts = append(parts, blocksText(a.Blocks)...)
		}
		if len(parts) == 0 {
			parts = blocksText(m.Blocks)
		}
		t = strings.Join(parts, " ")
	}
	if len(t) > maxKeptText {
		t = strings.ToValidUTF8(t[:maxKeptText], "")
	}
	return t
}

// kept is a message of the window, as little as the rows need.
type kept struct {
	at      time.Time
	ts      string
	thread  string // thread_ts of a reply, "" for a message in the channel
	author  string
	user    string // a person's user id, named from users.json
	human   bool
	raw     string   // the text as Slack wrote it, markup and all: made plain only for the rows
	files   []string // the names of the files shared with it
	marked  bool
	deleted bool
	channel int
}

type slackChannel struct{ ID, Name string }

// slackUser is one entry of users.json.
type slackUser struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	RealName string `json:"real_name"`
	Profile  struct {
		RealName    string `json:"real_name"`
		DisplayName string `json:"display_name"`
	} `json:"profile"`
}

// ReadSlack reads a Slack workspace export, a folder or a .zip: channels.json (and groups.json for
// private channels), users.json and one folder per channel holding a JSON file per day. Only the day
// files that can hold messages of the window are opened, and each is decoded message by message.
func ReadSlack(exportPath string, o SlackOptions) (*Slack, error) {
	fsys, closer, err := openExport(exportPath)
	if err != nil {
		return nil, err
	}
	defer closer()
	return ReadSlackFS(fsys, exportPath, o)
}

// openExport opens a folder or a zip archive as a file system.
func openExport(p string) (fs.FS, func(), error) {
	fi, err := os.Stat(p)
	if err != nil {
		return nil, nil, oneLineError("slack export: %v", err)
	}
	if fi.IsDir() {
		return os.DirFS(p), func() {}, nil
	}
	z, err := zip.OpenReader(p)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", p, i18n.Err("slack.not-export", OneLine(fmt.Sprint(err))))
	}
	// Go's zip reader reads an encrypted entry's bytes as they are: the JSON would be called
	// malformed, when it is the password that is missing
	for _, f := range z.File {
		if f.Flags&0x1 != 0 && strings.HasSuffix(f.Name, ".json") {
			z.Close()
			return nil, nil, fmt.Errorf("%s: %w", p, i18n.Err("slack.encrypted", OneLine(f.Name)))
		}
	}
	return z, func() { z.Close() }, nil
}

// ReadSlackFS reads an export held in fsys (name is how messages call it): see ReadSlack.
func ReadSlackFS(fsys fs.FS, name string, o SlackOptions) (*Slack, error) {
	root := "."
	if _, err := fs.Stat(fsys, "channels.json"); err != nil {
		// a zip made by hand may hold the export in one folder
		entries, _ := fs.ReadDir(fsys, ".")
		for _, e := range entries {
			if _, err := fs.Stat(fsys, path.Join(e.Name(), "channels.json")); e.IsDir() && err == nil {
				root = e.Name()
				break
			}
		}
	}
	file := func(n string) string { return path.Join(root, n) }
	// channels.json (and groups.json) are read for the channels wanted, not held whole: the
	// incident's channels now, those the messages mention by id after them
	readAll := func(keep func(slackChannel) bool) ([]slackChannel, error) {
		channels, err := readChannels(fsys, file("channels.json"), name, keep)
		if err != nil {
			return nil, err
		}
		if _, err := fs.Stat(fsys, file("groups.json")); err == nil {
			groups, err := readChannels(fsys, file("groups.json"), name, keep)
			if err != nil {
				return nil, err
			}
			channels = append(channels, groups...)
		}
		return channels, nil
	}
	named := map[string]bool{}
	for _, cn := range o.Channels {
		named[strings.TrimPrefix(strings.TrimSpace(cn), "#")] = true
	}
	channels, err := readAll(func(c slackChannel) bool { return named[c.Name] })
	if err != nil {
		return nil, err
	}
	byName := map[string]slackChannel{}
	for _, c := range channels {
		byName[c.Name] = c
	}
	r := &slackReader{o: o, channels: map[string]string{}, name: name, byTS: map[string]int{}}
	for _, c := range channels {
		r.channels[c.ID] = c.Name
	}
	if r.o.Marker == "" {
		r.o.Marker = DefaultMarker
	}
	r.o.Marker = strings.Trim(r.o.Marker, ":")
	for i, cn := range o.Channels {
		cn = strings.TrimPrefix(strings.TrimSpace(cn), "#")
		c, ok := byName[cn]
		if !ok {
			return nil, fmt.Errorf("%s: %w", name, i18n.Err("slack.no-channel", cn))
		}
		r.chans = append(r.chans, c)
		if err := r.readChannel(fsys, path.Join(root, c.Name), i); err != nil {
			return nil, err
		}
	}
	if ids := r.channelIDs(); len(ids) > 0 {
		mentioned, err := readAll(func(c slackChannel) bool { return ids[c.ID] })
		if err != nil {
			return nil, err
		}
		for _, c := range mentioned {
			r.channels[c.ID] = c.Name
		}
	}
	// users.json is read after the messages, for the people they name: a workspace's list (or a
	// zip's users.json made to expand to a gigabyte of users) is not held whole
	users, err := readUsers(fsys, file("users.json"), name, r.userIDs())
	if err != nil {
		return nil, err
	}
	r.users = users
	for i := range r.msgs {
		if m := &r.msgs[i]; m.human {
			m.author = cmp.Or(users[m.user], m.author, cleanName(m.user, "unknown"))
		}
	}
	return r.result(), nil
}

type slackReader struct {
	o        SlackOptions
	name     string
	users    map[string]string
	channels map[string]string // id → name, of the channels read and those the messages mention
	chans    []slackChannel
	msgs     []kept
	byTS     map[string]int // channel index + ts → index in msgs, for edits and deletions
}

// channelIDs are the channels the kept messages mention by id alone (<#C1>) that are not read yet.
func (r *slackReader) channelIDs() map[string]bool {
	ids := map[string]bool{}
	for _, m := range r.msgs {
		for _, t := range channelRE.Get().FindAllStringSubmatch(m.raw, -1) {
			if _, ok := r.channels[t[1]]; !ok && t[2] == "" {
				ids[t[1]] = true
			}
		}
	}
	return ids
}

var channelRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`<#([^<>|]*)(?:\|([^<>]*))?>`) }}

// readChannels reads the channels of a channels.json (groups.json) that keep reports true for.
func readChannels(fsys fs.FS, p, name string, keep func(slackChannel) bool) ([]slackChannel, error) {
	var out []slackChannel
	err := eachInArray(fsys, p, name, i18n.M("json.item.channel"), func(dec *json.Decoder) error {
		var c struct{ ID, Name string }
		if err := dec.Decode(&c); err != nil {
			return err
		}
		if ch := (slackChannel{ID: c.ID, Name: c.Name}); keep(ch) {
			out = append(out, ch)
		}
		return nil
	})
	return out, err
}

// userIDs are the users the kept messages were written by or mention (<@U1>, <@U1|label>).
func (r *slackReader) userIDs() map[string]bool {
	ids := map[string]bool{}
	for _, m := range r.msgs {
		if m.human {
			ids[m.user] = true
		}
		for _, t := range mentionRE.Get().FindAllStringSubmatch(m.raw, -1) {
			ids[t[1]] = true
		}
	}
	return ids
}

var mentionRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`<@([^<>|]*)`) }}

// readUsers reads the names of the users in want from users.json, by id.
func readUsers(fsys fs.FS, p, name string, want map[string]bool) (map[string]string, error) {
	out := map[string]string{}
	if _, err := fs.Stat(fsys, p); errors.Is(err, fs.ErrNotExist) {
		return out, nil // names stay ids; an export always has it, a trimmed one may not
	}
	err := eachInArray(fsys, p, name, i18n.M("json.item.user"), func(dec *json.Decoder) error {
		var u slackUser
		if err := dec.Decode(&u); err != nil {
			return err
		}
		if want[u.ID] {
			out[u.ID] = cleanName(u.Profile.RealName, u.RealName, u.Profile.DisplayName, u.Name, u.ID)
		}
		return nil
	})
	return out, err
}

// eachInArray decodes the JSON array in file p one element at a time: a day file of a busy channel
// is never held whole. An element of the wrong type (or errNull from fn) is named by its place and
// item, what the file lists (a message).
func eachInArray(fsys fs.FS, p, name string, item i18n.Msg, fn func(*json.Decoder) error) error {
	f, err := fsys.Open(p)
	if err != nil {
		return oneLineError("%s: %s: %v", name, p, unwrapPath(err))
	}
	defer f.Close()
	where := path.Join(name, p)
	dec := json.NewDecoder(jsonInput(f))
	t, err := dec.Token()
	if isTooLarge(err) {
		return oneLineError("%s: %v", where, err)
	}
	if err != nil || t != json.Delim('[') {
		return fmt.Errorf("%s: %w", where, i18n.Err("json.want-array"))
	}
	for n := 1; dec.More(); n++ {
		if err := fn(dec); err != nil {
			if out, ok := wrongType(where, item, n, err); ok {
				return out
			}
			return malformed(where, err)
		}
	}
	if _, err := dec.Token(); err != nil {
		return malformed(where, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("%s: %w", where, i18n.Err("json.after-array"))
	}
	return nil
}

// malformed is the error of a JSON file that did not decode: malformed, or too large to read.
func malformed(where string, err error) error {
	if err == io.EOF { // the decoder's word for a file that ends between two tokens of a value
		err = io.ErrUnexpectedEOF
	}
	if isTooLarge(err) {
		return oneLineError("%s: %v", where, err)
	}
	var bad *badMessage
	if errors.As(err, &bad) { // well-formed JSON holding a value pm cannot use
		return oneLineError("%s: %v", where, err)
	}
	return fmt.Errorf("%s: %w", where, i18n.Err("json.malformed", OneLine(fmt.Sprint(err))))
}

// badMessage is a message that decoded but holds a value pm cannot use (a ts that is no timestamp).
type badMessage struct{ msg string }

func (e *badMessage) Error() string { return e.msg }

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// readChannel reads the day files of one channel that can hold messages of the window: a file is
// named after its day, which may be the day before or after in another zone.
func (r *slackReader) readChannel(fsys fs.FS, dir string, ci int) error {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return oneLineError("%s: channel folder %s: %v", r.name, dir, unwrapPath(err))
	}
	var days []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".json") {
			continue
		}
		day, err := time.Parse("2006-01-02", strings.TrimSuffix(n, ".json"))
		if err != nil {
			continue
		}
		w := r.o.Window
		if !w.From.IsZero() && day.Before(w.From.Add(-48*time.Hour)) || !w.To.IsZero() && day.After(w.To.Add(24*time.Hour)) {
			continue
		}
		days = append(days, n)
	}
	sort.Strings(days)
	// Day files are decoded side by side, on every core, and their messages applied in day order,
	// so that an edit or a deletion always finds the message it changes.
	type day struct {
		msgs []*slackMsg
		err  error
	}
	out := make([]day, len(days))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, d := range days {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			out[i].err = eachInArray(fsys, path.Join(dir, d), r.name, i18n.M("json.item.message"), func(dec *json.Decoder) error {
				var m *slackMsg // nil for null
				if err := dec.Decode(&m); err != nil {
					return err
				}
				if m == nil {
					return errNull
				}
				if m.Subtype != "message_changed" && m.Subtype != "message_deleted" {
					at, ok := slackTime(m.TS)
					if !ok {
						return &badMessage{"message ts " + strconv.Quote(m.TS) + " is not a Slack timestamp"}
					}
					if !r.o.Window.Contains(at) {
						return nil // not kept: a busy channel's other days are not held
					}
				}
				out[i].msgs = append(out[i].msgs, m)
				return nil
			})
		}()
	}
	wg.Wait()
	for i := range out {
		if out[i].err != nil {
			return out[i].err
		}
		for _, m := range out[i].msgs {
			r.add(m, ci)
		}
		out[i].msgs = nil
	}
	return nil
}

// add keeps a message of the window, or applies an edit or a deletion to one kept before.
func (r *slackReader) add(m *slackMsg, ci int) {
	switch m.Subtype {
	case "message_changed":
		if m.Message == nil {
			return
		}
		if i, ok := r.byTS[strconv.Itoa(ci)+"/"+m.Message.TS]; ok {
			r.msgs[i].raw, r.msgs[i].files = m.Message.text(), fileNames(m.Message)
		}
		return
	case "message_deleted":
		if i, ok := r.byTS[strconv.Itoa(ci)+"/"+m.DeletedTS]; ok {
			r.msgs[i].deleted = true
		}
		return
	case "", "bot_message", "file_share", "thread_broadcast", "me_message":
	default:
		return // joins, topic changes, pins and other housekeeping say nothing of the incident
	}
	at, _ := slackTime(m.TS) // read when the day file was
	k := kept{at: at, ts: m.TS, channel: ci, raw: m.text(), files: fileNames(m)}
	if m.ThreadTS != "" && m.ThreadTS != m.TS && m.Subtype != "thread_broadcast" {
		k.thread = m.ThreadTS
	}
	switch {
	case m.Subtype == "bot_message" || m.User == "" && m.BotProfile != nil:
		bot := ""
		if m.BotProfile != nil {
			bot = m.BotProfile.Name
		}
		k.author = cleanName(m.Username, bot, "bot")
	default:
		// the name in users.json is found once the messages are read (ReadSlackFS); until then
		// the author is the message's own profile, if it has one
		k.human, k.user = true, m.User
		if m.UserProfile != nil {
			k.author = cleanName(m.UserProfile.RealName, m.UserProfile.DisplayName)
		}
	}
	k.marked = len(m.PinnedTo) > 0
	for _, re := range m.Reactions {
		if re.Name == r.o.Marker {
			k.marked = true
		}
	}
	r.byTS[strconv.Itoa(ci)+"/"+m.TS] = len(r.msgs)
	r.msgs = append(r.msgs, k)
}

// cleanName is the first of names that holds more than spaces and control characters, as OneLine
// writes it: a name is written into rows, the Responders section and messages, and an escape
// sequence in a Slack profile must act on no terminal that shows any of them.
func cleanName(names ...string) string {
	for _, n := range names {
		if n = OneLine(n); n != "" {
			return n
		}
	}
	return ""
}

// fileNames are the names of the files shared with a message.
func fileNames(m *slackMsg) []string {
	var out []string
	for _, f := range m.Files {
		if n := firstNonEmpty(f.Name, f.Title); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// text is a message's words as plain text, its files named after them.
func (r *slackReader) text(m *kept) string {
	s := r.plain(m.raw)
	for _, n := range m.files {
		if s != "" {
			s += " "
		}
		s += "[file: " + n + "]"
	}
	return OneLine(s)
}

var markupRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`<([^<>]*)>`) }}

// plain turns Slack's markup into text: <@U1> into @Name, <#C1|name> into #name, <url|words> into
// the words, <!here> into @here, and the &amp; &lt; &gt; escapes into their characters.
func (r *slackReader) plain(s string) string {
	s = markupRE.Get().ReplaceAllStringFunc(s, func(tag string) string {
		in := tag[1 : len(tag)-1]
		target, label, hasLabel := strings.Cut(in, "|")
		switch {
		case strings.HasPrefix(target, "@"):
			if hasLabel && label != "" {
				return "@" + strings.TrimPrefix(label, "@")
			}
			if n, ok := r.users[target[1:]]; ok {
				return "@" + n
			}
			return target
		case strings.HasPrefix(target, "#"):
			if hasLabel && label != "" {
				return "#" + label
			}
			if n, ok := r.channels[target[1:]]; ok {
				return "#" + n
			}
			return target
		case strings.HasPrefix(target, "!"):
			if hasLabel && label != "" {
				return label
			}
			return "@" + strings.TrimPrefix(strings.SplitN(target, "^", 2)[0], "!")
		}
		if hasLabel && label != "" {
			return label
		}
		return strings.TrimPrefix(target, "mailto:")
	})
	return html.UnescapeString(s)
}

// slackTime reads a message ts: seconds since the epoch with microseconds after a dot.
func slackTime(ts string) (time.Time, bool) {
	sec, frac, _ := strings.Cut(ts, ".")
	s, err := strconv.ParseInt(sec, 10, 64)
	if err != nil || s < 0 || s > 1<<40 {
		return time.Time{}, false
	}
	var us int64
	if frac != "" {
		if len(frac) > 6 {
			frac = frac[:6]
		}
		for len(frac) < 6 {
			frac += "0"
		}
		if us, err = strconv.ParseInt(frac, 10, 64); err != nil || us < 0 {
			return time.Time{}, false
		}
	}
	return time.Unix(s, us*1000).UTC(), true
}

// Permalink is a message's address in the Slack web app: https://<workspace>/archives/<channel
// id>/p<ts without its dot>, with the thread named for a reply.
func Permalink(workspace, channelID, ts, threadTS string) string {
	u := strings.TrimRight(workspace, "/") + "/archives/" + channelID + "/p" + strings.ReplaceAll(ts, ".", "")
	if threadTS != "" {
		u += "?thread_ts=" + threadTS + "&cid=" + channelID
	}
	return u
}

func (r *slackReader) result() *Slack {
	out := &Slack{}
	// the day files come in order, so that the messages of one channel are already sorted
	if !slices.IsSortedFunc(r.msgs, func(a, b kept) int { return a.at.Compare(b.at) }) {
		slices.SortStableFunc(r.msgs, func(a, b kept) int { return a.at.Compare(b.at) })
	}
	seen := map[string]bool{}
	for i := range r.msgs {
		m := &r.msgs[i]
		if m.deleted || strings.TrimSpace(m.raw) == "" && len(m.files) == 0 {
			continue
		}
		out.Read++
		if m.human && !seen[m.author] {
			seen[m.author] = true
			out.Responders = append(out.Responders, m.author)
		}
		row := (m.marked || r.o.All) && (m.thread == "" || r.o.Threads)
		todo := m.human && IsTodo(m.raw, r.o.TodoWords)
		if !row && !todo {
			continue
		}
		text := r.text(m)
		if text == "" {
			continue
		}
		c := r.chans[m.channel]
		ev := Event{At: m.at, Text: OneLine(m.author + ": " + text), LinkText: "Slack #" + c.Name}
		if r.o.WorkspaceURL != "" {
			ev.Link = Permalink(r.o.WorkspaceURL, c.ID, m.ts, m.thread)
		}
		if row {
			out.Events = append(out.Events, ev)
		}
		if todo && IsTodo(text, r.o.TodoWords) {
			out.Todos = append(out.Todos, Event{At: m.at, Text: text, Link: ev.Link, LinkText: ev.LinkText})
		}
	}
	return out
}

// IsTodo reports whether text holds one of words, compared without regard to case.
func IsTodo(text string, words []string) bool {
	low := strings.ToLower(text)
	for _, w := range words {
		if w = strings.ToLower(strings.TrimSpace(w)); w != "" && strings.Contains(low, w) {
			return true
		}
	}
	return false
}
