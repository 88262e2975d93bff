package site

import (
	"os"
	"testing"

	"github.com/pm-tools/pm/pkg/cmdutil"
)

// BenchmarkSite builds the site of the repository at $PM_BENCH_REPO (bench/gencorpus makes one).
func BenchmarkSite(b *testing.B) {
	dir := os.Getenv("PM_BENCH_REPO")
	if dir == "" {
		b.Skip("PM_BENCH_REPO names no repository")
	}
	out := b.TempDir() + "/site"
	for b.Loop() {
		f, _, _ := cmdutil.TestFactory(dir, now, nil)
		if err := siteRun(&Options{F: f, Out: out}); err != nil {
			b.Fatal(err)
		}
	}
}
