package postmortem

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

// plainRowByByte is plainRow as it was before its table of byte kinds: FuzzPlainRow holds the two
// together.
func plainRowByByte(l []byte) ([]string, bool) {
	if len(l) < 2 || l[0] != '|' || l[len(l)-1] != '|' {
		return nil, false
	}
	inner := l[1 : len(l)-1]
	cells := 1
	for i, b := range l {
		switch {
		case b < 0x20 || b == 0x7f:
			return nil, false
		case i == 0 || i == len(l)-1:
		case bytes.IndexByte([]byte("\\*_`[]<>&~!@"), b) >= 0:
			return nil, false
		case b == '|':
			cells++
		case b == ':' && bytes.HasPrefix(l[i:], []byte("://")),
			(b == 'w' || b == 'W') && len(l)-i >= 4 && l[i+1]|0x20 == 'w' && l[i+2]|0x20 == 'w' && l[i+3] == '.':
			return nil, false
		}
	}
	text := string(inner)
	out := make([]string, 0, cells)
	for {
		i := strings.IndexByte(text, '|')
		if i < 0 {
			return append(out, text), true
		}
		out, text = append(out, text[:i]), text[i+1:]
	}
}

// FuzzPlainRow checks that plainRow accepts and splits a table row exactly as the byte-by-byte
// version did.
//
//	go test -run '^$' -fuzz '^FuzzPlainRow$' -fuzztime 2m ./pkg/postmortem/
func FuzzPlainRow(f *testing.F) {
	for _, s := range []string{
		"| P0 | Cap the client timeout | prevent | Elena | 2024-02-11 | SEA-6293 |",
		"|a|b|", "||", "|", "| see https://x |", "| www.example.com |", "| WwW. |", "| ww |", "| w|",
		"| a\\|b |", "| *bold* |", "| tab\there |", "| \x7f |", "| ://|", "|:|", "| 日本語 | セル |",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, l []byte) {
		got, gotOK := plainRow(string(l))
		want, wantOK := plainRowByByte(l)
		if gotOK != wantOK || !slices.Equal(got, want) {
			t.Fatalf("plainRow(%q) = %q, %v; byte by byte %q, %v", l, got, gotOK, want, wantOK)
		}
	})
}
