package lint_test

import (
	"fmt"
	"strings"
	"testing"
)

// hostileFront is a complete front matter whose postmortem sends a customer message, so the rules
// that read only the External Message section read the generated body.
const hostileFront = "---\ntitle: x\nseverity: SEV-2\nstatus: Draft\nowner: Ana Souza\nincident_date: 2026-11-20\nexternal_message: true\n---\n\n# x\n\n## External Message\n\n"

// hostileShapes are bodies of about n bytes on which a rule, not the Markdown parser, did work that
// grew with the square of the input.
var hostileShapes = []struct {
	name string
	gen  func(n int) string
}{
	// a banned Japanese word over and over in one paragraph, each a finding
	{"ja-banned-word", func(n int) string { return repeatTo("停止", n) + "\n" }},
	// a banned English word over and over, each a finding with a fix per suggested term
	{"banned-words", func(n int) string { return repeatTo("outage ", n) + "\n" }},
	// a Japanese placeholder word over and over with no space
	{"ja-placeholder", func(n int) string { return repeatTo("調査中", n) + "\n" }},
	// disable comments, each over one line
	{"disable-blocks", func(n int) string { return repeatTo("<!-- pm-lint-disable placeholder -->\nTODO\n", n) }},
	{"disable-next-line", func(n int) string { return repeatTo("<!-- pm-lint-disable-next-line banned-word -->\noutage\n", n) }},
}

// BenchmarkHostile lints each hostile shape at 32 KB and 64 KB, in the External Message. Time per
// byte that grows from one size to the next is super-linear work.
//
//	go test -run '^$' -bench Hostile ./pkg/lint/
func BenchmarkHostile(b *testing.B) {
	l := benchLinter(b)
	for _, s := range hostileShapes {
		for _, size := range []int{32 << 10, 64 << 10} {
			src := []byte(hostileFront + s.gen(size) + strings.Repeat("\n", 1))
			b.Run(fmt.Sprintf("%s/%dKB", s.name, size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					l.Lint("bench.md", src)
				}
			})
		}
	}
}
