package config_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/config"
)

func TestParseVocabulary(t *testing.T) {
	src := `services:
  - checkout
  - name: payments-api
    description: the card payments API
    aliases: [payments, 決済API]
tags: [database, "network"]
contributing_factors:
`
	cfg, err := config.Parse(config.FileName, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := config.Vocabulary{
		Services: []config.Term{
			{Name: "checkout", Line: 2},
			{Name: "payments-api", Description: "the card payments API", Aliases: []string{"payments", "決済API"}, Line: 3},
		},
		Tags: []config.Term{{Name: "database", Line: 6}, {Name: "network", Line: 6}},
	}
	if !reflect.DeepEqual(cfg.Vocabulary, want) {
		t.Errorf("Vocabulary = %+v\nwant %+v", cfg.Vocabulary, want)
	}
	if cfg.Vocabulary.Terms("contributing_factors") != nil || len(cfg.Vocabulary.Terms("services")) != 2 || cfg.Vocabulary.Terms("related") != nil {
		t.Error("Terms returns the wrong lists")
	}
	for in, want := range map[string]string{"Checkout": "checkout", "PAYMENTS": "payments-api", "決済api": "payments-api", "payments-API": "payments-api"} {
		if got, ok := config.Canonical(cfg.Vocabulary.Services, in); !ok || got != want {
			t.Errorf("Canonical(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if got, ok := config.Canonical(cfg.Vocabulary.Services, "check"); ok {
		t.Errorf("Canonical(check) = %q, want none", got)
	}
}

func TestParseVocabularyErrors(t *testing.T) {
	tests := []struct{ name, yaml, want string }{
		{"not a list", "services: checkout\n", `.pm.yaml:1: services: want a list, got the string "checkout"`},
		{"a number is a name", "tags: [42]\n", ""},
		{"nested list", "tags:\n  - [a]\n", `.pm.yaml:2: tags: each entry must be a name or a mapping with name, description, aliases, got a list`},
		{"empty name", "tags: [\" \"]\n", `.pm.yaml:1: tags: each entry must be a name or a mapping with name, description, aliases, got the string " "`},
		{"no name", "services:\n  - description: x\n", `.pm.yaml:2: services: an entry has no name`},
		{"unknown key", "services:\n  - name: a\n    alias: b\n", `.pm.yaml:3: unknown key "alias" in services (known keys: name, description, aliases)`},
		{"twice, other case", "tags:\n  - db\n  - DB\n", `.pm.yaml:3: tags: "DB" is listed twice (first at line 2)`},
		{"alias repeats a name", "services:\n  - api\n  - name: web\n    aliases:\n      - API\n", `.pm.yaml:5: services: "API" is listed twice (first at line 2)`},
		{"aliases not a list", "services:\n  - name: web\n    aliases: www\n", `.pm.yaml:3: services.aliases: want a list, got the string "www"`},
		{"description a list", "services:\n  - name: web\n    description: [a]\n", `.pm.yaml:3: services.description: want a string, got a list`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := config.Parse(config.FileName, []byte(tt.yaml))
			if tt.want == "" {
				if err != nil {
					t.Errorf("Parse: %v", err)
				}
				return
			}
			if err == nil || err.Error() != tt.want {
				t.Fatalf("Parse(%q) error = %v\nwant %s", tt.yaml, err, tt.want)
			}
			checkOneLine(t, err)
		})
	}
}

// The vocabulary pm init writes, commented out, parses once its lines are uncommented.
func TestTemplateVocabularyExample(t *testing.T) {
	var lines []string
	on := false
	for _, l := range strings.Split(config.Template, "\n") {
		if strings.HasPrefix(l, "# services:") {
			on = true
		}
		if on && !strings.HasPrefix(l, "# ") {
			break
		}
		if on {
			lines = append(lines, strings.TrimPrefix(l, "# "))
		}
	}
	cfg, err := config.Parse(config.FileName, []byte(strings.Join(lines, "\n")))
	if err != nil {
		t.Fatal(err)
	}
	v := cfg.Vocabulary
	if len(v.Services) != 2 || len(v.Tags) != 2 || len(v.ContributingFactors) != 2 || v.Services[1].Aliases[1] != "決済API" {
		t.Errorf("vocabulary %+v", v)
	}
}
