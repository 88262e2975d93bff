package lint

import (
	"path/filepath"
	"testing"

	"github.com/pm-tools/pm/internal/gencorpus"
)

// BenchmarkLintCommand runs pm lint in-process over 2,000 generated postmortems, reading them from
// disk as the command does: the whole path but process start-up. scripts/bench.sh times the binary
// against the goldmark floor.
//
//	go test -run '^$' -bench LintCommand -benchmem ./pkg/cmd/lint
func BenchmarkLintCommand(b *testing.B) {
	dir := b.TempDir()
	if _, err := gencorpus.Write(filepath.Join(dir, "postmortems"), 2000, 1, 0.1, 5000); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, errOut, code := run(b, dir, Options{Format: "json"}); code != 1 {
			b.Fatalf("exit %d: %s", code, errOut)
		}
	}
}
