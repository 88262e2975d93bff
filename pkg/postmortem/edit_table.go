package postmortem

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/pm-tools/pm/pkg/i18n"
)

// StatusEdit is a new text for the Status cell of one action item.
type StatusEdit struct {
	Row    int    // index of the item in ActionItems: the rows of the section's tables, in order
	Status string // the cell's new text, as written ("done", "完了")
}

// SetActionStatuses returns the file with the Status cells of the action items set as edits say,
// every other byte kept. When an item's table has no Status column, one called header is added at its
// right end (header cell, delimiter cell, and a cell in every row, empty for the rows edits do not
// name); a table none of whose rows is edited is left as it is. The edited file is parsed again to
// check that every other cell reads as before.
func SetActionStatuses(path string, src []byte, edits []StatusEdit, header string) ([]byte, error) {
	d := Parse(path, src, nil)
	c := d.Content()
	tables := c.ActionTables()
	if len(tables) == 0 {
		return nil, fmt.Errorf("%s: %w", path, i18n.Err("edit.no-actions"))
	}
	total := c.ActionRowCount()
	want := map[int]string{}
	for _, e := range edits {
		if e.Row < 0 || e.Row >= total {
			return nil, fmt.Errorf("%s: %w", path, i18n.Err("edit.no-row", e.Row+1))
		}
		if err := cellText(e.Status); err != nil {
			return nil, fmt.Errorf("%s: status %q: %w", path, e.Status, err)
		}
		want[e.Row] = e.Status
	}
	if len(want) == 0 {
		return src, nil
	}
	var sp []splice1
	added := make([]bool, len(tables)) // the tables given a Status column
	first := 0                         // index in ActionItems of the table's first row
	for k, at := range tables {
		mine := map[int]string{}
		for i := range at.Rows {
			if text, ok := want[first+i]; ok {
				mine[i] = text
			}
		}
		first += len(at.Rows)
		if len(mine) == 0 {
			continue
		}
		s, err := statusSplices(path, d, at, mine, header)
		if err != nil {
			return nil, err
		}
		sp = append(sp, s...)
		added[k] = !at.HasStatus
	}
	// Splice from the end, so that the offsets of the earlier edits still hold.
	slices.SortFunc(sp, func(a, b splice1) int { return b.start - a.start })
	out := src
	for _, s := range sp {
		start, end := d.textToSrc(d.BodyOffset+s.start), d.textToSrc(d.BodyOffset+s.end)
		out = splice(out, start, end, s.text)
	}
	if err := checkStatuses(path, d, out, want, added, header); err != nil {
		return nil, err
	}
	return out, nil
}

// statusSplices are the body splices that set the Status cells of one action item table's rows as
// want says (by row index in the table), adding the column when the table has none.
func statusSplices(path string, d *Doc, at *ActionTable, want map[int]string, header string) ([]splice1, error) {
	t := at.Table
	col, adding := at.StatusColumn, !at.HasStatus
	if adding {
		if err := cellText(header); err != nil || strings.TrimSpace(header) == "" {
			return nil, fmt.Errorf("%s: %w", path, i18n.Err("edit.column-name", header))
		}
		col = len(t.Header)
	}
	rows := tableRowNodes(t)
	if len(rows) != len(at.Rows)+1 {
		return nil, fmt.Errorf("%s: %w", path, i18n.Err("edit.action-rows"))
	}
	var sp []splice1
	body := d.Content().Src
	line, _ := d.BodyPosition(rows[0].Pos())
	if adding {
		// the header row and the delimiter row below it get a cell each
		h, err := rowSplice(body, rows[0].Pos(), len(t.Header), col, header)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, i18n.Err("edit.table-by-hand", err))
		}
		sp = append(sp, h)
		dl, err := delimiterSplice(body, rows[0].Pos(), len(t.Header))
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line+1, i18n.Err("edit.table-by-hand", err))
		}
		sp = append(sp, dl)
	}
	for i, r := range rows[1:] {
		text, ok := want[i]
		if !ok && !adding {
			continue
		}
		s, err := rowSplice(body, r.Pos(), len(t.Header), col, text)
		if err != nil {
			rl, _ := d.BodyPosition(r.Pos())
			return nil, fmt.Errorf("%s:%d: %w", path, rl, i18n.Err("edit.table-by-hand", err))
		}
		sp = append(sp, s)
	}
	return sp, nil
}

// cellText refuses a text that would not stay in one table cell.
func cellText(s string) error {
	if strings.ContainsAny(s, "|\r\n") {
		return i18n.Err("edit.cell")
	}
	return nil
}

// splice1 replaces the body bytes [start, end) with text.
type splice1 struct {
	start, end int
	text       string
}

// tableRowNodes returns the header row and the body rows of a table that it reads as rows, in
// order: the row of each of Rows, blank ones left out.
func tableRowNodes(t *Table) []ast.Node { return t.rowNodes }

// rowCells splits the table row that starts at body offset pos as GFM does: spaces trimmed at both
// ends, an optional pipe at each end, cells between pipes that no backslash escapes. It returns the
// body offsets of each cell's bytes between its pipes, where the row's content ends, and whether that
// content ends with a pipe.
func rowCells(body []byte, pos int) (cells [][2]int, end int, closed bool) {
	lineEnd := pos + bytes.IndexByte(body[pos:], '\n')
	if lineEnd < pos {
		lineEnd = len(body)
	}
	start, end := pos, lineEnd
	for start < end && cellSpace(body[start]) {
		start++
	}
	for end > start && cellSpace(body[end-1]) {
		end--
	}
	p, limit := start, end
	if p < limit && body[p] == '|' {
		p++
	}
	if limit > p && body[limit-1] == '|' { // goldmark takes a last pipe as the closing one, escaped or not
		limit--
		closed = true
	}
	for p < limit {
		q := p
		for q < limit && (body[q] != '|' || body[q-1] == '\\') {
			q++
		}
		cells = append(cells, [2]int{p, q})
		p = q + 1
	}
	return cells, end, closed
}

// cellSpace reports whether a byte is padding around a table cell's text.
func cellSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\f' || b == '\v' }

// rowSplice sets cell col of the row at pos to text: its content replaced, keeping the cell's padding,
// or, when the row has fewer cells, empty cells and the new one added at its end. A row with more
// cells than the header (GFM ignores the extra ones) would put the new cell in the place of one the
// user wrote: refused.
func rowSplice(body []byte, pos, width, col int, text string) (splice1, error) {
	cells, end, closed := rowCells(body, pos)
	if col < len(cells) {
		if col >= width {
			// cells past the header's are refused unless every one is blank (a trailing "| |",
			// which GFM ignores): the new cell then goes into the first of them
			for _, c := range cells[width:] {
				if len(bytes.TrimSpace(body[c[0]:c[1]])) > 0 {
					return splice1{}, i18n.Err("edit.row-cells")
				}
			}
		}
		a, b := cells[col][0], cells[col][1]
		s, e := a, b
		for s < e && cellSpace(body[s]) {
			s++
		}
		for e > s && cellSpace(body[e-1]) {
			e--
		}
		if s == e {
			// an empty cell: written with a space on each side, as the other cells are
			return splice1{a, b, " " + text + " "}, nil
		}
		return splice1{s, e, text}, nil
	}
	add := strings.Repeat(" |", col-len(cells))
	if closed {
		add += " " + text + " |"
	} else if len(cells) == 0 {
		add = "| " + text + " |"
	} else {
		add += " | " + text
	}
	return splice1{end, end, add}, nil
}

// delimiterSplice adds a cell to the delimiter row below the header row at pos: the line below, its
// container prefix (indentation, "> ") the same as the header's.
func delimiterSplice(body []byte, headerPos, width int) (splice1, error) {
	lineStart := bytes.LastIndexByte(body[:headerPos], '\n') + 1
	prefix := body[lineStart:headerPos]
	next := bytes.IndexByte(body[headerPos:], '\n')
	if next < 0 {
		return splice1{}, i18n.Err("edit.no-delimiter")
	}
	dl := headerPos + next + 1
	if !bytes.HasPrefix(body[dl:], prefix) {
		return splice1{}, i18n.Err("edit.delimiter-indent")
	}
	cells, end, closed := rowCells(body, dl+len(prefix))
	if len(cells) != width {
		return splice1{}, i18n.Err("edit.delimiter-cells")
	}
	row := body[dl+len(prefix) : end]
	spaced := bytes.Contains(row, []byte(" |")) || bytes.Contains(row, []byte("| "))
	switch {
	case closed && spaced:
		return splice1{end, end, " --- |"}, nil
	case closed:
		return splice1{end, end, "---|"}, nil
	case spaced:
		return splice1{end, end, " | ---"}, nil
	}
	return splice1{end, end, "|---"}, nil
}

// checkStatuses parses the edited file again and checks that every action item table reads as
// before but for the Status cells edited (want, by index in ActionItems) and the columns added.
func checkStatuses(path string, before *Doc, out []byte, want map[int]string, added []bool, header string) error {
	after := Parse(path, out, nil)
	ta, tb := before.Content().ActionTables(), after.Content().ActionTables()
	fail := func(what string) error {
		return fmt.Errorf("%s: %w", path, i18n.Err("edit.status-would", i18n.M(what)))
	}
	if len(ta) != len(tb) {
		return fail("edit.would.tables")
	}
	if !bytes.Equal(before.Text[:before.BodyOffset], after.Text[:after.BodyOffset]) {
		return fail("edit.would.front")
	}
	first := 0
	for k := range ta {
		a, b, adding := ta[k], tb[k], added[k]
		if len(b.Rows) != len(a.Rows) || b.HasStatus != (a.HasStatus || adding) {
			return fail("edit.would.rows")
		}
		hb := a.Table.Header
		if adding {
			hb = append(slices.Clip(hb), header)
		}
		if !slices.Equal(hb, b.Table.Header) || b.StatusColumn != len(a.Table.Header) && adding {
			return fail("edit.would.header")
		}
		for i, rb := range b.Rows {
			ra := a.Rows[i]
			for j, cell := range rb.Cells {
				wantText := ""
				switch {
				case b.HasStatus && j == b.StatusColumn:
					if s, ok := want[first+i]; ok {
						wantText = s
					} else if !adding {
						wantText = ra.Status.Text
					}
				case j < len(ra.Cells):
					wantText = ra.Cells[j].Text
				}
				if cell.Text != wantText {
					return fail(fmt.Sprintf("change the cell %q of row %d", wantText, first+i+1))
				}
			}
		}
		first += len(a.Rows)
	}
	return nil
}

// ExtraCells reports, for each body row of the table (in order), how many cells it has past the
// header's that hold something: GFM reads none of them, so a ticket typed one cell too far right
// ("| 2026-12-03 || OPS-410 |") is lost to every reader. src is the text the table was parsed from
// (Content.Src).
func (t *Table) ExtraCells(src []byte) []int {
	rows := tableRowNodes(t)
	if len(rows) == 0 {
		return nil
	}
	// prefix is what stands before a row's first pipe (a block quote's ">", a list item's "-"):
	// rows are compared with the header only when theirs is the header's, so that a lazy line of a
	// quotation is not a cell more or less
	prefix := func(n ast.Node) (string, int) {
		pos := n.Pos()
		if pos < 0 || pos > len(src) {
			return "", -1
		}
		start := bytes.LastIndexByte(src[:pos], '\n') + 1
		end := start + bytes.IndexByte(src[start:], '\n')
		if end < start {
			end = len(src)
		}
		bar := bytes.IndexByte(src[start:end], '|')
		if bar < 0 {
			return "", -1
		}
		return string(bytes.TrimSpace(src[start : start+bar])), start
	}
	count := func(start int) (filled []bool) {
		cells, _, _ := rowCells(src, start)
		for _, c := range cells {
			filled = append(filled, len(bytes.TrimSpace(src[c[0]:c[1]])) > 0)
		}
		return filled
	}
	hp, hs := prefix(rows[0])
	out := make([]int, len(rows)-1)
	if hs < 0 {
		return out
	}
	width := len(count(hs))
	for i, r := range rows[1:] {
		rp, rs := prefix(r)
		if rs < 0 || rp != hp {
			continue
		}
		for j, f := range count(rs) {
			if j >= width && f {
				out[i]++
			}
		}
	}
	return out
}
