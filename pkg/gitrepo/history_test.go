package gitrepo

import (
	"fmt"
	"github.com/pm-tools/pm/pkg/internal/testenv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// changes lists what WalkChanges reports under dir, one "commit-message-subject path old→new" line
// per change, with blobs shown as the content they hold ("-" for none).
func (f *fixture) changes(dir string) []string {
	f.t.Helper()
	var out []string
	err := f.repo.WalkChanges(dir, func(c Change) error {
		info := f.git(f.root, "log", "-1", "--format=%s", c.Commit)
		out = append(out, fmt.Sprintf("%s %s %s→%s", info, c.Path, f.blob(c.Old), f.blob(c.New)))
		return nil
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return out
}

func (f *fixture) blob(h string) string {
	if h == "" {
		return "-"
	}
	data, err := f.repo.ReadBlob(h)
	if err != nil {
		f.t.Fatal(err)
	}
	return strings.TrimSpace(string(data))
}

func TestWalkChanges(t *testing.T) {
	needGit(t)
	f := newFixture(t)
	if got := f.changes("pm"); len(got) != 0 {
		t.Fatalf("unborn branch: %q", got)
	}
	// Names that sort differently as files and as folders: "x-y.md" < "x.md" < "x/" in a tree.
	f.write("pm/x-y.md", "1")
	f.write("pm/x.md", "1")
	f.write("pm/x/z.md", "1")
	f.write("other.md", "1")
	f.commit("first", "pm/x-y.md", "pm/x.md", "pm/x/z.md", "other.md")
	f.write("pm/x-y.md", "2")
	f.write("pm/x.md", "2")
	f.write("pm/x/z.md", "2")
	f.write("other.md", "2")
	f.commit("second", "pm/x-y.md", "pm/x.md", "pm/x/z.md", "other.md")
	f.write("other.md", "3")
	f.commit("outside", "other.md")
	if err := os.Remove(filepath.Join(f.root, "pm", "x.md")); err != nil {
		t.Fatal(err)
	}
	f.git(f.root, "rm", "-q", "--cached", "pm/x.md")
	f.git(f.root, "commit", "-q", "-m", "removed")
	// A branch edits z.md; main edits x-y.md; the merge takes both and resolves nothing by hand.
	f.git(f.root, "checkout", "-q", "-b", "side")
	f.write("pm/x/z.md", "side")
	f.git(f.root, "commit", "-q", "-am", "on side")
	f.git(f.root, "checkout", "-q", "master")
	f.write("pm/x-y.md", "main")
	f.git(f.root, "commit", "-q", "-am", "on main")
	f.git(f.root, "merge", "-q", "--no-ff", "-m", "merge", "side")
	f.reopen()
	got := f.changes("pm")
	want := []string{
		"on main pm/x-y.md 2→main",
		"removed pm/x.md 2→-",
		"second pm/x-y.md 1→2",
		"second pm/x.md 1→2",
		"second pm/x/z.md 1→2",
		"first pm/x-y.md -→1",
		"first pm/x.md -→1",
		"first pm/x/z.md -→1",
		"on side pm/x/z.md 2→side",
	}
	if !slices.Equal(got, want) {
		t.Errorf("changes under pm:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The same walk read from a pack of deltas (git repack), as most repositories keep their history.
	f.git(f.root, "repack", "-a", "-d", "-q", "--depth=3")
	f.reopen()
	if packed := f.changes("pm"); !slices.Equal(packed, want) {
		t.Errorf("changes under pm, packed:\n%s\nwant:\n%s", strings.Join(packed, "\n"), strings.Join(want, "\n"))
	}
	if r := openPacks(f.repo.layout.ObjectDir); len(r.packs) != 1 {
		t.Errorf("%d packs after git repack, want 1", len(r.packs))
	} else {
		r.close()
	}
	blobs, err := f.repo.BlobsAt("HEAD", "pm")
	if err != nil {
		t.Fatal(err)
	}
	if len(blobs) != 2 || f.blob(blobs["pm/x-y.md"]) != "main" || f.blob(blobs["pm/x/z.md"]) != "side" {
		t.Errorf("BlobsAt(HEAD, pm) = %v", blobs)
	}
	if _, err := f.repo.ReadBlob("not a hash"); err == nil {
		t.Error("ReadBlob of a malformed hash: no error")
	}
}

// TestWalkChangesMatchesGit compares the walk with git log --raw over a folder of a few hundred
// files changed a few at a time, loose and then packed with deltas: the skipped common parts of
// large trees must not hide or invent a change.
func TestWalkChangesMatchesGit(t *testing.T) {
	needGit(t)
	f := newFixture(t)
	name := func(i int) string {
		if i%7 == 0 {
			return fmt.Sprintf("pm/sub/f%03d.md", i)
		}
		return fmt.Sprintf("pm/f%03d.md", i)
	}
	for i := 0; i < 300; i++ {
		f.write(name(i), fmt.Sprintf("file %d\n", i))
	}
	f.write("top.md", "outside\n")
	f.git(f.root, "add", "-A")
	f.git(f.root, "commit", "-q", "-m", "c0")
	// The quick tier (testenv.Full) makes 12 commits, deletions and a subfolder among them; the
	// full tier 40.
	for c := 1; c <= testenv.Inputs(12, 40); c++ {
		for k := 0; k < 1+c%3; k++ {
			i := (c*37 + k*101) % 330
			p := filepath.Join(f.root, filepath.FromSlash(name(i)))
			switch {
			case c%9 == 0 && i < 300:
				os.Remove(p)
			default:
				f.write(name(i), fmt.Sprintf("file %d, version %d\n", i, c))
			}
		}
		f.git(f.root, "add", "-A")
		f.git(f.root, "commit", "-q", "--allow-empty", "-m", fmt.Sprintf("c%d", c))
	}
	// git log --raw: ":old-mode new-mode old new status\tpath" under "commit <hash>".
	var want []string
	commit := ""
	for _, line := range strings.Split(f.git(f.root, "log", "--raw", "--no-renames", "--no-abbrev", "--format=commit %H", "--", "pm"), "\n") {
		switch {
		case strings.HasPrefix(line, "commit "):
			commit = strings.TrimPrefix(line, "commit ")
		case strings.HasPrefix(line, ":"):
			meta, path, _ := strings.Cut(line, "\t")
			fields := strings.Fields(meta)
			old, new := fields[2], fields[3]
			if strings.Trim(old, "0") == "" {
				old = "-"
			}
			if strings.Trim(new, "0") == "" {
				new = "-"
			}
			want = append(want, commit+" "+path+" "+old+" "+new)
		}
	}
	walk := func() []string {
		f.reopen()
		var got []string
		err := f.repo.WalkChanges("pm", func(c Change) error {
			old, new := c.Old, c.New
			if old == "" {
				old = "-"
			}
			if new == "" {
				new = "-"
			}
			got = append(got, c.Commit+" "+c.Path+" "+old+" "+new)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(got)
		return got
	}
	slices.Sort(want)
	if len(want) < 60 {
		t.Fatalf("git log lists %d changes; the fixture should make more", len(want))
	}
	if got := walk(); !slices.Equal(got, want) {
		t.Errorf("loose objects: the walk differs from git log --raw:\n%s", lineDiff(got, want))
	}
	f.git(f.root, "repack", "-a", "-d", "-q", "-f", "--window=50", "--depth=20")
	if got := walk(); !slices.Equal(got, want) {
		t.Errorf("packed: the walk differs from git log --raw:\n%s", lineDiff(got, want))
	}
	// The history in two halves compared at once, as long histories are.
	defer func(n int) { splitAt = n }(splitAt)
	splitAt = 10
	if got := walk(); !slices.Equal(got, want) {
		t.Errorf("packed, in two halves: the walk differs from git log --raw:\n%s", lineDiff(got, want))
	}
}

// lineDiff lists the lines only in got (+) and only in want (-).
func lineDiff(got, want []string) string {
	var b strings.Builder
	for _, g := range got {
		if !slices.Contains(want, g) {
			b.WriteString("+ " + g + "\n")
		}
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			b.WriteString("- " + w + "\n")
		}
	}
	return b.String()
}
