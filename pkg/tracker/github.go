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

// GitHubClient reads issues' and pull requests' states from GitHub's REST API, one per request (the
// issues endpoint answers for a pull request too, with whether it was merged).
type GitHubClient struct {
	APIURL string // GITHUB_API_URL, "" for https://api.github.com
	// Token is GITHUB_TOKEN, sent as a bearer token; without one, only public repositories can be read,
	// and GitHub allows 60 requests an hour.
	Token string
	HTTP  *http.Client // nil: a client with a 30 s timeout
	Now   func() time.Time
}

// githubIssue is the part of GitHub's issue object pm reads.
type githubIssue struct {
	Number      int        `json:"number"`
	State       string     `json:"state"`
	StateReason *string    `json:"state_reason"`
	ClosedAt    *time.Time `json:"closed_at"`
	// PullRequest is set when the number is a pull request's.
	PullRequest *struct {
		MergedAt *time.Time `json:"merged_at"`
	} `json:"pull_request"`
}

// States returns the state of each issue. With a token, an issue GitHub does not have (404) or has
// deleted (410) is left out of the map, for the caller to report, so that one wrong number does not
// stop the others; without one, 404 is an error that says to set GITHUB_TOKEN, since a private
// repository answers so to anyone.
func (g *GitHubClient) States(ctx context.Context, refs []Ref) (map[Ref]Result, error) {
	out := map[Ref]Result{}
	for _, r := range refs {
		if _, ok := out[r]; ok {
			continue
		}
		is, err := g.issue(ctx, r)
		var he *HTTPError
		if errors.As(err, &he) && (he.Status == http.StatusGone || (he.Status == http.StatusNotFound && g.Token != "")) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out[r] = is.result()
	}
	return out, nil
}

func (g *GitHubClient) issue(ctx context.Context, r Ref) (githubIssue, error) {
	base := strings.TrimRight(g.APIURL, "/")
	if base == "" {
		base = "https://api.github.com"
	}
	u := base + "/repos/" + url.PathEscape(r.Owner) + "/" + url.PathEscape(r.Repo) + "/issues/" + strconv.Itoa(r.Number)
	var is githubIssue
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return is, fmt.Errorf("github: GITHUB_API_URL %q: %w", redactedURL(g.APIURL), redactErr(err, g.APIURL))
	}
	req.Header.Set("Accept", "application/vnd.github+json")
	req.Header.Set("X-GitHub-Api-Version", "2022-11-28")
	if g.Token != "" {
		req.Header.Set("Authorization", "Bearer "+g.Token)
	}
	c := client{HTTP: g.HTTP, Now: g.Now}
	resp, body, err := c.get(req, "github", &is)
	if err != nil {
		return is, err
	}
	if resp.StatusCode == http.StatusOK {
		if is.State == "" {
			// a proxy or gateway answering 200 with other JSON ({}, null) is no issue still open
			return is, fmt.Errorf("github: the answer for %s is not the JSON expected: no state", r)
		}
		return is, nil
	}
	// GitHub says a rate limit is reached with 403 or 429: the primary limit with
	// x-ratelimit-remaining 0 and the reset time, a secondary limit with retry-after.
	h := resp.Header
	if resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusTooManyRequests {
		if h.Get("X-RateLimit-Remaining") == "0" {
			reset := time.Time{}
			if n, err := strconv.ParseInt(h.Get("X-RateLimit-Reset"), 10, 64); err == nil {
				reset = time.Unix(n, 0)
			}
			return is, &RateLimitError{Source: "github", Reset: reset}
		}
		if h.Get("Retry-After") != "" || resp.StatusCode == http.StatusTooManyRequests {
			return is, &RateLimitError{Source: "github", Reset: c.retryAfter(h)}
		}
	}
	if resp.StatusCode == http.StatusUnauthorized {
		return is, &AuthError{Source: "github", Status: resp.StatusCode, Hint: "check GITHUB_TOKEN"}
	}
	var e struct {
		Message string `json:"message"`
	}
	_ = json.Unmarshal(body, &e)
	msg := e.Message
	if resp.StatusCode == http.StatusNotFound && g.Token == "" {
		msg += " (set GITHUB_TOKEN to read a private repository)"
	}
	return is, &HTTPError{Source: "github", Status: resp.StatusCode, What: r.String(), Message: strings.TrimSpace(msg)}
}

// result maps an issue onto the Status column: closed as completed (or closed before GitHub recorded
// a reason) is done, closed as not planned or as a duplicate is won't do, on the day it was closed;
// a pull request merged is done on the day it was merged, closed without merging is won't do;
// anything else is open.
func (is githubIssue) result() Result {
	reason := ""
	if is.StateReason != nil {
		reason = *is.StateReason
	}
	if is.State != "closed" {
		return Result{State: postmortem.ActionOpen, Status: is.State}
	}
	if pr := is.PullRequest; pr != nil {
		// a pull request is done when merged; closed without merging, the change was decided against
		if pr.MergedAt != nil {
			return Result{State: postmortem.ActionDone, Status: "merged", Closed: *pr.MergedAt}
		}
		r := Result{State: postmortem.ActionWontDo, Status: "closed without merging"}
		if is.ClosedAt != nil {
			r.Closed = *is.ClosedAt
		}
		return r
	}
	r := Result{State: postmortem.ActionDone, Status: "closed"}
	switch reason {
	case "not_planned", "duplicate":
		r = Result{State: postmortem.ActionWontDo, Status: "closed as " + strings.ReplaceAll(reason, "_", " ")}
	case "", "completed":
	default:
		r.Status = "closed as " + reason
	}
	if is.ClosedAt != nil {
		r.Closed = *is.ClosedAt
	}
	return r
}
