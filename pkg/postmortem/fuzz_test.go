package postmortem_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/severity"
)

// The fuzz targets below run their seeds with plain `go test`; to search for new failures, run one at a
// time, for example:
//
//	go test -run '^$' -fuzz '^FuzzSetField$' -fuzztime 5m ./pkg/postmortem/
//
// A failure is saved under testdata/fuzz/<target>/; keep it there as a regression seed once it is fixed.

// fuzzDoc is a complete postmortem front matter with the things edits must keep: comments, quoting,
// a null value, an unknown key and a history.
const fuzzDoc = `---
# the owner keeps this block current
title: "Checkout latency"   # quoted on purpose
severity: SEV-1
status: Draft
owner: 'Aiko Sato'
incident_commander: bob
incident_date: 2026-11-20
meeting: ""
external_message: true
full_outage: false
call_recording:
team: payments
status_history:
  - status: Draft
    at: 2026-11-20T10:00:00Z
    by: alice
---

# Checkout latency

## Overview
`

// fuzzDocs are the seed documents of the edit and parse targets: the examples of the repository, the
// document above in its LF, CRLF and BOM forms, and shapes at the edges of what pm edits.
func fuzzDocs(f *testing.F) [][]byte {
	f.Helper()
	docs := [][]byte{
		[]byte(fuzzDoc),
		[]byte(strings.ReplaceAll(fuzzDoc, "\n", "\r\n")),
		[]byte("\uFEFF" + strings.ReplaceAll(fuzzDoc, "\n", "\r\n")),
		[]byte("---\ntitle: x\n---\nbody\n"),
		[]byte("---\n---\n"),
		[]byte("\n\n---\nstatus: Draft # moved by pm\n---\n"),
		[]byte("---\ntitle: |\n  two\n  lines\nstatus: Draft\n---\n"),
		[]byte("---\nstatus_history: []\nowner: a\n---\n"),
		[]byte("---\nstatus_history:\nowner: a\n---\n"),
		[]byte("---\nstatus_history: ~ # none yet\n---\n"),
		[]byte("---\nstatus_history:\n- status: Draft\n  at: t\n  by: a\n# trailing comment\nowner: a\n---\n"),
		[]byte("---\n{title: x, status: Draft}\n---\n"),
		[]byte("---\na: &a Draft\nstatus: *a\n---\n"),
		[]byte("---\nstatus: !!str Draft\nowner: 'it''s me'\ntitle: \"a \\\" b\"\n---\n"),
		[]byte("---\ntitle: 決済の遅延\nowner: 佐藤 美咲\n---\n# 決済\n"),
		[]byte("---\ntitle: x\r\nstatus: Draft\nowner: a\r\n---\r\n"),
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "examples", "*.md"))
	if len(files) == 0 {
		f.Fatal("no seed documents in testdata/examples: the glob matched nothing")
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		docs = append(docs, b)
	}
	return docs
}

// setFieldKeys are the keys FuzzSetField edits: those pm edits, another known one, and an unknown one.
var setFieldKeys = []string{"status", "meeting", "title", "owner", "severity", "call_recording", "team"}

// FuzzSetField edits one key of arbitrary documents. When SetField accepts, the file must read back with
// that key holding the value, every other key as it was, the body and everything around the block
// byte for byte as it was, the BOM and line ends kept, and only one line changed.
func FuzzSetField(f *testing.F) {
	values := []string{"In Review", "2026-11-26T10:00:00+09:00", "New: title # not a comment", "", "null", "it's", "a\nb", "  padded  ", "🔥"}
	for i, doc := range fuzzDocs(f) {
		for j, v := range values {
			if (i+j)%3 == 0 {
				f.Add(doc, uint8(i+j), v)
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, k uint8, value string) {
		key := setFieldKeys[int(k)%len(setFieldKeys)]
		out, err := postmortem.SetField("fuzz.md", src, key, value)
		if err != nil {
			checkErrorLine(t, err)
			return
		}
		a, b := parseEdit(t, src, out)
		ai, bi := firstPair(a.Root, key), firstPair(b.Root, key)
		checkOtherPairs(t, a.Root, b.Root, key, ai)
		if bi < 0 {
			t.Fatalf("%s missing after the edit:\n%q", key, out)
		}
		if v := b.Root.Content[bi+1]; v.Kind != yaml.ScalarNode || v.Value != value {
			t.Errorf("%s reads back as %s, want %q\nbefore: %q\nafter:  %q", key, nodeText(v), value, src, out)
		}
		checkFields(t, a, b, key)
		if bytes.Equal(src, out) {
			return // the key already held the value, written the same way
		}
		removed, added := lineDiff(src, out)
		wantRemoved := 1
		if ai < 0 {
			wantRemoved = 0
		}
		if len(removed) != wantRemoved || len(added) != 1 {
			t.Errorf("edit of %s removed %q and added %q: want %d line(s) replaced by one", key, removed, added, wantRemoved)
		}
	})
}

// FuzzAppendHistory appends an entry to status_history of arbitrary documents. When AppendHistory
// accepts, the history must read back with exactly one more entry, equal to the one appended, the
// entries before it unchanged, and everything else as FuzzSetField requires.
func FuzzAppendHistory(f *testing.F) {
	for i, doc := range fuzzDocs(f) {
		f.Add(doc, "In Review", "2026-11-21T09:00:00+09:00", "Alice Smith", i%2 == 0)
	}
	f.Add([]byte(fuzzDoc), "", "", "", false)
	f.Add([]byte(fuzzDoc), "Closed", "yesterday: 10:00", "#1 fan", true)
	f.Add([]byte(fuzzDoc), "Reviewed", "2026-11-21", "佐藤 'Misaki' \"M\"", false)
	f.Fuzz(func(t *testing.T, src []byte, status, at, by string, forced bool) {
		e := postmortem.HistoryEntry{Status: status, At: at, By: by, Forced: forced}
		out, err := postmortem.AppendHistory("fuzz.md", src, e)
		if err != nil {
			checkErrorLine(t, err)
			return
		}
		const key = "status_history"
		a, b := parseEdit(t, src, out)
		ai, bi := firstPair(a.Root, key), firstPair(b.Root, key)
		checkOtherPairs(t, a.Root, b.Root, key, ai)
		if bi < 0 {
			t.Fatalf("%s missing after the append:\n%q", key, out)
		}
		var before []*yaml.Node
		if ai >= 0 {
			before = a.Root.Content[ai+1].Content // nil for a null value
		}
		after := b.Root.Content[bi+1]
		if after.Kind != yaml.SequenceNode || len(after.Content) != len(before)+1 {
			t.Fatalf("history is %s after appending to %d entries\nbefore: %q\nafter:  %q", nodeText(after), len(before), src, out)
		}
		for i, n := range before {
			if !sameNode(n, after.Content[i]) {
				t.Errorf("history entry %d changed: %s -> %s", i, nodeText(n), nodeText(after.Content[i]))
			}
		}
		ha, hb := a.Fields.StatusHistory, b.Fields.StatusHistory
		if len(hb) != len(ha)+1 || !slices.Equal(hb[:len(ha)], ha) || hb[len(ha)] != e {
			t.Errorf("history %+v after appending %+v to %+v", hb, e, ha)
		}
		a.Fields.StatusHistory, b.Fields.StatusHistory = nil, nil
		checkFields(t, a, b, key)
		// a block entry adds its lines (and may drop a "[]" on the key's line); a one-line flow list
		// changes its one line
		flowLine := func(removed, added [][]byte) bool { return len(removed) == 1 && len(added) == 1 }
		if removed, added := lineDiff(src, out); len(removed) > 1 || (len(added) < 3 && !flowLine(removed, added)) {
			t.Errorf("append removed %q and added %q", removed, added)
		}
	})
}

// FuzzParse parses arbitrary bytes: no panic, every problem and key at a line of the file, offsets
// and positions consistent, and a BOM with CRLF line ends changing nothing.
func FuzzParse(f *testing.F) {
	for _, doc := range fuzzDocs(f) {
		f.Add(doc)
	}
	for _, s := range []string{"", "---", "---\n", "\r\n---\r\n---", "---\ntitle: [\n---\n", "---\n- a\n---\n", "---\r---\r",
		"---\ntitle: \xff\n---\n", "---\n\tx: 1\n---\n", "---\nx: \"a\n---\n", "---\nx: 1\n---\n---\ny: 2\n---\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		d := postmortem.Parse("fuzz.md", src, time.UTC)
		n := d.LineCount()
		if want := bytes.Count(src, []byte("\n")) + 1; n != want {
			t.Errorf("LineCount %d, file has %d lines", n, want)
		}
		for _, p := range d.Problems {
			if p.Line < 1 || p.Line > n || p.Column < 1 {
				t.Errorf("problem at %d:%d outside the file's %d lines: %+v", p.Line, p.Column, n, p)
			}
			if p.Message == "" || strings.ContainsAny(p.Message, "\r\n") {
				t.Errorf("problem message %q is not one line", p.Message)
			}
		}
		for key := range d.Present {
			if l := d.KeyLine(key); l <= d.FrontLine || l > d.LineOf(d.FrontEnd) {
				t.Errorf("key %q at line %d, outside the block (lines %d to %d)", key, l, d.FrontLine, d.LineOf(d.FrontEnd))
			}
		}
		if d.FrontState == postmortem.FrontMatterOK {
			if !(0 <= d.FrontStart && d.FrontStart <= d.FrontEnd && d.FrontEnd <= d.BodyOffset && d.BodyOffset <= len(d.Text)) {
				t.Fatalf("offsets out of order: start %d end %d body %d len %d", d.FrontStart, d.FrontEnd, d.BodyOffset, len(d.Text))
			}
			if d.FrontLine < 1 || d.LineOf(d.FrontStart) != d.FrontLine+1 {
				t.Errorf("block starts on line %d, opening --- on line %d", d.LineOf(d.FrontStart), d.FrontLine)
			}
		}
		if !bytes.Equal(d.Body, d.Text[d.BodyOffset:]) {
			t.Errorf("Body is not Text[BodyOffset:]")
		}
		for _, off := range []int{0, len(d.Text) / 2, len(d.Text), d.FrontStart, d.FrontEnd, d.BodyOffset} {
			line, col := d.Position(off)
			if line < 1 || line > n || col < 1 || d.LineStart(line) > off || d.LineStart(line+1) < off {
				t.Errorf("Position(%d) = %d:%d; line %d starts at %d", off, line, col, line, d.LineStart(line))
			}
			if want := utf8.RuneCount(d.Text[d.LineStart(line):off]) + 1; col != want {
				t.Errorf("Position(%d) column %d, want %d", off, col, want)
			}
		}
		for l := 1; l <= n && l <= 64; l++ {
			if line, col := d.Position(d.LineStart(l)); line != l || col != 1 {
				t.Errorf("line %d starts at %d:%d", l, line, col)
			}
		}
		if bytes.IndexByte(src, '\r') < 0 && !bytes.HasPrefix(src, []byte("\uFEFF")) {
			crlf := append([]byte("\uFEFF"), bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n"))...)
			c := postmortem.Parse("fuzz.md", crlf, time.UTC)
			if !c.HasBOM || (n > 1) != c.CRLF {
				t.Errorf("BOM %v CRLF %v after adding both", c.HasBOM, c.CRLF)
			}
			if !reflect.DeepEqual(problemPlaces(c), problemPlaces(d)) || !reflect.DeepEqual(c.Fields, d.Fields) || !bytes.Equal(c.Body, d.Body) {
				t.Errorf("BOM and CRLF change the result\nLF:   %v %+v\nCRLF: %v %+v", problemPlaces(d), d.Fields, problemPlaces(c), c.Fields)
			}
		}
	})
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// FuzzParsers feeds the same string to every parser of single values and to Slug and Quote.
func FuzzParsers(f *testing.F) {
	for _, s := range []string{
		"Draft", "in-review", "In Review", "in_review", "INREVIEW", " reviewed\t", "closed", "Done", "in--review", "ın review",
		"1", "sev1", "SEV-1", "sev_5", "Sev 3", "SEV-6", "sev-1\n", "sev11", "٣",
		"2026-11-20", "2026-11-20T10:00:00+09:00", "2026-11-20T10:00:00.123456789Z", "0000-01-01T00:00:00+23:59",
		"9999-12-31T23:59:59-23:59", "2026-02-30", "2026-11-20T24:00:00Z", " 2026-11-20 ",
		"Checkout latency", "../../etc/passwd", "a/b\\c", "nul\x00byte", "🔥🔥🔥", "決済の遅延", strings.Repeat("word ", 60),
		strings.Repeat("x", 300), "How'd we do", "-leading", "trailing-", "",
		"null", "~", "yes", "0x1F", "1e3", ".inf", "a: b", "a #b", "#a", "- a", "'quoted'", "\"dq\"", "tab\there",
		"line\nbreak", "\u2028", "\u0085", "\uFEFFbom", "\xff\xfe", "é\u0301", "a  b", "[x]", "{x}", "&a", "*a", "!tag", "|", ">", "%",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if st, err := postmortem.ParseStatus(s); err == nil {
			if st.Rank() < 0 {
				t.Errorf("ParseStatus(%q) = %q, not a status", s, st)
			}
			if again, err := postmortem.ParseStatus(string(st)); err != nil || again != st {
				t.Errorf("ParseStatus(%q) = %q, %v; want itself", st, again, err)
			}
		}
		if sev, err := severity.Parse(s); err == nil {
			if level := severity.Level(sev); level < 1 || level > 5 || sev != fmt.Sprintf("SEV-%d", level) {
				t.Errorf("severity.Parse(%q) = %q", s, sev)
			}
			if again, err := severity.Parse(sev); err != nil || again != sev {
				t.Errorf("severity.Parse(%q) = %q, %v; want itself", sev, again, err)
			}
		}
		for _, loc := range fuzzLocations {
			if d, err := postmortem.ParseDate(s, loc); err == nil {
				for _, layout := range []string{"2006-01-02", time.RFC3339Nano} {
					text := d.Format(layout)
					if layout == "2006-01-02" && (d.Location() != orUTC(loc) || d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 || d.Nanosecond() != 0) {
						continue // not a date-only value, or a midnight that does not exist in loc
					}
					if _, offset := d.Zone(); layout == time.RFC3339Nano && offset%60 != 0 {
						continue // RFC 3339 has no seconds in offsets: old local mean times (Tokyo +09:18:59)
					}
					if again, err := postmortem.ParseDate(text, loc); err != nil || !again.Equal(d) {
						t.Errorf("ParseDate(%q) = %v; its %q reads back as %v, %v", s, d, text, again, err)
					}
				}
			}
		}
		if tm, err := postmortem.ParseTime(s); err == nil {
			text := tm.Format(time.RFC3339Nano)
			if again, err := postmortem.ParseTime(text); err != nil || !again.Equal(tm) || again.Format(time.RFC3339Nano) != text {
				t.Errorf("ParseTime(%q) = %v; its %q reads back as %v, %v", s, tm, text, again, err)
			}
		}
		slug := postmortem.Slug(s)
		if !slugRE.MatchString(slug) || len(slug) > postmortem.MaxSlugLen || strings.Contains(slug, "..") || strings.Contains(slug, "/") {
			t.Errorf("Slug(%q) = %q", s, slug)
		}
		if again := postmortem.Slug(slug); again != slug {
			t.Errorf("Slug(%q) = %q, but Slug(%q) = %q", s, slug, slug, again)
		}
		if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
			return
		}
		q := postmortem.Quote(s)
		if strings.ContainsAny(q, "\r\n\u0085\u2028\u2029") {
			t.Errorf("Quote(%q) = %q spans several lines", s, q)
		}
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte("k: "+q+"\n"), &doc); err != nil {
			t.Fatalf("Quote(%q) = %q does not parse: %v", s, q, err)
		}
		if v := doc.Content[0].Content[1]; v.Kind != yaml.ScalarNode || v.Value != s {
			t.Errorf("Quote(%q) = %q reads back as %s", s, q, nodeText(v))
		}
		var m map[string]string
		if err := yaml.Unmarshal([]byte("k: "+q+" # comment\n"), &m); err != nil || m["k"] != s {
			t.Errorf("Quote(%q) = %q followed by a comment reads back as %q, %v", s, q, m["k"], err)
		}
	})
}

var fuzzLocations = func() []*time.Location {
	locs := []*time.Location{nil, time.UTC, time.FixedZone("X", 14*3600)}
	for _, name := range []string{"Asia/Tokyo", "America/New_York", "America/Sao_Paulo"} {
		if l, err := time.LoadLocation(name); err == nil {
			locs = append(locs, l)
		}
	}
	return locs
}()

// parseEdit parses a document before and after an edit and checks what every edit keeps: a usable
// front matter, the BOM, the line ends, and the bytes before and after the block.
func parseEdit(t *testing.T, src, out []byte) (a, b *postmortem.Doc) {
	t.Helper()
	a, b = postmortem.Parse("fuzz.md", src, nil), postmortem.Parse("fuzz.md", out, nil)
	if a.Root == nil || b.Root == nil {
		t.Fatalf("edit accepted, front matter before %v, after %v\nbefore: %q\nafter:  %q", a.Root != nil, b.Root != nil, src, out)
	}
	if a.HasBOM != b.HasBOM || a.CRLF != b.CRLF {
		t.Errorf("BOM %v -> %v, CRLF %v -> %v", a.HasBOM, b.HasBOM, a.CRLF, b.CRLF)
	}
	if !bytes.Equal(a.Body, b.Body) {
		t.Errorf("body changed:\n%q\n%q", a.Body, b.Body)
	}
	head := lineOffset(src, a.LineOf(a.FrontStart))
	if !bytes.HasPrefix(out, src[:head]) {
		t.Errorf("bytes before the block changed: %q -> %q", src[:head], out[:min(head, len(out))])
	}
	tail := src[lineOffset(src, a.LineOf(a.FrontEnd)):]
	if !bytes.HasSuffix(out, tail) {
		t.Errorf("the closing line or the body changed: want the file to end with %q, got %q", tail, out)
	}
	crlf := func(b []byte) int { return bytes.Count(b, []byte("\r\n")) }
	lf := func(b []byte) int { return bytes.Count(b, []byte("\n")) - crlf(b) }
	if a.CRLF && lf(out) != lf(src) || !a.CRLF && crlf(out) != crlf(src) {
		t.Errorf("line ends: %d CRLF and %d LF before, %d and %d after", crlf(src), lf(src), crlf(out), lf(out))
	}
	return a, b
}

// lineOffset returns the offset in src where a 1-based line starts (src may begin with a BOM and
// end lines with CRLF: lines are counted by their LF, as Parse counts them).
func lineOffset(src []byte, line int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return len(src)
		}
		off += i + 1
	}
	return off
}

// firstPair returns the index in root.Content of the first key named key, or -1.
func firstPair(root *yaml.Node, key string) int {
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == key {
			return i
		}
	}
	return -1
}

// checkOtherPairs checks that every key and value of the block but the edited pair (at index ai of
// a, or a new last pair of b when ai < 0) is unchanged.
func checkOtherPairs(t *testing.T, a, b *yaml.Node, key string, ai int) {
	t.Helper()
	want := len(a.Content)
	if ai < 0 {
		want += 2
	}
	if len(b.Content) != want {
		t.Fatalf("%d keys before editing %s, %d after", len(a.Content)/2, key, len(b.Content)/2)
	}
	if ai < 0 && b.Content[want-2].Value != key {
		t.Errorf("the new key is %q, want %q", b.Content[want-2].Value, key)
	}
	for i := 0; i+1 < len(a.Content); i += 2 {
		if i == ai {
			if !sameNode(a.Content[i], b.Content[i]) {
				t.Errorf("the key itself changed: %s -> %s", nodeText(a.Content[i]), nodeText(b.Content[i]))
			}
			continue
		}
		if !sameNode(a.Content[i], b.Content[i]) || !sameNode(a.Content[i+1], b.Content[i+1]) {
			t.Errorf("editing %s changed %s: %s -> %s", key, a.Content[i].Value, nodeText(a.Content[i+1]), nodeText(b.Content[i+1]))
		}
	}
}

// checkFields checks that the typed fields and the keys present are unchanged, but for the edited key.
func checkFields(t *testing.T, a, b *postmortem.Doc, key string) {
	t.Helper()
	fa, fb := a.Fields, b.Fields
	switch key {
	case "status":
		fa.Status, fb.Status = "", ""
	case "meeting":
		fa.Meeting, fb.Meeting = time.Time{}, time.Time{}
		fa.BadMeeting, fb.BadMeeting = "", ""
	case "title":
		fa.Title, fb.Title = "", ""
	case "owner":
		fa.Owner, fb.Owner = "", ""
	case "severity":
		fa.Severity, fb.Severity = "", ""
	case "call_recording":
		fa.CallRecording, fb.CallRecording = "", ""
	}
	if !reflect.DeepEqual(fa, fb) {
		t.Errorf("editing %s changed other fields:\n%+v\n%+v", key, fa, fb)
	}
	for k := range b.Present {
		if !a.Present[k] && k != key {
			t.Errorf("editing %s added %s", key, k)
		}
	}
	for k := range a.Present {
		if !b.Present[k] {
			t.Errorf("editing %s removed %s", key, k)
		}
	}
}

// sameNode compares what a YAML node means and how it is written, but not where it is.
func sameNode(a, b *yaml.Node) bool {
	if a.Kind != b.Kind || a.Style != b.Style || a.Tag != b.Tag || a.Value != b.Value || a.Anchor != b.Anchor ||
		len(a.Content) != len(b.Content) {
		return false
	}
	if a.Kind == yaml.AliasNode {
		return true // its target is compared where it is defined
	}
	for i := range a.Content {
		if !sameNode(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}

func nodeText(n *yaml.Node) string {
	var b strings.Builder
	var walk func(*yaml.Node)
	walk = func(n *yaml.Node) {
		fmt.Fprintf(&b, "(%d %s %q", n.Kind, n.Tag, n.Value)
		if n.Kind != yaml.AliasNode {
			for _, c := range n.Content {
				b.WriteByte(' ')
				walk(c)
			}
		}
		b.WriteByte(')')
	}
	walk(n)
	return b.String()
}

// lineDiff returns the lines of a replaced by those of b, after their common first and last lines.
func lineDiff(a, b []byte) (removed, added [][]byte) {
	al, bl := bytes.SplitAfter(a, []byte("\n")), bytes.SplitAfter(b, []byte("\n"))
	i := 0
	for i < len(al) && i < len(bl) && bytes.Equal(al[i], bl[i]) {
		i++
	}
	j, k := len(al)-1, len(bl)-1
	for j >= i && k >= i && bytes.Equal(al[j], bl[k]) {
		j--
		k--
	}
	return al[i : j+1], bl[i : k+1]
}

func checkErrorLine(t *testing.T, err error) {
	t.Helper()
	if msg := err.Error(); !strings.HasPrefix(msg, "fuzz.md") || strings.ContainsAny(msg, "\r\n") {
		t.Errorf("error %q is not one line naming the file", msg)
	}
}

func problemPlaces(d *postmortem.Doc) []string {
	var out []string
	for _, p := range d.Problems {
		out = append(out, fmt.Sprintf("%d:%d %s", p.Line, p.Column, p.Message))
	}
	return out
}

func orUTC(loc *time.Location) *time.Location {
	if loc == nil {
		return time.UTC
	}
	return loc
}

// TestFuzzFindings pins what the fuzz targets found, with the outcome each now has.
func TestFuzzFindings(t *testing.T) {
	refusals := []struct {
		name, src, key, value, msg string
	}{
		// The new key went after a flow mapping, where yaml.Unmarshal ignored it: pm reported success
		// and never read the meeting back.
		{"key after a flow mapping", "---\n{title: x, status: Draft}\n---\n", "meeting", "2026-11-26T10:00:00Z", "break the front matter"},
		// The value continued on the next line, so the file read "New title second".
		{"plain value on two lines", "---\ntitle: first\n  second\nstatus: Draft\n---\n", "title", "New title", "read back"},
		// Inside a flow mapping the brace of the value closed the mapping.
		{"brace in a flow mapping", "---\n{title: x}\n---\n", "title", "y}", "read back"},
		// Go's \xff escape is U+00FF in YAML.
		{"invalid UTF-8 value", "---\ntitle: x\n---\n", "title", "a\xffb", "read back"},
		// pm read the first status, other tools the last: the edit changed one and left the other.
		{"duplicate key", "---\nstatus: Draft\nowner: a\nstatus: Closed\n---\n", "status", "In Review", "a.md:4: status is set twice"},
	}
	for _, c := range refusals {
		out, err := postmortem.SetField("a.md", []byte(c.src), c.key, c.value)
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: SetField = %q, %v; want an error containing %q", c.name, out, err, c.msg)
		}
	}
	e := postmortem.HistoryEntry{Status: "In Review", At: "t", By: "b"}
	for name, src := range map[string]string{
		"duplicate status_history": "---\nstatus_history: []\nstatus_history:\n  - status: Draft\n---\n",
	} {
		if out, err := postmortem.AppendHistory("a.md", []byte(src), e); err == nil {
			t.Errorf("%s: AppendHistory = %q, want an error", name, out)
		}
	}
	// The entry went in after the line of the block scalar's indicator, inside the scalar (then
	// refused as changing the entry); it goes after the value's last line.
	for name, last := range map[string]string{
		"last entry ends in a block scalar": "    note: |\n      line1\n      line2\n",
		"last entry ends in a folded line":  "    by: Ana\n      Souza\n",
	} {
		head, tail := "---\nstatus_history:\n  - status: Draft\n"+last, "owner: a\n---\n"
		want := head + "  - status: In Review\n    at: t\n    by: b\n" + tail
		if out, err := postmortem.AppendHistory("a.md", []byte(head+tail), e); err != nil || string(out) != want {
			t.Errorf("%s: AppendHistory = %q, %v; want %q", name, out, err, want)
		}
	}
	// yaml.v3 also ends a line at a lone CR, NEL, LS and PS: after a quoted title holding U+2028, its line
	// numbers ran one ahead of the file's, so status was looked for on the closing --- line.
	src := "---\ntitle: \"a\u2028b\"\nstatus: Draft\n---\n"
	if d := postmortem.Parse("a.md", []byte(src), nil); d.KeyLine("status") != 3 {
		t.Errorf("status on line %d, want 3", d.KeyLine("status"))
	}
	if out, err := postmortem.SetField("a.md", []byte(src), "status", "Closed"); err != nil || string(out) != strings.Replace(src, "Draft", "Closed", 1) {
		t.Errorf("SetField after a line separator: %q, %v", out, err)
	}
	// What follows a flow mapping is no longer dropped in silence.
	d := postmortem.Parse("a.md", []byte("---\n{title: x, status: Draft}\nmeeting: 2026-11-26T10:00:00Z\n---\n"), nil)
	if d.Root != nil || len(d.Problems) != 1 || d.Problems[0].Line != 3 || !strings.Contains(d.Problems[0].Message, "malformed YAML") {
		t.Errorf("trailing key after a flow mapping: root %v, problems %+v", d.Root != nil, d.Problems)
	}
}

// FuzzContent parses arbitrary bodies into the document model: it must not panic, every table cell
// must lie in the body on its row's line (a short row's padding cells too), and the Cursor must give
// the positions BodyPosition gives.
//
//	go test -run '^$' -fuzz FuzzContent -fuzztime 3m ./pkg/postmortem/
func FuzzContent(f *testing.F) {
	for _, doc := range fuzzDocs(f) {
		f.Add(doc)
	}
	for _, s := range []string{
		"---\ntitle: x\n---\n## Timeline\n| Time | Data Link |\n|-|-|\n||\n| 25:99 |\n|09:00|x|\n",
		"---\ntitle: x\n---\n## Action Items\n|Priority|Due|Ticket|\n|-|-|-|\n|P9|2026-02-30||\n|||\n|\n",
		"---\ntitle: x\n---\nOverview\n===\nRoot Cause\n---\n<!-- x\n## y\n",
		"---\ntitle: x\n---\n## Responders\n- Incident Commander:\n- Scribe:\n| Scribe | |\n",
		"---\ntitle: x\n---\n##\n## External Message\n```\n<!-- a -->\n```\n### Sub\n[x](https://e.x)\n",
		// past the bounds on Markdown
		"---\ntitle: x\n---\n## Overview\n" + strings.Repeat("> ", 40) + "x\n" + strings.Repeat("[a](", 300) + "\n\n- " + strings.Repeat("*_", 40) + "\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		d := postmortem.Parse("fuzz.md", src, time.UTC)
		c := d.Content()
		// the body as parsed, past the bounds blanked out, keeps the body's length and line breaks
		if len(c.Src) != len(d.Body) && d.Root != nil {
			t.Fatalf("the parsed body is %d bytes, the body %d", len(c.Src), len(d.Body))
		}
		for i := range c.Src {
			if (c.Src[i] == '\n') != (d.Body[i] == '\n') || (c.Src[i] != d.Body[i] && c.Src[i] != ' ') {
				t.Fatalf("byte %d of the body is %q, parsed as %q", i, d.Body[i], c.Src[i])
			}
		}
		end := 0
		for _, r := range c.Complex {
			if r.Start < end || r.End < r.Start || r.End > len(c.Src) {
				t.Fatalf("regions out of order or outside the body: %+v", c.Complex)
			}
			end = r.End
		}
		var tables []*postmortem.Table
		if tl := c.Timeline(); tl != nil {
			tables = append(tables, tl.Table)
		}
		if a := c.Actions(); a != nil {
			tables = append(tables, a.Table)
		}
		for _, tb := range tables {
			for i, row := range tb.Rows {
				for j, cell := range row {
					if cell.Start < 0 || cell.Start > cell.End || cell.End > len(c.Src) {
						t.Fatalf("row %d cell %d at [%d, %d) outside the body's %d bytes", i, j, cell.Start, cell.End, len(c.Src))
					}
					if l0, _ := d.BodyPosition(row[0].Start); j > 0 {
						if l, _ := d.BodyPosition(cell.Start); l != l0 {
							t.Errorf("row %d cell %d on line %d, the row's first cell on line %d", i, j, l, l0)
						}
					}
				}
			}
		}
		for _, it := range c.ActionItems() {
			if it.Line < 1 || it.Line > d.LineCount() {
				t.Errorf("action item on line %d of %d", it.Line, d.LineCount())
			}
		}
		for _, s := range c.Sections {
			if _, ok := c.Text(s.Title); s.Key != "" && !ok {
				t.Errorf("section %q not found by its own title", s.Title)
			}
			if md, _ := c.Markdown(s.Key); s.Key != "" && strings.HasPrefix(md, "\n") {
				t.Errorf("section %q: Markdown starts with a blank line", s.Title)
			}
		}
		c.Responders()
		c.Japanese()
		// offsets at the start of characters, in order, as rules report them
		cur := d.Cursor()
		for off := 0; off <= len(c.Src); off += 1 + len(c.Src)/7 {
			for off < len(c.Src) && !utf8.RuneStart(c.Src[off]) {
				off++
			}
			l1, c1 := cur.BodyPosition(off)
			if l2, c2 := d.BodyPosition(off); l1 != l2 || c1 != c2 {
				t.Errorf("Cursor.BodyPosition(%d) = %d:%d, BodyPosition %d:%d", off, l1, c1, l2, c2)
			}
		}
	})
}
