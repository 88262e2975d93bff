package gitrepo

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var testNow = time.Date(2026, 11, 20, 10, 0, 0, 0, time.FixedZone("JST", 9*3600))

func TestIdentityNoneConfigured(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	_, _, err := f.repo.Identity(f.getenv, nil, testNow)
	wantErr(t, err, ErrNoIdentity)
	for _, want := range []string{"user.name", `git config --global user.email "you@example.com"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}

	// Only a name is not enough either.
	appendFile(t, filepath.Join(f.home, ".gitconfig"), "[user]\n\tname = Only Name\n")
	_, _, err = f.repo.Identity(f.getenv, nil, testNow)
	wantErr(t, err, ErrNoIdentity)
	if !strings.Contains(err.Error(), "user.email") {
		t.Errorf("error %q does not name the missing user.email", err)
	}
	// $EMAIL completes it, as in git.
	f.env["EMAIL"] = "env@example.com"
	a, _, err := f.repo.Identity(f.getenv, nil, testNow)
	mustNoErr(t, err)
	if a.Email != "env@example.com" {
		t.Errorf("email = %q, want $EMAIL", a.Email)
	}
}

func TestIdentityPriority(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	sys := filepath.Join(t.TempDir(), "gitconfig")
	appendFile(t, sys, "[user]\n\tname = System\n\temail = system@example.com\n")
	appendFile(t, filepath.Join(f.home, ".config", "git", "config"), "[user]\n\tname = XDG\n\temail = xdg@example.com\n")
	appendFile(t, filepath.Join(f.home, ".gitconfig"), "[user]\n\tname = Global\n\temail = global@example.com\n")
	appendFile(t, filepath.Join(f.repo.CommonDir(), "config"), "[user]\n\tname = Repo\n")

	tests := []struct {
		name           string
		env            map[string]string
		author, commit string // "Name <email>"
	}{
		{"repo over global, global email", nil, "Repo <global@example.com>", "Repo <global@example.com>"},
		{"env over repo", map[string]string{"GIT_AUTHOR_NAME": "Env", "GIT_COMMITTER_EMAIL": "c@example.com"},
			"Env <global@example.com>", "Repo <c@example.com>"},
		{"GIT_CONFIG_GLOBAL replaces both global files", map[string]string{"GIT_CONFIG_GLOBAL": "/nonexistent"},
			"", ""}, // repo name, no email anywhere: error
		{"system used when no global", map[string]string{"GIT_CONFIG_GLOBAL": "/nonexistent", "GIT_CONFIG_NOSYSTEM": "", "GIT_CONFIG_SYSTEM": sys},
			"Repo <system@example.com>", "Repo <system@example.com>"},
		{"GIT_CONFIG_NOSYSTEM skips system", map[string]string{"GIT_CONFIG_GLOBAL": "/nonexistent", "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_SYSTEM": sys},
			"", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := func(k string) string {
				if v, ok := tc.env[k]; ok {
					return v
				}
				return f.env[k]
			}
			a, c, err := f.repo.Identity(env, nil, testNow)
			if tc.author == "" {
				wantErr(t, err, ErrNoIdentity)
				return
			}
			mustNoErr(t, err)
			if got := a.Name + " <" + a.Email + ">"; got != tc.author {
				t.Errorf("author = %q, want %q", got, tc.author)
			}
			if got := c.Name + " <" + c.Email + ">"; got != tc.commit {
				t.Errorf("committer = %q, want %q", got, tc.commit)
			}
			if !a.When.Equal(testNow) || !c.When.Equal(testNow) {
				t.Errorf("dates = %v, %v; want now", a.When, c.When)
			}
		})
	}

	// .gitconfig is read after the XDG file, so it wins; without it, XDG applies.
	mustNoErr(t, os.Remove(filepath.Join(f.home, ".gitconfig")))
	a, _, err := f.repo.Identity(f.getenv, nil, testNow)
	mustNoErr(t, err)
	if a.Email != "xdg@example.com" {
		t.Errorf("email = %q, want the XDG config's", a.Email)
	}
	// author.* beats user.* wherever it is set, as in git.
	appendFile(t, filepath.Join(f.home, ".config", "git", "config"), "[author]\n\tname = Author Key\n")
	a, c, err := f.repo.Identity(f.getenv, nil, testNow)
	mustNoErr(t, err)
	if a.Name != "Author Key" || c.Name != "Repo" {
		t.Errorf("author %q committer %q, want Author Key and Repo", a.Name, c.Name)
	}
}

func TestIdentityDatesAndCommit(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	appendFile(t, filepath.Join(f.repo.CommonDir(), "config"), "[user]\n\tname = Hanako Yamada\n\temail = hanako@example.com\n")
	f.env["GIT_AUTHOR_DATE"] = "@1700000000 +0900"
	f.env["GIT_COMMITTER_DATE"] = "2026-11-20 10:00:00 -0500"
	a, c, err := f.repo.Identity(f.getenv, nil, testNow)
	mustNoErr(t, err)
	f.write("a.md", "a\n")
	_, err = f.repo.CommitOnly([]string{"a.md"}, "dated", a, c)
	mustNoErr(t, err)
	got := f.git(f.root, "log", "-1", "--format=%an <%ae> %ad|%cn <%ce> %cd", "--date=raw")
	want := "Hanako Yamada <hanako@example.com> 1700000000 +0900|Hanako Yamada <hanako@example.com> 1795186800 -0500"
	if got != want {
		t.Errorf("git log = %q, want %q", got, want)
	}

	f.env["GIT_AUTHOR_DATE"] = "next tuesday"
	_, _, err = f.repo.Identity(f.getenv, nil, testNow)
	wantErr(t, err, ErrBadDate)
}

func TestParseDate(t *testing.T) {
	t.Parallel()
	jst := time.FixedZone("", 9*3600)
	tests := []struct {
		in     string
		unix   int64
		offset int // seconds east of UTC
	}{
		{"@1700000000 +0900", 1700000000, 9 * 3600},
		{"1700000000 +0900", 1700000000, 9 * 3600},
		{"1700000000 -0130", 1700000000, -90 * 60},
		{"@1700000000", 1700000000, 9 * 3600}, // no zone: local time, as git
		{"2026-11-20T10:00:00+09:00", 1795136400, 9 * 3600},
		{"2026-11-20T01:00:00Z", 1795136400, 0},
		{"2026-11-20 10:00:00 +0900", 1795136400, 9 * 3600},
		{"2026-11-20T10:00:00 +0900", 1795136400, 9 * 3600},
		{"Fri, 20 Nov 2026 10:00:00 +0900", 1795136400, 9 * 3600},
		{"20 Nov 2026 10:00:00 +0900", 1795136400, 9 * 3600},
		{"Fri Nov 20 10:00:00 2026 +0900", 1795136400, 9 * 3600},
		{"2026-11-20 10:00:00", 1795136400, 9 * 3600}, // no zone: the caller's location
	}
	for _, tc := range tests {
		got, err := ParseDate(tc.in, testNow.In(jst))
		if err != nil {
			t.Errorf("ParseDate(%q): %v", tc.in, err)
			continue
		}
		_, off := got.Zone()
		if got.Unix() != tc.unix || off != tc.offset {
			t.Errorf("ParseDate(%q) = %d %+d, want %d %+d", tc.in, got.Unix(), off, tc.unix, tc.offset)
		}
	}
	for _, bad := range []string{"", "yesterday", "2026-13-40", "12345"} {
		if _, err := ParseDate(bad, testNow.In(jst)); err == nil {
			t.Errorf("ParseDate(%q) succeeded, want ErrBadDate", bad)
		}
	}
}

func TestParseConfig(t *testing.T) {
	t.Parallel()
	src := "\uFEFF# comment\n" +
		"[User]\n" +
		"\tName = \"  Hanako \\\"H\\\" Yamada  \" ; trailing comment\n" +
		"\temail=hanako@example.com# no space before comment\n" +
		"[commit]\n\tgpgSign\n" +
		"[remote \"Origin\"]\n\turl = a \\\n  b\n" +
		"[core] filemode = false\n" +
		"[section.Sub]\n\tkey = internal   spaces kept  \n"
	entries, err := parseConfig(src)
	mustNoErr(t, err)
	var got []string
	for _, e := range entries {
		if e.noValue {
			got = append(got, e.key+" (no value)")
			continue
		}
		got = append(got, e.key+"="+e.value)
	}
	want := []string{
		`user.name=  Hanako "H" Yamada  `,
		"user.email=hanako@example.com",
		"commit.gpgsign (no value)",
		"remote.Origin.url=a   b",
		"core.filemode=false",
		"section.sub.key=internal   spaces kept",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("parsed:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, bad := range []string{"key = outside\n", "[unterminated\n", "[s]\nk = \"open\n", "[s]\nk = bad \\q escape\n"} {
		if _, err := parseConfig(bad); err == nil {
			t.Errorf("parseConfig(%q) succeeded, want an error", bad)
		}
	}
}

func TestConfigInclude(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	dir := filepath.Join(f.home, "inc")
	appendFile(t, filepath.Join(dir, "identity"), "[user]\n\tname = Included\n\temail = inc@example.com\n")
	appendFile(t, filepath.Join(f.home, ".gitconfig"), "[user]\n\tname = Before\n[include]\n\tpath = inc/identity\n[user]\n\temail = after@example.com\n")
	a, _, err := f.repo.Identity(f.getenv, nil, testNow)
	mustNoErr(t, err)
	if a.Name != "Included" || a.Email != "after@example.com" {
		t.Errorf("identity = %s <%s>, want Included <after@example.com>", a.Name, a.Email)
	}
}
