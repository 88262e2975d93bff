package i18n

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var verbRE = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z]`)

// verbs counts the arguments a format consumes (indexed verbs count their highest index).
func verbs(format string) int {
	format = strings.ReplaceAll(format, "%%", "")
	n, maxIndex := 0, 0
	for _, m := range verbRE.FindAllStringSubmatch(format, -1) {
		if m[1] != "" {
			i := 0
			for _, c := range m[1][1 : len(m[1])-1] {
				i = i*10 + int(c-'0')
			}
			if i > maxIndex {
				maxIndex = i
			}
			continue
		}
		n++
	}
	if maxIndex > n {
		return maxIndex
	}
	return n
}

func TestCatalogueIsComplete(t *testing.T) {
	for id, m := range catalog() {
		if m[EN] == "" || m[JA] == "" {
			t.Errorf("%s: a language is missing", id)
		}
		en := strings.Split(m[EN], "|")[0] // counted nouns: each form takes the count
		if verbs(en) != verbs(m[JA]) {
			t.Errorf("%s: English takes %d arguments, Japanese %d", id, verbs(en), verbs(m[JA]))
		}
		if strings.Count(m[EN], "|") != 0 && strings.Count(m[JA], "|") > strings.Count(m[EN], "|") {
			t.Errorf("%s: plural forms", id)
		}
	}
}

// TestEveryIDInTheCodeExists reads the project's Go files for message ids passed to the catalogue and
// checks each one is in it, and that every catalogue entry is used somewhere.
func TestEveryIDInTheCodeExists(t *testing.T) {
	idRE := regexp.MustCompile(`(?:\.T|\.N|i18n\.M|i18n\.Err)\("([a-z][a-z0-9]*(?:[.-][a-z0-9]+)+)"`)
	// calls whose id is a later argument: pkg/config's p.errorf(node, "config.x", ...) and
	// p.errorAt(line, "config.x", ...), lint's ctx.ReportLine(line, "meeting.none"), pkg/postmortem's
	// newProblem("", 1, 1, "fm.none") and d.problem(key, node, "fm.status", ...)
	errorfRE := regexp.MustCompile(`\b(?:errorf|errorAt|Report(?:Body|Line|Key|Node|Span)|newProblem|problem)\([^"\n]*?"([a-z][a-z0-9]*(?:[.-][a-z0-9]+)+)"`)
	used := map[string]bool{}
	root := filepath.Join("..", "..")
	err := filepath.Walk(filepath.Join(root, "pkg"), func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") ||
			filepath.Base(filepath.Dir(path)) == "i18n" {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range append(idRE.FindAllStringSubmatch(string(src), -1), errorfRE.FindAllStringSubmatch(string(src), -1)...) {
			id := m[1]
			used[id] = true
			if _, ok := catalog()[id]; !ok {
				t.Errorf("%s: message id %q is not in the catalogue", path, id)
			}
		}
		// ids built from rule IDs and counted nouns
		for _, m := range regexp.MustCompile(`"((?:rule|n|cobra|fm\.kind|config\.dir|move\.why|show|gate|status|err|list|banned|action|timeline|responders|section|placeholder|meeting|analysis|recording|lint|fm|edit)\.[a-z0-9.-]+)"`).FindAllStringSubmatch(string(src), -1) {
			used[m[1]] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for id := range catalog() {
		if strings.HasPrefix(id, "rule.") || strings.HasPrefix(id, "rulehelp.") || id == "list.or" {
			continue // built from the rule ID; used by render itself
		}
		if !used[id] {
			t.Errorf("catalogue entry %q is not used", id)
		}
	}
}

func TestDetect(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	cases := []struct {
		flag, config string
		env          map[string]string
		want         Lang
	}{
		{"", "", nil, EN},
		{"ja", "", nil, JA},
		{"", "ja", nil, JA},
		{"en", "ja", map[string]string{"LANG": "ja_JP.UTF-8"}, EN},
		{"", "", map[string]string{"LANG": "ja_JP.UTF-8"}, JA},
		{"", "en", map[string]string{"LANG": "ja_JP.UTF-8"}, JA},
		{"", "", map[string]string{"LC_ALL": "C", "LANG": "ja_JP.UTF-8"}, EN},
		{"", "", map[string]string{"LC_MESSAGES": "ja_JP"}, JA},
		// The team writes in Japanese; this engineer's locale is English: pm speaks English.
		{"", "ja", map[string]string{"LANG": "en_US.UTF-8"}, EN},
		{"", "ja", map[string]string{"LANG": "C.UTF-8"}, JA},
		{"", "ja", map[string]string{"LC_ALL": "POSIX"}, JA},
	}
	for _, c := range cases {
		if got := Detect(c.flag, c.config, env(c.env)); got != c.want {
			t.Errorf("Detect(%q, %q, %v) = %v, want %v", c.flag, c.config, c.env, got, c.want)
		}
	}
}

func TestRender(t *testing.T) {
	if got := JA.T("move.not-allowed", "Draft", "Closed", "", "Draft", Or{"In Review"}); !strings.Contains(got, "Draft → Closed には移れません") {
		t.Errorf("ja: %q", got)
	}
	if got := EN.T("gate.no-ticket", 2, List{M("gate.ticket-line", 3, "a"), M("gate.ticket-line", 4, "b")}); got != `2 action items without a ticket: line 3 "a", line 4 "b"` {
		t.Errorf("list: %q", got)
	}
	if EN.N("n.file", 1) != "1 file" || EN.N("n.file", 2) != "2 files" || JA.N("n.file", 2) != "2 ファイル" {
		t.Error("counted nouns")
	}
	if got := EN.T("no.such.id"); got != "no.such.id" {
		t.Errorf("missing id: %q", got)
	}
}

func TestPluralize(t *testing.T) {
	for in, want := range map[string]string{
		"1 gate(s) failed": "1 gate failed", "3 gate(s) failed": "3 gates failed", "2 action item(s) without": "2 action items without",
		"1 action item(s) without": "1 action item without", "_4 more postmortem(s) not shown_": "_4 more postmortems not shown_",
		"1 filled cell(s) past": "1 filled cell past", "an http(s) address": "an http(s) address", "0 error(s)": "0 errors",
		"4 more open postmortem(s)": "4 more open postmortems", "4 very many more open postmortem(s)": "4 very many more open postmortem(s)",
		"1 x(s), 2 y(s)": "1 x, 2 ys", "12 gate(s)": "12 gates", "v1 gate(s)": "v1 gate", "3x gate(s)": "3x gate(s)",
	} {
		if got := pluralize(in); got != want {
			t.Errorf("pluralize(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPluralizeAsTheExpression: pluralize's scan reads what this expression reads (a count, at most
// two words, the noun before "(s)"), over strings made of the pieces that matter.
func TestPluralizeAsTheExpression(t *testing.T) {
	re := regexp.MustCompile(`(\d+)((?: [A-Za-z-]+){0,2}? )([A-Za-z-]+)\(s\)`)
	want := func(s string) string {
		return re.ReplaceAllStringFunc(s, func(m string) string {
			g := re.FindStringSubmatch(m)
			if g[1] == "1" {
				return g[1] + g[2] + g[3]
			}
			return g[1] + g[2] + g[3] + "s"
		})
	}
	tokens := []string{"1", "2", "12", "0", "v2", "a", "gate", "x-y", "more", "(s)", "(", ")", "s", "é", ",", "-"}
	seps := []string{" ", " ", " ", " ", "", "  "}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 300000 {
		var b strings.Builder
		for i := range 1 + rng.IntN(8) {
			if i > 0 {
				b.WriteString(seps[rng.IntN(len(seps))])
			}
			b.WriteString(tokens[rng.IntN(len(tokens))])
			if rng.IntN(3) == 0 {
				b.WriteString("(s)")
			}
		}
		if s := b.String(); pluralize(s) != want(s) {
			t.Fatalf("pluralize(%q) = %q, the expression reads %q", s, pluralize(s), want(s))
		}
	}
}

// A catalogued error wrapped with a place ("file:3: %w") is rendered in the language asked, its
// wrapping kept, as an argument of another message too; lists are joined as the language joins them.
func TestWrappedErrorsAndListsInJapanese(t *testing.T) {
	wrapped := fmt.Errorf("a.md:3: %w", Err("edit.table-by-hand"))
	if got, want := Text(JA, wrapped), "a.md:3: "+JA.T("edit.table-by-hand"); got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
	if got := JA.render([]any{List{"a.md", "b.md"}})[0]; got != "a.md、b.md" {
		t.Errorf("a list in Japanese: %q", got)
	}
	if got := JA.render([]any{wrapped})[0]; got != "a.md:3: "+JA.T("edit.table-by-hand") {
		t.Errorf("a wrapped error as an argument: %q", got)
	}
}

// TestQuotedTextKeepsTheIdeographicSpace: a message quoting document text shows a full-width space
// as the writer typed it, not as Go's %q writes it (\u3000), while what %q escapes to show the
// hidden (a control, a zero-width space, a no-break space) stays escaped.
func TestQuotedTextKeepsTheIdeographicSpace(t *testing.T) {
	for _, l := range []Lang{EN, JA} {
		got := l.T("timeline.no-source", "９時１４分\u3000ＪＳＴ")
		if !strings.Contains(got, "\"９時１４分\u3000ＪＳＴ\"") {
			t.Errorf("%v: %q", l, got)
		}
		got = l.T("timeline.no-source", "田中\u3000太郎\x1b[31m\u200b\u00a0\"")
		if !strings.Contains(got, `"田中`+"\u3000"+`太郎\x1b[31m\u200b\u00a0\""`) {
			t.Errorf("%v: escapes: %q", l, got)
		}
	}
	if got := fmt.Sprintf("[%-8q|%+q|%.2q|%s]", quotable("a\u3000b"), quotable("a\u3000b"), quotable("a\u3000b"), quotable("a\u3000b")); got != "[\"a\u3000b\"   |\"a\\u3000b\"|\"a\\u3000\"|a\u3000b]" {
		t.Errorf("flags: %q", got)
	}
}
