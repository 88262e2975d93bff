package site

import (
	"bufio"
	"cmp"
	"embed"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/stats"
)

//go:embed assets/site.css assets/site.js assets/icon.svg
var files embed.FS

// indexRows is how many of the newest postmortems index.html lists: the page stays small at
// thousands of postmortems; the archive pages list every one, and the script renders the matches of
// a search or a filter from the search data.
const indexRows = 150

// write writes every file of the site (over a previous site, only those whose fingerprint changed).
func (s *site) write(w *writer) {
	l := s.labels
	lang := "en"
	if s.o.Lang == i18n.JA {
		lang = "ja"
	}
	local := s.o.Now.In(s.o.Location)
	now := fmt.Sprintf(l["generated"], local.Format("2006-01-02 15:04 MST"))
	today := fmt.Sprintf(l["generated"], local.Format("2006-01-02"))
	// render makes a page; a stamp says when it was built: the time on the index, the day on the
	// board and the charts (what they show changes with the day), nothing on the others, so that
	// they stay as written until what they show changes.
	render := func(rel, title, stamp string, f *fp, content func(h markup, l labels) error) {
		f.s(rel, title, lang, stamp)
		w.put(rel, f.sum(), func(b *bufio.Writer) error {
			fr := frame{L: l, Lang: lang, Root: strings.Repeat("../", strings.Count(rel, "/")), Title: title, Script: rel == "index.html", Now: stamp}
			var err error
			fr.page(markup{b}, func() { err = content(markup{b}, l) })
			return err
		})
	}
	static := func(rel string, data []byte) {
		w.put(rel, newFP("asset").b(data).sum(), func(b *bufio.Writer) error { _, err := b.Write(data); return err })
	}
	css, _ := files.ReadFile("assets/site.css")
	static("assets/site.css", append(css, codeCSS()...))
	js, _ := files.ReadFile("assets/site.js")
	static("assets/site.js", js)
	icon, _ := files.ReadFile("assets/icon.svg")
	static("assets/icon.svg", icon)

	rowFPs := make(map[*pm]fingerprint, len(s.pms))
	for _, p := range s.pms {
		rowFPs[p] = s.rowFP(p)
	}
	rowsFP := func(kind string, pms []*pm) *fp {
		f := newFP(kind)
		for _, p := range pms {
			f.fp(rowFPs[p])
		}
		return f
	}

	top := s.pms[:min(indexRows, len(s.pms))]
	ixFP := rowsFP("index", top).i(len(s.pms))
	d := s.indexData(l, top)
	for _, fl := range d.Filters {
		ixFP.s(fl.Key).s(fl.Values...)
	}
	for _, n := range append(append(append([]named{}, d.Services...), d.Tags...), d.Archive...) {
		ixFP.s(n.Name, n.Link)
	}
	render("index.html", l["navIndex"], now, ixFP, func(h markup, l labels) error { d.write(h, l); return nil })
	// The postmortems' pages, on every core.
	parallel(len(s.pms), func(i int) {
		p := s.pms[i]
		// Its file's bytes and deps decide its fields, findings and body; the rest comes from others.
		f := newFP("pm").fp(rowFPs[p]).b(p.Sum[:]).s(p.Deps, p.Rel)
		for _, q := range p.Related {
			f.s(q.F.Title, q.Page)
		}
		if p.RecurOf != nil {
			f.s("recurrence", p.RecurOf.F.Title, p.RecurOf.Page)
		}
		for _, q := range p.Recurred {
			f.s("recurred", q.F.Title, q.Page)
		}
		render(p.Page, p.F.Title, "", f, func(h markup, l labels) error {
			buf := bodyBuffers.get()
			defer func() {
				if cap(*buf) <= maxKept {
					bodyBuffers.put(buf)
				}
			}()
			d, err := s.pmData(p, l, w.pack, *buf)
			if err != nil {
				return err
			}
			*buf = d.Body[:0]
			d.write(h, l)
			return nil
		})
	})
	// The other pages are made side by side, the largest first.
	var tasks, lists []func()
	for _, m := range s.months() {
		lists = append(lists, func() {
			render(m.page, m.title, "", rowsFP("month", m.pms), func(h markup, l labels) error {
				d := listData{Heading: m.title, PMs: s.listRows(m.pms, "../")}
				d.write(h, l)
				return nil
			})
		})
	}
	for _, kind := range []struct {
		prefix, label string
		m             map[string][]*pm
	}{{"service", l["service"], s.services}, {"tag", l["tag"], s.tags}} {
		for _, name := range sortedKeys(kind.m) {
			title := fmt.Sprintf(kind.label, name)
			pms := kind.m[name]
			lists = append(lists, func() {
				render(s.names[kind.prefix+":"+name], title, "", rowsFP(kind.prefix, pms), func(h markup, l labels) error {
					d := listData{Heading: title, PMs: s.listRows(pms, "../")}
					d.write(h, l)
					return nil
				})
			})
		}
	}
	// The board, the messages, the charts and index.json take a little of every postmortem: their
	// fingerprints are made of each one's data (fields, action items, findings, figures), so that a
	// change to a body alone does not make them again. The feed is small: made, and compared.
	data := newFP("data").s(today)
	dataFPs := make(map[*pm]fingerprint, len(s.pms))
	for _, p := range s.pms {
		dataFPs[p] = s.dataFP(p)
		data.fp(dataFPs[p])
	}
	dataFP := data.sum()
	tasks = append(tasks, func() {
		render("actions.html", l["actions"], today, newFP("actions").fp(dataFP), func(h markup, l labels) error {
			writeActions(h, l, s.actionsData())
			return nil
		})
	})
	// The messages: the newest on messages.html, every one on a page per year.
	sent := s.sent()
	newest := sent[:min(newestMessages, len(sent))]
	msgFP := func(kind string, pms []*pm) *fp {
		f := newFP(kind)
		for _, p := range pms {
			f.fp(rowFPs[p]).i(int(p.Message.CRC), int(p.Message.Len))
		}
		return f
	}
	years := map[string][]*pm{}
	for _, p := range sent {
		y := p.Year
		if y == "" {
			y = "undated"
		}
		years[y] = append(years[y], p)
	}
	keys := sortedKeys(years)
	sort.Sort(sort.Reverse(sort.StringSlice(keys)))
	var yearLinks []named
	for _, y := range keys {
		name := y
		if y == "undated" {
			name = l["undated"]
		}
		yearLinks = append(yearLinks, named{fmt.Sprintf("%s (%d)", name, len(years[y])), "messages/" + y + ".html"})
	}
	mf := msgFP("messages", newest)
	for _, y := range yearLinks {
		mf.s(y.Name, y.Link)
	}
	tasks = append(tasks, func() {
		render("messages.html", l["messages"], "", mf, func(h markup, l labels) error {
			d, err := s.messagesData(w.pack, newest, "messages.html", yearLinks)
			if err == nil {
				d.write(h, l, l["messages"])
			}
			return err
		})
	})
	for _, y := range keys {
		pms, name := years[y], y
		if y == "undated" {
			name = l["undated"]
		}
		tasks = append(tasks, func() {
			title := fmt.Sprintf(l["messagesOf"], name)
			page := "messages/" + y + ".html"
			render(page, title, "", msgFP("messages-year", pms), func(h markup, l labels) error {
				d, err := s.messagesData(w.pack, pms, page, nil)
				if err == nil {
					d.write(h, l, title)
				}
				return err
			})
		})
	}
	tasks = append(tasks, func() {
		render("charts.html", l["charts"], today, newFP("charts").fp(dataFP), func(h markup, l labels) error {
			writeCharts(h, l, s.charts(l))
			return nil
		})
	}, func() {
		s.writeSearch(w, rowFPs)
	}, func() {
		// Alone in changing the recs (their entries of index.json) while the others run.
		w.put("index.json", newFP("index.json").fp(dataFP).s(s.o.Now.UTC().Format(time.RFC3339)).sum(), func(b *bufio.Writer) error {
			return s.writeIndexJSON(b, w.pack, dataFPs)
		})
	}, func() {
		w.putBytes("feed.xml", s.feed(l))
	})
	tasks = append(tasks, lists...)
	parallel(len(tasks), func(i int) { tasks[i]() })
}

// dataFP is the fingerprint of what index.json, the board and the charts take of a postmortem: its
// fields (as the manifest's codec writes them), action items and findings, but not the lines of
// items and findings (none of these shows them, and a line added above them moves them all), and
// its figures.
func (s *site) dataFP(p *pm) fingerprint {
	e := enc{b: make([]byte, 0, 1024)}
	e.rec(&rec{Fields: *p.F})
	row, _ := json.Marshal(p.Row)
	f := newFP("pmdata").b(e.b).s(p.ID, p.Rel, p.Page, p.Date).b(row)
	for _, it := range p.Items {
		it.Line = 0
		data, _ := it.GobEncode()
		f.b(data)
	}
	for _, x := range p.Findings {
		f.s(x.Rule, x.Severity)
	}
	return f.sum()
}

// rowFP is the fingerprint of what a list shows of a postmortem (and the search data's row).
func (s *site) rowFP(p *pm) fingerprint {
	f := newFP("row").s(p.ID, p.Page, p.Date, p.F.Title, p.F.Severity, string(p.F.Status), p.F.Owner, p.Row.Meeting, p.Summary).i(p.Errors)
	for _, sv := range p.F.Services {
		f.s("service", sv, s.names["service:"+sv])
	}
	for _, tg := range p.F.Tags {
		f.s("tag", tg, s.names["tag:"+tg])
	}
	return f.sum()
}

// month is one page of the archive: the postmortems of a month (or without a date), newest first.
type month struct {
	key, page, title string
	pms              []*pm
}

func (s *site) months() []month {
	var out []month
	for _, p := range s.pms {
		key := "undated"
		if len(p.Date) >= 7 {
			key = p.Date[:7]
		}
		if len(out) == 0 || out[len(out)-1].key != key {
			title := key
			if key == "undated" {
				title = s.labels["undated"]
			}
			out = append(out, month{key: key, page: "archive/" + key + ".html", title: fmt.Sprintf(s.labels["archiveMonth"], title)})
		}
		out[len(out)-1].pms = append(out[len(out)-1].pms, p)
	}
	return out
}

// row is one postmortem in a list.
type row struct {
	*pm
	Link         string
	Meeting      string // the meeting state in words
	MeetingClass string
	ServiceLinks []named
	TagLinks     []named
}

type named struct{ Name, Link string }

func (s *site) rows(pms []*pm, root string) []row { return s.rowsOf(pms, root, true) }

// listRows are the rows of a month's, a service's or a tag's page, which shows no services or tags:
// their links are not made. A postmortem listing 4,000 services and 4,000 tags has 8,000 such pages,
// and making its 8,000 links for each took 6 s (20,000 of each: past a minute).
func (s *site) listRows(pms []*pm, root string) []row { return s.rowsOf(pms, root, false) }

func (s *site) rowsOf(pms []*pm, root string, terms bool) []row {
	l := s.labels
	out := make([]row, 0, len(pms))
	for _, p := range pms {
		r := row{pm: p, Link: root + p.Page, MeetingClass: p.Row.Meeting}
		switch p.Row.Meeting {
		case stats.MeetingMet:
			r.Meeting = l["met"]
		case stats.MeetingMissed:
			r.Meeting = l["missed"]
		case stats.MeetingPending:
			r.Meeting = l["pending"]
		}
		for _, sv := range p.F.Services {
			if !terms {
				break
			}
			r.ServiceLinks = append(r.ServiceLinks, named{sv, root + s.names["service:"+sv]})
		}
		for _, tg := range p.F.Tags {
			if !terms {
				break
			}
			r.TagLinks = append(r.TagLinks, named{tg, root + s.names["tag:"+tg]})
		}
		out = append(out, r)
	}
	return out
}

type filter struct {
	Key, Label string
	Values     []string
}

type indexData struct {
	Rows     []row
	Filters  []filter
	Services []named
	Tags     []named
	Archive  []named
	Total    int
	Newest   string // "" when every postmortem is in the page
}

func (s *site) indexData(l labels, top []*pm) indexData {
	values := func(get func(*pm) []string) []string {
		set := map[string]bool{}
		for _, p := range s.pms {
			for _, v := range get(p) {
				if v != "" {
					set[v] = true
				}
			}
		}
		return sortedKeys(set)
	}
	years := values(func(p *pm) []string { return []string{p.Year} })
	sort.Sort(sort.Reverse(sort.StringSlice(years)))
	d := indexData{Rows: s.rows(top, ""), Total: len(s.pms), Filters: []filter{
		{"sev", l["severity"], values(func(p *pm) []string { return []string{p.F.Severity} })},
		{"status", l["status"], values(func(p *pm) []string { return []string{string(p.F.Status)} })},
		{"services", l["services"], values(func(p *pm) []string { return p.F.Services })},
		{"tags", l["tags"], values(func(p *pm) []string { return p.F.Tags })},
		{"year", l["year"], years},
	}}
	for _, sv := range sortedKeys(s.services) {
		d.Services = append(d.Services, named{sv, s.names["service:"+sv]})
	}
	for _, tg := range sortedKeys(s.tags) {
		d.Tags = append(d.Tags, named{tg, s.names["tag:"+tg]})
	}
	if len(top) < len(s.pms) {
		d.Newest = fmt.Sprintf(l["newest"], len(top))
	}
	for _, m := range s.months() {
		name := m.key
		if name == "undated" {
			name = l["undated"]
		}
		d.Archive = append(d.Archive, named{fmt.Sprintf("%s (%d)", name, len(m.pms)), m.page})
	}
	return d
}

type pmData struct {
	row
	Body      []byte // rendered by the Markdown renderer
	Findings  []Finding
	History   []postmortem.HistoryEntry
	Related   []named
	RecurOf   *named
	Recurred  []named
	Edit      string // the address to edit the file at, "" without repo_url
	EditText  string
	MeetingAt string
}

// bodyBuffers holds the buffers the postmortems' rendered bodies are read into, one page at a time.
var bodyBuffers = &reuse[*[]byte]{fresh: func() *[]byte { return new([]byte) }}

// pmData is what p's page shows; its body is read into buf (grown as needed).
func (s *site) pmData(p *pm, l labels, pk *pack, buf []byte) (pmData, error) {
	body, err := pk.read(p.Body, buf)
	if err != nil {
		return pmData{}, fmt.Errorf("read the rendered %s: %w", p.Rel, err)
	}
	d := pmData{row: s.rows([]*pm{p}, "../")[0], Findings: p.Findings, History: p.F.StatusHistory, Body: body}
	for _, q := range p.Related {
		d.Related = append(d.Related, named{q.F.Title, "../" + q.Page})
	}
	if p.RecurOf != nil {
		d.RecurOf = &named{p.RecurOf.F.Title, "../" + p.RecurOf.Page}
	}
	for _, q := range p.Recurred {
		d.Recurred = append(d.Recurred, named{q.F.Title, "../" + q.Page})
	}
	if p.F.HasMeeting() {
		d.MeetingAt = p.F.Meeting.In(s.o.Location).Format("2006-01-02 15:04 MST") // read by people in other zones
	}
	d.Edit, d.EditText = s.editLink(p.Rel, l)
	return d, nil
}

// editLink is the address to edit a file on its forge, from repo_url (…/blob/<branch>): GitHub's and
// GitLab's edit pages take /edit/ in place of /blob/; another forge gets the file's address.
func (s *site) editLink(rel string, l labels) (string, string) {
	base := s.o.RepoURL
	if base == "" {
		return "", ""
	}
	parts := strings.Split(rel, "/")
	for i, x := range parts {
		parts[i] = url.PathEscape(x)
	}
	u, err := url.Parse(base)
	if err != nil {
		return "", ""
	}
	host := strings.ToLower(u.Host)
	forge := ""
	switch {
	case strings.Contains(host, "github"):
		forge = "GitHub"
	case strings.Contains(host, "gitlab"):
		forge = "GitLab"
	}
	if forge != "" && strings.Contains(base, "/blob/") {
		return strings.Replace(base, "/blob/", "/edit/", 1) + "/" + strings.Join(parts, "/"), fmt.Sprintf(l["edit"], forge)
	}
	return base + "/" + strings.Join(parts, "/"), l["source"]
}

type listData struct {
	Heading string
	PMs     []row
}

// actionItem is one open action item on the board.
type actionItem struct {
	postmortem.ActionItem
	PM          *pm
	Link        string
	State       string
	Deadline    string
	DaysOverdue int
	Age         int
}

func (s *site) actionsData() []actionItem {
	n := 0
	for _, p := range s.pms {
		n += len(p.Items)
	}
	out := make([]actionItem, 0, n) // at thousands of postmortems, growing it copied it a dozen times
	y, m, d := s.o.Now.In(s.o.Location).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, s.o.Location)
	for _, p := range s.pms {
		for _, it := range p.Items {
			st := it.State()
			if st.Closed() {
				continue
			}
			a := actionItem{ActionItem: it, PM: p, Link: p.Page, State: st.String(),
				DaysOverdue: s.o.Actions.DaysOverdue(it, p.F.Severity, p.F.IncidentDate, s.o.Now)}
			if dl, _, ok := s.o.Actions.Of(it, p.F.Severity, p.F.IncidentDate); ok {
				a.Deadline = dl.Format("2006-01-02")
			}
			if p.F.HasIncidentDate() {
				y, m, d := p.F.IncidentDate.In(s.o.Location).Date()
				a.Age = int(today.Sub(time.Date(y, m, d, 0, 0, 0, 0, s.o.Location)).Hours()/24 + 0.5)
			}
			out = append(out, a)
		}
	}
	// Most overdue first, then oldest, else in the order above: the items' order is sorted, not the
	// items (large, and tens of thousands at thousands of postmortems).
	order := make([]int32, len(out))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(i, j int32) int {
		a, b := &out[i], &out[j]
		if a.DaysOverdue != b.DaysOverdue {
			return cmp.Compare(b.DaysOverdue, a.DaysOverdue)
		}
		return cmp.Compare(b.Age, a.Age)
	})
	sorted := make([]actionItem, len(out))
	for i, k := range order {
		sorted[i] = out[k]
	}
	return sorted
}

type message struct {
	row
	Body []byte // rendered by the Markdown renderer
}

// messages is a page of customer messages.
type messages struct {
	Messages []message
	Years    []named // on messages.html: the pages per year
}

// newestMessages is how many messages.html shows; the pages per year have every one.
const newestMessages = 50

// sent are the postmortems whose External Message went out (Reviewed or Closed), newest first.
func (s *site) sent() []*pm {
	var out []*pm
	for _, p := range s.pms {
		if p.F.ExternalMessage && p.F.Status.AtLeast(postmortem.StatusReviewed) && p.Message.Len > 0 {
			out = append(out, p)
		}
	}
	return out
}

// messagesData is what a page of messages (page, site-relative) shows of pms: each message's HTML,
// made for its postmortem's page, rebased for this one.
func (s *site) messagesData(pk *pack, pms []*pm, page string, years []named) (messages, error) {
	out := messages{Years: years}
	root := strings.Repeat("../", strings.Count(page, "/"))
	var buf []byte
	for _, p := range pms {
		var err error
		if buf, err = pk.read(p.Message, buf); err != nil {
			return out, err
		}
		out.Messages = append(out.Messages, message{row: s.rows([]*pm{p}, root)[0], Body: rebased(nil, buf, p.Page, page)})
	}
	return out, nil
}
