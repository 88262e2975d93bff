package convert

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/gitrepo/internal/gittest"
	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// testRepo is a throwaway repository with git given a private environment.
type testRepo struct {
	t    *testing.T
	dir  string
	home string
	env  []string
}

func needGit(t testing.TB) {
	t.Helper()
	testenv.NeedGit(t)
}

// newTestRepo makes a repository as `git init -b main` would, from the .git git init made once for
// the test binary (see gittest.Init.Seed).
func newTestRepo(t *testing.T) *testRepo {
	t.Helper()
	needGit(t)
	base := t.TempDir()
	r := &testRepo{t: t, dir: filepath.Join(base, "wt"), home: filepath.Join(base, "home")}
	r.env = gitEnv(r.home)
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
		"GIT_ATTR_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.com",
		"GIT_COMMITTER_NAME=T", "GIT_COMMITTER_EMAIL=t@example.com",
		"GIT_AUTHOR_DATE=2020-01-01T00:00:00Z", "GIT_COMMITTER_DATE=2020-01-01T00:00:00Z",
		"LC_ALL=C",
	)
}

// gitInit is git init, once for the test binary; TestMain removes it.
var gitInit = gittest.NewInit("pm-convert-init-", "", gitEnv)

func (r *testRepo) run(stdin []byte, args ...string) (stdout, stderr []byte, err error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	cmd.Env = r.env
	cmd.Stdin = bytes.NewReader(stdin)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err = cmd.Run()
	return o.Bytes(), e.Bytes(), err
}

func (r *testRepo) git(args ...string) string {
	r.t.Helper()
	out, errb, err := r.run(nil, args...)
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, errb)
	}
	return string(out)
}

// setConfig sets key (section.name or section.subsection.name) to value in
// .git/config, as `git config key value` does for a key set once, without the
// process: a later section with the same name adds to the earlier ones.
func (r *testRepo) setConfig(key, value string) {
	r.t.Helper()
	first, last := strings.IndexByte(key, '.'), strings.LastIndexByte(key, '.')
	if first <= 0 || last == len(key)-1 {
		r.t.Fatalf("config key %q", key)
	}
	quote := strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace
	section := "[" + key[:first] + "]"
	if first != last {
		section = "[" + key[:first] + ` "` + quote(key[first+1:last]) + `"]`
	}
	quoted := `"` + quote(value) + `"`
	f, err := os.OpenFile(filepath.Join(r.dir, ".git", "config"), os.O_APPEND|os.O_WRONLY, 0)
	if err == nil {
		_, err = fmt.Fprintf(f, "%s\n\t%s = %s\n", section, key[last+1:], quoted)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		r.t.Fatal(err)
	}
}

func (r *testRepo) write(rel string, data string) {
	r.t.Helper()
	p := filepath.Join(r.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

// sharedFiles writes files that repeat the same contents: a file with content
// already written is a hard link to the first one, which costs far less than a
// new file. git reads each path as it would a copy; no test writes such a file
// again, which would change every path linked to it.
type sharedFiles struct {
	r     *testRepo
	first map[string]string // content -> the first file that holds it
}

func (r *testRepo) sharedFiles() *sharedFiles {
	return &sharedFiles{r: r, first: map[string]string{}}
}

func (s *sharedFiles) write(rel, data string) {
	s.r.t.Helper()
	first, ok := s.first[data]
	if !ok {
		s.r.write(rel, data)
		s.first[data] = filepath.Join(s.r.dir, filepath.FromSlash(rel))
		return
	}
	p := filepath.Join(s.r.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		s.r.t.Fatal(err)
	}
	if err := os.Link(first, p); err != nil {
		s.r.t.Fatal(err)
	}
}

// indexBlob reads a path's blob from the index through git, as the callbacks of
// this package expect it. It asks git only when the index file may hold the path:
// index versions 2 and 3 store every path whole, followed by a NUL, so a path
// missing from those bytes has no entry (and most directories have no
// .gitattributes in the index).
func (r *testRepo) indexBlob(path string) ([]byte, bool, error) {
	index, err := os.ReadFile(filepath.Join(r.dir, ".git", "index"))
	if os.IsNotExist(err) {
		return nil, false, nil
	}
	if err == nil && len(index) > 8 && (index[7] == 2 || index[7] == 3) && bytes.Equal(index[4:7], []byte{0, 0, 0}) &&
		!bytes.Contains(index, []byte(path+"\x00")) {
		return nil, false, nil
	}
	out, _, err := r.run(nil, "cat-file", "blob", ":"+path)
	if err != nil {
		return nil, false, nil
	}
	return out, true, nil
}

func (r *testRepo) sources() AttrSources {
	return AttrSources{
		WorkTree:   r.dir,
		InfoFile:   filepath.Join(r.dir, ".git", "info", "attributes"),
		GlobalFile: filepath.Join(r.home, ".config", "git", "attributes"),
		IndexBlob:  r.indexBlob,
	}
}

// checkAttrAll runs `git check-attr -a -z --stdin` for paths and returns, per
// path, the sorted "name=value" list.
func (r *testRepo) checkAttrAll(paths []string) map[string][]string {
	r.t.Helper()
	in := strings.Join(paths, "\x00") + "\x00"
	out, errb, err := r.run([]byte(in), "check-attr", "-a", "-z", "--stdin")
	if err != nil {
		r.t.Fatalf("git check-attr: %v\n%s", err, errb)
	}
	res := map[string][]string{}
	f := strings.Split(string(out), "\x00")
	for i := 0; i+2 < len(f); i += 3 {
		res[f[i]] = append(res[f[i]], f[i+1]+" = "+f[i+2])
	}
	for k := range res {
		sort.Strings(res[k])
	}
	return res
}

func ourAttrs(t *testing.T, c *AttrChecker, path string) []string {
	t.Helper()
	a, err := c.Lookup(path)
	if err != nil {
		t.Fatalf("Lookup(%q): %v", path, err)
	}
	var out []string
	for _, n := range a.Names() {
		out = append(out, n+" = "+a.Get(n).String())
	}
	return out
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// gitAdd adds paths with `git add`, as many in one run as git accepts: git stops
// at the first file it refuses, with a fatal message naming it, so each refusal
// costs one more run without that file (each file converts on its own; none of
// these tests puts two refusals' paths in each other's names). It returns the
// blob git stored for each accepted path, the standard error of the run that
// refused each refused one, and the standard error of the run that added the
// others.
func gitAdd(t *testing.T, r *testRepo, paths []string) (blobs, refused map[string]string, stderr string) {
	t.Helper()
	refused = map[string]string{}
	left := append([]string(nil), paths...)
	for len(left) > 0 {
		_, errb, err := r.run(nil, append([]string{"add", "--"}, left...)...)
		if err == nil {
			stderr = string(errb)
			break
		}
		var fatal string
		for _, line := range strings.Split(string(errb), "\n") {
			if strings.HasPrefix(line, "fatal: ") {
				fatal = line
			}
		}
		var named []int
		for i, p := range left {
			if strings.Contains(fatal, p) {
				named = append(named, i)
			}
		}
		if len(named) != 1 {
			t.Fatalf("git add: %v, naming %d of the files:\n%s", err, len(named), errb)
		}
		refused[left[named[0]]] = string(errb)
		left = append(left[:named[0]], left[named[0]+1:]...)
	}
	all := lsFiles(t, r)
	blobs = map[string]string{}
	for _, p := range paths {
		if _, ok := refused[p]; !ok {
			blobs[p] = all[p]
		}
	}
	return blobs, refused, stderr
}
