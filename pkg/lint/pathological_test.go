package lint_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/lint"
)

// pathologicalFront is the front matter of the generated pathological postmortems: complete, so every
// rule runs on the body.
const pathologicalFront = "---\ntitle: x\nseverity: SEV-2\nstatus: Draft\nowner: Ana Souza\nincident_date: 2026-11-20\n---\n\n# x\n\n## Overview\n\n"

// pathologicalShapes are bodies that make a Markdown parser work more than linearly unless pm bounds
// them. Each generator returns a body of about n bytes.
var pathologicalShapes = []struct {
	name string
	gen  func(n int) string
}{
	// "[a](" over and over on one line: every opener looks for a closing parenthesis to its right.
	{"link-open", func(n int) string { return repeatTo("[a](", n) + "\n" }},
	// "- - - - x": one list inside the next, on one line.
	{"list-line", func(n int) string { return repeatTo("- ", n) + "x\n" }},
	// a staircase of list items, each indented under the one above.
	{"list-stair", func(n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n; i++ {
			b.WriteString(strings.Repeat("  ", i) + "- x\n")
		}
		return b.String()
	}},
	// ">", "> >", "> > >": block quotes deepening line by line.
	{"quote-stair", func(n int) string {
		var b strings.Builder
		for i := 1; b.Len() < n; i++ {
			b.WriteString(strings.TrimSpace(strings.Repeat("> ", i)) + " x\n")
		}
		return b.String()
	}},
	// "> > > > x" on one line.
	{"quote-line", func(n int) string { return repeatTo("> ", n) + "x\n" }},
	// mixed emphasis delimiters, which the delimiter stack pairs up.
	{"emphasis", func(n int) string { return repeatTo("*_*_**__a", n) + "\n" }},
	{"emphasis-open", func(n int) string { return repeatTo("*a _a **a __a ", n) + "\n" }},
	{"link-title", func(n int) string { return repeatTo("[a](b (", n) + "\n" }},
	{"link-open-lines", func(n int) string { return repeatTo("[a](\n", n) }},
	{"link-title-tail", func(n int) string { return strings.Repeat("[a](b (", 1000) + repeatTo("word ", max(n-7000, 0)) + "\n" }},
	{"emphasis-mixed", func(n int) string { return repeatTo("*a_b*c_d**e_f*g**h*i_j** ", n) + "\n" }},
	{"emphasis-pairs", func(n int) string { return repeatTo("*t ", n/2) + repeatTo("_t*_ ", n/2) + "\n" }},
	// list items at and past the bound on emphasis delimiters
	{"emphasis-items", func(n int) string { return repeatTo("- "+strings.Repeat("*_", 127)+"\n", n) }},
	{"emphasis-items-short", func(n int) string { return repeatTo("- "+strings.Repeat("*_", 16)+"\n", n) }},
	{"emphasis-items-long", func(n int) string {
		return repeatTo("- "+strings.Repeat("*_", 60)+strings.Repeat(" text", 200)+"\n", n)
	}},
	{"emphasis-items-mixed", func(n int) string { return repeatTo("- "+strings.Repeat("*a_b*c_d**e_f*g**h*i_j** ", 23)+"\n", n) }},
	{"emphasis-paras", func(n int) string { return repeatTo(repeatTo("*_*_**__a", 4000)+"\n\n", n) }},
	{"brackets", func(n int) string { return repeatTo("[", n) + "a" + "\n" }},
	{"brackets-text", func(n int) string { return repeatTo("[a ", n) + "\n" }},
	{"images", func(n int) string { return repeatTo("![a](", n) + "\n" }},
	{"nested-links", func(n int) string {
		d := n / 8
		return strings.Repeat("[![a", d) + strings.Repeat("](b)", d) + "\n"
	}},
	// backtick runs of growing length: no run is closed by a run of the same length.
	{"backticks", func(n int) string {
		var b strings.Builder
		for i := 1; b.Len() < n; i++ {
			b.WriteString(strings.Repeat("`", i) + "a")
		}
		return b.String() + "\n"
	}},
	{"backticks-pairs", func(n int) string { return repeatTo("` `` ", n) + "\n" }},
	{"refdefs", func(n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n; i++ {
			fmt.Fprintf(&b, "[r%d]: https://example.com/%d\n", i, i)
		}
		b.WriteString("\n[r1] [r2] [nope]\n")
		return b.String()
	}},
	{"refs", func(n int) string {
		var b strings.Builder
		b.WriteString("[r]: https://example.com/\n\n")
		b.WriteString(repeatTo("[a][r] [b] ", n))
		return b.String() + "\n"
	}},
	{"table-rows", func(n int) string {
		var b strings.Builder
		b.WriteString("| a | b | c |\n| - | - | - |\n")
		for b.Len() < n {
			b.WriteString("| 1 | 2 | 3 |\n")
		}
		return b.String()
	}},
	{"table-wide", func(n int) string {
		cols := n / 8
		return "|" + strings.Repeat(" a |", cols) + "\n|" + strings.Repeat("-|", cols) + "\n|" + strings.Repeat(" b |", cols) + "\n"
	}},
	{"table-uneven", func(n int) string {
		var b strings.Builder
		cols := 1000
		b.WriteString("|" + strings.Repeat(" a |", cols) + "\n|" + strings.Repeat("-|", cols) + "\n")
		for b.Len() < n {
			b.WriteString("|x|\n")
		}
		return b.String()
	}},
	// escaped pipes in code in table cells: goldmark looks through all of the document's for each
	{"table-escaped-pipes", func(n int) string { return "| a | b |\n| - | - |\n" + repeatTo("| `a\\|b` | \\| |\n", n) }},
	{"angle", func(n int) string { return repeatTo("<", n) + "\n" }},
	{"angle-tags", func(n int) string { return repeatTo("<a ", n) + "\n" }},
	{"html-comment", func(n int) string { return repeatTo("a <!-- ", n) + "\n" }},
	{"autolink", func(n int) string { return repeatTo("www.a ", n) + "\n" }},
	{"strike", func(n int) string { return repeatTo("~~a ~ ", n) + "\n" }},
	{"entities", func(n int) string { return repeatTo("&#", n) + "\n" }},
	{"escapes", func(n int) string { return repeatTo("\\", n) + "\n" }},
	{"setext-lines", func(n int) string { return repeatTo("a\n=\n", n) }},
	{"headings", func(n int) string { return repeatTo("## Overview\n", n) }},
	{"fences", func(n int) string { return repeatTo("```\n", n) }},
	{"indented-lines", func(n int) string { return repeatTo("    a\n", n) }},
	{"list-items", func(n int) string { return repeatTo("- a\n", n) }},
	{"long-line", func(n int) string { return repeatTo("word ", n) + "\n" }},
}

// repeatTo repeats unit to at least n bytes.
func repeatTo(unit string, n int) string {
	return strings.Repeat(unit, (n+len(unit)-1)/len(unit))
}

func pathologicalDoc(gen func(int) string, n int) []byte {
	var b bytes.Buffer
	b.WriteString(pathologicalFront)
	b.WriteString(gen(n - len(pathologicalFront)))
	return b.Bytes()
}

// BenchmarkPathological lints each pathological shape at 100 KB and 1 MB. Time per byte that grows from
// one size to the next is the super-linear work pm bounds.
//
//	go test -run '^$' -bench Pathological -benchtime 1x ./pkg/lint/
func BenchmarkPathological(b *testing.B) {
	l := benchLinter(b)
	for _, s := range pathologicalShapes {
		for _, size := range []int{100 << 10, 1 << 20} {
			src := pathologicalDoc(s.gen, size)
			b.Run(fmt.Sprintf("%s/%dKB", s.name, size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					l.Lint("bench.md", src)
				}
			})
		}
	}
}

// TestTooComplexKeepsTheRest: past a bound pm reads nothing, but the rest of the file is linted as
// before, every other finding where it was. The same document with plain text of the same shape in
// place of the pathological lines must give the same findings of the other rules.
func TestTooComplexKeepsTheRest(t *testing.T) {
	l := newLinter(t, lint.Options{})
	doc := edit(t, baseDoc(t), "failed because a\n", "failed because a TODO\n")
	for _, tc := range []struct {
		name, bad string
		col       int // where the too-complex finding starts on the bad line
	}{
		{"delimiters", "停止 " + strings.Repeat("[a](", 300), 4 + 256*4},
		{"nesting", strings.Repeat("> ", 40) + "TODO", 65},
	} {
		t.Run(tc.name, func(t *testing.T) {
			plain := strings.Repeat("x", len(tc.bad))
			insert := func(line string) string {
				return edit(t, doc, "Failed checkouts in the window:\n", "Failed checkouts in the window:\n\n"+line+"\n\nStill TBD.\n")
			}
			bad, good := lintDoc(t, l, insert(tc.bad)), lintDoc(t, l, insert(plain))
			var complex, others []lint.Finding
			for _, f := range bad {
				if f.Rule == "too-complex" {
					complex = append(complex, f)
				} else {
					others = append(others, f)
				}
			}
			line, _, _ := at(t, insert(tc.bad), tc.bad)
			if len(complex) != 1 || complex[0].Line != line || complex[0].Column != tc.col || complex[0].Severity != lint.Error {
				t.Errorf("too-complex findings %+v, want one error at %d:%d", complex, line, tc.col)
			}
			if findingsText(others) != findingsText(good) {
				t.Errorf("the other findings moved or changed:\n%s\nwith plain text instead:\n%s", findingsText(others), findingsText(good))
			}
			if len(ofRule(good, "placeholder")) != 2 {
				t.Errorf("want the TODO before and the TBD after the line, got:\n%s", findingsText(good))
			}
		})
	}
}

// BenchmarkFrontMatterLongLine lints a front matter whose one line holds n bad status_history items,
// each a finding on that line: time per byte that grows with n is a position or a line length
// counted again per finding (it was: 40,000 items took 10 s).
//
//	go test -run '^$' -bench FrontMatterLongLine ./pkg/lint/
func BenchmarkFrontMatterLongLine(b *testing.B) {
	l := benchLinter(b)
	for _, n := range []int{20000, 40000} {
		src := []byte("---\ntitle: X\nseverity: SEV-2\nstatus: Draft\nowner: A\nincident_date: 2026-11-20\nstatus_history: [" +
			strings.Repeat("1, ", n) + "1]\n---\n# X\n")
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				l.Lint("bench.md", src)
			}
		})
	}
}
