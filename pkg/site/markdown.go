package site

import (
	"bytes"
	"fmt"
	"html"
	"net/url"
	"path"
	"strings"
	"sync"
	"unicode"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"github.com/pm-tools/pm/pkg/postmortem"
)

// markdownRenderer turns a parsed body into HTML: GFM as GitHub shows it, headings with an id and
// an anchor link, fenced code highlighted by chroma with CSS classes. Raw HTML is dropped unless
// unsafe.
func markdownRenderer(unsafe bool) renderer.Renderer {
	opts := []renderer.Option{renderer.WithNodeRenderers(util.Prioritized(&extraRenderer{}, 100))}
	if unsafe {
		opts = append(opts, ghtml.WithUnsafe())
	}
	return postmortem.HTMLRenderer(opts...)
}

// extraRenderer renders headings (with an anchor) and fenced code (highlighted).
type extraRenderer struct{}

// RegisterFuncs registers the renderer's node kinds.
func (r *extraRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.heading)
	reg.Register(ast.KindFencedCodeBlock, r.fenced)
}

func (r *extraRenderer) heading(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	h := n.(*ast.Heading)
	id, _ := h.AttributeString("id")
	idStr, _ := id.([]byte)
	if entering {
		fmt.Fprintf(w, "<h%d", h.Level)
		if len(idStr) > 0 {
			fmt.Fprintf(w, ` id="%s"`, html.EscapeString(string(idStr)))
		}
		w.WriteString(">")
		return ast.WalkContinue, nil
	}
	if len(idStr) > 0 {
		fmt.Fprintf(w, ` <a class="anchor" href="#%s" aria-hidden="true">#</a>`, html.EscapeString(string(idStr)))
	}
	fmt.Fprintf(w, "</h%d>\n", h.Level)
	return ast.WalkContinue, nil
}

var codeFormatter = chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(false))

func (r *extraRenderer) fenced(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	fc := n.(*ast.FencedCodeBlock)
	var code bytes.Buffer
	for i := 0; i < fc.Lines().Len(); i++ {
		seg := fc.Lines().At(i)
		code.Write(seg.Value(src))
	}
	lang := ""
	if fc.Info != nil {
		lang = strings.Fields(string(fc.Info.Segment.Value(src)) + " ")[0]
	}
	if lexer := lexer(lang); lexer != nil {
		key := lexer.name + "\x00" + code.String()
		if h, ok := highlighted.get(key); ok {
			w.WriteString(h)
			return ast.WalkSkipChildren, nil
		}
		var buf bytes.Buffer
		if codeFormatter.Format(&buf, codeStyle(), chroma.Literator(lexer.tokens(code.String())...)) == nil {
			w.Write(buf.Bytes())
			highlighted.put(key, buf.String())
			return ast.WalkSkipChildren, nil
		}
	}
	w.WriteString(`<pre class="chroma"><code>`)
	w.WriteString(html.EscapeString(code.String()))
	w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

// highlighted keeps the highlighted HTML of code blocks met before: postmortems repeat the same
// commands and queries (a runbook's, a dashboard's).
var highlighted = &memo{m: map[string]string{}}

// memo is a map bounded in bytes, safe for concurrent use: once full it keeps what it has. At
// 10,000 postmortems whose code blocks all differ, a memo bounded only in entries held 4,096 of them
// (about 14 MB) for nothing.
type memo struct {
	mu    sync.RWMutex
	m     map[string]string
	bytes int
}

const (
	memoBytes = 2 << 20 // keys and values
	memoKey   = 8 << 10 // longer code is not kept
)

func (c *memo) get(key string) (string, bool) {
	if len(key) > memoKey {
		return "", false
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	v, ok := c.m[key]
	return v, ok
}

func (c *memo) put(key, value string) {
	if len(key) > memoKey {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[key]; !ok && c.bytes+len(key)+len(value) <= memoBytes {
		c.m[key] = value
		c.bytes += len(key) + len(value)
	}
}

// prepare gives every heading under root an id (unique in the page) and points links to other
// postmortems' files at their pages; page names the postmortem's file for a document's relative
// link, "" for one the site does not have.
func prepare(root ast.Node, src []byte, page func(id string) string) {
	seen := map[string]int{}
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch v := n.(type) {
		case *ast.Heading:
			id := headingID(plain(v, src))
			if k := seen[id]; k > 0 {
				seen[id]++
				id = fmt.Sprintf("%s-%d", id, k)
			} else {
				seen[id] = 1
			}
			v.SetAttributeString("id", []byte(id))
		case *ast.Link:
			if to := relinked(string(v.Destination), page); to != "" {
				v.Destination = []byte(to)
			}
		}
		return ast.WalkContinue, nil
	})
}

// relinked is the site's address for a document's link to another postmortem's .md file ("" to keep
// the link as written).
func relinked(dest string, page func(id string) string) string {
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || !strings.HasSuffix(strings.ToLower(u.Path), ".md") {
		return ""
	}
	id := strings.TrimSuffix(path.Base(u.Path), path.Ext(u.Path))
	p := page(id)
	if p == "" {
		return ""
	}
	if u.Fragment != "" {
		p += "#" + u.Fragment
	}
	return p
}

// plain is a node's text.
func plain(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
		case *ast.String:
			b.Write(t.Value)
		case *ast.CodeSpan:
			for x := t.FirstChild(); x != nil; x = x.NextSibling() {
				if tx, ok := x.(*ast.Text); ok {
					b.Write(tx.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// headingID makes an anchor from a heading's text: lower-case letters and digits of any script,
// words joined by hyphens, "section" when nothing is left.
func headingID(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}
