package new

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/gitrepo"
	"github.com/pm-tools/pm/pkg/internal/testrepo"
	"github.com/pm-tools/pm/pkg/project"
)

var update = flag.Bool("update", false, "rewrite golden files")

var now = time.Date(2026, 11, 24, 1, 30, 0, 0, time.UTC)

// newRepo makes a repository with an identity in its config and a private HOME.
func newRepo(t *testing.T) *testrepo.Repo {
	t.Helper()
	return testrepo.New(t, "Aiko Sato", "aiko@example.com")
}

func runNew(t *testing.T, dir string, env map[string]string, o Options) (string, string, error) {
	t.Helper()
	f, out, errOut := cmdutil.TestFactory(dir, now, env)
	o.F = f
	err := newRun(&o)
	return out.String(), errOut.String(), err
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	testrepo.Golden(t, filepath.Join("..", "..", "..", "testdata", "cmd", "new", name), got, *update)
}

func TestNewCreatesAndCommitsOnlyItsFile(t *testing.T) {
	r := newRepo(t)
	// the user has work staged: it must stay staged and out of pm's commit
	r.Write("notes.txt", "mine")
	r.Git("add", "notes.txt")
	out, errOut, err := runNew(t, r.Dir, r.Env, Options{Severity: "1", Title: "Checkout latency", Date: "2026-11-20", IC: "Ken Mori"})
	if err != nil {
		t.Fatal(err)
	}
	rel := "postmortems/2026-11-20-checkout-latency.md"
	if strings.TrimSpace(out) != rel {
		t.Errorf("stdout %q, want the path", out)
	}
	if !strings.Contains(errOut, "by 2026-11-25 (3 business days after 2026-11-20)") {
		t.Errorf("stderr lacks the deadline: %q", errOut)
	}
	data, _ := os.ReadFile(filepath.Join(r.Dir, rel))
	golden(t, "sev1-en.md", data)

	c := r.Head()
	if len(c.Files) != 1 || c.Files[0] != rel || c.Message != "postmortem: create 2026-11-20-checkout-latency (SEV-1)\n" ||
		c.Author.Name != "Aiko Sato" || c.Author.Email != "aiko@example.com" || c.Parents != 0 {
		t.Errorf("commit %+v", c)
	}
	repo, err := gitrepo.Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	staged, err := repo.StagedFiles(nil)
	if err != nil || len(staged) != 1 || staged[0].Path != "notes.txt" {
		t.Errorf("staged after pm new: %+v %v", staged, err)
	}
	if out := r.Git("status", "--porcelain", "--", "postmortems"); out != "" {
		t.Errorf("git status shows pm's file: %s", out)
	}
	if out, err := r.TryGit("fsck", "--strict"); err != nil {
		t.Errorf("git fsck: %v %s", err, out)
	}
}

func TestNewJapaneseAndNameCollisions(t *testing.T) {
	r := newRepo(t)
	for i, want := range []string{"2026-11-20-incident.md", "2026-11-20-incident-2.md", "2026-11-20-incident-3.md"} {
		out, _, err := runNew(t, r.Dir, r.Env, Options{Severity: "sev2", Title: "決済の遅延", Template: "ja", Date: "2026-11-20", Owner: "佐藤"})
		if err != nil {
			t.Fatal(err)
		}
		if strings.TrimSpace(out) != "postmortems/"+want {
			t.Errorf("run %d wrote %q, want %s", i, out, want)
		}
	}
	data, _ := os.ReadFile(filepath.Join(r.Dir, "postmortems", "2026-11-20-incident.md"))
	golden(t, "sev2-ja.md", data)
	if n := r.CommitCount(); n != 3 {
		t.Errorf("%d commits, want 3", n)
	}
	if c := r.Head(); c.Message != "postmortem: create 2026-11-20-incident-3 (SEV-2)\n" {
		t.Errorf("message %q", c.Message)
	}
}

// With core.ignorecase (a repository made on macOS or Windows, used where names keep their case), a
// name the index has in another case is one file to git: pm new passes over it to the next name,
// as over any name git knows, rather than refuse the name it chose.
func TestNewPassesOverANameTheIndexSpellsOtherwise(t *testing.T) {
	r := testrepo.New(t, "Aiko Sato", "aiko@example.com", "core.ignorecase", "true")
	r.Write("postmortems/2026-11-20-Checkout.md", "x\n")
	r.Commit("theirs", time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC), "postmortems/2026-11-20-Checkout.md")
	out, _, err := runNew(t, r.Dir, r.Env, Options{Severity: "2", Title: "checkout", Date: "2026-11-20"})
	if err != nil || strings.TrimSpace(out) != "postmortems/2026-11-20-checkout-2.md" {
		t.Fatalf("pm new: %q, %v; want postmortems/2026-11-20-checkout-2.md", out, err)
	}
}

// A symbolic link at the name takes it, whether it leads nowhere, outside the repository or to a
// file in it: the next name is used, and the link is left alone.
func TestNewPassesOverASymlinkAtTheName(t *testing.T) {
	r := newRepo(t)
	dir := filepath.Join(r.Dir, "postmortems")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	links := map[string]string{"dangle": "nowhere.md", "outside": "/etc/passwd", "inside": "../README.md"}
	for slug, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, "2026-11-20-"+slug+".md")); err != nil {
			t.Fatal(err)
		}
		out, errOut, err := runNew(t, r.Dir, r.Env, Options{Severity: "sev2", Title: slug, Date: "2026-11-20"})
		if err != nil || strings.TrimSpace(out) != "postmortems/2026-11-20-"+slug+"-2.md" {
			t.Errorf("%s: %q, %v\n%s", slug, out, err, errOut)
		}
		if got, _ := os.Readlink(filepath.Join(dir, "2026-11-20-"+slug+".md")); got != target {
			t.Errorf("%s: the link now leads to %q", slug, got)
		}
	}
}

func TestNewFromSubdirectoryAndConfig(t *testing.T) {
	r := newRepo(t)
	os.WriteFile(filepath.Join(r.Dir, ".pm.yaml"), []byte("dir: docs/pm\nlanguage: ja\ntimezone: Asia/Tokyo\nholidays:\n  country: JP\n"), 0o644)
	sub := filepath.Join(r.Dir, "a", "b")
	os.MkdirAll(sub, 0o755)
	// 01:30 UTC on the 24th is 10:30 on the 24th in Tokyo; JP: 11-23 is a holiday
	out, errOut, err := runNew(t, sub, r.Env, Options{Severity: "SEV-1", Title: "From below"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(out) != "../../docs/pm/2026-11-24-from-below.md" {
		t.Errorf("path %q", out)
	}
	// language: ja: messages in Japanese too
	if !strings.Contains(errOut, "2026-11-27 までに開いてください") {
		t.Errorf("deadline: %q", errOut)
	}
	data, _ := os.ReadFile(filepath.Join(r.Dir, "docs", "pm", "2026-11-24-from-below.md"))
	if !strings.Contains(string(data), "## 根本原因") || !strings.Contains(string(data), "owner: Aiko Sato") {
		t.Errorf("not the ja template with the git user as owner:\n%s", data[:300])
	}
}

// TestNewTemplateLanguageIsTheTeams: the postmortem is written in the team's language (.pm.yaml),
// whatever language pm speaks to the engineer (--lang or the locale); --template overrides it.
func TestNewTemplateLanguageIsTheTeams(t *testing.T) {
	r := newRepo(t)
	os.WriteFile(filepath.Join(r.Dir, ".pm.yaml"), []byte("language: ja\n"), 0o644)
	env := map[string]string{"LANG": "en_US.UTF-8"}
	for k, v := range r.Env {
		env[k] = v
	}
	cases := []struct {
		lang, template, file, heading, says string
	}{
		{"", "", "a", "## 根本原因", "Hold the postmortem meeting by"},   // locale English, team Japanese
		{"en", "", "b", "## 根本原因", "Hold the postmortem meeting by"}, // --lang en
		{"ja", "en", "c", "## Root Cause", "までに開いてください"},             // --template en, messages in Japanese
	}
	for _, c := range cases {
		f, _, errOut := cmdutil.TestFactory(r.Dir, now, env)
		f.LangFlag = c.lang
		o := &Options{F: f, Severity: "1", Title: c.file, Template: c.template, Date: "2026-11-20"}
		if err := newRun(o); err != nil {
			t.Fatalf("%+v: %v", c, err)
		}
		data := r.Read("postmortems/2026-11-20-" + c.file + ".md")
		if !strings.Contains(data, "\n"+c.heading+"\n") {
			t.Errorf("--lang %q --template %q: the postmortem lacks %q", c.lang, c.template, c.heading)
		}
		if !strings.Contains(errOut.String(), c.says) {
			t.Errorf("--lang %q: messages %q, want them to say %q", c.lang, errOut, c.says)
		}
	}
}

// Without a team language in .pm.yaml, the postmortem is in the language pm speaks: --lang, else the
// locale.
func TestNewTemplateLanguageWithoutTheTeams(t *testing.T) {
	r := newRepo(t)
	os.Remove(filepath.Join(r.Dir, ".pm.yaml"))
	for _, c := range []struct {
		locale, lang, file, heading string
	}{
		{"ja_JP.UTF-8", "", "a", "## 根本原因"},
		{"en_US.UTF-8", "ja", "b", "## 根本原因"},
		{"ja_JP.UTF-8", "en", "c", "## Root Cause"},
		{"C", "", "d", "## Root Cause"},
	} {
		env := map[string]string{"LANG": c.locale}
		for k, v := range r.Env {
			env[k] = v
		}
		f, _, _ := cmdutil.TestFactory(r.Dir, now, env)
		f.LangFlag = c.lang
		if err := newRun(&Options{F: f, Severity: "1", Title: c.file, Date: "2026-11-20", NoCommit: true}); err != nil {
			t.Fatalf("%+v: %v", c, err)
		}
		if data := r.Read("postmortems/2026-11-20-" + c.file + ".md"); !strings.Contains(data, "\n"+c.heading+"\n") {
			t.Errorf("LANG=%s --lang %q: the postmortem lacks %q", c.locale, c.lang, c.heading)
		}
	}
}

func TestNewSlugCannotEscape(t *testing.T) {
	r := newRepo(t)
	for _, slug := range []string{"../../evil", "/etc/passwd", "a\x00b", strings.Repeat("long", 100), `..\\..\\evil`} {
		out, _, err := runNew(t, r.Dir, r.Env, Options{Severity: "1", Title: "x", Slug: slug, Date: "2026-11-20"})
		if err != nil {
			t.Fatalf("slug %q: %v", slug, err)
		}
		p := strings.TrimSpace(out)
		if !strings.HasPrefix(p, "postmortems/2026-11-20-") || strings.Count(p, "/") != 1 || len(p) > 100 {
			t.Errorf("slug %q gave %q", slug, p)
		}
	}
}

func TestNewRefusals(t *testing.T) {
	r := newRepo(t)
	cases := []struct {
		name string
		o    Options
		code int
		msg  string
	}{
		{"no sev", Options{Title: "x"}, 2, "--sev is required"},
		{"bad sev", Options{Severity: "9", Title: "x"}, 2, "unknown severity"},
		{"no title", Options{Severity: "1"}, 2, "--title is required"},
		{"bad date", Options{Severity: "1", Title: "x", Date: "20/11/2026"}, 2, "--date"},
		{"a date whose deadline is in the year 10000", Options{Severity: "1", Title: "x", Date: "9999-12-31"}, 2, "four-digit year"},
		{"bad template", Options{Severity: "1", Title: "x", Template: "fr"}, 2, "fr"},
		{"two-line title", Options{Severity: "1", Title: "a\nb"}, 2, "one line"},
		{"escape sequence in the title", Options{Severity: "1", Title: "esc\x1b[31mred"}, 2, "control character U+001B"},
		{"right-to-left override in the title", Options{Severity: "1", Title: "Evil \u202etitle"}, 2, "control character U+202E"},
	}
	for _, c := range cases {
		_, _, err := runNew(t, r.Dir, r.Env, c.o)
		if cmdutil.ExitCode(err) != c.code || err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: exit %d, %v", c.name, cmdutil.ExitCode(err), err)
		}
	}
	if _, err := os.Stat(filepath.Join(r.Dir, "postmortems")); err == nil {
		entries, _ := os.ReadDir(filepath.Join(r.Dir, "postmortems"))
		if len(entries) != 0 {
			t.Errorf("refused runs left files: %v", entries)
		}
	}
}

func TestNewNoIdentity(t *testing.T) {
	r := testrepo.New(t, "", "")
	_, _, err := runNew(t, r.Dir, r.Env, Options{Severity: "1", Title: "x", Date: "2026-11-20", Owner: "someone"})
	if cmdutil.ExitCode(err) != 2 || !errors.Is(err, gitrepo.ErrNoIdentity) {
		t.Fatalf("exit %d, %v", cmdutil.ExitCode(err), err)
	}
	if _, err := os.Stat(filepath.Join(r.Dir, "postmortems", "2026-11-20-x.md")); err == nil {
		t.Error("file written although nothing could be committed")
	}
}

func TestNewRefusesDetachedHeadAndLockLeavingNothing(t *testing.T) {
	r := newRepo(t)
	if _, _, err := runNew(t, r.Dir, r.Env, Options{Severity: "1", Title: "first", Date: "2026-11-20"}); err != nil {
		t.Fatal(err)
	}
	lock := filepath.Join(r.Dir, ".git", "index.lock")
	os.WriteFile(lock, nil, 0o644)
	shortLockWait(t)
	_, _, err := runNew(t, r.Dir, r.Env, Options{Severity: "1", Title: "second", Date: "2026-11-20"})
	if cmdutil.ExitCode(err) != 2 || !errors.Is(err, gitrepo.ErrIndexLocked) {
		t.Errorf("index.lock: exit %d, %v", cmdutil.ExitCode(err), err)
	}
	if _, err := os.Stat(filepath.Join(r.Dir, "postmortems", "2026-11-20-second.md")); err == nil {
		t.Error("file left behind after a refused commit")
	}
	os.Remove(lock)
	head, _ := os.ReadFile(filepath.Join(r.Dir, ".git", "refs", "heads", "main"))
	os.WriteFile(filepath.Join(r.Dir, ".git", "HEAD"), head, 0o644)
	_, _, err = runNew(t, r.Dir, r.Env, Options{Severity: "1", Title: "third", Date: "2026-11-20"})
	if cmdutil.ExitCode(err) != 2 || !errors.Is(err, gitrepo.ErrDetachedHead) {
		t.Errorf("detached HEAD: exit %d, %v", cmdutil.ExitCode(err), err)
	}
	// said once, with where HEAD is and the way out
	if msg := err.Error(); strings.Count(msg, "detached") != 1 || !strings.Contains(msg, "HEAD is detached at ") || !strings.HasSuffix(msg, "and retry") {
		t.Errorf("detached HEAD: %q", msg)
	}
}

func TestNewOutsideRepo(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"HOME": t.TempDir(), "USER": "kim"}
	_, _, err := runNew(t, dir, env, Options{Severity: "1", Title: "Nowhere", Date: "2026-11-20"})
	if cmdutil.ExitCode(err) != 2 || !strings.Contains(err.Error(), "--no-commit") {
		t.Errorf("outside a repo: exit %d, %v", cmdutil.ExitCode(err), err)
	}
	out, _, err := runNew(t, dir, env, Options{Severity: "1", Title: "Nowhere", Date: "2026-11-20", NoCommit: true})
	if err != nil || strings.TrimSpace(out) != "postmortems/2026-11-20-nowhere.md" {
		t.Fatalf("--no-commit: %q %v", out, err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "postmortems", "2026-11-20-nowhere.md"))
	if !strings.Contains(string(data), "owner: kim\n") {
		t.Errorf("owner from $USER missing:\n%s", data[:200])
	}
	// git's global user.name is the owner there too, as inside a repository; GIT_AUTHOR_NAME first
	os.WriteFile(filepath.Join(env["HOME"], ".gitconfig"), []byte("[user]\n\tname = Aiko Sato\n"), 0o644)
	for _, c := range []struct{ authorEnv, want string }{{"", "Aiko Sato"}, {"Ken Mori", "Ken Mori"}} {
		if delete(env, "GIT_AUTHOR_NAME"); c.authorEnv != "" {
			env["GIT_AUTHOR_NAME"] = c.authorEnv
		}
		os.RemoveAll(filepath.Join(dir, "postmortems"))
		if _, errOut, err := runNew(t, dir, env, Options{Severity: "1", Title: "Nowhere", Date: "2026-11-20", NoCommit: true}); err != nil {
			t.Fatalf("%v\n%s", err, errOut)
		}
		data, _ = os.ReadFile(filepath.Join(dir, "postmortems", "2026-11-20-nowhere.md"))
		if !strings.Contains(string(data), "owner: "+c.want+"\n") {
			t.Errorf("GIT_AUTHOR_NAME %q: owner not %s:\n%s", c.authorEnv, c.want, data[:200])
		}
	}
}

func TestFlags(t *testing.T) {
	f, _, _ := cmdutil.TestFactory(t.TempDir(), now, nil)
	var got *Options
	cmd := NewCmdNew(f, func(o *Options) error { got = o; return nil })
	cmd.SetArgs([]string{"--sev", "1", "--title", "T", "--owner", "o", "--ic", "i", "--date", "2026-01-02", "--slug", "s", "--no-commit",
		"--service", "api", "--tag", "db", "--service", "web, app"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	want := Options{F: f, Severity: "1", Title: "T", Owner: "o", IC: "i", Date: "2026-01-02", Slug: "s", NoCommit: true,
		Services: []string{"api", "web, app"}, Tags: []string{"db"}}
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("options %+v", *got)
	}
	// The title given as the one argument is the title; several words not quoted, or a title given
	// twice, are usage errors that say so.
	for _, c := range []struct {
		args       []string
		title, err string
	}{
		{[]string{"--sev", "1", "Checkout down"}, "Checkout down", ""},
		{[]string{"Checkout down", "--sev", "1"}, "Checkout down", ""},
		{[]string{"--sev", "1", "Checkout", "down"}, "", `the title is several arguments; quote it: --title "Checkout down"`},
		{[]string{"--sev", "1", "--title", "A", "B"}, "", `two titles: --title "A" and "B"; give one`},
	} {
		got = nil
		cmd = NewCmdNew(f, func(o *Options) error { got = o; return nil })
		cmd.SetArgs(c.args)
		cmd.SilenceErrors, cmd.SilenceUsage = true, true
		err := cmd.Execute()
		switch {
		case c.err != "" && (err == nil || err.Error() != c.err || cmdutil.ExitCode(err) != 2):
			t.Errorf("%q: error %v, want %q (exit 2)", c.args, err, c.err)
		case c.err == "" && (err != nil || got == nil || got.Title != c.title):
			t.Errorf("%q: error %v, options %+v, want the title %q", c.args, err, got, c.title)
		}
	}
}

func TestNewMessagesInJapanese(t *testing.T) {
	r := newRepo(t)
	runLang := func(lang string, o Options) (string, string, error) {
		f, out, errOut := cmdutil.TestFactory(r.Dir, now, r.Env)
		f.LangFlag = lang
		o.F = f
		err := newRun(&o)
		return out.String(), errOut.String(), err
	}
	cases := []struct {
		o      Options
		ja, en string
	}{
		{Options{Title: "x"}, "--sev を指定してください (1 … 5)", "--sev is required (1 … 5)"},
		{Options{Severity: "9", Title: "x"}, `--sev: 不明な重大度 "9" です (SEV-1 … SEV-5 か 1 … 5 を指定してください)`, `--sev: unknown severity "9" (want SEV-1 … SEV-5, or 1 … 5)`},
		{Options{Severity: "1"}, "--title を指定してください", "--title is required"},
		{Options{Severity: "1", Title: "a\nb"}, "--title は 1 行のテキストで指定してください", "--title must be one line of text"},
		{Options{Severity: "1", Title: "x", Date: "20/11/2026"}, `--date "20/11/2026" は日付ではありません (2026-11-20 のように指定してください)`, `--date "20/11/2026" is not a date like 2026-11-20`},
	}
	for _, c := range cases {
		if _, _, err := runLang("ja", c.o); cmdutil.ExitCode(err) != 2 || err.Error() != c.ja {
			t.Errorf("%+v, ja: %v", c.o, err)
		}
		if _, _, err := runLang("en", c.o); cmdutil.ExitCode(err) != 2 || err.Error() != c.en {
			t.Errorf("%+v, en: %v", c.o, err)
		}
	}
	// a bad template language is named in the language of messages, which comes from the environment
	f, _, _ := cmdutil.TestFactory(r.Dir, now, map[string]string{"LANG": "ja_JP.UTF-8", "HOME": r.Env["HOME"], "GIT_CONFIG_NOSYSTEM": "1"})
	if err := newRun(&Options{F: f, Severity: "1", Title: "x", Template: "fr"}); err == nil || err.Error() != `--template: テンプレートの言語 "fr" はありません (使えるのは en, ja)` {
		t.Errorf("--template fr, LANG=ja: %v", err)
	}
	out, errOut, err := runLang("ja", Options{Severity: "sev1", Title: "決済の遅延", Date: "2026-11-20", Owner: "佐藤"})
	if err != nil {
		t.Fatal(err)
	}
	if out != "postmortems/2026-11-20-incident.md\n" {
		t.Errorf("stdout %q", out)
	}
	for _, want := range []string{"SEV-1、オーナー 佐藤。ポストモーテムミーティングは 2026-11-25 までに開いてください (2026-11-20 から 3 営業日)。\n",
		"コミットしました ", ": postmortem: create 2026-11-20-incident (SEV-1)\n"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q: %q", want, errOut)
		}
	}
	_, errOut, _ = runLang("ja", Options{Severity: "4", Title: "Queue", Date: "2026-11-20", Owner: "佐藤"})
	if !strings.HasPrefix(errOut, "SEV-4、オーナー 佐藤。SEV-4 にはミーティングの期限がありません。\n") {
		t.Errorf("no deadline: %q", errOut)
	}
	_, errOut, _ = runLang("en", Options{Severity: "4", Title: "Queue 2", Date: "2026-11-20", Owner: "Aiko"})
	if !strings.HasPrefix(errOut, "SEV-4, owner Aiko. No meeting deadline for SEV-4.\n") {
		t.Errorf("--lang en: %q", errOut)
	}
}

// TestNewNoCommitOwner: --no-commit still takes the owner from git's identity, and without one it
// neither fails nor blocks: USER is the fallback.
func TestNewNoCommitOwner(t *testing.T) {
	r := newRepo(t)
	if _, _, err := runNew(t, r.Dir, r.Env, Options{Severity: "1", Title: "Kept", Date: "2026-11-20", NoCommit: true}); err != nil {
		t.Fatal(err)
	}
	if got := r.Read("postmortems/2026-11-20-kept.md"); !strings.Contains(got, "\nowner: Aiko Sato\n") {
		t.Errorf("owner is not the git user:\n%s", got)
	}
	anon := testrepo.New(t, "", "")
	env := map[string]string{"USER": "aiko"}
	for k, v := range anon.Env {
		env[k] = v
	}
	if _, _, err := runNew(t, anon.Dir, env, Options{Severity: "1", Title: "Anon", Date: "2026-11-20", NoCommit: true}); err != nil {
		t.Fatalf("--no-commit without a git identity: %v", err)
	}
	if got := anon.Read("postmortems/2026-11-20-anon.md"); !strings.Contains(got, "\nowner: aiko\n") {
		t.Errorf("owner is not $USER:\n%s", got)
	}
	// A user.name without a user.email (no identity to commit with), and a user.name in a
	// repository pm cannot open (SHA-256): the name git has is the owner all the same.
	for _, c := range []struct {
		what     string
		settings []string
	}{
		{"no email", []string{"user.name", "Name Only"}},
		{"SHA-256", []string{"user.name", "Name Only", "user.email", "n@example.com",
			"core.repositoryformatversion", "1", "extensions.objectformat", "sha256"}},
	} {
		r := testrepo.New(t, "", "", c.settings...)
		env := map[string]string{"USER": "aiko"}
		for k, v := range r.Env {
			env[k] = v
		}
		if _, _, err := runNew(t, r.Dir, env, Options{Severity: "1", Title: "Named", Date: "2026-11-20", NoCommit: true}); err != nil {
			t.Fatalf("%s: --no-commit: %v", c.what, err)
		}
		if got := r.Read("postmortems/2026-11-20-named.md"); !strings.Contains(got, "\nowner: Name Only\n") {
			t.Errorf("%s: owner is not the git user name:\n%s", c.what, got)
		}
	}
}

// shortLockWait shortens pm's wait for the index lock for one test that leaves the lock in place on
// purpose: what it checks is the refusal after the wait, not the wait. Tests here do not run in
// parallel, so the package variable can be set.
func shortLockWait(t *testing.T) {
	t.Helper()
	old := project.LockWait
	project.LockWait = 50 * time.Millisecond
	t.Cleanup(func() { project.LockWait = old })
}

// A date after today is most likely a typo: pm new still creates the file, and warns.
func TestNewWarnsOnAFutureDate(t *testing.T) {
	env := map[string]string{"HOME": t.TempDir(), "USER": "kim"}
	for date, warns := range map[string]bool{"2026-11-25": true, "2027-11-20": true, "2026-11-24": false, "2026-11-20": false} {
		dir := t.TempDir()
		out, errOut, err := runNew(t, dir, env, Options{Severity: "1", Title: "Soon", Date: date, NoCommit: true})
		if err != nil || strings.TrimSpace(out) != "postmortems/"+date+"-soon.md" {
			t.Fatalf("%s: %q %v", date, out, err)
		}
		if got := strings.Contains(errOut, "warning: --date "+date+" is after today (2026-11-24)"); got != warns {
			t.Errorf("%s: warned %v, want %v:\n%s", date, got, warns, errOut)
		}
	}
}

// A title with nothing a slug can keep gets a note suggesting --slug; with --slug, or a title that
// has ASCII letters, there is none.
// Letters and digits typed full width in a title or --slug, as a Japanese input method types them,
// name the file as their ASCII forms do.
func TestNewFullWidthTitleGivesItsSlug(t *testing.T) {
	env := map[string]string{"HOME": t.TempDir(), "USER": "kim"}
	for _, c := range []struct {
		title, slug, file string
		note              bool
	}{
		{"ＤＢフェイルオーバー", "", "2026-11-20-db.md", true},
		{"ＡＰＩ　ＴＩＭＥＯＵＴ", "", "2026-11-20-api-timeout.md", false},
		{"決済の遅延", "ｃｈｅｃｋｏｕｔ－ｄｅｌａｙ", "2026-11-20-checkout-delay.md", false},
	} {
		out, errOut, err := runNew(t, t.TempDir(), env, Options{Severity: "2", Title: c.title, Slug: c.slug, Date: "2026-11-20", NoCommit: true})
		if err != nil {
			t.Fatalf("%q: %v", c.title, err)
		}
		if !strings.HasSuffix(strings.TrimSpace(out), "/"+c.file) {
			t.Errorf("%q --slug %q: %q, want %s", c.title, c.slug, out, c.file)
		}
		if strings.Contains(errOut, "no ASCII letters") || strings.Contains(errOut, "give --slug") != c.note {
			t.Errorf("%q: note: %q", c.title, errOut)
		}
	}
}

func TestNewSuggestsASlug(t *testing.T) {
	env := map[string]string{"HOME": t.TempDir(), "USER": "kim"}
	for _, c := range []struct {
		title, slug string
		note        bool
	}{
		{"決済の遅延", "", true},
		{"🔥🚒", "", true},
		{"決済の遅延", "checkout-delay", false},
		{"決済 API の遅延", "", true}, // named after "api": said too
		{"「決済」: 障害 #1", "", true},
		{"2026年11月の障害", "", true},
		{"障害 #1", "2026-q4", false},
	} {
		_, errOut, err := runNew(t, t.TempDir(), env, Options{Severity: "2", Title: c.title, Slug: c.slug, Date: "2026-11-20", NoCommit: true})
		if err != nil {
			t.Fatalf("%q: %v", c.title, err)
		}
		if got := strings.Contains(errOut, "give --slug to name it"); got != c.note {
			t.Errorf("%q --slug %q: note %v, want %v:\n%s", c.title, c.slug, got, c.note, errOut)
		}
	}
}

// A title with nothing a slug can keep names the file after its services when they have ASCII
// letters, and says so; a service with none leaves the file named "incident".
func TestNewSlugFromServices(t *testing.T) {
	env := map[string]string{"HOME": t.TempDir(), "USER": "kim"}
	for _, c := range []struct {
		title    string
		services []string
		file     string
		note     string
	}{
		{"決済の遅延", []string{"checkout"}, "2026-11-20-checkout.md", "named after its services: 2026-11-20-checkout.md"},
		{"決済の遅延", []string{"checkout", "Inventory API"}, "2026-11-20-checkout-inventory-api.md", "named after its services"},
		{"決済の遅延", []string{"決済"}, "2026-11-20-incident.md", "give --slug to name it (e.g."},
		{"Checkout latency", []string{"checkout"}, "2026-11-20-checkout-latency.md", ""},
	} {
		dir := t.TempDir()
		out, errOut, err := runNew(t, dir, env, Options{Severity: "2", Title: c.title, Services: c.services, Date: "2026-11-20", NoCommit: true})
		if err != nil {
			t.Fatalf("%q %v: %v", c.title, c.services, err)
		}
		if !strings.HasSuffix(strings.TrimSpace(out), "/"+c.file) {
			t.Errorf("%q %v: %q, want %s", c.title, c.services, out, c.file)
		}
		if (c.note == "") != !strings.Contains(errOut, "note: the title") || (c.note != "" && !strings.Contains(errOut, c.note)) {
			t.Errorf("%q %v: %q, want the note %q", c.title, c.services, errOut, c.note)
		}
	}
}

// A name git's ignore rules match is refused before the file is made, as git add refuses it
// without -f; with --no-commit the file is written, for the user to add as they choose.
func TestNewRefusesAnIgnoredName(t *testing.T) {
	r := newRepo(t)
	r.Write(".git/info/exclude", "postmortems/*-u.md\n")
	_, _, err := runNew(t, r.Dir, r.Env, Options{Severity: "2", Title: "U", Date: "2026-11-20"})
	if cmdutil.ExitCode(err) != 2 || err == nil || !strings.Contains(err.Error(), "postmortems/2026-11-20-u.md is ignored by git") {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Lstat(filepath.Join(r.Dir, "postmortems")); !os.IsNotExist(err) {
		t.Errorf("left behind: %v", err)
	}
	if out, err := r.TryGit("rev-parse", "-q", "--verify", "HEAD"); err == nil {
		t.Errorf("committed: %s", out)
	}
	if _, _, err := runNew(t, r.Dir, r.Env, Options{Severity: "2", Title: "U", Date: "2026-11-20", NoCommit: true}); err != nil {
		t.Errorf("--no-commit: %v", err)
	}
}

// TestNewDateForms: --date takes the forms a Due cell and a timeline's Date column take (slashes,
// 年月日, full width, a weekday in brackets), and refuses a weekday that is not the date's.
func TestNewDateForms(t *testing.T) {
	for _, d := range []string{"2026-11-20", "2026/11/20", "2026年11月20日", "２０２６－１１－２０", "２０２６／１１／２０", "2026/11/20（金）", "2026年11月20日(金曜日)", "2026-11-20 (Fri)", " 2026/11/20 "} {
		r := newRepo(t)
		out, errOut, err := runNew(t, r.Dir, r.Env, Options{Severity: "1", Title: "x", Date: d, NoCommit: true})
		if err != nil {
			t.Errorf("--date %q: %v", d, err)
			continue
		}
		rel := "postmortems/2026-11-20-x.md"
		if strings.TrimSpace(out) != rel {
			t.Errorf("--date %q: stdout %q", d, out)
		}
		if data, _ := os.ReadFile(filepath.Join(r.Dir, rel)); !strings.Contains(string(data), "incident_date: 2026-11-20\n") {
			t.Errorf("--date %q wrote\n%s", d, data)
		}
		if !strings.Contains(errOut, "2026-11-25") || strings.Contains(errOut, "after today") {
			t.Errorf("--date %q: stderr %q", d, errOut)
		}
	}
	r := newRepo(t)
	for d, want := range map[string]string{
		"2026/11/20（木）":    `--date "2026/11/20（木）": 2026-11-20 is a (金), not (木): the date or the weekday is mistyped`,
		"2026-11-20 (Thu)": `--date "2026-11-20 (Thu)": 2026-11-20 is a (Fri), not (Thu)`,
		"2026/13/20":       `--date "2026/13/20" is not a date`,
		"2026年2月30日":       `--date "2026年2月30日" is not a date`,
		"11/20":            `--date "11/20" is not a date`,
	} {
		_, _, err := runNew(t, r.Dir, r.Env, Options{Severity: "1", Title: "x", Date: d, NoCommit: true})
		if cmdutil.ExitCode(err) != 2 || err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("--date %q: exit %d, %v; want %q", d, cmdutil.ExitCode(err), err, want)
		}
	}
	// a later date is warned of, by the ISO form, whichever form it was typed in
	r = newRepo(t)
	if _, errOut, err := runNew(t, r.Dir, r.Env, Options{Severity: "1", Title: "x", Date: "2027/1/5", NoCommit: true}); err != nil ||
		!strings.Contains(errOut, "--date 2027-01-05 is after today") {
		t.Errorf("a later date: %v %q", err, errOut)
	}
}

// A postmortem written after its meeting deadline (an incident date long past) says the day named
// has passed and how to schedule the meeting all the same; one written in time says nothing of it.
func TestNewSaysThePassedDeadline(t *testing.T) {
	r := testrepo.New(t, "Aiko Sato", "aiko@example.com")
	_, errOut, err := runNew(t, r.Dir, r.Env, Options{Severity: "1", Title: "Late", Date: "2026-11-02"})
	if err != nil || !strings.Contains(errOut, "Hold the postmortem meeting by 2026-11-05") || !strings.Contains(errOut, "That day has passed") {
		t.Errorf("%v\n%s", err, errOut)
	}
	_, errOut, err = runNew(t, r.Dir, r.Env, Options{Severity: "1", Title: "In time", Date: "2026-11-23"})
	if err != nil || strings.Contains(errOut, "has passed") {
		t.Errorf("in time: %v\n%s", err, errOut)
	}
}

// --owner, --ic, --service and --tag are written into the file as --title is, and held to its rule:
// one line, no control character (a line break in --ic wrote a heading and a Responders line into
// the body); nothing is written.
func TestNewRefusesLinesAndControlsInNames(t *testing.T) {
	r := testrepo.New(t, "Aiko Sato", "aiko@example.com")
	for _, c := range []struct {
		o    Options
		want string
	}{
		{Options{Owner: "A\nB"}, "--owner must be one line of text"},
		{Options{IC: "Ken\n## Overview\n- Scribe: Bob"}, "--ic must be one line of text"},
		{Options{IC: "Ken\x1b[31m"}, "--ic holds the control character U+001B"},
		{Options{Services: []string{"ok", "a\u202eb"}}, "--service holds the control character U+202E"},
		{Options{Tags: []string{"x\ry"}}, "--tag must be one line of text"},
	} {
		c.o.Severity, c.o.Title, c.o.Date, c.o.NoCommit = "1", "X", "2026-11-20", true
		_, _, err := runNew(t, r.Dir, r.Env, c.o)
		if cmdutil.ExitCode(err) != 2 || err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want exit 2 and %q", c.o, err, c.want)
		}
	}
	if entries, _ := os.ReadDir(filepath.Join(r.Dir, "postmortems")); len(entries) > 0 {
		t.Errorf("written: %v", entries)
	}
}

// A file of the same id with its extension in other case (x.MD: id x) takes the name: the new
// postmortem gets the next one, not a second file of that id.
func TestNewPassesOverAnIDInOtherCase(t *testing.T) {
	r := testrepo.New(t, "Aiko Sato", "aiko@example.com")
	os.MkdirAll(filepath.Join(r.Dir, "postmortems"), 0o755)
	os.WriteFile(filepath.Join(r.Dir, "postmortems", "2026-11-20-db-down.MD"), []byte("x"), 0o644)
	out, errOut, err := runNew(t, r.Dir, r.Env, Options{Severity: "1", Title: "DB down", Date: "2026-11-20", NoCommit: true})
	if err != nil || strings.TrimSpace(out) != "postmortems/2026-11-20-db-down-2.md" {
		t.Errorf("%q %v\n%s", out, err, errOut)
	}
}

// TestNewDeadlineInYear10000: with a longer meeting_sla, a date before 9999 may still have its
// meeting deadline in the year 10000, which pm cannot write as YYYY-MM-DD (pm list's deadline
// column, its CSV and JSON): refused as the year 9999 is, nothing written.
func TestNewDeadlineInYear10000(t *testing.T) {
	r := newRepo(t)
	os.WriteFile(filepath.Join(r.Dir, ".pm.yaml"), []byte("meeting_sla:\n  SEV-1: 365\n"), 0o644)
	_, _, err := runNew(t, r.Dir, r.Env, Options{Severity: "1", Title: "x", Date: "9998-12-31"})
	if cmdutil.ExitCode(err) != 2 || err == nil || !strings.Contains(err.Error(), "10000") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("exit %d, %v", cmdutil.ExitCode(err), err)
	}
	if entries, _ := os.ReadDir(filepath.Join(r.Dir, "postmortems")); len(entries) != 0 {
		t.Errorf("refused run left files: %v", entries)
	}
	if out, _, err := runNew(t, r.Dir, r.Env, Options{Severity: "1", Title: "x", Date: "9997-01-04", NoCommit: true}); err != nil {
		t.Errorf("a deadline in 9998 refused: %q %v", out, err)
	}
}

// TestNewActionDeadlineInYear10000: so with a longer action_item_deadline, whose deadline pm actions
// shows as YYYY-MM-DD for an item with no Due.
func TestNewActionDeadlineInYear10000(t *testing.T) {
	r := newRepo(t)
	os.WriteFile(filepath.Join(r.Dir, ".pm.yaml"), []byte("action_item_deadline:\n  SEV-2: 3650\n"), 0o644)
	_, _, err := runNew(t, r.Dir, r.Env, Options{Severity: "2", Title: "x", Date: "9992-01-01"})
	if cmdutil.ExitCode(err) != 2 || err == nil || !strings.Contains(err.Error(), "action_item_deadline") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("exit %d, %v", cmdutil.ExitCode(err), err)
	}
	if entries, _ := os.ReadDir(filepath.Join(r.Dir, "postmortems")); len(entries) != 0 {
		t.Errorf("refused run left files: %v", entries)
	}
}
