package present

import (
	"os"
	"strconv"

	"golang.org/x/term"
)

// IsTerminal reports whether f is a terminal (a console on Windows): not a pipe, a file, or a
// device such as /dev/null.
func IsTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// TerminalWidth returns the columns of the terminal f is, or 0 when f is none or its size cannot be
// read.
func TerminalWidth(f *os.File) int {
	w, _, err := term.GetSize(int(f.Fd()))
	if err != nil || w < 0 {
		return 0
	}
	return w
}

// minFitWidth is the narrowest width taken as real: below it, COLUMNS or a terminal's size is more
// likely a mistake than a screen.
const minFitWidth = 20

// FitWidth is the width a table is fitted to: 0 (no limit) when the output is no terminal; else
// COLUMNS (columns, as the environment has it) when it is a number above 20, the terminal's own
// width (termWidth, 0 when unknown) when above 20, or def.
func FitWidth(tty bool, columns string, termWidth, def int) int {
	if !tty {
		return 0
	}
	if c, err := strconv.Atoi(columns); err == nil && c > minFitWidth {
		return c
	}
	if termWidth > minFitWidth {
		return termWidth
	}
	return def
}
