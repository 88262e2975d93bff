package tracker

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/postmortem"
)

var now = time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)

func TestParse(t *testing.T) {
	jira := func(k string) Ref { return Ref{Kind: Jira, Key: k} }
	gh := func(o, r string, n int) Ref { return Ref{Kind: GitHub, Owner: o, Repo: r, Number: n} }
	cases := []struct {
		text     string
		links    []string
		repo     string
		want     []Ref
		unreadab []string
	}{
		{"OPS-123", nil, "", []Ref{jira("OPS-123")}, nil},
		{"OPS-1, PAY_X-22", nil, "", []Ref{jira("OPS-1"), jira("PAY_X-22")}, nil},
		{"OPS-1", []string{"https://example.atlassian.net/browse/OPS-1"}, "", []Ref{jira("OPS-1")}, nil},
		{"ticket", []string{"https://jira.example.com/browse/CORE-9"}, "", []Ref{jira("CORE-9")}, nil},
		{"https://example.atlassian.net/jira/software/projects/OPS/boards/1?selectedIssue=OPS-7", nil, "", []Ref{jira("OPS-7")}, nil},
		{"acme/api#42", nil, "", []Ref{gh("acme", "api", 42)}, nil},
		{"see https://github.com/acme/web/issues/7", nil, "", []Ref{gh("acme", "web", 7)}, nil},
		{"#12", nil, "", nil, []string{"#12"}},
		{"#12", nil, "acme/api", []Ref{gh("acme", "api", 12)}, nil},
		{"link", []string{"https://linear.app/acme/issue/ENG-1"}, "", nil, []string{"https://linear.app/acme/issue/ENG-1"}},
		{"https://github.com/acme/web/pull/3", nil, "", []Ref{gh("acme", "web", 3)}, nil},
		{"fix", []string{"https://github.com/acme/web/pull/3/files"}, "", []Ref{gh("acme", "web", 3)}, nil},
		{"https://github.com/acme/web/pulls", nil, "", nil, []string{"https://github.com/acme/web/pulls"}},
		{"https://github.com/acme/web/pull/3/blame", nil, "", nil, []string{"https://github.com/acme/web/pull/3/blame"}},
		{"", nil, "", nil, nil},
		{"TBD", nil, "", nil, nil},
	}
	for _, c := range cases {
		got := Parser{DefaultRepo: c.repo}.Parse(c.text, c.links)
		if !reflect.DeepEqual(got.Refs, c.want) || !reflect.DeepEqual(got.Unreadable, c.unreadab) {
			t.Errorf("Parse(%q, %q) = %+v, want %+v and unreadable %q", c.text, c.links, got, c.want, c.unreadab)
		}
	}
	// a GitHub Enterprise host named by the caller
	got := Parser{GitHubHosts: []string{"ghe.example.com"}}.Parse("https://ghe.example.com/ops/infra/issues/5", nil)
	if !reflect.DeepEqual(got.Refs, []Ref{gh("ops", "infra", 5)}) {
		t.Errorf("GitHub Enterprise URL: %+v", got)
	}
}

func TestCombine(t *testing.T) {
	d1, d2 := now.AddDate(0, 0, -3), now.AddDate(0, 0, -1)
	r := func(s postmortem.ActionState, closed time.Time) Result { return Result{State: s, Closed: closed} }
	cases := []struct {
		in   []Result
		want Result
	}{
		{[]Result{r(postmortem.ActionDone, d1), r(postmortem.ActionOpen, time.Time{})}, Result{State: postmortem.ActionOpen}},
		{[]Result{r(postmortem.ActionDone, d2), r(postmortem.ActionWontDo, d1)}, Result{State: postmortem.ActionDone, Closed: d2}},
		{[]Result{r(postmortem.ActionWontDo, d1), r(postmortem.ActionWontDo, time.Time{})}, Result{State: postmortem.ActionWontDo}},
	}
	for _, c := range cases {
		if got := Combine(c.in); got != c.want {
			t.Errorf("Combine(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

// jiraIssueJSON is an issue as Jira's search returns it with fields=status,resolution.
func jiraIssueJSON(key, status, category, resolution string) string {
	res, date := "null", "null"
	if resolution != "" {
		res = `{"self":"https://x/rest/api/2/resolution/10001","id":"10001","name":"` + resolution + `"}`
		date = `"2026-12-03T14:15:00.000+0900"`
	}
	return `{"expand":"","id":"10` + key[len(key)-1:] + `","self":"https://x/rest/api/2/issue/1","key":"` + key +
		`","fields":{"resolution":` + res + `,"resolutiondate":` + date + `,"status":{"self":"https://x/rest/api/2/status/1","description":"","iconUrl":"","name":"` + status +
		`","id":"1","statusCategory":{"self":"https://x/rest/api/2/statuscategory/3","id":3,"key":"` + category +
		`","colorName":"green","name":"` + category + `"}}}}`
}

func TestJiraCloud(t *testing.T) {
	var queries []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, p, ok := r.BasicAuth(); !ok || u != "me@example.com" || p != "tok" {
			t.Errorf("auth %q %q %v", u, p, ok)
		}
		switch r.URL.Path {
		case "/rest/api/3/search/jql":
			queries = append(queries, r.URL.Query().Get("jql")+" "+r.URL.Query().Get("nextPageToken"))
			if r.URL.Query().Get("fields") != "status,resolution,resolutiondate" {
				t.Errorf("fields %q", r.URL.Query().Get("fields"))
			}
			switch r.URL.Query().Get("jql") + r.URL.Query().Get("nextPageToken") {
			case `key in ("OPS-1","OPS-2")`:
				w.Write([]byte(`{"issues":[` + jiraIssueJSON("OPS-1", "Done", "done", "Done") + `],"nextPageToken":"p2","isLast":false}`))
			case `key in ("OPS-1","OPS-2")p2`:
				w.Write([]byte(`{"issues":[` + jiraIssueJSON("OPS-2", "In Progress", "indeterminate", "") + `],"isLast":true}`))
			case `key in ("OPS-3")`:
				// OPS-3 moved to another project: the search answers with its new key
				w.Write([]byte(`{"issues":[` + jiraIssueJSON("NEW-8", "Won't Do", "done", "Won't Do") + `],"isLast":true}`))
			default:
				t.Errorf("unexpected search %q", r.URL.RawQuery)
			}
		case "/rest/api/3/issue/OPS-3":
			w.Write([]byte(jiraIssueJSON("NEW-8", "Won't Do", "done", "Won't Do")))
		default:
			t.Errorf("unexpected request %s", r.URL)
			w.WriteHeader(404)
		}
	}))
	defer srv.Close()
	j := &JiraClient{BaseURL: srv.URL + "/", User: "me@example.com", Token: "tok", BatchSize: 2}
	got, err := j.States(context.Background(), []string{"OPS-1", "OPS-2", "OPS-3"})
	if err != nil {
		t.Fatal(err)
	}
	resolved := time.Date(2026, 12, 3, 14, 15, 0, 0, time.FixedZone("", 9*3600))
	want := map[string]Result{
		"OPS-1": {postmortem.ActionDone, "Done", resolved},
		"OPS-2": {postmortem.ActionOpen, "In Progress", time.Time{}},
		"OPS-3": {postmortem.ActionWontDo, "Won't Do (Won't Do)", resolved},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v", got)
	}
	if len(queries) != 3 {
		t.Errorf("queries %q", queries)
	}
}

func TestJiraServerFallsBackToAPI2(t *testing.T) {
	var paths []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.URL.Path+"?"+r.URL.Query().Get("startAt"))
		if got := r.Header.Get("Authorization"); got != "Bearer pat" {
			t.Errorf("Authorization %q", got)
		}
		switch r.URL.Path {
		case "/jira/rest/api/2/search":
			if r.URL.Query().Get("startAt") == "0" {
				w.Write([]byte(`{"expand":"schema,names","startAt":0,"maxResults":1,"total":2,"issues":[` + jiraIssueJSON("OPS-1", "Closed", "done", "Fixed") + `]}`))
			} else {
				w.Write([]byte(`{"expand":"schema,names","startAt":1,"maxResults":1,"total":2,"issues":[` + jiraIssueJSON("OPS-2", "Open", "new", "") + `]}`))
			}
		default:
			w.WriteHeader(404)
			w.Write([]byte(`<html>not found</html>`))
		}
	}))
	defer srv.Close()
	j := &JiraClient{BaseURL: srv.URL + "/jira", Token: "pat"}
	got, err := j.States(context.Background(), []string{"OPS-1", "OPS-2"})
	if err != nil {
		t.Fatal(err)
	}
	if got["OPS-1"].State != postmortem.ActionDone || got["OPS-2"].State != postmortem.ActionOpen || len(got) != 2 {
		t.Errorf("got %+v", got)
	}
	want := []string{"/jira/rest/api/3/search/jql?", "/jira/rest/api/2/search?0", "/jira/rest/api/2/search?1"}
	if !reflect.DeepEqual(paths, want) {
		t.Errorf("requests %q, want %q", paths, want)
	}
}

func TestJiraErrors(t *testing.T) {
	cases := []struct {
		name    string
		status  int
		header  map[string]string
		body    string
		check   func(error) bool
		message string
	}{
		{"rate limit", 429, map[string]string{"Retry-After": "120"}, "", func(err error) bool {
			var rl *RateLimitError
			return errors.As(err, &rl) && rl.Reset.Equal(now.Add(2*time.Minute))
		}, "jira: rate limit reached; it resets at 2026-12-04 09:02:00 UTC"},
		{"bad credentials", 401, nil, "", func(err error) bool {
			var ae *AuthError
			return errors.As(err, &ae)
		}, "jira: 401 Unauthorized: check JIRA_USER and JIRA_TOKEN"},
		{"server error", 500, nil, `{"errorMessages":["Internal server error"],"errors":{}}`, func(err error) bool {
			var he *HTTPError
			return errors.As(err, &he) && he.Status == 500
		}, "jira: search OPS-999: 500 Internal Server Error: Internal server error"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				for k, v := range c.header {
					w.Header().Set(k, v)
				}
				w.WriteHeader(c.status)
				w.Write([]byte(c.body))
			}))
			defer srv.Close()
			j := &JiraClient{BaseURL: srv.URL, User: "u", Token: "t", Now: func() time.Time { return now }}
			got, err := j.States(context.Background(), []string{"OPS-999"})
			if got != nil || err == nil || !c.check(err) || err.Error() != c.message {
				t.Errorf("got %v, %v; want %q", got, err, c.message)
			}
		})
	}
}

// githubIssueJSON is an issue as GitHub's REST API returns it (the fields pm reads, and some others).
func githubIssueJSON(n int, state, reason string) string {
	r, closed := "null", "null"
	if reason != "" {
		r = `"` + reason + `"`
	}
	if state == "closed" {
		closed = `"2026-12-02T23:30:00Z"`
	}
	return `{"url":"https://api.github.com/repos/acme/api/issues/1","id":1,"node_id":"I_x","number":` + strconv.Itoa(n) +
		`,"title":"t","user":{"login":"octocat"},"labels":[],"state":"` + state + `","locked":false,"assignees":[],"comments":0,` +
		`"created_at":"2026-11-01T00:00:00Z","updated_at":"2026-11-02T00:00:00Z","closed_at":` + closed + `,"body":"","state_reason":` + r + `}`
}

func TestGitHub(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer ghs_x" || r.Header.Get("Accept") != "application/vnd.github+json" {
			t.Errorf("headers %v", r.Header)
		}
		switch r.URL.Path {
		case "/repos/acme/api/issues/1":
			w.Write([]byte(githubIssueJSON(1, "open", "")))
		case "/repos/acme/api/issues/2":
			w.Write([]byte(githubIssueJSON(2, "closed", "completed")))
		case "/repos/acme/api/issues/3":
			w.Write([]byte(githubIssueJSON(3, "closed", "not_planned")))
		case "/repos/acme/api/issues/4":
			w.Write([]byte(githubIssueJSON(4, "closed", "")))
		case "/repos/acme/api/issues/5":
			w.Write([]byte(githubIssueJSON(5, "open", "reopened")))
		case "/repos/acme/api/issues/6": // a pull request, merged
			w.Write([]byte(strings.Replace(githubIssueJSON(6, "closed", ""), `"state_reason":null`,
				`"state_reason":null,"pull_request":{"url":"x","merged_at":"2026-12-01T07:00:00Z"}`, 1)))
		case "/repos/acme/api/issues/7": // a pull request closed without merging
			w.Write([]byte(strings.Replace(githubIssueJSON(7, "closed", ""), `"state_reason":null`,
				`"state_reason":null,"pull_request":{"url":"x","merged_at":null}`, 1)))
		case "/repos/acme/api/issues/8": // a pull request still open
			w.Write([]byte(strings.Replace(githubIssueJSON(8, "open", ""), `"state_reason":null`,
				`"state_reason":null,"pull_request":{"url":"x","merged_at":null}`, 1)))
		default:
			w.WriteHeader(404)
			w.Write([]byte(`{"message":"Not Found","documentation_url":"https://docs.github.com/rest/issues/issues#get-an-issue","status":"404"}`))
		}
	}))
	defer srv.Close()
	g := &GitHubClient{APIURL: srv.URL, Token: "ghs_x"}
	ref := func(n int) Ref { return Ref{Kind: GitHub, Owner: "acme", Repo: "api", Number: n} }
	got, err := g.States(context.Background(), []Ref{ref(1), ref(2), ref(3), ref(4), ref(5), ref(6), ref(7), ref(8)})
	if err != nil {
		t.Fatal(err)
	}
	closed := time.Date(2026, 12, 2, 23, 30, 0, 0, time.UTC)
	want := map[Ref]Result{
		ref(1): {postmortem.ActionOpen, "open", time.Time{}},
		ref(2): {postmortem.ActionDone, "closed", closed},
		ref(3): {postmortem.ActionWontDo, "closed as not planned", closed},
		ref(4): {postmortem.ActionDone, "closed", closed},
		ref(5): {postmortem.ActionOpen, "open", time.Time{}},
		ref(6): {postmortem.ActionDone, "merged", time.Date(2026, 12, 1, 7, 0, 0, 0, time.UTC)},
		ref(7): {postmortem.ActionWontDo, "closed without merging", closed},
		ref(8): {postmortem.ActionOpen, "open", time.Time{}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v", got)
	}
	// with a token, a number GitHub does not have is left out for the caller to report
	got, err = g.States(context.Background(), []Ref{ref(9), ref(1)})
	if err != nil || len(got) != 1 || got[ref(1)].State != postmortem.ActionOpen {
		t.Errorf("missing issue with a token: %v, %v", got, err)
	}
	// without one, 404 may be a private repository: an error that says so
	g.Token = ""
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(404)
		w.Write([]byte(`{"message":"Not Found"}`))
	})
	_, err = g.States(context.Background(), []Ref{ref(9)})
	if err == nil || err.Error() != "github: acme/api#9: 404 Not Found: Not Found (set GITHUB_TOKEN to read a private repository)" {
		t.Errorf("missing issue without a token: %v", err)
	}
}

// TestJiraUnknownKeyIsLeftOut: Jira refuses a whole search that names a key it does not have (400, in
// the server's language); pm then asks for each key alone and leaves out the one Jira answers 404.
func TestJiraUnknownKeyIsLeftOut(t *testing.T) {
	var requests []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests = append(requests, r.URL.Path)
		switch r.URL.Path {
		case "/rest/api/3/search/jql":
			w.WriteHeader(400)
			w.Write([]byte(`{"errorMessages":["An issue with key 'OPS-999' does not exist for field 'key'."],"errors":{}}`))
		case "/rest/api/3/issue/OPS-1":
			w.Write([]byte(jiraIssueJSON("OPS-1", "Done", "done", "Done")))
		case "/rest/api/3/issue/OPS-999":
			w.WriteHeader(404)
			w.Write([]byte(`{"errorMessages":["Issue does not exist or you do not have permission to see it."],"errors":{}}`))
		default:
			t.Errorf("unexpected request %s", r.URL)
			w.WriteHeader(500)
		}
	}))
	defer srv.Close()
	j := &JiraClient{BaseURL: srv.URL, User: "u", Token: "t"}
	got, err := j.States(context.Background(), []string{"OPS-1", "OPS-999"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got["OPS-1"].State != postmortem.ActionDone {
		t.Errorf("got %+v", got)
	}
	if want := []string{"/rest/api/3/search/jql", "/rest/api/3/issue/OPS-1", "/rest/api/3/issue/OPS-999"}; !reflect.DeepEqual(requests, want) {
		t.Errorf("requests %q, want %q", requests, want)
	}
}

func TestGitHubErrors(t *testing.T) {
	cases := []struct {
		name    string
		status  int
		header  map[string]string
		body    string
		message string
	}{
		{"primary rate limit", 403, map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1796379600"},
			`{"message":"API rate limit exceeded for user ID 1.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}`,
			"github: rate limit reached; it resets at 2026-12-04 10:20:00 UTC"},
		{"secondary rate limit", 429, map[string]string{"Retry-After": "60"},
			`{"message":"You have exceeded a secondary rate limit."}`,
			"github: rate limit reached; it resets at 2026-12-04 09:01:00 UTC"},
		{"bad credentials", 401, nil, `{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}`,
			"github: 401 Unauthorized: check GITHUB_TOKEN"},
		{"forbidden", 403, nil, `{"message":"Resource not accessible by integration"}`,
			"github: acme/api#1: 403 Forbidden: Resource not accessible by integration"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				for k, v := range c.header {
					w.Header().Set(k, v)
				}
				w.WriteHeader(c.status)
				w.Write([]byte(c.body))
			}))
			defer srv.Close()
			g := &GitHubClient{APIURL: srv.URL, Token: "t", Now: func() time.Time { return now }}
			got, err := g.States(context.Background(), []Ref{{Kind: GitHub, Owner: "acme", Repo: "api", Number: 1}})
			var msg string
			if err != nil {
				msg = err.Error()
				var rl *RateLimitError
				if errors.As(err, &rl) {
					msg = (&RateLimitError{Source: rl.Source, Reset: rl.Reset.UTC()}).Error()
				}
			}
			if got != nil || msg != c.message {
				t.Errorf("got %v, %q; want %q", got, msg, c.message)
			}
		})
	}
}

func TestReadJiraCSV(t *testing.T) {
	csv := "\ufeffSummary,Issue key,Issue id,Status,Resolution,Resolved,Status Category,Labels,Labels\n" +
		"Fix,OPS-1,10001,Done,Done,03/Dec/26 2:15 PM,Done,sev1,sev1_20261101\n" +
		"Page,OPS-2,10002,In Progress,,,In Progress,sev1,\n" +
		"\"Doc, with comma\",OPS-3,10003,Won't Do,Won't Do,2026-12-01 09:00,Done,,\n"
	tokyo := time.FixedZone("JST", 9*3600)
	got, err := ReadJiraCSV(strings.NewReader(csv), tokyo)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Result{
		"OPS-1": {postmortem.ActionDone, "Done", time.Date(2026, 12, 3, 14, 15, 0, 0, tokyo)},
		"OPS-2": {postmortem.ActionOpen, "In Progress", time.Time{}},
		"OPS-3": {postmortem.ActionWontDo, "Won't Do (Won't Do)", time.Date(2026, 12, 1, 9, 0, 0, 0, tokyo)},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v", got)
	}
	// without a Status Category column, the status names decide
	got, err = ReadJiraCSV(strings.NewReader("Issue key,Status\nOPS-1,Closed\nOPS-2,Resolved\nOPS-3,Open\nOPS-4,完了\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got["OPS-1"].State != postmortem.ActionDone || got["OPS-2"].State != postmortem.ActionDone ||
		got["OPS-3"].State != postmortem.ActionOpen || got["OPS-4"].State != postmortem.ActionDone {
		t.Errorf("by status: %+v", got)
	}
	for _, bad := range []string{"", "Summary,Status\nx,Done\n", "Issue key,Summary\nOPS-1,x\n", "Issue key,Status\n\"OPS-1,Done\n"} {
		if _, err := ReadJiraCSV(strings.NewReader(bad), nil); err == nil {
			t.Errorf("ReadJiraCSV(%q) did not fail", bad)
		}
	}
}

// TestReadJiraCSVRefusesWhatItCannotRead: a row cut short, a garbled status or a key the export
// states twice in different ways is an error naming the line, never read as open (which would reopen
// a done item).
func TestReadJiraCSVRefusesWhatItCannotRead(t *testing.T) {
	cases := []struct{ name, csv, want string }{
		{"row cut short", "Issue key,Summary,Status,Resolution,Resolved\nOPS-2,Other,Done,Done,\nOPS-1,Fix A\n",
			"line 3: 2 fields where the header has 5: a truncated or malformed export"},
		{"shifted by a comma", "Summary,Issue key,Status\nFix, now,OPS-1,Done\n",
			"line 2: 4 fields where the header has 3"},
		{"line break in the status", "Issue key,Status\nOPS-1,\"Done\nwith newline\"\n",
			`line 2: OPS-1: "Done\nwith newline" holds a line break or another control character`},
		{"line break in the category", "Issue key,Status,Status Category\nOPS-1,Done,\"Do\r\nne\"\n",
			`line 2: OPS-1: "Do\nne" holds a line break`},
		{"empty status", "Issue key,Status\nOPS-1,\n", "line 2: OPS-1 has no Status"},
		{"empty category", "Issue key,Status,Status Category\nOPS-1,Done,\n", "line 2: OPS-1 has no Status Category"},
		{"conflicting duplicates", "Issue key,Status\nOPS-1,Done\nOPS-2,Open\nOPS-1,In Progress\n",
			`lines 2 and 4: OPS-1 is "Done" on one and "In Progress" on the other`},
		{"same state, another day", "Issue key,Status,Resolved\nOPS-1,Done,2026-12-01\nOPS-1,Done,2026-12-02\n",
			`lines 2 and 3: OPS-1 is "Done" (resolved 2026-12-01 00:00) on one and "Done" (resolved 2026-12-02 00:00) on the other`},
		{"Shift_JIS", "Issue key,Status\nOPS-1,\x8a\xae\x97\xb9\n", "line 2 is not UTF-8 text: save the file as CSV UTF-8"},
		{"a Resolved date pm cannot read", "Issue key,Status,Resolved\nPAY-1843,Done,10/20/2026 10:00\n", `line 2: PAY-1843: Resolved "10/20/2026 10:00" is not a date pm reads`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ReadJiraCSV(strings.NewReader(c.csv), time.UTC)
			if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("got %+v, %v; want an error with %q on one line", got, err, c.want)
			}
		})
	}
	// a semicolon-separated export, and one in UTF-16, read as the comma-separated one
	for _, in := range []string{"Issue key;Status\nOPS-1;完了\n", "\xFF\xFEI\x00s\x00s\x00u\x00e\x00 \x00k\x00e\x00y\x00\t\x00S\x00t\x00a\x00t\x00u\x00s\x00\n\x00O\x00P\x00S\x00-\x001\x00\t\x00\x8c\x5b\x86\x4e\n\x00"} {
		got, err := ReadJiraCSV(strings.NewReader(in), time.UTC)
		if err != nil || got["OPS-1"].State != postmortem.ActionDone {
			t.Errorf("%q: %+v, %v", in, got, err)
		}
	}
	// duplicates that agree (overlapping pages of one export) are read once
	got, err := ReadJiraCSV(strings.NewReader("Summary,Issue key,Status,Resolved\nA,OPS-1,Done,2026-12-01\nB,OPS-2,Open,\nA again,OPS-1,Closed,2026-12-01\n"), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Result{
		"OPS-1": {postmortem.ActionDone, "Done", time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)},
		"OPS-2": {postmortem.ActionOpen, "Open", time.Time{}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("agreeing duplicates: got %+v", got)
	}
}

// TestTooLargeIsAnError: an answer or an export past pm's bound is an error, never read cut short
// (whose last rows or fields would read as something else).
func TestTooLargeIsAnError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"issues":[`))
		w.Write(bytes.Repeat([]byte(" "), maxBody))
		w.Write([]byte(`]}`))
	}))
	defer srv.Close()
	j := &JiraClient{BaseURL: srv.URL, User: "u", Token: "t", Now: func() time.Time { return now }}
	if _, err := j.States(context.Background(), []string{"OPS-1"}); err == nil || !strings.Contains(err.Error(), "is larger than 16 MiB") {
		t.Errorf("an answer past 16 MiB: %v", err)
	}

	defer func(m int64) { maxJiraCSV = m }(maxJiraCSV)
	maxJiraCSV = 64
	csv := "Issue key,Status\nOPS-1,Done\n"
	if _, err := ReadJiraCSV(strings.NewReader(csv), time.UTC); err != nil {
		t.Fatalf("within the bound: %v", err)
	}
	csv += strings.Repeat("OPS-2,In Progress\n", 4)
	if _, err := ReadJiraCSV(strings.NewReader(csv), time.UTC); err == nil || !strings.Contains(err.Error(), "not a Jira CSV export pm reads") {
		t.Errorf("past the bound: %v", err)
	}
}
