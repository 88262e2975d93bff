// Package link implements `pm link`: relate two postmortems to each other, writing each one's id
// into the other's related field in one commit.
package link

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/present"
	"github.com/pm-tools/pm/pkg/project"
)

// Options are the arguments and flags of pm link.
type Options struct {
	F        *cmdutil.Factory
	A, B     string // the postmortems: path, id or part of one
	NoCommit bool
	NoVerify bool
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
  pm link checkout-latency checkout-errors --no-commit`,
		Args:              cobra.ExactArgs(2),
		ValidArgsFunction: cmdutil.CompleteArgs(f.PostmortemIDs, f.PostmortemIDs),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.A, opts.B = args[0], args[1]
			if runF != nil {
				return runF(opts)
			}
			return linkRun(opts)
		},
	}
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
	var entries []project.Entry
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
		}
	}
	if len(entries) == 0 {
		f.Infof("%s\n", lang.T("link.already", a.ID, b.ID))
		return nil
	}
	msg := fmt.Sprintf("postmortem: link %s and %s", a.ID, b.ID)
	saved, err := c.WriteAll(entries, data, cmdutil.Save{NoCommit: o.NoCommit, NoVerify: o.NoVerify, Message: msg})
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
