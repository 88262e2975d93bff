package lint_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/lint"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/workflow"
)

// pmStatusMove makes the move pm status makes: the status set in place and the entry appended, both
// through postmortem's edits, forced when the move is force-only or forced past a gate.
func pmStatusMove(t *testing.T, doc string, to postmortem.Status, at time.Time, pastGate bool) string {
	t.Helper()
	from := postmortem.Parse("doc.md", []byte(doc), nil).Fields.Status
	entry := postmortem.HistoryEntry{Status: string(to), At: at.Format(time.RFC3339), By: "Ana Souza",
		Forced: pastGate || workflow.ForceOnly(from, to)}
	out, err := postmortem.SetField("doc.md", []byte(doc), "status", string(to))
	if err == nil {
		out, err = postmortem.AppendHistory("doc.md", out, entry)
	}
	if err != nil {
		t.Fatalf("%s → %s: %v", from, to, err)
	}
	return string(out)
}

// TestHistoryMadeByPMStatus: every history pm status can write, up to seven moves from pm new's Draft
// (each a move workflow.Check allows, reopening with --force, some forced past gates, some in the same
// second, in several offsets), gives no status-history finding, whatever external_message says after
// (In Review → Closed is open only while it is false). Nor does a history begun before pm, at In Review.
func TestHistoryMadeByPMStatus(t *testing.T) {
	zones := []*time.Location{time.FixedZone("JST", 9*3600), time.UTC, time.FixedZone("EST", -5*3600)}
	start := time.Date(2026, 11, 20, 12, 0, 0, 0, zones[0])
	linters := []*lint.Linter{newLinter(t, lint.Options{}), newLinter(t, lint.Options{Lang: i18n.JA})}
	histories := 0
	var walk func(doc string, moves int, path string)
	walk = func(doc string, moves int, path string) {
		for _, ext := range []string{"true", "false"} {
			d := setFront(t, doc, "external_message", ext)
			for _, l := range linters {
				if fs := ofRule(lintDoc(t, l, d), "status-history"); len(fs) > 0 {
					t.Errorf("%s (external_message %s): a history pm status wrote has findings:\n%s\n%s", path, ext, findingsText(fs), d)
				}
			}
		}
		histories++
		if moves == 7 {
			return
		}
		from := postmortem.Parse("doc.md", []byte(doc), nil).Fields.Status
		// every third move in the same second as the one before it; the others three hours later
		at := start.Add(time.Duration(moves-moves/3) * 3 * time.Hour).In(zones[moves%len(zones)])
		for _, m := range workflow.Allowed(from, false) {
			if err := workflow.Check(from, m.To, false, true); err != nil {
				t.Fatalf("workflow.Allowed gave %s → %s, which Check refuses even forced: %v", from, m.To, err)
			}
			// pm status records Reviewed unforced only once the meeting has begun: before it, the
			// move is forced past the meeting's gate
			meeting := postmortem.Parse("doc.md", []byte(doc), nil).Fields.Meeting
			early := m.To == workflow.Reviewed && at.Before(meeting)
			walk(pmStatusMove(t, doc, m.To, at, moves%4 == 2 || early), moves+1, path+" → "+string(m.To))
		}
	}
	created := pmStatusMove(t, setFront(t, baseDoc(t), "status", "Draft"), workflow.Draft, start, false) // pm new's entry
	walk(created, 0, "Draft")
	walk(pmStatusMove(t, baseDoc(t), workflow.InReview, start, false), 0, "In Review (before pm)")
	if histories < 50 {
		t.Errorf("only %d histories walked", histories)
	}
}

// historyDoc is base.md with the given status_history and its status set to the last entry's.
func historyDoc(t *testing.T, history string, status string) string {
	t.Helper()
	doc := setFront(t, baseDoc(t), "status", status)
	return edit(t, doc, "call_recording: https://meet.example.com/recordings/inc-2026-11-20\n",
		"call_recording: https://meet.example.com/recordings/inc-2026-11-20\nstatus_history:\n"+history)
}

// entry is one status_history entry as written in the tests' documents.
func entry(status, at string, more ...string) string {
	s := fmt.Sprintf("  - status: %s\n    at: %s\n    by: Ana Souza\n", status, at)
	for _, m := range more {
		s += "    " + m + "\n"
	}
	return s
}

// TestHistoryMoves: each well-formed entry is judged as a move from the one before it. A move pm
// status does not record is an error at the later entry's status line that says which moves are
// allowed; an entry dated before the one above it is a warning at its at line. A malformed entry is
// front-matter's, and the moves on either side of it are not judged.
func TestHistoryMoves(t *testing.T) {
	type want struct {
		sev  lint.Severity
		at   string // the text the finding's line starts with
		text string // in the message
	}
	for _, c := range []struct {
		name, history, status string
		want                  []want
	}{
		{"pm's way", entry("Draft", "2026-11-20T12:00:00+09:00") + entry("In Review", "2026-11-22T10:00:00+09:00") +
			entry("Reviewed", "2026-11-24T17:00:00+09:00") + entry("Closed", "2026-11-25T10:00:00+09:00"), "Closed", nil},
		{"Draft → Closed by hand", entry("Draft", "2026-11-20T12:00:00+09:00") + entry("Closed", "2026-11-25T10:00:00+09:00"), "Closed",
			[]want{{lint.Error, "  - status: Closed", "status_history goes from Draft to Closed at 2026-11-25T10:00:00+09:00, a move pm status does not record " +
				"(Draft → Closed is not allowed; from Draft the postmortem can move to In Review): the status was changed by hand"}}},
		{"a forced move from a status edited by hand", entry("Draft", "2026-11-20T12:00:00+09:00") + entry("Closed", "2026-11-25T10:00:00+09:00", "forced: true"), "Closed", nil},
		{"a skip in the middle", entry("Draft", "2026-11-20T12:00:00+09:00") + entry("In Review", "2026-11-22T10:00:00+09:00") +
			entry("Draft", "2026-11-22T11:00:00+09:00") + entry("Reviewed", "2026-11-24T17:00:00+09:00") + entry("Closed", "2026-11-25T10:00:00+09:00"), "Closed",
			[]want{{lint.Error, "  - status: Reviewed", "Draft → Reviewed is not allowed"}}},
		{"Reviewed → Draft", entry("Reviewed", "2026-11-24T17:00:00+09:00") + entry("Draft", "2026-11-25T10:00:00+09:00"), "Draft",
			[]want{{lint.Error, "  - status: Draft", "from Reviewed the postmortem can move to Closed"}}},
		{"reopened with --force", entry("Closed", "2026-11-25T10:00:00+09:00") + entry("In Review", "2026-11-26T10:00:00+09:00", "forced: true"), "In Review", nil},
		{"reopened by hand", entry("Closed", "2026-11-25T10:00:00+09:00") + entry("In Review", "2026-11-26T10:00:00+09:00"), "In Review",
			[]want{{lint.Error, "  - status: In Review", "Closed → In Review reopens a closed postmortem: pass --force"}}},
		{"Closed → Draft", entry("Closed", "2026-11-25T10:00:00+09:00") + entry("Draft", "2026-11-26T10:00:00+09:00"), "Draft",
			[]want{{lint.Error, "  - status: Draft", "Closed is the last status"}}},
		{"In Review → Closed with external_message true", entry("In Review", "2026-11-22T10:00:00+09:00") +
			entry("Closed", "2026-11-25T10:00:00+09:00"), "Closed", nil},
		{"a status repeated", entry("Draft", "2026-11-20T12:00:00+09:00") + entry("In Review", "2026-11-22T10:00:00+09:00") +
			entry("In Review", "2026-11-22T10:05:00+09:00") + entry("Reviewed", "2026-11-24T17:00:00+09:00"), "Reviewed", nil},
		{"spelled otherwise", entry("draft", "2026-11-20T12:00:00+09:00") + entry("in-review", "2026-11-22T10:00:00+09:00") +
			entry("Reviewed", "2026-11-24T17:00:00+09:00"), "Reviewed", nil},
		{"begun before pm", entry("Reviewed", "2026-11-24T17:00:00+09:00"), "Reviewed", nil},
		{"the same second, in two offsets", entry("Draft", "2026-11-22T10:00:00+09:00") + entry("In Review", "2026-11-22T01:00:00Z") +
			entry("Reviewed", "2026-11-24T17:00:00+09:00"), "Reviewed", nil},
		{"out of order", entry("Draft", "2026-11-20T12:00:00+09:00") + entry("In Review", "2026-11-24T16:00:00+09:00") +
			entry("Reviewed", "2026-11-24T15:59:59+09:00"), "Reviewed",
			[]want{{lint.Warning, "    at: 2026-11-24T15:59:59+09:00", "status_history entry Reviewed at 2026-11-24T15:59:59+09:00 is dated before " +
				"the entry above it (In Review at 2026-11-24T16:00:00+09:00): the entries are out of order; correct its time"}}},
		{"out of order by the instant", entry("Draft", "2026-11-20T12:00:00+09:00") + entry("In Review", "2026-11-24T10:00:00Z") +
			entry("Reviewed", "2026-11-24T18:00:00+09:00"), "Reviewed",
			[]want{{lint.Warning, "    at: 2026-11-24T18:00:00+09:00", "dated before the entry above it (In Review at 2026-11-24T10:00:00Z)"}}},
		// Reviewed written before the meeting began: pm status records it only after, unless forced
		{"Reviewed before the meeting", entry("Draft", "2026-11-20T12:00:00+09:00") + entry("In Review", "2026-11-21T10:00:00+09:00") +
			entry("Reviewed", "2026-11-22T10:00:00+09:00"), "Reviewed",
			[]want{{lint.Error, "  - status: Reviewed", "status_history: Reviewed at 2026-11-22T10:00:00+09:00, before the meeting (2026-11-24T15:00:00+09:00)"}}},
		{"Reviewed before the meeting, forced", entry("Draft", "2026-11-20T12:00:00+09:00") + entry("In Review", "2026-11-21T10:00:00+09:00") +
			entry("Reviewed", "2026-11-22T10:00:00+09:00", "forced: true"), "Reviewed", nil},
		{"a move refused and out of order", entry("Draft", "2026-11-22T12:00:00+09:00") + entry("Closed", "2026-11-21T10:00:00+09:00"), "Closed",
			[]want{{lint.Error, "  - status: Closed", "Draft → Closed is not allowed"}, {lint.Warning, "    at: 2026-11-21T10:00:00+09:00", "out of order"}}},
		{"a date told off is not also out of order", entry("Draft", "2026-11-20T12:00:00+09:00") + entry("In Review", "1900-01-01T00:00:00Z") +
			entry("Reviewed", "2026-11-24T17:00:00+09:00"), "Reviewed",
			[]want{{lint.Warning, "    at: 1900-01-01T00:00:00Z", "dated before the incident"}}},
		{"malformed in the middle", entry("Draft", "2026-11-20T12:00:00+09:00") + entry("Done", "2026-11-22T10:00:00+09:00") +
			entry("Closed", "2026-11-25T10:00:00+09:00"), "Closed", nil},
		{"malformed time in the middle", entry("Draft", "2026-11-20T12:00:00+09:00") + entry("In Review", "notatime") +
			entry("Closed", "2026-11-25T10:00:00+09:00"), "Closed", nil},
		{"an empty entry in the middle", entry("Draft", "2026-11-20T12:00:00+09:00") + "  - {}\n" +
			entry("Closed", "2026-11-25T10:00:00+09:00"), "Closed", nil},
		{"malformed first and last", "  - status: [Draft]\n" + entry("In Review", "2026-11-22T10:00:00+09:00") +
			entry("Reviewed", "2026-11-24T17:00:00+09:00") + entry("Closed", "2026-11-25T10:00:00+09:00", "forced: maybe"), "Closed", nil},
		{"out of order across a malformed entry", entry("Draft", "2026-11-22T12:00:00+09:00") + entry("Done", "2026-11-22T13:00:00+09:00") +
			entry("In Review", "2026-11-21T10:00:00+09:00"), "In Review",
			[]want{{lint.Warning, "    at: 2026-11-21T10:00:00+09:00", "dated before the entry above it (Draft at 2026-11-22T12:00:00+09:00)"}}},
	} {
		doc := historyDoc(t, c.history, c.status)
		fs := ofRule(lintDoc(t, newLinter(t, lint.Options{}), doc), "status-history")
		if len(fs) != len(c.want) {
			t.Errorf("%s: want %d status-history findings, got:\n%s", c.name, len(c.want), findingsText(fs))
			continue
		}
		for i, w := range c.want {
			line, _, _ := at(t, doc, w.at)
			if f := fs[i]; f.Line != line || f.Severity != w.sev || !strings.Contains(f.Message, w.text) {
				t.Errorf("%s: got line %d, %s %q; want line %d, %s containing %q", c.name, f.Line, f.Severity, f.Message, line, w.sev, w.text)
			}
		}
	}
}

// TestHistoryMovesInJapanese: the new findings speak the linter's language, the moves allowed included.
func TestHistoryMovesInJapanese(t *testing.T) {
	doc := historyDoc(t, entry("Draft", "2026-11-22T12:00:00+09:00")+entry("Closed", "2026-11-21T10:00:00+09:00"), "Closed")
	fs := ofRule(lintDoc(t, newLinter(t, lint.Options{Lang: i18n.JA}), doc), "status-history")
	want := []string{
		"status_history が Draft から Closed (2026-11-21T10:00:00+09:00) に移っていますが、これは pm status が記録しない移行です " +
			"(Draft → Closed には移れません。Draft から移れるのは In Review です): ステータスが手で変更されています",
		"status_history の項目 Closed の時刻 2026-11-21T10:00:00+09:00 が、その前の項目 (Draft、2026-11-22T12:00:00+09:00) より前になっています",
	}
	if len(fs) != len(want) {
		t.Fatalf("want %d findings, got:\n%s", len(want), findingsText(fs))
	}
	for i, w := range want {
		if !strings.Contains(fs[i].Message, w) {
			t.Errorf("finding %d: %q does not contain %q", i, fs[i].Message, w)
		}
	}
}
