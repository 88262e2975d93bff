package review

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/testrepo"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/project"
)

// doc parses a postmortem made of front matter lines only: the given ones, then defaults for the
// required keys they leave out.
func doc(lines ...string) *postmortem.Doc {
	src := strings.Join(lines, "\n")
	for _, def := range []string{"title: T", "severity: SEV-1", "owner: O", "incident_date: 2026-11-20"} {
		key, _, _ := strings.Cut(def, ":")
		if !strings.Contains("\n"+src, "\n"+key+":") {
			src += "\n" + def
		}
	}
	return postmortem.Parse("x.md", []byte("---\n"+strings.TrimPrefix(src, "\n")+"\n---\n"), nil)
}

func history(statuses ...string) string {
	s := "status_history:"
	for _, st := range statuses {
		forced := ""
		if strings.HasSuffix(st, "!") {
			st, forced = strings.TrimSuffix(st, "!"), "\n    forced: true"
		}
		s += fmt.Sprintf("\n  - status: %s\n    at: 2026-11-21T10:00:00+09:00\n    by: O%s", st, forced)
	}
	return s
}

func TestStatusMove(t *testing.T) {
	cases := []struct {
		name     string
		old, cur *postmortem.Doc
		want     string
		problem  bool
	}{
		{"unchanged", doc("status: Draft"), doc("status: Draft"), "Draft, unchanged", false},
		{"one recorded step", doc("status: Draft", history("Draft")), doc("status: In Review", history("Draft", "In Review")),
			"Draft → In Review, allowed", false},
		{"back to writing", doc("status: In Review", history("Draft", "In Review")), doc("status: Draft", history("Draft", "In Review", "Draft")),
			"In Review → Draft, allowed", false},
		{"skipping Reviewed with a customer message", doc("status: In Review", history("In Review")),
			doc("status: Closed", "external_message: true", history("In Review", "Closed!")),
			"In Review → Closed is not allowed (In Review → Closed skips Reviewed only when external_message is false); from In Review the postmortem can move to Reviewed or Draft; forced past a failed gate (see status_history)", true},
		{"skipping Reviewed without one", doc("status: In Review", history("In Review")),
			doc("status: Closed", "external_message: false", history("In Review", "Closed")), "In Review → Closed, allowed", false},
		{"reopened by hand", doc("status: Closed"), doc("status: Draft"),
			"Closed → Draft is not allowed: Closed is the last status (pm status in-review --force reopens it, recorded in the history as forced); status_history has no entry for it (pm status records moves)", true},
		{"reopened with --force", doc("status: Closed", history("Reviewed", "Closed")), doc("status: In Review", history("Reviewed", "Closed", "In Review!")),
			"Closed → In Review, allowed; reopened with --force (see status_history)", false},
		{"a bad middle step", doc("status: Draft"), doc("status: Closed", history("Reviewed", "Closed")),
			"Draft → Reviewed → Closed: Draft → Reviewed is not allowed; from Draft the postmortem can move to In Review", true},
		{"new, several steps", nil, doc("status: In Review", history("Draft", "In Review")), "Draft → In Review, allowed (new postmortem)", false},
		{"new without history", nil, doc("status: Draft"), "Draft (new postmortem)", false},
		{"no valid status at the base", doc("status: Drafty"), doc("status: Draft"), "Draft (no valid status at the base); status_history has no entry for it (pm status records moves)", false},
		{"no valid status now", doc("status: Draft"), doc("status: Drafty"), "unknown: the front matter has no valid status", false},
	}
	for _, c := range cases {
		m := statusMove(c.old, c.cur)
		if got := m.String(); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
		if (m.problem != nil) != c.problem {
			t.Errorf("%s: problem %q", c.name, m.problem)
		}
	}
}

func TestDiffActions(t *testing.T) {
	item := func(prio, action, owner, ticket string) postmortem.ActionItem {
		return postmortem.ActionItem{Priority: prio, Action: action, Type: "prevent", Owner: owner, Due: "2026-12-01", Ticket: ticket}
	}
	old := []postmortem.ActionItem{
		item("P1", "Add an alert", "Ana", ""),
		item("P1", "Add an alert", "Ben", ""), // the same text twice: matched in order
		item("P0", "Fix  the\tbug", "Ana", "OPS-1"),
		item("P1", "Write a runbook", "Ana", ""),
	}
	cur := []postmortem.ActionItem{
		item("P0", "Fix the bug", "Ana", "OPS-1"), // whitespace aside, unchanged
		item("P1", "Add an alert", "Ana", "OPS-2"),
		item("P1", "Add an alert", "Ben", ""),
		item("P1", "Add a dashboard", "Cy", ""),
	}
	cur[2].Status = "done 2026-11-30" // a Status cell filled in is a change
	changes, same := diffActions(old, cur)
	var got []string
	for _, c := range changes {
		s := c.kind + " " + c.item.Action + " " + c.item.Owner
		for _, f := range c.fields() {
			s += fmt.Sprintf(" [%s %q→%q]", f.name, f.from, f.to)
		}
		got = append(got, s)
	}
	want := []string{
		`changed Add an alert Ana [ticket ""→"OPS-2"]`,
		`changed Add an alert Ben [status ""→"done 2026-11-30"]`,
		"added Add a dashboard Cy",
		"removed Write a runbook Ana",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") || same != 1 {
		t.Errorf("got %d unchanged and\n%s\nwant 1 and\n%s", same, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestMeetingLine(t *testing.T) {
	dir := testrepo.FakeRoot(t)
	os.WriteFile(filepath.Join(dir, ".pm.yaml"), []byte("timezone: Asia/Tokyo\nholidays:\n  country: JP\n"), 0o644)
	p, err := project.Open(dir, func(string) string { return "" }, func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	// With JP holidays, Monday 2026-11-23 does not count: the SEV-1 deadline is Thursday the 26th.
	cases := []struct {
		name     string
		old, cur *postmortem.Doc
		want     string
	}{
		{"within, unchanged", doc("meeting: 2026-11-26T10:00:00+09:00"), doc("meeting: 2026-11-26T10:00:00+09:00"),
			"2026-11-26 10:00 JST, within the SEV-1 deadline Thu 2026-11-26"},
		{"late across a weekend, moved", doc("meeting: 2026-11-26T10:00:00+09:00"), doc("meeting: 2026-11-30T09:00:00+09:00"),
			"2026-11-30 09:00 JST, 2 business days late (SEV-1 deadline Thu 2026-11-26); moved from 2026-11-26 10:00 JST"},
		{"unscheduled again", doc("meeting: 2026-11-26T10:00:00+09:00"), doc(`meeting: ""`),
			"unscheduled, due Thu 2026-11-26, 1 business day overdue; was 2026-11-26 10:00 JST"},
		{"new", nil, doc(`meeting: ""`), "unscheduled, due Thu 2026-11-26, 1 business day overdue"},
		{"no SLA", nil, doc("meeting: 2026-12-20T10:00:00+09:00", "severity: SEV-3"), "2026-12-20 10:00 JST (SEV-3 has no meeting deadline)"},
		{"no incident date", nil, doc(`meeting: ""`, "incident_date: someday"), "unscheduled (no deadline: incident_date is missing or invalid)"},
	}
	for _, c := range cases {
		if got := meetingLine(p, c.old, c.cur, now, i18n.EN); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

// TestMarkdownText: text from a document, in the pull request comment, mentions nobody and shows
// its control characters escaped.
func TestMarkdownText(t *testing.T) {
	got := md("ping @octocat and @team-x\x1b[31m; a@b.example")
	if want := "ping @\u200boctocat and @\u200bteam-x\\\\x1b\\[31m; a@\u200bb.example"; got != want {
		t.Errorf("md = %q, want %q", got, want)
	}
	// GitHub renders text between dollar signs as math: a title's amounts stay amounts
	if got, want := md("Refund $5/$10 and $$x$$"), `Refund \$5/\$10 and \$\$x\$\$`; got != want {
		t.Errorf("md = %q, want %q", got, want)
	}
}

// Two items of one action text, the first removed and the second changed: the second is matched
// with its own row by its ticket and owner, not with the first by its place.
func TestDiffActionsSameTextByOtherCells(t *testing.T) {
	old := []postmortem.ActionItem{
		{Priority: "P1", Action: "Update runbook", Type: "process", Owner: "Alice", Due: "2026-10-28", Ticket: "PAY-1845"},
		{Priority: "P1", Action: "Update runbook", Type: "process", Owner: "Bob", Due: "2026-10-29", Ticket: "PAY-1846"},
	}
	cur := []postmortem.ActionItem{
		{Priority: "P1", Action: "Update runbook", Type: "process", Owner: "Bob", Due: "2026-10-30", Ticket: "PAY-1846"},
	}
	changes, same := diffActions(old, cur)
	var got []string
	for _, c := range changes {
		s := c.kind + " " + c.item.Owner
		for _, f := range c.fields() {
			s += fmt.Sprintf(" [%s %q→%q]", f.name, f.from, f.to)
		}
		got = append(got, s)
	}
	want := []string{`changed Bob [due "2026-10-29"→"2026-10-30"]`, "removed Alice"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") || same != 0 {
		t.Errorf("got %d unchanged and\n%s\nwant\n%s", same, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
