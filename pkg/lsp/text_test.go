package lsp

import (
	"errors"
	"testing"
)

// TestPositions converts between byte offsets and UTF-16 positions on a text with CRLF line ends,
// Japanese (three bytes, one unit) and an emoji (four bytes, two units).
func TestPositions(t *testing.T) {
	d := newDocument("", "", 1, []byte("a😀b\r\n日本\r\n\nlast"))
	cases := []struct {
		off int
		pos Position
	}{
		{0, Position{0, 0}},
		{1, Position{0, 1}},  // before 😀
		{5, Position{0, 3}},  // after 😀: two units
		{6, Position{0, 4}},  // the line's end, before CR
		{7, Position{0, 4}},  // between CR and LF: still the line's end
		{8, Position{1, 0}},  // 日
		{11, Position{1, 1}}, // 本
		{14, Position{1, 2}},
		{16, Position{2, 0}},
		{17, Position{3, 0}},
		{21, Position{3, 4}},
	}
	for _, c := range cases {
		if got := d.position(c.off); got != c.pos {
			t.Errorf("position(%d) = %+v, want %+v", c.off, got, c.pos)
		}
	}
	for _, c := range []struct {
		pos Position
		off int
	}{
		{Position{0, 2}, 5},  // inside the surrogate pair: after the emoji
		{Position{0, 99}, 6}, // past the end of the line: its end, before CRLF
		{Position{1, 2}, 14},
		{Position{9, 0}, 21}, // past the last line: the end of the text
	} {
		if got := d.offset(c.pos); got != c.off {
			t.Errorf("offset(%+v) = %d, want %d", c.pos, got, c.off)
		}
	}
}

func TestApplyChanges(t *testing.T) {
	d := newDocument("", "", 1, []byte("😀 TODO\n日本語\n"))
	err := d.apply([]contentChange{
		{Range: &Range{Start: Position{0, 3}, End: Position{0, 7}}, Text: "done"},
		{Range: &Range{Start: Position{1, 1}, End: Position{1, 2}}, Text: ""},
		{Range: &Range{Start: Position{2, 0}, End: Position{2, 0}}, Text: "x🎉"},
	})
	if err != nil || string(d.text) != "😀 done\n日語\nx🎉" {
		t.Errorf("after the changes: %q, %v", d.text, err)
	}
	if got := d.position(len(d.text)); got != (Position{2, 3}) {
		t.Errorf("end of the text at %+v", got)
	}
	if err := d.apply([]contentChange{{Range: &Range{Start: Position{1, 2}, End: Position{1, 0}}, Text: "x"}}); !errors.Is(err, errBadRange) {
		t.Errorf("a reversed range: %v", err)
	}
	if err := d.apply([]contentChange{{Text: "whole"}}); err != nil || string(d.text) != "whole" || len(d.lines) != 1 {
		t.Errorf("a full change: %q %v %v", d.text, d.lines, err)
	}
}
