// Package list implements `pm list`: the postmortems of the repository, newest first.
package list

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/pm-tools/pm/pkg/cmd/internal/complete"
	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/present"
	"github.com/pm-tools/pm/pkg/project"
	"github.com/pm-tools/pm/pkg/severity"
)

// Options are the flags of pm list.
type Options struct {
	F        *cmdutil.Factory
	Status   string
	Severity string
	Owner    string
	Open     bool
	Overdue  bool
	Format   string
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
  pm list --sev 1 --status in-review --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return listRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Status, "status", "", "only this status (draft, in-review, reviewed, closed)")
	fl.StringVar(&opts.Severity, "sev", "", "only this severity (1 … 5)")
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
	wantSev := ""
	if o.Severity != "" {
		if wantSev, err = severity.Parse(o.Severity); err != nil {
			return cmdutil.Usagef("--sev: %s", f.UserLang().T("usage.severity", o.Severity))
		}
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
	// Thousands of small parses: collect garbage less often, memory stays small anyway.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	entries, err := p.ScanFront()
	if err != nil {
		return err
	}
	now := c.Now()
	var rows []project.Summary
	for _, e := range entries {
		if e.Err != nil || e.Doc == nil || !e.Doc.Usable() {
			fmt.Fprintln(f.IO.ErrOut, present.Line(lang.T("usage.skipped", f.Display(e.Path), f.Display(e.Path))))
			continue
		}
		s := p.Summarize(e, now)
		fm := &e.Doc.Fields
		switch {
		case wantStatus != "" && fm.Status != wantStatus,
			wantSev != "" && fm.Severity != wantSev,
			o.Owner != "" && !strings.EqualFold(strings.TrimSpace(fm.Owner), strings.TrimSpace(o.Owner)),
			o.Open && fm.Status == postmortem.StatusClosed,
			o.Overdue && !s.Overdue:
			continue
		}
		rows = append(rows, s)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i].Doc.Fields.IncidentDate, rows[j].Doc.Fields.IncidentDate
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
		writeTable(c, rows)
		if len(rows) == 0 {
			f.Infof("%s\n", lang.T("list.none"))
		}
	}
	if err == nil && o.Overdue && len(rows) > 0 {
		return cmdutil.ErrSilentFindings // overdue postmortems are what a job alerts on
	}
	return err
}

// meetingCell is the MEETING column: the meeting time, or "due DATE" while unscheduled.
func meetingCell(s project.Summary, loc *time.Location, lang i18n.Lang) string {
	fm := &s.Doc.Fields
	switch {
	case fm.HasMeeting():
		return fm.Meeting.In(loc).Format("2006-01-02 15:04")
	case !s.Deadline.IsZero():
		return lang.T("list.due", s.Deadline.Format("2006-01-02"))
	}
	return "-"
}

func incidentCell(fm *postmortem.Fields, loc *time.Location) string {
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
func writeTable(c *cmdutil.Context, rows []project.Summary) {
	loc, lang := c.Location(), c.Lang()
	// Fitted to a terminal, TITLE and then OWNER are shortened, never below a readable minimum; IDs
	// stay whole because they are what other commands take. If that is not enough, INCIDENT goes:
	// the ID starts with the incident date.
	t := &present.Table{
		Narrow: []present.Narrow{{Col: colTitle, Min: 10}, {Col: colOwner, Min: 8}},
		Drop:   []int{colIncident},
		Scheme: c.F.Scheme(),
	}
	t.AddRow(present.Cells(lang.T("list.col-id"), lang.T("list.col-sev"), lang.T("list.col-status"), lang.T("list.col-owner"),
		lang.T("list.col-incident"), lang.T("list.col-meeting"), lang.T("list.col-title"))...)
	for _, s := range rows {
		fm := &s.Doc.Fields
		meeting := present.Cell{Text: meetingCell(s, loc, lang)}
		if s.Overdue {
			meeting = present.Cell{Text: meeting.Text + " !", Style: present.Overdue}
		}
		t.AddRow(present.Cell{Text: s.ID}, present.Cell{Text: dash(fm.Severity)},
			present.Cell{Text: dash(string(fm.Status)), Style: present.StatusStyle(string(fm.Status))},
			present.Cell{Text: dash(fm.Owner)}, present.Cell{Text: incidentCell(fm, loc)}, meeting, present.Cell{Text: dash(fm.Title)})
	}
	t.Write(c.F.IO.Out, c.F.TableWidth(100))
}

type jsonRow struct {
	ID           string `json:"id"`
	Path         string `json:"path"` // relative to the repository root, slash-separated
	Severity     string `json:"severity"`
	Status       string `json:"status"`
	Owner        string `json:"owner"`
	IncidentDate string `json:"incident_date"`
	Meeting      string `json:"meeting"`
	Deadline     string `json:"deadline"`
	Overdue      bool   `json:"overdue"`
	OverdueWhy   string `json:"overdue_reason,omitempty"`
	Title        string `json:"title"`
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

func toJSONRow(p *project.Project, s project.Summary, loc *time.Location) jsonRow {
	fm := &s.Doc.Fields
	r := jsonRow{ID: s.ID, Path: p.RelPath(s.Path), Severity: fm.Severity, Status: string(fm.Status), Owner: fm.Owner,
		Overdue: s.Overdue, OverdueWhy: s.OverdueWhy, Title: fm.Title,
		Services: orEmpty(fm.Services), Tags: orEmpty(fm.Tags), Related: orEmpty(fm.Related), RecurrenceOf: fm.RecurrenceOf}
	if fm.HasIncidentDate() {
		r.IncidentDate = fm.IncidentDate.In(loc).Format("2006-01-02")
	}
	if fm.HasMeeting() {
		r.Meeting = fm.Meeting.Format(time.RFC3339)
	}
	if !s.Deadline.IsZero() {
		r.Deadline = s.Deadline.Format("2006-01-02")
	}
	return r
}

func writeJSON(w io.Writer, p *project.Project, rows []project.Summary) error {
	loc := p.Location()
	out := make([]jsonRow, 0, len(rows))
	for _, s := range rows {
		out = append(out, toJSONRow(p, s, loc))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func writeCSV(w io.Writer, p *project.Project, rows []project.Summary) error {
	loc := p.Location()
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "severity", "status", "owner", "incident_date", "meeting", "deadline", "overdue", "title"})
	for _, s := range rows {
		r := toJSONRow(p, s, loc)
		cw.Write([]string{r.ID, r.Severity, r.Status, r.Owner, r.IncidentDate, r.Meeting, r.Deadline, strconv.FormatBool(r.Overdue), r.Title})
	}
	cw.Flush()
	return cw.Error()
}
