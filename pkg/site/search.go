package site

import (
	"bufio"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"strings"
	"sync"
	"unicode/utf8"
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
		for _, r := range s.rows(s.pms, "") {
			for _, x := range r.ServiceLinks {
				d.Services[x.Name] = x.Link
			}
			for _, x := range r.TagLinks {
				d.Tags[x.Name] = x.Link
			}
			sum := r.Summary
			if utf8.RuneCountInString(sum) > maxSummary {
				sum = string([]rune(sum)[:maxSummary]) + "…"
			}
			d.Rows = append(d.Rows, []any{r.ID, r.Link, r.F.Title, r.Date, r.F.Severity, string(r.F.Status), orEmpty(r.F.Services),
				orEmpty(r.F.Tags), r.F.Owner, r.MeetingClass, r.Meeting, r.Errors, sum})
		}
		b.WriteString("window.PM_ROWS = ")
		if err := json.NewEncoder(b).Encode(d); err != nil {
			return err
		}
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
			texts := map[string]string{}
			var buf []byte
			for _, p := range pms {
				var err error
				if buf, err = w.pack.read(p.Text, buf); err != nil {
					return err
				}
				texts[p.ID] = string(buf)
			}
			b.WriteString("PM_TEXT(")
			if err := json.NewEncoder(b).Encode(texts); err != nil {
				return err
			}
			b.WriteString(");\n")
			return nil
		})
	})
}

// distinctWords is the distinct words of a text, lower-case, in their first order, joined by spaces.
func distinctWords(text string) string { return string(appendDistinctWords(nil, text)) }

// seenPool holds the sets of words appendDistinctWords has seen, emptied after each use.
var seenPool = sync.Pool{New: func() any { return map[string]struct{}{} }}

// appendDistinctWords appends to dst the distinct words of texts (one text, as if joined by
// newlines), lower-case, in their first order, joined by spaces: what distinctWords says, without
// copying the texts into one and the whole of it into lower case first.
func appendDistinctWords(dst []byte, texts ...string) []byte {
	seen := seenPool.Get().(map[string]struct{})
	defer func() { clear(seen); seenPool.Put(seen) }()
	first := true
	for _, text := range texts {
		for w := range strings.FieldsSeq(text) {
			if !lowerASCII(w) {
				w = strings.ToLower(w)
			}
			if _, ok := seen[w]; ok {
				continue
			}
			seen[w] = struct{}{}
			if !first {
				dst = append(dst, ' ')
			}
			first = false
			dst = append(dst, w...)
		}
	}
	return dst
}

// lowerASCII reports whether w is ASCII without capital letters: its own lower case.
func lowerASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}
