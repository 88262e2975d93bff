package gitrepo

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/gitrepo/indexahead"
)

// aheadFixture is a repository with a commit, a staged change, addition and conflict-free
// removal, and a staged .pm.yaml: what pm lint --staged meets.
func aheadFixture(t *testing.T) *fixture {
	t.Helper()
	needGit(t)
	f := newFixture(t)
	f.identity("A", "a@example.com")
	f.write("pm/a.md", "a\n")
	f.write("pm/b.md", "b\n")
	f.write("pm/c.md", "c\n")
	f.write("notes.txt", "n\n")
	f.git(f.root, "add", "-A")
	f.git(f.root, "commit", "-q", "-m", "one")
	f.write("pm/a.md", "a2\n")
	f.write("pm/new.md", "new\n")
	f.write("notes.txt", "n2\n")
	f.write(".pm.yaml", "dir: pm\n")
	f.git(f.root, "add", "pm/a.md", "pm/new.md", "notes.txt", ".pm.yaml")
	f.git(f.root, "rm", "-q", "--cached", "pm/c.md")
	return f
}

// startAhead begins the reading ahead in f's repository and waits for it to end.
func startAhead(t *testing.T, f *fixture, also string) {
	t.Helper()
	t.Cleanup(func() { ahead.Store(nil); aheadDiscovery.Store(nil) })
	aheadDiscovery.Store(nil)
	StartStaged(f.root, f.getenv, also)
	a := ahead.Load()
	if a == nil {
		t.Fatal("StartStaged began nothing")
	}
	<-a.done
	if !a.ok {
		t.Fatal("the reading ahead found no answer")
	}
}

func isMarkdown(p string) bool { return strings.HasSuffix(p, ".md") }

type stagedAnswer struct {
	Files    []File
	Unmerged []string
	Also     *File
}

func stagedOf(t *testing.T, r *Repo, match func(string) bool, also string) stagedAnswer {
	t.Helper()
	files, unmerged, alsoFile, err := r.StagedChangesAnd(match, also)
	if err != nil {
		t.Fatal(err)
	}
	return stagedAnswer{files, unmerged, alsoFile}
}

// The reading begun ahead is taken by StagedChangesAnd in the same repository, and its answer is
// the one StagedChangesAnd finds by itself, with the match asked of it then.
func TestStagedAheadIsTakenAndAnswersAlike(t *testing.T) {
	for _, match := range []func(string) bool{nil, isMarkdown} {
		f := aheadFixture(t)
		want := stagedOf(t, f.repo, match, ".pm.yaml")
		if len(want.Files) == 0 || want.Also == nil {
			t.Fatalf("the fixture stages nothing: %+v", want)
		}
		startAhead(t, f, ".pm.yaml")
		f.reopen()
		s, ok := f.repo.takeAhead(match, ".pm.yaml")
		if !ok {
			t.Fatal("the reading ahead was not taken in the same repository and state")
		}
		ahead.Store(nil)
		fresh, err := f.repo.readStaged(match, ".pm.yaml")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(s.entries, fresh.entries) || !reflect.DeepEqual(s.unmerged, fresh.unmerged) || !reflect.DeepEqual(s.also, fresh.also) {
			t.Errorf("ahead: %+v %v %+v\nread now: %+v %v %+v", s.entries, s.unmerged, s.also, fresh.entries, fresh.unmerged, fresh.also)
		}
		// and through StagedChangesAnd, with the removal check it informs
		startAhead(t, f, ".pm.yaml")
		f.reopen()
		if got := stagedOf(t, f.repo, match, ".pm.yaml"); !reflect.DeepEqual(got, want) {
			t.Errorf("StagedChangesAnd with the reading ahead = %+v\nwithout = %+v", got, want)
		}
		if ahead.Load() != nil {
			t.Error("the reading ahead is still there after StagedChangesAnd took it")
		}
		if got, err := f.repo.StagedRemovals("pm"); err != nil || !reflect.DeepEqual(got, []string{"pm/c.md"}) {
			t.Errorf("StagedRemovals after the reading ahead: %v, %v; want [pm/c.md]", got, err)
		}
	}
}

// Whatever changed since the reading ahead, or differs from what it read, makes StagedChangesAnd
// read again, and answer as git does then.
func TestStagedAheadNotTakenWhenAnythingDiffers(t *testing.T) {
	for _, c := range []struct {
		name   string
		also   string
		change func(f *fixture)
	}{
		{"another file staged since", ".pm.yaml", func(f *fixture) {
			f.write("pm/b.md", "b2\n")
			f.git(f.root, "add", "pm/b.md")
		}},
		{"a staged file unstaged since", ".pm.yaml", func(f *fixture) { f.git(f.root, "reset", "-q", "--", "pm/new.md") }},
		{"HEAD moved since (reset --soft)", ".pm.yaml", func(f *fixture) {
			f.git(f.root, "commit", "-q", "-m", "two")
			f.git(f.root, "reset", "-q", "--soft", "HEAD~1")
		}},
		{"committed since", ".pm.yaml", func(f *fixture) { f.git(f.root, "commit", "-q", "-m", "two") }},
		{"HEAD moved since, the index file untouched", ".pm.yaml", func(f *fixture) {
			blob := f.gitStdout(f.root, "hash-object", "-w", "notes.txt")
			tree := gitWithInput(f, "100644 blob "+blob+"\tz.md\n", "mktree")
			commit := f.gitStdout(f.root, "commit-tree", tree, "-p", "HEAD", "-m", "elsewhere")
			f.git(f.root, "update-ref", "HEAD", commit)
		}},
		{"another file asked for with the staged ones", "other.yaml", func(*fixture) {}},
		{"the index removed since", ".pm.yaml", func(f *fixture) {
			if err := os.Remove(filepath.Join(f.root, ".git", "index")); err != nil {
				f.t.Fatal(err)
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := aheadFixture(t)
			startAhead(t, f, ".pm.yaml")
			c.change(f)
			f.reopen()
			if _, ok := f.repo.takeAhead(isMarkdown, c.also); ok {
				t.Fatal("the reading ahead was taken")
			}
			// and StagedChangesAnd, given one, answers as git diff --cached does now
			g := aheadFixture(t)
			startAhead(t, g, ".pm.yaml")
			c.change(g)
			g.reopen()
			var got []string
			for _, fl := range stagedOf(t, g.repo, nil, c.also).Files {
				got = append(got, fl.Path)
			}
			var want []string
			for _, p := range strings.Split(g.git(g.root, "diff", "--cached", "--name-only", "-z", "--no-renames", "--diff-filter=AM"), "\x00") {
				if p != "" {
					want = append(want, p)
				}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("staged files %v; git diff --cached: %v", got, want)
			}
		})
	}
}

// gitWithInput runs git in f's work tree with input on its standard input, and returns its output.
func gitWithInput(f *fixture, input string, args ...string) string {
	f.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = f.root
	cmd.Env = gitEnv(f.home, f.gitEnv...)
	cmd.Stdin = strings.NewReader(input)
	out, err := cmd.Output()
	if err != nil {
		f.t.Fatalf("git %v: %v", args, err)
	}
	return strings.TrimSpace(string(out))
}

// A reading ahead of another repository is not taken there.
func TestStagedAheadOfAnotherRepository(t *testing.T) {
	f, g := aheadFixture(t), aheadFixture(t)
	startAhead(t, g, ".pm.yaml")
	if _, ok := f.repo.takeAhead(nil, ".pm.yaml"); ok {
		t.Fatal("a reading ahead of another repository was taken")
	}
	// the same index file (GIT_INDEX_FILE), in another repository: its objects are others
	startAhead(t, g, ".pm.yaml")
	f.env["GIT_INDEX_FILE"] = filepath.Join(g.root, ".git", "index")
	f.reopen()
	if _, ok := f.repo.takeAhead(nil, ".pm.yaml"); ok {
		t.Fatal("a reading ahead of another repository's index, the index asked for, was taken")
	}
}

// Outside a repository, or where pm cannot read the index, the reading ahead finds nothing and
// leaves the error to the command.
func TestStagedAheadFindsNothingOutsideARepository(t *testing.T) {
	t.Cleanup(func() { ahead.Store(nil) })
	dir := t.TempDir()
	StartStaged(dir, func(k string) string {
		if k == "GIT_CEILING_DIRECTORIES" {
			return filepath.Dir(dir)
		}
		return ""
	}, ".pm.yaml")
	a := ahead.Load()
	<-a.done
	if a.ok {
		t.Error("a reading ahead outside a repository found an answer")
	}
	f := aheadFixture(t)
	if err := os.WriteFile(filepath.Join(f.root, ".git", "index"), []byte("DIRC garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	ahead.Store(nil)
	startAheadFailing := func() *aheadRead {
		StartStaged(f.root, f.getenv, ".pm.yaml")
		a := ahead.Load()
		<-a.done
		return a
	}
	if a := startAheadFailing(); a.ok {
		t.Error("a reading ahead of a corrupt index found an answer")
	}
	if _, _, _, err := f.repo.StagedChangesAnd(nil, ".pm.yaml"); err == nil {
		t.Error("StagedChangesAnd of a corrupt index: no error")
	}
}

// A Repo reading ahead runs no git program (a partial clone's fetch is left to the command's own
// reading).
func TestNoGitRunsNoGit(t *testing.T) {
	f := aheadFixture(t)
	f.repo.noGit = true
	if _, err := f.repo.git("version"); err == nil || !strings.Contains(err.Error(), errNoGit.Error()) {
		t.Errorf("git version from a Repo that runs no git: %v", err)
	}
}

// The file also names is read through a staged symbolic link as the file it leads to in the index,
// from a split index (read through git) as from any other; a link out of the repository is refused
// by both.
func TestStagedChangesAndAlsoThroughALink(t *testing.T) {
	t.Parallel()
	needGit(t)
	f := newFixture(t)
	f.identity("A", "a@example.com")
	f.write("conf/pm.yaml", "dir: pm\n")
	if err := os.Symlink("conf/pm.yaml", filepath.Join(f.root, ".pm.yaml")); err != nil {
		t.Skip(err)
	}
	f.write("pm/a.md", "a\n")
	f.git(f.root, "add", "-A")
	f.git(f.root, "commit", "-qm", "one")
	f.write("pm/a.md", "a2\n")
	f.write("conf/pm.yaml", "dir: pm # staged\n")
	f.git(f.root, "add", "-A")
	f.write("conf/pm.yaml", "dir: pm # work tree\n")
	for _, how := range []string{"index", "split index, through git"} {
		if how != "index" {
			f.git(f.root, "update-index", "--split-index")
		}
		f.reopen()
		_, _, alsoFile, err := f.repo.StagedChangesAnd(isMarkdown, ".pm.yaml")
		if err != nil {
			t.Fatalf("%s: %v", how, err)
		}
		if alsoFile == nil || string(alsoFile.Data) != "dir: pm # staged\n" {
			t.Errorf("%s: also = %+v, want the staged conf/pm.yaml", how, alsoFile)
		}
	}
	if err := os.Remove(filepath.Join(f.root, ".pm.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../outside.yaml", filepath.Join(f.root, ".pm.yaml")); err != nil {
		t.Fatal(err)
	}
	f.git(f.root, "add", ".pm.yaml")
	f.reopen()
	if _, _, alsoFile, err := f.repo.StagedChangesAnd(isMarkdown, ".pm.yaml"); !errors.Is(err, ErrBadPath) {
		t.Errorf("split index, a link out of the repository: also %+v, error %v; want ErrBadPath", alsoFile, err)
	}
}

// A staged link, for the file also names, to a file the index does not hold (an untracked
// conf/pm.yaml) is refused as a link to nothing, as a checkout of the commit reads it; not passed
// over for the work tree's file, which the commit does not have. So also through git.
func TestStagedChangesAndAlsoLinkToNothing(t *testing.T) {
	t.Parallel()
	needGit(t)
	f := newFixture(t)
	f.identity("A", "a@example.com")
	f.write("pm/a.md", "a\n")
	f.git(f.root, "add", "-A")
	f.git(f.root, "commit", "-qm", "one")
	f.write("conf/pm.yaml", "dir: pm\n") // untracked
	if err := os.Symlink("conf/pm.yaml", filepath.Join(f.root, ".pm.yaml")); err != nil {
		t.Skip(err)
	}
	f.git(f.root, "add", ".pm.yaml")
	for _, how := range []string{"index", "split index, through git"} {
		if how != "index" {
			f.git(f.root, "update-index", "--split-index")
		}
		f.reopen()
		_, _, alsoFile, err := f.repo.StagedChangesAnd(isMarkdown, ".pm.yaml")
		if !errors.Is(err, ErrBadPath) || !strings.Contains(err.Error(), "conf/pm.yaml") {
			t.Errorf("%s: also %+v, error %v; want ErrBadPath naming conf/pm.yaml", how, alsoFile, err)
		}
	}
}

// waitDiscovery waits for the discovery begun ahead to end.
func waitDiscovery(t *testing.T) {
	t.Helper()
	a := aheadDiscovery.Load()
	if a == nil {
		t.Fatal("no discovery was begun ahead")
	}
	<-a.done
}

// DiscoverOnce takes the discovery made ahead for the same folder and the same values of the
// variables it read, once, and discovers again otherwise: with GIT_DIR naming another repository,
// from another folder, or a second time.
func TestDiscoverOnceTakesTheSameDiscovery(t *testing.T) {
	f, g := aheadFixture(t), aheadFixture(t)
	t.Cleanup(func() { aheadDiscovery.Store(nil) })
	sub := filepath.Join(f.root, "pm")

	aheadDiscovery.Store(nil)
	StartDiscovery(sub, f.getenv)
	waitDiscovery(t)
	want, werr := Discover(sub, f.getenv)
	got, err := DiscoverOnce(sub, f.getenv)
	if err != nil || werr != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("DiscoverOnce = %+v, %v; Discover = %+v, %v", got, err, want, werr)
	}
	if aheadDiscovery.Load() != nil {
		t.Error("the discovery made ahead is still there after DiscoverOnce took it")
	}

	// the same folder, GIT_DIR set to another repository's: that one
	StartDiscovery(sub, f.getenv)
	waitDiscovery(t)
	env := func(k string) string {
		if k == "GIT_DIR" {
			return filepath.Join(g.root, ".git")
		}
		return f.getenv(k)
	}
	if got, err := DiscoverOnce(sub, env); err != nil || got.GitDir != filepath.Join(g.root, ".git") {
		t.Errorf("with GIT_DIR of another repository: %+v, %v", got, err)
	}

	// another folder: its repository
	StartDiscovery(sub, f.getenv)
	waitDiscovery(t)
	if got, err := DiscoverOnce(g.root, f.getenv); err != nil || got.WorkTree != g.root {
		t.Errorf("from another repository's folder: %+v, %v", got, err)
	}

	// outside any repository, as found ahead: not a repository, said as Discover says it
	out := t.TempDir()
	ceiling := func(k string) string {
		if k == "GIT_CEILING_DIRECTORIES" {
			return filepath.Dir(out)
		}
		return f.getenv(k)
	}
	StartDiscovery(out, ceiling)
	waitDiscovery(t)
	if _, err := DiscoverOnce(out, ceiling); !errors.Is(err, ErrNotRepository) {
		t.Errorf("outside a repository: %v, want ErrNotRepository", err)
	}
}

// StartStaged's discovery is DiscoverOnce's too.
func TestStartStagedDiscoversAhead(t *testing.T) {
	f := aheadFixture(t)
	startAhead(t, f, ".pm.yaml")
	waitDiscovery(t)
	want, _ := Discover(f.root, f.getenv)
	if got, err := DiscoverOnce(f.root, f.getenv); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("DiscoverOnce after StartStaged = %+v, %v; want %+v", got, err, want)
	}
}

// The index decoded as the process started (indexahead, for pm lint --staged) is the View the
// reading takes when it is of the same file, and the answer is the one read without it; an index
// replaced since (another file staged) is read again.
func TestIndexDecodedAheadIsTaken(t *testing.T) {
	f := aheadFixture(t)
	t.Cleanup(func() { indexahead.Start(""); indexahead.Take("", os.Stat) })
	want := stagedOf(t, f.repo, nil, ".pm.yaml")
	path := indexahead.Guess(f.root, f.getenv)
	if path != f.repo.indexFile() {
		t.Fatalf("indexahead.Guess = %q, the index read is %q", path, f.repo.indexFile())
	}
	indexahead.Start(path)
	pending := indexahead.Pending()
	if pending == nil {
		t.Fatal("nothing decoded ahead")
	}
	v, _, release, err := f.repo.readStagedViewInfo()
	if err != nil {
		t.Fatal(err)
	}
	release()
	if v != pending {
		t.Fatal("the View decoded ahead was not taken")
	}
	indexahead.Start(path)
	f.reopen()
	if got := stagedOf(t, f.repo, nil, ".pm.yaml"); !reflect.DeepEqual(got, want) {
		t.Errorf("with the index decoded ahead: %+v\nwithout: %+v", got, want)
	}
	if indexahead.Pending() != nil {
		t.Error("the decoding ahead is still pending after StagedChangesAnd")
	}

	indexahead.Start(path)
	pending = indexahead.Pending()
	f.write("pm/b.md", "b2\n")
	f.git(f.root, "add", "pm/b.md")
	f.reopen()
	v, _, release, err = f.repo.readStagedViewInfo()
	if err != nil {
		t.Fatal(err)
	}
	release()
	if v == pending {
		t.Fatal("the View of the index replaced since was taken")
	}
	var got []string
	for _, fl := range stagedOf(t, f.repo, nil, "").Files {
		got = append(got, fl.Path)
	}
	if want := []string{".pm.yaml", "notes.txt", "pm/a.md", "pm/b.md", "pm/new.md"}; !reflect.DeepEqual(got, want) {
		t.Errorf("staged after another git add: %v, want %v", got, want)
	}
}
