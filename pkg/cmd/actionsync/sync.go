// Package actionsync implements `pm actions sync`: read where each action item's ticket stands in
// Jira or GitHub (or a Jira CSV export) and write it into the Status column, in one commit.
package actionsync

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/pm-tools/pm/pkg/cmd/internal/complete"
	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/present"
	"github.com/pm-tools/pm/pkg/project"
	"github.com/pm-tools/pm/pkg/tracker"
)

// Options are the arguments and flags of pm actions sync.
type Options struct {
	F           *cmdutil.Factory
	Postmortems []string // paths, ids or parts of ids; none for every postmortem
	FromCSV     string   // a Jira CSV export to read Jira tickets from instead of Jira's API
	GitHubRepo  string   // owner/repo a bare #123 refers to
	DryRun      bool
	NoCommit    bool
	NoVerify    bool
}

// The environment variables pm actions sync reads.
const (
	EnvJiraURL     = "JIRA_URL"
	EnvJiraUser    = "JIRA_USER"
	EnvJiraToken   = "JIRA_TOKEN"
	EnvGitHubToken = "GITHUB_TOKEN"
	EnvGitHubAPI   = "GITHUB_API_URL"    // GitHub Enterprise's API, as GitHub Actions sets it
	EnvGitHubHost  = "GITHUB_SERVER_URL" // GitHub Enterprise's web address, whose issue URLs count too
)

// NewCmdSync returns the sync command; runF replaces the run in tests of argument parsing.
func NewCmdSync(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{F: f}
	cmd := &cobra.Command{
		Use:   "sync [POSTMORTEM...]",
		Short: "Write each action item's ticket state into the Status column",
		Long: `Read where each action item's ticket stands and write it into the Status
column of the Action Items table: open, done or won't do (未完了, 完了,
対応しない in a Japanese table). The tracker wins: an item whose ticket was
reopened goes back to open. Only the items whose state changed are written, and
every postmortem changed goes into one commit; each change is printed as one
line: <id>: <action> <old> → <new> (<ticket>).

Tickets are read from the Ticket cell: a Jira key (OPS-123) or browse URL,
owner/repo#N, or a GitHub issue URL. A bare #N needs --github-repo owner/repo.
A cell naming several tickets is open while any of them is open. An item whose
ticket pm cannot read is left as it is, with a note.

Jira: JIRA_URL (https://example.atlassian.net, or a server's base URL), with
JIRA_USER and JIRA_TOKEN (an API token) for basic authentication, or JIRA_TOKEN
alone for a personal access token (Server, Data Center). The keys are searched
for in batches with the JQL key in (…). An issue in the done status category is
done, or won't do when its resolution is Won't Do, Won't Fix, Declined,
Duplicate or Cannot Reproduce; any other is open. --from-csv FILE reads a Jira
CSV export instead (columns Issue key, Status Category or Status, Resolution),
with no call to Jira (GitHub issues are still asked of GitHub); a row cut short,
an empty status or one with a line break, or a key on two rows that disagree is
an error naming its line.

GitHub: GITHUB_TOKEN (needed for private repositories; GITHUB_API_URL for
GitHub Enterprise). Closed as completed is done, closed as not planned or as a
duplicate is won't do, open is open.

A closed ticket's state is written with the day it closed, in the configured
time zone (done 2026-12-03), as pm stats reads it. When the table has no Status
column, pm adds one at its right end (items whose ticket it could not read get
an empty cell, which reads as open).

Errors: a tracker's rate limit (pm says when it resets), refused credentials,
or any other failure stop the command before anything is written: the files
are changed all together or not at all.

` + cmdutil.ExitCodesHelp,
		Example: `  export JIRA_URL=https://example.atlassian.net JIRA_USER=me@example.com
  JIRA_TOKEN=… pm actions sync
  GITHUB_TOKEN=$(gh auth token) pm actions sync --github-repo acme/api
  pm actions sync --from-csv jira-export.csv --dry-run
  pm actions sync 2026-11-20-checkout-latency --no-commit`,
		ValidArgsFunction: complete.EachArg(f.PostmortemIDs),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Postmortems = args
			if runF != nil {
				return runF(opts)
			}
			return syncRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.FromCSV, "from-csv", "", "read Jira tickets from a Jira CSV export instead of Jira's API")
	fl.StringVar(&opts.GitHubRepo, "github-repo", "", "the owner/repo a bare #123 in a Ticket cell refers to")
	fl.BoolVar(&opts.DryRun, "dry-run", false, "print the changes without writing them")
	fl.BoolVar(&opts.NoCommit, "no-commit", false, "change the files without committing them")
	fl.BoolVar(&opts.NoVerify, "no-verify", false, "commit without running the pre-commit and commit-msg hooks")
	return cmd
}

// item is one action item whose ticket pm reads.
type item struct {
	entry  project.Entry
	row    int // index in the document's action items (postmortem.Content.ActionItems)
	line   int
	action string
	ticket string // the Ticket cell as written
	refs   []tracker.Ref
	old    postmortem.ActionState
	oldSet bool   // the Status cell says a state pm knows (or the table has no Status column)
	cell   string // the Status cell as written
	// what sync found
	state   postmortem.ActionState
	closed  time.Time // when the ticket closed, zero when open or not said
	sources []string
}

func syncRun(ctx context.Context, o *Options) error {
	if ctx == nil {
		ctx = context.Background()
	}
	f := o.F
	c := f.Context()
	if _, err := c.Project(); err != nil {
		return cmdutil.Usagef("%v", err)
	}
	lang := c.Lang()
	if o.GitHubRepo != "" {
		if err := tracker.CheckRepo(o.GitHubRepo); err != nil {
			return cmdutil.Usagef("%s", lang.T("sync.bad-repo", o.GitHubRepo))
		}
	}
	entries, err := load(o, c)
	if err != nil {
		return err
	}
	parser := tracker.Parser{DefaultRepo: o.GitHubRepo}
	if u, err := url.Parse(f.Getenv(EnvGitHubHost)); err == nil && u.Hostname() != "" {
		parser.GitHubHosts = []string{u.Hostname()}
	}
	if u, err := url.Parse(f.Getenv(EnvJiraURL)); err == nil && u.Hostname() != "" {
		parser.JiraHost = u.Hostname() // another Jira's browse URL is not asked of this one
	}
	var items []*item
	for _, e := range entries {
		items = append(items, readItems(f, lang, e, parser)...)
	}
	if len(items) == 0 {
		f.Infof("%s\n", lang.T("sync.no-tickets"))
		return nil
	}
	if err := readStates(ctx, o, c, items); err != nil {
		return err
	}
	changed := map[string][]*item{} // by postmortem path
	var order []string
	var lines, logLines []string // what the user reads, and the commit message's body (in English, as pm's messages are)
	sources := map[string]bool{}
	n, read := 0, 0
	for _, it := range items {
		if it.sources != nil {
			read++
		}
		if it.sources == nil || !isChange(it) {
			continue
		}
		path := it.entry.Path
		if changed[path] == nil {
			order = append(order, path)
		}
		changed[path] = append(changed[path], it)
		for _, s := range it.sources {
			sources[s] = true
		}
		n++
	}
	if n == 0 {
		f.Infof("%s\n", lang.T("sync.none", read))
		return nil
	}
	var changedEntries []project.Entry
	var datas [][]byte
	for _, path := range order {
		its := changed[path]
		e := its[0].entry
		ja := japaneseTable(e.Doc.Content())
		var edits []postmortem.StatusEdit
		for _, it := range its {
			text := word(it.state, ja)
			if it.state.Closed() && !it.closed.IsZero() {
				// dated as pm stats reads it: done by the deadline or not
				text += " " + it.closed.In(c.Location()).Format("2006-01-02")
			}
			edits = append(edits, postmortem.StatusEdit{Row: it.row, Status: text})
			// escaped for the terminal, and for the commit message, which git log shows there too
			line := func(l i18n.Lang) string {
				return present.Line(fmt.Sprintf("%s: %s %s → %s (%s)", e.ID, it.action, oldWord(it, ja, l), text, it.ticket))
			}
			lines = append(lines, line(lang))
			logLines = append(logLines, line(i18n.EN))
		}
		header := "Status"
		if ja {
			header = "状態"
		}
		data, err := postmortem.SetActionStatuses(f.Display(e.Path), e.Doc.Src, edits, header)
		if err != nil {
			return cmdutil.Usagef("%s", lang.T("sync.failed", err))
		}
		changedEntries, datas = append(changedEntries, e), append(datas, data)
	}
	if o.DryRun {
		for _, l := range lines {
			fmt.Fprintln(f.IO.Out, l)
		}
		f.Infof("%s\n", lang.T("sync.dry-run"))
		return nil
	}
	msg := fmt.Sprintf("postmortem: sync %d action item%s from %s\n\n%s\n", n, plural(n), sourceList(sources), strings.Join(logLines, "\n"))
	// the postmortems whose items were left as they are were read as well: checked under the lock
	// with those written, they make the result that of one run after another one's, never a mix of
	// the files read before another sync's commit and those read after it
	var unchanged []project.Entry
	for _, it := range items {
		if changed[it.entry.Path] == nil && (len(unchanged) == 0 || unchanged[len(unchanged)-1].Path != it.entry.Path) {
			unchanged = append(unchanged, it.entry)
		}
	}
	saved, err := c.WriteAll(changedEntries, datas, cmdutil.Save{NoCommit: o.NoCommit, NoVerify: o.NoVerify, Message: msg, Read: unchanged})
	if err != nil {
		return err
	}
	if !f.IO.Quiet {
		for _, l := range lines {
			fmt.Fprintln(f.IO.Out, l)
		}
	}
	c.ReportAll(saved, func(s string) { f.Infof("%s\n", present.Line(s)) })
	return nil
}

// readItems returns the action items of a postmortem that name a ticket pm can read, and notes
// those naming only tickets it cannot.
func readItems(f *cmdutil.Factory, lang i18n.Lang, e project.Entry, parser tracker.Parser) []*item {
	c := e.Doc.Content()
	var out []*item
	i := -1 // index in the document's action items, across its tables
	for _, at := range c.ActionTables() {
		for _, r := range at.Rows {
			i++
			if it := readItem(f, lang, e, c, parser, at, r, i); it != nil {
				out = append(out, it)
			}
		}
	}
	return out
}

// readItem returns the item of row r (the i-th of the document), or nil when it names no ticket pm
// can read.
func readItem(f *cmdutil.Factory, lang i18n.Lang, e project.Entry, c *postmortem.Content, parser tracker.Parser, at *postmortem.ActionTable, r postmortem.ActionRow, i int) *item {
	found := parser.Parse(r.Ticket.Text, c.CellLinks(r.Ticket))
	line, _ := e.Doc.BodyPosition(r.Priority.Start)
	if len(found.Unreadable) > 0 {
		fmt.Fprintln(f.IO.ErrOut, present.Line(lang.T("sync.unreadable", f.Display(e.Path), line, strings.Join(found.Unreadable, ", "))))
		if len(found.Refs) > 0 {
			// part of what the cell names cannot be read: the item's state cannot be known
			return nil
		}
	}
	if len(found.Refs) == 0 {
		return nil
	}
	it := &item{entry: e, row: i, line: line, action: c.ActionText(r), ticket: r.Ticket.Text, refs: found.Refs, cell: r.Status.Text}
	if at.HasStatus {
		it.old, it.oldSet = postmortem.ParseActionState(r.Status.Text)
	} else {
		it.old, it.oldSet = postmortem.ActionFiled, true
	}
	return it
}

// isChange reports whether writing the item's new state changes what the file says. A Status cell pm
// does not understand is left alone while its ticket is open (lint reports the word).
func isChange(it *item) bool {
	if !it.oldSet {
		return it.state != postmortem.ActionOpen
	}
	return it.state != it.old
}

// readStates asks each tracker once for every ticket it holds, and sets each item's state. Any
// failure ends the run before anything is written.
func readStates(ctx context.Context, o *Options, c *cmdutil.Context, items []*item) error {
	f, lang := o.F, c.Lang()
	var jiraKeys []string
	var ghRefs []tracker.Ref
	seen := map[tracker.Ref]bool{}
	for _, it := range items {
		for _, r := range it.refs {
			if seen[r] {
				continue
			}
			seen[r] = true
			if r.Kind == tracker.Jira {
				jiraKeys = append(jiraKeys, r.Key)
			} else {
				ghRefs = append(ghRefs, r)
			}
		}
	}
	sort.Strings(jiraKeys)
	jira := map[string]tracker.Result{}
	jiraSource := "jira"
	if o.FromCSV != "" {
		// read even when no item names a Jira key: a file that cannot be read is a mistake to report
		jiraSource = "a jira csv export"
		file, err := os.Open(f.Abs(o.FromCSV))
		if err != nil {
			return cmdutil.Usagef("%s", lang.T("sync.csv", o.FromCSV, err))
		}
		jira, err = tracker.ReadJiraCSV(file, c.Location())
		file.Close()
		if err != nil {
			return cmdutil.Usagef("%s", lang.T("sync.csv", o.FromCSV, err))
		}
	}
	if len(jiraKeys) > 0 && o.FromCSV == "" {
		var err error
		switch {
		case f.Getenv(EnvJiraURL) == "":
			return cmdutil.Usagef("%s", lang.T("sync.no-jira", len(jiraKeys), strings.Join(first(jiraKeys, 3), ", ")))
		default:
			jc := &tracker.JiraClient{BaseURL: f.Getenv(EnvJiraURL), User: f.Getenv(EnvJiraUser), Token: f.Getenv(EnvJiraToken), Now: f.Clock}
			if jira, err = jc.States(ctx, jiraKeys); err != nil {
				return failure(c, err)
			}
		}
	}
	gh := map[tracker.Ref]tracker.Result{}
	if len(ghRefs) > 0 {
		gc := &tracker.GitHubClient{APIURL: f.Getenv(EnvGitHubAPI), Token: f.Getenv(EnvGitHubToken), Now: f.Clock}
		var err error
		if gh, err = gc.States(ctx, ghRefs); err != nil {
			return failure(c, err)
		}
	}
	for _, it := range items {
		var rs []tracker.Result
		var srcs []string
		missing, missingSrc := "", ""
		for _, r := range it.refs {
			var res tracker.Result
			ok := false
			if r.Kind == tracker.Jira {
				res, ok = jira[r.Key]
				srcs = append(srcs, jiraSource)
			} else {
				res, ok = gh[r]
				srcs = append(srcs, "github")
			}
			if !ok {
				missing, missingSrc = r.String(), srcs[len(srcs)-1]
				break
			}
			rs = append(rs, res)
		}
		if missing != "" {
			// a CSV export without the row, or a ticket the tracker does not know: the row stays as it
			// is and the others are synced
			if missingSrc == "github" || o.FromCSV == "" {
				fmt.Fprintln(f.IO.ErrOut, present.Line(lang.T("sync.not-found", f.Display(it.entry.Path), it.line, missing, missingSrc)))
			} else {
				fmt.Fprintln(f.IO.ErrOut, present.Line(lang.T("sync.not-in-csv", f.Display(it.entry.Path), it.line, missing, o.FromCSV)))
			}
			continue
		}
		res := tracker.Combine(rs)
		it.state, it.closed, it.sources = res.State, res.Closed, srcs
	}
	return nil
}

// failure explains a tracker's error in the user's language; nothing has been written.
func failure(c *cmdutil.Context, err error) error {
	lang := c.Lang()
	var rl *tracker.RateLimitError
	var ae *tracker.AuthError
	switch {
	case errors.As(err, &rl) && rl.Reset.IsZero():
		return cmdutil.Usagef("%s", lang.T("sync.rate-limit-later", rl.Source))
	case errors.As(err, &rl):
		return cmdutil.Usagef("%s", lang.T("sync.rate-limit", rl.Source, rl.Reset.In(c.Location()).Format("2006-01-02 15:04 MST")))
	case errors.As(err, &ae):
		vars := EnvGitHubToken
		if ae.Source == "jira" {
			vars = EnvJiraUser + ", " + EnvJiraToken
		}
		return cmdutil.Usagef("%s", lang.T("sync.auth", ae.Source, ae.Status, vars))
	}
	return cmdutil.Usagef("%s", lang.T("sync.failed", err))
}

// load returns the postmortems to read: the named ones, or every one whose front matter parses.
func load(o *Options, c *cmdutil.Context) ([]project.Entry, error) {
	f := o.F
	p, err := c.Project()
	if err != nil {
		return nil, cmdutil.Usagef("%v", err)
	}
	lang := c.Lang()
	var out []project.Entry
	if len(o.Postmortems) == 0 {
		if _, err := c.Folder(); err != nil {
			return nil, err
		}
		all, err := p.Scan()
		if err != nil {
			return nil, err
		}
		for _, e := range all {
			if e.Err != nil || e.Doc == nil || e.Doc.Root == nil {
				fmt.Fprintln(f.IO.ErrOut, present.Line(project.SkipNote(e, f.Display(e.Path)).In(lang)))
				continue
			}
			out = append(out, e)
		}
	} else {
		seen := map[string]bool{}
		for _, name := range o.Postmortems {
			e, err := f.ResolvePostmortem(p, name)
			if err != nil {
				return nil, err
			}
			if e.Doc.Root == nil {
				return nil, cmdutil.Usagef("%s", lang.T("usage.unparsable", f.Display(e.Path), f.Display(e.Path)))
			}
			if !seen[e.Path] {
				seen[e.Path] = true
				out = append(out, e)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// japaneseTable reports whether the Action Items table speaks Japanese: its Status column's header
// when it has one, else the document's headings.
func japaneseTable(c *postmortem.Content) bool {
	for _, at := range c.ActionTables() {
		if at.HasStatus {
			h := at.Table.Header[at.StatusColumn]
			return strings.IndexFunc(h, func(r rune) bool { return r > 0x7f }) >= 0
		}
	}
	ja, _ := c.Japanese()
	return ja
}

// word is a state as the Status column spells it.
func word(s postmortem.ActionState, ja bool) string {
	if !ja {
		return s.String()
	}
	switch s {
	case postmortem.ActionDone:
		return "完了"
	case postmortem.ActionWontDo:
		return "対応しない"
	}
	return "未完了"
}

// oldWord is what the Status cell said: its text, the open state of an empty cell, or that there was
// no Status column.
func oldWord(it *item, ja bool, lang i18n.Lang) string {
	switch {
	case it.old == postmortem.ActionFiled:
		return lang.T("sync.no-status")
	case strings.TrimSpace(it.cell) != "":
		return it.cell
	}
	return word(postmortem.ActionOpen, ja)
}

func sourceList(sources map[string]bool) string {
	var out []string
	for _, s := range []string{"jira", "a jira csv export", "github"} {
		if sources[s] {
			out = append(out, s)
		}
	}
	return strings.Join(out, ", ")
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func first(list []string, n int) []string {
	if len(list) > n {
		return append(list[:n:n], "…")
	}
	return list
}
