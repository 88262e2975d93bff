package postmortem

import (
	"reflect"
	"testing"

	"github.com/pm-tools/pm/internal/gencorpus"
)

// TestScratchParseMatchesParse parses generated postmortems and the front matter seeds one after the
// other with one Scratch, as pm list's readers do, and holds each to a parse of its own.
func TestScratchParseMatchesParse(t *testing.T) {
	var texts [][]byte
	for i := 0; i < 200; i++ {
		_, d := gencorpus.Generate(1, i, 0.3, 3000)
		texts = append(texts, d)
	}
	for _, s := range blockSeeds {
		texts = append(texts, []byte(s))
	}
	var sc Scratch
	for round := 0; round < 2; round++ {
		for _, text := range texts {
			want := Parse("f.md", text, nil)
			var split *FrontSplit
			if end, s := FrontMatterSplit(text); end > 0 && round == 1 {
				text, split = text[:end], &s
			}
			got := ParseScratch("f.md", text, split, nil, &sc)
			if !reflect.DeepEqual(got.Fields, want.Fields) || !reflect.DeepEqual(got.Problems, want.Problems) ||
				!reflect.DeepEqual(got.Present, want.Present) || got.Usable() != want.Usable() {
				t.Fatalf("%q: with a scratch: %+v %v, alone: %+v %v", text, got.Fields, got.Problems, want.Fields, want.Problems)
			}
			if !reflect.DeepEqual(got.Root, want.Root) {
				t.Fatalf("%q: with a scratch the node tree differs", text)
			}
		}
	}
}

// TestPlainTicketKey holds the issue-key shortcut to the regular expression it stands in for.
func TestPlainTicketKey(t *testing.T) {
	for _, s := range []string{"OPS-12", "A1-2", "AB-", "A-1", "AB-1x", "ab-12", "1A-2", "AB12-345", "AB-12 ", " AB-12", "AB--1", "", "ÅB-1", "AB-١"} {
		if plainTicketKey(s) && !ticketRE.Get().MatchString(s) {
			t.Errorf("%q: taken for an issue key, which ticketRE does not match", s)
		}
	}
	for _, s := range []string{"OPS-12", "AB12-345", "INV-8307"} {
		if !plainTicketKey(s) {
			t.Errorf("%q: not taken for an issue key", s)
		}
	}
}
