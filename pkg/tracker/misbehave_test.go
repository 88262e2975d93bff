package tracker

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// A Jira that never says the last page (the same nextPageToken, or startAt ignored) is an error
// after one repeated page, not a loop that floods the tracker forever.
func TestJiraPagesThatDoNotMove(t *testing.T) {
	for _, legacy := range []bool{false, true} {
		var calls atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			calls.Add(1)
			issue := `{"key":"OPS-1","fields":{"status":{"name":"Done","statusCategory":{"key":"done"}}}}`
			switch {
			case !legacy && r.URL.Path == "/rest/api/3/search/jql":
				w.Write([]byte(`{"issues":[` + issue + `],"nextPageToken":"same"}`))
			case legacy && r.URL.Path == "/rest/api/2/search":
				w.Write([]byte(`{"issues":[` + issue + `],"startAt":0,"maxResults":1,"total":1000}`))
			default:
				w.WriteHeader(404)
			}
		}))
		_, err := (&JiraClient{BaseURL: srv.URL, Token: "t"}).States(context.Background(), []string{"OPS-1", "OPS-2"})
		srv.Close()
		if err == nil || !strings.Contains(err.Error(), "the server answers the same page again") || calls.Load() > 5 {
			t.Errorf("legacy %v: %v after %d requests", legacy, err, calls.Load())
		}
	}
}

// An answer with no state (a gateway's {} or null with 200) is an error, not an issue still open
// that would overwrite "done" in the ledger.
func TestAnswerWithoutAState(t *testing.T) {
	for _, body := range []string{`{}`, `null`, `{"message":"OK"}`} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.Contains(r.URL.Path, "/search") {
				w.Write([]byte(`{"issues":[]}`))
				return
			}
			w.Write([]byte(body))
		}))
		_, jerr := (&JiraClient{BaseURL: srv.URL, Token: "t"}).States(context.Background(), []string{"OPS-1"})
		_, gerr := (&GitHubClient{APIURL: srv.URL, Token: "t"}).States(context.Background(), []Ref{{Owner: "acme", Repo: "api", Number: 1}})
		srv.Close()
		if jerr == nil || !strings.Contains(jerr.Error(), "not the JSON expected") || gerr == nil || !strings.Contains(gerr.Error(), "not the JSON expected") {
			t.Errorf("%s: jira %v, github %v", body, jerr, gerr)
		}
	}
}

// Jira with no credentials that finds not one key says to set them, instead of calling every key
// missing and exiting 0.
func TestJiraWithoutCredentials(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "/search") {
			w.WriteHeader(400)
			return
		}
		w.WriteHeader(404)
	}))
	defer srv.Close()
	_, err := (&JiraClient{BaseURL: srv.URL}).States(context.Background(), []string{"OPS-1", "OPS-2"})
	var ae *AuthError
	if !errors.As(err, &ae) || !strings.Contains(err.Error(), "set JIRA_TOKEN") {
		t.Errorf("%v", err)
	}
}

// A redirect never carries the token off its origin: to another port it goes without it, from
// https to http it is refused.
func TestRedirectsKeepCredentialsHome(t *testing.T) {
	var leaked atomic.Value
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked.Store(r.Header.Get("Authorization"))
		w.Write([]byte(`{"number":1,"state":"open","state_reason":null}`))
	}))
	defer target.Close()
	redirector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL+r.URL.Path, http.StatusFound)
	}))
	defer redirector.Close()
	if _, err := (&GitHubClient{APIURL: redirector.URL, Token: "ghp_secret"}).States(context.Background(), []Ref{{Owner: "a", Repo: "b", Number: 1}}); err != nil {
		t.Fatal(err)
	}
	if v, _ := leaked.Load().(string); v != "" {
		t.Errorf("the token went to another port: %q", v)
	}
	tls := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL+r.URL.Path, http.StatusFound)
	}))
	defer tls.Close()
	hc := tls.Client()
	hc.CheckRedirect = keepCredentialsHome
	_, err := (&GitHubClient{APIURL: tls.URL, Token: "ghp_secret", HTTP: hc}).States(context.Background(), []Ref{{Owner: "a", Repo: "b", Number: 1}})
	if err == nil || !strings.Contains(err.Error(), "refused a redirect from https") {
		t.Errorf("https to http: %v", err)
	}
}

// A password in a tracker's URL is masked in messages, even when the URL does not parse.
func TestURLPasswordMasked(t *testing.T) {
	raw := "https://me:tokSECRET@jira.example.com\n"
	_, err := (&JiraClient{BaseURL: raw}).States(context.Background(), []string{"OPS-1"})
	if err == nil || strings.Contains(err.Error(), "tokSECRET") || !strings.Contains(err.Error(), "me:***") {
		t.Errorf("%v", err)
	}
}

// A ticket URL on another host than the tracker configured is not read from that tracker, which
// would answer for an unrelated issue of the same key or number: it is left unreadable (a note).
func TestTicketURLsOfAnotherHost(t *testing.T) {
	p := Parser{JiraHost: "jira.corp.example", GitHubHosts: []string{"ghe.corp.example"}}
	f := p.Parse("", []string{"https://issues.apache.org/jira/browse/KAFKA-1", "https://github.com/acme/api/issues/3",
		"https://jira.corp.example/browse/OPS-2", "https://ghe.corp.example/acme/api/issues/4"})
	if len(f.Refs) != 2 || f.Refs[0].String() != "OPS-2" || f.Refs[1].String() != "acme/api#4" || len(f.Unreadable) != 2 {
		t.Errorf("refs %v, unreadable %v", f.Refs, f.Unreadable)
	}
	// github.com configured (GITHUB_SERVER_URL in GitHub Actions), or nothing: github.com is read
	for _, hosts := range [][]string{nil, {"github.com"}} {
		if f := (Parser{GitHubHosts: hosts}).Parse("", []string{"https://github.com/acme/api/issues/3"}); len(f.Refs) != 1 {
			t.Errorf("hosts %v: %v", hosts, f)
		}
	}
}

// "[#3](https://github.com/acme/api/issues/3)", the link GitHub itself writes, is the issue its URL
// names, whatever --github-repo says, and not also another repository's #3.
func TestGitHubLinkWithItsNumberAsText(t *testing.T) {
	for _, def := range []string{"", "acme/web"} {
		f := (Parser{DefaultRepo: def}).Parse("#3", []string{"https://github.com/acme/api/issues/3"})
		if len(f.Refs) != 1 || f.Refs[0].String() != "acme/api#3" || len(f.Unreadable) != 0 {
			t.Errorf("default %q: refs %v, unreadable %v", def, f.Refs, f.Unreadable)
		}
	}
}
