package lint

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/pm-tools/pm/pkg/postmortem"
)

// ActionItem is one row of a postmortem's Action Items table, as written.
type ActionItem struct {
	Priority, Action, Type, Owner, Due, Ticket string
	Line                                       int // line of the row in the file
}

// HasTicket reports whether the item references a ticket: a URL or a key such as OPS-123.
func (a ActionItem) HasTicket() bool {
	return strings.Contains(a.Ticket, "://") || ticketRE.MatchString(a.Ticket)
}

// TimelineEntry is one row of the Timeline table, as written.
type TimelineEntry struct {
	Time, Event string
}

// Extract is what other commands read from a postmortem's body: sections as plain text, the
// action items and the timeline.
type Extract struct {
	// Sections maps a canonical section key ("overview", "external-message", …) to its text with
	// Markdown turned into plain text, subsections included, HTML comments dropped.
	Sections    map[string]string
	Titles      map[string]string // the heading as written, by key
	ActionItems []ActionItem
	Timeline    []TimelineEntry
}

// Extract parses the body of doc and returns its sections, action items and timeline.
func (l *Linter) Extract(doc *postmortem.Doc) *Extract {
	out := &Extract{Sections: map[string]string{}, Titles: map[string]string{}}
	if doc.Root == nil {
		return out
	}
	root := l.md.Parser().Parse(text.NewReader(doc.Body), parser.WithContext(parser.NewContext()))
	c := &Context{Doc: doc, Body: doc.Body, AST: root, Sections: buildSections(root, doc.Body), linter: l}
	for _, s := range c.Sections {
		if s.Key == "" || out.Titles[s.Key] != "" {
			continue
		}
		out.Titles[s.Key] = s.Title
		out.Sections[s.Key] = PlainText(s.AllBlocks(), doc.Body)
	}
	_, items := c.actionItems()
	for _, it := range items {
		line, _ := doc.BodyPosition(it.Priority.Start)
		out.ActionItems = append(out.ActionItems, ActionItem{
			Priority: it.Priority.Text, Action: it.Action.Text, Type: it.Type.Text, Owner: it.Owner.Text,
			Due: it.Due.Text, Ticket: it.Ticket.Text, Line: line,
		})
	}
	if t := firstTable(c.FindSection("timeline"), doc.Body); t != nil {
		ti, ei := t.Column("time", "時刻", "時間", "日時"), t.Column("event", "出来事", "what", "description")
		if ti < 0 {
			ti = 0
		}
		if ei < 0 {
			ei = 1
		}
		for _, row := range t.Rows {
			out.Timeline = append(out.Timeline, TimelineEntry{Time: t.Get(row, ti).Text, Event: t.Get(row, ei).Text})
		}
	}
	return out
}

// PlainText renders blocks as plain text for an email or a status page: paragraphs separated by blank
// lines, list items with "- ", links as "text (url)", subsection headings on their own line, code kept,
// HTML comments dropped.
func PlainText(blocks []ast.Node, src []byte) string {
	var parts []string
	for _, b := range blocks {
		if s := strings.TrimRight(plainBlock(b, src, ""), "\n "); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "\n\n")
}

func plainBlock(n ast.Node, src []byte, indent string) string {
	switch t := n.(type) {
	case *ast.HTMLBlock:
		if isCommentOnly(t, src) {
			return ""
		}
		var b strings.Builder
		for i := 0; i < t.Lines().Len(); i++ {
			seg := t.Lines().At(i)
			b.Write(seg.Value(src))
		}
		return indent + strings.TrimSpace(b.String())
	case *ast.Heading:
		return indent + plainInline(t, src)
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		var b strings.Builder
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			b.WriteString(indent)
			b.Write(seg.Value(src))
		}
		return strings.TrimRight(b.String(), "\n")
	case *ast.List:
		var items []string
		num := t.Start
		for it := t.FirstChild(); it != nil; it = it.NextSibling() {
			marker := "- "
			if t.IsOrdered() {
				marker = itoa(num) + ". "
				num++
			}
			var sub []string
			for ch := it.FirstChild(); ch != nil; ch = ch.NextSibling() {
				if s := plainBlock(ch, src, indent+"  "); s != "" {
					sub = append(sub, strings.TrimPrefix(s, indent+"  "))
				}
			}
			items = append(items, indent+marker+strings.Join(sub, "\n"+indent+"  "))
		}
		return strings.Join(items, "\n")
	case *ast.Blockquote:
		var sub []string
		for ch := t.FirstChild(); ch != nil; ch = ch.NextSibling() {
			if s := plainBlock(ch, src, ""); s != "" {
				sub = append(sub, s)
			}
		}
		return indent + "> " + strings.ReplaceAll(strings.Join(sub, "\n\n"), "\n", "\n"+indent+"> ")
	case *east.Table:
		var rows []string
		for r := t.FirstChild(); r != nil; r = r.NextSibling() {
			var cells []string
			for c := r.FirstChild(); c != nil; c = c.NextSibling() {
				cells = append(cells, plainInline(c, src))
			}
			rows = append(rows, indent+strings.Join(cells, " | "))
		}
		return strings.Join(rows, "\n")
	case *ast.ThematicBreak:
		return ""
	case *ast.Paragraph, *ast.TextBlock:
		return indent + plainInline(n, src)
	}
	return indent + plainInline(n, src)
}

// plainInline renders inline content, keeping line breaks and writing links as "text (url)".
func plainInline(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(x ast.Node, entering bool) (ast.WalkStatus, error) {
		switch t := x.(type) {
		case *ast.Text:
			if entering {
				b.Write(t.Segment.Value(src))
				if t.HardLineBreak() || t.SoftLineBreak() {
					b.WriteByte('\n')
				}
			}
		case *ast.String:
			if entering {
				b.Write(t.Value)
			}
		case *ast.CodeSpan:
			if entering {
				for ch := t.FirstChild(); ch != nil; ch = ch.NextSibling() {
					if tx, ok := ch.(*ast.Text); ok {
						b.Write(tx.Segment.Value(src))
					}
				}
				return ast.WalkSkipChildren, nil
			}
		case *ast.AutoLink:
			if entering {
				b.Write(t.URL(src))
			}
		case *ast.Link:
			if !entering {
				if dest := string(t.Destination); dest != "" && !strings.Contains(b.String(), dest) {
					b.WriteString(" (" + dest + ")")
				}
			}
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(resolveEntities(b.String()))
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
