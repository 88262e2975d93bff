package present

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLine(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Checkout latency", "Checkout latency"},
		{"決済の遅延 👩\u200d👩\u200d👧 Cafe\u0301 a\u200bb \u2764\ufe0f", "決済の遅延 👩\u200d👩\u200d👧 Cafe\u0301 a\u200bb \u2764\ufe0f"},
		{`C:\path\x1b stays`, `C:\path\x1b stays`}, // a backslash is text
		// terminal escapes: set the title, clear the screen, colour, a hyperlink, 8-bit CSI
		{"\x1b]0;pwned\a\x1b[2J", `\x1b]0;pwned\x07\x1b[2J`},
		{"\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", `\x1b]8;;https://evil.example\x1b\click\x1b]8;;\x1b\`},
		{"a\u009b2Jb", `a\u009b2Jb`},
		{"a\u0090q\u009c", `a\u0090q\u009c`},
		{"nul\x00del\x7fbs\bbell\a", `nul\x00del\x7fbs\x08bell\x07`},
		// line breaks and tabs in one line
		{"Aiko\rSato", "Aiko Sato"},
		{"Aiko\r\nSato", "Aiko Sato"},
		{"Aiko\nSato\n", "Aiko Sato "},
		{"a\n\nb", "a  b"},
		{"a\tb\vc\fd", "a b c d"},
		{"a\u0085b\u2028c\u2029d", "a b c d"},
		// bidirectional formatting
		{"abc\u202egnp.exe", `abc\u202egnp.exe`},
		{"\u202a\u202b\u202c\u202d\u202e", `\u202a\u202b\u202c\u202d\u202e`},
		{"\u2066x\u2067y\u2068z\u2069", `\u2066x\u2067y\u2068z\u2069`},
		{"\u200eL\u200fR\u061cA", `\u200eL\u200fR\u061cA`},
		{"שלום עולם مرحبا", "שלום עולם مرحبا"}, // right-to-left text itself is text
		// bytes that are not UTF-8
		{"ok\xffno\xc3", `ok\xffno\xc3`},
		{"\xe2\x80\xae", `\u202e`}, // U+202E written as its bytes is still U+202E
		{"\ufffd", "\ufffd"},
	}
	for _, c := range cases {
		if got := Line(c.in); got != c.want {
			t.Errorf("Line(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"one\ntwo\n", "one\ntwo\n"},
		{"one\r\ntwo\r\n", "one\ntwo\n"},
		{"Approved\rRejected", "Approved\nRejected"}, // a lone CR cannot write over the line
		{"a\tb", "a\tb"},
		{"a\vb\fc", `a\x0bb\x0cc`},
		{"a\u0085b", `a\u0085b`},
		{"a\u2028b", "a\u2028b"},
		{"\x1b]0;pwned\a\x1b[2J\n\u202eabc", "\\x1b]0;pwned\\x07\\x1b[2J\n\\u202eabc"},
	}
	for _, c := range cases {
		if got := Text(c.in); got != c.want {
			t.Errorf("Text(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// hostile returns whether s holds anything that can act on a terminal: a control character other
// than the ones allowed, a bidirectional formatting character, or bytes that are not UTF-8.
func hostile(s string, allowed string) bool {
	if !utf8.ValidString(s) {
		return true
	}
	for _, r := range s {
		if (r < 0x20 || (r >= 0x7f && r <= 0x9f) || isBidi(r)) && !strings.ContainsRune(allowed, r) {
			return true
		}
	}
	return false
}

func TestSanitiseEveryRune(t *testing.T) {
	// Every code point up to U+FFFF and the bidi ones, alone and between letters: nothing hostile
	// comes out, a line stays one line, and sanitising twice changes nothing more.
	for r := rune(0); r <= 0xffff; r++ {
		if r >= 0xd800 && r <= 0xdfff {
			continue
		}
		in := "a" + string(r) + "b"
		line, text := Line(in), Text(in)
		if hostile(line, "") {
			t.Errorf("Line(%q) = %q", in, line)
		}
		if hostile(text, "\n\t") {
			t.Errorf("Text(%q) = %q", in, text)
		}
		if Line(line) != line || Text(text) != text {
			t.Errorf("%U: sanitising twice changes the result", r)
		}
	}
}

func TestSanitiseCleanIsUnchanged(t *testing.T) {
	s := "Checkout latency 決済 👩\u200d💻"
	if Line(s) != s || Text(s+"\n") != s+"\n" {
		t.Error("a clean string changed")
	}
	if n := testing.AllocsPerRun(100, func() { Line(s) }); n != 0 {
		t.Errorf("Line of a clean string: %v allocations", n)
	}
}

func TestWriter(t *testing.T) {
	var b bytes.Buffer
	w := Writer(&b)
	n, err := w.Write([]byte("x.md:1:1: error: \x1b[2J\u202e [rule]\n"))
	if err != nil || n != len("x.md:1:1: error: \x1b[2J\u202e [rule]\n") {
		t.Fatalf("Write: %d, %v", n, err)
	}
	if want := "x.md:1:1: error: \\x1b[2J\\u202e [rule]\n"; b.String() != want {
		t.Errorf("wrote %q, want %q", b.String(), want)
	}
}

func FuzzSanitise(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b]0;pwned\a\x1b[2J", "a\r\nb\rc", "\u202e\u2066", "\xff\xc3", "e\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		line, text := Line(s), Text(s)
		if hostile(line, "") || strings.ContainsAny(line, "\n\r") {
			t.Errorf("Line(%q) = %q", s, line)
		}
		if hostile(text, "\n\t") || strings.Contains(text, "\r") {
			t.Errorf("Text(%q) = %q", s, text)
		}
		if Line(line) != line || Text(text) != text {
			t.Errorf("%q: not idempotent", s)
		}
	})
}

func TestName(t *testing.T) {
	for _, c := range []struct{ in, name, keeping string }{
		{"postmortems/a.md", "postmortems/a.md", "postmortems/a.md"},
		{"postmortems/new\nline.md", `postmortems/new\nline.md`, "postmortems/new\nline.md"},
		{"a\r\nb\rc", `a\r\nb\rc`, "a\r\nb\rc"},
		{"\n", `\n`, "\n"},
		{"esc\x1b[31m\n.md", `esc\x1b[31m\n.md`, "esc\\x1b[31m\n.md"},
		{"tab\there\u2028x", `tab\there x`, "tab\there x"}, // a tab shown as git quotes it, not as a space
	} {
		if got := Name(c.in); got != c.name {
			t.Errorf("Name(%q) = %q, want %q", c.in, got, c.name)
		}
		if got := NameKeepingBreaks(c.in); got != c.keeping {
			t.Errorf("NameKeepingBreaks(%q) = %q, want %q", c.in, got, c.keeping)
		}
	}
}
