//go:build unix

package gitrepo

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/go-git/go-git/v5/plumbing"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// hookLogger is a hook script that appends what git tells a hook to $HOOK_LOG: its name and
// arguments, GIT_INDEX_FILE and what that index holds, GIT_EDITOR, the exported author, GIT_PREFIX,
// GIT_EXEC_PATH and the head of PATH,
// the folder it runs in and the work tree git finds from there (each the side's root, which the
// log names ROOT), and the reference-transaction hook's input.
const hookLogger = `#!/bin/sh
name=${0##*/}
{
  echo "== $name $*"
  echo "as $0"
  echo "index=$GIT_INDEX_FILE editor=$GIT_EDITOR prefix=$GIT_PREFIX"
  echo "exec-path=$GIT_EXEC_PATH path-head=${PATH%%:*}"
  echo "author=$GIT_AUTHOR_NAME <$GIT_AUTHOR_EMAIL> $GIT_AUTHOR_DATE"
  echo "in $(pwd -P), top-level $(git rev-parse --show-toplevel)"
  [ -n "$GIT_INDEX_FILE" ] && git ls-files -s -v
  [ "$name" = reference-transaction ] && cat
  case "$name" in prepare-commit-msg|commit-msg) echo "message:"; cat "$1";; esac
} >> "$HOOK_LOG"
`

var allHooks = []string{"pre-commit", "prepare-commit-msg", "commit-msg", "post-commit", "reference-transaction", "post-index-change"}

// twin is two identical repositories: one committed to by the git CLI (the judge), one by pm.
type twin struct {
	t          *testing.T
	git, pm    *fixture
	gitLog     string
	pmLog      string
	authorDate string // GIT_AUTHOR_DATE and GIT_COMMITTER_DATE for both sides
}

// newTwin makes the twin: setup builds the git side, and the pm side is a copy of it.
func newTwin(t *testing.T, setup func(f *fixture)) *twin {
	t.Helper()
	tw := twinLogs(t)
	tw.git = newTwinSide(t)
	setup(tw.git)
	tw.pm = newTwinSide(t)
	copyRepo(t, tw.git.root, tw.pm.root)
	tw.pm.reopen()
	return tw
}

// newTwinBuiltTwice makes the twin with setup run on each side, for an index holding what a copy
// would make stale: the untracked cache records folders' stat data.
func newTwinBuiltTwice(t *testing.T, setup func(f *fixture)) *twin {
	t.Helper()
	tw := twinLogs(t)
	tw.git, tw.pm = newTwinSide(t), newTwinSide(t)
	setup(tw.git)
	setup(tw.pm)
	return tw
}

func twinLogs(t *testing.T) *twin {
	needGit(t)
	tw := &twin{t: t, authorDate: "@1795136400 +0900"}
	logs := t.TempDir()
	tw.gitLog, tw.pmLog = filepath.Join(logs, "git.log"), filepath.Join(logs, "pm.log")
	return tw
}

// newTwinSide is a side of a twin before its setup makes the repository (baseRepo or twinRepo):
// the setup dates, and a HOME where git commits start no background maintenance (on either side,
// so that hooks and pm see the same settings).
func newTwinSide(t *testing.T) *fixture {
	f := newEmptyFixture(t)
	f.gitEnv = twinSetupDates
	appendFile(t, filepath.Join(f.home, ".gitconfig"), "[maintenance]\n\tauto = false\n")
	return f
}

// twinRepo makes a twin side's repository, empty, with the twins' identity.
func twinRepo(f *fixture) {
	f.t.Helper()
	if err := plainInit(f.root); err != nil {
		f.t.Fatalf("init: %v", err)
	}
	f.identity("Hook Tester", "hooks@example.com")
	f.reopen()
}

// twinSetupDates are the dates of the commits the twins' setup makes.
var twinSetupDates = []string{"GIT_AUTHOR_DATE=@1795000000 +0000", "GIT_COMMITTER_DATE=@1795000000 +0000"}

// config sets configuration keys (key, value pairs) in both repositories.
func (tw *twin) config(kv ...string) {
	tw.t.Helper()
	for _, f := range []*fixture{tw.git, tw.pm} {
		setConfig(tw.t, filepath.Join(f.root, ".git", "config"), kv...)
	}
}

// hooks installs the logger as the named hooks in both repositories.
func (tw *twin) hooks(names ...string) {
	tw.t.Helper()
	for _, f := range []*fixture{tw.git, tw.pm} {
		for _, n := range names {
			tw.hook(f, n, hookLogger)
		}
	}
}

func (tw *twin) hook(f *fixture, name, script string) {
	tw.t.Helper()
	dir := filepath.Join(f.root, ".git", "hooks")
	mustNoErr(tw.t, os.MkdirAll(dir, 0o755))
	mustNoErr(tw.t, os.WriteFile(filepath.Join(dir, name), []byte(script), 0o755))
}

// both writes the same file in both work trees.
func (tw *twin) both(p, content string) {
	tw.git.write(p, content)
	tw.pm.write(p, content)
}

func (tw *twin) env(f *fixture, log string) []string {
	return gitEnv(f.home, "HOOK_LOG="+log,
		"GIT_AUTHOR_NAME=Author", "GIT_AUTHOR_EMAIL=author@example.com", "GIT_AUTHOR_DATE="+tw.authorDate,
		"GIT_COMMITTER_NAME=Committer", "GIT_COMMITTER_EMAIL=committer@example.com", "GIT_COMMITTER_DATE="+tw.authorDate)
}

// commitGit runs git commit --only on the git side; it returns git's exit error (nil on success)
// and its output.
func (tw *twin) commitGit(msg string, noVerify bool, paths ...string) (string, error) {
	tw.t.Helper()
	args := []string{"commit", "-q", "--only", "-m", msg}
	if noVerify {
		args = append(args, "--no-verify")
	}
	cmd := exec.Command("git", append(append(args, "--"), paths...)...)
	cmd.Dir = tw.git.root
	cmd.Env = tw.env(tw.git, tw.gitLog)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// commitPM commits with a transaction on the pm side; it returns the hook output and the error.
func (tw *twin) commitPM(msg string, noVerify bool, paths ...string) (string, string, error) {
	tw.t.Helper()
	tw.pm.reopen()
	date, err := ParseDate(strings.TrimPrefix(tw.authorDate, "@"), time.Now())
	mustNoErr(tw.t, err)
	var stderr bytes.Buffer
	tx, err := tw.pm.repo.Begin(TxOptions{Environ: tw.env(tw.pm, tw.pmLog), Stderr: &stderr})
	if err != nil {
		return "", "", err
	}
	if err := tx.Check(paths); err != nil {
		tx.Abort()
		return "", "", err
	}
	h, err := tx.Commit(paths, CommitOptions{
		Message:   msg,
		Author:    Signature{Name: "Author", Email: "author@example.com", When: date},
		Committer: Signature{Name: "Committer", Email: "committer@example.com", When: date},
		NoVerify:  noVerify,
	})
	return h, stderr.String(), err
}

var nextIndex = regexp.MustCompile(`next-index-[0-9]+\.lock`)

// log returns a side's hook log with its root and git's temporary index name made comparable.
func (tw *twin) log(f *fixture, name string) string {
	b, err := os.ReadFile(name)
	if err != nil && !os.IsNotExist(err) {
		tw.t.Fatal(err)
	}
	s := strings.ReplaceAll(string(b), f.root, "ROOT")
	if real, err := filepath.EvalSymlinks(f.root); err == nil {
		s = strings.ReplaceAll(s, real, "ROOT")
	}
	return nextIndex.ReplaceAllString(s, "next-index-PID.lock")
}

// same fails the test where the two sides differ: hook logs, HEAD commit, index, status, reflog.
// It returns what git status --porcelain=v2 says of the pm side.
func (tw *twin) same() (pmStatus string) {
	tw.t.Helper()
	if g, p := tw.log(tw.git, tw.gitLog), tw.log(tw.pm, tw.pmLog); g != p {
		tw.t.Errorf("hook log differs\n--- git:\n%s\n--- pm:\n%s", g, p)
	}
	// The index, the refs and HEAD's reflog, as git ls-files -s -v, for-each-ref and reflog
	// --format='%H %gs' would list them, read from their files: a git run less for each on each
	// side. That git reads the index as well is what git status, below, shows.
	for _, what := range []struct {
		name string
		read func(*testing.T, string) string
	}{{"index", readIndex}, {"refs", readRefs}, {"HEAD's reflog", readReflog}} {
		if g, p := what.read(tw.t, filepath.Join(tw.git.root, ".git")), what.read(tw.t, filepath.Join(tw.pm.root, ".git")); g != p {
			tw.t.Errorf("%s differ\n--- git:\n%s\n--- pm:\n%s", what.name, g, p)
		}
	}
	for _, args := range [][]string{
		// --branch shows the commit HEAD names (as rev-parse HEAD would) and its branch.
		{"status", "--porcelain=v2", "--branch", "--untracked-files=all"},
	} {
		// Hooks off for the judge's own runs: git status would run post-index-change.
		args = append([]string{"-c", "core.hooksPath=/dev/null/none"}, args...)
		g := tw.git.gitStdout(tw.git.root, args...)
		p := tw.pm.gitStdout(tw.pm.root, args...)
		if g != p {
			tw.t.Errorf("git %s differs\n--- git:\n%s\n--- pm:\n%s", strings.Join(args, " "), g, p)
		}
		if args[2] == "status" {
			pmStatus = p
		}
	}
	for _, f := range []*fixture{tw.git, tw.pm} {
		if m, _ := filepath.Glob(filepath.Join(f.root, ".git", "*.lock")); len(m) > 0 {
			tw.t.Errorf("lock files left behind: %v", m)
		}
	}
	return pmStatus
}

// statusLists reports whether git status --porcelain=v2 output lists path: as changed in the
// index or the work tree (or renamed from), unmerged, untracked or ignored.
func statusLists(status, path string) bool {
	for _, line := range strings.Split(status, "\n") {
		var p string
		switch {
		case strings.HasPrefix(line, "1 "):
			p = nth(line, 8)
		case strings.HasPrefix(line, "2 "):
			var orig string
			p, orig, _ = strings.Cut(nth(line, 9), "\t")
			if orig == path {
				return true
			}
		case strings.HasPrefix(line, "u "):
			p = nth(line, 10)
		case strings.HasPrefix(line, "? "), strings.HasPrefix(line, "! "):
			p = line[2:]
		}
		if p == path {
			return true
		}
	}
	return false
}

// nth is what follows the first n spaces of line.
func nth(line string, n int) string {
	f := strings.SplitN(line, " ", n+1)
	if len(f) <= n {
		return ""
	}
	return f[n]
}

// baseRepo gives a new twin side a.md and sub/b.md committed as "base": a copy of the repository
// buildBaseRepo makes, built once per test binary.
func baseRepo(f *fixture) {
	f.t.Helper()
	src := templateRepo(f.t, "twin-base", func(dir, home string) error {
		if err := plainInit(dir); err != nil {
			return err
		}
		b := &fixture{t: f.t, root: dir, home: home, gitEnv: twinSetupDates}
		b.identity("Hook Tester", "hooks@example.com")
		return buildBaseRepo(b)
	})
	copyRepo(f.t, src, f.root)
	f.reopen()
}

// buildBaseRepo commits a.md and sub/b.md as "base" with the git CLI.
func buildBaseRepo(f *fixture) error {
	if err := writeFiles(f.root, "a.md", "one\n", "sub/b.md", "two\n"); err != nil {
		return err
	}
	if err := runGit(f.root, f.home, f.gitEnv, "add", "."); err != nil {
		return err
	}
	return runGit(f.root, f.home, f.gitEnv, append(noMaintenance, "commit", "-q", "-m", "base")...)
}

func TestHooksRunAsGitRunsThem(t *testing.T) {
	t.Parallel()
	// Staged before the hooks are there: only the commit's hooks are compared.
	tw := newTwin(t, func(f *fixture) {
		baseRepo(f)
		f.write("a.md", "one\nand more\n")
		f.write("staged.md", "staged\n")
		f.git(f.root, "add", "staged.md")
	})
	tw.hooks(allHooks...)
	if out, err := tw.commitGit("pm: one change", false, "a.md"); err != nil {
		t.Fatalf("git commit: %v\n%s", err, out)
	}
	if _, out, err := tw.commitPM("pm: one change", false, "a.md"); err != nil {
		t.Fatalf("commit: %v\n%s", err, out)
	}
	tw.same()
	if !strings.Contains(tw.log(tw.pm, tw.pmLog), "== pre-commit") {
		t.Error("the pre-commit hook did not run")
	}
}

// On an unborn branch git builds the temporary index from nothing: post-index-change gets "0 0"
// there, not the "1 0" of an index read from HEAD's tree.
func TestHooksOnAnUnbornBranch(t *testing.T) {
	t.Parallel()
	tw := newTwin(t, func(f *fixture) {
		twinRepo(f)
		f.write("a.md", "one\n")
		f.git(f.root, "add", "a.md")
	})
	tw.hooks(allHooks...)
	if out, err := tw.commitGit("pm: first", false, "a.md"); err != nil {
		t.Fatalf("git commit: %v\n%s", err, out)
	}
	if _, out, err := tw.commitPM("pm: first", false, "a.md"); err != nil {
		t.Fatalf("commit: %v\n%s", err, out)
	}
	tw.same()
	if log := tw.log(tw.pm, tw.pmLog); strings.Contains(log, "post-index-change 1 0") {
		t.Errorf("post-index-change 1 0 on an unborn branch:\n%s", log)
	}
}

func TestFailingHooksRefuse(t *testing.T) {
	t.Parallel()
	cases := []struct {
		hook     string
		noVerify bool // with --no-verify the hook is skipped and the commit made
		skipped  bool
	}{
		{"pre-commit", false, false},
		{"commit-msg", false, false},
		{"prepare-commit-msg", false, false},
		{"pre-commit", true, true},
		{"commit-msg", true, true},
		{"prepare-commit-msg", true, false}, // git runs it even with --no-verify
	}
	// step commits a.md with the case's hook failing in both repositories (the last case's hook
	// gone) and checks the outcome; what the repositories hold is for the caller to compare.
	step := func(t *testing.T, tw *twin, i int) {
		t.Helper()
		c := cases[i]
		what := fmt.Sprintf("%s no-verify=%v", c.hook, c.noVerify)
		for _, f := range []*fixture{tw.git, tw.pm} {
			for _, h := range []string{"pre-commit", "commit-msg", "prepare-commit-msg"} {
				os.Remove(filepath.Join(f.root, ".git", "hooks", h))
			}
			tw.hook(f, c.hook, "#!/bin/sh\necho \"refused by ${0##*/}\"\nexit 3\n")
		}
		tw.both("a.md", fmt.Sprintf("changed %d\n", i))
		before := takeSnapshot(t, tw.pm)
		_, gitErr := tw.commitGit("msg", c.noVerify, "a.md")
		_, out, err := tw.commitPM("msg", c.noVerify, "a.md")
		if c.skipped {
			if gitErr != nil || err != nil {
				t.Fatalf("%s: git: %v; pm: %v", what, gitErr, err)
			}
			return
		}
		if gitErr == nil {
			t.Fatalf("%s: git committed despite the failing hook", what)
		}
		wantErr(t, err, ErrHookFailed)
		if !strings.Contains(out, "refused by "+c.hook) {
			t.Errorf("%s: hook output not shown: %q", what, out)
		}
		if after := takeSnapshot(t, tw.pm); after != before {
			t.Errorf("%s: a refused commit changed HEAD, the branch or the index", what)
		}
	}
	if !testenv.Full() {
		// The quick tier runs a hook that refuses, one --no-verify skips and the one it does not
		// skip, one after the other in one twin, comparing the commits as it goes and the
		// repositories at the end.
		var names []string
		for _, c := range cases {
			names = append(names, fmt.Sprintf("%s no-verify=%v", c.hook, c.noVerify))
		}
		quick := quickCases(t, names, "pre-commit no-verify=false", "commit-msg no-verify=true", "prepare-commit-msg no-verify=true")
		tw := newTwin(t, baseRepo)
		for i, c := range cases {
			if !quick[names[i]] {
				continue
			}
			step(t, tw, i)
			if g, p := readRefs(t, filepath.Join(tw.git.root, ".git")), readRefs(t, filepath.Join(tw.pm.root, ".git")); g != p {
				t.Fatalf("%s no-verify=%v: refs differ\n--- git:\n%s\n--- pm:\n%s", c.hook, c.noVerify, g, p)
			}
		}
		tw.same()
		return
	}
	for i, c := range cases {
		t.Run(fmt.Sprintf("%s no-verify=%v", c.hook, c.noVerify), func(t *testing.T) {
			tw := newTwin(t, baseRepo)
			step(t, tw, i)
			tw.same()
		})
	}
}

func TestHookNotExecutableIsSkippedWithGitsHint(t *testing.T) {
	t.Parallel()
	tw := newTwin(t, baseRepo)
	for _, f := range []*fixture{tw.git, tw.pm} {
		tw.hook(f, "pre-commit", "#!/bin/sh\nexit 1\n")
		mustNoErr(t, os.Chmod(filepath.Join(f.root, ".git", "hooks", "pre-commit"), 0o644))
	}
	tw.both("a.md", "changed\n")
	gitOut, gitErr := tw.commitGit("msg", false, "a.md")
	_, out, err := tw.commitPM("msg", false, "a.md")
	if gitErr != nil || err != nil {
		t.Fatalf("git: %v; pm: %v", gitErr, err)
	}
	if strings.TrimSpace(gitOut) != strings.TrimSpace(out) {
		t.Errorf("hint differs\n--- git:\n%s\n--- pm:\n%s", gitOut, out)
	}
	tw.same()
}

func TestHooksEditTheMessage(t *testing.T) {
	t.Parallel()
	tw := newTwin(t, baseRepo)
	for _, f := range []*fixture{tw.git, tw.pm} {
		tw.hook(f, "prepare-commit-msg", "#!/bin/sh\nprintf '\\n\\n# a comment\\nPrepared-by: hook   \\n\\n\\n' >> \"$1\"\n")
		tw.hook(f, "commit-msg", "#!/bin/sh\nsed -i 's/^pm:/pm (checked):/' \"$1\"\n")
	}
	tw.both("a.md", "changed\n")
	if out, err := tw.commitGit("pm: subject  \n\nbody", false, "a.md"); err != nil {
		t.Fatalf("git: %v\n%s", err, out)
	}
	if _, out, err := tw.commitPM("pm: subject  \n\nbody", false, "a.md"); err != nil {
		t.Fatalf("pm: %v\n%s", err, out)
	}
	tw.same()
	if msg := tw.pm.git(tw.pm.root, "log", "-1", "--format=%B"); !strings.HasPrefix(msg, "pm (checked): subject") {
		t.Errorf("message = %q", msg)
	}
}

func TestHookEmptiesTheMessage(t *testing.T) {
	t.Parallel()
	tw := newTwin(t, baseRepo)
	for _, f := range []*fixture{tw.git, tw.pm} {
		tw.hook(f, "commit-msg", "#!/bin/sh\nprintf '  \\n\\n' > \"$1\"\n")
	}
	tw.both("a.md", "changed\n")
	if _, err := tw.commitGit("msg", false, "a.md"); err == nil {
		t.Fatal("git committed an empty message")
	}
	_, _, err := tw.commitPM("msg", false, "a.md")
	wantErr(t, err, ErrEmptyMessage)
	wantErr(t, err, ErrHookFailed) // a commit a hook refused: exit 1, as git's
	if strings.Count(err.Error(), "\n") > 0 {
		t.Errorf("not one line: %q", err)
	}
	tw.same()
}

func TestPreCommitHookStagingChangesTheCommit(t *testing.T) {
	t.Parallel()
	tw := newTwin(t, baseRepo)
	for _, f := range []*fixture{tw.git, tw.pm} {
		// A formatter-like hook: it rewrites the file and stages it, into git's temporary index.
		tw.hook(f, "pre-commit", "#!/bin/sh\necho formatted >> a.md\ngit add a.md\n")
	}
	tw.both("a.md", "changed\n")
	if out, err := tw.commitGit("msg", false, "a.md"); err != nil {
		t.Fatalf("git: %v\n%s", err, out)
	}
	if _, out, err := tw.commitPM("msg", false, "a.md"); err != nil {
		t.Fatalf("pm: %v\n%s", err, out)
	}
	tw.same()
}

func TestReferenceTransactionHookAborts(t *testing.T) {
	t.Parallel()
	tw := newTwin(t, baseRepo)
	for _, f := range []*fixture{tw.git, tw.pm} {
		tw.hook(f, "reference-transaction", "#!/bin/sh\ncat >/dev/null\n[ \"$1\" = prepared ] && exit 1\nexit 0\n")
	}
	tw.both("a.md", "changed\n")
	before := takeSnapshot(t, tw.pm)
	if _, err := tw.commitGit("msg", false, "a.md"); err == nil {
		t.Fatal("git committed despite the reference-transaction hook")
	}
	_, _, err := tw.commitPM("msg", false, "a.md")
	wantErr(t, err, ErrHookFailed)
	if after := takeSnapshot(t, tw.pm); after != before {
		t.Error("the refused commit moved the branch or changed the index")
	}
}

// An empty folder where a reflog goes is removed and the log written, as git does.
func TestReflogOverAnEmptyFolder(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.write("a.md", "a\n")
	f.commit("one", "a.md")
	log := filepath.Join(f.root, ".git", "logs", "refs", "heads", "master")
	mustNoErr(t, os.Remove(log))
	mustNoErr(t, os.MkdirAll(filepath.Join(log, "x"), 0o755))
	f.write("a.md", "b\n")
	if _, err := f.repo.CommitOnly([]string{"a.md"}, "two", sig("A"), sig("C")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(log); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("the reflog: %v %v", fi, err)
	}
}

func TestReflogThatCannotBeWrittenFailsBeforeTheBranchMoves(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.write("a.md", "a\n")
	f.commit("one", "a.md")
	// A folder holding a file where the branch's reflog should be: appending to it fails (an
	// empty one git removes, and so does pm).
	log := filepath.Join(f.root, ".git", "logs", "refs", "heads", "master")
	mustNoErr(t, os.Remove(log))
	mustNoErr(t, os.MkdirAll(filepath.Join(log, "x"), 0o755))
	mustNoErr(t, os.WriteFile(filepath.Join(log, "x", "f"), nil, 0o644))
	f.write("a.md", "b\n")
	before := takeSnapshot(t, f)
	_, err := f.repo.CommitOnly([]string{"a.md"}, "two", sig("A"), sig("C"))
	if err == nil || !strings.Contains(err.Error(), "cannot update the ref") {
		t.Fatalf("error = %v, want the reflog failure", err)
	}
	if after := takeSnapshot(t, f); after != before {
		t.Error("the branch moved although its reflog could not be written")
	}
}

func TestMessageCleanupModesMatchGit(t *testing.T) {
	t.Parallel()
	// The cases that set core.commentChar come last: in the quick tier's one twin, a setting once
	// made stays for the commits after it.
	cases := []struct{ cleanup, commentChar, msg string }{
		{"", "", "  subject  \n\n\n body\t\n\n"},
		{"strip", "", "# gone\nsubject\n# also gone\nbody"},
		{"verbatim", "", "  verbatim  "},
		{"whitespace", "", "# kept\nsubject"},
		{"scissors", "", "subject\n# ------------------------ >8 ------------------------\nkept"},
		{"strip", ";", "; gone\nsubject\n# kept"},
		{"strip", "auto", "# kept\nsubject\n; kept too"},
	}
	commit := func(t *testing.T, tw *twin, i int) {
		t.Helper()
		c := cases[i]
		if c.cleanup != "" {
			tw.config("commit.cleanup", c.cleanup)
		}
		if c.commentChar != "" {
			tw.config("core.commentChar", c.commentChar)
		}
		tw.both("a.md", fmt.Sprintf("changed %d\n", i))
		if out, err := tw.commitGit(c.msg, false, "a.md"); err != nil {
			t.Fatalf("%s%s: git: %v\n%s", c.cleanup, c.commentChar, err, out)
		}
		if _, out, err := tw.commitPM(c.msg, false, "a.md"); err != nil {
			t.Fatalf("%s%s: pm: %v\n%s", c.cleanup, c.commentChar, err, out)
		}
	}
	if !testenv.Full() {
		// The quick tier makes every case's commit in one twin, one after the other, and compares
		// the commit each makes (its message with it) as it goes, the repositories at the end.
		tw := newTwin(t, baseRepo)
		for i, c := range cases {
			commit(t, tw, i)
			if g, p := readRefs(t, filepath.Join(tw.git.root, ".git")), readRefs(t, filepath.Join(tw.pm.root, ".git")); g != p {
				t.Fatalf("%s%s: the commits differ\n--- git:\n%s\n%s\n--- pm:\n%s\n%s", c.cleanup, c.commentChar,
					g, tw.git.git(tw.git.root, "log", "-1", "--format=%B"), p, tw.pm.git(tw.pm.root, "log", "-1", "--format=%B"))
			}
		}
		tw.same()
		return
	}
	for i, c := range cases {
		t.Run(c.cleanup+c.commentChar, func(t *testing.T) {
			tw := newTwin(t, baseRepo)
			commit(t, tw, i)
			tw.same()
		})
	}
}

func TestReflogActionFromTheEnvironment(t *testing.T) {
	t.Parallel()
	tw := newTwin(t, baseRepo)
	tw.both("a.md", "changed\n")
	cmd := exec.Command("git", "commit", "-q", "-m", "msg", "--", "a.md")
	cmd.Dir = tw.git.root
	cmd.Env = append(tw.env(tw.git, tw.gitLog), "GIT_REFLOG_ACTION=pm status")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git: %v\n%s", err, out)
	}
	tw.pm.env["GIT_REFLOG_ACTION"] = "pm status"
	if _, out, err := tw.commitPM("msg", false, "a.md"); err != nil {
		t.Fatalf("pm: %v\n%s", err, out)
	}
	tw.same()
}

// TestHooksPathNamedAsGitNamesIt: with core.hooksPath, a hook's $0 is the folder as configured and
// its name, relative ("githooks/pre-commit", "./githooks/pre-commit") or absolute, even inside the
// work tree, as git runs it.
func TestHooksPathNamedAsGitNamesIt(t *testing.T) {
	t.Parallel()
	for _, hp := range []string{"githooks", "./githooks", "ABS/githooks"} {
		tw := newTwin(t, baseRepo)
		for _, f := range []*fixture{tw.git, tw.pm} {
			value := strings.Replace(hp, "ABS", f.root, 1)
			f.git(f.root, "config", "core.hooksPath", value)
			dir := filepath.Join(f.root, "githooks")
			mustNoErr(t, os.MkdirAll(dir, 0o755))
			mustNoErr(t, os.WriteFile(filepath.Join(dir, "pre-commit"), []byte(hookLogger), 0o755))
		}
		tw.both("a.md", "changed for "+hp+"\n")
		if out, err := tw.commitGit("m", false, "a.md"); err != nil {
			t.Fatalf("%s: git commit: %v\n%s", hp, err, out)
		}
		if _, out, err := tw.commitPM("m", false, "a.md"); err != nil {
			t.Fatalf("%s: commit: %v\n%s", hp, err, out)
		}
		if !strings.Contains(tw.log(tw.pm, tw.pmLog), "as ") {
			t.Fatalf("%s: the hook did not run", hp)
		}
		tw.same()
	}
}

// core.hooksPath set to an empty value: git looks for each hook at the root of the file system, so
// no hook of the repository's runs; pm runs none either, and will not name a folder to install in.
func TestEmptyHooksPathRunsNoHook(t *testing.T) {
	t.Parallel()
	tw := newTwin(t, baseRepo)
	for _, f := range []*fixture{tw.git, tw.pm} {
		tw.hook(f, "pre-commit", "#!/bin/sh\necho HOOK RAN >&2\nexit 1\n")
		f.git(f.root, "config", "core.hooksPath", "")
	}
	tw.both("a.md", "changed\n")
	gitOut, gitErr := tw.commitGit("msg", false, "a.md")
	_, out, err := tw.commitPM("msg", false, "a.md")
	if gitErr != nil || err != nil || strings.Contains(gitOut+out, "HOOK RAN") {
		t.Fatalf("git: %v %q; pm: %v %q", gitErr, gitOut, err, out)
	}
	tw.same()
	tw.pm.reopen()
	// the message says all: no "unsupported repository format" after it, which an empty setting is not
	if dir, err := tw.pm.repo.HooksDir(); err == nil || !strings.Contains(err.Error(), "core.hooksPath is set to an empty value") ||
		strings.Contains(err.Error(), "format") || !errors.Is(err, ErrUnsupported) {
		t.Errorf("HooksDir: %q, %v", dir, err)
	}
}

// A pre-commit hook that takes pm's change back out of the index: git judges that there is
// something to commit by the index before the hook ran, so it commits HEAD's tree and leaves the
// change staged; pm does the same.
func TestPreCommitHookUnstagingTheChange(t *testing.T) {
	t.Parallel()
	tw := newTwin(t, baseRepo)
	for _, f := range []*fixture{tw.git, tw.pm} {
		tw.hook(f, "pre-commit", "#!/bin/sh\ngit reset -q -- a.md\n")
	}
	tw.both("a.md", "changed\n")
	if out, err := tw.commitGit("msg", false, "a.md"); err != nil {
		t.Fatalf("git: %v\n%s", err, out)
	}
	if _, out, err := tw.commitPM("msg", false, "a.md"); err != nil {
		t.Fatalf("pm: %v\n%s", err, out)
	}
	tw.same()
}

// After a commit pm runs git's automatic maintenance, as git commit does: past gc.auto's threshold
// of loose objects they are packed; maintenance.auto = false turns it off, as for git.
func TestCommitRunsAutoMaintenance(t *testing.T) {
	t.Parallel()
	needGit(t)
	for _, auto := range []bool{true, false} {
		f := newFixture(t)
		f.identity("A", "a@example.com")
		setConfig(t, filepath.Join(f.root, ".git", "config"), "gc.auto", "1", "gc.autoDetach", "false",
			"maintenance.auto", fmt.Sprint(auto))
		// loose objects in .git/objects/17, the folder gc --auto counts
		for i, found := 0, 0; found < 3; i++ {
			data := []byte(fmt.Sprintf("junk %d\n", i))
			if h := plumbing.ComputeHash(plumbing.BlobObject, data); strings.HasPrefix(h.String(), "17") {
				if _, err := f.repo.writeObject(plumbing.BlobObject, data); err != nil {
					t.Fatal(err)
				}
				found++
			}
		}
		f.write("a.md", "one\n")
		f.commit("pm: one", "a.md")
		packs, _ := filepath.Glob(filepath.Join(f.root, ".git", "objects", "pack", "*.pack"))
		if auto != (len(packs) > 0) {
			t.Errorf("maintenance.auto=%v: %d packs after the commit", auto, len(packs))
		}
	}
}
