package postmortem

import (
	"bytes"
	"strings"
	"testing"
)

const complexFront = "---\ntitle: x\n---\n## Overview\n\n"

// region is what a test expects of a Complex region: its kind and the body text it starts with.
type region struct {
	kind  ComplexKind
	start string // the region's first bytes
	lines int    // the line breaks it spans
}

func TestBoundComplexity(t *testing.T) {
	stair := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(strings.Repeat("  ", i) + "- step\n")
		}
		return b.String()
	}
	refdefs := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString("[r" + strings.Repeat("x", i%7) + "]: https://example.com/\n")
		}
		return b.String()
	}
	for _, tc := range []struct {
		name string
		body string
		want []region
	}{
		{"plain", "Some text with *emphasis*, [a link](https://example.com) and `code`.\n", nil},
		{"32 block quotes", strings.Repeat("> ", 32) + "x\n", nil},
		{"33 block quotes", strings.Repeat("> ", 33) + "x\n", []region{{ComplexNesting, "> x", 0}}},
		{"33 list markers", strings.Repeat("- ", 20) + strings.Repeat("1. ", 13) + "x\n", []region{{ComplexNesting, "1. x", 0}}},
		{"quotes and lists", strings.Repeat("> - ", 17) + "x\n", []region{{ComplexNesting, "> - x", 0}}},
		{"staircase of 32", stair(32), nil},
		{"staircase of 34", stair(34), []region{{ComplexNesting, "- step\n", 1}}},
		{"staircase after a blank line", stair(20) + "\ntext\n\n" + stair(20), nil},
		{"thematic breaks are not lists", strings.Repeat("-", 200) + "\n" + strings.Repeat("* ", 100) + "\n", nil},
		{"deepening block quotes", func() string {
			var b strings.Builder
			for i := 1; i <= 40; i++ {
				b.WriteString(strings.Repeat(">", i) + " x\n")
			}
			return b.String()
		}(), []region{{ComplexNesting, "> x\n", 7}}},
		{"256 delimiters", strings.Repeat("[a](", 256) + "\n", nil},
		{"257 delimiters", strings.Repeat("[a](", 257) + "\n", []region{{ComplexDelimiters, "[a](", 0}}},
		{"delimiters over lines", strings.Repeat("[a] [b]\n", 128) + "[c]\nend\n", []region{{ComplexDelimiters, "[c]\nend", 1}}},
		{"paragraphs each under the bound", strings.Repeat(strings.Repeat("[a] `b` <c> ", 64)+"\n\n", 5), nil},
		{"emphasis in a short block", strings.Repeat("*a* _b_ **c** ~~d~~ ", 4) + "\n", nil},
		{"emphasis past the bound of a short block", "- " + strings.Repeat("*_", 20) + "\n- ok\n", []region{{ComplexDelimiters, "*_*_*_*_", 0}}},
		{"emphasis in a long paragraph", strings.Repeat("**bold** words in between. ", 100) + "\n", nil},
		{"emphasis past the bound of a long paragraph", strings.Repeat("**bold** words. ", 100) + "\n", []region{{ComplexDelimiters, "**", 0}}},
		{"delimiters in code are not read", "```\n" + strings.Repeat("[a](*_*_\n", 100) + "```\n\n    " + strings.Repeat("**_", 300) + "\n", nil},
		{"delimiters in a table cell", "| a | b |\n| - | - |\n| " + strings.Repeat("[", 300) + " | [x](y) |\n",
			[]region{{ComplexDelimiters, "[[[", 0}}},
		{"table rows under the bound", "| a | b | c |\n| - | - | - |\n" + strings.Repeat("| 1 | 2 | 3 |\n", 500), nil},
		{"table padded to a wide header", "|" + strings.Repeat(" h |", 300) + "\n|" + strings.Repeat("-|", 300) + "\n" + strings.Repeat("x\n", 20) + "\nafter\n",
			[]region{{ComplexTable, "x\n", 14}}},
		{"table cells at the bound", "| a | b | c | d |\n| - | - | - | - |\n" + strings.Repeat("| 1 | 2 | 3 | 4 |\n", (MaxTableCells-8)/4), nil},
		{"table cells past the bound, and the next table", "| a | b | c | d |\n| - | - | - | - |\n" + strings.Repeat("| 1 | 2 | 3 | 4 |\n", (MaxTableCells-8)/4+2) +
			"\ntext\n\n| e | f |\n| - | - |\n| 5 | 6 |\n| 7 | 8 |\n",
			[]region{{ComplexTableCells, "| 1 | 2 | 3 | 4 |\n| 1", 1}, {ComplexTableCells, "| 5 | 6 |\n| 7 | 8 |", 1}}},
		{"256 escaped pipes", "| a | b |\n| - | - |\n" + strings.Repeat("| `x \\| y` | \\| |\n", 64) + "\n| `\\|` |\n| - |\n" + strings.Repeat("| `x \\| y` | \\| |\n", 63), nil},
		{"257 escaped pipes", "| a | b |\n| - | - |\n" + strings.Repeat("| `x \\| y` | \\| |\n", 128) + "\n| `\\|` |\n| - |\n| x |\n\nafter\n",
			[]region{{ComplexEscapedPipes, "| `\\|` |\n| - |\n| x |", 2}}},
		{"escaped pipes outside tables", strings.Repeat("`x \\| y` \\|\n\n", 300), nil},
		{"256 reference definitions", refdefs(256), nil},
		{"257 reference definitions", refdefs(257) + "text\n\n[a]: b\n", []region{{ComplexRefDefs, "[rxxxx]: https://example.com/\ntext", 1}}},
		// goldmark ends lines at LF only: a lone CR is white space inside the line
		{"lone CRs", strings.Repeat("> ", 10) + "\r" + strings.Repeat("> ", 40) + "x\r", []region{{ComplexNesting, strings.Repeat("> ", 18) + "x\r", 0}}},
		{"lone CRs do not split a paragraph", strings.Repeat("*a_b*\r\r", 100), []region{{ComplexDelimiters, "*a_b*\r\r*a_b*", 0}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := []byte(tc.body)
			src, cs := boundComplexity(body)
			if len(src) != len(body) {
				t.Fatalf("the parsed body is %d bytes, the body %d", len(src), len(body))
			}
			if len(cs) != len(tc.want) {
				t.Fatalf("got regions %+v, want %d", cs, len(tc.want))
			}
			if len(cs) == 0 && &src[0] != &body[0] {
				t.Error("a body within the bounds was copied")
			}
			for i, w := range tc.want {
				c := cs[i]
				got := string(body[c.Start:c.End])
				if c.Kind != w.kind || !strings.HasPrefix(got, w.start) || strings.Count(got, "\n") != w.lines {
					t.Errorf("region %d: kind %d %q, want kind %d starting %q over %d line breaks", i, c.Kind, got, w.kind, w.start, w.lines)
				}
			}
			// Only the regions change, and only to spaces; line breaks stay.
			inside := make([]bool, len(body))
			for _, c := range cs {
				for k := c.Start; k < c.End; k++ {
					inside[k] = true
				}
			}
			for k := range body {
				switch {
				case body[k] == '\n' || !inside[k]:
					if src[k] != body[k] {
						t.Fatalf("byte %d changed from %q to %q", k, body[k], src[k])
					}
				case src[k] != ' ':
					t.Fatalf("byte %d in a region is %q, not a space", k, src[k])
				}
			}
		})
	}
}

// TestComplexContent: the document keeps its text and its positions; Content parses the blanked
// body and records where.
func TestComplexContent(t *testing.T) {
	deep := strings.Repeat("> ", 40) + "TODO\n"
	src := complexFront + "Before.\n\n" + deep + "\n## Impact\n\nAfter TODO.\n"
	d := Parse("a.md", []byte(src), nil)
	c := d.Content()
	if !bytes.Equal(d.Body, []byte(src[len(complexFront)-len("## Overview\n\n"):])) {
		t.Fatalf("the document's body changed: %q", d.Body)
	}
	if len(c.Complex) != 1 || c.Complex[0].Kind != ComplexNesting {
		t.Fatalf("regions %+v, want one of nesting", c.Complex)
	}
	line, col := d.BodyPosition(c.Complex[0].Start)
	if line != 8 || col != 65 {
		t.Errorf("region at %d:%d, want 8:65 (the 33rd >)", line, col)
	}
	if bytes.Contains(c.Src, []byte("> TODO")) || len(c.Src) != len(d.Body) {
		t.Errorf("Src still holds the deep text or changed length: %q", c.Src)
	}
	if text, ok := c.Text("impact"); !ok || text != "After TODO." {
		t.Errorf("the section after the region: %q, %v", text, ok)
	}
}
