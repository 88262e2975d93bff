package postmortem

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// PlainText renders blocks as plain text for an email or a status page: paragraphs separated by blank
// lines, list items with "- ", links as "text (url)", subsection headings on their own line, code kept,
// HTML comments dropped.
func PlainText(blocks []ast.Node, src []byte) string {
	var parts []string
	for _, b := range blocks {
		if s := strings.TrimRight(plainBlock(b, src, ""), "\n "); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "\n\n")
}

func plainBlock(n ast.Node, src []byte, indent string) string {
	switch t := n.(type) {
	case *ast.HTMLBlock:
		if isCommentOnly(t, src) {
			return ""
		}
		var b strings.Builder
		for i := 0; i < t.Lines().Len(); i++ {
			seg := t.Lines().At(i)
			b.Write(seg.Value(src))
		}
		text := htmlText(b.String())
		if text == "" {
			return ""
		}
		return indent + strings.ReplaceAll(text, "\n", "\n"+indent)
	case *ast.Heading:
		return indent + plainInline(t, src)
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		var b strings.Builder
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			b.WriteString(indent)
			b.Write(seg.Value(src))
		}
		return strings.TrimRight(b.String(), "\n")
	case *ast.List:
		var items []string
		num := t.Start
		for it := t.FirstChild(); it != nil; it = it.NextSibling() {
			marker := "- "
			if t.IsOrdered() {
				marker = strconv.Itoa(num) + ". "
				num++
			}
			var sub []string
			for ch := it.FirstChild(); ch != nil; ch = ch.NextSibling() {
				if s := plainBlock(ch, src, indent+"  "); s != "" {
					sub = append(sub, strings.TrimPrefix(s, indent+"  "))
				}
			}
			items = append(items, indent+marker+strings.Join(sub, "\n"+indent+"  "))
		}
		return strings.Join(items, "\n")
	case *ast.Blockquote:
		var sub []string
		for ch := t.FirstChild(); ch != nil; ch = ch.NextSibling() {
			if s := plainBlock(ch, src, ""); s != "" {
				sub = append(sub, s)
			}
		}
		return indent + "> " + strings.ReplaceAll(strings.Join(sub, "\n\n"), "\n", "\n"+indent+"> ")
	case *east.Table:
		var rows []string
		for r := t.FirstChild(); r != nil; r = r.NextSibling() {
			var cells []string
			for c := r.FirstChild(); c != nil; c = c.NextSibling() {
				cells = append(cells, plainInline(c, src))
			}
			rows = append(rows, indent+strings.Join(cells, " | "))
		}
		return strings.Join(rows, "\n")
	case *ast.ThematicBreak:
		return ""
	case *ast.Paragraph, *ast.TextBlock:
		return indent + plainInline(n, src)
	}
	return indent + plainInline(n, src)
}

// plainInline renders inline content, joining soft line breaks, keeping hard ones and writing links
// as "text (url)".
func plainInline(n ast.Node, src []byte) string {
	var b strings.Builder
	var soft []int // where soft line breaks fall in b, joined once the text around them is known
	_ = ast.Walk(n, func(x ast.Node, entering bool) (ast.WalkStatus, error) {
		switch t := x.(type) {
		case *ast.Text:
			if entering {
				b.Write(t.Segment.Value(src))
				// A soft line break is where the writer's editor wrapped: a paragraph reads as one line
				// in an email or a status page. A hard one (two spaces, a backslash) is a new line.
				switch {
				case t.HardLineBreak():
					b.WriteByte('\n')
				case t.SoftLineBreak():
					soft = append(soft, b.Len())
				}
			}
		case *ast.String:
			if entering {
				b.Write(t.Value)
			}
		case *ast.CodeSpan:
			if entering {
				for ch := t.FirstChild(); ch != nil; ch = ch.NextSibling() {
					if tx, ok := ch.(*ast.Text); ok {
						b.Write(tx.Segment.Value(src))
					}
				}
				return ast.WalkSkipChildren, nil
			}
		case *ast.AutoLink:
			if entering {
				b.Write(t.URL(src))
			}
		case *ast.Link:
			if !entering {
				if dest := string(t.Destination); dest != "" && !strings.Contains(b.String(), dest) {
					b.WriteString(" (" + dest + ")")
				}
			}
		case *ast.RawHTML:
			if entering {
				// a line break written as HTML is one; any other tag shows nothing
				var raw strings.Builder
				for i := 0; i < t.Segments.Len(); i++ {
					seg := t.Segments.At(i)
					raw.Write(seg.Value(src))
				}
				if breaksLine(strings.Trim(raw.String(), "<>/ ")) {
					b.WriteByte('\n')
				}
			}
			return ast.WalkSkipChildren, nil
		case *east.TaskCheckBox:
			if entering {
				if t.IsChecked {
					b.WriteString("[x] ")
				} else {
					b.WriteString("[ ] ")
				}
			}
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(resolveEntities(joinSoftBreaks(b.String(), soft)))
}

// joinSoftBreaks puts a space at each offset of text in at (ascending), except between two
// characters of scripts written without spaces (Japanese, Chinese), which join directly.
func joinSoftBreaks(text string, at []int) string {
	if len(at) == 0 {
		return text
	}
	var b strings.Builder
	last := 0
	for _, i := range at {
		b.WriteString(text[last:i])
		before, _ := utf8.DecodeLastRuneInString(text[:i])
		after, _ := utf8.DecodeRuneInString(text[i:])
		if !(unspaced(before) && unspaced(after)) {
			b.WriteByte(' ')
		}
		last = i
	}
	b.WriteString(text[last:])
	return b.String()
}

// unspaced reports a character of a script written without spaces between words, or the
// punctuation that goes with it.
func unspaced(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) || r == 'ー'
}

// htmlText is the text an HTML block shows, as plain text: tags and comments dropped, the source's
// line breaks spaces, a line break where a block or a <br> ends a line, character references
// resolved, each line trimmed and its spaces made one, runs of blank lines made one.
func htmlText(s string) string {
	var b strings.Builder
	var hrefs []string // the addresses of the <a> elements open, written after their text
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], "<!--"):
			end := strings.Index(s[i+4:], "-->")
			if end < 0 {
				i = len(s)
				continue
			}
			i += 4 + end + 3
		case s[i] == '<':
			end := strings.IndexByte(s[i:], '>')
			if end < 0 {
				b.WriteString(s[i:])
				i = len(s)
				continue
			}
			tag := s[i+1 : i+end]
			i += end + 1
			closing := strings.HasPrefix(strings.TrimSpace(tag), "/")
			switch name := tagName(tag); {
			case (name == "script" || name == "style") && !closing:
				// what they hold is code, not text anyone reads: skipped to their end tag
				if close := strings.Index(strings.ToLower(s[i:]), "</"+name); close >= 0 {
					i += close
				} else {
					i = len(s)
				}
			case name == "td" || name == "th":
				b.WriteByte(' ') // cells are apart, as a browser shows them
			case name == "a" && !closing:
				hrefs = append(hrefs, attr(tag, "href"))
			case name == "a" && len(hrefs) > 0:
				// a link's address after its text, as a Markdown link's: "text (address)"
				if h := hrefs[len(hrefs)-1]; h != "" && !strings.HasPrefix(h, "#") && !strings.Contains(b.String(), h) {
					b.WriteString(" (" + h + ")")
				}
				hrefs = hrefs[:len(hrefs)-1]
			case breaksLine(tag):
				b.WriteByte('\n')
			}
		case s[i] == '\n' || s[i] == '\r':
			b.WriteByte(' ') // a line break in HTML's source is a space; tags break lines
			i++
		default:
			b.WriteByte(s[i])
			i++
		}
	}
	var lines []string
	blank := false
	for _, l := range strings.Split(resolveEntities(b.String()), "\n") {
		l = strings.Join(strings.Fields(l), " ")
		if l == "" {
			blank = len(lines) > 0
			continue
		}
		if blank {
			lines = append(lines, "")
			blank = false
		}
		lines = append(lines, l)
	}
	return strings.Join(lines, "\n")
}

// tagName is the element's name of a tag (what is between < and >), lower case, without a "/".
func tagName(tag string) string {
	name := strings.TrimPrefix(strings.TrimSpace(tag), "/")
	if i := strings.IndexAny(name, " \t\n/"); i >= 0 {
		name = name[:i]
	}
	return strings.ToLower(name)
}

// breaksLine reports whether the tag (what is between < and >) ends a line of text: a block
// element's or a <br>.
func breaksLine(tag string) bool {
	switch tagName(tag) {
	case "br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote", "pre", "hr", "section", "article", "details", "summary":
		return true
	}
	return false
}

// attr is the value of the attribute name in a tag's text (`a href="x"` → x), quoted or not; "".
func attr(tag, name string) string {
	low := strings.ToLower(tag)
	for from := 0; ; {
		i := strings.Index(low[from:], name)
		if i < 0 {
			return ""
		}
		i += from
		j := i + len(name)
		from = j
		if i > 0 && low[i-1] != ' ' && low[i-1] != '\t' && low[i-1] != '\n' {
			continue // part of another attribute's name
		}
		for j < len(tag) && tag[j] == ' ' {
			j++
		}
		if j >= len(tag) || tag[j] != '=' {
			continue
		}
		j++
		for j < len(tag) && tag[j] == ' ' {
			j++
		}
		if j < len(tag) && (tag[j] == '"' || tag[j] == '\'') {
			q := tag[j]
			if end := strings.IndexByte(tag[j+1:], q); end >= 0 {
				return resolveEntities(tag[j+1 : j+1+end])
			}
			return ""
		}
		end := j
		for end < len(tag) && tag[end] != ' ' && tag[end] != '\t' && tag[end] != '>' {
			end++
		}
		return resolveEntities(tag[j:end])
	}
}
