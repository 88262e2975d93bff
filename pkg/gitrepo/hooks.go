package gitrepo

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/pm-tools/pm/pkg/internal/lazy"
)

// HooksDir is the folder git runs hooks from: core.hooksPath (relative to the work tree root when
// relative, ~ expanded), else the hooks folder of the common git dir, shared by linked worktrees.
func (r *Repo) HooksDir() (string, error) {
	cfg, err := r.loadConfig(r.env)
	if err != nil {
		return "", err
	}
	if p, ok := cfg.get(normalizeKey("core.hooksPath")); ok && p == "" {
		// git then looks for each hook at the root of the file system: no hook of the repository's
		// runs, and pm will not install one there
		return "", hooksDisabled{unsupportedf("core.hooksPath is set to an empty value, so git runs no hook of this repository; unset it (`git config --unset core.hooksPath`) or set it to a folder")}
	}
	return r.hooksDirFrom(cfg), nil
}

// ErrHooksDisabled reports core.hooksPath set to an empty value (git runs no hook of the
// repository); HooksDir's error wraps it beside ErrUnsupported.
var ErrHooksDisabled = errors.New("core.hooksPath is empty")

type hooksDisabled struct{ error }

func (e hooksDisabled) Is(target error) bool {
	return target == ErrHooksDisabled || errors.Is(e.error, target)
}

// DefaultHooksDir is the folder git keeps hooks in when core.hooksPath does not name another: the
// common git directory's hooks, where an earlier pm hook install wrote, for its removal when
// core.hooksPath has since been set empty.
func (r *Repo) DefaultHooksDir() string { return filepath.Join(r.commonDir, "hooks") }

// hooksNamed is the hooks folder as git names it to the hooks it runs ($0): core.hooksPath as
// configured (its ~ expanded, relative to the root where the hooks run, or absolute), else the
// default folder relative to the root when it lies inside the work tree (.git/hooks), else
// absolute.
func (r *Repo) hooksNamed(cfg *gitConfig) string {
	if p, ok := cfg.get(normalizeKey("core.hooksPath")); ok && p != "" {
		return expandHome(p, r.env)
	} else if ok {
		return "" // set empty: git names a hook "/pre-commit", the folder's own path
	}
	dir := filepath.Join(r.commonDir, "hooks")
	if rel, ok := relInside(r.root, dir); ok {
		return filepath.FromSlash(rel)
	}
	return dir
}

func (r *Repo) hooksDirFrom(cfg *gitConfig) string {
	if p, ok := cfg.get(normalizeKey("core.hooksPath")); ok && p != "" {
		p = expandHome(p, r.env)
		if !filepath.IsAbs(p) {
			p = filepath.Join(r.root, p)
		}
		return filepath.Clean(p)
	} else if ok {
		// set empty: git joins "" and "/pre-commit", and looks for each hook at the root of the
		// file system (git 2.39), so no hook of the repository's runs
		return string(filepath.Separator)
	}
	return filepath.Join(r.commonDir, "hooks")
}

// ErrHookFailed means a hook refused the commit (pre-commit, commit-msg, prepare-commit-msg or the
// reference-transaction hook): nothing was committed. The hook's own output has been shown.
var ErrHookFailed = errors.New("hook refused the commit")

// hookRunner runs git's hooks the way `git commit` does: from the hooks folder, in the work-tree
// root, with no standard input (but for the reference-transaction hook), standard output sent to
// the error stream, a script without #! run by /bin/sh, and a hook that is present but not
// executable skipped with git's hint.
type hookRunner struct {
	dir    string    // hooks folder
	named  string    // the folder as git names it to the hooks ($0); "" for dir itself
	root   string    // work-tree root: the hooks' working directory
	env    []string  // the environment every hook starts from
	out    io.Writer // the hooks' stdout and stderr, and the hints
	advise bool      // advice.ignoredHook
	hinted map[string]bool
}

// find returns the path of the named hook when git would run it, or "". A hook present but not
// executable is skipped, with git's hint the first time, as git gives it when it goes to run it.
func (h *hookRunner) find(name string) string {
	if h == nil {
		return ""
	}
	p := filepath.Join(h.dir, name)
	ok, notExecutable := executable(p)
	if ok {
		return p
	}
	if notExecutable && h.advise && !h.hinted[name] {
		if h.hinted == nil {
			h.hinted = map[string]bool{}
		}
		h.hinted[name] = true
		shown := p
		if rel, ok := relInside(h.root, p); ok {
			shown = rel
		}
		fmt.Fprintf(h.out, "hint: The '%s' hook was ignored because it's not set as executable.\n"+
			"hint: You can disable this warning with `git config advice.ignoredHook false`.\n", shown)
	}
	return ""
}

// any reports whether at least one of the named hooks would run; it gives no hints (they come when
// the hook is due, as in git).
func (h *hookRunner) any(names ...string) bool {
	for _, n := range names {
		if ok, _ := executable(filepath.Join(h.dir, n)); ok {
			return true
		}
	}
	return false
}

// run runs the named hook, if there is one, with extra environment entries (NAME=value, replacing
// inherited ones), the given standard input (nil: none) and arguments. It reports whether the hook
// ran; a hook that exits non-zero, is killed or cannot be started is an error wrapping ErrHookFailed.
func (h *hookRunner) run(name string, extra []string, stdin []byte, args ...string) (bool, error) {
	p := h.find(name)
	if p == "" {
		return false, nil
	}
	env := withEnv(h.env, append(execPathEnv(h.env), extra...))
	// git runs a hook by the path it names it by ($0): .git/hooks/pre-commit, or core.hooksPath as
	// configured, relative paths found from the root, where the hook runs
	if h.named != "" {
		// as git writes it: the folder as named, a slash, the hook, less one leading "./" and the
		// slashes after it (path.c's cleanup_path)
		p = h.named + "/" + name
		if rest, ok := strings.CutPrefix(p, "./"); ok {
			p = strings.TrimLeft(rest, "/")
		}
	}
	err := h.exec(p, p, args, env, stdin)
	var pe *os.PathError
	if errors.As(err, &pe) && errors.Is(pe.Err, syscall.ENOEXEC) {
		// A script without "#!": git hands it to the shell, and so does pm.
		err = h.exec("/bin/sh", p, args, env, stdin)
	}
	if err == nil {
		return true, nil
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return true, fmt.Errorf("the %s hook %s: %w", name, exitText(ee), ErrHookFailed)
	}
	return true, fmt.Errorf("the %s hook could not be run: %v: %w", name, err, ErrHookFailed)
}

func (h *hookRunner) exec(prog, hook string, args, env []string, stdin []byte) error {
	argv := append([]string{hook}, args...)
	if prog != hook {
		argv = append([]string{prog}, argv...)
	}
	// a relative Path is found from Dir, the root
	cmd := &exec.Cmd{Path: prog, Args: argv, Env: env, Dir: h.root, Stdout: h.out, Stderr: h.out}
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	return cmd.Run()
}

// exitText says how a hook ended: "exited with status 1", "was killed by signal 9".
func exitText(ee *exec.ExitError) string {
	if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return fmt.Sprintf("was killed by signal %d", ws.Signal())
	}
	return fmt.Sprintf("exited with status %d", ee.ExitCode())
}

// withEnv returns base with the NAME=value entries of extra set, replacing earlier values of the
// same names.
func withEnv(base, extra []string) []string {
	if len(extra) == 0 {
		return base
	}
	names := make(map[string]bool, len(extra))
	for _, kv := range extra {
		k, _, _ := strings.Cut(kv, "=")
		names[k] = true
	}
	out := make([]string, 0, len(base)+len(extra))
	for _, kv := range base {
		k, _, _ := strings.Cut(kv, "=")
		if !names[k] {
			out = append(out, kv)
		}
	}
	return append(out, extra...)
}

// hookExports are the variables git sets in its own environment during setup, which hooks inherit:
// GIT_DIR where git exports it (a linked worktree, a .git file, GIT_DIR given), and GIT_WORK_TREE
// turned into "." (git changes into the work tree first) when it was given.
func (r *Repo) hookExports() []string {
	var out []string
	if r.layout.exportsGitDir {
		out = append(out, "GIT_DIR="+r.layout.gitDirAbs)
	}
	if r.env("GIT_WORK_TREE") != "" {
		out = append(out, "GIT_WORK_TREE=.")
	}
	return out
}

// gitExecPath is the git program's exec path (`git --exec-path`), asked once per process: "" when
// there is no git program.
var gitExecPath = lazy.Value[string]{New: func() string {
	out, err := exec.Command("git", "--exec-path").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}}

// execPathEnv is what git puts into the environment of everything it runs, hooks included, before
// it runs them: GIT_EXEC_PATH, and PATH with the exec path in front (so that a hook can source
// git-sh-setup or call git-* programs by name). The exec path is GIT_EXEC_PATH when env sets it, as
// for git, else the git program's own; without a git program, nothing is added.
func execPathEnv(env []string) []string {
	dir, path, havePath := "", "", false
	for _, kv := range env {
		switch k, v, _ := strings.Cut(kv, "="); k {
		case "GIT_EXEC_PATH":
			dir = v
		case "PATH":
			path, havePath = v, true
		}
	}
	if dir == "" {
		dir = gitExecPath.Get()
	}
	if dir == "" {
		return nil
	}
	if !havePath {
		path = "/usr/local/bin:/usr/bin:/bin" // git's default when PATH is unset
	}
	return []string{"GIT_EXEC_PATH=" + dir, "PATH=" + dir + string(filepath.ListSeparator) + path}
}
