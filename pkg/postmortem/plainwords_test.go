package postmortem_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark/ast"

	"github.com/pm-tools/pm/pkg/postmortem"
)

// plainWordsCases are bodies at the edges of PlainText: soft breaks between Japanese characters and
// between words, hard breaks, links whose address is or is not in their text, entities and escapes
// (some of them spaces), quotations, nested lists, tables, code, HTML and comments.
var plainWordsCases = []string{
	"",
	"# Title\n\nOne paragraph\nwrapped here.\n\n決済が\n遅延した。\n\nA hard  \nbreak and a\\\nbackslash one.\n",
	"See [the docs](https://example.com/docs) and [https://example.com/x](https://example.com/x), <https://auto.example>, https://linkify.example.\n",
	"Q&amp;A, a&nbsp;b, c&#32;d, e&#10;f, \\*not emphasis\\*, &copy; &bogus; & alone\n",
	"> quoted\n> text\n>\n> > nested\n\n- a\n- b\n  - c\n    ```\n    code\n    more\n    ```\n- \n\n3. three\n4. four\n",
	"| a | b |\n| --- | --- |\n| `x` | **y** |\n|  | z |\n",
	"<div>\nraw <b>html</b>\n</div>\n\n<!-- a comment -->\n\nText <span>inline</span> html.\n\n---\n\n    indented\n\tcode\n",
	"```go\nfunc main() {}\n```\n\n~~gone~~ ![alt text](img.png) *em*_strong_\n\n- [ ] task\n- [x] done\n",
	"> - item\n>   ```\n>   a\n>   b\n>   ```\n\n1. x\n\n   > q\n",
	"全角\u3000空白と\u00a0改行なし\nの\n文。\n\nMixed English\nと日本語\nwords.\n",
}

func plainWordsOf(blocks []ast.Node, src []byte) []string {
	var got []string
	postmortem.PlainWords(blocks, src, func(w []byte) { got = append(got, string(w)) })
	return got
}

// checkPlainWords checks that PlainWords gives the words of PlainText, but for the repeated ">" of a
// quotation (PlainWords gives its first only).
func checkPlainWords(t *testing.T, body string) {
	t.Helper()
	doc := postmortem.Parse("t.md", []byte("---\ntitle: t\n---\n"+body), time.UTC)
	c := doc.Content()
	if c.AST == nil {
		return
	}
	want := strings.Fields(postmortem.PlainText(c.Blocks(), c.Src))
	got := plainWordsOf(c.Blocks(), c.Src)
	if !sameFirsts(got, want) {
		t.Errorf("PlainWords of %q:\n got %q\nwant %q", body, got, want)
	}
}

// sameFirsts reports whether a and b have the same distinct words in the same first order, and the
// same words apart from ">".
func sameFirsts(a, b []string) bool {
	firsts := func(ws []string) []string {
		var out []string
		for _, w := range ws {
			if !slices.Contains(out, w) {
				out = append(out, w)
			}
		}
		return out
	}
	others := func(ws []string) []string {
		return slices.DeleteFunc(slices.Clone(ws), func(w string) bool { return w == ">" })
	}
	return slices.Equal(firsts(a), firsts(b)) && slices.Equal(others(a), others(b))
}

func TestPlainWords(t *testing.T) {
	for _, body := range plainWordsCases {
		checkPlainWords(t, body)
	}
}

// FuzzPlainWords checks PlainWords against the words of PlainText on arbitrary bodies.
func FuzzPlainWords(f *testing.F) {
	for _, body := range plainWordsCases {
		f.Add(body)
	}
	f.Fuzz(func(t *testing.T, body string) {
		checkPlainWords(t, body)
	})
}
