package e2e

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The parity harness: every scenario builds three repositories with the same setup function.
// C (the intention) lacks the hooks and filters that alter anything; pm runs there and tells what it
// means to write and which message it means to use (when the setup has nothing to leave out, C would
// be A, and pm's run in A serves as both). B (git, the judge) gets C's content in its work
// tree and `git commit --only`. A runs pm. Then A is compared with B, part by part.

// parityPath is the postmortem most scenarios act on.
const parityPath = "postmortems/2026-11-20-t.md"

// parityID is its id.
const parityID = "2026-11-20-t"

// parityDate is the fixed commit date of every scenario unless it sets its own.
const parityDate = "2026-11-24T10:00:00+09:00"

// parityGlobalConfig is every side's ~/.gitconfig.
const parityGlobalConfig = "[maintenance]\n\tauto = false\n[gc]\n\tauto = 0\n"

// parityTimeout bounds one command: a hook that waits for input must not hang the package.
const parityTimeout = 60 * time.Second

// side is one of the three repositories of a scenario.
type side struct {
	t      *testing.T
	role   string // "A (pm)", "B (git)" or "C (intention)"
	intent bool   // C: hooks and altering filters are left out
	base   string // private folder: the repositories, HOME, the hook log
	home   string
	root   string // work-tree root where the command runs (cwd below it)
	cwd    string // slash-separated, relative to root; "" for the root
	env    []string
	log    string // the hooks' log, outside the repository
	last   func() // runs after the setup has settled
	ownEnv bool   // setenv was called: templates are not used
	index  string // the index file, once asked
	after  *state // what the comparison gathered after the command, when both committed
	asked  bool   // the setup asked whether this is C: C is then built on its own
}

func newSide(t *testing.T, role string, intent bool) *side {
	base, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return sideAt(t, role, intent, base)
}

func sideAt(t *testing.T, role string, intent bool, base string) *side {
	s := &side{t: t, role: role, intent: intent, base: base, home: filepath.Join(base, "home"),
		root: filepath.Join(base, "repo"), log: filepath.Join(base, "hooks.log")}
	for _, d := range []string{s.home, s.root} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// No automatic maintenance after each commit: processes the comparison does not need.
	if err := os.WriteFile(filepath.Join(s.home, ".gitconfig"), []byte(parityGlobalConfig), 0o644); err != nil {
		t.Fatal(err)
	}
	s.env = []string{
		"HOME=" + s.home, "XDG_CONFIG_HOME=" + s.home, "GIT_CONFIG_NOSYSTEM=1", "LC_ALL=C", "TZ=UTC",
		"PATH=" + filepath.Dir(pmBin) + string(os.PathListSeparator) + os.Getenv("PATH"),
		"PM_NOW=2026-11-24T10:00:00Z",
		"GIT_AUTHOR_DATE=" + parityDate, "GIT_COMMITTER_DATE=" + parityDate,
		"PARITY_LOG=" + s.log,
	}
	return s
}

// setenv sets a variable for every later command of the side, pm's included.
func (s *side) setenv(key, value string) {
	s.ownEnv = true
	for i, kv := range s.env {
		if strings.HasPrefix(kv, key+"=") {
			s.env[i] = key + "=" + value
			return
		}
	}
	s.env = append(s.env, key+"="+value)
}

// templates are repositories built once per test binary and copied into sides: the common start of
// most setups costs a folder copy instead of a dozen processes. They live beside the pm binary,
// which TestMain removes.
var templates = struct {
	sync.Mutex
	roots map[string]string
}{roots: map[string]string{}}

// fromTemplate fills the empty root with a copy of the repository build makes, built once; a side
// whose environment was changed builds its own.
func (s *side) fromTemplate(name string, build func(*side)) {
	s.t.Helper()
	if s.ownEnv {
		build(s)
		return
	}
	if err := copyTree(s.templateRoot(name, build), s.root); err != nil {
		s.t.Fatalf("%s: copy the %s template: %v", s.role, name, err)
	}
}

// templateRoot is the work tree of a template, built on first use.
func (s *side) templateRoot(name string, build func(*side)) string {
	s.t.Helper()
	templates.Lock()
	defer templates.Unlock()
	if root, ok := templates.roots[name]; ok {
		return root
	}
	ts := sideAt(s.t, "template "+name, false, filepath.Join(filepath.Dir(pmBin), "template-"+name))
	build(ts)
	templates.roots[name] = ts.root
	return ts.root
}

// templatePostmortem is the content of the postmortem withPostmortem commits.
func (s *side) templatePostmortem() string {
	s.t.Helper()
	b, err := os.ReadFile(filepath.Join(s.templateRoot("postmortem", buildPostmortem), filepath.FromSlash(parityPath)))
	if err != nil {
		s.t.Fatal(err)
	}
	return string(b)
}

// copyTree copies a folder's files, folders and links into dst.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			return os.MkdirAll(to, info.Mode().Perm())
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(target, to)
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(to, b, info.Mode().Perm())
		}
	})
}

// exec runs a program in dir (absolute, or relative to the root) and returns its standard output,
// its standard error and its exit code.
func (s *side) exec(dir string, name string, args ...string) (string, string, int) {
	s.t.Helper()
	var stdout, stderr bytes.Buffer
	code := s.start(dir, &stdout, &stderr, name, args...)
	return stdout.String(), stderr.String(), code
}

// combined runs a program in dir and returns its output, both streams, and its exit code.
func (s *side) combined(dir string, name string, args ...string) (string, int) {
	s.t.Helper()
	var out bytes.Buffer
	code := s.start(dir, &out, &out, name, args...)
	return out.String(), code
}

func (s *side) start(dir string, stdout, stderr io.Writer, name string, args ...string) int {
	s.t.Helper()
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(s.root, dir)
	}
	ctx, cancel := context.WithTimeout(context.Background(), parityTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = s.env
	cmd.Stdout, cmd.Stderr = stdout, stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		s.t.Fatalf("%s: %s %q did not finish in %s", s.role, filepath.Base(name), args, parityTimeout)
	}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		return ee.ExitCode()
	case err != nil:
		s.t.Fatalf("%s: run %s: %v", s.role, name, err)
	}
	return 0
}

// gitAt runs git in dir and returns its output without the trailing newline; a failure ends the test.
func (s *side) gitAt(dir string, args ...string) string {
	s.t.Helper()
	out, errOut, code := s.exec(dir, "git", args...)
	if code != 0 {
		s.t.Fatalf("%s: git %q in %s: exit %d\n%s%s", s.role, args, dir, code, out, errOut)
	}
	return strings.TrimRight(out, "\n")
}

// git runs git at the root.
func (s *side) git(args ...string) string {
	s.t.Helper()
	return s.gitAt(s.root, args...)
}

// pmAt runs pm in dir; a failure ends the test (for setup steps).
func (s *side) pmAt(dir string, args ...string) string {
	s.t.Helper()
	out, code := s.combined(dir, pmBin, args...)
	if code != 0 {
		s.t.Fatalf("%s: setup pm %q: exit %d\n%s", s.role, args, code, out)
	}
	return out
}

// write writes a file below the root (parents created), keeping the mode of one already there.
func (s *side) write(rel, content string) {
	s.t.Helper()
	p := filepath.Join(s.root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// read returns a file below the root.
func (s *side) read(rel string) string {
	s.t.Helper()
	b, err := os.ReadFile(filepath.Join(s.root, filepath.FromSlash(rel)))
	if err != nil {
		s.t.Fatal(err)
	}
	return string(b)
}

// judged runs a setup step only in A and B: hooks and filters that alter what gets committed.
func (s *side) judged(step func()) {
	s.asked = true
	if !s.intent {
		step()
	}
}

// plain reports whether this is C, for a setup that makes C differently from A and B.
func (s *side) plain() bool {
	s.asked = true
	return s.intent
}

// hooksDir is where git looks for hooks in this repository.
func (s *side) hooksDir() string {
	p := s.git("rev-parse", "--git-path", "hooks")
	if !filepath.IsAbs(p) {
		p = filepath.Join(s.root, p)
	}
	return p
}

// loggedHook is the start of every hook of the scenarios: it appends what it saw to $PARITY_LOG and
// says on stderr that it ran. The same bytes in every repository, so commits holding hooks compare.
const loggedHook = `#!/bin/sh
name=${0##*/}
{
  printf '%s' "$name"; for a in "$@"; do printf ' [%s]' "$a"; done; echo
  echo "  GIT_INDEX_FILE=${GIT_INDEX_FILE-(unset)}"
  echo "  GIT_EDITOR=${GIT_EDITOR-(unset)}"
  echo "  GIT_AUTHOR=${GIT_AUTHOR_NAME-(unset)} <${GIT_AUTHOR_EMAIL-(unset)}> ${GIT_AUTHOR_DATE-(unset)}"
  echo "  GIT_PREFIX=${GIT_PREFIX-(unset)}"
  echo "  GIT_DIR=${GIT_DIR-(unset)} GIT_WORK_TREE=${GIT_WORK_TREE-(unset)}"
  echo "  cwd=$(pwd -P)"
  git ls-files -s | while IFS= read -r l; do echo "  staged $l"; done
  case "$name" in
  reference-transaction) while IFS= read -r l; do echo "  stdin $l"; done ;;
  prepare-commit-msg|commit-msg) while IFS= read -r l; do echo "  message $l"; done <"$1" ;;
  esac
} >>"$PARITY_LOG" 2>&1
echo "hook: $name ran" >&2
`

// hook installs a logged hook in the repository's hooks folder (A and B only); tail is shell run
// after the logging.
func (s *side) hook(name, tail string) {
	s.t.Helper()
	s.judged(func() { s.hookIn(s.hooksDir(), name, tail, 0o755) })
}

// hookIn writes a logged hook into dir with the given mode, whatever the side.
func (s *side) hookIn(dir, name, tail string, mode fs.FileMode) {
	s.t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		s.t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(loggedHook+tail), mode); err != nil {
		s.t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil {
		s.t.Fatal(err)
	}
}

// initRepo makes an empty repository at the root with a fixed identity.
func (s *side) initRepo() {
	s.t.Helper()
	s.git("init", "-q", "-b", "main")
	s.git("config", "user.name", "Parity Tester")
	s.git("config", "user.email", "parity@example.com")
	s.git("config", "commit.gpgsign", "false")
}

// withBase makes a repository with a first commit (README.md) but no postmortem.
func (s *side) withBase() {
	s.t.Helper()
	s.fromTemplate("base", buildBase)
}

func buildBase(s *side) {
	s.initRepo()
	s.write("README.md", "parity\n")
	s.git("add", "README.md")
	s.git("commit", "-q", "-m", "base")
}

// withPostmortem makes a repository holding a base commit and one committed Draft postmortem
// (parityPath), written by pm new --no-commit and committed by git.
func (s *side) withPostmortem() {
	s.t.Helper()
	s.fromTemplate("postmortem", buildPostmortem)
}

func buildPostmortem(s *side) {
	buildBase(s)
	s.addPostmortem()
}

// addPostmortem writes parityPath with pm new --no-commit and commits it with git.
func (s *side) addPostmortem() {
	s.t.Helper()
	s.pmAt(s.root, "new", "--no-commit", "--sev", "1", "--title", "T", "--date", "2026-11-20")
	s.git("add", parityPath)
	s.git("commit", "-q", "-m", "add the postmortem")
}

// touchAll gives every regular work-tree file the modification time when.
func (s *side) touchAll(when time.Time) {
	filepath.WalkDir(s.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.Name() == ".git" && p != s.root {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			os.Chtimes(p, when, when)
		}
		return nil
	})
}

// settle gives every work-tree file an old modification time and refreshes the index, so no entry
// is racily clean by accident of the clock: what the index says afterwards does not depend on timing.
func (s *side) settle() {
	s.t.Helper()
	s.touchAll(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	// Exit 1 means some files are modified: expected in many setups.
	if _, errOut, code := s.exec(s.root, "git", "update-index", "-q", "--refresh"); code > 1 {
		s.t.Fatalf("%s: git update-index --refresh: exit %d %s", s.role, code, errOut)
	}
}

// workFiles maps every path of the work tree (no .git) to its bytes, link target ("-> target"), or
// kind; root-relative, slash-separated.
func (s *side) workFiles() map[string]string {
	files := map[string]string{}
	filepath.WalkDir(s.root, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(s.root, p)
		rel = filepath.ToSlash(rel)
		if err != nil {
			files[rel] = "error: " + err.Error()
			return nil
		}
		if p == s.root {
			return nil
		}
		if d.Name() == ".git" {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		switch t := d.Type(); {
		case t.IsDir():
			files[rel+"/"] = "folder"
		case t&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			files[rel] = "-> " + target
		case t.IsRegular():
			b, err := os.ReadFile(p)
			if err != nil {
				files[rel] = "unreadable: " + err.Error()
			} else {
				info, _ := d.Info()
				files[rel] = fmt.Sprintf("%v\n%s", info.Mode().Perm(), b)
			}
		default:
			files[rel] = t.String()
		}
		return nil
	})
	return files
}

// indexFile is the index path git uses for this work tree.
func (s *side) indexFile() string {
	if s.index == "" {
		p := s.git("rev-parse", "--git-path", "index")
		if !filepath.IsAbs(p) {
			p = filepath.Join(s.root, p)
		}
		s.index = p
	}
	return s.index
}

// normalize makes a side's text comparable with another's: its private folder becomes <base>, and
// pids in git's temporary index names become <pid>.
func (s *side) normalize(text string) string {
	text = strings.ReplaceAll(text, s.base, "<base>")
	return nextIndexPid.ReplaceAllString(text, "next-index-<pid>.lock")
}

var nextIndexPid = regexp.MustCompile(`next-index-\d+\.lock`)

// frozen is what a refused command must leave exactly as it was.
type frozen struct {
	head, index, refs string
	files             map[string]string
}

func (s *side) freeze() frozen {
	s.t.Helper()
	idx, err := os.ReadFile(s.indexFile())
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		s.t.Fatal(err)
	}
	refs, _, _ := s.exec(s.root, "git", "show-ref", "--head")
	head, _, _ := strings.Cut(refs, "\n")
	return frozen{head: head, index: fmt.Sprintf("%x", sha256.Sum256(idx)), refs: refs, files: s.workFiles()}
}

// numstat is "+N -M" for one path's uncommitted change, from git diff --numstat against HEAD.
func (s *side) numstat(path string) string {
	s.t.Helper()
	f := strings.Fields(s.git("diff", "--numstat", "HEAD", "--", path))
	if len(f) < 2 {
		return "+0 -0"
	}
	a, _ := strconv.Atoi(f[0])
	d, _ := strconv.Atoi(f[1])
	return fmt.Sprintf("+%d -%d", a, d)
}
