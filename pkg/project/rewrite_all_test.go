package project

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

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
	if res.Hash == "" || len(res.Paths) != 2 || res.Edits[a] != nil || res.Edits[b] == nil || res.Edits[b].Added != 1 {
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

func TestRewriteAllWritesNothingWhenOneFileChanged(t *testing.T) {
	p, a := committed(t, "a\n")
	b := filepath.Join(p.Dir(), "b.md")
	os.WriteFile(b, []byte("b changed\n"), 0o644)
	_, err := p.RewriteAll([]Change{
		{Path: a, Old: []byte("a\n"), Data: []byte("A\n")},
		{Path: b, Old: []byte("b\n"), Data: []byte("B\n")},
	}, Write{Commit: true, Message: msg("pm: both")})
	if !errors.Is(err, ErrChanged) {
		t.Fatalf("error %v, want ErrChanged", err)
	}
	if got, _ := os.ReadFile(a); string(got) != "a\n" {
		t.Errorf("a.md = %q: written although b.md had changed", got)
	}
	if headMessage(t, p) != "base\n" {
		t.Error("committed")
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
