package cmdutil

import (
	"errors"
	"io"
	"testing"
	"time"
)

func TestColor(t *testing.T) {
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
		f, _, _ := TestFactory(t.TempDir(), time.Time{}, c.env)
		f.IO.OutTTY, f.IO.NoColor = c.tty, c.flag
		if got := f.Color(); got != c.want {
			t.Errorf("tty %v, --no-color %v, env %v: Color() = %v", c.tty, c.flag, c.env, got)
		}
	}
}

func TestInfof(t *testing.T) {
	f, out, errOut := TestFactory(t.TempDir(), time.Time{}, nil)
	f.Infof("Committed %s\n", "abc1234")
	if errOut.String() != "Committed abc1234\n" || out.Len() != 0 {
		t.Errorf("stdout %q, stderr %q", out, errOut)
	}
	errOut.Reset()
	f.Infof("Next: %s\n", "\x1b]0;pwned\a\u202e")
	if want := "Next: \\x1b]0;pwned\\x07\\u202e\n"; errOut.String() != want {
		t.Errorf("a message quoting a document: %q, want %q", errOut, want)
	}
	errOut.Reset()
	f.IO.Quiet = true
	f.Infof("Committed %s\n", "abc1234")
	if errOut.Len() != 0 {
		t.Errorf("quiet printed %q", errOut)
	}
}
func TestTableWidth(t *testing.T) {
	cases := []struct {
		tty     bool
		width   int
		columns string
		want    int
	}{
		{false, 120, "90", 0},    // not a terminal: no fitting
		{true, 0, "", 100},       // width unknown: the default
		{true, 132, "", 132},     // the terminal's own width
		{true, 132, "90", 90},    // COLUMNS wins
		{true, 132, "nope", 132}, // a COLUMNS that is no number is ignored
		{true, 10, "", 100},      // implausibly narrow: the default
	}
	for _, c := range cases {
		f, _, _ := TestFactory(t.TempDir(), time.Now(), map[string]string{"COLUMNS": c.columns})
		f.IO.OutTTY, f.IO.Width = c.tty, c.width
		if got := f.TableWidth(100); got != c.want {
			t.Errorf("tty %v width %d COLUMNS %q: %d, want %d", c.tty, c.width, c.columns, got, c.want)
		}
	}
}

func TestWriteOut(t *testing.T) {
	const text = "a\x1b]0;t\a\r\nb\u202e\tc\n"
	for _, c := range []struct {
		tty  bool
		want string
	}{
		{false, text},
		{true, "a\\x1b]0;t\\x07\nb\\u202e\tc\n"},
	} {
		f, out, _ := TestFactory(t.TempDir(), time.Time{}, nil)
		f.IO.OutTTY = c.tty
		err := f.WriteOut(func(w io.Writer) error { _, err := io.WriteString(w, text); return err })
		if err != nil || out.String() != c.want {
			t.Errorf("terminal %v: wrote %q, %v; want %q", c.tty, out.String(), err, c.want)
		}
	}
	f, out, _ := TestFactory(t.TempDir(), time.Time{}, nil)
	f.IO.OutTTY = true
	boom := errors.New("boom")
	if err := f.WriteOut(func(w io.Writer) error { io.WriteString(w, "half"); return boom }); err != boom || out.Len() != 0 {
		t.Errorf("a failed write on a terminal: %v, wrote %q", err, out.String())
	}
}
