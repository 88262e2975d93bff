package gitindex

import (
	"bytes"
	"crypto/sha1"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/gitrepo/internal/gittest"
	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// gitRepo is a throwaway repository driven by the git CLI with a private configuration.
type gitRepo struct {
	t      testing.TB
	dir    string
	env    []string
	writes int
	// fresh is true until something changes the repository newGitRepo made: then a setup
	// starting with a fixture's steps can copy the fixture instead (see fromFixture).
	fresh bool
}

func requireGit(t testing.TB) {
	t.Helper()
	testenv.NeedGit(t)
}

// newGitRepo makes a repository as `git init -b main` would, from the .git git init made once for
// the test binary (see gittest.Init.Seed).
func newGitRepo(t testing.TB) *gitRepo {
	t.Helper()
	return newGitRepoIn(t, t.TempDir())
}

// newGitRepoIn is newGitRepo in folder base (its work tree base/wt, its home base/home).
func newGitRepoIn(t testing.TB, base string) *gitRepo {
	t.Helper()
	requireGit(t)
	r := &gitRepo{t: t, dir: filepath.Join(base, "wt"), env: gitEnv(filepath.Join(base, "home")), fresh: true}
	if err := gitInit.Seed(r.dir); err != nil {
		t.Fatal(err)
	}
	return r
}

// gitEnv is the environment of git in a test repository whose home is home.
func gitEnv(home string) []string {
	return append(gittest.CleanEnv(),
		"HOME="+home,
		"XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=A U Thor", "GIT_AUTHOR_EMAIL=author@example.com",
		"GIT_COMMITTER_NAME=C O Mitter", "GIT_COMMITTER_EMAIL=committer@example.com",
		"GIT_AUTHOR_DATE=1700000000 +0000", "GIT_COMMITTER_DATE=1700000000 +0000",
		"LC_ALL=C", // no locale to load: a fifth of what a small git command costs
	)
}

// gitInit is git init, once for the test binary; git commit and git merge start no "git
// maintenance run --auto", a process that finds nothing to do in these small repositories.
// TestMain removes it.
var gitInit = gittest.NewInit("pm-gitindex-init-", "[maintenance]\n\tauto = false\n", gitEnv)

func TestMain(m *testing.M) {
	code := m.Run()
	gitInit.Remove()
	if fixturesDir != "" {
		os.RemoveAll(fixturesDir)
	}
	os.Exit(code)
}

// A fixture is a repository state many tests start from (basicFiles, committed, ...): git
// makes it once per test binary, and each test that starts with it gets a copy, which costs
// some files where making it costs several git processes.
type fixture struct {
	name  string
	build func(r *gitRepo)
	once  sync.Once
	repo  *gitRepo // nil when the build failed
}

var (
	fixturesDir  string // removed by TestMain
	fixturesBase = sync.OnceValues(func() (string, error) {
		dir, err := os.MkdirTemp("", "pm-gitindex-fixtures-")
		fixturesDir = dir
		return dir, err
	})
)

// fromFixture gives r, when it is fresh, the state fx builds, and reports whether it did: r
// gets a copy of the fixture's work tree and .git, but for its objects, which r reads from the
// fixture's (objects/info/alternates, as git clone --shared sets up), and its reflogs, which no
// test reads. The copies keep their modification times but not the inodes and change times the
// index records: r's git compares only modification times and sizes (core.checkStat=minimal,
// core.trustctime=false), else it would take every entry for changed and write new stat data
// for each the next time it writes the index, where a test expects only its own change. The
// caller builds the state itself when r is no longer fresh (its setup began with other steps).
func (r *gitRepo) fromFixture(fx *fixture) bool {
	r.t.Helper()
	if !r.fresh {
		return false
	}
	src := fx.get(r.t)
	skip := map[string]bool{filepath.Join(".git", "objects"): true, filepath.Join(".git", "logs"): true}
	err := filepath.WalkDir(src.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src.dir, p)
		if err != nil {
			return err
		}
		if skip[rel] {
			return fs.SkipDir
		}
		to := filepath.Join(r.dir, rel)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			if err := os.Mkdir(to, info.Mode().Perm()); err != nil && !os.IsExist(err) {
				return err
			}
			return nil
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			if err := os.Symlink(target, to); err != nil {
				return err
			}
			return setLinkTime(to, info.ModTime())
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		// (WriteFile keeps the mode of HEAD and config, which newGitRepo made as git does.)
		if err := os.WriteFile(to, data, info.Mode().Perm()); err != nil {
			return err
		}
		return os.Chtimes(to, info.ModTime(), info.ModTime())
	})
	if err == nil {
		err = os.MkdirAll(filepath.Join(r.dir, ".git", "objects", "info"), 0o755)
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(r.dir, ".git", "objects", "info", "alternates"),
			[]byte(filepath.Join(src.dir, ".git", "objects")+"\n"), 0o644)
	}
	if err != nil {
		r.t.Fatal(err)
	}
	r.writes = src.writes
	r.setConfig("core.checkStat", "minimal")
	r.setConfig("core.trustctime", "false")
	return true
}

// get returns the fixture's repository, which git makes on first use; the caller must not
// change it.
func (fx *fixture) get(t testing.TB) *gitRepo {
	t.Helper()
	fx.once.Do(func() {
		base, err := fixturesBase()
		if err != nil {
			t.Fatal(err)
		}
		f := newGitRepoIn(t, filepath.Join(base, fx.name))
		fx.build(f)
		fx.repo = f
	})
	if fx.repo == nil {
		t.Fatalf("the %s fixture could not be made", fx.name)
	}
	r := *fx.repo
	r.t = t
	return &r
}

// setConfig sets key (section.name or section.subsection.name) to value in .git/config, as
// `git config key value` does for a key set once, without the process: a later section with
// the same name adds to the earlier ones.
func (r *gitRepo) setConfig(key, value string) {
	r.t.Helper()
	r.fresh = false
	first, last := strings.IndexByte(key, '.'), strings.LastIndexByte(key, '.')
	if first <= 0 || last == len(key)-1 {
		r.t.Fatalf("config key %q", key)
	}
	quote := strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace
	section := "[" + key[:first] + "]"
	if first != last {
		section = "[" + key[:first] + ` "` + quote(key[first+1:last]) + `"]`
	}
	f, err := os.OpenFile(filepath.Join(r.dir, ".git", "config"), os.O_APPEND|os.O_WRONLY, 0)
	if err == nil {
		_, err = fmt.Fprintf(f, "%s\n\t%s = \"%s\"\n", section, key[last+1:], quote(value))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		r.t.Fatal(err)
	}
}

// git runs git in the repository and returns its trimmed standard output.
func (r *gitRepo) git(args ...string) string {
	r.t.Helper()
	return r.gitInput(nil, args...)
}

func (r *gitRepo) gitInput(stdin []byte, args ...string) string {
	r.t.Helper()
	out, err := r.run(stdin, args...)
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimRight(out, "\n")
}

func (r *gitRepo) run(stdin []byte, args ...string) (string, error) {
	r.fresh = false
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	cmd.Env = r.env
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if err != nil {
		return out.String() + errb.String(), err
	}
	return out.String(), nil
}

// write creates a work-tree file (slash path), with its directories. Each file gets its own
// modification time, whole seconds apart (git may not compare nanoseconds) and hours back, so
// that no entry is racily clean: git would otherwise re-add such entries (invalidating the
// cache tree) on its own timing.
func (r *gitRepo) write(p, content string) {
	r.t.Helper()
	r.fresh = false
	name := filepath.Join(r.dir, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		r.t.Fatal(err)
	}
	r.writes++
	mtime := time.Now().Add(-3 * time.Hour).Truncate(time.Second).Add(time.Duration(r.writes) * time.Second)
	if err := os.Chtimes(name, mtime, mtime); err != nil {
		r.t.Fatal(err)
	}
}

// writeMany creates n small files spread over directories. Callers take n from
// testenv.Inputs: the quick tier makes do with ten where the full one writes hundreds or thousands.
func (r *gitRepo) writeMany(n int) {
	r.t.Helper()
	for i := 0; i < n; i++ {
		r.write(fmt.Sprintf("d%02d/s%d/file%04d.md", i%23, i%7, i), fmt.Sprintf("content %d\n", i%5))
	}
}

func (r *gitRepo) indexPath() string { return filepath.Join(r.dir, ".git", "index") }

// index returns the bytes of .git/index.
func (r *gitRepo) index() []byte {
	r.t.Helper()
	b, err := os.ReadFile(r.indexPath())
	if err != nil {
		r.t.Fatal(err)
	}
	return b
}

// setIndex replaces .git/index.
func (r *gitRepo) setIndex(b []byte) {
	r.t.Helper()
	r.fresh = false
	if err := os.WriteFile(r.indexPath(), b, 0o644); err != nil {
		r.t.Fatal(err)
	}
}

// blobHash is the name of a blob of content, for an entry whose blob git does not read.
func blobHash(content string) Hash {
	return sha1.Sum(fmt.Appendf(nil, "blob %d\x00%s", len(content), content))
}

// hashObject stores content as a blob and returns its name.
func (r *gitRepo) hashObject(content string) Hash {
	r.t.Helper()
	h, err := ParseHash(r.gitInput([]byte(content), "hash-object", "-w", "--stdin"))
	if err != nil {
		r.t.Fatal(err)
	}
	return h
}

// gitStore is a TreeStore that knows the trees of a repository and keeps the trees written to
// it in memory; written counts WriteTree calls.
type gitStore struct {
	r       *gitRepo
	trees   map[Hash]bool // the trees written to the store
	written int
}

func newGitStore(r *gitRepo) *gitStore {
	return &gitStore{r: r, trees: map[Hash]bool{}}
}

// HasTree reports whether h is a tree of the store or an object of the repository. git writes
// the objects of these tests loose (nothing packs them: maintenance.auto is off), under
// .git/objects or the fixture's objects it borrows through objects/info/alternates.
func (s *gitStore) HasTree(h Hash) bool {
	return s.trees[h] || s.r.hasObject(h)
}

func (s *gitStore) WriteTree(body []byte) (Hash, error) {
	s.written++
	h := HashTree(body)
	s.trees[h] = true
	return h, nil
}

// hasObject reports whether the repository holds object h as a loose object, in its own
// object folder or one it borrows from (a fixture copied from another borrows from both).
func (r *gitRepo) hasObject(h Hash) bool {
	r.t.Helper()
	name := h.String()
	dirs := []string{filepath.Join(r.dir, ".git", "objects")}
	for i := 0; i < len(dirs); i++ {
		if _, err := os.Stat(filepath.Join(dirs[i], name[:2], name[2:])); err == nil {
			return true
		}
		if packs, _ := filepath.Glob(filepath.Join(dirs[i], "pack", "*.pack")); len(packs) > 0 {
			r.t.Fatalf("git packed objects: %v", packs)
		}
		if alt, err := os.ReadFile(filepath.Join(dirs[i], "info", "alternates")); err == nil {
			dirs = append(dirs, strings.Fields(string(alt))...)
		}
	}
	return false
}

// memStore is a TreeStore in memory.
type memStore map[Hash][]byte

func (m memStore) HasTree(h Hash) bool { _, ok := m[h]; return ok }
func (m memStore) WriteTree(body []byte) (Hash, error) {
	h := HashTree(body)
	m[h] = bytes.Clone(body)
	return h, nil
}

// mustDecode decodes b or fails the test.
func mustDecode(t testing.TB, b []byte) *Index {
	t.Helper()
	x, err := Decode(b)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	return x
}

// mustEncode encodes x or fails the test.
func mustEncode(t testing.TB, x *Index, opts EncodeOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := x.Encode(&buf, opts); err != nil {
		t.Fatalf("Encode: %v", err)
	}
	return buf.Bytes()
}

// sameBytes fails the test with the first difference between want (git's) and got (ours).
func sameBytes(t testing.TB, what string, want, got []byte) {
	t.Helper()
	if bytes.Equal(want, got) {
		return
	}
	i := 0
	for i < len(want) && i < len(got) && want[i] == got[i] {
		i++
	}
	lo := max(0, i-32)
	t.Fatalf("%s: %d bytes from git, %d from Encode; first difference at offset %d\n git: %q\nours: %q",
		what, len(want), len(got), i, want[lo:min(len(want), i+32)], got[lo:min(len(got), i+32)])
}

func boolPtr(b bool) *bool { return &b }
