package root

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
		if f.Rule == "banned-word" && !strings.Contains(f.Message, "顧客向けメッセージ") {
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
	if _, errOut, code := run(t, dir, nil, "--lang", "fr", "lint", "a.md"); code != 2 || !strings.Contains(errOut, "--lang") {
		t.Errorf("--lang fr: %d %q", code, errOut)
	}
}

// TestJapaneseUsageErrors runs commands with the global --lang ja: usage errors come in Japanese,
// the exit codes do not change, and --lang en keeps the English words.
func TestJapaneseUsageErrors(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
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
		{[]string{"lint", "missing.md"}, "pm: missing.md: そのようなファイルやフォルダはありません", "pm: missing.md: no such file or directory"},
		{[]string{"lint"}, "pm: ポストモーテムのフォルダ postmortems がありません", "pm: no postmortem folder postmortems"},
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
