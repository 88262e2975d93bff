package postmortem

import (
	"bufio"
	"bytes"
	"errors"
	"strings"
	"sync"

	"github.com/adrg/frontmatter"
)

// FrontSplit is where SplitFrontMatter found a front matter block. Offsets are into the text given.
type FrontSplit struct {
	State FrontMatterState
	Open  int // offset of the opening --- line; -1 when there is none
	Start int // offset of the block's first byte, just past the opening line (FrontMatterOK only)
	End   int // offset just past the block, where the closing --- line starts (FrontMatterOK only)
	Body  int // offset where the body starts, just past the closing line (FrontMatterOK only)
}

var readers = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 4096) }}

// errFound stops the frontmatter library as soon as it has found the closing line: pm needs only
// where the block is (it decodes the block with yaml.v3 nodes, to keep line numbers), and the
// library would otherwise go on to copy the rest of the file into a buffer of its own, the largest
// allocation of a lint run over many files.
var errFound = errors.New("front matter block found")

// yamlFormat is the "---" format, whose unmarshal records the length of the raw block and stops.
// It is frontmatter.NewFormat("---", "---", …) written as the literal that call returns, which the
// compiler lays out: no work in package init.
var yamlFormat = &frontmatter.Format{Start: "---", End: "---", Unmarshal: func(data []byte, v interface{}) error {
	*(v.(*int)) = len(data)
	return errFound
}}

// SplitFrontMatter finds the front matter block at the top of text (without a BOM): an opening ---
// line after any blank lines, and a closing --- line. It is the one place pm decides where front
// matter starts and ends; the frontmatter library finds the block, and this adds where its opening
// line is, which the library does not say.
func SplitFrontMatter(text []byte) FrontSplit {
	open, afterOpen := openingLine(text)
	if open < 0 {
		return FrontSplit{State: FrontMatterNone, Open: -1}
	}
	n := -1
	// frontmatter reads through a bufio.Reader and reuses one it is given: pooling them saves an
	// allocation per file when thousands are listed.
	br := readers.Get().(*bufio.Reader)
	br.Reset(bytes.NewReader(text))
	_, err := frontmatter.Parse(br, &n, yamlFormat)
	br.Reset(nil)
	readers.Put(br)
	if !errors.Is(err, errFound) || n < 0 || afterOpen+n > len(text) {
		return FrontSplit{State: FrontMatterUnclosed, Open: open}
	}
	end, body := afterOpen+n, len(text)
	if i := bytes.IndexByte(text[end:], '\n'); i >= 0 {
		body = end + i + 1 // just past the closing line, as the library reads lines
	}
	return FrontSplit{State: FrontMatterOK, Open: open, Start: afterOpen, End: end, Body: body}
}

// FrontMatterEnd returns the offset in b just past the closing line of its front matter block, or 0
// when b does not hold a whole block — yet: b may be the first bytes of a file, read until the block
// is complete. A UTF-8 BOM before the block is allowed, as Parse allows it.
func FrontMatterEnd(b []byte) int {
	end, _ := FrontMatterSplit(b)
	return end
}

// FrontMatterSplit is FrontMatterEnd that also returns the split SplitFrontMatter made of b without
// its BOM, for ParseSplit of b[:end]: a file read up to the end of its block is split once.
func FrontMatterSplit(b []byte) (int, FrontSplit) {
	skip := 0
	if bytes.HasPrefix(b, bom) {
		skip = len(bom)
	}
	s := SplitFrontMatter(b[skip:])
	if s.State != FrontMatterOK {
		return 0, s
	}
	end := skip + s.Body
	if end == 0 || b[end-1] != '\n' {
		return 0, s // the closing line may go on in the bytes not read yet
	}
	return end, s
}

// openingLine finds the opening --- after any blank lines, as the frontmatter library does.
// It returns the offset of that line and the offset just past it, or -1.
func openingLine(text []byte) (int, int) {
	off := 0
	for off < len(text) {
		end := bytes.IndexByte(text[off:], '\n')
		next := len(text)
		if end >= 0 {
			next = off + end + 1
		}
		line := strings.TrimSpace(string(text[off:next]))
		switch {
		case line == "":
			if end < 0 {
				return -1, -1
			}
			off = next
			continue
		case line == "---":
			return off, next
		default:
			return -1, -1
		}
	}
	return -1, -1
}
