package lint

import (
	"github.com/yuin/goldmark/ast"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// Context is what a rule's Check sees: the parsed document and its body (sections, tables, the
// Markdown AST), and the means to report findings.
type Context struct {
	Doc     *postmortem.Doc
	Content *postmortem.Content // empty (no AST, no sections) when the front matter is unusable

	linter   *Linter
	lang     i18n.Lang
	rule     *Rule
	status   postmortem.Status
	findings []Finding

	// the timeline's times, which several rules read, parsed once per document
	timelineRead    bool
	timelineEntries []timelineEntry
	cursor          *postmortem.Cursor
	srcMap          *srcMap // where fixes' body offsets are in Src, built for the first fix
	// the length of the line last reported whole: many findings on one long line (a flow list of
	// 40,000 bad items) each counted its characters again, quadratic
	lenLine, lineLen int
}

// Status is the document's status, Draft when missing or invalid.
func (c *Context) Status() postmortem.Status { return c.status }

// Options are the linter's options.
func (c *Context) Options() *Options { return &c.linter.opts }

func (c *Context) severity(level Level) Severity { return c.severityOf(c.rule.ID, level) }

// severityOf is the severity a finding of rule at level has in this document (Off when the rule is off).
func (c *Context) severityOf(rule string, level Level) Severity {
	if o, ok := c.linter.overrides[rule]; ok {
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
	f := Finding{
		Path: c.Doc.Path, Line: line, Column: col, EndLine: endLine, EndColumn: endCol,
		Rule: c.rule.ID, Severity: c.severity(level), Message: msg,
	}
	if col16 := c.Doc.UTF16Column(line, col); col16 != col {
		f.Column16 = col16
	}
	if end16 := c.Doc.UTF16Column(endLine, endCol); end16 != endCol {
		f.EndColumn16 = end16
	}
	c.findings = append(c.findings, f)
}

// FindSection returns the first section with the key, or nil.
func (c *Context) FindSection(key string) *postmortem.Section { return c.Content.Section(key) }

// T renders a catalogue message in the language of the findings.
func (c *Context) T(id string, args ...any) string { return c.lang.T(id, args...) }

// ReportBody reports the body bytes [start, end) with the catalogue message id.
func (c *Context) ReportBody(start, end int, level Level, id string, args ...any) {
	if end < start {
		end = start
	}
	l, col := c.cursor.BodyPosition(start)
	el, ecol := c.cursor.BodyPosition(end)
	c.add(l, col, el, ecol, level, c.T(id, args...))
}

// ReportLine reports a whole line of the file (1-based).
func (c *Context) ReportLine(line int, level Level, id string, args ...any) {
	if line < 1 {
		line = 1
	}
	if c.lenLine != line {
		c.lenLine, c.lineLen = line, c.Doc.LineLength(line)
	}
	c.add(line, 1, line, c.lineLen+1, level, c.T(id, args...))
}

// ReportSpan reports the characters from col up to endCol on a line of the file (all 1-based).
func (c *Context) ReportSpan(line, col, endCol int, level Level, id string, args ...any) {
	c.add(line, col, line, max(endCol, col), level, c.T(id, args...))
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
	start, end := c.Content.Span(n)
	c.ReportBody(start, end, level, id, args...)
}

// Fixing reports whether the linter fills Finding.Fixes: a rule makes its fix only then.
func (c *Context) Fixing() bool { return c.linter.opts.Fixes }

// AddFix attaches a fix to the finding reported last; a fix without edits is dropped.
func (c *Context) AddFix(f Fix) {
	if len(c.findings) == 0 || len(f.Edits) == 0 {
		return
	}
	last := &c.findings[len(c.findings)-1]
	last.Fixes = append(last.Fixes, f)
}
