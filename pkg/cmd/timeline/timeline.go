// Package timeline implements `pm timeline import`: rows for a postmortem's Timeline table (and its
// responders and follow-up candidates) read from a Slack export, PagerDuty log entries or a CSV file.
package timeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/pm-tools/pm/pkg/cmd/internal/cmdargs"
	"github.com/pm-tools/pm/pkg/cmd/internal/complete"
	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/present"
	"github.com/pm-tools/pm/pkg/project"
	"github.com/pm-tools/pm/pkg/textdiff"
	tl "github.com/pm-tools/pm/pkg/timeline"
)

// Sources are the records pm timeline import reads.
var Sources = []string{"slack", "pagerduty", "csv"}

// Options are the arguments and flags of pm timeline import.
type Options struct {
	F          *cmdutil.Factory
	Source     string // slack, pagerduty or csv
	Path       string // the export or file; "" with Incident
	Postmortem string // path, id or part of one; "" for the only open one

	From, To   string // the window, "" for the default
	DryRun     bool
	NoCommit   bool
	NoVerify   bool
	Channels   []string // slack
	Marker     string   // slack
	All        bool     // slack
	Threads    bool     // slack
	Responders bool     // slack
	Todos      bool     // slack
	Incident   string   // pagerduty: fetch this incident's log entries

	// HTTPClient fetches PagerDuty pages (nil: http.DefaultClient with a timeout).
	HTTPClient *http.Client
}

// NewCmdTimeline returns the timeline command with its import subcommand.
func NewCmdTimeline(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "timeline <import>",
		Short: "Build a postmortem's timeline from Slack, PagerDuty or CSV records",
		Long: `Build a postmortem's timeline from Slack, PagerDuty or CSV records: see
pm timeline import. A word that is not one of the subcommands is an error.

` + cmdutil.ExitCodesHelp,
		Example: `  pm timeline import slack ./slack-export.zip --channel inc-checkout`,
	}
	cmd.AddCommand(NewCmdImport(f, nil))
	return cmd
}

// NewCmdImport returns pm timeline import; runF replaces the run in tests of argument parsing.
func NewCmdImport(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{F: f}
	cmd := &cobra.Command{
		Use:   "import SOURCE [PATH] [POSTMORTEM]",
		Short: "Add timeline rows from Slack, PagerDuty or CSV records",
		Long: `Read incident records and add them as rows of the postmortem's Timeline table,
then commit that file alone (one commit per import).

SOURCE is one of:
  slack      a Slack workspace export, the folder or the .zip (channels.json,
             users.json, a folder per channel with a JSON file per day); name
             the incident channel with --channel (several allowed). Pinned
             messages and messages with the --marker reaction (default
             :pushpin:) become rows, or every message with --all; thread
             replies only with --threads. Edited messages give their last
             text, deleted ones are left out, bot messages (alerts) are kept
             under the bot's name, shared files are named. The data link is
             the message's permalink when .pm.yaml sets slack.workspace_url.
             --responders adds everyone who wrote in the window to the
             Responders section; --todos adds the messages that look like
             follow-ups (timeline.todo_words in .pm.yaml) as commented-out
             candidate rows under Action Items.
  pagerduty  the JSON of GET /incidents/{id}/log_entries (a page, or an array
             of pages); or --incident ID fetches every page with the token in
             PAGERDUTY_TOKEN (PAGERDUTY_API_URL for another API address).
             Triggers, acknowledgements, escalations, notes, status updates
             and resolves become rows linked to the entry.
  csv        a CSV file whose header names a time, an event and a link column
             (time/event/link or 時刻/出来事/リンク). A time's zone is one pm
             lint reads: UTC, JST, +09:00, UTC+9 or a zone name such as
             Asia/Tokyo. A zone in the time column's header, Time (JST) or
             Time (Asia/Tokyo), counts for the times without one; a header
             zone pm cannot read is an error. Otherwise a time without a zone
             is in the team's zone.

Rows are merged in time order with the rows already there; a row with the same
minute and text is not added again, so importing twice changes nothing. Times
are written in the team's zone (.pm.yaml timezone) with an explicit offset,
2026-11-20 09:14 +09:00. Only records from the day before the incident_date to
the day after it are taken, unless --from/--to (RFC 3339, or YYYY-MM-DD HH:MM in
the team's zone) say otherwise. --dry-run prints the rows and a diff and writes
nothing. A file that cannot be read is a one-line error naming it (exit 2).

PATH is the export, log or CSV file (not with pagerduty --incident, which
fetches it). POSTMORTEM is a path, an id or a unique part of one; without it,
the only postmortem that is not Closed.

` + cmdutil.ExitCodesHelp,
		Example: `  pm timeline import slack ./export.zip --channel inc-checkout --responders
  pm timeline import pagerduty log_entries.json 2026-11-20-checkout-latency
  pm timeline import pagerduty --incident PT4KHLK
  pm timeline import csv grafana-notes.csv --from "2026-11-20 08:00" --dry-run`,
		Args:              cmdargs.Max(3),
		ValidArgsFunction: completeArgs(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return cmdutil.Usagef("%s", f.UserLang().T("timeline.import-no-source", strings.Join(Sources, ", ")))
			}
			opts.Source = strings.ToLower(args[0])
			rest := args[1:]
			if opts.Incident == "" {
				if len(rest) == 0 {
					return cmdutil.Usagef("%s", f.UserLang().T("timeline.no-path", opts.Source))
				}
				opts.Path, rest = rest[0], rest[1:]
			}
			if len(rest) > 1 {
				return cmdutil.Usagef("%s", f.UserLang().T("timeline.args"))
			}
			if len(rest) == 1 {
				opts.Postmortem = rest[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return importRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.From, "from", "", "take records from this time (RFC 3339 or YYYY-MM-DD HH:MM in the team's zone)")
	fl.StringVar(&opts.To, "to", "", "take records before this time")
	fl.BoolVar(&opts.DryRun, "dry-run", false, "print the rows and a diff of the file; write nothing")
	fl.BoolVar(&opts.NoCommit, "no-commit", false, "change the file without committing it")
	fl.BoolVar(&opts.NoVerify, "no-verify", false, "commit without running the pre-commit and commit-msg hooks")
	fl.StringArrayVar(&opts.Channels, "channel", nil, "slack: the incident channel's name (repeat for several)")
	fl.StringVar(&opts.Marker, "marker", tl.DefaultMarker, "slack: the reaction that marks a message for the timeline")
	fl.BoolVar(&opts.All, "all", false, "slack: every message becomes a row, marked or not")
	fl.BoolVar(&opts.Threads, "threads", false, "slack: thread replies become rows too")
	fl.BoolVar(&opts.Responders, "responders", false, "slack: add who wrote in the channel to the Responders section")
	fl.BoolVar(&opts.Todos, "todos", false, "slack: add follow-up candidates under Action Items, commented out")
	fl.StringVar(&opts.Incident, "incident", "", "pagerduty: fetch this incident's log entries (PAGERDUTY_TOKEN)")
	return cmd
}

// completeArgs completes SOURCE, leaves PATH to the shell's file completion, and completes
// POSTMORTEM with the ids.
func completeArgs(f *cmdutil.Factory) cobra.CompletionFunc {
	sources := complete.Args(cmdutil.Fixed(Sources...))
	ids := complete.Args(f.PostmortemIDs)
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		switch len(args) {
		case 0:
			return sources(cmd, args, toComplete)
		case 1:
			return nil, cobra.ShellCompDirectiveDefault
		case 2:
			return ids(cmd, nil, toComplete)
		}
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
}

// imported is what a source gave: the rows, what the commit message calls the source, and, from
// Slack, the responders and the follow-up candidates.
type imported struct {
	events     []tl.Event
	from       string // "slack #inc-checkout", "pagerduty PT4KHLK", "csv notes.csv"
	responders []string
	todos      []tl.Event
}

func importRun(o *Options) error {
	f := o.F
	c := f.Context()
	p, err := c.Project()
	if err != nil {
		return cmdutil.Usagef("%v", err)
	}
	lang := c.Lang()
	if err := o.check(lang); err != nil {
		return err
	}
	e, err := f.ResolvePostmortem(p, o.Postmortem)
	if err != nil {
		return err
	}
	if !e.Doc.Usable() {
		display := f.Display(e.Path)
		return cmdutil.Refusedf("%s", lang.T("usage.unparsable", display, display))
	}
	loc := p.Location()
	w, err := o.window(e.Doc, loc, lang)
	if err != nil {
		return err
	}
	outside := 0
	if o.Source != "slack" { // a channel's export holds every day: its other days are not news
		w.Outside = &outside
	}
	in, err := o.read(c, p, w)
	if err != nil {
		return err
	}
	// the source's name comes from the input (a file's name, an incident id in the file): one
	// line, or a line break in it would end the commit message's subject and start a body (a
	// forged "Signed-off-by:" trailer), and an escape sequence would act on a terminal showing it
	in.from = tl.OneLine(in.from)
	if outside > 0 {
		// rows of a file made for this incident left out: said, so that the file is not taken
		// for empty or already imported
		span := func(t time.Time) string {
			if t.IsZero() {
				return "-"
			}
			return t.In(loc).Format("2006-01-02 15:04")
		}
		fmt.Fprintf(f.IO.ErrOut, "pm: %s\n", present.Line(lang.T("timeline.outside", lang.N("n.record", outside), in.from, span(w.From), span(w.To))))
	}
	display := f.Display(e.Path)
	ja, _ := e.Doc.Content().Japanese()
	header := [3]string{"Time", "Event", "Data Link"}
	if ja {
		header = [3]string{"時刻", "出来事", "データへのリンク"}
	}
	// A time of day alone ("09:14 JST") is on the incident date, as pm lint reads it.
	day := ""
	if e.Doc.Fields.HasIncidentDate() {
		day = e.Doc.Fields.IncidentDate.Format("2006-01-02") + " "
	}
	// The rows already in the table are read in the zone their column's header names ("Time
	// (UTC)"), else the section's heading ("## Timeline (JST)", "## Timeline: UTC"), as pm lint reads them, so that new
	// rows go between them in time order.
	rowLoc := loc
	content := e.Doc.Content()
	if sec := content.Section("timeline"); sec != nil {
		rowLoc = tl.ZoneInHeading(sec.Title, loc)
	}
	if t := content.Timeline(); t != nil && strings.ContainsAny(t.TimeHeader, "(（") {
		if z, ok := tl.ZoneInHeader(t.TimeHeader, loc); ok {
			rowLoc = z
		}
	}
	// New rows are written in that zone too, their day in a Date column the day there: a row in
	// another zone's day would change the day an empty Date cell below it carries.
	rows := make([]postmortem.TimelineAddition, 0, len(in.events))
	for _, ev := range in.events {
		rows = append(rows, postmortem.TimelineAddition{At: ev.At, Time: tl.FormatTime(ev.At, rowLoc), Event: ev.Text, Link: linkCell(ev)})
	}
	when := func(s string) (time.Time, bool) {
		if t, ok := tl.ParseTime(s, rowLoc); ok {
			return t, true
		}
		if day == "" {
			return time.Time{}, false
		}
		return tl.ParseTime(day+strings.TrimSpace(s), rowLoc)
	}
	// the rows already there at the times pm lint reads them (a Date column, midnight crossed,
	// "2:00 PM"), so that lint finds the merged table in order
	var rowTimes []time.Time
	if linter, err := cmdutil.Linter(p, lang); err == nil {
		rowTimes = linter.TimelineTimes(e.Doc)
	}
	edited, added, err := postmortem.MergeTimelineAt(e.Path, e.Doc.Src, rows, when, rowTimes, header)
	if errors.Is(err, postmortem.ErrNoSection) {
		return cmdutil.Usagef("%s", lang.T("timeline.no-section", display))
	}
	if err != nil {
		return err
	}
	var people []string
	if o.Responders && len(in.responders) > 0 {
		withPeople, names, err := postmortem.AddResponders(e.Path, edited, in.responders)
		switch {
		case errors.Is(err, postmortem.ErrNoSection):
			fmt.Fprintln(f.IO.ErrOut, present.Line(lang.T("timeline.no-responders", display, strings.Join(in.responders, ", ")))) // what would be lost: said under -q too
		case errors.Is(err, postmortem.ErrRespondersTable):
			// the rest of the import is written; the people are said, for the writer to place
			fmt.Fprintln(f.IO.ErrOut, present.Line(lang.T("timeline.responders-table", display, strings.Join(in.responders, ", ")))) // what would be lost: said under -q too
		case err != nil:
			return err
		default:
			edited, people = withPeople, names
		}
	}
	var todos []string
	if o.Todos && len(in.todos) > 0 {
		var lines []string
		for _, t := range in.todos {
			lines = append(lines, "| P1 | "+postmortem.EscapeCell(t.Text)+" |  |  |  | "+linkCell(t)+" |")
		}
		// the note is part of the document: in its language, not the user's
		docLang := i18n.EN
		if ja {
			docLang = i18n.JA
		}
		note := docLang.T("timeline.todo-note", in.from)
		withTodos, candidates, err := postmortem.AddActionCandidates(e.Path, edited, note, lines)
		switch {
		case errors.Is(err, postmortem.ErrNoSection):
			// said, and the rest of the import written as it is (edited stays what it was)
			var texts []string
			for _, t := range in.todos {
				texts = append(texts, present.Line(t.Text))
			}
			fmt.Fprintln(f.IO.ErrOut, present.Line(lang.T("timeline.no-actions", display, strings.Join(texts, " | ")))) // what would be lost: said under -q too
		case err != nil:
			return err
		default:
			edited, todos = withTodos, candidates
		}
	}
	w0 := f.IO.Out
	if o.DryRun {
		for _, r := range added {
			fmt.Fprintf(w0, "%s  %s  %s\n", r.Time, present.Line(r.Event), present.Line(r.Link))
		}
		for _, n := range people {
			fmt.Fprintln(w0, present.Line(lang.T("timeline.responder", n)))
		}
		for _, t := range todos {
			fmt.Fprintln(w0, present.Line(lang.T("timeline.todo", t)))
		}
		rel := p.RelPath(e.Path)
		// exact into a pipe (git apply takes it), sanitised on a terminal
		diff := textdiff.Unified("a/"+rel, "b/"+rel, string(e.Doc.Src), string(edited))
		if err := f.WriteOut(func(w io.Writer) error { _, err := io.WriteString(w, diff); return err }); err != nil {
			return err
		}
		f.Infof("%s\n", lang.T("timeline.dry-run", lang.N("n.new-row", len(added)), in.from, display))
		return nil
	}
	if len(added) == 0 && len(people) == 0 && len(todos) == 0 {
		f.Infof("%s\n", lang.T("timeline.nothing", in.from, display))
		return nil
	}
	msg := commitMessage(e.ID, in.from, len(added), len(people) > 0, len(todos) > 0)
	saved, err := c.Write(e, edited, cmdutil.Save{NoCommit: o.NoCommit, NoVerify: o.NoVerify, Message: msg})
	if err != nil {
		return err
	}
	if !f.IO.Quiet {
		if len(added) > 0 || len(people) == 0 && len(todos) == 0 {
			fmt.Fprintln(w0, present.Line(lang.T("timeline.added", lang.N("n.timeline-row", len(added)), in.from, e.ID)))
		}
		if len(people) > 0 {
			fmt.Fprintln(w0, present.Line(lang.T("timeline.responders", strings.Join(people, ", "))))
		}
		if len(todos) > 0 {
			fmt.Fprintln(w0, present.Line(lang.T("timeline.todos", len(todos))))
		}
	}
	if o.Source == "slack" && p.Config.Slack.WorkspaceURL == "" && len(added) > 0 {
		f.Infof("%s\n", lang.T("timeline.no-workspace"))
	}
	if st := e.Doc.Fields.Status; st == postmortem.StatusReviewed || st == postmortem.StatusClosed {
		// said, not refused: a late finding belongs in the record, but the review did not see it
		fmt.Fprintln(f.IO.ErrOut, present.Line(lang.T("timeline.after-review", e.ID, st)))
	}
	c.Report(saved, func(s string) { f.Infof("%s\n", s) })
	return nil
}

// commitMessage says what the import added: its rows, or, when it found no new row, the responders
// and follow-up candidates that made the commit (never "0 rows" for a commit that changed the file).
func commitMessage(id, from string, rows int, people, todos bool) string {
	switch {
	case rows == 1:
		return fmt.Sprintf("postmortem: %s timeline: 1 row from %s", id, from)
	case rows > 0 || !people && !todos:
		return fmt.Sprintf("postmortem: %s timeline: %d rows from %s", id, rows, from)
	case people && todos:
		return fmt.Sprintf("postmortem: %s responders and follow-up candidates from %s", id, from)
	case people:
		return fmt.Sprintf("postmortem: %s responders from %s", id, from)
	default:
		return fmt.Sprintf("postmortem: %s follow-up candidates from %s", id, from)
	}
}

// check refuses flags that do not go with the source.
func (o *Options) check(lang i18n.Lang) error {
	switch o.Source {
	case "slack":
		if len(o.Channels) == 0 {
			return cmdutil.Usagef("%s", lang.T("timeline.no-channel"))
		}
	case "pagerduty", "csv":
		for _, fl := range []struct {
			name string
			set  bool
		}{{"--channel", len(o.Channels) > 0}, {"--all", o.All}, {"--threads", o.Threads}, {"--responders", o.Responders},
			{"--todos", o.Todos}, {"--marker", o.Marker != tl.DefaultMarker && o.Marker != ""}} {
			if fl.set {
				return cmdutil.Usagef("%s", lang.T("timeline.slack-only", fl.name))
			}
		}
	default:
		return cmdutil.Usagef("%s", lang.T("timeline.source", o.Source))
	}
	if o.Incident != "" && o.Source != "pagerduty" {
		return cmdutil.Usagef("%s", lang.T("timeline.incident-only"))
	}
	if o.Incident != "" && o.Path != "" {
		return cmdutil.Usagef("%s", lang.T("timeline.args"))
	}
	return nil
}

// window is the span of records to take: --from/--to, or the incident date from the day before to
// the day after, in the team's zone.
func (o *Options) window(d *postmortem.Doc, loc *time.Location, lang i18n.Lang) (tl.Window, error) {
	var w tl.Window
	if d.Fields.HasIncidentDate() {
		y, m, day := d.Fields.IncidentDate.Date()
		start := time.Date(y, m, day, 0, 0, 0, 0, loc)
		w = tl.Window{From: start.AddDate(0, 0, -1), To: start.AddDate(0, 0, 2)}
	}
	for _, b := range []struct {
		flag, v string
		t       *time.Time
	}{{"--from", o.From, &w.From}, {"--to", o.To, &w.To}} {
		if b.v == "" {
			continue
		}
		t, err := tl.ParseWindowTime(b.v, loc)
		var skipped *i18n.Error
		if errors.As(err, &skipped) {
			return w, cmdutil.Usagef("%s %s", b.flag, skipped.In(lang))
		}
		if err != nil {
			return w, cmdutil.Usagef("%s", lang.T("timeline.bad-time", b.flag, b.v))
		}
		*b.t = t
	}
	if !w.From.IsZero() && !w.To.IsZero() && !w.From.Before(w.To) {
		return w, cmdutil.Usagef("%s", lang.T("timeline.empty-window", o.From, o.To))
	}
	if w.From.IsZero() || w.To.IsZero() {
		// no incident date pm reads, and no bound given: the whole export (months of a channel)
		// would be taken
		return w, cmdutil.Usagef("%s", lang.T("timeline.no-window"))
	}
	return w, nil
}

// read reads the source's records in the window.
func (o *Options) read(c *cmdutil.Context, p *project.Project, w tl.Window) (*imported, error) {
	f := c.F
	path := ""
	if o.Path != "" {
		path = f.Abs(o.Path)
	}
	inputErr := func(err error) error { return cmdutil.Usagef("%v", err) }
	switch o.Source {
	case "slack":
		words := p.Config.Timeline.TodoWords
		if words == nil {
			words = tl.DefaultTodoWords
		}
		s, err := tl.ReadSlack(path, tl.SlackOptions{Channels: o.Channels, Marker: o.Marker, All: o.All, Threads: o.Threads,
			WorkspaceURL: p.Config.Slack.WorkspaceURL, Window: w, TodoWords: words})
		if err != nil {
			return nil, inputErr(err)
		}
		var names []string
		for _, ch := range o.Channels {
			names = append(names, "#"+strings.TrimPrefix(strings.TrimSpace(ch), "#"))
		}
		return &imported{events: s.Events, from: "slack " + strings.Join(names, " "), responders: s.Responders, todos: s.Todos}, nil
	case "pagerduty":
		var r *os.File
		name := f.Display(path)
		var pd *tl.PagerDuty
		if o.Incident != "" {
			token := f.Getenv("PAGERDUTY_TOKEN")
			if token == "" {
				return nil, cmdutil.Usagef("%s", c.Lang().T("timeline.no-token"))
			}
			base := f.Getenv("PAGERDUTY_API_URL")
			if base == "" {
				base = tl.DefaultPagerDutyURL
			}
			client := o.HTTPClient
			if client == nil {
				client = &http.Client{Timeout: 60 * time.Second}
			}
			data, err := tl.FetchPagerDuty(context.Background(), client, base, token, o.Incident)
			if err != nil {
				return nil, err
			}
			if pd, err = tl.ReadPagerDuty(bytes.NewReader(data), "pagerduty incident "+o.Incident, w); err != nil {
				return nil, inputErr(err)
			}
			pd.Incident = o.Incident
		} else {
			var err error
			if r, err = openInput(path); err != nil {
				return nil, inputErr(fmt.Errorf("%s: %w", name, unwrap(err)))
			}
			defer r.Close()
			if pd, err = tl.ReadPagerDuty(r, name, w); err != nil {
				return nil, inputErr(err)
			}
		}
		from := "pagerduty"
		if pd.Incident != "" {
			from += " " + pd.Incident
		} else {
			from += " " + filepath.Base(path)
		}
		return &imported{events: pd.Events, from: from}, nil
	}
	name := f.Display(path)
	r, err := openInput(path)
	if err != nil {
		return nil, inputErr(fmt.Errorf("%s: %w", name, unwrap(err)))
	}
	defer r.Close()
	evs, err := tl.ReadCSV(r, name, p.Location(), w)
	if err != nil {
		return nil, inputErr(err)
	}
	return &imported{events: evs, from: "csv " + filepath.Base(path)}, nil
}

// openInput opens a file to import: a folder is refused as such at once (it opens, and reading it
// said "read ..: read /tmp/x: is a directory"); a pipe (<(...)) is read as a file is.
func openInput(path string) (*os.File, error) {
	r, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if fi, err := r.Stat(); err == nil && fi.IsDir() {
		r.Close()
		return nil, syscall.EISDIR
	}
	return r, nil
}

func unwrap(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// linkCell is an event's Data Link cell: a Markdown link, or its words when it has no address.
func linkCell(ev tl.Event) string {
	text := postmortem.EscapeCell(ev.LinkText) // its brackets escaped: it cannot end the link's text
	if ev.Link == "" {
		return text
	}
	if text == "" {
		text = "link"
	}
	dest := strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, ev.Link)
	dest = strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "|", "%7C", "<", "%3C", ">", "%3E").Replace(dest)
	return "[" + text + "](" + dest + ")"
}
