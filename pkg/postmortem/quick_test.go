package postmortem

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/pm-tools/pm/templates"
)

// sameTree compares two node trees in every field pm reads, ignoring comments.
func sameTree(a, b *yaml.Node, path string) error {
	if a.Kind != b.Kind || a.Tag != b.Tag || a.Style != b.Style || a.Value != b.Value ||
		a.Line != b.Line || a.Column != b.Column || a.Anchor != b.Anchor || (a.Alias == nil) != (b.Alias == nil) ||
		len(a.Content) != len(b.Content) {
		return fmt.Errorf("%s: quick {kind %d tag %q style %d value %q at %d:%d, %d children} != yaml.v3 {kind %d tag %q style %d value %q at %d:%d, %d children}",
			path, a.Kind, a.Tag, a.Style, a.Value, a.Line, a.Column, len(a.Content),
			b.Kind, b.Tag, b.Style, b.Value, b.Line, b.Column, len(b.Content))
	}
	for i := range a.Content {
		if err := sameTree(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", path, i)); err != nil {
			return err
		}
	}
	return nil
}

// checkQuick fails when the quick path gives a tree yaml.v3 would not. It returns whether the quick
// path took the block.
func checkQuick(t *testing.T, raw []byte) bool {
	t.Helper()
	quick := quickFront(raw)
	if quick == nil {
		return false
	}
	var full yaml.Node
	if err := decodeOne(raw, &full); err != nil {
		t.Fatalf("quick path accepted a block yaml.v3 rejects (%v):\n%s", err, raw)
	}
	if err := sameTree(quick, &full, "doc"); err != nil {
		t.Fatalf("%v\nblock:\n%s", err, raw)
	}
	return true
}

// quickSeeds are front matter blocks at the edges of the quick path, each on either side of them.
var quickSeeds = []string{
	"title: Checkout latency\nseverity: SEV-1\nstatus: Draft\n",
	"title: \"Checkout: latency\"\nowner: 'Aiko Sato'\nmeeting: \"\"\n",
	"title: 決済の遅延\nowner: 佐藤 愛子\nincident_date: 2026-11-20\n",
	"meeting: 2026-11-26T10:00:00+09:00\nat: 2026-1-2 3:4:5\n",
	"external_message: true\nfull_outage: FALSE\nx: ~\ny: null\nz: yes\n",
	"call_recording:\nteam: payments\n",
	"call_recording:\n\nteam: payments\n",
	"call_recording:\n# note\nteam: payments\n",
	"call_recording:\n",
	"status_history:\n  - status: Draft\n    at: 2026-11-20T10:00:00Z\n    by: alice\n  - status: In Review\n    at: 2026-11-21T10:00:00Z\n    by: bob\n    forced: true\ntitle: x\n",
	"status_history:\n- status: Draft\n  at: 2026-11-20T10:00:00Z\n  by: alice\ntitle: x\n",
	"status_history:\n  # first\n  - status: Draft\n\n    by: alice\n",
	"status_history:\n  - status: Draft\n   by: alice\n",
	"status_history:\n  - status: Draft\n      by: alice\n",
	"status_history:\n  - Draft\n",
	"status_history: []\n",
	"services: []\ntags: []   \nrelated: [ ]\n",
	"services: [] # none\n",
	"services:\n  - api\n  - \"billing\"\n  - 'web app'\ntags:\n- db\n",
	"related:\n  - a\n    b\n",
	"related:\n  - a\n  # c\n  - ~\n  - x: y\n",
	"related:\n  - 2026-11-20\n  - 42\n",
	"related:\n  - a: b\n  - c\n",
	"related:\n  - a:b\n  - -c\n",
	"related: [2026-11-20-checkout, 2026-11-01-db, 決済API]\n",
	"related:\n  - 2026-11-20-checkout-latency\n  - 2026-10-02-api\n",
	"tags: [ a ,b c,  d  ]\nservices: [ ]\n",
	"tags: [a,]\n",
	"tags: [a, [b]]\n",
	"tags: [a, \"b\"]\n",
	"tags: [a, b] # c\n",
	"tags: [true, null, 1e3, 0x1f, 12, 2026-11-20, 2026-11-20t1:2:3z]\n",
	"tags: [a: b]\n",
	"tags: [-a]\n",
	"title: 1st incident\ntitle2: 3rd\n",
	"# the owner keeps this block current\n\ntitle: x\n",
	"title: x # comment\n",
	"title: a#b\n",
	"title: a: b\n",
	"title: a:\n",
	"title: 500 errors\n",
	"title: 2026-11-20 outage\n",
	"title: .5\n",
	"title: x\n  continued\n",
	"title: \"a\\\"b\"\n",
	"title: 'it''s'\n",
	"title: \"unclosed\n",
	"title:x\n",
	"title:  spaced   \n",
	"true: x\n",
	"a-b: x\n",
	"title: <<\n",
	"title: yes\n",
	"title: on\n",
	"title: -x\n",
	"title: x\n---\n",
	"title: x\n...\n",
	"",
	"\n\n",
	"# only a comment\n",
}

func TestQuickFrontMatchesYAML(t *testing.T) {
	took := 0
	for _, s := range quickSeeds {
		if checkQuick(t, []byte(s)) {
			took++
		}
	}
	if took < 10 {
		t.Errorf("the quick path took only %d of the %d seeds", took, len(quickSeeds))
	}
}

// TestQuickFrontTakesPMsOwnDocuments makes sure the quick path is not dead code: what pm new writes,
// what pm status appends and the repository's examples all go through it.
func TestQuickFrontTakesPMsOwnDocuments(t *testing.T) {
	var docs [][]byte
	for _, lang := range []string{"en", "ja"} {
		tmpl, err := templates.Postmortem(lang)
		if err != nil {
			t.Fatal(err)
		}
		src, err := Render(lang, tmpl, TemplateData{
			Title: "Checkout: latency «p99»", Severity: "SEV-1", Owner: "Aiko Sato", IncidentCommander: "Bob",
			IncidentDate: "2026-11-20", Created: "2026-11-20T10:00:00Z", Deadline: "2026-11-25",
		})
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, src)
	}
	examples, _ := filepath.Glob("../../testdata/examples/*.md")
	if len(examples) == 0 {
		t.Fatal("no examples in testdata/examples")
	}
	for _, path := range examples {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, src)
	}
	for i, src := range docs {
		d := Parse("x.md", src, time.UTC)
		if d.FrontState != FrontMatterOK {
			t.Fatalf("doc %d: no front matter", i)
		}
		raw := d.Text[d.FrontStart:d.FrontEnd]
		if !checkQuick(t, raw) {
			t.Errorf("doc %d: the quick path declined pm's own front matter:\n%s", i, raw)
		}
		moved, err := AppendHistory("x.md", src, HistoryEntry{Status: "In Review", At: "2026-11-21T10:00:00+09:00", By: "Aiko Sato"})
		if err != nil {
			t.Fatal(err)
		}
		d2 := Parse("x.md", moved, time.UTC)
		if !checkQuick(t, d2.Text[d2.FrontStart:d2.FrontEnd]) {
			t.Errorf("doc %d: the quick path declined the front matter after a status move", i)
		}
	}
}

// FuzzQuickFront holds the quick path to yaml.v3: whatever block it accepts, yaml.v3 must decode to
// the same tree.
func FuzzQuickFront(f *testing.F) {
	for _, s := range quickSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		if bytes.Contains(raw, []byte("\n---")) || strings.HasPrefix(string(raw), "---") {
			return // the front matter block never holds its own closing line
		}
		checkQuick(t, raw)
	})
}

func TestCompactKeepsWhatListingNeeds(t *testing.T) {
	src := []byte("---\ntitle: Checkout\nseverity: SEV-1\nstatus: Draft\nowner: Aiko\nincident_date: 2026-11-20\n---\n# Checkout\n")
	d := Parse("x.md", src, time.UTC)
	if !d.Usable() || d.Root == nil {
		t.Fatal("a well-formed document is not usable")
	}
	fields := d.Fields
	d.Compact()
	if !d.Usable() || d.Src != nil || d.Root != nil || d.Fields.Title != fields.Title || !d.Fields.IncidentDate.Equal(fields.IncidentDate) {
		t.Errorf("after Compact: usable %v, src %d bytes, root %v, fields %+v", d.Usable(), len(d.Src), d.Root != nil, d.Fields)
	}
	for _, bad := range []string{"no front matter\n", "---\ntitle: [\n---\n", "---\n- a list\n---\n"} {
		if d := Parse("x.md", []byte(bad), time.UTC); d.Usable() {
			t.Errorf("%q is usable", bad)
		}
	}
}

// The metadata as people and pm link write it stays on the quick path: ids start with a date.
func TestQuickFrontTakesMetadata(t *testing.T) {
	for _, s := range []string{
		"services: [checkout, payments-api]\ntags: database\nrelated: [2026-11-20-checkout-latency]\n",
		"related:\n  - 2026-10-02-checkout-errors\n  - 2026-11-20-dns\nrecurrence_of: 2026-10-02-checkout-errors\n",
		"tags: [データベース, 設定変更]\ncontributing_factors: []\n",
	} {
		if !checkQuick(t, []byte(s)) {
			t.Errorf("the quick path declined:\n%s", s)
		}
	}
}

// TestPlainDateAsTimeParse: plainDate accepts exactly the YYYY-MM-DD values time.Parse reads with
// the date layout YAML tries last.
func TestPlainDateAsTimeParse(t *testing.T) {
	for _, s := range []string{"2024-01-01", "2024-02-29", "2023-02-29", "1900-02-29", "2000-02-29", "2024-04-31",
		"2024-12-31", "2024-13-01", "2024-00-10", "2024-01-00", "0000-01-01", "9999-12-31", "2024-1-01", "2024-01-1x",
		"202a-01-01", "2024/01/01", "2024-06-30", "2024-06-31", " 2024-01-01", "2024-01-01 "} {
		_, err := time.Parse("2006-1-2", s)
		if got, want := plainDate(s), err == nil && len(s) == 10; got != want {
			t.Errorf("plainDate(%q) = %v, time.Parse says %v", s, got, err)
		}
	}
}

// A flow list's items get the columns yaml.v3 gives them, across multibyte items, and a long one is
// read in one pass (BenchmarkQuickFlowList: its items' columns were counted from the line's start
// each, quadratic: 300,000 tags took minutes).
func TestQuickFlowListColumns(t *testing.T) {
	for _, s := range []string{"tags: [決済, b, ｃ, d]\n", "services: [a,  b,c]\n", "tags: [" + strings.Repeat("tä,", 200) + "z]\n"} {
		if !checkQuick(t, []byte(s)) {
			t.Errorf("%q: not taken by the quick path", s)
		}
	}
}

func BenchmarkQuickFlowList(b *testing.B) {
	var items []string
	for i := range 50000 {
		items = append(items, fmt.Sprintf("t%d", i))
	}
	raw := []byte("tags: [" + strings.Join(items, ", ") + "]\n")
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if quickFront(raw) == nil {
			b.Fatal("not taken")
		}
	}
}
