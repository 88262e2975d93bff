// Package link implements `pm link`: relate two postmortems to each other, writing each one's id
// into the other's related field in one commit, or mark one as a recurrence of the other.
package link

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/pm-tools/pm/pkg/cmd/internal/cmdargs"
	"github.com/pm-tools/pm/pkg/cmd/internal/complete"
	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/present"
	"github.com/pm-tools/pm/pkg/project"
)

// Options are the arguments and flags of pm link.
type Options struct {
	F    *cmdutil.Factory
	A, B string // the postmortems: path, id or part of one
	// Recurrence writes B's id into A's recurrence_of instead: A repeats the earlier incident B.
	Recurrence bool
	NoCommit   bool
	NoVerify   bool
}

// NewCmdLink returns the link command; runF replaces the run in tests of argument parsing.
func NewCmdLink(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{F: f}
	cmd := &cobra.Command{
		Use:   "link A B",
		Short: "Relate two postmortems to each other",
		Long: `Add B's id to A's related field and A's id to B's, and commit both files in
one commit. The rest of each file stays byte for byte as it was. A relation
already written on one side is completed on the other; a pair already related
on both sides is left alone (exit 0, nothing committed).

pm lint's relations rule reports an id in related or recurrence_of that names
no postmortem, and a relation only one side lists.

A and B are paths, ids (file names without .md) or unique parts of one.

` + cmdutil.ExitCodesHelp,
		Example: `  pm link 2026-11-20-checkout-latency 2026-10-02-checkout-errors
  pm link checkout-latency checkout-errors --no-commit
  pm link 2026-11-20-checkout-latency 2026-10-02-checkout-errors --recurrence`,
		Args:              cmdargs.Exact(2),
		ValidArgsFunction: complete.Args(f.PostmortemIDs, f.PostmortemIDs),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.A, opts.B = args[0], args[1]
			if runF != nil {
				return runF(opts)
			}
			return linkRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Recurrence, "recurrence", false, "mark A as a recurrence of B (A's recurrence_of) instead of relating them")
	cmd.Flags().BoolVar(&opts.NoCommit, "no-commit", false, "change the files without committing them")
	cmd.Flags().BoolVar(&opts.NoVerify, "no-verify", false, "commit without running the pre-commit and commit-msg hooks")
	return cmd
}

func linkRun(o *Options) error {
	f := o.F
	c := f.Context()
	p, err := c.Project()
	if err != nil {
		return cmdutil.Usagef("%v", err)
	}
	lang := c.Lang()
	a, err := f.ResolvePostmortem(p, o.A)
	if err != nil {
		return err
	}
	b, err := f.ResolvePostmortem(p, o.B)
	if err != nil {
		return err
	}
	if a.Path == b.Path || a.ID == b.ID {
		return cmdutil.Usagef("%s", lang.T("link.self", a.ID))
	}
	if o.Recurrence {
		return recurrenceRun(o, c, a, b)
	}
	var entries, read []project.Entry
	var data [][]byte
	for _, side := range [][2]project.Entry{{a, b}, {b, a}} {
		e, other := side[0], side[1]
		if !e.Doc.Usable() {
			display := f.Display(e.Path)
			return cmdutil.Refusedf("%s", lang.T("usage.unparsable", display, display))
		}
		edited, added, err := postmortem.AddToList(e.Path, e.Doc.Src, "related", other.ID)
		if err != nil {
			return err
		}
		if added {
			entries, data = append(entries, e), append(data, edited)
		} else {
			read = append(read, e) // already linked: checked under the lock with the side written
		}
	}
	if len(entries) == 0 {
		f.Infof("%s\n", lang.T("link.already", a.ID, b.ID))
		return nil
	}
	msg := fmt.Sprintf("postmortem: link %s and %s", a.ID, b.ID)
	saved, err := c.WriteAll(entries, data, cmdutil.Save{NoCommit: o.NoCommit, NoVerify: o.NoVerify, Message: msg, Read: read})
	if err != nil {
		return err
	}
	// The link is what was asked for and the exit code already says it happened: -q prints nothing.
	if !f.IO.Quiet {
		fmt.Fprintf(f.IO.Out, "%s ↔ %s\n", present.Line(a.ID), present.Line(b.ID))
	}
	c.ReportAll(saved, func(s string) { f.Infof("%s\n", s) })
	return nil
}

// recurrenceRun writes B's id into A's recurrence_of and commits A alone.
func recurrenceRun(o *Options, c *cmdutil.Context, a, b project.Entry) error {
	f, lang := o.F, c.Lang()
	if !a.Doc.Usable() {
		display := f.Display(a.Path)
		return cmdutil.Refusedf("%s", lang.T("usage.unparsable", display, display))
	}
	was := a.Doc.Fields.RecurrenceOf
	if was == b.ID {
		f.Infof("%s\n", lang.T("link.already-recurrence", a.ID, b.ID))
		return nil
	}
	// A recurrence repeats an earlier incident: B later than A is the pair the wrong way round.
	if fa, fb := a.Doc.Fields, b.Doc.Fields; b.Doc.Usable() && fa.HasIncidentDate() && fb.HasIncidentDate() &&
		fb.IncidentDate.Format("2006-01-02") > fa.IncidentDate.Format("2006-01-02") {
		return cmdutil.Usagef("%s", lang.T("link.recurrence-later", b.ID, fb.IncidentDate.Format("2006-01-02"), a.ID, fa.IncidentDate.Format("2006-01-02")))
	}
	// Nor may it close a loop: B (or what B repeats, and so on) already a recurrence of A.
	seen := map[string]bool{b.ID: true}
	for e := b; e.Doc != nil && e.Doc.Usable() && e.Doc.Fields.RecurrenceOf != ""; {
		next := e.Doc.Fields.RecurrenceOf
		if next == a.ID {
			return cmdutil.Usagef("%s", lang.T("link.recurrence-loop", a.ID, b.ID))
		}
		if seen[next] {
			break
		}
		seen[next] = true
		p, err := c.Project()
		if err != nil {
			break
		}
		n, err := f.ResolvePostmortem(p, next)
		if err != nil || n.ID != next {
			break // a dangling id is the relations rule's to report
		}
		e = n
	}
	edited, err := postmortem.SetField(a.Path, a.Doc.Src, "recurrence_of", b.ID)
	if err != nil {
		return err
	}
	msg := fmt.Sprintf("postmortem: %s is a recurrence of %s", a.ID, b.ID)
	saved, err := c.WriteAll([]project.Entry{a}, [][]byte{edited}, cmdutil.Save{NoCommit: o.NoCommit, NoVerify: o.NoVerify, Message: msg})
	if err != nil {
		return err
	}
	if !f.IO.Quiet {
		fmt.Fprintf(f.IO.Out, "%s → %s\n", present.Line(a.ID), present.Line(b.ID))
	}
	if was != "" {
		f.Infof("%s\n", present.Line(lang.T("link.recurrence-replaced", a.ID, was)))
	}
	c.ReportAll(saved, func(s string) { f.Infof("%s\n", s) })
	return nil
}
