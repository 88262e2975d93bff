package actions

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/i18n"
)

const (
	ansiRed   = "\x1b[31m"
	ansiBold  = "\x1b[1m"
	ansiReset = "\x1b[0m"
)

// Columns of an item row in the table.
const (
	colPri = iota
	colAction
	colType
	colOwner
	colDue
	colTicket
)

// writeTable writes the items grouped by postmortem: a line with the postmortem's id, severity and
// tags, then its items indented, aligned across the whole output. Putting the id on its own line keeps
// the item columns readable in 80 columns, where ids of 30 characters leave no room for the action.
// width > 0 fits a terminal: ticket URLs ending in a key show the key, TICKET, OWNER and ACTION are
// shortened, and TYPE is dropped when that is not enough.
func writeTable(w io.Writer, items []item, lang i18n.Lang, color bool, width int) {
	if len(items) == 0 {
		return
	}
	header := []string{lang.T("actions.col-pri"), lang.T("actions.col-action"), lang.T("actions.col-type"),
		lang.T("actions.col-owner"), lang.T("actions.col-due"), lang.T("actions.col-ticket")}
	cells := [][]string{header}
	for _, it := range items {
		due := dash(it.Due)
		if it.Overdue {
			due += " !"
		}
		cells = append(cells, []string{dash(it.Priority), dash(it.Action), dash(it.Type), dash(it.Owner), due, dash(it.Ticket)})
	}
	if width > 0 {
		for _, r := range cells[1:] {
			r[colTicket] = shortTicket(r[colTicket])
		}
	}
	widths := columnWidths(cells)
	keep := []bool{true, true, true, true, true, true}
	if width > 0 {
		fitted := append([]int(nil), widths...)
		shrink(fitted, keep, width)
		if total(fitted, keep) > width {
			keep[colType] = false
			fitted = append(fitted[:0], widths...)
			shrink(fitted, keep, width)
		}
		widths = fitted
	}
	row := func(r []string, overdue bool) string {
		var b strings.Builder
		b.WriteString("  ")
		last := len(r) - 1
		for i, c := range r {
			if !keep[i] {
				continue
			}
			c = cmdutil.Truncate(c, widths[i])
			pad := widths[i] - cmdutil.DisplayWidth(c)
			if color && overdue && i == colDue {
				c = ansiRed + c + ansiReset
			}
			b.WriteString(c)
			if i < last {
				b.WriteString(strings.Repeat(" ", pad+2))
			}
		}
		return strings.TrimRight(b.String(), " ")
	}
	fmt.Fprintln(w, row(header, false))
	prev := ""
	for i, it := range items {
		if it.ID != prev {
			if prev != "" {
				fmt.Fprintln(w)
			}
			prev = it.ID
			fmt.Fprintln(w, groupLine(it, lang, color, width))
		}
		fmt.Fprintln(w, row(cells[i+1], it.Overdue))
	}
}

// groupLine is the line above a postmortem's items: id, severity and the tags for its tickets.
func groupLine(it item, lang i18n.Lang, color bool, width int) string {
	parts := []string{it.ID}
	if it.Severity != "" {
		parts = append(parts, it.Severity)
	}
	if len(it.Tags) > 0 {
		parts = append(parts, lang.T("actions.tags", strings.Join(it.Tags, " ")))
	}
	line := strings.Join(parts, "  ")
	if width > 0 {
		line = cmdutil.Truncate(line, width)
	}
	if color {
		if rest, ok := strings.CutPrefix(line, it.ID); ok {
			line = ansiBold + it.ID + ansiReset + rest
		}
	}
	return line
}

var ticketKey = regexp.MustCompile(`^[A-Z][A-Z0-9_]*-[0-9]+$`)

// shortTicket shows a ticket URL that ends in a key (https://jira.example.com/browse/OPS-12) as the
// key, so that it fits a terminal; other tickets stay as written.
func shortTicket(t string) string {
	if !strings.Contains(t, "://") {
		return t
	}
	u := strings.TrimRight(t, "/")
	if k := u[strings.LastIndexByte(u, '/')+1:]; ticketKey.MatchString(k) {
		return k
	}
	return t
}

func dash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}

func columnWidths(cells [][]string) []int {
	widths := make([]int, len(cells[0]))
	for _, r := range cells {
		for i, c := range r {
			if n := cmdutil.DisplayWidth(c); n > widths[i] {
				widths[i] = n
			}
		}
	}
	return widths
}

// total is the width of an item row: the indent, the kept columns and two spaces between them.
func total(widths []int, keep []bool) int {
	t := 0
	for i, w := range widths {
		if keep[i] {
			t += w + 2
		}
	}
	return t
}

// shrink narrows TICKET and OWNER to a readable minimum, then ACTION, then OWNER further.
func shrink(widths []int, keep []bool, width int) {
	for _, c := range []struct{ col, min int }{{colTicket, 10}, {colOwner, 10}, {colAction, 12}, {colOwner, 8}} {
		if over := total(widths, keep) - width; over > 0 && widths[c.col] > c.min {
			widths[c.col] = max(widths[c.col]-over, c.min)
		}
	}
}

// jsonItem is an item in --format json.
type jsonItem struct {
	Postmortem   string   `json:"postmortem"`
	Path         string   `json:"path"`
	Link         string   `json:"link"`
	Severity     string   `json:"severity"`
	IncidentDate string   `json:"incident_date"`
	Line         int      `json:"line"`
	Priority     string   `json:"priority"`
	Action       string   `json:"action"`
	Type         string   `json:"type"`
	Owner        string   `json:"owner"`
	Due          string   `json:"due"`
	Ticket       string   `json:"ticket"`
	Filed        bool     `json:"filed"`
	Overdue      bool     `json:"overdue"`
	Tags         []string `json:"tags"`
}

func writeJSON(w io.Writer, items []item) error {
	out := make([]jsonItem, 0, len(items))
	for _, it := range items {
		tags := it.Tags
		if tags == nil {
			tags = []string{}
		}
		out = append(out, jsonItem{Postmortem: it.ID, Path: it.Rel, Link: it.Link, Severity: it.Severity,
			IncidentDate: it.IncidentDate, Line: it.Line, Priority: it.Priority, Action: it.Action, Type: it.Type,
			Owner: it.Owner, Due: it.Due, Ticket: it.Ticket, Filed: it.HasTicket(), Overdue: it.Overdue, Tags: tags})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// csvHeader is the header Jira's CSV importer maps to its fields by name.
var csvHeader = []string{"Summary", "Priority", "Labels", "Due date", "Assignee", "Description"}

func writeCSV(w io.Writer, items []item) error {
	cw := csv.NewWriter(w)
	cw.Write(csvHeader)
	for _, it := range items {
		cw.Write([]string{it.Action, jiraPriority(it.Priority), strings.Join(it.Tags, " "), it.DueDate, it.Owner, description(it)})
	}
	cw.Flush()
	return cw.Error()
}

// description is the ticket's Description: the action again (a summary may be cut short in lists),
// then where it comes from.
func description(it item) string {
	var b strings.Builder
	b.WriteString(it.Action)
	b.WriteString("\n\n")
	if it.Type != "" {
		fmt.Fprintf(&b, "Type: %s\n", it.Type)
	}
	if it.Due != "" && it.DueDate == "" {
		fmt.Fprintf(&b, "Due: %s\n", it.Due)
	}
	fmt.Fprintf(&b, "Postmortem: %s", it.ID)
	if it.Severity != "" {
		fmt.Fprintf(&b, " (%s", it.Severity)
		if it.IncidentDate != "" {
			fmt.Fprintf(&b, ", %s", it.IncidentDate)
		}
		b.WriteString(")")
	}
	fmt.Fprintf(&b, "\n%s", it.Link)
	return b.String()
}
