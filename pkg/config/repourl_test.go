package config

import (
	"strings"
	"testing"
)

// A repo_url is written into every message's link as it is: one a reader's client would cut (at a
// space) or run (javascript:), or that a path cannot follow (a query, a fragment), is refused with
// the file, the line and the key.
func TestRepoURLMustBeAnAddress(t *testing.T) {
	for _, s := range []string{
		`"https://github.com/a b/c"`,
		`"https://github.com/a\tb"`,
		`"https://github.com/a/b\n"`,
		`"javascript:alert(1)"`,
		`"javascript://github.com/%0aalert(1)"`,
		`"https:///acme"`,
		`"https://github.com/acme/pm?tab=1"`,
		`"https://github.com/acme/pm#readme"`,
		`"https://github.com/<b>"`,
		`"https://github.com/acme/\"pm\""`,
		`"//github.com/acme/pm"`,
	} {
		_, err := Parse(".pm.yaml", []byte("dir: postmortems\nrepo_url: "+s+"\n"))
		if err == nil || !strings.HasPrefix(err.Error(), ".pm.yaml:2: repo_url: want an http(s) address") {
			t.Errorf("repo_url: %s: %v", s, err)
		}
	}
	for s, want := range map[string]string{
		"https://github.com/acme/postmortems/blob/main/": "https://github.com/acme/postmortems/blob/main",
		"http://git.example.com:8080/sre/pm":             "http://git.example.com:8080/sre/pm",
		"HTTPS://github.com/acme/pm":                     "HTTPS://github.com/acme/pm",
		"https://github.com/acme/a%20b":                  "https://github.com/acme/a%20b",
	} {
		cfg, err := Parse(".pm.yaml", []byte("repo_url: "+s+"\n"))
		if err != nil || cfg.RepoURL != want {
			t.Errorf("repo_url: %s: %v, %q", s, err, cfg.RepoURL)
		}
	}
}
