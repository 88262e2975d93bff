package present

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rivo/uniseg"
)

// The cases shared by the width and truncation tests: each a text and the columns a terminal gives it.
var widthCases = []struct {
	name string
	s    string
	want int
}{
	{"empty", "", 0},
	{"ascii", "Checkout latency", 16},
	{"CJK", "決済の遅延", 10},
	{"CJK and ascii", "決済abc", 7},
	{"halfwidth katakana", "ｶﾀｶﾅ", 4},
	{"fullwidth letters", "ＡＢＣ", 6},
	{"hangul syllables", "장애", 4},
	{"hangul jamo", "\u1100\u1161\u11a8", 2}, // one syllable written as three jamo
	{"combining acute", "Cafe\u0301", 4},
	{"precomposed", "Café", 4},
	{"stacked combining marks", "e\u0301\u0302\u0323x", 2},
	{"devanagari", "नमस्ते", 4},
	{"emoji", "🔥x", 3},
	{"ZWJ family", "👩\u200d👩\u200d👧\u200d👦", 2},
	{"ZWJ profession", "🧑\u200d💻 on call", 10},
	{"skin tone", "👍🏽", 2},
	{"flag", "🇯🇵", 2},
	{"keycap", "1\ufe0f\u20e3", 1},
	{"text presentation heart", "\u2764", 1},
	{"emoji presentation heart (VS16)", "\u2764\ufe0f", 2},
	{"text presentation (VS15)", "\U0001F525\ufe0e", 1},
	{"zero width space", "a\u200bb", 2},
	{"word joiner", "a\u2060b", 2},
	{"zero width non-joiner", "a\u200cb", 2},
	{"byte order mark", "\ufeffa", 1},
	{"soft hyphen", "out\u00adage", 6},
	{"ideographic variation selector", "葛\U000E0100", 2},
	{"ellipsis and arrows", "a → b …", 7},
}

func TestWidth(t *testing.T) {
	for _, c := range widthCases {
		if got := Width(c.s); got != c.want {
			t.Errorf("%s: Width(%q) = %d, want %d", c.name, c.s, got, c.want)
		}
	}
}

// clusters splits s into grapheme clusters, the units Truncate and Clip may not cut.
func clusters(s string) []string {
	var out []string
	for g := uniseg.NewGraphemes(s); g.Next(); {
		out = append(out, g.Str())
	}
	return out
}

// TestTruncateKeepsClusters truncates every case to every width and checks what can be wrong: the
// result too wide, an ellipsis missing or extra, text that is no prefix of whole clusters, or a cut
// that could have kept one more cluster.
func TestTruncateKeepsClusters(t *testing.T) {
	for _, c := range widthCases {
		for w := 1; w <= c.want+1; w++ {
			got := Truncate(c.s, w)
			if c.want <= w {
				if got != c.s {
					t.Errorf("%s: Truncate(%q, %d) = %q, want it unchanged", c.name, c.s, w, got)
				}
				continue
			}
			kept, ok := strings.CutSuffix(got, Ellipsis)
			if !ok {
				t.Errorf("%s: Truncate(%q, %d) = %q: no ellipsis", c.name, c.s, w, got)
				continue
			}
			if Width(got) > w {
				t.Errorf("%s: Truncate(%q, %d) = %q, %d columns", c.name, c.s, w, got, Width(got))
			}
			// kept must be the first n clusters, for some n
			all, n, width, prefix := clusters(c.s), 0, 0, ""
			for prefix != kept && n < len(all) && len(prefix) < len(kept) {
				prefix += all[n]
				width += Width(all[n])
				n++
			}
			if prefix != kept {
				t.Errorf("%s: Truncate(%q, %d) = %q: not whole grapheme clusters", c.name, c.s, w, got)
				continue
			}
			if n < len(all) && width+Width(all[n])+Width(Ellipsis) <= w {
				t.Errorf("%s: Truncate(%q, %d) = %q: %q would still fit", c.name, c.s, w, got, all[n])
			}
		}
	}
}

func TestTruncateExact(t *testing.T) {
	cases := []struct {
		s    string
		w    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly ten", 11, "exactly ten"},
		{"Checkout latency after the change", 12, "Checkout la…"},
		{"決済の遅延について", 8, "決済の…"}, // 6 + 1: a fourth kanji would make 9
		{"決済の遅延について", 9, "決済の遅…"},
		{"Cafe\u0301 au lait", 5, "Cafe\u0301…"},
		{"Cafe\u0301 au lait", 4, "Caf…"}, // the e goes with its accent
		{"ok 👩\u200d👩\u200d👧\u200d👦 family", 5, "ok …"},
		{"ok 👩\u200d👩\u200d👧\u200d👦 family", 6, "ok 👩\u200d👩\u200d👧\u200d👦…"},
		{"🇯🇵🇺🇸🇫🇷", 5, "🇯🇵🇺🇸…"},
		{"a\u200b\u200b\u200bbcdef", 3, "a\u200b\u200b\u200bb…"}, // zero-width characters cost nothing
		{"\u2764\ufe0f\u2764\ufe0f\u2764\ufe0f", 5, "\u2764\ufe0f\u2764\ufe0f…"},
	}
	for _, c := range cases {
		if got := Truncate(c.s, c.w); got != c.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", c.s, c.w, got, c.want)
		}
	}
}

func TestClip(t *testing.T) {
	cases := []struct {
		s    string
		n    int
		want string
	}{
		{"short", 40, "short"},
		{strings.Repeat("x", 40), 40, strings.Repeat("x", 40)},
		{strings.Repeat("x", 41), 40, strings.Repeat("x", 39) + "…"},
		{strings.Repeat("決", 41), 40, strings.Repeat("決", 39) + "…"},
		{strings.Repeat("e\u0301", 41), 40, strings.Repeat("e\u0301", 39) + "…"},
		{strings.Repeat("e\u0301", 40), 40, strings.Repeat("e\u0301", 40)}, // 80 code points, 40 letters
		{"ab👩\u200d👩\u200d👧cd", 4, "ab👩\u200d👩\u200d👧…"},
	}
	for _, c := range cases {
		if got := Clip(c.s, c.n); got != c.want {
			t.Errorf("Clip(%q, %d) = %q, want %q", c.s, c.n, got, c.want)
		}
	}
}

func TestWidthASCIIAsUniseg(t *testing.T) {
	// The printable-ASCII shortcut must agree with the segmenter it skips.
	for c := 0x20; c <= 0x7e; c++ {
		s := strings.Repeat(string(rune(c)), 3) + "ab"
		if Width(s) != uniseg.StringWidth(s) {
			t.Errorf("%q: Width %d, uniseg %d", s, Width(s), uniseg.StringWidth(s))
		}
		for w := 0; w <= 6; w++ {
			if got, want := Truncate(s, w), truncateSlow(s, w); got != want {
				t.Errorf("Truncate(%q, %d) = %q, the segmenter gives %q", s, w, got, want)
			}
		}
	}
}

// truncateSlow is Truncate without the ASCII shortcut.
func truncateSlow(s string, w int) string {
	if uniseg.StringWidth(s) <= w {
		return s
	}
	var b strings.Builder
	n, state := 0, -1
	for rest := s; rest != ""; {
		var cluster string
		var cw int
		cluster, rest, cw, state = uniseg.FirstGraphemeClusterInString(rest, state)
		if n+cw > w-1 {
			break
		}
		b.WriteString(cluster)
		n += cw
	}
	return b.String() + Ellipsis
}

func BenchmarkTable(b *testing.B) {
	t := listLike(NewScheme(true))
	for i := 0; i < 1000; i++ {
		t.AddRow(Cells(fmt.Sprintf("2026-11-%02d-incident-%05d", i%28+1, i), "SEV-2", "In Review", fmt.Sprintf("Owner %d", i%40),
			"2026-11-01", "2026-11-05 16:00", fmt.Sprintf("Elevated errors in service %d after the deploy", i))...)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t.Lines(100)
	}
}
