package config_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the tests must not depend on the machine's zone files

	"github.com/pm-tools/pm/pkg/config"
	"github.com/pm-tools/pm/pkg/i18n"
)

const fixtures = "../../testdata/config"

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fixtures, name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParseFull(t *testing.T) {
	cfg, err := config.Parse("full.yaml", readFixture(t, "full.yaml"))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	want := &config.Config{
		Path:               "full.yaml",
		Dir:                "docs/postmortems",
		Language:           "ja",
		LanguageSet:        true,
		Timezone:           "America/New_York",
		Location:           newYork,
		HolidayCountry:     "US",
		HolidayDates:       []time.Time{time.Date(2026, 12, 24, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)},
		MeetingSLA:         map[string]int{"SEV-1": 2, "SEV-3": 10},
		ActionItemDeadline: map[string]int{"SEV-1": 15, "SEV-2": 30},
		StaleDays:          30,
		Lint: config.Lint{
			Rules: map[string]config.RuleSetting{
				"analysis-queries": {Severity: "off", Line: 17},
				"banned-words":     {Severity: "error", Line: 18},
			},
			MaxActionItems: 5,
			BannedWords: []config.BannedWord{
				{Word: "outage", Suggest: []string{"incident"}, Sections: []string{"External Message"}, Line: 21},
				{Word: "障害", Suggest: []string{"インシデント"}, Sections: []string{"社外向けメッセージ", "Summary"}, Line: 23, SectionLines: []int{25, 25}},
				{Word: "downtime", Sections: []string{"Summary"}, Line: 27, SectionLines: []int{26}},
			},
		},
	}
	if cfg.Location.String() != want.Location.String() {
		t.Errorf("Location = %v, want %v", cfg.Location, want.Location)
	}
	cfg.Location, want.Location = nil, nil // loaded twice, so not the same pointer
	if !reflect.DeepEqual(cfg, want) {
		t.Errorf("Parse(full.yaml) =\n%+v\nwant\n%+v", cfg, want)
	}
}

// Values that are valid but written in one of the accepted variants.
func TestParseValid(t *testing.T) {
	tests := []struct {
		name  string
		yaml  string
		check func(t *testing.T, c *config.Config)
	}{
		{"empty value keeps the default", "dir:\nlanguage: ~\ntimezone:\nstale_days:\nholidays:\nmeeting_sla:\nlint:\n  banned_words:\n", func(t *testing.T, c *config.Config) {
			want := config.Default()
			if c.Dir != want.Dir || c.Language != want.Language || c.Location != time.Local || c.StaleDays != want.StaleDays ||
				!reflect.DeepEqual(c.MeetingSLA, want.MeetingSLA) || !reflect.DeepEqual(c.Lint.BannedWords, want.Lint.BannedWords) {
				t.Errorf("got %+v, want the defaults", c)
			}
		}},
		{"dir is cleaned", "dir: ./a//b/./c/\n", func(t *testing.T, c *config.Config) { eq(t, c.Dir, "a/b/c") }},
		{"dir may be the root", "dir: .\n", func(t *testing.T, c *config.Config) { eq(t, c.Dir, ".") }},
		{"dir may be a number", "dir: 2026\n", func(t *testing.T, c *config.Config) { eq(t, c.Dir, "2026") }},
		{"dir with dots in names", "dir: a..b/.well-known\n", func(t *testing.T, c *config.Config) { eq(t, c.Dir, "a..b/.well-known") }},
		{"language in capitals", "language: EN\n", func(t *testing.T, c *config.Config) { eq(t, c.Language, "en") }},
		{"timezone UTC", "timezone: UTC\n", func(t *testing.T, c *config.Config) {
			eq(t, c.Timezone, "UTC")
			eq(t, c.Location.String(), "UTC")
		}},
		{"no holiday country", "holidays:\n  country: \"\"\n", func(t *testing.T, c *config.Config) { eq(t, c.HolidayCountry, "") }},
		{"holiday country in lower case", "holidays: {country: jp}\n", func(t *testing.T, c *config.Config) { eq(t, c.HolidayCountry, "JP") }},
		{"empty holiday dates", "holidays: {dates: []}\n", func(t *testing.T, c *config.Config) {
			if c.HolidayDates != nil {
				t.Errorf("HolidayDates = %v, want nil", c.HolidayDates)
			}
		}},
		{"severity spellings", "meeting_sla:\n  sev1: 1\n  2: 2\n  Sev 3: 3\n  sev_4: 4\n  SEV-5: 0\n", func(t *testing.T, c *config.Config) {
			want := map[string]int{"SEV-1": 1, "SEV-2": 2, "SEV-3": 3, "SEV-4": 4, "SEV-5": 0}
			if !reflect.DeepEqual(c.MeetingSLA, want) {
				t.Errorf("MeetingSLA = %v, want %v", c.MeetingSLA, want)
			}
		}},
		{"SLA merges with the defaults", "meeting_sla: {SEV-3: 10}\n", func(t *testing.T, c *config.Config) {
			want := map[string]int{"SEV-1": 3, "SEV-2": 5, "SEV-3": 10}
			if !reflect.DeepEqual(c.MeetingSLA, want) {
				t.Errorf("MeetingSLA = %v, want %v", c.MeetingSLA, want)
			}
		}},
		{"SLA off removes a default", "meeting_sla: {SEV-1: OFF, SEV-2: off}\n", func(t *testing.T, c *config.Config) {
			if len(c.MeetingSLA) != 0 {
				t.Errorf("MeetingSLA = %v, want empty", c.MeetingSLA)
			}
		}},
		{"action item deadlines merge with the defaults", "action_item_deadline: {sev2: 45, SEV-3: 60, SEV-1: off}\n", func(t *testing.T, c *config.Config) {
			want := map[string]int{"SEV-2": 45, "SEV-3": 60}
			if !reflect.DeepEqual(c.ActionItemDeadline, want) {
				t.Errorf("ActionItemDeadline = %v, want %v", c.ActionItemDeadline, want)
			}
		}},
		{"numbers in other YAML forms", "stale_days: 0x10\nlint: {max_action_items: +7}\n", func(t *testing.T, c *config.Config) {
			eqInt(t, c.StaleDays, 16)
			eqInt(t, c.Lint.MaxActionItems, 7)
		}},
		{"rule severity in capitals", "lint:\n  rules:\n    some-rule: WARNING\n", func(t *testing.T, c *config.Config) {
			want := map[string]config.RuleSetting{"some-rule": {Severity: "warning", Line: 3}}
			if !reflect.DeepEqual(c.Lint.Rules, want) {
				t.Errorf("Rules = %v, want %v", c.Lint.Rules, want)
			}
		}},
		{"no banned words", "lint: {banned_words: []}\n", func(t *testing.T, c *config.Config) {
			if c.Lint.BannedWords == nil || len(c.Lint.BannedWords) != 0 {
				t.Errorf("BannedWords = %#v, want an empty list", c.Lint.BannedWords)
			}
		}},
		{"banned word gets the default section", "lint:\n  banned_words:\n    - word: \" down \"\n", func(t *testing.T, c *config.Config) {
			want := []config.BannedWord{{Word: "down", Sections: []string{"External Message"}, Line: 3}}
			if !reflect.DeepEqual(c.Lint.BannedWords, want) {
				t.Errorf("BannedWords = %#v, want %#v", c.Lint.BannedWords, want)
			}
		}},
		{"anchors without aliases are harmless", "dir: &d docs\n", func(t *testing.T, c *config.Config) { eq(t, c.Dir, "docs") }},
		{"explicit document markers", "---\ndir: docs\n...\n", func(t *testing.T, c *config.Config) { eq(t, c.Dir, "docs") }},
		{"byte order mark", "\ufeffdir: docs\n", func(t *testing.T, c *config.Config) { eq(t, c.Dir, "docs") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := config.Parse(config.FileName, []byte(tt.yaml))
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.yaml, err)
			}
			tt.check(t, cfg)
		})
	}
}

func eq(t *testing.T, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func eqInt(t *testing.T, got, want int) {
	t.Helper()
	if got != want {
		t.Errorf("got %d, want %d", got, want)
	}
}

func TestParseEmptyGivesDefaults(t *testing.T) {
	for _, input := range []string{"", "\n\n", "# nothing set\n# yet\n", "---\n", "~\n", "null\n"} {
		cfg, err := config.Parse("x/.pm.yaml", []byte(input))
		if err != nil {
			t.Errorf("Parse(%q): %v", input, err)
			continue
		}
		want := config.Default()
		want.Path = "x/.pm.yaml"
		if !reflect.DeepEqual(cfg, want) {
			t.Errorf("Parse(%q) = %+v, want the defaults", input, cfg)
		}
	}
}

// Each case is a whole file and the exact one-line error it must give.
func TestParseErrors(t *testing.T) {
	const known = "(known keys: dir, language, timezone, holidays, meeting_sla, action_item_deadline, stale_days, repo_url, customer_liaison, mail, lint, services, tags, contributing_factors, slack, timeline, site)"
	tests := []struct {
		name string
		yaml string
		want string
	}{
		// The file as a whole.
		{"malformed flow list", "dir: docs\nlanguage: [en\n", `.pm.yaml:2: invalid YAML: did not find expected ',' or ']'`},
		{"malformed indentation", "dir: docs\nlanguage: en\n  timezone: UTC\n", `.pm.yaml:3: invalid YAML: mapping values are not allowed in this context`},
		{"tab indentation", "lint:\n\trules: {}\n", `.pm.yaml:2: invalid YAML: found character that cannot start any token`},
		{"tab on the first line", "\tdir: docs\n", `.pm.yaml:1: invalid YAML: found character that cannot start any token`},
		{"missing key", "dir: docs\nlanguage: en\n- ja\n", `.pm.yaml:3: invalid YAML: did not find expected key`},
		{"missing dash", "lint:\n  banned_words:\n    - word: outage\n    word: down\n", `.pm.yaml:3: invalid YAML: did not find expected '-' indicator`},
		{"flow mapping", "holidays: {country: JP\n", `.pm.yaml:1: invalid YAML: did not find expected ',' or '}'`},
		{"unterminated string", "dir: docs\nlanguage: \"en\n", `.pm.yaml:2: invalid YAML: found unexpected end of stream`},
		{"malformed second document", "dir: docs\n---\ndir: [a\n", `.pm.yaml:3: invalid YAML: did not find expected ',' or ']'`},
		{"a string", "just some words\n", `.pm.yaml:1: the file must be a mapping of keys to values, got the string "just some words"`},
		{"a list", "\n- dir\n- docs\n", `.pm.yaml:2: the file must be a mapping of keys to values, got a list`},
		{"a number", "42\n", `.pm.yaml:1: the file must be a mapping of keys to values, got 42`},
		{"two documents", "dir: docs\n---\ndir: other\n", `.pm.yaml:2: a second YAML document starts here; the file must hold a single mapping`},
		{"alias", "dir: &d docs\nlanguage: en\ntimezone: *d\n", `.pm.yaml:3: aliases (*d) are not supported; write the value out`},
		{"alias under an unknown key", "dir: &d docs\nother: [*d]\n", `.pm.yaml:2: aliases (*d) are not supported; write the value out`},
		{"merge key", "base: &b {dir: docs}\n<<: *b\n", `.pm.yaml:2: aliases (*b) are not supported; write the value out`},
		{"alias to no anchor", "dir: docs\nlanguage: *lang\n", `.pm.yaml:2: aliases are not supported (and *lang refers to no anchor)`},

		// Keys.
		{"unknown key", "dir: docs\nlanguage: en\n\n# colours\ncolour: red\n", `.pm.yaml:5: unknown key "colour" ` + known},
		{"key in the wrong case", "Dir: docs\n", `.pm.yaml:1: unknown key "Dir" ` + known},
		{"unknown key in holidays", "holidays:\n  country: JP\n  region: Kanto\n", `.pm.yaml:3: unknown key "region" in holidays (known keys: country, dates)`},
		{"unknown key in lint", "lint:\n  max_items: 3\n", `.pm.yaml:2: unknown key "max_items" in lint (known keys: rules, max_action_items, banned_words)`},
		{"unknown key in a banned word", "lint:\n  banned_words:\n    - word: outage\n      sugest: [incident]\n", `.pm.yaml:4: unknown key "sugest" in lint.banned_words (known keys: word, suggest, sections)`},
		{"duplicate key", "dir: a\nlanguage: en\ndir: b\n", `.pm.yaml:3: duplicate key "dir" (first at line 1)`},
		{"duplicate nested key", "holidays:\n  country: JP\n  country: US\n", `.pm.yaml:3: duplicate key "country" in holidays (first at line 2)`},
		{"duplicate rule", "lint:\n  rules:\n    a: off\n    a: error\n", `.pm.yaml:4: duplicate key "a" in lint.rules (first at line 3)`},
		{"complex key", "? [dir]\n: docs\n", `.pm.yaml:1: a key is a list; keys must be plain names`},

		// dir.
		{"dir list", "dir: [a, b]\n", `.pm.yaml:1: dir: want a string, got a list`},
		{"dir mapping", "dir:\n  path: docs\n", `.pm.yaml:2: dir: want a string, got a mapping`},
		{"dir empty", "dir: \"\"\n", `.pm.yaml:1: dir: "" is empty; use . for the repository root`},
		{"dir absolute", "dir: /srv/postmortems\n", `.pm.yaml:1: dir: "/srv/postmortems" is absolute (or starts with a drive letter, as on Windows, where it is); give a path relative to the repository root`},
		{"dir drive", "dir: C:/postmortems\n", `.pm.yaml:1: dir: "C:/postmortems" is absolute (or starts with a drive letter, as on Windows, where it is); give a path relative to the repository root`},
		{"dir backslash", "dir: 'docs\\pm'\n", `.pm.yaml:1: dir: "docs\\pm" contains "\"; separate folders with /`},
		{"dir parent", "dir: ../elsewhere\n", `.pm.yaml:1: dir: "../elsewhere" goes through ".."; the folder must be inside the repository`},
		{"dir parent inside", "dir: docs/../../x\n", `.pm.yaml:1: dir: "docs/../../x" goes through ".."; the folder must be inside the repository`},
		{"dir parent that stays inside", "dir: docs/../pm\n", `.pm.yaml:1: dir: "docs/../pm" goes through ".."; the folder must be inside the repository`},
		{"dir in .git", "dir: ./.git/pm\n", `.pm.yaml:1: dir: "./.git/pm" is inside .git`},

		// language and timezone.
		{"language unknown", "language: fr\n", `.pm.yaml:1: language: "fr" is not supported (use en or ja)`},
		{"long value clipped", "language: " + strings.Repeat("é", 50) + "\n", `.pm.yaml:1: language: "` + strings.Repeat("é", 40) + `…" is not supported (use en or ja)`},
		{"long key clipped", strings.Repeat("k", 41) + ": 1\n", `.pm.yaml:1: unknown key "` + strings.Repeat("k", 40) + `…" ` + known},
		{"stale_days long number", "stale_days: 1" + strings.Repeat("0", 50) + "\n", `.pm.yaml:1: stale_days: want a whole number from 1 to 3650, got 1` + strings.Repeat("0", 39) + `…`},
		{"language list", "language: [en, ja]\n", `.pm.yaml:1: language: want a string, got a list`},
		{"timezone unknown", "dir: docs\ntimezone: Asia/Tokio\n", `.pm.yaml:2: timezone: unknown time zone "Asia/Tokio" (want an IANA name such as Asia/Tokyo)`},
		{"timezone abbreviation", "timezone: JST\n", `.pm.yaml:1: timezone: unknown time zone "JST" (want an IANA name such as Asia/Tokyo)`},
		{"timezone path", "timezone: ../../etc/passwd\n", `.pm.yaml:1: timezone: unknown time zone "../../etc/passwd" (want an IANA name such as Asia/Tokyo)`},
		{"timezone empty", "timezone: ''\n", `.pm.yaml:1: timezone: is empty; leave the key out to use this machine's zone`},
		{"timezone number", "timezone: 9\n", `.pm.yaml:1: timezone: unknown time zone "9" (want an IANA name such as Asia/Tokyo)`},

		// holidays.
		{"holidays list", "holidays: [JP]\n", `.pm.yaml:1: holidays: want a mapping of keys to values, got a list`},
		{"holidays string", "holidays: JP\n", `.pm.yaml:1: holidays: want a mapping of keys to values, got the string "JP"`},
		{"country unknown", "holidays:\n  country: GB\n", `.pm.yaml:2: holidays.country: unknown holiday country "GB" (supported: JP, US, or "" for none)`},
		{"country list", "holidays:\n  country: [JP, US]\n", `.pm.yaml:2: holidays.country: want a string, got a list`},
		{"dates string", "holidays:\n  dates: 2026-12-29\n", `.pm.yaml:2: holidays.dates: want a list, got 2026-12-29`},
		{"date without zero padding", "holidays:\n  dates:\n    - 2026-12-29\n    - 2026-1-5\n", `.pm.yaml:4: holidays.dates: want a date as YYYY-MM-DD, got 2026-1-5`},
		{"quoted date without zero padding", "holidays:\n  dates: [\"2026-1-5\"]\n", `.pm.yaml:2: holidays.dates: want a date as YYYY-MM-DD, got the string "2026-1-5"`},
		{"date that does not exist", "holidays:\n  dates: [2026-02-30]\n", `.pm.yaml:2: holidays.dates: want a date as YYYY-MM-DD, got the string "2026-02-30"`},
		{"date with a time", "holidays:\n  dates:\n    - 2026-12-29T10:00:00Z\n", `.pm.yaml:3: holidays.dates: want a date as YYYY-MM-DD, got 2026-12-29T10:00:00Z`},
		{"date in another order", "holidays:\n  dates: [29/12/2026]\n", `.pm.yaml:2: holidays.dates: want a date as YYYY-MM-DD, got the string "29/12/2026"`},
		{"date as a number", "holidays:\n  dates: [20261229]\n", `.pm.yaml:2: holidays.dates: want a date as YYYY-MM-DD, got 20261229`},
		{"date empty", "holidays:\n  dates:\n    -\n", `.pm.yaml:3: holidays.dates: want a date as YYYY-MM-DD, got nothing`},
		{"date list", "holidays:\n  dates:\n    - [2026-12-29]\n", `.pm.yaml:3: holidays.dates: want a date as YYYY-MM-DD, got a list`},
		{"date twice", "holidays:\n  dates:\n    - 2026-12-29\n    - 2026-12-30\n    - \"2026-12-29\"\n", `.pm.yaml:5: holidays.dates: 2026-12-29 is listed twice (first at line 3)`},

		// meeting_sla.
		{"sla list", "meeting_sla: [3, 5]\n", `.pm.yaml:1: meeting_sla: want a mapping of keys to values, got a list`},
		{"sla unknown severity", "meeting_sla:\n  SEV-1: 3\n  SEV-6: 10\n", `.pm.yaml:3: meeting_sla: unknown severity "SEV-6" (use SEV-1 to SEV-5)`},
		{"sla severity word", "meeting_sla:\n  critical: 1\n", `.pm.yaml:2: meeting_sla: unknown severity "critical" (use SEV-1 to SEV-5)`},
		{"sla severity zero", "meeting_sla:\n  0: 1\n", `.pm.yaml:2: meeting_sla: unknown severity "0" (use SEV-1 to SEV-5)`},
		{"action deadline unknown severity", "action_item_deadline:\n  SEV-9: 3\n", `.pm.yaml:2: action_item_deadline: unknown severity "SEV-9" (use SEV-1 to SEV-5)`},
		{"action deadline negative", "action_item_deadline: {SEV-1: -1}\n", `.pm.yaml:1: action_item_deadline.SEV-1: want a whole number from 0 to 3650 or "off", got -1`},
		{"sla same severity twice", "meeting_sla:\n  SEV-1: 3\n  sev1: 2\n", `.pm.yaml:3: meeting_sla: "sev1" repeats SEV-1 (first at line 2)`},
		{"sla words", "meeting_sla:\n  SEV-1: three\n", `.pm.yaml:2: meeting_sla.SEV-1: want a whole number from 0 to 365 or "off", got the string "three"`},
		{"sla quoted number", "meeting_sla:\n  SEV-1: \"3\"\n", `.pm.yaml:2: meeting_sla.SEV-1: want a whole number from 0 to 365 or "off", got the string "3"`},
		{"sla fraction", "meeting_sla:\n  SEV-1: 2.5\n", `.pm.yaml:2: meeting_sla.SEV-1: want a whole number from 0 to 365 or "off", got 2.5`},
		{"sla negative", "meeting_sla:\n  SEV-2: -1\n", `.pm.yaml:2: meeting_sla.SEV-2: want a whole number from 0 to 365 or "off", got -1`},
		{"sla too large", "meeting_sla:\n  SEV-2: 100000\n", `.pm.yaml:2: meeting_sla.SEV-2: want a whole number from 0 to 365 or "off", got 100000`},
		{"sla list value", "meeting_sla:\n  SEV-2: [5]\n", `.pm.yaml:2: meeting_sla.SEV-2: want a whole number from 0 to 365 or "off", got a list`},
		{"sla bool", "meeting_sla:\n  SEV-2: false\n", `.pm.yaml:2: meeting_sla.SEV-2: want a whole number from 0 to 365 or "off", got false`},

		// stale_days.
		{"stale negative", "stale_days: -3\n", `.pm.yaml:1: stale_days: want a whole number from 1 to 3650, got -3`},
		{"stale zero", "stale_days: 0\n", `.pm.yaml:1: stale_days: want a whole number from 1 to 3650, got 0`},
		{"stale quoted", "stale_days: \"14\"\n", `.pm.yaml:1: stale_days: want a whole number from 1 to 3650, got the string "14"`},
		{"stale words", "stale_days: two weeks\n", `.pm.yaml:1: stale_days: want a whole number from 1 to 3650, got the string "two weeks"`},
		{"stale list", "stale_days: [14]\n", `.pm.yaml:1: stale_days: want a whole number from 1 to 3650, got a list`},
		{"stale overflow", "stale_days: 99999999999999999999\n", `.pm.yaml:1: stale_days: want a whole number from 1 to 3650, got 99999999999999999999`},
		{"stale bad explicit tag", "stale_days: !!int many\n", `.pm.yaml:1: stale_days: want a whole number from 1 to 3650, got many`},

		// lint.
		{"lint list", "lint: [rules]\n", `.pm.yaml:1: lint: want a mapping of keys to values, got a list`},
		{"rules list", "lint:\n  rules: [a, b]\n", `.pm.yaml:2: lint.rules: want a mapping of keys to values, got a list`},
		{"rule severity unknown", "lint:\n  rules:\n    analysis-queries: warn\n", `.pm.yaml:3: lint.rules.analysis-queries: want off, warning, error, got the string "warn"`},
		{"rule severity bool", "lint:\n  rules:\n    analysis-queries: false\n", `.pm.yaml:3: lint.rules.analysis-queries: want off, warning, error, got false`},
		{"rule severity empty", "lint:\n  rules:\n    analysis-queries:\n", `.pm.yaml:3: lint.rules.analysis-queries: want off, warning, error, got nothing`},
		{"rule severity list", "lint:\n  rules:\n    analysis-queries: [off]\n", `.pm.yaml:3: lint.rules.analysis-queries: want off, warning, error, got a list`},
		{"rule id empty", "lint:\n  rules:\n    \"\": off\n", `.pm.yaml:3: lint.rules: a rule id is empty`},
		{"max action items zero", "lint:\n  max_action_items: 0\n", `.pm.yaml:2: lint.max_action_items: want a whole number from 1 to 1000, got 0`},
		{"max action items string", "lint:\n  max_action_items: ten\n", `.pm.yaml:2: lint.max_action_items: want a whole number from 1 to 1000, got the string "ten"`},
		{"banned words mapping", "lint:\n  banned_words:\n    outage: incident\n", `.pm.yaml:3: lint.banned_words: want a list, got a mapping`},
		{"banned word as a string", "lint:\n  banned_words:\n    - outage\n", `.pm.yaml:3: lint.banned_words: each entry must be a mapping with word, suggest, sections, got the string "outage"`},
		{"banned word missing", "lint:\n  banned_words:\n    - suggest: [incident]\n", `.pm.yaml:3: lint.banned_words: an entry has no word`},
		{"banned word blank", "lint:\n  banned_words:\n    - word: \"  \"\n", `.pm.yaml:3: lint.banned_words: an entry has no word`},
		{"banned word list", "lint:\n  banned_words:\n    - word: [outage, down]\n", `.pm.yaml:3: lint.banned_words.word: want a string, got a list`},
		{"banned word twice", "lint:\n  banned_words:\n    - word: outage\n    - word: down\n    - word: Outage\n", `.pm.yaml:5: lint.banned_words: "Outage" is listed twice (first at line 3)`},
		{"suggest string", "lint:\n  banned_words:\n    - word: outage\n      suggest: incident\n", `.pm.yaml:4: lint.banned_words.suggest: want a list, got the string "incident"`},
		{"suggest empty item", "lint:\n  banned_words:\n    - word: outage\n      suggest: [incident, \"\"]\n", `.pm.yaml:4: lint.banned_words.suggest: each item must be a non-empty string, got the string ""`},
		{"suggest nested list", "lint:\n  banned_words:\n    - word: outage\n      suggest:\n        - [incident]\n", `.pm.yaml:5: lint.banned_words.suggest: each item must be a non-empty string, got a list`},
		{"sections empty", "lint:\n  banned_words:\n    - word: outage\n      sections: []\n", `.pm.yaml:4: lint.banned_words.sections: name at least one section, or leave the key out for "External Message"`},
		{"sections string", "lint:\n  banned_words:\n    - word: outage\n      sections: Summary\n", `.pm.yaml:4: lint.banned_words.sections: want a list, got the string "Summary"`},
		{"duplicate key in a banned word", "lint:\n  banned_words:\n    - word: outage\n      word: down\n", `.pm.yaml:4: duplicate key "word" in lint.banned_words (first at line 3)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := config.Parse(config.FileName, []byte(tt.yaml))
			if err == nil {
				t.Fatalf("Parse(%q) = %+v, want error %q", tt.yaml, cfg, tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("Parse(%q) error\n got: %s\nwant: %s", tt.yaml, err, tt.want)
			}
			checkOneLine(t, err)
		})
	}
}

// checkOneLine checks the shape every error shares: an *Error, one line,
// path and line first; a catalogue message, whose English is the error's
// text and whose Japanese has the same path and line.
func checkOneLine(t *testing.T, err error) {
	t.Helper()
	var cerr *config.Error
	if !errors.As(err, &cerr) {
		t.Fatalf("error %v is a %T, want *config.Error", err, err)
	}
	if strings.ContainsAny(err.Error(), "\r\n") {
		t.Errorf("error spans lines: %q", err)
	}
	if cerr.Line > 0 && !strings.HasPrefix(err.Error(), cerr.Path+":") {
		t.Errorf("error %q does not start with %q", err, cerr.Path+":")
	}
	if !i18n.Has(cerr.Text.ID) || cerr.Text.String() != cerr.Msg || cerr.In(i18n.EN) != err.Error() {
		t.Errorf("error %q: catalogue message %q renders as %q", err, cerr.Text.ID, cerr.Text.String())
	}
	ja := cerr.In(i18n.JA)
	where := strings.TrimSuffix(err.Error(), cerr.Msg)
	if ja == err.Error() || !strings.HasPrefix(ja, where) || strings.ContainsAny(ja, "\r\n") || strings.Contains(ja, "%!") {
		t.Errorf("error %q in Japanese: %q", err, ja)
	}
}

func TestParseErrorNamesThePath(t *testing.T) {
	_, err := config.Parse("repo/.pm.yaml", []byte("colour: red\n"))
	if err == nil || !strings.HasPrefix(err.Error(), `repo/.pm.yaml:1: unknown key "colour"`) {
		t.Errorf("error = %v, want it to start with the path given", err)
	}
	var cerr *config.Error
	if !errors.As(err, &cerr) || cerr.Path != "repo/.pm.yaml" || cerr.Line != 1 {
		t.Errorf("error = %#v, want Path repo/.pm.yaml and Line 1", cerr)
	}

	_, err = config.Parse("", []byte("colour: red\n"))
	if err == nil || !strings.HasPrefix(err.Error(), `.pm.yaml:1: `) {
		t.Errorf("error = %v, want it to start with .pm.yaml:1: when no path is given", err)
	}
}

// The aliases are refused before anything expands them; were they expanded,
// this test would run out of memory or time rather than fail.
func TestParseBillionLaughs(t *testing.T) {
	_, err := config.Parse("billion-laughs.yaml", readFixture(t, "billion-laughs.yaml"))
	want := `billion-laughs.yaml:6: aliases (*a) are not supported; write the value out`
	if err == nil || err.Error() != want {
		t.Fatalf("error = %v, want %s", err, want)
	}
}

func TestParseTooLarge(t *testing.T) {
	data := []byte("# " + strings.Repeat("x", 1<<20) + "\n")
	_, err := config.Parse(config.FileName, data)
	want := ".pm.yaml: file is larger than 1024 KiB; this is not a settings file"
	if err == nil || err.Error() != want {
		t.Fatalf("error = %v, want %s", err, want)
	}
}

func TestParseDeeplyNested(t *testing.T) {
	data := []byte("lint: " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n")
	_, err := config.Parse(config.FileName, data)
	if err == nil {
		t.Fatal("Parse of deeply nested lists succeeded, want an error")
	}
	checkOneLine(t, err)
}
