package lint

import (
	"github.com/yuin/goldmark/ast"
)

// textRun is a piece of prose: the bytes of a Text node and where they start in the body.
type textRun struct {
	Start int
	Value []byte
}

// proseRuns returns the prose under the given nodes: text a reader sees, not code, not HTML, not URLs.
func proseRuns(nodes []ast.Node, src []byte) []textRun {
	var out []textRun
	for _, n := range nodes {
		_ = ast.Walk(n, func(x ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			switch t := x.(type) {
			case *ast.CodeSpan, *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock, *ast.RawHTML, *ast.AutoLink:
				return ast.WalkSkipChildren, nil
			case *ast.Text:
				out = append(out, textRun{Start: t.Segment.Start, Value: t.Segment.Value(src)})
			}
			return ast.WalkContinue, nil
		})
	}
	return out
}
