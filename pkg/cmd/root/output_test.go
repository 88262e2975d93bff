package root

import (
	"errors"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/cmdutil"
)

// fullDisk is standard output on a full disk: every write fails.
type fullDisk struct{}

func (fullDisk) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// TestLostOutputIsAnError: a command whose output could not be written ends with exit 2 and says
// so, whether or not it checked its writes itself: `pm list > report.txt` on a full disk is not an
// empty success.
func TestLostOutputIsAnError(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{{"version"}, {"completion", "bash"}, {"list"}} {
		f, _, errOut := cmdutil.TestFactory(dir, now, nil)
		f.IO.Out = &cmdutil.CheckedWriter{W: fullDisk{}}
		code := Run(f, args)
		if args[0] == "list" {
			// no postmortem folder here: the command's own error (exit 2) is the one said
			if code != 2 || strings.Contains(errOut.String(), "write standard output") {
				t.Errorf("pm %v: exit %d, %q", args, code, errOut)
			}
			continue
		}
		if code != 2 || !strings.Contains(errOut.String(), "no space left on device") {
			t.Errorf("pm %v: exit %d, stderr %q", args, code, errOut)
		}
	}
}
