package postmortem

import (
	"testing"

	"github.com/pm-tools/pm/internal/gencorpus"
)

// BenchmarkListStatsParts times, on generated postmortems (bench/gencorpus's documents), the parts
// of the work pm list and pm stats do for each file: a parse of the whole file (pm stats), of the
// file read up to the end of its front matter with the split found while reading (pm list), the
// split alone, and pm stats' action items (the section found, then its table read).
func BenchmarkListStatsParts(b *testing.B) {
	var docs [][]byte
	for i := 0; i < 50; i++ {
		_, d := gencorpus.Generate(1, i, 0.1, 5000)
		docs = append(docs, d)
	}
	b.Run("parse-whole", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			Parse("x.md", docs[i%50], nil)
		}
	})
	b.Run("parse-front", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			d := docs[i%50]
			end, s := FrontMatterSplit(d)
			ParseSplit("x.md", d[:end], s, nil)
		}
	})
	b.Run("split", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			FrontMatterSplit(docs[i%50])
		}
	})
	var parsed []*Doc
	for _, d := range docs {
		parsed = append(parsed, Parse("x.md", d, nil))
	}
	b.Run("actionitems", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			parsed[i%50].ActionItemsOnly()
		}
	})
	b.Run("findsection", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			findATXSection(parsed[i%50].Body, "action-items")
		}
	})
}
