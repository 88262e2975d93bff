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

// TestLoneCR: a lone CR ends a line for LSP (a position past its end is before the CR, an edit there
// goes on that line), and pm's places, whose lines end at LF only, are turned into the client's.
func TestLoneCR(t *testing.T) {
	d := newDocument("", "", 1, []byte("## A\r## B\rx\r\ny\nlast TODO"))
	if got, want := d.lines, []int{0, 5, 10, 13, 15}; len(got) != len(want) || got[1] != 5 || got[2] != 10 || got[3] != 13 || got[4] != 15 {
		t.Fatalf("lines %v, want %v", got, want)
	}
	if got := d.offset(Position{0, 99}); got != 4 {
		t.Errorf("past the end of a line ended by CR: offset %d, want 4 (before the CR)", got)
	}
	if got := d.offset(Position{2, 99}); got != 11 {
		t.Errorf("past the end of a CRLF line: offset %d, want 11", got)
	}
	// pm's line 0 is "## A\r## B\rx\r" (to the LF), line 1 "y", line 2 "last TODO"
	for _, c := range []struct{ lint, lsp Position }{
		{Position{0, 0}, Position{0, 0}},
		{Position{0, 7}, Position{1, 2}}, // "B" of "## B", after "## A\r" (5 units) and "##"
		{Position{0, 10}, Position{2, 0}},
		{Position{1, 1}, Position{3, 1}},
		{Position{2, 5}, Position{4, 5}}, // TODO
	} {
		if got := d.fromLint(c.lint); got != c.lsp {
			t.Errorf("fromLint(%+v) = %+v, want %+v", c.lint, got, c.lsp)
		}
		if got := d.toLint(c.lsp); got != c.lint {
			t.Errorf("toLint(%+v) = %+v, want %+v", c.lsp, got, c.lint)
		}
	}
	if err := d.apply([]contentChange{{Range: &Range{Start: Position{0, 99}, End: Position{0, 99}}, Text: "C"}}); err != nil || string(d.text) != "## AC\r## B\rx\r\ny\nlast TODO" {
		t.Errorf("an insertion past the end of a CR line: %q, %v", d.text, err)
	}
	// without a lone CR, pm's lines are the client's
	d = newDocument("", "", 1, []byte("a\r\nb\n"))
	if d.lintLines != nil || d.fromLint(Position{1, 1}) != (Position{1, 1}) {
		t.Errorf("lines without a lone CR: %v", d.lintLines)
	}
}
