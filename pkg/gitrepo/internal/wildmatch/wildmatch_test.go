package wildmatch

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// cases are patterns and texts chosen to reach every rule: stars at and inside components, "**" in
// each position, sets with ranges, classes, negation and escapes, and malformed patterns.
var cases = []struct {
	pattern, text string
}{
	{"foo", "foo"}, {"foo", "bar"}, {"", ""}, {"", "a"}, {"???", "foo"}, {"??", "foo"},
	{"*", "foo"}, {"f*", "foo"}, {"*f", "foo"}, {"*foo*", "foo"}, {"*ob*a*r*", "foobar"},
	{"*ab", "aaaaaaabababab"}, {"foo\\*", "foo*"}, {"foo\\*bar", "foobar"}, {"f\\\\oo", "f\\oo"},
	{"*[al]?", "ball"}, {"[ten]", "ten"}, {"**[!te]", "ten"}, {"**[!ten]", "ten"}, {"t[a-g]n", "ten"},
	{"t[!a-g]n", "ten"}, {"t[!a-g]n", "ton"}, {"t[^a-g]n", "ton"}, {"a[]]b", "a]b"}, {"a[]-]b", "a-b"},
	{"a[]-]b", "a]b"}, {"a[]-]b", "aab"}, {"a[]a-]b", "aab"}, {"]", "]"},
	{"foo*bar", "foo/baz/bar"}, {"foo**bar", "foo/baz/bar"}, {"foo**bar", "foobazbar"},
	{"foo/**/bar", "foo/baz/bar"}, {"foo/**/**/bar", "foo/baz/bar"}, {"foo/**/bar", "foo/b/a/z/bar"},
	{"foo/**/**/bar", "foo/b/a/z/bar"}, {"foo/**/bar", "foo/bar"}, {"foo/**/**/bar", "foo/bar"},
	{"foo?bar", "foo/bar"}, {"foo[/]bar", "foo/bar"}, {"foo[^a-z]bar", "foo/bar"},
	{"f[^eiu][^eiu][^eiu][^eiu][^eiu]r", "foo/bar"}, {"f[^eiu][^eiu][^eiu][^eiu][^eiu]r", "foo-bar"},
	{"**/foo", "foo"}, {"**/foo", "XXX/foo"}, {"**/foo", "bar/baz/foo"}, {"*/foo", "bar/baz/foo"},
	{"**/bar*", "foo/bar/baz"}, {"**/bar/*", "deep/foo/bar/baz"}, {"**/bar/*", "deep/foo/bar/baz/"},
	{"**/bar/**", "deep/foo/bar/baz/"}, {"**/bar/*", "deep/foo/bar"}, {"**/bar/**", "deep/foo/bar/"},
	{"**/bar**", "foo/bar/baz"}, {"*/bar/**", "deep/foo/bar/baz/x"}, {"**/bar/*/*", "deep/foo/bar/baz/x"},
	{"a/**/b", "a/bb"}, {"**/t[o]", "foo/bar/baz/to"}, {"**/[[:alpha:]]", "a/b"},
	{"*/*/*", "foo"}, {"*/*/*", "foo/bar"}, {"*/*/*", "foo/bba/arr"}, {"*/*/*", "foo/bb/aa/rr"},
	{"**/**/**", "foo/bb/aa/rr"}, {"*X*i", "abcXdefXghi"}, {"*X*i", "ab/cXd/efXg/hi"},
	{"*/*X*/*/*i", "ab/cXd/efXg/hi"}, {"**/*X*/**/*i", "ab/cXd/efXg/hi"},
	{"a**b", "a/b"}, {"a/**", "a/"}, {"a/**", "a"}, {"/**", "/a/b"}, {"**/", "a/"}, {"**", "a/b/c"},
	{"[[:alpha:]][[:digit:]][[:upper:]]", "a1B"}, {"[[:digit:][:upper:][:space:]]", "a"},
	{"[[:digit:][:upper:][:space:]]", "A"}, {"[[:digit:][:upper:][:space:]]", "1"},
	{"[[:digit:][:upper:][:spaci:]]", "1"}, {"[[:digit:][:upper:][:space:]]", " "},
	{"[[:digit:][:punct:][:space:]]", "."}, {"[[:xdigit:]]", "5"}, {"[[:xdigit:]]", "f"},
	{"[[:xdigit:]]", "D"}, {"[[:lower:]]", "A"}, {"[[:cntrl:]]", "\x01"}, {"[[:graph:]]", " "},
	{"[[:print:]]", " "}, {"[[:blank:]]", "\t"},
	{"[a-c[:digit:]x-z]", "5"}, {"[a-c[:digit:]x-z]", "b"}, {"[a-c[:digit:]x-z]", "y"}, {"[a-c[:digit:]x-z]", "q"},
	{"[\\]]", "]"}, {"[\\]]", "\\"}, {"[\\-^]", "]"}, {"[\\-^]", "["}, {"[\\-_]", "-"}, {"[\\]", "\\"},
	{"[[]", "["}, {"[", "["}, {"[!]", "a"}, {"[[:]", "["}, {"[[:]]", ":"}, {"[:]", ":"},
	{"[[:", "["}, {"a[", "a["}, {"\\", "\\"}, {"a\\", "a"},
	{"[a-]", "-"}, {"[!-]", "a"}, {"[,-.]", "-"}, {"[,-.]", "+"}, {"[\\1-\\3]", "2"}, {"[[-\\]]", "\\"},
	{"-*-*-*-*-*-*-12-*-*-*-m-*-*-*", "-adobe-courier-bold-o-normal--12-120-75-75-m-70-iso8859-1"},
	{"-*-*-*-*-*-*-12-*-*-*-m-*-*-*", "-adobe-courier-bold-o-normal--12-120-75-75-X-70-iso8859-1"},
	{"XXX/*/*/*/*/*/*/12/*/*/*/m/*/*/*", "XXX/adobe/courier/bold/o/normal//12/120/75/75/m/70/iso8859/1"},
	{"**/*a*b*g*n*t", "abcd/abcdefg/abcdefghijk/abcdefghijklmnop.txt"},
	{"**/*a*b*g*n*t", "abcd/abcdefg/abcdefghijk/abcdefghijklmnop.txtz"},
	{"*/*/*", "foo/bar/"}, {"*/*/*", "foo/bar/baz"}, {"**/*/*", "foo/bar/baz"},
	{"https://github.com/**", "https://github.com/org/repo.git"}, {"*://github.com/**", "ssh://github.com/org/r"},
	{"git@github.com:org/**", "git@github.com:org/repo.git"}, {"git@github.com:*/repo*", "git@github.com:org/repo.git"},
	{"**/Work/**", "/home/u/work/p/.git"}, {"/home/u/work/**", "/home/u/work/p/.git"},
}

// TestMatchAgainstGit asks git whether each pattern matches its text, through the one place git lets
// a glob meet arbitrary text: includeIf "hasconfig:remote.*.url:<pattern>" against a remote URL,
// which git matches with wildmatch and WM_PATHNAME. One git run answers for every pattern paired
// with a text: the configuration has that text as its only remote URL, and each pattern includes
// a file of its own, which sets a key of its own.
func TestMatchAgainstGit(t *testing.T) {
	testenv.NeedGit(t)
	dir := t.TempDir()
	byText := map[string][]string{}
	var texts []string
	most := 0
	for _, tc := range cases {
		if strings.ContainsAny(tc.pattern+tc.text, "\n\x00") {
			continue
		}
		if byText[tc.text] == nil {
			texts = append(texts, tc.text)
		}
		byText[tc.text] = append(byText[tc.text], tc.pattern)
		most = max(most, len(byText[tc.text]))
	}
	for i := 0; i < most; i++ {
		inc := filepath.Join(dir, fmt.Sprintf("inc%d", i))
		if err := os.WriteFile(inc, fmt.Appendf(nil, "[t]\n\tmatched%d = yes\n", i), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg := filepath.Join(dir, "cfg")
	quote := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\t", `\t`).Replace
	for _, text := range texts {
		var conf strings.Builder
		fmt.Fprintf(&conf, "[remote \"r\"]\n\turl = \"%s\"\n", quote(text))
		for i, pattern := range byText[text] {
			fmt.Fprintf(&conf, "[includeIf \"hasconfig:remote.*.url:%s\"]\n\tpath = %s\n",
				strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(pattern), filepath.Join(dir, fmt.Sprintf("inc%d", i)))
		}
		if err := os.WriteFile(cfg, []byte(conf.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("git", "config", "--file", cfg, "--includes", "--get-regexp", `^t\.matched`)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "HOME="+dir, "GIT_CONFIG_NOSYSTEM=1", "LC_ALL=C")
		out, err := cmd.Output()
		var ee *exec.ExitError
		if err != nil && !(errors.As(err, &ee) && ee.ExitCode() == 1) { // 1: no key matched
			t.Fatalf("git config for %q: %v", text, err)
		}
		matched := map[string]bool{}
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if key, value, _ := strings.Cut(line, " "); value == "yes" {
				matched[key] = true
			}
		}
		for i, pattern := range byText[text] {
			want := matched[fmt.Sprintf("t.matched%d", i)]
			if got := Match(pattern, text, Pathname); got != want {
				t.Errorf("Match(%q, %q) = %v, git says %v", pattern, text, got, want)
			}
		}
	}
}

func TestMatchFlags(t *testing.T) {
	for _, tc := range []struct {
		pattern, text string
		flags         Flags
		want          bool
	}{
		{"foo*bar", "foo/baz/bar", 0, true}, // without Pathname a star crosses '/'
		{"foo?bar", "foo/bar", 0, true},
		{"**/foo", "foo", 0, false}, // and "**" is two stars: the slash must be there
		{"/home/U/Work/**", "/home/u/work/p", CaseFold | Pathname, true},
		{"/home/u/work/**", "/HOME/U/WORK/P", CaseFold | Pathname, true},
		{"[A-Z]", "q", CaseFold, true},
		{"[[:upper:]]", "q", CaseFold, true},
		{"[A]", "A", CaseFold, false}, // git compares a set's letters to the folded text unfolded
		{"\\A", "A", CaseFold, false},
		{"a", "A", 0, false},
	} {
		if got := Match(tc.pattern, tc.text, tc.flags); got != tc.want {
			t.Errorf("Match(%q, %q, %v) = %v, want %v", tc.pattern, tc.text, tc.flags, got, tc.want)
		}
	}
}
