package lint_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pm-tools/pm/pkg/lint"
)

// TestFindingsLieInsideTheirFile lints every fixture, and shortened copies of them, and holds every
// finding to a place an editor can show: a line of the file, a column at most one past its end.
func TestFindingsLieInsideTheirFile(t *testing.T) {
	l := newLinter(t, lint.Options{})
	files, _ := filepath.Glob(filepath.Join(fixtureRoot, "*", "*.md"))
	if len(files) < 20 {
		t.Fatalf("%d fixtures under %s", len(files), fixtureRoot)
	}
	checked := 0
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		// The whole file, without its final line end, and cut after the front matter (every section
		// is then missing and reported at the end).
		variants := map[string]string{"": string(src), " (no final newline)": strings.TrimRight(string(src), "\n")}
		if i := strings.Index(string(src), "\n---\n"); i > 0 {
			variants[" (front matter only)"] = string(src[:i+5])
		}
		for name, text := range variants {
			lines := strings.SplitAfter(text, "\n")
			if len(lines) > 1 && lines[len(lines)-1] == "" {
				lines = lines[:len(lines)-1]
			}
			for _, f := range l.Lint(file, []byte(text)) {
				checked++
				if f.Line < 1 || f.Line > len(lines) {
					t.Errorf("%s%s: %s finding at line %d of %d: %s", file, name, f.Rule, f.Line, len(lines), f.Message)
					continue
				}
				width := utf8.RuneCountInString(strings.TrimRight(lines[f.Line-1], "\r\n"))
				if f.Column < 1 || f.Column > width+1 {
					t.Errorf("%s%s: %s finding at %d:%d, the line has %d characters", file, name, f.Rule, f.Line, f.Column, width)
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no findings checked")
	}
}

// A finding after characters UTF-16 counts twice carries its UTF-16 columns too; the character
// columns stay what the text and JSON formats show.
func TestFindingsCarryUTF16Columns(t *testing.T) {
	l := newLinter(t, lint.Options{})
	src, err := os.ReadFile(filepath.Join(fixtureRoot, "banned-word", "bad.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(src)
	i := strings.Index(text, "during an outage")
	if i < 0 {
		t.Fatal("no outage in the fixture")
	}
	lineStart := strings.LastIndex(text[:i], "\n") + 1
	// Two emoji at the start of the line: two characters, four UTF-16 units.
	text = text[:lineStart] + "🔥🚒 " + text[lineStart:]
	var found bool
	for _, f := range l.Lint("a.md", []byte(text)) {
		if f.Rule != "banned-word" || f.Line != strings.Count(text[:i], "\n")+1 {
			continue
		}
		found = true
		col, end := f.UTF16Columns()
		if col != f.Column+2 || end != f.EndColumn+2 {
			t.Errorf("columns %d-%d, UTF-16 %d-%d; want UTF-16 two more", f.Column, f.EndColumn, col, end)
		}
	}
	if !found {
		t.Fatal("no banned-word finding on the line")
	}
}
