package indexahead

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/gitrepo/internal/gitindex"
)

// writeIndex writes an index file of the given names (version 2, zero checksum) at path, padded
// with entries to size bytes or more so that it is mapped rather than read when size is large.
func writeIndex(t *testing.T, path string, names []string) {
	t.Helper()
	x := &gitindex.Index{Version: 2}
	for _, n := range names {
		x.Entries = append(x.Entries, gitindex.Entry{Name: n, Mode: 0o100644, Hash: gitindex.Hash{1, 2, 3}})
	}
	var b bytes.Buffer
	if err := x.Encode(&b, gitindex.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path+".tmp", b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(path+".tmp", path); err != nil { // as git replaces its index
		t.Fatal(err)
	}
}

func names(n int) []string {
	var out []string
	for i := range n {
		out = append(out, filepath.ToSlash(filepath.Join("pm", time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format("2006-01-02"))+".md"))
	}
	return out
}

func viewNames(v *gitindex.View) []string {
	var out []string
	for i := range v.Len() {
		out = append(out, v.Name(i))
	}
	return out
}

func stat(t *testing.T, path string) os.FileInfo {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi
}

// A small index is read and a large one mapped; either way the View taken is of the file's entries.
func TestTakeTheFileDecoded(t *testing.T) {
	for _, n := range []int{3, 2000} {
		t.Cleanup(func() { ahead.Store(nil) })
		path := filepath.Join(t.TempDir(), "index")
		writeIndex(t, path, names(n))
		Start(path)
		pending := Pending()
		if pending == nil {
			t.Fatalf("%d entries: nothing decoded", n)
		}
		v, opened, ok := Take(path, os.Stat)
		if !ok || v != pending {
			t.Fatalf("%d entries: Take = %p, %v; the View decoded is %p", n, v, ok, pending)
		}
		if got := viewNames(v); !reflect.DeepEqual(got, names(n)) {
			t.Errorf("%d entries: the View holds %d names, first %q", n, len(got), got[:min(3, len(got))])
		}
		if !os.SameFile(opened, stat(t, path)) {
			t.Error("the file returned is not the one decoded")
		}
		if Pending() != nil {
			t.Error("still pending after Take")
		}
		if _, _, ok := Take(path, os.Stat); ok {
			t.Error("taken twice")
		}
	}
}

// A file replaced, grown, touched, another path, nothing begun, an index the decoder refuses: not
// taken.
func TestTakeRefused(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "index")
	for _, c := range []struct {
		name   string
		change func() // after Start, before Take
		path   string
	}{
		{"replaced by another index", func() { writeIndex(t, path, names(5)) }, path},
		{"the same bytes written anew", func() {
			data, _ := os.ReadFile(path)
			os.Remove(path)
			os.WriteFile(path, data, 0o644)
		}, path},
		{"modification time changed", func() {
			later := time.Now().Add(time.Hour)
			os.Chtimes(path, later, later)
		}, path},
		{"another path", func() {}, filepath.Join(dir, "other")},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Cleanup(func() { ahead.Store(nil) })
			writeIndex(t, path, names(4))
			if c.path != path {
				writeIndex(t, c.path, names(4))
			}
			Start(path)
			if Pending() == nil {
				t.Fatal("nothing decoded")
			}
			c.change()
			if _, _, ok := Take(c.path, os.Stat); ok {
				t.Fatal("taken")
			}
			if Pending() != nil {
				t.Error("still pending after a refusal")
			}
		})
	}
	t.Run("nothing begun", func(t *testing.T) {
		writeIndex(t, path, names(4))
		if _, _, ok := Take(path, os.Stat); ok {
			t.Fatal("taken")
		}
	})
	t.Run("not an index", func(t *testing.T) {
		t.Cleanup(func() { ahead.Store(nil) })
		os.WriteFile(path, []byte("DIRC but not really an index file at all"), 0o644)
		Start(path)
		if Pending() != nil {
			t.Fatal("a damaged index was decoded")
		}
		if _, _, ok := Take(path, os.Stat); ok {
			t.Fatal("taken")
		}
	})
	t.Run("a folder", func(t *testing.T) {
		t.Cleanup(func() { ahead.Store(nil) })
		Start(dir)
		if Pending() != nil {
			t.Fatal("a folder was decoded")
		}
	})
	t.Run("no path", func(t *testing.T) {
		Start("")
		if ahead.Load() != nil {
			t.Fatal(`Start("") began a decoding`)
		}
	})
}

func TestGuess(t *testing.T) {
	root := t.TempDir()
	repo := filepath.Join(root, "repo")
	sub := filepath.Join(repo, "a", "b")
	wt := filepath.Join(root, "worktree")
	for _, d := range []string{filepath.Join(repo, ".git"), sub, filepath.Join(wt, "x")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(wt, ".git"), []byte("gitdir: ../repo/.git/worktrees/w\n"), 0o644)
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	for _, c := range []struct {
		name, dir string
		env       func(string) string
		want      string
	}{
		{"the work tree's root", repo, env(), filepath.Join(repo, ".git", "index")},
		{"a folder below it", sub, env(), filepath.Join(repo, ".git", "index")},
		{"GIT_INDEX_FILE, relative", sub, env("GIT_INDEX_FILE", "../i"), filepath.Join(repo, "a", "i")},
		{"GIT_INDEX_FILE, absolute", sub, env("GIT_INDEX_FILE", "/x/index.lock"), "/x/index.lock"},
		{"GIT_DIR", sub, env("GIT_DIR", "../../.git"), filepath.Join(repo, ".git", "index")},
		{"a linked work tree (a .git file)", filepath.Join(wt, "x"), env(), ""},
		{"no repository", root, env(), ""},
	} {
		if got := Guess(c.dir, c.env); got != c.want {
			t.Errorf("%s: Guess = %q, want %q", c.name, got, c.want)
		}
	}
}
