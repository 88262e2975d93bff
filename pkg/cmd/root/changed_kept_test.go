package root

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/project"
)

// A file changed while pm swapped it, with bytes written into pm's version meanwhile: the message
// names the file that holds them in either language, where ErrChanged alone gets the catalogue's
// words (which name no file); the exit code stays 2.
func TestChangedKeptNamesTheFile(t *testing.T) {
	err := fmt.Errorf("update: %w", &project.KeptError{Path: "postmortems/a.md", Kept: "postmortems/.pm-1.tmp"})
	if !errors.Is(err, project.ErrChanged) {
		t.Fatal("a KeptError is not ErrChanged")
	}
	for _, lang := range []string{"en", "ja"} {
		f, _, _ := cmdutil.TestFactory(t.TempDir(), time.Now(), nil)
		f.LangFlag = lang
		msg := message(f, err)
		if !strings.Contains(msg, "postmortems/a.md") || !strings.Contains(msg, "postmortems/.pm-1.tmp") {
			t.Errorf("%s: %q names not both files", lang, msg)
		}
		if lang == "ja" && !strings.Contains(msg, "見比べて") {
			t.Errorf("ja: %q is not in Japanese", msg)
		}
	}
	if code := cmdutil.ExitCode(err); code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
}
