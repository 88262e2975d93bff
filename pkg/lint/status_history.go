package lint

import (
	"errors"
	"strings"
	"time"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/workflow"
)

var statusHistoryRule = Rule{
	ID: "status-history",
	Help: "pm status records every move in status_history. A status that disagrees with the last entry was " +
		"changed by hand, past the workflow's checks: move it with pm status (or put the status back), so that " +
		"the history says who moved it and when. When the hand edit is a move the process does not allow, the " +
		"finding says which moves are. That is an error; an entry dated before the incident date or after now " +
		"cannot be when its move was made, and is a warning: correct its time. A malformed entry is the " +
		"front-matter rule's finding, and is not judged here.",
	Default: DefaultMixed,
	Check: func(c *Context) {
		f := &c.Doc.Fields
		checkHistoryDates(c)
		last, mismatch := workflow.HistoryMismatch(f)
		if !mismatch || hasBadValue(c, "status") || c.Doc.HistoryMalformed(len(f.StatusHistory)-1) {
			return // a malformed last entry says nothing about the status: front-matter reports it
		}
		var why any = ""
		from, err := postmortem.ParseStatus(last)
		if err == nil {
			var me *workflow.MoveError
			if err := workflow.Check(from, f.Status, f.ExternalMessage, false); errors.As(err, &me) {
				why = i18n.M("status.hand-move-refused", me.Msg)
			}
		}
		c.ReportKey("status", LevelError, "status.hand-edited", f.Status, last, why)
	},
}

// checkHistoryDates warns of the well-formed entries whose time cannot be when their move was made:
// before the incident, or (when the linter has a clock) after now.
func checkHistoryDates(c *Context) {
	f := &c.Doc.Fields
	var now time.Time
	if c.linter.opts.Now != nil {
		now = c.linter.opts.Now()
	}
	for i, h := range f.StatusHistory {
		if c.Doc.HistoryMalformed(i) {
			continue
		}
		at, err := postmortem.ParseTime(h.At)
		if err != nil {
			continue
		}
		// the line is looked up only for an entry reported: a long history is not walked once per entry
		written := strings.TrimSpace(h.At)
		switch workflow.JudgeHistoryDate(at, f, now) {
		case workflow.DateBeforeIncident:
			c.ReportLine(c.Doc.HistoryLine(i, "at"), LevelWarning, "status.history-before-incident", h.Status, written,
				f.IncidentDate.Format("2006-01-02"))
		case workflow.DateAfterNow:
			c.ReportLine(c.Doc.HistoryLine(i, "at"), LevelWarning, "status.history-future", h.Status, written,
				now.In(c.linter.opts.Location).Format(time.RFC3339))
		}
	}
}
