package postmortem

import (
	"testing"

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
