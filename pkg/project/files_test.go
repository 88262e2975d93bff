package project

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// Every command's folder walk and every git-driven path check give the same set of postmortems.
func TestOnePostmortemPredicate(t *testing.T) {
	p := open(t)
	tree := map[string]bool{ // path below the root → is it a postmortem
		"postmortems/2026-11-20-a.md":                  true,
		"postmortems/2025/2025-01-02-b.MD":             true,
		"postmortems/sub.dir/c.md":                     true, // a dot inside a name is not a dot folder
		"postmortems/.drafts/d.md":                     false,
		"postmortems/node_modules/pkg/README.md":       false,
		"postmortems/2025/node_modules/README.md":      false,
		"postmortems/notes.txt":                        false,
		"postmortems/.github/PULL_REQUEST_TEMPLATE.md": false,
		"docs/elsewhere.md":                            false,
		"postmortems-old/2020-01-01-e.md":              false,
	}
	var want []string
	for rel, pm := range tree {
		path := filepath.Join(p.Root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := p.InDir(rel); got != pm {
			t.Errorf("InDir(%q) = %v, want %v", rel, got, pm)
		}
		if pm {
			want = append(want, path)
		}
	}
	slices.Sort(want)
	got, err := p.Files()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Errorf("Files() = %q\nwant %q", got, want)
	}
	walked, err := Walk(p.Dir(), func(path string, err error) { t.Errorf("skipped %s: %v", path, err) })
	if err != nil || !slices.Equal(walked, want) {
		t.Errorf("Walk(%s) = %q, %v\nwant %q", p.Dir(), walked, err, want)
	}
	// A dot folder named as the root is walked: the user asked for it.
	hidden, err := Walk(filepath.Join(p.Dir(), ".drafts"), func(string, error) {})
	if err != nil || len(hidden) != 1 || filepath.Base(hidden[0]) != "d.md" {
		t.Errorf("Walk(.drafts) = %q, %v; want its d.md", hidden, err)
	}
}
