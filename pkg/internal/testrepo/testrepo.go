// Package testrepo makes throwaway git repositories and runs pm's commands in-process on them, for
// the tests of the command packages; it is test support only, and internal to pm.
package testrepo

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/gitrepo"

	_ "github.com/pm-tools/pm/pkg/internal/memtmp" // the tests' temporary folders on tmpfs when there is one
)

// Repo is a throwaway repository with a private HOME, so that neither pm nor the git CLI reads the
// developer's configuration. Its methods fail (or skip) the test that made it.
type Repo struct {
	// Dir is the root of the work tree.
	Dir string
	// Env is the environment to give pm (cmdutil.TestFactory's env): a private HOME and no system
	// git configuration.
	Env map[string]string
	// GitEnv holds extra NAME=value variables for Git and TryGit, after the private ones: a later
	// one wins (GIT_AUTHOR_DATE to fix commit times, PATH to hide a program).
	GitEnv []string
	// Name and Email are the identity in the repository's config, which Commit commits as.
	Name, Email string

	t testing.TB
}

// New makes an empty repository on the branch main with gitrepo.Init (no git CLI needed). Its
// config names the user name <email>, unless both are empty, and holds settings, given as
// "section.key", value pairs ("core.hooksPath", ".githooks").
func New(t testing.TB, name, email string, settings ...string) *Repo {
	t.Helper()
	if len(settings)%2 != 0 {
		t.Fatalf("testrepo.New: settings %q are not key, value pairs", settings)
	}
	cfg := map[string]string{}
	if name != "" || email != "" {
		cfg["user.name"], cfg["user.email"] = name, email
	}
	for i := 0; i < len(settings); i += 2 {
		cfg[settings[i]] = settings[i+1]
	}
	r := &Repo{Dir: t.TempDir(), Env: PrivateEnv(t), Name: name, Email: email, t: t}
	if err := gitrepo.Init(r.Dir, cfg); err != nil {
		t.Fatal(err)
	}
	return r
}

// PrivateEnv returns the environment pm needs to run in a test without the developer's git
// configuration: a new, empty HOME and GIT_CONFIG_NOSYSTEM.
func PrivateEnv(t testing.TB) map[string]string {
	t.Helper()
	return map[string]string{"HOME": t.TempDir(), "GIT_CONFIG_NOSYSTEM": "1"}
}

// Write creates or replaces the file at the slash path rel, with its folders.
func (r *Repo) Write(rel, content string) {
	r.t.Helper()
	WriteFile(r.t, r.Dir, rel, content)
}

// Read returns the content of the file at the slash path rel.
func (r *Repo) Read(rel string) string {
	r.t.Helper()
	return ReadFile(r.t, r.Dir, rel)
}

// Commit commits the files at the slash paths with pm's own gitrepo.CommitOnly (no git CLI needed),
// authored and committed by the repository's identity at when, and returns the commit's hash.
func (r *Repo) Commit(msg string, when time.Time, paths ...string) string {
	r.t.Helper()
	repo := r.open()
	sig := gitrepo.Signature{Name: r.Name, Email: r.Email, When: when}
	h, err := repo.CommitOnly(paths, msg, sig, sig)
	if err != nil {
		r.t.Fatalf("commit %v: %v", paths, err)
	}
	return h
}

// Head describes the commit HEAD points at.
func (r *Repo) Head() gitrepo.CommitInfo {
	r.t.Helper()
	c, err := r.open().HeadCommit()
	if err != nil {
		r.t.Fatal(err)
	}
	return c
}

// CommitCount is the number of commits reachable from HEAD.
func (r *Repo) CommitCount() int {
	r.t.Helper()
	n, err := r.open().CommitCount()
	if err != nil {
		r.t.Fatal(err)
	}
	return n
}

func (r *Repo) open() *gitrepo.Repo {
	r.t.Helper()
	repo, err := gitrepo.OpenWithEnv(r.Dir, func(k string) string { return r.Env[k] })
	if err != nil {
		r.t.Fatal(err)
	}
	return repo
}

// Git runs the git CLI in the repository and returns its output (stdout and stderr), trimmed. It
// skips the test when git is not installed and fails it, with the output, when git fails.
func (r *Repo) Git(args ...string) string {
	r.t.Helper()
	out, err := r.TryGit(args...)
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// TryGit is Git for a command that may fail, as a commit stopped by a hook does: it returns git's
// error instead of failing the test. It still skips the test when git is not installed.
func (r *Repo) TryGit(args ...string) (string, error) {
	r.t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		r.t.Skip("git CLI not available")
	}
	cmd := exec.Command("git", args...)
	cmd.Dir = r.Dir
	cmd.Env = r.gitEnv()
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return strings.TrimSpace(out.String()), err
}

// gitEnv is the process environment without anything that points git at the developer's
// configuration or identity (GIT_*, HOME, XDG_CONFIG_HOME, EMAIL), plus the private HOME and
// GitEnv.
func (r *Repo) gitEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "GIT_") || k == "HOME" || k == "XDG_CONFIG_HOME" || k == "EMAIL" {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "HOME="+r.Env["HOME"], "GIT_CONFIG_NOSYSTEM=1")
	return append(env, r.GitEnv...)
}
