package lsp

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/pm-tools/pm/pkg/lint"
	"github.com/pm-tools/pm/pkg/postmortem"
)

func (s *Server) hover(raw json.RawMessage) (any, *responseError) {
	var p textDocumentPositionParams
	if err := rawParams(raw, &p); err != nil {
		return nil, invalidParams(err)
	}
	t, rerr := s.open(p.TextDocument.URI)
	if rerr != nil {
		return nil, rerr
	}
	if !t.pm {
		return nil, nil
	}
	var parts []string
	var at *Range
	findings := s.findingsOf(t)
	for i := range findings {
		f := &findings[i]
		r := findingRange(t.doc, f)
		if !contains(r, p.Position) {
			continue
		}
		parts = append(parts, ruleHelp(t, f))
		if at == nil {
			at = &r
		}
	}
	d := t.parseBody()
	line := p.Position.Line
	lintLine := t.doc.toLint(p.Position).Line // pm's count of lines, where a lone CR ends one
	if inFrontMatter(d, lintLine+1) && line < len(t.doc.lines) {
		text := string(t.doc.text[t.doc.lines[line]:t.doc.lineEnd(line)])
		if strings.HasPrefix(text, "meeting:") || strings.HasPrefix(text, "incident_date:") {
			if h := s.deadlineHover(t, d); h != "" {
				parts = append(parts, h)
				r := t.doc.lineRange(line)
				at = &r
			}
		}
	} else if d.Root != nil {
		for _, it := range d.Content().ActionItems() {
			if it.Line == lintLine+1 {
				parts = append(parts, s.actionHover(t, d, it))
				if at == nil {
					r := t.doc.lineRange(line)
					at = &r
				}
			}
		}
	}
	if len(parts) == 0 {
		return nil, nil
	}
	return Hover{Contents: markupContent{Kind: "markdown", Value: strings.Join(parts, "\n\n---\n\n")}, Range: at}, nil
}

// ruleHelp is a finding's rule: its id, the finding, what the rule checks in the user's language,
// and its help paragraph.
func ruleHelp(t *target, f *lint.Finding) string {
	var b strings.Builder
	b.WriteString("**" + f.Rule + "**: " + markdownEscape(f.Message))
	if r := lint.RuleByID(f.Rule); r != nil {
		desc := t.ws.lang.T("rule." + r.ID)
		if desc == "rule."+r.ID {
			desc = r.Description()
		}
		b.WriteString("\n\n" + markdownEscape(desc) + "\n\n" + markdownEscape(r.HelpIn(t.ws.lang)))
	}
	b.WriteString("\n\n[" + t.ws.lang.T("lsp.rules-link") + "](" + RulesURL + ")")
	return b.String()
}

// markdownEscape keeps a message's own characters from being read as Markdown.
func markdownEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>#|", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// deadlineHover says when the meeting is due and how many business days are left, and whether the
// meeting set is within the deadline.
func (s *Server) deadlineHover(t *target, d *postmortem.Doc) string {
	ws, f := t.ws, &d.Fields
	lang := ws.lang
	if !f.HasIncidentDate() {
		return lang.T("lsp.no-incident-date")
	}
	sched := ws.proj.Schedule()
	days, ok := sched.Days(f.Severity)
	deadline, ok2 := sched.Deadline(f.Severity, f.IncidentDate)
	if !ok || !ok2 {
		return lang.T("lsp.no-deadline", f.Severity)
	}
	loc := ws.proj.Location()
	lines := []string{lang.T("lsp.deadline", lang.Day(deadline.In(loc)), f.Severity, days)}
	now := s.opts.Now()
	switch {
	case now.After(deadline):
		lines = append(lines, lang.T("lsp.deadline-passed", lang.N("n.business-day", sched.BusinessDaysLate(f.Severity, f.IncidentDate, now))))
	default:
		left := businessDaysLeft(ws, now, deadline)
		if left == 0 {
			lines = append(lines, lang.T("lsp.deadline-today"))
		} else {
			lines = append(lines, lang.N("lsp.days-left", left))
		}
	}
	if f.HasMeeting() {
		if late := sched.BusinessDaysLate(f.Severity, f.IncidentDate, f.Meeting); late > 0 {
			lines = append(lines, lang.T("lsp.meeting-late", lang.Day(f.Meeting.In(loc))+f.Meeting.In(loc).Format(" 15:04"), lang.N("n.business-day", late)))
		} else {
			lines = append(lines, lang.T("lsp.meeting-within", lang.Day(f.Meeting.In(loc))+f.Meeting.In(loc).Format(" 15:04")))
		}
	}
	return strings.Join(lines, "  \n")
}

// businessDaysLeft counts the business days after today up to the deadline's date.
func businessDaysLeft(ws *workspace, now, deadline time.Time) int {
	cal := ws.calendar()
	if cal == nil {
		return 0
	}
	loc := cal.Location()
	y, m, day := now.In(loc).Date()
	n := 0
	for i := 1; i < 3660; i++ {
		d := time.Date(y, m, day+i, 12, 0, 0, 0, loc)
		if d.After(deadline) {
			break
		}
		if cal.IsBusinessDay(d) {
			n++
		}
	}
	return n
}

// actionHover gives an action item's deadline: its Due date, or the latest day its severity allows.
func (s *Server) actionHover(t *target, d *postmortem.Doc, it postmortem.ActionItem) string {
	ws, f := t.ws, &d.Fields
	lang := ws.lang
	ad := ws.proj.ActionDeadlines()
	deadline, fromDue, ok := ad.Of(it, f.Severity, f.IncidentDate)
	if !ok {
		return lang.T("lsp.action-no-deadline")
	}
	day := lang.Day(deadline)
	var lines []string
	if fromDue {
		lines = append(lines, lang.T("lsp.action-due", day))
	} else {
		days, _ := ad.Days(f.Severity)
		lines = append(lines, lang.T("lsp.action-latest", day, f.Severity, days))
	}
	if st := it.State(); st.Closed() {
		// the state in the user's words, as pm actions shows it, and the day it was reached
		word := lang.T("actions.state-done")
		if st == postmortem.ActionWontDo {
			word = lang.T("actions.state-wont-do")
		}
		if date, ok := it.StatusDate(); ok {
			lines = append(lines, lang.T("lsp.action-closed-on", word, date))
		} else {
			lines = append(lines, lang.T("lsp.action-closed", word))
		}
	} else if late := ad.DaysOverdue(it, f.Severity, f.IncidentDate, s.opts.Now()); late > 0 {
		lines = append(lines, lang.N("lsp.action-overdue", late))
	}
	return strings.Join(lines, "  \n")
}
