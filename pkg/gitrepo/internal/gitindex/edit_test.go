package gitindex

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// editCase makes a repository (setup), then changes it with git (change) touching paths. The
// test replays the change with Set and Remove, taking each new entry from git's resulting
// index (so the stat data match), and expects git's bytes: same entries, same flags on the
// untouched ones, and the same TREE, UNTR and REUC updates.
type editCase struct {
	name   string
	setup  func(r *gitRepo)
	change func(r *gitRepo)
	paths  []string
	opts   EncodeOptions
	// moved lists the extensions git changed (so the case shows Set and Remove updating them).
	moved []string
	// full marks a case that only widens another: it runs in the full tier only.
	full bool
}

// committed commits basicFiles and two more files, README.md assumed unchanged.
func committed(r *gitRepo) {
	if !r.fromFixture(committedFixture) {
		makeCommitted(r)
	}
}

var committedFixture = &fixture{name: "committed", build: makeCommitted}

func makeCommitted(r *gitRepo) {
	basicFiles(r)
	r.write("other/deep/x.md", "x\n")
	r.write("other/y.md", "y\n")
	r.git("add", ".")
	r.git("update-index", "--assume-unchanged", "README.md")
	r.git("commit", "-qm", "first")
}

func withUntrackedCache(flags ...string) func(r *gitRepo) {
	return func(r *gitRepo) {
		committed(r)
		r.setConfig("core.untrackedCache", "true")
		r.write("docs/untracked.md", "u\n")
		r.write("docs/sub/deep/new.md", "n\n")
		r.write("other/deep/more/u.md", "u\n")
		r.write("newdir/a/b.md", "n\n")
		r.git(append([]string{"status", "--porcelain"}, flags...)...)
		r.git(append([]string{"status", "--porcelain"}, flags...)...)
	}
}

var editCases = []editCase{
	{
		name:  "modify and add",
		setup: committed,
		change: func(r *gitRepo) {
			r.write("docs/a.md", "a changed\n")
			r.write("docs/new/c.md", "c\n")
			r.write("z.md", "z\n")
			r.git("add", "docs/a.md", "docs/new/c.md", "z.md")
		},
		paths: []string{"docs/a.md", "docs/new/c.md", "z.md"},
		moved: []string{"TREE"},
	},
	{
		name: "version 4",
		setup: func(r *gitRepo) {
			committed(r)
			r.git("update-index", "--index-version", "4")
		},
		change: func(r *gitRepo) {
			r.write("docs/sub/b.md", "b changed\n")
			r.write("docs/sub/a0.md", "new\n")
			r.git("add", "docs/sub")
		},
		paths: []string{"docs/sub/a0.md", "docs/sub/b.md"},
	},
	{
		name:  "remove",
		setup: committed,
		change: func(r *gitRepo) {
			r.git("rm", "-q", "--cached", "docs/a.md", "other/deep/x.md")
		},
		paths: []string{"docs/a.md", "other/deep/x.md"},
	},
	{
		name:  "file becomes directory",
		setup: committed,
		change: func(r *gitRepo) {
			os.Remove(filepath.Join(r.dir, "docs/sub/b.md"))
			r.write("docs/sub/b.md/inner.md", "inner\n")
			r.git("add", "-A", "docs/sub")
		},
		paths: []string{"docs/sub/b.md/inner.md"},
	},
	{
		name:  "directory becomes file",
		setup: committed,
		change: func(r *gitRepo) {
			os.RemoveAll(filepath.Join(r.dir, "other/deep"))
			r.write("other/deep", "now a file\n")
			r.git("add", "-A", "other")
		},
		paths: []string{"other/deep"},
	},
	{
		name:  "intent to add",
		setup: committed,
		change: func(r *gitRepo) {
			r.write("docs/later.md", "later\n")
			r.git("add", "-N", "docs/later.md")
		},
		paths: []string{"docs/later.md"},
	},
	{
		name:  "resolve conflicts",
		setup: conflict,
		change: func(r *gitRepo) {
			r.write("f.txt", "resolved\n")
			r.git("add", "f.txt")
			r.git("rm", "-q", "--cached", "g.txt")
		},
		paths: []string{"f.txt", "g.txt"},
		moved: []string{"REUC"},
	},
	{
		name:  "untracked cache",
		setup: withUntrackedCache(),
		change: func(r *gitRepo) {
			r.git("add", "docs/untracked.md", "docs/sub/deep/new.md", "newdir/a/b.md")
			r.git("rm", "-q", "--cached", "other/y.md")
		},
		paths: []string{"docs/untracked.md", "docs/sub/deep/new.md", "newdir/a/b.md", "other/y.md"},
		moved: []string{"TREE", "UNTR"},
	},
	{
		// git status -uall leaves the untracked cache without directories.
		name:  "untracked cache, all files",
		full:  true,
		setup: withUntrackedCache("-uall"),
		change: func(r *gitRepo) {
			r.git("add", "docs/sub/deep/new.md", "other/deep/more/u.md")
			r.write("docs/a.md", "changed\n")
			r.git("add", "docs/a.md")
		},
		paths: []string{"docs/sub/deep/new.md", "other/deep/more/u.md", "docs/a.md"},
		moved: []string{"TREE"},
	},
	{
		name: "sparse index",
		setup: func(r *gitRepo) {
			committed(r)
			r.git("sparse-checkout", "set", "--cone", "docs")
			r.setConfig("index.sparse", "true")
			r.git("sparse-checkout", "reapply")
		},
		change: func(r *gitRepo) {
			r.write("docs/sub/b.md", "b changed\n")
			r.write("docs/new.md", "new\n")
			r.git("add", "docs")
		},
		paths: []string{"docs/new.md", "docs/sub/b.md"},
	},
	{
		name: "threaded index",
		setup: func(r *gitRepo) {
			r.setConfig("index.threads", "3")
			r.writeMany(testenv.Inputs(10, 600))
			r.git("add", ".")
			r.git("commit", "-qm", "many")
		},
		change: func(r *gitRepo) {
			r.write("d05/s5/file0005.md", "changed\n")
			r.write("d05/s5/new.md", "new\n")
			r.git("add", "d05")
		},
		paths: []string{"d05/s5/file0005.md", "d05/s5/new.md"},
		opts:  EncodeOptions{ThreadsSet: true, Threads: 3},
	},
}

func TestEditsMatchGit(t *testing.T) {
	t.Parallel()
	requireGit(t)
	for _, tc := range editCases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.full {
				testenv.Exhaustive(t)
			}
			t.Parallel()
			r := newGitRepo(t)
			tc.setup(r)
			before := r.index()
			tc.change(r)
			after := r.index()
			x, y := mustDecode(t, before), mustDecode(t, after)
			for _, sig := range tc.moved {
				if bytes.Equal(extension(t, before, sig), extension(t, after, sig)) {
					t.Fatalf("git left %s alone; the case tests nothing", sig)
				}
			}
			for _, p := range tc.paths {
				if e := y.Entry(p); e != nil {
					if err := x.Set(*e); err != nil {
						t.Fatalf("Set(%s): %v", p, err)
					}
				} else if !x.Remove(p) {
					t.Fatalf("Remove(%s): no entry", p)
				}
			}
			sameBytes(t, "index after edits", after, mustEncode(t, x, tc.opts))
		})
	}
}

// TestUpdateTreeMatchesGit: UpdateTree recomputes the invalid cache-tree nodes into the
// trees git write-tree (or git commit) computes, and the index comes out as git writes it.
func TestUpdateTreeMatchesGit(t *testing.T) {
	t.Parallel()
	requireGit(t)
	for _, tc := range []struct {
		name   string
		setup  func(r *gitRepo)
		write  []string // the git command that updates the cache tree
		noTree bool     // build the cache tree from scratch
		full   bool     // only widens another case: the full tier only
	}{
		{"partly invalid", func(r *gitRepo) {
			committed(r)
			r.write("docs/sub/b.md", "b changed\n")
			r.write("docs/sub/deeper/c.md", "c\n")
			r.write("new/x.md", "x\n")
			r.git("add", ".")
			r.git("rm", "-q", "--cached", "other/y.md")
		}, []string{"write-tree"}, false, false},
		{"commit", func(r *gitRepo) {
			committed(r)
			r.write("docs/a.md", "a changed\n")
			r.write("other/deep/x.md", "x changed\n")
			r.git("add", ".")
		}, []string{"commit", "-qm", "second"}, false, true},
		{"no cache tree", func(r *gitRepo) {
			withLongPath(r)
			r.write("other/deep/x.md", "x\n")
			r.git("add", ".")
		}, []string{"write-tree"}, true, true}, // git writes a tree per folder of longPath; the next case builds from nothing too
		{"from scratch after commit", func(r *gitRepo) {
			committed(r)
			r.write("docs/a.md", "a changed\n")
			r.git("add", ".")
		}, []string{"write-tree"}, true, false},
		{"intent to add", func(r *gitRepo) {
			committed(r)
			r.write("docs/sub/planned.md", "later\n")
			r.write("only-ita/x.md", "later\n")
			r.write("only-ita/deeper/y.md", "later\n")
			r.git("add", "-N", "docs/sub/planned.md", "only-ita")
			r.write("docs/a.md", "a changed\n")
			r.git("add", "docs/a.md")
		}, []string{"write-tree"}, false, false},
		{"sparse index", func(r *gitRepo) {
			committed(r)
			r.git("sparse-checkout", "set", "--cone", "docs")
			r.setConfig("index.sparse", "true")
			r.git("sparse-checkout", "reapply")
			r.write("docs/sub/b.md", "b changed\n")
			r.git("add", "docs")
			// git write-tree expands a sparse index as it reads it, rebuilding the whole
			// cache tree, and then has nothing to write; git commit writes.
		}, []string{"commit", "-qm", "second"}, false, false},
		{"sparse index from scratch", func(r *gitRepo) {
			committed(r)
			r.git("sparse-checkout", "set", "--cone", "docs")
			r.setConfig("index.sparse", "true")
			r.git("sparse-checkout", "reapply")
			r.write("docs/new.md", "new\n")
			r.git("add", "docs")
		}, []string{"commit", "-qm", "second"}, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.full {
				testenv.Exhaustive(t)
			}
			t.Parallel()
			r := newGitRepo(t)
			tc.setup(r)
			before := r.index()
			out := r.git(tc.write...)
			after := r.index()
			if tc.write[0] != "write-tree" { // which printed the root tree
				out = r.git("write-tree")
			}
			root, err := ParseHash(out)
			if err != nil {
				t.Fatal(err)
			}
			x := mustDecode(t, before)
			if tc.noTree {
				x.Tree = nil
			}
			store := newGitStore(r)
			got, err := x.UpdateTree(store)
			if err != nil {
				t.Fatalf("UpdateTree: %v", err)
			}
			if got != root {
				t.Errorf("root tree %s, git's %s", got, root)
			}
			// Every tree UpdateTree made is one git made too.
			for h := range store.trees {
				if !r.hasObject(h) {
					t.Errorf("tree %s is not git's", h)
				}
			}
			sameBytes(t, "index after UpdateTree", after, mustEncode(t, x, EncodeOptions{}))
			// Up to date now: a second update writes nothing (but for directories holding
			// intent-to-add entries, which stay invalid and are recomputed every time).
			n := store.written
			if _, err := x.UpdateTree(store); err != nil || store.written != n && tc.name != "intent to add" {
				t.Errorf("second UpdateTree wrote %d trees (%v)", store.written-n, err)
			}
		})
	}
}

func TestUpdateTreeRefusals(t *testing.T) {
	t.Parallel()
	requireGit(t)
	r := newGitRepo(t)
	conflict(r)
	x := mustDecode(t, r.index())
	if _, err := x.UpdateTree(memStore{}); !errors.Is(err, ErrUnmerged) {
		t.Errorf("unmerged index: %v", err)
	}

	h := blobHash("x")
	y := &Index{Version: 2}
	for _, n := range []string{"a", "a/b"} {
		// Set would remove "a" for "a/b", as git does; build the clash by hand.
		y.Entries = append(y.Entries, Entry{Name: n, Mode: ModeRegular, Hash: h})
	}
	if _, err := y.UpdateTree(memStore{}); !errors.Is(err, ErrInvalidPath) {
		t.Errorf("file and directory: %v", err)
	}
	z := &Index{Entries: []Entry{{Name: "a", Mode: ModeRegular}}}
	if _, err := z.UpdateTree(memStore{}); !errors.Is(err, ErrNullHash) {
		t.Errorf("null hash: %v", err)
	}
}

// TestUpdateTreeMissingTrees: a valid node whose tree is not in the store is recomputed, as
// git does, to the same tree.
func TestUpdateTreeMissingTrees(t *testing.T) {
	t.Parallel()
	requireGit(t)
	r := newGitRepo(t)
	committed(r)
	data := r.index()
	x := mustDecode(t, data)
	store := memStore{}
	if _, err := x.UpdateTree(store); err != nil {
		t.Fatal(err)
	}
	if n := countNodes(x.Tree); len(store) != n {
		t.Errorf("%d trees written for %d directories", len(store), n)
	}
	sameBytes(t, "recomputed from scratch", data, mustEncode(t, x, EncodeOptions{}))
}

func TestSetRefusals(t *testing.T) {
	t.Parallel()
	x := &Index{Version: 2}
	h := Hash{1}
	for _, name := range []string{"", "/a", "a/", "a//b", "./a", "a/../b", ".git/config", "a/.GIT/b", "a\x00b"} {
		if err := x.Set(Entry{Name: name, Mode: ModeRegular, Hash: h}); !errors.Is(err, ErrInvalidPath) {
			t.Errorf("Set(%q): %v", name, err)
		}
	}
	if err := x.Set(Entry{Name: "sparse/", Mode: ModeDir, Hash: h, ExtFlags: ExtSkipWorktree}); err != nil {
		t.Fatal(err)
	}
	if err := x.Set(Entry{Name: "sparse/inside.md", Mode: ModeRegular, Hash: h}); !errors.Is(err, ErrInsideSparseDir) {
		t.Errorf("Set inside a sparse directory: %v", err)
	}
	if err := x.Set(Entry{Name: "sparse.md", Mode: ModeRegular, Hash: h}); err != nil {
		t.Errorf("Set beside a sparse directory: %v", err)
	}
	if !x.Sparse || len(x.Entries) != 2 {
		t.Errorf("Sparse %v, %d entries", x.Sparse, len(x.Entries))
	}
}

// TestFSMonitorEdits: the FSMN bitmap follows the entries through inserts and removals, and an
// edited entry is never left "valid".
func TestFSMonitorEdits(t *testing.T) {
	t.Parallel()
	requireGit(t)
	r := newGitRepo(t)
	committed(r)
	fsmonitorHook(r)
	r.git("status", "--porcelain")
	x := mustDecode(t, r.index())
	if x.FSMonitor == nil || x.FSMonitor.Token != "token-42" {
		t.Fatalf("FSMonitor %+v", x.FSMonitor)
	}
	valid := map[string]bool{}
	for _, e := range x.Entries {
		valid[e.Name] = e.FSMonitorValid
	}
	if !valid["docs/a.md"] || valid["vendor/lib"] {
		t.Fatalf("fsmonitor bits as read: %v", valid)
	}
	a := *x.Entry("docs/a.md")
	a.Hash = blobHash("a changed\n") // git ls-files does not read it
	if err := x.Set(a); err != nil {
		t.Fatal(err)
	}
	if err := x.Set(Entry{Name: "docs/0new.md", Mode: ModeRegular, Hash: a.Hash, FSMonitorValid: true}); err != nil {
		t.Fatal(err)
	}
	x.Remove("README.md")
	y := mustDecode(t, mustEncode(t, x, EncodeOptions{}))
	for _, e := range y.Entries {
		want := valid[e.Name]
		if e.Name == "docs/a.md" || e.Name == "docs/0new.md" {
			want = false
		}
		if e.FSMonitorValid != want {
			t.Errorf("%s: FSMonitorValid %v, want %v", e.Name, e.FSMonitorValid, want)
		}
	}
	// git agrees on the entries it must look at again.
	r.setIndex(mustEncode(t, x, EncodeOptions{}))
	out := r.git("ls-files", "-f")
	for _, line := range strings.Split(out, "\n") {
		if strings.HasSuffix(line, "docs/a.md") && !strings.HasPrefix(line, "H ") {
			t.Errorf("git ls-files -f: %q, want docs/a.md not fsmonitor-valid", line)
		}
	}
}

func countNodes(t *TreeNode) int {
	n := 1
	for _, s := range t.Subtrees {
		n += countNodes(s)
	}
	return n
}

// extension returns the body of extension sig in an index file, nil when absent.
func extension(t *testing.T, data []byte, sig string) []byte {
	t.Helper()
	x := mustDecode(t, data)
	// Walk the extensions after the entries: re-encode the entries alone to find where they end.
	off := len(mustEncode(t, &Index{Version: x.Version, Entries: x.Entries}, EncodeOptions{})) - hashSize
	for off+8 <= len(data)-hashSize {
		size := int(binary.BigEndian.Uint32(data[off+4:]))
		if string(data[off:off+4]) == sig {
			return data[off+8 : off+8+size]
		}
		off += 8 + size
	}
	return nil
}
