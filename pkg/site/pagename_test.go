package site

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// Ids that differ only in case (a.md and A.MD) get pages that differ in more than case, since one
// folder cannot hold both on a case-insensitive disk: the id sorted first keeps its name, the other
// gets a hash of itself, and a second file with an id (sub/a.md) a hash of its path. A body's link
// leads to the page of the id it names, whichever that is.
func TestPageNamesOfIDsInOtherCases(t *testing.T) {
	in := func(rel, body string) Input {
		src := "---\ntitle: " + rel + "\nseverity: SEV-2\nstatus: Draft\nowner: x\nincident_date: 2026-11-20\n---\n# " + rel + "\n\n" + body + "\n"
		id := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(rel), ".md"), ".MD")
		return Input{ID: id, Path: rel, Doc: postmortem.Parse(rel, []byte(src), time.UTC)}
	}
	inputs := []Input{
		in("postmortems/2026-11-20-links.md", "See [a](a.md) and [A](A.MD)."),
		in("postmortems/A.MD", ""),
		in("postmortems/a.md", ""),
		in("postmortems/sub/a.md", ""),
	}
	want := map[string]string{ // the page of each file
		"postmortems/2026-11-20-links.md": "pm/2026-11-20-links.html",
		"postmortems/A.MD":                "pm/A.html",
		"postmortems/a.md":                "pm/" + uniqueName("a", "a", map[string]bool{"a": true}) + ".html",
		"postmortems/sub/a.md":            "pm/" + uniqueName("a", "postmortems/sub/a.md", map[string]bool{"a": true}) + ".html",
	}
	for i := 0; i < 2; i++ { // the same names whatever the order of the files
		o := fixtureOptions(i18n.EN)
		dir := t.TempDir() + "/site"
		if i == 1 {
			inputs[1], inputs[2] = inputs[2], inputs[1]
		}
		if _, err := Build(dir, inputs, o); err != nil {
			t.Fatal(err)
		}
		entries, _ := os.ReadDir(filepath.Join(dir, "pm"))
		seen := map[string]bool{}
		var names []string
		for _, e := range entries {
			if seen[strings.ToLower(e.Name())] {
				t.Errorf("two pages named %s in different cases", e.Name())
			}
			seen[strings.ToLower(e.Name())] = true
			names = append(names, "pm/"+e.Name())
		}
		for rel, page := range want {
			b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(page)))
			if err != nil || !strings.Contains(string(b), rel) {
				t.Errorf("order %d: %s: no page %s holding it (pages %q)", i, rel, page, names)
			}
		}
		b, _ := os.ReadFile(filepath.Join(dir, "pm", "2026-11-20-links.html"))
		links := regexp.MustCompile(`href="\.\./(pm/[^"]+)"`).FindAllStringSubmatch(string(b), -1)
		var got []string
		for _, l := range links {
			got = append(got, l[1])
		}
		if w := want["postmortems/a.md"] + " " + want["postmortems/A.MD"]; strings.Join(got, " ") != w {
			t.Errorf("order %d: links %q, want %s", i, got, w)
		}
	}
}

// No page name starts with a dot, which would make a hidden file a Pages upload leaves out: a service
// named "../../etc/passwd" gets a page all the same, not ".." anything.
func TestPageNamesNeverHidden(t *testing.T) {
	for _, name := range []string{"../../etc/passwd", ".hidden", "..", "-.-x", ". ."} {
		got := uniqueName(name, name, map[string]bool{})
		if got == "" || got[0] == '.' || strings.ContainsAny(got, "/\\\\") {
			t.Errorf("uniqueName(%q) = %q", name, got)
		}
	}
	if got := uniqueName(".net", ".net", map[string]bool{}); !strings.HasPrefix(got, "net-") {
		t.Errorf("uniqueName(.net) = %q", got)
	}
}
