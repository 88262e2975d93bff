package lint

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/pm-tools/pm/pkg/i18n"
)

// The labels are matched within one line: [ \t] rather than \s, so that an empty "Incident Commander:"
// does not take the next line ("Scribe: …") as its name.
var (
	icLabelRE     = regexp.MustCompile(`(?im)^[ \t]*(?:[-*+][ \t]*)?(?:\*\*)?(?:incident commander|ic|インシデントコマンダー|インシデント・コマンダー)(?:\*\*)?[ \t]*[:：][ \t]*(?:\*\*)?[ \t]*(\S.*)?$`)
	scribeLabelRE = regexp.MustCompile(`(?im)^[ \t]*(?:[-*+][ \t]*)?(?:\*\*)?(?:scribe|記録係|書記)(?:\*\*)?[ \t]*[:：][ \t]*(?:\*\*)?[ \t]*(\S.*)?$`)
)

var respondersRule = Rule{
	ID:          "responders",
	Description: i18n.EN.T("rule.responders"),
	Help: "List the people who responded, at least 'Incident Commander: name' and 'Scribe: name' " +
		"(ja: 'インシデントコマンダー: 名前', '記録係: 名前'), then subject-matter experts and the customer liaison.",
	Default: "draft: warning, later: error",
	Check: func(c *Context) {
		s := c.FindSection("responders")
		if s == nil {
			return
		}
		text := responderText(s.AllBlocks(), c.Body)
		named := func(re *regexp.Regexp) bool {
			for _, m := range re.FindAllStringSubmatch(text, -1) {
				if strings.TrimSpace(strings.Trim(m[1], "*_ ")) != "" {
					return true
				}
			}
			return false
		}
		// The label to add is in the document's language, whatever the language of the message.
		docLang := i18n.EN
		if c.japanese() {
			docLang = i18n.JA
		}
		if !named(icLabelRE) {
			c.ReportNode(s.Heading, LevelCompleteness, "responders.no-ic", docLang.T("responders.ic-label"))
		}
		if !named(scribeLabelRE) {
			c.ReportNode(s.Heading, LevelCompleteness, "responders.no-scribe", docLang.T("responders.scribe-label"))
		}
	},
}

// responderText is the text of the Responders section with one line per source line, so that
// "Incident Commander: A" and "Scribe: B" on consecutive lines of one paragraph are both at the start
// of a line, and a table row such as | B | Scribe | reads as "Scribe: B".
func responderText(blocks []ast.Node, src []byte) string {
	var lines []string
	for _, b := range blocks {
		_ = ast.Walk(b, func(x ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			switch t := x.(type) {
			case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
				lines = append(lines, inlineTextBreaks(t, src, '\n'))
				return ast.WalkSkipChildren, nil
			case *east.TableRow:
				// the role may be in any column: a cell that is a label names someone when another cell
				// of its row is filled in (counted, not joined, so that wide rows stay linear)
				var cells []string
				filled := 0
				for c := t.FirstChild(); c != nil; c = c.NextSibling() {
					cell := strings.TrimRight(inlineText(c, src), ":：")
					cells = append(cells, cell)
					if cell != "" {
						filled++
					}
				}
				for _, cell := range cells {
					others := filled
					if cell != "" {
						others--
					}
					name := ""
					if others > 0 {
						name = "(named in the row)"
					}
					lines = append(lines, cell+": "+name)
				}
				return ast.WalkSkipChildren, nil
			case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		})
	}
	return strings.Join(lines, "\n")
}
