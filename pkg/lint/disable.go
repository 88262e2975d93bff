package lint

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/lazy"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// DisableNextLine returns a fix that silences a finding with the inline comment pm reads,
// <!-- pm-lint-disable-next-line RULE -->, put where it stands for the finding's line. It is not Safe:
// silencing a finding is a judgement. Titles are in lang.
//
// The comment is tried in these places, and the first that keeps the document's blocks as they were
// (a paragraph not split, a list not cut in two, a table not broken) and that pm reads as a directive
// for the finding's line is taken: the rule added to a disable-next-line comment on the line above
// (a second comment between would take that one's place); a line of its own above the finding's line, indented as that line's
// container is; the same, indented as a list item's text, inside the item above; the end of the line
// above (inline HTML in a paragraph); the last cell of the table row above. A finding in the front
// matter gets no fix (pm reads the comments in the body only), nor one in a file whose front matter
// is unusable, nor one where no place works (the first row below a table's delimiter row, a line inside
// a code block). It parses the text once for each place it tries: call it when a fix is asked for.
func DisableNextLine(src []byte, f Finding, lang i18n.Lang) Fix {
	doc := postmortem.Parse(f.Path, src, nil)
	content := doc.Content()
	if content.AST == nil || f.Rule == "" || !isDirectiveRule(f.Rule) {
		return Fix{}
	}
	if f.Line < 1 || f.Line > doc.LineCount() || doc.LineStart(f.Line) < doc.BodyOffset {
		return Fix{}
	}
	comment := "<!-- pm-lint-disable-next-line " + f.Rule + " -->"
	want := blockShape(content.AST)
	m := &srcMap{doc: doc}
	text := doc.Text
	lineStart := doc.LineStart(f.Line)
	line := lineText(text, lineStart)

	type place struct {
		at      int // offset in Text
		text    string
		ownLine bool // the finding moves one line down
	}
	var places []place
	if f.Line > 1 && doc.LineStart(f.Line-1) >= doc.BodyOffset {
		// a comment above for other rules takes this one too: a second comment between them would
		// leave the first one speaking for the new line
		prevStart := doc.LineStart(f.Line - 1)
		prev := lineText(text, prevStart)
		for _, d := range directiveRE.Get().FindAllStringSubmatchIndex(prev, -1) {
			if prev[d[2]:d[3]] == "disable-next-line" {
				places = append(places, place{prevStart + d[5], " " + f.Rule, false})
			}
		}
	}
	indent := containerPrefix(line)
	places = append(places, place{lineStart, indent + comment + "\n", true})
	if item := listItemRE.Get().FindString(line); item != "" {
		pad := []byte(item)
		for i := len(containerPrefix(item)); i < len(pad); i++ {
			if pad[i] != '\t' {
				pad[i] = ' '
			}
		}
		places = append(places, place{lineStart, string(pad) + comment + "\n", true})
	}
	if f.Line > 1 && doc.LineStart(f.Line-1) >= doc.BodyOffset {
		prevStart := doc.LineStart(f.Line - 1)
		prev := lineText(text, prevStart)
		trimmed := strings.TrimRight(prev, " \t")
		if strings.TrimSpace(prev) != "" {
			end := prevStart + len(trimmed)
			places = append(places, place{end, " " + comment, false})
			if strings.HasSuffix(trimmed, "|") && !strings.HasSuffix(trimmed, "\\|") {
				places = append(places, place{end - 1, comment + " ", false})
			}
		}
	}
	for _, p := range places {
		at := m.at(p.at)
		fix := Fix{Title: lang.T("fix.disable-next-line", f.Rule), Edits: []Edit{{Start: at, End: at, Text: lineEnds(doc, p.text)}}}
		out, err := ApplyEdits(src, fix.Edits)
		if err != nil {
			continue
		}
		after := postmortem.Parse(f.Path, out, nil)
		ac := after.Content()
		if ac.AST == nil || !slices.Equal(blockShape(ac.AST), want) {
			continue
		}
		target := f.Line
		if p.ownLine {
			target++
		}
		if !sameComplex(doc, after, f.Line, p.ownLine) {
			continue // the comment moved where pm stops reading: the findings would move with it
		}
		c := &Context{Doc: after, Content: ac}
		if silenced(Finding{Rule: f.Rule, Line: target}, c.inlineDirectives()) {
			return fix
		}
	}
	return Fix{}
}

// isDirectiveRule reports whether the directive's pattern reads id as a rule ID: one or more of a-z,
// 0-9 and "-".
func isDirectiveRule(id string) bool {
	for i := 0; i < len(id); i++ {
		if c := id[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return id != ""
}

var listItemRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp {
	return regexp.MustCompile(`^[ \t>]*(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]+|$)`)
}}

// lineText is the line of text starting at start, without its line end.
func lineText(text []byte, start int) string {
	end := bytes.IndexByte(text[start:], '\n')
	if end < 0 {
		return string(text[start:])
	}
	return string(text[start : start+end])
}

// containerPrefix is the indentation and block quote markers a line starts with.
func containerPrefix(line string) string {
	return line[:len(line)-len(strings.TrimLeft(line, " \t>"))]
}

// blockShape describes a document's blocks, HTML blocks left out: their kinds and depths, and whether
// each list is tight, so that two texts that differ by a comment compare equal.
func blockShape(root ast.Node) []string {
	var out []string
	depth := 0
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n.Type() == ast.TypeInline {
			return ast.WalkSkipChildren, nil
		}
		if !entering {
			depth--
			return ast.WalkContinue, nil
		}
		depth++
		if n.Kind() == ast.KindHTMLBlock {
			return ast.WalkContinue, nil
		}
		s := fmt.Sprintf("%d %s", depth, n.Kind())
		if l, ok := n.(*ast.List); ok && l.IsTight {
			s += " tight"
		}
		out = append(out, s)
		return ast.WalkContinue, nil
	})
	return out
}

// sameComplex reports whether the regions pm does not read start on the same lines in both texts,
// those from line down one further in after when the comment took a line of its own.
func sameComplex(before, after *postmortem.Doc, line int, ownLine bool) bool {
	b, a := before.Content().Complex, after.Content().Complex
	if len(a) != len(b) {
		return false
	}
	for i := range b {
		bl, _ := before.BodyPosition(b[i].Start)
		al, _ := after.BodyPosition(a[i].Start)
		if ownLine && bl >= line {
			bl++
		}
		if al != bl {
			return false
		}
	}
	return true
}
