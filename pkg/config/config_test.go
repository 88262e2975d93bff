package config_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/config"
	"github.com/pm-tools/pm/pkg/workflow"
)

func TestDefault(t *testing.T) {
	c := config.Default()
	want := &config.Config{
		Dir:                "postmortems",
		Language:           "en",
		Location:           time.Local,
		MeetingSLA:         map[string]int{"SEV-1": 3, "SEV-2": 5},
		ActionItemDeadline: map[string]int{"SEV-1": 15, "SEV-2": 30},
		StaleDays:          14,
		Lint: config.Lint{
			Rules:          map[string]config.RuleSetting{},
			MaxActionItems: 10,
			BannedWords: []config.BannedWord{
				{Word: "outage", Suggest: []string{"incident", "service degradation"}, Sections: []string{"External Message"}},
				{Word: "停止", Suggest: []string{"インシデント", "サービス劣化"}, Sections: []string{"External Message"}},
			},
		},
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("Default() =\n%+v\nwant\n%+v", c, want)
	}

	// Each call is independent: changing one result leaves the next alone.
	c.MeetingSLA["SEV-3"] = 7
	c.ActionItemDeadline["SEV-1"] = 1
	c.Lint.Rules["x"] = config.RuleSetting{Severity: "off"}
	c.Lint.BannedWords[0].Suggest[0] = "changed"
	if again := config.Default(); !reflect.DeepEqual(again, want) {
		t.Errorf("Default() after changing an earlier result =\n%+v\nwant\n%+v", again, want)
	}
}

func TestTemplateGivesDefaults(t *testing.T) {
	c, err := config.Parse(config.FileName, []byte(config.Template))
	if err != nil {
		t.Fatalf("Parse(Template): %v", err)
	}
	for i := range c.Lint.BannedWords {
		if c.Lint.BannedWords[i].Line == 0 {
			t.Errorf("banned word %q has no line", c.Lint.BannedWords[i].Word)
		}
		if len(c.Lint.BannedWords[i].SectionLines) != len(c.Lint.BannedWords[i].Sections) {
			t.Errorf("banned word %q: sections %v at lines %v", c.Lint.BannedWords[i].Word, c.Lint.BannedWords[i].Sections, c.Lint.BannedWords[i].SectionLines)
		}
		c.Lint.BannedWords[i].Line, c.Lint.BannedWords[i].SectionLines = 0, nil
	}
	want := config.Default()
	want.Path = config.FileName
	want.LanguageSet = true // pm init's file says the team's language
	if !reflect.DeepEqual(c, want) {
		t.Errorf("Parse(Template) =\n%+v\nwant\n%+v", c, want)
	}
}

func TestTemplateFor(t *testing.T) {
	if config.TemplateFor("en") != config.Template {
		t.Error("TemplateFor(en) is not the template")
	}
	c, err := config.Parse(config.FileName, []byte(config.TemplateFor("ja")))
	if err != nil || c.Language != "ja" {
		t.Fatalf("TemplateFor(ja): language %q, %v", c.Language, err)
	}
	// the Japanese file is the English one in all but its comments and the language: the same
	// settings, line for line
	settings := func(text string) []string {
		var out []string
		for _, line := range strings.Split(text, "\n") {
			if t := strings.TrimSpace(line); t != "" && !strings.HasPrefix(t, "#") {
				out = append(out, strings.Replace(line, "language: ja", "language: en", 1))
			}
		}
		return out
	}
	if en, ja := settings(config.Template), settings(config.TemplateJA); !slices.Equal(en, ja) {
		t.Errorf("the Japanese template's settings differ:\n%q\n%q", en, ja)
	}
	cfg, err := config.Parse(config.FileName, []byte(config.TemplateJA))
	if err != nil {
		t.Fatal(err)
	}
	for i := range cfg.Lint.BannedWords {
		cfg.Lint.BannedWords[i].Line, cfg.Lint.BannedWords[i].SectionLines = 0, nil
	}
	want := config.Default()
	want.Path, want.LanguageSet, want.Language = config.FileName, true, "ja"
	if !reflect.DeepEqual(cfg, want) {
		t.Errorf("Parse(TemplateJA) =\n%+v\nwant\n%+v", cfg, want)
	}
}

// The template documents every key, and leaves only the timezone to the
// machine by commenting it out.
func TestTemplateMentionsEveryKey(t *testing.T) {
	keys := []string{
		"dir:", "language:", "holidays:", "  country:", "  dates:", "meeting_sla:", "  SEV-1:", "  SEV-2:",
		"stale_days:", "lint:", "  rules:", "  max_action_items:", "  banned_words:",
		"word:", "suggest:", "sections:",
	}
	for _, key := range keys {
		if !strings.Contains(config.Template, key) {
			t.Errorf("Template does not mention %q", key)
		}
	}
	if !strings.Contains(config.Template, "\n# timezone: ") {
		t.Error("Template does not show timezone, commented out")
	}
	for i, line := range strings.Split(config.Template, "\n") {
		if strings.HasPrefix(line, "timezone:") {
			t.Errorf("Template line %d sets the timezone: %q", i+1, line)
		}
	}
}

func TestLoad(t *testing.T) {
	t.Run("missing file gives the defaults", func(t *testing.T) {
		c, err := config.Load(t.TempDir())
		if err != nil {
			t.Fatalf("Load: %v", err)
		}
		if !reflect.DeepEqual(c, config.Default()) {
			t.Errorf("Load = %+v, want Default()", c)
		}
	})
	t.Run("file is parsed", func(t *testing.T) {
		root := t.TempDir()
		path := filepath.Join(root, config.FileName)
		writeFile(t, path, "dir: docs/pm\nholidays:\n  country: JP\n")
		c, err := config.Load(root)
		if err != nil {
			t.Fatalf("Load: %v", err)
		}
		if c.Path != path || c.Dir != "docs/pm" || c.HolidayCountry != "JP" {
			t.Errorf("Load = Path %q Dir %q HolidayCountry %q, want %q docs/pm JP", c.Path, c.Dir, c.HolidayCountry, path)
		}
	})
	t.Run("invalid file names its path and line", func(t *testing.T) {
		root := t.TempDir()
		path := filepath.Join(root, config.FileName)
		writeFile(t, path, "dir: docs\ncolour: red\n")
		_, err := config.Load(root)
		if want := path + `:2: unknown key "colour"`; err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("Load error = %v, want one starting with %s", err, want)
		}
	})
	t.Run("a directory in the file's place is an error", func(t *testing.T) {
		root := t.TempDir()
		if err := os.Mkdir(filepath.Join(root, config.FileName), 0o755); err != nil {
			t.Fatal(err)
		}
		_, err := config.Load(root)
		if err == nil || !strings.Contains(err.Error(), config.FileName) {
			t.Errorf("Load error = %v, want one naming %s", err, config.FileName)
		}
	})
	t.Run("a root that is a file is an error", func(t *testing.T) {
		root := filepath.Join(t.TempDir(), "file")
		writeFile(t, root, "")
		if _, err := config.Load(root); err == nil {
			t.Error("Load succeeded, want an error")
		}
	})
	t.Run("a huge file is refused", func(t *testing.T) {
		root := t.TempDir()
		writeFile(t, filepath.Join(root, config.FileName), "# "+strings.Repeat("x", 2<<20)+"\n")
		_, err := config.Load(root)
		var cerr *config.Error
		if !errors.As(err, &cerr) || !strings.Contains(err.Error(), "larger than") {
			t.Errorf("Load error = %v, want a *config.Error about the size", err)
		}
	})
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func parse(t *testing.T, yaml string) *config.Config {
	t.Helper()
	c, err := config.Parse(config.FileName, []byte(yaml))
	if err != nil {
		t.Fatalf("Parse(%q): %v", yaml, err)
	}
	return c
}

// TestDeadline checks the meeting deadlines a parsed .pm.yaml gives: its zone, holidays and meeting_sla.
func TestDeadline(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	utc := parse(t, "timezone: UTC\n")
	jp := parse(t, "timezone: Asia/Tokyo\nholidays: {country: JP, dates: [2026-12-29, 2026-12-30, 2026-12-31]}\n")
	us := parse(t, "timezone: America/New_York\nholidays: {country: US}\nmeeting_sla: {SEV-2: off, SEV-3: 10}\n")
	friday := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)

	tests := []struct {
		name     string
		cfg      *config.Config
		severity string
		incident time.Time
		want     string // RFC 3339 with nanoseconds; "" for no deadline
	}{
		{"SEV-1 no holidays", utc, "SEV-1", friday, "2026-11-25T23:59:59.999999999Z"},
		{"SEV-2 no holidays", utc, "SEV-2", friday, "2026-11-27T23:59:59.999999999Z"},
		{"severity written sev1", utc, "sev1", friday, "2026-11-25T23:59:59.999999999Z"},
		{"severity written 2", utc, "2", friday, "2026-11-27T23:59:59.999999999Z"},
		{"SEV-3 has no default", utc, "SEV-3", friday, ""},
		{"not a severity", utc, "P1", friday, ""},
		{"empty severity", utc, "", friday, ""},
		{"JP holiday on Monday", jp, "SEV-1", time.Date(2026, 11, 20, 10, 0, 0, 0, tokyo), "2026-11-26T23:59:59.999999999+09:00"},
		{"late Friday UTC is Saturday in Tokyo", jp, "SEV-1", time.Date(2026, 11, 20, 23, 30, 0, 0, time.UTC), "2026-11-26T23:59:59.999999999+09:00"},
		{"Golden Week", jp, "SEV-2", time.Date(2026, 4, 30, 9, 0, 0, 0, tokyo), "2026-05-12T23:59:59.999999999+09:00"},
		{"company year-end dates", jp, "SEV-1", time.Date(2026, 12, 25, 9, 0, 0, 0, tokyo), "2027-01-05T23:59:59.999999999+09:00"},
		{"US Thanksgiving", us, "SEV-1", time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC), "2026-11-30T23:59:59.999999999-05:00"},
		{"SLA turned off", us, "SEV-2", friday, ""},
		{"SLA added", us, "SEV-3", friday, "2026-12-07T23:59:59.999999999-05:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cal, err := tt.cfg.Calendar()
			if err != nil {
				t.Fatal(err)
			}
			got, ok := workflow.NewSchedule(cal, tt.cfg.MeetingSLA).Deadline(tt.severity, tt.incident)
			if tt.want == "" {
				if ok {
					t.Errorf("Deadline(%q) = %s, true; want no deadline", tt.severity, got)
				}
				return
			}
			want, err := time.Parse(time.RFC3339Nano, tt.want)
			if err != nil {
				t.Fatal(err)
			}
			if !ok || !got.Equal(want) {
				t.Errorf("Deadline(%q, %s) = %s, %v; want %s, true", tt.severity, tt.incident, got.Format(time.RFC3339Nano), ok, tt.want)
			}
		})
	}
}

func TestCalendar(t *testing.T) {
	c := parse(t, "timezone: Asia/Tokyo\nholidays:\n  country: JP\n  dates: [2026-12-29]\n")
	cal, err := c.Calendar()
	if err != nil {
		t.Fatalf("Calendar: %v", err)
	}
	if cal.Location().String() != "Asia/Tokyo" || cal.Country() != "JP" {
		t.Errorf("Calendar in %v with %q, want Asia/Tokyo with JP", cal.Location(), cal.Country())
	}
	for _, tc := range []struct {
		date string
		want bool
	}{{"2026-11-23", false}, {"2026-11-24", true}, {"2026-12-29", false}, {"2026-12-28", true}} {
		d, _ := time.ParseInLocation(time.DateOnly, tc.date, cal.Location())
		if got := cal.IsBusinessDay(d); got != tc.want {
			t.Errorf("IsBusinessDay(%s) = %v, want %v", tc.date, got, tc.want)
		}
	}
}

// A Config built by hand, not by Parse, may lack Location or hold bad values.
func TestCalendarOfHandMadeConfig(t *testing.T) {
	c := config.Default()
	c.Location = nil
	c.Timezone = "Asia/Tokyo"
	cal, err := c.Calendar()
	if err != nil || cal.Location().String() != "Asia/Tokyo" {
		t.Errorf("Calendar() = %v, %v; want one in Asia/Tokyo", cal, err)
	}

	c.Timezone = "Nowhere/Else"
	if _, err := c.Calendar(); err == nil || !strings.Contains(err.Error(), `"Nowhere/Else"`) {
		t.Errorf("Calendar() error = %v, want one naming the zone", err)
	}

	c = config.Default()
	c.HolidayCountry = "FR"
	if _, err := c.Calendar(); err == nil || !strings.Contains(err.Error(), `"FR"`) {
		t.Errorf("Calendar() error = %v, want one naming the country", err)
	}
}

// A .pm.yaml that is a link to nothing (inside the folder) is an error, not no settings: the
// team's zone, holidays and rules were dropped without a word.
func TestLoadDanglingLink(t *testing.T) {
	dir := t.TempDir()
	if err := os.Symlink("conf/pm.yaml", filepath.Join(dir, config.FileName)); err != nil {
		t.Skip("no symlinks:", err)
	}
	_, err := config.Load(dir)
	var re *config.ReadError
	if !errors.As(err, &re) || !re.Dangling || !strings.Contains(err.Error(), "is a symbolic link to nothing") {
		t.Errorf("Load: %v", err)
	}
	if _, err := config.Load(t.TempDir()); err != nil {
		t.Errorf("no .pm.yaml: %v", err)
	}
}
