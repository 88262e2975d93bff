package gitrepo

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

func TestStagedFiles(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	staged, err := f.repo.StagedFiles(nil)
	mustNoErr(t, err)
	if len(staged) != 0 {
		t.Fatalf("empty repository has staged files: %v", filePaths(staged))
	}

	f.write("pm/a.md", "a v1\n")
	f.write("pm/gone.md", "gone\n")
	f.write("pm/same.md", "same\n")
	f.commit("base", "pm/a.md", "pm/gone.md", "pm/same.md")

	f.write("pm/a.md", "a v2 staged\n")
	f.write("pm/new.md", "new staged\n")
	f.write("other.txt", "other staged\n")
	f.stage("pm/a.md", "pm/new.md", "other.txt")
	f.write("pm/a.md", "a v3 work tree only\n")
	f.write("pm/untracked.md", "untracked\n")
	mustNoErr(t, os.Remove(filepath.Join(f.root, "pm/gone.md")))
	f.stage("pm/gone.md") // a staged deletion

	staged, err = f.repo.StagedFiles(func(p string) bool { return strings.HasSuffix(p, ".md") })
	mustNoErr(t, err)
	if got := filePaths(staged); got != "pm/a.md pm/new.md" {
		t.Fatalf("StagedFiles = %q, want pm/a.md pm/new.md", got)
	}
	if string(staged[0].Data) != "a v2 staged\n" {
		t.Errorf("pm/a.md data = %q, want the staged content", staged[0].Data)
	}
	if string(staged[1].Data) != "new staged\n" {
		t.Errorf("pm/new.md data = %q", staged[1].Data)
	}
	all, err := f.repo.StagedFiles(nil)
	mustNoErr(t, err)
	if got := filePaths(all); got != "other.txt pm/a.md pm/new.md" {
		t.Errorf("StagedFiles(nil) = %q", got)
	}
	if out := f.git(f.root, "diff", "--cached", "--name-only", "--diff-filter=AM"); out != "other.txt\npm/a.md\npm/new.md" {
		t.Errorf("git disagrees on what is staged: %q", out)
	}
}

func TestChangedSince(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.write(".gitignore", "*.log\nbuild/\n")
	f.write("pm/committed.md", "v1\n")
	f.write("pm/staged.md", "v1\n")
	f.write("pm/modified.md", "v1\n")
	f.write("pm/untouched.md", "v1\n")
	f.write("pm/deleted.md", "v1\n")
	f.write("pm/reverted.md", "v1\n")
	base := f.commit("base", ".gitignore", "pm/committed.md", "pm/staged.md", "pm/modified.md", "pm/untouched.md", "pm/deleted.md", "pm/reverted.md")
	mustNoErr(t, f.repo.st.SetReference(plumbing.NewHashReference("refs/remotes/origin/main", plumbing.NewHash(base))))
	mustNoErr(t, f.repo.st.SetReference(plumbing.NewHashReference("refs/tags/v1", plumbing.NewHash(base))))

	f.write("pm/committed.md", "v2\n")
	f.write("pm/new-committed.md", "new\n")
	mustNoErr(t, os.Remove(filepath.Join(f.root, "pm/deleted.md")))
	f.write("pm/reverted.md", "v2\n")
	f.commit("since base", "pm/committed.md", "pm/new-committed.md", "pm/deleted.md", "pm/reverted.md")
	f.write("pm/reverted.md", "v1\n") // back to the base content, uncommitted
	f.write("pm/staged.md", "v2\n")
	f.stage("pm/staged.md")
	f.write("pm/modified.md", "v2\n")
	f.write("pm/untracked.md", "u\n")
	f.write("pm/debug.log", "ignored\n")
	f.write("build/out.md", "ignored dir\n")

	want := "pm/committed.md pm/modified.md pm/new-committed.md pm/staged.md pm/untracked.md"
	for _, rev := range []string{"origin/main", "v1", base, base[:10], "HEAD~1", "master~1"} {
		got, err := f.repo.ChangedSince(rev, nil)
		mustNoErr(t, err)
		if strings.Join(got, " ") != want {
			t.Errorf("ChangedSince(%s) = %q, want %q", rev, got, want)
		}
	}
	got, err := f.repo.ChangedSince("HEAD", func(p string) bool { return strings.HasPrefix(p, "pm/") && strings.HasSuffix(p, ".md") })
	mustNoErr(t, err)
	if strings.Join(got, " ") != "pm/modified.md pm/reverted.md pm/staged.md pm/untracked.md" {
		t.Errorf("ChangedSince(HEAD, pm/*.md) = %q", got)
	}
	// Scoped to folders, only they are walked: the same answer inside them, nothing from outside.
	f.write("other/changed.md", "outside the scope\n")
	f.write("pm/sub/deep.md", "inside\n")
	for _, c := range []struct {
		dirs []string
		want string
	}{
		{[]string{"pm"}, "pm/committed.md pm/modified.md pm/new-committed.md pm/staged.md pm/sub/deep.md pm/untracked.md"},
		{[]string{"pm/"}, "pm/committed.md pm/modified.md pm/new-committed.md pm/staged.md pm/sub/deep.md pm/untracked.md"},
		{[]string{"pm/sub"}, "pm/sub/deep.md"},
		{[]string{"other", "pm/sub"}, "other/changed.md pm/sub/deep.md"},
		{[]string{"pm/staged.md"}, "pm/staged.md"},
		{[]string{"."}, "other/changed.md pm/committed.md pm/modified.md pm/new-committed.md pm/staged.md pm/sub/deep.md pm/untracked.md"},
		{[]string{"nowhere"}, ""},
	} {
		got, err := f.repo.ChangedSince(base, nil, c.dirs...)
		mustNoErr(t, err)
		if strings.Join(got, " ") != c.want {
			t.Errorf("ChangedSince(base, %q) = %q, want %q", c.dirs, got, c.want)
		}
	}
	os.RemoveAll(filepath.Join(f.root, "other"))
	os.RemoveAll(filepath.Join(f.root, "pm", "sub"))

	for _, bad := range []string{"no-such-branch", "origin/nope", strings.Repeat("0", 40)} {
		_, err := f.repo.ChangedSince(bad, nil)
		wantErr(t, err, ErrBadRevision)
	}

	f.git(f.root, "tag", "-a", "-m", "annotated", "v1-annotated", base)
	got, err = f.repo.ChangedSince("v1-annotated", nil)
	mustNoErr(t, err)
	if strings.Join(got, " ") != want {
		t.Errorf("ChangedSince(annotated tag) = %q, want %q", got, want)
	}
}

func TestChangedSinceUntrackedInsideIgnoredDirWithTrackedFile(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.write("vendor/kept.md", "v1\n")
	f.commit("base", "vendor/kept.md")
	f.write(".gitignore", "vendor/\n")
	f.write("vendor/kept.md", "v2\n") // tracked: still reported
	f.write("vendor/other.md", "x\n") // untracked in an ignored dir: not reported
	got, err := f.repo.ChangedSince("HEAD", nil)
	mustNoErr(t, err)
	if strings.Join(got, " ") != ".gitignore vendor/kept.md" {
		t.Errorf("ChangedSince = %q", got)
	}
}

func TestHeadFile(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	_, ok, err := f.repo.HeadFile("a.md")
	mustNoErr(t, err)
	if ok {
		t.Error("HeadFile on an unborn branch reported a file")
	}
	f.write("dir/a.md", "a\n")
	f.commit("base", "dir/a.md")
	for p, wantOK := range map[string]bool{"dir/a.md": true, "dir": false, "dir/b.md": false, "x/y": false} {
		_, ok, err := f.repo.HeadFile(p)
		mustNoErr(t, err)
		if ok != wantOK {
			t.Errorf("HeadFile(%s) ok = %v, want %v", p, ok, wantOK)
		}
	}
	_, _, err = f.repo.HeadFile("../x")
	wantErr(t, err, ErrBadPath)
}

func TestIgnored(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.write(".gitignore", "*.log\n/build/\n!keep.log\n")
	f.write("docs/.gitignore", "draft-*\n")
	appendFile(t, filepath.Join(f.repo.CommonDir(), "info", "exclude"), "local.md\n")
	appendFile(t, filepath.Join(f.home, ".config", "git", "ignore"), "*.swp\n")
	mustNoErr(t, os.MkdirAll(filepath.Join(f.root, "build"), 0o755))
	for p, want := range map[string]bool{
		"a.log":              true,
		"keep.log":           false,
		"build/x.md":         true,
		"docs/build/x.md":    false, // /build/ is anchored at the root
		"docs/draft-1.md":    true,
		"draft-1.md":         false, // docs/.gitignore applies below docs only
		"local.md":           true,
		"pm/x.md.swp":        true,
		"pm/2026-11-20.md":   false,
		"build":              true,
		"deep/dir/trace.log": true,
	} {
		got, err := f.repo.Ignored(p)
		mustNoErr(t, err)
		if got != want {
			t.Errorf("Ignored(%s) = %v, want %v", p, got, want)
		}
	}
	f.write("build/x.md", "")
	f.write("docs/draft-1.md", "")
	if out := f.git(f.root, "check-ignore", "build/x.md", "docs/draft-1.md", "a.log"); out != "build/x.md\ndocs/draft-1.md\na.log" {
		t.Errorf("git check-ignore disagrees: %q", out)
	}
}

// A .gitignore git does not open is not read: one that is a symbolic link (git opens it without
// following links since 2.32). One git reads from the index is read: a .gitignore the index marks
// skip-worktree and the work tree lacks (a sparse checkout that leaves it out), which git reads from
// the index. Both Repo.Ignored and a transaction's, judged with git check-ignore.
func TestIgnoredGitignoreGitDoesNotOpen(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.write("real.ignore", "*.md\n")
	mustNoErr(t, os.Symlink("real.ignore", filepath.Join(f.root, ".gitignore")))
	f.write("docs/.gitignore", "secret-*\n")
	f.commit("ignores", "real.ignore", ".gitignore", "docs/.gitignore")
	f.git(f.root, "update-index", "--skip-worktree", "docs/.gitignore")
	mustNoErr(t, os.Remove(filepath.Join(f.root, "docs", ".gitignore")))
	f.reopen()
	tx, err := f.repo.Begin(TxOptions{})
	mustNoErr(t, err)
	defer tx.Abort()
	for p, want := range map[string]bool{
		"pm/2026-11-20-a.md":    false, // the linked .gitignore is not git's
		"docs/secret-1.md":      true,  // the skip-worktree one is, from the index
		"docs/public.md":        false,
		"secret-2.md":           false,
		"docs/sub/secret-3.txt": true,
	} {
		for what, ignored := range map[string]func(string) (bool, error){"Repo": f.repo.Ignored, "Tx": tx.Ignored} {
			got, err := ignored(p)
			mustNoErr(t, err)
			if got != want {
				t.Errorf("%s.Ignored(%s) = %v, want %v", what, p, got, want)
			}
		}
		_, err := f.gitErr(f.root, "check-ignore", "-q", p)
		if gitSays := err == nil; gitSays != want {
			t.Errorf("git check-ignore %s: ignored %v, pm's test wants %v", p, gitSays, want)
		}
	}
	// The walk of untracked files (pm lint --changed-since) reads them so too, as git status does.
	tx.Abort()
	f.write("pm/2026-11-20-a.md", "a\n")
	f.write("docs/secret-1.md", "s\n")
	f.write("docs/public.md", "p\n")
	got, err := f.repo.ChangedSince("HEAD", nil)
	mustNoErr(t, err)
	if want := []string{"docs/public.md", "pm/2026-11-20-a.md"}; !slices.Equal(got, want) {
		t.Errorf("ChangedSince(HEAD) = %v, want %v (git status: %q)", got, want, f.git(f.root, "status", "--porcelain", "-uall"))
	}
}

func TestOpenAndRel(t *testing.T) {
	f := newFixture(t)
	f.write("sub/dir/x.md", "x\n")
	r, err := OpenWithEnv(filepath.Join(f.root, "sub", "dir"), f.getenv)
	mustNoErr(t, err)
	if r.Root() != f.root {
		t.Errorf("Root from a subdirectory = %s, want %s", r.Root(), f.root)
	}
	for in, want := range map[string]string{
		filepath.Join(f.root, "sub", "dir", "x.md"):      "sub/dir/x.md",
		filepath.Join(f.root, "sub", "new", "y.md"):      "sub/new/y.md", // need not exist
		filepath.Join(f.root, "sub", "..", "top.md"):     "top.md",
		filepath.Join(f.root):                            ".",
		filepath.Join(f.root, "sub", "dir") + "/../z.md": "sub/z.md",
	} {
		got, err := r.Rel(in)
		mustNoErr(t, err)
		if got != want {
			t.Errorf("Rel(%s) = %q, want %q", in, got, want)
		}
	}
	_, err = r.Rel(filepath.Join(f.root, "..", "elsewhere.md"))
	wantErr(t, err, ErrOutsideWorkTree)
	if _, err := r.CommitOnly([]string{"sub/dir/x.md"}, "from a subdirectory", sig("A"), sig("C")); err != nil {
		t.Fatalf("CommitOnly in a repository opened from a subdirectory: %v", err)
	}
	f.judge(f.root, "sub/dir/x.md")

	// Relative to the current directory.
	t.Chdir(filepath.Join(f.root, "sub"))
	got, err := r.Rel("dir/x.md")
	mustNoErr(t, err)
	if got != "sub/dir/x.md" {
		t.Errorf("Rel(dir/x.md) from sub = %q", got)
	}

	// Through a symlink to the work tree, both ways round.
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(f.root, link); err != nil {
		testenv.Skipf(t, "symlinks unavailable: %v", err)
	}
	viaLink, err := OpenWithEnv(link, f.getenv)
	mustNoErr(t, err)
	got, err = viaLink.Rel(filepath.Join(f.root, "sub", "dir", "x.md"))
	mustNoErr(t, err)
	if got != "sub/dir/x.md" {
		t.Errorf("Rel of the real path in a repo opened via a link = %q", got)
	}
	got, err = r.Rel(filepath.Join(link, "sub", "new.md"))
	mustNoErr(t, err)
	if got != "sub/new.md" {
		t.Errorf("Rel of a path through a link = %q", got)
	}
}

func TestOpenErrors(t *testing.T) {
	t.Parallel()
	_, err := OpenWithEnv(t.TempDir(), nil)
	wantErr(t, err, ErrNotRepository)
	// what to do: make a repository, or (when the temporary folder is a mount of its own, a tmpfs)
	// look across the file system boundary where the search stopped
	if !strings.Contains(err.Error(), "git init") && !strings.Contains(err.Error(), "GIT_DISCOVERY_ACROSS_FILESYSTEM=1") {
		t.Errorf("error %q does not say what to do", err)
	}

	needGit(t)
	bare := filepath.Join(t.TempDir(), "bare.git")
	copyInit(t, bare, "--bare")
	_, err = OpenWithEnv(bare, nil)
	wantErr(t, err, ErrBare)
	_, err = OpenWithEnv(filepath.Join(bare, "refs"), nil)
	wantErr(t, err, ErrBare)
}

// TestStagedFilesWorktreeCopy checks when StagedFiles takes a staged file from the work tree instead
// of inflating its blob: only when the bytes are the blob's. The blob of an unchanged file is
// removed from the store, so that only the work-tree copy can answer; a file edited after `git add`
// to the same size, and one whose clean filter changes it without changing its size, must still
// give the staged bytes, as `git cat-file blob :path` does.
func TestStagedFilesWorktreeCopy(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	needGit(t)
	f.write("base.md", "base\n")
	f.git(f.root, "add", "base.md")
	f.git(f.root, "commit", "-q", "-m", "base")

	f.write("same.md", "staged as it is on disk\n")
	f.write("edited.md", "staged: version one\n")
	f.write("upper.up", "lower case on disk\n")
	f.write(".gitattributes", "*.up filter=upper\n")
	f.git(f.root, "config", "filter.upper.clean", "tr a-z A-Z")
	f.git(f.root, "add", "same.md", "edited.md", "upper.up", ".gitattributes")
	f.write("edited.md", "staged: version two\n") // the same size, not staged

	// What git holds staged, read by git before one blob goes: the expectations below are its.
	gitStaged := map[string]string{}
	for _, p := range []string{".gitattributes", "edited.md", "same.md", "upper.up"} {
		gitStaged[p] = f.gitStdout(f.root, "cat-file", "blob", ":"+p)
	}
	sameBlob := f.git(f.root, "rev-parse", ":same.md")
	mustNoErr(t, os.Remove(filepath.Join(f.root, ".git", "objects", sameBlob[:2], sameBlob[2:])))

	f.reopen()
	staged, err := f.repo.StagedFiles(nil)
	mustNoErr(t, err)
	got := map[string]string{}
	for _, sf := range staged {
		got[sf.Path] = string(sf.Data)
	}
	want := map[string]string{
		".gitattributes": "*.up filter=upper\n",
		"edited.md":      "staged: version one\n",
		"same.md":        "staged as it is on disk\n",
		"upper.up":       "LOWER CASE ON DISK\n",
	}
	if len(got) != len(want) {
		t.Fatalf("StagedFiles = %q, want %q", got, want)
	}
	for p, w := range want {
		if got[p] != w {
			t.Errorf("%s = %q, want the staged %q", p, got[p], w)
		}
		if strings.TrimSpace(w) != gitStaged[p] { // gitStdout trims
			t.Errorf("%s: git cat-file blob :%s = %q, the test expects %q", p, p, gitStaged[p], w)
		}
	}

	// Gone from the work tree, or a folder there now: the blob it is, and same.md's is missing.
	mustNoErr(t, os.Remove(filepath.Join(f.root, "same.md")))
	mustNoErr(t, os.Mkdir(filepath.Join(f.root, "same.md"), 0o755))
	if _, err := f.repo.StagedFiles(nil); err == nil || !strings.Contains(err.Error(), "same.md") {
		t.Errorf("StagedFiles with same.md's blob missing and a folder on disk = %v, want an error naming it", err)
	}
}

// TestStagedChangesUnmerged: a path with a conflict in the index is not among the staged files
// but among the unmerged paths, once, as `git diff --cached --diff-filter=U` lists it; so also
// through git for a split index.
func TestStagedChangesUnmerged(t *testing.T) {
	t.Parallel()
	needGit(t)
	f := gitFixture(t)
	f.git(f.root, "checkout", "-q", "-b", "other")
	f.write("postmortems/old.md", "other\n")
	f.git(f.root, "commit", "-qam", "other")
	f.git(f.root, "checkout", "-q", "main")
	f.write("postmortems/old.md", "main\n")
	f.write("docs/a.txt", "staged too\n")
	f.git(f.root, "commit", "-qam", "main")
	if _, err := f.gitErr(f.root, "merge", "-q", "other"); err == nil {
		t.Fatal("the merge did not conflict")
	}
	f.write("docs/new.md", "new\n")
	f.git(f.root, "add", "docs/new.md")
	want := f.git(f.root, "diff", "--cached", "--name-only", "--diff-filter=U")
	for _, how := range []string{"index", "split index, through git"} {
		if how != "index" {
			f.git(f.root, "update-index", "--split-index")
		}
		f.reopen()
		files, unmerged, err := f.repo.StagedChanges(nil)
		if err != nil {
			t.Fatalf("%s: %v", how, err)
		}
		var paths []string
		for _, sf := range files {
			paths = append(paths, sf.Path)
		}
		if strings.Join(paths, " ") != "docs/new.md" || strings.Join(unmerged, "\n") != want {
			t.Errorf("%s: staged %v, unmerged %q; want [docs/new.md] and %q", how, paths, unmerged, want)
		}
		if _, unmerged, _ := f.repo.StagedChanges(func(p string) bool { return strings.HasPrefix(p, "docs/") }); len(unmerged) != 0 {
			t.Errorf("%s: the filter let through %v", how, unmerged)
		}
	}
}

// TestStagedFilesIndexV4 reads the staged files from a version 4 index (names stored as what they
// keep of the one before, as feature.manyFiles writes them) in folders of several depths, and
// compares them with git diff --cached.
func TestStagedFilesIndexV4(t *testing.T) {
	t.Parallel()
	needGit(t)
	f := newFixture(t)
	f.identity("A", "a@example.com")
	for _, p := range []string{"a.md", "postmortems/2026-01-01-a.md", "postmortems/2026-01-01-ab.md", "postmortems/2026/x.md",
		"postmortems/2026/y/z.md", "postmortems/b.md", "zz/last.md"} {
		f.write(p, p+"\n")
	}
	f.git(f.root, "add", "-A")
	f.git(f.root, "commit", "-qm", "base")
	f.git(f.root, "update-index", "--index-version", "4")
	for _, p := range []string{"postmortems/2026-01-01-ab.md", "postmortems/2026/y/z.md", "postmortems/2026/y/new.md", "zz/last.md"} {
		f.write(p, "changed "+p+"\n")
	}
	f.git(f.root, "add", "-A")
	if idx, err := os.ReadFile(filepath.Join(f.root, ".git", "index")); err != nil || len(idx) < 8 || idx[7] != 4 {
		t.Fatalf("the index is not version 4 (%v)", err)
	}
	f.reopen()
	staged, err := f.repo.StagedFiles(nil)
	mustNoErr(t, err)
	var got []string
	for _, sf := range staged {
		got = append(got, sf.Path)
		if want := "changed " + sf.Path + "\n"; string(sf.Data) != want {
			t.Errorf("%s: staged content %q, want %q", sf.Path, sf.Data, want)
		}
	}
	if want := f.git(f.root, "diff", "--cached", "--name-only", "--diff-filter=ACMT"); strings.Join(got, "\n") != want {
		t.Errorf("StagedFiles from a version 4 index:\n%s\ngit diff --cached:\n%s", strings.Join(got, "\n"), want)
	}
}

// TestChangedSinceAssumeUnchanged: a file marked assume-unchanged is, for git, what the index says:
// edited in the work tree, it is not changed since HEAD (git diff HEAD shows nothing), as pm reads it.
func TestChangedSinceAssumeUnchanged(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	needGit(t)
	f.write("pm/a.md", "v1\n")
	f.write("pm/b.md", "v1\n")
	f.commit("base", "pm/a.md", "pm/b.md")
	f.git(f.root, "update-index", "--assume-unchanged", "pm/a.md")
	f.write("pm/a.md", "edited, but git is told to assume not\n")
	f.write("pm/b.md", "v2\n")
	f.reopen()
	got, err := f.repo.ChangedSince("HEAD", nil)
	mustNoErr(t, err)
	if want := f.git(f.root, "diff", "HEAD", "--name-only"); strings.Join(got, "\n") != want || want != "pm/b.md" {
		t.Errorf("ChangedSince(HEAD) = %q; git diff HEAD --name-only %q", got, want)
	}
}

// TestChangedSinceConverted: a file whose stat data does not vouch for its index entry (touched, or
// racily clean as in a fresh clone) is compared as git diff compares it, converted as git add would
// store it: a CRLF checkout of eol=crlf or core.autocrlf, an expanded $Id$, a clean filter's input
// are unchanged; a real edit under the same settings is a change. git diff --name-only says the same.
func TestChangedSinceConverted(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, attrs string
		config      [][2]string
	}{
		{"eol=crlf", "*.md text eol=crlf\n", nil},
		{"autocrlf", "", [][2]string{{"core.autocrlf", "true"}}},
		{"ident", "*.md ident\n", nil},
		{"clean filter", "*.md filter=up\n", [][2]string{{"filter.up.clean", "tr a-z A-Z"}, {"filter.up.smudge", "tr A-Z a-z"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			f.identity("Setup", "setup@example.com")
			for _, kv := range c.config {
				f.git(f.root, "config", kv[0], kv[1])
			}
			if c.attrs != "" {
				f.write(".gitattributes", c.attrs)
			}
			f.write("pm/a.md", "$Id$\nline one\nline two\n")
			f.write("pm/b.md", "$Id$\nbee\n")
			f.git(f.root, "add", "-A")
			f.git(f.root, "commit", "-qm", "base")
			// the files as a checkout writes them (CRLF, $Id: …$, the smudged text)
			mustNoErr(t, os.Remove(filepath.Join(f.root, "pm/a.md")))
			mustNoErr(t, os.Remove(filepath.Join(f.root, "pm/b.md")))
			f.git(f.root, "checkout", "--", "pm")
			// stat data that no longer vouches for the entries
			later := time.Now().Add(time.Hour)
			for _, p := range []string{"pm/a.md", "pm/b.md"} {
				mustNoErr(t, os.Chtimes(filepath.Join(f.root, p), later, later))
			}
			f.reopen()
			got, err := f.repo.ChangedSince("HEAD", nil, "pm")
			mustNoErr(t, err)
			if len(got) != 0 {
				t.Errorf("unchanged files reported: %q (git diff: %q)", got, f.git(f.root, "diff", "--name-only", "HEAD", "--", "pm"))
			}
			// a real edit, written as a checkout writes the rest
			src, err := os.ReadFile(filepath.Join(f.root, "pm/b.md"))
			mustNoErr(t, err)
			mustNoErr(t, os.WriteFile(filepath.Join(f.root, "pm/b.md"), append(src, []byte("more\n")...), 0o644))
			got, err = f.repo.ChangedSince("HEAD", nil, "pm")
			mustNoErr(t, err)
			gitSays := f.gitStdout(f.root, "diff", "--name-only", "HEAD", "--", "pm")
			if strings.Join(got, " ") != "pm/b.md" || gitSays != "pm/b.md" {
				t.Errorf("after an edit: %q, git diff: %q; want pm/b.md", got, gitSays)
			}
		})
	}
}

// A folder whose .git is no repository to git (an empty .git folder, a .git file that names
// nothing) is a folder like any other: git status lists its untracked files and git commit takes
// its files. So does pm. A folder whose .git is a repository is refused, as before.
func TestFolderWithDotGitThatIsNoRepository(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.write("a.md", "a\n")
	f.commit("first", "a.md")
	mustNoErr(t, os.MkdirAll(filepath.Join(f.root, "empty", ".git"), 0o755))
	f.write("stray/.git", "not a gitfile\n")
	f.write("dangling/.git", "gitdir: ../nowhere\n")
	for _, d := range []string{"empty", "stray", "dangling"} {
		f.write(d+"/new.md", "new\n")
		f.write(d+"/c.md", "c\n")
		f.commit("in "+d, d+"/c.md")
		f.judge(f.root, d+"/c.md")
	}
	got, err := f.repo.ChangedSince("HEAD", nil)
	mustNoErr(t, err)
	if want := []string{"dangling/new.md", "empty/new.md", "stray/new.md"}; !slices.Equal(got, want) {
		t.Errorf("ChangedSince(HEAD) = %v, want %v (git status: %q)", got, want, f.git(f.root, "status", "--porcelain", "-uall"))
	}
	f.git(f.root, "init", "-q", "nested")
	f.write("nested/x.md", "x\n")
	if _, err := f.repo.CommitOnly([]string{"nested/x.md"}, "nested", sig("A"), sig("C")); !errors.Is(err, ErrBadPath) {
		t.Errorf("CommitOnly in a nested repository: %v, want ErrBadPath", err)
	}
}

// With core.ignorecase (git init sets it on macOS and Windows), git matches ignore patterns ignoring
// ASCII case, in every ignore file: so does pm, for the check before a commit and for the walk of
// untracked files. Judged with git check-ignore.
func TestIgnoredIgnoreCase(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.write(".gitignore", "Drafts/\n*-SECRET.md\n")
	f.write("Notes/.gitignore", "TODO-*\n")
	appendFile(t, filepath.Join(f.repo.CommonDir(), "info", "exclude"), "LOCAL.md\n")
	f.commit("ignores", ".gitignore", "Notes/.gitignore")
	cases := map[string]bool{
		"drafts/a.md":         true,
		"pm/2026-x-secret.md": true,
		"local.md":            true,
		"Notes/Todo-2.md":     true,
		"pm/2026-x-public.md": false,
		"naïve-SECRET.md":     true,
		"NAÏVE-secret.md":     true,
	}
	for _, fold := range []bool{false, true} {
		setConfig(t, filepath.Join(f.root, ".git", "config"), "core.ignorecase", fmt.Sprint(fold))
		f.reopen()
		for p, want := range cases {
			got, err := f.repo.Ignored(p)
			mustNoErr(t, err)
			_, gerr := f.gitErr(f.root, "check-ignore", "-q", p)
			if gitSays := gerr == nil; got != gitSays {
				t.Errorf("core.ignorecase=%v: Ignored(%s) = %v, git check-ignore says %v", fold, p, got, gitSays)
			}
			if fold && got != want {
				t.Errorf("core.ignorecase=true: Ignored(%s) = %v, want %v", p, got, want)
			}
		}
	}
	f.write("drafts/a.md", "a\n")
	f.write("pm/2026-x-public.md", "p\n")
	got, err := f.repo.ChangedSince("HEAD", nil)
	mustNoErr(t, err)
	if want := []string{"pm/2026-x-public.md"}; !slices.Equal(got, want) {
		t.Errorf("ChangedSince(HEAD) = %v, want %v (git status: %q)", got, want, f.git(f.root, "status", "--porcelain", "-uall"))
	}
}

// Ignore patterns are read and matched as git reads and matches them (wildmatch's classes, "[!…]",
// "**" and "***", quoted trailing spaces, "\#" and "\!", a BOM, CRLF lines, folders in a nested
// .gitignore), each set judged against git check-ignore on the same paths. go-git's patterns missed
// several of these, and pm then committed postmortems git add refuses as ignored.
func TestIgnoredLikeGitCheckIgnore(t *testing.T) {
	t.Parallel()
	paths := []string{
		"postmortems/2026-11-20-x-secret.md", "postmortems/2025/2025-01-02-b.md", "postmortems/#notes.md",
		"postmortems/!bang.md", "postmortems/a*b.md", "postmortems/trail .md", "docs/postmortems/x.md",
		"a/b/c/d.md", "a/d.md", "Postmortems/x.md", "x.md", "deep/er/x-secret.md",
	}
	sets := []string{
		"[!a]ostmortems/\n",
		"postmortems/[[:digit:]]*\n",
		"postmortems/***\n",
		"**/postmortems\n",
		"a/**/d.md\n",
		"/postmortems/2026-*\n!postmortems/*secret.md\n",
		"postmortems/\n!postmortems/*.md\n",
		"*.md\n!/postmortems/\n",
		"\\#notes.md\n\\!bang.md\n",
		"postmortems/a\\*b.md\n",
		"postmortems/trail\\ .md\n",
		"postmortems/2026-11-20-x-secret.md   \n",
		"\ufeffpostmortems/2025\r\n",
		"post*/\n!postmortems/2025/\n",
		"[[:upper:]]*\n",
		"*-secret.[m]d\n",
		"x.md/\n",
		"postmortems/[^2]*\n",
		"postmortems/[a-c!]*\n",
		"a/b/**\n",
		"**/er\n",
		"postmortems/**/*.md\n",
	}
	// a/.gitignore's patterns apply below a, not to a itself
	subs := []string{"b/c/\n", "[ab]/\n", "a**/\n", "!d.md\n*.md\n", "/b/**\n"}
	f := newFixture(t)
	for i, set := range sets {
		f.write(".gitignore", set)
		f.write("a/.gitignore", subs[i%len(subs)])
		var want []string
		cmd := exec.Command("git", "check-ignore", "--stdin")
		cmd.Dir = f.root
		cmd.Env = gitEnv(f.home)
		cmd.Stdin = strings.NewReader(strings.Join(paths, "\n") + "\n")
		out, err := cmd.Output()
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatal(err)
		}
		for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if l != "" {
				want = append(want, l)
			}
		}
		var got []string
		for _, p := range paths {
			ignored, err := f.repo.Ignored(p)
			mustNoErr(t, err)
			if ignored {
				got = append(got, p)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf(".gitignore %q: pm ignores %q, git check-ignore %q", set, got, want)
		}
	}
}
