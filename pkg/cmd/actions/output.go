package actions

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/lazy"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/present"
)

// Columns of an item row in the table.
const (
	colPri = iota
	colAction
	colType
	colOwner
	colDue
	colTicket
	colStatus // only when an item's table has a Status column
)

// writeTable writes the items grouped by postmortem: a line with the postmortem's id, severity and
// tags, then its items indented, aligned across the whole output. Putting the id on its own line keeps
// the item columns readable in 80 columns, where ids of 30 characters leave no room for the action.
// width > 0 fits a terminal: ticket URLs ending in a key show the key, TICKET, OWNER and ACTION are
// shortened, and TYPE is dropped when that is not enough; then TICKET, OWNER, ACTION and STATUS give
// up the rest (Squeeze), so that the table fits whatever the language's headers.
func writeTable(w io.Writer, items []item, lang i18n.Lang, scheme present.Scheme, width int) {
	if len(items) == 0 {
		return
	}
	t := &present.Table{
		Indent:  "  ",
		Narrow:  []present.Narrow{{Col: colTicket, Min: 10}, {Col: colOwner, Min: 10}, {Col: colAction, Min: 12}, {Col: colOwner, Min: 8}, {Col: colStatus, Min: 12}},
		Drop:    []int{colType},
		Squeeze: true, // in Japanese too, whose headers are wider than the minimums allow for
		Scheme:  scheme,
	}
	status := false
	for _, it := range items {
		status = status || it.HasStatus
	}
	header := present.Cells(lang.T("actions.col-pri"), lang.T("actions.col-action"), lang.T("actions.col-type"),
		lang.T("actions.col-owner"), lang.T("actions.col-due"), lang.T("actions.col-ticket"))
	if status {
		header = append(header, present.Cell{Text: lang.T("actions.col-status")})
	}
	t.AddRow(header...)
	for _, it := range items {
		due := present.Cell{Text: dueText(it, lang)}
		if it.Overdue {
			due.Style = present.Overdue
		}
		ticket := dash(it.Ticket)
		if width > 0 {
			ticket = shortTicket(ticket)
		}
		row := []present.Cell{{Text: dash(it.Priority)}, {Text: dash(it.Action)}, {Text: dash(it.Type)},
			{Text: dash(it.Owner)}, due, {Text: ticket}}
		if status {
			row = append(row, present.Cell{Text: stateText(it, lang)})
		}
		t.AddRow(row...)
	}
	lines := t.Lines(width)
	fmt.Fprintln(w, lines[0])
	prev := ""
	for i, it := range items {
		if it.ID != prev {
			if prev != "" {
				fmt.Fprintln(w)
			}
			prev = it.ID
			fmt.Fprintln(w, groupLine(it, lang, scheme, width))
		}
		fmt.Fprintln(w, lines[i+1])
	}
}

// groupLine is the line above a postmortem's items: id, severity and the tags for its tickets.
func groupLine(it item, lang i18n.Lang, scheme present.Scheme, width int) string {
	id := present.Line(it.ID)
	parts := []string{id}
	if it.Severity != "" {
		parts = append(parts, it.Severity)
	}
	if len(it.Tags) > 0 {
		parts = append(parts, lang.T("actions.tags", strings.Join(it.Tags, " ")))
	}
	line := present.Line(strings.Join(parts, "  "))
	if width > 0 {
		line = present.Truncate(line, width)
	}
	if rest, ok := strings.CutPrefix(line, id); ok && scheme.On() {
		line = scheme.Paint(present.Heading, id) + rest
	}
	return line
}

var ticketKey = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`^[A-Z][A-Z0-9_]*-[0-9]+$`) }}

// shortTicket shows a ticket URL that ends in a key (https://jira.example.com/browse/OPS-12) as the
// key, so that it fits a terminal; other tickets stay as written.
func shortTicket(t string) string {
	if !strings.Contains(t, "://") {
		return t
	}
	u := strings.TrimRight(t, "/")
	if k := u[strings.LastIndexByte(u, '/')+1:]; ticketKey.Get().MatchString(k) {
		return k
	}
	return t
}

// dueText is the DUE cell: the Due date as written; for an item with none, the deadline its severity
// gives, in parentheses, whatever the item's state (filed in a tracker, done: the JSON's deadline, by
// which pm stats counts it done in time); for an overdue one, "!" and the days since. A Due that is not a
// date pm reads stays as written with "?" after it, as pm list marks a meeting it cannot read: its
// days overdue count from the severity's deadline (the JSON's deadline), and lint reports it.
func dueText(it item, lang i18n.Lang) string {
	due := dash(it.Due)
	if strings.TrimSpace(it.Due) != "" && it.DueDate == "" {
		due += "?"
	}
	if strings.TrimSpace(it.Due) == "" && it.Deadline != "" {
		due = "(" + it.Deadline + ")"
	}
	if it.Overdue {
		due += " ! " + lang.T("actions.days-late", it.DaysOverdue)
	}
	return due
}

// stateText is the STATUS cell: the state, in the language of the output, for a Status cell that is
// a state's word alone (open, 完了) or no Status column; a cell with more (a date) as written.
func stateText(it item, lang i18n.Lang) string {
	bare := false
	if it.HasStatus {
		_, ok := postmortem.ParseActionState(it.Status)
		_, dated := it.StatusDate()
		bare = ok && !dated
	}
	if !it.HasStatus || bare {
		switch it.State {
		case postmortem.ActionFiled:
			return lang.T("actions.state-filed")
		case postmortem.ActionDone:
			return lang.T("actions.state-done")
		case postmortem.ActionWontDo:
			return lang.T("actions.state-wont-do")
		}
		return lang.T("actions.state-open")
	}
	if strings.TrimSpace(it.Status) == "" {
		return lang.T("actions.state-open")
	}
	return it.Status
}

func dash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
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
	Status       string   `json:"status"`   // open, filed, done or won't do
	Deadline     string   `json:"deadline"` // YYYY-MM-DD, "" when there is none
	Overdue      bool     `json:"overdue"`
	DaysOverdue  int      `json:"days_overdue"`
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
			Owner: it.Owner, Due: it.Due, Ticket: it.Ticket, Filed: it.HasTicket(), Status: it.State.String(),
			Deadline: it.Deadline, Overdue: it.Overdue, DaysOverdue: it.DaysOverdue, Tags: tags})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// csvHeader is the header Jira's CSV importer maps to its fields by name.
var csvHeader = []string{"Summary", "Priority", "Labels", "Due date", "Assignee", "Description"}

// writeCSV writes the file for Jira's importer. People open it in a spreadsheet first as often as
// not, so a cell from a document that a spreadsheet would run as a formula (an action or an owner
// starting with =, +, - or @) gets the apostrophe pm list's CSV gives it.
func writeCSV(w io.Writer, items []item) error {
	cw := csv.NewWriter(w)
	cw.Write(csvHeader)
	for _, it := range items {
		row := []string{it.Action, jiraPriority(it.Priority), strings.Join(it.Tags, " "), it.DueDate, it.Owner, description(it)}
		for i := range row {
			row[i] = present.SpreadsheetText(row[i])
		}
		cw.Write(row)
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
	l := it.Lang // the postmortem's language, as the rest of the ticket is
	if it.Type != "" {
		fmt.Fprintf(&b, "%s: %s\n", l.T("actions.desc-type"), it.Type)
	}
	if it.Due != "" && it.DueDate == "" {
		fmt.Fprintf(&b, "%s: %s\n", l.T("actions.desc-due"), it.Due)
	}
	fmt.Fprintf(&b, "%s: %s", l.T("actions.desc-postmortem"), it.ID)
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
