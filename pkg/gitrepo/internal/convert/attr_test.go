package convert

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// attrCase is a work tree with attribute files and the paths to ask about.
type attrCase struct {
	name   string
	files  map[string]string // work-tree files, plus "info" and "global"
	config []string          // git config key value pairs
	index  map[string]string // files added to the index and then removed from the work tree
	paths  []string
}

var attrCases = []attrCase{
	{name: "basics", files: map[string]string{
		".gitattributes": "*.md text eol=crlf\n*.bin -text\n*.txt !text foo=bar -baz\nREADME ident\n",
	}, paths: []string{"a.md", "d/a.md", "x.bin", "x.txt", "README", "d/README", "READMEx", "a.mdx"}},
	{name: "later line wins", files: map[string]string{
		".gitattributes": "* text\n*.md -text\n*.md eol=lf\n*.md text=auto\n",
	}, paths: []string{"a.md", "b.txt"}},
	{name: "deeper file wins", files: map[string]string{
		".gitattributes":     "*.md text eol=crlf\n",
		"d/.gitattributes":   "*.md eol=lf\n",
		"d/e/.gitattributes": "*.md -text\n",
		"e/.gitattributes":   "/x.md binary\n",
	}, paths: []string{"a.md", "d/a.md", "d/e/a.md", "d/e/f/a.md", "e/x.md", "x.md", "e/f/x.md"}},
	{name: "info wins, global loses", files: map[string]string{
		".gitattributes": "*.md eol=lf\n",
		"info":           "*.md eol=crlf\n",
		"global":         "*.md text myattr\n*.txt eol=lf\n",
	}, paths: []string{"a.md", "a.txt", "d/a.md"}},
	{name: "macros", files: map[string]string{
		".gitattributes":   "[attr]doc text eol=crlf diff=markdown\n[attr]nothing -text\n*.md doc\n*.bin binary\n*.x text binary\n*.y binary text\n*.z -doc\n*.w !binary\n",
		"d/.gitattributes": "[attr]sub text\n*.md sub\n",
	}, paths: []string{"a.md", "a.bin", "a.x", "a.y", "a.z", "a.w", "d/a.md"}},
	{name: "macro nesting and override", files: map[string]string{
		".gitattributes": "[attr]a b c=1\n[attr]b d -e\n[attr]a2 a -c\n*.1 a\n*.2 a2\n*.3 c=0 a\n",
		"info":           "[attr]b z\n",
		"global":         "[attr]c q\n",
	}, paths: []string{"f.1", "f.2", "f.3"}},
	{name: "binary redefined", files: map[string]string{
		".gitattributes": "[attr]binary -text mine\n*.b binary\n",
	}, paths: []string{"f.b"}},
	{name: "patterns", files: map[string]string{
		".gitattributes": strings.Join([]string{
			"/root.txt a1", "sub/dir.txt a2", "**/deep.txt a3", "x/**/y.txt a4", "z/** a5",
			"*.[ch] a6", "f[!0-9].t a7", "g[^a-c].t a8", "h[[:digit:]].t a9", "i[[:upper:][:space:]].t a10",
			"j?.t a11", "k*.t a12", "l\\*.t a13", "dir/ a14", "m/ a15", "n/*.t a16", "o*/p.t a17",
			"[[:alpha:]]*.q a18", "[]]x a19", "[a-]y a20", "*.T a21", "q[[:bogus:]] a22", "\\!bang a23",
			"!neg a24", "r**s a25", "**t a26", "u/**/ a27", "v/*/w a28", "ab*cd*ef a29",
		}, "\n") + "\n",
	}, paths: []string{
		"root.txt", "d/root.txt", "sub/dir.txt", "a/sub/dir.txt", "deep.txt", "a/b/deep.txt",
		"x/y.txt", "x/a/b/y.txt", "z/a", "z/a/b", "a.c", "a/b.h", "fa.t", "f1.t", "gd.t", "ga.t",
		"h1.t", "hx.t", "iA.t", "i .t", "ia.t", "jx.t", "j/.t", "kxx.t", "k/x.t", "l*.t", "lx.t",
		"dir", "dir/x", "m/x", "n/x.t", "n/a/x.t", "oo/p.t", "o/p.t", "oa/b/p.t", "Ab.q", "1b.q",
		"]x", "-y", "ay", "b.T", "b.t", "qb", "!bang", "neg", "!neg", "rs", "r/x/s", "rxs", "t",
		"a/t", "xt", "u/a", "v/a/w", "v/a/b/w", "abXcdYef", "abcdef", "abcd/ef",
	}},
	{name: "quoted patterns", files: map[string]string{
		".gitattributes": "\"sp ace.txt\" a1\n\"tab\\there\" a2\n\"q\\\"uote\" a3\n\"oct\\101l\" a4\n\"unterminated a5\n\"bad\\q\" a6\n",
	}, paths: []string{"sp ace.txt", "tab\there", "q\"uote", "octAl", "\"unterminated", "\"bad\\q\""}},
	{name: "values and names", files: map[string]string{
		".gitattributes": "*.a x=1 x=2 -y y !z z=3\n*.b bad@name good\n*.c =v\n*.d good v=\n*.e -w=9 !u=8\n",
	}, paths: []string{"f.a", "f.b", "f.c", "f.d", "f.e"}},
	{name: "comments, blanks, CRLF, BOM, NUL", files: map[string]string{
		".gitattributes":   "\xef\xbb\xbf*.a a1\r\n  # comment\r\n\t*.b\ta2  a3\r\n\n*.c a4\x00 junk\n*.d a5\r",
		"d/.gitattributes": "\xef\xbb\xbf*.a d1\n",
	}, paths: []string{"f.a", "f.b", "f.c", "f.d", "d/f.a"}},
	{name: "macro in subdirectory refused", files: map[string]string{
		"d/.gitattributes": "[attr]m text\n*.a m\n*.b text\n",
	}, paths: []string{"d/f.a", "d/f.b"}},
	{name: "long line", files: map[string]string{
		".gitattributes": "*.a " + strings.Repeat("x", 2100) + " a1\n*.a a2\n" + "*.b a3 " + strings.Repeat(" ", 2041) + "\n#" + strings.Repeat("y", 3000) + "\n",
	}, paths: []string{"f.a", "f.b"}},
	{name: "ignore case", config: []string{"core.ignoreCase", "true"}, files: map[string]string{
		".gitattributes": "*.MD a1\nREADME a2\nDoc/*.t a3\n[A-C]x a4\n[[:upper:]]y a5\n\\Qz a6\n",
	}, paths: []string{"f.md", "readme", "doc/x.t", "bx", "by", "qz", "Qz"}},
	{name: "index fallback", files: map[string]string{
		"e/.gitattributes": "*.t e1\n",
	}, index: map[string]string{
		".gitattributes":   "*.t root\r\n*.u x\x00*.t hidden\n",
		"d/.gitattributes": "\xef\xbb\xbf*.t d1\n",
	}, paths: []string{"f.t", "d/f.t", "e/f.t", "f.u"}},
	{name: "literal and suffix", files: map[string]string{
		".gitattributes": "Makefile a1\n*.go a2\n*go a3\n*/x a4\nd/x a5\n",
	}, paths: []string{"Makefile", "d/Makefile", "a.go", "go", "ago", "d/x", "e/x", "e/f/x"}},
}

func TestLookupMatchesGitCheckAttr(t *testing.T) {
	t.Parallel()
	for _, tc := range attrCases {
		t.Run(tc.name, func(t *testing.T) {
			r := newTestRepo(t)
			for i := 0; i+1 < len(tc.config); i += 2 {
				r.setConfig(tc.config[i], tc.config[i+1])
			}
			if len(tc.index) > 0 {
				args := []string{"add", "-f", "--"}
				for name, data := range tc.index {
					r.write(name, data)
					args = append(args, name)
				}
				r.git(args...)
				for name := range tc.index {
					if err := os.Remove(filepath.Join(r.dir, name)); err != nil {
						t.Fatal(err)
					}
				}
			}
			for name, data := range tc.files {
				switch name {
				case "info":
					r.write(".git/info/attributes", data)
				case "global":
					r.write("../home/.config/git/attributes", data)
				default:
					r.write(name, data)
				}
			}
			want := r.checkAttrAll(tc.paths)
			src := r.sources()
			src.IgnoreCase = len(tc.config) > 0 && tc.config[0] == "core.ignoreCase"
			c := NewAttrChecker(src)
			for _, p := range tc.paths {
				got := ourAttrs(t, c, p)
				if !reflect.DeepEqual(got, want[p]) {
					t.Errorf("%q:\n got %q\nwant %q", p, got, want[p])
				}
			}
		})
	}
}

// TestLookupNonRegularAttributes covers a .gitattributes that is a symbolic link
// (git does not follow it and falls back to the index) or a directory (read as
// empty).
func TestLookupNonRegularAttributes(t *testing.T) {
	t.Parallel()
	r := newTestRepo(t)
	r.write("target", "*.t viaLink\n")
	r.write("l/.gitattributes", "*.t fromIndex\n")
	r.git("add", "l/.gitattributes")
	os.Remove(filepath.Join(r.dir, "l/.gitattributes"))
	if err := os.Symlink("../target", filepath.Join(r.dir, "l/.gitattributes")); err != nil {
		testenv.Skip(t, "no symbolic links:", err)
	}
	r.write("d/.gitattributes/x", "")
	r.write(".gitattributes", "*.t root\n")
	paths := []string{"l/f.t", "d/f.t"}
	want := r.checkAttrAll(paths)
	c := NewAttrChecker(r.sources())
	for _, p := range paths {
		if got := ourAttrs(t, c, p); !reflect.DeepEqual(got, want[p]) {
			t.Errorf("%q: got %q want %q", p, got, want[p])
		}
	}
	a, _ := NewAttrChecker(r.sources()).Lookup("l/f.t")
	if len(a.Warnings) == 0 {
		t.Errorf("no warning for the symbolic link")
	}
}

// TestWildmatchRandomAgainstGit throws random patterns and paths at git and at
// our matcher: each pattern sets its own attribute, so one check-attr call tells
// which of all the pairs match.
func TestWildmatchRandomAgainstGit(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewSource(1))
	atoms := []string{"a", "b", "A", "/", "*", "**", "?", "[ab]", "[!a]", "[^/]", "[a-c]", "[[:alpha:]]",
		"[[:digit:]]", "\\*", "\\a", ".", "-", "[]]", "[a-]", "[", "]", "1", "[[:space:]]", "[[:punct:]]"}
	pathAtoms := []string{"a", "b", "A", "B", "/", "*", ".", "-", "1", "]", "[", "\\", "ab", "ba", "x"}
	// Each round is 150 new patterns against 150 new paths: one in the quick tier.
	for round := 0; round < testenv.Inputs(1, 3); round++ {
		var pats, paths []string
		seen := map[string]bool{}
		for len(pats) < 150 {
			var b strings.Builder
			for n := 1 + rng.Intn(5); n > 0; n-- {
				b.WriteString(atoms[rng.Intn(len(atoms))])
			}
			p := b.String()
			if p[0] == '#' || p[0] == '!' || p[0] == '"' || seen[p] {
				continue
			}
			seen[p] = true
			pats = append(pats, p)
		}
		for len(paths) < 150 {
			var b strings.Builder
			for n := 1 + rng.Intn(6); n > 0; n-- {
				b.WriteString(pathAtoms[rng.Intn(len(pathAtoms))])
			}
			p := b.String()
			if checkPath(p) != nil || strings.HasPrefix(p, ".git") || strings.Contains(p, "/.git") || seen[p] {
				continue
			}
			seen[p] = true
			paths = append(paths, p)
		}
		var file strings.Builder
		for i, p := range pats {
			fmt.Fprintf(&file, "%s p%d\n", p, i)
		}
		for _, ic := range []bool{false, true} {
			r := newTestRepo(t)
			r.setConfig("core.ignoreCase", fmt.Sprint(ic))
			r.write(".git/info/attributes", file.String())
			want := r.checkAttrAll(paths)
			src := r.sources()
			src.IgnoreCase = ic
			c := NewAttrChecker(src)
			for _, p := range paths {
				if got := ourAttrs(t, c, p); !reflect.DeepEqual(got, want[p]) {
					t.Errorf("ignoreCase=%v %q:\n got %q\nwant %q", ic, p, got, want[p])
				}
			}
		}
	}
}

func TestLookupRefusesBadPaths(t *testing.T) {
	t.Parallel()
	c := NewAttrChecker(AttrSources{WorkTree: t.TempDir()})
	for _, p := range []string{"", "/a", "a/", "a//b", "a/../b", "./a", "a\x00b"} {
		if _, err := c.Lookup(p); err == nil {
			t.Errorf("Lookup(%q) succeeded", p)
		}
	}
}
