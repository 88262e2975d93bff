package gitrepo

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// countObjects counts the loose objects and packs of an object directory.
func countObjects(t *testing.T, objects string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(objects, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(objects, p)
		if !d.IsDir() && (len(rel) == 41 && rel[2] == filepath.Separator || strings.HasSuffix(rel, ".pack")) {
			n++
		}
		return nil
	})
	mustNoErr(t, err)
	return n
}

// emptyWithHead makes a repository with no objects whose main branch points at commit.
func (l *lab) emptyWithHead(p, commit string) string {
	l.t.Helper()
	dir := l.path(p)
	l.init(dir, "-b", "main")
	mustNoErr(l.t, os.WriteFile(filepath.Join(dir, ".git", "refs", "heads", "main"), []byte(commit+"\n"), 0o644))
	return dir
}

func TestAlternatesLikeGit(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		build func(l *lab) (dir string, env map[string]string)
	}{
		{"clone --shared", func(l *lab) (string, map[string]string) {
			src := l.repo("src")
			l.git(l.home, "clone", "-q", "--shared", src, l.path("dst"))
			return l.path("dst"), nil
		}},
		{"clone --reference", func(l *lab) (string, map[string]string) {
			src := l.repo("src")
			l.git(l.home, "clone", "-q", "--reference", src, "file://"+src, l.path("dst"))
			return l.path("dst"), nil
		}},
		{"relative entry, comment, blank line and a quoted path", func(l *lab) (string, map[string]string) {
			src := l.repo(`we"ird:src`)
			head := l.head(src)
			dst := l.emptyWithHead("dst", head)
			l.write(dst, ".git/objects/info/alternates", "# shared objects\n\n"+
				`"../../../we\"ird:src/.git/objects"`+"\n"+l.path("missing", "objects")+"\n")
			return dst, nil
		}},
		{"alternates of alternates", func(l *lab) (string, map[string]string) {
			src := l.repo("src")
			head := l.head(src)
			mid := l.emptyWithHead("mid", head)
			l.write(mid, ".git/objects/info/alternates", "../../../src/.git/objects\n")
			dst := l.emptyWithHead("dst", head)
			l.write(dst, ".git/objects/info/alternates", filepath.Join(mid, ".git", "objects")+"\n")
			return dst, nil
		}},
		{"GIT_ALTERNATE_OBJECT_DIRECTORIES, colon-separated and quoted", func(l *lab) (string, map[string]string) {
			src := l.repo("s:rc")
			head := l.head(src)
			dst := l.emptyWithHead("dst", head)
			mustNoErr(l.t, os.MkdirAll(l.path("empty"), 0o755))
			return dst, map[string]string{"GIT_ALTERNATE_OBJECT_DIRECTORIES": l.path("empty") + `:"` + filepath.Join(src, ".git", "objects") + `"`}
		}},
		{"GIT_OBJECT_DIRECTORY", func(l *lab) (string, map[string]string) {
			src := l.repo("src")
			head := l.head(src)
			dst := l.emptyWithHead("dst", head)
			return dst, map[string]string{"GIT_OBJECT_DIRECTORY": filepath.Join(src, ".git", "objects")}
		}},
	}
	var names []string
	for _, tc := range cases {
		names = append(names, tc.name)
	}
	// An alternates file written by hand with every syntax, and each environment variable; the
	// others are alternates files git clone writes, or chained (as TestAlternatesNestingLimit
	// checks further).
	quick := quickCases(t, names, "relative entry, comment, blank line and a quoted path",
		"GIT_ALTERNATE_OBJECT_DIRECTORIES, colon-separated and quoted", "GIT_OBJECT_DIRECTORY")
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			quick.only(t, tc.name)
			t.Parallel()
			l := newLab(t)
			dir, extra := tc.build(l)
			want, err := l.run(dir, extra, "cat-file", "-p", "HEAD:postmortems/a.md")
			mustNoErr(t, err)
			env := l.getenv(extra)
			r, err := OpenWithEnv(dir, env)
			mustNoErr(t, err)
			got, ok, err := r.HeadFile("postmortems/a.md")
			if err != nil || !ok || string(got) != want {
				t.Fatalf("HeadFile = %q, %v, %v; git reads %q", got, ok, err, want)
			}
			n, err := r.CommitCount()
			if err != nil || n != 1 {
				t.Errorf("CommitCount = %d, %v", n, err)
			}
			short := l.head(labTemplate(t))[:7] // what every repository here has at HEAD, abbreviated
			if changed, err := r.ChangedSince(short, nil, "postmortems"); err != nil || len(changed) != 0 {
				t.Errorf("ChangedSince(abbreviated HEAD) = %v, %v", changed, err)
			}

			// New objects go to the repository's own object directory; the alternates stay as they were.
			objects := r.layout.ObjectDir
			alts := alternateDirs(objects, env("GIT_ALTERNATE_OBJECT_DIRECTORIES"), r.layout.cwd)
			before := map[string]int{}
			for _, a := range alts {
				before[a] = countObjects(t, a)
			}
			l.write(dir, "postmortems/b.md", "# b\n")
			a, c := sig("Author"), sig("Committer")
			if _, err := r.CommitOnly([]string{"postmortems/b.md"}, "second", a, c); err != nil {
				t.Fatalf("CommitOnly: %v", err)
			}
			for _, a := range alts {
				if n := countObjects(t, a); n != before[a] {
					t.Errorf("alternate %s: %d objects, was %d", a, n, before[a])
				}
			}
			if out, err := l.run(dir, extra, append(fsck(append([]string{objects}, alts...)...), "--no-dangling")...); err != nil || strings.TrimSpace(out) != "" {
				t.Errorf("git fsck: %q %v", out, err)
			}
			if out, _ := l.run(dir, extra, "log", "--format=%s", "-2"); out != "second\nfirst\n" {
				t.Errorf("git log: %q", out)
			}
		})
	}
}

// TestAlternatesNestingLimit checks the depth git follows alternates to, against git itself: a
// chain of repositories, each borrowing from the previous one.
func TestAlternatesNestingLimit(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	src := l.repo("r0")
	head := l.head(src)
	prev := src
	for i := 1; i <= 8; i++ {
		dir := l.emptyWithHead("r"+strconv.Itoa(i), head)
		l.write(dir, ".git/objects/info/alternates", "../../../"+filepath.Base(prev)+"/.git/objects\n")
		prev = dir
		if !testenv.Full() && i != 1 && i != 6 && i != 7 {
			// git reads through r6 and not r7: the quick tier asks at the first link and on
			// either side of the limit.
			continue
		}
		_, gitErr := l.run(dir, nil, "cat-file", "-e", "HEAD:postmortems/a.md")
		r, err := OpenWithEnv(dir, l.getenv(nil))
		mustNoErr(t, err)
		_, ok, err := r.HeadFile("postmortems/a.md")
		if (gitErr == nil) != (err == nil && ok) {
			t.Errorf("r%d: git reads the file: %v; pm: %v, %v", i, gitErr == nil, ok, err)
		}
	}
}

func TestParseAlternates(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		list string
		sep  byte
		want []string
	}{
		{"/a\n/b\n", '\n', []string{"/a", "/b"}},
		{"#c\n\n/a", '\n', []string{"/a"}},
		{` /a `, '\n', []string{" /a "}},
		{`"/a\tb\101"` + "\n/c", '\n', []string{"/a\tbA", "/c"}},
		{`"/a"x/b`, '\n', []string{"/a", "/b"}}, // git skips one character after the closing quote
		{`"/unterminated`, '\n', []string{`"/unterminated`}},
		{`/a:"/b:c":/d`, ':', []string{"/a", "/b:c", "/d"}},
		{"/a::#x:/b", ':', []string{"/a", "/b"}},
	} {
		got := parseAlternates(tc.list, tc.sep)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("parseAlternates(%q) = %q, want %q", tc.list, got, tc.want)
		}
	}
	for _, p := range []string{"/plain", "/with:colon", `/with"quote`, "#start"} {
		if got := parseAlternates(quoteAlternate(p), ':'); len(got) != 1 || got[0] != p {
			t.Errorf("quoteAlternate(%q) reads back as %q", p, got)
		}
	}
}
