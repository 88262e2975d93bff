package postmortem

import (
	"testing"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// FuzzInlineTextFastPath holds inlineTextBreaks, which takes a node holding one piece of text
// without a line break straight from its bytes, to the walk it otherwise makes, on every node of
// any body, with both line breaks it is used with.
//
//	go test -run '^$' -fuzz FuzzInlineTextFastPath -fuzztime 1m ./pkg/postmortem/
func FuzzInlineTextFastPath(f *testing.F) {
	for _, s := range []string{
		"## Timeline\n\n| Time | Event |\n|-|-|\n| 09:00 | paged &amp; acked \\| x |\n|  x  | `code` |\n",
		"# Title &copy; \\*x\\*\n\nline one  \nline two\nthree\n\n- a *b* <span>c</span> <https://e.x>\n",
		"Setext\n===\n\n|a|\n|-|\n| &#x41; &bogus; \\\\ |\n", "   \n", "&", "\\",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		src := []byte(body)
		root := markdown().Parser().Parse(text.NewReader(src), parser.WithContext(parser.NewContext()))
		_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			for _, lb := range []byte{' ', '\n'} {
				if got, want := inlineTextBreaks(n, src, lb), inlineTextWalk(n, src, lb); got != want {
					t.Fatalf("%s in %q: %q, the walk gives %q", n.Kind(), body, got, want)
				}
			}
			return ast.WalkContinue, nil
		})
	})
}

// TestJapaneseRanges checks that no letter of Hiragana, Katakana or Han comes before firstJapanese,
// and that one starts there.
func TestJapaneseRanges(t *testing.T) {
	for r := rune(0); r < firstJapanese; r++ {
		if unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) {
			t.Fatalf("%U is Japanese, before firstJapanese %U", r, firstJapanese)
		}
	}
	if !unicode.In(firstJapanese, unicode.Hiragana, unicode.Katakana, unicode.Han) {
		t.Errorf("firstJapanese %U is not Japanese", firstJapanese)
	}
	for _, s := range []string{"Timeline", "タイムライン", "再発防止策", "ひらがな", "Root Cause 根本原因", "Ünïcödé ⺀"} {
		want := false
		for _, r := range s {
			want = want || unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han)
		}
		if hasJapanese(s) != want {
			t.Errorf("hasJapanese(%q) = %t", s, !want)
		}
	}
}
