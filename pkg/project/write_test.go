package project

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/gitrepo"
	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// committed sets up a project whose postmortem a.md is committed with content, and returns its path.
func committed(t *testing.T, content string) (*Project, string) {
	t.Helper()
	p := open(t)
	p.Git.Clock = func() time.Time { return now }
	path := filepath.Join(p.Dir(), "a.md")
	if _, err := p.WriteNew(func(int) string { return path }, []byte(content), Write{Commit: true, Message: func(string) string { return "base" }}); err != nil {
		t.Fatal(err)
	}
	return p, path
}

func headMessage(t *testing.T, p *Project) string {
	t.Helper()
	r, err := p.Repo()
	if err != nil {
		t.Fatal(err)
	}
	c, err := r.HeadCommit()
	if err != nil {
		t.Fatal(err)
	}
	return c.Message
}

func msg(m string) func(string) string { return func(string) string { return m } }

func TestRewriteCommitsTheUsersEditsAndSaysSo(t *testing.T) {
	p, path := committed(t, "a\nb\nc\n")
	edited := []byte("a\nB\nc\nd\ne\n") // the user's uncommitted edit: 1 line changed, 2 added
	os.WriteFile(path, edited, 0o644)
	res, err := p.Rewrite(Change{Path: path, Data: append(edited, "pm\n"...), Old: edited}, Write{Commit: true, Message: msg("pm: change")})
	if err != nil {
		t.Fatal(err)
	}
	if res.Edits == nil || res.Edits.Added != 3 || res.Edits.Removed != 1 || res.Edits.Untracked {
		t.Fatalf("edits = %+v, want +3 -1", res.Edits)
	}
	want := "pm: change\n\nIncludes uncommitted edits to the postmortem: +3 -1 lines\n"
	if got := headMessage(t, p); got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
	// No edits, no line.
	cur, _ := os.ReadFile(path)
	res, err = p.Rewrite(Change{Path: path, Data: append(cur, "more\n"...), Old: cur}, Write{Commit: true, Message: msg("pm: again")})
	if err != nil || res.Edits != nil || headMessage(t, p) != "pm: again\n" {
		t.Errorf("clean file: edits %+v, message %q, err %v", res.Edits, headMessage(t, p), err)
	}
}

// hook installs a pre-commit hook in p's repository.
func hook(t *testing.T, p *Project, script string) {
	t.Helper()
	dir := filepath.Join(p.Root, ".git", "hooks")
	os.MkdirAll(dir, 0o755)
	if err := os.WriteFile(filepath.Join(dir, "pre-commit"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	p.Git.Environ = []string{"PATH=" + os.Getenv("PATH")}
}

func TestRewriteRefusedByAHookPutsTheFileBack(t *testing.T) {
	p, path := committed(t, "a\n")
	edited := []byte("a\nthe user's line\n")
	os.WriteFile(path, edited, 0o644)
	hook(t, p, "#!/bin/sh\necho no\nexit 1\n")
	var stderr bytes.Buffer
	p.Git.Stderr = &stderr
	_, err := p.Rewrite(Change{Path: path, Data: []byte("pm's\n"), Old: edited}, Write{Commit: true, Message: msg("m")})
	if !errors.Is(err, gitrepo.ErrHookFailed) || !strings.Contains(err.Error(), "back as it was") {
		t.Fatalf("error = %v", err)
	}
	if b, _ := os.ReadFile(path); !bytes.Equal(b, edited) {
		t.Errorf("file = %q, want the user's %q", b, edited)
	}
	if stderr.String() != "no\n" {
		t.Errorf("hook output = %q", stderr.String())
	}
	if headMessage(t, p) != "base\n" {
		t.Error("committed despite the hook")
	}
	// With NoVerify the hook is skipped.
	if _, err := p.Rewrite(Change{Path: path, Data: []byte("pm's\n"), Old: edited}, Write{Commit: true, NoVerify: true, Message: msg("m")}); err != nil {
		t.Fatal(err)
	}
}

func TestFailedCommitLeavesAFileSomeoneElseChanged(t *testing.T) {
	p, path := committed(t, "a\n")
	// The hook writes the file (as an editor saving might) and refuses: pm must not restore over it.
	hook(t, p, "#!/bin/sh\necho theirs > "+path+"\nexit 1\n")
	_, err := p.Rewrite(Change{Path: path, Data: []byte("pm's\n"), Old: []byte("a\n")}, Write{Commit: true, Message: msg("m")})
	if err == nil || !strings.Contains(err.Error(), "left as it is now") {
		t.Fatalf("error = %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "theirs\n" {
		t.Errorf("file = %q, want what the other writer left", b)
	}
}

func TestWriteNewRefusedByAHookRemovesTheFile(t *testing.T) {
	p, _ := committed(t, "a\n")
	hook(t, p, "#!/bin/sh\nexit 1\n")
	path := filepath.Join(p.Dir(), "sub", "new.md")
	_, err := p.WriteNew(func(int) string { return path }, []byte("x\n"), Write{Commit: true, Message: msg("m")})
	if !errors.Is(err, gitrepo.ErrHookFailed) {
		t.Fatalf("error = %v", err)
	}
	if _, err := os.Lstat(filepath.Dir(path)); !os.IsNotExist(err) {
		t.Error("the new file or its folder was left behind")
	}
}

// TestUserEditDuringTheLockWaitIsKept: another process holds the index lock; pm waits for it, and
// meanwhile the user saves the file. pm must not overwrite the save: it refuses, file untouched.
func TestUserEditDuringTheLockWaitIsKept(t *testing.T) {
	p, path := committed(t, "a\n")
	lock := filepath.Join(p.Root, ".git", "index.lock")
	if err := os.WriteFile(lock, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := p.Rewrite(Change{Path: path, Data: []byte("a\npm\n"), Old: []byte("a\n")}, Write{Commit: true, Message: msg("m")})
		done <- err
	}()
	time.Sleep(100 * time.Millisecond)
	os.WriteFile(path, []byte("a\nthe user's save\n"), 0o644)
	os.Remove(lock)
	err := <-done
	if !errors.Is(err, ErrChanged) {
		t.Fatalf("error = %v, want ErrChanged", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "a\nthe user's save\n" {
		t.Errorf("file = %q: the user's save was lost", b)
	}
	if headMessage(t, p) != "base\n" {
		t.Error("something was committed")
	}
}

// TestEditWhilePMWorksIsKept: another program writes the file after pm has compared it with what it
// read and before pm writes (here a clean filter, which pm runs in between, appends to it). The write
// must not go over that edit: pm refuses, the file keeps it, nothing is committed.
func TestEditWhilePMWorksIsKept(t *testing.T) {
	p, path := committed(t, "a\n")
	cfg, err := os.OpenFile(filepath.Join(p.Root, ".git", "config"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	cfg.WriteString("[filter \"edit\"]\n\tclean = \"echo theirs >> '" + path + "'; cat\"\n")
	cfg.Close()
	if err := os.WriteFile(filepath.Join(p.Root, ".gitattributes"), []byte("a.md filter=edit\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = p.Rewrite(Change{Path: path, Data: []byte("a\npm\n"), Old: []byte("a\n")}, Write{Commit: true, Message: msg("m")})
	if !errors.Is(err, ErrChanged) {
		t.Fatalf("error = %v, want ErrChanged", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "a\ntheirs\n" {
		t.Errorf("file = %q: the other program's edit was lost", b)
	}
	if headMessage(t, p) != "base\n" {
		t.Error("something was committed")
	}
	if m, _ := filepath.Glob(filepath.Join(p.Dir(), ".pm-*")); len(m) > 0 {
		t.Errorf("left behind: %v", m)
	}
}

func TestCommitDatesFollowGitNotPMNow(t *testing.T) {
	p, path := committed(t, "a\n")
	real := time.Date(2031, 1, 2, 3, 4, 5, 0, time.UTC)
	p.Git.Clock = func() time.Time { return real }
	p.now = func() time.Time { return now } // PM_NOW
	if _, err := p.Rewrite(Change{Path: path, Data: []byte("b\n"), Old: []byte("a\n")}, Write{Commit: true, Message: msg("m")}); err != nil {
		t.Fatal(err)
	}
	r, _ := p.Repo()
	c, _ := r.HeadCommit()
	if !c.Author.When.Equal(real) || !c.Committer.When.Equal(real) {
		t.Errorf("dates = %v / %v, want the real clock %v", c.Author.When, c.Committer.When, real)
	}
}

func TestLineDiffCountsLikeGit(t *testing.T) {
	testenv.NeedGit(t)
	dir := t.TempDir()
	cases := []struct{ a, b string }{
		{"", "x\n"},
		{"x\n", ""},
		{"a\nb\nc\n", "a\nc\n"},
		{"a\nb\nc\n", "c\nb\na\n"},
		{"a\nb", "a\nb\n"},
		{"1\n2\n3\n4\n5\n6\n", "1\nx\n3\n4\ny\n6\nz\n"},
		{strings.Repeat("same\n", 50) + "end\n", "start\n" + strings.Repeat("same\n", 50)},
	}
	for _, c := range cases {
		a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
		os.WriteFile(a, []byte(c.a), 0o644)
		os.WriteFile(b, []byte(c.b), 0o644)
		out, _ := exec.Command("git", "diff", "--no-index", "--numstat", a, b).Output()
		f := strings.Fields(string(out))
		want := "0 0"
		if len(f) >= 2 {
			want = f[0] + " " + f[1]
		}
		added, removed := lineDiff([]byte(c.a), []byte(c.b))
		if got := strconv.Itoa(added) + " " + strconv.Itoa(removed); got != want {
			t.Errorf("lineDiff(%q, %q) = %s, git says %s", c.a, c.b, got, want)
		}
	}
}

// A file .gitattributes keeps in another encoding in the work tree is refused before pm writes it:
// pm would write UTF-8 where git expects UTF-16.
func TestWriteRefusesAWorkTreeEncoding(t *testing.T) {
	p, _ := committed(t, "a\n")
	if err := os.WriteFile(filepath.Join(p.Root, ".gitattributes"), []byte("*.md working-tree-encoding=UTF-16LE\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(p.Dir(), "new.md")
	_, err := p.WriteNew(func(int) string { return path }, []byte("x\n"), Write{Commit: true, Message: msg("m")})
	if !errors.Is(err, gitrepo.ErrUnsupported) || !strings.Contains(err.Error(), "UTF-16LE") {
		t.Fatalf("error = %v", err)
	}
	if _, err := os.Lstat(path); !os.IsNotExist(err) {
		t.Error("the file was written")
	}
}

// TestRewriteRefusesAReadOnlyFile: a postmortem made read-only (to keep it as it is) is not replaced
// by pm status, pm meeting, pm link or any other command that rewrites it, as pm lint --fix leaves
// it: nothing written, nothing committed, the file and its mode as they were.
func TestRewriteRefusesAReadOnlyFile(t *testing.T) {
	p, path := committed(t, "a\n")
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	before := headMessage(t, p)
	for name, write := range map[string]func() error{
		"Rewrite": func() error {
			_, err := p.Rewrite(Change{Path: path, Data: []byte("b\n"), Old: []byte("a\n")}, Write{Commit: true, Message: msg("pm: change")})
			return err
		},
		"Rewrite --no-commit": func() error {
			_, err := p.Rewrite(Change{Path: path, Data: []byte("b\n"), Old: []byte("a\n")}, Write{Message: msg("pm: change")})
			return err
		},
		"RewriteAll": func() error {
			_, err := p.RewriteAll([]Change{{Path: path, Data: []byte("b\n"), Old: []byte("a\n")}}, Write{Commit: true, Message: msg("pm: change")})
			return err
		},
		"CreateFiles": func() error {
			_, err := p.CreateFiles([]Change{{Path: path, Data: []byte("b\n"), Old: []byte("a\n")}}, Write{Commit: true, Message: msg("pm: change")})
			return err
		},
	} {
		err := write()
		if err == nil || !strings.Contains(err.Error(), "a.md is read-only") {
			t.Errorf("%s: %v, want a.md is read-only", name, err)
		}
		if b, _ := os.ReadFile(path); string(b) != "a\n" {
			t.Errorf("%s: the file holds %q", name, b)
		}
		if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o444 {
			t.Errorf("%s: mode %v, %v", name, fi.Mode(), err)
		}
		if got := headMessage(t, p); got != before {
			t.Errorf("%s: committed %q", name, got)
		}
	}
}
