package lint

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// textRun is a piece of prose: the bytes of a Text node and where they start in the body.
type textRun struct {
	Start int
	Value []byte
}

// proseRuns returns the prose under the given nodes: text a reader sees, not code, not HTML's tags
// and comments (the text an HTML block shows is prose), not URLs.
func proseRuns(nodes []ast.Node, src []byte) []textRun {
	var out []textRun
	for _, n := range nodes {
		_ = ast.Walk(n, func(x ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			switch t := x.(type) {
			case *ast.HTMLBlock:
				out = append(out, htmlRuns(t, src)...)
				return ast.WalkSkipChildren, nil
			case *ast.CodeSpan, *ast.FencedCodeBlock, *ast.CodeBlock, *ast.RawHTML, *ast.AutoLink:
				return ast.WalkSkipChildren, nil
			case *ast.Text:
				out = append(out, textRun{Start: t.Segment.Start, Value: t.Segment.Value(src)})
			}
			return ast.WalkContinue, nil
		})
	}
	return out
}

// htmlRuns are the runs of text an HTML block shows (<div>TBD</div>, a cell of a <table>), where
// they are in src: what lies between its tags, its comments and the insides of <script>, <style>
// and <pre> left out (a comment is the template's guidance; <pre> is code).
func htmlRuns(h *ast.HTMLBlock, src []byte) []textRun {
	var out []textRun // the block's lines
	lines := h.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		if seg.Stop <= seg.Start {
			continue
		}
		out = append(out, textRun{Start: seg.Start, Value: src[seg.Start:seg.Stop]})
	}
	if len(out) == 0 {
		return nil
	}
	// the block's lines are contiguous in src but for container prefixes (a quote's "> "), which are
	// no tags: each line is read on its own, a tag or comment open across lines carried on
	var runs []textRun
	inComment, inTag, skipTo := false, false, ""
	var quote byte       // the quote an attribute value of the tag open is in
	afterEquals := false // the tag's last character but spaces was =: a value may start
	for _, line := range out {
		b, at := line.Value, line.Start
		textStart := -1
		flush := func(end int) {
			if textStart >= 0 && end > textStart {
				runs = append(runs, textRun{Start: at + textStart, Value: b[textStart:end]})
			}
			textStart = -1
		}
		for j := 0; j < len(b); {
			switch {
			case inComment:
				if k := bytes.Index(b[j:], []byte("-->")); k >= 0 {
					j += k + 3
					inComment = false
				} else {
					j = len(b)
				}
			case inTag:
				// to the tag's end, a > inside a quoted value (title="a>b") not its end; a quote
				// starts a value only after = (it's, data-x=a'b are no quotes, as a browser reads them)
				switch c := b[j]; {
				case quote != 0:
					if c == quote {
						quote = 0
					}
				case (c == '"' || c == '\'') && afterEquals:
					quote = c
				case c == '>':
					inTag = false
				}
				if c := b[j]; c != ' ' && c != '\t' {
					afterEquals = c == '=' && quote == 0
				}
				j++
			case skipTo != "":
				if k := bytes.Index(bytes.ToLower(b[j:]), []byte(skipTo)); k >= 0 {
					j += k // the end tag, read as a tag
					skipTo = ""
				} else {
					j = len(b)
				}
			case bytes.HasPrefix(b[j:], []byte("<!--")):
				flush(j)
				inComment = true
				j += 4
			case b[j] == '<':
				flush(j)
				name := htmlTagName(b[j+1:])
				inTag, quote, afterEquals = true, 0, false
				j++
				switch name {
				case "script", "style", "pre", "code", "kbd", "samp", "tt", "var":
					// code (or what is not text at all), to its end tag, once this tag has closed
					skipTo = "</" + name
				}
			default:
				if textStart < 0 {
					textStart = j
				}
				j++
			}
		}
		flush(len(b))
	}
	return runs
}

// htmlTagName is the lower-case name of the tag b starts with (after its "<"), "" for an end tag
// or anything else.
func htmlTagName(b []byte) string {
	n := 0
	for n < len(b) && (b[n] >= 'a' && b[n] <= 'z' || b[n] >= 'A' && b[n] <= 'Z' || n > 0 && b[n] >= '0' && b[n] <= '9') {
		n++
	}
	return strings.ToLower(string(b[:n]))
}
