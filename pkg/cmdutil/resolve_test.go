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

// A name that is no part of an id names the postmortem whose title holds it: a Japanese title gives
// its file no slug ("決済の遅延" is 2026-11-20-incident.md), so its writer names it by the title.
func TestResolveByTitle(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	os.MkdirAll(filepath.Join(dir, "postmortems"), 0o755)
	write := func(name, title string) {
		doc := "---\ntitle: " + title + "\nseverity: SEV-2\nstatus: Draft\nowner: O\nincident_date: 2026-11-20\n---\n"
		os.WriteFile(filepath.Join(dir, "postmortems", name), []byte(doc), 0o644)
	}
	write("2026-11-20-incident.md", "決済の遅延")
	write("2026-11-21-incident.md", "ログイン障害")
	write("2026-11-22-api.md", "決済ＡＰＩのタイムアウト")
	now := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	p, err := project.Open(dir, func(string) string { return "" }, func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"決済の遅延": "2026-11-20-incident", "ログイン": "2026-11-21-incident", "api のタイム": "", "APIのタイム": "2026-11-22-api"} {
		e, err := p.Resolve(name, dir)
		if want == "" {
			if err == nil {
				t.Errorf("%q resolves to %s", name, e.ID)
			}
			continue
		}
		if err != nil || e.ID != want {
			t.Errorf("%q: %v, %v; want %s", name, e.ID, err, want)
		}
	}
	// several titles hold it: refused with their paths, as several ids would be
	if _, err := p.Resolve("決済", dir); err == nil || !strings.Contains(err.Error(), `"決済" matches 2 postmortems: postmortems/2026-11-20-incident.md, postmortems/2026-11-22-api.md`) {
		t.Errorf("決済: %v", err)
	}
}
