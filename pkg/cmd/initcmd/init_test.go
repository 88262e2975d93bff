package initcmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/config"
	"github.com/pm-tools/pm/pkg/internal/testrepo"
)

var now = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

func run(t *testing.T, dir string, o Options) (string, error) {
	t.Helper()
	f, _, errOut := cmdutil.TestFactory(dir, now, testrepo.PrivateEnv(t))
	o.F = f
	err := initRun(&o)
	return errOut.String(), err
}

func TestInitCommitsConfigAndFolderOnce(t *testing.T) {
	r := testrepo.New(t, "Aiko Sato", "aiko@example.com")
	dir := r.Dir
	msg, err := run(t, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(msg, "Created .pm.yaml") || !strings.Contains(msg, "Committed") {
		t.Errorf("messages: %q", msg)
	}
	data, err := os.ReadFile(filepath.Join(dir, ".pm.yaml"))
	if err != nil || string(data) != config.Template {
		t.Fatalf(".pm.yaml: %v", err)
	}
	if _, err := config.Load(dir); err != nil {
		t.Errorf("written .pm.yaml does not load: %v", err)
	}
	c := r.Head()
	if strings.Join(c.Files, ",") != ".gitignore,.pm.yaml,postmortems/.gitkeep" || c.Message != "postmortem: set up pm\n" {
		t.Errorf("commit %+v", c)
	}
	msg, err = run(t, dir, Options{})
	if err != nil || !strings.Contains(msg, "nothing changed") {
		t.Errorf("second run: %q %v", msg, err)
	}
	if n := r.CommitCount(); n != 1 {
		t.Errorf("%d commits after two runs, want 1", n)
	}
}

func TestInitUsesExistingConfigDir(t *testing.T) {
	dir := testrepo.New(t, "A", "a@example.com").Dir
	os.WriteFile(filepath.Join(dir, ".pm.yaml"), []byte("dir: incidents/pm\n"), 0o644)
	if _, err := run(t, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "incidents", "pm", ".gitkeep")); err != nil {
		t.Error("folder from the existing .pm.yaml not created")
	}
	b, _ := os.ReadFile(filepath.Join(dir, ".pm.yaml"))
	if string(b) != "dir: incidents/pm\n" {
		t.Error("existing .pm.yaml changed")
	}
}

// An existing .pm.yaml never committed is left to its author to commit, with a note: a clone
// without it would read deadlines in each machine's zone. Committed, there is no note.
func TestInitNotesAnUncommittedConfig(t *testing.T) {
	r := testrepo.New(t, "A", "a@example.com")
	os.WriteFile(filepath.Join(r.Dir, ".pm.yaml"), []byte("timezone: Asia/Tokyo\n"), 0o644)
	msg, err := run(t, r.Dir, Options{})
	if err != nil || !strings.Contains(msg, "note: .pm.yaml is not committed") {
		t.Errorf("first run: %v, %q", err, msg)
	}
	if c := r.Head(); strings.Contains(strings.Join(c.Files, ","), ".pm.yaml") {
		t.Errorf("pm committed the user's .pm.yaml: %+v", c)
	}
	r.Git("add", ".pm.yaml")
	r.Git("commit", "-qm", "config")
	if msg, err := run(t, r.Dir, Options{}); err != nil || strings.Contains(msg, "not committed") {
		t.Errorf("committed: %v, %q", err, msg)
	}
}

// pm init --no-commit, then pm init: the second run changes nothing, and names the files the
// first wrote that are still not committed, with how to commit them.
func TestInitAgainNamesWhatANoCommitRunLeft(t *testing.T) {
	r := testrepo.New(t, "A", "a@example.com")
	if _, err := run(t, r.Dir, Options{NoCommit: true}); err != nil {
		t.Fatal(err)
	}
	msg, err := run(t, r.Dir, Options{})
	want := "note: .pm.yaml, .gitignore, postmortems/.gitkeep are not committed: commit them (git add .pm.yaml .gitignore postmortems/.gitkeep, git commit)"
	if err != nil || !strings.Contains(msg, "Already set up") || !strings.Contains(msg, want) {
		t.Errorf("%v, %q; want %q", err, msg, want)
	}
	r.Git("add", ".pm.yaml", ".gitignore", "postmortems/.gitkeep")
	r.Git("commit", "-qm", "set up")
	if msg, err := run(t, r.Dir, Options{}); err != nil || strings.Contains(msg, "not committed") {
		t.Errorf("committed: %v, %q", err, msg)
	}
}

func TestInitErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := run(t, dir, Options{}); cmdutil.ExitCode(err) != 2 || !strings.Contains(err.Error(), "not in a git repository") {
		t.Errorf("outside a repo: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".pm.yaml")); err == nil {
		t.Error(".pm.yaml left behind")
	}
	if _, err := run(t, dir, Options{NoCommit: true}); err != nil {
		t.Errorf("--no-commit: %v", err)
	}
	bad := t.TempDir()
	os.WriteFile(filepath.Join(bad, ".pm.yaml"), []byte("colour: red\n"), 0o644)
	if _, err := run(t, bad, Options{}); cmdutil.ExitCode(err) != 2 || !strings.Contains(err.Error(), "colour") {
		t.Errorf("bad config: %v", err)
	}
	file := testrepo.New(t, "A", "a@example.com").Dir
	os.WriteFile(filepath.Join(file, "postmortems"), []byte("x"), 0o644)
	if _, err := run(t, file, Options{}); cmdutil.ExitCode(err) != 2 || !strings.Contains(err.Error(), "not a folder") {
		t.Errorf("folder is a file: %v", err)
	}
	if _, err := os.Stat(filepath.Join(file, ".pm.yaml")); err == nil {
		t.Error(".pm.yaml written although the folder was refused")
	}
}

func TestInitJapanese(t *testing.T) {
	dir := testrepo.New(t, "Aiko Sato", "aiko@example.com").Dir
	runLang := func(lang string) (string, error) {
		f, _, errOut := cmdutil.TestFactory(dir, now, testrepo.PrivateEnv(t))
		f.LangFlag = lang
		err := initRun(&Options{F: f})
		return errOut.String(), err
	}
	msg, err := runLang("ja")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{".pm.yaml を作成しました\n", "postmortems/.gitkeep を作成しました\n", "コミットしました ", ": postmortem: set up pm\n", `次に: pm new --sev 1 --title "何が起きたか"`} {
		if !strings.Contains(msg, want) {
			t.Errorf("lacks %q:\n%s", want, msg)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(dir, ".pm.yaml")); !strings.Contains(string(data), "\nlanguage: ja\n") {
		t.Errorf("pm init --lang ja writes a .pm.yaml without language: ja:\n%s", data)
	}
	// the comments read as Japanese: slack: links each row to the Slack message it came from
	if data, _ := os.ReadFile(filepath.Join(dir, ".pm.yaml")); !strings.Contains(string(data), "各行を元の Slack メッセージのパーマリンクにリンクします。") ||
		strings.Contains(string(data), "その下のメッセージ") {
		t.Errorf("the slack: comment:\n%s", data)
	}
	if msg, _ := runLang("ja"); msg != "設定済みです: .pm.yaml と postmortems/ があります。何も変更していません。\n" {
		t.Errorf("again: %q", msg)
	}
	if msg, _ := runLang("en"); msg != "Already set up: .pm.yaml and postmortems/ exist; nothing changed.\n" {
		t.Errorf("again, --lang en: %q", msg)
	}
	file := testrepo.New(t, "A", "a@example.com").Dir
	os.WriteFile(filepath.Join(file, "postmortems"), []byte("x"), 0o644)
	f, _, _ := cmdutil.TestFactory(file, now, map[string]string{"LANG": "ja_JP.UTF-8"})
	if err := initRun(&Options{F: f}); err == nil || err.Error() != "postmortems はフォルダーではありません。.pm.yaml の dir を別の名前にしてください" {
		t.Errorf("folder is a file, LANG=ja: %v", err)
	}
}

// TestInitCalendarHint: a new .pm.yaml counts deadlines in the machine's zone without holidays, and
// pm init says so once; a .pm.yaml that sets them gets no hint.
func TestInitCalendarHint(t *testing.T) {
	const hint = "Meeting deadlines count business days in this machine's time zone"
	msg, err := run(t, testrepo.New(t, "A", "a@example.com").Dir, Options{NoCommit: true})
	if err != nil || !strings.Contains(msg, hint) || !strings.Contains(msg, "holidays.country in .pm.yaml") {
		t.Errorf("first init: %v\n%s", err, msg)
	}
	set := testrepo.New(t, "A", "a@example.com").Dir
	os.WriteFile(filepath.Join(set, config.FileName), []byte("timezone: Asia/Tokyo\nholidays:\n  country: JP\n"), 0o644)
	if msg, err := run(t, set, Options{NoCommit: true}); err != nil || strings.Contains(msg, hint) {
		t.Errorf("configured: %v\n%s", err, msg)
	}
}

func TestInitAddsSiteToExistingGitignore(t *testing.T) {
	r := testrepo.New(t, "A", "a@example.com")
	r.Write(".gitignore", "*.log")
	r.Commit("ignore logs", time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), ".gitignore")
	if _, err := run(t, r.Dir, Options{}); err != nil {
		t.Fatal(err)
	}
	if got := r.Read(".gitignore"); got != "*.log\nsite/\n" {
		t.Errorf(".gitignore: %q", got)
	}
	// one commit with the files pm init creates: nothing half set up if it is refused
	if c := r.Head(); strings.Join(c.Files, ",") != ".gitignore,.pm.yaml,postmortems/.gitkeep" || c.Message != "postmortem: set up pm\n" {
		t.Errorf("last commit %+v", c)
	}
	n := r.CommitCount()
	if _, err := run(t, r.Dir, Options{}); err != nil {
		t.Fatal(err)
	}
	if r.CommitCount() != n || r.Read(".gitignore") != "*.log\nsite/\n" {
		t.Error("a second run changed .gitignore")
	}
}

// A .gitignore with uncommitted lines of the user's is committed with pm's line, and the commit
// message names it (not "the postmortem").
func TestInitSaysItCommitsTheUsersGitignoreEdits(t *testing.T) {
	r := testrepo.New(t, "A", "a@example.com")
	r.Write(".gitignore", "*.log")
	r.Commit("ignore logs", time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), ".gitignore")
	r.Write(".gitignore", "*.log\n*.tmp\n")
	if _, err := run(t, r.Dir, Options{}); err != nil {
		t.Fatal(err)
	}
	if msg := r.Head().Message; !strings.Contains(msg, "Includes uncommitted edits to .gitignore: +2 -1 lines") {
		t.Errorf("message %q", msg)
	}
}

// A .gitignore edit that is refused (a hook, a symbolic link) refuses the whole set-up: nothing is
// committed and every file is as it was.
func TestInitRefusedLeavesNothing(t *testing.T) {
	for _, c := range []struct {
		name  string
		setup func(r *testrepo.Repo)
		code  int
	}{
		{"a hook refuses", func(r *testrepo.Repo) {
			r.Write(".gitignore", "*.log\n")
			r.Commit("ignore logs", time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), ".gitignore")
			r.Write(".git/hooks/pre-commit", "#!/bin/sh\ngit diff --cached --name-only | grep -q gitignore && exit 1\nexit 0\n")
			os.Chmod(filepath.Join(r.Dir, ".git/hooks/pre-commit"), 0o755)
		}, 1},
		{"a symbolic link", func(r *testrepo.Repo) {
			r.Write("cfg/ignore", "*.log\n")
			os.Symlink("cfg/ignore", filepath.Join(r.Dir, ".gitignore"))
			r.Git("add", ".gitignore", "cfg/ignore")
			r.Git("commit", "-qm", "ignore")
		}, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := testrepo.New(t, "A", "a@example.com")
			c.setup(r)
			n := r.CommitCount()
			before := r.Git("status", "--porcelain", "--ignored")
			_, err := run(t, r.Dir, Options{})
			if cmdutil.ExitCode(err) != c.code {
				t.Errorf("exit %d, want %d: %v", cmdutil.ExitCode(err), c.code, err)
			}
			if r.CommitCount() != n {
				t.Errorf("%d commits, want %d", r.CommitCount(), n)
			}
			if after := r.Git("status", "--porcelain", "--ignored"); after != before {
				t.Errorf("work tree changed:\n%s\nwas\n%s", after, before)
			}
			for _, f := range []string{".pm.yaml", "postmortems"} {
				if _, err := os.Lstat(filepath.Join(r.Dir, f)); err == nil {
					t.Errorf("%s left behind", f)
				}
			}
		})
	}
}

// A .gitignore written with CRLF line ends gets pm's line with CRLF too.
func TestInitKeepsGitignoreLineEnds(t *testing.T) {
	for in, want := range map[string]string{"node_modules/\r\n": "node_modules/\r\nsite/\r\n", "a\r\nb": "a\r\nb\r\nsite/\r\n", "a\nb": "a\nb\nsite/\n"} {
		r := testrepo.New(t, "A", "a@example.com")
		r.Write(".gitignore", in)
		if _, err := run(t, r.Dir, Options{NoCommit: true}); err != nil {
			t.Fatal(err)
		}
		if got := r.Read(".gitignore"); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}
