package postmortem

import (
	"regexp"
	"strings"
	"time"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/pm-tools/pm/pkg/internal/jatime"
	"github.com/pm-tools/pm/pkg/internal/lazy"
)

// Timeline is a table of the Timeline section.
type Timeline struct {
	Table *Table
	// TimeHeader is the header of the time column, which may name the zone of the times below it
	// ("Time (UTC)"); "" when the table has no header for it.
	TimeHeader string
	Rows       []TimelineRow
	// TimeColumn, EventColumn and SourceColumn are the columns pm reads each cell from (SourceColumn
	// -1 when the table has no Data Link column).
	TimeColumn, EventColumn, SourceColumn int
	// DateColumn is a Date column beside the time column ("| Date | Time (UTC) | Event |"), which
	// gives a time of day its day (Table.Rows[i] holds row i's cell); -1 when there is none.
	DateColumn int
}

// dateOf is row i's Date cell, as YYYY-MM-DD, when the table has a Date column and the cell is a day
// (ParseDay: 2026-11-20, 2026/11/20, full width, a weekday after it), else "".
func (t *Timeline) dateOf(i int) string {
	if t.DateColumn < 0 || i >= len(t.Table.Rows) {
		return ""
	}
	d, ok := ParseDay(t.Table.Get(t.Table.Rows[i], t.DateColumn).Text, time.UTC)
	if !ok {
		return ""
	}
	return d.Day.Format("2006-01-02")
}

// TimelineRow is one row of the Timeline table: when, what, and the link to the data it was read
// from (the Data Link column; an empty cell placed at the row when the table has no such column).
type TimelineRow struct {
	Time, Event, Source Cell
}

// Timeline returns the first table of the Timeline section, or nil when the document has none. A
// section that splits its rows among several tables (one per day, say) has the others in
// TimelineTables.
func (c *Content) Timeline() *Timeline {
	if len(c.timeline) == 0 {
		return nil
	}
	return c.timeline[0]
}

// TimelineTables returns the timeline tables of the Timeline section, in document order: its first
// table, and every later one whose header names a time of day column (Time, 時刻, Timestamp, …: a
// Date column alone is a list of days, such as earlier incidents, not a timeline) and an event column.
func (c *Content) TimelineTables() []*Timeline { return c.timeline }

var (
	clockColumnNames = []string{"time", "時刻", "時間", "日時", "timestamp", "when", "タイムスタンプ", "datetime"}
	timeColumnNames  = []string{"time", "時刻", "時間", "日時", "timestamp", "when", "タイムスタンプ", "datetime", "date"}
	eventColumnNames = []string{"event", "出来事", "what", "description", "what happened", "events", "イベント", "内容", "事象", "説明"}
)

func (c *Content) readTimeline() []*Timeline {
	var out []*Timeline
	for i, t := range c.Section("timeline").Tables() {
		if i > 0 && (t.Column(clockColumnNames...) < 0 || t.Column(eventColumnNames...) < 0) {
			continue
		}
		out = append(out, timelineOf(t))
	}
	return out
}

func timelineOf(t *Table) *Timeline {
	// A time of day column first: beside it, a Date column gives the day (see TimelineRow.Date).
	timeCol := t.Column(clockColumnNames...)
	if timeCol < 0 {
		timeCol = t.Column(timeColumnNames...)
	}
	if timeCol < 0 {
		timeCol = 0
	}
	dateCol := t.Column("date", "日付")
	if dateCol == timeCol {
		dateCol = -1
	}
	eventCol := t.Column(eventColumnNames...)
	if eventCol < 0 {
		eventCol = 1
	}
	srcCol := t.Column("data link", "data links", "データへのリンク", "link", "links", "source", "sources", "data", "data source",
		"evidence", "reference", "references", "ref", "url", "リンク", "データリンク", "出典", "根拠", "証跡", "参照", "ソース")
	out := &Timeline{Table: t, TimeColumn: timeCol, EventColumn: eventCol, SourceColumn: srcCol, DateColumn: dateCol}
	if timeCol < len(t.Header) {
		out.TimeHeader = t.Header[timeCol]
	}
	for _, row := range t.Rows {
		out.Rows = append(out.Rows, TimelineRow{Time: t.Get(row, timeCol), Event: t.Get(row, eventCol), Source: t.Get(row, srcCol)})
	}
	return out
}

// ActionTable is the first table of the Action Items section, with its rows' cells by column.
type ActionTable struct {
	Table     *Table
	Rows      []ActionRow
	HasAction bool // the table has an Action column: without it, every item's action reads as empty
	HasType   bool // the table has a Type column
	HasStatus bool // the table has a Status column: the items' progress is kept here
	// StatusColumn is the index of the Status column, -1 when the table has none.
	StatusColumn int
}

// ActionRow is one row of the Action Items table: its cells, and the cell of each column pm reads
// (an empty cell placed at the row when the table has no such column).
type ActionRow struct {
	Cells                                              []Cell
	Priority, Action, Type, Owner, Due, Ticket, Status Cell
}

// HasTicket reports whether the row references a ticket: see ActionItem.HasTicket.
func (r ActionRow) HasTicket() bool { return isTicket(r.Ticket.Text, r.Ticket.HasLink()) }

// ActionItem is one row of an Action Items table as text, for commands that show or compare items.
type ActionItem struct {
	Priority, Action, Type, Owner, Due, Ticket string
	Status                                     string // the Status cell as written, "" when empty or absent
	Line                                       int    // line of the row in the file

	ticketLink bool // the Ticket cell holds a link
	hasStatus  bool // the table has a Status column
}

// PriorityKey is the item's priority as pm compares it: trimmed, in upper case, full-width letters
// and digits read as ASCII ("Ｐ１" is P1).
func (a ActionItem) PriorityKey() string { return PriorityKey(a.Priority) }

// PriorityKey is a priority cell's text as pm compares it (see ActionItem.PriorityKey).
func PriorityKey(s string) string {
	k := strings.ToUpper(strings.Map(func(r rune) rune {
		if r >= 0xFF01 && r <= 0xFF5E { // the full-width forms of ASCII
			return r - 0xFEE0
		}
		if r == 0x3000 {
			return ' '
		}
		return r
	}, strings.TrimSpace(s)))
	// "P1 (must)", "P 2", "P-2": the priority the cell starts with, as every reader takes it
	if len(k) > 1 && k[0] == 'P' {
		i := 1
		for i < len(k) && (k[i] == ' ' || k[i] == '-') {
			i++
		}
		j := i
		for j < len(k) && k[j] >= '0' && k[j] <= '9' {
			j++
		}
		if j > i && (j == len(k) || !isWordByte(k[j])) {
			n := strings.TrimLeft(k[i:j], "0")
			if n == "" {
				n = "0"
			}
			return "P" + n // "P01" is P1
		}
	}
	return k
}

// isWordByte reports an ASCII letter, digit or underscore: "P1x" is not P1.
func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_'
}

// HasStatusColumn reports whether the item's table has a Status column.
func (a ActionItem) HasStatusColumn() bool { return a.hasStatus }

// State is where the item stands. With a Status column, the column says (an empty cell is open; a
// value ParseActionState does not know counts as open, and lint reports it). Without one, an item
// with a ticket is filed, its progress kept by the tracker, and one without is open.
func (a ActionItem) State() ActionState {
	if !a.hasStatus {
		if a.HasTicket() {
			return ActionFiled
		}
		return ActionOpen
	}
	if st, ok := ParseActionState(a.Status); ok {
		return st
	}
	return ActionOpen
}

// ActionState is the progress of an action item.
type ActionState int

// The states of an action item.
const (
	ActionOpen   ActionState = iota // still to be done
	ActionFiled                     // a ticket, no Status column: the tracker knows its progress
	ActionDone                      // done
	ActionWontDo                    // decided against, which closes it as done does
)

// Closed reports whether the item needs no more work: done, or decided against.
func (s ActionState) Closed() bool { return s == ActionDone || s == ActionWontDo }

// String is the state's name in the Status column's English vocabulary ("filed" for ActionFiled).
func (s ActionState) String() string {
	switch s {
	case ActionFiled:
		return "filed"
	case ActionDone:
		return "done"
	case ActionWontDo:
		return "won't do"
	}
	return "open"
}

// ParseActionState reads a Status cell: open, done or won't do (any case; "wont do", "won't-do" and
// a typographic apostrophe too), or the Japanese 未完了, 完了, 対応しない and the words Japanese
// trackers and teams use for them (Jira's 未着手, 進行中; Backlog's 未対応, 処理中, 処理済み; 完了済み,
// 済み, 対応不要, 見送り); empty is open. The state may be followed by the date it was reached, "done
// 2026-12-03" or "done (2026-12-03)", or a Japanese form of it ("完了 2026年12月3日", "完了 2026/12/03").
// ok is false for anything else.
func ParseActionState(s string) (st ActionState, ok bool) {
	s, _ = cutStatusDate(s)
	v := strings.ToLower(strings.Join(strings.Fields(statusSpelling.Get().Replace(s)), " "))
	switch v {
	case "", "open", "未完了", "未対応", "対応中", "未着手", "着手中", "進行中", "作業中", "処理中":
		return ActionOpen, true
	case "done", "完了", "対応済み", "対応済", "完了済み", "完了済", "済み", "済", "処理済み", "解決済み":
		return ActionDone, true
	case "won't do", "wont do", "will not do", "対応しない", "対応不要", "見送り", "中止":
		return ActionWontDo, true
	}
	return ActionOpen, false
}

// statusSpelling folds the spellings of a state's words: a typographic apostrophe, hyphens, underscores.
var statusSpelling = lazy.Value[*strings.Replacer]{New: func() *strings.Replacer { return strings.NewReplacer("’", "'", "-", " ", "_", " ") }}

// StatusDate is the date written after the state in the Status cell ("done 2026-12-03"): when the
// item was done or dropped; ok is false when there is none.
func (a ActionItem) StatusDate() (date string, ok bool) {
	_, date = cutStatusDate(a.Status)
	return date, date != ""
}

// cutStatusDate splits a trailing date, bare or in parentheses, from a Status cell: a day as the Due
// column reads one (ParseDay: YYYY-MM-DD, 2026/12/03 or 2026年12月3日, in full width too, with a
// weekday in brackets after it or not); date is then YYYY-MM-DD.
func cutStatusDate(s string) (rest, date string) {
	if rest, date = cutISOStatusDate(s); date != "" {
		return rest, date
	}
	return cutWrittenStatusDate(s)
}

// cutWrittenStatusDate is cutStatusDate for the other forms of a day: the date is the cell's end
// from its first digit on (the state before it, as for YYYY-MM-DD, with or without a space).
func cutWrittenStatusDate(s string) (rest, date string) {
	t := jatime.FoldWidth(strings.TrimSpace(s))
	if !strings.ContainsAny(t, "/年-") {
		return s, ""
	}
	for i, r := range t {
		if r < '0' || r > '9' || i > 0 && t[i-1] >= '0' && t[i-1] <= '9' {
			continue
		}
		head, tail := strings.TrimSpace(t[:i]), strings.TrimSpace(t[i:])
		paren := false
		if h, ok := strings.CutSuffix(head, "("); ok {
			inner, ok := strings.CutSuffix(tail, ")")
			if !ok {
				return s, ""
			}
			head, tail, paren = strings.TrimSpace(h), inner, true
		}
		day, ok := ParseDay(tail, time.UTC) // 2026年13月4日 is no day
		if !ok {
			if paren {
				return s, ""
			}
			continue
		}
		if head == "" {
			return s, "" // a date alone says no state
		}
		return head, day.Day.Format("2006-01-02")
	}
	return s, ""
}

// cutISOStatusDate is cutStatusDate for a YYYY-MM-DD.
func cutISOStatusDate(s string) (rest, date string) {
	t := strings.TrimSpace(s)
	inner := strings.TrimSuffix(strings.TrimSuffix(t, ")"), "）")
	paren := inner != t
	if len(inner) < 10 {
		return s, ""
	}
	d := inner[len(inner)-10:]
	if _, err := time.Parse("2006-01-02", d); err != nil {
		return s, ""
	}
	rest = strings.TrimSpace(inner[:len(inner)-10])
	if !paren && (strings.HasSuffix(rest, "(") || strings.HasSuffix(rest, "（")) {
		return s, ""
	}
	if paren {
		var opened bool
		if rest, opened = strings.CutSuffix(rest, "("); !opened {
			if rest, opened = strings.CutSuffix(rest, "（"); !opened {
				return s, ""
			}
		}
	}
	if rest = strings.TrimSpace(rest); rest == "" {
		return s, "" // a date alone says no state
	}
	return rest, d
}

// HasTicket reports whether the item references a ticket: a link (Markdown, autolink or bare URL)
// or a key such as OPS-123, #123 or owner/repo#123 (GitHub's, as pm actions sync reads it) in the
// Ticket column. The lint rule, pm actions and pm message
// all ask this one question.
func (a ActionItem) HasTicket() bool { return isTicket(a.Ticket, a.ticketLink) }

// NeedsTicket reports whether the process asks a ticket of the item: every item but one marked with
// a lower priority than P1 (P2, P3, …), since the process files tickets for P0/P1 items only. An item
// with no priority, or one pm cannot read, is asked one (lint says what its priority should be).
func (a ActionItem) NeedsTicket() bool { return TicketAsked(a.Priority) }

// TicketAsked is NeedsTicket of an item of that priority cell.
func TicketAsked(priority string) bool {
	p := PriorityKey(priority)
	return !(len(p) >= 2 && p[0] == 'P' && strings.Trim(p[1:], "0123456789") == "" && p != "P0" && p != "P1")
}

var ticketRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp {
	return regexp.MustCompile(`(?:^|[^A-Za-z0-9])[A-Z][A-Z0-9]+-[0-9]+\b|://[^\s/]|(?:^|\s)(?:[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)?#[0-9]+\b`)
}}

func isTicket(text string, link bool) bool {
	return link || plainTicketKey(text) || ticketRE.Get().MatchString(text)
}

// plainTicketKey reports a cell that is nothing but an issue key, "OPS-12": ticketRE matches it, and
// the action items of thousands of postmortems are mostly so filed, so it is recognised without the
// regular expression.
func plainTicketKey(s string) bool {
	i := 0
	for i < len(s) && (s[i] >= 'A' && s[i] <= 'Z' || i > 0 && s[i] >= '0' && s[i] <= '9') {
		i++
	}
	if i < 2 || i == len(s) || s[i] != '-' || i+1 == len(s) {
		return false
	}
	for _, c := range []byte(s[i+1:]) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Actions returns the first table of the Action Items section, or nil when the document has none.
// A section that splits its items among several tables (under "### Short term" and "### Long term")
// has the others in ActionTables.
func (c *Content) Actions() *ActionTable {
	if len(c.actions) == 0 {
		return nil
	}
	return c.actions[0]
}

// ActionTables returns the action item tables of the Action Items section, in document order: its
// first table (past a table of figures before the items, one whose header names no column of an
// item), and every later one whose header names an action column and a priority or due date
// column (a table of figures, or of references with a Description and a Link, under the items is not
// read as items).
func (c *Content) ActionTables() []*ActionTable { return c.actions }

// Lines returns the file's lines (1-based) of the table's first row (its header) and last row.
func (t *ActionTable) Lines(d *Doc) (first, last int) { return t.Table.Lines(d) }

// ActionRowCount is the number of action items in all the section's tables.
func (c *Content) ActionRowCount() int {
	n := 0
	for _, t := range c.actions {
		n += len(t.Rows)
	}
	return n
}

// ActionItems returns the rows of the Action Items tables as text, in document order.
func (c *Content) ActionItems() []ActionItem {
	var out []ActionItem
	for _, t := range c.actions {
		for _, r := range t.Rows {
			line, _ := c.Doc.BodyPosition(r.Priority.Start)
			out = append(out, ActionItem{
				Priority: r.Priority.Text, Action: actionText(r.Action, c.Src), Type: r.Type.Text, Owner: r.Owner.Text,
				Due: r.Due.Text, Ticket: r.Ticket.Text, Status: r.Status.Text, Line: line, ticketLink: r.Ticket.HasLink(),
				hasStatus: t.HasStatus,
			})
		}
	}
	return out
}

func (c *Content) readActions() []*ActionTable {
	tables := c.Section("action-items").Tables()
	// The first table is the items' whatever its header, unless a table of figures comes before
	// them: then the first whose header names a column of an item (priority, action, owner, due
	// date, ticket, status) is.
	first := 0
	for i, t := range tables {
		cols := actionColumnsOf(t)
		if cols.priority >= 0 || cols.action >= 0 || cols.owner >= 0 || cols.due >= 0 || cols.ticket >= 0 || cols.status >= 0 {
			first = i
			break
		}
	}
	var out []*ActionTable
	for i, t := range tables[min(first, len(tables)):] {
		if i > 0 {
			cols := actionColumnsOf(t)
			if cols.action < 0 || cols.priority < 0 && cols.due < 0 {
				continue
			}
		}
		out = append(out, actionTable(t))
	}
	return out
}

// actionTable finds the columns pm reads in an Action Items table, by the names people give them.
// actionColumns are the columns of an action item table, -1 for those it lacks.
type actionColumns struct{ priority, action, kind, owner, due, ticket, status int }

// actionColumnsOf finds the columns of an action item table by the names of its header.
func actionColumnsOf(t *Table) actionColumns {
	col := func(names ...string) int { return t.Column(names...) }
	return actionColumns{priority: col("priority", "優先度", "優先順位", "pri"),
		action: col("action", "アクション", "item", "task", "description", "action item", "対応内容", "対応", "内容", "対策", "施策", "タスク", "アクションアイテム"),
		kind:   col("type", "種別", "kind", "分類", "種類", "タイプ"), owner: col("owner", "担当", "担当者", "assignee", "責任者"),
		due:    col("due", "期日", "due date", "期限", "締切", "締め切り"),
		ticket: col("ticket", "チケット", "issue", "link", "jira", "チケット番号", "課題", "ticket id"),
		status: col("status", "state", "状態", "ステータス", "進捗", "進捗状況")}
}

func actionTable(t *Table) *ActionTable {
	c := actionColumnsOf(t)
	pi, ai, ti, oi, di, ki, si := c.priority, c.action, c.kind, c.owner, c.due, c.ticket, c.status
	out := &ActionTable{Table: t, HasAction: ai >= 0, HasType: ti >= 0, HasStatus: si >= 0, StatusColumn: si}
	for _, row := range t.Rows {
		out.Rows = append(out.Rows, ActionRow{Cells: row, Priority: t.Get(row, pi), Action: t.Get(row, ai), Type: t.Get(row, ti),
			Owner: t.Get(row, oi), Due: t.Get(row, di), Ticket: t.Get(row, ki), Status: t.Get(row, si)})
	}
	return out
}

// Responders is what the Responders section says about the two roles every response needs.
type Responders struct {
	Section           *Section // nil when the document has no Responders section
	IncidentCommander bool     // someone is named as incident commander
	Scribe            bool     // someone is named as scribe
}

// Responders reads the Responders section: "Incident Commander: name" and "Scribe: name" lines (in
// English or Japanese, in a list or not), or a table with the role in one cell and the name in another.
func (c *Content) Responders() Responders {
	s := c.Section("responders")
	if s == nil {
		return Responders{}
	}
	text := responderText(s.AllBlocks(), c.Src)
	// A label and its name are on one line (labelLine and namesRole match within one line: an empty
	// "Incident Commander:" does not take the next line, "Scribe: …", as its name).
	named := func(labels [][]rune) bool {
		for rest := text; rest != ""; {
			line := rest
			if i := strings.IndexByte(rest, '\n'); i >= 0 {
				line, rest = rest[:i], rest[i+1:]
			} else {
				rest = ""
			}
			if name, ok := labelLine(line, labels); ok && somebody(name) {
				return true
			}
			if namesRole(line, labels) {
				return true
			}
		}
		return false
	}
	return Responders{Section: s, IncidentCommander: named(icLabels), Scribe: named(scribeLabels)}
}

// responderText is the text of the Responders section with one line per source line, so that
// "Incident Commander: A" and "Scribe: B" on consecutive lines of one paragraph are both at the start
// of a line, and a table row such as | B | Scribe | reads as "Scribe: B".
func responderText(blocks []ast.Node, src []byte) string {
	var lines []string
	for _, b := range blocks {
		_ = ast.Walk(b, func(x ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			switch t := x.(type) {
			case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
				lines = append(lines, inlineTextBreaks(t, src, '\n'))
				return ast.WalkSkipChildren, nil
			case *east.TableRow:
				// the role may be in any column: a cell that is a label names someone when another cell
				// of its row is filled in (counted, not joined, so that wide rows stay linear)
				var cells []string
				filled := 0
				for c := t.FirstChild(); c != nil; c = c.NextSibling() {
					cell := strings.TrimRight(inlineText(c, src), ":：")
					cells = append(cells, cell)
					if somebody(cell) { // "none", "なし" or "-" fills in nobody
						filled++
					}
				}
				for _, cell := range cells {
					others := filled
					if somebody(cell) {
						others--
					}
					name := ""
					if others > 0 {
						name = "(named in the row)"
					}
					lines = append(lines, cell+": "+name)
				}
				return ast.WalkSkipChildren, nil
			case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		})
	}
	return strings.Join(lines, "\n")
}

// ActionText is row r's action as ActionItems gives it, and pm actions shows it: the cell's text, or
// a cell of HTML alone as written. r is a row of one of c's ActionTables.
func (c *Content) ActionText(r ActionRow) string { return actionText(r.Action, c.Src) }

// actionText is an action cell's text; one that reads as nothing but holds HTML ("<img …>", which
// GitHub shows as no text) is given as written, tags and all: an item to file in a tracker with an
// empty summary is lost.
func actionText(c Cell, src []byte) string {
	if c.Text != "" || c.Node == nil {
		return c.Text
	}
	var b strings.Builder
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			if h, ok := ch.(*ast.RawHTML); ok {
				for i := 0; i < h.Segments.Len(); i++ {
					seg := h.Segments.At(i)
					b.Write(seg.Value(src))
				}
				continue
			}
			if t, ok := ch.(*ast.Text); ok {
				b.Write(t.Segment.Value(src))
				continue
			}
			walk(ch)
		}
	}
	walk(c.Node)
	return strings.Join(strings.Fields(b.String()), " ")
}
