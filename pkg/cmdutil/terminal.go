package cmdutil

import (
	"fmt"
	"io"
	"strings"

	"github.com/pm-tools/pm/pkg/present"
)

// Color reports whether output to Out may be coloured: only on a terminal that is not TERM=dumb,
// and never with NO_COLOR set or --no-color. Every command asks here, so the rule lives in one place.
func (f *Factory) Color() bool {
	return present.ColorEnabled(f.IO.OutTTY, f.IO.NoColor, f.Getenv)
}

// Scheme is the colour scheme for Out: coloured when Color says so, plain otherwise.
func (f *Factory) Scheme() present.Scheme { return present.NewScheme(f.Color()) }

// Infof prints an informational message to ErrOut (a summary, "Committed …", "Next: …") unless
// --quiet. Errors, warnings and findings do not go through here: quiet never hides them. The message
// is sanitised (present.Text), as it may quote a document: an id, a title.
func (f *Factory) Infof(format string, args ...any) {
	if f.IO.Quiet {
		return
	}
	io.WriteString(f.IO.ErrOut, present.Text(fmt.Sprintf(format, args...)))
}

// TableWidth is the width tables are fitted to: 0 (no limit) when Out is not a terminal; else COLUMNS
// when set, the terminal's own width, or def when neither is known.
func (f *Factory) TableWidth(def int) int {
	return present.FitWidth(f.IO.OutTTY, f.Getenv("COLUMNS"), f.IO.Width, def)
}

// WriteOut writes what write produces to Out: exact into a file or a pipe, where a program or a paste
// takes it, and sanitised (present.Text) on a terminal, where it is only read. It is for the outputs
// that keep a document's text as it is: CSV, the Markdown review, an invitation on stdout.
func (f *Factory) WriteOut(write func(io.Writer) error) error {
	if !f.IO.OutTTY {
		return write(f.IO.Out)
	}
	var b strings.Builder
	if err := write(&b); err != nil {
		return err
	}
	_, err := io.WriteString(f.IO.Out, present.Text(b.String()))
	return err
}

// CheckedWriter passes writes on to W and keeps the first error. pm's stdout is one (System), so
// that a command whose output could not be written (a full disk, a closed file) ends as an error,
// exit 2, whether or not the command looked at what each write returned: `pm list > report.txt` on
// a full disk is not an empty success. (A closed pipe ends pm by SIGPIPE first, as it ends git.)
type CheckedWriter struct {
	W   io.Writer
	Err error
}

func (c *CheckedWriter) Write(p []byte) (int, error) {
	n, err := c.W.Write(p)
	if err != nil && c.Err == nil {
		c.Err = err
	}
	return n, err
}
