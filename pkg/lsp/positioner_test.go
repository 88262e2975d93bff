package lsp

import (
	"math/rand"
	"testing"
)

// TestPositionerAgreesWithPosition: offsets asked in any order, inside characters and CRLFs too,
// get the positions position gives.
func TestPositionerAgreesWithPosition(t *testing.T) {
	text := []byte("---\ntitle: x\n---\n停止 outage 😀 é\r\nab\xe6\x97c 停止停止停止\rlast\n")
	d := newDocument("file:///x.md", "/x.md", 1, text)
	rng := rand.New(rand.NewSource(1))
	p := d.positioner()
	for range 2000 {
		off := rng.Intn(len(text)+4) - 2
		if got, want := p.position(off), d.position(off); got != want {
			t.Fatalf("offset %d: positioner %+v, position %+v", off, got, want)
		}
	}
}
