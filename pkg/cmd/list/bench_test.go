package list

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// BenchmarkListCommand runs the whole of pm list in process, table to a discarded terminal, over
// PM_BENCH_LIST postmortems (default 1,000) shaped like the ones pm writes. scripts/bench-git.sh
// times the binary over a generated corpus of 10,000.
func BenchmarkListCommand(b *testing.B) {
	n := testenv.BenchFiles(1000)
	dir := b.TempDir()
	folder := filepath.Join(dir, "postmortems")
	if err := os.MkdirAll(folder, 0o755); err != nil {
		b.Fatal(err)
	}
	statuses := []string{"Draft", "In Review", "Reviewed", "Closed"}
	for i := 0; i < n; i++ {
		date := fmt.Sprintf("2026-%02d-%02d", i%11+1, i%28+1)
		src := doc(fmt.Sprintf("Elevated errors in service %d", i), fmt.Sprintf("SEV-%d", i%3+1), statuses[i%4],
			fmt.Sprintf("Owner %d", i%40), date, "", date+"T10:00:00Z") + "\n## Overview\n\nSome prose.\n"
		if err := os.WriteFile(filepath.Join(folder, fmt.Sprintf("%s-incident-%05d.md", date, i)), []byte(src), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f, _, _ := cmdutil.TestFactory(dir, now, nil)
		f.IO.Out, f.IO.OutTTY = io.Discard, true
		if err := listRun(&Options{F: f, Format: "table"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkListCorpus runs pm list in process over PM_BENCH_LIST documents (default 2,000) of the
// generated corpus scripts/bench.sh lists (bench/gencorpus, seed 1, about 5 KB each), the table
// to a discarded terminal: the in-process counterpart of the script's pm list, for profiles.
func BenchmarkListCorpus(b *testing.B) {
	n := testenv.BenchFiles(2000)
	dir := testenv.Corpus(b, n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f, _, _ := cmdutil.TestFactory(dir, now, nil)
		f.IO.Out, f.IO.OutTTY = io.Discard, true
		if err := listRun(&Options{F: f, Format: "table"}); err != nil {
			b.Fatal(err)
		}
	}
}
