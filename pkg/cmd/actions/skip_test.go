//go:build unix

package actions

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/internal/testrepo"
)

// A file pm actions cannot read is noted with why, one line each, and the command still exits 0: a
// link to nothing, a loop of links, a file pm may not read (not as root).
func TestSkipNotesSayWhy(t *testing.T) {
	dir := setup(t, tokyo)
	want := testrepo.Unreadable(t, filepath.Join(dir, "postmortems"), "postmortems", []byte("---\ntitle: x\n---\n"))
	_, errOut, code := run(t, dir, nil)
	var got []string
	for _, l := range strings.Split(errOut, "\n") {
		if strings.HasPrefix(l, "pm: skipped") && !strings.Contains(l, "broken.md") {
			got = append(got, l)
		}
	}
	if code != 0 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("exit %d, notes:\n%s\nwant:\n%s", code, errOut, strings.Join(want, "\n"))
	}
}
