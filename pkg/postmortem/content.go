package postmortem

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/pm-tools/pm/pkg/internal/lazy"
)

// markdown parses bodies as GitHub does (tables, autolinks, strikethrough, task lists). Its parser
// keeps no state between documents, so one serves every goroutine. Built on first use, not at
// start-up: a command that reads only front matter never needs it.
var markdown = lazy.Value[goldmark.Markdown]{New: func() goldmark.Markdown { return goldmark.New(goldmark.WithExtensions(extension.GFM)) }}

// Content is a document's Markdown body, parsed once: its syntax tree, its sections, the tables pm
// reads and the responders. Offsets in it are offsets into Src, which is Doc.Body, or a copy of it
// with the regions in Complex blanked out: the same length, the same line breaks.
type Content struct {
	Doc      *Doc
	Src      []byte   // the body the AST's offsets point into
	AST      ast.Node // nil when the front matter is unusable
	Sections []*Section
	// Complex are the regions of the body beyond pm's bounds on Markdown, blanked out in Src.
	Complex []Complex

	timeline []*Timeline
	actions  []*ActionTable
}

// Content returns the document's body parsed into sections and tables; it parses on the first call
// only. A document whose front matter is unusable has an empty Content: without the front matter pm
// cannot tell where the body starts.
func (d *Doc) Content() *Content {
	d.contentOnce.Do(func() { d.content = parseContent(d) })
	return d.content
}

// ContentAnyway is Content, parsed also when the front matter is unusable: the body is then what
// follows the front matter's closing line, or the whole text when there is none or it never closes.
// For a linter told to leave the front matter alone (its rule off), which still checks the body.
func (d *Doc) ContentAnyway() *Content {
	d.contentOnce.Do(func() { d.content = parseBody(d) })
	return d.content
}

func parseContent(d *Doc) *Content {
	if d.Root == nil {
		return &Content{Doc: d}
	}
	return parseBody(d)
}

func parseBody(d *Doc) *Content {
	c := &Content{Doc: d}
	c.Src, c.Complex = boundComplexity(d.Body)
	c.AST = markdown.Get().Parser().Parse(text.NewReader(c.Src), parser.WithContext(parser.NewContext()))
	c.Sections = buildSections(c.AST, c.Src)
	c.timeline = c.readTimeline()
	c.actions = c.readActions()
	return c
}

// Section returns the first section called name — a canonical key ("root-cause"), its English or
// Japanese heading, or an alias — or nil.
func (c *Content) Section(name string) *Section {
	// The rules ask by key ("timeline"): a key is its own name (TestKeysAreTheirOwnNames)
	for _, s := range c.Sections {
		if s.Key == name && name != "" {
			return s
		}
	}
	key := SectionKey(name)
	if key == "" {
		return nil
	}
	for _, s := range c.Sections {
		if s.Key == key {
			return s
		}
	}
	return nil
}

// Blocks are the body's top-level blocks.
func (c *Content) Blocks() []ast.Node {
	if c.AST == nil {
		return nil
	}
	var out []ast.Node
	for n := c.AST.FirstChild(); n != nil; n = n.NextSibling() {
		out = append(out, n)
	}
	return out
}

// UnclosedComment is an HTML comment opened among the body's top-level blocks and never closed
// (`<!--` with no `-->` after it), nil when there is none: CommonMark makes the rest of the
// document part of it, headings included, so the sections after it are not read.
func (c *Content) UnclosedComment() *ast.HTMLBlock {
	if c.AST == nil {
		return nil
	}
	// a block that runs to the end of the document is the last one; one inside a list item or a
	// quote ends with it, hiding nothing
	if h, ok := c.AST.LastChild().(*ast.HTMLBlock); ok && h.HTMLBlockType == ast.HTMLBlockType2 && !h.HasClosure() {
		return h
	}
	return nil
}

// Text returns the section called name as plain text (PlainText of its blocks, subsections
// included), and false when the document has no such section.
func (c *Content) Text(name string) (string, bool) {
	s := c.Section(name)
	if s == nil {
		return "", false
	}
	return PlainText(s.AllBlocks(), c.Src), true
}

// Markdown returns the Markdown source of the section called name, subsections included and its
// heading not, with HTML comments removed outside code blocks and blank lines at both ends trimmed;
// false when the document has no such section.
func (c *Content) Markdown(name string) (string, bool) {
	s := c.Section(name)
	if s == nil {
		return "", false
	}
	start := c.afterHeading(s.Heading)
	end := len(c.Src)
	past := false
	for _, o := range c.Sections {
		if o == s {
			past = true
			continue
		}
		if past && o.Level <= s.Level {
			end = c.lineStart(o.Heading)
			break
		}
	}
	if start > end {
		start = end
	}
	return stripComments(string(c.Src[start:end])), true
}

// lineStart is the offset of the line a heading starts on.
func (c *Content) lineStart(h *ast.Heading) int {
	at := h.Pos()
	if h.Lines().Len() > 0 {
		at = h.Lines().At(0).Start
	}
	if at < 0 {
		at = 0
	}
	return bytes.LastIndexByte(c.Src[:at], '\n') + 1
}

// afterHeading is the offset of the line after a heading: after its text for an ATX heading, after
// the underline for a setext one.
func (c *Content) afterHeading(h *ast.Heading) int {
	start := c.lineStart(h)
	if h.Lines().Len() == 0 {
		return nextLine(c.Src, start)
	}
	after := nextLine(c.Src, h.Lines().At(h.Lines().Len()-1).Start)
	if !strings.HasPrefix(strings.TrimLeft(string(c.Src[start:]), " "), "#") {
		after = nextLine(c.Src, after) // the setext underline
	}
	return after
}

// nextLine returns the offset of the line after the one holding off.
func nextLine(src []byte, off int) int {
	if off >= len(src) {
		return len(src)
	}
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		return off + i + 1
	}
	return len(src)
}

var (
	commentRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`(?s)<!--.*?-->`) }}
	fenceRE   = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile("^ {0,3}(`{3,}|~{3,})") }}
	blanksRE  = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`\n{3,}`) }}
)

// removeComments removes the HTML comments of prose, but not what looks like one inside a code span
// (`<!-- keep -->` is text to show).
func removeComments(prose string) string {
	ms := commentRE.Get().FindAllStringIndex(prose, -1)
	if len(ms) == 0 {
		return prose
	}
	spans := codeSpans(prose)
	var b strings.Builder
	last := 0
	for _, m := range ms {
		inCode := false
		for _, sp := range spans {
			if m[0] < sp[1] && sp[0] < m[1] {
				inCode = true
				break
			}
		}
		if inCode {
			continue
		}
		b.WriteString(prose[last:m[0]])
		last = m[1]
	}
	b.WriteString(prose[last:])
	return b.String()
}

// codeSpans are the [start, end) of the code spans of s, as CommonMark finds them: a run of backticks
// opens one, closed by the next run of the same length (an unclosed run is text).
func codeSpans(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); {
		if s[i] != '`' {
			i++
			continue
		}
		n := 0
		for i+n < len(s) && s[i+n] == '`' {
			n++
		}
		j, closed := i+n, false
		for j < len(s) {
			if s[j] != '`' {
				j++
				continue
			}
			m := 0
			for j+m < len(s) && s[j+m] == '`' {
				m++
			}
			if m == n {
				out = append(out, [2]int{i, j + m})
				i, closed = j+m, true
				break
			}
			j += m
		}
		if !closed {
			i += n
		}
	}
	return out
}

// stripComments removes HTML comments from Markdown outside fenced code blocks, and the blank lines
// they leave behind; code blocks stay byte for byte.
func stripComments(md string) string {
	var out, prose strings.Builder
	flush := func() {
		s := removeComments(prose.String())
		lines := strings.Split(s, "\n")
		for i, l := range lines {
			if strings.TrimSpace(l) == "" {
				lines[i] = ""
			}
		}
		out.WriteString(blanksRE.Get().ReplaceAllString(strings.Join(lines, "\n"), "\n\n"))
		prose.Reset()
	}
	open := ""
	for _, line := range strings.SplitAfter(md, "\n") {
		if open != "" {
			out.WriteString(line)
			if m := fenceRE.Get().FindStringSubmatch(line); m != nil && m[1][0] == open[0] && len(m[1]) >= len(open) &&
				strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), m[1][:1])) == "" {
				open = ""
			}
			continue
		}
		if m := fenceRE.Get().FindStringSubmatch(line); m != nil {
			flush()
			open = m[1]
			out.WriteString(line)
			continue
		}
		prose.WriteString(line)
	}
	flush()
	return strings.Trim(out.String(), "\n")
}

// Japanese reports whether the document is written in Japanese: most of the headings pm knows (the
// first of each section) are in Japanese script. known is false when there is no heading pm knows,
// and the caller decides by other means.
func (c *Content) Japanese() (ja, known bool) {
	n, other := 0, 0
	var seen [32]string // the keys met (a document has a score of sections): no map to make
	keys := seen[:0]
	for _, s := range c.Sections {
		if s.Key == "" || slices.Contains(keys, s.Key) {
			continue
		}
		keys = append(keys, s.Key)
		if hasJapanese(s.Title) {
			n++
		} else {
			other++
		}
	}
	return n > other, n+other > 0
}

// firstJapanese is the first code point of Hiragana, Katakana or Han.
const firstJapanese = 0x2E80

// hasJapanese reports whether s has a kana or a kanji. No letter of the three scripts comes before
// U+2E80 (the first of Han's ranges; TestJapaneseRanges checks), so other text is passed over
// without searching their tables.
func hasJapanese(s string) bool {
	for _, r := range s {
		if r >= firstJapanese && unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) {
			return true
		}
	}
	return false
}

// Span is where a node is in the body: from its position to the end of its first line.
func (c *Content) Span(n ast.Node) (start, end int) {
	src := c.Src
	start = -1
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		start = n.Lines().At(0).Start
	}
	if p := n.Pos(); p >= 0 && (start < 0 || p < start) {
		start = p
	}
	if start < 0 {
		for ch := n.FirstChild(); ch != nil && start < 0; ch = ch.FirstChild() {
			if t, ok := ch.(*ast.Text); ok {
				start = t.Segment.Start
			} else if p := ch.Pos(); p >= 0 {
				start = p
			}
		}
	}
	if start < 0 {
		start = 0
	}
	if start > len(src) {
		start = len(src)
	}
	end = start
	for end < len(src) && src[end] != '\n' {
		end++
	}
	return start, end
}
