package textdiff

import (
	"fmt"
	"strings"
	"testing"
)

// TestWriteDiff compares with what diff -u prints for the same two texts: an insertion, a change and a
// removal at the end of a text that loses its last line end, in three hunks.
func TestUnified(t *testing.T) {
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
	if got := Unified("a/p.md", "b/p.md", old.String(), new.String()); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if got := Unified("a/p.md", "b/p.md", old.String(), old.String()); got != "" {
		t.Errorf("equal texts give a diff:\n%s", got)
	}
	// an insertion into an empty file, and changes six lines apart joined in one hunk, seven apart not
	if got := Unified("a/e.md", "b/e.md", "", "a\n"); got != "--- a/e.md\n+++ b/e.md\n@@ -0,0 +1 @@\n+a\n" {
		t.Errorf("empty file:\n%s", got)
	}
	got := Unified("a/j.md", "b/j.md", "x\n1\n2\n3\n4\n5\n6\ny\n", "X\n1\n2\n3\n4\n5\n6\nY\n")
	if strings.Count(got, "@@ ") != 1 || !strings.Contains(got, "@@ -1,8 +1,8 @@\n") {
		t.Errorf("changes six lines apart:\n%s", got)
	}
	got = Unified("a/j.md", "b/j.md", "x\n1\n2\n3\n4\n5\n6\n7\ny\n", "X\n1\n2\n3\n4\n5\n6\n7\nY\n")
	if strings.Count(got, "@@ ") != 2 {
		t.Errorf("changes seven lines apart:\n%s", got)
	}
}

// TestUnifiedLarge: a block of 5,000 lines added to a long file is found past the common head and
// tail, and a wholesale rewrite past the memory bound is shown as removed then added.
func TestUnifiedLarge(t *testing.T) {
	var old, added, rewritten strings.Builder
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&old, "line %d\n", i)
		fmt.Fprintf(&rewritten, "other %d\n", i)
	}
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&added, "new %d\n", i)
	}
	a := old.String()
	cut := strings.Index(a, "line 1500\n")
	b := a[:cut] + added.String() + a[cut:]
	got := Unified("a", "b", a, b)
	if !strings.Contains(got, "@@ -1498,6 +1498,5006 @@\n") || strings.Count(got, "\n+new ") != 5000 || strings.Contains(got, "\n-") {
		t.Errorf("insertion: %.300s", got)
	}
	got = Unified("a", "b", a, rewritten.String())
	if strings.Count(got, "\n-line ") != 3000 || strings.Count(got, "\n+other ") != 3000 || strings.Count(got, "@@ ") != 1 {
		t.Errorf("rewrite: %.300s", got)
	}
	// interleaved changes too many for the bound: every middle line removed, then added
	var x, y strings.Builder
	for i := 0; i < 4000; i++ {
		fmt.Fprintf(&x, "%d\n", i)
		if i%2 == 0 {
			fmt.Fprintf(&y, "%d\n", i)
		} else {
			fmt.Fprintf(&y, "changed %d\n", i)
		}
	}
	got = Unified("a", "b", x.String(), y.String())
	if !strings.HasPrefix(got, "--- a\n+++ b\n@@ -1,4000 +1,4000 @@\n 0\n-1\n-2\n") || strings.Count(got, "\n-") != 3999 {
		t.Errorf("past the bound: %.300s", got)
	}
}
