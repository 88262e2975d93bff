package gitrepo

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// A repository whose pack index is version 1 (git repack with pack.indexVersion=1, or a pack from
// git before 1.5.2) is read as git reads it: revisions resolve, history is read, and pm commits on
// top of it. go-git refuses such an index as a "malformed IDX file", which took every packed commit
// for missing.
func TestPackIndexVersion1(t *testing.T) {
	f := newFixture(t)
	f.write("a.md", "a\n")
	first := f.commit("first", "a.md")
	f.write("a.md", "a\nb\n")
	f.commit("second", "a.md")
	f.git(f.root, "-c", "pack.indexVersion=1", "repack", "-q", "-a", "-d")
	f.git(f.root, "prune")
	idxs, _ := filepath.Glob(filepath.Join(f.root, ".git", "objects", "pack", "pack-*.idx"))
	if len(idxs) != 1 {
		t.Fatalf("packs: %v", idxs)
	}
	if head, _ := os.ReadFile(idxs[0]); bytes.HasPrefix(head, []byte("\377tOc")) {
		t.Fatal("git wrote a version 2 index")
	}
	f.reopen()
	for _, rev := range []string{"HEAD~1", first[:7], first} {
		got, err := f.repo.ResolveCommit(rev)
		if err != nil || got != first {
			t.Errorf("ResolveCommit(%s) = %s, %v; want %s", rev, got, err, first)
		}
	}
	f.write("a.md", "a\nb\nc\n")
	f.commit("third", "a.md")
	f.judge(f.root, "a.md")
	if got := f.git(f.root, "log", "--format=%s"); got != "third\nsecond\nfirst" {
		t.Errorf("git log = %q", got)
	}
}

// idxV1AsV2 makes of git's version 1 index of a pack the version 2 index git makes of it, but for
// the CRC column (zero) and so the index's own hash.
func TestIdxV1AsV2LikeGit(t *testing.T) {
	f := newFixture(t)
	for i, content := range []string{"a\n", "a\nb\n", "a\nb\nc\n"} {
		f.write("a.md", content)
		f.write(string(rune('x'+i))+".md", content)
		f.commit("c", "a.md", string(rune('x'+i))+".md")
	}
	f.git(f.root, "repack", "-q", "-a", "-d")
	packs, _ := filepath.Glob(filepath.Join(f.root, ".git", "objects", "pack", "pack-*.pack"))
	if len(packs) != 1 {
		t.Fatalf("packs: %v", packs)
	}
	dir := t.TempDir()
	v1Name, v2Name := filepath.Join(dir, "v1.idx"), filepath.Join(dir, "v2.idx")
	f.git(f.root, "index-pack", "--index-version=1", "-o", v1Name, packs[0])
	f.git(f.root, "index-pack", "--index-version=2", "-o", v2Name, packs[0])
	v1, _ := os.ReadFile(v1Name)
	want, _ := os.ReadFile(v2Name)
	got, err := idxV1AsV2(v1)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("len = %d, want %d", len(got), len(want))
	}
	n := (len(want) - idxV2Hashes - idxTrailer) / 28
	crcs := idxV2Hashes + 20*n
	if !bytes.Equal(got[:crcs], want[:crcs]) || !bytes.Equal(got[crcs+4*n:len(got)-20], want[crcs+4*n:len(want)-20]) {
		t.Error("the rewritten index differs from git's version 2 index beyond the CRCs")
	}
	if _, err := idxV1AsV2(v1[:len(v1)-1]); err == nil {
		t.Error("an index cut short was rewritten")
	}
}
