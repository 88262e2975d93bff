// Package version implements `pm version`.
package version

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/pm-tools/pm/pkg/buildinfo"
	"github.com/pm-tools/pm/pkg/cmd/internal/cmdargs"
	"github.com/pm-tools/pm/pkg/cmdutil"
)

// NewCmdVersion returns the version command.
func NewCmdVersion(f *cmdutil.Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print pm's version, commit and build date",
		Long: `Print the version, commit and build date of this pm: set by the release build,
or read from the Go build information for go install builds.

` + cmdutil.ExitCodesHelp,
		Example: `  pm version`,
		Args:    cmdargs.None,
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintln(f.IO.Out, Line(buildinfo.Get()))
			return nil
		},
	}
}

// Line formats build information as one line: "pm v1.2.0 (commit 1a2b3c4, built 2026-11-24T10:00:00Z)",
// "committed …" for the commit's time a go install build carries instead.
func Line(i buildinfo.Info) string {
	s := "pm " + i.Version
	var extra []string
	if i.Commit != "" {
		c := i.Commit
		if len(c) > 12 {
			c = c[:12]
		}
		extra = append(extra, "commit "+c)
	}
	switch {
	case i.Date != "" && i.DateIsCommit:
		extra = append(extra, "committed "+i.Date) // go install: Go records the commit's time, no build time
	case i.Date != "":
		extra = append(extra, "built "+i.Date)
	}
	if len(extra) > 0 {
		s += " (" + join(extra) + ")"
	}
	return s
}

func join(parts []string) string {
	out := parts[0]
	for _, p := range parts[1:] {
		out += ", " + p
	}
	return out
}
