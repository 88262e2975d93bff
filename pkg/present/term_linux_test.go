package present

import (
	"os"
	"strconv"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// openPTY opens a pseudo-terminal and returns its terminal side, skipping when the system has none
// to give.
func openPTY(t *testing.T) *os.File {
	t.Helper()
	ptmx, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		testenv.Skipf(t, "no pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { ptmx.Close() })
	if err := unix.IoctlSetPointerInt(int(ptmx.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		testenv.Skipf(t, "unlock the pseudo-terminal: %v", err)
	}
	n, err := unix.IoctlGetInt(int(ptmx.Fd()), unix.TIOCGPTN)
	if err != nil {
		testenv.Skipf(t, "name the pseudo-terminal: %v", err)
	}
	pts, err := os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		testenv.Skipf(t, "open the pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { pts.Close() })
	return pts
}

func TestTerminalWidth(t *testing.T) {
	pts := openPTY(t)
	if !IsTerminal(pts) {
		t.Fatal("a pseudo-terminal is not taken for a terminal")
	}
	for _, cols := range []uint16{132, 80, 0} {
		if err := unix.IoctlSetWinsize(int(pts.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: 40, Col: cols}); err != nil {
			t.Fatal(err)
		}
		if got := TerminalWidth(pts); got != int(cols) {
			t.Errorf("a terminal of %d columns: TerminalWidth %d", cols, got)
		}
	}
}

func TestCharDeviceIsNoTerminal(t *testing.T) {
	// A character device that is no terminal, which the mode bits alone would take for one. /dev/null
	// is one on most systems; where it is something else, there is nothing to check.
	f, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		testenv.Skip(t, err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		testenv.Unsupported(t, os.DevNull, "is no character device here")
	}
	if IsTerminal(f) || TerminalWidth(f) != 0 {
		t.Errorf("%s taken for a terminal", os.DevNull)
	}
}
