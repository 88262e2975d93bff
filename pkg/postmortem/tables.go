package postmortem

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// Cell is one table cell: its text and where it is in the body.
type Cell struct {
	Text       string
	Node       *east.TableCell
	Start, End int // body offsets of the cell's text (both at the row when the cell is empty)
}

// HasLink reports whether the cell holds a Markdown link, an autolink or a bare URL.
func (c Cell) HasLink() bool {
	found := false
	if c.Node != nil {
		_ = ast.Walk(c.Node, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			switch n.(type) {
			case *ast.Link, *ast.AutoLink:
				found = true
				return ast.WalkStop, nil
			}
			return ast.WalkContinue, nil
		})
	}
	return found || strings.Contains(c.Text, "://")
}

// Table is a GFM table with its header names and rows.
type Table struct {
	Node   *east.Table
	Header []string
	Rows   [][]Cell
}

// Column returns the index of the first header that any of names matches (case-insensitively, ignoring
// a parenthesised suffix such as "Time (UTC)"), or -1.
func (t *Table) Column(names ...string) int {
	for i, h := range t.Header {
		hn := headerName(h)
		for _, n := range names {
			if hn == strings.ToLower(n) {
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

// FirstTable returns the first table among the section's blocks (subsections included), or nil.
func (s *Section) FirstTable() *Table {
	if s == nil {
		return nil
	}
	for _, b := range s.AllBlocks() {
		if t, ok := b.(*east.Table); ok {
			return readTable(t, s.src)
		}
	}
	return nil
}

func readTable(t *east.Table, src []byte) *Table {
	out := &Table{Node: t}
	rowStart := -1
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var cells []Cell
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			tc, ok := c.(*east.TableCell)
			if !ok {
				continue
			}
			cell := Cell{Text: inlineText(tc, src), Node: tc, Start: -1}
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
			} else if p := tc.Pos(); p >= 0 {
				cell.Start, cell.End = p, p
			}
			if cell.Start < 0 {
				cell.Start, cell.End = rowStart, rowStart
			} else if rowStart < 0 {
				rowStart = cell.Start
			}
			cells = append(cells, cell)
		}
		if _, isHeader := r.(*east.TableHeader); isHeader {
			for _, c := range cells {
				out.Header = append(out.Header, c.Text)
			}
			continue
		}
		for i := range cells {
			if cells[i].Start < 0 {
				cells[i].Start, cells[i].End = 0, 0
			}
		}
		out.Rows = append(out.Rows, cells)
	}
	return out
}
