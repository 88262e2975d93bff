package lint

import (
	"bytes"
	"strings"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// addColumnEdits returns the edits of the body (offsets into it) that add a column called header at the right end of a table: a cell in the header row,
// "---" in the delimiter row, and an empty cell in every other row, each row written as it is (with
// or without its closing pipe); a short row gets the empty cells it lacks first, so that the new cell
// is in the new column. ok is false for a table it cannot extend: a row with more cells than the
// header that are not all blank (GFM drops the extra ones, and the new cell would be one of them), or
// one it cannot find.
func addColumnEdits(c *postmortem.Content, t *postmortem.Table, header string) (edits []Edit, ok bool) {
	src := c.Src
	width := len(t.Header)
	var rows []int // body offsets of the rows' lines: header, delimiter, then the rows
	for r := t.Node.FirstChild(); r != nil; r = r.NextSibling() {
		start, _ := c.Span(r)
		rows = append(rows, start)
		if len(rows) == 1 {
			nl := bytes.IndexByte(src[start:], '\n')
			if nl < 0 {
				return nil, false
			}
			// The delimiter row has no node: it is the next line, past the same container marks
			// as the header's ("> " of a block quote, a list item's indentation).
			lineStart := bytes.LastIndexByte(src[:start], '\n') + 1
			prefix := src[lineStart:start]
			next := start + nl + 1
			if !bytes.HasPrefix(src[next:], prefix) {
				return nil, false
			}
			rows = append(rows, -(next + len(prefix))) // the delimiter row, marked negative
		}
	}
	if len(rows) < 2 {
		return nil, false
	}
	for _, at := range rows {
		delimiter := at < 0
		if delimiter {
			at = -at
		}
		cells, end, closed := countCells(src, at)
		if delimiter && cells != width {
			return nil, false
		}
		if cells > width {
			// a row with cells past the header's is extended only when they are all blank (a
			// trailing "| |", which GFM drops): the first of them becomes the new, empty cell
			if at == rows[0] || !blankPast(src, at, width) {
				return nil, false
			}
			continue
		}
		cell := ""
		switch {
		case at == rows[0]:
			cell = header
		case delimiter:
			cell = "---"
		}
		var add string
		pad := strings.Repeat(" |", width-cells)
		if row := src[at:end]; delimiter && !bytes.Contains(row, []byte(" |")) && !bytes.Contains(row, []byte("| ")) {
			// a delimiter row written without spaces gets its cell so too
			if closed {
				add = "---|"
			} else {
				add = "|---"
			}
			edits = append(edits, Edit{Start: end, End: end, Text: add})
			continue
		}
		switch {
		case closed:
			add = pad + " " + cell + " |"
			if cell == "" {
				add = pad + " |"
			}
		case cells == 0:
			add = "| " + cell + " |"
		default:
			add = pad + " | " + cell
			if cell == "" {
				add = pad + " | |"
			}
		}
		edits = append(edits, Edit{Start: end, End: end, Text: add})
	}
	return edits, true
}

// blankPast reports whether every cell of the table row at body offset pos past the first n is blank.
func blankPast(src []byte, pos, n int) bool {
	end := len(src)
	if i := bytes.IndexByte(src[pos:], '\n'); i >= 0 {
		end = pos + i
	}
	row := bytes.TrimSpace(src[pos:end])
	row = bytes.TrimPrefix(row, []byte("|"))
	k := 0
	for p := 0; p < len(row); k++ {
		q := p
		for q < len(row) && (row[q] != '|' || (q > 0 && row[q-1] == '\\')) {
			q++
		}
		if k >= n && len(bytes.TrimSpace(row[p:q])) > 0 {
			return false
		}
		p = q + 1
	}
	return true
}

// countCells counts the cells of the table row whose line holds body offset pos, as GFM splits it, and
// returns where its content ends and whether it ends with a pipe.
func countCells(src []byte, pos int) (cells, end int, closed bool) {
	end = len(src)
	if i := bytes.IndexByte(src[pos:], '\n'); i >= 0 {
		end = pos + i
	}
	start := pos
	for start < end && (src[start] == ' ' || src[start] == '\t') {
		start++
	}
	for end > start && (src[end-1] == ' ' || src[end-1] == '\t') {
		end--
	}
	p, limit := start, end
	if p < limit && src[p] == '|' {
		p++
	}
	if limit > p && src[limit-1] == '|' {
		limit--
		closed = true
	}
	for p < limit {
		q := p
		for q < limit && (src[q] != '|' || src[q-1] == '\\') {
			q++
		}
		cells++
		p = q + 1
	}
	return cells, end, closed
}

// typeColumnFix adds the Type column to the k-th action item table, its cells empty for the writer to fill.
func (c *Context) typeColumnFix(k int, t *postmortem.ActionTable) Fix {
	header := "Type"
	if c.docLang() == i18n.JA {
		header = "種別"
	}
	edits, ok := addColumnEdits(c.Content, t.Table, header)
	s := c.FindSection("action-items")
	if !ok || s == nil {
		return Fix{}
	}
	// checked on the section alone, which costs far less than the file
	tables := c.sectionAlone(c.headingLineStart(s), c.sectionEnd(s), edits).ActionTables()
	if k >= len(tables) || !tables[k].HasType || len(tables[k].Rows) != len(t.Rows) {
		return Fix{}
	}
	for i := range edits {
		edits[i] = c.srcEdit(edits[i])
	}
	return Fix{Title: c.T("fix.add-column", header), Safe: true, Edits: edits}
}

// StatusColumnOffered reports whether the language server offers AddStatusColumn for the lines
// first to last (1-based) of src: they meet an action item table that has no Status column.
func StatusColumnOffered(src []byte, first, last int) bool {
	doc := postmortem.Parse("", src, nil)
	for _, t := range doc.Content().ActionTables() {
		if t.HasStatus {
			continue
		}
		if a, b := t.Lines(doc); a > 0 && a <= last && first <= b {
			return true
		}
	}
	return false
}

// AddStatusColumn returns a fix that adds a Status column to the action item tables of src that lack
// one ("Status", or 状態 in a document written in Japanese), its cells empty, which reads as open: no
// finding asks for the column, so the language server offers it on the table. Not Safe, as adding the
// column changes what pm reads: without it an item with a ticket is filed, with it an item is open
// until its cell says otherwise. No fix when every table already has one, or one cannot take one.
func AddStatusColumn(src []byte, lang i18n.Lang) Fix {
	doc := postmortem.Parse("", src, nil)
	content := doc.Content()
	header := "Status"
	if ja, known := content.Japanese(); ja || (!known && lang == i18n.JA) {
		header = "状態"
	}
	var edits []Edit
	for _, t := range content.ActionTables() {
		if t.HasStatus {
			continue
		}
		e, ok := addColumnEdits(content, t.Table, header)
		if !ok {
			return Fix{}
		}
		edits = append(edits, e...)
	}
	if len(edits) == 0 {
		return Fix{}
	}
	m := &srcMap{doc: doc}
	for i, e := range edits {
		at := m.at(doc.BodyOffset + e.Start)
		edits[i] = Edit{Start: at, End: at, Text: e.Text}
	}
	out, err := ApplyEdits(src, edits)
	if err != nil {
		return Fix{}
	}
	before, after := content.ActionTables(), postmortem.Parse("", out, nil).Content().ActionTables()
	if len(after) != len(before) {
		return Fix{}
	}
	for i := range after {
		if !after[i].HasStatus || len(after[i].Rows) != len(before[i].Rows) {
			return Fix{}
		}
	}
	return Fix{Title: lang.T("fix.add-column", header), Edits: edits}
}
