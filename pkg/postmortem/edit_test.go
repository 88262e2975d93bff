package postmortem

import (
	"strings"
	"testing"
)

// diffLines returns the lines of b that are not at the same place in a, assuming only insertions/replacements.
func changedLines(a, b string) (removed, added []string) {
	al, bl := strings.SplitAfter(a, "\n"), strings.SplitAfter(b, "\n")
	i := 0
	for i < len(al) && i < len(bl) && al[i] == bl[i] {
		i++
	}
	j, k := len(al)-1, len(bl)-1
	for j >= i && k >= i && al[j] == bl[k] {
		j--
		k--
	}
	return al[i : j+1], bl[i : k+1]
}

func TestSetFieldChangesOneLine(t *testing.T) {
	cases := []struct {
		key, value, wantLine string
	}{
		{"status", "In Review", "status: In Review\n"},
		{"title", "New title", "title: \"New title\"   # quoted on purpose\n"},
		{"meeting", "2026-11-26T10:00:00+09:00", "meeting: \"2026-11-26T10:00:00+09:00\"\n"},
		{"call_recording", "https://rec.example.com/1", "call_recording: https://rec.example.com/1\n"},
		{"severity", "SEV-2", "severity: SEV-2\n"},
	}
	for _, c := range cases {
		out, err := SetField("a.md", []byte(sample), c.key, c.value)
		if err != nil {
			t.Fatalf("%s: %v", c.key, err)
		}
		removed, added := changedLines(sample, string(out))
		if len(removed) != 1 || len(added) != 1 || added[0] != c.wantLine {
			t.Errorf("%s: removed %q added %q, want one line %q", c.key, removed, added, c.wantLine)
		}
		d := Parse("a.md", out, nil)
		if len(d.Problems) != 0 {
			t.Errorf("%s: problems after edit: %+v", c.key, d.Problems)
		}
	}
}

func TestSetFieldKeepsCRLFBOMAndComments(t *testing.T) {
	src := "\ufeff---\r\ntitle: x\r\nseverity: SEV-1\r\nstatus: Draft # moved by pm\r\nowner: a\r\nincident_date: 2026-01-01\r\n---\r\n\r\n# x\r\n"
	out, err := SetField("a.md", []byte(src), "status", "Closed")
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(src, "status: Draft # moved", "status: Closed # moved", 1)
	if string(out) != want {
		t.Errorf("got %q\nwant %q", out, want)
	}
}

func TestSetFieldAddsMissingKey(t *testing.T) {
	src := "---\ntitle: x\n---\nbody\n"
	out, err := SetField("a.md", []byte(src), "meeting", "2026-11-26T10:00:00Z")
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != "---\ntitle: x\nmeeting: 2026-11-26T10:00:00Z\n---\nbody\n" {
		t.Errorf("got %q", out)
	}
}

func TestSetFieldRefusesMultiLine(t *testing.T) {
	src := "---\ntitle: |\n  two\n  lines\nstatus: Draft\n---\n"
	if _, err := SetField("a.md", []byte(src), "title", "x"); err == nil {
		t.Error("want an error for a block scalar")
	}
	if _, err := SetField("a.md", []byte("no front matter\n"), "status", "Draft"); err == nil {
		t.Error("want an error without front matter")
	}
}

func TestAppendHistory(t *testing.T) {
	e := HistoryEntry{Status: "In Review", At: "2026-11-21T09:00:00Z", By: "Alice Smith"}
	out, err := AppendHistory("a.md", []byte(sample), e)
	if err != nil {
		t.Fatal(err)
	}
	removed, added := changedLines(sample, string(out))
	want := []string{"  - status: In Review\n", "    at: 2026-11-21T09:00:00Z\n", "    by: Alice Smith\n"}
	if len(removed) != 0 || strings.Join(added, "") != strings.Join(want, "") {
		t.Errorf("removed %q added %q", removed, added)
	}
	d := Parse("a.md", out, nil)
	if h := d.Fields.StatusHistory; len(h) != 2 || h[1].Status != "In Review" || h[1].By != "Alice Smith" {
		t.Errorf("history after append: %+v", h)
	}
}

func TestAppendHistoryCreatesOrFillsKey(t *testing.T) {
	e := HistoryEntry{Status: "Reviewed", At: "2026-11-21T09:00:00Z", By: "a", Forced: true}
	for name, src := range map[string]string{
		"missing": "---\ntitle: x\n---\nbody\n",
		"empty":   "---\ntitle: x\nstatus_history: []\nowner: a\n---\nbody\n",
		"null":    "---\ntitle: x\nstatus_history:\nowner: a\n---\nbody\n",
	} {
		out, err := AppendHistory("a.md", []byte(src), e)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		d := Parse("a.md", out, nil)
		if h := d.Fields.StatusHistory; len(h) != 1 || h[0].Status != "Reviewed" || !h[0].Forced {
			t.Errorf("%s: history %+v in %q", name, h, out)
		}
		if !strings.HasSuffix(string(out), "---\nbody\n") || !strings.HasPrefix(string(out), "---\ntitle: x\n") {
			t.Errorf("%s: surroundings changed: %q", name, out)
		}
	}
}

func TestAppendHistoryIndentedStyle(t *testing.T) {
	src := "---\ntitle: x\nstatus_history:\n- status: Draft\n  at: 2026-01-01T00:00:00Z\n  by: a\n# trailing comment\nowner: a\n---\n"
	out, err := AppendHistory("a.md", []byte(src), HistoryEntry{Status: "In Review", At: "t", By: "b"})
	if err != nil {
		t.Fatal(err)
	}
	want := "---\ntitle: x\nstatus_history:\n- status: Draft\n  at: 2026-01-01T00:00:00Z\n  by: a\n- status: In Review\n  at: t\n  by: b\n# trailing comment\nowner: a\n---\n"
	if string(out) != want {
		t.Errorf("got %q\nwant %q", out, want)
	}
}

// An item added to a flow list is quoted when a plain one would end at a comma or a bracket.
func TestAddToFlowListQuotes(t *testing.T) {
	src := []byte("---\ntitle: x\nrelated: [a]\n---\n\nbody\n")
	for _, v := range []string{"we,ird", "b]c", "x: y", "{z}", "h#1"} {
		out, added, err := AddToList("a.md", src, "related", v)
		if err != nil || !added {
			t.Errorf("%q: %v", v, err)
			continue
		}
		if got := Parse("a.md", out, nil).Fields.List("related"); len(got) != 2 || got[1] != v {
			t.Errorf("%q: read back %q from\n%s", v, got, out)
		}
	}
}

// status_history written as a one-line flow list, or with its keys further from the dash, gets the
// entry in the same style.
func TestAppendHistoryKeepsTheListsStyle(t *testing.T) {
	e := HistoryEntry{Status: "In Review", At: "2026-11-21T09:00:00+09:00", By: "Mori, Ken", Forced: true}
	for name, c := range map[string]struct{ src, want string }{
		"flow": {
			"---\ntitle: x\nstatus_history: [{status: Draft, at: t, by: a}]  # moves\n---\n",
			"---\ntitle: x\nstatus_history: [{status: Draft, at: t, by: a}, {status: In Review, at: \"2026-11-21T09:00:00+09:00\", by: \"Mori, Ken\", forced: true}]  # moves\n---\n",
		},
		"wide dash": {
			"---\ntitle: x\nstatus_history:\n  -   status: Draft\n      at: t\n      by: a\n---\n",
			"---\ntitle: x\nstatus_history:\n  -   status: Draft\n      at: t\n      by: a\n  -   status: In Review\n      at: 2026-11-21T09:00:00+09:00\n      by: Mori, Ken\n      forced: true\n---\n",
		},
		// a block list of one-line flow mappings gets one more such line, not a block mapping
		// indented to the column of the braces' first key ("-  status:")
		"block of flow items": {
			"---\ntitle: x\nstatus_history:\n  - {status: Draft, at: t, by: a}\n  - {status: Draft, at: t, by: a}  # again\n---\n",
			"---\ntitle: x\nstatus_history:\n  - {status: Draft, at: t, by: a}\n  - {status: Draft, at: t, by: a}  # again\n  - {status: In Review, at: \"2026-11-21T09:00:00+09:00\", by: \"Mori, Ken\", forced: true}\n---\n",
		},
	} {
		out, err := AppendHistory("a.md", []byte(c.src), e)
		if err != nil || string(out) != c.want {
			t.Errorf("%s: %v\n%s", name, err, out)
		}
	}
}

// A quote inside a plain scalar (a name such as O'Brien, which pm itself writes unquoted) opens no
// quoted scalar: a one-line flow status_history holding one still gets the next entry, and a flow
// list whose last item is quoted and holds a bracket gets the new item after its closing bracket.
func TestFlowListsWithQuotesInside(t *testing.T) {
	e := HistoryEntry{Status: "Draft", At: "2026-11-22T09:00:00+09:00", By: "Sean O'Brien"}
	src := "---\ntitle: x\nstatus_history: [{status: Draft, at: t, by: a}, {status: In Review, at: u, by: Sean O'Brien}]  # it's\n---\n"
	want := "---\ntitle: x\nstatus_history: [{status: Draft, at: t, by: a}, {status: In Review, at: u, by: Sean O'Brien}, {status: Draft, at: \"2026-11-22T09:00:00+09:00\", by: Sean O'Brien}]  # it's\n---\n"
	if out, err := AppendHistory("a.md", []byte(src), e); err != nil || string(out) != want {
		t.Errorf("history: %v\n%s", err, out)
	}
	for _, c := range []struct{ src, want string }{
		{"---\nrelated: [x, \"y]z\"]\n---\n", "---\nrelated: [x, \"y]z\", b]\n---\n"},
		{"---\nrelated: ['a]', x]  # [c]\n---\n", "---\nrelated: ['a]', x, b]  # [c]\n---\n"},
		{"---\nrelated: [it's, 'y]''z']\n---\n", "---\nrelated: [it's, 'y]''z', b]\n---\n"},
	} {
		out, added, err := AddToList("a.md", []byte(c.src), "related", "b")
		if err != nil || !added || string(out) != c.want {
			t.Errorf("%q: %v\n%s", c.src, err, out)
		}
	}
}

// The last entry of a block status_history (or the last item of a block list) whose value goes on
// over several lines (a folded or literal block, a quoted or plain scalar broken across lines) gets
// the new entry after those lines, not inside the value.
func TestAppendAfterAValueOverSeveralLines(t *testing.T) {
	e := HistoryEntry{Status: "In Review", At: "2026-11-21T09:00:00+09:00", By: "Ken"}
	entry := "  - status: In Review\n    at: 2026-11-21T09:00:00+09:00\n    by: Ken\n"
	for name, last := range map[string]string{
		"folded":  "    by: >-\n      Aiko\n      Sato\n",
		"literal": "    by: |\n      Aiko\n\n      Sato\n",
		"quoted":  "    by: \"Aiko\n      Sato\"\n",
		"plain":   "    by: Aiko\n      Sato\n",
	} {
		head := "---\ntitle: x\nstatus_history:\n  - status: Draft\n    at: t\n" + last
		for _, tail := range []string{"---\n", "\n# moves above\nowner: a\n---\n"} {
			out, err := AppendHistory("a.md", []byte(head+tail), e)
			if want := head + entry + tail; err != nil || string(out) != want {
				t.Errorf("%s: %v\n%s", name, err, out)
			}
		}
	}
	src := "---\nrelated:\n  - a\n  - \"b\n    c\"\n# end\n---\n"
	out, added, err := AddToList("a.md", []byte(src), "related", "d")
	if want := "---\nrelated:\n  - a\n  - \"b\n    c\"\n  - d\n# end\n---\n"; err != nil || !added || string(out) != want {
		t.Errorf("related: %v\n%s", err, out)
	}
}

// A value whose anchor another key names by an alias (x_meeting: *m) is not edited: the alias would
// change with it, and pm changes one key only. An anchor no alias names is kept, as before.
func TestEditRefusesAValueAnAliasRepeats(t *testing.T) {
	src := "---\nstatus: &s Draft\nmeeting: &m \"\"\nx_meeting: *m\nx:\n  - {was: *s}\nstatus_history: &h\n  - status: Draft\nx_history: *h\nrelated: &r []\nx_related: [*r]\n---\n"
	if out, err := SetField("a.md", []byte(src), "meeting", "2026-11-24T15:00:00Z"); err == nil || !strings.Contains(err.Error(), "editing meeting would change x_meeting") {
		t.Errorf("meeting: %v\n%s", err, out)
	}
	if out, err := SetField("a.md", []byte(src), "status", "In Review"); err == nil || !strings.Contains(err.Error(), "editing status would change x") {
		t.Errorf("status: %v\n%s", err, out)
	}
	if out, err := AppendHistory("a.md", []byte(src), HistoryEntry{Status: "In Review", At: "t", By: "b"}); err == nil || !strings.Contains(err.Error(), "editing status_history would change x_history") {
		t.Errorf("status_history: %v\n%s", err, out)
	}
	if out, _, err := AddToList("a.md", []byte(src), "related", "b"); err == nil || !strings.Contains(err.Error(), "editing related would change x_related") {
		t.Errorf("related: %v\n%s", err, out)
	}
	lone := "---\nstatus: &s Draft\nmeeting: &m \"\"\n---\n"
	if out, err := SetField("a.md", []byte(lone), "meeting", "2026-11-24T15:00:00Z"); err != nil || string(out) != strings.Replace(lone, `""`, `"2026-11-24T15:00:00Z"`, 1) {
		t.Errorf("lone anchor: %v\n%s", err, out)
	}
}

// An anchor or a tag before a list (status_history: &h, related: !!seq, related: &r []) stays, and
// the list gets its entry at its own dash's column, as without one.
func TestAppendKeepsAnAnchorOrTagBeforeAList(t *testing.T) {
	e := HistoryEntry{Status: "In Review", At: "t", By: "b"}
	for _, prop := range []string{"&h", "!!seq", "&h !!seq"} {
		src := "---\nstatus_history: " + prop + "  # moves\n  - status: Draft\n    at: s\n    by: a\nowner: a\n---\n"
		want := strings.Replace(src, "owner:", "  - status: In Review\n    at: t\n    by: b\nowner:", 1)
		if out, err := AppendHistory("a.md", []byte(src), e); err != nil || string(out) != want {
			t.Errorf("status_history %s: %v\n%s", prop, err, out)
		}
		for _, c := range []struct{ src, want string }{
			{"---\nrelated: " + prop + "\n  - a\nowner: a\n---\n", "---\nrelated: " + prop + "\n  - a\n  - b\nowner: a\n---\n"},
			{"---\nrelated: " + prop + " []  # ids\nowner: a\n---\n", "---\nrelated: " + prop + "   # ids\n  - b\nowner: a\n---\n"},
			{"---\nrelated: " + prop + " []\nowner: a\n---\n", "---\nrelated: " + prop + "\n  - b\nowner: a\n---\n"},
		} {
			if out, _, err := AddToList("a.md", []byte(c.src), "related", "b"); err != nil || string(out) != c.want {
				t.Errorf("%q: %v\n%s", c.src, err, out)
			}
		}
	}
}

// A one-line flow list ending in a comma ([a, ], as YAML allows) gets the new item after that comma,
// with one of its own, rather than a second comma that would break the list.
func TestFlowListWithATrailingComma(t *testing.T) {
	for src, want := range map[string]string{
		"---\nrelated: [a, ]\n---\n":     "---\nrelated: [a, b, ]\n---\n",
		"---\nrelated: [a,]  # x\n---\n": "---\nrelated: [a, b,]  # x\n---\n",
	} {
		if out, added, err := AddToList("a.md", []byte(src), "related", "b"); err != nil || !added || string(out) != want {
			t.Errorf("%q: %v\n%s", src, err, out)
		}
	}
	src := "---\nstatus_history: [{status: Draft, at: s, by: a},\t]\n---\n"
	want := "---\nstatus_history: [{status: Draft, at: s, by: a}, {status: In Review, at: t, by: b},\t]\n---\n"
	if out, err := AppendHistory("a.md", []byte(src), HistoryEntry{Status: "In Review", At: "t", By: "b"}); err != nil || string(out) != want {
		t.Errorf("history: %v\n%s", err, out)
	}
}
