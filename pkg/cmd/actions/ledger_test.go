package actions

import (
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/testrepo"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// ledger is a SEV-1 of 1 Dec whose Action Items keep their progress in a Status column; the last
// item has no Due date, so the SEV-1's 15 days give its deadline, 16 Dec.
const ledger = `---
title: Ledger
severity: SEV-1
status: Reviewed
owner: Aiko Sato
incident_date: 2026-12-01
---
## Action Items

| Priority | Action | Owner | Due | Ticket | Status |
| --- | --- | --- | --- | --- | --- |
| P0 | Done already | Ken Mori | 2026-12-03 | OPS-1 | done |
| P0 | Decided against | Ken Mori | 2026-12-03 | OPS-2 | won't do |
| P1 | Filed but not done | Aiko Sato | 2026-12-05 | OPS-3 | open |
| P1 | Not started | Aiko Sato | 2026-12-20 | | |
| P1 | No date given | Aiko Sato | | OPS-4 | 未完了 |
`

func ledgerRun(t *testing.T, at time.Time, args ...string) (string, string, int) {
	t.Helper()
	dir := testrepo.FakeRoot(t)
	testrepo.WriteFile(t, dir, "postmortems/2026-12-01-ledger.md", ledger)
	f, _, _ := cmdutil.TestFactory(dir, at, nil)
	return testrepo.Run(f, newCmd, args...)
}

func TestLedgerOpenAndOverdue(t *testing.T) {
	at := time.Date(2026, 12, 18, 12, 0, 0, 0, time.UTC)
	out, errOut, code := ledgerRun(t, at, "--open", "--format", "json")
	if code != 1 {
		t.Fatalf("--open: exit %d, %s", code, errOut)
	}
	var open []string
	for _, it := range decode(t, out) {
		open = append(open, it.Action+"="+it.Status)
	}
	if got := strings.Join(open, "|"); got != "Filed but not done=open|Not started=open|No date given=open" {
		t.Errorf("--open lists %s", got)
	}

	out, _, code = ledgerRun(t, at, "--overdue", "--format", "json")
	got := map[string]jsonItem{}
	for _, it := range decode(t, out) {
		got[it.Action] = it
	}
	if code != 1 || len(got) != 2 {
		t.Fatalf("--overdue: exit %d, items %v", code, got)
	}
	if it := got["Filed but not done"]; it.Deadline != "2026-12-05" || it.DaysOverdue != 13 || !it.Overdue {
		t.Errorf("an open item with a ticket, due on the 5th: %+v", it)
	}
	if it := got["No date given"]; it.Deadline != "2026-12-16" || it.DaysOverdue != 2 {
		t.Errorf("an item without a date has the SEV-1's deadline: %+v", it)
	}

	// The table adds the STATUS column and says how late each overdue item is.
	out, _, _ = ledgerRun(t, at)
	for _, want := range []string{"STATUS", "2026-12-05 ! 13d", "(2026-12-16) ! 2d", "won't do", "open"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	// Nothing is overdue before the first deadline passes.
	if out, errOut, code := ledgerRun(t, time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC), "--overdue"); code != 0 || out != "" ||
		!strings.Contains(errOut, "No overdue action items.") {
		t.Errorf("on its due date: exit %d, %q, %q", code, out, errOut)
	}
}

// Every item with no Due shows the severity's deadline in parentheses, as the JSON gives it: a filed
// one (a ticket, no Status column) as an unfiled one (it showed "-").
func TestNoDueShowsTheDeadlineWhateverTheState(t *testing.T) {
	dir := testrepo.FakeRoot(t)
	testrepo.WriteFile(t, dir, "postmortems/2026-11-01-x.md", "---\ntitle: X\nseverity: SEV-1\nstatus: Reviewed\nowner: a\nincident_date: 2026-11-01\n---\n"+
		"## Action Items\n\n| Priority | Action | Owner | Due | Ticket |\n| --- | --- | --- | --- | --- |\n"+
		"| P1 | Filed | a |  | OPS-4 |\n| P1 | Unfiled | a |  |  |\n")
	f, _, _ := cmdutil.TestFactory(dir, time.Date(2026, 11, 5, 12, 0, 0, 0, time.UTC), nil)
	out, errOut, code := testrepo.Run(f, newCmd)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, action := range []string{"Filed", "Unfiled"} {
		var line string
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, " "+action+" ") {
				line = l
			}
		}
		if !strings.Contains(line, "(2026-11-16)") {
			t.Errorf("%s item without a Due: %q, want the deadline (2026-11-16)\n%s", action, line, out)
		}
	}
}

// The STATUS cell is in the output's language when the Status column holds a state's word alone
// (an English document's "open" is 未完了 in Japanese output, 完了 is done in English), never a mix of
// the document's words and pm's; a cell with more than the word (a date) is shown as written.
func TestStateTextInTheOutputLanguage(t *testing.T) {
	for _, c := range []struct {
		status string
		has    bool
		state  postmortem.ActionState
		en, ja string
	}{
		{"open", true, postmortem.ActionOpen, "open", "未完了"},
		{"", true, postmortem.ActionOpen, "open", "未完了"},
		{"完了", true, postmortem.ActionDone, "done", "完了"},
		{"Won't do", true, postmortem.ActionWontDo, "won't do", "対応しない"},
		{"done 2026-12-03", true, postmortem.ActionDone, "done 2026-12-03", "done 2026-12-03"},
		{"", false, postmortem.ActionFiled, "filed", "起票済み"},
	} {
		it := item{State: c.state, HasStatus: c.has}
		it.Status = c.status
		if got := stateText(it, i18n.EN); got != c.en {
			t.Errorf("%q: en %q, want %q", c.status, got, c.en)
		}
		if got := stateText(it, i18n.JA); got != c.ja {
			t.Errorf("%q: ja %q, want %q", c.status, got, c.ja)
		}
	}
}
