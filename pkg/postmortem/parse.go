package postmortem

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/severity"
)

// FrontMatterState says what was found at the top of the file.
type FrontMatterState int

// Front matter states.
const (
	FrontMatterNone     FrontMatterState = iota // the file does not start with ---
	FrontMatterUnclosed                         // an opening --- that never closes
	FrontMatterOK                               // a closed block (its YAML may still be malformed)
)

// Problem is something wrong with the front matter, at a 1-based line and character column of the whole file.
type Problem struct {
	Key     string // the key concerned, "" for the block as a whole
	Line    int
	Column  int
	Message string   // in English
	Msg     i18n.Msg // the same, from the message catalogue, for other languages
}

func newProblem(key string, line, col int, id string, args ...any) Problem {
	m := i18n.M(id, args...)
	return Problem{Key: key, Line: line, Column: col, Message: m.String(), Msg: m}
}

// Doc is a parsed postmortem. Parse never fails: what is wrong is recorded in Problems.
type Doc struct {
	Path string
	Src  []byte // the file as read
	// Text is Src without a UTF-8 BOM and with CRLF turned into LF: every line keeps its number
	// and every character before a line end keeps its column, so positions in Text are positions in Src.
	Text       []byte
	HasBOM     bool
	CRLF       bool
	FrontState FrontMatterState
	FrontLine  int // line of the opening ---, 0 when there is none
	FrontStart int // offset in Text of the first byte of the YAML block
	FrontEnd   int // offset in Text just past the YAML block (the closing --- line starts here)
	BodyOffset int // offset in Text where the Markdown body starts
	Body       []byte
	Root       *yaml.Node // the front matter mapping, nil when absent or malformed
	Fields     Fields
	Problems   []Problem
	// Present records which known keys appear in the front matter.
	Present map[string]bool

	mapping bool // the front matter decoded to a mapping (Root, until Compact)
	// historyBad marks the malformed entries of Fields.StatusHistory (HistoryMalformed); nil when
	// none is, as in almost every document.
	historyBad []bool
	// historyItems are the front matter's nodes of Fields.StatusHistory's entries, one each (until
	// Compact): HistoryLine finds entry i at once, not by counting the entries before it, which,
	// asked of every entry, took time that grew with the square of the history's length.
	historyItems []*yaml.Node
	// historyStray are the items of status_history that are not mappings (HistoryStray).
	historyStray []StrayEntry

	lineStarts []int
	yamlLines  []int // offsets in Text where the block's lines start as yaml.v3 counts lines
	// walker, set while the front matter is decoded (one goroutine, before the Doc is shared), maps
	// the positions of problems along a line incrementally: a flow list of 40,000 bad items on one
	// line was quadratic (each position counted from the line's start)
	walker    *frontWalker
	walkFront bool // the front matter is being decoded: problems are placed through walker (made on the first)
	// astral maps a line to the columns (sorted) of its characters outside the Basic Multilingual
	// Plane, which UTF-16 counts twice; read on the first UTF16Column.
	astral     map[int][]int
	astralRead bool

	contentOnce sync.Once
	content     *Content // the parsed body, once Content is called
}

// MaxFileSize is the largest postmortem pm reads (8 MiB): every command skips a larger file, saying
// so, and pm lint reports it.
const MaxFileSize = 8 << 20

// IsText reports whether data is text as pm (and git) tell it: no NUL byte in its first 8,000 bytes.
// A postmortem that is not is read by no command: pm lint reports it, the others skip it.
func IsText(data []byte) bool {
	head := data
	if len(head) > 8000 {
		head = head[:8000]
	}
	return bytes.IndexByte(head, 0) < 0
}

// RequiredKeys are the front matter keys every postmortem must have.
var RequiredKeys = []string{"title", "severity", "status", "owner", "incident_date"}

var bom = []byte{0xEF, 0xBB, 0xBF}

// Normalize strips a BOM and turns CRLF into LF, reporting what it found.
func Normalize(src []byte) (text []byte, hasBOM, crlf bool) {
	text = src
	if bytes.HasPrefix(text, bom) {
		text, hasBOM = text[len(bom):], true
	}
	if bytes.Contains(text, []byte("\r\n")) {
		text, crlf = bytes.ReplaceAll(text, []byte("\r\n"), []byte("\n")), true
	}
	return text, hasBOM, crlf
}

// Parse reads a postmortem from its bytes. loc is the zone for date-only values (nil: UTC).
func Parse(path string, src []byte, loc *time.Location) *Doc { return parse(path, src, loc, nil, nil) }

// ParseSplit is Parse of src whose front matter block SplitFrontMatter has already found, as
// FrontMatterSplit finds it while a file is read: split's offsets are into src without its BOM. The
// block is then not looked for a second time, unless src has CRLF line ends (Parse splits the text
// with LF ends).
func ParseSplit(path string, src []byte, split FrontSplit, loc *time.Location) *Doc {
	return parse(path, src, loc, &split, nil)
}

// ParseScratch is Parse (ParseSplit when split is not nil) with the memory of
// sc: the document must be dropped or compacted before sc parses another (see Scratch).
func ParseScratch(path string, src []byte, split *FrontSplit, loc *time.Location, sc *Scratch) *Doc {
	return parse(path, src, loc, split, sc)
}

func parse(path string, src []byte, loc *time.Location, known *FrontSplit, sc *Scratch) *Doc {
	d := &Doc{Path: path, Src: src, Present: map[string]bool{}}
	if sc != nil { // the line tables of the scratch's last document, which is dropped or compacted
		d.lineStarts, d.yamlLines = sc.lineStarts[:0], sc.yamlLines[:0]
		defer func() {
			if d.lineStarts != nil && cap(d.lineStarts) <= maxScratchNodes {
				sc.lineStarts = d.lineStarts[:0]
			}
			if d.yamlLines != nil && cap(d.yamlLines) <= maxScratchNodes {
				sc.yamlLines = d.yamlLines[:0]
			}
		}()
	}
	d.Text, d.HasBOM, d.CRLF = Normalize(src)
	d.indexLines()
	d.Fields.ExternalMessage = true

	var split FrontSplit
	if known != nil && !d.CRLF {
		split = *known
	} else {
		split = SplitFrontMatter(d.Text)
	}
	d.FrontState = split.State
	switch split.State {
	case FrontMatterNone:
		d.Body = d.Text
		if tomlFront(d.Text) {
			// Hugo's TOML block: what it is, and what pm reads instead
			d.Problems = append(d.Problems, newProblem("", 1, 1, "fm.toml"))
			return d
		}
		d.Problems = append(d.Problems, newProblem("", 1, 1, "fm.none"))
		return d
	case FrontMatterUnclosed:
		d.FrontLine = d.LineOf(split.Open)
		d.Body = d.Text
		d.Problems = append(d.Problems, newProblem("", d.FrontLine, 1, "fm.unclosed"))
		return d
	}
	d.FrontLine = d.LineOf(split.Open)
	d.FrontStart, d.FrontEnd, d.BodyOffset = split.Start, split.End, split.Body
	d.Body = d.Text[d.BodyOffset:]
	raw := d.Text[d.FrontStart:d.FrontEnd]
	d.indexYAMLLines()
	d.walkFront = true
	d.decodeFront(raw, loc, sc)
	d.walkFront, d.walker = false, nil
	return d
}

func (d *Doc) indexLines() {
	// bytes.Count and IndexByte are vectorised: sized once, found a line at a time.
	if cap(d.lineStarts) == 0 {
		d.lineStarts = make([]int, 0, bytes.Count(d.Text, []byte{'\n'})+1)
	}
	d.lineStarts = append(d.lineStarts[:0], 0)
	for off := 0; ; {
		i := bytes.IndexByte(d.Text[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
		d.lineStarts = append(d.lineStarts, off)
	}
}

// LineOf returns the 1-based line of a byte offset into Text.
func (d *Doc) LineOf(offset int) int {
	return sort.Search(len(d.lineStarts), func(i int) bool { return d.lineStarts[i] > offset })
}

// Position maps a byte offset into Text to a 1-based line and a 1-based column counted in characters.
func (d *Doc) Position(offset int) (line, col int) {
	if offset < 0 {
		offset = 0
	}
	if offset > len(d.Text) {
		offset = len(d.Text)
	}
	line = d.LineOf(offset)
	start := d.lineStarts[line-1]
	return line, utf8.RuneCount(d.Text[start:offset]) + 1
}

// BodyPosition maps a byte offset into Body to line and column of the whole file.
func (d *Doc) BodyPosition(offset int) (line, col int) { return d.Position(d.BodyOffset + offset) }

// Cursor maps body offsets to positions like BodyPosition, but counts the column on from the last
// position when the offset is further along the same line: a caller that goes through the matches
// of a line in order would otherwise count every column from the start of the line, which takes
// time quadratic in the line's length (a 2 MB line of TODOs). A Cursor is for one goroutine.
type Cursor struct {
	doc               *Doc
	offset, line, col int // the last position computed (line 0: none yet)
}

// Cursor returns a new Cursor over the document's body.
func (d *Doc) Cursor() *Cursor { return &Cursor{doc: d} }

// BodyPosition maps a byte offset into Body to line and column of the whole file.
func (p *Cursor) BodyPosition(offset int) (line, col int) {
	text := p.doc.Text
	abs := p.doc.BodyOffset + offset
	if abs < 0 {
		abs = 0
	}
	if abs > len(text) {
		abs = len(text)
	}
	if p.line > 0 && p.offset <= abs && p.doc.LineOf(abs) == p.line {
		col = p.col + utf8.RuneCount(text[p.offset:abs])
		line = p.line
	} else {
		line, col = p.doc.Position(abs)
	}
	p.offset, p.line, p.col = abs, line, col
	return line, col
}

// LineCount is the number of lines in the file, counting the empty one after a final line end.
func (d *Doc) LineCount() int { return len(d.lineStarts) }

// UTF16Column converts a 1-based column counted in characters on a 1-based line into one counted
// in UTF-16 code units, as SARIF viewers and editors count: a character outside the Basic
// Multilingual Plane (most emoji) is two. Not safe for concurrent use with itself.
func (d *Doc) UTF16Column(line, col int) int {
	if !d.astralRead {
		d.readAstral()
	}
	cols := d.astral[line]
	if len(cols) == 0 {
		return col
	}
	return col + sort.SearchInts(cols, col) // those before col
}

// readAstral indexes the lines that hold a four-byte UTF-8 sequence; most files have none, and the
// scan is then one pass over the bytes.
func (d *Doc) readAstral() {
	d.astralRead = true
	if !hasFourByte(d.Text) {
		return
	}
	for line := 1; line <= len(d.lineStarts); line++ {
		seg := d.Text[d.LineStart(line):d.LineStart(line+1)]
		if !hasFourByte(seg) {
			continue
		}
		if d.astral == nil {
			d.astral = map[int][]int{}
		}
		col := 1
		for len(seg) > 0 {
			r, size := utf8.DecodeRune(seg)
			if r > 0xFFFF {
				d.astral[line] = append(d.astral[line], col)
			}
			seg = seg[size:]
			col++
		}
	}
}

// hasFourByte reports whether b holds a byte that starts a four-byte UTF-8 sequence (0xF0 or more),
// eight bytes at a time: in each byte of w&(w<<1)&(w<<2)&(w<<3) the top bit is set when the byte's
// four top bits all are (the shifts move bits within a byte only up to bit 7 from bit 4).
func hasFourByte(b []byte) bool {
	for len(b) >= 8 {
		w := binary.LittleEndian.Uint64(b)
		if w&(w<<1)&(w<<2)&(w<<3)&0x8080808080808080 != 0 {
			return true
		}
		b = b[8:]
	}
	for _, c := range b {
		if c >= 0xF0 {
			return true
		}
	}
	return false
}

// LastLine is the file's last line as an editor shows it: a final line end ends the last line
// rather than starting another. An empty file has one, empty, line.
func (d *Doc) LastLine() int {
	n := len(d.lineStarts)
	if n > 1 && d.lineStarts[n-1] == len(d.Text) {
		n--
	}
	return n
}

// LineStart returns the offset in Text where a 1-based line starts.
func (d *Doc) LineStart(line int) int {
	if line < 1 {
		return 0
	}
	if line > len(d.lineStarts) {
		return len(d.Text)
	}
	return d.lineStarts[line-1]
}

// LineLength is the number of characters on a 1-based line, without its line end.
func (d *Doc) LineLength(line int) int {
	start, end := d.LineStart(line), d.LineStart(line+1)
	if end > start && end <= len(d.Text) && d.Text[end-1] == '\n' {
		end--
	}
	return utf8.RuneCount(d.Text[start:end])
}

// yamlBreaks are what ends a line for yaml.v3 besides LF: a lone CR, NEL, LS and PS. After one of
// them yaml.v3's line numbers are no longer the file's.
var yamlBreaks = [][]byte{[]byte("\r"), []byte("\u0085"), []byte("\u2028"), []byte("\u2029")}

// indexYAMLLines records where each line of the front matter block starts as yaml.v3 counts lines.
func (d *Doc) indexYAMLLines() {
	d.yamlLines = append(d.yamlLines[:0], d.FrontStart)
	raw := d.Text[:d.FrontEnd]
	for i := d.FrontStart; i < len(raw); {
		n := 0
		if c := raw[i]; c == '\n' {
			n = 1
		} else if c == '\r' || c == 0xC2 || c == 0xE2 { // the first bytes of CR, NEL, LS and PS

			for _, b := range yamlBreaks {
				if bytes.HasPrefix(raw[i:], b) {
					n = len(b)
					if b[0] == '\r' && i+1 < len(raw) && raw[i+1] == '\n' {
						n = 2
					}
					break
				}
			}
		}
		if n == 0 {
			i++
			continue
		}
		i += n
		d.yamlLines = append(d.yamlLines, i)
	}
}

// yamlOffset maps a yaml.v3 position in the block (1-based line, and column in characters) to an
// offset in Text.
func (d *Doc) yamlOffset(line, col int) int {
	if line < 1 || len(d.yamlLines) == 0 {
		return d.FrontStart
	}
	if line > len(d.yamlLines) {
		return d.FrontEnd
	}
	off := d.yamlLines[line-1]
	for c := 1; c < col && off < d.FrontEnd && d.Text[off] != '\n'; c++ {
		_, size := utf8.DecodeRune(d.Text[off:d.FrontEnd])
		off += size
	}
	return off
}

// StrayEntry is an item of status_history that is not a mapping (a line of prose, a list): no entry
// of Fields.StatusHistory, and a front-matter problem.
type StrayEntry struct {
	Before int    // the index in Fields.StatusHistory of the entry it comes before (its length: after all)
	Text   string // as written: a scalar's value, else its line of the file, trimmed
	Line   int    // its whole-file line
}

// HistoryStray returns the items of status_history that are not mappings, in order (nil when none,
// as in almost every document). They stay after Compact.
func (d *Doc) HistoryStray() []StrayEntry { return d.historyStray }

// yamlLine maps a yaml.v3 line number in the block to a whole-file line.
func (d *Doc) yamlLine(line int) int { return d.LineOf(d.yamlOffset(line, 1)) }

// frontPos maps a yaml.v3 node position (1-based line and column within the block, the column in
// characters as yaml.v3 counts them) to a whole-file line and column.
func (d *Doc) frontPos(n *yaml.Node) (int, int) {
	return d.Position(d.yamlOffset(n.Line, n.Column))
}

// frontWalker maps yaml.v3 node positions to whole-file ones as frontPos does, counting on from the
// last position when the next is further along the same line of the block: nodes met in order (a
// flow list's items) cost the line's length once, not once per item. For one goroutine.
type frontWalker struct {
	d                *Doc
	yline, ycol, off int // the last position, in the block's lines (0: none yet), and its offset in Text
	tline, tcol      int // the same as a whole-file line and column
	lenLine, length  int // LineLength's last answer, for the line it was asked of (0: none)
}

func (w *frontWalker) pos(n *yaml.Node) (int, int) {
	d := w.d
	if w.yline == 0 || n.Line != w.yline || n.Column < w.ycol {
		if n.Line < 1 || n.Line > len(d.yamlLines) {
			return d.frontPos(n)
		}
		w.yline, w.ycol, w.off = n.Line, 1, d.yamlLines[n.Line-1]
		w.tline, w.tcol = d.Position(w.off)
	}
	for w.ycol < n.Column && w.off < d.FrontEnd && d.Text[w.off] != '\n' {
		_, size := utf8.DecodeRune(d.Text[w.off:d.FrontEnd])
		w.off += size
		w.ycol++
		w.tcol++
	}
	return w.tline, w.tcol
}

// lineLength is d.LineLength(line), remembered for the last line asked.
func (w *frontWalker) lineLength(line int) int {
	if w.lenLine != line {
		w.lenLine, w.length = line, w.d.LineLength(line)
	}
	return w.length
}

// nodePos is frontPos, through the walker while the front matter is decoded: every position the
// decoding takes (a problem's, a stray history item's) is counted on along its line.
func (d *Doc) nodePos(n *yaml.Node) (int, int) {
	if !d.walkFront {
		return d.frontPos(n)
	}
	if d.walker == nil { // most documents have no problem: no walker made for them
		d.walker = &frontWalker{d: d}
	}
	return d.walker.pos(n)
}

func (d *Doc) problem(key string, n *yaml.Node, id string, args ...any) {
	line, col := d.LineOf(d.FrontStart), 1
	if n != nil {
		line, col = d.nodePos(n)
	}
	d.Problems = append(d.Problems, newProblem(key, line, col, id, args...))
}

// Usable reports whether the front matter decoded to a mapping of fields, so that Fields mean
// something; it stays true after Compact.
func (d *Doc) Usable() bool { return d.mapping }

// Compact drops what only lint and edits use — the text, its line index and the YAML node tree —
// and keeps the path, the front matter state, Fields, Present and Problems: listing thousands of
// postmortems holds a fraction of the memory. A compacted Doc cannot be linted or edited.
func (d *Doc) Compact() {
	d.Src, d.Text, d.Body, d.Root = nil, nil, nil, nil
	d.lineStarts, d.yamlLines, d.historyItems = nil, nil, nil
}

// KeyLine returns the whole-file line of a top-level front matter key, or 0.
func (d *Doc) KeyLine(key string) int {
	if k, _ := d.lookup(key); k != nil {
		l, _ := d.frontPos(k)
		return l
	}
	return 0
}

func (d *Doc) lookup(key string) (k, v *yaml.Node) {
	if d.Root == nil {
		return nil, nil
	}
	for i := 0; i+1 < len(d.Root.Content); i += 2 {
		if d.Root.Content[i].Value == key {
			return d.Root.Content[i], d.Root.Content[i+1]
		}
	}
	return nil, nil
}

func (d *Doc) decodeFront(raw []byte, loc *time.Location, sc *Scratch) {
	var doc yaml.Node
	var quick *yaml.Node
	if sc != nil {
		quick = sc.quickFront(raw)
	} else {
		quick = quickFront(raw)
	}
	if quick != nil {
		doc = *quick
	} else if err := decodeOne(raw, &doc); err != nil {
		line := yamlErrorLine(err)
		// yaml.v3's parser stage ("did not find expected …") counts lines from 0, its scanner from 1.
		if strings.Contains(err.Error(), "did not find expected") {
			line++
		}
		if n := len(d.yamlLines) - 1; line > n && n > 0 {
			line = n
		}
		d.Problems = append(d.Problems, newProblem("", d.yamlLine(line), 1, "fm.yaml", yamlErrorText(err)))
		return
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		d.Problems = append(d.Problems, newProblem("", d.FrontLine, 1, "fm.empty"))
		d.checkRequired()
		return
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		d.problem("", root, "fm.not-mapping")
		return
	}
	d.Root = root
	d.mapping = true
	var twice []string
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if d.Present[k.Value] { // Present holds the keys seen so far (it starts empty)
			d.problem(k.Value, k, "fm.duplicate", k.Value)
			twice = append(twice, k.Value)
			continue
		}
		d.Present[k.Value] = true
		d.decodeField(k, v, loc)
	}
	for _, key := range twice {
		d.forget(key)
	}
	d.checkMeetingAfterIncident(loc)
	d.checkRequired()
}

// forget drops the value of a key written twice: which one is meant is a guess (pm read the first,
// other YAML tools the last, yaml.v3's Unmarshal refuses both), so the key reads as one pm cannot
// read — Unreadable says so — and every command counts and shows the document without it, as pm
// stats' note says. A meeting written twice is one pm cannot read, not one unscheduled.
// status_history keeps its first list: its entries are checked, and left out, one by one.
func (d *Doc) forget(key string) {
	f := &d.Fields
	switch key {
	case "title":
		f.Title = ""
	case "owner":
		f.Owner = ""
	case "incident_commander":
		f.IncidentCommander = ""
	case "call_recording":
		f.CallRecording = ""
	case "severity":
		f.Severity = ""
	case "status":
		f.Status = ""
	case "incident_date":
		f.IncidentDate = time.Time{}
	case "meeting":
		// the first value written, as the file shows it (both empty: unscheduled either way)
		for i := 0; f.BadMeeting == "" && i+1 < len(d.Root.Content); i += 2 {
			if k, v := d.Root.Content[i], d.Root.Content[i+1]; k.Value == key {
				if v.Kind == yaml.ScalarNode {
					f.BadMeeting = strings.TrimSpace(v.Value)
				} else {
					f.BadMeeting = flowText(v)
				}
			}
		}
		f.Meeting = time.Time{}
	case "external_message":
		f.ExternalMessage = false
	case "full_outage":
		f.FullOutage = false
	case "recurrence_of":
		f.RecurrenceOf = ""
	case "services", "tags", "contributing_factors", "related":
		*f.list(key) = nil
	}
}

// checkMeetingAfterIncident makes a meeting before the incident's day (a year typed wrong, 2025 for
// 2026) a problem, and the meeting one pm cannot use, as an unreadable one is: no meeting of this
// incident can be then (pm meeting refuses such a time), and every command would otherwise count it
// held in time.
func (d *Doc) checkMeetingAfterIncident(loc *time.Location) {
	f := &d.Fields
	if !f.HasMeeting() || !f.HasIncidentDate() {
		return
	}
	if loc == nil {
		loc = f.IncidentDate.Location()
	}
	y, m, day := f.IncidentDate.In(loc).Date()
	if !f.Meeting.Before(time.Date(y, m, day, 0, 0, 0, 0, loc)) {
		return
	}
	_, v := d.lookup("meeting")
	written := strings.TrimSpace(v.Value)
	d.problem("meeting", v, "fm.meeting-before-incident", written, fmt.Sprintf("%04d-%02d-%02d", y, m, day))
	f.Meeting, f.BadMeeting = time.Time{}, written
}

// decodeOne decodes the front matter, which must hold one YAML value: yaml.Unmarshal would silently
// drop whatever follows a flow value ("{title: x}" then "status: Draft" on the next line).
func decodeOne(raw []byte, doc *yaml.Node) error {
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil
		}
		return err
	}
	var next yaml.Node
	if err := dec.Decode(&next); err != nil && !errors.Is(err, io.EOF) {
		return err
	} else if err == nil {
		return fmt.Errorf("yaml: line %d: a second YAML document; the front matter holds one mapping", next.Line)
	}
	return nil
}

// Unreadable reports whether key's value is one pm could not read: missing, or malformed. A status
// a severity or an incident date written otherwise than pm writes it ("in-review", "SEV１",
// "2026/12/04", "2026/12/04（木）" with a weekday not the date's) is read, as the one it names, and is not.
func (d *Doc) Unreadable(key string) bool {
	for _, p := range d.Problems {
		if p.Key == key && !p.ReadAnyway() {
			return true
		}
	}
	return false
}

// ReadAnyway reports whether the problem is with a value pm reads all the same, as the one it names:
// a status, a severity or an incident date written otherwise than pm writes it. Every command reads
// the document as if it were written so; only lint says how to write it.
func (p Problem) ReadAnyway() bool {
	switch p.Msg.ID {
	case "fm.status-spelling", "fm.severity-spelling", "fm.date-spelling", "fm.date-weekday":
		return true
	}
	return false
}

func (d *Doc) checkRequired() {
	for _, key := range RequiredKeys {
		if !d.Present[key] {
			d.Problems = append(d.Problems, newProblem(key, d.FrontLine, 1, "fm.missing", key))
		}
	}
}

// scalar returns a scalar's value, or records a problem for any other kind of node.
func (d *Doc) scalar(k, v *yaml.Node) (string, bool) {
	if v.Kind == yaml.AliasNode {
		d.problem(k.Value, v, "fm.alias", k.Value)
		return "", false
	}
	if v.Kind != yaml.ScalarNode {
		d.problem(k.Value, v, "fm.not-scalar", k.Value, kindName(v.Kind))
		return "", false
	}
	if v.Tag == "!!null" {
		return "", true
	}
	return v.Value, true
}

func kindName(k yaml.Kind) i18n.Msg {
	switch k {
	case yaml.SequenceNode:
		return i18n.M("fm.kind.list")
	case yaml.MappingNode:
		return i18n.M("fm.kind.mapping")
	case yaml.AliasNode:
		return i18n.M("fm.kind.alias")
	}
	return i18n.M("fm.kind.value")
}

func (d *Doc) decodeField(k, v *yaml.Node, loc *time.Location) {
	f := &d.Fields
	switch k.Value {
	case "title", "owner", "incident_commander", "call_recording":
		s, ok := d.scalar(k, v)
		if !ok {
			return
		}
		if strings.TrimSpace(s) == "" && (k.Value == "title" || k.Value == "owner") {
			d.problem(k.Value, k, "fm.value-empty", k.Value)
		}
		switch k.Value {
		case "title":
			f.Title = s
		case "owner":
			f.Owner = s
		case "incident_commander":
			f.IncidentCommander = s
		case "call_recording":
			f.CallRecording = s
		}
	case "severity":
		s, ok := d.scalar(k, v)
		if !ok {
			return
		}
		if severity.Level(s) == 0 {
			if known, err := severity.Parse(s); err == nil && !isDigits(strings.TrimSpace(s)) {
				// "SEV１" typed full width, "sev1", "Sev 1": the severity it names, for every command,
				// and a front-matter error that says how pm writes it, with the fix (a bare "1" says
				// no scale, and is not read)
				d.problem(k.Value, v, "fm.severity-spelling", s, known)
				f.Severity = known
				return
			}
			d.problem(k.Value, v, "fm.severity", s)
			return
		}
		f.Severity = s
	case "status":
		s, ok := d.scalar(k, v)
		if !ok {
			return
		}
		st := Status(s)
		if st.Rank() < 0 {
			if known, err := ParseStatus(s); err == nil {
				// "in review", "in-review", "reviewed": the status it names, for every command (pm
				// list and pm stats show it, pm audit dates the move by it), and a front-matter error
				// that says how pm writes it, with the fix
				d.problem(k.Value, v, "fm.status-spelling", s, string(known))
				f.Status = known
				return
			}
			d.problem(k.Value, v, "fm.status", s)
			return
		}
		f.Status = st
	case "incident_date":
		s, ok := d.scalar(k, v)
		if !ok {
			return
		}
		if s == "" {
			d.problem(k.Value, k, "fm.date-empty")
			return
		}
		t, err := ParseDate(s, loc)
		if err != nil {
			// a day written as a Due cell and pm new --date take one (ParseDay: 2026/12/04,
			// 2026年12月4日, full width, a weekday in brackets): the date it names, for every
			// command, and a front-matter error that says how pm writes it, with the fix; a weekday
			// that is not the date's is said to be mistyped, with no fix (one of the two is a typo)
			if day, ok := ParseDay(s, loc); ok && !day.Day.IsZero() {
				iso := day.Day.Format("2006-01-02")
				if day.WeekdayMistyped() {
					d.problem(k.Value, v, "fm.date-weekday", strings.TrimSpace(s), i18n.M("timeline.weekday", iso, day.DayName(), day.Weekday))
				} else {
					d.problem(k.Value, v, "fm.date-spelling", strings.TrimSpace(s), iso)
				}
				f.IncidentDate = day.Day
				return
			}
			d.problem(k.Value, v, "fm.date", strings.TrimSpace(s))
			return
		}
		if t.IsZero() {
			// the instant every command reads as "no date": an error, as no date is, so that none
			// of them reads the document differently
			d.problem(k.Value, v, "fm.zero-time", "incident_date", strings.TrimSpace(s))
			return
		}
		f.IncidentDate = t
	case "meeting":
		s, ok := d.scalar(k, v)
		if !ok && v != nil && (v.Kind == yaml.SequenceNode || v.Kind == yaml.MappingNode) {
			f.BadMeeting = flowText(v) // set, but not to a time: said so, not "not scheduled"
		}
		if !ok || s == "" {
			return
		}
		t, err := ParseTime(s)
		if err == nil && t.IsZero() {
			d.problem(k.Value, v, "fm.zero-time", "meeting", strings.TrimSpace(s))
			f.BadMeeting = strings.TrimSpace(s)
			return
		}
		if err != nil {
			d.problem(k.Value, v, "fm.meeting", strings.TrimSpace(s))
			f.BadMeeting = strings.TrimSpace(s)
			return
		}
		f.Meeting = t
	case "external_message", "full_outage":
		s, ok := d.scalar(k, v)
		if !ok || s == "" {
			return
		}
		b, isBool := parseBool(s)
		if !isBool || !yamlBool(v) {
			d.problem(k.Value, v, "fm.bool", k.Value, s)
			return
		}
		if k.Value == "external_message" {
			f.ExternalMessage = b
		} else {
			f.FullOutage = b
		}
	case "status_history":
		d.decodeHistory(k, v)
	case "services", "tags", "contributing_factors", "related":
		*f.list(k.Value) = d.stringList(k, v)
	case "recurrence_of":
		s, ok := d.scalar(k, v)
		if ok {
			f.RecurrenceOf = strings.TrimSpace(s)
		}
	}
}

// stringList decodes a list of strings: a YAML list of scalars, or one scalar, which is a list of
// one, as people write "services: api" for a single service. Numbers and other plain scalars count
// as their text; empty items are left out; a mapping, a nested list or an alias is a problem.
func (d *Doc) stringList(k, v *yaml.Node) []string {
	switch v.Kind {
	case yaml.ScalarNode:
		if s := strings.TrimSpace(v.Value); v.Tag != "!!null" && s != "" {
			return []string{s}
		}
		return nil
	case yaml.SequenceNode:
		var out []string
		for _, item := range v.Content {
			if item.Kind != yaml.ScalarNode {
				d.problem(k.Value, item, "fm.list-item", k.Value, kindName(item.Kind))
				continue
			}
			if s := strings.TrimSpace(item.Value); item.Tag != "!!null" && s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	d.problem(k.Value, v, "fm.list", k.Value, kindName(v.Kind))
	return nil
}

// ListItem is one value of a list field with its whole-file position, for findings about it.
type ListItem struct {
	Value        string
	Line, Column int // where the value starts, its opening quote if it has one
	EndColumn    int // just past the value, its closing quote included
}

// ListItems returns the values of a list field (or of recurrence_of) with where each one is
// written, in the order ListKeys' decoding keeps them. It needs the node tree, so not after Compact.
func (d *Doc) ListItems(key string) []ListItem {
	_, v := d.lookup(key)
	if v == nil {
		return nil
	}
	var out []ListItem
	w := &frontWalker{d: d} // the items in order: a long one-line list costs its length once
	add := func(n *yaml.Node) {
		if n.Kind != yaml.ScalarNode || n.Tag == "!!null" || strings.TrimSpace(n.Value) == "" {
			return
		}
		line, col := w.pos(n)
		width := utf8.RuneCountInString(n.Value)
		if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
			width += 2 // an escape makes it longer still; the span is a pointer, not an exact measure
		}
		end := min(col+width, w.lineLength(line)+1)
		out = append(out, ListItem{Value: strings.TrimSpace(n.Value), Line: line, Column: col, EndColumn: end})
	}
	switch v.Kind {
	case yaml.ScalarNode:
		add(v)
	case yaml.SequenceNode:
		for _, item := range v.Content {
			add(item)
		}
	}
	return out
}

// yamlBool reports whether YAML reads the scalar as a boolean: not in quotes, and not tagged another
// kind (!!str false is a string to every other reader of YAML, true in JavaScript).
func yamlBool(v *yaml.Node) bool {
	return v.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) == 0 && v.ShortTag() == "!!bool"
}

func parseBool(s string) (bool, bool) {
	switch strings.ToLower(s) {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	return false, false
}

func (d *Doc) decodeHistory(k, v *yaml.Node) {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return
	}
	if v.Kind != yaml.SequenceNode {
		d.problem(k.Value, v, "fm.history")
		return
	}
	for _, item := range v.Content {
		if item.Kind != yaml.MappingNode {
			d.problem(k.Value, item, "fm.history-entry")
			line, _ := d.nodePos(item)
			text := item.Value
			if item.Kind != yaml.ScalarNode && line > 0 {
				text = strings.TrimSpace(string(d.Text[d.LineStart(line):d.LineStart(line+1)]))
			}
			d.historyStray = append(d.historyStray, StrayEntry{Before: len(d.Fields.StatusHistory), Text: text, Line: line})
			continue
		}
		e, ok := d.historyEntry(k.Value, item)
		if !ok {
			if d.historyBad == nil {
				d.historyBad = make([]bool, len(d.Fields.StatusHistory), len(v.Content))
			}
			d.historyBad = append(d.historyBad, true)
		} else if d.historyBad != nil {
			d.historyBad = append(d.historyBad, false)
		}
		d.Fields.StatusHistory = append(d.Fields.StatusHistory, e)
		d.historyItems = append(d.historyItems, item)
	}
}

// historyEntry decodes one status_history entry as the top-level fields are decoded: a key written
// twice, a missing or empty status or at, a value that is not a single one, a status that is none of
// the workflow's, an at that is no RFC 3339 time and a forced that is not a boolean are problems at
// the line concerned, and make the entry malformed (ok false). Of a key written twice, the first value
// is read, as at the top level.
func (d *Doc) historyEntry(key string, item *yaml.Node) (e HistoryEntry, ok bool) {
	ok = true
	bad := func(n *yaml.Node, id string, args ...any) {
		d.problem(key, n, id, args...)
		ok = false
	}
	var seen [len(historyKeys)]bool // a map per entry would be an allocation per entry of every file listed
	for i := 0; i+1 < len(item.Content); i += 2 {
		ik, iv := item.Content[i], item.Content[i+1]
		k := slices.Index(historyKeys[:], ik.Value)
		if k < 0 {
			continue // a key of someone else's: left alone, as unknown top-level keys are
		}
		if seen[k] {
			bad(ik, "fm.history-duplicate", ik.Value)
			continue
		}
		seen[k] = true
		if iv.Kind == yaml.AliasNode {
			bad(iv, "fm.history-alias", ik.Value)
			continue
		}
		if iv.Kind != yaml.ScalarNode {
			bad(iv, "fm.history-not-scalar", ik.Value, kindName(iv.Kind))
			continue
		}
		value := iv.Value
		if iv.Tag == "!!null" {
			value = ""
		}
		switch ik.Value {
		case "status":
			e.Status = value
			if strings.TrimSpace(value) == "" {
				bad(ik, "fm.history-empty", ik.Value)
			} else if _, err := ParseStatus(value); err != nil {
				bad(iv, "fm.history-status", value)
			}
		case "at":
			e.At = value
			if strings.TrimSpace(value) == "" {
				bad(ik, "fm.history-empty", ik.Value)
			} else if _, err := ParseTime(value); err != nil {
				bad(iv, "fm.history-at", strings.TrimSpace(value))
			}
		case "by":
			e.By = value
		case "forced":
			if value == "" {
				continue
			}
			b, isBool := parseBool(value)
			if !isBool || !yamlBool(iv) {
				bad(iv, "fm.history-forced", value)
				continue
			}
			e.Forced = b
		}
	}
	for k, need := range historyKeys[:2] {
		if !seen[k] {
			bad(item, "fm.history-missing", need)
		}
	}
	return e, ok
}

// historyKeys are the keys of a status_history entry pm reads; the first two are required.
var historyKeys = [...]string{"status", "at", "by", "forced"}

// HistoryMalformed reports whether status_history entry i (an index into Fields.StatusHistory) has a
// problem of its own (recorded in Problems): its values are then not to be trusted, or are empty.
// It stays true after Compact.
func (d *Doc) HistoryMalformed(i int) bool { return i >= 0 && i < len(d.historyBad) && d.historyBad[i] }

// HistoryLine returns the whole-file line of a key of status_history entry i (an index into
// Fields.StatusHistory), or of the entry itself when key is "" or the entry has no such key; 0 when
// there is no such entry, or after Compact.
func (d *Doc) HistoryLine(i int, key string) int {
	if d.Root == nil || i < 0 || i >= len(d.historyItems) {
		return 0
	}
	item := d.historyItems[i]
	for j := 0; key != "" && j+1 < len(item.Content); j += 2 {
		if item.Content[j].Value == key {
			line, _ := d.frontPos(item.Content[j])
			return line
		}
	}
	line, _ := d.frontPos(item)
	return line
}

// yamlErrorLine extracts the 1-based line from a yaml.v3 error ("yaml: line 3: ..."), or 1.
func yamlErrorLine(err error) int {
	msg := err.Error()
	if i := strings.Index(msg, "line "); i >= 0 {
		n := 0
		for _, c := range msg[i+5:] {
			if c < '0' || c > '9' {
				break
			}
			n = n*10 + int(c-'0')
		}
		if n > 0 {
			return n
		}
	}
	return 1
}

func yamlErrorText(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if strings.HasPrefix(msg, "line ") {
		if i := strings.Index(msg, ": "); i >= 0 {
			msg = msg[i+2:]
		}
	}
	return strings.ReplaceAll(msg, "\n", " ")
}

// flowText is a list or mapping of scalars written on one line, as YAML's flow style writes it
// ("[a, b]", "{a: 1}"), for saying what a field holds; "…" stands for anything deeper.
func flowText(n *yaml.Node) string {
	var parts []string
	for i, c := range n.Content {
		v := "…"
		if c.Kind == yaml.ScalarNode {
			v = c.Value
		}
		if n.Kind == yaml.MappingNode {
			if i%2 == 1 {
				parts[len(parts)-1] += ": " + v
				continue
			}
		}
		parts = append(parts, v)
	}
	if n.Kind == yaml.MappingNode {
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// tomlFront reports whether text starts with a TOML front matter block: a "+++" line, and another
// one later.
func tomlFront(text []byte) bool {
	first, rest, ok := bytes.Cut(text, []byte("\n"))
	if !ok || string(bytes.TrimRight(first, " \t")) != "+++" {
		return false
	}
	for len(rest) > 0 {
		var line []byte
		line, rest, _ = bytes.Cut(rest, []byte("\n"))
		if string(bytes.TrimRight(line, " \t")) == "+++" {
			return true
		}
	}
	return false
}

// isDigits reports whether s is one or more ASCII digits.
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
