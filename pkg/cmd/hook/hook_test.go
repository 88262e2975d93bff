package hook

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/testrepo"
)

var now = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

func run(t *testing.T, dir string, install bool, o Options) (string, error) {
	t.Helper()
	f, _, errOut := cmdutil.TestFactory(dir, now, testrepo.PrivateEnv(t))
	o.F = f
	if o.Self == "" {
		o.Self = "/opt/pm/bin/pm"
	}
	var err error
	if install {
		err = installRun(&o)
	} else {
		err = uninstallRun(&o)
	}
	return errOut.String(), err
}

func TestInstallAndUninstall(t *testing.T) {
	dir := testrepo.New(t, "A", "a@example.com").Dir
	hook := filepath.Join(dir, ".git", "hooks", "pre-commit")
	if _, err := run(t, dir, true, Options{}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(hook)
	if err != nil || !strings.Contains(string(data), "lint --staged") || !strings.Contains(string(data), "'/opt/pm/bin/pm'") {
		t.Fatalf("hook: %v\n%s", err, data)
	}
	if fi, _ := os.Stat(hook); fi.Mode().Perm()&0o100 == 0 {
		t.Error("hook is not executable")
	}
	if merge, err := os.ReadFile(filepath.Join(dir, ".git", "hooks", "pre-merge-commit")); err != nil || string(merge) != string(data) {
		t.Errorf("the merge hook: %v\n%s", err, merge)
	}
	if msg, err := run(t, dir, true, Options{}); err != nil || !strings.Contains(msg, "already installed") {
		t.Errorf("second install: %q %v", msg, err)
	}
	if _, err := run(t, dir, false, Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(hook); !os.IsNotExist(err) {
		t.Error("hook still there after uninstall")
	}
	if _, err := os.Stat(filepath.Join(dir, ".git", "hooks", "pre-merge-commit")); !os.IsNotExist(err) {
		t.Error("the merge hook still there after uninstall")
	}
	if msg, err := run(t, dir, false, Options{}); err != nil || !strings.Contains(msg, "nothing changed") {
		t.Errorf("uninstall without a hook: %q %v", msg, err)
	}
}

func TestForeignHookIsProtected(t *testing.T) {
	dir := testrepo.New(t, "A", "a@example.com").Dir
	hook := filepath.Join(dir, ".git", "hooks", "pre-commit")
	os.MkdirAll(filepath.Dir(hook), 0o755)
	foreign := "#!/bin/sh\nmake check\n"
	os.WriteFile(hook, []byte(foreign), 0o755)
	if _, err := run(t, dir, true, Options{}); cmdutil.ExitCode(err) != 2 || !strings.Contains(err.Error(), "--force") {
		t.Errorf("install over a foreign hook: %v", err)
	}
	if _, err := run(t, dir, false, Options{}); cmdutil.ExitCode(err) != 2 {
		t.Errorf("uninstall of a foreign hook: %v", err)
	}
	if b, _ := os.ReadFile(hook); string(b) != foreign {
		t.Fatal("foreign hook changed")
	}
	if _, err := run(t, dir, true, Options{Force: true}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(hook + ".pm-backup"); string(b) != foreign {
		t.Error("no backup of the replaced hook")
	}
	if _, err := run(t, dir, false, Options{}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(hook); string(b) != foreign {
		t.Error("uninstall did not restore the replaced hook")
	}
}

func TestHooksPath(t *testing.T) {
	dir := testrepo.New(t, "A", "a@example.com", "core.hooksPath", ".githooks").Dir
	if _, err := run(t, dir, true, Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".githooks", "pre-commit")); err != nil {
		t.Errorf("core.hooksPath not honoured: %v", err)
	}
	if _, err := run(t, t.TempDir(), true, Options{}); cmdutil.ExitCode(err) != 2 {
		t.Errorf("outside a repository: %v", err)
	}
}

func TestHookMessagesInJapanese(t *testing.T) {
	dir := testrepo.New(t, "A", "a@example.com").Dir
	os.WriteFile(filepath.Join(dir, ".pm.yaml"), []byte("language: ja\n"), 0o644)
	hook := filepath.Join(dir, ".git", "hooks", "pre-commit")
	if msg, err := run(t, dir, true, Options{}); err != nil || msg != "pre-commit フックをインストールしました: .git/hooks/pre-commit (pm lint --staged を実行します)\n"+
		"git merge が作るコミットのため、pre-merge-commit にも同じフックを書きました: .git/hooks/pre-merge-commit\n" {
		t.Errorf("install: %q %v", msg, err)
	}
	if msg, _ := run(t, dir, true, Options{}); msg != "pre-commit フックはインストール済みです: .git/hooks/pre-commit\n" {
		t.Errorf("second install: %q", msg)
	}
	if msg, _ := run(t, dir, false, Options{}); msg != "pre-commit フック .git/hooks/pre-commit を削除しました。\npm の pre-merge-commit フックも削除しました: .git/hooks/pre-merge-commit\n" {
		t.Errorf("uninstall: %q", msg)
	}
	if msg, _ := run(t, dir, false, Options{}); msg != "pre-commit フックはインストールされていません。何も変更していません。\n" {
		t.Errorf("uninstall without a hook: %q", msg)
	}
	os.WriteFile(hook, []byte("#!/bin/sh\nmake check\n"), 0o755)
	if _, err := run(t, dir, true, Options{}); cmdutil.ExitCode(err) != 2 || err.Error() != ".git/hooks/pre-commit は pm が書いたものではありません。そこに `pm lint --staged` を追加するか、--force で置き換えてください" {
		t.Errorf("foreign hook: %v", err)
	}
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, ".pm.yaml"), []byte("language: ja\n"), 0o644)
	if _, err := run(t, outside, true, Options{}); cmdutil.ExitCode(err) != 2 || !strings.HasSuffix(err.Error(), " は git リポジトリの中ではありません") {
		t.Errorf("outside a repository: %v", err)
	}
	// --lang en wins over language: ja
	f, _, errOut := cmdutil.TestFactory(dir, now, testrepo.PrivateEnv(t))
	f.LangFlag = "en"
	if err := uninstallRun(&Options{F: f}); cmdutil.ExitCode(err) != 2 || err.Error() != ".git/hooks/pre-commit was not written by pm; left as it is" {
		t.Errorf("--lang en: %v %q", err, errOut)
	}
}

// A pre-merge-commit hook pm did not write is left as it is, and said, unless --force.
func TestForeignMergeHookIsLeft(t *testing.T) {
	dir := testrepo.New(t, "A", "a@example.com").Dir
	merge := filepath.Join(dir, ".git", "hooks", "pre-merge-commit")
	os.MkdirAll(filepath.Dir(merge), 0o755)
	os.WriteFile(merge, []byte("#!/bin/sh\nexit 0\n"), 0o755)
	msg, err := run(t, dir, true, Options{})
	if err != nil || !strings.Contains(msg, "pre-merge-commit is not pm's: left as it is") {
		t.Errorf("install: %q %v", msg, err)
	}
	if data, _ := os.ReadFile(merge); string(data) != "#!/bin/sh\nexit 0\n" {
		t.Errorf("the user's merge hook was changed:\n%s", data)
	}
	if _, err := run(t, dir, false, Options{}); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(merge); string(data) != "#!/bin/sh\nexit 0\n" {
		t.Errorf("uninstall changed the user's merge hook:\n%s", data)
	}
}

// pm's merge hook goes with uninstall even when pre-commit is no longer pm's; a merge hook that is a
// link to pm's pre-commit is left as it is by install, and said nothing of.
func TestMergeHookWithAForeignOrLinkedNeighbour(t *testing.T) {
	dir := testrepo.New(t, "A", "a@example.com").Dir
	hooks := filepath.Join(dir, ".git", "hooks")
	if _, err := run(t, dir, true, Options{}); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(hooks, "pre-commit"), []byte("#!/bin/sh\nexit 0\n"), 0o755) // another tool's now
	msg, err := run(t, dir, false, Options{})
	if err == nil || !strings.Contains(msg, "Removed pm's pre-merge-commit hook too") {
		t.Errorf("uninstall: %q %v", msg, err)
	}
	if _, err := os.Lstat(filepath.Join(hooks, "pre-merge-commit")); !os.IsNotExist(err) {
		t.Error("pm's merge hook left behind")
	}
	os.Remove(filepath.Join(hooks, "pre-commit"))
	os.Symlink("pre-commit", filepath.Join(hooks, "pre-merge-commit"))
	msg, err = run(t, dir, true, Options{})
	if err != nil || strings.Contains(msg, "pre-merge-commit") {
		t.Errorf("install beside a linked merge hook: %q %v", msg, err)
	}
	if target, _ := os.Readlink(filepath.Join(hooks, "pre-merge-commit")); target != "pre-commit" {
		t.Errorf("the link was replaced: %q", target)
	}
}

// The hook an earlier pm wrote (it printed every finding of every commit) is still pm's: install
// replaces it with the quiet one, uninstall removes it.
func TestEarlierHookIsPms(t *testing.T) {
	dir := testrepo.New(t, "A", "a@example.com").Dir
	hook := filepath.Join(dir, ".git", "hooks", "pre-commit")
	os.MkdirAll(filepath.Dir(hook), 0o755)
	os.WriteFile(hook, []byte(scriptV1("/opt/pm/bin/pm")), 0o755)
	if _, err := run(t, dir, true, Options{}); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(hook); !strings.Contains(string(data), `out=$("$pm" lint --staged 2>&1)`) {
		t.Errorf("the earlier hook was not replaced:\n%s", data)
	}
	os.WriteFile(hook, []byte(scriptV1("/opt/pm/bin/pm")), 0o755)
	if _, err := run(t, dir, false, Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(hook); !os.IsNotExist(err) {
		t.Error("the earlier hook was not removed")
	}
}

// An earlier pm's merge hook replaced by install is said to be.
func TestEarlierMergeHookReplacedIsSaid(t *testing.T) {
	dir := testrepo.New(t, "A", "a@example.com").Dir
	if _, err := run(t, dir, true, Options{}); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, ".git", "hooks", "pre-merge-commit"), []byte(scriptV1("/opt/pm/bin/pm")), 0o755)
	if msg, err := run(t, dir, true, Options{}); err != nil || !strings.Contains(msg, "pre-merge-commit") {
		t.Errorf("install: %q %v", msg, err)
	}
}

// `pre-commit install` (the pre-commit framework) keeps the hook it replaces as pre-commit.legacy
// and runs it first: pm's hook kept there is removed by uninstall, which then succeeds; the
// framework's hook stays.
func TestUninstallRemovesPmsHookKeptByThePreCommitFramework(t *testing.T) {
	dir := testrepo.New(t, "A", "a@example.com").Dir
	hook := filepath.Join(dir, ".git", "hooks", "pre-commit")
	if _, err := run(t, dir, true, Options{}); err != nil {
		t.Fatal(err)
	}
	framework := "#!/usr/bin/env bash\n# File generated by pre-commit: https://pre-commit.com\n"
	if err := os.Rename(hook, hook+".legacy"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(hook, []byte(framework), 0o755); err != nil {
		t.Fatal(err)
	}
	msg, err := run(t, dir, false, Options{})
	if err != nil || !strings.Contains(msg, "pre-commit.legacy") {
		t.Errorf("uninstall: %q %v", msg, err)
	}
	if _, err := os.Lstat(hook + ".legacy"); !os.IsNotExist(err) {
		t.Error("pm's hook is still kept as pre-commit.legacy")
	}
	if data, err := os.ReadFile(hook); err != nil || string(data) != framework {
		t.Errorf("the framework's hook: %v\n%s", err, data)
	}
	// a legacy hook that is not pm's is the framework's user's: left, and the refusal stays
	os.WriteFile(hook+".legacy", []byte("#!/bin/sh\nmake check\n"), 0o755)
	if _, err := run(t, dir, false, Options{}); cmdutil.ExitCode(err) != 2 {
		t.Errorf("uninstall with only others' hooks: %v", err)
	}
	if data, _ := os.ReadFile(hook + ".legacy"); string(data) != "#!/bin/sh\nmake check\n" {
		t.Error("another's legacy hook was changed")
	}
}

// `lefthook install` moves the hook it finds to pre-commit.old and never runs it: pm's hook left
// there is removed by uninstall, which says where to add pm instead; lefthook's hook stays, and
// another's pre-commit.old is left alone.
func TestUninstallRemovesPmsHookMovedByLefthook(t *testing.T) {
	dir := testrepo.New(t, "A", "a@example.com").Dir
	hook := filepath.Join(dir, ".git", "hooks", "pre-commit")
	if _, err := run(t, dir, true, Options{}); err != nil {
		t.Fatal(err)
	}
	lefthook := "#!/bin/sh\n\ncall_lefthook()\n{\n  lefthook run \"pre-commit\" \"$@\"\n}\n"
	if err := os.Rename(hook, hook+".old"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(hook, []byte(lefthook), 0o755); err != nil {
		t.Fatal(err)
	}
	msg, err := run(t, dir, false, Options{})
	if err != nil || !strings.Contains(msg, "pre-commit.old") || !strings.Contains(msg, "lefthook.yml") {
		t.Errorf("uninstall: %q %v", msg, err)
	}
	if _, err := os.Lstat(hook + ".old"); !os.IsNotExist(err) {
		t.Error("pm's hook is still kept as pre-commit.old")
	}
	if data, err := os.ReadFile(hook); err != nil || string(data) != lefthook {
		t.Errorf("lefthook's hook: %v\n%s", err, data)
	}
	os.WriteFile(hook+".old", []byte("#!/bin/sh\nmake check\n"), 0o755)
	if _, err := run(t, dir, false, Options{}); cmdutil.ExitCode(err) != 2 {
		t.Errorf("uninstall with only others' hooks: %v", err)
	}
	if data, _ := os.ReadFile(hook + ".old"); string(data) != "#!/bin/sh\nmake check\n" {
		t.Error("another's pre-commit.old was changed")
	}
}

// --force that cannot keep the merge hook there (its backup is taken) refuses before it changes
// anything: pre-commit is not replaced on the way.
func TestForceRefusesBeforeChangingWhenTheMergeBackupIsTaken(t *testing.T) {
	dir := testrepo.New(t, "A", "a@example.com").Dir
	hooks := filepath.Join(dir, ".git", "hooks")
	os.MkdirAll(hooks, 0o755)
	for name, text := range map[string]string{"pre-commit": "#!/bin/sh\nmine\n", "pre-merge-commit": "#!/bin/sh\nmerge\n",
		"pre-merge-commit.pm-backup": "#!/bin/sh\nolder\n"} {
		if err := os.WriteFile(filepath.Join(hooks, name), []byte(text), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	_, err := run(t, dir, true, Options{Force: true})
	if cmdutil.ExitCode(err) != 2 || !strings.Contains(err.Error(), "pre-merge-commit.pm-backup") {
		t.Errorf("install --force: %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(hooks, "pre-commit")); string(data) != "#!/bin/sh\nmine\n" {
		t.Errorf("pre-commit changed: %s", data)
	}
	if _, err := os.Lstat(filepath.Join(hooks, "pre-commit.pm-backup")); !os.IsNotExist(err) {
		t.Error("pre-commit was moved to its backup")
	}
}

// A hook manager's hook is written anew by the manager: pm's refusal says where pm lint --staged
// goes instead, not to edit that file.
func TestForeignHookOfAManager(t *testing.T) {
	cases := []struct {
		name, hooksPath, hook, want string
	}{
		{"pre-commit framework", "", "#!/usr/bin/env bash\n# File generated by pre-commit: https://pre-commit.com\n# ID: 138fd403232d2ddd5efb44317e38bf03\n",
			"pre-commit framework's hook, which it writes anew: add pm to .pre-commit-config.yaml instead (hook id pm-lint)"},
		{"husky 9", ".husky/_", "#!/usr/bin/env sh\n. \"$(dirname \"$0\")/h\"",
			"is husky's, which husky writes anew: add `pm lint --staged` to .husky/pre-commit instead"},
		{"lefthook", "", "#!/bin/sh\n\ncall_lefthook()\n{\n  lefthook \"$@\"\n}\n\ncall_lefthook run \"pre-commit\" \"$@\"\n",
			"is lefthook's, which lefthook writes anew: add a pre-commit command that runs `pm lint --staged` to lefthook.yml"},
		{"a script of the team's", "", "#!/bin/sh\nmake check\n", "was not written by pm; add `pm lint --staged` to it"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var settings []string
			if c.hooksPath != "" {
				settings = []string{"core.hooksPath", c.hooksPath}
			}
			dir := testrepo.New(t, "A", "a@example.com", settings...).Dir
			hooks := filepath.Join(dir, ".git", "hooks")
			if c.hooksPath != "" {
				hooks = filepath.Join(dir, c.hooksPath)
				testrepo.WriteFile(t, hooks, "h", "#!/usr/bin/env sh\n")
			}
			testrepo.WriteFile(t, hooks, "pre-commit", c.hook)
			_, err := run(t, dir, true, Options{})
			if cmdutil.ExitCode(err) != 2 || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "--force") {
				t.Errorf("install: %v\nwant it to say %q", err, c.want)
			}
			if b, _ := os.ReadFile(filepath.Join(hooks, "pre-commit")); string(b) != c.hook {
				t.Error("the hook was changed")
			}
		})
	}
}

// pm's hook that `pre-commit install` kept as pre-commit.legacy is installed: the framework's hook
// runs it first. install says so (exit 0), and brings an earlier pm's up to date there.
func TestInstallUnderThePreCommitFramework(t *testing.T) {
	dir := testrepo.New(t, "A", "a@example.com").Dir
	hooks := filepath.Join(dir, ".git", "hooks")
	framework := "#!/usr/bin/env bash\n# File generated by pre-commit: https://pre-commit.com\n# ID: 138fd403232d2ddd5efb44317e38bf03\n"
	testrepo.WriteFile(t, hooks, "pre-commit", framework)
	testrepo.WriteFile(t, hooks, "pre-commit.legacy", scriptV2("/old/pm"))
	msg, err := run(t, dir, true, Options{})
	if err != nil || !strings.Contains(msg, "Updated the pre-commit hook: .git/hooks/pre-commit.legacy") {
		t.Errorf("install over an earlier pm's legacy hook: %q %v", msg, err)
	}
	if b, _ := os.ReadFile(filepath.Join(hooks, "pre-commit.legacy")); string(b) != Script("/opt/pm/bin/pm") {
		t.Errorf("legacy hook not brought up to date:\n%s", b)
	}
	msg, err = run(t, dir, true, Options{})
	if err != nil || !strings.Contains(msg, "already installed: .git/hooks/pre-commit.legacy") {
		t.Errorf("second install: %q %v", msg, err)
	}
	if b, _ := os.ReadFile(filepath.Join(hooks, "pre-commit")); string(b) != framework {
		t.Error("the framework's hook was changed")
	}
	if _, err := os.Stat(filepath.Join(hooks, "pre-merge-commit")); err != nil {
		t.Errorf("no merge hook: %v", err)
	}
}

// With no pm to run, the hook says so in the language pm would speak: the locale's, else the
// team's (.pm.yaml), as the catalogue words it. An earlier pm's hook, English only, is still pm's.
func TestHookMissingPmMessageLanguage(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	gone := filepath.Join(t.TempDir(), "pm")
	bin := t.TempDir() // grep, and no pm
	if grep, err := exec.LookPath("grep"); err == nil {
		os.Symlink(grep, filepath.Join(bin, "grep"))
	}
	cases := []struct {
		lang, pmYAML string
		want         i18n.Lang
	}{
		{"ja_JP.UTF-8", "", i18n.JA},
		{"en_US.UTF-8", "language: ja\n", i18n.EN},
		{"C.UTF-8", "language: ja\n", i18n.JA},
		{"", "language: \"ja\"\n", i18n.JA},
		{"", "language: en\n", i18n.EN},
	}
	for _, c := range cases {
		dir := t.TempDir()
		hook := filepath.Join(dir, "pre-commit")
		os.WriteFile(hook, []byte(Script(gone)), 0o755)
		if c.pmYAML != "" {
			os.WriteFile(filepath.Join(dir, ".pm.yaml"), []byte(c.pmYAML), 0o644)
		}
		cmd := exec.Command("sh", hook)
		cmd.Dir = dir
		cmd.Env = []string{"PATH=" + bin, "LANG=" + c.lang}
		out, err := cmd.CombinedOutput()
		want := c.want.T("hook.pm-missing", gone) + "\n"
		if err == nil || string(out) != want {
			t.Errorf("LANG=%q, .pm.yaml %q: %v\n%s\nwant %s", c.lang, c.pmYAML, err, out, want)
		}
	}
	if !written([]byte(scriptV3("/old/pm"))) {
		t.Error("an earlier pm's hook is not pm's")
	}
}

// With core.hooksPath set empty git runs no hook of the repository, and install refuses; pm's hook
// written into .git/hooks before is still removed by uninstall (it was refused too, and stayed).
func TestUninstallWhenHooksPathIsEmpty(t *testing.T) {
	r := testrepo.New(t, "A", "a@example.com")
	hook := filepath.Join(r.Dir, ".git", "hooks", "pre-commit")
	if _, err := run(t, r.Dir, true, Options{}); err != nil {
		t.Fatal(err)
	}
	r.Git("config", "core.hooksPath", "")
	if _, err := run(t, r.Dir, true, Options{}); cmdutil.ExitCode(err) != 2 {
		t.Errorf("install with core.hooksPath empty: %v", err)
	}
	if _, err := run(t, r.Dir, false, Options{}); err != nil {
		t.Fatalf("uninstall: %v", err)
	}
	if _, err := os.Lstat(hook); !os.IsNotExist(err) {
		t.Error("pm's hook is still in .git/hooks")
	}
}
