package postmortem

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/lazy"
)

// Quote renders s as a YAML scalar: plain when that reads back as the same string, double-quoted otherwise.
func Quote(s string) string {
	if plainSafe(s) {
		return s
	}
	return strconv.Quote(s)
}

// flowEnd is the offset in line, which starts with a flow collection's opening bracket, of the
// bracket that closes it (quoted scalars and nested collections skipped), or -1. A quote opens a
// quoted scalar only where a node starts (after a bracket, a brace, a comma or a colon): inside a
// plain one (O'Brien) it is a character like any other.
func flowEnd(line []byte) int {
	depth := 0
	prev := byte(0) // the last byte before i that is not a space or a tab
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c == ' ' || c == '\t' {
			continue
		}
		nodeStart := bytes.IndexByte([]byte("[{,:"), prev) >= 0
		prev = c
		switch c {
		case '"', '\'':
			if !nodeStart {
				continue
			}
			for i++; i < len(line); i++ {
				if c == '"' && line[i] == '\\' {
					i++
					continue
				}
				if line[i] == c {
					if c == '\'' && i+1 < len(line) && line[i+1] == '\'' {
						i++ // '' is a quote inside a single-quoted scalar
						continue
					}
					break
				}
			}
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// flowAppend is where and what to insert in text to add item at the end of a one-line flow list whose
// closing bracket is at closing: ", item" before the bracket, or, after a trailing comma ("[a, ]",
// which YAML allows), " item," right after that comma.
func flowAppend(text []byte, closing int, item string) (int, string) {
	i := closing
	for i > 0 && (text[i-1] == ' ' || text[i-1] == '\t') {
		i--
	}
	if i > 0 && text[i-1] == ',' {
		return i, " " + item + ","
	}
	return closing, ", " + item
}

// flowQuote is Quote for an item of a flow list ("[a, b]"), where a comma, a bracket, a brace, a
// colon or a "#" ends or changes a plain item: such a value is double-quoted.
func flowQuote(s string) string {
	if strings.ContainsAny(s, ",[]{}:#") {
		return strconv.Quote(s)
	}
	return Quote(s)
}

var (
	plainResolves = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp {
		return regexp.MustCompile(`^(?i:~|null|true|false|yes|no|on|off|y|n|[-+]?(\.inf|\.nan)|[-+]?[0-9][0-9_.:eE+-]*|0x[0-9a-f_]+|0o[0-7_]+)$`)
	}}
	plainBadStart = "-?:,[]{}#&*!|>'\"%@` \t"
)

func plainSafe(s string) bool {
	if s == "" || strings.ContainsAny(s[:1], plainBadStart) || strings.HasSuffix(s, " ") || strings.HasSuffix(s, ":") {
		return false
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") || plainResolves.Get().MatchString(s) {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == 0xFEFF || r == 0x85 || r == 0x2028 || r == 0x2029 {
			return false
		}
	}
	// A value that is plain-safe must also read back as itself.
	var m map[string]string
	if err := yaml.Unmarshal([]byte("v: "+s), &m); err != nil || m["v"] != s {
		return false
	}
	return true
}

// valueSpan locates the bytes of a single-line scalar value of a top-level key in text (normalized).
// It returns the start and end offsets of the value (end excludes a trailing comment and spaces),
// and the quoting style found.
func valueSpan(d *Doc, key string) (start, end int, style byte, err error) {
	k, v := d.lookup(key)
	if k == nil {
		return 0, 0, 0, errMissingKey
	}
	keyOff := d.yamlOffset(k.Line, k.Column)
	keyLine := d.LineOf(keyOff)
	lineStart := d.LineStart(keyLine)
	lineEnd := d.LineStart(keyLine + 1)
	if lineEnd > lineStart && d.Text[lineEnd-1] == '\n' {
		lineEnd--
	}
	line := d.Text[lineStart:lineEnd]
	// Find the colon after the key (the key may be quoted; skip to the first ':' followed by space or EOL
	// after the key's own text).
	from := min(keyOff-lineStart, len(line))
	ki := bytes.Index(line[from:], []byte(k.Value))
	if ki < 0 {
		return 0, 0, 0, i18n.Err("edit.no-key", key, keyLine)
	}
	ki += from
	p := ki + len(k.Value)
	for p < len(line) && line[p] != ':' {
		p++
	}
	if p >= len(line) {
		return 0, 0, 0, i18n.Err("edit.no-colon", key, keyLine)
	}
	p++
	for p < len(line) && (line[p] == ' ' || line[p] == '\t') {
		p++
	}
	// An anchor or a tag before the value (`&m ""`, `!!str x`, `&r []`) is kept: the value is what follows.
	for p < len(line) && (line[p] == '&' || line[p] == '!') {
		j := bytes.IndexAny(line[p:], " \t")
		if j < 0 {
			p = len(line)
			break
		}
		p += j
		for p < len(line) && (line[p] == ' ' || line[p] == '\t') {
			p++
		}
	}
	if v.Kind != yaml.ScalarNode {
		if v.Kind == yaml.SequenceNode && v.Style&yaml.FlowStyle != 0 && len(v.Content) == 0 {
			q := bytes.IndexByte(line[p:], ']')
			if q < 0 {
				return 0, 0, 0, i18n.Err("edit.multiline", key, keyLine)
			}
			return lineStart + p, lineStart + p + q + 1, '[', nil
		}
		return 0, 0, 0, i18n.Err("edit.not-single", key, keyLine)
	}
	if v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 || (v.Line != k.Line && v.Tag != "!!null") {
		return 0, 0, 0, i18n.Err("edit.multiline", key, keyLine)
	}
	rest := line[p:]
	if len(rest) > 0 && (rest[0] == '"' || rest[0] == '\'') {
		q := rest[0]
		i := 1
		for i < len(rest) {
			if q == '"' && rest[i] == '\\' {
				i += 2
				continue
			}
			if rest[i] == q {
				if q == '\'' && i+1 < len(rest) && rest[i+1] == '\'' {
					i += 2
					continue
				}
				break
			}
			i++
		}
		if i >= len(rest) {
			return 0, 0, 0, i18n.Err("edit.multiline", key, keyLine)
		}
		return lineStart + p, lineStart + p + i + 1, q, nil
	}
	// A comment starts at a # after a space or a tab (YAML's rule), or at the value's start.
	e := len(rest)
	for i := 0; i < len(rest); i++ {
		if rest[i] == '#' && (i == 0 || rest[i-1] == ' ' || rest[i-1] == '\t') {
			e = i
			break
		}
	}
	for e > 0 && (rest[e-1] == ' ' || rest[e-1] == '\t') {
		e--
	}
	return lineStart + p, lineStart + p + e, 0, nil
}

var errMissingKey = errors.New("missing key")

// textToSrc maps an offset into Text to the same place in Src (the BOM and the CRs before it added back).
func (d *Doc) textToSrc(off int) int {
	n := off
	if d.HasBOM {
		n += len(bom)
	}
	if d.CRLF {
		n += bytes.Count(d.Text[:off], []byte("\n")) // a CR before every LF that came from CRLF
		// Lines that ended in a bare LF in Src had no CR: correct by counting them.
		n -= d.bareLFBefore(off)
	}
	return n
}

// bareLFBefore counts the LF-only line ends in Src before the Text offset.
func (d *Doc) bareLFBefore(off int) int {
	count, line := 0, 0
	src := d.Src
	if d.HasBOM {
		src = src[len(bom):]
	}
	lines := bytes.Count(d.Text[:off], []byte("\n"))
	for i := 0; i < len(src) && line < lines; i++ {
		if src[i] == '\n' {
			if i == 0 || src[i-1] != '\r' {
				count++
			}
			line++
		}
	}
	return count
}

func (d *Doc) newline() string {
	if !d.CRLF {
		return "\n"
	}
	// the front matter's own line ends (a file whose body alone was saved with CRLF keeps LF there)
	if front := d.Src[:min(d.textToSrc(d.FrontEnd), len(d.Src))]; !bytes.Contains(front, []byte("\r\n")) {
		return "\n"
	}
	return "\r\n"
}

// SetField returns the file with the value of a top-level front matter key replaced, every other byte
// kept. A missing key is added as a new line at the end of the block. The value is written in the quoting
// style the old one had when that style can hold it.
func SetField(path string, src []byte, key, value string) ([]byte, error) {
	d := Parse(path, src, nil)
	if d.FrontState != FrontMatterOK || d.Root == nil {
		return nil, fmt.Errorf("%s: %w", path, i18n.Err("edit.no-front"))
	}
	if err := d.checkSingle(key); err != nil {
		return nil, err
	}
	start, end, style, err := valueSpan(d, key)
	var out []byte
	switch {
	case err == errMissingKey:
		at := d.textToSrc(d.FrontEnd)
		line := key + ": " + Quote(value) + d.newline()
		out = splice(src, at, at, line)
	case err != nil:
		return nil, fmt.Errorf("%s: %w", path, err)
	default:
		rendered := Quote(value)
		switch style {
		case '"':
			rendered = strconv.Quote(value)
		case '\'':
			if !strings.ContainsAny(value, "\n\r") {
				rendered = "'" + strings.ReplaceAll(value, "'", "''") + "'"
			}
		}
		s, e := d.textToSrc(start), d.textToSrc(end)
		if s == e && s > 0 && src[s-1] != ' ' && src[s-1] != '\t' {
			rendered = " " + rendered // `meeting:` or `meeting: &m` with no value
		}
		if s == e && e < len(src) && src[e] == '#' {
			rendered += " " // `meeting:   # set by pm meeting`: the comment stays one
		}
		out = splice(src, s, e, rendered)
	}
	_, after, err := verifyEdit(path, src, out, key)
	if err != nil {
		return nil, err
	}
	if _, v := after.lookup(key); v == nil || v.Kind != yaml.ScalarNode || v.Value != value {
		return nil, fmt.Errorf("%s: %w", path, i18n.Err("edit.no-readback", key))
	}
	return out, nil
}

// AppendHistory returns the file with one entry appended to status_history (the key is created
// when missing), every other byte kept.
func AppendHistory(path string, src []byte, e HistoryEntry) ([]byte, error) {
	d := Parse(path, src, nil)
	if d.FrontState != FrontMatterOK || d.Root == nil {
		return nil, fmt.Errorf("%s: %w", path, i18n.Err("edit.no-front"))
	}
	if err := d.checkSingle("status_history"); err != nil {
		return nil, err
	}
	nl := d.newline()
	k, v := d.lookup("status_history")
	entry := func(dash, field string) string {
		// the first key at the column of the others: "-   status:" when the entries are written so
		s := dash + "-" + strings.Repeat(" ", max(len(field)-len(dash)-1, 1)) + "status: " + Quote(e.Status) + nl +
			field + "at: " + Quote(e.At) + nl +
			field + "by: " + Quote(e.By) + nl
		if e.Forced {
			s += field + "forced: true" + nl
		}
		return s
	}
	flowItem := func() string {
		item := "{status: " + flowQuote(e.Status) + ", at: " + flowQuote(e.At) + ", by: " + flowQuote(e.By)
		if e.Forced {
			item += ", forced: true"
		}
		return item + "}"
	}
	var out []byte
	switch {
	case k == nil:
		at := d.textToSrc(d.FrontEnd)
		out = splice(src, at, at, "status_history:"+nl+entry("  ", "    "))
	case v.Kind == yaml.SequenceNode && v.Style&yaml.FlowStyle == 0 && len(v.Content) > 0:
		dashCol := d.blockDash(v) // column of the first "-"
		fieldCol := dashCol + 2
		if first := v.Content[0]; first.Kind == yaml.MappingNode && len(first.Content) > 0 {
			fieldCol = first.Content[0].Column
		}
		at := d.textToSrc(d.blockListEnd(v))
		if at > 0 && src[at-1] != '\n' { // the block's last line had no newline: impossible inside front matter, but be safe
			return nil, fmt.Errorf("%s: %w", path, i18n.Err("edit.history-cannot"))
		}
		if last := v.Content[len(v.Content)-1]; last.Kind == yaml.MappingNode && last.Style&yaml.FlowStyle != 0 && last.Line == lastLine(last) {
			// a block list of one-line flow mappings, "- {status: Draft, at: …, by: …}": one more
			// such line, the dash at the column of the others
			out = splice(src, at, at, strings.Repeat(" ", dashCol-1)+"- "+flowItem()+nl)
			break
		}
		out = splice(src, at, at, entry(strings.Repeat(" ", dashCol-1), strings.Repeat(" ", fieldCol-1)))
	case v.Kind == yaml.SequenceNode && v.Style&yaml.FlowStyle != 0 && len(v.Content) > 0 && v.Line == lastLine(v):
		// a one-line flow list, [{status: Draft, at: …, by: …}]: the entry goes in as one more
		// mapping before its closing bracket
		from := d.yamlOffset(v.Line, v.Column)
		end := flowEnd(d.Text[from:d.LineStart(d.LineOf(from)+1)])
		if end < 0 {
			kl, _ := d.frontPos(k)
			return nil, fmt.Errorf("%s:%d: %w", path, kl, i18n.Err("edit.history-not-list"))
		}
		at, text := flowAppend(d.Text, from+end, flowItem())
		at = d.textToSrc(at)
		out = splice(src, at, at, text)
	case (v.Kind == yaml.ScalarNode && v.Tag == "!!null") || (v.Kind == yaml.SequenceNode && len(v.Content) == 0):
		start, end, _, err := valueSpan(d, "status_history")
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		kl, _ := d.frontPos(k)
		s, e := d.textToSrc(start), d.textToSrc(end)
		next := d.textToSrc(d.LineStart(kl + 1))
		// Drop the empty value ("[]" or "~"), keep any comment, then add the entry below the key.
		out = splice(src, next, next, entry("  ", "    "))
		out = splice(out, s, e, "")
		if s > 0 && e > s {
			// remove the space left between the colon (or an anchor or a tag) and the removed value
			// when nothing follows
			trimmed := bytes.TrimRight(out[:s], " ")
			if out[s] == '\n' || out[s] == '\r' {
				out = append(trimmed[:len(trimmed):len(trimmed)], out[s:]...)
			}
		}
	default:
		kl, _ := d.frontPos(k)
		return nil, fmt.Errorf("%s:%d: %w", path, kl, i18n.Err("edit.history-not-list"))
	}
	before, after, err := verifyEdit(path, src, out, "status_history")
	if err != nil {
		return nil, err
	}
	if !historyAppended(before, after, e) {
		return nil, fmt.Errorf("%s: %w", path, i18n.Err("edit.history-others"))
	}
	return out, nil
}

// AddToList returns the file with value added at the end of a list field (one of ListKeys), every
// other byte kept. A missing key is added as a block list at the end of the front matter; an empty
// value ("[]", "~" or nothing) becomes a block list under the key; a block list gets one more item
// indented like the others; a one-line flow list gets ", value" before its "]"; a single string
// becomes a flow list of it and value. A value the list already holds is not added twice: the file
// comes back unchanged with added false.
func AddToList(path string, src []byte, key, value string) (out []byte, added bool, err error) {
	d := Parse(path, src, nil)
	if d.FrontState != FrontMatterOK || d.Root == nil {
		return nil, false, fmt.Errorf("%s: %w", path, i18n.Err("edit.no-front"))
	}
	if err := d.checkSingle(key); err != nil {
		return nil, false, err
	}
	before := d.Fields.List(key)
	for _, have := range before {
		if have == value {
			return src, false, nil
		}
	}
	nl := d.newline()
	item := func(indent string) string { return indent + "- " + Quote(value) + nl }
	k, v := d.lookup(key)
	switch {
	case k == nil:
		at := d.textToSrc(d.FrontEnd)
		out = splice(src, at, at, key+":"+nl+item("  "))
	case v.Kind == yaml.SequenceNode && v.Style&yaml.FlowStyle == 0 && len(v.Content) > 0:
		at := d.textToSrc(d.blockListEnd(v))
		out = splice(src, at, at, item(strings.Repeat(" ", d.blockDash(v)-1)))
	case (v.Kind == yaml.ScalarNode && (v.Tag == "!!null" || v.Value == "")) || (v.Kind == yaml.SequenceNode && len(v.Content) == 0):
		start, end, _, err := valueSpan(d, key)
		if err != nil {
			return nil, false, fmt.Errorf("%s: %w", path, err)
		}
		kl, _ := d.frontPos(k)
		s, e := d.textToSrc(start), d.textToSrc(end)
		next := d.textToSrc(d.LineStart(kl + 1))
		// Drop the empty value, keep any comment, and add the item on the line below the key.
		out = splice(src, next, next, item("  "))
		out = splice(out, s, e, "")
		if trimmed := bytes.TrimRight(out[:s], " "); e > s && (out[s] == '\n' || out[s] == '\r') {
			out = append(trimmed[:len(trimmed):len(trimmed)], out[s:]...)
		}
	case v.Kind == yaml.SequenceNode && v.Line == lastLine(v) && len(d.ListItems(key)) == len(v.Content):
		// A one-line flow list: the "]" that closes its "[" (not one inside a quoted item).
		from := d.yamlOffset(v.Line, v.Column)
		q := flowEnd(d.Text[from:d.LineStart(d.LineOf(from)+1)])
		if q < 0 {
			return nil, false, fmt.Errorf("%s: %w", path, i18n.Err("edit.list-end", key))
		}
		at, text := flowAppend(d.Text, from+q, flowQuote(value))
		at = d.textToSrc(at)
		out = splice(src, at, at, text)
	case v.Kind == yaml.ScalarNode:
		start, end, _, err := valueSpan(d, key)
		if err != nil {
			return nil, false, fmt.Errorf("%s: %w", path, err)
		}
		s, e := d.textToSrc(start), d.textToSrc(end)
		out = splice(src, s, e, "["+string(src[s:e])+", "+flowQuote(value)+"]")
	default:
		kl, _ := d.frontPos(k)
		return nil, false, fmt.Errorf("%s:%d: %w", path, kl, i18n.Err("edit.not-list", key))
	}
	_, after, err := verifyEdit(path, src, out, key)
	if err != nil {
		return nil, false, err
	}
	want := append(append([]string(nil), before...), value)
	if got := after.Fields.List(key); !slices.Equal(got, want) {
		return nil, false, fmt.Errorf("%s: %w", path, i18n.Err("edit.list-readback", key))
	}
	return out, true, nil
}

// historyAppended reports whether after's status_history is before's with e appended, the other
// entries unchanged.
func historyAppended(before, after *Doc, e HistoryEntry) bool {
	_, bv := before.lookup("status_history")
	_, av := after.lookup("status_history")
	var old []*yaml.Node
	if bv != nil {
		old = bv.Content
	}
	if av == nil || av.Kind != yaml.SequenceNode || len(av.Content) != len(old)+1 {
		return false
	}
	for i, n := range old {
		if nodeString(n) != nodeString(av.Content[i]) {
			return false
		}
	}
	h := after.Fields.StatusHistory
	return len(h) == len(before.Fields.StatusHistory)+1 && h[len(h)-1] == e
}

// checkSingle refuses to edit a key the front matter sets twice: pm reads the first, other tools the
// last, so whichever pm changed, the file would say two things.
func (d *Doc) checkSingle(key string) error {
	seen := false
	for i := 0; i+1 < len(d.Root.Content); i += 2 {
		if k := d.Root.Content[i]; k.Value == key {
			if seen {
				line, _ := d.frontPos(k)
				return fmt.Errorf("%s:%d: %w", d.Path, line, i18n.Err("edit.twice", key))
			}
			seen = true
		}
	}
	return nil
}

// blockListEnd is the offset in Text of the line after the block list v: after the line its last
// value starts on and the lines that carry that value on (a folded or literal block, a quoted or
// plain scalar broken across lines), which are indented further than the list's dash. A line at
// the dash's column or left of it (the next key, a comment there) ends the list; blank lines after
// its last such line are not the list's.
func (d *Doc) blockListEnd(v *yaml.Node) int {
	at := d.LineStart(d.yamlLine(lastLine(v)) + 1)
	for off := at; off < d.FrontEnd; {
		next := d.LineStart(d.LineOf(off) + 1)
		if next <= off {
			break
		}
		line := d.Text[off:next]
		if content := bytes.TrimLeft(line, " "); len(bytes.TrimSpace(content)) > 0 {
			if len(line)-len(content) < d.blockDash(v) {
				break
			}
			at = next
		}
		off = next
	}
	return at
}

// blockDash is the column (1-based) of the dash of a block list's first item: the list's own column,
// unless an anchor or a tag stands before the list on its key's line (status_history: &h), where
// yaml.v3 puts the list; then the first character of its first item's line, which is that dash.
func (d *Doc) blockDash(v *yaml.Node) int {
	if len(v.Content) == 0 || v.Content[0].Line == v.Line {
		return v.Column
	}
	off := d.yamlOffset(v.Content[0].Line, 1)
	col := 1
	for off < len(d.Text) && d.Text[off] == ' ' {
		off++
		col++
	}
	return col
}

func lastLine(n *yaml.Node) int {
	l := n.Line
	for _, c := range n.Content {
		if cl := lastLine(c); cl > l {
			l = cl
		}
	}
	return l
}

func splice(src []byte, start, end int, insert string) []byte {
	out := make([]byte, 0, len(src)-(end-start)+len(insert))
	out = append(out, src[:start]...)
	out = append(out, insert...)
	return append(out, src[end:]...)
}

// verifyEdit re-parses the edited file and checks that every key but the changed one reads back the same.
// It returns both documents parsed, for the caller to check the changed key.
func verifyEdit(path string, before, after []byte, changed string) (*Doc, *Doc, error) {
	a, b := Parse(path, before, nil), Parse(path, after, nil)
	if b.Root == nil {
		return nil, nil, fmt.Errorf("%s: %w", path, i18n.Err("edit.break", changed))
	}
	if !bytes.Equal(a.Body, b.Body) {
		return nil, nil, fmt.Errorf("%s: %w", path, i18n.Err("edit.body", changed))
	}
	if other := aliasOfChanged(a.Root, changed); other != "" {
		return nil, nil, fmt.Errorf("%s: %w", path, i18n.Err("edit.change", changed, other))
	}
	av, bv := topValues(a.Root), topValues(b.Root)
	for k, v := range av {
		if k != changed && bv[k] != v {
			return nil, nil, fmt.Errorf("%s: %w", path, i18n.Err("edit.change", changed, k))
		}
	}
	for k := range bv {
		if _, ok := av[k]; !ok && k != changed {
			return nil, nil, fmt.Errorf("%s: %w", path, i18n.Err("edit.add", changed, k))
		}
	}
	return a, b, nil
}

// aliasOfChanged is the first key other than changed whose key or value holds an alias of an anchor
// in changed's value (meeting: &m "", then x_meeting: *m): that key's value would change with it,
// which topValues, comparing an alias by its name, does not see. "" when there is none.
func aliasOfChanged(root *yaml.Node, changed string) string {
	anchors := map[string]bool{}
	var walk func(n *yaml.Node, visit func(*yaml.Node))
	walk = func(n *yaml.Node, visit func(*yaml.Node)) {
		visit(n)
		for _, c := range n.Content {
			walk(c, visit)
		}
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == changed {
			walk(root.Content[i+1], func(n *yaml.Node) {
				if n.Anchor != "" {
					anchors[n.Anchor] = true
				}
			})
		}
	}
	if len(anchors) == 0 {
		return ""
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == changed {
			continue
		}
		found := false
		for _, n := range root.Content[i : i+2] {
			walk(n, func(n *yaml.Node) { found = found || n.Kind == yaml.AliasNode && anchors[n.Value] })
		}
		if found {
			return root.Content[i].Value
		}
	}
	return ""
}

func topValues(root *yaml.Node) map[string]string {
	m := map[string]string{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		m[root.Content[i].Value] = nodeString(root.Content[i+1])
	}
	return m
}

func nodeString(n *yaml.Node) string {
	var b strings.Builder
	var walk func(*yaml.Node)
	walk = func(n *yaml.Node) {
		fmt.Fprintf(&b, "(%d %s %q", n.Kind, n.Tag, n.Value)
		if n.Kind != yaml.AliasNode {
			for _, c := range n.Content {
				walk(c)
			}
		}
		b.WriteByte(')')
	}
	walk(n)
	return b.String()
}
