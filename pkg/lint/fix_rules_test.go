package lint_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/lint"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// fixRoot holds documents whose findings have fixes, with name.fixed.md beside each: the document after
// FixSafe, as pm lint --fix writes it.
var fixRoot = filepath.Join(fixtureRoot, "fix")

// TestFixFixtures applies the safe fixes of each document in testdata/lint/fix and compares the result
// with its golden file; go test -run TestFixFixtures -update rewrites them. Each fix on the way must
// resolve its finding and bring no new error (checkFix).
func TestFixFixtures(t *testing.T) {
	names, _ := filepath.Glob(filepath.Join(fixRoot, "*.md"))
	var docs []string
	for _, n := range names {
		if !strings.HasSuffix(n, ".fixed.md") {
			docs = append(docs, n)
		}
	}
	if len(docs) == 0 {
		t.Fatalf("no fixtures in %s", fixRoot)
	}
	l := newLinter(t, lint.Options{Fixes: true})
	for _, name := range docs {
		t.Run(filepath.Base(name), func(t *testing.T) {
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			fixable := 0
			for _, f := range l.Lint(name, src) {
				for _, fx := range f.Fixes {
					if fx.Safe {
						fixable++
						checkFix(t, l, src, f, fx)
					}
				}
			}
			if fixable == 0 {
				t.Fatalf("no finding of %s has a safe fix", name)
			}
			out, applied, _ := l.FixSafe(name, src)
			if len(applied) < fixable {
				t.Errorf("FixSafe applied %d fixes, the document has %d", len(applied), fixable)
			}
			golden := strings.TrimSuffix(name, ".md") + ".fixed.md"
			if *update {
				if err := os.WriteFile(golden, out, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (go test -run TestFixFixtures -update writes it)", err)
			}
			if !bytes.Equal(out, want) {
				t.Errorf("fixed text differs from %s\ngot:\n%s", filepath.Base(golden), out)
			}
			if again, more, _ := l.FixSafe(name, out); len(more) > 0 || !bytes.Equal(again, out) {
				t.Errorf("the fixed document still has safe fixes: %+v", more)
			}
		})
	}
}

// checkFix applies one fix of finding f to src and checks the result: f's finding is gone (one fewer
// finding of its rule and message), and no error is new but those on the lines the fix inserted (a
// section inserted empty is an empty section, which is an error from In Review on).
func checkFix(t *testing.T, l *lint.Linter, src []byte, f lint.Finding, fx lint.Fix) {
	t.Helper()
	out, err := lint.ApplyEdits(src, fx.Edits)
	if err != nil {
		t.Errorf("%s %q: %v", f.Rule, fx.Title, err)
		return
	}
	if bytes.Equal(out, src) {
		t.Errorf("%s %q changes nothing", f.Rule, fx.Title)
		return
	}
	before := l.Lint("fix.md", src)
	after := l.Lint("fix.md", out)
	count := func(fs []lint.Finding, rule, msg string, sev lint.Severity) int {
		n := 0
		for _, g := range fs {
			if g.Rule == rule && g.Message == msg && (sev == "" || g.Severity == sev) {
				n++
			}
		}
		return n
	}
	if count(after, f.Rule, f.Message, "") >= count(before, f.Rule, f.Message, "") {
		t.Errorf("%s %q leaves the finding %q\nfixed text:\n%s", f.Rule, fx.Title, f.Message, out)
	}
	inserted := insertedLines(out, fx.Edits)
	for _, g := range after {
		if g.Severity != lint.Error || inserted[g.Line] {
			continue
		}
		if count(after, g.Rule, g.Message, lint.Error) > count(before, g.Rule, g.Message, lint.Error) {
			t.Errorf("%s %q brings a new error: %d:%d %s %s\nfixed text:\n%s", f.Rule, fx.Title, g.Line, g.Column, g.Rule, g.Message, out)
		}
	}
}

// insertedLines are the lines of the fixed text that hold text an edit wrote.
func insertedLines(out []byte, edits []lint.Edit) map[int]bool {
	lines := map[int]bool{}
	sorted := append([]lint.Edit(nil), edits...)
	shift := 0
	for _, e := range sortEdits(sorted) {
		if e.Text == "" {
			continue
		}
		start := e.Start + shift
		end := start + len(e.Text)
		text, _, _ := postmortem.Normalize(out[:start])
		first := bytes.Count(text, []byte("\n")) + 1
		n := strings.Count(strings.ReplaceAll(e.Text, "\r\n", "\n"), "\n")
		for l := first; l <= first+n; l++ {
			lines[l] = true
		}
		_ = end
		shift += len(e.Text) - (e.End - e.Start)
	}
	return lines
}

func sortEdits(es []lint.Edit) []lint.Edit {
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && es[j].Start < es[j-1].Start; j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
	return es
}

// TestBannedWordFixes: a banned word gets one fix per suggested term, in the word's form, never safe;
// the Japanese word gets the Japanese terms, with titles in the linter's language.
func TestBannedWordFixes(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		lang       i18n.Lang
		count      int
		want       []string // the fixed text around the word, for the first fixes
		titles     []string
	}{
		{"en", "banned-word/bad.md", i18n.EN, 8,
			[]string{"failed during an incident.", "failed during a service degradation.", "outage. Incidents\nlike", "outage. Service degradations\nlike"},
			[]string{`Replace "outage" with "incident"`, `Replace "an outage" with "a service degradation"`, `Replace "Outages" with "Incidents"`, `Replace "Outages" with "Service degradations"`}},
		{"ja", "banned-word/bad-ja.md", i18n.JA, 2,
			[]string{"注文確定のサービスでインシデントが発生しました", "注文確定のサービスでサービス劣化が発生しました"},
			[]string{`「が停止」を「でインシデントが発生」に置き換え`, `「が停止」を「でサービス劣化が発生」に置き換え`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(fixtureRoot, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			l := newLinter(t, lint.Options{Lang: tc.lang, Fixes: true})
			var fixes []lint.Fix
			for _, f := range l.Lint(tc.file, src) {
				if f.Rule == "banned-word" {
					fixes = append(fixes, f.Fixes...)
					for _, fx := range f.Fixes {
						checkFix(t, l, src, f, fx)
					}
				}
			}
			if len(fixes) != tc.count {
				t.Fatalf("%d fixes, want %d: %+v", len(fixes), tc.count, fixes)
			}
			for i, fx := range fixes[:len(tc.want)] {
				out, _ := lint.ApplyEdits(src, fx.Edits)
				if fx.Safe || fx.Title != tc.titles[i] || !bytes.Contains(out, []byte(tc.want[i])) {
					t.Errorf("fix %d: safe %v, title %q, text without %q:\n%s", i, fx.Safe, fx.Title, tc.want[i], out)
				}
			}
		})
	}
}

// TestDisableNextLine silences every finding of the rule fixtures that is in the body with the fix
// DisableNextLine returns, or it says why there is none: the finding is in the front matter, or on a
// line where no comment can stand (inside a table or a code block). Applied, the fix removes that
// finding and changes no other.
func TestDisableNextLine(t *testing.T) {
	bads, _ := filepath.Glob(filepath.Join(fixtureRoot, "*", "bad*.md"))
	l := newLinter(t, lint.Options{Fixes: true})
	fixed, none := 0, 0
	for _, name := range bads {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		doc := postmortem.Parse(name, src, nil)
		before := l.Lint(name, src)
		for _, f := range before {
			fx := lint.DisableNextLine(src, f, i18n.EN)
			inBody := doc.Root != nil && doc.LineStart(f.Line) >= doc.BodyOffset
			if len(fx.Edits) == 0 {
				if inBody {
					none++
					t.Logf("no fix: %s:%d %s: %q", name, f.Line, f.Rule, lineOf(doc, f.Line))
				}
				continue
			}
			if !inBody {
				t.Errorf("%s:%d %s: a fix for a finding outside the body", name, f.Line, f.Rule)
			}
			if fx.Safe || fx.Title != "Disable "+f.Rule+" for the next line" {
				t.Errorf("%s:%d: fix %+v", name, f.Line, fx)
			}
			fixed++
			out, err := lint.ApplyEdits(src, fx.Edits)
			if err != nil {
				t.Fatal(err)
			}
			after := l.Lint(name, out)
			if len(after) != len(before)-countAt(before, f) {
				t.Errorf("%s:%d %s: %d findings before, %d after the comment\n%s", name, f.Line, f.Rule, len(before), len(after), out)
			}
		}
	}
	if fixed == 0 || none > fixed/4 {
		t.Errorf("%d findings got a fix, %d in the body none", fixed, none)
	}
}

// countAt counts the findings of f's rule on f's line: a disable-next-line comment silences them all.
func countAt(fs []lint.Finding, f lint.Finding) int {
	n := 0
	for _, g := range fs {
		if g.Rule == f.Rule && g.Line == f.Line {
			n++
		}
	}
	return n
}

func lineOf(doc *postmortem.Doc, line int) string {
	start, end := doc.LineStart(line), doc.LineStart(line+1)
	return string(doc.Text[start:end])
}

// TestAddStatusColumn: the Status column goes at the right end of the Action Items table, named in the
// document's language, every row's cell empty (open); a table that has one gets no fix.
func TestAddStatusColumn(t *testing.T) {
	for _, tc := range []struct{ file, header string }{{"base.md", "Status"}, {"base-ja.md", "状態"}} {
		src, err := os.ReadFile(filepath.Join(fixtureRoot, tc.file))
		if err != nil {
			t.Fatal(err)
		}
		fx := lint.AddStatusColumn(src, i18n.EN)
		if fx.Safe || fx.Title != `Add a "`+tc.header+`" column to the table` {
			t.Fatalf("%s: fix %+v", tc.file, fx)
		}
		out, err := lint.ApplyEdits(src, fx.Edits)
		if err != nil {
			t.Fatal(err)
		}
		before := postmortem.Parse(tc.file, src, nil).Content().Actions()
		after := postmortem.Parse(tc.file, out, nil).Content().Actions()
		if after == nil || !after.HasStatus || after.Table.Header[len(after.Table.Header)-1] != tc.header || len(after.Rows) != len(before.Rows) {
			t.Fatalf("%s: no Status column after the fix:\n%s", tc.file, out)
		}
		for i, r := range after.Rows {
			if r.Status.Text != "" || r.Action.Text != before.Rows[i].Action.Text || r.Ticket.Text != before.Rows[i].Ticket.Text {
				t.Errorf("%s row %d: %+v", tc.file, i, r)
			}
		}
		if again := lint.AddStatusColumn(out, i18n.EN); len(again.Edits) != 0 {
			t.Errorf("%s: a second Status column offered", tc.file)
		}
	}
}

// TestDisableNextLinePlaces: where the comment goes for a finding on a line of each kind.
func TestDisableNextLinePlaces(t *testing.T) {
	front := "---\ntitle: x\n---\n"
	c := "<!-- pm-lint-disable-next-line placeholder -->"
	for _, tc := range []struct {
		name, body string
		line       int // of the finding, in the whole file
		want       string
	}{
		{"paragraph's first line", "## Overview\n\nTODO a\n", 6, "## Overview\n\n" + c + "\nTODO a\n"},
		{"paragraph's second line", "## Overview\n\na\nTODO b\n", 7, "## Overview\n\na " + c + "\nTODO b\n"},
		{"second list item", "## Impact\n\n- a\n- TODO\n", 7, "## Impact\n\n- a\n  " + c + "\n- TODO\n"},
		{"nested list item", "## Impact\n\n- a\n\n  - TODO\n", 8, "## Impact\n\n- a\n\n  " + c + "\n  - TODO\n"},
		{"second table row", "## Timeline\n\n| a | b |\n| - | - |\n| 1 | 2 |\n| TODO | 3 |\n", 9,
			"## Timeline\n\n| a | b |\n| - | - |\n| 1 | 2 " + c + " |\n| TODO | 3 |\n"},
		{"below a comment for another rule", "## Overview\n\n<!-- pm-lint-disable-next-line banned-word -->\nTODO outage\n", 7,
			"## Overview\n\n<!-- pm-lint-disable-next-line banned-word placeholder -->\nTODO outage\n"},
		{"first table row", "## Timeline\n\n| a | b |\n| - | - |\n| TODO | 2 |\n", 8, ""},
		{"inside a code block", "## Analysis\n\n```\nx\nTODO\n```\n", 8, ""},
		{"front matter", "## Overview\n", 2, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(front + tc.body)
			fx := lint.DisableNextLine(src, lint.Finding{Path: "x.md", Line: tc.line, Rule: "placeholder"}, i18n.JA)
			if tc.want == "" {
				if len(fx.Edits) != 0 {
					t.Errorf("want no fix, got %+v", fx)
				}
				return
			}
			out, err := lint.ApplyEdits(src, fx.Edits)
			if err != nil || string(out) != front+tc.want {
				t.Errorf("got (%v):\n%s\nwant:\n%s", err, out, front+tc.want)
			}
			if fx.Title != "次の行の placeholder を無効にする" {
				t.Errorf("title %q", fx.Title)
			}
			// the same with a BOM and CRLF line ends: the comment's line ends with CRLF too
			crlf := append([]byte("\uFEFF"), bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n"))...)
			cfx := lint.DisableNextLine(crlf, lint.Finding{Path: "x.md", Line: tc.line, Rule: "placeholder"}, i18n.JA)
			cout, err := lint.ApplyEdits(crlf, cfx.Edits)
			if want := "\uFEFF" + strings.ReplaceAll(front+tc.want, "\n", "\r\n"); err != nil || string(cout) != want {
				t.Errorf("with CRLF got (%v):\n%q\nwant:\n%q", err, cout, want)
			}
		})
	}
}

// TestBannedWordFixAcrossMarkup: a word written across markup is replaced whole where that leaves
// valid Markdown, and gets no fix where it would leave half the emphasis marks.
func TestBannedWordFixAcrossMarkup(t *testing.T) {
	l := newLinter(t, lint.Options{Fixes: true})
	for _, tc := range []struct{ text, want string }{
		{"We had an out<!-- -->age.", "We had an incident."},
		{"We had an `outage`.", "We had an `incident`."},
		{"We had an out**age**.", ""},
	} {
		src := []byte("---\ntitle: x\nstatus: Draft\n---\n## External Message\n\n" + tc.text + "\n")
		var fixes []lint.Fix
		for _, f := range l.Lint("x.md", src) {
			if f.Rule == "banned-word" {
				fixes = append(fixes, f.Fixes...)
			}
		}
		if tc.want == "" {
			if len(fixes) != 0 {
				t.Errorf("%q: fixes %+v", tc.text, fixes)
			}
			continue
		}
		if len(fixes) == 0 {
			t.Errorf("%q: no fix", tc.text)
			continue
		}
		if out, _ := lint.ApplyEdits(src, fixes[0].Edits); !strings.Contains(string(out), tc.want) {
			t.Errorf("%q: got\n%s", tc.text, out)
		}
	}
}

// TestInsertedSectionLanguage: with no heading pm knows, a Japanese title makes the inserted section
// Japanese, whatever the linter's language; else the linter's language decides.
func TestInsertedSectionLanguage(t *testing.T) {
	for _, tc := range []struct {
		title string
		lang  i18n.Lang
		want  string
	}{
		{"注文確定の遅延", i18n.EN, "## 概要\n"},
		{"Checkout errors", i18n.JA, "## 概要\n"},
		{"Checkout errors", i18n.EN, "## Overview\n"},
	} {
		src := []byte("---\ntitle: " + tc.title + "\nstatus: Draft\n---\n# " + tc.title + "\n")
		l := newLinter(t, lint.Options{Lang: tc.lang, Fixes: true})
		var got string
		for _, f := range l.Lint("x.md", src) {
			if f.Rule == "required-section" && strings.Contains(f.Message, "Overview") && len(f.Fixes) == 1 {
				out, _ := lint.ApplyEdits(src, f.Fixes[0].Edits)
				got = string(out)
			}
		}
		if !strings.Contains(got, "\n\n"+tc.want+"\n<!--") {
			t.Errorf("title %q, linter %v: got\n%s", tc.title, tc.lang, got)
		}
	}
}

// TestFixesOnlyWhenAsked: a plain lint (every pre-commit) makes no fixes; WithFixes and FixSafe do,
// and the findings are otherwise the same.
func TestFixesOnlyWhenAsked(t *testing.T) {
	name := filepath.Join(fixRoot, "required-section.md")
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	plain := newLinter(t, lint.Options{})
	got := plain.Lint(name, src)
	if len(got) == 0 {
		t.Fatal("the fixture has no findings")
	}
	withFixes := plain.WithFixes().Lint(name, src)
	fixes := 0
	for i := range withFixes {
		fixes += len(withFixes[i].Fixes)
		withFixes[i].Fixes = nil
	}
	for _, f := range got {
		if len(f.Fixes) != 0 {
			t.Errorf("a plain lint made fixes for %s at line %d", f.Rule, f.Line)
		}
	}
	if fixes == 0 || !reflect.DeepEqual(got, withFixes) {
		t.Errorf("WithFixes made %d fixes; findings without them equal: %v", fixes, reflect.DeepEqual(got, withFixes))
	}
	if out, applied, _ := plain.FixSafe(name, src); len(applied) == 0 || string(out) == string(src) {
		t.Error("FixSafe on a plain linter fixed nothing")
	}
}

// A responders fix writes a placeholder for a name nobody gave: when .pm.yaml makes placeholder an
// error and responders is not, pm lint --fix would turn a warning into an error, so the fix is
// offered (an editor's code action) but not safe.
func TestResponderFixIsNotSafeWhenItsPlaceholderIsAnError(t *testing.T) {
	doc := setFront(t, edit(t, baseDoc(t), "- Scribe: Hannah Lee\n", ""), "status", "Draft")
	for _, tc := range []struct {
		overrides map[string]string
		safe      bool
	}{
		{nil, true},
		{map[string]string{"placeholder": "error"}, false},
		{map[string]string{"placeholder": "error", "responders": "error"}, true},
		{map[string]string{"placeholder": "off"}, true},
	} {
		l := newLinter(t, lint.Options{Fixes: true, Overrides: tc.overrides})
		var fixes []lint.Fix
		for _, f := range l.Lint("doc.md", []byte(doc)) {
			if f.Rule == "responders" {
				fixes = append(fixes, f.Fixes...)
			}
		}
		if len(fixes) != 1 || fixes[0].Safe != tc.safe || !strings.Contains(fixes[0].Title, "Scribe: TBD") {
			t.Errorf("%v: fixes %+v, want one with Safe %v", tc.overrides, fixes, tc.safe)
		}
	}
}

// The lines FixSafe gives are the original file's, also for a fix of a later round (the scribe's
// line waits a round for the incident commander's, and a section inserted above moved it down).
func TestFixSafeLinesAreTheOriginalFiles(t *testing.T) {
	doc := edit(t, edit(t, baseDoc(t), "- Incident Commander: Daniel Okafor\n", ""), "- Scribe: Hannah Lee\n", "")
	doc = setFront(t, doc, "incident_commander", "")
	// a missing section above the Responders one: inserting it moves everything below down
	start := strings.Index(doc, "## Root Cause")
	end := start + strings.Index(doc[start+3:], "\n## ") + 4
	doc = doc[:start] + doc[end:]
	heading := 1 + strings.Count(doc[:strings.Index(doc, "## Responders")], "\n")
	l := newLinter(t, lint.Options{})
	out, applied, _ := l.FixSafe("doc.md", []byte(doc))
	rounds := 0
	for _, a := range applied {
		if a.Rule == "responders" {
			rounds++
			if a.Line != heading {
				t.Errorf("%s: line %d, want the Responders heading's %d", a.Title, a.Line, heading)
			}
		}
	}
	if rounds != 2 || !strings.Contains(string(out), "## Root Cause") {
		t.Fatalf("applied %+v\n%s", applied, out)
	}
}

// The process files tickets for P0/P1 items only: a P2 item has its priority warning, and no
// missing-ticket error once Reviewed (the Closed gate asks the same).
func TestP2ItemNeedsNoTicket(t *testing.T) {
	doc := setFront(t, baseDoc(t), "status", "Reviewed")
	doc = edit(t, doc, "| P1 | Alert on pool wait above 200 ms | process | Hannah Lee | 2026-12-11 | https://jira.example.com/browse/OPS-124 |",
		"| P2 | Alert on pool wait above 200 ms | process | Hannah Lee | 2026-12-11 | |")
	fs := byRule(newLinter(t, lint.Options{}).Lint("doc.md", []byte(doc)))
	for _, f := range fs["action-item"] {
		if strings.Contains(f.Message, "no ticket") {
			t.Errorf("a P2 item asked a ticket: %s", f.Message)
		}
	}
	if len(fs["action-item"]) == 0 {
		t.Error("no priority warning for the P2 item")
	}
}

// A row with a filled cell past the header's columns (a ticket one cell too far right) is said to
// be one, beside the no-ticket error it causes.
func TestActionRowWithExtraCells(t *testing.T) {
	doc := setFront(t, baseDoc(t), "status", "Reviewed")
	doc = edit(t, doc, "| P1 | Alert on pool wait above 200 ms | process | Hannah Lee | 2026-12-11 | https://jira.example.com/browse/OPS-124 |",
		"| P1 | Alert on pool wait above 200 ms | process | Hannah Lee | 2026-12-11 || OPS-124 |")
	fs := byRule(newLinter(t, lint.Options{}).Lint("doc.md", []byte(doc)))
	found := false
	for _, f := range fs["action-item"] {
		if strings.Contains(f.Message, "1 filled cell past the header's columns") {
			found = true
		}
	}
	if !found {
		t.Errorf("no extra-cell finding: %v", fs["action-item"])
	}
	// a row as wide as the header says nothing of it, also when a quotation's lazy line holds the
	// header and the rows carry the ">"
	lazy := strings.Replace(baseDoc(t), "| Priority | Action | Type | Owner | Due | Ticket |\n| --- |", "> Items:\n| Priority | Action | Type | Owner | Due | Ticket |\n> | --- |", 1)
	lazy = strings.Replace(lazy, "\n| P", "\n> | P", -1)
	for _, d := range []string{baseDoc(t), lazy} {
		for _, f := range byRule(newLinter(t, lint.Options{}).Lint("doc.md", []byte(d)))["action-item"] {
			if strings.Contains(f.Message, "past the header") {
				t.Errorf("a well-formed row: %s", f.Message)
			}
		}
	}
}

// The Type column is added also when a row ends with an empty cell past the header's (a trailing
// "| |", which GFM ignores): the new cell goes into it.
func TestTypeColumnFixOverATrailingEmptyCell(t *testing.T) {
	doc := baseDoc(t)
	doc = strings.Replace(doc, "| Priority | Action | Type | Owner | Due | Ticket |\n| --- | --- | --- | --- | --- | --- |", "| Priority | Action | Owner | Due | Ticket |\n| --- | --- | --- | --- | --- |", 1)
	doc = strings.Replace(doc, "| P0 | Review pool settings with load data | prevent | Ana Souza | 2026-12-04 | OPS-123 |", "| P0 | Review pool settings with load data | Ana Souza | 2026-12-04 | OPS-123 | |", 1)
	doc = strings.Replace(doc, "| P1 | Alert on pool wait above 200 ms | process | Hannah Lee |", "| P1 | Alert on pool wait above 200 ms | Hannah Lee |", 1)
	if o, a, _ := newLinter(t, lint.Options{}).FixSafe("doc.md", []byte(strings.Replace(doc, "OPS-123 | |", "OPS-123 |", 1))); len(a) == 0 {
		t.Fatalf("no fix even without the trailing cell:\n%s", o)
	}
	out, applied, _ := newLinter(t, lint.Options{}).FixSafe("doc.md", []byte(doc))
	added := false
	for _, a := range applied {
		if a.Rule == "action-item" {
			added = true
		}
	}
	if !added || !strings.Contains(string(out), "| Ticket | Type |") {
		t.Errorf("applied %+v\n%s", applied, out)
	}
}

// A status written otherwise than pm writes it ("in review", "reviewed") is a front-matter error
// saying how it is written, with a safe fix that rewrites the value alone, in its quotes.
func TestStatusSpellingFix(t *testing.T) {
	for _, c := range []struct{ written, line, want string }{
		{"in-review", "status: in-review", "status: In Review"},
		{"in review", `status: "in review"`, `status: "In Review"`},
		{"reviewed", "status: 'reviewed'", "status: 'Reviewed'"},
		{"CLOSED", "status: CLOSED  # done", "status: Closed  # done"},
	} {
		doc := strings.Replace(setFront(t, baseDoc(t), "status", "Reviewed"), "status: Reviewed", c.line, 1)
		for _, crlf := range []bool{false, true} {
			src := doc
			if crlf {
				src = strings.ReplaceAll(doc, "\n", "\r\n")
			}
			l := newLinter(t, lint.Options{Fixes: true})
			var fm []lint.Finding
			for _, f := range l.Lint("doc.md", []byte(src)) {
				if f.Rule == "front-matter" {
					fm = append(fm, f)
				}
			}
			if len(fm) != 1 || !strings.Contains(fm[0].Message, "is written") || len(fm[0].Fixes) != 1 || !fm[0].Fixes[0].Safe {
				t.Fatalf("%s (CRLF %v): %+v", c.line, crlf, fm)
			}
			out, applied, _ := l.FixSafe("doc.md", []byte(src))
			want := strings.Replace(src, c.line, c.want, 1)
			if len(applied) == 0 || string(out) != want {
				t.Errorf("%s (CRLF %v): applied %+v\n%s", c.line, crlf, applied, out)
			}
		}
	}
	// a value that is no status gets no fix
	doc := setFront(t, baseDoc(t), "status", "Shipped")
	for _, f := range newLinter(t, lint.Options{Fixes: true}).Lint("doc.md", []byte(doc)) {
		if f.Rule == "front-matter" && len(f.Fixes) > 0 {
			t.Errorf("a fix for %q: %+v", f.Message, f.Fixes)
		}
	}
}

// A severity typed otherwise than pm writes it, full width as a Japanese input method types it
// (SEV１, ＳＥＶ－２) or "sev1", is read as the severity it names, a front-matter error saying how it
// is written, with a safe fix; a bare number says no scale and is no severity.
func TestSeveritySpellingFix(t *testing.T) {
	for _, c := range []struct{ line, want, sev string }{
		{"severity: SEV１", "severity: SEV-1", "SEV-1"},
		{"severity: ＳＥＶ－２", "severity: SEV-2", "SEV-2"},
		{`severity: "sev3"`, `severity: "SEV-3"`, "SEV-3"},
	} {
		doc := strings.Replace(setFront(t, baseDoc(t), "severity", "SEV-1"), "severity: SEV-1", c.line, 1)
		if d := postmortem.Parse("doc.md", []byte(doc), time.UTC); d.Fields.Severity != c.sev || d.Unreadable("severity") {
			t.Errorf("%s: read as %q", c.line, d.Fields.Severity)
		}
		l := newLinter(t, lint.Options{Fixes: true})
		var fm []lint.Finding
		for _, f := range l.Lint("doc.md", []byte(doc)) {
			if f.Rule == "front-matter" {
				fm = append(fm, f)
			}
		}
		if len(fm) != 1 || !strings.Contains(fm[0].Message, "is written") || len(fm[0].Fixes) != 1 || !fm[0].Fixes[0].Safe {
			t.Fatalf("%s: %+v", c.line, fm)
		}
		out, _, _ := l.FixSafe("doc.md", []byte(doc))
		if want := strings.Replace(doc, c.line, c.want, 1); string(out) != want {
			t.Errorf("%s: fixed\n%s", c.line, out)
		}
	}
	doc := strings.Replace(setFront(t, baseDoc(t), "severity", "SEV-1"), "severity: SEV-1", "severity: 1", 1)
	if d := postmortem.Parse("doc.md", []byte(doc), time.UTC); d.Fields.Severity != "" || !d.Unreadable("severity") {
		t.Errorf("a bare 1 is read as %q", d.Fields.Severity)
	}
}

// An incident date written as a Japanese team writes a day (2026/11/20, 2026年11月20日, full width),
// as pm new --date takes it, is read as that date, a front-matter error saying how it is written,
// with a safe fix; a day it cannot be stays unread.
func TestIncidentDateSpellingFix(t *testing.T) {
	doc0 := baseDoc(t)
	i := strings.Index(doc0, "incident_date: ")
	line := doc0[i : i+strings.IndexByte(doc0[i:], '\n')]
	iso := strings.TrimSpace(strings.TrimPrefix(line, "incident_date:"))
	y, m, d := iso[:4], strings.TrimLeft(iso[5:7], "0"), strings.TrimLeft(iso[8:10], "0")
	day, _ := time.Parse("2006-01-02", iso)
	wide := strings.Map(func(r rune) rune { return r - '0' + '０' }, strings.ReplaceAll(iso, "-", "")) // ２０２６１１２０
	wide = wide[:3*4] + "－" + wide[3*4:3*6] + "－" + wide[3*6:]                                        // ２０２６－１１－２０
	for _, written := range []string{
		y + "/" + iso[5:7] + "/" + iso[8:10], y + "年" + m + "月" + d + "日",
		// as a Due cell and pm new --date read a day: full-width ISO, a weekday in brackets
		wide, iso + " (" + day.Weekday().String()[:3] + ")",
	} {
		doc := strings.Replace(doc0, line, "incident_date: "+written, 1)
		if dd := postmortem.Parse("doc.md", []byte(doc), time.UTC); dd.Fields.IncidentDate.Format("2006-01-02") != iso || dd.Unreadable("incident_date") {
			t.Errorf("%s: read as %v", written, dd.Fields.IncidentDate)
		}
		l := newLinter(t, lint.Options{Fixes: true})
		var fm []lint.Finding
		for _, f := range l.Lint("doc.md", []byte(doc)) {
			if f.Rule == "front-matter" {
				fm = append(fm, f)
			}
		}
		if len(fm) != 1 || !strings.Contains(fm[0].Message, "is written") || len(fm[0].Fixes) != 1 || !fm[0].Fixes[0].Safe {
			t.Fatalf("%s: %+v", written, fm)
		}
		// written as a string YAML reads back as itself (a plain 2026-11-20 would be a YAML date)
		if out, _, _ := l.FixSafe("doc.md", []byte(doc)); string(out) != strings.Replace(doc0, line, `incident_date: "`+iso+`"`, 1) {
			t.Errorf("%s: fixed\n%s", written, out)
		}
	}
	// a weekday that is not the date's: read as the date, as a Due cell is, but no fix drops it (one
	// of the two is a typo)
	wrong := iso + " (" + day.AddDate(0, 0, 1).Weekday().String()[:3] + ")"
	l := newLinter(t, lint.Options{Fixes: true})
	said := 0
	for _, f := range l.Lint("doc.md", []byte(strings.Replace(doc0, line, "incident_date: "+wrong, 1))) {
		if f.Rule == "front-matter" {
			said++
			if !strings.Contains(f.Message, "mistyped") || len(f.Fixes) != 0 {
				t.Errorf("%s: %+v", wrong, f)
			}
		}
	}
	if said != 1 {
		t.Errorf("%s: %d front-matter findings, want 1", wrong, said)
	}
	doc := strings.Replace(doc0, line, "incident_date: 2026/02/30", 1)
	if dd := postmortem.Parse("doc.md", []byte(doc), time.UTC); !dd.Fields.IncidentDate.IsZero() || !dd.Unreadable("incident_date") {
		t.Errorf("2026/02/30 is read as %v", dd.Fields.IncidentDate)
	}
}

// The verb form of a Japanese banned word is suggested whole, as Japanese says it with the suggested
// noun: the particle before it fits a second subject (決済が停止 → 決済でインシデントが発生, not
// "決済がインシデントが発生"), a passive or causative ending becomes the plain one (発生 takes neither),
// and the humble and polite endings stay. The editor's replacement writes the same sentence.
func TestBannedWordJapaneseVerbForms(t *testing.T) {
	for _, c := range []struct{ sentence, want, fixed string }{
		{"決済が停止しておりました。", `"…でインシデントが発生しておりました"`, "決済でインシデントが発生しておりました。"},
		{"決済が停止されました。", `"…でインシデントが発生しました"`, "決済でインシデントが発生しました。"},
		{"決済を停止させました。", `"…でインシデントが発生しました"`, "決済でインシデントが発生しました。"},
		{"決済が停止させられました。", `"…でインシデントが発生しました"`, "決済でインシデントが発生しました。"},
		{"決済が停止されず、", `"…でインシデントが発生せず"`, "決済でインシデントが発生せず、"},
		{"決済は停止されることがあります。", `"…ではインシデントが発生することがあります"`, "決済ではインシデントが発生することがあります。"},
		{"決済では停止しました。", `"インシデントが発生しました"`, "決済ではインシデントが発生しました。"},
		{"決済を停止いたしました。", `"…でインシデントが発生いたしました"`, "決済でインシデントが発生いたしました。"},
		{"決済が停止しませんでした。", `"…でインシデントが発生しませんでした"`, "決済でインシデントが発生しませんでした。"},
		{"停止しました。", `"インシデントが発生しました"`, "インシデントが発生しました。"},
		// させていただく, the humble causative, says the writer stopped it: 発生 is nobody's doing, so
		// it is the humble or plain ending, and 〜ていただく, which 発生 cannot take, goes
		{"決済サービスを停止させていただきました。", `"…でインシデントが発生いたしました"`, "決済サービスでインシデントが発生いたしました。"},
		{"決済を停止させていただいております。", `"…でインシデントが発生しております"`, "決済でインシデントが発生しております。"},
		{"決済を停止させていただいて、", `"…でインシデントが発生して"`, "決済でインシデントが発生して、"},
		{"決済を停止させていただきます。", `"…でインシデントが発生いたします"`, "決済でインシデントが発生いたします。"},
		{"決済を停止させていただく場合があります。", `"…でインシデントが発生する"`, "決済でインシデントが発生する場合があります。"},
		{"決済を停止させて頂きました。", `"…でインシデントが発生いたしました"`, "決済でインシデントが発生いたしました。"},
		// せざるを得ない: had to stop it; said whole (得 included), as what happened
		{"決済を停止せざるを得ませんでした。", `"…でインシデントが発生しました"`, "決済でインシデントが発生しました。"},
		{"決済を停止せざるをえませんでした。", `"…でインシデントが発生しました"`, "決済でインシデントが発生しました。"},
		{"決済を停止せざるを得なかったため、", `"…でインシデントが発生したため"`, "決済でインシデントが発生したため、"},
		{"決済を停止せざるを得なくなりました。", `"…でインシデントが発生しました"`, "決済でインシデントが発生しました。"},
		{"決済を停止せざるを得ない状況です。", `"…でインシデントが発生する"`, "決済でインシデントが発生する状況です。"},
		// markup between: the message says the sentence; the replacement takes the word alone
		{"決済が**停止**されました。", `"…でインシデントが発生しました"`, "決済が**インシデントが発生**されました。"},
		{"サービスの停止について", `"インシデント" または "サービス劣化" と書いてください`, "サービスのインシデントについて"},
	} {
		src, err := os.ReadFile(filepath.Join(fixtureRoot, "banned-word/bad-ja.md"))
		if err != nil {
			t.Fatal(err)
		}
		doc := []byte(strings.Replace(string(src), "注文確定のサービスが停止しました。", c.sentence, 1))
		var msgs []string
		var fixes []lint.Fix
		for _, f := range newLinter(t, lint.Options{Lang: i18n.JA, Fixes: true}).Lint("doc.md", doc) {
			if f.Rule == "banned-word" {
				msgs = append(msgs, f.Message)
				fixes = append(fixes, f.Fixes...)
			}
		}
		if len(msgs) != 1 || !strings.Contains(msgs[0], c.want) {
			t.Errorf("%s: %q, want %s", c.sentence, msgs, c.want)
		}
		if len(fixes) == 0 {
			t.Errorf("%s: no fix", c.sentence)
			continue
		}
		out, err := lint.ApplyEdits(doc, fixes[0].Edits)
		if err != nil || !bytes.Contains(out, []byte(c.fixed)) {
			t.Errorf("%s: the first fix (%q) gives no %q (%v)", c.sentence, fixes[0].Title, c.fixed, err)
		}
	}
}

// A banned word after "a" or "an" is replaced with the article made to fit the replacement, in the
// article's case: "an outage" becomes "an incident" or "a service degradation", never "an service
// degradation"; an article that fits stays as it is, and a word that merely ends in a ("data") is
// no article.
func TestBannedWordFixArticle(t *testing.T) {
	for _, c := range []struct{ sentence, fixed1, fixed2 string }{
		{"We had an outage.", "We had an incident.", "We had a service degradation."},
		{"An outage began.", "An incident began.", "A service degradation began."},
		{"AN outage began.", "AN incident began.", "A service degradation began."},
		{"A outage began.", "An incident began.", "A service degradation began."},
		{"We had a outage.", "We had an incident.", "We had a service degradation."},
		{"We had an\noutage.", "We had an\nincident.", "We had a\nservice degradation."},
		{"A data outage.", "A data incident.", "A data service degradation."},
	} {
		doc := []byte(edit(t, baseDoc(t), "some checkout attempts failed.", "some checkout attempts failed. "+c.sentence))
		var fixes []lint.Fix
		l := newLinter(t, lint.Options{Fixes: true})
		for _, f := range l.Lint("doc.md", doc) {
			if f.Rule == "banned-word" {
				fixes = append(fixes, f.Fixes...)
				for _, fx := range f.Fixes {
					checkFix(t, l, doc, f, fx)
				}
			}
		}
		if len(fixes) != 2 {
			t.Errorf("%q: %d fixes, want 2", c.sentence, len(fixes))
			continue
		}
		for i, want := range []string{c.fixed1, c.fixed2} {
			out, err := lint.ApplyEdits(doc, fixes[i].Edits)
			if err != nil || !bytes.Contains(out, []byte(want)) {
				t.Errorf("%q: fix %q gives no %q (%v)", c.sentence, fixes[i].Title, want, err)
			}
			if strings.Contains(fixes[i].Title, "\n") {
				t.Errorf("%q: a title on two lines: %q", c.sentence, fixes[i].Title)
			}
		}
	}
}

// 一時停止 is a pause, not the banned 停止 (an outage): no finding, and no fix making it
// "一時インシデントが発生"; 停止 elsewhere in the same sentence still is one.
func TestBannedWordCompoundsThatAreNotTheWord(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(fixtureRoot, "banned-word/bad-ja.md"))
	if err != nil {
		t.Fatal(err)
	}
	for sentence, want := range map[string]int{"決済を一時停止しました。": 0, "決済を一時\n停止しました。": 0, "一時停止の後、決済が停止しました。": 1} {
		doc := []byte(strings.Replace(string(src), "注文確定のサービスが停止しました。", sentence, 1))
		n := 0
		for _, f := range newLinter(t, lint.Options{Lang: i18n.JA, Fixes: true}).Lint("doc.md", doc) {
			if f.Rule == "banned-word" {
				n++
			}
		}
		if n != want {
			t.Errorf("%q: %d banned-word findings, want %d", sentence, n, want)
		}
	}
}

// The responders fix fills a label written with a note before its colon ("Incident Commander (IC):"),
// and offers nothing where the label says nobody ("Incident Commander: n/a"): a second line would
// contradict it.
func TestResponderFixLabelForms(t *testing.T) {
	for _, c := range []struct{ line, want string }{
		{"- Incident Commander (IC):", "- Incident Commander (IC): Daniel Okafor"},
		{"- インシデントコマンダー（IC）：", "- インシデントコマンダー（IC）：Daniel Okafor"}, // no space after a full-width colon
		// a full-width space left after the label, as a Japanese keyboard types it, names nobody
		{"- インシデントコマンダー：\u3000", "- インシデントコマンダー：Daniel Okafor"},
		{"- Incident Commander: \u3000 ", "- Incident Commander: Daniel Okafor"},
		{"- Incident Commander: n/a", ""},
		{"- Incident Commander: none", ""},
	} {
		doc := strings.Replace(baseDoc(t), "- Incident Commander: Daniel Okafor", c.line, 1)
		out, applied, _ := newLinter(t, lint.Options{}).FixSafe("doc.md", []byte(doc))
		fixed := false
		for _, a := range applied {
			fixed = fixed || a.Rule == "responders"
		}
		switch {
		case c.want == "" && (fixed || string(out) != doc):
			t.Errorf("%s: a fix was applied:\n%s", c.line, out)
		case c.want != "" && (!fixed || !strings.Contains(string(out), c.want+"\n") || strings.Count(string(out), "Daniel Okafor") != 2):
			t.Errorf("%s: applied %+v\n%s", c.line, applied, out)
		}
	}
}

// The responders fix writes its label as the list writes them: a full-width colon in a list that
// uses one.
func TestResponderFixColonStyle(t *testing.T) {
	doc := strings.Replace(baseDoc(t), "- Incident Commander: Daniel Okafor\n- Scribe: Hannah Lee\n", "- インシデントコマンダー：森 健\n", 1)
	out, applied, _ := newLinter(t, lint.Options{}).FixSafe("doc.md", []byte(doc))
	if len(applied) == 0 || !strings.Contains(string(out), "- インシデントコマンダー：森 健\n- Scribe：TBD\n") {
		t.Errorf("applied %+v\n%s", applied, out)
	}
}

// A required section is never inserted right where a heading starting with its name stands ("##
// Root Cause Investigation", "## 根本原因の調査"): the finding stays, with no fix, since the writer
// most likely meant that heading, and a second, empty section above or below it helps nobody.
func TestNoSectionInsertedBesideItsNamesake(t *testing.T) {
	l := newLinter(t, lint.Options{Fixes: true})
	for heading, missing := range map[string]string{
		"## Root Cause Investigation":  "Root Cause",
		"## Root-Cause Notes":          "Root Cause",
		"## 根本原因の調査":                   "Root Cause",
		"## Timeline Notes":            "Timeline",
		"### Root Cause Investigation": "Root Cause", // a subsection of What Happened: the section would follow it
	} {
		doc := strings.Replace(baseDoc(t), "\n## Root Cause\n", "\n"+heading+"\n", 1)
		if missing == "Timeline" {
			doc = strings.Replace(baseDoc(t), "\n## Timeline\n", "\n"+heading+"\n", 1)
		}
		var found bool
		for _, f := range l.Lint("doc.md", []byte(doc)) {
			if f.Rule != "required-section" {
				continue
			}
			found = found || strings.Contains(f.Message, missing)
			if len(f.Fixes) > 0 {
				t.Errorf("%s: a fix inserts the section beside it: %+v", heading, f.Fixes)
			}
		}
		if !found {
			t.Errorf("%s: no required-section finding for %s", heading, missing)
		}
	}
	// a heading that only begins with the letters is no namesake: the section is inserted
	doc := strings.Replace(baseDoc(t), "\n## Impact\n", "\n## Impacted Teams\n", 1)
	fixed := 0
	for _, f := range l.Lint("doc.md", []byte(doc)) {
		if f.Rule == "required-section" {
			fixed += len(f.Fixes)
		}
	}
	if fixed != 1 {
		t.Errorf("Impacted Teams: %d fixes, want 1", fixed)
	}
}
