package project

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestRelations(t *testing.T) {
	p := open(t)
	os.MkdirAll(filepath.Join(p.Dir(), "2025"), 0o755)
	doc := func(extra string) []byte {
		return []byte("---\ntitle: x\nseverity: SEV-1\nstatus: Draft\nowner: a\nincident_date: 2026-11-20\n" + extra + "---\n")
	}
	os.WriteFile(filepath.Join(p.Dir(), "a.md"), doc("related: [b, c]\n"), 0o644)
	os.WriteFile(filepath.Join(p.Dir(), "2025", "b.md"), doc("related: a\n"), 0o644)
	rel := p.Relations()
	// A file written after the lookup is made but before its first call is seen: the folder is
	// read on the first call, not before.
	os.WriteFile(filepath.Join(p.Dir(), "c.md"), doc(""), 0o644)
	cases := []struct {
		id      string
		exists  bool
		related []string
	}{{"a", true, []string{"b", "c"}}, {"b", true, []string{"a"}}, {"c", true, nil}, {"d", false, nil}, {"2025", false, nil}}
	for _, c := range cases {
		exists, related := rel(c.id)
		if exists != c.exists || !slices.Equal(related, c.related) {
			t.Errorf("%s: %v %v, want %v %v", c.id, exists, related, c.exists, c.related)
		}
	}
	os.Remove(filepath.Join(p.Dir(), "a.md"))
	if exists, _ := rel("a"); !exists {
		t.Error("the index was read again on a later call")
	}
}
