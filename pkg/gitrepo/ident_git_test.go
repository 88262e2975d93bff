package gitrepo

import (
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// gitIdent is a name, email and date as git wrote them in a commit.
type gitIdent struct {
	name, email string
	unix        uint64
	zone        string
}

// parseIdentLine reads "Name <email> 1700000000 +0900".
func parseIdentLine(line string) (gitIdent, bool) {
	lt := strings.Index(line, " <")
	gt := strings.LastIndex(line, "> ")
	if lt < 0 || gt < lt {
		return gitIdent{}, false
	}
	f := strings.Fields(line[gt+2:])
	if len(f) != 2 {
		return gitIdent{}, false
	}
	unix, err := strconv.ParseUint(f[0], 10, 64)
	if err != nil {
		return gitIdent{}, false
	}
	return gitIdent{name: line[:lt], email: line[lt+2 : gt], unix: unix, zone: f[1]}, true
}

// gitCommitIdents commits in dir with env and returns the author and committer git recorded, or
// git's error.
func gitCommitIdents(l *lab, dir string, env map[string]string) (author, committer gitIdent, err error) {
	if _, err := l.run(dir, env, append(noMaintenance, "commit", "-q", "--allow-empty", "-m", "ident")...); err != nil {
		return gitIdent{}, gitIdent{}, err
	}
	out := l.headCommit(dir)
	for _, line := range strings.Split(out, "\n") {
		if rest, ok := strings.CutPrefix(line, "author "); ok {
			author, _ = parseIdentLine(rest)
		}
		if rest, ok := strings.CutPrefix(line, "committer "); ok {
			committer, _ = parseIdentLine(rest)
		}
	}
	return author, committer, nil
}

// configVars passes config to git and pm as `git -c` would, through GIT_CONFIG_COUNT.
func configVars(kv ...string) map[string]string {
	m := map[string]string{"GIT_CONFIG_COUNT": strconv.Itoa(len(kv) / 2)}
	for i := 0; i+1 < len(kv); i += 2 {
		m[fmt.Sprintf("GIT_CONFIG_KEY_%d", i/2)] = kv[i]
		m[fmt.Sprintf("GIT_CONFIG_VALUE_%d", i/2)] = kv[i+1]
	}
	return m
}

func TestIdentityCleanedLikeGit(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	dir := l.repo("r")
	r, err := OpenWithEnv(dir, l.getenv(nil))
	mustNoErr(t, err)
	for i, tc := range []struct{ name, email string }{
		{"  Hanako Yamada  ", "  hanako@example.com  "},
		{"...Dots...", "<hanako@example.com>"},
		{",Comma, Name,", ",x@example.com;"},
		{`"Quoted"`, `'quoted'@example.com'`},
		{"Na<me>", "a<b>c@example.com"},
		{"Line\nBreak", "mail\n@example.com"},
		{"山田 花子", "花子@例え.jp"},
		{"\t\x01Ctrl\x7f", "e@example.com"},
		{"Dr. J. R. Smith, Jr.", "jr@example.com."},
		{"\u3000全角空白\u3000", "zenkaku@example.com"},
		{"Name\r", "x@example.com\r"},
		{" - ", "x@example.com"},
		{`\Back\slash\`, `\b@example.com\`},
		{":;\\", "e@example.com"},
		{"<>", "e@example.com"},
		{"\n", "e@example.com"},
		{"A", "..."},
		{"A", "<>"},
	} {
		if !testenv.Full() && i%2 == 1 {
			continue // the quick tier takes every other input
		}
		for v, via := range []string{"env", "config"} {
			if !testenv.Full() && v != i/2%2 {
				continue // and each one way, both ways over the list
			}
			var extra map[string]string
			if via == "env" {
				extra = map[string]string{"GIT_AUTHOR_NAME": tc.name, "GIT_AUTHOR_EMAIL": tc.email,
					"GIT_COMMITTER_NAME": tc.name, "GIT_COMMITTER_EMAIL": tc.email}
			} else {
				extra = configVars("user.name", tc.name, "user.email", tc.email)
			}
			ga, gc, gitErr := gitCommitIdents(l, dir, extra)
			a, c, err := r.Identity(l.getenv(extra), nil, testNow)
			what := fmt.Sprintf("%s %q <%q>", via, tc.name, tc.email)
			switch {
			case gitErr != nil:
				if !errors.Is(err, ErrNoIdentity) {
					t.Errorf("%s: git refuses (%v); Identity: %v", what, gitErr, err)
				}
			case ga.email == "":
				// git records "<>"; pm refuses an email it would have to leave empty.
				if !errors.Is(err, ErrNoIdentity) {
					t.Errorf("%s: git records an empty email; Identity: %v, want ErrNoIdentity", what, err)
				}
			case err != nil:
				t.Errorf("%s: git commits as %q <%q>; Identity: %v", what, ga.name, ga.email, err)
			case a.Name != ga.name || a.Email != ga.email || c.Name != gc.name || c.Email != gc.email:
				t.Errorf("%s: Identity %q <%q> / %q <%q>; git %q <%q> / %q <%q>", what,
					a.Name, a.Email, c.Name, c.Email, ga.name, ga.email, gc.name, gc.email)
			}
		}
	}
}

func TestIdentityRulesLikeGit(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	dir := l.repo("r")
	for _, tc := range []struct {
		name string
		env  map[string]string
	}{
		{"user.* for both", configVars("user.name", "U", "user.email", "u@example.com")},
		{"author.* and committer.* before user.*", configVars("user.name", "U", "user.email", "u@example.com",
			"author.name", "A", "author.email", "a@example.com", "committer.email", "c@example.com")},
		{"empty author.name falls back to user.name", merge(configVars("user.name", "U", "user.email", "u@example.com"),
			map[string]string{"GIT_CONFIG_PARAMETERS": "'author.name'=''"})},
		{"environment before config", merge(configVars("user.name", "U", "user.email", "u@example.com", "author.name", "A"),
			map[string]string{"GIT_AUTHOR_NAME": "Env", "GIT_COMMITTER_EMAIL": "env@example.com"})},
		{"$EMAIL when no email is configured", merge(configVars("user.name", "U"), map[string]string{"EMAIL": "  mail@example.com  "})},
		{"$EMAIL not looked at once an email key is set", merge(configVars("user.name", "U", "committer.email", "c@example.com"),
			map[string]string{"EMAIL": "mail@example.com"})},
		{"an author name only: the committer's is empty", configVars("author.name", "A", "user.email", "u@example.com")},
		{"user.useConfigOnly ignores $EMAIL", merge(configVars("user.useConfigOnly", "true", "user.name", "U"),
			map[string]string{"EMAIL": "mail@example.com"})},
		{"user.useConfigOnly with the email configured", configVars("user.useConfigOnly", "true", "user.name", "U", "user.email", "u@example.com")},
		{"user.useConfigOnly without a name", merge(configVars("user.useConfigOnly", "true", "user.email", "u@example.com"),
			map[string]string{"GIT_COMMITTER_NAME": "C"})},
		{"empty user.name", merge(configVars("user.email", "u@example.com"), map[string]string{"GIT_CONFIG_PARAMETERS": "'user.name'=''"})},
		{"user.name without a value", merge(configVars("user.email", "u@example.com"), map[string]string{"GIT_CONFIG_PARAMETERS": "'user.name'"})},
		// set, to nothing: the variable counts, as in git (refused, or an empty email)
		{"GIT_AUTHOR_NAME set to nothing", merge(configVars("user.name", "U", "user.email", "u@example.com"),
			map[string]string{"GIT_AUTHOR_NAME": setEmpty})},
		{"GIT_COMMITTER_NAME set to nothing", merge(configVars("user.name", "U", "user.email", "u@example.com"),
			map[string]string{"GIT_COMMITTER_NAME": setEmpty})},
		{"GIT_AUTHOR_EMAIL set to nothing", merge(configVars("user.name", "U", "user.email", "u@example.com"),
			map[string]string{"GIT_AUTHOR_EMAIL": setEmpty})},
		{"GIT_COMMITTER_EMAIL set to nothing", merge(configVars("user.name", "U", "user.email", "u@example.com"),
			map[string]string{"GIT_COMMITTER_EMAIL": setEmpty})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := OpenWithEnv(dir, l.getenv(tc.env))
			mustNoErr(t, err)
			ga, gc, gitErr := gitCommitIdents(l, dir, tc.env)
			a, c, err := r.Identity(l.getenv(tc.env), l.environ(tc.env), testNow)
			switch {
			case gitErr != nil && strings.Contains(gitErr.Error(), "missing value"):
				if err == nil || !strings.Contains(err.Error(), "missing value") {
					t.Errorf("git refuses the configuration (%v); Identity: %v", gitErr, err)
				}
			case gitErr != nil:
				if !errors.Is(err, ErrNoIdentity) {
					t.Errorf("git refuses (%v); Identity: %v", gitErr, err)
				}
			case ga.email == "" || gc.email == "":
				if !errors.Is(err, ErrNoIdentity) {
					t.Errorf("git records an empty email; Identity: %v, want ErrNoIdentity", err)
				}
			case err != nil:
				t.Errorf("git commits as %q <%q> / %q <%q>; Identity: %v", ga.name, ga.email, gc.name, gc.email, err)
			case a.Name != ga.name || a.Email != ga.email || c.Name != gc.name || c.Email != gc.email:
				t.Errorf("Identity %q <%q> / %q <%q>; git %q <%q> / %q <%q>",
					a.Name, a.Email, c.Name, c.Email, ga.name, ga.email, gc.name, gc.email)
			}
		})
	}
}

func merge(maps ...map[string]string) map[string]string {
	m := map[string]string{}
	for _, x := range maps {
		for k, v := range x {
			m[k] = v
		}
	}
	return m
}

// dateInputs are GIT_AUTHOR_DATE values: every documented format, zone spellings, values out of
// range, and what git rejects.
var dateInputs = []string{
	"@1700000000 +0900", "1700000000 +0900", "1700000000 -0130", "@1700000000", "1700000000", "@1700000000 +09:00",
	"2025-11-20T10:00:00+09:00", "2025-11-20T01:00:00Z", "2025-11-20 10:00:00 +0900", "2025-11-20T10:00:00 +0900",
	"2025-11-20 10:00:00", "2025-11-20T10:00:00.123456+09:00", "2025-11-20 10:00:00.5", "2025-11-20T10:00",
	"Thu, 20 Nov 2025 10:00:00 +0900", "20 Nov 2025 10:00:00 +0900", "Thu Nov 20 10:00:00 2025 +0900",
	"Thu Nov 20 10:00:00 2025", "Thu, 20 Nov 2025 10:00:00 +0900 (JST)", "Sat, 20 Nov 2025 10:00",
	"Thu, 1 Jan 2026 00:00:00 GMT", "Thu, 1 Jan 2026 00:00:00 UTC", "2025-07-01 12:00 EDT", "2025-07-01 12:00 PST",
	"2025-07-01 12:00 JST", "2025-07-01 12:00 CEST", "2025-07-01 12:00 Z", "2025-07-01 12:00 XYZ",
	"2025.11.20 10:00", "11/20/2025 10:00", "20.11.2025 10:00", "20/11/2025 10:00", "11/20/25 10:00", "20.11.25 10:00",
	"2025/11/20 10:00", "2025-20-11 10:00", "1/2/2025 10:00", "1.2.2025 10:00", "13.2.2025 10:00", "2.13.2025 10:00",
	"2025-11-20 10:00 +09", "2025-11-20 10:00 +09:30", "2025-11-20 10:00 -0930", "2025-11-20 10:00 +2400",
	"2025-11-20 10:00 +0960", "2025-11-20 10:00 +9", "2025-11-20 10:00 -0001", "2025-11-20 10:00:00 1234",
	"20251120T100000Z", "20251120 100000 +0900", "10:00 2025-11-20", "2025-11-20 10:00 pm", "2025-11-20 12:00 am",
	"2025-11-20 12:30 PM", "Nov 20 2025 3:04pm", "2026-02-31 10:00", "2025-11-20 24:00:00", "2025-11-20 23:59:60",
	"2025-11-20 25:00", "2025-11-20 10:60", "2100-01-01 00:00 +0000", "2099-12-31 23:59:59 +0000",
	"1970-01-01 00:00:00 +0000", "1969-12-31 23:59:59 +0000", "1970-01-01 00:00:00 +0100", "Nov 2025 10:00 +0000",
	"11/20/2090 10:00", "10:00 11/20/2090", "2090-11-20 10:00", "20.11.2090 10:00",
	"yesterday", "now", "2025-11-20", "10:00", "12345", "next tuesday", "garbage 2025-11-20 junk 10:00 more",
	"@0 +0000", "@0 +0999", "@123 + 900", "@4102444800 +0000", "@99999999999 +0000", "@99999999999999999999 +0000",
	"2025-11-20\n10:00", "Mar 3 2025 10:00 am", "3 March 2025 10:00", "March 2025 3 10:00", "Thursday 2025-11-20 10:00",
	"2025-11-20 10:00 CST", "2025-11-20 10:00 MST7MDT", "2025-11-20T10:00:00.5Z", "10:00:00.5 2025-11-20",
}

// gitVarIdent is the author identity git would commit with: `git var GIT_AUTHOR_IDENT` formats it
// as `git commit` does.
func gitVarIdent(l *lab, dir string, env map[string]string) (gitIdent, error) {
	out, err := l.run(dir, env, "var", "GIT_AUTHOR_IDENT")
	if err != nil {
		return gitIdent{}, err
	}
	id, ok := parseIdentLine(strings.TrimSpace(out))
	if !ok {
		l.t.Fatalf("git var printed %q", out)
	}
	return id, nil
}

// dateRuns numbers the fast-import runs of gitDates.
var dateRuns atomic.Int64

// gitDates is what git records for each of inputs as GIT_AUTHOR_DATE under TZ=tz: the author of
// a commit, or the error git gives. A commit's date and git var's both come from git's parse_date,
// and so does the date of a commit fast-import reads with --date-format=rfc2822: one fast-import
// makes the commits of many inputs, one after another, and dies on the first date it refuses; the
// next one starts after it. An input with a line break cannot be a fast-import line: git var
// parses it.
func gitDates(l *lab, dir, tz string, inputs []string) ([]gitIdent, []error) {
	ids, errs := make([]gitIdent, len(inputs)), make([]error, len(inputs))
	env := map[string]string{"TZ": tz}
	var marks []int // inputs whose commit cat-file reads
	var names strings.Builder
	for i := 0; i < len(inputs); {
		if strings.Contains(inputs[i], "\n") {
			ids[i], errs[i] = gitVarIdent(l, dir, merge(env, map[string]string{"GIT_AUTHOR_DATE": inputs[i],
				"GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.com"}))
			i++
			continue
		}
		var stream strings.Builder
		end := i
		branch := fmt.Sprintf("refs/heads/dates-%d", dateRuns.Add(1)) // a new branch: no run builds on another's
		for ; end < len(inputs) && !strings.Contains(inputs[end], "\n"); end++ {
			fmt.Fprintf(&stream, "commit %s\nmark :%d\nauthor A <a@example.com> %s\ncommitter C <c@example.com> %s\ndata 0\n\nget-mark :%d\n",
				branch, end+1, inputs[end], inputs[end], end+1)
		}
		// unpackLimit=0: the commits stay in fast-import's pack, with no unpack-objects run.
		cmd := l.command(dir, env, "-c", "fastimport.unpackLimit=0", "fast-import", "--quiet", "--date-format=rfc2822")
		cmd.Stdin = strings.NewReader(stream.String())
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			l.t.Fatal(err)
		}
		for _, h := range strings.Fields(string(out)) {
			names.WriteString(h + "\n")
			marks = append(marks, i)
			i++
		}
		if err == nil {
			if i != end {
				l.t.Fatalf("git fast-import made %d commits of %d:\n%s", i-len(marks), end, &stderr)
			}
			continue
		}
		if !strings.Contains(stderr.String(), "Invalid rfc2822 date") || i >= end {
			l.t.Fatalf("git fast-import failed on %q: %v\n%s", inputs[min(i, end-1)], err, &stderr)
		}
		errs[i] = errors.New(strings.TrimSpace(stderr.String()))
		i++
	}
	if len(marks) == 0 {
		return ids, errs
	}
	cmd := l.command(dir, nil, "cat-file", "--batch")
	cmd.Stdin = strings.NewReader(names.String())
	out, err := cmd.Output()
	if err != nil {
		l.t.Fatalf("git cat-file --batch: %v", err)
	}
	k := 0
	for _, line := range strings.Split(string(out), "\n") {
		if rest, ok := strings.CutPrefix(line, "author "); ok {
			if k >= len(marks) {
				l.t.Fatalf("git cat-file --batch printed more commits than asked for")
			}
			id, ok := parseIdentLine(rest)
			if !ok {
				l.t.Fatalf("commit author %q", rest)
			}
			ids[marks[k]] = id
			k++
		}
	}
	if k != len(marks) {
		l.t.Fatalf("git cat-file --batch printed %d commits of %d", k, len(marks))
	}
	return ids, errs
}

func TestParseDateLikeGit(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	dir := l.repo("r")
	zones := []string{"America/New_York", "Asia/Tokyo"}
	if !testenv.Full() {
		zones = zones[:1] // the quick tier reads local times in one zone (with summer time)
	}
	for _, tz := range zones {
		loc, err := time.LoadLocation(tz)
		if err != nil {
			t.Logf("no zone %s: %v", tz, err)
			continue
		}
		inputs := dateInputs
		if !testenv.Full() {
			inputs = nil // the quick tier takes every other input
			for i := 0; i < len(dateInputs); i += 2 {
				inputs = append(inputs, dateInputs[i])
			}
		}
		gitIDs, gitErrs := gitDates(l, dir, tz, inputs)
		for i, in := range inputs {
			env := map[string]string{"TZ": tz, "GIT_AUTHOR_DATE": in, "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.com",
				"GIT_COMMITTER_NAME": "C", "GIT_COMMITTER_EMAIL": "c@example.com"}
			ga, gitErr := gitIDs[i], gitErrs[i]
			if i < testenv.Inputs(2, 12) {
				// A few through a real commit too, which must record what fast-import does.
				ca, _, commitErr := gitCommitIdents(l, dir, env)
				if (commitErr == nil) != (gitErr == nil) || ca.unix != ga.unix || ca.zone != ga.zone {
					t.Fatalf("TZ=%s %q: git commit records %d %s (%v), fast-import %d %s (%v)", tz, in,
						ca.unix, ca.zone, commitErr, ga.unix, ga.zone, gitErr)
				}
			}
			// git compares month-first and day-first dates with the clock; so does the test.
			got, err := ParseDate(in, time.Now().In(loc))
			switch {
			case gitErr != nil:
				if !errors.Is(err, ErrBadDate) {
					t.Errorf("TZ=%s %q: git rejects it (%v); ParseDate = %v, %v", tz, in, gitErr, got, err)
				}
			case ga.unix > 1<<62:
				// git records a date before 1970 as a huge unsigned number; pm refuses it.
				if !errors.Is(err, ErrBadDate) {
					t.Errorf("TZ=%s %q: git records %d; ParseDate = %v, %v, want ErrBadDate", tz, in, ga.unix, got, err)
				}
			case err != nil:
				t.Errorf("TZ=%s %q: git records %d %s; ParseDate: %v", tz, in, ga.unix, ga.zone, err)
			default:
				if zone := got.Format("-0700"); uint64(got.Unix()) != ga.unix || zone != ga.zone {
					t.Errorf("TZ=%s %q: ParseDate = %d %s, git records %d %s", tz, in, got.Unix(), zone, ga.unix, ga.zone)
				}
			}
		}
	}
}

// TestParseDateAtSummerTimeChanges: a local time the clocks skip (spring forward) or pass twice
// (fall back), read as git reads it (its mktime: a skipped time is taken in the offset before the
// change), in zones of both hemispheres.
func TestParseDateAtSummerTimeChanges(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	dir := l.repo("r")
	for tz, inputs := range map[string][]string{
		"America/New_York": {"2026-03-08 02:30:00", "2026-03-08 02:00:00", "2026-03-08 01:59:59", "2026-03-08 03:00:00",
			"2026-11-01 01:30:00", "2026-11-01 00:59:59", "2026-11-01 02:00:00"},
		"Europe/London":    {"2026-03-29 01:30:00", "2026-10-25 01:30:00"},
		"Australia/Sydney": {"2026-10-04 02:30:00", "2026-04-05 02:30:00"},
	} {
		loc, err := time.LoadLocation(tz)
		if err != nil {
			t.Skipf("zone %s: %v", tz, err)
		}
		ids, errs := gitDates(l, dir, tz, inputs)
		for i, in := range inputs {
			if errs[i] != nil {
				t.Fatalf("TZ=%s %q: git: %v", tz, in, errs[i])
			}
			got, err := ParseDate(in, time.Now().In(loc))
			if err != nil {
				t.Errorf("TZ=%s %q: %v", tz, in, err)
				continue
			}
			if zone := got.Format("-0700"); uint64(got.Unix()) != ids[i].unix || zone != ids[i].zone {
				t.Errorf("TZ=%s %q: ParseDate = %d %s, git records %d %s", tz, in, got.Unix(), zone, ids[i].unix, ids[i].zone)
			}
		}
	}
}
