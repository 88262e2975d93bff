// Package csvtext prepares a CSV file, as spreadsheets and trackers save one, for encoding/csv: the
// text in UTF-8 without a byte-order mark, and the separator its header line uses.
package csvtext

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/pm-tools/pm/pkg/i18n"
)

// Text returns the text of data: without a UTF-8 byte-order mark, and decoded when a UTF-16 one
// starts it (a spreadsheet's "Unicode text"). Text that is not UTF-8 is an error naming its first
// such line: a spreadsheet's plain CSV is in the system's code page (Shift_JIS in Japanese), and
// read as UTF-8 it would put mangled text into the postmortem.
func Text(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return utf16Text(data[2:], binary.LittleEndian)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return utf16Text(data[2:], binary.BigEndian)
	}
	if !utf8.Valid(data) {
		line := 1
		for len(data) > 0 {
			r, size := utf8.DecodeRune(data)
			if r == utf8.RuneError && size <= 1 {
				break
			}
			if r == '\n' {
				line++
			}
			data = data[size:]
		}
		return nil, i18n.Err("csv.not-utf8", line)
	}
	return data, nil
}

// utf16Text decodes UTF-16 text in order o.
func utf16Text(b []byte, o binary.ByteOrder) ([]byte, error) {
	if len(b)%2 != 0 {
		return nil, fmt.Errorf("not UTF-16 text: an odd number of bytes after its byte-order mark")
	}
	units := make([]uint16, len(b)/2)
	for i := range units {
		units[i] = o.Uint16(b[2*i:])
	}
	runes := utf16.Decode(units)
	out := make([]byte, 0, len(b))
	for _, r := range runes {
		if r == utf8.RuneError {
			return nil, fmt.Errorf("not UTF-16 text: a lone surrogate")
		}
		out = utf8.AppendRune(out, r)
	}
	return out, nil
}

// Comma returns the separator of text's first line: a comma, or, when that line holds none, a tab
// or a semicolon if it holds one (a spreadsheet's "Unicode text", or its CSV where the comma is the
// decimal mark).
func Comma(text []byte) rune {
	first := text
	if i := bytes.IndexByte(text, '\n'); i >= 0 {
		first = text[:i]
	}
	switch {
	case bytes.IndexByte(first, ',') >= 0:
		return ','
	case bytes.IndexByte(first, '\t') >= 0:
		return '\t'
	case bytes.IndexByte(first, ';') >= 0:
		return ';'
	}
	return ','
}
