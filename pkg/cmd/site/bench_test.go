package site

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/pm-tools/pm/pkg/cmdutil"
)

// BenchmarkSite builds the whole site of the repository at $PM_BENCH_REPO (bench/gencorpus makes
// one): the folder of the build before is removed first, so that no cache is there to use.
func BenchmarkSite(b *testing.B) {
	dir := os.Getenv("PM_BENCH_REPO")
	if dir == "" {
		b.Skip("PM_BENCH_REPO names no repository")
	}
	out := b.TempDir() + "/site"
	for b.Loop() {
		b.StopTimer()
		if err := os.RemoveAll(out); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		f, _, _ := cmdutil.TestFactory(dir, now, nil)
		if err := siteRun(&Options{F: f, Out: out}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSiteRebuild rebuilds the site of $PM_BENCH_REPO after one postmortem changed: a line is
// added to the first file before each build (the file is restored at the end).
func BenchmarkSiteRebuild(b *testing.B) {
	dir := os.Getenv("PM_BENCH_REPO")
	if dir == "" {
		b.Skip("PM_BENCH_REPO names no repository")
	}
	out := b.TempDir() + "/site"
	f, _, _ := cmdutil.TestFactory(dir, now, nil)
	if err := siteRun(&Options{F: f, Out: out}); err != nil {
		b.Fatal(err)
	}
	entries, err := os.ReadDir(filepath.Join(dir, "postmortems"))
	if err != nil || len(entries) == 0 {
		b.Fatal("no postmortems", err)
	}
	path := filepath.Join(dir, "postmortems", entries[0].Name())
	src, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(path, src, 0o644)
	n := 0
	for b.Loop() {
		b.StopTimer()
		n++
		os.WriteFile(path, append(src, fmt.Sprintf("\nA line added, %d.\n", n)...), 0o644)
		f, _, _ := cmdutil.TestFactory(dir, now, nil)
		b.StartTimer()
		if err := siteRun(&Options{F: f, Out: out}); err != nil {
			b.Fatal(err)
		}
	}
}
