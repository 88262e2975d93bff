package cmdutil

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/project"
)

// TestUnknownRulesInFileOrder: of several unknown rule names in .pm.yaml, the first in the file is
// the one said, every run (a map's order gave another one now and then).
func TestUnknownRulesInFileOrder(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	os.WriteFile(filepath.Join(dir, ".pm.yaml"), []byte("lint:\n  rules:\n    placeholder: off\n    zzz: off\n    aaa: off\n    mmm: off\n"), 0o644)
	p, err := project.Open(dir, func(string) string { return "" }, func() time.Time { return time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC) })
	if err != nil {
		t.Fatal(err)
	}
	for range 30 {
		_, err := Linter(p, i18n.EN)
		if err == nil || !strings.Contains(err.Error(), ".pm.yaml:4:") || !strings.Contains(err.Error(), `"zzz"`) {
			t.Fatalf("error %v, want the unknown rule of line 4, zzz", err)
		}
	}
}

// TestOpenProjectRefusesAnUnknownRule: every command opens the project through the Factory, and an
// unknown rule ID refuses it there, as pm lint refuses it (pm list, pm stats and pm new ignored it).
func TestOpenProjectRefusesAnUnknownRule(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	os.WriteFile(filepath.Join(dir, ".pm.yaml"), []byte("lint:\n  rules:\n    placeholder: off\n    placehodler: off\n"), 0o644)
	f, _, _ := TestFactory(dir, time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC), nil)
	if _, err := f.Context().Project(); err == nil || !strings.HasSuffix(err.Error(), `.pm.yaml:4: unknown lint rule "placehodler" (pm lint --list-rules lists them)`) {
		t.Errorf("error %v, want the unknown rule of line 4", err)
	}
}
