package lsp

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/pm-tools/pm/pkg/internal/lazy"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/timeline"
)

// frontKeys are the front matter keys pm reads, in the order the template writes them.
var frontKeys = []string{
	"title", "severity", "status", "owner", "incident_commander", "incident_date", "meeting",
	"external_message", "full_outage", "call_recording", "services", "tags", "contributing_factors",
	"related", "recurrence_of", "status_history",
}

// isListKey reports the keys whose value is a YAML list: completing the key starts the list.
func isListKey(k string) bool {
	switch k {
	case "services", "tags", "contributing_factors", "related", "status_history":
		return true
	}
	return false
}

// The patterns completion reads a line with, compiled on first use: every pm process links this
// package, and only pm lsp needs them.
var (
	keyPrefixRE = &lazy.Regexp{Expr: `^[A-Za-z_]*$`}
	keyValueRE  = &lazy.Regexp{Expr: `^([A-Za-z_]+):(.*)$`}
	listItemRE  = &lazy.Regexp{Expr: `^\s*-\s*(.*)$`}
	keyOnlyRE   = &lazy.Regexp{Expr: `^([A-Za-z_]+):\s*(#.*)?$`}
	// cellStartRE is the start of a line or of a table row's first cell, with what may have been
	// typed of a time.
	cellStartRE = &lazy.Regexp{Expr: `(^|\|)\s*[0-9:TZ+ -]*$`}
)

func (s *Server) completion(raw json.RawMessage) (any, *responseError) {
	var p textDocumentPositionParams
	if err := rawParams(raw, &p); err != nil {
		return nil, invalidParams(err)
	}
	t, rerr := s.open(p.TextDocument.URI)
	if rerr != nil {
		return nil, rerr
	}
	items := []CompletionItem{}
	if !t.pm {
		return completionList{Items: items}, nil
	}
	d := t.parseBody()
	line := p.Position.Line
	if line >= len(t.doc.lines) {
		return completionList{Items: items}, nil
	}
	lineStart := t.doc.lines[line]
	cursor := t.doc.offset(p.Position)
	prefix := string(t.doc.text[lineStart:cursor])
	if inFrontMatter(d, t.doc.toLint(p.Position).Line+1) {
		items = s.frontCompletion(t, t.parse(), line, prefix, p.Position)
	} else if cellStartRE.Get().MatchString(prefix) &&
		inTimeCell(d, t.doc.toLint(p.Position).Line+1, prefix, string(t.doc.text[lineStart:t.doc.lineEnd(line)])) {
		items = s.timelineCompletion(t, prefix, p.Position)
	}
	return completionList{Items: items}, nil
}

// inFrontMatter reports whether a 1-based line lies between the front matter's --- lines.
func inFrontMatter(d *postmortem.Doc, line int) bool {
	switch d.FrontState {
	case postmortem.FrontMatterOK:
		return line > d.FrontLine && line < d.LineOf(d.FrontEnd)
	case postmortem.FrontMatterUnclosed:
		return line > d.FrontLine
	}
	return false
}

// inTimeCell reports whether the cursor, after prefix on the 1-based line (pm's count) whose text is
// whole, is in the
// time cell of a row of a Timeline table: the column whose header names the time, as pm lint
// reads it (Time, 時刻, a Date column beside a Time one left to the dates), not the first cell, the
// header or the delimiter row, or before the row's first pipe.
func inTimeCell(d *postmortem.Doc, line int, prefix, whole string) bool {
	if d.Root == nil {
		return false
	}
	leading := strings.HasPrefix(strings.TrimLeft(whole, " \t>"), "|")
	if leading && !strings.Contains(prefix, "|") {
		return false // before the row's first pipe
	}
	cell := strings.Count(strings.ReplaceAll(prefix, `\|`, ""), "|")
	if !leading {
		cell++ // a row without a leading pipe: its first cell starts the line
	}
	cell-- // 0-based
	for _, tl := range d.Content().TimelineTables() {
		if cell != tl.TimeColumn {
			continue
		}
		// A table's rows are one line each, below its header and delimiter rows, a blank row (one
		// being typed, "| ") among them
		if header, last := tl.Table.Lines(d); header > 0 && line >= header+2 && line <= last {
			return true
		}
	}
	return false
}

// inSection reports whether a position is in a known section, below its heading.
func inSection(d *postmortem.Doc, doc *document, key string, p Position) bool {
	if d.Root == nil {
		return false
	}
	for _, sp := range sectionSpans(d, doc) {
		if sp.sec.Key == key && p.Line > sp.heading.Start.Line && before(p, sp.whole.End) {
			return true
		}
	}
	return false
}

func (s *Server) frontCompletion(t *target, d *postmortem.Doc, line int, prefix string, pos Position) []CompletionItem {
	items := []CompletionItem{}
	replace := func(n int) Range { // the last n bytes of the prefix
		start := pos
		start.Character -= utf16Len([]byte(prefix[len(prefix)-n:]))
		return Range{Start: start, End: pos}
	}
	// offer completes word, typed in a flow list or not, with the values of key: each written as
	// YAML reads it back, in the quotes the owner opened (and over the closing one the editor may
	// have put after the cursor).
	offer := func(key, word, lead string, flow bool) {
		after := ""
		if at := t.doc.offset(pos); at <= t.doc.lineEnd(line) {
			after = string(t.doc.text[at:t.doc.lineEnd(line)])
		}
		for _, it := range s.values(t, d, key) {
			text := t.ws.yamlValue(it.Label, word, flow)
			r := replace(len(word))
			it.FilterText = it.Label
			if q := openQuote(word); q != 0 {
				it.FilterText = text // what the client compares with the typed text, quote and all
				if strings.HasPrefix(after, string(q)) {
					r.End.Character++
				}
			}
			it.TextEdit = &TextEdit{Range: r, NewText: lead + text}
			items = append(items, it)
		}
	}
	switch {
	case keyPrefixRE.Get().MatchString(prefix):
		present := presentKeys(t.doc, d)
		for i, k := range frontKeys {
			if present[k] {
				continue
			}
			text := k + ": "
			if isListKey(k) {
				text = k + ":\n  - "
			}
			items = append(items, CompletionItem{Label: k, Kind: kindField, SortText: fmt.Sprintf("%02d", i),
				TextEdit: &TextEdit{Range: replace(len(prefix)), NewText: text}})
		}
	case keyValueRE.Get().MatchString(prefix):
		m := keyValueRE.Get().FindStringSubmatch(prefix)
		typed := m[2]
		flow := strings.HasPrefix(strings.TrimSpace(typed), "[")
		if flow {
			typed = flowItem(typed)
		}
		lead := ""
		if strings.HasSuffix(prefix, ":") {
			lead = " " // right after the colon: YAML wants a space before the value
		}
		offer(m[1], strings.TrimLeft(typed, " "), lead, flow)
	case listItemRE.Get().MatchString(prefix):
		lead := ""
		if strings.HasSuffix(prefix, "-") {
			lead = " "
		}
		offer(listKeyAbove(t.doc, line), listItemRE.Get().FindStringSubmatch(prefix)[1], lead, false)
	}
	return items
}

// flowItem is the item of a flow list being typed at the end of typed (the text after a key's
// colon, from its "["): what follows the last "[", "{" or "," that is not inside quotes.
func flowItem(typed string) string {
	start := 0
	var quote byte
	for i := 0; i < len(typed); i++ {
		c := typed[i]
		switch {
		case quote == '"' && c == '\\':
			i++ // an escape: the next byte is not the closing quote
		case quote != 0 && c == quote:
			if quote == '\'' && i+1 < len(typed) && typed[i+1] == '\'' {
				i++ // '' is a quote inside single quotes
				continue
			}
			quote = 0
		case quote != 0:
		case c == '"' || c == '\'':
			quote = c
		case c == ',' || c == '[' || c == '{':
			start = i + 1
		}
	}
	return typed[start:]
}

// openQuote is the quote a value being typed starts with, 0 for none.
func openQuote(word string) byte {
	if word != "" && (word[0] == '"' || word[0] == '\'') {
		return word[0]
	}
	return 0
}

// flowUnsafe are the characters a value in a flow list is quoted for: YAML's flow indicators end
// a plain value there, and a colon, a comment mark or a quote reads differently in some places.
const flowUnsafe = ",[]{}:#\"'"

// yamlValue writes a front matter value so that YAML reads it back as itself: plain when it can be
// (postmortem.Quote's rule, and in a flow list none of flowUnsafe), else double-quoted; in the
// quotes the owner began typing, when there are some.
func (ws *workspace) yamlValue(v, typed string, flow bool) string {
	v = strings.ToValidUTF8(v, "\uFFFD") // as the label reaches the client
	switch openQuote(typed) {
	case '"':
		return strconv.Quote(v)
	case '\'':
		if !strings.ContainsFunc(v, breaksSingleQuotes) {
			return "'" + strings.ReplaceAll(v, "'", "''") + "'"
		}
		return strconv.Quote(v)
	}
	q := ws.quote(v)
	if flow && q == v && strings.ContainsAny(v, flowUnsafe) {
		return strconv.Quote(v)
	}
	return q
}

// breaksSingleQuotes reports the characters a single-quoted YAML value cannot hold as they are:
// controls (a line break would fold) and the characters YAML 1.1 reads as line breaks or a BOM.
func breaksSingleQuotes(r rune) bool {
	return unicode.IsControl(r) || r == 0x2028 || r == 0x2029 || r == 0xFEFF
}

// presentKeys are the keys the front matter has: read from its lines, as the YAML may not parse
// while a key is being typed.
func presentKeys(doc *document, d *postmortem.Doc) map[string]bool {
	out := map[string]bool{}
	for l := d.FrontLine; l < len(doc.lines) && inFrontMatter(d, l+1); l++ {
		text := string(doc.text[doc.lines[l]:doc.lineEnd(l)])
		if m := keyValueRE.Get().FindStringSubmatch(text); m != nil {
			out[m[1]] = true
		}
	}
	return out
}

// listKeyAbove is the key whose block list holds a line: the nearest key line above with no value.
func listKeyAbove(doc *document, line int) string {
	for l := line - 1; l >= 0; l-- {
		text := string(doc.text[doc.lines[l]:doc.lineEnd(l)])
		if listItemRE.Get().MatchString(text) || strings.TrimSpace(text) == "" || strings.HasPrefix(text, " ") {
			continue
		}
		if m := keyOnlyRE.Get().FindStringSubmatch(text); m != nil {
			return m[1]
		}
		return ""
	}
	return ""
}

// values are the values a front matter key takes, with what each means.
func (s *Server) values(t *target, d *postmortem.Doc, key string) []CompletionItem {
	ws := t.ws
	var out []CompletionItem
	switch key {
	case "status":
		for _, st := range postmortem.Statuses {
			out = append(out, CompletionItem{Label: string(st), Kind: kindEnumMember})
		}
	case "severity":
		for n := 1; n <= 5; n++ {
			sev := fmt.Sprintf("SEV-%d", n)
			it := CompletionItem{Label: sev, Kind: kindEnumMember}
			if days, ok := ws.proj.Schedule().Days(sev); ok {
				it.Detail = ws.lang.T("lsp.severity-detail", days)
			}
			out = append(out, it)
		}
	case "external_message", "full_outage":
		out = append(out, CompletionItem{Label: "true", Kind: kindValue}, CompletionItem{Label: "false", Kind: kindValue})
	case "services", "tags", "contributing_factors":
		for _, term := range ws.proj.Config.Vocabulary.Terms(key) {
			out = append(out, CompletionItem{Label: term.Name, Kind: kindEnumMember, Detail: term.Description})
		}
	case "related", "recurrence_of":
		self := baseName(t.doc.path)
		if n := len(self) - len(".md"); n > 0 && strings.EqualFold(self[n:], ".md") {
			self = self[:n] // .md in any case, as project.ID
		}
		for i, ref := range ws.postmortems() {
			if ref.ID == self {
				continue
			}
			out = append(out, CompletionItem{Label: ref.ID, Kind: kindReference, Detail: ref.Title, SortText: fmt.Sprintf("%05d", i)})
		}
	}
	return out
}

func baseName(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		return path[i+1:]
	}
	return path
}

// timelineCompletion offers the time now, written as pm writes timeline times, in the team's zone.
func (s *Server) timelineCompletion(t *target, prefix string, pos Position) []CompletionItem {
	loc := t.ws.proj.Location()
	now := timeline.FormatTime(s.opts.Now(), loc)
	// Replace what was typed of a time in this cell.
	i := strings.LastIndexByte(prefix, '|')
	typed := strings.TrimLeft(prefix[i+1:], " ")
	start := pos
	start.Character -= utf16Len([]byte(typed))
	return []CompletionItem{{
		Label: now, Kind: kindValue, Detail: t.ws.lang.T("lsp.timeline-now", loc.String()),
		FilterText: now, TextEdit: &TextEdit{Range: Range{Start: start, End: pos}, NewText: now},
	}}
}
