package site

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"hash/maphash"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/pm-tools/pm/pkg/internal/lazy"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// The search data, under search/ as scripts (a page opened from file:// cannot fetch a JSON file
// beside it, but can load a script):
//
//   - rows.js: PM_ROWS, every postmortem's row (what the index shows of it) with its summary, newest
//     first: enough to filter and to search titles and summaries, loaded with the index.
//   - text-NN.js: PM_TEXT({id: words}), the full text of a share of the postmortems (by a hash of
//     their id), as the distinct lower-case words of each: the script loads them when a search
//     starts. A search term has no space, so it is found in the text exactly when it is found in one
//     of its words.

// maxSummary bounds the summary a row carries, in characters.
const maxSummary = 280

// textShards is how many files the full text is split into: about 300 postmortems each, a power of
// two so that the count, and so each postmortem's file, changes only when the site doubles.
func textShards(n int) int {
	k := 1
	for k*300 < n {
		k *= 2
	}
	return k
}

func shardOf(id string, n int) int {
	h := fnv.New32a()
	h.Write([]byte(id))
	return int(h.Sum32() % uint32(n))
}

// protoKey is the key "__proto__" written so that a script's object literal makes it a property: a
// plain "__proto__": "…" in a literal sets nothing (a string is no prototype), and a service, a tag
// or a file named __proto__ would then have no page or words in the search.
const protoKey = `["__proto__"]`

// ownProtoKeys writes every "__proto__" key of the JSON js as protoKey. In JSON a '"' inside a string
// is escaped, so `{"__proto__":` and `,"__proto__":` are keys wherever they occur.
func ownProtoKeys(js []byte) []byte {
	if !bytes.Contains(js, []byte(`"__proto__":`)) {
		return js
	}
	js = bytes.ReplaceAll(js, []byte(`{"__proto__":`), []byte(`{`+protoKey+`:`))
	return bytes.ReplaceAll(js, []byte(`,"__proto__":`), []byte(`,`+protoKey+`:`))
}

// searchRows is rows.js's data.
type searchRows struct {
	Services map[string]string `json:"services"` // page of each service
	Tags     map[string]string `json:"tags"`
	Shards   int               `json:"shards"`
	// Rows: id, page, title, date, severity, status, services, tags, owner, meeting class, meeting
	// words, lint errors, summary.
	Rows [][]any `json:"rows"`
}

func (s *site) writeSearch(w *writer, rowFPs map[*pm]fingerprint) {
	n := textShards(len(s.pms))
	f := newFP("rows").i(n)
	for _, p := range s.pms {
		f.fp(rowFPs[p])
	}
	w.put("search/rows.js", f.sum(), func(b *bufio.Writer) error {
		d := searchRows{Services: map[string]string{}, Tags: map[string]string{}, Shards: n, Rows: make([][]any, 0, len(s.pms))}
		// What the script shows, and matches the pages' filters with, is shown as the pages show it:
		// with the bidirectional controls escaped (escape.go).
		for _, r := range s.rows(s.pms, "") {
			for _, x := range r.ServiceLinks {
				d.Services[bidiEscaped(x.Name)] = x.Link
			}
			for _, x := range r.TagLinks {
				d.Tags[bidiEscaped(x.Name)] = x.Link
			}
			sum := r.Summary
			if utf8.RuneCountInString(sum) > maxSummary {
				sum = string([]rune(sum)[:maxSummary]) + "…"
			}
			d.Rows = append(d.Rows, []any{bidiEscaped(r.ID), r.Link, bidiEscaped(r.F.Title), r.Date, bidiEscaped(r.F.Severity),
				bidiEscaped(string(r.F.Status)), bidiEscapedAll(orEmpty(r.F.Services)), bidiEscapedAll(orEmpty(r.F.Tags)),
				bidiEscaped(r.F.Owner), r.MeetingClass, r.Meeting, r.Errors, bidiEscaped(sum)})
		}
		b.WriteString("window.PM_ROWS = ")
		var js bytes.Buffer
		if err := json.NewEncoder(&js).Encode(d); err != nil {
			return err
		}
		b.Write(ownProtoKeys(js.Bytes()))
		b.WriteString(";\n")
		return nil
	})
	shards := make([][]*pm, n)
	for _, p := range s.pms {
		k := shardOf(p.ID, n)
		shards[k] = append(shards[k], p)
	}
	parallel(n, func(k int) {
		pms := shards[k]
		f := newFP("text").i(k)
		for _, p := range pms {
			f.s(p.ID).fp(rowFPs[p]).b(p.Sum[:])
		}
		w.put(fmt.Sprintf("search/text-%02d.js", k), f.sum(), func(b *bufio.Writer) error {
			// What json.Encoder writes of the map of each id to its words (the last postmortem of
			// an id shared by two files), written as it is read instead of gathered into the map:
			// the ids in order, each string escaped as encoding/json escapes it.
			byID := slices.Clone(pms)
			slices.SortStableFunc(byID, func(a, b *pm) int { return strings.Compare(a.ID, b.ID) })
			b.WriteString("PM_TEXT({")
			var buf, out []byte
			first := true
			for i, p := range byID {
				if i+1 < len(byID) && byID[i+1].ID == p.ID {
					continue
				}
				var err error
				if buf, err = w.pack.read(p.Text, buf); err != nil {
					return err
				}
				if !first {
					b.WriteByte(',')
				}
				first = false
				// the id as rows.js has it; the words as they are, in JSON's escapes
				if id := bidiEscaped(p.ID); id == "__proto__" {
					out = append(out[:0], protoKey...) // see ownProtoKeys
				} else {
					out = appendJSONString(out[:0], id)
				}
				out = appendJSONString(append(out, ':'), buf)
				b.Write(out)
			}
			b.WriteString("}\n);\n")
			return nil
		})
	})
}

// bidiEscapedAll is each of v with its bidirectional controls escaped (bidiEscaped).
func bidiEscapedAll(v []string) []string {
	if !slices.ContainsFunc(v, hasBidi[string]) {
		return v
	}
	out := make([]string, len(v))
	for i, s := range v {
		out[i] = bidiEscaped(s)
	}
	return out
}

// distinctWords is the distinct words of a text, lower-case, in their first order, joined by spaces.
func distinctWords(text string) string { return string(appendDistinctWords(nil, text)) }

// appendDistinctWords appends to dst the distinct words of texts (one text, as if joined by
// newlines), lower-case, in their first order, joined by spaces: what distinctWords says, without
// copying the texts into one and the whole of it into lower case first.
func appendDistinctWords(dst []byte, texts ...string) []byte {
	ws := searchWordSets.get()
	ws.dst, ws.base = dst, len(dst)
	for _, text := range texts {
		ws.addText(text)
	}
	return ws.done()
}

// appendSearchWords appends to dst the search words of a postmortem: the distinct words of its title,
// its summary and its body's plain text, as appendDistinctWords(dst, title, summary,
// postmortem.PlainText(blocks, src)) would, without making the plain text.
func appendSearchWords(dst []byte, title, summary string, blocks []ast.Node, src []byte) []byte {
	ws := searchWordSets.get()
	ws.dst, ws.base = dst, len(dst)
	ws.addText(title)
	ws.addText(summary)
	postmortem.PlainWords(blocks, src, ws.addWord)
	return ws.done()
}

// searchWordSets holds the sets that appendDistinctWords and appendSearchWords fill, emptied after each use.
var searchWordSets = &reuse[*searchWords]{fresh: func() *searchWords {
	ws := &searchWords{gen: 1}
	ws.addWord = ws.add
	return ws
}}

// searchWords appends distinct lower-case words to dst, separated by spaces. It remembers each word by
// where it is in dst, in a table of its own (open addressing): a map keyed by string would make a
// string of each word.
type searchWords struct {
	dst     []byte
	base    int        // len(dst) before the first word
	slots   []wordSlot // a power of two in length; len 0 until the first word
	n       int        // words in slots
	gen     uint32     // this use's number, from 1
	addWord func([]byte)
}

// wordSlot is a word of dst: its offset, its length and its hash, for the set's use number gen (a
// slot of an earlier use is empty: the table is not cleared between documents).
type wordSlot struct {
	off, len, hash, gen uint32
}

var wordSeed = lazy.Value[maphash.Seed]{New: maphash.MakeSeed}

// addText adds the words of text, split as strings.Fields splits it.
func (ws *searchWords) addText(text string) {
	for w := range strings.FieldsSeq(text) {
		ws.addString(w)
	}
}

// add adds w, lower-cased, unless it is there already.
func (ws *searchWords) add(w []byte) {
	if isLowerASCII(w) {
		// Most words: looked up as they are, copied only when new.
		i, h, seen := ws.find(w)
		if !seen {
			start := ws.space()
			ws.dst = append(ws.dst, w...)
			ws.insert(i, h, start)
		}
		return
	}
	start := ws.space()
	ws.dst = appendLowerBytes(ws.dst, w)
	ws.keep(start)
}

func (ws *searchWords) addString(w string) {
	start := ws.space()
	ws.dst = appendLower(ws.dst, w)
	ws.keep(start)
}

// space puts a space after the words before, and says where the next word starts.
func (ws *searchWords) space() int {
	if len(ws.dst) > ws.base {
		ws.dst = append(ws.dst, ' ')
	}
	return len(ws.dst)
}

// keep keeps the word just appended at start if it is new, and takes it off again (with its space)
// if not.
func (ws *searchWords) keep(start int) {
	i, h, seen := ws.find(ws.dst[start:])
	if !seen {
		ws.insert(i, h, start)
		return
	}
	if start > ws.base {
		start-- // its space
	}
	ws.dst = ws.dst[:start]
}

// find looks word up: the slot that holds it, or the empty slot where it goes, and its hash.
func (ws *searchWords) find(word []byte) (int, uint32, bool) {
	if len(ws.slots) == 0 {
		ws.slots = make([]wordSlot, 1024)
	}
	h := uint32(maphash.Bytes(wordSeed.Get(), word))
	mask := uint32(len(ws.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &ws.slots[i]
		if s.gen != ws.gen {
			return int(i), h, false
		}
		if s.hash == h && int(s.len) == len(word) && string(ws.dst[s.off:s.off+s.len]) == string(word) {
			return int(i), h, true
		}
	}
}

// insert records the word of dst[start:] in the empty slot i.
func (ws *searchWords) insert(i int, h uint32, start int) {
	ws.slots[i] = wordSlot{off: uint32(start), len: uint32(len(ws.dst) - start), hash: h, gen: ws.gen}
	ws.n++
	if 2*ws.n > len(ws.slots) {
		ws.grow()
	}
}

// isLowerASCII reports whether w is ASCII without capital letters: its own lower case.
func isLowerASCII(w []byte) bool {
	for _, c := range w {
		if c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

// grow doubles the table.
func (ws *searchWords) grow() {
	old := ws.slots
	ws.slots = make([]wordSlot, 2*len(old))
	mask := uint32(len(ws.slots) - 1)
	for _, s := range old {
		if s.gen != ws.gen {
			continue
		}
		i := s.hash & mask
		for ws.slots[i].gen == ws.gen {
			i = (i + 1) & mask
		}
		ws.slots[i] = s
	}
}

// done returns dst and puts the set back in the pool, emptied.
func (ws *searchWords) done() []byte {
	dst := ws.dst
	ws.reset()
	searchWordSets.put(ws)
	return dst
}

// reset empties the set for its next use.
func (ws *searchWords) reset() {
	ws.dst, ws.n = nil, 0
	if ws.gen++; ws.gen == 0 {
		clear(ws.slots) // the numbers went round: every slot is made empty again
		ws.gen = 1
	}
	if len(ws.slots) > 1<<16 {
		ws.slots = nil // not kept: one huge document would hold it for good
	}
}

// appendLower appends w in lower case, as strings.ToLower makes it (a byte that is not UTF-8 becomes
// U+FFFD).
func appendLower(dst []byte, w string) []byte {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		for i := 0; i < len(w); i++ {
			c := w[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		}
		return dst
	}
	for i, r := range w {
		switch {
		case uncased(r):
			dst = append(dst, w[i:i+utf8.RuneLen(r)]...)
		case fullWidthASCII(r):
			dst = append(dst, lowerASCII(byte(r-0xFEE0)))
		default:
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
	}
	return dst
}

// fullWidthASCII reports a full-width form of an ASCII character (ＡＰＩ, １２％), as a Japanese
// input method types them: the search words hold its ASCII form, and the page's search folds what
// is typed the same way, so that "api" finds ＡＰＩ and "ＡＰＩ" finds API.
func fullWidthASCII(r rune) bool { return 0xFF01 <= r && r <= 0xFF5E }

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		c += 'a' - 'A'
	}
	return c
}

// uncased reports a character of the block from U+3000 to U+9FFF (CJK punctuation, kana, Hangul
// compatibility jamo, ideographs), which has no lower case: Japanese text skips unicode.ToLower's
// search of its tables.
func uncased(r rune) bool { return 0x3000 <= r && r < 0xA000 }

// appendLowerBytes is appendLower of a slice.
func appendLowerBytes(dst []byte, w []byte) []byte {
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(w[i:])
		switch {
		case uncased(r):
			dst = append(dst, w[i:i+size]...)
		case fullWidthASCII(r):
			dst = append(dst, lowerASCII(byte(r-0xFEE0)))
		default:
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
		i += size
	}
	return dst
}

// appendJSONString appends s as a JSON string, escaped as encoding/json escapes it by default:
// quotes, backslashes and control characters, <, > and & (for HTML), U+2028 and U+2029, and each
// byte that is not UTF-8 as U+FFFD; and, as pm's JSON outputs do, the bidirectional controls
// (bidiAt) too: the string reads back the same, and the file cannot be shown reordered.
func appendJSONString[T string | []byte](dst []byte, s T) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '\\', '"':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRune([]byte(s[i:min(i+utf8.UTFMax, len(s))]))
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(append(dst, s[start:i]...), `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(append(dst, s[start:i]...), '\\', 'u', '2', '0', '2', hex[r&0xF])
		case bidiAt(s[i:]) != 0:
			dst = append(append(dst, s[start:i]...), bidiEscape(r)...)
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(append(dst, s[start:]...), '"')
}
