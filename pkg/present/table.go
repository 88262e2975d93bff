package present

import (
	"bufio"
	"io"
	"strings"
)

// gap is the space between two columns.
const gap = "  "

// Cell is one cell of a table: its text, sanitised as a Line when the table is laid out, and the
// style it is painted in.
type Cell struct {
	Text  string
	Style Style
}

// Cells returns a row of plain cells.
func Cells(texts ...string) []Cell {
	row := make([]Cell, len(texts))
	for i, t := range texts {
		row[i] = Cell{Text: t}
	}
	return row
}

// Narrow is one step of fitting a table to a width: column Col gives up what the table has too much,
// down to Min columns.
type Narrow struct{ Col, Min int }

// Table is rows of cells laid out in columns aligned by display width, two spaces apart; the first
// row is usually the header. Every cell is sanitised (Line), so a table shows no control character
// or bidirectional formatting from a document whatever its cells hold.
//
// Fitted to a width, the table first narrows columns as Narrow lists them, in order, each step
// taking at most what the table is still too wide; if that is not enough it leaves out the columns
// Drop lists, one at a time, and narrows again from the full widths. Cells wider than their column
// are truncated with an ellipsis (Truncate); a table may stay wider than the width when the columns
// that may narrow are at their minimum, unless Squeeze lets them go below it.
type Table struct {
	Indent string // starts every row
	Narrow []Narrow
	Drop   []int
	// Squeeze fits the table to the width when narrowing to the minimums and dropping are not
	// enough: the columns Narrow lists, in its order, give up the rest, first down to the width of
	// their header (the first row's cell), then down to squeezeMin. The minimums are chosen for one
	// language's headers; wider ones (優先度 for PRI) take their room from the columns that can
	// narrow rather than run past the terminal.
	Squeeze bool
	Scheme  Scheme // paints the cells' styles
	Rows    [][]Cell
}

// squeezeMin is the narrowest a squeezed column gets: a character and the ellipsis (a wide one, 2
// columns, and the ellipsis).
const squeezeMin = 3

// AddRow appends a row.
func (t *Table) AddRow(cells ...Cell) { t.Rows = append(t.Rows, cells) }

// Lines returns the rows laid out, fitted to width when width > 0, without line ends; trailing
// spaces are trimmed.
func (t *Table) Lines(width int) []string {
	if len(t.Rows) == 0 {
		return nil
	}
	rows := make([][]Cell, len(t.Rows))
	for i, r := range t.Rows {
		rows[i] = make([]Cell, len(r))
		for j, c := range r {
			rows[i][j] = Cell{Text: Line(c.Text), Style: c.Style}
		}
	}
	full, unfitted := columnWidths(rows)
	widths, keep := t.layout(full, unfitted, headerWidths(rows[0]), width)
	lines := make([]string, len(rows))
	for i, r := range rows {
		lines[i] = t.line(r, widths, keep, width > 0)
	}
	return lines
}

// layout fits the columns of the given full widths to width (see Lines): the width of each column
// and whether it is kept. Not fitted (width 0), the columns are as wide as unfitted says: their
// widest cell of at most maxUnfitted.
func (t *Table) layout(full, unfitted, header []int, width int) ([]int, []bool) {
	keep := make([]bool, len(full))
	for i := range keep {
		keep[i] = true
	}
	widths := append([]int(nil), full...)
	if width <= 0 && unfitted != nil {
		// not fitted (output to a file or a pipe): no cell is cut, and a cell wider than maxUnfitted
		// (a 2 MB action) runs past its column rather than pad every row to its width
		copy(widths, unfitted)
	}
	if width > 0 {
		t.narrow(widths, keep, width)
		for _, col := range t.Drop {
			if t.total(widths, keep) <= width {
				break
			}
			if col >= 0 && col < len(keep) {
				keep[col] = false
			}
			copy(widths, full)
			t.narrow(widths, keep, width)
		}
		if t.Squeeze {
			t.squeeze(widths, keep, header, width)
		}
	}
	return widths, keep
}

// headerWidths is the display width of each cell of the first row.
func headerWidths(r []Cell) []int {
	w := make([]int, len(r))
	for i, c := range r {
		w[i] = Width(c.Text)
	}
	return w
}

// squeeze narrows the columns Narrow lists past their minimums (see Squeeze), taking at most what
// the table is still too wide.
func (t *Table) squeeze(widths []int, keep []bool, header []int, width int) {
	for _, toHeader := range []bool{true, false} {
		for _, s := range t.Narrow {
			if s.Col < 0 || s.Col >= len(widths) || !keep[s.Col] {
				continue
			}
			floor := squeezeMin
			if toHeader && s.Col < len(header) {
				floor = max(header[s.Col], squeezeMin)
			}
			if over := t.total(widths, keep) - width; over > 0 && widths[s.Col] > floor {
				widths[s.Col] = max(widths[s.Col]-over, floor)
			}
		}
	}
}

// Write writes the rows laid out for width (see Lines), one a line.
func (t *Table) Write(w io.Writer, width int) error {
	for _, l := range t.Lines(width) {
		if _, err := io.WriteString(w, l+"\n"); err != nil {
			return err
		}
	}
	return nil
}

// WriteRows writes n rows laid out for width as Write writes the table's Rows, without holding them:
// row returns the cells of row i (it may fill and return cells, which holds the previous row's). It
// is called twice for each row, once to measure the columns and once to write, and must return the
// same cells both times. A listing of thousands of rows then keeps only what it makes them from.
func (t *Table) WriteRows(w io.Writer, width, n int, row func(i int, cells []Cell) []Cell) error {
	if n == 0 {
		return nil
	}
	var cells, clean []Cell
	sanitized := func(i int) []Cell {
		cells = row(i, cells[:0])
		clean = clean[:0]
		for _, c := range cells {
			clean = append(clean, Cell{Text: Line(c.Text), Style: c.Style})
		}
		return clean
	}
	var full, unfitted, header []int
	for i := 0; i < n; i++ {
		r := sanitized(i)
		if i == 0 {
			header = headerWidths(r)
		}
		for len(full) < len(r) {
			full, unfitted = append(full, 0), append(unfitted, 0)
		}
		for j, c := range r {
			w := Width(c.Text)
			full[j] = max(full[j], w)
			if w <= maxUnfitted {
				unfitted[j] = max(unfitted[j], w)
			}
		}
	}
	widths, keep := t.layout(full, unfitted, header, width)
	bw := bufio.NewWriterSize(w, 32<<10)
	for i := 0; i < n; i++ {
		bw.WriteString(t.line(sanitized(i), widths, keep, width > 0))
		if err := bw.WriteByte('\n'); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// maxUnfitted is the widest a column is padded to when the table is not fitted to a width: a longer
// cell runs past its column, and the other rows keep the alignment of the cells that fit.
const maxUnfitted = 120

// line lays out one row; fit cuts a cell wider than its column (a table fitted to a width).
func (t *Table) line(r []Cell, widths []int, keep []bool, fit bool) string {
	last := -1
	for i := range r {
		if i < len(keep) && keep[i] {
			last = i
		}
	}
	var b strings.Builder
	b.WriteString(t.Indent)
	for i, c := range r {
		if i > last || !keep[i] {
			continue
		}
		text := c.Text
		if fit {
			text = Truncate(text, widths[i])
		}
		pad := max(widths[i]-Width(text), 0)
		b.WriteString(t.Scheme.Paint(c.Style, text))
		if i < last {
			b.WriteString(strings.Repeat(" ", pad))
			b.WriteString(gap)
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// columnWidths is the widest cell of each column, and the widest of at most maxUnfitted; a row may
// be shorter than the others.
func columnWidths(rows [][]Cell) (full, unfitted []int) {
	n := 0
	for _, r := range rows {
		n = max(n, len(r))
	}
	full, unfitted = make([]int, n), make([]int, n)
	for _, r := range rows {
		for i, c := range r {
			w := Width(c.Text)
			full[i] = max(full[i], w)
			if w <= maxUnfitted {
				unfitted[i] = max(unfitted[i], w)
			}
		}
	}
	return full, unfitted
}

// total is the width of a row: the indent, the kept columns and the gaps between them.
func (t *Table) total(widths []int, keep []bool) int {
	n, cols := Width(t.Indent), 0
	for i, w := range widths {
		if keep[i] {
			n += w
			cols++
		}
	}
	if cols > 1 {
		n += (cols - 1) * len(gap)
	}
	return n
}

func (t *Table) narrow(widths []int, keep []bool, width int) {
	for _, s := range t.Narrow {
		if s.Col < 0 || s.Col >= len(widths) || !keep[s.Col] {
			continue
		}
		if over := t.total(widths, keep) - width; over > 0 && widths[s.Col] > s.Min {
			widths[s.Col] = max(widths[s.Col]-over, s.Min)
		}
	}
}
