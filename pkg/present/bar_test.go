package present

import "testing"

func TestBar(t *testing.T) {
	for _, c := range []struct {
		value, max float64
		width      int
		want       string
	}{
		{10, 10, 4, "████"},
		{5, 10, 4, "██"},
		{1, 10, 4, "▍"},    // 3.2 eighths
		{0.01, 10, 4, "▏"}, // never invisible
		{0, 10, 4, ""},
		{12, 10, 4, "████"},
		{3, 8, 8, "███"},
		{1, 3, 10, "███▎"}, // 26.6 eighths
	} {
		if got := Bar(c.value, c.max, c.width); got != c.want {
			t.Errorf("Bar(%v, %v, %d) = %q, want %q", c.value, c.max, c.width, got, c.want)
		}
		if w := Width(Bar(c.value, c.max, c.width)); w > c.width {
			t.Errorf("Bar(%v, %v, %d) is %d cells wide", c.value, c.max, c.width, w)
		}
	}
}
