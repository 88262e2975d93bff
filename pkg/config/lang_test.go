package config_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/config"
	"github.com/pm-tools/pm/pkg/i18n"
)

// Each case is a whole file and its one-line error in English (as Error gives it) and in Japanese.
// Every error's Japanese is checked by checkOneLine in TestParseErrors; these pin the wording of the
// kinds of message: a plain one, arguments reordered, a value described, a list joined with "or", a
// problem of dir, yaml.v3's own words, and no line.
func TestParseErrorsInJapanese(t *testing.T) {
	tests := []struct {
		yaml, en, ja string
	}{
		{"dir: docs\ncolour: red\n",
			`.pm.yaml:2: unknown key "colour" (known keys: dir, language, timezone, holidays, meeting_sla, action_item_deadline, stale_days, repo_url, customer_liaison, mail, lint, services, tags, contributing_factors, slack, timeline, site)`,
			`.pm.yaml:2: 不明なキー "colour" です (使えるキー: dir, language, timezone, holidays, meeting_sla, action_item_deadline, stale_days, repo_url, customer_liaison, mail, lint, services, tags, contributing_factors, slack, timeline, site)`},
		{"holidays:\n  country: JP\n  country: US\n",
			`.pm.yaml:3: duplicate key "country" in holidays (first at line 2)`,
			`.pm.yaml:3: holidays のキー "country" が重複しています (最初は 2 行目)`},
		{"timezone: Asia/Tokio\n",
			`.pm.yaml:1: timezone: unknown time zone "Asia/Tokio" (want an IANA name such as Asia/Tokyo)`,
			`.pm.yaml:1: timezone: 不明なタイムゾーン "Asia/Tokio" です (Asia/Tokyo のような IANA の名前を指定してください)`},
		{"meeting_sla:\n  SEV-1: three\n",
			`.pm.yaml:2: meeting_sla.SEV-1: want a whole number from 0 to 365 or "off", got the string "three"`,
			`.pm.yaml:2: meeting_sla.SEV-1: 0 から 365 までの整数か "off" を指定してください (文字列 "three" ではなく)`},
		{"lint:\n  banned_words:\n    outage: incident\n",
			`.pm.yaml:3: lint.banned_words: want a list, got a mapping`,
			`.pm.yaml:3: lint.banned_words: リストを指定してください (マッピング ではなく)`},
		{"holidays:\n  dates:\n    -\n",
			`.pm.yaml:3: holidays.dates: want a date as YYYY-MM-DD, got nothing`,
			`.pm.yaml:3: holidays.dates: YYYY-MM-DD の形の日付を指定してください (空の値 ではなく)`},
		{"language: fr\n",
			`.pm.yaml:1: language: "fr" is not supported (use en or ja)`,
			`.pm.yaml:1: language: "fr" には対応していません (en か ja を指定してください)`},
		{"dir: ../elsewhere\n",
			`.pm.yaml:1: dir: "../elsewhere" goes through ".."; the folder must be inside the repository`,
			`.pm.yaml:1: dir: "../elsewhere" は ".." を経由しています。フォルダーはリポジトリの中に置いてください`},
		{"dir: docs\nlanguage: [en\n",
			`.pm.yaml:2: invalid YAML: did not find expected ',' or ']'`,
			`.pm.yaml:2: YAML の構文エラーです: did not find expected ',' or ']'`},
		{"just some words\n",
			`.pm.yaml:1: the file must be a mapping of keys to values, got the string "just some words"`,
			`.pm.yaml:1: ファイルはキーと値のマッピングでなければなりません (文字列 "just some words" ではなく)`},
		{"# " + strings.Repeat("x", 1<<20) + "\n",
			`.pm.yaml: file is larger than 1024 KiB; this is not a settings file`,
			`.pm.yaml: ファイルが 1024 KiB を超えています。設定ファイルではありません`},
	}
	for _, tt := range tests {
		_, err := config.Parse(config.FileName, []byte(tt.yaml))
		var cerr *config.Error
		if !errors.As(err, &cerr) {
			t.Fatalf("Parse(%.40q): %v, want a *config.Error", tt.yaml, err)
		}
		if got := err.Error(); got != tt.en {
			t.Errorf("Parse(%.40q) error\n got: %s\nwant: %s", tt.yaml, got, tt.en)
		}
		if got := cerr.In(i18n.EN); got != tt.en {
			t.Errorf("Parse(%.40q) in English\n got: %s\nwant: %s", tt.yaml, got, tt.en)
		}
		if got := cerr.In(i18n.JA); got != tt.ja {
			t.Errorf("Parse(%.40q) in Japanese\n got: %s\nwant: %s", tt.yaml, got, tt.ja)
		}
	}
}

func TestErrorWithoutCatalogueMessage(t *testing.T) {
	e := &config.Error{Path: "a/.pm.yaml", Line: 3, Msg: "something odd"}
	if got := e.In(i18n.JA); got != "a/.pm.yaml:3: something odd" {
		t.Errorf("In(JA) = %q, want the English text", got)
	}
}

func TestReadErrorsInJapanese(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, config.FileName)
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := config.Load(root)
	var rerr *config.ReadError
	if !errors.As(err, &rerr) {
		t.Fatalf("Load of a folder: %v, want a *config.ReadError", err)
	}
	if want := "read settings: " + path + " is not a regular file"; err.Error() != want {
		t.Errorf("English: %q, want %q", err, want)
	}
	if want := "設定ファイルを読めません: " + path + " は通常のファイルではありません"; rerr.In(i18n.JA) != want {
		t.Errorf("Japanese: %q, want %q", rerr.In(i18n.JA), want)
	}

	// The file system's error stays reachable, and its words stay as the system gave them.
	cause := &fs.PathError{Op: "open", Path: path, Err: fs.ErrPermission}
	rerr = &config.ReadError{Path: path, Err: cause}
	if !errors.Is(rerr, fs.ErrPermission) {
		t.Error("ReadError does not wrap its cause")
	}
	if want := "read settings: open " + path + ": permission denied"; rerr.Error() != want {
		t.Errorf("English: %q, want %q", rerr.Error(), want)
	}
	if want := "設定ファイルを読めません: open " + path + ": permission denied"; rerr.In(i18n.JA) != want {
		t.Errorf("Japanese: %q, want %q", rerr.In(i18n.JA), want)
	}
}
