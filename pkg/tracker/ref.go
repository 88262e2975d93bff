// Package tracker reads where action items' tickets stand: from Jira's REST API, from GitHub issues, or
// from a Jira CSV export. It finds the ticket references in a Ticket cell and maps each tracker's
// states onto the Status column's open, done and won't do.
package tracker

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/pm-tools/pm/pkg/internal/lazy"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// Kind is the tracker a reference points into.
type Kind int

// The trackers pm reads.
const (
	Jira Kind = iota + 1
	GitHub
)

// Ref is one ticket: a Jira key, or a GitHub issue.
type Ref struct {
	Kind        Kind
	Key         string // Jira: "OPS-123"
	Owner, Repo string // GitHub
	Number      int    // GitHub
}

// String is the reference as people write it: "OPS-123", "owner/repo#12".
func (r Ref) String() string {
	if r.Kind == GitHub {
		return r.Owner + "/" + r.Repo + "#" + strconv.Itoa(r.Number)
	}
	return r.Key
}

// Parser finds ticket references in a Ticket cell.
type Parser struct {
	// DefaultRepo is the owner/repo a bare #123 refers to; "" leaves such references unresolved.
	DefaultRepo string
	// GitHubHosts are the hosts whose /owner/repo/issues/N and /owner/repo/pull/N URLs are the
	// configured GitHub's (a GitHub Enterprise server); empty: github.com. A github.com URL is read
	// only when github.com is the GitHub configured: an Enterprise server would answer for another
	// issue of the same number.
	GitHubHosts []string
	// JiraHost is the host of JIRA_URL: a Jira browse URL on another host (another team's Jira) is
	// not read from this one, which would answer for an unrelated issue of the same key; "" reads
	// every browse URL.
	JiraHost string
}

// Found is what a Ticket cell refers to: the tickets pm can read, and what it cannot (a bare #123
// without a default repository, a URL of another tracker), as written.
type Found struct {
	Refs       []Ref
	Unreadable []string
}

var (
	urlRE     = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`[A-Za-z][A-Za-z0-9+.-]*://[^\s<>()\[\]|]+`) }}
	repoRefRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp {
		return regexp.MustCompile(`(?:^|[^A-Za-z0-9_./-])([A-Za-z0-9][A-Za-z0-9-]*)/([A-Za-z0-9_.-]+)#([0-9]+)\b`)
	}}
	bareRefRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`(?:^|[^A-Za-z0-9_/#])#([0-9]+)\b`) }}
	jiraKeyRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp {
		return regexp.MustCompile(`(?:^|[^A-Za-z0-9_-])([A-Z][A-Z0-9_]+-[1-9][0-9]*)\b`)
	}}
	jiraBrowseRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`/browse/([A-Z][A-Z0-9_]+-[1-9][0-9]*)/?$`) }}
	ghIssueRE    = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp {
		return regexp.MustCompile(`^/([^/]+)/([^/]+)/(?:issues|pull)/([0-9]+)(?:/(?:files|commits|checks))?/?$`)
	}}
)

// Parse finds the references in a cell's text and the destinations of its links. A reference found
// twice (a link's text and its URL) counts once.
func (p Parser) Parse(text string, links []string) Found {
	var f Found
	seen := map[string]bool{}
	add := func(r Ref) {
		if !seen[r.String()] {
			seen[r.String()] = true
			f.Refs = append(f.Refs, r)
		}
	}
	unreadable := func(s string) {
		if !seen["?"+s] {
			seen["?"+s] = true
			f.Unreadable = append(f.Unreadable, s)
		}
	}
	urls := append(append([]string(nil), links...), urlRE.Get().FindAllString(text, -1)...)
	for _, u := range urls {
		if r, ok := p.parseURL(u); ok {
			add(r)
		} else if strings.Contains(u, "://") {
			unreadable(u)
		}
	}
	rest := urlRE.Get().ReplaceAllString(text, " ")
	for _, m := range repoRefRE.Get().FindAllStringSubmatch(rest, -1) {
		n, _ := strconv.Atoi(m[3])
		add(Ref{Kind: GitHub, Owner: m[1], Repo: m[2], Number: n})
	}
	rest = repoRefRE.Get().ReplaceAllString(rest, " ")
	for _, m := range bareRefRE.Get().FindAllStringSubmatch(rest, -1) {
		n, _ := strconv.Atoi(m[1])
		if linkedIssue(f.Refs, n) {
			continue // "[#3](https://github.com/acme/api/issues/3)", as GitHub writes it: the link's text
		}
		owner, repo, ok := strings.Cut(p.DefaultRepo, "/")
		if !ok {
			unreadable("#" + m[1])
			continue
		}
		add(Ref{Kind: GitHub, Owner: owner, Repo: repo, Number: n})
	}
	for _, m := range jiraKeyRE.Get().FindAllStringSubmatch(rest, -1) {
		add(Ref{Kind: Jira, Key: m[1]})
	}
	return f
}

// parseURL reads a Jira browse URL, or a GitHub issue or pull request URL (a pull request's tab too).
func (p Parser) parseURL(s string) (Ref, bool) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return Ref{}, false
	}
	host := strings.ToLower(u.Hostname())
	jiraHere := p.JiraHost == "" || strings.EqualFold(host, p.JiraHost)
	if m := jiraBrowseRE.Get().FindStringSubmatch(u.Path); m != nil && jiraHere {
		return Ref{Kind: Jira, Key: m[1]}, true
	}
	if sel := u.Query().Get("selectedIssue"); sel != "" && jiraKeyRE.Get().MatchString(sel) && jiraHere {
		return Ref{Kind: Jira, Key: sel}, true
	}
	dotCom := len(p.GitHubHosts) == 0 || containsFold(p.GitHubHosts, "github.com")
	if ((host == "github.com" || host == "www.github.com") && dotCom) || containsFold(p.GitHubHosts, host) {
		if m := ghIssueRE.Get().FindStringSubmatch(u.Path); m != nil {
			n, _ := strconv.Atoi(m[3])
			return Ref{Kind: GitHub, Owner: m[1], Repo: m[2], Number: n}, true
		}
	}
	return Ref{}, false
}

// linkedIssue reports whether refs hold a GitHub issue or pull request numbered n, read from a URL:
// a bare #n beside it is that link's text.
func linkedIssue(refs []Ref, n int) bool {
	for _, r := range refs {
		if r.Kind == GitHub && r.Number == n {
			return true
		}
	}
	return false
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// CheckRepo checks an owner/repo as --github-repo takes it.
func CheckRepo(s string) error {
	owner, repo, ok := strings.Cut(s, "/")
	if !ok || owner == "" || repo == "" || strings.ContainsAny(repo, "/#") || strings.ContainsAny(owner, "#") {
		return fmt.Errorf("%q is not owner/repo", s)
	}
	return nil
}

// Result is where a ticket stands.
type Result struct {
	State postmortem.ActionState // ActionOpen, ActionDone or ActionWontDo
	// Status is the tracker's own word for it ("In Progress", "closed as not planned"), for messages.
	Status string
	// Closed is when the ticket was resolved or closed; zero while it is open, or when the tracker
	// did not say.
	Closed time.Time
}

// Combine is the result for an item whose Ticket cell names several tickets: open while any is open,
// won't do when every one was decided against, else done; closed when the last of them closed (zero
// when any did not say).
func Combine(rs []Result) Result {
	if len(rs) == 0 {
		return Result{State: postmortem.ActionOpen}
	}
	wont, dated := true, true
	var last time.Time
	for _, r := range rs {
		if r.State == postmortem.ActionOpen {
			return Result{State: postmortem.ActionOpen}
		}
		wont = wont && r.State == postmortem.ActionWontDo
		dated = dated && !r.Closed.IsZero()
		if r.Closed.After(last) {
			last = r.Closed
		}
	}
	out := Result{State: postmortem.ActionDone}
	if wont {
		out.State = postmortem.ActionWontDo
	}
	if dated {
		out.Closed = last
	}
	return out
}
