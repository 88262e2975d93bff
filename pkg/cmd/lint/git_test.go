package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/internal/testrepo"
)

// gitRepo makes a repository with the clean fixture committed as postmortems/a.md and b.md, using
// the git CLI to stage and commit as a user would.
func gitRepo(t *testing.T) *testrepo.Repo {
	t.Helper()
	r := testrepo.New(t, "A", "a@example.com", "commit.gpgsign", "false")
	r.Write("postmortems/a.md", string(readFixture(t, "clean.md")))
	r.Write("postmortems/b.md", string(readFixture(t, "clean.md")))
	r.Git("add", ".")
	r.Git("commit", "-qm", "base")
	return r
}

func withOutage(t *testing.T) []byte {
	return []byte(strings.Replace(string(readFixture(t, "clean.md")), "### External Message\n\n", "### External Message\n\nSorry for the outage.\n\n", 1))
}

func TestLintStagedReadsTheIndex(t *testing.T) {
	r := gitRepo(t)
	dir := r.Dir
	a := filepath.Join(dir, "postmortems", "a.md")
	os.WriteFile(a, withOutage(t), 0o644)
	r.Git("add", "postmortems/a.md")
	// the work tree is fixed again, but the staged content still has the word
	os.WriteFile(a, readFixture(t, "clean.md"), 0o644)
	// an unstaged change to b.md is not linted
	os.WriteFile(filepath.Join(dir, "postmortems", "b.md"), withOutage(t), 0o644)
	out, errOut, code := run(t, dir, Options{Staged: true})
	if code != 1 || strings.Count(out, "\n") != 1 || !strings.HasPrefix(out, "postmortems/a.md:") || !strings.Contains(out, "[banned-word]") {
		t.Errorf("exit %d, out %q, err %q", code, out, errOut)
	}
	if !strings.Contains(errOut, "1 file linted") {
		t.Errorf("summary %q", errOut)
	}
	// from a subdirectory, paths are relative to it
	sub := filepath.Join(dir, "postmortems")
	f, o, _ := cmdutil.TestFactory(sub, now, nil)
	lintRun(&Options{F: f, Staged: true, Format: "text"})
	if !strings.HasPrefix(o.String(), "a.md:") {
		t.Errorf("from a subdirectory: %q", o)
	}
}

func TestLintStagedNothingStaged(t *testing.T) {
	dir := gitRepo(t).Dir
	out, errOut, code := run(t, dir, Options{Staged: true})
	if code != 0 || out != "" || !strings.Contains(errOut, "0 files linted") {
		t.Errorf("exit %d, out %q, err %q", code, out, errOut)
	}
}

func TestLintChangedSince(t *testing.T) {
	r := gitRepo(t)
	dir := r.Dir
	r.Git("tag", "base")
	os.WriteFile(filepath.Join(dir, "postmortems", "b.md"), withOutage(t), 0o644)
	r.Git("commit", "-qam", "b")
	os.WriteFile(filepath.Join(dir, "postmortems", "c.md"), withOutage(t), 0o644) // untracked: part of the change
	os.WriteFile(filepath.Join(dir, "notes.md"), withOutage(t), 0o644)            // outside the folder
	out, errOut, code := run(t, dir, Options{ChangedSince: "base"})
	if code != 1 || !strings.Contains(out, "postmortems/b.md:") || !strings.Contains(out, "postmortems/c.md:") ||
		strings.Contains(out, "a.md") || strings.Contains(out, "notes.md") {
		t.Errorf("exit %d, out %q, err %q", code, out, errOut)
	}
	if _, errOut, code := run(t, dir, Options{ChangedSince: "no-such-ref"}); code != 2 || !strings.Contains(errOut, "no-such-ref") {
		t.Errorf("bad ref: exit %d, %q", code, errOut)
	}
	if _, _, code := run(t, dir, Options{ChangedSince: "HEAD", Staged: true}); code != 2 {
		t.Errorf("both flags: exit %d", code)
	}
}

// TestLintWithGitDirAndWorkTree lints the staged and the changed files with the repository's git
// directory moved out of the work tree and named by GIT_DIR and GIT_WORK_TREE: the same files are
// linted as with .git in place.
func TestLintWithGitDirAndWorkTree(t *testing.T) {
	r := gitRepo(t)
	r.Git("tag", "base")
	os.WriteFile(filepath.Join(r.Dir, "postmortems", "a.md"), withOutage(t), 0o644)
	r.Git("add", "postmortems/a.md")
	os.WriteFile(filepath.Join(r.Dir, "postmortems", "c.md"), withOutage(t), 0o644)
	lintBoth := func(env map[string]string) []string {
		var outs []string
		for _, o := range []Options{{Staged: true}, {ChangedSince: "base"}} {
			f, out, errOut := cmdutil.TestFactory(r.Dir, now, env)
			o.F, o.Format = f, "text"
			err := lintRun(&o)
			outs = append(outs, out.String()+errOut.String()+fmt.Sprint(cmdutil.ExitCode(err)))
		}
		return outs
	}
	want := lintBoth(r.Env)
	store := filepath.Join(t.TempDir(), "store.git")
	if err := os.Rename(filepath.Join(r.Dir, ".git"), store); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"GIT_DIR": store, "GIT_WORK_TREE": r.Dir}
	for k, v := range r.Env {
		env[k] = v
	}
	if got := lintBoth(env); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("with GIT_DIR and GIT_WORK_TREE:\n%q\nwant:\n%q", got, want)
	}
	if !strings.Contains(want[0], "postmortems/a.md:") || !strings.Contains(want[1], "postmortems/c.md:") {
		t.Errorf("the reference runs lint nothing: %q", want)
	}
}

// A postmortem with a conflict in the index is not linted by --staged, and pm says so.
func TestLintStagedUnmerged(t *testing.T) {
	r := gitRepo(t)
	a := filepath.Join(r.Dir, "postmortems", "a.md")
	r.Git("checkout", "-q", "-b", "side")
	os.WriteFile(a, withOutage(t), 0o644)
	r.Git("commit", "-qam", "side")
	r.Git("checkout", "-q", "-")
	os.WriteFile(a, []byte(strings.Replace(string(readFixture(t, "clean.md")), "### External Message\n\n", "### External Message\n\nWe are sorry.\n\n", 1)), 0o644)
	r.Git("commit", "-qam", "main")
	if _, err := r.TryGit("merge", "-q", "side"); err == nil {
		t.Fatal("the merge did not conflict")
	}
	out, errOut, code := run(t, r.Dir, Options{Staged: true})
	if code != 0 || out != "" || !strings.Contains(errOut, "skipped postmortems/a.md: unmerged") || !strings.Contains(errOut, "0 files linted") {
		t.Errorf("exit %d, out %q, err %q", code, out, errOut)
	}
}

// --changed-since REF lints what this branch changed since it left REF (git diff REF...): on a
// branch behind REF, a postmortem edited on REF meanwhile is not the branch's, and is not linted.
func TestLintChangedSinceTheMergeBase(t *testing.T) {
	r := gitRepo(t)
	r.Git("branch", "-M", "main")
	r.Git("switch", "-qc", "feature")
	os.WriteFile(filepath.Join(r.Dir, "postmortems", "a.md"), withOutage(t), 0o644)
	r.Git("commit", "-qam", "the branch's change")
	r.Git("switch", "-q", "main")
	os.WriteFile(filepath.Join(r.Dir, "postmortems", "b.md"), withOutage(t), 0o644)
	r.Git("commit", "-qam", "main's change")
	r.Git("switch", "-q", "feature")
	out, errOut, code := run(t, r.Dir, Options{ChangedSince: "main"})
	if code != 1 || !strings.Contains(out, "postmortems/a.md:") || strings.Contains(out, "b.md") || !strings.Contains(errOut, "1 file linted") {
		t.Errorf("exit %d, out %q, err %q", code, out, errOut)
	}
}

// A folder named with --staged or --changed-since selects the postmortems below it by pm lint
// FOLDER's rule (no dot folders, no node_modules); a file named is linted as pm lint FILE lints it.
func TestLintStagedNamedFolderLeavesOutWhatTheWalkLeavesOut(t *testing.T) {
	r := gitRepo(t)
	for _, p := range []string{"postmortems/.drafts/d.md", "postmortems/node_modules/n.md", "postmortems/sub/c.MD"} {
		r.Write(p, string(withOutage(t)))
	}
	r.Git("add", "-A")
	for _, o := range []Options{{Staged: true}, {Staged: true, Paths: []string{"postmortems"}}, {ChangedSince: "HEAD", Paths: []string{"postmortems"}}} {
		out, errOut, code := run(t, r.Dir, o)
		if code != 1 || !strings.Contains(out, "postmortems/sub/c.MD:") || strings.Contains(out, ".drafts") || strings.Contains(out, "node_modules") {
			t.Errorf("%+v: exit %d\n%s%s", o, code, out, errOut)
		}
	}
	out, _, code := run(t, r.Dir, Options{Staged: true, Paths: []string{"postmortems/.drafts/d.md"}})
	if code != 1 || !strings.Contains(out, "postmortems/.drafts/d.md:") {
		t.Errorf("a file named: exit %d\n%s", code, out)
	}
}

// --staged lints a commit by the .pm.yaml it commits: the index's, not an unstaged edit in the work
// tree (which would let a hook pass what a checkout of the commit fails), and the folder it names.
func TestLintStagedReadsTheStagedSettings(t *testing.T) {
	r := gitRepo(t)
	r.Write(".pm.yaml", "lint:\n  rules: {}\n")
	r.Write("postmortems/a.md", string(withOutage(t)))
	r.Git("add", "-A")
	// unstaged: the banned word turned off in the work tree only
	r.Write(".pm.yaml", "lint:\n  rules: {banned-word: \"off\"}\n")
	out, errOut, code := run(t, r.Dir, Options{Staged: true})
	if code != 1 || !strings.Contains(out, "[banned-word]") {
		t.Errorf("unstaged settings used: exit %d\n%s%s", code, out, errOut)
	}
	// staged: a new folder and its postmortem, with the work tree's .pm.yaml put back
	r.Write(".pm.yaml", "dir: incidents\n")
	r.Write("incidents/x.md", string(withOutage(t)))
	r.Git("add", "-A")
	r.Write(".pm.yaml", "lint:\n  rules: {}\n")
	out, errOut, code = run(t, r.Dir, Options{Staged: true})
	if code != 1 || !strings.Contains(out, "incidents/x.md:") || strings.Contains(out, "postmortems/a.md:") {
		t.Errorf("staged dir: not used: exit %d\n%s%s", code, out, errOut)
	}
	// a staged .pm.yaml that does not parse is the error it is
	r.Write(".pm.yaml", "lint: [\n")
	r.Git("add", ".pm.yaml")
	r.Write(".pm.yaml", "lint:\n  rules: {}\n")
	if _, errOut, code := run(t, r.Dir, Options{Staged: true}); code != 2 || !strings.Contains(errOut, ".pm.yaml (staged)") {
		t.Errorf("broken staged settings: exit %d, %q", code, errOut)
	}
	// a half-typed, unstaged edit of the work tree's .pm.yaml does not stop the commit: the staged
	// settings are the commit's (the staged language too)
	r.Write(".pm.yaml", "language: ja\nlint:\n  rules: {}\n")
	r.Git("add", ".pm.yaml")
	r.Write(".pm.yaml", "language: ja\nlint:\n  rules: {banned-word: off\n")
	out, errOut, code = run(t, r.Dir, Options{Staged: true})
	if code != 1 || !strings.Contains(out, "[banned-word]") || !strings.Contains(out, "対外メッセージ") || strings.Contains(errOut, "invalid YAML") {
		t.Errorf("unstaged broken settings refused the commit: exit %d\n%s%s", code, out, errOut)
	}
	// ... unless they are the commit's: no .pm.yaml in the index
	r.Git("rm", "-qf", "--cached", ".pm.yaml")
	if _, errOut, code := run(t, r.Dir, Options{Staged: true}); code != 2 || !strings.Contains(errOut, ".pm.yaml:") || strings.Contains(errOut, "(staged)") {
		t.Errorf("the work tree's broken settings, the only ones: exit %d, %q", code, errOut)
	}
}

// The relations rule of --staged asks the index: an untracked file does not make a related id exist.
func TestLintStagedRelationsAskTheIndex(t *testing.T) {
	r := gitRepo(t)
	r.Write("postmortems/other.md", string(readFixture(t, "clean.md"))) // untracked
	doc := strings.Replace(string(readFixture(t, "clean.md")), "\ntitle:", "\nrelated: [other, b]\ntitle:", 1)
	r.Write("postmortems/a.md", doc)
	r.Git("add", "postmortems/a.md")
	out, errOut, code := run(t, r.Dir, Options{Staged: true})
	if code != 1 || !strings.Contains(out, `no postmortem has the id "other"`) || strings.Contains(out, `the id "b"`) {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
}

// Without a common commit, --changed-since compares with REF itself, and says so (git refuses
// REF... there).
func TestLintChangedSinceWithoutACommonCommitSaysSo(t *testing.T) {
	r := gitRepo(t)
	r.Git("checkout", "-q", "--orphan", "other")
	r.Git("commit", "-qm", "unrelated")
	_, errOut, code := run(t, r.Dir, Options{ChangedSince: "main"})
	if code != 0 || !strings.Contains(errOut, "pm: no common commit with main") {
		t.Errorf("exit %d, %q", code, errOut)
	}
	// in GitHub's format the caveat is a warning of the job too, beside the annotations
	out, _, _ := run(t, r.Dir, Options{ChangedSince: "main", Format: "github"})
	if !strings.HasPrefix(out, "::warning::no common commit with main") {
		t.Errorf("github format: %q", out)
	}
}

// A staged postmortem larger than pm reads gets the finding pm lint FILE gives it, not a lint of
// its whole blob (which took over a gigabyte of memory for 20 MB); a sparse checkout's index copy too.
func TestLintStagedTooLarge(t *testing.T) {
	r := gitRepo(t)
	big := string(readFixture(t, "clean.md")) + strings.Repeat("lorem ipsum dolor sit amet\n", MaxFileSize/27+10)
	r.Write("postmortems/big.md", big)
	r.Git("add", "postmortems/big.md")
	out, errOut, code := run(t, r.Dir, Options{Staged: true})
	want := "postmortems/big.md:1:1: error: not a postmortem: "
	if code != 1 || !strings.Contains(out, want) || !strings.Contains(out, "over the 8 MiB") || strings.Count(out, "\n") != 1 {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
	fileOut, _, fileCode := run(t, r.Dir, Options{Paths: []string{"postmortems/big.md"}})
	if fileCode != code || fileOut != out {
		t.Errorf("pm lint FILE (exit %d) says otherwise:\n%s", fileCode, fileOut)
	}
}

// A .pm.yaml that names a folder where nothing is (a typo, or a pull request moving dir there to pass
// its check) is pm lint's "no postmortem folder" error for --changed-since and for a commit of it
// too, not "0 files linted"; files named, or a folder the index alone holds (sparse), are not.
func TestLintChangedAndStagedFolderMissing(t *testing.T) {
	r := gitRepo(t)
	r.Write(".pm.yaml", "dir: postmortems\n")
	r.Git("add", ".pm.yaml")
	r.Git("commit", "-qm", "settings")
	r.Git("tag", "base")
	r.Write(".pm.yaml", "dir: nope\n")
	r.Write("postmortems/bad.md", "garbage\n")
	r.Git("add", "-A")
	want := "no postmortem folder nope"
	if _, errOut, code := run(t, r.Dir, Options{Staged: true}); code != 2 || !strings.HasPrefix(errOut, want) {
		t.Errorf("--staged: exit %d, %q", code, errOut)
	}
	r.Git("commit", "-qm", "move dir")
	if _, errOut, code := run(t, r.Dir, Options{ChangedSince: "base"}); code != 2 || !strings.HasPrefix(errOut, want) {
		t.Errorf("--changed-since: exit %d, %q", code, errOut)
	}
	if out, errOut, code := run(t, r.Dir, Options{ChangedSince: "base", Paths: []string{"postmortems"}}); code != 1 || !strings.Contains(out, "postmortems/bad.md:") {
		t.Errorf("--changed-since with the folder named: exit %d\n%s%s", code, out, errOut)
	}
	// the folder in the index only (outside a sparse checkout) is there
	r.Write(".pm.yaml", "dir: postmortems\n")
	r.Git("commit", "-qam", "back")
	r.Git("sparse-checkout", "set", "--no-cone", "/.pm.yaml")
	if _, errOut, code := run(t, r.Dir, Options{ChangedSince: "base"}); code == 2 {
		t.Errorf("a folder outside the sparse checkout: exit %d, %q", code, errOut)
	}
}

// dir naming a file (README.md, .pm.yaml) is no folder of postmortems: the same error, not "0 files
// linted" nor .pm.yaml linted as a postmortem.
func TestLintDirNamingAFile(t *testing.T) {
	r := gitRepo(t)
	r.Write("README.md", "# readme\n")
	r.Write(".pm.yaml", "dir: README.md\n")
	r.Git("add", "-A")
	for _, o := range []Options{{Staged: true}, {}, {ChangedSince: "HEAD"}} {
		if _, errOut, code := run(t, r.Dir, o); code != 2 || !strings.Contains(errOut, "no postmortem folder README.md") {
			t.Errorf("%+v: exit %d, %q", o, code, errOut)
		}
	}
}

// A .pm.yaml committed as a link to a file inside the repository (conf/pm.yaml) is read, staged, as
// the file it leads to, as a checkout reads it: the hook passes what pm lint passes.
func TestLintStagedSettingsThroughALink(t *testing.T) {
	r := gitRepo(t)
	r.Write("conf/pm.yaml", "lint:\n  rules: {banned-word: \"off\"}\n")
	if err := os.Symlink("conf/pm.yaml", filepath.Join(r.Dir, ".pm.yaml")); err != nil {
		t.Skip(err)
	}
	r.Write("postmortems/a.md", string(withOutage(t)))
	r.Git("add", "-A")
	out, errOut, code := run(t, r.Dir, Options{Staged: true})
	if code != 0 || strings.Contains(out, "[banned-word]") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
}

// A .pm.yaml staged as a link to a file the commit does not hold (conf/pm.yaml untracked) is
// refused, exit 2, as a checkout of the commit refuses it: the work tree's untracked settings are not
// the commit's.
func TestLintStagedSettingsLinkToNothing(t *testing.T) {
	r := gitRepo(t)
	r.Write("conf/pm.yaml", "lint:\n  rules: {banned-word: \"off\"}\n")
	if err := os.Symlink("conf/pm.yaml", filepath.Join(r.Dir, ".pm.yaml")); err != nil {
		t.Skip(err)
	}
	r.Write("postmortems/a.md", string(withOutage(t)))
	r.Git("add", ".pm.yaml", "postmortems/a.md")
	out, errOut, code := run(t, r.Dir, Options{Staged: true})
	if code != 2 || strings.Contains(strings.TrimSpace(errOut), "\n") || !strings.Contains(errOut, "symbolic link to conf/pm.yaml") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
}

// Deleting the folder's last postmortem (git rm, the folder gone with it) is no missing folder: the
// commit has nothing to lint and passes the hook, and so does the branch's check.
func TestLintLastPostmortemDeleted(t *testing.T) {
	r := gitRepo(t)
	r.Write(".pm.yaml", "dir: incidents\n")
	r.Write("incidents/only.md", "---\ntitle: Only\n---\n")
	r.Git("add", "-A")
	r.Git("commit", "-qm", "one")
	r.Git("tag", "base")
	r.Git("rm", "-q", "incidents/only.md")
	if _, err := os.Stat(filepath.Join(r.Dir, "incidents")); !os.IsNotExist(err) {
		t.Fatalf("the folder is still there: %v", err)
	}
	if out, errOut, code := run(t, r.Dir, Options{Staged: true}); code != 0 {
		t.Errorf("--staged: exit %d\n%s%s", code, out, errOut)
	}
	r.Git("commit", "-qm", "delete it")
	if out, errOut, code := run(t, r.Dir, Options{ChangedSince: "base"}); code != 0 {
		t.Errorf("--changed-since: exit %d\n%s%s", code, out, errOut)
	}
	// a folder nothing ever was in is still missing
	if _, errOut, code := run(t, r.Dir, Options{ChangedSince: "HEAD"}); code != 2 || !strings.Contains(errOut, "no postmortem folder incidents") {
		t.Errorf("--changed-since HEAD, where the folder never was: exit %d, %q", code, errOut)
	}
	// a branch that points dir at another folder the base had, and deletes it, is refused: that
	// folder was not the base's postmortem folder
	r.Write("incidents/only.md", "---\ntitle: Only\n---\n")
	r.Write("old/readme.md", "old\n")
	r.Git("add", "-A")
	r.Git("commit", "-qm", "again")
	r.Git("tag", "base2")
	r.Write(".pm.yaml", "dir: old\n")
	r.Git("rm", "-rq", "old")
	r.Git("add", "-A")
	r.Git("commit", "-qm", "point dir at old and delete it")
	if _, errOut, code := run(t, r.Dir, Options{ChangedSince: "base2"}); code != 2 || !strings.Contains(errOut, "no postmortem folder old") {
		t.Errorf("dir moved to a deleted folder: exit %d, %q", code, errOut)
	}
}
