package root

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/internal/testrepo"
)

func TestJapaneseMessages(t *testing.T) {
	dir := t.TempDir()
	ex, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "examples", "2026-11-02-cache-stampede-draft.md"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "a.md"), ex, 0o644)

	// --lang ja: messages in Japanese, rule IDs and JSON field names in English
	out, errOut, code := run(t, dir, nil, "--lang", "ja", "lint", "--format", "json", "a.md")
	var fs []struct{ Rule, Severity, Message string }
	if err := json.Unmarshal([]byte(out), &fs); err != nil || code != 1 {
		t.Fatalf("exit %d, %v: %s", code, err, out)
	}
	for _, f := range fs {
		if f.Rule == "banned-word" && !strings.Contains(f.Message, "対外メッセージ") {
			t.Errorf("banned-word message not in Japanese: %q", f.Message)
		}
		if f.Severity != "error" && f.Severity != "warning" {
			t.Errorf("severity translated: %q", f.Severity)
		}
	}
	if !strings.Contains(errOut, "を検査") {
		t.Errorf("summary not in Japanese: %q", errOut)
	}
	// LANG=ja_JP.UTF-8 does the same; --lang en wins over the locale
	_, errOut, _ = run(t, dir, map[string]string{"LANG": "ja_JP.UTF-8"}, "lint", "a.md")
	if !strings.Contains(errOut, "を検査") {
		t.Errorf("LANG=ja: %q", errOut)
	}
	_, errOut, _ = run(t, dir, map[string]string{"LANG": "ja_JP.UTF-8"}, "--lang", "en", "lint", "a.md")
	if !strings.Contains(errOut, "1 file linted") {
		t.Errorf("--lang en with LANG=ja: %q", errOut)
	}
	os.WriteFile(filepath.Join(dir, ".pm.yaml"), []byte("language: ja\n"), 0o644)
	_, errOut, _ = run(t, dir, nil, "lint", "a.md")
	if !strings.Contains(errOut, "を検査") {
		t.Errorf("language: ja: %q", errOut)
	}
	// errors every command can meet
	_, errOut, code = run(t, t.TempDir(), nil, "--lang", "ja", "new", "--sev", "1", "--title", "x")
	if code != 2 || !strings.Contains(errOut, "git リポジトリの中ではありません") {
		t.Errorf("not a repo in Japanese: %d %q", code, errOut)
	}
	// a link out of the repository is not read, and says so (not that pm does not write there)
	outside := filepath.Join(t.TempDir(), "x.md")
	os.WriteFile(outside, ex, 0o644)
	if err := os.Symlink(outside, filepath.Join(dir, "out.md")); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := run(t, dir, nil, "--lang", "ja", "lint", "out.md"); code != 2 || !strings.Contains(errOut, "pm はそれを読みません") {
		t.Errorf("a link out in Japanese: %d %q", code, errOut)
	}
	if _, errOut, code := run(t, dir, nil, "--lang", "fr", "lint", "a.md"); code != 2 || !strings.Contains(errOut, "--lang") {
		t.Errorf("--lang fr: %d %q", code, errOut)
	}
}

// TestJapaneseUsageErrors runs commands with the global --lang ja: usage errors, cobra's and pflag's
// among them, come in Japanese, the exit codes do not change, and --lang en keeps the English words.
func TestJapaneseUsageErrors(t *testing.T) {
	dir := testrepo.FakeRoot(t)
	cases := []struct {
		args   []string
		ja, en string
	}{
		{[]string{"status", "done", "x"}, `pm: 不明なステータス "done" です`, `pm: unknown status "done"`},
		{[]string{"list", "--format", "xml"}, `pm: --format "xml": table, json, csv のいずれかを指定してください`, `pm: --format "xml": want table, json or csv`},
		{[]string{"actions", "--format", "xml"}, `pm: --format "xml": table, json, csv のいずれかを指定してください`, `pm: --format "xml": want table, json or csv`},
		{[]string{"review", "--format", "html"}, `pm: --format "html": text, markdown のいずれかを指定してください`, `pm: --format "html": want one of text, markdown`},
		{[]string{"message"}, "pm: どちらのメッセージか指定してください", "pm: say which message"},
		{[]string{"meeting"}, "pm: --at を指定してください", "pm: --at is required"},
		{[]string{"new", "--title", "x"}, "pm: --sev を指定してください", "pm: --sev is required"},
		{[]string{"completion", "tcsh"}, `pm: 不明なシェル "tcsh" です`, `pm: unknown shell "tcsh"`},
		{[]string{"lint", "--format", "xml"}, `pm: --format "xml": text, json, sarif, github のいずれかを指定してください`, `pm: --format "xml": want one of text, json, sarif, github`},
		{[]string{"lint", "--staged", "--changed-since", "main"}, "pm: --staged と --changed-since は同時に使えません", "pm: --staged and --changed-since cannot be used together"},
		{[]string{"lint", "missing.md"}, "pm: missing.md: そのようなファイルやフォルダーはありません", "pm: missing.md: no such file or directory"},
		{[]string{"lint"}, "pm: ポストモーテムのフォルダー postmortems がありません", "pm: no postmortem folder postmortems"},
		// errors cobra and pflag word themselves: English as cobra words them
		{[]string{"lint", "--stagd"}, "pm: 不明なフラグです: --stagd。もしかして: --staged ('pm lint --help' を参照してください)", "pm: unknown flag: --stagd; did you mean --staged? (see 'pm lint --help')"},
		{[]string{"list", "--bogus"}, "pm: 不明なフラグです: --bogus ('pm list --help' を参照してください)", "pm: unknown flag: --bogus (see 'pm list --help')"},
		{[]string{"list", "-z"}, "pm: 不明な短縮フラグ 'z' です (-z) ('pm list --help' を参照してください)", "pm: unknown shorthand flag: 'z' in -z (see 'pm list --help')"},
		{[]string{"meeting", "--at"}, "pm: フラグ --at には値が必要です", "pm: flag needs an argument: --at"},
		{[]string{"list", "--open=maybe"}, `pm: フラグ --open の値 "maybe" は不正です: `, `pm: invalid argument "maybe" for "--open" flag: `},
		{[]string{"statsu"}, `pm: pm に "statsu" というコマンドはありません。もしかして: stats, status`, `pm: unknown command "statsu" for "pm"; did you mean stats, status?`},
		{[]string{"help", "statsu"}, `pm: "statsu" というヘルプの項目 (コマンド) はありません。もしかして: stats, status`, `pm: unknown help topic "statsu"; did you mean stats, status?`},
		{[]string{"help", "nosuch"}, `pm: "nosuch" というヘルプの項目 (コマンド) はありません`, `pm: unknown help topic "nosuch"`},
		// a duration Go cannot read is said in words, its characters unescaped
		{[]string{"audit", "--tolerance", "1日"}, `pm: フラグ --tolerance の値 "1日" は不正です: 30m、24h、1h30m のような長さではありません`, `pm: invalid argument "1日" for "--tolerance" flag: not a length like 30m, 24h or 1h30m`},
		{[]string{"status", "a", "b", "c"}, "pm: status の引数は 2 個までです (3 個指定されました)。使い方: pm status [STATUS] [POSTMORTEM]", "pm: status takes at most 2 arguments, got 3; usage: pm status [STATUS] [POSTMORTEM]"},
		{[]string{"link", "a"}, "pm: link の引数は 2 個です (1 個指定されました)。使い方: pm link A B", "pm: link takes 2 arguments, got 1; usage: pm link A B"},
		{[]string{"hook", "unistall"}, `pm: pm hook に "unistall" というコマンドはありません。もしかして: install, uninstall`, `pm: unknown command "unistall" for "pm hook"; did you mean install, uninstall?`},
		{[]string{"docs", "markdwon", "x"}, `pm: pm docs に "markdwon" というコマンドはありません。もしかして: markdown`, `pm: unknown command "markdwon" for "pm docs"; did you mean markdown?`},
		{[]string{"list", "x"}, `pm: list は引数を取りません ("x" が指定されました。フラグは 'pm list --help' を参照してください)`, `pm: list takes no arguments, got "x" (see 'pm list --help' for its flags)`},
	}
	for _, c := range cases {
		_, errOut, code := run(t, dir, nil, append([]string{"--lang", "ja"}, c.args...)...)
		if code != 2 || !strings.HasPrefix(errOut, c.ja) {
			t.Errorf("--lang ja %v: exit %d, %q; want %q", c.args, code, errOut, c.ja)
		}
		_, errOut, code = run(t, dir, map[string]string{"LANG": "ja_JP.UTF-8"}, append([]string{"--lang", "en"}, c.args...)...)
		if code != 2 || !strings.HasPrefix(errOut, c.en) {
			t.Errorf("--lang en %v: exit %d, %q; want %q", c.args, code, errOut, c.en)
		}
	}
	if _, errOut, _ := run(t, dir, map[string]string{"LANG": "ja_JP.UTF-8"}, "--lang", "fr", "list"); !strings.Contains(errOut, `--lang "fr": en か ja を指定してください`) {
		t.Errorf("--lang fr with LANG=ja: %q", errOut)
	}
	if _, errOut, _ := run(t, dir, map[string]string{"PM_NOW": "soon"}, "--lang", "ja", "list"); !strings.Contains(errOut, `PM_NOW="soon" は RFC 3339 の時刻ではありません`) {
		t.Errorf("PM_NOW: %q", errOut)
	}
}

// TestConfigErrorsInJapanese: a .pm.yaml that does not load is reported in the language of --lang or
// the locale (its own language: cannot be read), as one line with the file and line, exit 2.
func TestConfigErrorsInJapanese(t *testing.T) {
	cases := []struct {
		name, yaml, en, ja string
	}{
		{"bad timezone", "dir: postmortems\ntimezone: Asia/Tokio\n",
			`:2: timezone: unknown time zone "Asia/Tokio" (want an IANA name such as Asia/Tokyo)`,
			`:2: timezone: 不明なタイムゾーン "Asia/Tokio" です (Asia/Tokyo のような IANA の名前を指定してください)`},
		{"unknown key", "language: ja\ncolour: red\n",
			`:2: unknown key "colour" (known keys: dir, language, timezone, holidays, meeting_sla, action_item_deadline, stale_days, repo_url, customer_liaison, mail, lint, services, tags, contributing_factors, slack, timeline, site)`,
			`:2: 不明なキー "colour" です (使えるキー: dir, language, timezone, holidays, meeting_sla, action_item_deadline, stale_days, repo_url, customer_liaison, mail, lint, services, tags, contributing_factors, slack, timeline, site)`},
		{"not YAML", "dir: postmortems\nlint:\n\trules: {}\n",
			`:3: invalid YAML: found character that cannot start any token`,
			`:3: YAML の構文エラーです: found character that cannot start any token`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := testrepo.FakeRoot(t)
			os.WriteFile(filepath.Join(dir, ".pm.yaml"), []byte(c.yaml), 0o644)
			const file = "pm: .pm.yaml" // under the work dir, so relative
			check := func(env map[string]string, want string, args ...string) {
				t.Helper()
				_, errOut, code := run(t, dir, env, args...)
				if code != 2 || errOut != file+want+"\n" {
					t.Errorf("pm %v with %v: exit %d, %q; want 2 and %q", args, env, code, errOut, file+want+"\n")
				}
			}
			check(nil, c.ja, "--lang", "ja", "list")
			check(map[string]string{"LANG": "ja_JP.UTF-8"}, c.ja, "list")
			check(map[string]string{"LANG": "ja_JP.UTF-8"}, c.en, "--lang", "en", "list")
			check(nil, c.en, "list")
			// Every command reports it the same way.
			for _, args := range [][]string{{"lint"}, {"status", "x"}, {"new", "--sev", "1", "--title", "x"}, {"actions"}, {"review"}} {
				check(nil, c.ja, append([]string{"--lang", "ja"}, args...)...)
			}
		})
	}

	// A .pm.yaml that is not a file.
	dir := testrepo.FakeRoot(t)
	os.Mkdir(filepath.Join(dir, ".pm.yaml"), 0o755)
	want := "pm: 設定ファイルを読めません: .pm.yaml は通常のファイルではありません\n"
	if _, errOut, code := run(t, dir, nil, "--lang", "ja", "list"); code != 2 || errOut != want {
		t.Errorf(".pm.yaml a folder: exit %d, %q; want 2 and %q", code, errOut, want)
	}

	// A .pm.yaml that loads speaks its own language: ja, for the rule IDs it names too.
	dir = testrepo.FakeRoot(t)
	os.WriteFile(filepath.Join(dir, ".pm.yaml"), []byte("language: ja\nlint:\n  rules:\n    no-such-rule: off\n"), 0o644)
	want = `pm: .pm.yaml:4: 不明な lint ルール "no-such-rule" です (pm lint --list-rules で一覧を表示できます)` + "\n"
	if _, errOut, code := run(t, dir, nil, "lint"); code != 2 || errOut != want {
		t.Errorf("unknown rule: exit %d, %q; want 2 and %q", code, errOut, want)
	}
	want = `pm: .pm.yaml:4: unknown lint rule "no-such-rule" (pm lint --list-rules lists them)` + "\n"
	if _, errOut, code := run(t, dir, nil, "--lang", "en", "lint"); code != 2 || errOut != want {
		t.Errorf("unknown rule, --lang en: exit %d, %q; want 2 and %q", code, errOut, want)
	}
}

// pm's advice about a revision that names no commit comes in the user's language.
func TestBadRevisionInJapanese(t *testing.T) {
	r := testrepo.New(t, "A", "a@example.com")
	r.Write("x.md", "x\n")
	r.Git("add", ".")
	r.Git("commit", "-qm", "x")
	for _, args := range [][]string{{"--lang", "ja", "review", "--base", "nope"}, {"--lang", "ja", "lint", "--changed-since", "nope"}} {
		if _, errOut, code := run(t, r.Dir, nil, args...); code != 2 || !strings.Contains(errOut, `"nope" はここのコミットを指していません`) {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
}

// A command naming no postmortem, run outside any repository, says that, not that no postmortem is open.
func TestResolveOutsideARepository(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{{"status"}, {"meeting", "--at", "2026-12-10 10:00"}} {
		if _, errOut, code := run(t, dir, nil, args...); code != 2 || !strings.Contains(errOut, "not in a git repository, and no postmortem folder here") {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
}

// pm timeline import csv's errors about the file are in the user's language: the Shift_JIS one, met
// by Japanese spreadsheets, first of all.
func TestCSVImportErrorsInJapanese(t *testing.T) {
	r := testrepo.New(t, "A", "a@example.com")
	ex, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "examples", "2026-11-02-cache-stampede-draft.md"))
	if err != nil {
		t.Fatal(err)
	}
	r.Write("postmortems/2026-11-02-cache-stampede.md", string(ex))
	r.Git("add", "-A")
	r.Git("commit", "-qm", "pm")
	dir := t.TempDir()
	for name, c := range map[string]struct{ data, want string }{
		"sj.csv":   {"\x8e\x9e\x8d\x8f,\x8fo\x97\x88\x8e\x96\n", "1 行目が UTF-8 のテキストではありません"},
		"zone.csv": {"Time (XYZ),Event\n", `見出し "Time (XYZ)" のタイムゾーンを読めません`},
		"wide.csv": {"time,event\n2026-11-02 10:00 UTC,a,b\n", "見出しの列は 2 個なのに、この行には 3 個の項目があります"},
		"time.csv": {"time,event\nnot a time,x\n", `"not a time" は時刻ではありません`},
	} {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte(c.data), 0o644)
		_, errOut, code := run(t, r.Dir, map[string]string{"LANG": "ja_JP.UTF-8", "HOME": r.Env["HOME"]}, "timeline", "import", "csv", path, "cache-stampede")
		if code != 2 || !strings.Contains(errOut, c.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%s: exit %d: %q, want %q", name, code, errOut, c.want)
		}
	}
}

// A postmortem named by a path outside the repository is refused with what it is, in Japanese too:
// a path outside (named, with the repository), not a symbolic link leading out.
func TestWriteOutsideTheRepositoryInJapanese(t *testing.T) {
	r := testrepo.New(t, "A", "a@example.com")
	ex, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "examples", "2026-11-02-cache-stampede-draft.md"))
	if err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "2026-11-02-cache-stampede.md")
	os.WriteFile(outside, ex, 0o644)
	_, errOut, code := run(t, r.Dir, map[string]string{"LANG": "ja_JP.UTF-8", "HOME": r.Env["HOME"]},
		"meeting", outside, "--at", "2026-11-04 10:00 UTC", "--force", "--no-commit", "--ics", "-")
	if code != 2 || !strings.Contains(errOut, outside+" はリポジトリ (") || !strings.Contains(errOut, "の外にあります") || strings.Contains(errOut, "シンボリックリンク") {
		t.Errorf("exit %d: %q", code, errOut)
	}
}

// A revision pm reads but cannot resolve for a reason git gives (no upstream, a detached HEAD, a
// reflog shorter than asked) or a form pm refuses is said with that reason, not with the advice to
// check the name, which is for a name that matches nothing.
func TestBadRevisionSaysWhy(t *testing.T) {
	r := testrepo.New(t, "A", "a@example.com")
	r.Write("x.md", "x\n")
	r.Git("add", ".")
	r.Git("commit", "-qm", "x")
	for rev, want := range map[string]string{
		"@{u}":             "no upstream configured for branch 'main'",
		"@{5}":             "log for 'main' only has 1 entries",
		"main@{yesterday}": "a date in @{...} is not read",
		"HEAD^3":           "third or later parent",
		"HEAD:x.md":        "revision form not supported",
	} {
		for _, args := range [][]string{{"review", "--base", rev}, {"lint", "--changed-since", rev}} {
			_, errOut, code := run(t, r.Dir, nil, args...)
			if code != 2 || !strings.Contains(errOut, want) || strings.Contains(errOut, "check the branch or tag name") {
				t.Errorf("%v: exit %d, %q; want 2 and %q", args, code, errOut, want)
			}
		}
	}
	r.Git("checkout", "-q", "--detach")
	if _, errOut, code := run(t, r.Dir, nil, "lint", "--changed-since", "@{u}"); code != 2 || !strings.Contains(errOut, "HEAD does not point to a branch") {
		t.Errorf("detached: exit %d, %q", code, errOut)
	}
}
