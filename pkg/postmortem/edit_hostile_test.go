package postmortem

import (
	"strings"
	"testing"
)

// A value rewritten in place keeps what YAML reads around it: a comment after a tab (it was taken
// for part of the value and deleted), a comment after an empty value (the value was glued to it and
// the edit refused), an anchor or a tag before the value (dropped, and the quotes with them).
func TestSetFieldKeepsCommentsAnchorsAndTags(t *testing.T) {
	const head = "---\ntitle: X\nseverity: SEV-2\nowner: A\nincident_date: 2026-11-20\n"
	for _, c := range []struct{ line, value, want string }{
		{"status: Draft\t# set by pm status", "In Review", "status: In Review\t# set by pm status"},
		{"meeting: 2026-11-23T10:00:00Z\t# moved", "2026-11-24T10:00:00Z", "meeting: 2026-11-24T10:00:00Z\t# moved"},
		{"meeting:   # set by pm meeting", "2026-11-24T10:00:00Z", "meeting:   2026-11-24T10:00:00Z # set by pm meeting"},
		{"recurrence_of: # none", "2026-11-01-x", "recurrence_of: 2026-11-01-x # none"},
		{"status: a#b", "Draft", "status: Draft"},
		{`meeting: &m ""`, "2026-11-24T10:00:00Z", `meeting: &m "2026-11-24T10:00:00Z"`},
		{"status: &s Draft # keep", "In Review", "status: &s In Review # keep"},
		{`status: !!str "Draft"`, "In Review", `status: !!str "In Review"`},
		{"recurrence_of: &r", "2026-11-01-x", "recurrence_of: &r 2026-11-01-x"},
	} {
		key := c.line[:strings.IndexByte(c.line, ':')]
		src := head + c.line + "\n---\n# X\n"
		out, err := SetField("x.md", []byte(src), key, c.value)
		if err != nil {
			t.Errorf("%q: %v", c.line, err)
			continue
		}
		if want := head + c.want + "\n---\n# X\n"; string(out) != want {
			t.Errorf("%q:\n got %q\nwant %q", c.line, out, want)
		}
	}
}

// Lines pm adds to the front matter end as the front matter's lines do: a file whose body alone
// was saved with CRLF got CRLF lines among LF ones.
func TestAddedLinesTakeTheFrontMattersLineEnds(t *testing.T) {
	src := "---\ntitle: X\nseverity: SEV-2\nstatus: Draft\nowner: A\nincident_date: 2026-11-20\nrelated: []\n---\r\n# X\r\n\r\nbody\r\n"
	out, err := AppendHistory("x.md", []byte(src), HistoryEntry{Status: "In Review", At: "2026-11-21T10:00:00Z", By: "A"})
	if err != nil {
		t.Fatal(err)
	}
	front := string(out[:strings.Index(string(out), "---\r\n")])
	if strings.Contains(front, "\r") {
		t.Errorf("CR in the front matter:\n%q", front)
	}
	crlf := strings.ReplaceAll(src, "\n", "\r\n")
	crlf = strings.ReplaceAll(crlf, "\r\r\n", "\r\n")
	out, err = AppendHistory("x.md", []byte(crlf), HistoryEntry{Status: "In Review", At: "2026-11-21T10:00:00Z", By: "A"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(strings.ReplaceAll(string(out), "\r\n", ""), "\n") {
		t.Errorf("an LF alone in a CRLF file:\n%q", out)
	}
}
