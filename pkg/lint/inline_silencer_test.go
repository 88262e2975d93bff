package lint

import (
	"math/rand"
	"testing"
)

// TestSilencerAgreesWithSilenced: the index of directives answers as reading all of them does, for
// random directives in the file's order and out of it.
func TestSilencerAgreesWithSilenced(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	kinds := []string{"disable", "enable", "disable-next-line"}
	ruleSets := [][]string{nil, {"placeholder"}, {"banned-word"}, {"placeholder", "banned-word"}}
	for round := range 200 {
		var ds []directive
		line := 1
		for range rng.Intn(12) {
			line += rng.Intn(3)
			ds = append(ds, directive{kind: kinds[rng.Intn(3)], rules: ruleSets[rng.Intn(4)], line: line})
		}
		if round%5 == 0 {
			rng.Shuffle(len(ds), func(i, j int) { ds[i], ds[j] = ds[j], ds[i] })
		}
		s := newSilencer(ds)
		for l := 0; l <= line+2; l++ {
			for _, rule := range []string{"placeholder", "banned-word", "empty-section"} {
				f := Finding{Rule: rule, Line: l}
				if got, want := s.silenced(f), silenced(f, ds); got != want {
					t.Fatalf("%+v, directives %+v: silencer says %v, silenced %v", f, ds, got, want)
				}
			}
		}
	}
}
