package stats

import (
	"io"
	"testing"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// BenchmarkStatsCorpus runs pm stats in process over PM_BENCH_LIST documents (default 2,000) of the
// generated corpus scripts/bench.sh reports on (bench/gencorpus, seed 1, about 5 KB each), the report
// discarded: the in-process counterpart of the script's pm stats, for profiles.
func BenchmarkStatsCorpus(b *testing.B) {
	n := testenv.BenchFiles(2000)
	dir := testenv.Corpus(b, n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f, _, _ := cmdutil.TestFactory(dir, now, nil)
		f.IO.Out = io.Discard
		if err := statsRun(&Options{F: f, Format: "table"}); err != nil {
			b.Fatal(err)
		}
	}
}
