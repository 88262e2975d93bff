package gitrepo

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Signature is who made a commit, and when.
type Signature struct {
	Name  string
	Email string
	When  time.Time
}

// Identity resolves the author and committer the way git does. Name and email
// come from GIT_AUTHOR_NAME / GIT_AUTHOR_EMAIL (GIT_COMMITTER_* for the
// committer), then the config keys author.* (committer.*), then user.*, and for
// the email finally $EMAIL. Config files are read as git reads them: system
// ($GIT_CONFIG_SYSTEM or /etc/gitconfig, skipped when GIT_CONFIG_NOSYSTEM is
// true), global ($GIT_CONFIG_GLOBAL, or else $XDG_CONFIG_HOME/git/config or
// $HOME/.config/git/config followed by $HOME/.gitconfig), then the repository's
// config (the common one for a linked worktree), later files winning. As in
// git, author.* anywhere beats user.* anywhere. Dates come from
// GIT_AUTHOR_DATE / GIT_COMMITTER_DATE (see ParseDate), else now.
// A missing name or email is ErrNoIdentity; an unparsable date is ErrBadDate.
func (r *Repo) Identity(env Env, now time.Time) (author, committer Signature, err error) {
	if env == nil {
		env = func(string) string { return "" }
	}
	cfg, err := r.loadConfig(env)
	if err != nil {
		return Signature{}, Signature{}, err
	}
	author, err = identityFor("author", env, cfg, now)
	if err != nil {
		return Signature{}, Signature{}, err
	}
	committer, err = identityFor("committer", env, cfg, now)
	if err != nil {
		return Signature{}, Signature{}, err
	}
	return author, committer, nil
}

// identityFor resolves one role: "author" or "committer".
func identityFor(role string, env Env, cfg *gitConfig, now time.Time) (Signature, error) {
	prefix := "GIT_" + strings.ToUpper(role) + "_"
	lookup := func(envKey, field string) string {
		if v := env(prefix + envKey); v != "" {
			return v
		}
		if v, ok := cfg.get(role + "." + field); ok && v != "" {
			return v
		}
		v, _ := cfg.get("user." + field)
		return v
	}
	name := sanitizeIdent(lookup("NAME", "name"))
	email := lookup("EMAIL", "email")
	if email == "" {
		email = env("EMAIL")
	}
	email = sanitizeIdent(email)
	if name == "" || email == "" {
		missing := "user.email"
		if name == "" {
			missing = "user.name"
		}
		return Signature{}, fmt.Errorf("%s %s is not set; tell git who you are with "+
			"`git config --global user.name \"Your Name\"` and `git config --global user.email \"you@example.com\"`: %w",
			role, missing, ErrNoIdentity)
	}
	when := now
	if d := env(prefix + "DATE"); d != "" {
		t, err := ParseDate(d, now.Location())
		if err != nil {
			return Signature{}, fmt.Errorf("%sDATE: %w", prefix, err)
		}
		when = t
	}
	return Signature{Name: name, Email: email, When: when}, nil
}

// sanitizeIdent removes what git never stores in an identity: newlines and
// angle brackets, and leading or trailing blanks.
func sanitizeIdent(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '<', '>', '\n', '\r', 0:
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

var (
	rawDateRE = regexp.MustCompile(`^@?(\d+)(?:\s+([+-]\d{4}))?$`)
	dateZone  = regexp.MustCompile(`^[+-]\d{4}$`)
)

// dateLayouts are tried in order by ParseDate. Layouts without a zone are
// read in the caller's location.
var dateLayouts = []struct {
	layout string
	zone   bool
}{
	{time.RFC3339Nano, true},
	{"2006-01-02 15:04:05 -0700", true},
	{"2006-01-02T15:04:05 -0700", true},
	{"2006-01-02 15:04:05-07:00", true},
	{"2006-01-02T15:04:05-0700", true},
	{"2006-01-02 15:04:05-0700", true},
	{"2006-01-02 15:04:05Z07:00", true},
	{"2006-01-02 15:04:05.999999999 -0700", true},
	{"Mon, _2 Jan 2006 15:04:05 -0700", true},
	{"_2 Jan 2006 15:04:05 -0700", true},
	{"Mon, _2 Jan 2006 15:04 -0700", true},
	{"Mon Jan _2 15:04:05 2006 -0700", true}, // git log's default
	{"2006-01-02T15:04:05", false},
	{"2006-01-02 15:04:05", false},
	{"2006-01-02 15:04", false},
	{"2006-01-02", false},
}

// ParseDate parses the date formats git accepts in GIT_AUTHOR_DATE and
// GIT_COMMITTER_DATE: "@1700000000 +0900", "1700000000 +0900", RFC 3339 /
// ISO 8601 ("2026-11-20T10:00:00+09:00", "2026-11-20 10:00:00 +0900"),
// RFC 2822 ("Fri, 20 Nov 2026 10:00:00 +0900") and git log's default format.
// A date without a zone is read in loc. The result keeps the given zone offset.
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	s = strings.Join(strings.Fields(s), " ")
	if loc == nil {
		loc = time.UTC
	}
	if m := rawDateRE.FindStringSubmatch(s); m != nil && (strings.HasPrefix(s, "@") || m[2] != "" || len(m[1]) >= 9) {
		sec, err := strconv.ParseInt(m[1], 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("date %q: %w", s, ErrBadDate)
		}
		zone := time.UTC
		if m[2] != "" {
			zone = fixedZone(m[2])
		}
		return time.Unix(sec, 0).In(zone), nil
	}
	for _, l := range dateLayouts {
		var t time.Time
		var err error
		if l.zone {
			t, err = time.Parse(l.layout, s)
		} else {
			t, err = time.ParseInLocation(l.layout, s, loc)
		}
		if err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("date %q is not a date git understands; use e.g. \"2026-11-20T10:00:00+09:00\" or \"@1700000000 +0900\": %w", s, ErrBadDate)
}

// fixedZone turns "+0900" into a fixed location.
func fixedZone(z string) *time.Location {
	if !dateZone.MatchString(z) {
		return time.UTC
	}
	h, _ := strconv.Atoi(z[1:3])
	m, _ := strconv.Atoi(z[3:5])
	off := h*3600 + m*60
	if z[0] == '-' {
		off = -off
	}
	return time.FixedZone("", off)
}
