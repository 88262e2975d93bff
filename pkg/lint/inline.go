package lint

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/pm-tools/pm/pkg/internal/lazy"
)

// directive is one pm-lint-disable/enable/disable-next-line comment.
type directive struct {
	kind  string   // "disable", "enable", "disable-next-line"
	rules []string // empty: every rule
	line  int      // whole-file line of the comment
}

var directiveRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp {
	return regexp.MustCompile(`<!--\s*pm-lint-(disable-next-line|disable|enable)((?:\s+[a-z0-9-]+)*)\s*-->`)
}}

// inlineDirectives finds the control comments in HTML blocks and inline HTML of the body.
func (c *Context) inlineDirectives() []directive {
	if c.Content.AST == nil || !bytes.Contains(c.Content.Src, []byte("pm-lint-")) {
		return nil // no directive anywhere: no walk of the tree for its HTML
	}
	var out []directive
	scan := func(start int, s []byte) {
		if !bytes.Contains(s, []byte("pm-lint-")) {
			return // no directive (each has these words): the expression is not even compiled
		}
		for _, m := range directiveRE.Get().FindAllSubmatchIndex(s, -1) {
			line, _ := c.Doc.BodyPosition(start + m[0])
			d := directive{kind: string(s[m[2]:m[3]]), line: line}
			d.rules = strings.Fields(string(s[m[4]:m[5]]))
			out = append(out, d)
		}
	}
	_ = ast.Walk(c.Content.AST, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch h := n.(type) {
		case *ast.HTMLBlock:
			lines := h.Lines()
			if lines.Len() > 0 {
				start := lines.At(0).Start
				end := lines.At(lines.Len() - 1).Stop
				if h.HasClosure() {
					end = h.ClosureLine.Stop
				}
				scan(start, c.Content.Src[start:end])
			}
		case *ast.RawHTML:
			for i := 0; i < h.Segments.Len(); i++ {
				seg := h.Segments.At(i)
				scan(seg.Start, seg.Value(c.Content.Src))
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

// applyInline drops findings silenced by control comments. Front matter findings cannot be silenced
// from the body except by a disable that starts before them (none can), so they always show.
func applyInline(fs []Finding, ds []directive) []Finding {
	if len(ds) == 0 {
		return fs
	}
	out := fs[:0]
	for _, f := range fs {
		if !silenced(f, ds) {
			out = append(out, f)
		}
	}
	return out
}

func silenced(f Finding, ds []directive) bool {
	matches := func(d directive) bool {
		if len(d.rules) == 0 {
			return true
		}
		for _, r := range d.rules {
			if r == f.Rule {
				return true
			}
		}
		return false
	}
	off := false
	for _, d := range ds {
		if !matches(d) {
			continue
		}
		switch d.kind {
		case "disable-next-line":
			if f.Line == d.line+1 {
				return true
			}
		case "disable":
			if d.line <= f.Line {
				off = true
			}
		case "enable":
			if d.line <= f.Line {
				off = false
			}
		}
	}
	return off
}
