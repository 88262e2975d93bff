package cmdutil

import (
	"errors"
	"path/filepath"
	"testing"
	"time"
)

// Skipped says a file left out in the user's language, and once however many times the run's
// scans leave it out.
func TestSkippedOnceInTheUsersLanguage(t *testing.T) {
	dir := t.TempDir()
	for lang, want := range map[string]string{
		"en": "pm: skipped postmortems/x.md: not a regular file (a named pipe)\n",
		"ja": "pm: postmortems/x.md をスキップしました: not a regular file (a named pipe)\n",
	} {
		f, _, errOut := TestFactory(dir, time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC), nil)
		f.LangFlag = lang
		why := errors.New("not a regular file (a named pipe)")
		f.Skipped(filepath.Join(dir, "postmortems", "x.md"), why)
		f.Skipped(filepath.Join(dir, "postmortems", "x.md"), why)
		if errOut.String() != want {
			t.Errorf("--lang %s: stderr %q, want %q", lang, errOut, want)
		}
	}
}
