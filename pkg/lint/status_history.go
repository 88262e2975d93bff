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
		"finding says which moves are. Each entry is also judged as a move from the one before it: a move pm " +
		"status does not record unforced (Draft → Closed, a reopening not marked forced: true) means the status was " +
		"changed by hand, and the finding says which moves are allowed. Those are errors. The first entry, an " +
		"entry that repeats the status before it, an entry forced past its gates and In Review → Closed (whatever " +
		"external_message says now) are not. A Reviewed entry, not forced, dated before the meeting starts is an error " +
		"too: pm status records Reviewed only once the meeting has begun. An entry dated before the incident date, after now, or before the " +
		"entry above it cannot be when its move was made, and is a warning: correct its time. A malformed entry " +
		"is the front-matter rule's finding, and is not judged here; nor are the moves on either side of it.",
	Default: DefaultMixed,
	Check: func(c *Context) {
		f := &c.Doc.Fields
		checkHistoryDates(c)
		checkHistoryMoves(c)
		checkReviewedAfterMeeting(c)
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

// checkHistoryMoves reports the pairs of neighbouring well-formed entries whose move pm status does
// not record (workflow.CheckRecorded), at the later entry's status line. A malformed entry breaks the
// chain: what it recorded is not known, so neither move beside it is judged.
func checkHistoryMoves(c *Context) {
	h := c.Doc.Fields.StatusHistory
	for i := 1; i < len(h); i++ {
		if c.Doc.HistoryMalformed(i-1) || c.Doc.HistoryMalformed(i) {
			continue
		}
		from, err1 := postmortem.ParseStatus(h[i-1].Status)
		to, err2 := postmortem.ParseStatus(h[i].Status)
		if err1 != nil || err2 != nil || from == to {
			continue // a repeated status is no move: the same move made on two branches, merged, say
		}
		err := workflow.CheckRecorded(from, to, h[i].Forced)
		if err == nil {
			continue
		}
		if me := (*workflow.MoveError)(nil); errors.As(err, &me) {
			c.ReportLine(c.Doc.HistoryLine(i, "status"), LevelError, "status.history-move", from, to,
				strings.TrimSpace(h[i].At), i18n.M("status.hand-move-refused", me.Msg))
		}
	}
}

// checkReviewedAfterMeeting reports a Reviewed entry, not forced, dated before the meeting's start:
// the process reaches Reviewed once the meeting is over, and pm status records it only then, so the
// entry was written by hand (and pm stats would count days to Reviewed from it).
func checkReviewedAfterMeeting(c *Context) {
	f := &c.Doc.Fields
	if !f.HasMeeting() {
		return
	}
	var now time.Time
	if c.linter.opts.Now != nil {
		now = c.linter.opts.Now()
	}
	for i, h := range f.StatusHistory {
		if h.Forced || c.Doc.HistoryMalformed(i) {
			continue
		}
		if st, err := postmortem.ParseStatus(h.Status); err != nil || st != postmortem.StatusReviewed {
			continue
		}
		// an entry told off for its date already (before the incident, after now) is not again
		if at, err := postmortem.ParseTime(h.At); err == nil && at.Before(f.Meeting) && workflow.JudgeHistoryDate(at, f, now) == workflow.DatePlausible {
			// at the entry's status line, as a move's finding: pm status's history gate reads it there
			c.ReportLine(c.Doc.HistoryLine(i, "status"), LevelError, "status.history-reviewed-early", strings.TrimSpace(h.At),
				f.Meeting.Format(time.RFC3339))
		}
	}
}

// checkHistoryDates warns of the well-formed entries whose time cannot be when their move was made:
// before the incident, (when the linter has a clock) after now, or before the well-formed entry above
// it. An entry told off for its date is left out of the order: its time is wrong already, and the
// entries around it are judged against each other.
func checkHistoryDates(c *Context) {
	f := &c.Doc.Fields
	var now time.Time
	if c.linter.opts.Now != nil {
		now = c.linter.opts.Now()
	}
	prev := -1 // the last well-formed entry with a plausible time
	var prevAt time.Time
	// When the first entry, a Draft (the postmortem's creation), is dated before the incident, the incident
	// date is what is wrong (pm new --date in the future, say): said once, of incident_date, and
	// not of every entry pm wrote since.
	dateWrong := false
	for i, h := range f.StatusHistory {
		if c.Doc.HistoryMalformed(i) {
			continue
		}
		if at, err := postmortem.ParseTime(h.At); err == nil {
			if st, _ := postmortem.ParseStatus(h.Status); st == postmortem.StatusDraft && workflow.JudgeHistoryDate(at, f, now) == workflow.DateBeforeIncident {
				dateWrong = true
				c.ReportKey("incident_date", LevelWarning, "status.incident-after-creation", f.IncidentDate.Format("2006-01-02"),
					h.Status, strings.TrimSpace(h.At))
			}
			break
		}
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
			if dateWrong {
				continue
			}
			c.ReportLine(c.Doc.HistoryLine(i, "at"), LevelWarning, "status.history-before-incident", h.Status, written,
				f.IncidentDate.Format("2006-01-02"))
			continue
		case workflow.DateAfterNow:
			c.ReportLine(c.Doc.HistoryLine(i, "at"), LevelWarning, "status.history-future", h.Status, written,
				now.In(c.linter.opts.Location).Format(time.RFC3339))
			continue
		}
		// instants are compared: the same time in two offsets, or two moves in one second, are in order
		if prev >= 0 && at.Before(prevAt) {
			p := f.StatusHistory[prev]
			c.ReportLine(c.Doc.HistoryLine(i, "at"), LevelWarning, "status.history-out-of-order", h.Status, written,
				p.Status, strings.TrimSpace(p.At))
		}
		prev, prevAt = i, at
	}
}
