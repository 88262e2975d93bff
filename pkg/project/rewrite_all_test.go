package project

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// RewriteAll writes nothing when any of its files changed on disk since pm read it: a relation
// written on one side only is what it exists to avoid.
func TestRewriteAllWritesAllOrNothing(t *testing.T) {
	p := open(t)
	os.MkdirAll(p.Dir(), 0o755)
	a, b := filepath.Join(p.Dir(), "a.md"), filepath.Join(p.Dir(), "b.md")
	os.WriteFile(a, []byte("a as read"), 0o644)
	os.WriteFile(b, []byte("b edited meanwhile"), 0o644)
	changes := []Change{{Path: a, Data: []byte("a by pm"), Old: []byte("a as read")}, {Path: b, Data: []byte("b by pm"), Old: []byte("b as read")}}
	_, err := p.RewriteAll(changes, Write{Commit: false})
	if !errors.Is(err, ErrChanged) {
		t.Fatalf("want ErrChanged, got %v", err)
	}
	if got, _ := os.ReadFile(a); string(got) != "a as read" {
		t.Errorf("a was written: %q", got)
	}
	changes[1].Old = []byte("b edited meanwhile")
	res, err := p.RewriteAll(changes, Write{Commit: false})
	if err != nil || len(res) != 2 || res[1].Path != b || res[0].Hash != "" {
		t.Fatalf("RewriteAll: %+v, %v", res, err)
	}
	for _, c := range changes {
		if got, _ := os.ReadFile(c.Path); string(got) != string(c.Data) {
			t.Errorf("%s holds %q", c.Path, got)
		}
	}
}
