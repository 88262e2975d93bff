package postmortem

import (
	"bytes"
	"testing"
)

// FuzzMergeTimeline holds the merge to its promises on any document: no panic, the front matter
// untouched, and a second merge of the same rows changes nothing.
func FuzzMergeTimeline(f *testing.F) {
	f.Add([]byte(timelineDoc))
	f.Add([]byte("---\ntitle: T\n---\n\n## Timeline\n"))
	f.Add([]byte("---\ntitle: T\n---\r\n\r\n## Timeline\r\n\r\n> | Time | Event |\r\n> | - | - |\r\n> | 09:20 JST | x |"))
	f.Add([]byte("---\ntitle: T\n---\n\n## Timeline\n\n- | a | b |\n  | - | - |\n  | 2026-11-20 09:20 JST | x |\n"))
	rows := []TimelineAddition{add("09:10", "A | b", "[l](https://l)"), add("09:30", "C", "")}
	f.Fuzz(func(t *testing.T, doc []byte) {
		out, _, err := MergeTimeline("pm.md", doc, rows, whenJST, header)
		if err != nil {
			return
		}
		before, after := Parse("pm.md", doc, nil), Parse("pm.md", out, nil)
		if !bytes.Equal(before.Text[:before.BodyOffset], after.Text[:after.BodyOffset]) {
			t.Fatalf("front matter changed:\n%q\n%q", doc, out)
		}
		again, added, err := MergeTimeline("pm.md", out, rows, whenJST, header)
		if err != nil || !bytes.Equal(again, out) || len(added) != 0 {
			t.Fatalf("second merge: %v, %d added\n%q\n%q", err, len(added), out, again)
		}
	})
}

// FuzzAddResponders: no panic, and a second run adds no one.
func FuzzAddResponders(f *testing.F) {
	f.Add([]byte("---\ntitle: T\n---\n\n## Responders\n\n* Incident Commander: A\n* Scribe:\n\n## Timeline\n"), "Ben_O")
	f.Add([]byte("---\ntitle: T\n---\n\n## Responders\n\n1. IC: A\n"), "佐藤 花子")
	f.Fuzz(func(t *testing.T, doc []byte, name string) {
		out, _, err := AddResponders("pm.md", doc, []string{name, "Ben Okafor"})
		if err != nil {
			return
		}
		again, added, err := AddResponders("pm.md", out, []string{name, "Ben Okafor"})
		if err != nil || !bytes.Equal(again, out) || len(added) != 0 {
			t.Fatalf("second run: %v, %q\n%q", err, added, out)
		}
	})
}
