package lint

import (
	"fmt"
	"strings"
	"testing"
)

// TestWriteDiff compares with what diff -u prints for the same two texts: an insertion, a change and a
// removal at the end of a text that loses its last line end, in three hunks.
func TestWriteDiff(t *testing.T) {
	var old, new strings.Builder
	for i := 1; i <= 20; i++ {
		fmt.Fprintf(&old, "l%d\n", i)
		switch {
		case i == 3:
			new.WriteString("new\nl3\n")
		case i == 10:
			new.WriteString("L10\n")
		case i == 19:
			new.WriteString("end")
		case i == 20:
		default:
			fmt.Fprintf(&new, "l%d\n", i)
		}
	}
	want := `--- a/p.md
+++ b/p.md
@@ -1,5 +1,6 @@
 l1
 l2
+new
 l3
 l4
 l5
@@ -7,7 +8,7 @@
 l7
 l8
 l9
-l10
+L10
 l11
 l12
 l13
@@ -16,5 +17,4 @@
 l16
 l17
 l18
-l19
-l20
+end
\ No newline at end of file
`
	var b strings.Builder
	if err := writeDiff(&b, "p.md", old.String(), new.String()); err != nil {
		t.Fatal(err)
	}
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
	b.Reset()
	if writeDiff(&b, "p.md", old.String(), old.String()); b.Len() != 0 {
		t.Errorf("equal texts give a diff:\n%s", b.String())
	}
	// an insertion into an empty file, and changes six lines apart joined in one hunk
	b.Reset()
	writeDiff(&b, "e.md", "", "a\n")
	if b.String() != "--- a/e.md\n+++ b/e.md\n@@ -0,0 +1 @@\n+a\n" {
		t.Errorf("empty file:\n%s", b.String())
	}
	b.Reset()
	writeDiff(&b, "j.md", "x\n1\n2\n3\n4\n5\n6\ny\n", "X\n1\n2\n3\n4\n5\n6\nY\n")
	if strings.Count(b.String(), "@@ ") != 1 || !strings.Contains(b.String(), "@@ -1,8 +1,8 @@\n") {
		t.Errorf("changes six lines apart:\n%s", b.String())
	}
}
