package site

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"

	"github.com/pm-tools/pm/pkg/postmortem"
)

// renderer renders postmortems for the site; one serves every goroutine.
type mdRenderer struct {
	md     renderer.Renderer
	exists func(id string) bool
}

func newRenderer(exists func(id string) bool, unsafe bool) *mdRenderer {
	return &mdRenderer{md: markdownRenderer(unsafe), exists: exists}
}

// renderBuffers holds the buffers a document's body, search words and message are made in.
var renderBuffers = newReuse(func() *bytes.Buffer { return new(bytes.Buffer) })

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
	// The words the search looks through, made here on every core rather than when the search
	// files are written.
	buf.Reset()
	buf.Write(appendSearchWords(buf.AvailableBuffer(), d.Fields.Title, x.Summary, c.Blocks(), c.Src))
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
	links := map[string]bool{}
	prepare(c.AST, c.Src, func(id string) string {
		links[id] = true
		if r.exists(id) {
			return "../pm/" + pageName(id) + ".html"
		}
		return ""
	})
	x.Links = sortedKeys(links)
	buf.Reset()
	if err := r.md.Render(buf, c.Src, c.AST); err != nil {
		return fmt.Errorf("render %s: %w", x.Rel, err)
	}
	if x.Body, err = pk.add(buf.Bytes()); err != nil {
		return err
	}
	if sec := c.Section("external-message"); sec != nil && sec.Written() {
		buf.Reset()
		for _, b := range sec.AllBlocks() {
			r.md.Render(buf, c.Src, b)
		}
		if x.Message, err = pk.add(buf.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

// relIndex answers the relations lint rule and the dependency keys from the recs: whether an id
// exists, and what its postmortems list as related.
type relIndex struct {
	ids     map[string]bool
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
	return ix
}

func (ix *relIndex) lookup(id string) (bool, []string) {
	return ix.ids[id], ix.related[id]
}

// hasRelations reports whether the relations rule asks about other postmortems for these fields.
func hasRelations(f *postmortem.Fields) bool { return len(f.Related) > 0 || f.RecurrenceOf != "" }

// deps is what, besides its bytes, a document's findings and body were made with: whether its
// meeting is still ahead (status-gates), whether the postmortems its body links to exist, and for
// its relations whether each exists and lists it back. A cached rec whose deps differ is made again.
func deps(x *rec, now time.Time, ix *relIndex) string {
	var b strings.Builder
	f := &x.Fields
	fmt.Fprintf(&b, "ahead=%t", f.HasMeeting() && f.Meeting.After(now))
	for _, id := range x.Links {
		fmt.Fprintf(&b, "\x00link %s %t", id, ix.ids[id])
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
