package cmdutil

import "fmt"

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
