package cmdutil

import (
	"strings"
	"testing"
)

func TestDisplayWidthAndTruncate(t *testing.T) {
	if DisplayWidth("決済abc") != 7 || DisplayWidth("") != 0 || DisplayWidth("🔥x") != 3 {
		t.Error("DisplayWidth")
	}
	for _, w := range []int{1, 5, 8, 11} {
		got := Truncate("決済の遅延について", w)
		if DisplayWidth(got) > w || !strings.HasSuffix(got, "…") {
			t.Errorf("Truncate(%d) = %q", w, got)
		}
	}
	if Truncate("short", 10) != "short" {
		t.Error("Truncate changed a short string")
	}
}
