package lint

import (
	"github.com/pm-tools/pm/pkg/postmortem"
)

var tooComplexRule = Rule{
	ID: "too-complex",
	Help: "A Markdown parser takes time that grows faster than the input on a few shapes no postmortem needs: " +
		"more than 32 block quotes or list items deep; a paragraph, heading or table cell with more than 256 " +
		"emphasis, link, code or HTML marks, or with more emphasis marks than its length allows (32, or the " +
		"square root of 16 times its bytes when that is more); more than 256 link reference definitions in a " +
		"paragraph; more than 256 escaped pipes (\\|) in the tables of a document; a table whose short rows are " +
		"padded to a very wide header; more than 250,000 table cells in a document (memory, not time). So that every file is linted in " +
		"time linear in its size, pm does not read what lies past such a bound (the rest of the line, block or " +
		"table), and reports where it starts; the rest of the file is linted as usual. Split the text, put it " +
		"in a fenced code block, or remove it.",
	Default: DefaultError,
	Check: func(c *Context) {
		for _, r := range c.Content.Complex {
			switch r.Kind {
			case postmortem.ComplexNesting:
				c.ReportBody(r.Start, r.End, LevelError, "complex.nesting", postmortem.MaxNesting)
			case postmortem.ComplexDelimiters:
				c.ReportBody(r.Start, r.End, LevelError, "complex.delimiters", postmortem.MaxDelimiters, postmortem.MinEmphasis)
			case postmortem.ComplexRefDefs:
				c.ReportBody(r.Start, r.End, LevelError, "complex.refdefs", postmortem.MaxRefDefs)
			case postmortem.ComplexEscapedPipes:
				c.ReportBody(r.Start, r.End, LevelError, "complex.escaped-pipes", postmortem.MaxEscapedPipes)
			case postmortem.ComplexTable:
				c.ReportBody(r.Start, r.End, LevelError, "complex.table", r.Columns)
			case postmortem.ComplexTableCells:
				c.ReportBody(r.Start, r.End, LevelError, "complex.table-cells", postmortem.MaxTableCells)
			}
		}
	},
}
