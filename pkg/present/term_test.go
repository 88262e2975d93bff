package present

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFitWidth(t *testing.T) {
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
		{true, 132, "20", 132},   // nor one too narrow to be real
		{true, 10, "", 100},      // implausibly narrow: the default
	}
	for _, c := range cases {
		if got := FitWidth(c.tty, c.columns, c.width, 100); got != c.want {
			t.Errorf("tty %v width %d COLUMNS %q: %d, want %d", c.tty, c.width, c.columns, got, c.want)
		}
	}
}

func TestNotATerminal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	for _, x := range []*os.File{f, w} {
		if IsTerminal(x) || TerminalWidth(x) != 0 {
			t.Errorf("%s: taken for a terminal (width %d)", x.Name(), TerminalWidth(x))
		}
	}
}
