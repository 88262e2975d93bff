package fold

import (
	"regexp"
	"strings"
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

// Key makes one name of its encodings and cases, and of nothing else.
func TestKey(t *testing.T) {
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"caf\u00e9", "cafe\u0301", true}, // composed, decomposed (macOS)
		{"caf\u00e9", "CAFE\u0301", true},
		{" Checkout ", "checkout", true},
		{"\u212aafka", "kafka", true}, // the Kelvin sign, as EqualFold reads it
		{"caf\u00e9", "cafe", false},
		{"決済API", "決済api", true},
	} {
		if got := Key(c.a) == Key(c.b); got != c.same || Equal(c.a, c.b) != c.same {
			t.Errorf("Key(%q) == Key(%q): %v, want %v", c.a, c.b, got, c.same)
		}
		if c.same && strings.EqualFold(Form(c.a), Form(c.b)) != true {
			t.Errorf("Form(%q), Form(%q) differ by more than case", c.a, c.b)
		}
	}
}
