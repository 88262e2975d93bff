package config_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/config"
	"github.com/pm-tools/pm/pkg/i18n"
)

// FuzzParse reads arbitrary bytes as a settings file. It must not panic; an error must be one
// *config.Error whose message, in English and in Japanese, is one line starting with the file's
// path (and the line, when it has one, within the file); settings it accepts must be within the
// bounds the rest of pm relies on.
//
//	go test -run '^$' -fuzz '^FuzzParse$' -fuzztime 5m ./pkg/config/
func FuzzParse(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "config", "*.yaml"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seed settings files under testdata/config (%v)", err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(config.Template))
	for _, s := range []string{
		"", "# only a comment\n", "~\n", "---\n", "---\n...\n", "a: 1\n---\nb: 2\n", "[a, b]\n", "just words\n",
		"dir: ../outside\n", "dir: /etc\n", "dir: C:\\pm\n", "dir: .git/x\n", "dir: ./a/../b\n", "dir: \"\"\n",
		"language: ja\ntimezone: Asia/Tokyo\nholidays:\n  country: jp\n  dates: [2026-12-29, \"2026-12-30\"]\n",
		"meeting_sla:\n  SEV-1: 3\n  sev1: 4\n", "meeting_sla:\n  SEV-2: off\n  3: 365\n", "stale_days: !!int \"1\\n2\"\n",
		"stale_days: 1e3\n", "stale_days: 0x10\n", "lint:\n  rules:\n    placeholder: Off\n    \"\": error\n",
		"lint:\n  banned_words:\n    - word: outage\n      sections: []\n", "lint:\n  banned_words: [{word: a}, {word: A}]\n",
		"repo_url: https://github.com/acme/pm/blob/main/\ncustomer_liaison: Kim <kim@example.com>\n",
		"mail:\n  to: [\"a\\nb <x@example.com>\"]\n", "a: &x 1\nb: *x\n", "dir: *nowhere\n", "dir: x\n\tfoo\n",
		"\x00\x01binary", "\uFEFFdir: x\n", "dir: x\r\nlanguage: ja\r\n", "dir: x\rlanguage: xx\r", "dir:\u2028 x\n",
		"? [a]\n: b\n", "{dir: x}\nlanguage: en\n", "timezone: \"Local\"\n", "timezone: ../../etc/passwd\n",
	} {
		f.Add([]byte(s))
	}
	const file = "/repo/.pm.yaml"
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := config.Parse(file, data)
		if err != nil {
			var ce *config.Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %v is a %T, not a *config.Error", err, err)
			}
			msg := err.Error()
			prefix := file + ": "
			if ce.Line > 0 {
				prefix = fmt.Sprintf("%s:%d: ", file, ce.Line)
			}
			if !strings.HasPrefix(msg, prefix) || strings.ContainsAny(msg, "\r\n\u0085\u2028\u2029") {
				t.Errorf("error %q is not one line starting with %q", msg, prefix)
			}
			if ja := ce.In(i18n.JA); !strings.HasPrefix(ja, prefix) || strings.ContainsAny(ja, "\r\n\u0085\u2028\u2029") {
				t.Errorf("error %q in Japanese, %q, is not one line starting with %q", msg, ja, prefix)
			}
			if ce.Line < 0 || ce.Line > lines(data) {
				t.Errorf("error at line %d of a %d-line file: %s", ce.Line, lines(data), msg)
			}
			return
		}
		if cfg.Path != file {
			t.Errorf("Path %q", cfg.Path)
		}
		if d := cfg.Dir; d == "" || path.IsAbs(d) || strings.Contains(d, `\`) || path.Clean(d) != d ||
			d == ".." || strings.HasPrefix(d, "../") || d == ".git" || strings.HasPrefix(d, ".git/") {
			t.Errorf("Dir %q leaves the repository or is not clean", d)
		}
		if cfg.Language != "en" && cfg.Language != "ja" {
			t.Errorf("Language %q", cfg.Language)
		}
		if cfg.Location == nil {
			t.Error("Location is nil")
		}
		if _, err := cfg.Calendar(); err != nil {
			t.Errorf("accepted settings give no calendar: %v", err)
		}
		for sev, days := range cfg.MeetingSLA {
			if len(sev) != 5 || !strings.HasPrefix(sev, "SEV-") || sev[4] < '1' || sev[4] > '5' || days < 0 || days > 365 {
				t.Errorf("meeting_sla %s: %d", sev, days)
			}
		}
		if cfg.StaleDays < 1 || cfg.StaleDays > 3650 || cfg.Lint.MaxActionItems < 1 || cfg.Lint.MaxActionItems > 1000 {
			t.Errorf("stale_days %d, max_action_items %d", cfg.StaleDays, cfg.Lint.MaxActionItems)
		}
		for id, r := range cfg.Lint.Rules {
			if strings.TrimSpace(id) == "" || (r.Severity != "off" && r.Severity != "warning" && r.Severity != "error") {
				t.Errorf("lint.rules %q: %+v", id, r)
			}
		}
		for _, w := range cfg.Lint.BannedWords {
			if strings.TrimSpace(w.Word) == "" || len(w.Sections) == 0 {
				t.Errorf("banned word %+v", w)
			}
		}
	})
}

// lines counts the lines of data as YAML does: LF, CRLF, a lone CR, NEL, LS and PS each end one.
func lines(data []byte) int {
	s := string(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")))
	n := 1
	for _, r := range s {
		switch r {
		case '\n', '\r', '\u0085', '\u2028', '\u2029':
			n++
		}
	}
	return n
}

// TestFuzzFindings pins what FuzzParse found: a value with an explicit tag was printed as it was,
// line breaks included, so the error took several lines.
func TestFuzzFindings(t *testing.T) {
	_, err := config.Parse(".pm.yaml", []byte("stale_days: !!int \"1\\n2\"\n"))
	if err == nil || err.Error() != `.pm.yaml:1: stale_days: want a whole number from 1 to 3650, got "1\n2"` {
		t.Errorf("got %v", err)
	}
}
