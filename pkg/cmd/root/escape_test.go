package root

import (
	"encoding/csv"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/internal/testrepo"
)

// The audit of pm's promise that nothing from a document reaches a terminal raw: one repository whose
// postmortems put hostile text in every field and section pm prints, every command and subcommand run
// on it in its human formats, and its machine formats checked for the exact text.

// escapeFront is the front matter of the usable postmortem, in YAML escapes. Each value carries an
// OSC sequence with its own tag (\e]0;TAG\a), so that the test can tell which value a command printed.
const escapeFront = `---
title: "\e]0;TITLE\a\e[2JCheckout \u202Eliava\u202C latency\x9b2J\N\bX\x7f after the failover"
severity: SEV-1
status: Draft
owner: "Aiko\rSato\nMallory \u2066OWNER\u2069\e[38;5;196m"
incident_commander: "Ken\e]0;IC\a Mori\u200F"
incident_date: 2026-11-20
meeting: ""
external_message: true
full_outage: false
call_recording: "https://meet.example.com/rec\e]0;REC\a"
extra_note: "\e]0;EXTRA\a"
status_history:
  - status: Draft
    at: "2026-11-20T18:00:00+09:00"
    by: "Aiko\e]0;BY\a Sato\r\nroot"
  - status: Reviewed
    at: "2026-11-21T09:00:00+09:00"
    by: "Ren\u202EITO\u202C"
    forced: true
---
`

// escapeBody is the body, with the characters themselves.
const escapeBody = "\n# Checkout latency after the session store failover\n\n" +
	"## Overview\n\nCheckout requests took up to 9 seconds\x1b]0;OVR\a and 12% timed out.\n\n" +
	"## What Happened\n\nThe session store failed over at 13:02 as planned.\n\n" +
	"## Root Cause\n\nThe failover runbook skipped the cache warm-up step.\n\n" +
	"## Resolution\n\nThe team replayed the warm-up job at 13:40.\n\n" +
	"## Impact\n\n- 47 minutes at SEV-1\x1b]0;IMP\a; 12% of checkout attempts timed out.\n\n" +
	"## Responders\n\n- Incident Commander: Ken\x1b]0;RSP\a Mori\n- Scribe: Yui\u2067 Tanaka\n\n" +
	"## Timeline\n\n| Time | Event | Data Link |\n| --- | --- | --- |\n" +
	"| 2026-11-20 13:02 JST | Session store failover starts\x1b]0;TLE\a | [change](https://change.example.com/c/5521) |\n" +
	"| 2026-11-20 13:05 JST\x1b]0;TLT\a | Checkout p99 above 5 s | [latency](https://grafana.example.com/d/checkout) |\n" +
	"| 2026-11-20 13:52 JST | Latency normal | [latency](https://grafana.example.com/d/checkout) |\n\n" +
	"## Analysis\n\nTimed-out checkout requests in the window: 4,100.\n\n" +
	"## How'd We Do?\n\n### What Went Well?\n\n- The latency alert paged within six minutes.\n\n" +
	"### What Didn't Go So Well?\n\n- Nobody connected the failover with the alert.\n\n" +
	"### How Could We Have Detected It Sooner?\n\nA cache hit ratio alert\x1b]0;DET\a would have fired at 13:03.\n\n" +
	"## Action Items\n\n| Priority | Action | Type | Owner | Due | Ticket |\n| --- | --- | --- | --- | --- | --- |\n" +
	"| P0 | Add the warm-up step\x1b]0;ACT0\a to the runbook | prevent | Ren\x1b]0;AOWN\a Ito | 2026-11-27 | OPS-410\x1b]0;TKT\a |\n" +
	"| P1 | Alert on \u009b2J the cache \u2066ACT1\u2069 | process\x7f | Yui\u202eTNK | 2026-11-23\x1b]0;DUE\a | |\n" +
	"| P2\x1b]0;PRI\a | Rotate the \x1b[38;5;196mcredentials\b\b | prevent | Mallory | 2026-12-04 | |\n\n" +
	"## Messaging\n\n### Internal Email\n\nCheckout was slow\x1b]0;INT\a for 47 minutes.\rOVERWRITTEN\n" +
	"Second\tline \u202eINTR\u202c.\n\n" +
	"### External Message\n\nSome checkouts were slow\x1b]0;EXT\a or timed out.\n" +
	"\u2066We have changed our maintenance procedure\u2069\x85NEL.\n"

// escapeBroken is a postmortem whose front matter values are wrong, and hostile: the errors that
// quote them must show them escaped.
const escapeBroken = `---
title: "Broken \e]0;BTITLE\a"
severity: "SEV-9\e]0;BSEV\a"
status: "Doneish\e]0;BSTAT\a"
owner: Pat Example
incident_date: "2026-13-01\e]0;BDATE\a"
meeting: "tomorrow\e]0;BMEET\a"
external_message: "yes\e]0;BEXTM\a"
full_outage: "no\e]0;BFULL\a"
"\e]0;BKEY\a": 1
---

# Broken
`

// escapeHistoryDoc is a postmortem whose front matter is sound but for its history: one entry's time
// and another's status hold escape sequences, which make them malformed entries.
const escapeHistoryDoc = `---
title: History
severity: SEV-4
status: Draft
owner: Pat Example
incident_date: 2026-11-10
external_message: false
status_history:
  - status: Draft
    at: "2026-11-20T18:00:00+09:00\e]0;AT\a"
    by: "Aiko\e]0;BY\a Sato"
  - status: "Reviewed\e]0;HST\a\u202E"
    at: "2026-11-21T09:00:00+09:00"
    by: Pat
---

# History
`

// escapeYAML is a postmortem whose front matter is not YAML, with raw characters in it: a YAML
// error may quote them.
const escapeYAML = "---\ntitle: \"unterminated \x1b]0;YAML\a\u202e\nowner: [Pat\x9b\n---\n\n# Broken YAML\n"

const (
	escapeID     = "2026-11-20-checkout"
	escapeBadID  = "2026-11-21-broken"
	escapeHistID = "2026-11-23-history"
	escapeTitle  = "\x1b]0;TITLE\a\x1b[2JCheckout \u202eliava\u202c latency\u009b2J\u0085\bX\x7f after the failover"
	escapeOwner  = "Aiko\rSato\nMallory \u2066OWNER\u2069\x1b[38;5;196m"
	escapeAction = "Add the warm-up step\x1b]0;ACT0\a to the runbook"
	escapeAOwner = "Ren\x1b]0;AOWN\a Ito"
	escapeTicket = "OPS-410\x1b]0;TKT\a"
	escapeType   = "process\x7f"
	escapeDue    = "2026-11-23\x1b]0;DUE\a"
	escapePri    = "P2\x1b]0;PRI\a"
	// a malformed history entry's front-matter finding quotes its status as Go does (%q)
	escapeHistory = `status "Reviewed\x1b]0;HST\a\u202e" is not one of`
)

// escapeRepo is a repository whose origin/main holds the postmortem with one action item less and a
// different owner on another, and whose work tree has all three postmortems: pm review sees an item
// added, one changed, and two new broken postmortems.
func escapeRepo(t *testing.T) *testrepo.Repo {
	t.Helper()
	r := testrepo.New(t, "Pat Example", "pat@example.com", "commit.gpgsign", "false")
	r.Write(".pm.yaml", "timezone: Asia/Tokyo\n")
	doc := escapeFront + escapeBody
	base := strings.Replace(doc, "| Ren\x1b]0;AOWN\a Ito |", "| Ren Ito |", 1)
	base = strings.Replace(base, "| P2\x1b]0;PRI\a | Rotate the \x1b[38;5;196mcredentials\b\b | prevent | Mallory | 2026-12-04 | |\n", "", 1)
	r.Write("postmortems/"+escapeID+".md", base)
	r.Write("postmortems/"+escapeHistID+".md", escapeHistoryDoc)
	r.Git("add", ".")
	// committed before the history's entries, so that pm audit reports them (an entry dated before
	// the commit that added its file is not checked)
	r.GitEnv = []string{"GIT_AUTHOR_DATE=2026-11-19T00:00:00Z", "GIT_COMMITTER_DATE=2026-11-19T00:00:00Z"}
	r.Git("commit", "-qm", "base")
	r.GitEnv = nil
	r.Git("update-ref", "refs/remotes/origin/main", "HEAD")
	r.Write("postmortems/"+escapeID+".md", doc)
	r.Write("postmortems/"+escapeBadID+".md", escapeBroken)
	r.Write("postmortems/2026-11-22-yaml.md", escapeYAML)
	return r
}

type escapeRun struct {
	args  []string
	tty   bool
	codes []int    // the exit codes the run may end with
	want  []string // escaped forms its output must show
}

// TestEveryCommandEscapesDocumentText runs every command that prints a document's text, in every
// human format, on postmortems whose every field holds controls, escape sequences, line breaks and
// bidirectional formatting characters: nothing of them reaches stdout or stderr raw, and each value
// the command prints shows escaped.
func TestEveryCommandEscapesDocumentText(t *testing.T) {
	r := escapeRepo(t)
	r.Git("add", "postmortems") // for pm lint --staged, what the pre-commit hook runs
	const (
		title  = `\x1b]0;TITLE\x07\x1b[2JCheckout \u202eliava\u202c latency\u009b2J`
		owner  = `Mallory \u2066OWNER\u2069\x1b[38;5;196m`
		ic     = `Ken\x1b]0;IC\x07 Mori\u200f`
		by     = `Aiko\x1b]0;BY\x07 Sato`
		at     = `2026-11-20T18:00:00+09:00\x1b]0;AT\x07`
		hst    = `Reviewed\x1b]0;HST\x07\u202e`
		action = `Add the warm-up step\x1b]0;ACT0\x07 to the runbook`
		act1   = `Alert on \u009b2J the cache \u2066ACT1\u2069`
		aowner = `Ren\x1b]0;AOWN\x07 Ito`
		ticket = `OPS-410\x1b]0;TKT\x07`
		due    = `2026-11-23\x1b]0;DUE\x07`
		pri    = `P2\x1b]0;PRI\x07`
		typ    = `process\x7f`
		tlTime = `JST\x1b]0;TLT\x07`
		intro  = `slow\x1b]0;INT\x07 for 47 minutes.`
		ext    = `slow\x1b]0;EXT\x07 or timed out.`
		// The front matter findings quote the wrong values as Go does (%q), which ends the OSC with \a.
		bSev    = `SEV-9\x1b]0;BSEV`
		bStatus = `Doneish\x1b]0;BSTAT`
		bDate   = `2026-13-01\x1b]0;BDATE`
		bMeet   = `tomorrow\x1b]0;BMEET`
	)
	runs := []escapeRun{
		{args: []string{"list"}, codes: []int{0}, want: []string{title, owner}},
		{args: []string{"list"}, tty: true, codes: []int{0}, want: []string{`\x1b]0;TI`}},
		{args: []string{"list", "--status", "draft", "--sev", "1"}, codes: []int{0}, want: []string{title}},
		{args: []string{"list", "--overdue"}, codes: []int{0}},
		{args: []string{"list", "--format", "csv"}, tty: true, codes: []int{0}, want: []string{title, owner}},
		{args: []string{"status", escapeID}, codes: []int{0}, want: []string{title, by}},
		{args: []string{"status", escapeBadID}, codes: []int{1}, want: []string{bStatus}},
		{args: []string{"status", escapeHistID}, codes: []int{0}, want: []string{at, by, hst}},
		{args: []string{"--lang", "ja", "status", escapeID}, codes: []int{0}, want: []string{title, by}},
		{args: []string{"--lang", "ja", "status", escapeHistID}, codes: []int{0}, want: []string{at, by, hst}},
		{args: []string{"status", "2026-11-2"}, codes: []int{2}, want: []string{escapeID, escapeBadID}},
		{args: []string{"status", "2026-11-22-yaml"}, codes: []int{1}},
		{args: []string{"message", "internal", "2026-11-22-yaml"}, codes: []int{1}},
		{args: []string{"meeting", "2026-11-22-yaml", "--at", "2026-11-25 10:00", "--ics", "y.ics"}, codes: []int{1}},
		{args: []string{"actions", "2026-11-22-yaml"}, codes: []int{1}},
		{args: []string{"status", "in-review", escapeID, "--no-commit"}, codes: []int{1}, want: []string{tlTime}},
		{args: []string{"status", "closed", escapeBadID, "--no-commit"}, codes: []int{1}},
		{args: []string{"actions"}, codes: []int{0}, want: []string{action, act1, aowner, ticket, due, pri, typ}},
		{args: []string{"actions"}, tty: true, codes: []int{0}, want: []string{pri}},
		{args: []string{"actions", escapeID, "--open"}, codes: []int{1}, want: []string{act1}},
		{args: []string{"actions", "--overdue"}, codes: []int{0}},
		{args: []string{"actions", "--format", "csv"}, tty: true, codes: []int{0}, want: []string{action, aowner}},
		{args: []string{"actions", escapeBadID}, codes: []int{0}},
		{args: []string{"lint"}, codes: []int{1}, want: []string{tlTime, pri, bSev, bStatus, bDate, bMeet}},
		{args: []string{"lint", "-v", "--strict", "postmortems/" + escapeID + ".md"}, codes: []int{1}},
		{args: []string{"lint", "--format", "github"}, codes: []int{1}, want: []string{pri, bSev}},
		{args: []string{"lint", "--changed-since", "origin/main"}, codes: []int{1}, want: []string{bSev}},
		{args: []string{"lint", "--staged"}, codes: []int{1}, want: []string{pri, bSev}},
		{args: []string{"review", "--base", "origin/main"}, codes: []int{1}, want: []string{title, owner, pri, aowner, bSev}},
		// Markdown for a pull request comment: escaped for any reader, terminal or not (the
		// backslash of \x1b escaped again, so that the comment shows it)
		{args: []string{"review", "--base", "origin/main", "--format", "markdown"}, tty: false, codes: []int{1}, want: []string{`\\x1b\]0;TITLE\\x07`, `P2\\x1b\]0;PRI\\x07`}},
		{args: []string{"--lang", "ja", "review", "--base", "origin/main"}, codes: []int{1}, want: []string{title, aowner}},
		{args: []string{"message", "internal", escapeID}, tty: true, codes: []int{0}, want: []string{`\x1b]0;TITLE\x07`, intro, action, aowner, ticket}},
		{args: []string{"message", "internal", escapeID, "--format", "markdown"}, tty: true, codes: []int{0}, want: []string{intro, action}},
		{args: []string{"message", "internal", escapeID, "--format", "eml"}, tty: true, codes: []int{0}},
		{args: []string{"message", "external", escapeID}, tty: true, codes: []int{0}, want: []string{ext, `\u2066We have changed`}},
		{args: []string{"message", "external", escapeID, "--format", "markdown"}, tty: true, codes: []int{0}, want: []string{ext}},
		{args: []string{"message", "internal", escapeBadID}, tty: true, codes: []int{0}, want: []string{`Broken \x1b]0;BTITLE\x07`}},
		{args: []string{"message", "external", escapeBadID}, tty: true, codes: []int{1}},
		{args: []string{"meeting", escapeID, "--at", "2026-11-25 10:00", "--ics", "invite.ics", "--no-commit"}, codes: []int{0}, want: []string{owner, ic}},
		{args: []string{"meeting", escapeID, "--at", "2026-11-25 10:00", "--ics", "-", "--no-commit"}, tty: true, codes: []int{0}, want: []string{`latency\u009b2J`, `\u2066OWNER\u2069`}},
		{args: []string{"meeting", escapeBadID, "--at", "2026-11-25 10:00", "--ics", "bad.ics", "--no-commit"}, codes: []int{1}, want: []string{bSev}},
		{args: []string{"lint", "--fix", "--dry-run", "postmortems/" + escapeID + ".md", "postmortems/" + escapeBadID + ".md"}, tty: true, codes: []int{1}},
		{args: []string{"audit"}, codes: []int{1}, want: []string{at, by, hst}},
		{args: []string{"--lang", "ja", "audit"}, codes: []int{1}, want: []string{at, by, hst}},
		{args: []string{"new", "--sev", "2", "--title", "Checkout latency again", "--no-commit"}, codes: []int{0}},
		// The moves last: they change the file. The gates quote the action items without a ticket.
		{args: []string{"status", "in-review", escapeID, "--force", "--no-commit"}, codes: []int{0}},
		{args: []string{"status", "reviewed", escapeID, "--force", "--no-commit"}, codes: []int{0}},
		{args: []string{"status", "closed", escapeID, "--no-commit"}, codes: []int{1}, want: []string{act1}},
		{args: []string{"status", escapeID}, codes: []int{0}, want: []string{title, by}},
	}
	for _, c := range runs {
		env := map[string]string{"HOME": r.Env["HOME"], "GIT_CONFIG_NOSYSTEM": "1"}
		f, out, errOut := cmdutil.TestFactory(r.Dir, now, env)
		f.IO.OutTTY = c.tty
		code := Run(f, c.args)
		all := out.String() + errOut.String()
		if !slices.Contains(c.codes, code) {
			t.Errorf("pm %q: exit %d, want one of %v:\n%s", c.args, code, c.codes, all)
		}
		for stream, s := range map[string]string{"stdout": out.String(), "stderr": errOut.String()} {
			if what, bad := rawControl(s, c.tty); bad {
				t.Errorf("pm %q: %s holds %s:\n%q", c.args, stream, what, s)
			}
		}
		for _, w := range c.want {
			if !strings.Contains(all, w) {
				t.Errorf("pm %q does not show %s:\n%s", c.args, w, all)
			}
		}
	}
}

// pmColour matches the colour sequences pm writes itself on a terminal. The documents' own colour
// sequence, \e[38;5;196m, is not one of them.
var pmColour = regexp.MustCompile(`\x1b\[[0-9]*m`)

// rawControl returns the first thing in s that could act on a terminal or reorder a line: a control
// character other than LF (and tab, which a message may hold), a C1 control, a bidirectional
// formatting character, or bytes that are not UTF-8. On a terminal pm's own colours are allowed.
func rawControl(s string, tty bool) (string, bool) {
	if tty {
		s = pmColour.ReplaceAllString(s, "")
	}
	if what, bad := actsOnTerminal(strings.ReplaceAll(s, "\t", " ")); bad {
		return what, true
	}
	return "", false
}

// TestMachineFormatsKeepDocumentText checks that JSON, CSV, SARIF and the iCalendar invitation keep
// the document's exact text, encoded by their own rules; JSON and SARIF also write every control and
// bidirectional formatting character as a \u escape, so that they are safe to print on a terminal.
func TestMachineFormatsKeepDocumentText(t *testing.T) {
	r := escapeRepo(t)
	pm := func(args ...string) string {
		t.Helper()
		out, errOut, code := run(t, r.Dir, r.Env, args...)
		if code > 1 {
			t.Fatalf("pm %q: exit %d: %s", args, code, errOut)
		}
		return out
	}
	jsonSafe := func(args []string, out string) {
		t.Helper()
		if what, bad := actsOnTerminal(out); bad {
			t.Errorf("pm %q: output holds %s raw:\n%q", args, what, out)
		}
	}

	args := []string{"list", "--format", "json"}
	out := pm(args...)
	jsonSafe(args, out)
	var rows []struct{ ID, Title, Owner string }
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("pm list --format json: %v:\n%s", err, out)
	}
	found := false
	for _, row := range rows {
		if row.ID == escapeID {
			found = true
			if row.Title != escapeTitle || row.Owner != escapeOwner {
				t.Errorf("pm list --format json: title %q, owner %q", row.Title, row.Owner)
			}
		}
	}
	if !found {
		t.Errorf("pm list --format json does not list %s:\n%s", escapeID, out)
	}

	out = pm("list", "--format", "csv")
	records, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(records) < 2 || records[1][0] != escapeID || records[1][3] != escapeOwner || records[1][8] != escapeTitle {
		t.Errorf("pm list --format csv: %v, %q", err, records)
	}

	args = []string{"actions", "--format", "json"}
	out = pm(args...)
	jsonSafe(args, out)
	var items []struct{ Priority, Action, Type, Owner, Due, Ticket string }
	if err := json.Unmarshal([]byte(out), &items); err != nil || len(items) != 3 {
		t.Fatalf("pm actions --format json: %v, %d items:\n%s", err, len(items), out)
	}
	if it := items[0]; it.Action != escapeAction || it.Owner != escapeAOwner || it.Ticket != escapeTicket {
		t.Errorf("pm actions --format json: first item %+v", it)
	}
	if it := items[1]; it.Type != escapeType || it.Due != escapeDue || it.Owner != "Yui\u202eTNK" {
		t.Errorf("pm actions --format json: second item %+v", it)
	}
	if it := items[2]; it.Priority != escapePri || it.Action != "Rotate the \x1b[38;5;196mcredentials\b\b" {
		t.Errorf("pm actions --format json: third item %+v", it)
	}

	out = pm("actions", "--format", "csv")
	records, err = csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(records) != 4 || records[1][0] != escapeAction || records[1][4] != escapeAOwner {
		t.Errorf("pm actions --format csv: %v, %q", err, records)
	}

	args = []string{"lint", "--format", "json"}
	out = pm(args...)
	jsonSafe(args, out)
	var findings []struct{ Path, Message string }
	if err := json.Unmarshal([]byte(out), &findings); err != nil {
		t.Fatalf("pm lint --format json: %v:\n%s", err, out)
	}
	if !anyMessage(findings, "has priority "+escapePri) || !anyMessage(findings, escapeHistory) {
		t.Errorf("pm lint --format json does not keep the priority's and the history's text: %q", findings)
	}

	args = []string{"lint", "--format", "sarif"}
	out = pm(args...)
	jsonSafe(args, out)
	var sarif struct {
		Runs []struct {
			Results []struct {
				Message struct{ Text string }
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &sarif); err != nil || len(sarif.Runs) != 1 {
		t.Fatalf("pm lint --format sarif: %v:\n%s", err, out)
	}
	var texts []struct{ Path, Message string }
	for _, res := range sarif.Runs[0].Results {
		texts = append(texts, struct{ Path, Message string }{"", res.Message.Text})
	}
	if !anyMessage(texts, "has priority "+escapePri) || !anyMessage(texts, escapeHistory) {
		t.Errorf("pm lint --format sarif does not keep the priority's and the history's text: %q", texts)
	}

	// iCalendar TEXT cannot hold C0 controls (RFC 5545 §3.3.11): they are dropped, the rest is exact.
	out = pm("meeting", escapeID, "--at", "2026-11-25 10:00", "--ics", "-", "--no-commit")
	props := unfoldICS(out)
	dropC0 := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r < 0x20 && r != '\n' || r == 0x7f {
				return -1
			}
			return r
		}, s)
	}
	if want := "Postmortem: SEV-1 " + strings.Join(strings.Fields(dropC0(escapeTitle)), " "); props["SUMMARY"] != want {
		t.Errorf("SUMMARY is %q, want %q", props["SUMMARY"], want)
	}
	for _, want := range []string{dropC0(escapeTitle), dropC0(escapeAction), "Yui\u202eTNK", "Alert on \u009b2J the cache \u2066ACT1\u2069"} {
		if !strings.Contains(props["DESCRIPTION"], want) {
			t.Errorf("DESCRIPTION does not hold %q:\n%q", want, props["DESCRIPTION"])
		}
	}
}

func anyMessage(fs []struct{ Path, Message string }, want string) bool {
	for _, f := range fs {
		if strings.Contains(f.Message, want) {
			return true
		}
	}
	return false
}

// unfoldICS unfolds an iCalendar file and returns its properties' values by name, unescaped.
func unfoldICS(s string) map[string]string {
	s = strings.ReplaceAll(s, "\r\n ", "")
	props := map[string]string{}
	for _, line := range strings.Split(s, "\r\n") {
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		name, _, _ = strings.Cut(name, ";")
		var b strings.Builder
		for i := 0; i < len(value); i++ {
			if value[i] == '\\' && i+1 < len(value) {
				i++
				if value[i] == 'n' || value[i] == 'N' {
					b.WriteByte('\n')
				} else {
					b.WriteByte(value[i])
				}
				continue
			}
			b.WriteByte(value[i])
		}
		props[name] = b.String()
	}
	return props
}
