package gitrepo

import (
	"fmt"
	"strings"
	"time"
)

// Signature is who made a commit, and when.
type Signature struct {
	Name  string
	Email string
	When  time.Time
}

// Identity resolves the author and committer the way `git commit` does (ident.c's fmt_ident with
// IDENT_STRICT), with the configuration read as git reads it (see loadConfig):
//
//   - the email is GIT_AUTHOR_EMAIL (GIT_COMMITTER_EMAIL), else author.email (committer.email),
//     else user.email, else $EMAIL; once any of the three keys is set anywhere, $EMAIL is not
//     looked at, and with user.useConfigOnly none set is an error;
//   - the name is GIT_AUTHOR_NAME (GIT_COMMITTER_NAME), else author.name (committer.name), else
//     user.name; an empty name, or one made only of characters git strips, is an error;
//   - both are cleaned as git cleans them (see sanitizeIdent);
//   - the date is GIT_AUTHOR_DATE (GIT_COMMITTER_DATE) as ParseDate reads it, else now.
//
// Where git would make up a name or an email from the account and host name, pm refuses: a
// missing name or email is ErrNoIdentity, as is an email that is empty once cleaned (git would
// record "<>"). An unparsable date is ErrBadDate.
//
// GIT_AUTHOR_NAME and the other five variables count when set, even to nothing, as in git: an empty
// GIT_AUTHOR_NAME is refused rather than replaced by user.name, an empty GIT_AUTHOR_EMAIL too (git
// would record "<>"). environ, the process's environment (os.Environ), tells a variable set to
// nothing from one not set; without it (nil) env alone says, and an empty value counts as unset.
func (r *Repo) Identity(env Env, environ []string, now time.Time) (author, committer Signature, err error) {
	if env == nil {
		env = noEnv
	}
	cfg, err := r.loadConfig(env)
	if err != nil {
		return Signature{}, Signature{}, err
	}
	// as git's ident.c reads them: user.useConfigOnly a boolean, a name or email given a value
	if err := cfg.checkValues(identValueRule); err != nil {
		return Signature{}, Signature{}, err
	}
	lookup := func(key string) (string, bool) { v := env(key); return v, v != "" }
	if environ != nil {
		lookup = func(key string) (string, bool) {
			for i := len(environ) - 1; i >= 0; i-- { // the last of duplicates wins, as in exec
				if v, ok := strings.CutPrefix(environ[i], key+"="); ok {
					return v, true
				}
			}
			return "", false
		}
	}
	author, err = identityFor("author", env, lookup, cfg, now)
	if err != nil {
		return Signature{}, Signature{}, err
	}
	committer, err = identityFor("committer", env, lookup, cfg, now)
	if err != nil {
		return Signature{}, Signature{}, err
	}
	return author, committer, nil
}

// identityHint is how to tell git who you are, as git says it.
const identityHint = "tell git who you are with `git config --global user.name \"Your Name\"` and " +
	"`git config --global user.email \"you@example.com\"`"

// identityFor resolves one role: "author" or "committer".
func identityFor(role string, env Env, lookup func(string) (string, bool), cfg *gitConfig, now time.Time) (Signature, error) {
	prefix := "GIT_" + strings.ToUpper(role) + "_"
	configOnly := cfg.boolean("user.useconfigonly", false)
	given := func(field string) bool {
		for _, k := range []string{"author.", "committer.", "user."} {
			if _, ok := cfg.get(k + field); ok {
				return true
			}
		}
		return false
	}
	// Email first, as git resolves it first.
	email, fromEnv := lookup(prefix + "EMAIL")
	ok := true
	if !fromEnv {
		email, _ = cfg.get(role + ".email")
	}
	if email == "" && fromEnv {
		return Signature{}, fmt.Errorf("%sEMAIL is set but empty, and pm does not record \"<>\" as git would; unset it or give an email: %w", prefix, ErrNoIdentity)
	}
	if email == "" {
		switch {
		case configOnly && !given("email"):
			return Signature{}, fmt.Errorf("no email for the %s was given and auto-detection is disabled (user.useConfigOnly); set user.email: %w",
				role, ErrNoIdentity)
		case given("email"):
			email, _ = cfg.get("user.email")
		default:
			email, ok = env("EMAIL"), env("EMAIL") != ""
		}
	}
	if !ok {
		return Signature{}, fmt.Errorf("no email for the %s: user.email is not set, and pm does not make one up from the account and host name as git would; %s: %w",
			role, identityHint, ErrNoIdentity)
	}
	name, nameFromEnv := lookup(prefix + "NAME")
	if !nameFromEnv {
		name, _ = cfg.get(role + ".name")
	}
	if name == "" && !nameFromEnv {
		switch {
		case configOnly && !given("name"):
			return Signature{}, fmt.Errorf("no name for the %s was given and auto-detection is disabled (user.useConfigOnly); set user.name: %w",
				role, ErrNoIdentity)
		case given("name"):
			name, _ = cfg.get("user.name")
		default:
			return Signature{}, fmt.Errorf("no name for the %s: user.name is not set, and pm does not take one from the account as git would; %s: %w",
				role, identityHint, ErrNoIdentity)
		}
	}
	if name == "" {
		return Signature{}, fmt.Errorf("empty ident name (for <%s>) not allowed: set user.name (or %s.name, %sNAME): %w",
			sanitizeIdent(email), role, prefix, ErrNoIdentity)
	}
	if !hasNonCrud(name) {
		return Signature{}, fmt.Errorf("%s name %q consists only of characters git strips from names (blanks, control characters and .,:;<>\"\\'); set user.name: %w",
			role, name, ErrNoIdentity)
	}
	name, email = sanitizeIdent(name), sanitizeIdent(email)
	if email == "" {
		return Signature{}, fmt.Errorf("%s email is empty once cleaned as git cleans it, and pm does not record \"<>\"; set user.email: %w", role, ErrNoIdentity)
	}
	when := now
	if d := env(prefix + "DATE"); d != "" {
		t, err := ParseDate(d, now)
		if err != nil {
			return Signature{}, fmt.Errorf("%sDATE: %w", prefix, err)
		}
		when = t
	}
	return Signature{Name: name, Email: email, When: when}, nil
}

// crud reports whether git strips c from the ends of a name or email: control characters and
// blanks, and . , : ; < > " \ '.
func crud(c byte) bool {
	return c <= ' ' || strings.IndexByte(".,:;<>\"\\'", c) >= 0
}

// hasNonCrud reports whether s has a character crud does not strip.
func hasNonCrud(s string) bool {
	for i := 0; i < len(s); i++ {
		if !crud(s[i]) {
			return true
		}
	}
	return false
}

// sanitizeIdent cleans a name or email as git does before writing it: "crud" (see crud) is
// removed from both ends, and the delimiters of an identity line ('<', '>' and newline) from
// anywhere. Bytes of multi-byte UTF-8 characters are never crud.
func sanitizeIdent(s string) string {
	start, end := 0, len(s)
	for start < end && crud(s[start]) {
		start++
	}
	for end > start && crud(s[end-1]) {
		end--
	}
	s = s[start:end]
	if !strings.ContainsAny(s, "<>\n") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != '<' && c != '>' && c != '\n' {
			b = append(b, c)
		}
	}
	return string(b)
}

// AuthorName is the author name git resolves in dir (the environment, then author.name and
// user.name from the configuration git reads there: the repository's when dir is in one, else the
// system and global files), "" when none is set or the configuration cannot be read: for a default
// (pm new's owner), never for a commit. It needs no email, where Identity needs both, and does not
// open the repository: a repository pm cannot commit to (SHA-256, say) still has its user.name.
func AuthorName(dir string, env Env, environ []string) string {
	if env == nil {
		env = noEnv
	}
	if environ != nil {
		for i := len(environ) - 1; i >= 0; i-- {
			if v, ok := strings.CutPrefix(environ[i], "GIT_AUTHOR_NAME="); ok {
				return sanitizeIdent(v)
			}
		}
	} else if v := env("GIT_AUTHOR_NAME"); v != "" {
		return sanitizeIdent(v)
	}
	l, err := Discover(dir, env)
	if err != nil {
		l = Layout{cwd: dir}
	}
	cfg, err := readGitConfig(l, env)
	if err != nil {
		return ""
	}
	for _, key := range []string{"author.name", "user.name"} {
		if v, ok := cfg.get(key); ok && v != "" {
			return sanitizeIdent(v)
		}
	}
	return ""
}
