package actionsync

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/internal/testrepo"
)

var now = time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)

const examples = "../../../testdata/examples"

// ghDoc is a postmortem whose tickets are GitHub issues, with a Status column already.
const ghDoc = `---
title: Webhook retries stalled
severity: SEV-2
status: Reviewed
owner: Ana Souza
incident_date: 2026-11-10
---

# Webhook retries stalled

## Action Items

| Priority | Action | Owner | Ticket | Status |
|----------|--------|-------|--------|--------|
| P1 | Alert on retry queue age | Ana Souza | acme/api#1 | open |
| P1 | Cap retries per endpoint | Ana Souza | [issue](https://github.com/acme/api/issues/2) | done |
| P2 | Document the retry policy | Ana Souza | #3 |  |
| P3 | Review the queue size | Ana Souza | TBD | open |
`

// repo makes a repository whose first commit holds the two examples and ghDoc, and a file the user
// has staged but not committed.
func repo(t *testing.T) *testrepo.Repo {
	t.Helper()
	r := testrepo.New(t, "Priya Raman", "priya@example.com")
	for _, name := range []string{"2026-10-14-payment-api-timeouts.md", "2026-09-03-checkout-delay-ja.md"} {
		b, err := os.ReadFile(filepath.Join(examples, name))
		if err != nil {
			t.Fatal(err)
		}
		r.Write("postmortems/"+name, string(b))
	}
	r.Write("postmortems/2026-11-10-webhooks.md", ghDoc)
	r.Write("notes.txt", "base\n")
	r.Commit("base", now.Add(-time.Hour), "postmortems/2026-10-14-payment-api-timeouts.md",
		"postmortems/2026-09-03-checkout-delay-ja.md", "postmortems/2026-11-10-webhooks.md", "notes.txt")
	return r
}

// jiraIssue is one issue of a search page, as Jira returns it with fields=status,resolution,resolutiondate.
func jiraIssue(key, status, category, resolution, resolved string) string {
	res, date := "null", "null"
	if resolution != "" {
		res = `{"id":"10000","name":"` + resolution + `"}`
	}
	if resolved != "" {
		date = `"` + resolved + `"`
	}
	return `{"id":"1","key":"` + key + `","self":"https://x/rest/api/3/issue/1","fields":{"resolution":` + res + `,"resolutiondate":` + date +
		`,"status":{"name":"` + status + `","id":"3","statusCategory":{"id":3,"key":"` + category + `","name":"` + category + `"}}}}`
}

// servers are a Jira and a GitHub answering as the real APIs do, with the states below; fail, when
// set, answers every request to that tracker instead.
type servers struct {
	jira, github *httptest.Server
	mu           sync.Mutex
	requests     []string
}

var jiraStates = map[string]string{
	"PAY-1841": jiraIssue("PAY-1841", "Done", "done", "Done", "2026-11-30T10:00:00.000+0000"),
	"PAY-1842": jiraIssue("PAY-1842", "Done", "done", "Done", ""), // no date: written undated
	"PAY-1843": jiraIssue("PAY-1843", "In Progress", "indeterminate", "", ""),
	"PAY-1844": jiraIssue("PAY-1844", "Won't Do", "done", "Won't Do", "2026-12-04T01:30:00.000+0900"), // the 3rd in UTC
	"ORD-512":  jiraIssue("ORD-512", "完了", "done", "完了", "2026-09-17T18:00:00.000+0900"),
	"ORD-513":  jiraIssue("ORD-513", "To Do", "new", "", ""),
	"ORD-514":  jiraIssue("ORD-514", "To Do", "new", "", ""),
	"ORD-515":  jiraIssue("ORD-515", "To Do", "new", "", ""),
}

var githubStates = map[string]string{
	"/repos/acme/api/issues/1": `{"number":1,"title":"a","state":"closed","state_reason":"completed","closed_at":"2026-12-01T08:00:00Z","labels":[]}`,
	"/repos/acme/api/issues/2": `{"number":2,"title":"b","state":"closed","state_reason":"completed","closed_at":"2026-11-20T08:00:00Z","labels":[]}`,
	"/repos/acme/api/issues/3": `{"number":3,"title":"c","state":"closed","state_reason":"not_planned","closed_at":null,"labels":[]}`,
}

func newServers(t *testing.T, jiraFail, githubFail http.HandlerFunc) *servers {
	s := &servers{}
	s.jira = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.log("jira " + r.URL.Path + " " + r.URL.Query().Get("jql"))
		if jiraFail != nil {
			jiraFail(w, r)
			return
		}
		if key, ok := strings.CutPrefix(r.URL.Path, "/rest/api/3/issue/"); ok {
			if is, ok := jiraStates[key]; ok {
				w.Write([]byte(is))
				return
			}
			w.WriteHeader(404)
			w.Write([]byte(`{"errorMessages":["Issue does not exist or you do not have permission to see it."],"errors":{}}`))
			return
		}
		if r.URL.Path != "/rest/api/3/search/jql" {
			w.WriteHeader(404)
			return
		}
		jql := r.URL.Query().Get("jql")
		keys := strings.Split(strings.TrimSuffix(strings.TrimPrefix(jql, "key in ("), ")"), ",")
		var issues []string
		for _, k := range keys {
			is, ok := jiraStates[strings.Trim(k, `"`)]
			if !ok {
				// as Jira does: the whole search is refused
				w.WriteHeader(400)
				w.Write([]byte(`{"errorMessages":["An issue with key '` + strings.Trim(k, `"`) + `' does not exist for field 'key'."],"errors":{}}`))
				return
			}
			issues = append(issues, is)
		}
		w.Write([]byte(`{"issues":[` + strings.Join(issues, ",") + `],"isLast":true}`))
	}))
	s.github = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.log("github " + r.URL.Path)
		if githubFail != nil {
			githubFail(w, r)
			return
		}
		body, ok := githubStates[r.URL.Path]
		if !ok {
			w.WriteHeader(404)
			w.Write([]byte(`{"message":"Not Found"}`))
			return
		}
		w.Write([]byte(body))
	}))
	t.Cleanup(s.jira.Close)
	t.Cleanup(s.github.Close)
	return s
}

func (s *servers) log(r string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, r)
}

func (s *servers) env(r *testrepo.Repo) map[string]string {
	env := map[string]string{"JIRA_URL": s.jira.URL, "JIRA_USER": "me@example.com", "JIRA_TOKEN": "t",
		"GITHUB_TOKEN": "g", "GITHUB_API_URL": s.github.URL}
	for k, v := range r.Env {
		env[k] = v
	}
	return env
}

func newCmd(f *cmdutil.Factory) testrepo.Command {
	cmd := NewCmdSync(f, nil)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	return cmd
}

func run(t *testing.T, dir string, env map[string]string, args ...string) (string, string, int) {
	t.Helper()
	f, _, _ := cmdutil.TestFactory(dir, now, env)
	return testrepo.Run(f, newCmd, args...)
}

const (
	payTableBefore = `| Priority | Action | Type | Owner | Due | Ticket |
| --- | --- | --- | --- | --- | --- |
| P0 | Call risk-svc before opening the authorization transaction | prevent | Ana Souza | 2026-10-23 | PAY-1841 |
| P0 | Cap the risk-svc client timeout at 800 ms and fall back to async scoring | prevent | Ana Souza | 2026-10-21 | PAY-1842 |
| P1 | Page on payment-api pool wait p95 above 100 ms for 3 minutes | process | Hannah Lee | 2026-10-28 | PAY-1843 |
| P1 | List payment kill switches in the runbook | process | Priya Raman | 2026-10-28 | PAY-1844 |
`
	payTableAfter = `| Priority | Action | Type | Owner | Due | Ticket | Status |
| --- | --- | --- | --- | --- | --- | --- |
| P0 | Call risk-svc before opening the authorization transaction | prevent | Ana Souza | 2026-10-23 | PAY-1841 | done 2026-11-30 |
| P0 | Cap the risk-svc client timeout at 800 ms and fall back to async scoring | prevent | Ana Souza | 2026-10-21 | PAY-1842 | done |
| P1 | Page on payment-api pool wait p95 above 100 ms for 3 minutes | process | Hannah Lee | 2026-10-28 | PAY-1843 | open |
| P1 | List payment kill switches in the runbook | process | Priya Raman | 2026-10-28 | PAY-1844 | won't do 2026-12-03 |
`
	jaTableBefore = `| 優先度 | アクション | 種別 | 担当 | 期日 | チケット |
| --- | --- | --- | --- | --- | --- |
| P0 | バッチ処理時間がポーリング間隔の半分を超えたら件数を自動で減らす | prevent | 中村 翔 | 2026-09-18 | ORD-512 |
`
	jaTableAfter = `| 優先度 | アクション | 種別 | 担当 | 期日 | チケット | 状態 |
| --- | --- | --- | --- | --- | --- | --- |
| P0 | バッチ処理時間がポーリング間隔の半分を超えたら件数を自動で減らす | prevent | 中村 翔 | 2026-09-18 | ORD-512 | 完了 2026-09-17 |
`
)

var wantLines = `2026-09-03-checkout-delay-ja: バッチ処理時間がポーリング間隔の半分を超えたら件数を自動で減らす (no Status) → 完了 2026-09-17 (ORD-512)
2026-09-03-checkout-delay-ja: 注文の二重送信を冪等キーで防ぐ (no Status) → 未完了 (ORD-513)
2026-09-03-checkout-delay-ja: リバランスが5分で3回を超えたら呼び出す (no Status) → 未完了 (ORD-514)
2026-09-03-checkout-delay-ja: inventory-api のカナリア判定に order-worker の処理時間を加える (no Status) → 未完了 (ORD-515)
2026-10-14-payment-api-timeouts: Call risk-svc before opening the authorization transaction (no Status) → done 2026-11-30 (PAY-1841)
2026-10-14-payment-api-timeouts: Cap the risk-svc client timeout at 800 ms and fall back to async scoring (no Status) → done (PAY-1842)
2026-10-14-payment-api-timeouts: Page on payment-api pool wait p95 above 100 ms for 3 minutes (no Status) → open (PAY-1843)
2026-10-14-payment-api-timeouts: List payment kill switches in the runbook (no Status) → won't do 2026-12-03 (PAY-1844)
2026-11-10-webhooks: Alert on retry queue age open → done 2026-12-01 (acme/api#1)
2026-11-10-webhooks: Document the retry policy open → won't do (#3)
`

func TestSyncJiraAndGitHub(t *testing.T) {
	r := repo(t)
	s := newServers(t, nil, nil)
	// the user's staged change to another file stays out of pm's commit
	r.Write("notes.txt", "staged\n")
	r.Git("add", "notes.txt")
	before := map[string]string{}
	for _, n := range []string{"2026-10-14-payment-api-timeouts.md", "2026-09-03-checkout-delay-ja.md", "2026-11-10-webhooks.md"} {
		before[n] = r.Read("postmortems/" + n)
	}
	out, errOut, code := run(t, r.Dir, s.env(r), "--github-repo", "acme/api")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	if out != wantLines {
		t.Errorf("stdout:\n%s\nwant:\n%s", out, wantLines)
	}
	// one search per tracker batch, one request per GitHub issue
	if len(s.requests) != 4 {
		t.Errorf("requests %q", s.requests)
	}
	// every other byte of each file is kept
	pay := r.Read("postmortems/2026-10-14-payment-api-timeouts.md")
	if want := strings.Replace(before["2026-10-14-payment-api-timeouts.md"], payTableBefore, payTableAfter, 1); pay != want {
		t.Errorf("payment postmortem after sync:\n%s", pay)
	}
	ja := r.Read("postmortems/2026-09-03-checkout-delay-ja.md")
	if !strings.Contains(ja, jaTableAfter) || strings.Contains(ja, jaTableBefore) {
		t.Errorf("Japanese postmortem after sync:\n%s", ja)
	}
	gh := r.Read("postmortems/2026-11-10-webhooks.md")
	wantGH := strings.Replace(strings.Replace(ghDoc, "| acme/api#1 | open |", "| acme/api#1 | done 2026-12-01 |", 1), "| #3 |  |", "| #3 | won't do |", 1)
	if gh != wantGH {
		t.Errorf("GitHub postmortem after sync:\n%s", gh)
	}
	// one commit with the three postmortems and nothing else
	if n := r.CommitCount(); n != 2 {
		t.Errorf("%d commits, want 2", n)
	}
	files := r.Git("show", "--name-only", "--format=", "HEAD")
	if files != "postmortems/2026-09-03-checkout-delay-ja.md\npostmortems/2026-10-14-payment-api-timeouts.md\npostmortems/2026-11-10-webhooks.md" {
		t.Errorf("files committed:\n%s", files)
	}
	msg := r.Head().Message
	if !strings.HasPrefix(msg, "postmortem: sync 10 action items from jira, github\n\n") || !strings.Contains(msg, "(acme/api#1)") {
		t.Errorf("message %q", msg)
	}
	if st := r.Git("status", "--porcelain"); st != "M  notes.txt" {
		t.Errorf("git status after sync: %q", st)
	}
	if !strings.Contains(errOut, "Committed ") {
		t.Errorf("stderr %q", errOut)
	}
	// a second run finds nothing to change
	out, errOut, code = run(t, r.Dir, s.env(r), "--github-repo", "acme/api")
	if code != 0 || out != "" || !strings.Contains(errOut, "every Status is up to date") || r.CommitCount() != 2 {
		t.Errorf("second run: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestSyncBareIssueWithoutRepoIsLeftWithANote(t *testing.T) {
	r := repo(t)
	s := newServers(t, nil, nil)
	out, errOut, code := run(t, r.Dir, s.env(r), "--dry-run", "2026-11-10-webhooks")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	if out != "2026-11-10-webhooks: Alert on retry queue age open → done 2026-12-01 (acme/api#1)\n" {
		t.Errorf("stdout %q", out)
	}
	if !strings.Contains(errOut, "postmortems/2026-11-10-webhooks.md:17: #3: no ticket pm can read") || !strings.Contains(errOut, "Dry run: nothing written.") {
		t.Errorf("stderr %q", errOut)
	}
	if r.Read("postmortems/2026-11-10-webhooks.md") != ghDoc || r.CommitCount() != 1 {
		t.Error("a dry run wrote")
	}
}

// unchanged checks that a failed sync left the files and the history as they were.
func unchanged(t *testing.T, r *testrepo.Repo) {
	t.Helper()
	if r.CommitCount() != 1 {
		t.Error("committed")
	}
	if st := r.Git("status", "--porcelain"); st != "" {
		t.Errorf("files changed:\n%s", st)
	}
}

func TestSyncFailuresWriteNothing(t *testing.T) {
	cases := []struct {
		name         string
		jira, github http.HandlerFunc
		lang         string
		want         string
	}{
		{
			name: "github rate limit",
			github: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("X-RateLimit-Limit", "5000")
				w.Header().Set("X-RateLimit-Remaining", "0")
				w.Header().Set("X-RateLimit-Reset", "1796379600") // 2026-12-04 10:20 UTC
				w.WriteHeader(403)
				w.Write([]byte(`{"message":"API rate limit exceeded for user ID 1.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}`))
			},
			want: "pm: github: rate limit reached; it resets at 2026-12-04 10:20 UTC: run pm actions sync again then; nothing written\n",
		},
		{
			name: "jira rate limit",
			jira: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Retry-After", "90")
				w.WriteHeader(429)
			},
			want: "pm: jira: rate limit reached; it resets at 2026-12-04 09:01 UTC: run pm actions sync again then; nothing written\n",
		},
		{
			name: "jira credentials",
			jira: func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(401)
				w.Write([]byte(`{"errorMessages":["You are not authenticated. Authentication required to perform this operation."],"errors":{}}`))
			},
			want: "pm: jira refused the credentials (HTTP 401): check JIRA_USER, JIRA_TOKEN; nothing written\n",
		},
		{
			name: "github credentials, in Japanese",
			github: func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(401)
				w.Write([]byte(`{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}`))
			},
			lang: "ja",
			want: "pm: github が認証情報を受け付けませんでした (HTTP 401): GITHUB_TOKEN を確認してください。何も書き込んでいません\n",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := repo(t)
			s := newServers(t, c.jira, c.github)
			f, _, _ := cmdutil.TestFactory(r.Dir, now, s.env(r))
			f.LangFlag = c.lang
			out, errOut, code := testrepo.Run(f, newCmd, "--github-repo", "acme/api")
			if code != 2 || out != "" || errOut != c.want {
				t.Errorf("exit %d, stdout %q, stderr\n%q\nwant\n%q", code, out, errOut, c.want)
			}
			unchanged(t, r)
		})
	}
}

// TestSyncUnknownTicketIsLeftAsItIs: one ticket the tracker does not have gets a note, and every
// other row is synced.
func TestSyncUnknownTicketIsLeftAsItIs(t *testing.T) {
	saved := jiraStates["ORD-515"]
	delete(jiraStates, "ORD-515")
	t.Cleanup(func() { jiraStates["ORD-515"] = saved })
	r := repo(t)
	s := newServers(t, nil, nil)
	out, errOut, code := run(t, r.Dir, s.env(r), "--github-repo", "acme/api")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	if !strings.Contains(errOut, "note: postmortems/2026-09-03-checkout-delay-ja.md:126: ORD-515 was not found in jira; left as it is\n") {
		t.Errorf("stderr:\n%s", errOut)
	}
	if strings.Contains(out, "ORD-515") || !strings.Contains(out, "→ 未完了 (ORD-514)") || !strings.Contains(out, "→ done 2026-11-30 (PAY-1841)") {
		t.Errorf("stdout:\n%s", out)
	}
	if data := r.Read("postmortems/2026-09-03-checkout-delay-ja.md"); !strings.Contains(data, "| ORD-515 |  |") && !strings.Contains(data, "| ORD-515 | |") {
		t.Errorf("the unknown ticket's row got a status:\n%s", data)
	}
}

func TestSyncNeedsJiraURL(t *testing.T) {
	r := repo(t)
	out, errOut, code := run(t, r.Dir, r.Env)
	want := "pm: 8 Jira tickets to read (ORD-512, ORD-513, ORD-514, …): set JIRA_URL (with JIRA_USER and JIRA_TOKEN), or read a Jira CSV export with --from-csv FILE; nothing written\n"
	if code != 2 || out != "" || !strings.HasSuffix(errOut, want) {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	unchanged(t, r)
}

func TestSyncFromCSV(t *testing.T) {
	r := repo(t)
	export := "Summary,Issue key,Issue id,Issue Type,Status,Resolution,Resolved,Status Category\n" +
		"Call risk-svc first,PAY-1841,10001,Task,Closed,Fixed,30/Nov/26 6:00 PM,Done\n" +
		"Cap the timeout,PAY-1842,10002,Task,In Review,,,In Progress\n"
	csvPath := filepath.Join(t.TempDir(), "jira.csv")
	os.WriteFile(csvPath, []byte(export), 0o644)
	out, errOut, code := run(t, r.Dir, r.Env, "--from-csv", csvPath, "--no-commit", "2026-10-14-payment-api-timeouts")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	want := "2026-10-14-payment-api-timeouts: Call risk-svc before opening the authorization transaction (no Status) → done 2026-11-30 (PAY-1841)\n" +
		"2026-10-14-payment-api-timeouts: Cap the risk-svc client timeout at 800 ms and fall back to async scoring (no Status) → open (PAY-1842)\n"
	if out != want {
		t.Errorf("stdout:\n%s", out)
	}
	for _, key := range []string{"PAY-1843", "PAY-1844"} {
		if !strings.Contains(errOut, key+" is not in "+csvPath+"; left as it is") {
			t.Errorf("no note for %s: %q", key, errOut)
		}
	}
	pay := r.Read("postmortems/2026-10-14-payment-api-timeouts.md")
	for _, row := range []string{"| PAY-1841 | done 2026-11-30 |", "| PAY-1842 | open |", "| PAY-1843 |  |", "| PAY-1844 |  |", "| Ticket | Status |"} {
		if !strings.Contains(pay, row) {
			t.Errorf("no %q in\n%s", row, pay)
		}
	}
	// --no-commit: written, not committed
	if r.CommitCount() != 1 {
		t.Error("committed despite --no-commit")
	}
	// a broken export: nothing written
	os.WriteFile(csvPath, []byte("Summary,Priority\nx,High\n"), 0o644)
	r.Git("checkout", "--", ".")
	_, errOut, code = run(t, r.Dir, r.Env, "--from-csv", csvPath)
	if code != 2 || !strings.Contains(errOut, "no Issue key column") {
		t.Errorf("broken export: exit %d, %q", code, errOut)
	}
	unchanged(t, r)
}

// TestSyncFromCSVRefusesWhatItCannotRead: an export pm cannot read for sure (a row cut short, a
// garbled status, a key on two rows that disagree) stops the sync before a done item could be
// reopened: exit 2, one line naming the file and the line, nothing written or committed.
func TestSyncFromCSVRefusesWhatItCannotRead(t *testing.T) {
	const table = "| Priority | Action | Owner | Ticket | Status |\n| --- | --- | --- | --- | --- |\n" +
		"| P0 | Call risk-svc first | Ana Souza | PAY-1841 | done 2026-11-20 |\n"
	cases := []struct{ name, csv, want string }{
		{"row cut short", "Issue key,Summary,Status,Resolution,Resolved\nPAY-1841,Call risk-svc first\n",
			"line 2: 2 fields where the header has 5: a truncated or malformed export; nothing written\n"},
		{"line break in the status", "Issue key,Status\nPAY-1841,\"Done\nwith newline\"\n",
			`line 2: PAY-1841: "Done\nwith newline" holds a line break or another control character: not a status pm reads; nothing written` + "\n"},
		{"conflicting duplicates", "Issue key,Status\nPAY-1841,Done\nPAY-1842,Open\nPAY-1841,In Progress\n",
			`lines 2 and 4: PAY-1841 is "Done" on one and "In Progress" on the other: keep one row per key; nothing written` + "\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := repo(t)
			name := "postmortems/2026-11-20-done.md"
			r.Write(name, "---\ntitle: Done already\nseverity: SEV-2\nstatus: Reviewed\nowner: Ana Souza\nincident_date: 2026-11-20\n---\n\n# Done already\n\n## Action Items\n\n"+table)
			r.Commit("done", now.Add(-time.Minute), name)
			csvPath := filepath.Join(t.TempDir(), "jira.csv")
			os.WriteFile(csvPath, []byte(c.csv), 0o644)
			for _, args := range [][]string{{"--from-csv", csvPath}, {"--from-csv", csvPath, "--dry-run"}} {
				out, errOut, code := run(t, r.Dir, r.Env, args...)
				want := "pm: read the Jira CSV export " + csvPath + ": " + c.want
				if code != 2 || out != "" || !strings.HasSuffix(errOut, want) {
					t.Errorf("%v: exit %d, stdout %q, stderr\n%q\nwant\n%q", args, code, out, errOut, want)
				}
			}
			if r.CommitCount() != 2 || r.Git("status", "--porcelain") != "" || !strings.Contains(r.Read(name), table) {
				t.Errorf("written or committed:\n%s", r.Read(name))
			}
		})
	}
}

func TestSyncBadRepoFlag(t *testing.T) {
	r := repo(t)
	_, errOut, code := run(t, r.Dir, r.Env, "--github-repo", "acme")
	if code != 2 || !strings.Contains(errOut, `--github-repo "acme": want owner/repo`) {
		t.Errorf("exit %d, %q", code, errOut)
	}
}

// TestSyncTwoTables: items split between two tables are all synced; the Status column is added to
// the table whose items change, and each row of the second table is matched to its own ticket.
func TestSyncTwoTables(t *testing.T) {
	r := repo(t)
	const path = "postmortems/2026-10-14-payment-api-timeouts.md"
	doc := r.Read(path)
	split := "| P0 | Cap the risk-svc client timeout at 800 ms and fall back to async scoring | prevent | Ana Souza | 2026-10-21 | PAY-1842 |\n"
	if !strings.Contains(doc, split) {
		t.Fatal("the fixture's table changed")
	}
	doc = strings.Replace(doc, split, split+"\n### Long term\n\n| Priority | Action | Type | Owner | Due | Ticket |\n| --- | --- | --- | --- | --- | --- |\n", 1)
	r.Write(path, doc)
	r.Commit("split the action items", time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC), path)
	export := "Summary,Issue key,Issue id,Issue Type,Status,Resolution,Resolved,Status Category\n" +
		"Page on pool wait,PAY-1843,10003,Task,Closed,Fixed,30/Nov/26 6:00 PM,Done\n"
	csvPath := filepath.Join(t.TempDir(), "jira.csv")
	os.WriteFile(csvPath, []byte(export), 0o644)
	out, errOut, code := run(t, r.Dir, r.Env, "--from-csv", csvPath, "--no-commit", "2026-10-14-payment-api-timeouts")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	if want := "2026-10-14-payment-api-timeouts: Page on payment-api pool wait p95 above 100 ms for 3 minutes (no Status) → done 2026-11-30 (PAY-1843)\n"; out != want {
		t.Errorf("stdout:\n%s", out)
	}
	got := r.Read(path)
	for _, want := range []string{
		"| Ticket |\n| --- | --- | --- | --- | --- | --- |\n| P0 | Call risk-svc", // the first table is left as it is
		"| PAY-1842 |\n\n### Long term",
		"| Ticket | Status |\n| --- | --- | --- | --- | --- | --- | --- |\n| P1 | Page on payment-api",
		"| PAY-1843 | done 2026-11-30 |\n| P1 | List payment kill switches in the runbook | process | Priya Raman | 2026-10-28 | PAY-1844 |  |\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
}

// An action cell of HTML alone (which GitHub shows as nothing) is named as pm actions names it, as
// written, in the line printed and in the commit's body, not as an empty action.
func TestSyncActionOfHTMLAlone(t *testing.T) {
	r := testrepo.New(t, "Priya Raman", "priya@example.com")
	const path = "postmortems/2026-11-01-x.md"
	r.Write(path, "---\ntitle: X\nseverity: SEV-2\nstatus: Reviewed\nowner: a\nincident_date: 2026-11-01\n---\n\n# X\n\n## Action Items\n\n"+
		"| Priority | Action | Due | Ticket |\n| --- | --- | --- | --- |\n| P1 | <img src=x> | 2026-11-30 | OPS-4 |\n")
	r.Commit("base", now.Add(-time.Hour), path)
	csvPath := filepath.Join(t.TempDir(), "j.csv")
	os.WriteFile(csvPath, []byte("Issue key,Status\nOPS-4,Done\n"), 0o644)
	out, errOut, code := run(t, r.Dir, r.Env, "--from-csv", csvPath)
	want := "2026-11-01-x: <img src=x> (no Status) → done (OPS-4)"
	if code != 0 || out != want+"\n" {
		t.Fatalf("exit %d, stdout %q, want %q\n%s", code, out, want, errOut)
	}
	if msg := r.Head().Message; !strings.Contains(msg, "\n"+want+"\n") {
		t.Errorf("commit message:\n%s", msg)
	}
}

// Two syncs at once: a postmortem this run leaves alone, changed by the other one's commit after this
// run read it, makes this run refuse (exit 2, nothing written) rather than write the others over a
// mix of the two runs' results (some files read before the other commit, some after).
func TestSyncRefusesWhenAPostmortemItLeftAloneChanged(t *testing.T) {
	r := repo(t)
	synced := strings.Replace(ghDoc, "| acme/api#1 | open |", "| acme/api#1 | done 2026-12-01 |", 1)
	r.Write("postmortems/2026-11-10-webhooks.md", synced)
	r.Commit("webhooks synced", now.Add(-time.Minute), "postmortems/2026-11-10-webhooks.md")
	// the other run's commit lands while this one asks the trackers: it wrote the webhooks'
	// first item back to open, which this run read as done and so left alone
	other := strings.Replace(synced, "| acme/api#1 | done 2026-12-01 |", "| acme/api#1 | open |", 1)
	var once sync.Once
	s := newServers(t, nil, func(w http.ResponseWriter, req *http.Request) {
		once.Do(func() { r.Write("postmortems/2026-11-10-webhooks.md", other) })
		body, ok := githubStates[req.URL.Path]
		if !ok {
			w.WriteHeader(404)
			return
		}
		w.Write([]byte(body))
	})
	payBefore := r.Read("postmortems/2026-10-14-payment-api-timeouts.md")
	_, errOut, code := run(t, r.Dir, s.env(r))
	if code != 2 || !strings.Contains(errOut, "2026-11-10-webhooks.md changed on disk") {
		t.Fatalf("exit %d, want 2 with the webhooks named as changed\n%s", code, errOut)
	}
	if got := r.Read("postmortems/2026-10-14-payment-api-timeouts.md"); got != payBefore {
		t.Errorf("the payment postmortem was written:\n%s", got)
	}
	if n := r.CommitCount(); n != 2 {
		t.Errorf("%d commits, want 2", n)
	}
	// run again, it applies itself to the other run's result
	if _, errOut, code := run(t, r.Dir, s.env(r)); code != 0 {
		t.Fatalf("again: exit %d\n%s", code, errOut)
	}
	if got := r.Read("postmortems/2026-11-10-webhooks.md"); got != synced {
		t.Errorf("webhooks after the second run:\n%s", got)
	}
}
