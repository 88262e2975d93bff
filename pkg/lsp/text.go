package lsp

import (
	"bytes"
	"errors"
	"sort"
	"unicode/utf16"
	"unicode/utf8"
)

// document is one text the client has open: its bytes as the client holds them (edits applied),
// with the start of each line, for turning LSP positions into byte offsets and back.
//
// LSP's lines end at LF, CRLF or a lone CR, as CommonMark's do; pm's findings and documents count
// lines at LF only, as goldmark reads them. The two differ only in a text with a lone CR (pasted
// from an old Mac tool): there, lintLines holds the starts of pm's lines, and fromLint and toLint
// turn a place in one count into the other.
type document struct {
	uri       string
	path      string // absolute file path, "" when the URI names no file
	version   int
	text      []byte
	lines     []int // byte offset of each line's start, as LSP counts lines
	lintLines []int // byte offset of each line's start as pm counts them; nil when they are lines
}

func newDocument(uri, path string, version int, text []byte) *document {
	d := &document{uri: uri, path: path, version: version}
	d.setText(text)
	return d
}

// snapshot is a copy of the document as it is now, for work done while later changes come in: the
// text is never changed in place (setText), the line tables are copied.
func (d *document) snapshot() *document {
	c := *d
	c.lines = append([]int(nil), d.lines...)
	if d.lintLines != nil {
		c.lintLines = append([]int(nil), d.lintLines...)
	}
	return &c
}

// setText replaces the text and re-indexes its lines. The slice is not changed afterwards: a
// document's text may be handed to a linter while the next change builds a new one.
func (d *document) setText(text []byte) {
	d.text = text
	var loneCR bool
	d.lines, loneCR = indexLines(text, d.lines[:0])
	d.lintLines = d.lintLines[:0]
	if !loneCR {
		d.lintLines = nil
		return
	}
	d.lintLines = append(d.lintLines, 0)
	for off := 0; ; {
		i := bytes.IndexByte(text[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
		d.lintLines = append(d.lintLines, off)
	}
}

// indexLines lists the starts of text's lines as LSP counts them (after LF, CRLF or a lone CR), and
// whether a lone CR ends one.
func indexLines(text []byte, into []int) ([]int, bool) {
	// as many as there are line breaks, made once: a text of short lines (a large paste) would
	// otherwise grow the table by doubling, twice its size in garbage
	if n := bytes.Count(text, []byte{'\n'}) + bytes.Count(text, []byte{'\r'}) + 1; cap(into) < n {
		into = make([]int, 0, n)
	}
	into = append(into, 0)
	loneCR := false
	for off := 0; ; {
		i := bytes.IndexAny(text[off:], "\r\n")
		if i < 0 {
			return into, loneCR
		}
		off += i + 1
		if text[off-1] == '\r' {
			if off < len(text) && text[off] == '\n' {
				off++
			} else {
				loneCR = true
			}
		}
		into = append(into, off)
	}
}

// lineEnd is the offset of line's end, before its line break (LF, CRLF or CR).
func (d *document) lineEnd(line int) int {
	if line+1 < len(d.lines) {
		end := d.lines[line+1] - 1
		if d.text[end] == '\n' && end > d.lines[line] && d.text[end-1] == '\r' {
			end--
		}
		return end
	}
	return len(d.text)
}

// fromLint is the LSP position of a place pm gives as a 0-based line of its own count and a UTF-16
// column (a finding, a section's heading).
func (d *document) fromLint(p Position) Position {
	if d.lintLines == nil {
		return p
	}
	if p.Line < 0 {
		return Position{}
	}
	if p.Line >= len(d.lintLines) {
		return d.position(len(d.text))
	}
	start, end := d.lintLines[p.Line], len(d.text)
	if p.Line+1 < len(d.lintLines) {
		end = d.lintLines[p.Line+1] - 1
	}
	return d.position(start + utf16Bytes(d.text[start:end], p.Character))
}

// toLint is fromLint the other way: an LSP position as a 0-based line of pm's count and a UTF-16
// column in it.
func (d *document) toLint(p Position) Position {
	if d.lintLines == nil {
		return p
	}
	off := d.offset(p)
	line := searchLine(d.lintLines, off)
	return Position{Line: line, Character: utf16Len(d.text[d.lintLines[line]:off])}
}

// offset turns a position into a byte offset; a position past a line's end is its end, one past
// the last line is the end of the text, as LSP asks.
func (d *document) offset(p Position) int {
	if p.Line < 0 {
		return 0
	}
	if p.Line >= len(d.lines) {
		return len(d.text)
	}
	start, end := d.lines[p.Line], d.lineEnd(p.Line)
	return start + utf16Bytes(d.text[start:end], p.Character)
}

// utf16Bytes is how many bytes of s the first n UTF-16 code units cover; half of a surrogate pair
// counts as the whole character.
func utf16Bytes(s []byte, n int) int {
	i := 0
	for i < len(s) && n > 0 {
		r, size := utf8.DecodeRune(s[i:])
		if r >= 0x10000 {
			n -= 2
		} else {
			n--
		}
		i += size
	}
	return i
}

// utf16Len is the length of s in UTF-16 code units.
func utf16Len(s []byte) int {
	n := 0
	for len(s) > 0 {
		r, size := utf8.DecodeRune(s)
		n += utf16.RuneLen(r) // an invalid byte is U+FFFD, one unit, as editors show it
		s = s[size:]
	}
	return n
}

// position turns a byte offset into a position.
func (d *document) position(off int) Position {
	if off < 0 {
		off = 0
	}
	if off > len(d.text) {
		off = len(d.text)
	}
	line := searchLine(d.lines, off)
	start := d.lines[line]
	if end := d.lineEnd(line); off > end {
		off = end // inside a CRLF: the line's end
	}
	return Position{Line: line, Character: utf16Len(d.text[start:off])}
}

// positioner turns many byte offsets of one document into positions, as position does, counting
// a line's UTF-16 units from the nearest offset already counted before it on that line: a code
// action request over a long line of thousands of findings counted the line from its start for
// each edit of each fix (80,000 findings on one line of 480 KB: over a minute). It belongs to one
// request: the document's text does not change under it.
type positioner struct {
	d    *document
	line int
	// offsets counted on line, in increasing order, and their UTF-16 columns
	offs, chars []int
}

func (d *document) positioner() *positioner { return &positioner{d: d, line: -1} }

// position is p.d.position(off).
func (p *positioner) position(off int) Position {
	d := p.d
	off = min(max(off, 0), len(d.text))
	line := searchLine(d.lines, off)
	start := d.lines[line]
	if end := d.lineEnd(line); off > end {
		off = end // inside a CRLF: the line's end
	}
	if line != p.line {
		p.line, p.offs, p.chars = line, append(p.offs[:0], start), append(p.chars[:0], 0)
	}
	i := sort.SearchInts(p.offs, off+1) - 1 // the last counted offset at or before off
	char := p.chars[i] + utf16Len(d.text[p.offs[i]:off])
	// kept where a character starts, which counting from the line's start reaches too
	if i == len(p.offs)-1 && off > p.offs[i] && (off == len(d.text) || utf8.RuneStart(d.text[off])) {
		p.offs, p.chars = append(p.offs, off), append(p.chars, char)
	}
	return Position{Line: line, Character: char}
}

// searchLine is the 0-based line holding off.
func searchLine(lines []int, off int) int {
	lo, hi := 0, len(lines)
	for lo < hi {
		m := (lo + hi) / 2
		if lines[m] <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo - 1
}

// lineRange is the whole of a line, without its line break.
func (d *document) lineRange(line int) Range {
	if line >= len(d.lines) {
		line = len(d.lines) - 1
	}
	return Range{Start: Position{Line: line}, End: d.position(d.lineEnd(line))}
}

var errBadRange = errors.New("change range outside the document or reversed")

// apply makes the client's changes in order. A change without a range replaces the text.
func (d *document) apply(changes []contentChange) error {
	for _, c := range changes {
		if c.Range == nil {
			d.setText([]byte(c.Text))
			continue
		}
		start, end := d.offset(c.Range.Start), d.offset(c.Range.End)
		if end < start {
			return errBadRange
		}
		text := make([]byte, 0, len(d.text)-(end-start)+len(c.Text))
		text = append(text, d.text[:start]...)
		text = append(text, c.Text...)
		text = append(text, d.text[end:]...)
		d.setText(text)
	}
	return nil
}
