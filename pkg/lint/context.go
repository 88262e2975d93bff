package lint

import (
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// Context is what a rule's Check sees: the parsed document, its Markdown AST and sections,
// and the means to report findings.
type Context struct {
	Doc      *postmortem.Doc
	Body     []byte   // the Markdown body the AST's offsets point into
	AST      ast.Node // nil when the front matter is unusable
	Sections []*Section

	linter   *Linter
	lang     i18n.Lang
	rule     *Rule
	status   postmortem.Status
	findings []Finding

	// tables that several rules read, parsed once per document
	timelineRead    bool
	timelineTable   *Table
	timelineEntries []timelineEntry
	actionItemsRead bool
	actionTable     *Table
	actionItemList  []actionItem
	last            position // the last body position computed, to count columns on from it
}

// position is a body offset with its whole-file line and column.
type position struct{ offset, line, col int }

// Status is the document's status, Draft when missing or invalid.
func (c *Context) Status() postmortem.Status { return c.status }

// Options are the linter's options.
func (c *Context) Options() *Options { return &c.linter.opts }

func (c *Context) severity(level Level) Severity {
	if o, ok := c.linter.overrides[c.rule.ID]; ok {
		return o
	}
	switch level {
	case LevelWarning:
		return Warning
	case LevelCompleteness:
		if c.status.AtLeast(postmortem.StatusInReview) {
			return Error
		}
		return Warning
	}
	return Error
}

func (c *Context) add(line, col, endLine, endCol int, level Level, msg string) {
	c.findings = append(c.findings, Finding{
		Path: c.Doc.Path, Line: line, Column: col, EndLine: endLine, EndColumn: endCol,
		Rule: c.rule.ID, Severity: c.severity(level), Message: msg,
	})
}

// T renders a catalogue message in the language of the findings.
func (c *Context) T(id string, args ...any) string { return c.lang.T(id, args...) }

// ReportBody reports the body bytes [start, end) with the catalogue message id.
func (c *Context) ReportBody(start, end int, level Level, id string, args ...any) {
	if end < start {
		end = start
	}
	l, col := c.bodyPosition(start)
	el, ecol := c.bodyPosition(end)
	c.add(l, col, el, ecol, level, c.T(id, args...))
}

// bodyPosition is Doc.BodyPosition, but counts the column on from the last position when the offset is
// further along the same line: a rule reports the matches of a line in order, and counting every column
// from the start of the line would take time quadratic in the line's length (a 2 MB line of TODOs).
func (c *Context) bodyPosition(offset int) (line, col int) {
	text := c.Doc.Text
	abs := c.Doc.BodyOffset + offset
	if abs < 0 {
		abs = 0
	}
	if abs > len(text) {
		abs = len(text)
	}
	if p := c.last; p.line > 0 && p.offset <= abs && c.Doc.LineOf(abs) == p.line {
		col = p.col + utf8.RuneCount(text[p.offset:abs])
		line = p.line
	} else {
		line, col = c.Doc.Position(abs)
	}
	c.last = position{offset: abs, line: line, col: col}
	return line, col
}

// ReportLine reports a whole line of the file (1-based).
func (c *Context) ReportLine(line int, level Level, id string, args ...any) {
	if line < 1 {
		line = 1
	}
	start := c.Doc.LineStart(line)
	end := c.Doc.LineStart(line + 1)
	if end > start && end <= len(c.Doc.Text) && c.Doc.Text[end-1] == '\n' {
		end--
	}
	c.add(line, 1, line, utf8.RuneCount(c.Doc.Text[start:end])+1, level, c.T(id, args...))
}

// ReportKey reports a front matter key's line, or the opening --- when the key is absent.
func (c *Context) ReportKey(key string, level Level, id string, args ...any) {
	line := c.Doc.KeyLine(key)
	if line == 0 {
		line = c.Doc.FrontLine
	}
	c.ReportLine(line, level, id, args...)
}

// ReportNode reports a block or inline node: the whole of its first line of text.
func (c *Context) ReportNode(n ast.Node, level Level, id string, args ...any) {
	start, end := nodeSpan(n, c.Body)
	c.ReportBody(start, end, level, id, args...)
}

// nodeSpan is where a node is in the body: from its position to the end of its first line.
func nodeSpan(n ast.Node, src []byte) (int, int) {
	start := -1
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		start = n.Lines().At(0).Start
	}
	if p := n.Pos(); p >= 0 && (start < 0 || p < start) {
		start = p
	}
	if start < 0 {
		for ch := n.FirstChild(); ch != nil && start < 0; ch = ch.FirstChild() {
			if t, ok := ch.(*ast.Text); ok {
				start = t.Segment.Start
			} else if p := ch.Pos(); p >= 0 {
				start = p
			}
		}
	}
	if start < 0 {
		start = 0
	}
	if start > len(src) {
		start = len(src)
	}
	end := start
	for end < len(src) && src[end] != '\n' {
		end++
	}
	return start, end
}
