package cmdutil

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/project"
)

// TestResolveMessages checks that a name matching none or several postmortems is told in the user's
// language, and in English exactly as project.Resolve words it.
func TestResolveMessages(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	os.MkdirAll(filepath.Join(dir, "postmortems"), 0o755)
	doc := "---\ntitle: T\nseverity: SEV-2\nstatus: %s\nowner: O\nincident_date: 2026-11-20\n---\n"
	write := func(name, status string) {
		os.WriteFile(filepath.Join(dir, "postmortems", name), []byte(strings.Replace(doc, "%s", status, 1)), 0o644)
	}
	write("2026-11-20-checkout.md", "Draft")
	write("2026-11-21-checkout-errors.md", "In Review")
	now := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	p, err := project.Open(dir, func(string) string { return "" }, func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ name, ja string }{
		{"", "完了していないポストモーテムが 2 件あります。どれか指定してください: postmortems/2026-11-20-checkout.md, postmortems/2026-11-21-checkout-errors.md"},
		{"check", `"check" に一致するポストモーテムが 2 件あります: postmortems/2026-11-20-checkout.md, postmortems/2026-11-21-checkout-errors.md`},
		{"dns", `postmortems に "dns" に一致するポストモーテムはありません`},
	}
	check := func(name, ja string) {
		t.Helper()
		_, want := p.Resolve(name, dir)
		if want == nil {
			t.Fatalf("%q resolves", name)
		}
		for lang, text := range map[string]string{"en": want.Error(), "ja": ja} {
			f, _, _ := TestFactory(dir, now, nil)
			f.LangFlag = lang
			_, err := f.ResolvePostmortem(p, name)
			if ExitCode(err) != ExitFailure || err.Error() != text {
				t.Errorf("%q, %s: exit %d, %v; want %q", name, lang, ExitCode(err), err, text)
			}
		}
	}
	for _, c := range cases {
		check(c.name, c.ja)
	}
	write("2026-11-20-checkout.md", "Closed")
	write("2026-11-21-checkout-errors.md", "Closed")
	check("", "postmortems に完了していないポストモーテムがありません。対象を指定してください (最新のインシデント: 2026-11-21-checkout-errors)")
}
