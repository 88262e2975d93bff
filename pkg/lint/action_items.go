package lint

import (
	"regexp"
	"strings"

	"github.com/pm-tools/pm/pkg/i18n"
)

// actionItem is one row of the Action Items table.
type actionItem struct {
	Row                                        []Cell
	Priority, Action, Type, Owner, Due, Ticket Cell
}

var ticketRE = regexp.MustCompile(`(?:^|[^A-Za-z0-9])[A-Z][A-Z0-9]+-[0-9]+\b|://|(?:^|\s)#[0-9]+\b`)

// hasTicket reports whether a cell references a ticket: a URL or a key such as OPS-123.
func hasTicket(c Cell) bool { return c.HasLink() || ticketRE.MatchString(c.Text) }

// actionItems reads the Action Items table.
func (c *Context) actionItems() (*Table, []actionItem) {
	if !c.actionItemsRead {
		c.actionTable, c.actionItemList = c.readActionItems()
		c.actionItemsRead = true
	}
	return c.actionTable, c.actionItemList
}

func (c *Context) readActionItems() (*Table, []actionItem) {
	t := firstTable(c.FindSection("action-items"), c.Body)
	if t == nil {
		return nil, nil
	}
	col := func(names ...string) int { return t.Column(names...) }
	pi, ai, ti := col("priority", "優先度", "pri"), col("action", "アクション", "item", "task", "description"), col("type", "種別", "kind")
	oi, di, ki := col("owner", "担当", "担当者", "assignee"), col("due", "期日", "due date", "期限"), col("ticket", "チケット", "issue", "link", "jira")
	var out []actionItem
	for _, row := range t.Rows {
		out = append(out, actionItem{Row: row, Priority: t.Get(row, pi), Action: t.Get(row, ai), Type: t.Get(row, ti),
			Owner: t.Get(row, oi), Due: t.Get(row, di), Ticket: t.Get(row, ki)})
	}
	return t, out
}

func (a actionItem) label() i18n.Msg {
	s := strings.TrimSpace(a.Action.Text)
	if r := []rune(s); len(r) > 40 {
		s = string(r[:39]) + "…"
	}
	if s == "" {
		return i18n.M("action.label-empty")
	}
	return i18n.M("action.label", s)
}
