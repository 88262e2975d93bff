package lint

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// Fix is a change to the linted text that resolves a finding. pm lint --fix applies the safe ones;
// the language server offers every one as a code action.
type Fix struct {
	// Title says what the fix does, in the linter's language: a code action's title and the line
	// pm lint --fix prints.
	Title string
	// Safe marks a fix that needs no judgement (an insertion of what is missing, never a rewording):
	// pm lint --fix applies only these.
	Safe bool
	// Edits are the replacements the fix makes, in byte offsets into the linted source.
	Edits []Edit
}

// Edit replaces the bytes [Start, End) of the linted source with Text; Start == End inserts.
type Edit struct {
	Start, End int
	Text       string
}

// ApplyEdits returns src with the edits made. The edits may come in any order; it is an error for two
// of them to overlap (two insertions at one offset are made in the order given) or for one to fall
// outside src.
func ApplyEdits(src []byte, edits []Edit) ([]byte, error) {
	sorted := make([]Edit, len(edits))
	copy(sorted, edits)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Start < sorted[j].Start })
	out := make([]byte, 0, len(src))
	at := 0
	for _, e := range sorted {
		if e.Start < at || e.End < e.Start || e.End > len(src) {
			return nil, fmt.Errorf("edit of bytes %d-%d overlaps another or falls outside %d bytes", e.Start, e.End, len(src))
		}
		out = append(out, src[at:e.Start]...)
		out = append(out, e.Text...)
		at = e.End
	}
	return append(out, src[at:]...), nil
}

// srcMap maps offsets into a document's Text (no BOM, LF line ends) to offsets into its Src, where
// fixes are expressed: a line's bytes are the same in both, only where lines start differs.
type srcMap struct {
	doc    *postmortem.Doc
	starts []int // offset in Src of the start of each line, built on first use
}

// at is the offset in Src of the offset text into Text.
func (m *srcMap) at(text int) int {
	d := m.doc
	if m.starts == nil {
		at := 0
		if d.HasBOM {
			at = len(bom)
		}
		m.starts = append(make([]int, 0, d.LineCount()), at)
		for i := at; i < len(d.Src); i++ {
			if d.Src[i] == '\n' {
				m.starts = append(m.starts, i+1)
			}
		}
	}
	text = min(max(text, 0), len(d.Text))
	line := d.LineOf(text)
	if line < 1 || line > len(m.starts) {
		return len(d.Src)
	}
	return m.starts[line-1] + text - d.LineStart(line)
}

// lineEnds writes text, whose lines end in LF, with the document's line ends: CRLF when the file uses
// them (a file with both gets CRLF, as pm's other edits write).
func lineEnds(d *postmortem.Doc, text string) string {
	if d.CRLF {
		return strings.ReplaceAll(text, "\n", "\r\n")
	}
	return text
}

var bom = []byte("\uFEFF")

// insertAt is a fix's edit that inserts text (lines ending in LF) at an offset into the body.
func (c *Context) insertAt(body int, text string) Edit {
	at := c.srcOffsets().at(c.Doc.BodyOffset + body)
	return Edit{Start: at, End: at, Text: lineEnds(c.Doc, text)}
}

// replaceBody is a fix's edit that replaces the body bytes [start, end) with text.
func (c *Context) replaceBody(start, end int, text string) Edit {
	m := c.srcOffsets()
	return Edit{Start: m.at(c.Doc.BodyOffset + start), End: m.at(c.Doc.BodyOffset + end), Text: lineEnds(c.Doc, text)}
}

// srcEdit turns an edit of the body (offsets into it, lines ending in LF) into a fix's edit.
func (c *Context) srcEdit(e Edit) Edit { return c.replaceBody(e.Start, e.End, e.Text) }

// sectionAlone parses the body bytes [start, end), with edits of the body made in them, as a document
// of its own: the check of a fix that changes one section, far cheaper than parsing the file again
// (which would double the time a large document takes to lint while the finding stands).
func (c *Context) sectionAlone(start, end int, edits []Edit) *postmortem.Content {
	shifted := make([]Edit, len(edits))
	for i, e := range edits {
		shifted[i] = Edit{Start: e.Start - start, End: e.End - start, Text: e.Text}
	}
	part, err := ApplyEdits(c.Doc.Body[start:end], shifted)
	if err != nil {
		return &postmortem.Content{}
	}
	doc := append([]byte("---\ntitle: x\n---\n"), part...)
	return postmortem.Parse(c.Doc.Path, doc, c.linter.opts.Location).Content()
}

// srcOffsets is the document's srcMap, built for its first fix.
func (c *Context) srcOffsets() *srcMap {
	if c.srcMap == nil {
		c.srcMap = &srcMap{doc: c.Doc}
	}
	return c.srcMap
}

// docLang is the language the document is written in, for text a fix inserts: the language of its
// headings; with no heading pm knows, Japanese when the title is written in Japanese script, else the
// linter's language.
func (c *Context) docLang() i18n.Lang {
	if ja, known := c.Content.Japanese(); known {
		if ja {
			return i18n.JA
		}
		return i18n.EN
	}
	for _, r := range c.Doc.Fields.Title {
		if unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) {
			return i18n.JA
		}
	}
	return c.lang
}

// Applied is a fix FixSafe made: the finding's rule and line (in the file as it was before any fix:
// a finding of a later round, in text an earlier fix inserted, has the line where that text went in)
// and the fix's title.
type Applied struct {
	Line  int
	Rule  string
	Title string
}

// maxFixRounds bounds FixSafe: a fix may uncover another (a section inserted, then its responders
// line), but a chain longer than this means fixes undo each other.
const maxFixRounds = 20

// FixSafe applies the Safe fixes of the file's findings, one per finding and only those that do not
// overlap another (see overlaps), again on the result until none applies (at most maxFixRounds rounds). It returns
// the fixed text (src itself when nothing applied), what it applied in order, and the findings of
// the fixed text.
func (l *Linter) FixSafe(path string, src []byte) (out []byte, applied []Applied, findings []Finding) {
	l = l.WithFixes()
	out = src
	findings = l.Lint(path, out)
	var earlier [][]Edit // the edits of each round applied, each sorted
	for range maxFixRounds {
		var edits []Edit
		var round []Applied
		for _, f := range findings {
			for _, fx := range f.Fixes {
				if !fx.Safe {
					continue
				}
				if !overlaps(edits, fx.Edits) {
					edits = append(edits, fx.Edits...)
					round = append(round, Applied{Line: f.Line, Rule: f.Rule, Title: fx.Title})
				}
				break
			}
		}
		if len(edits) == 0 {
			break
		}
		next, err := ApplyEdits(out, edits)
		if err != nil || bytes.Equal(next, out) {
			break
		}
		if len(earlier) > 0 {
			for i := range round {
				round[i].Line = lineBefore(src, out, round[i].Line, earlier)
			}
		}
		sorted := slices.Clone(edits)
		slices.SortFunc(sorted, func(a, b Edit) int { return a.Start - b.Start })
		earlier = append(earlier, sorted)
		out, applied = next, append(applied, round...)
		findings = l.Lint(path, out)
	}
	return out, applied, findings
}

// lineBefore maps line of text, which the rounds of edits (oldest first) made from src, back to a
// line of src: a line inside text an edit inserted maps to where that edit was made.
func lineBefore(src, text []byte, line int, rounds [][]Edit) int {
	off := 0
	for l := 1; l < line && off < len(text); l++ {
		nl := bytes.IndexByte(text[off:], '\n')
		if nl < 0 {
			off = len(text)
			break
		}
		off += nl + 1
	}
	for r := len(rounds) - 1; r >= 0; r-- {
		shift := 0 // what the edits before off added
		back := -1
		for _, e := range rounds[r] {
			start := e.Start + shift
			if off < start {
				break
			}
			if off < start+len(e.Text) {
				back = e.Start
				break
			}
			shift += len(e.Text) - (e.End - e.Start)
		}
		if back < 0 {
			back = off - shift
		}
		off = back
	}
	return 1 + bytes.Count(src[:min(off, len(src))], []byte("\n"))
}

// overlaps reports whether an edit of add touches the bytes another edit replaces, or inserts where
// another inserts: two fixes that insert at one place each judged the text without the other (two
// responders lines would become a loose list), so the second waits for the next round.
func overlaps(have, add []Edit) bool {
	for _, a := range add {
		for _, h := range have {
			if a.Start < h.End && h.Start < a.End || a.Start == h.Start {
				return true
			}
			if (a.Start == a.End && h.Start < a.Start && a.Start < h.End) || (h.Start == h.End && a.Start < h.Start && h.Start < a.End) {
				return true
			}
		}
	}
	return false
}
