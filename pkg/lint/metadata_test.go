package lint_test

import (
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/pm-tools/pm/pkg/config"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/lint"
)

// The relations index is read only for a document that names another: linting one without related
// or recurrence_of (the pre-commit path, mostly) never builds it.
func TestRelationsAskedOnlyWhenNeeded(t *testing.T) {
	var calls atomic.Int32
	rel := func(id string) (bool, []string) {
		calls.Add(1)
		return fixtureRelations(id)
	}
	l := newLinter(t, lint.Options{Relations: rel})
	if fs := lintFixture(t, l, "base.md"); len(fs) > 0 {
		t.Fatalf("base.md: %s", findingsText(fs))
	}
	if n := calls.Load(); n != 0 {
		t.Errorf("a postmortem without relations asked the index %d times", n)
	}
	if fs := ofRule(lintFixture(t, l, "relations/good.md"), "relations"); len(fs) > 0 || calls.Load() == 0 {
		t.Errorf("relations/good.md: %d calls, findings %s", calls.Load(), findingsText(fs))
	}
}

// Without a vocabulary any value goes; with one, values are matched by name and alias in any case,
// and the findings speak the linter's language.
func TestVocabularyOptions(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(fixtureRoot, "vocabulary", "bad.md"))
	if err != nil {
		t.Fatal(err)
	}
	if fs := ofRule(newLinter(t, lint.Options{Vocabulary: &config.Vocabulary{}}).Lint("x.md", src), "vocabulary"); len(fs) > 0 {
		t.Errorf("no vocabulary: %s", findingsText(fs))
	}
	l := newLinter(t, lint.Options{Lang: i18n.JA, Vocabulary: &config.Vocabulary{
		Tags: []config.Term{{Name: "DataBase"}, {Name: "cfg", Aliases: []string{"config-change"}}, {Name: "x"}},
	}})
	fs := ofRule(l.Lint("x.md", src), "vocabulary")
	if len(fs) != 1 || fs[0].Message != `tags: "databse" は .pm.yaml の一覧にありません。"DataBase" のことですか？` {
		t.Errorf("findings: %s", findingsText(fs))
	}
}

// A value far from every known one gets no suggestion: a guess would mislead.
func TestVocabularySuggestsOnlyNearValues(t *testing.T) {
	l := newLinter(t, lint.Options{Vocabulary: &config.Vocabulary{Services: []config.Term{{Name: "web"}, {Name: "search-indexer"}}}})
	doc := "---\ntitle: t\nseverity: SEV-3\nstatus: Draft\nowner: o\nincident_date: 2026-11-20\nservices: [db, serch-indexr, WEB]\n---\n"
	var got []string
	for _, f := range ofRule(lintDoc(t, l, doc), "vocabulary") {
		got = append(got, f.Message)
	}
	want := []string{`services: "db" is not in the list .pm.yaml gives`,
		`services: "serch-indexr" is not in the list .pm.yaml gives; did you mean "search-indexer"?`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Standard input (pm lint -, reported as "-") is no file with an id: another postmortem cannot list
// it back, so no one-way warning is given for it; an id that names nothing is still an error.
func TestRelationsOfStandardInput(t *testing.T) {
	rel := func(id string) (bool, []string) {
		return id == "2026-11-01-other", []string{"2026-11-02-somewhere-else"}
	}
	l := newLinter(t, lint.Options{Relations: rel})
	doc := []byte("---\ntitle: t\nseverity: SEV-3\nstatus: Draft\nowner: o\nincident_date: 2026-11-20\nrelated: [2026-11-01-other, 2026-11-05-none]\n---\n")
	var got []string
	for _, f := range ofRule(l.Lint("-", doc), "relations") {
		got = append(got, f.Message)
	}
	if len(got) != 1 || !strings.Contains(got[0], "2026-11-05-none") {
		t.Errorf("standard input: %q", got)
	}
	if fs := ofRule(l.Lint("postmortems/2026-11-20-x.md", doc), "relations"); len(fs) != 2 {
		t.Errorf("a file: %s", findingsText(fs))
	}
}
