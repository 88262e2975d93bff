package lint

import (
	"github.com/yuin/goldmark/ast"
)

var analysisQueriesRule = Rule{
	ID: "analysis-queries",
	Help: "Paste the log searches, metric queries and commands that produced the numbers in a fenced code block, " +
		"so that the analysis can be checked and repeated next time.",
	Default: DefaultWarning,
	Check: func(c *Context) {
		s := c.FindSection("analysis")
		if s == nil {
			return
		}
		for _, b := range s.AllBlocks() {
			found := false
			_ = ast.Walk(b, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				if _, ok := n.(*ast.FencedCodeBlock); ok && entering {
					found = true
					return ast.WalkStop, nil
				}
				return ast.WalkContinue, nil
			})
			if found {
				return
			}
		}
		c.ReportNode(s.Heading, LevelWarning, "analysis.no-code", c.headingName("analysis"))
	},
}
