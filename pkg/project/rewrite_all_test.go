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

func TestRewriteAllCommitsTheFilesTogether(t *testing.T) {
	p, a := committed(t, "a\n")
	b := filepath.Join(p.Dir(), "b.md")
	if _, err := p.WriteNew(func(int) string { return b }, []byte("b\n"), Write{Commit: true, Message: msg("base b")}); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(b, []byte("b\nthe user's line\n"), 0o644)
	res, err := p.RewriteAll([]Change{
		{Path: a, Old: []byte("a\n"), Data: []byte("A\n")},
		{Path: b, Old: []byte("b\nthe user's line\n"), Data: []byte("B\nthe user's line\n")},
	}, Write{Commit: true, Message: msg("pm: both")})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 || res[0].Hash == "" || res[1].Hash != res[0].Hash || res[0].Edits != nil || res[1].Edits == nil || res[1].Edits.Added != 1 {
		t.Fatalf("result %+v", res)
	}
	want := "pm: both\n\npostmortems/b.md: Includes uncommitted edits to the postmortem: +1 -0 lines\n"
	if got := headMessage(t, p); got != want {
		t.Errorf("message %q, want %q", got, want)
	}
	r, _ := p.Repo()
	for path, content := range map[string]string{"postmortems/a.md": "A\n", "postmortems/b.md": "B\nthe user's line\n"} {
		data, ok, err := r.FileAt("HEAD", path)
		if err != nil || !ok || string(data) != content {
			t.Errorf("HEAD:%s = %q, %v, %v; want %q", path, data, ok, err, content)
		}
	}
	if n, _ := r.CommitCount(); n != 3 {
		t.Errorf("%d commits, want 3 (two bases and one for both files)", n)
	}
}

func TestRewriteAllRefusedByAHookPutsEveryFileBack(t *testing.T) {
	p, a := committed(t, "a\n")
	b := filepath.Join(p.Dir(), "b.md")
	if _, err := p.WriteNew(func(int) string { return b }, []byte("b\n"), Write{Commit: true, Message: msg("base b")}); err != nil {
		t.Fatal(err)
	}
	hook(t, p, "#!/bin/sh\nexit 1\n")
	_, err := p.RewriteAll([]Change{
		{Path: a, Old: []byte("a\n"), Data: []byte("A\n")},
		{Path: b, Old: []byte("b\n"), Data: []byte("B\n")},
	}, Write{Commit: true, Message: msg("pm: both")})
	if err == nil {
		t.Fatal("no error")
	}
	for path, want := range map[string]string{a: "a\n", b: "b\n"} {
		if got, _ := os.ReadFile(path); string(got) != want {
			t.Errorf("%s = %q, want %q", path, got, want)
		}
	}
}
