package timeline

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/testrepo"
	"github.com/pm-tools/pm/pkg/project"
)

var now = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

const (
	pmPath   = "postmortems/2026-11-20-checkout.md"
	fixtures = "../../../testdata/timeline"
)

const front = `---
title: Checkout errors
severity: SEV-2
status: Draft
owner: Aiko Tanaka
incident_date: 2026-11-20
status_history:
  - status: Draft
    at: 2026-11-20T10:00:00+09:00
    by: Aiko Tanaka
---

# Checkout errors
`

const responders = `
## Responders

<!-- Name the Incident Commander and the Scribe. -->

- Incident Commander: Aiko Tanaka
- Scribe: Ben Okafor
`

const timeline = `
## Timeline

| Time | Event | Data Link |
| --- | --- | --- |
| 2026-11-20 09:20 JST | Pool wait time above 2 s | [graph](https://grafana.example.com/d/pool) |
| 2026-11-20 09:50 JST | Error rate back to normal | [graph](https://grafana.example.com/d/checkout) |
`

const actions = `
## Action Items

| Priority | Action | Type | Owner | Due | Ticket |
| --- | --- | --- | --- | --- | --- |
| P1 | Alert on pool wait | process | Ben Okafor | 2026-12-04 | OPS-1 |

## Messaging
`

const settings = "timezone: Asia/Tokyo\nslack:\n  workspace_url: https://acme.slack.com/\n"

func repo(t *testing.T, doc, pmYAML string) *testrepo.Repo {
	t.Helper()
	r := testrepo.New(t, "Priya Raman", "priya@example.com")
	r.Write(".pm.yaml", pmYAML)
	r.Write(pmPath, doc)
	r.Commit("base", now.Add(-time.Hour), ".pm.yaml", pmPath)
	return r
}

func newCmd(f *cmdutil.Factory) testrepo.Command {
	cmd := NewCmdImport(f, nil)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	return cmd
}

func run(r *testrepo.Repo, env map[string]string, args ...string) (string, string, int) {
	all := map[string]string{}
	for k, v := range r.Env {
		all[k] = v
	}
	for k, v := range env {
		all[k] = v
	}
	f, _, _ := cmdutil.TestFactory(r.Dir, now, all)
	return testrepo.Run(f, newCmd, args...)
}

func abs(t *testing.T, rel string) string {
	p, err := filepath.Abs(filepath.Join(fixtures, rel))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// lintTimeline is what pm lint's timeline rules say of the file.
func lintTimeline(t *testing.T, r *testrepo.Repo) int {
	t.Helper()
	p, err := project.Open(r.Dir, func(k string) string { return r.Env[k] }, func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	chk, err := cmdutil.NewChecker(p, i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	fs := chk.Lint(pmPath, []byte(r.Read(pmPath)))
	return fs.Rule("timeline-time").Len() + fs.Rule("timeline-order").Len() + fs.Rule("timeline-source").Len()
}

func TestImportSlack(t *testing.T) {
	r := repo(t, front+responders+timeline+actions, settings)
	commits := r.CommitCount()
	out, errOut, code := run(r, nil, "slack", abs(t, "slack"), "--channel", "inc-checkout", "--responders", "--todos")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	p := func(ts string) string { return "https://acme.slack.com/archives/C01CHECKOUT/p" + ts }
	want := front + `
## Responders

<!-- Name the Incident Commander and the Scribe. -->

- Incident Commander: Aiko Tanaka
- Scribe: Ben Okafor
- 佐藤 花子

## Timeline

| Time | Event | Data Link |
| --- | --- | --- |
| 2026-11-19 23:50 +09:00 | Ben Okafor: config change: payment DB pool size 100 -> 50 | [Slack #inc-checkout](` + p("1795099800000100") + `) |
| 2026-11-20 09:13 +09:00 | PagerDuty: Triggered #1234: checkout 5xx > 5% | [Slack #inc-checkout](` + p("1795133620000100") + `) |
| 2026-11-20 09:14 +09:00 | Aiko Tanaka: checkout error rate is climbing, @here looking at the dashboard | [Slack #inc-checkout](` + p("1795133645000100") + `) |
| 2026-11-20 09:20 JST | Pool wait time above 2 s | [graph](https://grafana.example.com/d/pool) |
| 2026-11-20 09:31 +09:00 | Ben Okafor: rolled back the pool config for @Aiko Tanaka \| pool=100 & restarted | [Slack #inc-checkout](` + p("1795134660000100") + `) |
| 2026-11-20 09:40 +09:00 | 佐藤 花子: \[file: error-rate.png\] | [Slack #inc-checkout](` + p("1795135200000100") + `) |
| 2026-11-20 09:50 JST | Error rate back to normal | [graph](https://grafana.example.com/d/checkout) |
| 2026-11-20 09:52 +09:00 | 佐藤 花子: エラー率が平常に戻りました。フォローアップ: 接続プールの監視を追加する | [Slack #inc-checkout](` + p("1795135920000100") + `) |

## Action Items

| Priority | Action | Type | Owner | Due | Ticket |
| --- | --- | --- | --- | --- | --- |
| P1 | Alert on pool wait | process | Ben Okafor | 2026-12-04 | OPS-1 |

<!-- Follow-up candidates from slack #inc-checkout (pm timeline import): move the rows to do into the table above, with an owner and a due date, and delete the rest.
| P1 | TODO: alert on pool wait time | | | | [Slack #inc-checkout](` + p("1795134000000100") + `?thread_ts=1795133645.000100&cid=C01CHECKOUT) |
| P1 | エラー率が平常に戻りました。フォローアップ: 接続プールの監視を追加する | | | | [Slack #inc-checkout](` + p("1795135920000100") + `) |
| P1 | we should load test pool changes, see #general | | | | [Slack #inc-checkout](` + p("1795136700000100") + `) |
-->

## Messaging
`
	if got := r.Read(pmPath); got != want {
		t.Errorf("file after the import:\n%s", got)
	}
	msg := "postmortem: 2026-11-20-checkout timeline: 6 rows from slack #inc-checkout"
	if r.CommitCount() != commits+1 || strings.TrimSpace(r.Head().Message) != msg {
		t.Errorf("%d commits, message %q", r.CommitCount()-commits, r.Head().Message)
	}
	if !strings.Contains(out, "6 timeline rows from slack #inc-checkout added to 2026-11-20-checkout") ||
		!strings.Contains(out, "responders added: 佐藤 花子") || !strings.Contains(out, "3 follow-up candidates") {
		t.Errorf("stdout %q", out)
	}
	if n := lintTimeline(t, r); n != 0 {
		t.Errorf("pm lint's timeline rules report %d findings on the imported rows", n)
	}

	// Again: the same rows, responders and candidates are there; nothing changes, nothing is committed.
	out, errOut, code = run(r, nil, "slack", abs(t, "slack"), "--channel", "#inc-checkout", "--responders", "--todos", "2026-11-20-checkout")
	if code != 0 || out != "" || !strings.Contains(errOut, "No new timeline rows") || r.CommitCount() != commits+1 || r.Read(pmPath) != want {
		t.Errorf("second import: exit %d, stdout %q, stderr %q, %d commits", code, out, errOut, r.CommitCount()-commits)
	}
}

func TestImportPagerDutyIntoADocumentWithoutATable(t *testing.T) {
	doc := front + "\n## Timeline\n\n<!-- oldest first -->\n\n## Analysis\n"
	r := repo(t, doc, "timezone: Asia/Tokyo\n")
	_, errOut, code := run(r, nil, "pagerduty", abs(t, "pagerduty-pages.json"), "--from", "2026-11-20 09:14", "--to", "2026-11-20T00:56:00Z")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	e := func(n string) string { return "https://acme.pagerduty.com/incidents/PT4KHLK/log_entries/R00" + n }
	want := front + `
## Timeline

<!-- oldest first -->

| Time | Event | Data Link |
| --- | --- | --- |
| 2026-11-20 09:15 +09:00 | Acknowledged: Acknowledged by Aiko Tanaka. | [PagerDuty](` + e("3") + `) |
| 2026-11-20 09:29 +09:00 | Note: Rolling back pool \| size 50 -> 100 | [PagerDuty](` + e("4") + `) |
| 2026-11-20 09:30 +09:00 | Escalated: Escalated to Ben Okafor. | [PagerDuty](` + e("5") + `) |
| 2026-11-20 09:55 +09:00 | Resolved: Resolved by Aiko Tanaka. | [PagerDuty](https://acme.pagerduty.com/incidents/PT4KHLK) |

## Analysis
`
	if got := r.Read(pmPath); got != want {
		t.Errorf("file:\n%s", got)
	}
	if msg := strings.TrimSpace(r.Head().Message); msg != "postmortem: 2026-11-20-checkout timeline: 4 rows from pagerduty PT4KHLK" {
		t.Errorf("message %q", msg)
	}
	if n := lintTimeline(t, r); n != 0 {
		t.Errorf("pm lint's timeline rules report %d findings", n)
	}
}

func TestImportPagerDutyIncidentFetched(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.URL.Path != "/incidents/PT4KHLK/log_entries" || req.Header.Get("Authorization") != "Token token=t0k" {
			http.Error(w, "no", http.StatusNotFound)
			return
		}
		fmt.Fprint(w, `{"log_entries":[{"type":"trigger_log_entry","created_at":"2026-11-20T00:13:30Z","summary":"Triggered through the API.","html_url":"https://acme.pagerduty.com/x"}],"more":false}`)
	}))
	defer srv.Close()
	r := repo(t, front+timeline, settings)
	env := map[string]string{"PAGERDUTY_API_URL": srv.URL, "PAGERDUTY_TOKEN": "t0k"}
	_, errOut, code := run(r, env, "pagerduty", "--incident", "PT4KHLK", "--no-commit")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(r.Read(pmPath), "| --- | --- | --- |\n| 2026-11-20 09:13 +09:00 | Triggered: Triggered through the API. | [PagerDuty](https://acme.pagerduty.com/x) |\n| 2026-11-20 09:20 JST") {
		t.Errorf("file:\n%s", r.Read(pmPath))
	}
	if strings.Contains(errOut, "Committed") || r.Git("status", "--porcelain") == "" {
		t.Errorf("--no-commit committed: %s", errOut)
	}
	_, errOut, code = run(r, map[string]string{"PAGERDUTY_API_URL": srv.URL}, "pagerduty", "--incident", "PT4KHLK")
	if code != 2 || !strings.Contains(errOut, "PAGERDUTY_TOKEN") {
		t.Errorf("no token: exit %d, %q", code, errOut)
	}
}

// Rows written with a time of day alone are on the incident date: the new rows go around them.
func TestImportAmongTimesOfDay(t *testing.T) {
	doc := front + "\n## Timeline\n\n| Time (JST) | Event | Data Link |\n| --- | --- | --- |\n| 09:20 | Pool wait up | |\n| 09:50 | Back to normal | |\n"
	r := repo(t, doc, settings)
	_, errOut, code := run(r, nil, "csv", abs(t, "events.csv"), "--no-commit")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	got := r.Read(pmPath)
	order := []string{"09:10 +09:00", "| 09:20 |", "09:45 +09:00", "| 09:50 |", "10:00 +09:00"}
	last := -1
	for _, o := range order {
		i := strings.Index(got, o)
		if i <= last {
			t.Fatalf("%q out of order:\n%s", o, got)
		}
		last = i
	}
}

func TestImportCSVDryRun(t *testing.T) {
	r := repo(t, front+timeline, settings)
	before := r.Read(pmPath)
	commits := r.CommitCount()
	out, errOut, code := run(r, nil, "csv", abs(t, "events.csv"), "--dry-run")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := `2026-11-20 09:10 +09:00  Deploy of checkout 4.12 finished  [ci.example.com](https://ci.example.com/builds/812)
2026-11-20 09:45 +09:00  Error rate back under 1%, "all clear"  [grafana.example.com](https://grafana.example.com/d/checkout)
2026-11-20 10:00 +09:00  Status page updated (no zone: team's zone)  
--- a/postmortems/2026-11-20-checkout.md
+++ b/postmortems/2026-11-20-checkout.md
@@ -16,5 +16,8 @@
 
 | Time | Event | Data Link |
 | --- | --- | --- |
+| 2026-11-20 09:10 +09:00 | Deploy of checkout 4.12 finished | [ci.example.com](https://ci.example.com/builds/812) |
 | 2026-11-20 09:20 JST | Pool wait time above 2 s | [graph](https://grafana.example.com/d/pool) |
+| 2026-11-20 09:45 +09:00 | Error rate back under 1%, "all clear" | [grafana.example.com](https://grafana.example.com/d/checkout) |
 | 2026-11-20 09:50 JST | Error rate back to normal | [graph](https://grafana.example.com/d/checkout) |
+| 2026-11-20 10:00 +09:00 | Status page updated (no zone: team's zone) |  |
`
	if out != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", out, want)
	}
	if r.Read(pmPath) != before || r.CommitCount() != commits || !strings.Contains(errOut, "Dry run: 3 new rows") {
		t.Errorf("--dry-run wrote: stderr %q", errOut)
	}
	// the row outside the window is said to be, not passed over in silence
	if !strings.Contains(errOut, "pm: note: csv events.csv has 1 record outside 2026-11-19 00:00 – 2026-11-22 00:00, not imported (--from and --to widen the window)") {
		t.Errorf("no note of the row left out: %q", errOut)
	}
	// taken in with --to
	if _, errOut, _ := run(r, nil, "csv", abs(t, "events.csv"), "--dry-run", "--to", "2026-11-25"); strings.Contains(errOut, "outside") || !strings.Contains(errOut, "Dry run: 4 new rows") {
		t.Errorf("--to: %q", errOut)
	}
}

// TestImportCSVZones checks that a zone named in the time column's header, or after a time, is
// read as pm lint reads it, a zone name such as Asia/Tokyo too, and that the rows written are ones
// pm lint takes.
func TestImportCSVZones(t *testing.T) {
	r := repo(t, front+timeline, "timezone: UTC\n")
	csv := filepath.Join(t.TempDir(), "notes.csv")
	g := "https://grafana.example.com/d/checkout"
	data := "\"Time (Asia/Tokyo)\",Event,Link\n2026-11-20 09:10,deploy," + g + "\n2026-11-19 19:40 America/New_York,rollback," + g + "\n2026-11-20 00:55 UTC,resolved," + g + "\n"
	if err := os.WriteFile(csv, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := run(r, nil, "csv", csv, "--no-commit")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	got := r.Read(pmPath)
	for _, row := range []string{
		"| 2026-11-20 00:10 +00:00 | deploy | [grafana.example.com](" + g + ") |",
		"| 2026-11-20 00:40 +00:00 | rollback | [grafana.example.com](" + g + ") |",
		"| 2026-11-20 00:55 +00:00 | resolved | [grafana.example.com](" + g + ") |",
	} {
		if !strings.Contains(got, row+"\n") {
			t.Errorf("no row %q in:\n%s", row, got)
		}
	}
	if !strings.Contains(out, "3 timeline rows") {
		t.Errorf("stdout %q", out)
	}
	if n := lintTimeline(t, r); n != 0 {
		t.Errorf("pm lint's timeline rules report %d findings on the imported rows", n)
	}
}

// An import that finds no new row but adds responders commits them under a message that says so,
// not "0 rows", and prints no "0 timeline rows … added" line.
func TestImportRespondersAloneCommitMessage(t *testing.T) {
	resp := "\n## Responders\n\n- Incident Commander: Aiko Tanaka\n- Scribe: \n"
	r := repo(t, front+resp+timeline, settings)
	if _, errOut, code := run(r, nil, "slack", abs(t, "slack"), "--channel", "inc-checkout"); code != 0 {
		t.Fatalf("first import: exit %d: %s", code, errOut)
	}
	commits := r.CommitCount()
	out, errOut, code := run(r, nil, "slack", abs(t, "slack"), "--channel", "inc-checkout", "--responders")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	msg := "postmortem: 2026-11-20-checkout responders from slack #inc-checkout"
	if r.CommitCount() != commits+1 || strings.TrimSpace(r.Head().Message) != msg {
		t.Errorf("%d commits, message %q, want %q", r.CommitCount()-commits, r.Head().Message, msg)
	}
	if strings.Contains(out, "0 timeline rows") || !strings.Contains(out, "responders added: Ben Okafor") {
		t.Errorf("stdout %q", out)
	}
}

// TestImportRespondersKeepsOtherLines checks that adding responders changes no line it does not
// mean to: the template's "- Scribe: " keeps its trailing space.
func TestImportRespondersKeepsOtherLines(t *testing.T) {
	resp := "\n## Responders\n\n- Incident Commander: Aiko Tanaka\n- Scribe: \n"
	r := repo(t, front+resp+timeline, settings)
	_, errOut, code := run(r, nil, "slack", abs(t, "slack"), "--channel", "inc-checkout", "--responders")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := "\n## Responders\n\n- Incident Commander: Aiko Tanaka\n- Scribe: \n- Ben Okafor\n- 佐藤 花子\n\n## Timeline\n"
	if got := r.Read(pmPath); !strings.Contains(got, want) {
		t.Errorf("Responders after the import:\n%s\nwant:\n%s", got, want)
	}
}

// Responders listed in a table get a row each, the name in its Name column; a table without one, or
// no Responders section, gets the names said instead, and the timeline is imported all the same.
func TestImportRespondersIntoATable(t *testing.T) {
	for _, c := range []struct{ name, section, want, note string }{
		{"a Name column", "\n## Responders\n\n| Role | Name |\n| --- | --- |\n| Incident Commander | Aiko Tanaka |\n",
			"| Incident Commander | Aiko Tanaka |\n|  | Ben Okafor |\n|  | 佐藤 花子 |\n", ""},
		{"no Name column", "\n## Responders\n\n| Role | Who it was |\n| --- | --- |\n| Incident Commander | Aiko Tanaka |\n",
			"| Incident Commander | Aiko Tanaka |\n\n## Timeline", "without a Name column: add them by hand"},
		{"no section", "", "", "the responders were not added: Ben Okafor, Aiko Tanaka, 佐藤 花子"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := repo(t, front+c.section+timeline, settings)
			_, errOut, code := run(r, nil, "slack", abs(t, "slack"), "--channel", "inc-checkout", "--responders")
			got := r.Read(pmPath)
			if code != 0 || !strings.Contains(got, c.want) || !strings.Contains(errOut, c.note) {
				t.Fatalf("exit %d: %s\n%s", code, errOut, got)
			}
			if !strings.Contains(got, "| 2026-11-20") || strings.Contains(got, "- Ben Okafor") {
				t.Errorf("the timeline not imported, or a list of names written:\n%s", got)
			}
		})
	}
}

func TestImportRefusals(t *testing.T) {
	r := repo(t, front+responders+timeline+actions, settings)
	before := r.Read(pmPath)
	bad := filepath.Join(t.TempDir(), "log.json")
	if err := os.WriteFile(bad, []byte("{\"log_entries\": [\n{\"type\": \"trigger_log_entry\","), 0o644); err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(t.TempDir(), "cut.json")
	if err := os.WriteFile(cut, []byte("{\"log_entries\":[\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	badZone := filepath.Join(t.TempDir(), "zone.csv")
	if err := os.WriteFile(badZone, []byte("Time (XYZ),Event\n2026-11-20 09:00,deploy\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	badCSV := filepath.Join(t.TempDir(), "notes.csv")
	if err := os.WriteFile(badCSV, []byte("time,event\nyesterday,x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"pagerduty", bad}, 2, "log.json: malformed JSON: unexpected EOF"},
		{[]string{"pagerduty", cut}, 2, "cut.json: malformed JSON: unexpected EOF"},
		{[]string{"csv", badZone}, 2, `zone.csv: the header "Time (XYZ)" names a zone pm cannot read`},
		{[]string{"csv", badCSV}, 2, `notes.csv:2: "yesterday" is not a time`},
		{[]string{"csv", filepath.Join(t.TempDir(), "none.csv")}, 2, "none.csv: no such file or directory"},
		{[]string{"slack", abs(t, "slack")}, 2, "name the incident channel with --channel"},
		{[]string{"slack", abs(t, "slack"), "--channel", "inc-payments"}, 2, "no channel #inc-payments in the export"},
		{[]string{"csv", abs(t, "events.csv"), "--todos"}, 2, "--todos goes with slack only"},
		{[]string{"csv", abs(t, "events.csv"), "--incident", "P1"}, 2, "--incident goes with pagerduty only"},
		{[]string{"jira", "x.json"}, 2, `unknown source "jira"`},
		{[]string{"csv"}, 2, "name the export or file to read"},
		{[]string{"csv", abs(t, "events.csv"), "--from", "tomorrow"}, 2, `--from "tomorrow" is not a time`},
		{[]string{"csv", abs(t, "events.csv"), "--from", "2026-11-21", "--to", "2026-11-20"}, 2, "is not before --to"},
		{[]string{"csv", abs(t, "events.csv"), "nothing-like-it"}, 2, "nothing-like-it"},
	} {
		_, errOut, code := run(r, nil, c.args...)
		if code != c.code || !strings.Contains(errOut, c.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%q: exit %d, stderr %q; want %d and one line with %q", c.args, code, errOut, c.code, c.want)
		}
	}
	if r.Read(pmPath) != before || r.CommitCount() != 1 {
		t.Error("a refused import wrote something")
	}
	r2 := repo(t, front+"\n## Overview\n\nText.\n", settings)
	_, errOut, code := run(r2, nil, "csv", abs(t, "events.csv"))
	if code != 2 || !strings.Contains(errOut, "has no Timeline section") {
		t.Errorf("no Timeline section: exit %d, %q", code, errOut)
	}
}

func TestImportJapaneseDocument(t *testing.T) {
	doc := front + "\n## タイムライン\n\n## アクションアイテム\n"
	r := repo(t, doc, "language: ja\ntimezone: Asia/Tokyo\n")
	out, errOut, code := run(r, map[string]string{"LANG": "ja_JP.UTF-8"}, "csv", abs(t, "events-ja.csv"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(r.Read(pmPath), "## タイムライン\n\n| 時刻 | 出来事 | データへのリンク |\n| --- | --- | --- |\n| 2026-11-20 09:20 +09:00 | 接続プールの待ち時間が上昇 | [grafana.example.com](https://grafana.example.com/d/pool) |\n\n## アクションアイテム\n") {
		t.Errorf("file:\n%s", r.Read(pmPath))
	}
	if !strings.Contains(out, "タイムラインの行を 1 行追加しました") {
		t.Errorf("stdout %q", out)
	}
}

func TestArgs(t *testing.T) {
	f, _, _ := cmdutil.TestFactory(t.TempDir(), now, nil)
	for _, c := range []struct {
		args             []string
		source, path, pm string
		incident         string
	}{
		{[]string{"slack", "x.zip", "--channel", "a", "--channel", "b"}, "slack", "x.zip", "", ""},
		{[]string{"CSV", "a.csv", "checkout"}, "csv", "a.csv", "checkout", ""},
		{[]string{"pagerduty", "--incident", "P1", "checkout"}, "pagerduty", "", "checkout", "P1"},
	} {
		var got *Options
		cmd := NewCmdImport(f, func(o *Options) error { got = o; return nil })
		cmd.SetArgs(c.args)
		if err := cmd.Execute(); err != nil {
			t.Fatalf("%q: %v", c.args, err)
		}
		if got.Source != c.source || got.Path != c.path || got.Postmortem != c.pm || got.Incident != c.incident {
			t.Errorf("%q: %+v", c.args, got)
		}
		if c.source == "slack" && strings.Join(got.Channels, ",") != "a,b" {
			t.Errorf("channels %q", got.Channels)
		}
	}
	// no SOURCE: the error names the sources and the form, not cobra's count of arguments
	cmd := NewCmdImport(f, func(*Options) error { t.Error("run without a source"); return nil })
	cmd.SetArgs(nil)
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	err := cmd.Execute()
	if want := "name what to read (slack, pagerduty, csv) and its file: pm timeline import csv notes.csv"; err == nil || err.Error() != want || cmdutil.ExitCode(err) != 2 {
		t.Errorf("no source: %v, want %q (exit 2)", err, want)
	}
}

func TestCompletion(t *testing.T) {
	r := repo(t, front+timeline, settings)
	f, _, _ := cmdutil.TestFactory(r.Dir, now, r.Env)
	cmd := NewCmdImport(f, nil)
	for _, c := range []struct {
		args      []string
		prefix    string
		want      string
		directive int
	}{
		{nil, "pa", "pagerduty", 4},
		{[]string{"slack"}, "", "", 0}, // the path: the shell completes files
		{[]string{"slack", "export.zip"}, "2026", "2026-11-20-checkout", 4},
	} {
		got, d := cmd.ValidArgsFunction(cmd, c.args, c.prefix)
		if strings.Join(got, ",") != c.want || int(d) != c.directive {
			t.Errorf("%q %q: %q, directive %d", c.args, c.prefix, got, d)
		}
	}
}

// TestImportAmongRowsOfAHeaderZone: the rows already in the table are read in the zone their
// column's header names, as pm lint reads them, so a new row goes between them in time order.
func TestImportAmongRowsOfAHeaderZone(t *testing.T) {
	utc := "\n## Timeline\n\n| Time (UTC) | Event | Data Link |\n| --- | --- | --- |\n" +
		"| 2026-11-20 00:20 | Pool wait time above 2 s | [graph](https://grafana.example.com/d/pool) |\n" +
		"| 2026-11-20 00:50 | Error rate back to normal | [graph](https://grafana.example.com/d/checkout) |\n"
	r := repo(t, front+utc, "timezone: Asia/Tokyo\n")
	csv := filepath.Join(t.TempDir(), "notes.csv")
	// 09:30 in Tokyo is 00:30 UTC: between the two rows
	if err := os.WriteFile(csv, []byte("time,event,link\n2026-11-20 09:30,rollback started,https://grafana.example.com/d/checkout\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := run(r, nil, "csv", csv, "--no-commit"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	got := r.Read(pmPath)
	pool, rollback, normal := strings.Index(got, "Pool wait"), strings.Index(got, "rollback started"), strings.Index(got, "back to normal")
	if pool < 0 || rollback < 0 || normal < 0 || !(pool < rollback && rollback < normal) {
		t.Errorf("the new row is not between the two in time order:\n%s", got)
	}
	if n := lintTimeline(t, r); n != 0 {
		t.Errorf("pm lint's timeline rules report %d findings", n)
	}
}

// Beside a Date column whose Time header names another zone than the team's, new rows are written in
// that zone, their Date the day there: the day an empty Date cell below carries stays its own.
func TestImportBesideADateColumnOfAnotherZone(t *testing.T) {
	table := "\n## Timeline\n\n| Date | Time (UTC) | Event | Data Link |\n| --- | --- | --- | --- |\n" +
		"| 2026-11-19 | 20:00 | Deploy | [d](https://d.example) |\n" +
		"|            | 22:00 | Alert fired | [d](https://d.example) |\n" +
		"| 2026-11-20 | 01:00 | Resolved | [d](https://d.example) |\n"
	r := repo(t, front+table, "timezone: Asia/Tokyo\n")
	csv := filepath.Join(t.TempDir(), "u.csv")
	// 21:00 UTC on the 19th is 06:00 on the 20th in Tokyo
	if err := os.WriteFile(csv, []byte("time,event,link\n2026-11-19 21:00 UTC,Imported,https://x.example/1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := run(r, nil, "csv", csv, "--no-commit"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	got := r.Read(pmPath)
	if !strings.Contains(got, "| 2026-11-19 | 2026-11-19 21:00 +00:00 | Imported |") {
		t.Errorf("the new row is not written in the column's zone and day:\n%s", got)
	}
	if n := lintTimeline(t, r); n != 0 {
		t.Errorf("pm lint's timeline rules report %d findings:\n%s", n, got)
	}
}

// The rows already in the table are read as pm lint reads them: a time of day after midnight is
// the next day's, "2:00 PM" is 14:00. New rows go among them where lint then finds them in order.
func TestImportAmongRowsAsLintReadsThem(t *testing.T) {
	for name, table := range map[string]string{
		"midnight": "| Time (JST) | Event | Data Link |\n| --- | --- | --- |\n| 23:00 | Alert | |\n| 23:50 | Paged | |\n| 00:20 | Failover | |\n| 01:00 | Recovered | |\n",
		"12-hour":  "| Time (JST) | Event | Data Link |\n| --- | --- | --- |\n| 2026-11-20 11:00 PM | Alert | |\n| 2026-11-21 2:00 AM | Recovered | |\n",
	} {
		t.Run(name, func(t *testing.T) {
			r := repo(t, front+"\n## Timeline\n\n"+table, settings)
			csv := filepath.Join(t.TempDir(), "x.csv")
			os.WriteFile(csv, []byte("time,event\n2026-11-21 00:10 +09:00,Paged the DBA\n"), 0o644)
			if _, errOut, code := run(r, nil, "csv", csv, "--no-commit"); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			got := r.Read(pmPath)
			i := strings.Index(got, "Paged the DBA")
			if i < 0 || (name == "midnight" && (i < strings.Index(got, "| 23:50 |") || i > strings.Index(got, "| 00:20 |"))) ||
				(name == "12-hour" && i > strings.Index(got, "2:00 AM")) {
				t.Errorf("row out of place:\n%s", got)
			}
			p, err := project.Open(r.Dir, func(k string) string { return r.Env[k] }, func() time.Time { return now })
			if err != nil {
				t.Fatal(err)
			}
			chk, err := cmdutil.NewChecker(p, i18n.EN)
			if err != nil {
				t.Fatal(err)
			}
			if n := chk.Lint(pmPath, []byte(got)).Rule("timeline-order").Len(); n != 0 {
				t.Errorf("%d timeline-order findings after the import:\n%s", n, got)
			}
		})
	}
}

// Rows imported into a postmortem already reviewed are written, and said to come after the review.
func TestImportAfterTheReviewIsSaid(t *testing.T) {
	r := repo(t, strings.Replace(front, "status: Draft", "status: Closed", 1)+timeline, settings)
	_, errOut, code := run(r, nil, "csv", abs(t, "events.csv"), "checkout", "--no-commit")
	if code != 0 || !strings.Contains(errOut, "is Closed: the meeting reviewed the document without these rows") {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

// A file name with a line break reaches the terminal on one line, in the commit line too.
func TestImportFileNameWithALineBreak(t *testing.T) {
	r := repo(t, front+timeline, settings)
	name := filepath.Join(t.TempDir(), "x\n# y.csv")
	if err := os.WriteFile(name, []byte("time,event\n2026-11-20 09:30 JST,Rolled back\n"), 0o644); err != nil {
		t.Skip(err)
	}
	out, errOut, code := run(r, nil, "csv", name)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, line := range strings.Split(strings.TrimSpace(out+errOut), "\n") {
		if strings.HasPrefix(line, "# y.csv") {
			t.Errorf("a line break of the name reached the output:\nstdout %q\nstderr %q", out, errOut)
		}
	}
	if !strings.Contains(errOut, "Committed ") {
		t.Errorf("no commit line: %q", errOut)
	}
}

// Without an incident date pm reads, there is no window: the import asks for --from and --to rather
// than take the whole export; given them, it imports.
func TestImportWithoutAnIncidentDate(t *testing.T) {
	doc := strings.Replace(front+timeline, "incident_date: 2026-11-20", `incident_date: ""`, 1)
	r := repo(t, doc, settings)
	_, errOut, code := run(r, nil, "csv", abs(t, "events.csv"), "--dry-run")
	if code != 2 || !strings.Contains(errOut, "no incident_date pm reads") || !strings.Contains(errOut, "--from and --to") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	if _, errOut, code := run(r, nil, "csv", abs(t, "events.csv"), "--dry-run", "--from", "2026-11-19 00:00", "--to", "2026-11-22 00:00"); code != 0 {
		t.Errorf("with --from and --to: exit %d: %s", code, errOut)
	}
}

// --todos into a postmortem without an Action Items section says so and imports the timeline: the
// document is not lost.
func TestImportTodosWithoutActionItems(t *testing.T) {
	r := repo(t, front+timeline, settings)
	_, errOut, code := run(r, nil, "slack", abs(t, "slack"), "--channel", "inc-checkout", "--todos", "--all")
	got := r.Read(pmPath)
	if code != 0 || !strings.Contains(got, "title: Checkout errors") || !strings.Contains(got, "| 2026-11-20") {
		t.Fatalf("exit %d: %s\n%s", code, errOut, got)
	}
}

// A Slack name holding control characters (an escape sequence in a real_name) is written as the
// timeline row writes it, in the Responders list and in a Responders table alike: the terminal that
// shows the file never receives the escape.
func TestImportRespondersControlCharacters(t *testing.T) {
	export := t.TempDir()
	if err := os.CopyFS(export, os.DirFS(abs(t, "slack"))); err != nil {
		t.Fatal(err)
	}
	users, err := os.ReadFile(filepath.Join(export, "users.json"))
	if err != nil {
		t.Fatal(err)
	}
	users = []byte(strings.ReplaceAll(string(users), `"Ben Okafor"`, `"Ben \u001b[31mRED\u0007"`))
	if err := os.WriteFile(filepath.Join(export, "users.json"), users, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, section, want string }{
		{"a list", "\n## Responders\n\n- Incident Commander: Aiko Tanaka\n", "\n- Ben \\[31mRED\n"},
		{"a table", "\n## Responders\n\n| Role | Name |\n| --- | --- |\n| Incident Commander | Aiko Tanaka |\n", "\n|  | Ben \\[31mRED |\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := repo(t, front+c.section+timeline, settings)
			out, errOut, code := run(r, nil, "slack", export, "--channel", "inc-checkout", "--responders")
			got := r.Read(pmPath)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if strings.ContainsAny(got+out+errOut, "\x1b\x07") {
				t.Errorf("a control character written:\n%q\n%q\n%q", got, out, errOut)
			}
			if !strings.Contains(got, c.want) || !strings.Contains(got, "| Ben \\[31mRED: rolled back") {
				t.Errorf("the name not written as the timeline row writes it, want %q:\n%s", c.want, got)
			}
		})
	}
}

// TestImportAmongRowsOfAHeadingZone: a zone the section's heading names after a colon, a dash or
// among words in parentheses is the zone of the rows already there, and of the new ones, as pm lint
// reads them.
func TestImportAmongRowsOfAHeadingZone(t *testing.T) {
	for _, heading := range []string{"## Timeline: UTC", "## Timeline - all times UTC", "## Timeline (all times UTC)", "## タイムライン：UTC"} {
		t.Run(heading, func(t *testing.T) {
			utc := "\n" + heading + "\n\n| Time | Event | Data Link |\n| --- | --- | --- |\n" +
				"| 2026-11-20 00:20 | Pool wait time above 2 s | [graph](https://grafana.example.com/d/pool) |\n" +
				"| 2026-11-20 00:50 | Error rate back to normal | [graph](https://grafana.example.com/d/checkout) |\n"
			r := repo(t, front+utc, "timezone: Asia/Tokyo\n")
			csv := filepath.Join(t.TempDir(), "notes.csv")
			// 09:30 in Tokyo is 00:30 UTC: between the two rows, and written as UTC writes it
			if err := os.WriteFile(csv, []byte("time,event,link\n2026-11-20 09:30,rollback started,https://grafana.example.com/d/checkout\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, errOut, code := run(r, nil, "csv", csv, "--no-commit"); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			got := r.Read(pmPath)
			pool, rollback, normal := strings.Index(got, "Pool wait"), strings.Index(got, "rollback started"), strings.Index(got, "back to normal")
			if pool < 0 || rollback < 0 || normal < 0 || !(pool < rollback && rollback < normal) {
				t.Errorf("the new row is not between the two in time order:\n%s", got)
			}
			if !strings.Contains(got, "| 2026-11-20 00:30") {
				t.Errorf("the new row is not written in the heading's zone:\n%s", got)
			}
			if n := lintTimeline(t, r); n != 0 {
				t.Errorf("pm lint's timeline rules report %d findings", n)
			}
		})
	}
}

// A log entry that is null is an input error naming it, exit 2, not "No new timeline rows".
func TestImportPagerDutyNullEntry(t *testing.T) {
	r := repo(t, front+timeline, settings)
	file := filepath.Join(t.TempDir(), "pd.json")
	if err := os.WriteFile(file, []byte(`{"log_entries":[null]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := run(r, nil, "pagerduty", file)
	if code != 2 || out != "" || !strings.Contains(errOut, "pd.json: log entry 1 is null, want an object") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if r.CommitCount() != 1 {
		t.Error("committed")
	}
}

// The commit message names the source on its one line: an incident id in the file (or a file's
// name) with line breaks and control characters cannot add lines, a trailer, or an escape sequence.
func TestImportCommitMessageIsOneLine(t *testing.T) {
	log := `{"log_entries":[{"type":"trigger_log_entry","created_at":"2026-11-20T00:13:30Z","summary":"Triggered.",` +
		`"incident":{"id":"PT4\n\nSigned-off-by: Mallory <m@example.com>\n\u001b[31mred"}}]}`
	r := repo(t, front+timeline, settings)
	file := filepath.Join(t.TempDir(), "log.json")
	if err := os.WriteFile(file, []byte(log), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := run(r, nil, "pagerduty", file)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := "postmortem: 2026-11-20-checkout timeline: 1 row from pagerduty PT4 Signed-off-by: Mallory <m@example.com> [31mred"
	if msg := r.Head().Message; strings.TrimSpace(msg) != want {
		t.Errorf("message %q, want %q", msg, want)
	}
}

// A --from or --to the team's clocks skip or repeat (a daylight saving change) is refused with the
// offsets to choose from, not moved an hour.
func TestImportWindowAcrossDaylightSaving(t *testing.T) {
	r := repo(t, front+timeline, "timezone: America/New_York\n")
	for _, c := range []struct{ from, want string }{
		{"2026-03-08 02:30", `pm: --from "2026-03-08 02:30" does not exist in America/New_York (a daylight saving change skips it): add the offset you mean`},
		{"2026-11-01 01:30", `pm: --from "2026-11-01 01:30" happens twice in America/New_York (a daylight saving change repeats it): add the offset you mean (-04:00 or -05:00)`},
	} {
		_, errOut, code := run(r, nil, "pagerduty", abs(t, "pagerduty-pages.json"), "--from", c.from, "--to", "2026-11-20T00:56:00Z", "--dry-run")
		if code != 2 || strings.TrimSpace(errOut) != c.want {
			t.Errorf("--from %s: exit %d, %q; want exit 2, %q", c.from, code, errOut, c.want)
		}
	}
}

// TestImportFromAFolder: a folder given as the file to import is refused as a folder, once, for the
// CSV and the PagerDuty file alike (it was "read ..: read /x: is a directory").
func TestImportFromAFolder(t *testing.T) {
	r := repo(t, front+timeline, settings)
	dir := t.TempDir()
	for _, source := range []string{"csv", "pagerduty"} {
		_, errOut, code := run(r, nil, source, dir, "--dry-run")
		if code != 2 || strings.Count(errOut, "is a directory") != 1 || strings.Contains(errOut, "read ") || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%s of a folder: exit %d, %q", source, code, errOut)
		}
	}
}
