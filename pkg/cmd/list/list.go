// Package list implements `pm list`: the postmortems of the repository, newest first.
package list

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/pm-tools/pm/pkg/cmd/internal/cmdargs"
	"github.com/pm-tools/pm/pkg/cmd/internal/complete"
	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/present"
	"github.com/pm-tools/pm/pkg/project"
)

// Options are the flags of pm list.
type Options struct {
	F       *cmdutil.Factory
	Status  string
	Sev     []string // any of these severities
	Owner   string
	Open    bool
	Overdue bool
	Format  string
}

// NewCmdList returns the list command; runF replaces the run in tests of flag parsing.
func NewCmdList(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{F: f}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List postmortems with their status, owner and meeting deadline",
		Long: `List the postmortems of the repository, newest incident first: ID, SEV, STATUS,
OWNER, INCIDENT, MEETING (or DUE when unscheduled) and TITLE. Only front matter
is read, so it is fast on thousands of files.

--overdue keeps postmortems that are not Closed and whose meeting is unscheduled
past its deadline, or whose status has not moved for more than stale_days
(.pm.yaml, default 14). With --overdue, pm list exits 1 when it lists any, so
that a scheduled job can alert on it.

` + cmdutil.ExitCodesHelp,
		Example: `  pm list
  pm list --open --owner "Aiko Sato"
  pm list --overdue
  pm list --sev 1 --status in-review --format json
  pm list --sev 1 --sev 2 --open`,
		Args: cmdargs.None,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return listRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Status, "status", "", "only this status (draft, in-review, reviewed, closed)")
	fl.StringArrayVar(&opts.Sev, "sev", nil, "only this severity, 1 … 5 (repeat for several)")
	fl.StringVar(&opts.Owner, "owner", "", "only this owner (case-insensitive)")
	fl.BoolVar(&opts.Open, "open", false, "only postmortems that are not Closed")
	fl.BoolVar(&opts.Overdue, "overdue", false, "only open postmortems past their meeting deadline or stale")
	fl.StringVar(&opts.Format, "format", "table", "output format: table, json or csv")
	cmd.RegisterFlagCompletionFunc("status", complete.Flag(cmdutil.StatusWords...))
	cmd.RegisterFlagCompletionFunc("sev", complete.Flag(cmdutil.SeverityWords...))
	cmd.RegisterFlagCompletionFunc("format", complete.Flag("table", "json", "csv"))
	return cmd
}

func listRun(o *Options) error {
	f := o.F
	var wantStatus postmortem.Status
	var err error
	if o.Status != "" {
		if wantStatus, err = postmortem.ParseStatus(o.Status); err != nil {
			return cmdutil.Usagef("--status: %s", f.UserLang().T("usage.status", o.Status))
		}
	}
	sevs, err := cmdutil.Severities(f.UserLang(), o.Sev)
	if err != nil {
		return err
	}
	format := strings.ToLower(o.Format)
	if format != "table" && format != "json" && format != "csv" {
		return cmdutil.Usagef("%s", f.UserLang().T("usage.format-table", o.Format))
	}
	c := f.Context()
	p, err := c.Project()
	if err != nil {
		return cmdutil.Usagef("%v", err)
	}
	lang := c.Lang()
	if _, err := c.Folder(); err != nil {
		return err
	}
	files, err := p.Files()
	if err != nil {
		return err
	}
	now := c.Now()
	// Each postmortem is summarised on the goroutine that read it, and only the row is kept: the
	// fields a row shows, without the document, the front matter's text or its status history.
	type listed struct {
		row     row
		keep    bool
		skipped *project.Entry // a file that could not be listed: its path and why
	}
	meta := format == "json" // only JSON shows services, tags, related and recurrence_of
	all := project.MapFront(p, files, func(e project.Entry) listed {
		if e.Err != nil || e.Doc == nil || !e.Doc.Usable() {
			return listed{skipped: &project.Entry{Path: e.Path, Err: e.Err}}
		}
		fm := &e.Doc.Fields
		switch {
		case wantStatus != "" && fm.Status != wantStatus,
			len(sevs) > 0 && !sevs[fm.Severity],
			o.Owner != "" && !strings.EqualFold(strings.TrimSpace(fm.Owner), strings.TrimSpace(o.Owner)),
			o.Open && fm.Status == postmortem.StatusClosed:
			return listed{}
		}
		s := p.Summarize(e, now)
		if o.Overdue && !s.Overdue {
			return listed{}
		}
		return listed{row: newRow(&s, fm, meta), keep: true}
	})
	rows := make([]*row, 0, len(all))
	for i := range all {
		l := &all[i]
		if l.skipped != nil {
			fmt.Fprintln(f.IO.ErrOut, present.Line(project.SkipNote(*l.skipped, f.Display(l.skipped.Path)).In(lang)))
		}
		if l.keep {
			rows = append(rows, &l.row)
		}
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i].IncidentDate, rows[j].IncidentDate
		if !a.Equal(b) {
			return a.After(b)
		}
		return rows[i].ID > rows[j].ID
	})
	switch format {
	case "json":
		err = writeJSON(present.JSONWriter(f.IO.Out), p, rows)
	case "csv":
		err = f.WriteOut(func(w io.Writer) error { return writeCSV(w, p, rows) })
	default:
		if len(rows) == 0 {
			// a header over nothing says nothing: the note alone, on stderr (stdout stays empty)
			f.Infof("%s\n", lang.T("list.none"))
			break
		}
		writeTable(c, rows)
	}
	if err == nil && o.Overdue && len(rows) > 0 {
		return cmdutil.ErrSilentFindings // overdue postmortems are what a job alerts on
	}
	return err
}

// row is what pm list keeps of a postmortem: the fields it shows, each string copied off the front
// matter's text (which is read into a buffer the next file reuses), and the deadline and overdue
// state; at 10,000 rows, every word kept is 80 KB.
type row struct {
	Path, ID               string // the path as listed; the id is a part of it
	Title, Severity, Owner string
	Status                 postmortem.Status
	IncidentDate, Meeting  time.Time
	BadMeeting             string    // meeting as written when pm cannot read it
	Deadline               time.Time // zero without a meeting deadline
	Overdue                bool
	OverdueWhy             string
	*meta                  // JSON only
}

// meta is what only pm list --format json shows of a postmortem.
type meta struct {
	Services, Tags, Related []string
	RecurrenceOf            string
}

// newRow makes the row of a summarised postmortem; with meta, it keeps its metadata too.
func newRow(s *project.Summary, fm *postmortem.Fields, withMeta bool) row {
	r := row{Path: s.Path, ID: s.ID, Title: project.Detach(fm.Title), Severity: project.Detach(fm.Severity),
		Owner: project.Detach(fm.Owner), Status: postmortem.Status(project.Detach(string(fm.Status))),
		IncidentDate: fm.IncidentDate, Meeting: fm.Meeting, BadMeeting: project.Detach(fm.BadMeeting), Deadline: s.Deadline, Overdue: s.Overdue, OverdueWhy: s.OverdueWhy}
	if withMeta {
		r.meta = &meta{Services: project.DetachAll(fm.Services), Tags: project.DetachAll(fm.Tags), Related: project.DetachAll(fm.Related),
			RecurrenceOf: project.Detach(fm.RecurrenceOf)}
	}
	return r
}

// HasIncidentDate reports whether incident_date parsed, as postmortem.Fields says it.
func (r *row) HasIncidentDate() bool { return !r.IncidentDate.IsZero() }

// HasMeeting reports whether meeting is set and parsed, as postmortem.Fields says it.
func (r *row) HasMeeting() bool { return !r.Meeting.IsZero() }

// meetingCell is the MEETING column: the meeting time, or "due DATE" while unscheduled.
func meetingCell(s *row, loc *time.Location, lang i18n.Lang) string {
	switch {
	case s.HasMeeting():
		return s.Meeting.In(loc).Format("2006-01-02 15:04")
	case s.BadMeeting != "":
		return lang.T("list.bad-meeting", s.BadMeeting) // what is written, marked: pm status says why
	case !s.Deadline.IsZero():
		return lang.T("list.due", s.Deadline.Format("2006-01-02"))
	}
	return "-"
}

func incidentCell(fm *row, loc *time.Location) string {
	if !fm.HasIncidentDate() {
		return "-"
	}
	return fm.IncidentDate.In(loc).Format("2006-01-02")
}

func dash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}

// Columns of the table.
const (
	colID = iota
	colSev
	colStatus
	colOwner
	colIncident
	colMeeting
	colTitle
)

// writeTable lays out rows on the command's output: in the project's zone and language, coloured and
// fitted to the terminal as the Factory says.
func writeTable(c *cmdutil.Context, rows []*row) {
	loc, lang := c.Location(), c.Lang()
	// Fitted to a terminal, TITLE and then OWNER are shortened, never below a readable minimum; IDs
	// stay whole because they are what other commands take. If that is not enough, INCIDENT goes
	// (the ID starts with the incident date), then OWNER, then MEETING.
	t := &present.Table{
		Narrow: []present.Narrow{{Col: colTitle, Min: 10}, {Col: colOwner, Min: 8}},
		Drop:   []int{colIncident, colOwner, colMeeting},
		Scheme: c.F.Scheme(),
	}
	header := present.Cells(lang.T("list.col-id"), lang.T("list.col-sev"), lang.T("list.col-status"), lang.T("list.col-owner"),
		lang.T("list.col-incident"), lang.T("list.col-meeting"), lang.T("list.col-title"))
	// The cells are made as they are laid out, twice a row, rather than held for every row at once.
	t.WriteRows(c.F.IO.Out, c.F.TableWidth(100), len(rows)+1, func(i int, cells []present.Cell) []present.Cell {
		if i == 0 {
			return append(cells, header...)
		}
		s := rows[i-1]
		meeting := present.Cell{Text: meetingCell(s, loc, lang)}
		if s.Overdue {
			meeting = present.Cell{Text: meeting.Text + " !", Style: present.Overdue}
		}
		return append(cells, present.Cell{Text: s.ID}, present.Cell{Text: dash(s.Severity)},
			present.Cell{Text: dash(string(s.Status)), Style: present.StatusStyle(string(s.Status))},
			present.Cell{Text: dash(s.Owner)}, present.Cell{Text: incidentCell(s, loc)}, meeting, present.Cell{Text: dash(s.Title)})
	})
}

type jsonRow struct {
	ID           string `json:"id"`
	Path         string `json:"path"` // relative to the repository root, slash-separated
	Severity     string `json:"severity"`
	Status       string `json:"status"`
	Owner        string `json:"owner"`
	IncidentDate string `json:"incident_date"`
	Meeting      string `json:"meeting"`
	// MeetingUnreadable is meeting as written when pm cannot read it as a time (meeting is then "").
	MeetingUnreadable string `json:"meeting_unreadable,omitempty"`
	Deadline          string `json:"deadline"`
	Overdue           bool   `json:"overdue"`
	OverdueWhy        string `json:"overdue_reason,omitempty"`
	Title             string `json:"title"`
	// The metadata, [] and "" when the front matter has none.
	Services     []string `json:"services"`
	Tags         []string `json:"tags"`
	Related      []string `json:"related"`
	RecurrenceOf string   `json:"recurrence_of"`
}

// orEmpty is a list for JSON: [] rather than null.
func orEmpty(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

func toJSONRow(p *project.Project, s *row, loc *time.Location) jsonRow {
	r := jsonRow{ID: s.ID, Path: p.RelPath(s.Path), Severity: s.Severity, Status: string(s.Status), Owner: s.Owner,
		Overdue: s.Overdue, OverdueWhy: s.OverdueWhy, Title: s.Title,
		Services: []string{}, Tags: []string{}, Related: []string{}}
	if s.meta != nil {
		r.Services, r.Tags, r.Related, r.RecurrenceOf = orEmpty(s.Services), orEmpty(s.Tags), orEmpty(s.Related), s.RecurrenceOf
	}
	if s.HasIncidentDate() {
		r.IncidentDate = s.IncidentDate.In(loc).Format("2006-01-02")
	}
	if s.HasMeeting() {
		r.Meeting = s.Meeting.Format(time.RFC3339)
	}
	r.MeetingUnreadable = s.BadMeeting
	if !s.Deadline.IsZero() {
		r.Deadline = s.Deadline.Format("2006-01-02")
	}
	return r
}

func writeJSON(w io.Writer, p *project.Project, rows []*row) error {
	// Row by row, as json.Encoder with an indent of two spaces writes the whole array (the corpus
	// test holds the bytes to that): the output of thousands of rows is never all in memory.
	if len(rows) == 0 {
		_, err := io.WriteString(w, "[]\n")
		return err
	}
	loc := p.Location()
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString("[\n")
	for i, s := range rows {
		b, err := json.MarshalIndent(toJSONRow(p, s, loc), "  ", "  ")
		if err != nil {
			return err
		}
		bw.WriteString("  ")
		bw.Write(b)
		if i < len(rows)-1 {
			bw.WriteString(",\n")
		}
	}
	bw.WriteString("\n]\n")
	return bw.Flush()
}

func writeCSV(w io.Writer, p *project.Project, rows []*row) error {
	loc := p.Location()
	cw := csv.NewWriter(w)
	// the JSON's meeting_unreadable and overdue_reason last, so that a reader of the first columns by
	// position reads what it always read
	cw.Write([]string{"id", "severity", "status", "owner", "incident_date", "meeting", "deadline", "overdue", "title",
		"meeting_unreadable", "overdue_reason"})
	for _, s := range rows {
		r := toJSONRow(p, s, loc)
		// text from the documents made safe for a spreadsheet (a title that is a formula)
		sheet := present.SpreadsheetText
		cw.Write([]string{sheet(r.ID), r.Severity, r.Status, sheet(r.Owner), r.IncidentDate, r.Meeting, r.Deadline, strconv.FormatBool(r.Overdue), sheet(r.Title),
			sheet(r.MeetingUnreadable), sheet(r.OverdueWhy)})
	}
	cw.Flush()
	return cw.Error()
}
