package lint_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/config"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/lint"
	"github.com/pm-tools/pm/pkg/lint/format"
	"github.com/pm-tools/pm/pkg/sla"
	"github.com/pm-tools/pm/pkg/workflow"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/lint from the current findings")

// fixtureRoot is testdata/lint at the top of the module, seen from this package's folder.
const fixtureRoot = "../../testdata/lint"

// testSchedule is the default meeting SLAs (SEV-1 3, SEV-2 5 business days) on a UTC calendar with
// weekends and 2026-11-23 off, the day the fixtures' deadlines cross.
var testSchedule = func() *workflow.Schedule {
	cal, err := sla.NewCalendar(time.UTC, "", []time.Time{time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		panic(err)
	}
	return workflow.NewSchedule(cal, map[string]int{"SEV-1": 3, "SEV-2": 5})
}()

// testNow is the fixtures' clock: after their meetings (2026-11-24), before status-gates/bad.md's.
var testNow = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

// fixtureVocabulary is the vocabulary the fixtures are linted with: services and tags, no list of
// contributing factors (any value goes).
var fixtureVocabulary = &config.Vocabulary{
	Services: []config.Term{{Name: "checkout"}, {Name: "payments-api", Aliases: []string{"payments", "決済API"}}},
	Tags:     []config.Term{{Name: "database"}, {Name: "config-change"}},
}

// fixtureRelations is the repository the fixtures are linted in: relations/good.md (id "good") and
// the postmortems it names, one of which lists it back.
func fixtureRelations(id string) (bool, []string) {
	related, ok := map[string][]string{
		"good":                {"2026-11-01-db-pool"},
		"bad":                 nil,
		"bad-missing":         nil,
		"2026-11-01-db-pool":  {"good"},
		"2026-10-01-checkout": nil,
	}[id]
	return ok, related
}

// newLinter returns a linter with testSchedule, the fixtures' vocabulary and relations, and the given options.
func newLinter(t testing.TB, opts lint.Options) *lint.Linter {
	t.Helper()
	if opts.Schedule == nil {
		opts.Schedule = testSchedule
	}
	if opts.Now == nil {
		opts.Now = func() time.Time { return testNow }
	}
	if opts.Vocabulary == nil {
		opts.Vocabulary = fixtureVocabulary
	}
	if opts.Relations == nil {
		opts.Relations = fixtureRelations
	}
	if opts.Actions == nil {
		opts.Actions = workflow.NewActionDeadlines(map[string]int{"SEV-1": 15, "SEV-2": 30}, time.UTC)
	}
	l, err := lint.New(opts)
	if err != nil {
		t.Fatalf("lint.New: %v", err)
	}
	return l
}

// lintFixture lints a file under testdata/lint, reporting it by its path from the module root.
func lintFixture(t *testing.T, l *lint.Linter, rel string) []lint.Finding {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(fixtureRoot, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return l.Lint(path.Join("testdata/lint", rel), src)
}

func ofRule(fs []lint.Finding, rule string) []lint.Finding {
	var out []lint.Finding
	for _, f := range fs {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}

func findingsText(fs []lint.Finding) string {
	var b strings.Builder
	_ = format.WriteText(&b, fs)
	return b.String()
}

// TestRuleFixtures lints testdata/lint/<rule>/good*.md and bad*.md for every rule. A good file is a complete
// postmortem that comes close to breaking the rule: it must have no finding at all. A bad file must give the
// findings of its golden file, bad*.golden.json, for its rule (findings of other rules are not compared).
// go test -run TestRuleFixtures -update rewrites the golden files; review the diff before keeping it.
func TestRuleFixtures(t *testing.T) {
	l := newLinter(t, lint.Options{})
	for _, r := range lint.Rules {
		t.Run(r.ID, func(t *testing.T) {
			dir := filepath.Join(fixtureRoot, r.ID)
			goods, _ := filepath.Glob(filepath.Join(dir, "good*.md"))
			bads, _ := filepath.Glob(filepath.Join(dir, "bad*.md"))
			if len(goods) == 0 || len(bads) == 0 {
				t.Fatalf("%s needs at least one good*.md and one bad*.md", dir)
			}
			for _, g := range goods {
				rel := r.ID + "/" + filepath.Base(g)
				fs := lintFixture(t, l, rel)
				if own := ofRule(fs, r.ID); len(own) > 0 {
					t.Errorf("%s: want no %s finding, got:\n%s", rel, r.ID, findingsText(own))
				} else if len(fs) > 0 {
					t.Errorf("%s: a good fixture is a complete postmortem, but it has findings of other rules:\n%s", rel, findingsText(fs))
				}
			}
			for _, b := range bads {
				rel := r.ID + "/" + filepath.Base(b)
				own := ofRule(lintFixture(t, l, rel), r.ID)
				if len(own) == 0 {
					t.Errorf("%s: want %s findings, got none", rel, r.ID)
				}
				var got bytes.Buffer
				if err := format.WriteJSON(&got, own); err != nil {
					t.Fatal(err)
				}
				golden := strings.TrimSuffix(b, ".md") + ".golden.json"
				if *update {
					if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (go test -run TestRuleFixtures -update writes it)", err)
				}
				if !bytes.Equal(got.Bytes(), want) {
					t.Errorf("%s: findings differ from %s\ngot:\n%s\nwant:\n%s", rel, filepath.Base(golden), got.Bytes(), want)
				}
			}
		})
	}
}

// TestFixtureDirsMatchRules keeps testdata/lint in step with lint.Rules: a folder per rule with a good and
// a bad fixture, no folder for a rule that does not exist, and a golden file for every bad file and no
// other. It also checks, on a made-up folder, that a rule without fixtures is caught.
func TestFixtureDirsMatchRules(t *testing.T) {
	if problems := fixtureProblems(fixtureRoot); len(problems) > 0 {
		t.Errorf("testdata/lint:\n%s", strings.Join(problems, "\n"))
	}

	root := t.TempDir()
	for _, r := range lint.Rules {
		dir := filepath.Join(root, r.ID)
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"good.md", "bad.md", "bad.golden.json"} {
			if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if problems := fixtureProblems(root); len(problems) > 0 {
		t.Fatalf("a complete made-up folder has problems:\n%s", strings.Join(problems, "\n"))
	}
	noBad, noDir := lint.Rules[0].ID, lint.Rules[1].ID
	os.Remove(filepath.Join(root, noBad, "bad.md"))
	os.RemoveAll(filepath.Join(root, noDir))
	problems := strings.Join(fixtureProblems(root), "\n")
	for _, want := range []string{noBad + " has no bad*.md", "rule " + noDir + " has no folder", "belongs to no bad*.md"} {
		if !strings.Contains(problems, want) {
			t.Errorf("missing fixtures not caught: want %q in:\n%s", want, problems)
		}
	}
}

// fixtureProblems lists what is wrong with a fixture folder laid out as testdata/lint.
func fixtureProblems(root string) []string {
	entries, err := os.ReadDir(root)
	if err != nil {
		return []string{err.Error()}
	}
	var out []string
	dirs := map[string]bool{}
	for _, e := range entries {
		if e.IsDir() && e.Name() != "fix" { // fix holds the documents of the fixes' tests
			dirs[e.Name()] = true
			if lint.RuleByID(e.Name()) == nil {
				out = append(out, fmt.Sprintf("%s: no rule has that ID", e.Name()))
			}
		}
	}
	for _, r := range lint.Rules {
		if !dirs[r.ID] {
			out = append(out, fmt.Sprintf("rule %s has no folder %s", r.ID, r.ID))
			continue
		}
		for _, pattern := range []string{"good*.md", "bad*.md"} {
			if m, _ := filepath.Glob(filepath.Join(root, r.ID, pattern)); len(m) == 0 {
				out = append(out, fmt.Sprintf("%s has no %s", r.ID, pattern))
			}
		}
		bads, _ := filepath.Glob(filepath.Join(root, r.ID, "bad*.md"))
		for _, b := range bads {
			if _, err := os.Stat(strings.TrimSuffix(b, ".md") + ".golden.json"); err != nil {
				out = append(out, fmt.Sprintf("%s has no golden file", b))
			}
		}
	}
	goldens, _ := filepath.Glob(filepath.Join(root, "*", "*.golden.json"))
	for _, g := range goldens {
		md := strings.TrimSuffix(g, ".golden.json") + ".md"
		if _, err := os.Stat(md); err != nil || !strings.HasPrefix(filepath.Base(g), "bad") {
			out = append(out, fmt.Sprintf("%s belongs to no bad*.md", g))
		}
	}
	return out
}

// TestBaseFixturesAreClean: the documents the fixtures are varied from have no finding at all.
func TestBaseFixturesAreClean(t *testing.T) {
	l := newLinter(t, lint.Options{})
	for _, name := range []string{"base.md", "base-ja.md"} {
		if fs := lintFixture(t, l, name); len(fs) > 0 {
			t.Errorf("%s: want no findings, got:\n%s", name, findingsText(fs))
		}
	}
}

var kebab = regexp.MustCompile(`^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$`)

func TestRulesMetadata(t *testing.T) {
	seen := map[string]bool{}
	for i, r := range lint.Rules {
		if !kebab.MatchString(r.ID) {
			t.Errorf("rule %d: ID %q is not kebab-case", i, r.ID)
		}
		if seen[r.ID] {
			t.Errorf("rule ID %q appears twice", r.ID)
		}
		seen[r.ID] = true
		if strings.TrimSpace(r.Description()) == "" || strings.Contains(r.Description(), "\n") {
			t.Errorf("rule %s: Description must be one non-empty line, got %q", r.ID, r.Description())
		}
		if strings.TrimSpace(r.Help) == "" {
			t.Errorf("rule %s has no Help", r.ID)
		}
		if r.Default < lint.DefaultError || r.Default > lint.DefaultMixed {
			t.Errorf("rule %s has no known Default level: %d", r.ID, r.Default)
		}
		if r.Check == nil {
			t.Errorf("rule %s has no Check", r.ID)
		}
		if got := lint.RuleByID(r.ID); got == nil || got.ID != r.ID {
			t.Errorf("RuleByID(%q) = %v", r.ID, got)
		}
	}
	if lint.RuleByID("no-such-rule") != nil {
		t.Error(`RuleByID("no-such-rule") is not nil`)
	}
}

// Every rule's help paragraph has its Japanese translation, and the catalogue's English copy is the
// rule's Help as it is now: a Help changed without its translation is caught here.
func TestRuleHelpTranslated(t *testing.T) {
	for _, r := range lint.Rules {
		if got := i18n.EN.T("rulehelp." + r.ID); got != r.Help {
			t.Errorf("%s: the catalogue's English help differs from the rule's:\n%s\n%s", r.ID, got, r.Help)
		}
		if ja := r.HelpIn(i18n.JA); ja == r.Help || ja == "" {
			t.Errorf("%s: no Japanese help", r.ID)
		}
	}
}
