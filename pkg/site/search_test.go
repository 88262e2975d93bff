package site

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// The search words are each word of the text once, lower-case, in their first order: a term (which
// has no space) is in the text exactly when it is in one of them.
func TestDistinctWords(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"The pool ran dry; the POOL\nwas\tsmall.  The end", "the pool ran dry; was small. end"},
		{"決済 API の遅延\u3000決済", "決済 api の遅延"},
		// full-width ASCII, as a Japanese input method types it, is its ASCII word: "api" finds ＡＰＩ
		{"決済ＡＰＩの遅延\u3000ＡＰＩ　１２％ api", "決済apiの遅延 api 12%"},
	} {
		if got := distinctWords(c.in); got != c.want {
			t.Errorf("distinctWords(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestSearchWords checks that appendSearchWords gives what appendDistinctWords gives of the title,
// the summary and PlainText of the body, on the examples and on bodies with capitals, accents,
// Japanese, quotations, lists, tables, entities and words repeated in other cases.
func TestSearchWords(t *testing.T) {
	bodies := []string{
		"# Title\n\nThe POOL ran dry. the pool\nWAS small; Ünïcode ÜNÏCODE ß ẞ Σ σ ς.\n\n> quoted > text\n\n- a\n- A\n\n1. one\n2. One\n\n| x | X |\n| - | - |\n| y | Y |\n",
		"決済 API の遅延\u3000決済\nと\nAPI。 &amp; &AMP; a&nbsp;b \\*x\\* \xff\xfe bad\n\n```sql\nSELECT 1\n```\n",
		"決済ＡＰＩの遅延。ＡＰＩ\n\n| ＪＳＴ | １２％ |\n| - | - |\n| jst | 12% |\n",
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "examples", "*.md"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		bodies = append(bodies, string(b))
	}
	for i, body := range bodies {
		src := body
		if !strings.HasPrefix(src, "---") {
			src = "---\ntitle: The Title TITLE\n---\n" + body
		}
		d := postmortem.Parse("t.md", []byte(src), time.UTC)
		c := d.Content()
		summary, _ := c.Text("overview")
		want := appendDistinctWords([]byte("x"), d.Fields.Title, summary, postmortem.PlainText(c.Blocks(), c.Src))
		got := appendSearchWords([]byte("x"), d.Fields.Title, summary, c.Blocks(), c.Src)
		if string(got) != string(want) {
			t.Errorf("body %d:\n got %q\nwant %q", i, got, want)
		}
	}
}

// jsonStrings are strings at the edges of JSON's escaping: quotes, backslashes, control characters,
// HTML's characters, U+2028 and U+2029, bytes that are not UTF-8, a U+FFFD of its own, Japanese.
var jsonStrings = []string{
	"", "plain words", `"q" \b\`, "\x00\x01\b\f\n\r\t\x1f\x7f", "<script>&amp;</script>", "a\u2028b\u2029c",
	"\xff\xfe bad \xe6\x97 cut", "\ufffd", "決済 api の遅延", "🔥 emoji", "a\u202eb \u2066\u2069 \u200f", "\xe2\x80\xae\xe2\x80",
}

// TestJSONString compares appendJSONString with encoding/json.
func TestJSONString(t *testing.T) {
	for _, s := range jsonStrings {
		checkJSONString(t, s)
	}
}

// checkJSONString checks appendJSONString against encoding/json, whose text has the bidirectional
// controls escaped then, and that the string reads back as encoding/json's does.
func checkJSONString(t *testing.T, s string) {
	t.Helper()
	want, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	want = appendBidiEscaped(nil, want)
	var back, wantBack string
	if json.Unmarshal(appendJSONString(nil, s), &back) != nil || json.Unmarshal(want, &wantBack) != nil || back != wantBack {
		t.Errorf("appendJSONString(%q) reads back as %q, not %q", s, back, wantBack)
	}
	if got := appendJSONString([]byte("x"), s); string(got) != "x"+string(want) {
		t.Errorf("appendJSONString(%q) = %s, want %s", s, got[1:], want)
	}
	if got := appendJSONString(nil, []byte(s)); string(got) != string(want) {
		t.Errorf("appendJSONString([]byte(%q)) = %s, want %s", s, got, want)
	}
}

// FuzzJSONString compares appendJSONString with encoding/json on any string.
func FuzzJSONString(f *testing.F) {
	for _, s := range jsonStrings {
		f.Add(s)
	}
	f.Fuzz(checkJSONString)
}

// TestUncased checks that the characters appendLower copies as they are are their own lower case.
func TestUncased(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if uncased(r) && unicode.ToLower(r) != r {
			t.Fatalf("%U has a lower case", r)
		}
	}
}

// TestWordSetReuse checks that a set used again, its numbering gone round included, starts empty.
func TestWordSetReuse(t *testing.T) {
	ws := &searchWords{gen: ^uint32(0)}
	ws.addWord = ws.add
	for i, want := range []string{"a b c", "a b c", "c b a"} {
		ws.dst, ws.base = nil, 0
		for _, w := range strings.Fields(want) {
			ws.add([]byte(w))
			ws.add([]byte(strings.ToUpper(w)))
		}
		if got := string(ws.dst); got != want {
			t.Errorf("use %d: %q, want %q", i, got, want)
		}
		ws.reset()
	}
}

// TestProtoKeysAreOwn: a postmortem, a service or a tag named __proto__ is a key of the search
// scripts' object literals that makes a property (["__proto__"]: …): a plain "__proto__": "…" sets
// nothing, and the search found no page for the service and threw on the postmortem. A title or
// summary that holds the text "__proto__": is left as it is.
func TestProtoKeysAreOwn(t *testing.T) {
	src := "---\ntitle: 'x\"__proto__\":'\nseverity: SEV-2\nstatus: Draft\nowner: x\nincident_date: 2026-11-03\nservices: [__proto__, api]\ntags: [__proto__]\n---\n\n## Overview\n\nText.\n"
	dir := t.TempDir() + "/site"
	inputs := []Input{{ID: "__proto__", Path: "postmortems/__proto__.md", Doc: postmortem.Parse("postmortems/__proto__.md", []byte(src), time.UTC)}}
	if _, err := Build(dir, inputs, fixtureOptions(i18n.EN)); err != nil {
		t.Fatal(err)
	}
	read := func(rel string) string {
		b, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	rows, text := read("search/rows.js"), read("search/text-00.js")
	for _, want := range []string{`"services":{["__proto__"]:"service/__proto__.html","api":"service/api.html"}`, `"tags":{["__proto__"]:"tag/__proto__.html"}`,
		`"x\"__proto__\":"`} {
		if !strings.Contains(rows, want) {
			t.Errorf("rows.js lacks %s:\n%s", want, rows)
		}
	}
	if !strings.HasPrefix(text, `PM_TEXT({["__proto__"]:"`) {
		t.Errorf("text-00.js: %s", text)
	}
	if got := string(ownProtoKeys([]byte(`{"a":"{\"__proto__\":","__proto__":1}`))); got != `{"a":"{\"__proto__\":",["__proto__"]:1}` {
		t.Errorf("ownProtoKeys: %s", got)
	}
}
