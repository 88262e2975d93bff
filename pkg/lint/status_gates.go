package lint

import (
	"github.com/pm-tools/pm/pkg/workflow"
)

var statusGatesRule = Rule{
	ID: "status-gates",
	Help: "A status is judged by the gates of the move that reaches it, whether pm status made the move or " +
		"the status was edited by hand: Reviewed needs a meeting that has taken place; Closed with " +
		"external_message true needs the postmortem to have been Reviewed (the message goes out after the " +
		"meeting), as its status_history shows. A move forced past its gates (recorded as forced in status_history) is not judged again. " +
		"The other gates have their own rules: lint errors at In Review, meeting-sla for a missing meeting, " +
		"action-item for tickets.",
	Default: DefaultError,
	Check: func(c *Context) {
		f := &c.Doc.Fields
		if hasBadValue(c, "status") || forcedInto(c) {
			return
		}
		facts := workflow.Facts{Fields: f, Location: c.linter.opts.Location}
		if c.linter.opts.Now != nil {
			facts.Now = c.linter.opts.Now()
		}
		for _, g := range workflow.Gates(facts, f.Status) {
			switch g.ID {
			case workflow.GateMeetingFuture:
				if facts.Now.IsZero() {
					continue // no clock: whether the meeting has happened is not judged
				}
			case workflow.GateNeverReviewed:
				if !workflow.RecordsBefore(f, f.Status) {
					// no record of the moves to judge: no history (a postmortem written before pm,
					// say), or one that begins at this status (pm status closed such a postmortem
					// from Reviewed, and wrote its first entry)
					continue
				}
			default:
				continue // judged by their own rules (see Help)
			}
			c.ReportKey("status", LevelError, "status.gate", f.Status, g.Reason)
		}
	},
}

// forcedInto reports whether the last status_history entry moved the postmortem to its status past
// failed gates (pm status --force): the gates were judged then and knowingly skipped.
func forcedInto(c *Context) bool {
	h := c.Doc.Fields.StatusHistory
	return len(h) > 0 && h[len(h)-1].Forced && h[len(h)-1].Status == string(c.Doc.Fields.Status)
}
