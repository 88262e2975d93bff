package present

import "testing"

func TestColorEnabled(t *testing.T) {
	cases := []struct {
		tty, flag bool
		env       map[string]string
		want      bool
	}{
		{true, false, nil, true},
		{false, false, nil, false},
		{true, true, nil, false},
		{true, false, map[string]string{"NO_COLOR": "1"}, false},
		{true, false, map[string]string{"NO_COLOR": ""}, true}, // set but empty does not count (no-color.org)
		{true, false, map[string]string{"TERM": "dumb"}, false},
		{true, false, map[string]string{"TERM": "xterm-256color"}, true},
	}
	for _, c := range cases {
		if got := ColorEnabled(c.tty, c.flag, func(k string) string { return c.env[k] }); got != c.want {
			t.Errorf("tty %v, --no-color %v, env %v: %v", c.tty, c.flag, c.env, got)
		}
	}
}

func TestPaint(t *testing.T) {
	on, off := NewScheme(true), Scheme{}
	cases := []struct {
		s    Scheme
		st   Style
		want string
	}{
		{on, Overdue, "\x1b[31mx\x1b[0m"},
		{on, Heading, "\x1b[1mx\x1b[0m"},
		{on, StatusDraft, "\x1b[33mx\x1b[0m"},
		{on, StatusInReview, "\x1b[32mx\x1b[0m"},
		{on, StatusClosed, "\x1b[2mx\x1b[0m"},
		{on, Plain, "x"},
		{on, Style(99), "x"},
		{off, Overdue, "x"},
	}
	for _, c := range cases {
		if got := c.s.Paint(c.st, "x"); got != c.want {
			t.Errorf("colour %v, style %d: %q, want %q", c.s.On(), c.st, got, c.want)
		}
	}
	for status, want := range map[string]Style{"Draft": StatusDraft, "In Review": StatusInReview, "Reviewed": Plain, "Closed": StatusClosed, "-": Plain, "draft": Plain} {
		if got := StatusStyle(status); got != want {
			t.Errorf("StatusStyle(%q) = %d, want %d", status, got, want)
		}
	}
}
