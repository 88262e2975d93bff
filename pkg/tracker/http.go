package tracker

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// RateLimitError is a tracker refusing more requests for now. Reset is when it takes them again
// (zero when it did not say).
type RateLimitError struct {
	Source string // "jira", "github"
	Reset  time.Time
}

func (e *RateLimitError) Error() string {
	if e.Reset.IsZero() {
		return e.Source + ": rate limit reached; try again later"
	}
	return fmt.Sprintf("%s: rate limit reached; it resets at %s", e.Source, e.Reset.Format("2006-01-02 15:04:05 MST"))
}

// AuthError is a tracker refusing the credentials pm sent (HTTP 401), or asking for some (403).
type AuthError struct {
	Source string
	Status int    // the HTTP status
	Hint   string // which variables to check
}

func (e *AuthError) Error() string {
	return fmt.Sprintf("%s: %d %s: %s", e.Source, e.Status, http.StatusText(e.Status), e.Hint)
}

// HTTPError is any other response a tracker answered with an error status.
type HTTPError struct {
	Source  string
	Status  int
	What    string // the request, as "search OPS-1, OPS-2" or "owner/repo#12"
	Message string // the tracker's own message, when it gave one
}

func (e *HTTPError) Error() string {
	s := fmt.Sprintf("%s: %s: %d %s", e.Source, e.What, e.Status, http.StatusText(e.Status))
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// maxBody bounds what pm reads of a response: a search page of 100 issues' status fields is far smaller.
const maxBody = 16 << 20

// client is what both API clients share: the HTTP client and the clock that turns Retry-After into a time.
type client struct {
	HTTP *http.Client
	Now  func() time.Time
}

func (c client) httpClient() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return &http.Client{Timeout: 30 * time.Second, CheckRedirect: keepCredentialsHome}
}

// keepCredentialsHome is the trackers' redirect policy: a redirect from https to plain http is
// refused (the token would cross the network in clear), and one to another scheme, host or port
// goes without the Authorization header, as curl does; Go's own policy keeps it for another port,
// and for http on the same host.
func keepCredentialsHome(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return errors.New("stopped after 10 redirects")
	}
	prev, first := via[len(via)-1], via[0]
	if prev.URL.Scheme == "https" && req.URL.Scheme != "https" {
		return fmt.Errorf("refused a redirect from https to %s: the credentials would go in clear", req.URL.Redacted())
	}
	if req.URL.Scheme != first.URL.Scheme || !strings.EqualFold(req.URL.Host, first.URL.Host) {
		req.Header.Del("Authorization")
	}
	return nil
}

// redactedURL is a URL as written in configuration, its password masked, for a message about a URL
// that may not parse (a stray newline in a CI secret): "https://me:***@host".
func redactedURL(raw string) string {
	if u, err := url.Parse(raw); err == nil {
		return u.Redacted()
	}
	scheme := strings.Index(raw, "://")
	at := strings.LastIndex(raw, "@")
	if scheme < 0 || at < scheme {
		return raw
	}
	userinfo := raw[scheme+3 : at]
	if i := strings.IndexByte(userinfo, ':'); i >= 0 {
		return raw[:scheme+3] + userinfo[:i] + ":***" + raw[at:]
	}
	return raw
}

func (c client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// get sends req and decodes a 200 response's JSON into v; any other status is returned as the
// response for the caller to explain, its body read.
func (c client) get(req *http.Request, source string, v any) (*http.Response, []byte, error) {
	resp, err := c.httpClient().Do(req)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", source, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: read the answer to %s: %w", source, req.URL.Redacted(), err)
	}
	if len(body) > maxBody {
		return nil, nil, fmt.Errorf("%s: the answer to %s is larger than %d MiB", source, req.URL.Redacted(), maxBody>>20)
	}
	if resp.StatusCode != http.StatusOK {
		return resp, body, nil
	}
	if err := json.Unmarshal(body, v); err != nil {
		return nil, nil, fmt.Errorf("%s: the answer to %s is not the JSON expected: %w", source, req.URL.Redacted(), err)
	}
	return resp, body, nil
}

// retryAfter reads a Retry-After header (seconds, or an HTTP date) as a time; zero when absent.
func (c client) retryAfter(h http.Header) time.Time {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return time.Time{}
	}
	if n, err := strconv.Atoi(v); err == nil {
		return c.now().Add(time.Duration(n) * time.Second)
	}
	if t, err := http.ParseTime(v); err == nil {
		return t
	}
	return time.Time{}
}
