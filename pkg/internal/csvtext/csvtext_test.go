package csvtext

import (
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	for _, c := range []struct {
		in   []byte
		want string
	}{
		{[]byte("time,event\n"), "time,event\n"},
		{[]byte("\xEF\xBB\xBF時刻,出来事\r\n"), "時刻,出来事\r\n"},
		{[]byte("\xFF\xFEt\x00,\x00\xA2\x30\n\x00"), "t,ア\n"}, // UTF-16LE
		{[]byte("\xFE\xFF\x00t\x00,\x30\xA2\x00\n"), "t,ア\n"}, // UTF-16BE
		{[]byte("\xFF\xFE\x3D\xD8\x25\xDD"), "🔥"},             // a surrogate pair
		{[]byte(""), ""},
	} {
		got, err := Text(c.in)
		if err != nil || string(got) != c.want {
			t.Errorf("Text(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	for in, want := range map[string]string{
		"time,event\n2026-11-20 09:14,\x83f\x83v\x83\x8d\x83C\n": "line 2 is not UTF-8 text: save the file as CSV UTF-8", // Shift_JIS
		"\x8e\x9e\x8d\x8f,\x8fo\x97\x88\x8e\x96\n":               "line 1 is not UTF-8 text",
		"\xFF\xFEa":             "an odd number of bytes",
		"\xFF\xFE\x3D\xD8a\x00": "a lone surrogate",
	} {
		if _, err := Text([]byte(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Text(%q): %v, want an error saying %q", in, err, want)
		}
	}
}

func TestComma(t *testing.T) {
	for in, want := range map[string]rune{
		"time,event\n": ',', "time;event\n2026;x,y\n": ';', "time\tevent\n": '\t', "time\n": ',', "": ',',
		"time;event,link\n": ',', "a\tb;c\n": '\t',
	} {
		if got := Comma([]byte(in)); got != want {
			t.Errorf("Comma(%q) = %q, want %q", in, got, want)
		}
	}
}
