package fold

import (
	"regexp"
	"testing"
	"unicode/utf8"
)

// FuzzPrefix holds Prefix to a regular expression's (?i) literal anchored at the start, for a
// string and for bytes alike.
func FuzzPrefix(f *testing.F) {
	for _, s := range [][2]string{{"kick", "\u212aICK!"}, {"scribe", "\u017fcribe:"}, {"ic", "IC"}, {"ab", "a"},
		{"x", "\xff"}, {"é", "É"}, {"インシデント", "インシデントコマンダー"}, {"s", ""}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, word, s string) {
		if word == "" || !utf8.ValidString(word) {
			return
		}
		want := 0
		if m := regexp.MustCompile(`^(?i:` + regexp.QuoteMeta(word) + `)`).FindStringIndex(s); m != nil {
			want = m[1]
		}
		if got := Prefix(s, []rune(word)); got != want {
			t.Errorf("Prefix(%q, %q) = %d, (?i) matches %d bytes", s, word, got, want)
		}
		if got := Prefix([]byte(s), []rune(word)); got != want {
			t.Errorf("Prefix([]byte(%q), %q) = %d, (?i) matches %d bytes", s, word, got, want)
		}
	})
}

func TestPrefixAllocatesNothing(t *testing.T) {
	b, w := []byte("\u212aelvin and more"), []rune("kelvin")
	if n := testing.AllocsPerRun(100, func() { Prefix(b, w) }); n != 0 {
		t.Errorf("Prefix of bytes allocates %v times", n)
	}
}
