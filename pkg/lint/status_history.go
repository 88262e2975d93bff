package lint

import (
	"errors"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/workflow"
)

var statusHistoryRule = Rule{
	ID: "status-history",
	Help: "pm status records every move in status_history. A status that disagrees with the last entry was " +
		"changed by hand, past the workflow's checks: move it with pm status (or put the status back), so that " +
		"the history says who moved it and when. When the hand edit is a move the process does not allow, the " +
		"finding says which moves are.",
	Default: DefaultError,
	Check: func(c *Context) {
		f := &c.Doc.Fields
		last, mismatch := workflow.HistoryMismatch(f)
		if !mismatch || hasBadValue(c, "status") {
			return
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
