package site

import (
	"bytes"
	"html/template"
	"os"
	"sync"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"

	"github.com/pm-tools/pm/pkg/postmortem"
)

// Renderer renders postmortems for the site; one serves every goroutine.
type Renderer struct {
	md  renderer.Renderer
	ids map[string]bool
}

// NewRenderer returns a Renderer for a project whose postmortems have the given ids (links between
// them become links between their pages); unsafe lets raw HTML through (site.unsafe_html).
func NewRenderer(ids []string, unsafe bool) *Renderer {
	r := &Renderer{md: markdownRenderer(unsafe), ids: map[string]bool{}}
	for _, id := range ids {
		r.ids[id] = true
	}
	return r
}

// prepared is what the site keeps of a postmortem once its document is rendered.
type prepared struct {
	fields  postmortem.Fields
	summary string
	text    string // the body as plain text, for the search index
	items   []postmortem.ActionItem
	body    template.HTML
	spooled string        // the file holding body, when spooled
	message template.HTML // the External Message section, "" when it has none or it is empty
}

// Prepare renders in's document and keeps only what the site shows of it, dropping the parsed
// document: over thousands of postmortems the site then holds their HTML, not their syntax trees.
// Call it on the goroutine that read the document, so that rendering runs on every core. Build
// prepares the inputs that were not.
func (r *Renderer) Prepare(in *Input) {
	if in.prep != nil || in.Doc == nil {
		return
	}
	r.prepare(in, "")
}

// prepare renders in into a prepared, its body into the file body ("" to keep it in memory).
func (r *Renderer) prepare(in *Input, body string) {
	d := in.Doc
	c := d.Content()
	p := &prepared{fields: d.Fields, items: c.ActionItems()}
	p.summary, _ = c.Text("overview")
	if c.AST != nil {
		p.text = postmortem.PlainText(c.Blocks(), c.Src)
		// The page's header card holds the title as its one h1: a document's leading "# Title" is
		// left out, and a leading h1 that says something else becomes an h2.
		if h, ok := c.AST.FirstChild().(*ast.Heading); ok && h.Level == 1 {
			if plain(h, c.Src) == d.Fields.Title {
				c.AST.RemoveChild(c.AST, h)
			} else {
				h.Level = 2
			}
		}
		prepare(c.AST, c.Src, func(id string) string {
			if r.ids[id] {
				return "../pm/" + pageName(id) + ".html"
			}
			return ""
		})
		buf := bufPool.Get().(*bytes.Buffer)
		buf.Reset()
		if r.md.Render(buf, c.Src, c.AST) == nil {
			if body != "" {
				p.spooled = body
				if err := os.WriteFile(p.spooled, buf.Bytes(), 0o644); err != nil {
					p.spooled, p.body = "", template.HTML(buf.String())
				}
			} else {
				p.body = template.HTML(buf.String())
			}
		}
		if sec := c.Section("external-message"); sec != nil && sec.Written() {
			buf.Reset()
			for _, b := range sec.AllBlocks() {
				r.md.Render(buf, c.Src, b)
			}
			p.message = template.HTML(buf.String())
		}
		bufPool.Put(buf)
	}
	in.prep, in.Doc = p, nil
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Body is the rendered body, read back from its file when spooled.
func (p *prepared) Body() (template.HTML, error) {
	if p.spooled == "" {
		return p.body, nil
	}
	b, err := os.ReadFile(p.spooled)
	return template.HTML(b), err
}
