package gitrepo

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// lab is a private place for repositories of every shape, built and judged with the git CLI: its
// HOME is a temporary folder, no system config is read, and git and pm get the same environment.
type lab struct {
	t    *testing.T
	home string
	base map[string]string
}

func newLab(t *testing.T) *lab {
	t.Helper()
	needGit(t)
	home := t.TempDir()
	if real, err := filepath.EvalSymlinks(home); err == nil {
		home = real
	}
	return &lab{t: t, home: home, base: map[string]string{
		"HOME":                home,
		"XDG_CONFIG_HOME":     filepath.Join(home, ".config"),
		"GIT_CONFIG_NOSYSTEM": "1",
		"TZ":                  "UTC",
	}}
}

// path is a path under the lab's HOME.
func (l *lab) path(elem ...string) string {
	return filepath.Join(append([]string{l.home}, elem...)...)
}

// env is the lab's environment with extra on top ("" unsets).
func (l *lab) env(extra map[string]string) map[string]string {
	m := map[string]string{}
	for k, v := range l.base {
		m[k] = v
	}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

// setEmpty, as a value in extra, sets the variable to nothing; "" leaves it unset.
const setEmpty = "\x00set to nothing"

// getenv is env as an Env.
func (l *lab) getenv(extra map[string]string) Env {
	m := l.env(extra)
	return func(k string) string {
		if v := m[k]; v != setEmpty {
			return v
		}
		return ""
	}
}

// environ is env as a process environment, KEY=VALUE: a variable set to nothing is there.
func (l *lab) environ(extra map[string]string) []string {
	var out []string
	for k, v := range l.env(extra) {
		switch v {
		case "":
		case setEmpty:
			out = append(out, k+"=")
		default:
			out = append(out, k+"="+v)
		}
	}
	sort.Strings(out)
	return out
}

// run runs git in dir with the lab's environment plus extra, nothing else of the process's GIT_*
// variables, HOME or identity; it returns stdout, and stderr in the error.
func (l *lab) run(dir string, extra map[string]string, args ...string) (string, error) {
	l.t.Helper()
	cmd := l.command(dir, extra, args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		l.t.Fatalf("run git %v: %v", args, err)
	}
	if err != nil {
		return string(out), errors.New(strings.TrimSpace(stderr.String()))
	}
	return string(out), nil
}

// command is git with args to run in dir with the lab's environment plus extra.
func (l *lab) command(dir string, extra map[string]string, args ...string) *exec.Cmd {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "GIT_") || k == "HOME" || k == "XDG_CONFIG_HOME" || k == "EMAIL" || k == "TZ" || k == "PWD" {
			continue
		}
		cmd.Env = append(cmd.Env, kv)
	}
	env := l.env(extra)
	env["PWD"] = dir // as a shell would: git trusts it for the unresolved path of the current folder
	keys := make([]string, 0, len(env))
	for k := range env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		switch env[k] {
		case "":
		case setEmpty:
			cmd.Env = append(cmd.Env, k+"=")
		default:
			cmd.Env = append(cmd.Env, k+"="+env[k])
		}
	}
	return cmd
}

// git runs git with a setup identity and fails the test when git fails.
func (l *lab) git(dir string, args ...string) string {
	l.t.Helper()
	out, err := l.run(dir, map[string]string{
		"GIT_AUTHOR_NAME": "Setup", "GIT_AUTHOR_EMAIL": "setup@example.com",
		"GIT_COMMITTER_NAME": "Setup", "GIT_COMMITTER_EMAIL": "setup@example.com",
	}, setupArgs(args)...)
	if err != nil {
		l.t.Fatalf("git %s (in %s): %v", strings.Join(args, " "), dir, err)
	}
	return strings.TrimSpace(out)
}

// repo makes a repository at path (under HOME when relative) with one commit on main holding
// postmortems/a.md, and returns its absolute path. Without initArgs it is a copy of the one
// repository git makes for every lab (labTemplate).
func (l *lab) repo(p string, initArgs ...string) string {
	l.t.Helper()
	if !filepath.IsAbs(p) {
		p = l.path(p)
	}
	if len(initArgs) == 0 {
		copyRepo(l.t, labTemplate(l.t), p)
		return p
	}
	l.git(l.home, append([]string{"init", "-q", "-b", "main"}, append(initArgs, p)...)...)
	l.write(p, "postmortems/a.md", "# a\n")
	l.git(p, "add", ".")
	l.git(p, "commit", "-q", "-m", "first")
	return p
}

// init makes a repository at path (under HOME when relative) as `git init -q args... path` would.
func (l *lab) init(p string, args ...string) string {
	l.t.Helper()
	if !filepath.IsAbs(p) {
		p = l.path(p)
	}
	copyInit(l.t, p, args...)
	return p
}

// config sets keys in the config file of the git directory gitDir, as git config would.
func (l *lab) config(gitDir string, kv ...string) {
	l.t.Helper()
	setConfig(l.t, filepath.Join(gitDir, "config"), kv...)
}

// write writes a file under dir (slash path), making folders.
func (l *lab) write(dir, p, content string) {
	l.t.Helper()
	writeFile(l.t, dir, p, content)
}

// same reports whether two paths name the same file once symlinks are resolved.
func same(a, b string) bool {
	return realPath(a) == realPath(b)
}

// head is the commit HEAD names in the repository at dir (its .git a folder).
func (l *lab) head(dir string) string {
	l.t.Helper()
	return refHash(l.t, filepath.Join(dir, ".git"), "HEAD")
}

// headCommit is the commit object HEAD names in the repository at dir, as git cat-file -p HEAD
// would print it: a loose object, as a commit just made with the git CLI leaves it.
func (l *lab) headCommit(dir string) string {
	l.t.Helper()
	return headCommitOf(l.t, filepath.Join(dir, ".git"))
}
