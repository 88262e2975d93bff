// Package hook implements `pm hook install|uninstall`: a git pre-commit hook that runs pm lint --staged.
package hook

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/fsutil"
)

// Marker identifies a hook pm wrote; pm overwrites or removes only hooks that carry it.
const Marker = "# pm-lint pre-commit hook: written by `pm hook install`"

// Script returns the hook. It runs pm from PATH, or the pm that installed it when PATH has none, and
// lets the commit through with a warning when neither exists, so a missing tool never blocks work.
func Script(self string) string {
	return `#!/bin/sh
` + Marker + `; remove it with ` + "`pm hook uninstall`" + `.
# Lints the staged postmortems; an error-level finding stops the commit (git commit --no-verify skips it).
pm=pm
if ! command -v pm >/dev/null 2>&1; then
  pm=` + shellQuote(self) + `
  if [ ! -x "$pm" ]; then
    echo "pm: not found on PATH; staged postmortems were not linted" >&2
    exit 0
  fi
fi
exec "$pm" lint --staged
`
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// Options are the flags of pm hook install and uninstall.
type Options struct {
	F     *cmdutil.Factory
	Force bool
	// Self is the pm binary the hook falls back to (os.Executable in production).
	Self string
}

// NewCmdHook returns the hook command with install and uninstall.
func NewCmdHook(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "hook <install|uninstall>",
		Short: "Install or remove the git hook that lints staged postmortems",
		Long: `Install or remove the git pre-commit hook that runs pm lint --staged. A word
that is not one of the subcommands is an error.

` + cmdutil.ExitCodesHelp,
		Example: `  pm hook install
  pm hook uninstall`,
	}
	cmd.AddCommand(NewCmdInstall(f, nil), NewCmdUninstall(f, nil))
	return cmd
}

// NewCmdInstall returns pm hook install; runF replaces the run in tests.
func NewCmdInstall(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{F: f}
	cmd := &cobra.Command{
		Use:   "install",
		Short: "Write a pre-commit hook that runs pm lint --staged",
		Long: `Write a git pre-commit hook (in core.hooksPath when set, else .git/hooks) that
runs pm lint --staged, so a commit whose staged postmortems have an error-level
finding is refused. An existing hook that pm did not write is left alone unless
--force (it is then kept as pre-commit.pm-backup). Teams using the pre-commit
framework add pm through .pre-commit-hooks.yaml instead.

` + cmdutil.ExitCodesHelp,
		Example: `  pm hook install
  pm hook install --force`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Self == "" {
				opts.Self, _ = os.Executable()
			}
			if runF != nil {
				return runF(opts)
			}
			return installRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Force, "force", false, "replace a pre-commit hook pm did not write (kept as pre-commit.pm-backup)")
	return cmd
}

// NewCmdUninstall returns pm hook uninstall; runF replaces the run in tests.
func NewCmdUninstall(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{F: f}
	cmd := &cobra.Command{
		Use:   "uninstall",
		Short: "Remove the pre-commit hook pm wrote",
		Long: `Remove the pre-commit hook written by pm hook install. A hook pm did not write
is never removed.

` + cmdutil.ExitCodesHelp,
		Example: `  pm hook uninstall`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return uninstallRun(opts)
		},
	}
	return cmd
}

func hookPath(c *cmdutil.Context) (string, error) {
	p, err := c.Project()
	if err != nil {
		return "", cmdutil.Usagef("%v", err)
	}
	if !p.InRepo {
		return "", cmdutil.Usagef("%s", c.Lang().T("usage.not-repo", c.F.WorkDir))
	}
	repo, err := p.Repo()
	if err != nil {
		return "", err
	}
	dir, err := repo.HooksDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "pre-commit"), nil
}

func ours(data []byte) bool { return bytes.Contains(data, []byte(Marker)) }

func installRun(o *Options) error {
	c := o.F.Context()
	path, err := hookPath(c)
	if err != nil {
		return err
	}
	lang := c.Lang()
	script := []byte(Script(o.Self))
	old, err := os.ReadFile(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return fmt.Errorf("read %s: %w", path, err)
	case bytes.Equal(old, script):
		o.F.Infof("%s\n", lang.T("hook.already", o.F.Display(path)))
		return nil
	case !ours(old) && !o.Force:
		return cmdutil.Refusedf("%s", lang.T("hook.foreign", o.F.Display(path)))
	case !ours(old):
		if err := fsutil.WriteFile(path+".pm-backup", old, 0o755); err != nil {
			return err
		}
		o.F.Infof("%s\n", lang.T("hook.kept", o.F.Display(path+".pm-backup")))
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("create %s: %w", filepath.Dir(path), err)
	}
	if err := fsutil.WriteFile(path, script, 0o755); err != nil {
		return err
	}
	o.F.Infof("%s\n", lang.T("hook.installed", o.F.Display(path)))
	return nil
}

func uninstallRun(o *Options) error {
	c := o.F.Context()
	path, err := hookPath(c)
	if err != nil {
		return err
	}
	lang := c.Lang()
	old, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		o.F.Infof("%s\n", lang.T("hook.none"))
		return nil
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	if !ours(old) {
		return cmdutil.Refusedf("%s", lang.T("hook.foreign-kept", o.F.Display(path)))
	}
	if err := os.Remove(path); err != nil {
		return fmt.Errorf("remove %s: %w", path, err)
	}
	msg := lang.T("hook.removed", o.F.Display(path))
	if backup, err := os.ReadFile(path + ".pm-backup"); err == nil {
		if err := fsutil.WriteFile(path, backup, 0o755); err == nil {
			os.Remove(path + ".pm-backup")
			msg = lang.T("hook.removed-restored", o.F.Display(path))
		}
	}
	o.F.Infof("%s\n", msg)
	return nil
}
