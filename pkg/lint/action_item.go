package lint

import (
	"strings"
	"time"

	"github.com/pm-tools/pm/pkg/postmortem"
)

var actionItemRule = Rule{
	ID:          "action-item",
	Description: "action items are P0/P1, have a due date that parses, a type, and a ticket once Reviewed",
	Help: "Only P0 and P1 follow-ups get tickets: lower priorities belong in the backlog, not the postmortem. " +
		"Due is YYYY-MM-DD; Type is prevent (stops a recurrence) or process (improves incident response). " +
		"From Reviewed on, every item needs a ticket reference: a URL or a key such as OPS-123.",
	Default: "mixed: see help",
	Check: func(c *Context) {
		_, items := c.actionItems()
		reviewed := c.Status().AtLeast(postmortem.StatusReviewed)
		for _, it := range items {
			p := strings.ToUpper(strings.TrimSpace(it.Priority.Text))
			if p != "P0" && p != "P1" {
				shown := it.Priority.Text
				if shown == "" {
					shown = "none"
				}
				c.ReportBody(it.Priority.Start, it.Priority.End, LevelWarning, "%s has priority %s: only P0/P1 items get tickets", it.label(), shown)
			}
			if d := strings.TrimSpace(it.Due.Text); d == "" {
				c.ReportBody(it.Due.Start, it.Due.End, LevelCompleteness, "%s has no due date (YYYY-MM-DD)", it.label())
			} else if _, err := time.Parse("2006-01-02", d); err != nil {
				c.ReportBody(it.Due.Start, it.Due.End, LevelError, "%s: due date %q does not parse (want YYYY-MM-DD)", it.label(), d)
			}
			if ty := strings.ToLower(strings.TrimSpace(it.Type.Text)); it.Type.Node != nil && ty != "prevent" && ty != "process" {
				c.ReportBody(it.Type.Start, it.Type.End, LevelWarning, "%s: type %q is neither prevent nor process", it.label(), it.Type.Text)
			}
			if reviewed && !hasTicket(it.Ticket) {
				c.ReportBody(it.Ticket.Start, it.Ticket.End, LevelError, "%s has no ticket (a URL or a key like OPS-123)", it.label())
			}
		}
	},
}
