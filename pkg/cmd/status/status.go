// Package status implements `pm status`: show a postmortem's status or move it through
// Draft → In Review → Reviewed → Closed, committing the change.
package status

import (
	"errors"
	"fmt"
	"io"
	"slices"
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
	"github.com/pm-tools/pm/pkg/workflow"
)

// Options are the arguments and flags of pm status.
type Options struct {
	F          *cmdutil.Factory
	Status     string // "" to show
	Postmortem string // path, id or part of one; "" for the only open one
	Force      bool
	NoCommit   bool
	NoVerify   bool

	statusOrName bool // the only argument was no status word: it is a name, or a mistyped status
}

// NewCmdStatus returns the status command; runF replaces the run in tests of argument parsing.
func NewCmdStatus(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{F: f}
	cmd := &cobra.Command{
		Use:   "status [STATUS] [POSTMORTEM]",
		Short: "Show a postmortem's status, or move it to the next one",
		Long: `Without STATUS, show the postmortem's status, its history, and which moves are
allowed now (and why the others are not). With STATUS (draft, in-review,
reviewed, closed; any case, spaces or hyphens), move it, change the status:
line, append {status, at, by} to status_history, and commit that file alone.

Moves: Draft → In Review; In Review → Reviewed (the meeting was held);
Reviewed → Closed; In Review → Closed when external_message is false;
In Review → Draft; Closed → In Review (reopening) only with --force, recorded
as forced.
Gates, refused unless --force (recorded as forced): to In Review, pm lint finds
no error at In Review level; to Reviewed, the meeting is set and in the past; to
Closed, every action item has a ticket and, when external_message is true, the
postmortem has been Reviewed. To Reviewed and to Closed, pm lint also finds no
error at that level (an edit after the review can break what passed it). Every
move needs a status_history that shows how the status it starts from was
reached (no status-history error: a status edited by hand). After
a move to Reviewed, pm status says what Closed will need (tickets are created
after the meeting). The moves and gates are pm's workflow: pm lint judges a
status edited by hand the same way.

POSTMORTEM is a path, an id (file name without .md) or a unique part of one;
without it, the only postmortem that is not Closed.

` + cmdutil.ExitCodesHelp,
		Example: `  pm status
  pm status in-review
  pm status reviewed 2026-11-20-checkout-latency
  pm status "In Review" checkout
  pm status closed --force`,
		Args: cmdargs.Max(2),
		ValidArgsFunction: complete.Args(
			cmdutil.Either(cmdutil.Fixed(cmdutil.StatusWords...), f.PostmortemIDs), f.PostmortemIDs),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch len(args) {
			case 2:
				opts.Status, opts.Postmortem = args[0], args[1]
				// "pm status 2026-11-20-checkout reviewed": the postmortem first, as people also say it
				if _, err := postmortem.ParseStatus(args[0]); err != nil {
					if _, err := postmortem.ParseStatus(args[1]); err == nil {
						opts.Status, opts.Postmortem = args[1], args[0]
					}
				}
			case 1:
				if _, err := postmortem.ParseStatus(args[0]); err == nil {
					opts.Status = args[0]
				} else {
					opts.Postmortem, opts.statusOrName = args[0], true
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return statusRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Force, "force", false, "move despite failed gates (recorded as forced in the history)")
	cmd.Flags().BoolVar(&opts.NoCommit, "no-commit", false, "change the file without committing it")
	cmd.Flags().BoolVar(&opts.NoVerify, "no-verify", false, "commit without running the pre-commit and commit-msg hooks")
	return cmd
}

func statusRun(o *Options) error {
	f := o.F
	var target postmortem.Status
	if o.Status != "" {
		var err error
		if target, err = postmortem.ParseStatus(o.Status); err != nil {
			return cmdutil.Usagef("%s", f.UserLang().T("usage.status", o.Status))
		}
	}
	c := f.Context()
	p, err := c.Project()
	if err != nil {
		return cmdutil.Usagef("%v", err)
	}
	e, err := f.ResolvePostmortem(p, o.Postmortem)
	var re *project.ResolveError
	if o.statusOrName && errors.As(err, &re) && len(re.Matches) == 0 && !strings.ContainsAny(o.Postmortem, `/\`) {
		// One word that is no status and names no postmortem: say both. (A path is no status:
		// where it has no file, that is the news.)
		return cmdutil.Usagef("%s", f.Lang(p.Config).T("status.neither", o.Postmortem, p.Config.Dir))
	}
	if err != nil {
		return err
	}
	doc := e.Doc
	lang := c.Lang()
	chk, err := cmdutil.NewChecker(p, lang)
	if err != nil {
		return cmdutil.Usagef("%v", err)
	}
	if doc.Root == nil || doc.Fields.Status == "" {
		// The document does not parse well enough to have a status: show why.
		chk.Lint(f.Display(e.Path), doc.Src).Rule("front-matter").WriteText(present.Writer(f.IO.ErrOut))
		return cmdutil.Refusedf("%s", lang.T("status.no-status", f.Display(e.Path)))
	}
	now := c.Now()
	if target == "" {
		return show(c, e, chk)
	}
	from := doc.Fields.Status
	if err := workflow.Check(from, target, doc.Fields.ExternalMessage, o.Force); err != nil {
		var me *workflow.MoveError
		if errors.As(err, &me) {
			return cmdutil.Refusedf("%s: %s", e.ID, me.Msg.In(lang))
		}
		return cmdutil.Refusedf("%s: %v", e.ID, err)
	}

	by := actor(p, f)
	loc := p.Location()
	edit := cmdutil.Edit{Fields: []cmdutil.Field{{Key: "status", Value: string(target)}}}
	edited, err := edit.Apply(e.Path, doc.Src)
	if err != nil {
		return err
	}
	failed := gates(c, chk, doc, doc.Src, edited, target)
	if len(failed) > 0 && !o.Force {
		for _, g := range failed {
			fmt.Fprintf(f.IO.ErrOut, "  %s\n", present.Line(g.reason.In(lang)))
			if g.findings.Len() > 0 {
				g.findings.WriteText(indent{present.Writer(f.IO.ErrOut)})
			}
		}
		return cmdutil.Refusedf("%s", lang.T("status.refused", e.ID, from, target, len(failed)))
	}
	// A forced move is one made past a failed gate, or one the process makes only with --force (reopening).
	forced := len(failed) > 0 || workflow.ForceOnly(from, target)
	entry := postmortem.HistoryEntry{Status: string(target), At: now.In(loc).Format(time.RFC3339), By: by, Forced: forced}
	edit.History = &entry
	if edited, err = edit.Apply(e.Path, doc.Src); err != nil {
		return err
	}
	msg := fmt.Sprintf("postmortem: %s %s -> %s", e.ID, from, target)
	if entry.Forced {
		msg += " (forced)"
	}
	saved, err := c.Write(e, edited, cmdutil.Save{NoCommit: o.NoCommit, NoVerify: o.NoVerify, Message: msg})
	if err != nil {
		return err
	}
	for _, g := range failed {
		fmt.Fprintln(f.IO.ErrOut, present.Line(lang.T("status.forced-past", g.reason)))
	}
	// The move is what was asked for and the exit code already says it happened: -q prints nothing.
	if !f.IO.Quiet {
		fmt.Fprintf(f.IO.Out, "%s: %s → %s\n", present.Line(e.ID), from, target)
	}
	if target == postmortem.StatusInReview && workflow.LeadTooShort(&doc.Fields, now) {
		fmt.Fprintln(f.IO.ErrOut, lang.T("status.meeting-soon", doc.Fields.Meeting.In(loc).Format("2006-01-02 15:04 MST")))
	} else if target == postmortem.StatusInReview && from == postmortem.StatusDraft && doc.Fields.HasMeeting() && !doc.Fields.Meeting.After(now) {
		// out for review for the first time after the meeting began: nobody could read it before
		fmt.Fprintln(f.IO.ErrOut, lang.T("status.meeting-past", doc.Fields.Meeting.In(loc).Format("2006-01-02 15:04 MST")))
	}
	if target == postmortem.StatusInReview && !doc.Fields.HasMeeting() {
		f.Infof("%s\n", lang.T("status.next-meeting"))
	}
	if target == postmortem.StatusReviewed {
		// What closing will ask, now that the meeting is behind: tickets are created after it.
		// The gates read the document as it now is: at its new status, with the file's new lines.
		after := postmortem.Parse(e.Path, edited, loc)
		next := workflow.Next(target)
		atNext, err := cmdutil.Edit{Fields: []cmdutil.Field{{Key: "status", Value: string(next)}}}.Apply(e.Path, edited)
		if err != nil {
			atNext = edited
		}
		if failed := gates(c, chk, after, edited, atNext, next); len(failed) > 0 {
			f.Infof("%s\n", lang.T("status.next-needs", statusWord(next)))
			for _, g := range failed {
				f.Infof("  - %s\n", present.Line(g.reason.In(lang)))
			}
		} else {
			// what is left to do before closing, then the command that closes
			key := "status.next-close"
			if !doc.Fields.ExternalMessage {
				key = "status.next-close-no-message" // no message to send out first
			}
			f.Infof("%s\n", lang.T(key, statusWord(next)))
		}
	}
	c.Report(saved, func(s string) { f.Infof("%s\n", s) })
	return nil
}

// gate is a condition of a move that does not hold, with the lint findings behind the lint gate.
type gate struct {
	reason   i18n.Msg
	findings cmdutil.Findings
}

// gates checks the workflow's conditions of moving to target. cur is the document as it is, whose
// history is judged; edited is the document with its new status, so that lint judges it at the level it is moving to, with the file's own line numbers; the
// status-history finding this status gives is left out, since the move appends the entry it asks for.
func gates(c *cmdutil.Context, chk *cmdutil.Checker, doc *postmortem.Doc, cur, edited []byte, target postmortem.Status) []gate {
	display := c.Display(doc.Path)
	var errs, hist cmdutil.Findings
	facts := workflow.Facts{
		Fields:   &doc.Fields,
		Now:      c.Now(),
		Location: c.Location(),
		LintErrors: func() int {
			// status-gates reports the gates judged here; status-history the entry the move appends
			errs = chk.Lint(display, edited).Errors().NotRule("status-history").NotRule("status-gates")
			return errs.Len()
		},
		HistoryErrors: func() int {
			// the history as it is, before the move: what it says of the status the move starts
			// from, on the status line (a status edited by hand) or an entry since the last forced
			// move (a step skipped on the way); a skip before a forced move, which pm status --force
			// has recorded moving on from, stays lint's to report
			hist = chk.Lint(display, cur).Errors().Rule("status-history")
			if d := postmortem.Parse(doc.Path, cur, c.Location()); len(d.Fields.StatusHistory) > 0 {
				h := d.Fields.StatusHistory
				lines := []int{d.KeyLine("status")}
				for i := len(h) - 1; i >= 0 && !h[i].Forced; i-- {
					lines = append(lines, d.HistoryLine(i, "status")) // a move's finding is at its later entry
				}
				hist = hist.OnLines(lines...)
			}
			return hist.Len()
		},
	}
	if target == postmortem.StatusClosed {
		for _, it := range doc.Content().ActionItems() {
			facts.ActionItems = append(facts.ActionItems, workflow.Item{Line: it.Line, Action: it.Action, HasTicket: it.HasTicket(), NeedsTicket: it.NeedsTicket()})
		}
	}
	failed := workflow.Gates(facts, target)
	// The lint findings that repeat another gate are that gate's: meeting-sla's unset meeting, and
	// action-item's missing tickets on the lines the ticket gate lists.
	for _, g := range failed {
		switch g.ID {
		case workflow.GateNoMeeting, workflow.GateMeetingFuture:
			errs = errs.NotRule("meeting-sla")
		case workflow.GateNoTicket:
			for _, it := range workflow.WithoutTicket(facts.ActionItems) {
				errs = errs.NotRuleOnLine("action-item", it.Line)
			}
		}
	}
	var out []gate
	for _, g := range failed {
		x := gate{reason: g.Reason}
		if g.ID == workflow.GateHistory {
			x.findings = hist
		}
		if g.ID == workflow.GateLint {
			if errs.Len() == 0 {
				continue
			}
			x.reason, x.findings = workflow.LintGateReason(errs.Len(), target), errs
		}
		out = append(out, x)
	}
	return out
}

// actor is who moves the postmortem: the git author when there is a repository, else the login name.
func actor(p *project.Project, f *cmdutil.Factory) string {
	if p.InRepo {
		if a, _, err := p.Identity(); err == nil {
			return a.Name
		}
	}
	for _, k := range []string{"USER", "LOGNAME", "USERNAME"} {
		if v := f.Getenv(k); v != "" {
			return v
		}
	}
	return "unknown"
}

func show(c *cmdutil.Context, e project.Entry, chk *cmdutil.Checker) error {
	f, lang := c.F, c.Lang()
	p, err := c.Project()
	if err != nil {
		return err
	}
	w := f.IO.Out
	fm := &e.Doc.Fields
	// The title and history come from the document: sanitised, so that they cannot act on the terminal.
	fmt.Fprintf(w, "%s  %s  %s\n", present.Line(e.ID), fm.Severity, present.Line(fm.Title))
	fmt.Fprintln(w, lang.T("show.status", fm.Status))
	if stray := e.Doc.HistoryStray(); len(fm.StatusHistory) > 0 || len(stray) > 0 {
		fmt.Fprintln(w, lang.T("show.history"))
		malformed := false
		// an item that is not a mapping at all is shown as written, marked as a malformed entry is
		strays := func(before int) {
			for len(stray) > 0 && stray[0].Before == before {
				fmt.Fprintf(w, "  %s  %s\n", present.Line(stray[0].Text),
					present.Line(lang.T("show.history-malformed", stray[0].Line, f.Display(e.Path))))
				stray, malformed = stray[1:], true
			}
		}
		for i, h := range fm.StatusHistory {
			strays(i)
			if e.Doc.HistoryMalformed(i) {
				// Its values are shown as they are written (escaped), marked so that the row does
				// not read as a move: what is wrong is in the front-matter findings below.
				// padded by columns: a malformed value may be Japanese ("レビュー中"), two columns a character
				fmt.Fprintf(w, "  %s  %s  %s  %s\n", present.Pad(present.Line(h.At), 25), present.Pad(present.Line(h.Status), 9), present.Line(h.By),
					present.Line(lang.T("show.history-malformed", e.Doc.HistoryLine(i, ""), f.Display(e.Path))))
				malformed = true
				continue
			}
			forced := ""
			if h.Forced {
				forced = lang.T("show.forced")
			}
			fmt.Fprintf(w, "  %s  %s  %s%s\n", present.Pad(present.Line(h.At), 25), present.Pad(present.Line(h.Status), 9), present.Line(h.By), forced)
		}
		strays(len(fm.StatusHistory))
		if malformed {
			// what pm shows of malformed front matter: the front-matter findings, on stderr
			chk.Lint(f.Display(e.Path), e.Doc.Src).Rule("front-matter").WriteText(present.Writer(f.IO.ErrOut))
		}
	}
	if fm.HasMeeting() {
		fmt.Fprintln(w, lang.T("show.meeting", fm.Meeting.In(p.Location()).Format("2006-01-02 15:04 MST")))
	} else if d, ok := p.Schedule().Deadline(fm.Severity, fm.IncidentDate); ok && fm.HasIncidentDate() {
		if fm.BadMeeting != "" {
			fmt.Fprintln(w, present.Line(lang.T("show.bad-meeting", fm.BadMeeting, d.Format("2006-01-02"))))
		} else {
			fmt.Fprintln(w, lang.T("show.meeting-due", d.Format("2006-01-02")))
		}
	} else if fm.BadMeeting != "" {
		fmt.Fprintln(w, present.Line(lang.T("show.bad-meeting", fm.BadMeeting, "-")))
	}
	// A status edited by hand is said before the moves: each of them would start from it.
	if last, mismatch := workflow.HistoryMismatch(fm); mismatch && !e.Doc.HistoryMalformed(len(fm.StatusHistory)-1) {
		fmt.Fprintln(w, present.Line(lang.T("show.hand-edited", last, fm.Status)))
	}
	var moves []workflow.Move
	for _, m := range workflow.Allowed(fm.Status, fm.ExternalMessage) {
		if !m.ForceOnly {
			moves = append(moves, m)
		}
	}
	if len(moves) == 0 {
		fmt.Fprintln(w, lang.T("show.no-moves"))
		return nil
	}
	fmt.Fprintln(w, lang.T("show.moves"))
	for _, m := range moves {
		word := statusWord(m.To)
		edited, err := postmortem.SetField(e.Path, e.Doc.Src, "status", string(m.To))
		if err != nil {
			// pm could not make the move's edit (an alias, a key set twice): the view is still shown,
			// and the move is blocked by what the edit would need
			why := err.Error()
			var ie *i18n.Error
			if errors.As(err, &ie) {
				why = ie.In(lang)
			}
			fmt.Fprintf(w, "  %-20s %s\n", "pm status "+word, present.Line(lang.T("show.blocked", why)))
			continue
		}
		failed := gates(c, chk, e.Doc, e.Doc.Src, edited, m.To)
		if len(failed) == 0 {
			fmt.Fprintf(w, "  pm status %-10s %s\n", word, lang.T("show.ready", m.Why))
			continue
		}
		for i, g := range failed {
			lead := ""
			if i == 0 {
				lead = "pm status " + word
			}
			fmt.Fprintf(w, "  %-20s %s\n", lead, present.Line(lang.T("show.blocked", g.reason)))
			// the findings behind a gate, the first few: pm lint gives them all
			if n := g.findings.Len(); n > 0 {
				g.findings.First(shownFindings).WriteText(indent{indent{present.Writer(w)}})
				if n > shownFindings {
					fmt.Fprintf(w, "        %s\n", lang.T("show.more-findings", n-shownFindings, c.Display(e.Path)))
				}
			}
		}
	}
	// The moves the process does not allow from here, and where each status is reached from.
	for _, to := range postmortem.Statuses {
		if to == fm.Status || slices.ContainsFunc(moves, func(m workflow.Move) bool { return m.To == to }) {
			continue
		}
		if fm.Status == postmortem.StatusInReview && to == postmortem.StatusClosed && fm.ExternalMessage {
			continue // the note below says why
		}
		var from []string
		for _, m := range workflow.AllowedTo(to, fm.ExternalMessage) {
			if !m.ForceOnly {
				from = append(from, string(m.From))
			}
		}
		fmt.Fprintf(w, "  pm status %-10s %s\n", statusWord(to), lang.T("show.not-allowed", to, i18n.Or(from)))
	}
	if fm.Status == postmortem.StatusInReview && fm.ExternalMessage {
		fmt.Fprintln(w, lang.T("show.closed-direct-note"))
	}
	return nil
}

func statusWord(s postmortem.Status) string {
	return strings.ReplaceAll(strings.ToLower(string(s)), " ", "-")
}

// indent prefixes every line written with two spaces.
// shownFindings is how many findings behind a blocked move pm status lists.
const shownFindings = 3

type indent struct{ w io.Writer }

func (i indent) Write(p []byte) (int, error) {
	s := strings.ReplaceAll(strings.TrimRight(string(p), "\n"), "\n", "\n    ")
	if _, err := io.WriteString(i.w, "    "+s+"\n"); err != nil {
		return 0, err
	}
	return len(p), nil
}
