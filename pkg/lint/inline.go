package lint

import (
	"bytes"
	"regexp"
	"slices"
	"sort"
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
	sil := newSilencer(ds)
	out := fs[:0]
	for _, f := range fs {
		if !sil.silenced(f) {
			out = append(out, f)
		}
	}
	return out
}

// silencer answers silenced for many findings without reading every directive for each: thousands of
// disable comments, each over a finding, took the product of the two (40,000 of them, 10 s).
type silencer struct {
	ds     []directive
	sorted bool
	// nextLine holds the lines a disable-next-line silences, each with its rules ("" for every rule).
	nextLine map[int][]string
	// byRule holds, per rule, the disable and enable directives that name it or every rule, in order.
	byRule map[string][]directive
}

func newSilencer(ds []directive) *silencer {
	s := &silencer{ds: ds, sorted: slices.IsSortedFunc(ds, func(a, b directive) int { return a.line - b.line })}
	if !s.sorted {
		return s // not in the order of the file: read them all for each finding, as silenced does
	}
	s.nextLine = map[int][]string{}
	for _, d := range ds {
		if d.kind != "disable-next-line" {
			continue
		}
		if len(d.rules) == 0 {
			s.nextLine[d.line+1] = append(s.nextLine[d.line+1], "")
		}
		s.nextLine[d.line+1] = append(s.nextLine[d.line+1], d.rules...)
	}
	s.byRule = map[string][]directive{}
	return s
}

// silenced is silenced(f, s.ds). The last disable or enable at or above the finding's line that
// names its rule decides, the directives being in the file's order.
func (s *silencer) silenced(f Finding) bool {
	if !s.sorted {
		return silenced(f, s.ds)
	}
	for _, r := range s.nextLine[f.Line] {
		if r == "" || r == f.Rule {
			return true
		}
	}
	rs, ok := s.byRule[f.Rule]
	if !ok {
		for _, d := range s.ds {
			if d.kind != "disable-next-line" && (len(d.rules) == 0 || slices.Contains(d.rules, f.Rule)) {
				rs = append(rs, d)
			}
		}
		s.byRule[f.Rule] = rs
	}
	i := sort.Search(len(rs), func(i int) bool { return rs[i].line > f.Line })
	return i > 0 && rs[i-1].kind == "disable"
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
