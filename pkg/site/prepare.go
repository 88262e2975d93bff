package site

import (
	"bufio"
	"bytes"
	"fmt"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/yuin/goldmark/ast"

	"github.com/pm-tools/pm/pkg/postmortem"
)

// mdRenderer renders postmortems for the site, on every goroutine: each document with a docRenderer
// of its own, kept for the next.
type mdRenderer struct {
	docs *reuse[*docRenderer]
	page func(id string) string // the page name of an id (see pageNames), "" for no postmortem
	// forge is the address on the forge of a file of the repository (rel, slash-separated), its raw
	// bytes for an image; nil without repo_url
	forge func(rel string, raw bool) string
}

func newRenderer(page func(id string) string, unsafe bool, repoURL string) *mdRenderer {
	return &mdRenderer{docs: newReuse(func() *docRenderer { return newDocRenderer(unsafe) }), page: page, forge: forgeFiles(repoURL)}
}

// forgeFiles is mdRenderer.forge for repo_url (…/blob/<branch>): GitHub's and GitLab's raw bytes are
// under /raw/ where a file's page is under /blob/; another forge gets the file's address for both.
func forgeFiles(repoURL string) func(rel string, raw bool) string {
	base := strings.TrimRight(repoURL, "/")
	if base == "" {
		return nil
	}
	return func(rel string, raw bool) string {
		parts := strings.Split(rel, "/")
		for i, x := range parts {
			parts[i] = url.PathEscape(x)
		}
		b := base
		if raw {
			b = strings.Replace(b, "/blob/", "/raw/", 1) // GitHub, and GitLab's /-/blob/
		}
		return b + "/" + strings.Join(parts, "/")
	}
}

// fileURL is where a relative link or image of the document at docRel (repository-relative) leads
// on the forge: a file of the repository beside the postmortems (a graph, a runbook) is not on the
// site, and a relative address would lead nowhere there. "" when there is no forge, or the address
// is not a relative path inside the repository (a URL, an anchor of the page, a path from the root).
func (r *mdRenderer) fileURL(docRel string, dest []byte, image bool) string {
	if r.forge == nil || len(dest) == 0 || dest[0] == '#' || dest[0] == '/' || dest[0] == '?' {
		return ""
	}
	u, err := url.Parse(string(dest))
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
		return ""
	}
	p := path.Join(path.Dir(docRel), u.Path)
	if p == "." || p == ".." || strings.HasPrefix(p, "../") {
		return ""
	}
	out := r.forge(p, image)
	if u.RawQuery != "" {
		out += "?" + u.RawQuery
	}
	if u.Fragment != "" {
		out += "#" + u.EscapedFragment()
	}
	return out
}

// renderBuffers holds the buffers a document's body, search words and message are made in.
var renderBuffers = &reuse[*bytes.Buffer]{fresh: func() *bytes.Buffer { return new(bytes.Buffer) }}

// derive makes a document's rec: its fields and action items, the findings given, its summary, and
// its body rendered (with its plain text and External Message) into the pack. Lint the document
// before: rendering changes its syntax tree. The document is not kept.
func (r *mdRenderer) derive(x *rec, d *postmortem.Doc, findings []Finding, pk *pack) error {
	c := d.Content()
	x.Fields, x.Items, x.Findings = d.Fields, c.ActionItems(), findings
	x.Summary, _ = c.Text("overview")
	if c.AST == nil {
		return nil
	}
	buf := renderBuffers.get()
	defer func() {
		if buf.Cap() <= maxKept {
			renderBuffers.put(buf)
		}
	}()
	rs := renderScratches.get()
	defer func() {
		clear(rs.nodes) // the document is not kept
		renderScratches.put(rs)
	}()
	// The words the search looks through, made here on every core rather than when the search
	// files are written.
	rs.nodes = rs.nodes[:0]
	for n := c.AST.FirstChild(); n != nil; n = n.NextSibling() {
		rs.nodes = append(rs.nodes, n) // c.Blocks(), in a slice kept
	}
	buf.Reset()
	buf.Write(appendSearchWords(buf.AvailableBuffer(), d.Fields.Title, x.Summary, rs.nodes, c.Src))
	var err error
	if x.Text, err = pk.add(buf.Bytes()); err != nil {
		return err
	}
	// The page's header card holds the title as its one h1: a document's leading "# Title" is left
	// out, and a leading h1 that says something else becomes an h2.
	if h, ok := c.AST.FirstChild().(*ast.Heading); ok && h.Level == 1 {
		if plain(h, c.Src) == d.Fields.Title {
			c.AST.RemoveChild(c.AST, h)
		} else {
			h.Level = 2
		}
	}
	dr := r.docs.get()
	defer r.docs.put(dr)
	links := map[string]bool{}
	dr.prepare(c.AST, c.Src, func(id string) string {
		links[id] = true
		if page := r.page(id); page != "" {
			return "../pm/" + page + ".html"
		}
		return ""
	}, func(dest []byte, image bool) string { return r.fileURL(x.Rel, dest, image) })
	x.Links = sortedKeys(links)
	// The body is rendered block by block, which writes what rendering the document whole writes
	// (the document itself writes nothing): the External Message is then the HTML of its blocks,
	// taken from the body's instead of rendered again.
	var message []ast.Node
	if sec := c.Section("external-message"); sec != nil && sec.Written() {
		message = sec.AllBlocks()
	}
	buf.Reset()
	rs.w.Reset(buf)
	rs.nodes, rs.at = rs.nodes[:0], rs.at[:0]
	for n := c.AST.FirstChild(); n != nil; n = n.NextSibling() {
		rs.nodes, rs.at = append(rs.nodes, n), append(rs.at, buf.Len()+rs.w.Buffered())
		if err := dr.md.Render(rs.w, c.Src, n); err != nil {
			rs.w.Reset(nil)
			return fmt.Errorf("render %s: %w", x.Rel, err)
		}
	}
	rs.w.Flush()
	rs.w.Reset(nil)
	rs.at = append(rs.at, buf.Len())
	body := buf.Bytes()
	// The HTML goes into the pack with its bidirectional controls shown (escape.go), as every
	// value of a page is written; the message is taken from body before, by its blocks' offsets.
	if x.Body, err = pk.add(bidiEscapedBytes(body)); err != nil {
		return err
	}
	if message != nil {
		rs.msg = rs.msg[:0]
		next := 0 // the message's blocks are the document's, in order: each is looked for after the last
		for _, b := range message {
			i := -1
			if next < len(rs.nodes) && rs.nodes[next] == b {
				i = next
			} else {
				// out of step: the whole list (searched for each block, a message of 40,000
				// blocks took 10 s)
				i = slices.Index(rs.nodes, b)
			}
			if i >= 0 {
				next = i + 1
				rs.msg = append(rs.msg, body[rs.at[i]:rs.at[i+1]]...)
			} else {
				// not a block of the document's own (never seen): rendered alone
				var one bytes.Buffer
				dr.md.Render(&one, c.Src, b)
				rs.msg = append(rs.msg, one.Bytes()...)
			}
		}
		if x.Message, err = pk.add(bidiEscapedBytes(rs.msg)); err != nil {
			return err
		}
	}
	return nil
}

// renderScratch is what a body is rendered with, kept for the next: the writer goldmark writes
// through (handed a bytes.Buffer, it makes a 4 KB one at each call), the top-level blocks with where
// the HTML of each starts, and the External Message's HTML.
type renderScratch struct {
	w     *bufio.Writer
	nodes []ast.Node
	at    []int
	msg   []byte
}

var renderScratches = &reuse[*renderScratch]{fresh: func() *renderScratch { return &renderScratch{w: bufio.NewWriterSize(nil, 16<<10)} }}

// relIndex answers the relations lint rule and the dependency keys from the recs: whether an id
// exists, its page, and what its postmortems list as related.
type relIndex struct {
	ids     map[string]bool
	pages   map[string]string
	related map[string][]string
}

func newRelIndex(recs []*rec) *relIndex {
	ix := &relIndex{ids: map[string]bool{}, related: map[string][]string{}}
	for _, x := range recs {
		ix.ids[x.ID] = true
		if !x.Skip {
			// Two files with one name in different folders share an id: either may be meant.
			ix.related[x.ID] = append(ix.related[x.ID], x.Fields.Related...)
		}
	}
	ix.pages = pageNames(ix.ids)
	return ix
}

func (ix *relIndex) lookup(id string) (bool, []string) {
	return ix.ids[id], ix.related[id]
}

// hasRelations reports whether the relations rule asks about other postmortems for these fields.
func hasRelations(f *postmortem.Fields) bool { return len(f.Related) > 0 || f.RecurrenceOf != "" }

// deps is what, besides its bytes, a document's findings and body were made with: whether its
// meeting is still ahead (status-gates), the pages of the postmortems its body links to ("" for
// none: an id in another case can take a page's name away), and for
// its relations whether each exists and lists it back. A cached rec whose deps differ is made again.
func deps(x *rec, now time.Time, ix *relIndex) string {
	var b strings.Builder
	f := &x.Fields
	fmt.Fprintf(&b, "ahead=%t", f.HasMeeting() && f.Meeting.After(now))
	for _, id := range x.Links {
		fmt.Fprintf(&b, "\x00link %s %q", id, ix.pages[id])
	}
	rel := slices.Clone(f.Related)
	sort.Strings(rel)
	for _, id := range rel {
		exists, back := ix.lookup(strings.TrimSpace(id))
		fmt.Fprintf(&b, "\x00related %s %t %t", id, exists, slices.Contains(back, x.ID))
	}
	if f.RecurrenceOf != "" {
		exists, _ := ix.lookup(strings.TrimSpace(f.RecurrenceOf))
		fmt.Fprintf(&b, "\x00recurrence %s %t", f.RecurrenceOf, exists)
	}
	return b.String()
}
