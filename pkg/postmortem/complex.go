package postmortem

import (
	"bytes"
	"sort"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/pm-tools/pm/pkg/internal/lazy"
)

// The bounds pm puts on the Markdown it hands to goldmark. goldmark takes time that grows faster
// than the input on a few shapes no postmortem has: containers opened one inside the next ("> > > >
// …", "- - - - …", or a staircase of indented list items), paragraphs dense with emphasis, link,
// code or HTML delimiters ("[a](" or "*_*_**__" over and over), long runs of link reference
// definitions, and tables whose rows are padded to a very wide header.
// Within these bounds its work is linear in the size of the body; what lies beyond them is blanked
// out before parsing (see Complex) and reported by the too-complex lint rule.
const (
	// MaxNesting is the most block quotes and list items a line may be inside.
	MaxNesting = 32
	// MaxRefDefs is the most link reference definitions a run of lines without a blank one may hold:
	// goldmark copies the rest of the paragraph for each definition it starts with.
	MaxRefDefs = 256
	// MaxDelimiters is the most emphasis, link, code and HTML delimiters a block of inline text (a
	// paragraph, a heading, a table cell) may hold: "[", "<", and runs of "*", "_", "~" and "`".
	MaxDelimiters = 256
	// MinEmphasis is the number of emphasis delimiters every block of inline text may hold; longer
	// blocks may hold more (EmphasisBound).
	MinEmphasis = 32
	// MaxEscapedPipes is the most escaped pipes ("\\|") the tables of a document may hold: goldmark
	// looks through all of them for every piece of code in a cell that has one.
	MaxEscapedPipes = 256
	// MaxTableCells is the most cells the tables of a document may hold, rows padded to their
	// header's width: a table is the heaviest Markdown to hold in memory (a node per cell and per
	// piece of its text, a row of action items a few hundred bytes), and 195,000 rows of action
	// items in 8 MB took over a gigabyte. A timeline of 10,000 ten-column rows holds 100,000, with room for the rest of the document.
	MaxTableCells = 250_000
	// tableSlack is the number of cells a table may have beyond twice its bytes: goldmark pads every
	// row to the header's width, so a wide header over many short rows makes cells out of nothing.
	tableSlack = 1024
)

// ComplexKind is which bound a Complex region passed.
type ComplexKind int

// Complex kinds.
const (
	ComplexNesting      ComplexKind = iota + 1 // a line inside more than MaxNesting containers
	ComplexDelimiters                          // more delimiters in one block of text than its bounds allow
	ComplexTable                               // a table whose padded cells outgrow its text
	ComplexRefDefs                             // more than MaxRefDefs link reference definitions in one paragraph
	ComplexEscapedPipes                        // a table past MaxEscapedPipes escaped pipes in the document's tables
	ComplexTableCells                          // a table past MaxTableCells cells in the document's tables
)

// Complex is a region of the body beyond pm's bounds on Markdown: from the point where the bound was
// passed to the end of the line, block or table, or of a run of such on consecutive lines. Its
// bytes, line breaks excepted, were handed to the parser as spaces, so the rest of the document
// parses in linear time and every offset, line and column stays where it is in the file. Start and
// End are offsets into the body.
type Complex struct {
	Start, End int
	Kind       ComplexKind
	Columns    int // of a ComplexTable: the width its rows are padded to
}

// boundComplexity returns the body as pm parses it: body itself when it is within the bounds, else
// a copy with the regions beyond them blanked out, and those regions in order. It reads the body a
// constant number of times; the exact check of inline delimiters, which needs goldmark's blocks,
// runs only when a cheap count over blank-line separated runs says a block may be over the bound.
func boundComplexity(body []byte) ([]byte, []Complex) {
	var found []Complex
	src := body
	blank := func(c Complex) {
		if len(found) == 0 {
			src = append([]byte(nil), body...)
		}
		found = append(found, c)
		blankOut(src, c)
	}
	boundLines(body, blank)
	if overDelimiters(src) {
		boundInline(src, blank)
	}
	if len(found) < 2 {
		return src, found
	}
	// A run of deep lines or dense blocks is one region, blanked as a whole (the markers that open
	// its lines included), and one finding.
	merged := mergeComplex(body, found)
	for _, c := range merged {
		blankOut(src, c)
	}
	return src, merged
}

// blankOut turns the bytes of a region, line breaks excepted, into spaces.
func blankOut(src []byte, c Complex) {
	for i := c.Start; i < c.End; i++ {
		if src[i] != '\n' {
			src[i] = ' '
		}
	}
}

// lineEnd returns the end of the line starting at i: the offset of its "\n", or len(b). goldmark ends
// lines at "\n" only (the body's CRLFs are LFs already); a lone CR is a space to it, as it is here.
func lineEnd(b []byte, i int) int {
	if j := bytes.IndexByte(b[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(b)
}

// nextLineStart returns the start of the line after the one ending at end.
func nextLineStart(b []byte, end int) int { return end + 1 }

// isSpace reports whether goldmark may take c for white space.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' }

// isBlankLine reports whether a line is blank. It takes only spaces and tabs for blank, where goldmark
// takes any white space: a line of other white space, not blank here, only makes a run longer, so the
// counts over runs are never too low.
func isBlankLine(l []byte) bool {
	for _, c := range l {
		if c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

// boundLines applies the bounds that need only the lines: nesting, link reference definitions, and
// the cells of tables.
func boundLines(b []byte, blank func(Complex)) {
	var (
		nest       nesting
		cols       int // columns of the table the line is in, 0 when not in one
		cells, sz  int // cells and bytes of the table so far
		allCells   int // cells of the document's tables so far
		refs       int // link reference definitions in the run of lines so far
		pipes      int // escaped pipes in the tables so far
		prevFilled bool
		prevStart  int // where the line before starts
		prevPipes  int // escaped pipes in the line before
	)
	for i := 0; i < len(b); {
		end := lineEnd(b, i)
		line := b[i:end]
		next := nextLineStart(b, end)
		if isBlankLine(line) {
			cols, refs, prevFilled = 0, 0, false
			nest.blank = true
			i = next
			continue
		}
		escaped := bytes.Count(line, escapedPipe)
		if at := nest.line(line); at >= 0 {
			blank(Complex{Start: i + at, End: end, Kind: ComplexNesting})
		}
		// skip blanks the rest of the run of lines from the line at i, and moves on past it.
		skip := func(c Complex) {
			c.End = endOfRun(b, next, end)
			blank(c)
			cols, refs, prevFilled = 0, 0, false
			next = nextLineStart(b, c.End)
		}
		if isRefDef(line) {
			if refs++; refs > MaxRefDefs {
				skip(Complex{Start: i, Kind: ComplexRefDefs})
				i = next
				continue
			}
		}
		switch {
		case cols > 0:
			if pipes += escaped; escaped > 0 && pipes > MaxEscapedPipes {
				skip(Complex{Start: i, Kind: ComplexEscapedPipes})
				i = next
				continue
			}
			cells += cols
			sz += next - i
			if allCells += cols; allCells > MaxTableCells {
				skip(Complex{Start: i, Kind: ComplexTableCells})
				i = next
				continue
			}
			if cells > 2*sz+tableSlack {
				skip(Complex{Start: i, Kind: ComplexTable, Columns: cols})
				i = next
				continue
			}
		case prevFilled:
			if n := delimiterRowCells(line); n > 0 {
				cols, cells, sz = n, 2*n, next-i
				allCells += 2 * n // the header and the delimiter row
				if pipes += prevPipes; prevPipes > 0 && pipes > MaxEscapedPipes {
					skip(Complex{Start: prevStart, Kind: ComplexEscapedPipes})
					i = next
					continue
				}
			}
		}
		prevFilled, prevStart, prevPipes = true, i, escaped
		i = next
	}
}

var escapedPipe = []byte(`\|`)

// endOfRun returns the end of the last line before the first blank line at or after from; end is
// the end of the line before from.
func endOfRun(b []byte, from, end int) int {
	for j := from; j < len(b); {
		e := lineEnd(b, j)
		if isBlankLine(b[j:e]) {
			break
		}
		end = e
		j = nextLineStart(b, e)
	}
	return end
}

// isRefDef reports whether a line starts like a link reference definition, "[label]:", after any
// block quote markers.
func isRefDef(line []byte) bool {
	i := 0
	for i < len(line) && (isSpace(line[i]) || line[i] == '>') {
		i++
	}
	if i == len(line) || line[i] != '[' {
		return false
	}
	j := bytes.IndexByte(line[i:], ']')
	return j > 0 && i+j+1 < len(line) && line[i+j+1] == ':'
}

// nesting follows the containers open above each line closely enough to bound their depth: a stack
// of the list items open, each with the number of block quote markers before it and the column its
// content starts at. It may count too many, never too few: only a list marker, or text after a blank
// line, closes items (goldmark keeps lists open across lazy continuation lines), and every item on
// the stack counts, inside block quotes or not. The stack never holds more than MaxNesting items.
type nesting struct {
	items []nestItem
	blank bool // the line before was blank
}

type nestItem struct{ quotes, col int }

// line returns the offset in line of the container marker (">", "-", "+", "*", "1." or "1)") that
// opens a block quote or list item deeper than MaxNesting, or -1.
func (s *nesting) line(line []byte) int {
	afterBlank := s.blank
	s.blank = false
	quotes, col, i := 0, 0, 0
	depth := -1 // the containers the line is in so far, once its first marker is read
	// "- - -" and "* * *" are thematic breaks, not lists: where the rest of the line is one of them
	// (nothing but that character and spaces from there on), the markers end.
	dashBreak, starBreak := breakStart(line, '-'), breakStart(line, '*')
	for i < len(line) {
		for i < len(line) && isSpace(line[i]) {
			if line[i] == '\t' {
				col += 4 - col%4
			} else {
				col++
			}
			i++
		}
		if i == len(line) {
			break
		}
		at, c := i, line[i]
		content := -1 // the content column of a list marker
		switch {
		case c == '>':
			i++
			if i < len(line) && line[i] == ' ' {
				i++
			}
			col = 0 // columns count from the quote's content
		case c == '-' || c == '+' || c == '*':
			if (i+1 < len(line) && !isSpace(line[i+1])) || (c == '-' && i >= dashBreak) || (c == '*' && i >= starBreak) {
				return s.text(quotes, col, afterBlank, depth)
			}
			i++
			content = col + 2
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j == len(line) || (line[j] != '.' && line[j] != ')') ||
				(j+1 < len(line) && !isSpace(line[j+1])) {
				return s.text(quotes, col, afterBlank, depth)
			}
			content = col + j - i + 2
			i = j + 1
		default:
			return s.text(quotes, col, afterBlank, depth)
		}
		if depth < 0 {
			if content >= 0 {
				s.close(quotes, col)
			}
			depth = len(s.items)
		}
		if content >= 0 {
			s.items = append(s.items, nestItem{quotes: quotes, col: content})
			col = content
		} else {
			quotes++
		}
		if depth++; depth > MaxNesting {
			s.items = s.items[:min(len(s.items), MaxNesting)]
			return at
		}
	}
	return -1
}

// breakStart returns the offset from which line holds nothing but c, spaces and tabs, with c at
// least three times: a thematic break from there on; len(line) when there is none.
func breakStart(line []byte, c byte) int {
	n, from := 0, len(line)
	for i := len(line) - 1; i >= 0; i-- {
		switch line[i] {
		case c:
			n++
			if n >= 3 {
				from = i
			}
		case ' ', '\t', '\r', '\v', '\f':
		default:
			return from
		}
	}
	return from
}

// close pops the items a list marker at col, after quotes block quote markers, is not inside.
func (s *nesting) close(quotes, col int) {
	for len(s.items) > 0 {
		top := s.items[len(s.items)-1]
		if top.quotes < quotes || (top.quotes == quotes && top.col <= col) {
			return
		}
		s.items = s.items[:len(s.items)-1]
	}
}

// text ends a line at its text: after a blank line, text left of an item's content closes the item.
func (s *nesting) text(quotes, col int, afterBlank bool, depth int) int {
	if afterBlank && depth < 0 {
		s.close(quotes, col)
	}
	return -1
}

// delimiterRowCells returns the number of cells of a table's delimiter row ("| --- | :-: |"), after
// any block quote markers, or 0 when the line is not one.
func delimiterRowCells(line []byte) int {
	i := 0
	for i < len(line) && (isSpace(line[i]) || line[i] == '>') {
		i++
	}
	cells, pipes, dash := 0, 0, false
	for ; i < len(line); i++ {
		switch line[i] {
		case '-':
			if !dash {
				cells++
			}
			dash = true
		case '|':
			pipes++
			dash = false
		case ':', ' ', '\t', '\r', '\v', '\f':
		default:
			return 0
		}
	}
	if pipes == 0 {
		return 0 // a setext underline or a thematic break
	}
	return cells
}

// delimiters counts the inline delimiters of a block of text as countDelimiters reads it.
type delimiters struct {
	all, emphasis int
	maxEmphasis   int // the block's emphasis bound
}

// EmphasisBound is the most emphasis delimiters (runs of "*", "_" and "~") a block of inline text of
// n bytes may hold: MinEmphasis, or as many as the square root of 16 n. goldmark pairs emphasis
// delimiters in time that grows with the square of their number, so this keeps that work within 16
// steps per byte of text (32 for the shortest blocks).
func EmphasisBound(n int) int {
	r := MinEmphasis
	for (r+1)*(r+1) <= 16*n {
		r++
	}
	return r
}

// count adds the delimiters of s and returns the offset in s of the first past a bound, or -1. A run
// of "*", "_", "~" or "`" is one delimiter, as goldmark scans it.
func (d *delimiters) count(s []byte) int {
	for i, c := range s {
		switch byteKind[c] {
		case 0, lineBreak:
			continue
		case runDelimiter:
			if i > 0 && s[i-1] == c {
				continue
			}
		case emphasisDelimiter:
			if i > 0 && s[i-1] == c {
				continue
			}
			if d.emphasis++; d.emphasis > d.maxEmphasis {
				return i
			}
		}
		if d.all++; d.all > MaxDelimiters {
			return i
		}
	}
	return -1
}

// byteKind sorts the bytes delimiters.count and overDelimiters look at.
var byteKind = [256]uint8{
	'[': oneDelimiter, '<': oneDelimiter,
	'`': runDelimiter,
	'*': emphasisDelimiter, '_': emphasisDelimiter, '~': emphasisDelimiter,
	'\n': lineBreak,
}

const (
	oneDelimiter      = 1 + iota // a delimiter of its own
	runDelimiter                 // a delimiter with the same bytes after it
	emphasisDelimiter            // an emphasis delimiter with the same bytes after it
	lineBreak
)

// overDelimiters reports whether a run of lines without a blank one has more than MaxDelimiters
// delimiters, or more than MinEmphasis emphasis delimiters. Every block of inline text lies inside
// such a run, so when none has, no block is over its bounds. It is one pass over the bytes, since it
// runs on every document.
func overDelimiters(b []byte) bool {
	n, emphasis := 0, 0
	filled := false // the line so far has more than spaces and tabs
	for i := 0; i < len(b); {
		// A stretch of bytes that are none of the kinds: it fills the line unless it is spaces and
		// tabs only (which is seen at its first byte, almost always).
		j := i
		for j < len(b) && byteKind[b[j]] == 0 {
			j++
		}
		if !filled && j > i && !isBlankLine(b[i:j]) {
			filled = true
		}
		if j == len(b) {
			break
		}
		c := b[j]
		i = j + 1
		switch byteKind[c] {
		case lineBreak:
			if !filled {
				n, emphasis = 0, 0
			}
			filled = false
			continue
		case runDelimiter:
			if j > 0 && b[j-1] == c {
				continue
			}
		case emphasisDelimiter:
			if j > 0 && b[j-1] == c {
				continue
			}
			if emphasis++; emphasis > MinEmphasis {
				return true
			}
		}
		filled = true
		if n++; n > MaxDelimiters {
			return true
		}
	}
	return false
}

// blockParser finds goldmark's blocks without parsing their inline text: the blocks of the GFM
// parser (tables included), so that a count of delimiters covers exactly what one inline parse sees.
// Built on first use, not at start-up: most commands never need it.
var blockParser = lazy.Value[parser.Parser]{New: func() parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
		parser.WithParagraphTransformers(util.Prioritized(extension.NewTableParagraphTransformer(), 200)),
	)
}}

// boundInline blanks each block of inline text from its first delimiter past a bound to its end.
func boundInline(src []byte, blank func(Complex)) {
	root := blockParser.Get().Parse(text.NewReader(src), parser.WithContext(parser.NewContext()))
	var over []Complex
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock || n.IsRaw() || n.Lines().Len() == 0 {
			return ast.WalkContinue, nil
		}
		lines := n.Lines()
		size := 0
		for k := 0; k < lines.Len(); k++ {
			seg := lines.At(k)
			size += seg.Stop - seg.Start
		}
		count := delimiters{maxEmphasis: EmphasisBound(size)}
		for k := 0; k < lines.Len(); k++ {
			seg := lines.At(k)
			if at := count.count(src[seg.Start:seg.Stop]); at >= 0 {
				last := lines.At(lines.Len() - 1)
				end := lineEnd(src, last.Start)
				if end > last.Stop {
					end = last.Stop
				}
				over = append(over, Complex{Start: seg.Start + at, End: end, Kind: ComplexDelimiters})
				break
			}
		}
		return ast.WalkContinue, nil
	})
	for _, c := range over {
		blank(c)
	}
}

// mergeComplex sorts regions and joins those of a kind that overlap or follow on the next line, so
// that a run of deep lines or dense blocks is one finding.
func mergeComplex(body []byte, cs []Complex) []Complex {
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].Start < cs[j].Start })
	out := cs[:1]
	for _, c := range cs[1:] {
		last := &out[len(out)-1]
		if c.Start <= last.End || (c.Kind == last.Kind && nextLine1(body, last.End, c.Start)) {
			if c.End > last.End {
				last.End = c.End
			}
			continue
		}
		out = append(out, c)
	}
	return out
}

// nextLine1 reports whether body[from:to] holds exactly one line break: to is on the line after from.
func nextLine1(body []byte, from, to int) bool {
	n := 0
	for _, c := range body[from:to] {
		if c == '\n' {
			if n++; n > 1 {
				return false
			}
		}
	}
	return n == 1
}
