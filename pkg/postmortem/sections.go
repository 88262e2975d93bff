package postmortem

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// Section is a heading and the blocks under it up to the next heading of the same or a higher level.
type Section struct {
	Key     string // canonical key ("root-cause"), "" for a heading pm does not know
	Title   string // the heading text as written
	Level   int
	Heading *ast.Heading
	Blocks  []ast.Node // the blocks directly under it, before its first subsection
	Subs    []*Section
	Parent  *Section

	src []byte // the body the nodes' offsets point into
}

// AllBlocks are the section's blocks including its subsections' headings and blocks.
func (s *Section) AllBlocks() []ast.Node {
	out := append([]ast.Node(nil), s.Blocks...)
	for _, sub := range s.Subs {
		out = append(out, sub.Heading)
		out = append(out, sub.AllBlocks()...)
	}
	return out
}

// SectionName describes a canonical section: its English and Japanese headings and the other names it goes by.
type SectionName struct {
	Key     string
	En, Ja  string
	Aliases []string
}

// SectionNames are the sections pm knows, with the aliases of other well-known templates.
var SectionNames = []SectionName{
	{"overview", "Overview", "概要", []string{"Summary", "サマリー", "Executive Summary", "Incident Summary", "Incident Overview", "インシデント概要", "インシデントの概要"}},
	{"what-happened", "What Happened", "なにが起きたか", []string{"何が起きたか", "What happened"}},
	{"root-cause", "Root Cause", "根本原因", []string{"Root Causes", "Root Cause Analysis", "Contributing Factors", "インシデントを引き起こした要因", "原因", "根本原因分析", "原因分析"}},
	{"resolution", "Resolution", "解決", []string{"Resolution and Recovery", "解決策"}},
	{"impact", "Impact", "影響", []string{"Customer Impact", "影響範囲"}},
	{"responders", "Responders", "対応者", nil},
	{"timeline", "Timeline", "タイムライン", []string{"時系列", "Incident Timeline", "Timeline of Events", "Detailed Timeline", "Event Timeline"}},
	{"analysis", "Analysis", "分析", nil},
	{"how-did-we-do", "How'd We Do?", "どう対処したか", []string{"How Did We Do", "How’d We Do"}},
	{"went-well", "What Went Well?", "なにがうまくいった？", nil},
	{"went-badly", "What Didn't Go So Well?", "なにがうまくいかなかった？", []string{"What Didn’t Go So Well", "What Went Wrong"}},
	{"detect-sooner", "How Could We Have Detected It Sooner?", "もっと早く検知できなかったか？", nil},
	{"action-items", "Action Items", "アクションアイテム", []string{"Follow-ups", "Follow ups", "Followups"}},
	{"messaging", "Messaging", "メッセージング", nil},
	{"internal-email", "Internal Email", "社内メール", nil},
	{"external-message", "External Message", "対外メッセージ", []string{"Customer Message", "顧客向けメッセージ"}},
}

// SectionInfo returns the description of a canonical key.
func SectionInfo(key string) SectionName {
	for _, s := range SectionNames {
		if s.Key == key {
			return s
		}
	}
	return SectionName{Key: key, En: key, Ja: key}
}

// NormalizeHeading folds case, spaces and curly apostrophes, and drops what people put around a
// heading's words: numbering ("7.", "7)", "1.2", "VII."), emoji and punctuation at either end ("⏱
// Timeline", "What happened?"), so that headings written differently compare equal.
func NormalizeHeading(s string) string {
	if isASCII(s) {
		s = strings.ToLower(s)
	} else {
		// lowered, and a no-break or ideographic space (１　概要) made a space, in one pass
		s = strings.Map(func(r rune) rune {
			if r > unicode.MaxASCII && unicode.IsSpace(r) {
				return ' '
			}
			return unicode.ToLower(r)
		}, s)
		s = strings.ReplaceAll(s, "’", "'")
	}
	s = strings.TrimFunc(s, notWordRune)
	if rest := trimNumbering(s); rest != s {
		s = strings.TrimFunc(rest, notWordRune)
	}
	// a note in parentheses after the words ("Timeline (JST)", "タイムライン（JST）") is not the
	// section's name
	// (LastIndexAny with a character beyond ASCII decodes every rune of s: 1.5 % of pm lint)
	if i := max(strings.LastIndexByte(s, '('), strings.LastIndex(s, "（")); i > 0 && strings.IndexAny(s[i:], ")）") < 0 {
		if words := strings.TrimFunc(s[:i], notWordRune); words != "" {
			s = words
		}
	}
	return collapseSpaces(s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// notWordRune is what may surround a heading's words: anything but a letter or a digit.
func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }

// trimNumbering drops a section number before the words: digits with dots between ("7", "7.",
// "1.2.", "７．"), or a roman numeral closed by "." or ")". A number closed by a mark (".", ")", ":",
// their full-width forms) may touch the words, as Japanese headings write it; one without must be
// followed by a space: "5whys" is left whole.
func trimNumbering(s string) string {
	i, last := 0, rune(0)
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsDigit(r) && (i == 0 || !numberMark(r)) {
			break
		}
		i += size
		last = r
	}
	if i == 0 {
		for i < len(s) && strings.IndexByte("ivxlc", s[i]) >= 0 {
			i++
		}
		if i == 0 || i == len(s) || (s[i] != '.' && s[i] != ')') {
			return s
		}
		return s[i:]
	}
	rest := s[i:]
	r, _ := utf8.DecodeRuneInString(rest)
	if !numberMark(last) && rest != "" && r != ' ' && r != '\t' {
		return s
	}
	return rest
}

// numberMark is what separates or closes the parts of a section number.
func numberMark(r rune) bool { return strings.ContainsRune(".)．）:：", r) }

// collapseSpaces replaces each run of ASCII white space (what \s matches) with one space, without a
// regular expression: NormalizeHeading runs for every heading of every file.
func collapseSpaces(s string) string {
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' }
	clean := true
	for i := 0; i < len(s); i++ {
		if isSpace(s[i]) && (s[i] != ' ' || (i+1 < len(s) && isSpace(s[i+1]))) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if !isSpace(s[i]) {
			b.WriteByte(s[i])
			continue
		}
		b.WriteByte(' ')
		for i+1 < len(s) && isSpace(s[i+1]) {
			i++
		}
	}
	return b.String()
}

// buildSections walks the document's top-level blocks into a tree of sections.
func buildSections(doc ast.Node, src []byte) []*Section {
	var all []*Section
	var stack []*Section
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok {
			title := inlineText(h, src)
			s := &Section{Key: SectionKey(title), Title: title, Level: h.Level, Heading: h, src: src}
			for len(stack) > 0 && stack[len(stack)-1].Level >= h.Level {
				stack = stack[:len(stack)-1]
			}
			if len(stack) > 0 {
				s.Parent = stack[len(stack)-1]
				s.Parent.Subs = append(s.Parent.Subs, s)
			}
			all = append(all, s)
			stack = append(stack, s)
			continue
		}
		if len(stack) > 0 {
			top := stack[len(stack)-1]
			top.Blocks = append(top.Blocks, n)
		}
	}
	return all
}

// inlineText is the plain text of a node's inline content, entities and escapes resolved.
func inlineText(n ast.Node, src []byte) string { return inlineTextBreaks(n, src, ' ') }

// inlineTextBreaks is inlineText with soft and hard line breaks written as lineBreak.
func inlineTextBreaks(n ast.Node, src []byte, lineBreak byte) string {
	// Text only, without a line break, in one run of the source, as most table cells and headings
	// are (goldmark splits a cell's text where its inline parsers look, at a ':' of "09:14" say):
	// the run's bytes, without the walk.
	if start, end, ok := plainRun(n); ok {
		return strings.TrimSpace(resolveEntities(string(src[start:end])))
	}
	return inlineTextWalk(n, src, lineBreak)
}

// plainRun reports whether n's children are all text nodes without a line break or padding, each
// starting where the one before ends, and where in the source they run.
func plainRun(n ast.Node) (start, end int, ok bool) {
	c := n.FirstChild()
	if c == nil {
		return 0, 0, false
	}
	start, end = -1, -1
	for ; c != nil; c = c.NextSibling() {
		t, isText := c.(*ast.Text)
		if !isText || t.SoftLineBreak() || t.HardLineBreak() || t.Segment.Padding != 0 || (end >= 0 && t.Segment.Start != end) {
			return 0, 0, false
		}
		if start < 0 {
			start = t.Segment.Start
		}
		end = t.Segment.Stop
	}
	return start, end, true
}

// inlineTextWalk is inlineTextBreaks for any inline content.
func inlineTextWalk(n ast.Node, src []byte, lineBreak byte) string {
	var b strings.Builder
	appendInlineText(&b, n, src, lineBreak)
	return strings.TrimSpace(resolveEntities(b.String()))
}

// appendInlineText writes the text of n and of what is inside it: a recursion over the children
// rather than ast.Walk and a closure, which cost more than the text of a table cell.
func appendInlineText(b *strings.Builder, n ast.Node, src []byte, lineBreak byte) {
	switch t := n.(type) {
	case *ast.Text:
		b.Write(t.Segment.Value(src))
		if t.SoftLineBreak() || t.HardLineBreak() {
			b.WriteByte(lineBreak)
		}
	case *ast.String:
		b.Write(t.Value)
	case *ast.CodeSpan:
		for ch := t.FirstChild(); ch != nil; ch = ch.NextSibling() {
			if tx, ok := ch.(*ast.Text); ok {
				b.Write(tx.Segment.Value(src))
			}
		}
		return
	case *ast.AutoLink:
		b.Write(t.URL(src))
	case *ast.RawHTML:
		// a line break written as HTML (<br>, which a table cell needs for one) is one, as GitHub
		// shows it and as the plain text of a section reads it; any other tag shows nothing
		if breaksLine(strings.Trim(string(t.Segments.Value(src)), "<>/ ")) {
			b.WriteByte(lineBreak)
		}
		return
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		appendInlineText(b, ch, src, lineBreak)
	}
}

// Written reports whether the section (subsections included) holds anything a reader would count as
// written: not HTML comments, not blank lines, not a table without rows, not a list of bare labels
// like "Scribe:".
func (s *Section) Written() bool {
	src := s.src
	for _, n := range s.AllBlocks() {
		switch t := n.(type) {
		case *ast.HTMLBlock:
			if !isCommentOnly(t, src) {
				return true
			}
		case *ast.ThematicBreak:
		case *east.Table:
			if tableRows(t, src) > 0 {
				return true
			}
		case *ast.List:
			if writtenItem(t, src) != nil {
				return true
			}
		case *ast.Heading:
			// a subsection heading alone is not content
		case *ast.LinkReferenceDefinition:
			// "[//]: # (note)", the comment Markdown has no syntax for, shows nothing
		case *ast.Paragraph:
			if inlineText(t, src) != "" || hasImage(t) {
				return true // a graph without alt text is content too
			}
		default:
			return true
		}
	}
	return false
}

// writtenItem returns the first item of the list that a reader would count as written (not empty,
// not a bare label like "Short term:"), or nil.
func writtenItem(l *ast.List, src []byte) ast.Node {
	for it := l.FirstChild(); it != nil; it = it.NextSibling() {
		txt := strings.TrimSpace(inlineTextBlocks(it, src))
		if txt != "" && !strings.HasSuffix(strings.TrimRight(txt, " "), ":") && !strings.HasSuffix(txt, "：") || hasImage(it) || hasTableRows(it, src) {
			return it
		}
	}
	return nil
}

// ListWithoutTable returns the first item written in a list of the section called name
// (subsections included) when the section holds no table: its entries are written as a list
// ("- P0: Call risk-svc first (Ana Souza)", "- 09:14 alert fired"), and pm reads the Action Items and
// the Timeline from tables only. It returns nil when the section is missing, holds a table, or has
// no list item written (empty, prose alone, labels alone).
func (c *Content) ListWithoutTable(name string) ast.Node {
	s := c.Section(name)
	if s == nil || len(s.Tables()) > 0 {
		return nil
	}
	for _, b := range s.AllBlocks() {
		if l, ok := b.(*ast.List); ok {
			if it := writtenItem(l, c.Src); it != nil {
				return it
			}
		}
	}
	return nil
}

// hasTableRows reports whether n holds a table with rows under its header ("- Short term:" and
// its table), blank ones not counted.
func hasTableRows(n ast.Node, src []byte) bool {
	found := false
	_ = ast.Walk(n, func(x ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := x.(*east.Table); ok && entering {
			found = tableRows(t, src) > 0
			if found {
				return ast.WalkStop, nil
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// hasImage reports whether n holds an image.
func hasImage(n ast.Node) bool {
	found := false
	_ = ast.Walk(n, func(x ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := x.(*ast.Image); ok && entering {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// inlineTextBlocks joins the inline text of every block inside n.
func inlineTextBlocks(n ast.Node, src []byte) string {
	var parts []string
	_ = ast.Walk(n, func(x ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch x.(type) {
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
			parts = append(parts, inlineText(x, src))
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			parts = append(parts, "code")
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(parts, "\n")
}

func isCommentOnly(h *ast.HTMLBlock, src []byte) bool {
	var b strings.Builder
	for i := 0; i < h.Lines().Len(); i++ {
		seg := h.Lines().At(i)
		b.Write(seg.Value(src))
	}
	if h.HasClosure() {
		b.Write(h.ClosureLine.Value(src))
	}
	s := strings.TrimSpace(b.String())
	for strings.HasPrefix(s, "<!--") {
		end := strings.Index(s, "-->")
		if end < 0 {
			return true // an unclosed comment runs to the end of the block
		}
		s = strings.TrimSpace(s[end+3:])
	}
	return s == ""
}

// tableRows counts the body rows of a table, blank ones left out as every reader leaves them.
func tableRows(t *east.Table, src []byte) int {
	n := 0
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		if _, ok := r.(*east.TableRow); ok && !blankRow(r, src) {
			n++
		}
	}
	return n
}

// resolveEntities turns backslash escapes and character references into the characters they stand for.
func resolveEntities(s string) string {
	if strings.IndexByte(s, '\\') < 0 && strings.IndexByte(s, '&') < 0 {
		return s // nothing to unescape or resolve: the common case, without three copies
	}
	out := util.UnescapePunctuations([]byte(s))
	out = util.ResolveNumericReferences(out)
	return string(util.ResolveEntityNames(out))
}
