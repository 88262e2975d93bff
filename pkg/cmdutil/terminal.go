package cmdutil

import (
	"fmt"
	"strconv"
)

// NoColorEnv names the variable that turns colour off when set to anything (https://no-color.org).
const NoColorEnv = "NO_COLOR"

// Color reports whether output to Out may be coloured: only on a terminal that is not TERM=dumb,
// and never with NO_COLOR set or --no-color. Every command asks here, so the rule lives in one place.
func (f *Factory) Color() bool {
	return f.IO.OutTTY && !f.IO.NoColor && f.Getenv(NoColorEnv) == "" && f.Getenv("TERM") != "dumb"
}

// Infof prints an informational message to ErrOut (a summary, "Committed …", "Next: …") unless
// --quiet. Errors, warnings and findings do not go through here: quiet never hides them.
func (f *Factory) Infof(format string, args ...any) {
	if f.IO.Quiet {
		return
	}
	fmt.Fprintf(f.IO.ErrOut, format, args...)
}

// TableWidth is the width tables are fitted to: 0 (no limit) when Out is not a terminal; else COLUMNS
// when set, the terminal's own width, or def when neither is known.
func (f *Factory) TableWidth(def int) int {
	if !f.IO.OutTTY {
		return 0
	}
	if c, err := strconv.Atoi(f.Getenv("COLUMNS")); err == nil && c > 20 {
		return c
	}
	if f.IO.Width > 20 {
		return f.IO.Width
	}
	return def
}
