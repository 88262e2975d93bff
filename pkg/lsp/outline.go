package lsp

import (
	"encoding/json"
	"time"

	"github.com/pm-tools/pm/pkg/postmortem"
)

// parse reads the target's text as a postmortem, in the team's zone.
func (t *target) parse() *postmortem.Doc { return t.parseText(t.doc.text) }

func (t *target) parseText(text []byte) *postmortem.Doc {
	loc := time.UTC
	if t.ws != nil && t.ws.proj != nil {
		loc = t.ws.proj.Location()
	}
	return postmortem.Parse(t.doc.path, text, loc)
}

// parseBody is parse, but when the front matter is closed and yet not a mapping pm can read (a key
// being typed), the body is still read, with the front matter's lines swapped for a placeholder of
// as many lines: the outline and the sections stay while the YAML is broken.
func (t *target) parseBody() *postmortem.Doc {
	d := t.parse()
	if d.Root != nil || d.FrontState != postmortem.FrontMatterOK {
		return d
	}
	first, last := d.FrontLine, d.LineOf(d.FrontEnd) // the --- lines, 1-based
	var b []byte
	b = append(b, d.Text[:d.LineStart(first+1)]...)
	for l := first + 1; l < last; l++ {
		if l == first+1 {
			b = append(b, "_: 0\n"...)
		} else {
			b = append(b, "#\n"...)
		}
	}
	b = append(b, d.Text[d.LineStart(last):]...)
	return t.parseText(b)
}

// bodyPosition turns a byte offset of the parsed body into an LSP position; pm's line and character
// column are the same in the client's text, whatever BOM or CRLF it has, and are the client's
// where a lone CR ends a line too (fromLint).
func bodyPosition(doc *document, d *postmortem.Doc, off int) Position {
	line, col := d.BodyPosition(off)
	return doc.fromLint(Position{Line: line - 1, Character: d.UTF16Column(line, col) - 1})
}

// span is one section's place: the heading's line, and the lines up to the next heading of its level
// or a higher one.
type span struct {
	sec     *postmortem.Section
	heading Range
	whole   Range
}

// sectionSpans lists the document's sections in order with their places.
func sectionSpans(d *postmortem.Doc, doc *document) []span {
	c := d.Content()
	out := make([]span, 0, len(c.Sections))
	for i, sec := range c.Sections {
		start, end := c.Span(sec.Heading)
		h := Range{Start: bodyPosition(doc, d, start), End: bodyPosition(doc, d, end)}
		h.Start.Character = 0
		whole := Range{Start: h.Start, End: doc.position(len(doc.text))}
		for _, next := range c.Sections[i+1:] {
			if next.Level <= sec.Level {
				ns, _ := c.Span(next.Heading)
				whole.End = Position{Line: bodyPosition(doc, d, ns).Line}
				break
			}
		}
		out = append(out, span{sec: sec, heading: h, whole: whole})
	}
	return out
}

func (s *Server) documentSymbol(raw json.RawMessage) (any, *responseError) {
	var p struct {
		TextDocument textDocumentIdentifier `json:"textDocument"`
	}
	if err := rawParams(raw, &p); err != nil {
		return nil, invalidParams(err)
	}
	t, rerr := s.open(p.TextDocument.URI)
	if rerr != nil {
		return nil, rerr
	}
	if !t.pm {
		return []DocumentSymbol{}, nil
	}
	spans := sectionSpans(t.parseBody(), t.doc)
	return nest(spans), nil
}

// nest builds the outline: each section under the closest section above it of a lower level.
func nest(spans []span) []DocumentSymbol {
	byPtr := map[*postmortem.Section]int{}
	var roots []int
	children := map[int][]int{}
	for i, sp := range spans {
		byPtr[sp.sec] = i
		if sp.sec.Parent == nil {
			roots = append(roots, i)
			continue
		}
		parent := byPtr[sp.sec.Parent]
		children[parent] = append(children[parent], i)
	}
	var build func(i int) DocumentSymbol
	build = func(i int) DocumentSymbol {
		sp := spans[i]
		name := sp.sec.Title
		if name == "" {
			name = "#"
		}
		sym := DocumentSymbol{Name: name, Kind: symbolString, Range: sp.whole, SelectionRange: sp.heading}
		for _, c := range children[i] {
			sym.Children = append(sym.Children, build(c))
		}
		return sym
	}
	out := []DocumentSymbol{}
	for _, r := range roots {
		out = append(out, build(r))
	}
	return out
}
