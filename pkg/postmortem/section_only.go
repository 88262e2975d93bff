package postmortem

import (
	"bytes"
	"strings"
	"sync"
)

// ActionItemsOnly returns what Content().ActionItems() returns, parsing only the Action Items section
// when a scan of the body's lines finds its heading (an ATX heading outside fenced code): a reader of
// thousands of documents that needs only their follow-ups (pm stats) then hands goldmark a few lines
// of each instead of the whole body. The link reference definitions of the rest of the body go with
// the section, so a ticket written [OPS-1][ref] is still a link. When the heading is not found that
// way (a setext heading, say), the whole body is parsed. Positions (ActionItem.Line) are the file's
// either way. The document's Content is not built or changed.
func (d *Doc) ActionItemsOnly() []ActionItem {
	if d.Root == nil {
		return nil
	}
	start, end, ok := findATXSection(d.Body, "action-items")
	if !ok {
		return d.Content().ActionItems()
	}
	if items, ok := plainActionItems(d, start, end); ok {
		return items
	}
	body := d.Body[start:end:end]
	if refs := linkDefinitions(d.Body, start, end); len(refs) > 0 {
		body = append(append(append([]byte(nil), body...), "\n\n"...), refs...)
	}
	sub := &Doc{Path: d.Path, Src: d.Src, Text: d.Text, Root: d.Root, Fields: d.Fields,
		BodyOffset: d.BodyOffset + start, Body: body, lineStarts: d.lineStarts, mapping: d.mapping}
	return parseContent(sub).ActionItems()
}

// plainActionItems reads the section without goldmark when it is as simple as pm's templates make
// it: after its heading, only blank lines and HTML comments, then one pipe table (every line starting
// and ending with "|", every row with the header's number of cells) followed by nothing but blank
// lines to the end of the section, whose cells hold nothing Markdown would read as markup: no
// backslash, emphasis, code, link, HTML, entity or strikethrough character, and nothing linkify would
// take for a URL or an e-mail address. Then each cell's text is its trimmed content, as goldmark would give it. ok is false
// for anything else, and the caller parses the section.
func plainActionItems(d *Doc, start, end int) ([]ActionItem, bool) {
	body := d.Body[:end]
	off := start
	line := func() []byte { // the line at off, without its newline
		e := bytes.IndexByte(body[off:], '\n')
		if e < 0 {
			return body[off:]
		}
		return body[off : off+e]
	}
	advance := func() {
		if e := bytes.IndexByte(body[off:], '\n'); e >= 0 {
			off += e + 1
		} else {
			off = len(body)
		}
	}
	advance() // the heading
	for off < len(body) {
		l := line()
		switch {
		case blank(l):
			advance()
			continue
		case bytes.HasPrefix(l, []byte("<!--")):
			for off < len(body) && !bytes.Contains(line(), []byte("-->")) {
				advance()
			}
			if off >= len(body) {
				return nil, false
			}
			if after := line()[bytes.Index(line(), []byte("-->"))+3:]; !blank(after) {
				return nil, false
			}
			advance()
			continue
		}
		break
	}
	// The table's lines, up to a blank line, made a string once: the cells are parts of it.
	tableStart := off
	for off < len(body) && !blank(line()) {
		advance()
	}
	table := string(body[tableStart:off])
	// Anything but blank lines after the table (another table under "### Long term", say) is
	// left to goldmark.
	for _, b := range body[off:] {
		if b != ' ' && b != '\t' && b != '\n' && b != '\r' {
			return nil, false
		}
	}
	var rowsKept [8][]string // most action item tables fit: no slice grown on the heap
	var offsetsKept [8]int
	rows, rowOffsets := rowsKept[:0], offsetsKept[:0]
	for at := 0; at < len(table); {
		l, next := table[at:], len(table)
		if e := strings.IndexByte(l, '\n'); e >= 0 {
			l, next = l[:e], at+e+1
		}
		cells, ok := plainRow(l)
		if !ok {
			return nil, false
		}
		rows, rowOffsets = append(rows, cells), append(rowOffsets, tableStart+at)
		at = next
	}
	if len(rows) < 2 || !delimiterRow(rows[1], len(rows[0])) {
		return nil, false
	}
	for _, r := range rows[2:] {
		if len(r) != len(rows[0]) {
			return nil, false
		}
	}
	// The items are made from the cells directly: the table and action table Content().ActionItems()
	// goes through would be built only to be read once.
	header, _, _ := strings.Cut(table, "\n") // the header row's line
	c := plainColumns(header, rows[0])
	cell := func(r []string, i int) string {
		if i < 0 {
			return ""
		}
		return strings.TrimSpace(r[i])
	}
	var items []ActionItem // nil without rows, as Content().ActionItems() gives
	if len(rows) > 2 {
		items = make([]ActionItem, 0, len(rows)-2)
	}
	for i, r := range rows[2:] {
		if blankCells(r) {
			continue // "|  |  |", no row to any reader (blankRow)
		}
		items = append(items, ActionItem{Priority: cell(r, c.priority), Action: cell(r, c.action), Type: cell(r, c.kind),
			Owner: cell(r, c.owner), Due: cell(r, c.due), Ticket: cell(r, c.ticket), Status: cell(r, c.status),
			Line: d.LineOf(min(d.BodyOffset+rowOffsets[i+2], len(d.Text))), hasStatus: c.status >= 0})
	}
	if len(items) == 0 {
		items = nil // as Content().ActionItems() gives when every row is blank
	}
	return items, true
}

// blankCells reports whether every cell of a row is empty or spaces.
func blankCells(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// plainHeaders remembers the columns of the action item tables met, by their header line: the
// postmortems of a repository mostly share one header. It stops growing at maxPlainHeaders.
var plainHeaders = struct {
	sync.RWMutex
	m map[string]actionColumns
}{}

const maxPlainHeaders = 256

// plainColumns returns the columns of a plain action item table whose header line is line and
// header cells cells, as actionTable finds them.
func plainColumns(line string, cells []string) actionColumns {
	plainHeaders.RLock()
	c, ok := plainHeaders.m[line]
	plainHeaders.RUnlock()
	if ok {
		return c
	}
	t := &Table{}
	for _, h := range cells {
		t.Header = append(t.Header, strings.TrimSpace(h))
	}
	c = actionColumnsOf(t)
	plainHeaders.Lock()
	if plainHeaders.m == nil {
		plainHeaders.m = map[string]actionColumns{} // made on first use, not in package init
	}
	if len(plainHeaders.m) < maxPlainHeaders {
		plainHeaders.m[strings.Clone(line)] = c // not the document's table: it is kept
	}
	plainHeaders.Unlock()
	return c
}

// plainRow splits "| a | b |" into its cells, untrimmed; ok is false when the line does not start
// and end with "|", or holds a control character (tabs included) or what Markdown or linkify would
// read (see plainActionItems).
func plainRow(l string) ([]string, bool) {
	if len(l) < 2 || l[0] != '|' || l[len(l)-1] != '|' {
		return nil, false
	}
	// One pass over the bytes between the outer pipes checks what the row may not hold and counts
	// its cells: rows are checked by the thousand when pm stats reads the action items of every
	// postmortem. Most bytes are plain, and one table lookup passes them.
	cells := 1
	for i := 1; i < len(l)-1; i++ {
		switch rowByte[l[i]] {
		case rowPlain:
		case rowRefused:
			return nil, false
		case rowPipe:
			cells++
		case rowColon:
			if strings.HasPrefix(l[i:], "://") {
				return nil, false
			}
		case rowW:
			if len(l)-i >= 4 && l[i+1]|0x20 == 'w' && l[i+2]|0x20 == 'w' && l[i+3] == '.' {
				return nil, false
			}
		}
	}
	text := l[1 : len(l)-1]
	out := make([]string, 0, cells)
	for {
		i := strings.IndexByte(text, '|')
		if i < 0 {
			return append(out, text), true
		}
		out, text = append(out, text[:i]), text[i+1:]
	}
}

// The kinds of byte plainRow tells apart.
const (
	rowPlain   = iota
	rowRefused // a control character, or one Markdown may read as markup
	rowPipe    // a cell boundary
	rowColon   // the start of "://", a link Markdown may make
	rowW       // the start of "www.", likewise
)

// rowByte is the kind of each byte in a plain row.
var rowByte = [256]uint8{
	0x00: rowRefused, 0x01: rowRefused, 0x02: rowRefused, 0x03: rowRefused, 0x04: rowRefused, 0x05: rowRefused,
	0x06: rowRefused, 0x07: rowRefused, 0x08: rowRefused, 0x09: rowRefused, 0x0a: rowRefused, 0x0b: rowRefused,
	0x0c: rowRefused, 0x0d: rowRefused, 0x0e: rowRefused, 0x0f: rowRefused, 0x10: rowRefused, 0x11: rowRefused,
	0x12: rowRefused, 0x13: rowRefused, 0x14: rowRefused, 0x15: rowRefused, 0x16: rowRefused, 0x17: rowRefused,
	0x18: rowRefused, 0x19: rowRefused, 0x1a: rowRefused, 0x1b: rowRefused, 0x1c: rowRefused, 0x1d: rowRefused,
	0x1e: rowRefused, 0x1f: rowRefused, 0x7f: rowRefused,
	'\\': rowRefused, '*': rowRefused, '_': rowRefused, '`': rowRefused, '[': rowRefused, ']': rowRefused,
	'<': rowRefused, '>': rowRefused, '&': rowRefused, '~': rowRefused, '!': rowRefused, '@': rowRefused,
	'|': rowPipe, ':': rowColon, 'w': rowW, 'W': rowW,
}

// delimiterRow reports whether cells are a table's delimiter row of n columns: "---", ":--", "--:", ":-:".
func delimiterRow(cells []string, n int) bool {
	if len(cells) != n {
		return false
	}
	for _, c := range cells {
		c = strings.TrimSuffix(strings.TrimPrefix(strings.Trim(c, " "), ":"), ":")
		if c == "" || strings.Trim(c, "-") != "" {
			return false
		}
	}
	return true
}

// findATXSection finds the first ATX heading whose section key is key, outside fenced code, and
// returns the byte range from its line to the next ATX heading of the same or a higher level (or the
// end of the body).
func findATXSection(body []byte, key string) (start, end int, ok bool) {
	level := 0
	end = -1
	unsure := false
	defer func() {
		if unsure { // the whole body parsed instead
			start, end, ok = 0, 0, false
		}
	}()
	scanFencesUnsure(body, "#", &unsure, func(off int, trimmed []byte, indent int) bool {
		if indent > 3 {
			return true
		}
		l, text, isHeading := atxHeadingText(trimmed)
		switch {
		case !isHeading:
		case level > 0 && l <= level:
			end = off
			return false
		case level == 0 && headingKey(text) == key:
			start, level = off, l
		}
		return true
	})
	if level == 0 {
		return 0, 0, false
	}
	if end < 0 {
		end = len(body)
	}
	return start, end, true
}

// outsideFences calls fn with each line of body that is not inside fenced code or an HTML comment
// and does not open or close one: its offset, its text without the leading indentation, and how many
// columns that took. fn returns false to stop.
func outsideFences(body []byte, fn func(off int, trimmed []byte, indent int) bool) {
	scanFences(body, "", fn)
}

// scanFences is outsideFences; when only is not "", fn is called only for lines that start with one
// of its bytes or with a space or a tab (the caller ignores the others), and the lines that start with
// none of these, nor with a fence's ` or ~, are passed over without being trimmed: finding a heading
// in thousands of postmortems looks at the first byte of most lines only.
func scanFences(body []byte, only string, fn func(off int, trimmed []byte, indent int) bool) {
	scanFencesUnsure(body, only, nil, fn)
}

// scanFencesUnsure is scanFences that, given unsure, stops at a comment it cannot place without the
// document's containers (one opened on an indented line) and sets *unsure.
func scanFencesUnsure(body []byte, only string, unsure *bool, fn func(off int, trimmed []byte, indent int) bool) {
	var fence []byte // the opening fence's run of ` or ~ while inside fenced code
	for off := 0; off < len(body); {
		next := bytes.IndexByte(body[off:], '\n')
		if next < 0 {
			next = len(body)
		} else {
			next += off + 1
		}
		if c := body[off]; only != "" && c != ' ' && c != '\t' && c != '`' && c != '~' && c != '<' && strings.IndexByte(only, c) < 0 {
			off = next // neither a fence, a comment nor a line fn wants
			continue
		}
		line := bytes.TrimRight(body[off:next], "\r\n")
		trimmed, indent := trimIndent(line)
		switch {
		case fence == nil && indent <= 3 && bytes.HasPrefix(trimmed, []byte("<!--")):
			// an HTML comment (goldmark's HTML block of kind 2) runs to the line with "-->" (which
			// may be its own: <!--> and <!---> end where they start): a heading, a fence or a link
			// definition inside it is none (a template's guidance)
			if indent > 0 && unsure != nil {
				*unsure = true // indented: perhaps a list item's, which ends where the item does
				return
			}
			at := off + len(line) - len(trimmed) + len("<!")
			e := bytes.Index(body[at:], []byte("-->"))
			if e < 0 {
				return // to the end of the document
			}
			end := at + e + len("-->")
			if nl := bytes.IndexByte(body[end:], '\n'); nl >= 0 {
				next = end + nl + 1
			} else {
				next = len(body)
			}
		case fence != nil:
			if indent <= 3 && bytes.HasPrefix(trimmed, fence) && blank(bytes.TrimLeft(trimmed, string(fence[:1]))) {
				fence = nil
			}
		case indent <= 3 && (bytes.HasPrefix(trimmed, []byte("```")) || bytes.HasPrefix(trimmed, []byte("~~~"))):
			n := 0
			for n < len(trimmed) && trimmed[n] == trimmed[0] {
				n++
			}
			fence = trimmed[:n]
		default:
			if !fn(off, trimmed, indent) {
				return
			}
		}
		off = next
	}
}

// blank reports whether a line holds nothing but spaces and tabs, which is what Markdown takes for
// blank: other white space (U+3000, say) is text to it.
func blank(l []byte) bool {
	for _, b := range l {
		if b != ' ' && b != '\t' {
			return false
		}
	}
	return true
}

// trimIndent drops a line's leading spaces (a tab counts as four) and says how many columns they took.
func trimIndent(line []byte) ([]byte, int) {
	cols, i := 0, 0
	for ; i < len(line); i++ {
		switch line[i] {
		case ' ':
			cols++
		case '\t':
			cols += 4 - cols%4
		default:
			return line[i:], cols
		}
	}
	return line[i:], cols
}

// headingKeys remembers the section key of the headings met (SectionKey of their text): the
// postmortems of a repository repeat the same few headings, and a command reading one section of
// each of thousands would otherwise normalise every heading of every file. It stops growing at
// maxHeadingKeys.
var headingKeys = struct {
	sync.RWMutex
	m map[string]string
}{}

const maxHeadingKeys = 1024

// headingKey is SectionKey of a heading's text, remembered.
func headingKey(text []byte) string {
	headingKeys.RLock()
	k, ok := headingKeys.m[string(text)]
	headingKeys.RUnlock()
	if ok {
		return k
	}
	k = SectionKey(string(text))
	headingKeys.Lock()
	if headingKeys.m == nil {
		headingKeys.m = map[string]string{} // made on first use, not in package init
	}
	if len(headingKeys.m) < maxHeadingKeys {
		headingKeys.m[string(text)] = k
	}
	headingKeys.Unlock()
	return k
}

// atxHeadingText reads "## Title ##" as level 2 and "Title" (a slice of line).
func atxHeadingText(line []byte) (level int, text []byte, ok bool) {
	for level < len(line) && line[level] == '#' {
		level++
	}
	if level == 0 || level > 6 || (level < len(line) && line[level] != ' ' && line[level] != '\t') {
		return 0, nil, false
	}
	t := bytes.TrimSpace(line[level:])
	if closing := bytes.TrimRight(t, "#"); len(closing) < len(t) && (len(closing) == 0 || closing[len(closing)-1] == ' ' || closing[len(closing)-1] == '\t') {
		t = bytes.TrimSpace(closing)
	}
	return level, t, true
}

// linkDefinitions returns the lines outside [start, end) and outside fenced code that begin a link
// reference definition ("[ref]: https://…"), each ending in a newline.
func linkDefinitions(body []byte, start, end int) []byte {
	if !bytes.Contains(body, []byte("]:")) {
		return nil
	}
	var out []byte
	outsideFences(body, func(off int, trimmed []byte, indent int) bool {
		if (off < start || off >= end) && indent <= 3 && len(trimmed) > 0 && trimmed[0] == '[' && bytes.Index(trimmed, []byte("]:")) > 1 {
			out = append(append(out, trimmed...), '\n')
		}
		return true
	})
	return out
}
