package convert

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

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

func newTestRepo(t *testing.T) *testRepo {
	t.Helper()
	needGit(t)
	base := t.TempDir()
	r := &testRepo{t: t, dir: filepath.Join(base, "wt"), home: filepath.Join(base, "home")}
	for _, d := range []string{r.dir, r.home} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	r.env = append(cleanEnv(),
		"HOME="+r.home,
		"XDG_CONFIG_HOME="+filepath.Join(r.home, ".config"),
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_ATTR_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.com",
		"GIT_COMMITTER_NAME=T", "GIT_COMMITTER_EMAIL=t@example.com",
		"GIT_AUTHOR_DATE=2020-01-01T00:00:00Z", "GIT_COMMITTER_DATE=2020-01-01T00:00:00Z",
		"LC_ALL=C",
	)
	r.git("init", "-q", "-b", "main")
	return r
}

// cleanEnv is the process environment without anything that points git elsewhere.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "GIT_") || strings.HasPrefix(kv, "HOME=") || strings.HasPrefix(kv, "XDG_") {
			continue
		}
		env = append(env, kv)
	}
	return env
}

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

// indexBlob reads a path's blob from the index through git, as the callbacks of
// this package expect it.
func (r *testRepo) indexBlob(path string) ([]byte, bool, error) {
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
