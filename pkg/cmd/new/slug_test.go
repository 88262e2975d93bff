package new

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/cmdutil"
)

// A --slug pm could only turn into "incident", or keep in part (its other letters dropped), is
// refused with what a slug may hold: the file would be named after nothing the owner typed.
func TestNewRefusesASlugItCannotKeep(t *testing.T) {
	env := map[string]string{"HOME": t.TempDir(), "USER": "kim"}
	for _, slug := range []string{"決済", "..", "   ", "🔥", "ünï", "café-outage", "-"} {
		dir := t.TempDir()
		_, _, err := runNew(t, dir, env, Options{Severity: "1", Title: "Checkout latency", Slug: slug, Date: "2026-11-20", NoCommit: true})
		if cmdutil.ExitCode(err) != 2 || err == nil || !strings.Contains(err.Error(), "ASCII letters, digits and hyphens") ||
			!strings.Contains(err.Error(), "--slug") {
			t.Errorf("--slug %q: exit %d, %v", slug, cmdutil.ExitCode(err), err)
		}
		if entries, _ := os.ReadDir(filepath.Join(dir, "postmortems")); len(entries) != 0 {
			t.Errorf("--slug %q left files: %v", slug, entries)
		}
	}
	for slug, file := range map[string]string{"Checkout Delay": "checkout-delay", "dns_2": "dns-2", "42": "42", "../../evil": "evil"} {
		out, _, err := runNew(t, t.TempDir(), env, Options{Severity: "1", Title: "x", Slug: slug, Date: "2026-11-20", NoCommit: true})
		if err != nil || !strings.HasSuffix(strings.TrimSpace(out), "/2026-11-20-"+file+".md") {
			t.Errorf("--slug %q: %q, %v; want %s", slug, out, err, file)
		}
	}
}

// The note on a file named after no slug of the title says the rule pm applies: a title with no
// ASCII letters (digits alone, "123", say nothing of the incident) names no file. A title whose slug
// is "incident" is a title with a slug, and gets no note.
func TestNewNoSlugNoteSaysTheRule(t *testing.T) {
	env := map[string]string{"HOME": t.TempDir(), "USER": "kim"}
	for _, c := range []struct {
		title    string
		services []string
		file     string
		note     string
	}{
		{"123", nil, "2026-11-20-incident.md", "the title has no ASCII letters, so the file is named 2026-11-20-incident.md"},
		{"障害 #1", nil, "2026-11-20-incident.md", "the title has no ASCII letters, so"},
		{"123", []string{"checkout"}, "2026-11-20-checkout.md", "the title has no ASCII letters, so the file is named after its services"},
		{"Incident", nil, "2026-11-20-incident.md", ""},
		{"Incident", []string{"checkout"}, "2026-11-20-incident.md", ""},
		{"決済の遅延", nil, "2026-11-20-incident.md", "the title has no ASCII letters, so the file is named 2026-11-20-incident.md; give --slug"},
	} {
		out, errOut, err := runNew(t, t.TempDir(), env, Options{Severity: "2", Title: c.title, Services: c.services, Date: "2026-11-20", NoCommit: true})
		if err != nil {
			t.Fatalf("%q: %v", c.title, err)
		}
		if !strings.HasSuffix(strings.TrimSpace(out), "/"+c.file) {
			t.Errorf("%q %v: %q, want %s", c.title, c.services, out, c.file)
		}
		if strings.Contains(errOut, "digits alone") != strings.ContainsAny(c.title, "0123456789") && c.note != "" && !strings.Contains(c.note, "services") {
			t.Errorf("%q: %q: the note on digits is for a title with digits", c.title, errOut)
		}
		if strings.Contains(errOut, "or digits") || (c.note == "") == strings.Contains(errOut, "note: the title") ||
			(c.note != "" && !strings.Contains(errOut, c.note)) {
			t.Errorf("%q %v: %q, want the note %q", c.title, c.services, errOut, c.note)
		}
	}
}
