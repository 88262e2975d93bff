package site

import (
	"bytes"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"github.com/pm-tools/pm/pkg/postmortem"
)

// docRenderer turns a parsed body into HTML: GFM as GitHub shows it, headings with an id and an
// anchor link, fenced code highlighted with CSS classes. Raw HTML is dropped unless unsafe. It
// renders one document at a time: the ids prepare gives the document's headings are kept in it, where
// its heading renderer finds them (as attributes of the headings, goldmark made room for ten at each).
type docRenderer struct {
	md    renderer.Renderer
	extra *extraRenderer
	seen  map[string]int // the ids taken in the page; for each, how many numbered ids it has led to
	text  []byte         // a heading's text
}

func newDocRenderer(unsafe bool) *docRenderer {
	with := func(extra *extraRenderer) renderer.Renderer {
		opts := []renderer.Option{renderer.WithNodeRenderers(util.Prioritized(extra, 100))}
		if unsafe {
			opts = append(opts, ghtml.WithUnsafe())
		}
		return postmortem.HTMLRenderer(opts...)
	}
	extra := &extraRenderer{ids: map[*ast.Heading]string{}, cells: with(&extraRenderer{})}
	return &docRenderer{md: with(extra), extra: extra, seen: map[string]int{}}
}

// extraRenderer renders headings (with an anchor), fenced code (highlighted) and, with cells, table
// cells.
type extraRenderer struct {
	ids map[*ast.Heading]string // the headings' ids
	// cells renders a table cell with an alignment or attributes, as goldmark's table renderer
	// does: a renderer without this one's cells.
	cells renderer.Renderer
}

// RegisterFuncs registers the renderer's node kinds.
func (r *extraRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.heading)
	reg.Register(ast.KindFencedCodeBlock, r.fenced)
	if r.cells != nil {
		reg.Register(east.KindTableCell, r.tableCell)
	}
}

// tableCell writes a plain cell's tags as goldmark's table renderer does, without fmt (two calls a
// cell, a tenth of rendering a postmortem's tables); a cell with an alignment or attributes is
// rendered whole, its content included, by r.cells.
func (r *extraRenderer) tableCell(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	c := n.(*east.TableCell)
	if c.Alignment != east.AlignNone || c.Attributes() != nil {
		if !entering {
			return ast.WalkContinue, nil
		}
		return ast.WalkSkipChildren, r.cells.Render(w, src, n)
	}
	th := n.Parent().Kind() == east.KindTableHeader
	switch {
	case entering && th:
		w.WriteString("<th>")
	case entering:
		w.WriteString("<td>")
	case th:
		w.WriteString("</th>\n")
	default:
		w.WriteString("</td>\n")
	}
	return ast.WalkContinue, nil
}

func (r *extraRenderer) heading(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	h := n.(*ast.Heading)
	idStr := r.ids[h]
	if entering {
		w.WriteString("<h")
		writeInt(w, h.Level)
		if len(idStr) > 0 {
			w.WriteString(` id="`)
			w.WriteString(escapedID(idStr))
			w.WriteByte('"')
		}
		w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if len(idStr) > 0 {
		w.WriteString(` <a class="anchor" href="#`)
		w.WriteString(escapedID(idStr))
		w.WriteString(`" aria-hidden="true" tabindex="-1">#</a>`) // as GitHub: hidden from screen readers, so not focusable
	}
	w.WriteString("</h")
	writeInt(w, h.Level)
	w.WriteString(">\n")
	return ast.WalkContinue, nil
}

// writeInt writes n in decimal.
func writeInt(w util.BufWriter, n int) {
	if 0 <= n && n <= 9 {
		w.WriteByte(byte('0' + n))
		return
	}
	w.WriteString(strconv.Itoa(n))
}

// htmlEscapes are the bytes html.EscapeString escapes, with what it writes for each.
var htmlEscapes = [256]string{'&': "&amp;", '\'': "&#39;", '<': "&lt;", '>': "&gt;", '"': "&#34;"}

func (r *extraRenderer) fenced(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	fc := n.(*ast.FencedCodeBlock)
	c := codeScratches.get()
	defer codeScratches.put(c)
	c.code = c.code[:0]
	for i := 0; i < fc.Lines().Len(); i++ {
		seg := fc.Lines().At(i)
		c.code = append(c.code, seg.Value(src)...)
	}
	lang := ""
	if fc.Info != nil {
		lang = firstField(fc.Info.Segment.Value(src))
	}
	if lexer := lexer(lang); lexer != nil {
		c.key = append(append(append(c.key[:0], lexer.name...), 0), c.code...)
		if h, ok := highlighted.get(c.key); ok {
			w.WriteString(h)
			return ast.WalkSkipChildren, nil
		}
		c.tokens, c.runes = appendTokens(c.tokens[:0], c.runes, string(c.code), lexer.scan)
		c.out = appendCodeHTML(c.out[:0], c.tokens)
		clear(c.tokens) // the values are pieces of the code: not kept alive by the pool
		w.Write(c.out)
		highlighted.put(c.key, c.out)
		return ast.WalkSkipChildren, nil
	}
	w.WriteString(`<pre class="chroma"><code>`)
	w.Write(appendEscaped(c.out[:0], c.code))
	w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

// codeScratch is the buffers one code block is highlighted with, kept for the next.
type codeScratch struct {
	code, key, out []byte
	runes          []rune
	tokens         []token
}

var codeScratches = &reuse[*codeScratch]{fresh: func() *codeScratch { return new(codeScratch) }}

// firstField is the first word of a fenced block's info string, "" when it has none.
func firstField(info []byte) string {
	start := -1
	for i, r := range string(info) {
		if unicode.IsSpace(r) {
			if start >= 0 {
				return string(info[start:i])
			}
		} else if start < 0 {
			start = i
		}
	}
	if start < 0 {
		return ""
	}
	return string(info[start:])
}

// appendCodeHTML appends the HTML of highlighted code as chroma's HTML formatter writes it with CSS
// classes (pm's style sheet colours them): the code in <pre class="chroma"><code>, each line in a
// span, each token in a span of its class. chroma's formatter took a quarter of the time of
// rendering a postmortem with a code block, most of it in fmt; this writes the same bytes (a test
// compares them) straight into dst.
func appendCodeHTML(dst []byte, toks []token) []byte {
	// chroma's iterator ends at an EOF token, and its formatter drops a last line that is one empty
	// token.
	for i, t := range toks {
		if t == (token{}) {
			toks = toks[:i]
			break
		}
	}
	if n := len(toks); n > 0 && toks[n-1].Value == "" && (n == 1 || strings.HasSuffix(toks[n-2].Value, "\n")) {
		toks = toks[:n-1]
	}
	dst = appendClassed(append(dst, "<pre"...), typePreWrapper)
	dst = append(dst, "><code>"...)
	open := false
	for _, t := range toks {
		v := t.Value
		for {
			i := strings.IndexByte(v, '\n')
			if i < 0 {
				break
			}
			if !open {
				dst = appendLineStart(dst)
			}
			dst = append(appendToken(dst, t.Type, v[:i+1]), "</span></span>"...)
			open = false
			if v = v[i+1:]; v == "" {
				break
			}
		}
		if v == "" && t.Value != "" {
			continue // the token ended with its line
		}
		if !open {
			dst = appendLineStart(dst)
			open = true
		}
		dst = appendToken(dst, t.Type, v)
	}
	if open {
		dst = append(dst, "</span></span>"...)
	}
	return append(dst, "</code></pre>"...)
}

func appendLineStart(dst []byte) []byte {
	dst = appendClassed(append(dst, "<span"...), typeLine)
	dst = appendClassed(append(dst, "><span"...), typeCodeLine)
	return append(dst, '>')
}

// appendToken appends a token's text, escaped, in a span of its class if it has one.
func appendToken(dst []byte, typ tokenType, v string) []byte {
	cls := tokenClass(typ)
	if cls == "" {
		return appendEscaped(dst, v)
	}
	dst = append(append(append(dst, `<span class="`...), cls...), `">`...)
	return append(appendEscaped(dst, v), "</span>"...)
}

// appendClassed appends ` class="…"` for a token type with a class, nothing for one without.
func appendClassed(dst []byte, typ tokenType) []byte {
	if cls := tokenClass(typ); cls != "" {
		dst = append(append(append(dst, ` class="`...), cls...), '"')
	}
	return dst
}

// appendEscaped appends s escaped as html.EscapeString escapes it.
func appendEscaped[T string | []byte](dst []byte, s T) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		if esc := htmlEscapes[s[i]]; esc != "" {
			dst = append(append(dst, s[last:i]...), esc...)
			last = i + 1
		}
	}
	return append(dst, s[last:]...)
}

// highlighted keeps the highlighted HTML of code blocks met before: postmortems repeat the same
// commands and queries (a runbook's, a dashboard's).
var highlighted = &memo{}

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

func (c *memo) get(key []byte) (string, bool) {
	if len(key) > memoKey {
		return "", false
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	v, ok := c.m[string(key)]
	return v, ok
}

// put keeps value under key if there is room: the strings are made only then.
func (c *memo) put(key, value []byte) {
	if len(key) > memoKey {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]string{} // made on first use, not in package init
	}
	if _, ok := c.m[string(key)]; !ok && c.bytes+len(key)+len(value) <= memoBytes {
		c.m[string(key)] = string(value)
		c.bytes += len(key) + len(value)
	}
}

// pageIDs are the ids a postmortem's page gives its own parts (pmData.write, frame.page): the skip
// link's target, the status history, the lint findings the badge links to. A heading never takes
// one of them, so that those links keep leading where they should.
var pageIDs = [...]string{"main", "h-history", "lint"}

// prepare gives every heading under root an id (unique in the page) and points links to other
// postmortems' files at their pages; page names the postmortem's file for a document's relative
// link, "" for one the site does not have.
//
// file is where a relative link or image to a file of the repository leads (a graph beside the
// postmortems, a runbook): the file on the forge, "" to leave the address as it is written.
func (dr *docRenderer) prepare(root ast.Node, src []byte, page func(id string) string, file func(dest []byte, image bool) string) {
	clear(dr.extra.ids)
	clear(dr.seen)
	for _, id := range pageIDs {
		dr.seen[id] = 0
	}
	dr.prepareNode(root, src, page, file)
}

func (dr *docRenderer) prepareNode(n ast.Node, src []byte, page func(id string) string, file func(dest []byte, image bool) string) {
	switch v := n.(type) {
	case *ast.Heading:
		dr.text = appendPlain(dr.text[:0], v, src)
		dr.extra.ids[v] = dr.uniqueID(string(appendHeadingID(nil, dr.text)))
	case *ast.Link:
		if _, done := v.AttributeString(relinkedMark); done {
			break // prepared before: its address is the site's or the forge's already
		}
		if to := relinked(v.Destination, page); to != "" {
			v.Destination = []byte(to)
		} else if to := file(v.Destination, false); to != "" {
			v.Destination = []byte(to)
		}
		v.SetAttributeString(relinkedMark, true)
	case *ast.Image:
		if _, done := v.AttributeString(relinkedMark); done {
			break
		}
		if to := file(v.Destination, true); to != "" {
			v.Destination = []byte(to)
		} else if elsewhere(v.Destination) {
			// An image from another host would be fetched by every reader who opens the page (a
			// stranger's pull request could track them, and the site is meant to work offline): it
			// becomes a link to the image, its alt text the link's text; inside a link (which cannot
			// hold another), its alt text.
			parent := v.Parent()
			if inLink(v) {
				for c := v.FirstChild(); c != nil; {
					next := c.NextSibling()
					parent.InsertBefore(parent, v, c)
					c = next
				}
				parent.RemoveChild(parent, v)
				return
			}
			link := ast.NewLink()
			link.Destination, link.Title = v.Destination, v.Title
			for c := v.FirstChild(); c != nil; {
				next := c.NextSibling()
				link.AppendChild(link, c)
				c = next
			}
			parent.ReplaceChild(parent, v, link)
			n = link
		}
		n.SetAttributeString(relinkedMark, true)
	}
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling() // prepareNode may put a link in c's place
		dr.prepareNode(c, src, page, file)
		c = next
	}
}

// inLink reports whether n is inside a link.
func inLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindLink {
			return true
		}
	}
	return false
}

// elsewhere reports whether an image's address leads to another host, as a browser reads it: a
// scheme (http:, ftp:, any but data:, which holds the image itself) or a leading "//", after the
// spaces and controls a browser strips, its tabs and line breaks removed and a backslash read as a
// slash.
func elsewhere(dest []byte) bool {
	b := make([]byte, 0, 16)
	for _, c := range dest {
		switch {
		case c == '\t' || c == '\n' || c == '\r', c <= ' ' && len(b) == 0:
			continue
		case c == '\\':
			c = '/'
		}
		b = append(b, c)
	}
	if len(b) >= 2 && b[0] == '/' && b[1] == '/' {
		return true
	}
	for i, c := range b {
		switch {
		case c == ':':
			return i > 0 && !strings.EqualFold(string(b[:i]), "data")
		case c == '/' || c == '?' || c == '#':
			return false
		}
	}
	return false
}

// relinkedMark marks a link or image whose address prepare has made the site's: a document prepared
// again keeps it (the renderer writes no attribute of this name).
const relinkedMark = "pm-prepared"

// uniqueID is the id of a heading whose text makes id, numbered as GitHub numbers it when id is
// taken: the second "Overview" is overview-1, and a third heading "Overview 1" then overview-1-1,
// not a second overview-1. The page's own ids (pageIDs) are taken from the start.
func (dr *docRenderer) uniqueID(id string) string {
	out := id
	for {
		if _, taken := dr.seen[out]; !taken {
			break
		}
		dr.seen[id]++
		out = id + "-" + strconv.Itoa(dr.seen[id])
	}
	dr.seen[out] = 0
	return out
}

// relinked is the site's address for a document's link to another postmortem's .md file ("" to keep
// the link as written).
func relinked(destination []byte, page func(id string) string) string {
	if bytes.IndexByte(destination, '%') < 0 && !containsMD(destination) {
		return "" // its path cannot end in .md: not parsed
	}
	u, err := url.Parse(string(destination))
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
func plain(n ast.Node, src []byte) string { return string(appendPlain(nil, n, src)) }

// appendPlain appends a node's text: its text and strings, and the text of its code spans.
func appendPlain(dst []byte, n ast.Node, src []byte) []byte {
	switch t := n.(type) {
	case *ast.Text:
		dst = append(dst, t.Segment.Value(src)...)
	case *ast.String:
		dst = append(dst, t.Value...)
	case *ast.CodeSpan:
		for x := t.FirstChild(); x != nil; x = x.NextSibling() {
			if tx, ok := x.(*ast.Text); ok {
				dst = append(dst, tx.Segment.Value(src)...)
			}
		}
		return dst
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		dst = appendPlain(dst, c, src)
	}
	return dst
}

// containsMD reports whether s holds ".md" in any case.
func containsMD(s []byte) bool {
	for i := 0; i+2 < len(s); i++ {
		if s[i] == '.' && s[i+1]|0x20 == 'm' && s[i+2]|0x20 == 'd' {
			return true
		}
	}
	return false
}

// headingID makes an anchor from a heading's text as GitHub makes it, so that a link written for
// GitHub (#howd-we-do) leads to the heading here too: lower case; letters, digits and marks of any
// script, hyphens and underscores kept; each space a hyphen; every other character (punctuation,
// symbols, emoji) left out: "How'd We Do?" is howd-we-do, "v2.31 rollout" v231-rollout, "C++ & Go"
// c--go. "section" when nothing is left.
func headingID(s string) string { return string(appendHeadingID(nil, []byte(s))) }

func appendHeadingID(dst, text []byte) []byte {
	start := len(dst)
	for _, r := range string(text) {
		switch {
		case r == ' ':
			dst = append(dst, '-')
		case r == '-' || r == '_':
			dst = append(dst, byte(r))
		case unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r):
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
	}
	if len(dst) == start {
		return append(dst, "section"...)
	}
	return dst
}

// escapedID is an id escaped for an attribute; ids are letters, digits and hyphens, mostly with
// nothing to escape.
func escapedID(id string) string {
	for i := 0; i < len(id); i++ {
		if htmlEscapes[id[i]] != "" {
			return string(appendEscaped(nil, id))
		}
	}
	return id
}
