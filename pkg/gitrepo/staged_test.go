package gitrepo

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/pm-tools/pm/pkg/gitrepo/internal/gitindex"
)

// TestStagedFilesWalkLikeGit stages, on top of a commit, the changes whose order in a tree and in
// the index differ or meet (names that sort around a folder's, a folder become a file and a file a
// folder, a mode change, a symbolic link, a deletion, an intent-to-add entry, folders unchanged
// below changed ones) and compares StagedFiles with `git diff --cached`, with the cache tree as git
// add leaves it and then fully valid (after git write-tree).
func TestStagedFilesWalkLikeGit(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	needGit(t)
	for _, p := range []string{"a/x.md", "a-b.md", "a.b.md", "a0.md", "b/c/d.md", "b/c/e.md", "b/f.md",
		"dir2file/x.md", "file2dir", "exec.sh", "keep/deep/k.md", "keep/k.md", "z.md"} {
		f.write(p, "# "+p+"\n")
	}
	f.git(f.root, "add", "-A")
	f.git(f.root, "commit", "-q", "-m", "base")

	f.write("a/x.md", "# a/x changed\n")
	f.write("a/y.md", "# a/y new\n")
	f.write("a.c.md", "# a.c new\n")
	f.write("b/c/e.md", "# e changed\n")
	f.write("z.md", "# z changed\n")
	mustNoErr(t, os.Chmod(filepath.Join(f.root, "exec.sh"), 0o755))
	mustNoErr(t, os.Remove(filepath.Join(f.root, "b/f.md")))
	mustNoErr(t, os.RemoveAll(filepath.Join(f.root, "dir2file")))
	f.write("dir2file", "# now a file\n")
	mustNoErr(t, os.Remove(filepath.Join(f.root, "file2dir")))
	f.write("file2dir/inside.md", "# now in a folder\n")
	mustNoErr(t, os.Symlink("a-b.md", filepath.Join(f.root, "link.md")))
	f.git(f.root, "add", "-A")
	f.write("ita.md", "# intent to add\n")
	f.git(f.root, "add", "-N", "ita.md")
	f.write("a0.md", "# changed in the work tree only\n")

	check := func(when string) {
		t.Helper()
		f.reopen()
		for _, md := range []bool{false, true} {
			var match func(string) bool
			if md {
				match = func(p string) bool { return strings.HasSuffix(p, ".md") }
			}
			staged, err := f.repo.StagedFiles(match)
			mustNoErr(t, err)
			var got, want []string
			for _, sf := range staged {
				got = append(got, sf.Path+"="+string(sf.Data))
			}
			for _, p := range strings.Split(f.git(f.root, "diff", "--cached", "--name-only", "--no-renames", "--diff-filter=ACMT"), "\n") {
				if p == "" || (match != nil && !match(p)) {
					continue
				}
				want = append(want, p+"="+f.gitStdout(f.root, "cat-file", "blob", ":"+p)+"\n")
			}
			// cat-file's output was trimmed: compare the contents trimmed alike.
			for i := range got {
				got[i] = strings.TrimRight(got[i], "\n") + "\n"
			}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("%s, match .md %v: StagedFiles\n%q\ngit diff --cached\n%q", when, md, got, want)
			}
		}
	}
	check("after git add")
	f.git(f.root, "write-tree")
	check("after git write-tree")
	f.git(f.root, "commit", "-q", "-m", "second")
	check("after git commit")
}

// TestStagedFilesLargeTree compares StagedFiles with git diff --cached in a folder whose tree is
// large (over 64 KB): streamed from its loose object file as git commit leaves it, then, once packed,
// from the pack rather than read whole. A damaged loose tree is an error, not a panic.
func TestStagedFilesLargeTree(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	needGit(t)
	// 1,600 index entries of one blob, staged by git update-index rather than as 1,600 files
	// written and added: the tree is as large, the test a fraction of the system time.
	f.write("seed.md", "# one of many\n")
	blob := f.git(f.root, "hash-object", "-w", "seed.md")
	var info strings.Builder
	for i := 0; i < 1600; i++ {
		fmt.Fprintf(&info, "100644 %s\tpostmortems/2026-01-01-incident-number-%05d.md\n", blob, i)
	}
	update := exec.Command("git", "update-index", "--index-info")
	update.Dir, update.Env, update.Stdin = f.root, gitEnv(f.home, f.gitEnv...), strings.NewReader(info.String())
	if out, err := update.CombinedOutput(); err != nil {
		t.Fatalf("git update-index --index-info: %v\n%s", err, out)
	}
	f.write("postmortems/a/inside.md", "# a folder among the files\n")
	f.git(f.root, "add", "postmortems/a/inside.md")
	f.git(f.root, "-c", "gc.auto=0", "commit", "-q", "-m", "base")
	f.write("postmortems/2026-01-01-incident-number-00007.md", "# changed\n")
	f.write("postmortems/2026-01-01-incident-number-01599.md", "# changed too\n")
	f.write("postmortems/2026-01-01-incident-number-99999.md", "# new\n")
	f.write("postmortems/a/inside.md", "# changed inside\n")
	f.git(f.root, "add", "postmortems/2026-01-01-incident-number-00007.md", "postmortems/2026-01-01-incident-number-01599.md",
		"postmortems/2026-01-01-incident-number-99999.md", "postmortems/a/inside.md")
	tree := plumbing.NewHash(f.git(f.root, "rev-parse", "HEAD:postmortems"))
	loose := filepath.Join(f.root, ".git", "objects", tree.String()[:2], tree.String()[2:])
	check := func(when string) {
		t.Helper()
		f.reopen()
		staged, err := f.repo.StagedFiles(nil)
		mustNoErr(t, err)
		var got []string
		for _, sf := range staged {
			got = append(got, sf.Path)
		}
		want := f.git(f.root, "diff", "--cached", "--name-only", "--no-renames", "--diff-filter=ACMT")
		if strings.Join(got, "\n") != want {
			t.Errorf("%s: StagedFiles\n%s\ngit diff --cached\n%s", when, strings.Join(got, "\n"), want)
		}
	}

	good, err := os.ReadFile(loose)
	if err != nil {
		t.Fatalf("the postmortems tree is not a loose object: %v", err)
	}
	check("loose")
	if ts, err := f.repo.looseTree(tree); err != nil {
		t.Errorf("the postmortems tree was not read from its loose object: %v", err)
	} else if _, ok := ts.(*treeStream); !ok {
		t.Errorf("the postmortems tree was read whole (%T), not streamed", ts)
		ts.close()
	} else {
		ts.close()
	}
	// A loose tree damaged in place: an error naming the tree, not a panic, as git refuses each.
	content := []byte(f.gitRaw("cat-file", "tree", tree.String()))
	badSum := bytes.Clone(good)
	badSum[len(badSum)-1] ^= 1
	for what, bad := range map[string][]byte{
		"cut short":                   good[:len(good)/2],
		"not zlib data":               []byte("not zlib at all"),
		"its zlib header alone":       good[:2],
		"garbage after the stream":    append(bytes.Clone(good), "junk"...),
		"a wrong checksum":            badSum,
		"longer than its header says": zlibOf(append([]byte(fmt.Sprintf("tree %d\x00", len(content)-21)), content...)),
		"shorter than its header":     zlibOf(append([]byte(fmt.Sprintf("tree %d\x00", len(content)+1)), content...)),
		"an entry cut short":          zlibOf(append([]byte(fmt.Sprintf("tree %d\x00", len(content)-5)), content[:len(content)-5]...)),
	} {
		mustNoErr(t, os.Chmod(loose, 0o644))
		mustNoErr(t, os.WriteFile(loose, bad, 0o644))
		f.reopen()
		if _, err := f.repo.StagedFiles(nil); err == nil || !strings.Contains(err.Error(), tree.String()) {
			t.Errorf("a loose tree %s: %v, want an error naming the tree", what, err)
		}
	}
	mustNoErr(t, os.WriteFile(loose, good, 0o444))

	f.git(f.root, "repack", "-adq")
	if _, err := os.Stat(loose); err == nil {
		t.Fatal("git repack -ad left the loose tree")
	}
	check("packed")
	if s, d, _, ok := f.repo.packs.stream(tree, streamedTree); !ok || s == nil {
		t.Errorf("the postmortems tree was not streamed from the pack")
	} else {
		decoders.Put(d)
	}
}

func TestEmptyBlobName(t *testing.T) {
	if got := gitindex.Hash(plumbing.ComputeHash(plumbing.BlobObject, nil)); got != emptyBlob {
		t.Errorf("emptyBlob = %x, git names the empty blob %x", emptyBlob, got)
	}
}
