package testenv

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/pm-tools/pm/internal/gencorpus"
)

// Corpus writes documents 0 … n-1 of the generated corpus scripts/bench.sh measures (seed 1, about
// 5 KB each, one in ten with a mistake pm lint reports) into the postmortems folder of a new temporary
// folder, and returns that folder: for the tests that hold pm's output on it unchanged and the
// benchmarks that profile the script's commands in process.
func Corpus(t testing.TB, n int) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := gencorpus.Write(filepath.Join(dir, "postmortems"), n, 1, 0.1, 5000); err != nil {
		t.Fatal(err)
	}
	return dir
}

// BenchFiles is the number of files a benchmark of pm list, pm stats or the project's reading makes:
// PM_BENCH_LIST when set (10000 for the size scripts/bench.sh measures), else def.
func BenchFiles(def int) int {
	n := def
	if v := os.Getenv("PM_BENCH_LIST"); v != "" {
		fmt.Sscan(v, &n)
	}
	return n
}
