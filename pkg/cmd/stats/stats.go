// Package stats implements `pm stats`: whether the team follows its postmortem process, over the
// repository's postmortems — counts, meeting deadlines, time to Reviewed and Closed, follow-ups.
package stats

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/pm-tools/pm/pkg/cmd/internal/cmdargs"
	"github.com/pm-tools/pm/pkg/cmd/internal/complete"
	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/config"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/fold"
	"github.com/pm-tools/pm/pkg/present"
	"github.com/pm-tools/pm/pkg/project"
	"github.com/pm-tools/pm/pkg/stats"
	"github.com/pm-tools/pm/pkg/workflow"
)

// Options are the flags of pm stats.
type Options struct {
	F        *cmdutil.Factory
	Since    string   // YYYY-MM-DD: incidents on or after
	Until    string   // YYYY-MM-DD: incidents on or before
	Services []string // any of these services
	Tags     []string // any of these tags
	Sev      []string // any of these severities
	Format   string
}

// NewCmdStats returns the stats command; runF replaces the run in tests of flag parsing.
func NewCmdStats(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{F: f}
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Report how the process is followed: meetings, follow-ups, closing",
		Long: `Report on the repository's postmortems: how many, by severity and by month of
the incident; meetings held within their deadline (met, missed, or pending while
the deadline is ahead); days from the incident to Reviewed and to Closed (median
and 90th percentile, from status_history); action items (total, done, done by
their deadline, open past it, the age of the oldest open one); and recurrences
(postmortems with recurrence_of), by service.

Done by the deadline needs to know when an item was done: write the date after
the state in the Status column ("done 2026-12-03"); an undated done item counts
as in time while its deadline is still ahead.

A status_history entry dated before the incident or after now cannot be when
its move was made: it is left out of the days to Reviewed and Closed, and a
note on stderr names the file (pm lint warns of it).

--format json has the keys postmortems, by_severity, by_month, meeting_sla,
days_to_reviewed, days_to_closed, action_items and recurrences; --format csv
has one row per postmortem with its figures, for a spreadsheet.

` + cmdutil.ExitCodesHelp,
		Example: `  pm stats
  pm stats --since 2026-01-01 --service checkout
  pm stats --sev 1 --sev 2 --format json`,
		Args: cmdargs.None,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return statsRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Since, "since", "", "only incidents on or after this date (YYYY-MM-DD, 2026/11/20 or 2026年11月20日)")
	fl.StringVar(&opts.Until, "until", "", "only incidents on or before this date (YYYY-MM-DD, 2026/11/20 or 2026年11月20日)")
	fl.StringArrayVar(&opts.Services, "service", nil, "only postmortems of this service, or of one of its aliases (repeat for several)")
	fl.StringArrayVar(&opts.Tags, "tag", nil, "only postmortems with this tag (repeat for several)")
	fl.StringArrayVar(&opts.Sev, "sev", nil, "only this severity, 1 … 5 (repeat for several)")
	fl.StringVar(&opts.Format, "format", "table", "output format: table, json or csv")
	cmd.RegisterFlagCompletionFunc("sev", complete.Flag(cmdutil.SeverityWords...))
	cmd.RegisterFlagCompletionFunc("format", complete.Flag("table", "json", "csv"))
	return cmd
}

func statsRun(o *Options) error {
	f := o.F
	format := strings.ToLower(o.Format)
	if format != "table" && format != "json" && format != "csv" {
		return cmdutil.Usagef("%s", f.UserLang().T("usage.format-table", o.Format))
	}
	sevs, err := cmdutil.Severities(f.UserLang(), o.Sev)
	if err != nil {
		return err
	}
	for _, fl := range []struct {
		name   string
		values []string
	}{{"--service", o.Services}, {"--tag", o.Tags}} {
		for _, v := range fl.values {
			if strings.TrimSpace(v) == "" { // matches nothing: a shell variable left unset, not a question
				return cmdutil.Usagef("%s", f.UserLang().T("stats.empty-name", fl.name))
			}
		}
	}
	c := f.Context()
	p, err := c.Project()
	if err != nil {
		return cmdutil.Usagef("%v", err)
	}
	lang, loc := c.Lang(), c.Location()
	since, err := dateFlag("--since", o.Since, loc, lang)
	if err != nil {
		return err
	}
	until, err := dateFlag("--until", o.Until, loc, lang)
	if err != nil {
		return err
	}
	if since != "" && until != "" && since > until { // YYYY-MM-DD: in order as text
		return cmdutil.Usagef("%s", lang.T("stats.reversed", since, until))
	}
	if _, err := c.Folder(); err != nil {
		return err
	}
	files, err := p.Files()
	if err != nil {
		return err
	}
	// Each file is read, filtered and reduced to its row of figures on the reading goroutines, so
	// that only the rows stay in memory and only their sum is left for the end.
	// Names are compared as .pm.yaml's vocabulary names them, so that an alias matches its name.
	canon := func(key string, values []string) []string {
		terms := p.Config.Vocabulary.Terms(key)
		if len(terms) == 0 {
			return values
		}
		out := make([]string, len(values))
		for i, v := range values {
			out[i] = v
			if c, ok := config.Canonical(terms, strings.TrimSpace(v)); ok {
				out[i] = c
			}
		}
		return out
	}
	services, tags := canon("services", o.Services), canon("tags", o.Tags)
	so := stats.Options{Schedule: p.Schedule(), Actions: p.ActionDeadlines(), Now: c.Now(), Location: loc}
	type loaded struct {
		row     stats.Row
		keep    bool
		skipped *project.Entry // a file that could not be read or parsed: its path and why
		leftOut string         // a file some of whose status_history entries the days leave out (Row.LeftOut)
		unread  []string       // the keys the figures need that the file's front matter does not give readably
	}
	reduce := func(e project.Entry) loaded {
		if e.Err != nil || e.Doc == nil || e.Doc.Root == nil {
			return loaded{skipped: &project.Entry{Path: e.Path, Err: e.Err}}
		}
		fm := e.Doc.Fields
		day := ""
		if fm.HasIncidentDate() {
			day = fm.IncidentDate.In(loc).Format("2006-01-02")
		}
		switch {
		case len(sevs) > 0 && !sevs[fm.Severity],
			since != "" && (day == "" || day < since),
			until != "" && (day == "" || day > until),
			!stats.MatchAny(canon("services", fm.Services), services),
			!stats.MatchAny(canon("tags", fm.Tags), tags):
			return loaded{}
		}
		in := stats.Input{ID: e.ID, Fields: &fm, Items: e.Doc.ActionItemsOnly()}
		if format == "csv" { // the only output that shows the path
			in.Path = p.RelPath(e.Path)
		}
		l := loaded{keep: true, row: detach(stats.Figures(in, so))}
		// by the vocabulary's names, each once: an alias counts as its name (recurrences by
		// service, the CSV's columns), as --service matches it and pm site pages it
		l.row.Services, l.row.Tags = once(canon("services", l.row.Services)), once(canon("tags", l.row.Tags))
		if l.row.LeftOut > 0 {
			l.leftOut = e.Path
		}
		l.unread = project.UnreadKeys(e.Doc, "severity", "incident_date", "status")
		return l
	}
	all := project.Map(p, files, reduce)
	n := 0
	for i := range all {
		if all[i].keep {
			n++
		}
	}
	rows := make([]stats.Row, 0, n)
	for i := range all {
		switch l := &all[i]; {
		case l.skipped != nil:
			fmt.Fprintln(f.IO.ErrOut, present.Line(project.SkipNote(*l.skipped, f.Display(l.skipped.Path)).In(lang)))
		case l.keep:
			if len(l.unread) > 0 {
				// counted, as pm list lists it, but not silently: the figures lack what it lacks
				shown := f.Display(files[i])
				fmt.Fprintln(f.IO.ErrOut, present.Line(lang.T("stats.unread", shown, strings.Join(l.unread, ", "), shown)))
			}
			if l.row.SelfRecurrence {
				shown := f.Display(files[i])
				fmt.Fprintln(f.IO.ErrOut, present.Line(lang.T("stats.self-recurrence", shown, shown)))
			}
			if l.leftOut != "" {
				fmt.Fprintln(f.IO.ErrOut, present.Line(lang.T("stats.left-out", f.Display(l.leftOut),
					lang.N("n.history-entry", l.row.LeftOut), f.Display(l.leftOut))))
			}
			rows = append(rows, l.row)
		}
	}
	r := stats.Sum(rows)
	switch format {
	case "json":
		enc := json.NewEncoder(present.JSONWriter(f.IO.Out))
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	case "csv":
		return f.WriteOut(func(w io.Writer) error { return writeCSV(w, r) })
	}
	writeReport(f.IO.Out, r, lang)
	return nil
}

// once is values without repeats, in their order, each in its composed form (fold.Form): café
// written twice, composed and decomposed, or as Café, is there once.
func once(values []string) []string {
	var out []string
	if len(values) <= 8 { // the usual few: compared with each other, no map
		for _, v := range values {
			if !slices.ContainsFunc(out, func(o string) bool { return fold.Equal(o, v) }) {
				out = append(out, fold.Form(v))
			}
		}
		return out
	}
	// Many (a front matter listing thousands of services): each compared with every other one
	// took the square of their number, 20,000 over a minute. fold.Equal is equal keys, and the
	// composed form kept has its value's key.
	seen := make(map[string]bool, len(values))
	for _, v := range values {
		if k := fold.Key(v); !seen[k] {
			seen[k] = true
			out = append(out, fold.Form(v))
		}
	}
	return out
}

// detach copies the strings a row takes from the front matter: they are slices of the whole block's
// text, which the row would otherwise keep alive, a few hundred bytes a postmortem.
func detach(r stats.Row) stats.Row {
	r.Severity, r.Status, r.RecurrenceOf = project.Detach(r.Severity), project.Detach(r.Status), project.Detach(r.RecurrenceOf)
	r.Services, r.Tags = project.DetachAll(r.Services), project.DetachAll(r.Tags)
	return r
}

// dateFlag reads a date flag's value in the forms pm new --date takes (YYYY-MM-DD, 2026/12/01,
// 2026年12月1日, full width, a weekday in brackets that must be the date's) and returns it as
// YYYY-MM-DD ("" when unset).
func dateFlag(name, v string, loc *time.Location, lang i18n.Lang) (string, error) {
	if v == "" {
		return "", nil
	}
	d, ok := workflow.ParseDue(v, loc)
	if !ok {
		return "", cmdutil.Usagef("%s: %s", name, lang.T("stats.bad-date", v))
	}
	if d.WeekdayMistyped() {
		return "", cmdutil.Usagef("%s %q: %s", name, v, lang.T("timeline.weekday", d.Day.Format("2006-01-02"), d.DayName(), d.Weekday))
	}
	return d.Day.Format("2006-01-02"), nil
}

// barWidth is the longest bar of the report, in cells.
const barWidth = 30

// writeReport writes the report for a person: sections of labelled figures, with bars for counts.
func writeReport(w io.Writer, r *stats.Report, lang i18n.Lang) {
	p := func(format string, args ...any) { fmt.Fprintf(w, format, args...) }
	p("%s\n", lang.N("stats.postmortems", r.Postmortems))
	if r.Postmortems == 0 {
		return
	}
	sevs := sortedKeys(r.BySeverity)
	p("\n%s\n", lang.T("stats.by-severity"))
	most := 0
	for _, s := range sevs {
		most = max(most, r.BySeverity[s])
	}
	for _, s := range sevs {
		p("  %-7s %4d  %s\n", s, r.BySeverity[s], present.Bar(float64(r.BySeverity[s]), float64(most), barWidth))
	}
	months := sortedKeys(r.ByMonth)
	p("\n%s\n", lang.T("stats.by-month"))
	most = 0
	for _, m := range months {
		most = max(most, total(r.ByMonth[m]))
	}
	for _, m := range months {
		var parts []string
		for _, s := range sortedKeys(r.ByMonth[m]) {
			parts = append(parts, fmt.Sprintf("%s %d", s, r.ByMonth[m][s]))
		}
		n := total(r.ByMonth[m])
		p("  %s %4d  %-*s  %s\n", m, n, barWidth, present.Bar(float64(n), float64(most), barWidth), strings.Join(parts, ", "))
	}
	sla := r.MeetingSLA
	p("\n%s\n", lang.T("stats.meeting", sla.Met, sla.Missed, sla.Pending, percent(sla.Met, sla.Met+sla.Missed)))
	if d := r.DaysToReviewed; d.Count > 0 {
		p("%s\n", lang.T("stats.to-reviewed", fmtDays(d.Median), fmtDays(d.P90), d.Count))
	} else {
		p("%s\n", lang.T("stats.to-reviewed-none"))
	}
	if d := r.DaysToClosed; d.Count > 0 {
		p("%s\n", lang.T("stats.to-closed", fmtDays(d.Median), fmtDays(d.P90), d.Count))
	} else {
		p("%s\n", lang.T("stats.to-closed-none"))
	}
	a := r.ActionItems
	line := lang.T("stats.actions", a.Total, a.Done, a.DoneByDeadline, percent(a.DoneByDeadline, a.Done), a.Overdue)
	if a.Done == 0 { // no share of nothing: "(0 of them by the deadline (-))" said nothing
		line = lang.T("stats.actions-none-done", a.Total, a.Overdue)
	}
	if r.OpenItems > 0 {
		line += lang.T("stats.oldest-open", r.OpenItems, lang.N("n.day", a.OldestOpenDays))
	}
	if a.Filed > 0 {
		line += lang.T("stats.filed", a.Filed)
	}
	p("%s\n", line)
	if r.Recurrences == 0 {
		p("%s\n", lang.T("stats.recurrences-none"))
		return
	}
	var by []string
	for _, s := range sortedKeys(r.RecurrencesByService) {
		by = append(by, fmt.Sprintf("%s %d", s, r.RecurrencesByService[s]))
	}
	line = lang.T("stats.recurrences", r.Recurrences)
	if len(by) > 0 {
		line += " (" + strings.Join(by, ", ") + ")"
	}
	p("%s\n", present.Line(line))
}

func fmtDays(d float64) string { return strconv.FormatFloat(d, 'f', -1, 64) }

// percent is part of whole as a whole percentage, "-" when whole is 0.
func percent(part, whole int) string {
	if whole == 0 {
		return "-"
	}
	return strconv.Itoa((part*100+whole/2)/whole) + "%"
}

func total(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// csvHeader names the columns of --format csv, one row per postmortem.
var csvHeader = []string{"postmortem", "path", "severity", "status", "incident_date", "services", "meeting",
	"days_to_reviewed", "days_to_closed", "action_items", "done", "done_by_deadline", "overdue", "recurrence_of"}

func writeCSV(w io.Writer, r *stats.Report) error {
	cw := csv.NewWriter(w)
	cw.Write(csvHeader)
	opt := func(d *float64) string {
		if d == nil {
			return ""
		}
		return fmtDays(*d)
	}
	for _, row := range r.Rows {
		// text from the documents made safe for a spreadsheet; the numbers are pm's own
		sheet := present.SpreadsheetText
		cw.Write([]string{sheet(row.ID), sheet(row.Path), row.Severity, row.Status, row.IncidentDate, sheet(strings.Join(row.Services, ";")),
			row.Meeting, opt(row.DaysToReviewed), opt(row.DaysToClosed), strconv.Itoa(row.Items), strconv.Itoa(row.Done),
			strconv.Itoa(row.DoneByDeadline), strconv.Itoa(row.Overdue), sheet(row.RecurrenceOf)})
	}
	cw.Flush()
	return cw.Error()
}
