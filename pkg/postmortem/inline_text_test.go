package postmortem

import (
	"bytes"
	"strings"
	"testing"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// inlineTextByWalk is inlineTextBreaks as it was first written, with ast.Walk: the reference
// FuzzInlineTextFastPath holds it to.
func inlineTextByWalk(n ast.Node, src []byte, lineBreak byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(x ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := x.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(lineBreak)
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.CodeSpan:
			for ch := t.FirstChild(); ch != nil; ch = ch.NextSibling() {
				if tx, ok := ch.(*ast.Text); ok {
					b.Write(tx.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			b.Write(t.URL(src))
		case *ast.RawHTML:
			if breaksLine(strings.Trim(string(t.Segments.Value(src)), "<>/ ")) {
				b.WriteByte(lineBreak)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(resolveEntities(b.String()))
}

// FuzzInlineTextFastPath holds inlineTextBreaks (which takes a node holding one piece of text
// without a line break straight from its bytes, and recurses over the children of any other) to
// ast.Walk's version, on every node of any body, with both line breaks it is used with.
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
		root := markdown.Get().Parser().Parse(text.NewReader(src), parser.WithContext(parser.NewContext()))
		_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			for _, lb := range []byte{' ', '\n'} {
				if got, want := inlineTextBreaks(n, src, lb), inlineTextByWalk(n, src, lb); got != want {
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

// overDelimitersByByte is overDelimiters as it was first written, one byte at a time: the reference
// FuzzOverDelimiters holds the faster one to.
func overDelimitersByByte(b []byte) bool {
	n, emphasis := 0, 0
	filled := false
	for i, c := range b {
		switch byteKind[c] {
		case 0:
			if c != ' ' && c != '\t' {
				filled = true
			}
			continue
		case lineBreak:
			if !filled {
				n, emphasis = 0, 0
			}
			filled = false
			continue
		case runDelimiter:
			if i > 0 && b[i-1] == c {
				continue
			}
		case emphasisDelimiter:
			if i > 0 && b[i-1] == c {
				continue
			}
			if emphasis++; emphasis > MinEmphasis {
				return true
			}
		}
		filled = true
		if n++; n > MaxDelimiters {
			return true
		}
	}
	return false
}

// FuzzOverDelimiters holds overDelimiters to overDelimitersByByte on any body, and on the body
// repeated until its delimiters may pass the bounds.
func FuzzOverDelimiters(f *testing.F) {
	for _, s := range []string{"", "a *b* _c_ ~d~ `e` [f](g) <h>\n", " \t\n*\n\n**__", "x\n \t \n*", "[a](" + "\n", "`` `\n\t*"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, b := range [][]byte{[]byte(s), bytes.Repeat([]byte(s), 40)} {
			if got, want := overDelimiters(b), overDelimitersByByte(b); got != want {
				t.Fatalf("overDelimiters(%q) = %t, byte by byte %t", b, got, want)
			}
		}
	})
}
