package new

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/cmdutil"
)

// A --date pm lint would refuse in the file is refused before the file is made: the first day of
// year 1 is the instant pm reads as no date, and a year 0 is no four-digit year other YAML readers
// take.
func TestNewRefusesADateBeforeYear1Day2(t *testing.T) {
	env := map[string]string{"HOME": t.TempDir(), "USER": "kim"}
	for _, date := range []string{"0001-01-01", "0000-01-01", "0000-12-31", "0001/01/01"} {
		dir := t.TempDir()
		_, _, err := runNew(t, dir, env, Options{Severity: "1", Title: "x", Date: date, NoCommit: true})
		if cmdutil.ExitCode(err) != 2 || err == nil || !strings.Contains(err.Error(), "from 0001-01-02") {
			t.Errorf("--date %s: exit %d, %v", date, cmdutil.ExitCode(err), err)
		}
		if entries, _ := os.ReadDir(filepath.Join(dir, "postmortems")); len(entries) != 0 {
			t.Errorf("--date %s left files: %v", date, entries)
		}
	}
	dir := t.TempDir()
	out, _, err := runNew(t, dir, env, Options{Severity: "1", Title: "x", Date: "0001-01-02", NoCommit: true})
	if err != nil || !strings.HasSuffix(strings.TrimSpace(out), "/0001-01-02-x.md") {
		t.Errorf("--date 0001-01-02: %q, %v", out, err)
	}
}
