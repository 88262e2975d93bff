// Package actions implements `pm actions`: the action items of every postmortem, with the severity and
// date tags their tickets carry, as a table, JSON, or a CSV file for Jira's CSV importer.
package actions

import (
	"errors"
	"fmt"
	"io"
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

// Options are the arguments and flags of pm actions.
type Options struct {
	F           *cmdutil.Factory
	Postmortems []string // paths, ids or parts of ids; none for every postmortem
	Open        bool
	Overdue     bool
	Format      string
}

// NewCmdActions returns the actions command; runF replaces the run in tests of argument parsing.
func NewCmdActions(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{F: f}
	cmd := &cobra.Command{
		Use:   "actions [POSTMORTEM...]",
		Short: "List the action items of postmortems, with their ticket tags",
		Long: `List the action items of the named postmortems, or of every postmortem in the
repository: the postmortem, priority, action, type, owner, due date, ticket, and
the two tags the process asks every ticket to carry: severity with incident date
(sev1_20261123) and severity alone (sev1). Postmortems come newest incident
first, their items in the order of the table. Items are read from the Action
Items table only: a postmortem whose Action Items are written as a list is named
on stderr, its items not listed (pm lint reports the list).

Where an item stands: a Status column in the Action Items table says it (open,
done or won't do; 未完了, 完了, 対応しない; empty is open). Without that column,
an item with a ticket (a URL or a key like OPS-123) is filed, its progress kept
by the tracker, and one without a ticket is open.
An open item's deadline is its Due date, else the incident date plus the days
its severity allows (action_item_deadline in .pm.yaml: 15 after a SEV-1, 30
after a SEV-2). Past it, the item is overdue: the table marks the date with "!"
and the days since. --open keeps the open items, --overdue the overdue ones;
with either, pm actions exits 1 when it lists any, so that a scheduled job can
alert on them.

POSTMORTEM is a path, an id (file name without .md) or a unique part of one.
Without any, every postmortem is read and those whose front matter does not
parse are skipped with a note.

--format csv writes a file for Jira's CSV importer with the columns Summary,
Priority, Labels, Due date, Assignee, Description: P0/P1/P2/P3 become
Highest/High/Medium/Low, Labels holds both tags separated by a space (Jira
labels cannot contain spaces, so the importer reads two labels), Due date is
YYYY-MM-DD (choose the date format yyyy-MM-dd in the importer), Assignee is the
owner as written (map it to a Jira user in the importer), and Description
repeats the action with its type, the postmortem and the link to the document
(repo_url in .pm.yaml, else the path in the repository). --format json writes an
array of objects with snake_case keys.

` + cmdutil.ExitCodesHelp + `
A named postmortem that does not parse ends with exit 1 and its front-matter
findings; a name that matches no postmortem, or several, with exit 2.`,
		Example: `  pm actions
  pm actions --open
  pm actions --overdue --format json
  pm actions 2026-11-20-checkout-latency dns
  pm actions --open --format csv > jira-import.csv
  pm actions --format json`,
		ValidArgsFunction: complete.EachArg(f.PostmortemIDs),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Postmortems = args
			if runF != nil {
				return runF(opts)
			}
			err := actionsRun(opts)
			var re *project.ResolveError
			if errors.As(err, &re) && len(re.Matches) == 0 && len(args) == 1 {
				// "pm actions sycn": the word names no postmortem, and looks like a subcommand
				if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
					return cmdutil.Usagef("%s%s", err.Error(), f.UserLang().T("cobra.did-you-mean", "pm actions "+strings.Join(s, ", pm actions ")))
				}
			}
			return err
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&opts.Open, "open", false, "only open items: not done, and without a ticket unless a Status column says (exit 1 when there are any)")
	fl.BoolVar(&opts.Overdue, "overdue", false, "only open items past their deadline (exit 1 when there are any)")
	fl.StringVar(&opts.Format, "format", "table", "output format: table, json or csv")
	cmd.RegisterFlagCompletionFunc("format", complete.Flag("table", "json", "csv"))
	return cmd
}

// item is one action item with what pm adds to it: the postmortem it comes from, its tags and link,
// where it stands, its deadline and whether it is past it.
type item struct {
	postmortem.ActionItem
	ID           string
	Rel          string // path relative to the repository root, slash-separated
	Severity     string
	IncidentDate string // YYYY-MM-DD, "" when missing
	Tags         []string
	Link         string
	DueDate      string // Due when it parses as YYYY-MM-DD, else ""
	State        postmortem.ActionState
	HasStatus    bool   // its table has a Status column
	Deadline     string // YYYY-MM-DD: DueDate, else the severity's latest day; "" when neither
	DaysOverdue  int    // days past Deadline of an open item, 0 when not overdue
	Overdue      bool
	Lang         i18n.Lang // the postmortem's language: the ticket's description is written in it
}

func actionsRun(o *Options) error {
	f := o.F
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
	chk, err := cmdutil.NewChecker(p, lang)
	if err != nil {
		return cmdutil.Usagef("%v", err)
	}
	loc := p.Location()
	now := c.Now()
	// Each postmortem's items are taken as it is read, and the document let go: its syntax tree is
	// some 50 KB, and 20,000 postmortems held at once took 1.1 GB.
	type read struct {
		date  time.Time
		id    string
		items []item
	}
	var reads []read
	err = load(o, c, chk, func(e project.Entry) {
		r := read{date: e.Doc.Fields.IncidentDate, id: e.ID}
		content := e.Doc.Content()
		for _, it := range content.ActionItems() {
			x := newItem(p, e, it, loc, now)
			x.HasStatus = it.HasStatusColumn()
			if ja, known := content.Japanese(); ja || (!known && lang == i18n.JA) {
				x.Lang = i18n.JA
			}
			if (o.Open && x.State != postmortem.ActionOpen) || (o.Overdue && !x.Overdue) {
				continue
			}
			r.items = append(r.items, x)
		}
		reads = append(reads, r)
	})
	if err != nil {
		return err
	}
	sort.SliceStable(reads, func(i, j int) bool {
		a, b := reads[i].date, reads[j].date
		if !a.Equal(b) {
			return a.After(b)
		}
		return reads[i].id > reads[j].id
	})
	var items []item
	for _, r := range reads {
		items = append(items, r.items...)
	}
	switch format {
	case "json":
		err = writeJSON(present.JSONWriter(f.IO.Out), items)
	case "csv":
		err = f.WriteOut(func(w io.Writer) error { return writeCSV(w, items) })
	default:
		writeTable(f.IO.Out, items, lang, f.Scheme(), f.TableWidth(80))
		switch {
		case len(items) > 0:
		case o.Overdue:
			f.Infof("%s\n", lang.T("actions.none-overdue"))
		case o.Open:
			f.Infof("%s\n", lang.T("actions.none-open"))
		default:
			f.Infof("%s\n", lang.T("actions.none"))
		}
	}
	if err == nil && len(items) > 0 && (o.Open || o.Overdue) {
		return cmdutil.ErrSilentFindings // open or overdue items are what a job alerts on
	}
	return err
}

// load hands each postmortem to read to take, in the order of the folder or of the names: the named
// ones, or every one whose front matter parses. It keeps none of them.
func load(o *Options, c *cmdutil.Context, chk *cmdutil.Checker, take func(project.Entry)) error {
	f := o.F
	p, err := c.Project()
	if err != nil {
		return cmdutil.Usagef("%v", err)
	}
	lang := c.Lang()
	if len(o.Postmortems) == 0 {
		if _, err := c.Folder(); err != nil {
			return err
		}
		all, err := p.Scan()
		if err != nil {
			return err
		}
		for i, e := range all {
			all[i] = project.Entry{} // let go of the document once taken
			if e.Err != nil || e.Doc == nil || e.Doc.Root == nil {
				fmt.Fprintln(f.IO.ErrOut, present.Line(project.SkipNote(e, f.Display(e.Path)).In(lang)))
				continue
			}
			noteUnread(f, lang, e)
			noteList(f, lang, e)
			take(e)
		}
		return nil
	}
	seen := map[string]bool{}
	for _, name := range o.Postmortems {
		e, err := f.ResolvePostmortem(p, name)
		if err != nil {
			return err
		}
		if e.Doc.Root == nil {
			chk.Lint(f.Display(e.Path), e.Doc.Src).Rule("front-matter").WriteText(present.Writer(f.IO.ErrOut))
			return cmdutil.Refusedf("%s", lang.T("usage.unparsable", f.Display(e.Path), f.Display(e.Path)))
		}
		if !seen[e.Path] {
			seen[e.Path] = true
			noteUnread(f, lang, e)
			noteList(f, lang, e)
			take(e)
		}
	}
	return nil
}

// noteList says of a postmortem whose Action Items are written as a list, with no table, that none
// of them is listed: pm reads items from the table only, and "No action items." alone would say
// there are none.
func noteList(f *cmdutil.Factory, lang i18n.Lang, e project.Entry) {
	if e.Doc.Content().ListWithoutTable("action-items") == nil {
		return
	}
	shown := f.Display(e.Path)
	fmt.Fprintln(f.IO.ErrOut, present.Line(lang.T("actions.list", shown, shown)))
}

// noteUnread says of a postmortem with action items whose severity or incident date pm cannot read
// that its items' deadlines lack them: an item without a Due date then has none, and is never
// listed as overdue.
func noteUnread(f *cmdutil.Factory, lang i18n.Lang, e project.Entry) {
	unread := project.UnreadKeys(e.Doc, "severity", "incident_date")
	if len(unread) == 0 || len(e.Doc.ActionItemsOnly()) == 0 {
		return
	}
	shown := f.Display(e.Path)
	fmt.Fprintln(f.IO.ErrOut, present.Line(lang.T("actions.unread", shown, strings.Join(unread, ", "), shown)))
}

func newItem(p *project.Project, e project.Entry, it postmortem.ActionItem, loc *time.Location, now time.Time) item {
	fm := &e.Doc.Fields
	x := item{ActionItem: it, ID: e.ID, Severity: fm.Severity, State: it.State()}
	x.Rel, x.Link = p.RelPath(e.Path), p.Link(e.Path)
	if fm.HasIncidentDate() {
		x.IncidentDate = fm.IncidentDate.In(loc).Format("2006-01-02")
	}
	x.Tags = tags(fm.Severity, fm.IncidentDate, loc)
	deadlines := p.ActionDeadlines()
	if d, ok := deadlines.Due(it); ok {
		x.DueDate = d.Format("2006-01-02")
	}
	if d, _, ok := deadlines.Of(it, fm.Severity, fm.IncidentDate); ok {
		x.Deadline = d.Format("2006-01-02")
	}
	x.DaysOverdue = deadlines.DaysOverdue(it, fm.Severity, fm.IncidentDate, now)
	x.Overdue = x.DaysOverdue > 0
	return x
}

// tags are the two labels the process puts on every ticket of a postmortem: severity with incident
// date ("sev1_20261123") and severity alone ("sev1"). Without a severity there are none; without an
// incident date, only the severity.
func tags(sev string, incident time.Time, loc *time.Location) []string {
	n := severity.Level(sev)
	if n == 0 {
		return nil
	}
	label := "sev" + strconv.Itoa(n)
	if incident.IsZero() {
		return []string{label}
	}
	return []string{label + "_" + incident.In(loc).Format("20060102"), label}
}

// jiraPriority maps the process's priorities to Jira's default priority names.
func jiraPriority(p string) string {
	switch strings.TrimSpace(postmortem.PriorityKey(p)) {
	case "P0":
		return "Highest"
	case "P1":
		return "High"
	case "P2":
		return "Medium"
	case "P3":
		return "Low"
	}
	return strings.TrimSpace(p)
}
