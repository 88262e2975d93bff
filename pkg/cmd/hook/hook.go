// Package hook implements `pm hook install|uninstall`: a git pre-commit hook that runs pm lint --staged.
package hook

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pm-tools/pm/pkg/cmd/internal/cmdargs"
	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/fsutil"
	"github.com/pm-tools/pm/pkg/gitrepo"
	"github.com/pm-tools/pm/pkg/i18n"
)

// Marker identifies a hook pm wrote. pm overwrites or removes a hook only when it is exactly the
// text pm writes (see written); one that carries Marker and more was changed by hand.
const Marker = "# pm-lint pre-commit hook: written by `pm hook install`"

// Script returns the hook. It runs the pm whose commit runs it (PM_EXECUTABLE, which pm sets for
// the hooks of its own commits), else pm from PATH, else the pm that installed it; when there is none
// it stops the commit, as a hook whose program is missing does under the pre-commit framework, saying
// how to go on: a check that cannot run is not a check passed. It says nothing when the commit may go
// on (a draft's warnings are pm lint's to show, not every commit's): the findings are shown when
// they stop it.
func Script(self string) string {
	// the message in the language pm would speak (i18n.Detect without --lang: the locale, else the
	// team's language in .pm.yaml, which stands in the work-tree root the hook runs in)
	missing := func(l i18n.Lang) string { return shellDoubleQuoted(l.T("hook.pm-missing", "$pm")) }
	return `#!/bin/sh
` + Marker + `; remove it with ` + "`pm hook uninstall`" + `.
# Lints the staged postmortems; an error-level finding stops the commit (git commit --no-verify skips it).
pm=pm
if [ -n "${PM_EXECUTABLE:-}" ] && [ -f "$PM_EXECUTABLE" ] && [ -x "$PM_EXECUTABLE" ]; then
  pm=$PM_EXECUTABLE
elif ! command -v pm >/dev/null 2>&1; then
  pm=` + shellQuote(self) + `
  if [ ! -x "$pm" ]; then
    lang=
    for v in "${LC_ALL:-}" "${LC_MESSAGES:-}" "${LANG:-}"; do
      case "$v" in
      "") continue ;;
      [Cc] | [Cc].* | [Pp][Oo][Ss][Ii][Xx]) ;;
      [Jj][Aa]*) lang=ja ;;
      *) lang=en ;;
      esac
      break
    done
    if [ -z "$lang" ] && grep -Eiqs '^language:[[:space:]]*["'\'']?ja([_.-]|["'\'' ]|$)' .pm.yaml 2>/dev/null; then
      lang=ja
    fi
    if [ "$lang" = ja ]; then
      echo ` + missing(i18n.JA) + ` >&2
    else
      echo ` + missing(i18n.EN) + ` >&2
    fi
    exit 1
  fi
fi
` + lintRun
}

// shellDoubleQuoted is s in double quotes for the shell, $ left to expand (the message names $pm).
func shellDoubleQuoted(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "`", "\\`")
	return `"` + r.Replace(s) + `"`
}

// scriptV3 is the hook pm wrote before its message for a missing pm was in Japanese too: still pm's,
// for install to replace and uninstall to remove.
func scriptV3(self string) string {
	return `#!/bin/sh
` + Marker + `; remove it with ` + "`pm hook uninstall`" + `.
# Lints the staged postmortems; an error-level finding stops the commit (git commit --no-verify skips it).
pm=pm
if [ -n "${PM_EXECUTABLE:-}" ] && [ -f "$PM_EXECUTABLE" ] && [ -x "$PM_EXECUTABLE" ]; then
  pm=$PM_EXECUTABLE
elif ! command -v pm >/dev/null 2>&1; then
  pm=` + shellQuote(self) + `
  if [ ! -x "$pm" ]; then
    echo "pm: not on PATH, and $pm is gone: the staged postmortems cannot be linted; install pm, or commit with git commit --no-verify" >&2
    exit 1
  fi
fi
` + lintRun
}

// lintRun is the end of the hook: pm lint --staged, its output shown only when it stops the commit.
const lintRun = `out=$("$pm" lint --staged 2>&1)
code=$?
if [ "$code" -ne 0 ]; then
  printf '%s\n' "$out" >&2
fi
exit "$code"
`

// scriptV2 is the hook pm wrote before it stopped a commit it could not check (it let it through
// with a warning): still pm's, for install to replace and uninstall to remove.
func scriptV2(self string) string { return scriptHeadV1(self) + lintRun }

// scriptV1 is the hook pm wrote before it kept quiet on success: still pm's, for install to
// replace and uninstall to remove.
func scriptV1(self string) string { return scriptHeadV1(self) + "exec \"$pm\" lint --staged\n" }

// scriptHeadV1 is the head of the hooks pm wrote first: pm from PATH, else the pm that installed it,
// else a warning and the commit let through.
func scriptHeadV1(self string) string {
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
`
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// Options are the flags of pm hook install and uninstall.
type Options struct {
	F     *cmdutil.Factory
	Force bool
	// Self is the pm binary the hook falls back to (installedAs in production).
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
finding is refused, and the same as pre-merge-commit, which git runs instead
when git merge makes the commit (a pre-merge-commit pm did not write is left
alone, and said, unless --force). An existing pre-commit hook that pm did not
write, or that was changed since pm wrote it, is left alone (exit 2) unless
--force: it is then moved to
pre-commit.pm-backup (a symlink stays the symlink). When that backup already
holds a hook, --force refuses too (exit 2): move one of the two elsewhere. Teams
using the pre-commit framework add pm through .pre-commit-hooks.yaml instead.

` + cmdutil.ExitCodesHelp,
		Example: `  pm hook install
  pm hook install --force`,
		Args: cmdargs.None,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Self == "" {
				opts.Self = installedAs()
			}
			if runF != nil {
				return runF(opts)
			}
			return installRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Force, "force", false, "replace a pre-commit hook pm did not write or that was changed (kept as pre-commit.pm-backup)")
	return cmd
}

// installedAs is the path of this pm for the hook to fall back to: the one it was started by (a
// path, or the name found on PATH) when that leads to this very binary, else os.Executable. A
// package manager's symbolic link (Homebrew's /usr/local/bin/pm) outlives upgrades, where
// os.Executable names the versioned file it leads to, which the next upgrade deletes: the hook
// would then stop every commit made without pm on PATH (a GUI client's).
func installedAs() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	started := os.Args[0]
	if strings.ContainsRune(started, os.PathSeparator) {
		started, err = filepath.Abs(started)
	} else {
		started, err = exec.LookPath(started)
		if err == nil {
			started, err = filepath.Abs(started)
		}
	}
	if err != nil || started == exe {
		return exe
	}
	a, err := os.Stat(started)
	if err != nil {
		return exe
	}
	if b, err := os.Stat(exe); err != nil || !os.SameFile(a, b) {
		return exe
	}
	return started
}

// NewCmdUninstall returns pm hook uninstall; runF replaces the run in tests.
func NewCmdUninstall(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{F: f}
	cmd := &cobra.Command{
		Use:   "uninstall",
		Short: "Remove the pre-commit hook pm wrote",
		Long: `Remove the pre-commit hook written by pm hook install and put back the hook it
replaced (pre-commit.pm-backup). Only a hook that is exactly what pm wrote is
removed: one pm did not write, or one changed since, is left as it is (exit 2);
remove it by hand, then run pm hook uninstall again to put back the backup.

` + cmdutil.ExitCodesHelp,
		Example: `  pm hook uninstall`,
		Args:    cmdargs.None,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return uninstallRun(opts)
		},
	}
	return cmd
}

func hookPath(c *cmdutil.Context) (string, error) { return hookPathFor(c, false) }

// hookPathFor is hookPath; for a removal (uninstall) with core.hooksPath set empty, where git runs no
// hook, it is the default folder's pre-commit: pm's hook written there before stays removable.
func hookPathFor(c *cmdutil.Context, removal bool) (string, error) {
	p, err := c.Project()
	if err != nil {
		return "", cmdutil.Usagef("%v", err)
	}
	if !p.InRepo {
		// a bare repository is one, without the work tree whose commits run the hook: say so
		if bare := p.Bare(); bare != nil {
			return "", cmdutil.Usagef("%v", bare)
		}
		return "", cmdutil.Usagef("%s", c.Lang().T("usage.not-repo", c.F.WorkDir))
	}
	repo, err := p.Repo()
	if err != nil {
		return "", err
	}
	dir, err := repo.HooksDir()
	if removal && errors.Is(err, gitrepo.ErrHooksDisabled) {
		dir, err = repo.DefaultHooksDir(), nil
	}
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "pre-commit"), nil
}

// mergeHook is the hook git runs instead of pre-commit when git merge makes its commit (git 2.24
// on): pm writes the same script there, so that a merge bringing in a postmortem that does not lint
// is refused as a commit is.
func mergeHook(preCommit string) string {
	return filepath.Join(filepath.Dir(preCommit), "pre-merge-commit")
}

// written reports whether data is, byte for byte, a hook pm wrote: Script of some binary path, or
// scriptV3, scriptV2 or scriptV1, which earlier versions wrote. A hook that only carries Marker was
// changed after pm wrote it, and what was added to it is the user's.
func written(data []byte) bool {
	return writtenBy(data, Script) || writtenBy(data, scriptV3) || writtenBy(data, scriptV2) || writtenBy(data, scriptV1)
}

// writtenBy reports whether data is script's text for some binary path.
func writtenBy(data []byte, script func(self string) string) bool {
	const sentinel = "\x00"
	prefix, suffix, _ := strings.Cut(script(sentinel), shellQuote(sentinel))
	s := string(data)
	if !strings.HasPrefix(s, prefix) || !strings.HasSuffix(s, suffix) || len(s) < len(prefix)+len(suffix) {
		return false
	}
	quoted := s[len(prefix) : len(s)-len(suffix)]
	if len(quoted) < 2 || quoted[0] != '\'' || quoted[len(quoted)-1] != '\'' {
		return false
	}
	self := strings.ReplaceAll(quoted[1:len(quoted)-1], `'\''`, "'")
	return shellQuote(self) == quoted
}

// hookState is what stands at the hook's path.
type hookState int

const (
	stateNone    hookState = iota // nothing, not even a dangling symlink
	stateOurs                     // a regular file holding exactly a hook pm wrote
	stateChanged                  // a regular file with Marker, changed since pm wrote it
	stateForeign                  // anything else: another tool's hook, a symlink, a folder
)

// inspect tells what stands at path, and reads it when it is a regular file. A symlink is never
// pm's, even to a copy of pm's hook: pm writes a regular file, and the link is the user's.
func inspect(path string) (hookState, []byte, error) {
	fi, err := os.Lstat(path)
	if errors.Is(err, os.ErrNotExist) {
		return stateNone, nil, nil
	}
	if err != nil {
		return 0, nil, fmt.Errorf("read %s: %w", path, err)
	}
	if !fi.Mode().IsRegular() {
		return stateForeign, nil, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, nil, fmt.Errorf("read %s: %w", path, err)
	}
	switch {
	case written(data):
		return stateOurs, data, nil
	case bytes.Contains(data, []byte(Marker)):
		return stateChanged, data, nil
	}
	return stateForeign, data, nil
}

// exists reports whether anything, a dangling symlink included, stands at path.
func exists(path string) (bool, error) {
	_, err := os.Lstat(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read %s: %w", path, err)
	}
	return true, nil
}

func installRun(o *Options) error {
	c := o.F.Context()
	path, err := hookPath(c)
	if err != nil {
		return err
	}
	merge := mergeHook(path)
	// --force keeps a merge hook pm did not write as its backup: when that is taken, refuse before
	// anything is changed, as for pre-commit's
	if o.Force && !leadsTo(merge, path) {
		if state, _, err := inspect(merge); err != nil {
			return err
		} else if state == stateChanged || state == stateForeign {
			if taken, err := exists(merge + ".pm-backup"); err != nil {
				return err
			} else if taken {
				return cmdutil.Usagef("%s", c.Lang().T("hook.backup-exists", o.F.Display(merge+".pm-backup"), o.F.Display(merge)))
			}
		}
	}
	if err := installAt(o, path, false); err != nil {
		return err
	}
	// The merge hook goes with it; one pm did not write is left as it is, said, unless --force.
	if leadsTo(merge, path) {
		return nil // a link to the pre-commit hook: merges run pm's hook already
	}
	if state, _, err := inspect(merge); err != nil {
		return err
	} else if (state == stateChanged || state == stateForeign) && !o.Force {
		o.F.Infof("%s\n", c.Lang().T("hook.merge-foreign", o.F.Display(merge)))
		return nil
	}
	// what inspect read: a named pipe or a device there is never opened (it would hold pm until a
	// writer came), only moved away by --force
	state, old, err := inspect(merge)
	if err != nil {
		return err
	}
	if err := installAt(o, merge, true); err != nil {
		return err
	}
	if state != stateOurs || string(old) != Script(o.Self) { // new, or an earlier pm's replaced
		o.F.Infof("%s\n", c.Lang().T("hook.merge-installed", o.F.Display(merge)))
	}
	return nil
}

// installAt writes pm's hook at path (see NewCmdInstall for what stands there already).
func installAt(o *Options, path string, quiet bool) error {
	say := func(format string, args ...any) {
		if !quiet {
			o.F.Infof(format, args...)
		}
	}
	c := o.F.Context()
	lang := c.Lang()
	backup := path + ".pm-backup"
	script := []byte(Script(o.Self))
	state, old, err := inspect(path)
	if err != nil {
		return err
	}
	switch {
	case state == stateOurs && bytes.Equal(old, script):
		say("%s\n", lang.T("hook.already", o.F.Display(path)))
		return nil
	case state == stateChanged && !o.Force:
		return cmdutil.Usagef("%s", lang.T("hook.changed-install", o.F.Display(path), o.F.Display(backup)))
	case state == stateForeign && !o.Force && !quiet && isPreCommitFramework(old):
		// `pre-commit install` keeps the hook it replaced as pre-commit.legacy and runs it first:
		// pm's hook there is installed, run by the framework's
		legacy := path + ".legacy"
		if lstate, ldata, err := inspect(legacy); err != nil {
			return err
		} else if lstate == stateOurs {
			if bytes.Equal(ldata, script) {
				say("%s\n", lang.T("hook.already-legacy", o.F.Display(legacy)))
				return nil
			}
			if err := fsutil.WriteFile(legacy, script, 0o755); err != nil { // an earlier pm's: brought up to date
				return err
			}
			say("%s\n", lang.T("hook.installed-legacy", o.F.Display(legacy)))
			return nil
		}
		return cmdutil.Usagef("%s", foreignAdvice(o, path, old))
	case state == stateForeign && !o.Force:
		return cmdutil.Usagef("%s", foreignAdvice(o, path, old))
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("create %s: %w", filepath.Dir(path), err)
	}
	kept := false
	if state == stateChanged || state == stateForeign {
		// One backup only: a second would have to overwrite the first, which is a hook too, and
		// uninstall could put back only one of them.
		taken, err := exists(backup)
		if err != nil {
			return err
		}
		if taken {
			return cmdutil.Usagef("%s", lang.T("hook.backup-exists", o.F.Display(backup), o.F.Display(path)))
		}
		// Rename, not a copy: a symlink stays the same symlink, and mode and contents come back
		// unchanged on uninstall.
		if err := os.Rename(path, backup); err != nil {
			return fmt.Errorf("keep %s: %w", path, err)
		}
		kept = true
	}
	if err := fsutil.WriteFile(path, script, 0o755); err != nil {
		if kept {
			os.Rename(backup, path)
		}
		return err
	}
	if kept {
		say("%s\n", lang.T("hook.kept", o.F.Display(backup)))
	}
	say("%s\n", lang.T("hook.installed", o.F.Display(path)))
	return nil
}

func uninstallRun(o *Options) error {
	c := o.F.Context()
	path, err := hookPathFor(c, true)
	if err != nil {
		return err
	}
	// The merge hook pm wrote goes first, whatever stands as pre-commit (another tool's hook there
	// is no reason to leave pm's merge hook linting every merge); nothing there (an install by an
	// earlier pm) or a hook pm did not write says nothing.
	merge := mergeHook(path)
	state, _, err := inspect(merge)
	if err != nil {
		return err
	}
	hasBackup, err := exists(merge + ".pm-backup")
	if err != nil {
		return err
	}
	if state == stateOurs || (state == stateNone && hasBackup) {
		if err := uninstallAt(o, merge, true); err != nil {
			return err
		}
		// said after the pre-commit hook's line ("too"), whatever comes of that
		defer o.F.Infof("%s\n", c.Lang().T("hook.merge-removed", o.F.Display(merge)))
	}
	// `pre-commit install` (the pre-commit framework) moves the hook it finds to pre-commit.legacy and
	// runs it before its own: pm's hook kept there is pm's to remove, or it would go on linting.
	// `lefthook install` moves it to pre-commit.old and never runs it: pm's to remove too, or
	// nothing would ever take it away.
	for _, suffix := range []string{".old", ".legacy"} {
		moved := path + suffix
		if state, _, err := inspect(moved); err != nil {
			return err
		} else if state != stateOurs {
			continue
		}
		if err := os.Remove(moved); err != nil {
			return fmt.Errorf("remove %s: %w", moved, err)
		}
		said := c.Lang().T("hook.legacy-removed", o.F.Display(moved))
		if suffix == ".old" {
			said = c.Lang().T("hook.old-removed", o.F.Display(moved))
		}
		o.F.Infof("%s\n", said)
		st, _, err := inspect(path)
		if err == nil && st == stateForeign {
			return nil // the manager's hook, pm's copy beside it gone
		}
		if has, _ := exists(path + ".pm-backup"); err == nil && st == stateNone && !has {
			return nil // nothing more of pm's: not "no hook installed; nothing changed"
		}
	}
	return uninstallAt(o, path, false)
}

// uninstallAt removes pm's hook at path and puts back the one it replaced.
func uninstallAt(o *Options, path string, quiet bool) error {
	say := func(format string, args ...any) {
		if !quiet {
			o.F.Infof(format, args...)
		}
	}
	c := o.F.Context()
	lang := c.Lang()
	backup := path + ".pm-backup"
	state, _, err := inspect(path)
	if err != nil {
		return err
	}
	hasBackup, err := exists(backup)
	if err != nil {
		return err
	}
	switch state {
	case stateNone:
		if !hasBackup {
			say("%s\n", lang.T("hook.none"))
			return nil
		}
		// pm's hook was removed by hand (as pm says to when it was changed): finish the uninstall.
		if err := os.Rename(backup, path); err != nil {
			return fmt.Errorf("restore %s: %w", backup, err)
		}
		say("%s\n", lang.T("hook.restored", o.F.Display(path)))
		return nil
	case stateChanged:
		if hasBackup {
			return cmdutil.Usagef("%s", lang.T("hook.changed-backup", o.F.Display(path), o.F.Display(backup)))
		}
		return cmdutil.Usagef("%s", lang.T("hook.changed", o.F.Display(path)))
	case stateForeign:
		if hasBackup {
			return cmdutil.Usagef("%s", lang.T("hook.foreign-kept-backup", o.F.Display(path), o.F.Display(backup)))
		}
		return cmdutil.Usagef("%s", lang.T("hook.foreign-kept", o.F.Display(path)))
	}
	if hasBackup {
		// The rename replaces pm's hook in one step, and puts back a symlink as the symlink. A
		// folder cannot replace a file that way: remove pm's hook first.
		if err := os.Rename(backup, path); err != nil {
			if err := os.Remove(path); err != nil {
				return fmt.Errorf("remove %s: %w", path, err)
			}
			if err := os.Rename(backup, path); err != nil {
				return fmt.Errorf("restore %s: %w", backup, err)
			}
		}
		say("%s\n", lang.T("hook.removed-restored", o.F.Display(path)))
		return nil
	}
	if err := os.Remove(path); err != nil {
		return fmt.Errorf("remove %s: %w", path, err)
	}
	say("%s\n", lang.T("hook.removed", o.F.Display(path)))
	return nil
}

// foreignAdvice says what to do about a hook pm did not write at path, holding data. A hook manager
// writes its hook anew (husky on every npm install, lefthook when its configuration changes, the
// pre-commit framework on pre-commit install), so pm lint --staged added to that file would be lost:
// it goes in the manager's own configuration, which is named.
func foreignAdvice(o *Options, path string, data []byte) string {
	lang := o.F.Context().Lang()
	shown := o.F.Display(path)
	switch dir := filepath.Dir(path); {
	case isPreCommitFramework(data):
		return lang.T("hook.foreign-pre-commit", shown)
	case filepath.Base(dir) == "_" && bytes.Contains(data, []byte(`/h"`)) && isFile(filepath.Join(dir, "h")):
		// husky 9: core.hooksPath is .husky/_, whose every hook runs the script of the same name
		// in .husky
		return lang.T("hook.foreign-husky", shown, o.F.Display(filepath.Join(filepath.Dir(dir), filepath.Base(path))))
	case bytes.Contains(data, []byte("lefthook")):
		return lang.T("hook.foreign-lefthook", shown)
	}
	return lang.T("hook.foreign", shown)
}

// isPreCommitFramework reports whether a hook is the one `pre-commit install` writes.
func isPreCommitFramework(data []byte) bool {
	return bytes.Contains(data, []byte("File generated by pre-commit: https://pre-commit.com"))
}

// isFile reports whether a regular file stands at path.
func isFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}

// leadsTo reports whether the file at link is the file at target (a symbolic link to it, or a hard
// link): git runs the same hook through either name.
func leadsTo(link, target string) bool {
	a, err := os.Stat(link)
	if err != nil {
		return false
	}
	b, err := os.Stat(target)
	return err == nil && os.SameFile(a, b)
}
