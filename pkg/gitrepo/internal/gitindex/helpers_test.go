package gitindex

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// gitRepo is a throwaway repository driven by the git CLI with a private configuration.
type gitRepo struct {
	t      testing.TB
	dir    string
	env    []string
	writes int
}

func requireGit(t testing.TB) {
	t.Helper()
	testenv.NeedGit(t)
}

// newGitRepo runs git init in a temporary directory.
func newGitRepo(t testing.TB) *gitRepo {
	t.Helper()
	requireGit(t)
	home := t.TempDir()
	r := &gitRepo{t: t, dir: t.TempDir()}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GIT_") && !strings.HasPrefix(kv, "HOME=") && !strings.HasPrefix(kv, "XDG_") {
			r.env = append(r.env, kv)
		}
	}
	r.env = append(r.env,
		"HOME="+home,
		"XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=A U Thor", "GIT_AUTHOR_EMAIL=author@example.com",
		"GIT_COMMITTER_NAME=C O Mitter", "GIT_COMMITTER_EMAIL=committer@example.com",
		"GIT_AUTHOR_DATE=1700000000 +0000", "GIT_COMMITTER_DATE=1700000000 +0000",
	)
	r.git("init", "-q", "-b", "main")
	return r
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

// writeMany creates n small files spread over directories.
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
	if err := os.WriteFile(r.indexPath(), b, 0o644); err != nil {
		r.t.Fatal(err)
	}
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

// gitStore is a TreeStore that knows the repository's trees (read once) and keeps the trees
// written to it in memory; written counts WriteTree calls.
type gitStore struct {
	trees   map[Hash]bool
	written int
}

func newGitStore(r *gitRepo) *gitStore {
	r.t.Helper()
	s := &gitStore{trees: map[Hash]bool{}}
	out := r.git("cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(objecttype)")
	for _, line := range strings.Split(out, "\n") {
		if name, typ, ok := strings.Cut(line, " "); ok && typ == "tree" {
			h, err := ParseHash(name)
			if err != nil {
				r.t.Fatal(err)
			}
			s.trees[h] = true
		}
	}
	return s
}

func (s *gitStore) HasTree(h Hash) bool { return s.trees[h] }

func (s *gitStore) WriteTree(body []byte) (Hash, error) {
	s.written++
	h := HashTree(body)
	s.trees[h] = true
	return h, nil
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
