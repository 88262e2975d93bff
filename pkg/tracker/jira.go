package tracker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/pm-tools/pm/pkg/postmortem"
)

// JiraClient reads issues' states from Jira's REST API: Jira Cloud's search (/rest/api/3/search/jql),
// or, where that does not exist (Jira Server and Data Center answer 404), /rest/api/2/search. Keys
// are asked for in batches with the JQL `key in (…)`.
type JiraClient struct {
	BaseURL string // JIRA_URL: https://example.atlassian.net, or a server's base URL
	// User and Token are JIRA_USER and JIRA_TOKEN: basic authentication with an account's API token
	// (Cloud, or Server with a password); a Token without a User is sent as a bearer token (a Server
	// or Data Center personal access token).
	User, Token string
	BatchSize   int          // keys per search; 0 means 50
	HTTP        *http.Client // nil: a client with a 30 s timeout
	Now         func() time.Time

	legacy bool // the server has no /rest/api/3/search/jql: use /rest/api/2/search
}

// jiraIssue is an issue in a search page or alone: its key and the fields pm asks for.
type jiraIssue struct {
	Key    string `json:"key"`
	Fields struct {
		Status *struct {
			Name           string `json:"name"`
			StatusCategory struct {
				Key  string `json:"key"`
				Name string `json:"name"`
			} `json:"statusCategory"`
		} `json:"status"`
		Resolution *struct {
			Name string `json:"name"`
		} `json:"resolution"`
		ResolutionDate string `json:"resolutiondate"` // "2026-12-03T14:15:00.000+0000", null while unresolved
	} `json:"fields"`
}

// jiraPage is a page of search results, in both shapes: Cloud's nextPageToken/isLast and the older
// startAt/maxResults/total.
type jiraPage struct {
	Issues        []jiraIssue `json:"issues"`
	NextPageToken string      `json:"nextPageToken"`
	IsLast        *bool       `json:"isLast"`
	StartAt       int         `json:"startAt"`
	MaxResults    int         `json:"maxResults"`
	Total         int         `json:"total"`
}

// States returns the state of each key found; a key Jira does not know (or does not show to this
// account) is left out of the map, for the caller to report, so that one mistyped key does not stop
// the others. A batch whose search Jira refuses with 400 (JQL names a key that does not exist, in
// the server's language) is asked for key by key. A key the search does not return under its own
// name (the issue moved to another project and has a new key) is asked for alone, which Jira answers
// by following the move.
func (j *JiraClient) States(ctx context.Context, keys []string) (map[string]Result, error) {
	found := map[string]Result{} // by the keys Jira answers with
	size := j.BatchSize
	if size <= 0 {
		size = 50
	}
	for i := 0; i < len(keys); i += size {
		batch := keys[i:min(i+size, len(keys))]
		err := j.search(ctx, batch, found)
		var he *HTTPError
		if errors.As(err, &he) && he.Status == http.StatusBadRequest {
			continue // each key alone, below
		}
		if err != nil {
			return nil, err
		}
	}
	out := map[string]Result{}
	for _, k := range keys {
		if r, ok := found[k]; ok {
			out[k] = r
			continue
		}
		is, err := j.issue(ctx, k)
		var he *HTTPError
		if errors.As(err, &he) && (he.Status == http.StatusNotFound || he.Status == http.StatusBadRequest) {
			continue // no such issue, or none this account may see
		}
		if err != nil {
			return nil, err
		}
		out[k] = is.result()
	}
	if len(out) == 0 && len(keys) > 0 && j.User == "" && j.Token == "" {
		// not one key seen without credentials: the secret is missing, not every ticket
		return nil, &AuthError{Source: "jira", Status: http.StatusNotFound, Hint: "no key was found without credentials: set JIRA_TOKEN (and JIRA_USER for Jira Cloud)"}
	}
	return out, nil
}

func (j *JiraClient) search(ctx context.Context, keys []string, out map[string]Result) error {
	quoted := make([]string, len(keys))
	for i, k := range keys {
		quoted[i] = strconv.Quote(k) // quoted, so that no key can read as a JQL keyword
	}
	jql := "key in (" + strings.Join(quoted, ",") + ")"
	what := "search " + strings.Join(keys, ", ")
	token, startAt := "", 0
	for page := 0; ; page++ {
		q := url.Values{"jql": {jql}, "fields": {"status,resolution,resolutiondate"}, "maxResults": {"100"}}
		path := "/rest/api/3/search/jql"
		if j.legacy {
			path = "/rest/api/2/search"
			q.Set("startAt", strconv.Itoa(startAt))
		} else if token != "" {
			q.Set("nextPageToken", token)
		}
		var p jiraPage
		resp, body, err := j.do(ctx, path, q, &p)
		if err != nil {
			return err
		}
		if resp.StatusCode == http.StatusNotFound && !j.legacy && page == 0 {
			j.legacy = true // Jira Server or Data Center
			page--
			continue
		}
		if resp.StatusCode != http.StatusOK {
			return j.fail(resp, body, what)
		}
		for _, is := range p.Issues {
			if is.Fields.Status == nil {
				return fmt.Errorf("jira: the answer to %s is not the JSON expected: %s has no status", what, is.Key)
			}
			out[is.Key] = is.result()
		}
		if j.legacy {
			next := p.StartAt + len(p.Issues)
			if len(p.Issues) == 0 || next >= p.Total {
				return nil
			}
			if next <= startAt && page > 0 {
				// a server that ignores startAt answers the first page forever
				return fmt.Errorf("jira: %s: the server answers the same page again (startAt %d): stopped; nothing written", what, startAt)
			}
			startAt = next
			continue
		}
		if p.NextPageToken == "" || (p.IsLast != nil && *p.IsLast) || len(p.Issues) == 0 {
			return nil
		}
		if p.NextPageToken == token || page >= maxPages {
			return fmt.Errorf("jira: %s: the server answers the same page again (nextPageToken %q): stopped; nothing written", what, p.NextPageToken)
		}
		token = p.NextPageToken
	}
}

// maxPages bounds a search's pages: 100 issues a page, far more than the keys asked for.
const maxPages = 1000

func (j *JiraClient) issue(ctx context.Context, key string) (jiraIssue, error) {
	version := "3"
	if j.legacy {
		version = "2"
	}
	var is jiraIssue
	resp, body, err := j.do(ctx, "/rest/api/"+version+"/issue/"+url.PathEscape(key), url.Values{"fields": {"status,resolution,resolutiondate"}}, &is)
	if err != nil {
		return is, err
	}
	if resp.StatusCode != http.StatusOK {
		return is, j.fail(resp, body, key)
	}
	if is.Fields.Status == nil {
		// a proxy or gateway answering 200 with other JSON ({}, null) is no issue still open
		return is, fmt.Errorf("jira: the answer for %s is not the JSON expected: no status", key)
	}
	return is, nil
}

func (j *JiraClient) do(ctx context.Context, path string, q url.Values, v any) (*http.Response, []byte, error) {
	base := strings.TrimRight(j.BaseURL, "/")
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+path+"?"+q.Encode(), nil)
	if err != nil {
		return nil, nil, fmt.Errorf("jira: JIRA_URL %q: %w", redactedURL(j.BaseURL), redactErr(err, j.BaseURL))
	}
	req.Header.Set("Accept", "application/json")
	switch {
	case j.User != "":
		req.SetBasicAuth(j.User, j.Token)
	case j.Token != "":
		req.Header.Set("Authorization", "Bearer "+j.Token)
	}
	return client{HTTP: j.HTTP, Now: j.Now}.get(req, "jira", v)
}

// fail explains an error response: the rate limit, the credentials, or Jira's own messages.
func (j *JiraClient) fail(resp *http.Response, body []byte, what string) error {
	switch resp.StatusCode {
	case http.StatusTooManyRequests:
		return &RateLimitError{Source: "jira", Reset: client{Now: j.Now}.retryAfter(resp.Header)}
	case http.StatusUnauthorized, http.StatusForbidden:
		if resp.StatusCode == http.StatusForbidden && resp.Header.Get("Retry-After") != "" {
			return &RateLimitError{Source: "jira", Reset: client{Now: j.Now}.retryAfter(resp.Header)}
		}
		return &AuthError{Source: "jira", Status: resp.StatusCode, Hint: "check JIRA_USER and JIRA_TOKEN"}
	}
	var e struct {
		ErrorMessages []string          `json:"errorMessages"`
		Errors        map[string]string `json:"errors"`
	}
	msg := ""
	if json.Unmarshal(body, &e) == nil {
		parts := e.ErrorMessages
		for k, v := range e.Errors {
			parts = append(parts, k+": "+v)
		}
		msg = strings.Join(parts, "; ")
	}
	return &HTTPError{Source: "jira", Status: resp.StatusCode, What: what, Message: msg}
}

// result maps an issue's status onto the Status column: the done category is done, or won't do
// when the resolution says the work was decided against, on its resolution date; every other
// category is open.
func (is jiraIssue) result() Result {
	st := is.Fields.Status
	if st == nil {
		return Result{State: postmortem.ActionOpen}
	}
	r := Result{State: postmortem.ActionOpen, Status: st.Name}
	if strings.EqualFold(st.StatusCategory.Key, "done") {
		r.State = postmortem.ActionDone
		if t, err := time.Parse("2006-01-02T15:04:05.000-0700", is.Fields.ResolutionDate); err == nil {
			r.Closed = t
		}
		if res := is.Fields.Resolution; res != nil && wontDoResolution(res.Name) {
			r.State = postmortem.ActionWontDo
			r.Status += " (" + res.Name + ")"
		}
	}
	return r
}

// wontDoResolution reports whether a Jira resolution means the work was decided against: Jira's
// default Won't Do, Won't Fix, Declined and Duplicate (the work is tracked by the other issue), in
// English or Japanese.
func wontDoResolution(name string) bool {
	n := strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(name, "’", "'")), " "))
	switch n {
	case "won't do", "wont do", "won't fix", "wont fix", "declined", "duplicate", "cannot reproduce", "対応しない", "修正しない", "却下", "重複", "再現できません":
		return true
	}
	return false
}

// redactErr is err with the configured URL's password masked where its text repeats the URL.
func redactErr(err error, raw string) error {
	if masked := redactedURL(raw); masked != raw && strings.Contains(err.Error(), raw) {
		return errors.New(strings.ReplaceAll(err.Error(), raw, masked))
	}
	if i := strings.Index(raw, "://"); i >= 0 {
		if at := strings.LastIndex(raw, "@"); at > i {
			if c := strings.IndexByte(raw[i+3:at], ':'); c >= 0 {
				secret := raw[i+3+c+1 : at]
				if secret != "" && strings.Contains(err.Error(), secret) {
					return errors.New(strings.ReplaceAll(err.Error(), secret, "***"))
				}
			}
		}
	}
	return err
}
