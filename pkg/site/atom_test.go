package site

import (
	"encoding/xml"
	"testing"
)

// marshalAtom is feed.xml as encoding/xml writes f, as pm wrote it before appendAtom.
func marshalAtom(t testing.TB, f atomFeed) string {
	t.Helper()
	data, err := xml.MarshalIndent(struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		atomFeed
	}{atomFeed: f}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return xml.Header + string(data) + "\n"
}

func checkAtom(t testing.TB, f atomFeed) {
	t.Helper()
	if got, want := string(appendAtom(nil, &f)), marshalAtom(t, f); got != want {
		t.Errorf("appendAtom:\n%s\nencoding/xml:\n%s", got, want)
	}
}

// atomStrings are texts with what XML must escape or cannot hold.
var atomStrings = []string{
	"", "plain", `<a href="x">&'</a>`, "tab\there\nnew line\r\nCR", "日本語の障害", "\x00\x01\x1f\x7f", "\xff\xfe bad",
	"\uFFFD\uFFFE\uFFFF", "\U0001F525 \U0010FFFF", "\xed\xa0\x80 lone surrogate", "]]>",
}

// TestAtomAsEncodingXML compares appendAtom with encoding/xml: no entry, entries with every field
// set, a link with and without rel, and texts with what XML escapes or cannot hold.
func TestAtomAsEncodingXML(t *testing.T) {
	checkAtom(t, atomFeed{})
	checkAtom(t, atomFeed{Title: "Postmortems", ID: "urn:pm:site", Updated: "2026-12-04T10:00:00Z", Link: atomLink{Href: "index.html"}})
	for _, s := range atomStrings {
		e := atomEntry{Title: s, ID: "urn:pm:postmortem:" + s, Updated: s, Link: atomLink{Href: s, Rel: s}, Summary: s}
		e.Author.Name = s
		checkAtom(t, atomFeed{Title: s, ID: s, Updated: s, Link: atomLink{Href: s, Rel: "self"}, Entries: []atomEntry{e, e}})
	}
}

// FuzzAtom holds appendAtom to encoding/xml on any texts.
func FuzzAtom(f *testing.F) {
	for _, s := range atomStrings {
		f.Add(s, s, s)
	}
	f.Fuzz(func(t *testing.T, title, href, summary string) {
		e := atomEntry{Title: title, ID: href, Updated: summary, Link: atomLink{Href: href, Rel: title}, Summary: summary}
		e.Author.Name = summary
		checkAtom(t, atomFeed{Title: title, ID: summary, Link: atomLink{Href: href}, Entries: []atomEntry{e}})
	})
}
