package postmortem

import (
	"bytes"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// PlainWords calls word with each word of PlainText(blocks, src), in order, as strings.Fields would
// split that text, without making it: a search index wants the words, and PlainText's text of a
// whole document, built from a string per block and per line, cost more than splitting it. The
// words PlainText only adds (a list item's "-" or "1.", a quotation's ">", a table's "|") come in
// the same order; within a quotation, only its first ">" (the others repeat it). word must not keep
// the slice it is given.
func PlainWords(blocks []ast.Node, src []byte, word func(w []byte)) {
	p := plainWordsPool.Get().(*plainWords)
	p.src, p.word = src, word
	for _, b := range blocks {
		p.block(b, false)
		p.flush()
	}
	p.src, p.word, p.part = nil, nil, p.part[:0]
	plainWordsPool.Put(p)
}

var plainWordsPool = sync.Pool{New: func() any { return new(plainWords) }}

// plainWords splits the plain text of blocks into words as it goes.
type plainWords struct {
	src  []byte
	word func([]byte)
	part []byte // a word begun in one piece of text that may go on in the next
	text []byte // the text of one inline run, as plainInline builds it
	join []byte // the same with its soft line breaks joined
	soft []int  // where soft line breaks fall in text
	num  []byte
}

// write splits p into words; its first word continues the last word of the piece before unless
// flush came between.
func (p *plainWords) write(b []byte) {
	start := 0 // the word of b being read; -1 between words
	if len(b) == 0 {
		return
	}
	for i := 0; i < len(b); {
		c, size := b[i], 1
		space := asciiSpace[c]
		if c >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRune(b[i:])
			space = unicode.IsSpace(r)
		}
		if space {
			if start >= 0 {
				p.emit(b[start:i])
			}
			start = -1
		} else if start < 0 {
			start = i
		}
		i += size
	}
	if start >= 0 {
		p.part = append(p.part, b[start:]...)
	}
}

// emit ends the current word with w.
func (p *plainWords) emit(w []byte) {
	if len(p.part) > 0 {
		p.part = append(p.part, w...)
		p.word(p.part)
		p.part = p.part[:0]
		return
	}
	if len(w) > 0 {
		p.word(w)
	}
}

// flush ends the word being read: what follows is separated from it.
func (p *plainWords) flush() {
	if len(p.part) > 0 {
		p.word(p.part)
		p.part = p.part[:0]
	}
}

var asciiSpace = [256]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// block follows plainBlock: nested is an indent other than "" (a list item's content), which puts
// spaces between the lines of code.
func (p *plainWords) block(n ast.Node, nested bool) {
	switch t := n.(type) {
	case *ast.HTMLBlock:
		if isCommentOnly(t, p.src) {
			return
		}
		// the text it shows, as plainBlock writes it (HTML blocks are rare: made as a string)
		var b []byte
		for i := 0; i < t.Lines().Len(); i++ {
			seg := t.Lines().At(i)
			b = append(b, seg.Value(p.src)...)
		}
		p.flush()
		p.write([]byte(htmlText(string(b))))
		p.flush()
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		p.lines(n, nested)
	case *ast.List:
		num := t.Start
		for it := t.FirstChild(); it != nil; it = it.NextSibling() {
			p.flush()
			if t.IsOrdered() {
				p.num = append(strconv.AppendInt(p.num[:0], int64(num), 10), '.')
				p.word(p.num)
				num++
			} else {
				p.word(dash)
			}
			for ch := it.FirstChild(); ch != nil; ch = ch.NextSibling() {
				p.block(ch, true)
				p.flush()
			}
		}
	case *ast.Blockquote:
		p.flush()
		p.word(quote)
		for ch := t.FirstChild(); ch != nil; ch = ch.NextSibling() {
			p.block(ch, false)
			p.flush()
		}
	case *east.Table:
		for r := t.FirstChild(); r != nil; r = r.NextSibling() {
			p.flush()
			for c := r.FirstChild(); c != nil; c = c.NextSibling() {
				if c != r.FirstChild() {
					p.flush()
					p.word(bar)
				}
				p.inline(c)
			}
		}
	case *ast.ThematicBreak:
	default:
		p.inline(n)
	}
	p.flush()
}

var (
	dash  = []byte("-")
	quote = []byte(">")
	bar   = []byte("|")
)

// lines writes the lines of a code or HTML block as they follow each other, with a break before
// each when apart.
func (p *plainWords) lines(n ast.Node, apart bool) {
	p.flush()
	ls := n.Lines()
	for i := 0; i < ls.Len(); i++ {
		seg := ls.At(i)
		if apart || seg.Padding > 0 {
			p.flush()
		}
		p.write(seg.Value(p.src))
	}
	p.flush()
}

// inline writes the words of plainInline(n, src): its text made the same way, soft line breaks
// joined and entities resolved, into buffers kept from one run to the next.
func (p *plainWords) inline(n ast.Node) {
	p.flush()
	p.text, p.soft = p.text[:0], p.soft[:0]
	p.inlineNode(n)
	text := p.text
	if len(p.soft) > 0 {
		p.join = appendJoinedSoftBreaks(p.join[:0], text, p.soft)
		text = p.join
	}
	if bytes.IndexByte(text, '\\') >= 0 || bytes.IndexByte(text, '&') >= 0 {
		text = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(text)))
	}
	p.write(text)
	p.flush()
}

// inlineNode appends n's text as plainInline's walk does.
func (p *plainWords) inlineNode(n ast.Node) {
	skip := false
	switch t := n.(type) {
	case *ast.Text:
		p.text = append(p.text, t.Segment.Value(p.src)...)
		switch {
		case t.HardLineBreak():
			p.text = append(p.text, '\n')
		case t.SoftLineBreak():
			p.soft = append(p.soft, len(p.text))
		}
	case *ast.String:
		p.text = append(p.text, t.Value...)
	case *ast.CodeSpan:
		for ch := t.FirstChild(); ch != nil; ch = ch.NextSibling() {
			if tx, ok := ch.(*ast.Text); ok {
				p.text = append(p.text, tx.Segment.Value(p.src)...)
			}
		}
		skip = true
	case *ast.AutoLink:
		p.text = append(p.text, t.URL(p.src)...)
	case *ast.RawHTML:
		if breaksLine(strings.Trim(string(t.Segments.Value(p.src)), "<>/ ")) {
			p.text = append(p.text, '\n')
		}
		skip = true
	case *east.TaskCheckBox:
		if t.IsChecked {
			p.text = append(p.text, "[x] "...)
		} else {
			p.text = append(p.text, "[ ] "...)
		}
	}
	if !skip {
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			p.inlineNode(ch)
		}
	}
	if l, ok := n.(*ast.Link); ok && !skip {
		if dest := l.Destination; len(dest) > 0 && !bytes.Contains(p.text, dest) {
			p.text = append(append(append(p.text, " ("...), dest...), ')')
		}
	}
}

// appendJoinedSoftBreaks appends text to dst as joinSoftBreaks joins it.
func appendJoinedSoftBreaks(dst, text []byte, at []int) []byte {
	last := 0
	for _, i := range at {
		dst = append(dst, text[last:i]...)
		before, _ := utf8.DecodeLastRune(text[:i])
		after, _ := utf8.DecodeRune(text[i:])
		if !(unspaced(before) && unspaced(after)) {
			dst = append(dst, ' ')
		}
		last = i
	}
	return append(dst, text[last:]...)
}
