package lint

import (
	"bytes"
	"html"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/text/unicode/norm"

	"github.com/pm-tools/pm/pkg/internal/lazy"
)

// readerText is the text a reader sees in one block of Markdown (a paragraph, a heading, a table
// cell, an HTML block), normalised so that a word reads the same however it was typed: emphasis,
// code spans and links joined into their words, HTML comments and tags dropped, character
// references resolved, NFKC applied (full-width letters are letters), invisible characters
// removed, and the Cyrillic and Greek letters that look like Latin ones read as those. from and to
// give, for every byte of text, the body bytes [from, to) it came from, so that a match points at
// what the writer typed.
type readerText struct {
	text     []byte
	from, to []int32 // offsets in a body no larger than pm reads (MaxFileSize), half the size of ints
}

// readerTexts returns the reader text of every block under nodes, one per block: words do not run
// on from one block into the next. Code blocks are read only with code set (their lines as
// written): the customer message sends them as text.
func readerTexts(nodes []ast.Node, src []byte, code bool) []readerText {
	var out []readerText
	// One builder's slices serve every block of every file: done copies what it keeps.
	b := builders.Get().(*readerBuilder)
	defer func() {
		if cap(b.runes) <= 64<<10 { // a huge block's slices go to the collector
			builders.Put(b)
		}
	}()
	for _, n := range nodes {
		_ = ast.Walk(n, func(x ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			switch t := x.(type) {
			case *ast.FencedCodeBlock, *ast.CodeBlock:
				if code {
					b.reset()
					for i := 0; i < x.Lines().Len(); i++ {
						seg := x.Lines().At(i)
						b.text(seg.Value(src), seg.Start)
					}
					out = append(out, b.done())
				}
				return ast.WalkSkipChildren, nil
			case *ast.HTMLBlock:
				if t.HTMLBlockType == ast.HTMLBlockType2 { // a comment: guidance, never shown
					return ast.WalkSkipChildren, nil
				}
				b.reset()
				for i := 0; i < t.Lines().Len(); i++ {
					seg := t.Lines().At(i)
					b.html(seg.Value(src), seg.Start)
				}
				out = append(out, b.done())
				return ast.WalkSkipChildren, nil
			}
			if x.Type() == ast.TypeBlock && x.FirstChild() != nil && x.FirstChild().Type() == ast.TypeInline {
				b.reset()
				b.inlines(x, src)
				out = append(out, b.done())
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		})
	}
	return out
}

var builders = sync.Pool{New: func() any { return new(readerBuilder) }}

// readerBuilder collects a block's visible characters with their body offsets, then normalises them.
type readerBuilder struct {
	runes     []rune
	from, to  []int32
	inComment bool // inside an HTML comment that began on an earlier line
	// soft is 1 + the index of the space a soft line break added, until the next character: between
	// two Japanese characters the break shows nothing (a reader, and pm message, join the lines:
	// 停 / 止 is 停止), and the space goes.
	soft int
}

func (b *readerBuilder) reset() {
	b.runes, b.from, b.to, b.inComment, b.soft = b.runes[:0], b.from[:0], b.to[:0], false, 0
}

// joinsWithoutSpace reports whether r is of a script written without spaces between words.
func joinsWithoutSpace(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef
}

func (b *readerBuilder) add(r rune, from, to int) {
	if b.soft > 0 {
		i := b.soft - 1
		b.soft = 0
		if i == len(b.runes)-1 && i > 0 && joinsWithoutSpace(b.runes[i-1]) && joinsWithoutSpace(r) {
			b.runes, b.from, b.to = b.runes[:i], b.from[:i], b.to[:i]
		}
	}
	b.runes = append(b.runes, r)
	b.from = append(b.from, int32(from))
	b.to = append(b.to, int32(to))
}

// inlines adds the visible text of a block's inline children.
func (b *readerBuilder) inlines(block ast.Node, src []byte) {
	_ = ast.Walk(block, func(x ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || x == block {
			return ast.WalkContinue, nil
		}
		switch t := x.(type) {
		case *ast.RawHTML, *ast.AutoLink:
			// A tag or a comment shows nothing; an autolink shows its address, not prose.
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			b.text(t.Segment.Value(src), t.Segment.Start)
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.add(' ', t.Segment.Stop, t.Segment.Stop)
				if !t.HardLineBreak() {
					b.soft = len(b.runes)
				}
			}
		case *ast.String:
			at := 0 // made by the parser, not typed: it points where the text before it ends
			if n := len(b.to); n > 0 {
				at = int(b.to[n-1])
			}
			for _, r := range string(t.Value) {
				b.add(r, at, at)
			}
		}
		return ast.WalkContinue, nil
	})
}

// text adds source bytes starting at body offset start, resolving character references.
func (b *readerBuilder) text(s []byte, start int) {
	for i := 0; i < len(s); {
		if s[i] == '&' {
			if n := entityLen(s[i:]); n > 0 {
				for _, r := range html.UnescapeString(string(s[i : i+n])) {
					b.add(r, start+i, start+i+n)
				}
				i += n
				continue
			}
		}
		r, size := utf8.DecodeRune(s[i:])
		b.add(r, start+i, start+i+size)
		i += size
	}
}

// html adds one line of an HTML block without its tags and comments (a comment may go on over
// several lines).
func (b *readerBuilder) html(s []byte, start int) {
	for i := 0; i < len(s); {
		if b.inComment {
			end := bytes.Index(s[i:], []byte("-->"))
			if end < 0 {
				return
			}
			b.inComment = false
			i += end + 3
			continue
		}
		if bytes.HasPrefix(s[i:], []byte("<!--")) {
			b.inComment = true
			i += 4
			continue
		}
		if s[i] == '<' {
			end := i + 1
			for end < len(s) && s[end] != '>' {
				end++
			}
			if breaksWords(s[i:min(end+1, len(s))]) {
				b.add(' ', start+i, start+i)
			}
			i = end + 1
			continue
		}
		j := i
		for j < len(s) && s[j] != '<' {
			j++
		}
		b.text(s[i:j], start+i)
		i = j
	}
}

// breaksWords reports whether an HTML tag separates the words around it as a browser lays it out:
// a block or a line break does, an inline tag does not ("out<b></b>age" is one word).
func breaksWords(tag []byte) bool {
	name := bytes.TrimLeft(tag[1:], "/")
	end := 0
	for end < len(name) && (name[end] >= 'a' && name[end] <= 'z' || name[end] >= 'A' && name[end] <= 'Z' || name[end] >= '0' && name[end] <= '9') {
		end++
	}
	switch strings.ToLower(string(name[:end])) {
	case "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins", "kbd",
		"mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var":
		return false
	}
	return true
}

// entityLen is the length of the character reference at the start of s ("&#97;", "&#x61;",
// "&amp;"), 0 when there is none.
func entityLen(s []byte) int {
	for i := 1; i < len(s) && i < 34; i++ {
		c := s[i]
		switch {
		case c == ';':
			if i > 1 && html.UnescapeString(string(s[:i+1])) != string(s[:i+1]) {
				return i + 1
			}
			return 0
		case c == '#' && i == 1, c >= '0' && c <= '9', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		default:
			return 0
		}
	}
	return 0
}

// done normalises what was collected.
func (b *readerBuilder) done() readerText {
	if asciiRunes(b.runes) {
		// ASCII is its own normal form: the text is the characters, in one pass, and the offsets
		// are the builder's, copied into one array (most blocks of most postmortems)
		n := len(b.runes)
		offs := make([]int32, 2*n)
		t := readerText{text: make([]byte, n), from: offs[:n:n], to: offs[n:]}
		for i, r := range b.runes {
			t.text[i] = byte(r)
		}
		copy(t.from, b.from)
		copy(t.to, b.to)
		return t
	}
	// Sized for the common case, one byte a character (ASCII); other text grows it.
	t := readerText{text: make([]byte, 0, len(b.runes)), from: make([]int32, 0, len(b.runes)), to: make([]int32, 0, len(b.runes))}
	var buf [utf8.UTFMax]byte
	for i, r := range b.runes {
		if r < utf8.RuneSelf { // ASCII is its own normal form
			t.text = append(t.text, byte(r))
			t.from = append(t.from, b.from[i])
			t.to = append(t.to, b.to[i])
			continue
		}
		if invisible(r) {
			continue
		}
		// Most characters (all of Japanese kana and kanji) are their own NFKC form: asking is free,
		// normalising a string of one character allocates.
		size := utf8.EncodeRune(buf[:], r)
		nfkc := string(buf[:size])
		if !norm.NFKC.IsNormal(buf[:size]) {
			nfkc = norm.NFKC.String(nfkc)
		}
		for _, n := range nfkc {
			if l, ok := lookalike.Get()[n]; ok {
				n = l
			}
			if invisible(n) {
				continue
			}
			size := utf8.EncodeRune(buf[:], n)
			for k := 0; k < size; k++ {
				t.text = append(t.text, buf[k])
				t.from = append(t.from, b.from[i])
				t.to = append(t.to, b.to[i])
			}
		}
	}
	return t
}

// asciiRunes reports whether every rune of rs is ASCII.
func asciiRunes(rs []rune) bool {
	for _, r := range rs {
		if r >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// invisible reports a default-ignorable code point: zero-width spaces and joiners, the soft hyphen,
// word joiners, the byte order mark, variation selectors and other format characters.
func invisible(r rune) bool {
	return unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r) ||
		unicode.Is(unicode.Variation_Selector, r)
}

// span returns the body bytes a match [start, end) of the text came from.
func (t *readerText) span(start, end int) (int, int) { return int(t.from[start]), int(t.to[end-1]) }

// lookalike maps Cyrillic and Greek letters to the Latin letters they cannot be told from (after
// Unicode's confusables, TR39), so that "оutage" with a Cyrillic о reads as "outage". Built on first
// use: only the banned-word rule reads it, and only for text that is not ASCII.
var lookalike = lazy.Value[map[rune]rune]{New: func() map[rune]rune {
	return map[rune]rune{
		'а': 'a', 'в': 'b', 'е': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p', 'с': 'c', 'т': 't',
		'у': 'y', 'х': 'x', 'ѕ': 's', 'і': 'i', 'ј': 'j', 'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w', 'ѵ': 'v', 'һ': 'h',
		'А': 'A', 'В': 'B', 'Е': 'E', 'К': 'K', 'М': 'M', 'Н': 'H', 'О': 'O', 'Р': 'P', 'С': 'C', 'Т': 'T',
		'У': 'Y', 'Х': 'X', 'Ѕ': 'S', 'І': 'I', 'Ј': 'J', 'Ԛ': 'Q', 'Ԝ': 'W',
		'α': 'a', 'ο': 'o', 'ρ': 'p', 'ν': 'v', 'ι': 'i', 'κ': 'k', 'τ': 't', 'υ': 'u', 'χ': 'x', 'ϲ': 'c',
		'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K', 'Μ': 'M', 'Ν': 'N', 'Ο': 'O',
		'Ρ': 'P', 'Τ': 'T', 'Υ': 'Y', 'Χ': 'X', 'ɑ': 'a', 'ɡ': 'g', 'ı': 'i',
	}
}}
