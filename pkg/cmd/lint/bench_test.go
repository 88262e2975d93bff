package lint

import (
	"testing"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// BenchmarkLintCommand runs pm lint in-process over 2,000 generated postmortems, reading them from
// disk as the command does: the whole path but process start-up. scripts/bench.sh times the binary
// against the goldmark floor.
//
//	go test -run '^$' -bench LintCommand -benchmem ./pkg/cmd/lint
func BenchmarkLintCommand(b *testing.B) {
	dir := testenv.Corpus(b, 2000)
	b.ReportAllocs()
	for b.Loop() {
		if _, errOut, code := run(b, dir, Options{Format: "json"}); code != 1 {
			b.Fatalf("exit %d: %s", code, errOut)
		}
	}
}
