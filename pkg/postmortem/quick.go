package postmortem

import (
	"bytes"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// quickFront builds, without the YAML library, the node tree yaml.v3 builds for the plain shape
// postmortem front matter almost always has: top-level "key: value" lines whose values are plain
// words or quotes without escapes, comment lines, one-line flow lists of plain words ("[]",
// "[api, db]"), and block lists of words (services, related) or of "key: value" mappings
// (status_history). For anything else — flow collections, anchors, tags, escapes, multi-line
// scalars, numbers, trailing comments, unusual characters — it returns nil and the caller decodes
// with yaml.v3. Listing thousands of postmortems spends most of its time decoding front matter;
// this path does the same work in a fraction of the time.
//
// The tree matches yaml.v3's in every field pm reads (kind, tag, style, value, line, column and
// content); comments are left out. FuzzQuickFront checks that against yaml.v3 on arbitrary input.
func quickFront(raw []byte) *yaml.Node {
	q := quickParser{raw: raw}
	return q.parse()
}

// Scratch is memory parsing reuses from one document to the next: the document's line tables and
// the quick front matter parser's line tables and node slab. A document parsed with a Scratch (ParseScratch) holds nodes of it
// (Doc.Root), so it must be dropped or compacted (Doc.Compact) before the Scratch parses another;
// its Fields are its own. A Scratch is for one goroutine; its zero value is ready to use.
type Scratch struct {
	lines  [][]byte
	starts []int
	slab   []yaml.Node

	lineStarts, yamlLines []int // the document's line tables (Doc.lineStarts and yamlLines)
}

// quickFront is quickFront parsing into the scratch's memory.
func (s *Scratch) quickFront(raw []byte) *yaml.Node {
	q := quickParser{raw: raw, lines: s.lines[:0], starts: s.starts[:0], slab: s.slab[:0], reuse: true}
	n := q.parse()
	s.lines, s.starts = q.lines[:0], q.starts[:0]
	if cap(q.slab) <= maxScratchNodes {
		s.slab = q.slab[:0]
	}
	return n
}

// maxScratchNodes bounds the slab a Scratch keeps: a huge block's is left to the collector.
const maxScratchNodes = 4096

type quickParser struct {
	raw    []byte
	lines  [][]byte    // the block's lines without their "\n"
	starts []int       // where each line starts in raw
	src    string      // raw as one string: values are slices of it, not allocations of their own
	slab   []yaml.Node // nodes handed out by node, allocated together
	reuse  bool        // lines, starts and slab are a Scratch's, to be reused when large enough
}

// sub returns bytes a to b of line i as a string.
func (q *quickParser) sub(i, a, b int) string { return q.src[q.starts[i]+a : q.starts[i]+b] }

// node returns a new node from the slab. A line adds at most a key, a value and an item mapping,
// so the slab sized in parse never grows and the pointers stay valid.
func (q *quickParser) node(n yaml.Node) *yaml.Node {
	if len(q.slab) == cap(q.slab) {
		// A copy made here, not &n: taking n's address would move every node passed in to the
		// heap, a 150-byte allocation per node on top of the slab.
		p := new(yaml.Node)
		*p = n
		return p
	}
	q.slab = append(q.slab, n)
	return &q.slab[len(q.slab)-1]
}

// indentOf counts the spaces a line starts with.
func indentOf(line []byte) int {
	n := 0
	for n < len(line) && line[n] == ' ' {
		n++
	}
	return n
}

// skippable reports blank lines and comment lines, which add no node.
func skippable(line []byte) bool {
	rest := line[indentOf(line):]
	return len(rest) == 0 || rest[0] == '#'
}

func (q *quickParser) parse() *yaml.Node {
	if !quickChars(q.raw) {
		return nil
	}
	q.src = string(q.raw)
	n := bytes.Count(q.raw, []byte("\n")) + 1
	if !q.reuse || cap(q.lines) < n {
		q.lines, q.starts = make([][]byte, 0, n), make([]int, 0, n)
	}
	for start := 0; ; {
		end := bytes.IndexByte(q.raw[start:], '\n')
		q.starts = append(q.starts, start)
		if end < 0 {
			q.lines = append(q.lines, q.raw[start:])
			break
		}
		q.lines = append(q.lines, q.raw[start:start+end])
		start += end + 1
	}
	size := 2
	for _, line := range q.lines {
		switch {
		case skippable(line):
		case isItem(line):
			size += 3
		default:
			size += 2
		}
	}
	if !q.reuse || cap(q.slab) < size {
		q.slab = make([]yaml.Node, 0, size)
	}
	root := q.node(yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"})
	i := 0
	for i < len(q.lines) {
		line := q.lines[i]
		if skippable(line) {
			i++
			continue
		}
		if line[0] == ' ' {
			return nil // an indented line where a key belongs: a continuation or a nested block
		}
		k, v, next := q.pair(i, 0)
		if k == nil {
			return nil
		}
		if v == nil { // "key:" then a block list, or nothing
			v, next = q.list(next)
			if v == nil {
				return nil
			}
			if v.Kind == yaml.ScalarNode { // yaml.v3 puts an empty value just past the colon
				v.Line, v.Column = k.Line, len(k.Value)+2
			}
		}
		if len(root.Content) == 0 {
			root.Line, root.Column = k.Line, k.Column
		}
		root.Content = append(root.Content, k, v)
		i = next
	}
	if len(root.Content) == 0 {
		return nil // an empty or comment-only block: yaml.v3 decides what that is
	}
	return q.node(yaml.Node{Kind: yaml.DocumentNode, Line: root.Line, Column: root.Column, Content: []*yaml.Node{root}})
}

// pair reads "key: value" starting at byte col of line i. For "key:" with nothing after it, v is
// nil and the caller decides whether a list or a null follows. next is the index of the line after.
func (q *quickParser) pair(i, col int) (k, v *yaml.Node, next int) {
	line := q.lines[i]
	rest := line[col:]
	colon := bytes.IndexByte(rest, ':')
	if colon <= 0 {
		return nil, nil, 0
	}
	key := rest[:colon]
	if !quickKey(key) {
		return nil, nil, 0
	}
	k = q.node(yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: q.sub(i, col, col+colon), Line: i + 1, Column: col + 1})
	after := rest[colon+1:]
	if len(after) > 0 && after[0] != ' ' {
		return nil, nil, 0
	}
	pad := indentOf(after)
	if pad == len(after) { // nothing after the colon
		return k, nil, i + 1
	}
	valCol := col + colon + 1 + pad
	if after[pad] == '[' {
		v = q.flowList(i, valCol)
	} else {
		v = q.scalar(i, valCol)
	}
	if v == nil {
		return nil, nil, 0
	}
	v.Line = i + 1
	v.Column = utf8.RuneCount(line[:valCol]) + 1
	return k, v, i + 1
}

// list reads what follows "key:" with no value on its line: a block list of mappings or of words, or nothing
// (a null). It returns the node and the index of the first line after it.
func (q *quickParser) list(i int) (*yaml.Node, int) {
	j := i
	for j < len(q.lines) && skippable(q.lines[j]) {
		j++
	}
	if j == len(q.lines) || !isItem(q.lines[j]) {
		if j < len(q.lines) && q.lines[j][0] == ' ' {
			return nil, 0 // a nested mapping or a continuation
		}
		return q.node(yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"}), i // placed by the caller
	}
	dash := indentOf(q.lines[j])
	seq := q.node(yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: j + 1, Column: dash + 1})
	for j < len(q.lines) {
		line := q.lines[j]
		if skippable(line) {
			j++
			continue
		}
		ind := indentOf(line)
		if ind < dash || ind == 0 && !isItem(line) {
			break // the list ends where a less indented line, or a key beside its "- ", starts
		}
		if ind != dash || !isItem(line) {
			return nil, 0
		}
		k, v, next := q.pair(j, dash+2)
		if k == nil { // not "- key: value": a list of words, like services or related
			v = q.scalar(j, dash+2)
			if v == nil {
				return nil, 0
			}
			v.Line, v.Column = j+1, dash+3
			seq.Content = append(seq.Content, v)
			j++
			continue
		}
		if v == nil {
			return nil, 0
		}
		item := q.node(yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: j + 1, Column: dash + 3})
		item.Content = append(item.Content, k, v)
		j = next
		for j < len(q.lines) {
			line := q.lines[j]
			if skippable(line) {
				j++
				continue
			}
			if indentOf(line) != dash+2 {
				break
			}
			k, v, next := q.pair(j, dash+2)
			if k == nil || v == nil {
				return nil, 0
			}
			item.Content = append(item.Content, k, v)
			j = next
		}
		seq.Content = append(seq.Content, item)
	}
	return seq, j
}

// isItem reports a "- " list item line (the item itself must be on the same line).
func isItem(line []byte) bool {
	rest := line[indentOf(line):]
	return len(rest) > 2 && rest[0] == '-' && rest[1] == ' ' && rest[2] != ' ' && rest[2] != '#'
}

// quickKey accepts keys made of letters, digits, '_' and '-' that start with a letter or '_' and
// that YAML reads as strings. YAML limits such keys to 1,024 characters; far shorter ones are taken.
func quickKey(key []byte) bool {
	if len(key) == 0 || len(key) > 128 || !(isLetter(key[0]) || key[0] == '_') {
		return false
	}
	for _, c := range key {
		if !isLetter(c) && !(c >= '0' && c <= '9') && c != '_' && c != '-' {
			return false
		}
	}
	_, special := yamlWord(string(key))
	return !special
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// yamlWord returns the tag of the plain words YAML reads as something other than a string.
func yamlWord(s string) (tag string, ok bool) {
	switch s {
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return "!!bool", true
	case "~", "null", "Null", "NULL":
		return "!!null", true
	}
	return "", false
}

// scalar reads a value that runs to the end of the line: a plain scalar, or a quoted one without
// escapes. Its position is set by the caller.
func (q *quickParser) scalar(i, off int) *yaml.Node {
	s := q.lines[i][off:]
	switch s[0] {
	case '"', '\'':
		quote := s[0]
		end := bytes.IndexByte(s[1:], quote)
		if end < 0 || (quote == '"' && bytes.IndexByte(s[1:end+1], '\\') >= 0) {
			return nil
		}
		if len(bytes.TrimRight(s[end+2:], " ")) != 0 {
			return nil // a trailing comment, or a quote doubled as an escape
		}
		style := yaml.DoubleQuotedStyle
		if quote == '\'' {
			style = yaml.SingleQuotedStyle
		}
		return q.node(yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: style, Value: q.sub(i, off+1, off+1+end)})
	case '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '%', '@', '`', '.', '+', '<', '=':
		return nil // indicators, and the starts of numbers and special values
	}
	v := bytes.TrimRight(s, " ")
	for i, c := range v {
		if c == ':' && (i+1 == len(v) || v[i+1] == ' ') {
			return nil
		}
		if c == '#' && v[i-1] == ' ' {
			return nil
		}
	}
	val := q.sub(i, off, off+len(v))
	tag, ok := plainTag(val)
	if !ok {
		return nil
	}
	return q.node(yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: val})
}

// plainTag is the tag YAML gives a plain value, when the quick path can tell it.
func plainTag(val string) (string, bool) {
	if t, ok := yamlWord(val); ok {
		return t, true
	}
	if c := val[0]; c >= '0' && c <= '9' {
		switch {
		case yamlTimestamp(val):
			return "!!timestamp", true
		case surelyText(val): // an id such as 2026-11-20-checkout-latency
			return "!!str", true
		}
		return "", false // a number, or something YAML might read as one
	}
	return "!!str", true
}

// surelyText reports whether a plain value holds a character no number or timestamp YAML reads can
// hold: one outside ASCII, or a letter other than the hex digits and the letters of 0x, 0o, the
// date-time separator T and the zone Z.
func surelyText(val string) bool {
	for i := 0; i < len(val); i++ {
		c := val[i] | 0x20 // ASCII letters in lower case; other bytes stay distinct from them
		if val[i] >= utf8.RuneSelf || c >= 'g' && c <= 'z' && c != 'o' && c != 't' && c != 'x' && c != 'z' {
			return true
		}
	}
	return false
}

// flowList reads a one-line flow list of plain words, "[checkout, payments-api]", that runs to the
// end of line i from byte off. Quotes, nested collections, colons and comments are left to yaml.v3.
func (q *quickParser) flowList(i, off int) *yaml.Node {
	line := q.lines[i]
	s := bytes.TrimRight(line[off:], " ")
	if len(s) < 2 || s[len(s)-1] != ']' {
		return nil
	}
	inner := s[1 : len(s)-1]
	if bytes.ContainsAny(inner, "[]{}#'\"&*!|>%@`:?") {
		return nil
	}
	seq := q.node(yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle})
	if len(bytes.TrimLeft(inner, " ")) == 0 {
		return seq
	}
	start := off + 1
	// the column counted on from the item before: counting from the line's start for every item
	// was quadratic in a flow list of thousands
	col, counted := 0, 0
	for _, piece := range bytes.Split(inner, []byte(",")) {
		lead := indentOf(piece)
		word := bytes.TrimRight(piece[lead:], " ")
		if len(word) == 0 || bytes.IndexByte([]byte("-?:,[]{}#&*!|>'\"%@`.+<="), word[0]) >= 0 {
			return nil // an empty item ("[a,]", "[a,,b]") or an indicator
		}
		at := start + lead
		val := q.sub(i, at, at+len(word))
		tag, ok := plainTag(val)
		if !ok {
			return nil
		}
		col += utf8.RuneCount(line[counted:at])
		counted = at
		seq.Content = append(seq.Content, q.node(yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: val,
			Line: i + 1, Column: col + 1}))
		start += len(piece) + 1
	}
	return seq
}

// yamlTimestamp reports whether YAML reads a plain value as a timestamp: four digits, a '-', then
// one of the date and date-time forms it accepts.
func yamlTimestamp(s string) bool {
	if len(s) < 5 || s[4] != '-' {
		return false
	}
	for i := 0; i < 4; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	if plainDate(s) {
		return true // "2006-01-02", the usual date, as the last layout reads it, without time.Parse
	}
	// YAML tries these layouts in turn; each needs its separator in the value, so the ones whose
	// separator is missing are skipped without the cost of a failed parse.
	for _, l := range timestampLayouts {
		if l.sep != 0 && strings.IndexByte(s, l.sep) < 0 {
			continue
		}
		if _, err := time.Parse(l.layout, s); err == nil {
			return true
		}
	}
	return false
}

// plainDate reports whether s is a valid date written YYYY-MM-DD, which time.Parse("2006-1-2", s)
// accepts: a month from 1 to 12 and a day of that month.
func plainDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	n := func(i, j int) int {
		v := 0
		for _, c := range []byte(s[i:j]) {
			if c < '0' || c > '9' {
				return -1
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	y, m, d := n(0, 4), n(5, 7), n(8, 10)
	if y < 0 || m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m]
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days = 29
	}
	return d <= days
}

var timestampLayouts = []struct {
	layout string
	sep    byte
}{
	{"2006-1-2T15:4:5.999999999Z07:00", 'T'},
	{"2006-1-2t15:4:5.999999999Z07:00", 't'},
	{"2006-1-2 15:4:5.999999999", ' '},
	{"2006-1-2", 0},
}

// quickChars accepts blocks made only of printable characters YAML reads the plain way: no tabs,
// no CR, no line breaks other than LF, no BOM, no control characters.
func quickChars(raw []byte) bool {
	for i := 0; i < len(raw); {
		c := raw[i]
		if c < utf8.RuneSelf {
			if c != '\n' && (c < 0x20 || c == 0x7F) {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError || r < 0xA0 || r == 0x2028 || r == 0x2029 || r == 0xFEFF || r >= 0xFFFE && r <= 0xFFFF {
			return false
		}
		i += size
	}
	return true
}
