// Package lsp implements `pm lsp`: the language server editors start to check postmortems as they
// are written.
package lsp

import (
	"time"

	"github.com/spf13/cobra"

	"github.com/pm-tools/pm/pkg/cmd/internal/cmdargs"
	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/lsp"
)

// Options are the flags of pm lsp.
type Options struct {
	F *cmdutil.Factory
	// Stdio is --stdio, which editors pass by habit: stdio is the only transport.
	Stdio    bool
	Debounce time.Duration
}

// NewCmdLsp returns the lsp command; runF replaces the run in tests of flag parsing.
func NewCmdLsp(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{F: f}
	cmd := &cobra.Command{
		Use:   "lsp",
		Short: "Run the language server for editors (stdio)",
		Long: `Run pm's language server: an editor starts it and talks the Language Server
Protocol over stdin and stdout. For postmortems in the repository's postmortem
folder it publishes pm lint's findings as you type (the rule id as code, the
severity pm lint gives), offers the fixes of a finding and a comment that
disables its rule for the next line, completes front matter keys and values
(statuses, severities, the vocabulary of .pm.yaml, ids of other postmortems)
and timeline times, shows the meeting and action item deadlines on hover, and
lists the sections as an outline. Editor set-up: docs/editors.md.

Messages are in --lang, else the language of .pm.yaml, else the editor's.

Exit codes: 0 when the editor asked it to shut down before exit, 1 when the
editor exits without shutdown or goes away, 2 usage error.`,
		Example: `  pm lsp
  pm lsp --lang ja`,
		Args: cmdargs.None,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return lspRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&opts.Stdio, "stdio", false, "talk over stdin and stdout (the default and only transport)")
	fl.DurationVar(&opts.Debounce, "debounce", lsp.DefaultDebounce, "wait after a change before linting")
	return cmd
}

func lspRun(o *Options) error {
	f := o.F
	if o.Debounce < 0 {
		return cmdutil.Usagef("--debounce %s: want a duration of 0 or more", o.Debounce)
	}
	s := lsp.New(lsp.Options{
		In: f.IO.In, Out: f.IO.Out, Log: f.IO.ErrOut,
		WorkDir: f.WorkDir, Getenv: f.Getenv, Now: f.Now, LangFlag: f.LangFlag,
		Debounce: o.Debounce,
	})
	if code := s.Run(); code != 0 {
		return &cmdutil.ExitError{Code: code}
	}
	return nil
}
