package project

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/gitrepo"
	"github.com/pm-tools/pm/pkg/internal/testenv"
)

var now = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

func open(t *testing.T) *Project {
	t.Helper()
	dir := t.TempDir()
	if err := gitrepo.Init(dir, map[string]string{"user.name": "A", "user.email": "a@example.com"}); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"HOME": t.TempDir(), "GIT_CONFIG_NOSYSTEM": "1"}
	p, err := Open(dir, func(k string) string { return env[k] }, func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestWriteNewRefusesSymlinkedFolderOutside(t *testing.T) {
	p := open(t)
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(p.Root, "postmortems")); err != nil {
		testenv.Skip(t, "no symlinks:", err)
	}
	_, err := p.WriteNew(func(int) string { return filepath.Join(p.Dir(), "a.md") }, []byte("x"), Write{Commit: true, Message: func(string) string { return "m" }})
	if !errors.Is(err, ErrOutside) {
		t.Fatalf("want ErrOutside, got %v", err)
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("wrote outside the repository: %v", entries)
	}
}

func TestRewriteRefusesSymlinks(t *testing.T) {
	p := open(t)
	outside := filepath.Join(t.TempDir(), "target.md")
	os.WriteFile(outside, []byte("old"), 0o644)
	os.MkdirAll(p.Dir(), 0o755)
	link := filepath.Join(p.Dir(), "a.md")
	if err := os.Symlink(outside, link); err != nil {
		testenv.Skip(t, "no symlinks:", err)
	}
	_, err := p.Rewrite(Change{Path: link, Data: []byte("new"), Old: []byte("old")}, Write{})
	if !errors.Is(err, ErrOutside) {
		t.Errorf("link outside: %v", err)
	}
	inside := filepath.Join(p.Root, "real.md")
	os.WriteFile(inside, []byte("old"), 0o644)
	link2 := filepath.Join(p.Dir(), "b.md")
	os.Symlink(inside, link2)
	if _, err := p.Rewrite(Change{Path: link2, Data: []byte("new"), Old: []byte("old")}, Write{}); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("link inside: %v", err)
	}
	for _, f := range []string{outside, inside} {
		if b, _ := os.ReadFile(f); string(b) != "old" {
			t.Errorf("%s changed", f)
		}
	}
}

func TestRewriteDetectsChangeOnDisk(t *testing.T) {
	p := open(t)
	os.MkdirAll(p.Dir(), 0o755)
	path := filepath.Join(p.Dir(), "a.md")
	os.WriteFile(path, []byte("edited meanwhile"), 0o644)
	_, err := p.Rewrite(Change{Path: path, Data: []byte("pm's version"), Old: []byte("what pm read")}, Write{Commit: true, Message: func(string) string { return "m" }})
	if err == nil || !strings.Contains(err.Error(), "changed on disk") {
		t.Fatalf("want a change-on-disk error, got %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "edited meanwhile" {
		t.Error("the user's edit was overwritten")
	}
}

func TestReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		testenv.Unsupported(t, "root writes into read-only folders")
	}
	p := open(t)
	os.MkdirAll(p.Dir(), 0o555)
	defer os.Chmod(p.Dir(), 0o755)
	_, err := p.WriteNew(func(int) string { return filepath.Join(p.Dir(), "a.md") }, []byte("x"), Write{})
	if err == nil {
		t.Fatal("wrote into a read-only folder")
	}
}

func TestResolve(t *testing.T) {
	p := open(t)
	os.MkdirAll(p.Dir(), 0o755)
	doc := func(status string) []byte {
		return []byte("---\ntitle: x\nseverity: SEV-1\nstatus: " + status + "\nowner: a\nincident_date: 2026-11-20\n---\n")
	}
	os.WriteFile(filepath.Join(p.Dir(), "2026-11-20-checkout.md"), doc("Draft"), 0o644)
	os.WriteFile(filepath.Join(p.Dir(), "2026-11-21-checkout-again.md"), doc("Closed"), 0o644)
	os.WriteFile(filepath.Join(p.Dir(), "2026-11-22-dns.md"), doc("Closed"), 0o644)
	cases := map[string]string{
		"":                       "2026-11-20-checkout",
		"2026-11-20-checkout":    "2026-11-20-checkout",
		"2026-11-20-checkout.md": "2026-11-20-checkout",
		"dns":                    "2026-11-22-dns",
		"DNS":                    "2026-11-22-dns",
		"again":                  "2026-11-21-checkout-again",
		// a whole slug wins over parts of longer ones
		"checkout": "2026-11-20-checkout",
		"Checkout": "2026-11-20-checkout",
	}
	for name, want := range cases {
		e, err := p.Resolve(name, p.Root)
		if err != nil || e.ID != want {
			t.Errorf("Resolve(%q) = %s, %v; want %s", name, e.ID, err, want)
		}
	}
	var re *ResolveError
	if _, err := p.Resolve("check", p.Root); !errors.As(err, &re) || len(re.Matches) != 2 {
		t.Errorf("ambiguous: %v", err)
	}
	// The same slug on two dates names neither.
	os.WriteFile(filepath.Join(p.Dir(), "2026-11-23-dns.md"), doc("Closed"), 0o644)
	if _, err := p.Resolve("dns", p.Root); !errors.As(err, &re) || len(re.Matches) != 2 {
		t.Errorf("one slug, two dates: %v", err)
	}
	if _, err := p.Resolve("nothing", p.Root); !errors.As(err, &re) {
		t.Errorf("no match: %v", err)
	}
	// A path names the file itself: where there is none, not another file of the same name
	// (draft/, a typo for drafts/); written without .md, the .md file there.
	os.WriteFile(filepath.Join(p.Root, ".pm.yaml"), []byte("dir: postmortems\n"), 0o644)
	for _, name := range []string{"draft/2026-11-20-checkout.md", "/etc/2026-11-20-checkout.md", "postmortems/nothing.md",
		".pm.yaml/2026-11-20-checkout.md"} { // through a file: not a folder
		if e, err := p.Resolve(name, p.Root); !errors.As(err, &re) || !strings.Contains(re.Msg.String(), "no such file") {
			t.Errorf("Resolve(%q) = %s, %v; want no such file", name, e.Path, err)
		}
	}
	if e, err := p.Resolve("postmortems/2026-11-20-checkout", p.Root); err != nil || e.ID != "2026-11-20-checkout" {
		t.Errorf("a path without .md: %s, %v", e.ID, err)
	}
}

func TestLink(t *testing.T) {
	p := open(t)
	path := filepath.Join(p.Dir(), "2026-11-20 決済.md")
	if got := p.Link(path); got != "postmortems/2026-11-20 決済.md" {
		t.Errorf("no repo_url: %q", got)
	}
	p.Config.RepoURL = "https://github.com/acme/pm/blob/main"
	if got := p.Link(path); got != "https://github.com/acme/pm/blob/main/postmortems/2026-11-20%20%E6%B1%BA%E6%B8%88.md" {
		t.Errorf("repo_url: %q", got)
	}
}

func TestFailedCommitLeavesNoFolderBehind(t *testing.T) {
	p := open(t)
	os.WriteFile(filepath.Join(p.Root, ".git", "MERGE_HEAD"), []byte("0000000000000000000000000000000000000000\n"), 0o644)
	name := func(int) string { return filepath.Join(p.Dir(), "2026", "a.md") }
	if _, err := p.WriteNew(name, []byte("x"), Write{Commit: true, Message: func(string) string { return "m" }}); !errors.Is(err, gitrepo.ErrInProgress) {
		t.Fatalf("want ErrInProgress, got %v", err)
	}
	if _, err := os.Lstat(p.Dir()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the folders pm created stay behind: %v", err)
	}
	// A folder that was there before stays.
	os.MkdirAll(p.Dir(), 0o755)
	files := []Change{{Path: filepath.Join(p.Dir(), "new", "b.md"), Data: []byte("b")}}
	if _, err := p.CreateFiles(files, Write{Commit: true, Message: func(string) string { return "m" }}); !errors.Is(err, gitrepo.ErrInProgress) {
		t.Fatalf("want ErrInProgress, got %v", err)
	}
	if des, err := os.ReadDir(p.Dir()); err != nil || len(des) != 0 {
		t.Errorf("postmortem folder: %v, %v; want it there and empty", des, err)
	}
}

// ".md" is matched in any case, and the id is the name without it.
func TestIDStripsMDInAnyCase(t *testing.T) {
	for path, want := range map[string]string{
		"postmortems/2026-11-20-x.md": "2026-11-20-x",
		"postmortems/A.MD":            "A",
		"postmortems/sub/b.Md":        "b",
		"c.mD":                        "c",
		"notes.txt":                   "notes.txt",
		"a.md.bak":                    "a.md.bak",
	} {
		if got := ID(filepath.FromSlash(path)); got != want {
			t.Errorf("ID(%q) = %q, want %q", path, got, want)
		}
	}
}

// Files that share an id, or whose ids differ only in case, are told apart: a name matching several
// lists their paths from the repository root, best matches first, each kind in file order; an
// exact id names the one file with that id in that case.
func TestResolveNamesPathsWhenAmbiguous(t *testing.T) {
	p := open(t)
	doc := []byte("---\ntitle: x\nseverity: SEV-1\nstatus: Draft\nowner: a\nincident_date: 2026-11-20\n---\n")
	os.MkdirAll(filepath.Join(p.Dir(), "sub"), 0o755)
	for _, name := range []string{"a.md", "sub/a.md", "A.MD", "2026-11-20-b.md"} {
		os.WriteFile(filepath.Join(p.Dir(), filepath.FromSlash(name)), doc, 0o644)
	}
	var re *ResolveError
	_, err := p.Resolve("a", p.Root)
	if want := `"a" matches 3 postmortems: postmortems/a.md, postmortems/sub/a.md, postmortems/A.MD`; !errors.As(err, &re) || err.Error() != want {
		t.Fatalf("ambiguous: %v, want %s", err, want)
	}
	if want := "postmortems/a.md postmortems/sub/a.md postmortems/A.MD"; strings.Join(re.Matches, " ") != want {
		t.Errorf("Matches %q", re.Matches)
	}
	// The same again: the order is the files', not the goroutines'.
	if _, err2 := p.Resolve("a", p.Root); err2 == nil || err2.Error() != err.Error() {
		t.Errorf("second time: %v", err2)
	}
	for name, want := range map[string]string{"A": "A.MD", "A.MD": "A.MD", "sub/a.md": "a.md", "b": "2026-11-20-b.md"} {
		e, err := p.Resolve(name, p.Dir())
		if err != nil || filepath.Base(e.Path) != want || e.ID != ID(want) {
			t.Errorf("Resolve(%q) = %s %q, %v; want %s", name, e.Path, e.ID, err, want)
		}
	}
	// A name with .MD is the id without it, from any folder.
	if e, err := p.Resolve("A.MD", p.Root); err != nil || e.ID != "A" || filepath.Base(e.Path) != "A.MD" {
		t.Errorf("Resolve(A.MD) from the root = %s %q, %v", e.Path, e.ID, err)
	}
	// Several open postmortems are named by their paths too.
	_, err = p.Resolve("", p.Root)
	if want := "4 open postmortems, name one: postmortems/2026-11-20-b.md, postmortems/A.MD, postmortems/a.md, postmortems/sub/a.md"; err == nil || err.Error() != want {
		t.Errorf("several open: %v, want %s", err, want)
	}
}

// With every postmortem Closed, naming none is refused with the latest incident's id as a hint (the
// one a message is most often asked of after pm status closed).
func TestResolveNoneOpenNamesTheLatest(t *testing.T) {
	p := open(t)
	os.MkdirAll(p.Dir(), 0o755)
	doc := func(date string) []byte {
		return []byte("---\ntitle: x\nseverity: SEV-1\nstatus: Closed\nowner: a\nincident_date: " + date + "\n---\n")
	}
	os.WriteFile(filepath.Join(p.Dir(), "2026-11-20-checkout.md"), doc("2026-11-20"), 0o644)
	os.WriteFile(filepath.Join(p.Dir(), "2026-11-22-dns.md"), doc("2026-11-22"), 0o644)
	_, err := p.Resolve("", p.Root)
	var re *ResolveError
	if !errors.As(err, &re) || !strings.Contains(re.Msg.String(), "(the latest incident's: 2026-11-22-dns)") || len(re.Matches) != 0 {
		t.Errorf("error = %v", err)
	}
}

// Inside the git directory of a repository with a work tree (.git, .git/refs) there is no project
// folder: Open refuses as git refuses to work there, for every command (pm new --no-commit wrote a
// postmortem into .git/refs, a broken ref for git).
func TestOpenInsideTheGitDirectory(t *testing.T) {
	p := open(t)
	env := map[string]string{"HOME": t.TempDir(), "GIT_CONFIG_NOSYSTEM": "1"}
	testenv.NeedGit(t)
	for _, sub := range []string{".git", filepath.Join(".git", "refs")} {
		// git itself refuses to work there: the twin of what pm must do
		cmd := exec.Command("git", "status")
		cmd.Dir, cmd.Env = filepath.Join(p.Root, sub), append(os.Environ(), "HOME="+env["HOME"], "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err == nil || !strings.Contains(string(out), "must be run in a work tree") {
			t.Fatalf("git status in %s: %v\n%s", sub, err, out)
		}
		_, err := Open(filepath.Join(p.Root, sub), func(k string) string { return env[k] }, func() time.Time { return now })
		if !errors.Is(err, gitrepo.ErrNoWorkTree) || !strings.Contains(err.Error(), "must be run in a work tree") {
			t.Errorf("%s: %v", sub, err)
		}
	}
	if _, err := Open(p.Root, func(k string) string { return env[k] }, func() time.Time { return now }); err != nil {
		t.Errorf("the work tree: %v", err)
	}
}

// The only postmortem cannot be read (not text, or over the size limit): "no open postmortem" comes
// with the note that says why that file was left out, as a name that matches nothing does.
func TestResolveNoneOpenSaysWhatWasSkipped(t *testing.T) {
	p := open(t)
	var warn bytes.Buffer
	p.Warn = func(path string, why error) { fmt.Fprintf(&warn, "skipped %s: %v\n", filepath.Base(path), why) }
	os.MkdirAll(p.Dir(), 0o755)
	os.WriteFile(filepath.Join(p.Dir(), "a.md"), []byte("---\ntitle: A\nstatus: Draft\n---\n\x00\x00"), 0o644)
	_, err := p.Resolve("", p.Root)
	var re *ResolveError
	if !errors.As(err, &re) {
		t.Fatalf("error = %v", err)
	}
	if got := warn.String(); strings.Count(got, "skipped a.md: ") != 1 || strings.Count(got, "a.md") != 1 {
		t.Errorf("warnings %q: want a.md's note once, its path said once", got)
	}
	// an open postmortem found: nothing said about the others
	warn.Reset()
	os.WriteFile(filepath.Join(p.Dir(), "b.md"), []byte(doc), 0o644)
	if e, err := p.Resolve("", p.Root); err != nil || e.ID != "b" || warn.Len() != 0 {
		t.Errorf("%+v, %v; warnings %q", e, err, warn.String())
	}
}

// Undoing a file pm created that a hook has removed already is no failure: it is gone, as the undo
// wants it (not "changed after pm wrote it and was left in place").
func TestRemoveIfOursWhenAlreadyRemoved(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.md")
	if err := removeIfOurs(path, []byte("pm's\n")); err != nil {
		t.Errorf("removed already: %v", err)
	}
	os.WriteFile(path, []byte("hook's\n"), 0o644)
	if err := removeIfOurs(path, []byte("pm's\n")); err == nil {
		t.Error("another program's file: removed")
	}
}
