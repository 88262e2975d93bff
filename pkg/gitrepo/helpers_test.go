package gitrepo

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/gitrepo/internal/gitindex"
	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// fixture is a temporary repository made by pm's initRepository, plus a private HOME so
// neither pm nor the git CLI reads the developer's configuration.
type fixture struct {
	t    *testing.T
	root string
	home string
	env  map[string]string
	repo *Repo
	// gitEnv holds extra NAME=value settings for the git CLI runs (fixed dates, say).
	gitEnv []string
}

// newFixture makes an empty repository (unborn branch "master").
func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := newEmptyFixture(t)
	if err := plainInit(f.root); err != nil {
		t.Fatalf("init: %v", err)
	}
	f.reopen()
	return f
}

// newEmptyFixture is a fixture with no repository yet: an empty folder and a private HOME.
func newEmptyFixture(t *testing.T) *fixture {
	f := &fixture{t: t, root: t.TempDir(), home: t.TempDir()}
	f.env = map[string]string{
		"HOME":                f.home,
		"XDG_CONFIG_HOME":     filepath.Join(f.home, ".config"),
		"GIT_CONFIG_NOSYSTEM": "1",
	}
	return f
}

// identity sets user.name and user.email in the repository's configuration, as git config would
// write them, without two git processes per fixture.
func (f *fixture) identity(name, email string) {
	f.t.Helper()
	cf, err := os.OpenFile(filepath.Join(f.root, ".git", "config"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		f.t.Fatal(err)
	}
	if _, err := fmt.Fprintf(cf, "[user]\n\tname = %s\n\temail = %s\n", name, email); err != nil {
		cf.Close()
		f.t.Fatal(err)
	}
	if err := cf.Close(); err != nil {
		f.t.Fatal(err)
	}
}

// writeFiles writes files under root: slash paths and contents, in pairs.
func writeFiles(root string, pc ...string) error {
	for i := 0; i+1 < len(pc); i += 2 {
		name := filepath.Join(root, filepath.FromSlash(pc[i]))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(name, []byte(pc[i+1]), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// setConfig sets keys (key, value pairs; keys as section.name or section.subsection.name) in a
// git configuration file as git config would: the last line of the key in its section is replaced,
// or the key is added at the end of the section's last occurrence, or in a new section at the end
// of the file. Values are quoted and escaped as git config writes them.
func setConfig(t *testing.T, file string, kv ...string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	for i := 0; i+1 < len(kv); i += 2 {
		section, rest, _ := strings.Cut(kv[i], ".")
		sub, name := "", rest
		if j := strings.LastIndex(rest, "."); j >= 0 {
			sub, name = rest[:j], rest[j+1:]
		}
		header := "[" + section + "]"
		if sub != "" {
			header = "[" + section + " \"" + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(sub) + "\"]"
		}
		line := "\t" + name + " = " + configValue(kv[i+1]) + "\n"
		in, end, at := false, -1, -1 // in the section; after its last line; the key's last line
		for n, l := range lines {
			trimmed := strings.TrimSpace(l)
			if strings.HasPrefix(trimmed, "[") {
				in = sameHeader(trimmed, section, sub)
				if in {
					end = n + 1
				}
				continue
			}
			if in {
				end = n + 1
				k, _, _ := strings.Cut(trimmed, "=")
				if strings.EqualFold(strings.TrimSpace(k), name) {
					at = n
				}
			}
		}
		switch {
		case at >= 0:
			lines[at] = line
		case end >= 0:
			lines = append(lines[:end], append([]string{line}, lines[end:]...)...)
		default:
			lines = append(lines, header+"\n", line)
		}
	}
	mustNoErr(t, os.WriteFile(file, []byte(strings.Join(lines, "")), 0o644))
}

// sameHeader reports whether a section header line (no comment after it) opens section.sub.
func sameHeader(line, section, sub string) bool {
	h := strings.TrimSuffix(strings.TrimPrefix(line, "["), "]")
	s, q, hasSub := strings.Cut(h, " ")
	if !strings.EqualFold(s, section) || hasSub != (sub != "") {
		return false
	}
	return !hasSub || strings.Trim(strings.TrimSpace(q), `"`) == sub
}

// configValue is v as git config writes a value: quoted when it starts or ends with a space or
// holds a comment character, with backslashes, quotes, tabs and newlines escaped.
func configValue(v string) string {
	e := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\t", `\t`, "\n", `\n`).Replace(v)
	if v != "" && (v[0] == ' ' || v[len(v)-1] == ' ' || strings.ContainsAny(v, ";#")) {
		return `"` + e + `"`
	}
	return e
}

// getenv is the fixture's Env.
func (f *fixture) getenv(k string) string { return f.env[k] }

func (f *fixture) reopen() {
	f.t.Helper()
	r, err := OpenWithEnv(f.root, f.getenv)
	if err != nil {
		f.t.Fatalf("open %s: %v", f.root, err)
	}
	f.repo = r
}

// write creates or replaces a work-tree file (slash path).
func (f *fixture) write(p, content string) {
	f.t.Helper()
	writeFile(f.t, f.root, p, content)
}

func writeFile(t *testing.T, root, p, content string) {
	t.Helper()
	name := filepath.Join(root, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// sig is a fixed signature for commits made by tests.
func sig(name string) Signature {
	return Signature{Name: name, Email: strings.ToLower(name) + "@example.com", When: time.Date(2026, 11, 20, 10, 0, 0, 0, time.FixedZone("", 9*3600))}
}

// commit commits paths with CommitOnly and fails the test on error.
func (f *fixture) commit(msg string, paths ...string) string {
	f.t.Helper()
	h, err := f.repo.CommitOnly(paths, msg, sig("Author"), sig("Committer"))
	if err != nil {
		f.t.Fatalf("CommitOnly(%v): %v", paths, err)
	}
	return h
}

// plainInit makes an empty repository at dir whose unborn branch is master, as go-git's PlainInit
// made the fixtures' repositories.
func plainInit(dir string) error { return initRepository(dir, "master", nil) }

// stage stages paths as git add does, with pm's own index codec (no git CLI needed): each file's
// blob is stored and its entry set with the file's stat data; a path whose file is gone is removed.
func (f *fixture) stage(paths ...string) {
	f.t.Helper()
	idx, err := f.repo.readIndex()
	if err != nil {
		f.t.Fatal(err)
	}
	for _, p := range paths {
		abs := filepath.Join(f.root, filepath.FromSlash(p))
		fi, err := os.Lstat(abs)
		if errors.Is(err, os.ErrNotExist) {
			idx.Remove(p)
			continue
		}
		if err != nil {
			f.t.Fatal(err)
		}
		var data []byte
		mode := gitindex.ModeRegular
		if fi.Mode()&os.ModeSymlink != 0 {
			target, err := os.Readlink(abs)
			if err != nil {
				f.t.Fatal(err)
			}
			data, mode = []byte(target), gitindex.ModeSymlink
		} else {
			if data, err = os.ReadFile(abs); err != nil {
				f.t.Fatal(err)
			}
			if fi.Mode()&0o111 != 0 {
				mode = gitindex.ModeExecutable
			}
		}
		h, err := f.repo.writeBlob(data)
		if err != nil {
			f.t.Fatalf("stage %s: %v", p, err)
		}
		e := gitindex.Entry{Name: p, Mode: mode, Hash: gitindex.Hash(h)}
		e.SetStat(statData(fi))
		if err := idx.Set(e); err != nil {
			f.t.Fatalf("stage %s: %v", p, err)
		}
	}
	name := f.repo.indexFile()
	lock, err := os.OpenFile(name+".lock", os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		f.t.Fatal(err)
	}
	if err := writeIndexTo(lock, idx.Index, gitindex.EncodeOptions{}); err != nil {
		f.t.Fatal(err)
	}
	if err := os.Rename(name+".lock", name); err != nil {
		f.t.Fatal(err)
	}
}

// needGit skips the rest of the test when the git CLI is not installed.
func needGit(t *testing.T) {
	t.Helper()
	testenv.NeedGit(t)
}

// gitEnv is the environment for git subprocesses: the process environment
// without any GIT_*, HOME or XDG_CONFIG_HOME, plus a private HOME and a setup
// identity.
func gitEnv(home string, extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "GIT_") || k == "HOME" || k == "XDG_CONFIG_HOME" || k == "EMAIL" {
			continue
		}
		env = append(env, kv)
	}
	env = append(env,
		"HOME="+home,
		"XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Setup", "GIT_AUTHOR_EMAIL=setup@example.com",
		"GIT_COMMITTER_NAME=Setup", "GIT_COMMITTER_EMAIL=setup@example.com",
	)
	return append(env, extra...)
}

// git runs the git CLI in dir and returns its trimmed stdout; it skips the
// test when git is absent and fails it when git fails.
func (f *fixture) git(dir string, args ...string) string {
	f.t.Helper()
	out, err := f.gitErr(dir, args...)
	if err != nil {
		f.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

func (f *fixture) gitErr(dir string, args ...string) (string, error) {
	f.t.Helper()
	needGit(f.t)
	cmd := exec.Command("git", setupArgs(args)...)
	cmd.Dir = dir
	cmd.Env = gitEnv(f.home, f.gitEnv...)
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return strings.TrimSpace(string(out)), err
	}
	if err != nil {
		f.t.Fatalf("run git: %v", err)
	}
	return strings.TrimSpace(string(out)), nil
}

// gitStdout runs git in dir and returns its trimmed standard output only (what git prints on stderr
// about its own helpers, such as a filter that cannot start, varies from run to run).
func (f *fixture) gitStdout(dir string, args ...string) string {
	f.t.Helper()
	needGit(f.t)
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = gitEnv(f.home, f.gitEnv...)
	out, _ := cmd.Output()
	return strings.TrimSpace(string(out))
}

// judge checks with the git CLI that the repository is sound and that each
// path is committed and clean in the work tree of dir.
func (f *fixture) judge(dir string, paths ...string) {
	f.t.Helper()
	if out := f.git(dir, append(fsck(filepath.Join(f.root, ".git", "objects")), "--strict", "--no-dangling")...); out != "" {
		f.t.Errorf("git fsck --strict: %s", out)
	}
	if len(paths) == 0 {
		return
	}
	// One run each for all the paths: git lists every one that is not clean.
	// diff-files compares stat data only: it proves the index entry's stat
	// fields match the file as git would have recorded them.
	if out := f.git(dir, append([]string{"diff-files", "--name-only", "--"}, paths...)...); out != "" {
		f.t.Errorf("git diff-files -- %s = %q, want nothing", strings.Join(paths, " "), out)
	}
	if out := f.git(dir, append([]string{"status", "--porcelain", "--"}, paths...)...); out != "" {
		f.t.Errorf("git status --porcelain -- %s = %q, want clean", strings.Join(paths, " "), out)
	}
}

// fsck is the arguments of git fsck for the repository with these object folders. Where none holds
// a commit-graph or multi-pack-index, they tell git so: fsck would otherwise start a verifying git
// process for each kind, with nothing to verify.
func fsck(objectDirs ...string) []string {
	args := []string{"fsck"}
	for _, d := range objectDirs {
		for _, p := range []string{"info/commit-graph", "info/commit-graphs", "pack/multi-pack-index"} {
			if _, err := os.Lstat(filepath.Join(d, filepath.FromSlash(p))); err == nil {
				return args
			}
		}
	}
	return append([]string{"-c", "core.commitGraph=false", "-c", "core.multiPackIndex=false"}, args...)
}

func mustNoErr(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantErr(t *testing.T, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("error = %v, want %v", err, target)
	}
	if strings.Contains(err.Error(), "\n") {
		t.Errorf("error message has more than one line: %q", err)
	}
}

// quickSet is the cases of a table test that the quick tier runs: one or more of each family of
// cases, the others only widening what those check (testenv.Exhaustive). The full tier runs all.
type quickSet map[string]bool

// quickCases names the quick tier's cases among all the test's case names; naming one that does
// not exist fails the test, so that a renamed case cannot silently leave the quick tier.
func quickCases(t *testing.T, all []string, quick ...string) quickSet {
	t.Helper()
	q := quickSet{}
	for _, n := range quick {
		if !slices.Contains(all, n) {
			t.Fatalf("the quick tier names %q, which is no case of %s", n, t.Name())
		}
		q[n] = true
	}
	return q
}

// only skips t in the quick tier unless the case called name is one of the quick set.
func (q quickSet) only(t *testing.T, name string) {
	t.Helper()
	if !q[name] {
		testenv.Exhaustive(t)
	}
}
