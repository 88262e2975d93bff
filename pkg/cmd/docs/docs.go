// Package docs implements `pm docs man|markdown DIR`: pm's manual pages and Markdown command reference,
// generated from the command tree so that they say what --help says.
package docs

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/pm-tools/pm/pkg/buildinfo"
	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/fsutil"
)

// SourceDateEnv names the variable of reproducible builds: a Unix time used as the manual pages' date.
const SourceDateEnv = "SOURCE_DATE_EPOCH"

// Options are the argument of pm docs man and pm docs markdown.
type Options struct {
	F    *cmdutil.Factory
	Dir  string
	Root *cobra.Command // the command tree to document
}

// NewCmdDocs returns the docs command with man and markdown.
func NewCmdDocs(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "docs <man|markdown> DIR",
		Short: "Generate manual pages or Markdown documentation of every command",
		Long: `Generate the documentation of every pm command from the same text as --help:
manual pages (pm docs man) or Markdown files (pm docs markdown), in DIR.

` + cmdutil.ExitCodesHelp,
		Example: `  pm docs man share/man/man1
  pm docs markdown docs/commands`,
	}
	cmd.AddCommand(NewCmdMan(f, nil), NewCmdMarkdown(f, nil))
	return cmd
}

// NewCmdMan returns pm docs man; runF replaces the run in tests of argument parsing.
func NewCmdMan(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{F: f}
	cmd := &cobra.Command{
		Use:   "man DIR",
		Short: "Write a manual page for every command into DIR",
		Long: `Write a manual page (section 1) for every pm command into DIR: pm.1,
pm-lint.1, pm-hook-install.1, … DIR is created when it does not exist; a
symbolic link to a folder is followed, and a page already there is replaced
whole (a page that is a symbolic link: its target).
Install them where man looks, such as /usr/local/share/man/man1.

The pages are dated SOURCE_DATE_EPOCH (a Unix time) when it is set, so that
a release build makes the same pages every time; else today.

` + cmdutil.ExitCodesHelp,
		Example: `  pm docs man ./man
  SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) pm docs man dist/man1
  man ./man/pm-status.1`,
		Args: dirArg,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir, opts.Root = args[0], cmd.Root()
			if runF != nil {
				return runF(opts)
			}
			return manRun(opts)
		},
	}
	return cmd
}

// NewCmdMarkdown returns pm docs markdown; runF replaces the run in tests of argument parsing.
func NewCmdMarkdown(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{F: f}
	cmd := &cobra.Command{
		Use:   "markdown DIR",
		Short: "Write a Markdown page for every command into DIR",
		Long: `Write a Markdown page for every pm command into DIR (pm.md, pm_lint.md,
pm_hook_install.md, …), linked to each other, for a documentation site or a
wiki. DIR is created when it does not exist; a symbolic link to a folder is
followed, and a page already there is replaced whole (a page that is a
symbolic link: its target).

` + cmdutil.ExitCodesHelp,
		Example: `  pm docs markdown docs/commands`,
		Args:    dirArg,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir, opts.Root = args[0], cmd.Root()
			if runF != nil {
				return runF(opts)
			}
			return markdownRun(opts)
		},
	}
	return cmd
}

func dirArg(cmd *cobra.Command, args []string) error {
	if len(args) != 1 {
		return cmdutil.Usagef("say which folder to write into: %s", cmd.UseLine())
	}
	return nil
}

func manRun(o *Options) error {
	date, err := sourceDate(o.F)
	if err != nil {
		return err
	}
	dir, err := prepare(o)
	if err != nil {
		return err
	}
	source := "pm " + buildinfo.Get().Version
	err = writeTree(o, dir, func(c *cobra.Command) string { return manName(c) + ".1" },
		func(c *cobra.Command, w io.Writer) error { return manPage(c, w, date, source) })
	if err != nil {
		return err
	}
	o.F.Infof("Wrote the manual pages into %s\n", o.Dir)
	return nil
}

func markdownRun(o *Options) error {
	dir, err := prepare(o)
	if err != nil {
		return err
	}
	err = writeTree(o, dir, markdownName, markdownPage)
	if err != nil {
		return err
	}
	o.F.Infof("Wrote the Markdown pages into %s\n", o.Dir)
	return nil
}

// writeTree writes a page for every command --help lists, each through fsutil.PrepareOutput as any file pm writes for the user: a page that is a
// symbolic link has its target written, a regular one is replaced whole, a folder is an error.
func writeTree(o *Options, dir string, name func(*cobra.Command) string, gen func(*cobra.Command, io.Writer) error) error {
	var visit func(c *cobra.Command) error
	visit = func(c *cobra.Command) error {
		for _, sub := range c.Commands() {
			if !documentedCommand(sub) {
				continue
			}
			if err := visit(sub); err != nil {
				return err
			}
		}
		var buf bytes.Buffer
		if err := gen(c, &buf); err != nil {
			return fmt.Errorf("page of %s: %w", c.CommandPath(), err)
		}
		out, err := fsutil.PrepareOutput(filepath.Join(dir, name(c)), filepath.Join(o.Dir, name(c)))
		if err != nil {
			return err
		}
		return out.Write(buf.Bytes())
	}
	return visit(o.Root)
}

// prepare finds or creates the folder (a symbolic link to one is followed; anything else is an error).
func prepare(o *Options) (string, error) {
	return fsutil.OutputFolder(o.F.OutputPath(o.Dir), o.Dir)
}

// sourceDate is SOURCE_DATE_EPOCH when set (reproducible builds), else pm's clock (PM_NOW or now).
func sourceDate(f *cmdutil.Factory) (time.Time, error) {
	v := f.Getenv(SourceDateEnv)
	if v == "" {
		return f.Now().UTC(), nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return time.Time{}, cmdutil.Usagef("%s=%q is not a Unix time in seconds", SourceDateEnv, v)
	}
	return time.Unix(n, 0).UTC(), nil
}
