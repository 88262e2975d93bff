package project

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/internal/testenv"
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
	walked, err := Walk(p.Dir(), p.Root, func(path string, err error) { t.Errorf("skipped %s: %v", path, err) })
	if err != nil || !slices.Equal(walked, want) {
		t.Errorf("Walk(%s) = %q, %v\nwant %q", p.Dir(), walked, err, want)
	}
	// A submodule (.git a file naming its git directory) or a repository of its own (.git a git
	// directory) inside the folder is not this repository's: no walk enters it, as git does not.
	for _, d := range []string{"postmortems/archive", "postmortems/2025/vendored", "postmortems/empty", "postmortems/stray"} {
		os.MkdirAll(filepath.Join(p.Root, filepath.FromSlash(d)), 0o755)
		os.WriteFile(filepath.Join(p.Root, filepath.FromSlash(d), "2026-01-01-theirs.md"), []byte("x\n"), 0o644)
	}
	gitDir := func(dir string) {
		for _, sub := range []string{"objects", "refs"} {
			os.MkdirAll(filepath.Join(dir, sub), 0o755)
		}
		os.WriteFile(filepath.Join(dir, "HEAD"), []byte("ref: refs/heads/main\n"), 0o644)
	}
	gitDir(filepath.Join(p.Root, ".git", "modules", "archive"))
	os.WriteFile(filepath.Join(p.Root, "postmortems", "archive", ".git"), []byte("gitdir: ../../.git/modules/archive\n"), 0o644)
	gitDir(filepath.Join(p.Root, "postmortems", "2025", "vendored", ".git"))
	// An empty .git folder, or a .git file that names nothing, makes no repository: git status lists
	// such a folder's files, and so does pm.
	os.Mkdir(filepath.Join(p.Root, "postmortems", "empty", ".git"), 0o755)
	os.WriteFile(filepath.Join(p.Root, "postmortems", "stray", ".git"), []byte("gitdir: ../nowhere\n"), 0o644)
	withPlain := append(slices.Clone(want),
		filepath.Join(p.Root, "postmortems", "empty", "2026-01-01-theirs.md"),
		filepath.Join(p.Root, "postmortems", "stray", "2026-01-01-theirs.md"))
	slices.Sort(withPlain)
	if got, err := p.Files(); err != nil || !slices.Equal(got, withPlain) {
		t.Errorf("with nested repositories, Files() = %q, %v\nwant %q", got, err, withPlain)
	}
	// A dot folder named as the root is walked: the user asked for it.
	hidden, err := Walk(filepath.Join(p.Dir(), ".drafts"), "", func(string, error) {})
	if err != nil || len(hidden) != 1 || filepath.Base(hidden[0]) != "d.md" {
		t.Errorf("Walk(.drafts) = %q, %v; want its d.md", hidden, err)
	}
}

// A link out of the project is not read by any scan, nor by Resolve; a postmortem folder that is
// itself a link out is skipped whole, in one warning.
func TestReadsStayInTheProject(t *testing.T) {
	p := open(t)
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret.md"), []byte("---\ntitle: SECRET\nstatus: Draft\n---\n"), 0o644)
	os.MkdirAll(p.Dir(), 0o755)
	os.WriteFile(filepath.Join(p.Dir(), "a.md"), []byte("---\ntitle: A\nstatus: Draft\n---\n"), 0o644)
	os.WriteFile(filepath.Join(p.Root, "inside.md"), []byte("---\ntitle: In\nstatus: Draft\n---\n"), 0o644)
	if err := os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(p.Dir(), "leak.md")); err != nil {
		testenv.Skip(t, "no symbolic links:", err)
	}
	os.Symlink("../inside.md", filepath.Join(p.Dir(), "in.md"))
	// a link out to nothing is said the same: whether a path exists on this machine is not told
	os.Symlink(filepath.Join(outside, "nothing.md"), filepath.Join(p.Dir(), "nowhere.md"))
	var warned []string
	p.Warn = func(path string, why error) {
		if errors.Is(why, ErrOutside) {
			warned = append(warned, filepath.Base(path))
		}
	}
	files, err := p.Files()
	if err != nil || len(files) != 2 || filepath.Base(files[0]) != "a.md" || filepath.Base(files[1]) != "in.md" {
		t.Errorf("Files() = %q, %v; want a.md and in.md (a link that stays inside)", files, err)
	}
	if !slices.Equal(warned, []string{"leak.md", "nowhere.md"}) {
		t.Errorf("warned about %q, want leak.md and nowhere.md", warned)
	}
	e, err := p.Resolve(filepath.Join(p.Dir(), "leak.md"), p.Root)
	if err != nil || !errors.Is(e.Err, ErrOutside) || e.Doc != nil {
		t.Errorf("Resolve by path: %+v, %v", e, err)
	}
	// The folder itself leads out.
	os.RemoveAll(p.Dir())
	os.Symlink(outside, p.Dir())
	warned = nil
	if files, err := p.Files(); err != nil || len(files) != 0 || !slices.Equal(warned, []string{filepath.Base(p.Dir())}) {
		t.Errorf("folder out: Files() = %q, %v; warned %q", files, err, warned)
	}
}

// A postmortem folder that is a link to a folder inside the repository is read as its target, as a
// linked file is, the paths keeping the link's name: it was walked as the link alone, and pm lint
// passed 0 files.
func TestWalkALinkedFolder(t *testing.T) {
	repo := t.TempDir()
	os.MkdirAll(filepath.Join(repo, "real", "sub"), 0o755)
	os.WriteFile(filepath.Join(repo, "real", "2026-01-01-a.md"), []byte("a"), 0o644)
	os.WriteFile(filepath.Join(repo, "real", "sub", "2026-01-02-b.md"), []byte("b"), 0o644)
	if err := os.Symlink("real", filepath.Join(repo, "postmortems")); err != nil {
		testenv.Skip(t, "no symlinks:", err)
	}
	var skipped []string
	got, err := Walk(filepath.Join(repo, "postmortems"), repo, func(p string, err error) { skipped = append(skipped, p) })
	want := []string{filepath.Join(repo, "postmortems", "2026-01-01-a.md"), filepath.Join(repo, "postmortems", "sub", "2026-01-02-b.md")}
	if err != nil || len(skipped) > 0 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Walk = %q, %v, skipped %q; want %q", got, err, skipped, want)
	}
}
