package postmortem

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/yuin/goldmark/ast"

	"github.com/pm-tools/pm/pkg/i18n"
)

// ErrNoSection is returned (wrapped, with the section's name) when an edit needs a section the
// document does not have.
var ErrNoSection = errors.New("no such section")

// ErrRespondersTable means the Responders section lists its people in a table without a column pm
// can tell is the name's: the names are the writer's to add.
var ErrRespondersTable = errors.New("the Responders section is a table without a Name column")

// TimelineAddition is a row to add to the Timeline table.
type TimelineAddition struct {
	At    time.Time // when it happened; orders the row among the others
	Time  string    // the Time cell as written ("2026-11-20 09:14 +09:00")
	Event string    // the event as plain text: escaped for the table here
	Link  string    // the Data Link cell as Markdown ("[Slack #inc](https://…)"), written as it is
}

// MergeTimeline returns the file with rows added to the Timeline table, every other byte kept: each
// new row goes before the first row whose time is later (when reads a Time cell; rows it cannot
// read are passed over), rows of the same minute keep their order, and a row whose minute and event
// text the table already has is not added again, so that merging twice changes nothing. Without a
// table, one with header is made at the end of the Timeline section; without a Timeline section,
// the error wraps ErrNoSection; a section with several timeline tables is refused. added are the rows
// written, in table order.
func MergeTimeline(path string, src []byte, rows []TimelineAddition, when func(string) (time.Time, bool), header [3]string) (out []byte, added []TimelineAddition, err error) {
	return MergeTimelineAt(path, src, rows, when, nil, header)
}

// MergeTimelineAt is MergeTimeline with the times of the table's rows as the caller read them
// (pm lint's reading: a time of day after midnight on the next day, "2:00 PM"), one per row of the
// table, zero for a row it could not read; nil reads each with when.
func MergeTimelineAt(path string, src []byte, rows []TimelineAddition, when func(string) (time.Time, bool), rowTimes []time.Time, header [3]string) (out []byte, added []TimelineAddition, err error) {
	d := Parse(path, src, nil)
	c := d.Content()
	if c.AST == nil {
		return nil, nil, fmt.Errorf("%s: %w", path, i18n.Err("edit.no-body"))
	}
	sec := c.Section("timeline")
	if sec == nil {
		return nil, nil, fmt.Errorf("%s: %w: Timeline (タイムライン); add a \"## Timeline\" heading", path, ErrNoSection)
	}
	tl := c.Timeline()
	if n := len(c.TimelineTables()); n > 1 {
		// Rows go in time order among the table's: across tables, where a row belongs is a guess.
		return nil, nil, fmt.Errorf("%s: %w", path, i18n.Err("edit.timeline-tables", n))
	}
	seen := map[string]bool{}
	type known struct {
		at time.Time
		ok bool
	}
	var times []known
	if tl != nil {
		if rowTimes != nil && len(rowTimes) != len(tl.Rows) {
			rowTimes = nil
		}
		for i, r := range tl.Rows {
			at, ok := when(r.Time.Text)
			if rowTimes != nil {
				at, ok = rowTimes[i], !rowTimes[i].IsZero()
			} else if day := tl.dateOf(i); day != "" {
				// a time of day beside a Date column is on that column's day
				if a, dok := when(day + " " + strings.TrimSpace(r.Time.Text)); dok {
					at, ok = a, true
				}
			}
			times = append(times, known{at, ok})
			if ok {
				seen[rowKey(at, r.Event.Text)] = true
				seen[rowKey(at, string(c.Src[r.Event.Start:r.Event.End]))] = true
			}
		}
	}
	for _, r := range rows {
		cell := EscapeCell(r.Event)
		if cell == "" || seen[rowKey(r.At, r.Event)] || seen[rowKey(r.At, cell)] {
			continue
		}
		seen[rowKey(r.At, r.Event)], seen[rowKey(r.At, cell)] = true, true
		added = append(added, r)
	}
	slices.SortStableFunc(added, func(a, b TimelineAddition) int { return a.At.Truncate(time.Minute).Compare(b.At.Truncate(time.Minute)) })
	if len(added) == 0 {
		return src, nil, nil
	}
	body := c.Src
	var sp []splice1
	if tl == nil {
		var lines []string
		lines = append(lines, "| "+strings.Join([]string{EscapeCell(header[0]), EscapeCell(header[1]), EscapeCell(header[2])}, " | ")+" |", "| --- | --- | --- |")
		for _, r := range added {
			lines = append(lines, timelineLine(r, 3, 0, 1, 2, ""))
		}
		sp = append(sp, appendToSection(c, sec, strings.Join(lines, "\n"), false))
	} else {
		nodes := tableRowNodes(tl.Table)
		if len(nodes) != len(tl.Rows)+1 {
			return nil, nil, fmt.Errorf("%s: %w", path, i18n.Err("edit.timeline-rows"))
		}
		headerStart := bytes.LastIndexByte(body[:nodes[0].Pos()], '\n') + 1
		prefix := string(body[headerStart:nodes[0].Pos()])
		if strings.TrimLeft(prefix, " \t>") != "" {
			return nil, nil, fmt.Errorf("%s: %w", path, i18n.Err("edit.timeline-start"))
		}
		width := len(tl.Table.Header)
		if tl.TimeColumn >= width || tl.EventColumn >= width || tl.TimeColumn == tl.EventColumn {
			return nil, nil, fmt.Errorf("%s: %w", path, i18n.Err("edit.timeline-columns"))
		}
		// the end of the table: the line after its last row (or after the delimiter row)
		last := nextLine(body, nodes[0].Pos())
		last = nextLine(body, last)
		if len(nodes) > 1 {
			last = nextLine(body, nodes[len(nodes)-1].Pos())
		}
		at := map[int][]string{}
		for _, r := range added {
			pos := last
			for i, k := range times {
				if k.ok && k.at.Truncate(time.Minute).After(r.At.Truncate(time.Minute)) {
					pos = bytes.LastIndexByte(body[:nodes[i+1].Pos()], '\n') + 1
					break
				}
			}
			line := timelineLine(r, width, tl.TimeColumn, tl.EventColumn, tl.SourceColumn, prefix)
			if tl.DateColumn >= 0 && tl.DateColumn < width {
				// the row's day in the Date column too, as the rows around it have theirs
				line = timelineLineDated(r, width, tl.TimeColumn, tl.EventColumn, tl.SourceColumn, tl.DateColumn, prefix)
			}
			at[pos] = append(at[pos], line)
		}
		for pos, lines := range at {
			text := strings.Join(lines, "\n") + "\n"
			if pos == len(body) && len(body) > 0 && body[len(body)-1] != '\n' {
				text = "\n" + strings.TrimSuffix(text, "\n")
			}
			sp = append(sp, splice1{pos, pos, text})
		}
	}
	out = applySplices(d, src, sp)
	after := Parse(path, out, nil)
	if !bytes.Equal(d.Text[:d.BodyOffset], after.Text[:after.BodyOffset]) {
		return nil, nil, fmt.Errorf("%s: %w", path, i18n.Err("edit.timeline-front"))
	}
	at := after.Content().Timeline()
	before := 0
	if tl != nil {
		before = len(tl.Rows)
	}
	if at == nil || len(at.Rows) != before+len(added) {
		// past a bound pm reads tables within (escaped pipes, cells): said, not taken for a shape
		for _, cx := range after.Content().Complex {
			switch cx.Kind {
			case ComplexEscapedPipes:
				return nil, nil, fmt.Errorf("%s: %w", path, i18n.Err("edit.timeline-pipes", MaxEscapedPipes))
			case ComplexTableCells, ComplexTable:
				return nil, nil, fmt.Errorf("%s: %w", path, i18n.Err("edit.timeline-cells", MaxTableCells))
			}
		}
		return nil, nil, fmt.Errorf("%s: %w", path, i18n.Err("edit.timeline-shape"))
	}
	// Every new row must read back as the row it is, or the next import would add it again.
	found := map[string]bool{}
	for _, r := range at.Rows {
		if t, ok := when(r.Time.Text); ok {
			found[rowKey(t, r.Event.Text)] = true
			found[rowKey(t, string(after.Content().Src[r.Event.Start:r.Event.End]))] = true
		}
	}
	for _, r := range added {
		if !found[rowKey(r.At, r.Event)] && !found[rowKey(r.At, EscapeCell(r.Event))] {
			return nil, nil, fmt.Errorf("%s: %w", path, i18n.Err("edit.timeline-readback", r.Time))
		}
	}
	return out, added, nil
}

// rowKey identifies a timeline row for merging: its minute and its words, spaces collapsed.
func rowKey(at time.Time, text string) string {
	return at.Truncate(time.Minute).UTC().Format(time.RFC3339) + "\x00" + strings.Join(strings.Fields(text), " ")
}

// EscapeCell makes plain text safe in a Markdown table cell: on one line, its pipes escaped and
// its angle brackets written as entities, so that it cannot end the cell or start HTML. The text
// is a record's words (a Slack message, a CSV cell), not Markdown: its brackets, emphasis and code
// marks are escaped, and an ampersand that would start an entity is written as one, so that
// "[docs](https://…)", "![x](https://…)", "*x*" or "&lt;" show as written, never as a link, an
// image loaded from elsewhere, emphasis or another character.
func EscapeCell(s string) string {
	s = escapeEntities(strings.Join(strings.Fields(s), " ")) // before the "&lt;" written below
	s = strings.NewReplacer(`\`, `\\`, "|", `\|`, "<", "&lt;", "[", `\[`, "]", `\]`, "*", `\*`, "`", "\\`", "~", `\~`).Replace(s)
	return escapeUnderscores(s)
}

// escapeUnderscores escapes the underscores that could open or close emphasis: those not between
// two letters or digits (GFM reads db_pool_size as a word, _x_ as emphasis).
func escapeUnderscores(s string) string {
	if !strings.Contains(s, "_") {
		return s
	}
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		if r == '_' && !(i > 0 && i+1 < len(rs) && isWordRune(rs[i-1]) && isWordRune(rs[i+1])) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// escapeEntities writes as "&amp;" an ampersand that starts what Markdown reads as a character
// reference ("&lt;", "&#60;", "&#x3C;"); any other (AT&T, "a & b") stays as written.
func escapeEntities(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '&' && isEntityAt(s[i+1:]) {
			b.WriteString("&amp;")
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// isEntityAt reports whether s, after an ampersand, starts as a character reference does: a name,
// or # and digits (x and hex digits), then a semicolon.
func isEntityAt(s string) bool {
	j := 0
	if strings.HasPrefix(s, "#") {
		j = 1
		if len(s) > 1 && (s[1] == 'x' || s[1] == 'X') {
			j = 2
		}
	}
	k := j
	for k < len(s) && k-j < 32 && (s[k] >= 'a' && s[k] <= 'z' || s[k] >= 'A' && s[k] <= 'Z' || s[k] >= '0' && s[k] <= '9') {
		k++
	}
	return k > j && k < len(s) && s[k] == ';'
}

// timelineLine writes a row of a table width cells wide, its cells in the columns given.
func timelineLine(r TimelineAddition, width, timeCol, eventCol, srcCol int, prefix string) string {
	return timelineLineDated(r, width, timeCol, eventCol, srcCol, -1, prefix)
}

// timelineLineDated is timelineLine with the row's day (of its time as written) in dateCol too.
func timelineLineDated(r TimelineAddition, width, timeCol, eventCol, srcCol, dateCol int, prefix string) string {
	cells := make([]string, width)
	if dateCol >= 0 && dateCol < width {
		// the day the time cell says (its zone's), else the instant's own
		day := r.At.Format("2006-01-02")
		if len(r.Time) >= 10 {
			if _, err := time.Parse("2006-01-02", r.Time[:10]); err == nil {
				day = r.Time[:10]
			}
		}
		cells[dateCol] = day
	}
	set := func(i int, v string) {
		if i >= 0 && i < width {
			cells[i] = v
		}
	}
	set(timeCol, EscapeCell(r.Time))
	set(eventCol, EscapeCell(r.Event))
	set(srcCol, strings.ReplaceAll(strings.Join(strings.Fields(r.Link), " "), "|", `\|`))
	return prefix + "| " + strings.Join(cells, " | ") + " |"
}

// appendToSection returns the splice that writes text after the last content of a section's own
// blocks (before its first subsection or the next heading), a blank line before it and after it;
// joinList makes text continue a list the section ends with, without a blank line.
func appendToSection(c *Content, sec *Section, text string, joinList bool) splice1 {
	body := c.Src
	end := len(body)
	if len(sec.Subs) > 0 {
		end = c.lineStart(sec.Subs[0].Heading)
	} else {
		past := false
		for _, o := range c.Sections {
			if o == sec {
				past = true
				continue
			}
			if past && o.Level <= sec.Level {
				end = c.lineStart(o.Heading)
				break
			}
		}
	}
	q := len(bytes.TrimRight(body[:end], " \t\n"))
	// to the end of that last line: blanks at its end (the template's "- Scribe: ") stay as written
	if i := bytes.IndexByte(body[q:end], '\n'); i >= 0 {
		q += i
	} else {
		q = end
	}
	if q < c.afterHeading(sec.Heading) {
		q = min(c.afterHeading(sec.Heading), end)
		q = len(bytes.TrimRight(body[:q], "\n"))
	}
	sep := "\n\n"
	if joinList && len(sec.Blocks) > 0 {
		if _, ok := sec.Blocks[len(sec.Blocks)-1].(*ast.List); ok {
			sep = "\n"
		}
	}
	ins := sep + text + "\n"
	if end < len(body) {
		ins += "\n"
	}
	return splice1{q, end, ins}
}

// applySplices makes body splices in src, from the end so that earlier offsets still hold, with the
// file's line ends.
func applySplices(d *Doc, src []byte, sp []splice1) []byte {
	slices.SortFunc(sp, func(a, b splice1) int { return b.start - a.start })
	out := src
	for _, s := range sp {
		text := s.text
		if d.CRLF {
			text = strings.ReplaceAll(text, "\n", "\r\n")
		}
		start, end := d.textToSrc(d.BodyOffset+s.start), d.textToSrc(d.BodyOffset+s.end)
		out = splice(out, start, end, text)
	}
	return out
}

// AddResponders returns the file with names added to the Responders section, one list item each,
// after what the section already says (its Incident Commander and Scribe lines kept as written). A
// name the section already mentions is not added again. A section that lists them in a table gets a
// row each, the name in its Name column (名前, Responder …); one whose table has none, or whose table
// is inside a quote or a list, is ErrRespondersTable. Without a Responders section, the error wraps
// ErrNoSection.
func AddResponders(path string, src []byte, names []string) (out []byte, added []string, err error) {
	d := Parse(path, src, nil)
	c := d.Content()
	if c.AST == nil {
		return nil, nil, fmt.Errorf("%s: %w", path, i18n.Err("edit.no-body"))
	}
	sec := c.Section("responders")
	if sec == nil {
		return nil, nil, fmt.Errorf("%s: %w: Responders (対応者)", path, ErrNoSection)
	}
	// a name counts as there when the section's source or its text holds it (Ben\_O reads as Ben_O)
	md, _ := c.Markdown("responders")
	plain, _ := c.Text("responders")
	have := strings.ToLower(md + "\n" + plain)
	var lines []string
	marker := "-"
	if n := len(sec.Blocks); n > 0 {
		if l, ok := sec.Blocks[n-1].(*ast.List); ok && !l.IsOrdered() {
			marker = string(l.Marker)
		}
	}
	for _, n := range names {
		n = strings.Join(strings.Fields(n), " ")
		if n == "" || strings.Contains(have, strings.ToLower(n)) || strings.Contains(have, strings.ToLower(escapeInline(n))) {
			continue
		}
		have += "\n" + strings.ToLower(n)
		added = append(added, n)
		lines = append(lines, marker+" "+escapeInline(n))
	}
	if len(added) == 0 {
		return src, nil, nil
	}
	splice := appendToSection(c, sec, strings.Join(lines, "\n"), true)
	if tables := sec.Tables(); len(tables) > 0 {
		// The responders are listed in a table: a row each, the name in its Name column, not a list
		// below it; a table without one is the writer's to fill (which column is the person's?).
		t := tables[len(tables)-1]
		col := t.Column("name", "names", "responder", "person", "who", "名前", "氏名", "担当者", "対応者")
		nodes := tableRowNodes(t)
		if col < 0 || len(nodes) == 0 {
			return nil, nil, fmt.Errorf("%s: %w", path, ErrRespondersTable)
		}
		body := c.Src
		headerStart := bytes.LastIndexByte(body[:nodes[0].Pos()], '\n') + 1
		prefix := string(body[headerStart:nodes[0].Pos()])
		if strings.TrimLeft(prefix, " \t") != "" {
			return nil, nil, fmt.Errorf("%s: %w", path, ErrRespondersTable) // in a quote or a list: by hand
		}
		end := nextLine(body, nextLine(body, nodes[0].Pos()))
		if len(nodes) > 1 {
			end = nextLine(body, nodes[len(nodes)-1].Pos())
		}
		var rows []string
		for _, n := range added {
			cells := make([]string, len(t.Header))
			cells[col] = EscapeCell(n)
			rows = append(rows, prefix+"| "+strings.Join(cells, " | ")+" |")
		}
		text := strings.Join(rows, "\n") + "\n"
		if end == len(body) && len(body) > 0 && body[len(body)-1] != '\n' {
			text = "\n" + strings.TrimSuffix(text, "\n")
		}
		splice = splice1{end, end, text}
	}
	out = applySplices(d, src, []splice1{splice})
	if !bytes.Equal(d.Text[:d.BodyOffset], Parse(path, out, nil).Text[:d.BodyOffset]) {
		return nil, nil, fmt.Errorf("%s: %w", path, i18n.Err("edit.responders-front"))
	}
	return out, added, nil
}

// escapeInline keeps a name from being read as Markdown markup.
func escapeInline(s string) string {
	return strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "<", "&lt;").Replace(s)
}

// AddActionCandidates returns the file with lines added, inside one HTML comment, at the end of the
// Action Items section's own blocks: candidates for the owner to pick from, which pm lint does not
// read. Lines the section already holds are not added again; note heads the comment.
func AddActionCandidates(path string, src []byte, note string, lines []string) (out []byte, added []string, err error) {
	d := Parse(path, src, nil)
	c := d.Content()
	if c.AST == nil {
		return nil, nil, fmt.Errorf("%s: %w", path, i18n.Err("edit.no-body"))
	}
	sec := c.Section("action-items")
	if sec == nil {
		return nil, nil, fmt.Errorf("%s: %w: Action Items (アクションアイテム)", path, ErrNoSection)
	}
	whole := string(c.Src)
	for _, l := range lines {
		l = strings.ReplaceAll(strings.Join(strings.Fields(l), " "), "--", "- -")
		if l == "" || strings.Contains(whole, l) || slices.Contains(added, l) {
			continue
		}
		added = append(added, l)
	}
	if len(added) == 0 {
		return src, nil, nil
	}
	text := "<!-- " + strings.ReplaceAll(strings.Join(strings.Fields(note), " "), "--", "- -") + "\n" + strings.Join(added, "\n") + "\n-->"
	out = applySplices(d, src, []splice1{appendToSection(c, sec, text, false)})
	after := Parse(path, out, nil)
	if !bytes.Equal(d.Text[:d.BodyOffset], after.Text[:after.BodyOffset]) || len(after.Content().ActionItems()) != len(c.ActionItems()) {
		return nil, nil, fmt.Errorf("%s: %w", path, i18n.Err("edit.candidates-table"))
	}
	return out, added, nil
}
