package postmortem

import (
	"bytes"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// Cell is one table cell: its text and where it is in the body.
type Cell struct {
	Text       string
	Node       *east.TableCell
	Start, End int // body offsets of the cell's text (both at the row when the cell is empty)
}

// HasLink reports whether the cell holds a Markdown link with somewhere to go (not "[x]()" or
// "[x](#)"), an autolink or a bare URL.
func (c Cell) HasLink() bool {
	found := false
	if c.Node != nil {
		_ = ast.Walk(c.Node, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			switch n := n.(type) {
			case *ast.Link:
				// "[graph]()" and "[graph](#)" are a link to fill in, not one to follow
				if d := bytes.TrimSpace(n.Destination); len(d) > 0 && !(len(d) == 1 && d[0] == '#') {
					found = true
					return ast.WalkStop, nil
				}
			case *ast.AutoLink:
				found = true
				return ast.WalkStop, nil
			}
			return ast.WalkContinue, nil
		})
	}
	return found || bareURL(c.Text)
}

// bareURL reports whether s holds a URL not made a link: a scheme's "://" and an address after it
// ("http://" alone is none).
func bareURL(s string) bool {
	for {
		i := strings.Index(s, "://")
		if i < 0 {
			return false
		}
		if s = s[i+3:]; s != "" && s[0] != ' ' && s[0] != '/' && s[0] != '\t' {
			return true
		}
	}
}

// CellLinks returns the destinations of a cell's Markdown links and autolinks, in the order they
// appear (a bare URL the GFM linkify extension turned into a link included).
func (c *Content) CellLinks(cell Cell) []string {
	var out []string
	if cell.Node == nil {
		return nil
	}
	_ = ast.Walk(cell.Node, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch l := n.(type) {
		case *ast.Link:
			out = append(out, string(l.Destination))
		case *ast.AutoLink:
			out = append(out, string(l.URL(c.Src)))
		}
		return ast.WalkContinue, nil
	})
	return out
}

// Table is a GFM table with its header names and rows.
type Table struct {
	Node   *east.Table
	Header []string
	Rows   [][]Cell // the body rows, blank ones left out (see blankRow)

	headerNames []string   // Header as Column compares it, on its first call
	rowNodes    []ast.Node // the header row and the row of each of Rows, in order
}

// Column returns the index of the first header that any of names matches (case-insensitively, ignoring
// a parenthesised suffix such as "Time (UTC)"), or -1. names are written in lower case, as pm's
// lists of column names are: the headers are lowered once per table, the names never.
func (t *Table) Column(names ...string) int {
	if len(t.headerNames) != len(t.Header) {
		t.headerNames = make([]string, len(t.Header))
		for i, h := range t.Header {
			t.headerNames[i] = headerName(h)
		}
	}
	for i, hn := range t.headerNames {
		for _, n := range names {
			if hn == n {
				return i
			}
		}
	}
	return -1
}

func headerName(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	if i := strings.IndexAny(h, "(（"); i > 0 {
		h = strings.TrimSpace(h[:i])
	}
	return h
}

// Get returns a row's cell at column i, or an empty cell placed at the row when the row is short or i is -1.
func (t *Table) Get(row []Cell, i int) Cell {
	if i >= 0 && i < len(row) {
		return row[i]
	}
	if len(row) > 0 {
		return Cell{Start: row[0].Start, End: row[0].Start}
	}
	return Cell{}
}

// Lines returns the file's lines (1-based) of the table's header row and of its last row as
// written, a blank one too (the table runs to it, and a row being typed is one): 0, 0 for a table
// without rows.
func (t *Table) Lines(d *Doc) (first, last int) {
	if t.Node == nil || t.Node.FirstChild() == nil {
		return 0, 0
	}
	first, _ = d.BodyPosition(t.Node.FirstChild().Pos())
	last, _ = d.BodyPosition(t.Node.LastChild().Pos())
	return first, last
}

// lineStart is the body offset where the section's heading line starts (0 without a heading).
func (s *Section) lineStart() int {
	if s.Heading == nil || s.Heading.Lines().Len() == 0 {
		return 0
	}
	start := s.Heading.Lines().At(0).Start
	return bytes.LastIndexByte(s.src[:start], '\n') + 1
}

// Tables returns the tables among the section's blocks (subsections included), in document order,
// a table inside a list item or a block quote included: "- Short term:" followed by an indented
// table is as much the section's as one at the margin.
func (s *Section) Tables() []*Table {
	if s == nil {
		return nil
	}
	var out []*Table
	for _, b := range s.AllBlocks() {
		_ = ast.Walk(b, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			switch t := n.(type) {
			case *east.Table:
				out = append(out, readTable(t, s.src, s.lineStart()))
				return ast.WalkSkipChildren, nil
			case *ast.Blockquote, *ast.List, *ast.ListItem:
				return ast.WalkContinue, nil
			}
			return ast.WalkSkipChildren, nil // a paragraph, a heading, code: no table inside
		})
	}
	return out
}

// readTable reads a table's header and rows. goldmark pads a row that has fewer cells than the
// header with empty cells whose positions are not in the row: those, and any cell without a position,
// are placed at the row's first cell, as Get places a column the table lacks.
func readTable(t *east.Table, src []byte, fallback int) *Table {
	out := &Table{Node: t}
	if n := t.ChildCount(); n > 1 { // sized once: a slice grown row by row allocates log2(rows) times
		out.rowNodes = make([]ast.Node, 0, n)
		out.Rows = make([][]Cell, 0, n-1)
	}
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		_, isHeader := r.(*east.TableHeader)
		if !isHeader && blankRow(r, src) {
			continue
		}
		out.rowNodes = append(out.rowNodes, r)
		n := r.ChildCount() // sized once: a row grown cell by cell allocated three or four times
		cells := make([]Cell, 0, n)
		var ownBuf [16]bool
		written := ownBuf[:0] // the cell's position comes from its own text
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			tc, ok := c.(*east.TableCell)
			if !ok {
				continue
			}
			cell := Cell{Text: inlineText(tc, src), Node: tc, Start: -1}
			own := false
			if tc.Lines().Len() > 0 {
				seg := tc.Lines().At(0)
				cell.Start, cell.End = seg.Start, seg.Stop
				// trim the cell's padding so that the column points at the text
				for cell.Start < cell.End && (src[cell.Start] == ' ' || src[cell.Start] == '\t') {
					cell.Start++
				}
				for cell.End > cell.Start && (src[cell.End-1] == ' ' || src[cell.End-1] == '\t') {
					cell.End--
				}
				own = true
			} else if p := tc.Pos(); p >= 0 {
				cell.Start, cell.End = p, p
			}
			cells = append(cells, cell)
			written = append(written, own)
		}
		placeCells(cells, written, src, fallback)
		if isHeader {
			for _, c := range cells {
				out.Header = append(out.Header, c.Text)
			}
			continue
		}
		out.Rows = append(out.Rows, cells)
	}
	return out
}

// blankRow reports whether a table body row holds nothing: its line is pipes and spaces alone
// ("|  |  |  |", a row left to fill in; an ideographic space is a space), past the marks of a block quote or the indentation of a
// list it stands in. No reader takes it for a row (not a timeline row without a time, not an action
// item without an action), and a table of such rows alone counts as empty. A row with anything in
// a cell, past the header's cells too, or whose place is unknown, is a row.
func blankRow(r ast.Node, src []byte) bool {
	pos := r.Pos()
	if pos < 0 || pos > len(src) {
		return false
	}
	start := bytes.LastIndexByte(src[:pos], '\n') + 1
	end := len(src)
	if i := bytes.IndexByte(src[pos:], '\n'); i >= 0 {
		end = pos + i
	}
	line := bytes.TrimLeft(src[start:end], " \t>")
	return bytes.IndexByte(line, '|') >= 0 && len(bytes.TrimFunc(line, func(r rune) bool { return r == '|' || unicode.IsSpace(r) })) == 0
}

// placeCells moves the cells of a row that have no position on the row's line to its first cell
// (to fallback, the start of the section's heading line, when no cell of the row has a position:
// a place in the section, and the same whether the whole body or the section alone was parsed).
func placeCells(cells []Cell, written []bool, src []byte, fallback int) {
	anchor := -1
	for i, c := range cells {
		if written[i] {
			anchor = c.Start
			break
		}
	}
	if anchor < 0 && len(cells) > 0 && cells[0].Start >= 0 {
		anchor = cells[0].Start
	}
	if anchor < 0 {
		for i := range cells {
			cells[i].Start, cells[i].End = fallback, fallback
		}
		return
	}
	lineStart := bytes.LastIndexByte(src[:anchor], '\n') + 1
	lineEnd := nextLine(src, anchor)
	rowStart := -1
	for i := range cells {
		if written[i] || (cells[i].Start >= lineStart && cells[i].Start < lineEnd) {
			if rowStart < 0 {
				rowStart = cells[i].Start
			}
			continue
		}
		cells[i].Start, cells[i].End = -1, -1
	}
	for i := range cells {
		if cells[i].Start < 0 {
			cells[i].Start, cells[i].End = rowStart, rowStart
		}
	}
}
