package gitrepo

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// configCase is a configuration set up in a lab, and the folder and environment git and pm read it
// from.
type configCase struct {
	name  string
	build func(l *lab) (dir string, env map[string]string)
}

func (l *lab) global(text string) { appendFile(l.t, l.path(".gitconfig"), text) }

var configCases = []configCase{
	{"GIT_CONFIG_GLOBAL and GIT_CONFIG_SYSTEM set to /dev/null, as CI jobs do", func(l *lab) (string, map[string]string) {
		r := l.repo("r")
		l.global("[user]\n\tname = Not Read\n")
		appendFile(l.t, filepath.Join(r, ".git", "config"), "[user]\n\tname = Repo\n\temail = repo@example.com\n")
		return r, map[string]string{"GIT_CONFIG_GLOBAL": os.DevNull, "GIT_CONFIG_SYSTEM": os.DevNull}
	}},
	{"include.path relative, ~ and absolute", func(l *lab) (string, map[string]string) {
		r := l.repo("r")
		l.write(l.home, "inc/a", "[user]\n\tname = A\n[include]\n\tpath = b\n")
		l.write(l.home, "inc/b", "[user]\n\temail = b@example.com\n")
		l.write(l.home, "inc/c", "[x]\n\tc = c\n")
		l.global("[include]\n\tpath = inc/a\n[include]\n\tpath = ~/inc/c\n[include]\n\tpath = " + l.path("inc", "missing") + "\n")
		return r, nil
	}},
	{"includeIf gitdir:~/work/, the typical case", func(l *lab) (string, map[string]string) {
		r := l.repo("work/project")
		l.write(l.home, ".gitconfig-work", "[user]\n\temail = me@work.example\n[commit]\n\tgpgsign = true\n")
		l.global("[user]\n\tname = Me\n\temail = me@home.example\n[includeIf \"gitdir:~/work/\"]\n\tpath = ~/.gitconfig-work\n")
		return filepath.Join(r, "postmortems"), nil
	}},
	{"includeIf gitdir:~/work/ elsewhere", func(l *lab) (string, map[string]string) {
		r := l.repo("play/project")
		l.write(l.home, ".gitconfig-work", "[user]\n\temail = me@work.example\n")
		l.global("[user]\n\temail = me@home.example\n[includeIf \"gitdir:~/work/\"]\n\tpath = ~/.gitconfig-work\n")
		return r, nil
	}},
	{"gitdir patterns: no leading slash, exact .git, wildcards, no match", func(l *lab) (string, map[string]string) {
		r := l.repo("src/team/project")
		for i, cond := range []string{"gitdir:team/", "gitdir:" + filepath.Join(r, ".git"), "gitdir:~/src/*/project/.git",
			"gitdir:~/src/**/.git", "gitdir:project", "gitdir:~/src/t?am/", "gitdir:~/src/[st]eam/", "gitdir:" + r,
			"gitdir:~/SRC/", "unknown:x", "gitdir:"} {
			f := l.path("inc", string(rune('a'+i)))
			l.write(l.home, "inc/"+string(rune('a'+i)), "[t]\n\tv"+string(rune('a'+i))+" = yes\n")
			l.global("[includeIf \"" + cond + "\"]\n\tpath = " + f + "\n")
		}
		return r, nil
	}},
	{"gitdir/i: ignores case", func(l *lab) (string, map[string]string) {
		r := l.repo("Work/Project")
		l.write(l.home, "i", "[t]\n\ti = yes\n")
		l.write(l.home, "s", "[t]\n\ts = yes\n")
		l.global("[includeIf \"gitdir/i:~/work/project/\"]\n\tpath = ~/i\n[includeIf \"gitdir:~/work/project/\"]\n\tpath = ~/s\n")
		return r, nil
	}},
	{"gitdir:./ relative to the including file", func(l *lab) (string, map[string]string) {
		r := l.repo("cfg/repos/r")
		l.write(l.home, "cfg/global", "[includeIf \"gitdir:./repos/\"]\n\tpath = inc\n")
		l.write(l.home, "cfg/inc", "[t]\n\trel = yes\n")
		return r, map[string]string{"GIT_CONFIG_GLOBAL": l.path("cfg", "global")}
	}},
	{"gitdir through a symlinked folder, at the root", func(l *lab) (string, map[string]string) {
		l.repo("real/r")
		mustNoErr(l.t, os.Symlink(l.path("real"), l.path("link")))
		l.write(l.home, "viaLink", "[t]\n\tlink = yes\n")
		l.write(l.home, "viaReal", "[t]\n\treal = yes\n")
		l.global("[includeIf \"gitdir:~/link/\"]\n\tpath = ~/viaLink\n[includeIf \"gitdir:~/real/\"]\n\tpath = ~/viaReal\n")
		return l.path("link", "r"), nil
	}},
	{"gitdir through a symlinked folder, in a subfolder", func(l *lab) (string, map[string]string) {
		l.repo("real/r")
		mustNoErr(l.t, os.Symlink(l.path("real"), l.path("link")))
		l.write(l.home, "viaLink", "[t]\n\tlink = yes\n")
		l.write(l.home, "viaReal", "[t]\n\treal = yes\n")
		l.global("[includeIf \"gitdir:~/link/\"]\n\tpath = ~/viaLink\n[includeIf \"gitdir:~/real/\"]\n\tpath = ~/viaReal\n")
		return l.path("link", "r", "postmortems"), nil
	}},
	{"gitdir with GIT_DIR through a symlink", func(l *lab) (string, map[string]string) {
		l.repo("real/r")
		mustNoErr(l.t, os.Symlink(l.path("real"), l.path("link")))
		l.write(l.home, "viaLink", "[t]\n\tlink = yes\n")
		l.global("[includeIf \"gitdir:~/link/\"]\n\tpath = ~/viaLink\n")
		return l.path("real", "r", "postmortems"), map[string]string{"GIT_DIR": l.path("link", "r", ".git"), "GIT_WORK_TREE": l.path("link", "r")}
	}},
	{"gitdir of a linked worktree", func(l *lab) (string, map[string]string) {
		r := l.repo("main")
		l.git(r, "worktree", "add", "-q", "-b", "side", l.path("wt"))
		l.write(l.home, "w", "[t]\n\twt = yes\n")
		l.write(l.home, "m", "[t]\n\tmain = yes\n")
		l.global("[includeIf \"gitdir:**/.git/worktrees/wt\"]\n\tpath = ~/w\n[includeIf \"gitdir:~/main/\"]\n\tpath = ~/m\n")
		return l.path("wt"), nil
	}},
	{"onbranch", func(l *lab) (string, map[string]string) {
		r := l.repo("r")
		// As git switch -c feature/x leaves HEAD: on a new branch at the same commit.
		l.write(r, ".git/refs/heads/feature/x", l.head(r)+"\n")
		l.write(r, ".git/HEAD", "ref: refs/heads/feature/x\n")
		for i, cond := range []string{"onbranch:feature/", "onbranch:feature/*", "onbranch:main", "onbranch:feat*", "onbranch:*/x", "onbranch:feature"} {
			c := string(rune('a' + i))
			l.write(l.home, "inc/"+c, "[t]\n\t"+c+" = yes\n")
			l.global("[includeIf \"" + cond + "\"]\n\tpath = ~/inc/" + c + "\n")
		}
		return r, nil
	}},
	{"onbranch on an unborn branch", func(l *lab) (string, map[string]string) {
		l.init("u", "-b", "fresh")
		l.write(l.home, "inc", "[t]\n\tunborn = yes\n")
		l.global("[includeIf \"onbranch:fresh\"]\n\tpath = ~/inc\n")
		return l.path("u"), nil
	}},
	{"onbranch with a detached HEAD", func(l *lab) (string, map[string]string) {
		r := l.repo("r")
		l.git(r, "switch", "-q", "--detach")
		l.write(l.home, "inc", "[t]\n\tdetached = yes\n")
		l.global("[includeIf \"onbranch:**\"]\n\tpath = ~/inc\n")
		return r, nil
	}},
	{"onbranch in the repository's config", func(l *lab) (string, map[string]string) {
		r := l.repo("r")
		l.write(l.home, "inc", "[user]\n\temail = branch@example.com\n")
		appendFile(l.t, filepath.Join(r, ".git", "config"), "[includeIf \"onbranch:main\"]\n\tpath = "+l.path("inc")+"\n")
		return r, nil
	}},
	{"hasconfig:remote.*.url", func(l *lab) (string, map[string]string) {
		r := l.repo("r")
		l.config(filepath.Join(r, ".git"), "remote.origin.url", "https://github.com/acme/pm.git", // as git remote add writes it
			"remote.origin.fetch", "+refs/heads/*:refs/remotes/origin/*")
		l.write(l.home, "acme", "[user]\n\temail = me@acme.example\n[include]\n\tpath = more\n")
		l.write(l.home, "more", "[t]\n\tmore = yes\n")
		l.write(l.home, "other", "[t]\n\tother = yes\n")
		l.global("[includeIf \"hasconfig:remote.*.url:https://github.com/acme/**\"]\n\tpath = ~/acme\n" +
			"[includeIf \"hasconfig:remote.*.url:git@github.com:*/**\"]\n\tpath = ~/other\n")
		return r, nil
	}},
	{"hasconfig: a URL set later in the configuration counts", func(l *lab) (string, map[string]string) {
		r := l.repo("r")
		l.write(l.home, "acme", "[t]\n\tlater = yes\n")
		l.global("[includeIf \"hasconfig:remote.*.url:*acme*\"]\n\tpath = ~/acme\n")
		return r, map[string]string{"GIT_CONFIG_PARAMETERS": "'remote.x.url'='https://acme.example/r'"}
	}},
	{"hasconfig: the included file may not set a remote URL", func(l *lab) (string, map[string]string) {
		r := l.repo("r")
		l.config(filepath.Join(r, ".git"), "remote.origin.url", "https://github.com/acme/pm.git", // as git remote add writes it
			"remote.origin.fetch", "+refs/heads/*:refs/remotes/origin/*")
		l.write(l.home, "acme", "[remote \"more\"]\n\turl = https://example.com/x\n")
		l.global("[includeIf \"hasconfig:remote.*.url:https://github.com/acme/**\"]\n\tpath = ~/acme\n")
		return r, nil
	}},
	{"hasconfig: no file included by includeIf may set a remote URL", func(l *lab) (string, map[string]string) {
		r := l.repo("r")
		l.write(l.home, "g", "[remote \"origin\"]\n\turl = https://example.com/x\n")
		l.write(l.home, "h", "[t]\n\th = yes\n")
		l.global("[includeIf \"gitdir:~/\"]\n\tpath = ~/g\n[includeIf \"hasconfig:remote.*.url:nothing\"]\n\tpath = ~/h\n")
		return r, nil
	}},
	{"include cycle", func(l *lab) (string, map[string]string) {
		r := l.repo("r")
		l.write(l.home, "a", "[include]\n\tpath = b\n")
		l.write(l.home, "b", "[include]\n\tpath = a\n")
		l.global("[include]\n\tpath = a\n")
		return r, nil
	}},
	{"includes ten deep", func(l *lab) (string, map[string]string) {
		r := l.repo("r")
		for i := 1; i < 10; i++ {
			l.write(l.home, "d/"+string(rune('0'+i)), "[include]\n\tpath = "+string(rune('0'+i+1))+"\n")
		}
		l.write(l.home, "d/:", "[t]\n\tdeep = yes\n")
		l.global("[include]\n\tpath = d/1\n")
		return r, nil
	}},
	{"include.path without a value", func(l *lab) (string, map[string]string) {
		r := l.repo("r")
		l.global("[include]\n\tpath\n")
		return r, nil
	}},
	{"include.path empty: the including file's folder, which git cannot read", func(l *lab) (string, map[string]string) {
		r := l.repo("r")
		l.global("[include]\n\tpath =\n")
		return r, nil
	}},
	{"GIT_CONFIG_GLOBAL relative, with a relative include", func(l *lab) (string, map[string]string) {
		r := l.repo("r")
		l.write(r, "cfg/g", "[include]\n\tpath = inc\n")
		l.write(r, "cfg/inc", "[user]\n\tname = From Relative Global\n")
		mustNoErr(l.t, os.WriteFile(l.path(".gitconfig"), []byte("[user]\n\tname = Not Read\n"), 0o644))
		return filepath.Join(r, "postmortems"), map[string]string{"GIT_CONFIG_GLOBAL": "cfg/g"}
	}},
	{"command line: GIT_CONFIG_COUNT, then GIT_CONFIG_PARAMETERS, with an include", func(l *lab) (string, map[string]string) {
		r := l.repo("r")
		l.write(l.home, "inc", "[t]\n\tfromcmdline = yes\n")
		return r, map[string]string{
			"GIT_CONFIG_COUNT": "2", "GIT_CONFIG_KEY_0": "User.Email", "GIT_CONFIG_VALUE_0": "count@example.com",
			"GIT_CONFIG_KEY_1": "include.path", "GIT_CONFIG_VALUE_1": l.path("inc"),
			"GIT_CONFIG_PARAMETERS": `'user.name'='It'\''s Me' 'Sub.Sec.Key'='v' 'old.style=a=b' 'flag.on' 'x.y'=`,
		}
	}},
	{"command line: a relative include is an error", func(l *lab) (string, map[string]string) {
		return l.repo("r"), map[string]string{"GIT_CONFIG_PARAMETERS": "'include.path'='inc'"}
	}},
	{"command line: a malformed parameter is an error", func(l *lab) (string, map[string]string) {
		return l.repo("r"), map[string]string{"GIT_CONFIG_PARAMETERS": "'user.name'=unquoted"}
	}},
	{"XDG config, then ~/.gitconfig", func(l *lab) (string, map[string]string) {
		r := l.repo("r")
		l.write(l.home, ".config/git/config", "[user]\n\tname = XDG\n\temail = xdg@example.com\n")
		l.global("[user]\n\tname = Home\n")
		return r, nil
	}},
	{"system config", func(l *lab) (string, map[string]string) {
		r := l.repo("r")
		l.write(l.home, "etc/gitconfig", "[user]\n\tname = System\n[include]\n\tpath = sys-inc\n")
		l.write(l.home, "etc/sys-inc", "[t]\n\tsys = yes\n")
		return r, map[string]string{"GIT_CONFIG_NOSYSTEM": "", "GIT_CONFIG_SYSTEM": l.path("etc", "gitconfig")}
	}},
	{"config.worktree with includeIf", func(l *lab) (string, map[string]string) {
		r := l.repo("r")
		l.git(r, "worktree", "add", "-q", "-b", "side", l.path("wt"))
		l.config(filepath.Join(r, ".git"), "extensions.worktreeConfig", "true")
		l.write(l.home, "inc", "[t]\n\twt = yes\n")
		setConfig(l.t, filepath.Join(r, ".git", "worktrees", "wt", "config.worktree"), "includeIf.onbranch:side.path", l.path("inc"))
		return l.path("wt"), nil
	}},
}

// gitConfigList is `git config --list --show-origin` run in dir: every entry in order.
func gitConfigList(l *lab, dir string, env map[string]string) ([]configEntry, error) {
	out, err := l.run(dir, env, "config", "--list", "--show-origin", "-z")
	if err != nil {
		return nil, err
	}
	top := dir
	if t, err := l.run(dir, env, "rev-parse", "--show-toplevel"); err == nil {
		top = strings.TrimSpace(t)
	}
	fields := strings.Split(out, "\x00")
	var list []configEntry
	for i := 0; i+1 < len(fields); i += 2 {
		origin, kv := fields[i], fields[i+1]
		e := configEntry{}
		if o, ok := strings.CutPrefix(origin, "file:"); ok {
			e.origin = realPath(absFrom(top, o))
		}
		var hasValue bool
		e.key, e.value, hasValue = strings.Cut(kv, "\n")
		e.noValue = !hasValue
		list = append(list, e)
	}
	return list, nil
}

func TestConfigLikeGit(t *testing.T) {
	t.Parallel()
	var names []string
	for _, tc := range configCases {
		names = append(names, tc.name)
	}
	// Of each family one: include paths, includeIf gitdir (its patterns; through a symlink),
	// onbranch, hasconfig, an include error, each other source of configuration (command line,
	// XDG and global, system, worktree). TestTypicalWorkIdentity has the typical includeIf.
	quick := quickCases(t, names, "include.path relative, ~ and absolute",
		"gitdir patterns: no leading slash, exact .git, wildcards, no match",
		"gitdir through a symlinked folder, in a subfolder", "onbranch", "hasconfig:remote.*.url", "include cycle",
		"command line: GIT_CONFIG_COUNT, then GIT_CONFIG_PARAMETERS, with an include",
		"XDG config, then ~/.gitconfig", "system config", "config.worktree with includeIf",
		"GIT_CONFIG_GLOBAL and GIT_CONFIG_SYSTEM set to /dev/null, as CI jobs do")
	for _, tc := range configCases {
		t.Run(tc.name, func(t *testing.T) {
			quick.only(t, tc.name)
			t.Parallel()
			l := newLab(t)
			dir, extra := tc.build(l)
			want, gitErr := gitConfigList(l, dir, extra)
			layout, err := Discover(dir, l.getenv(extra))
			mustNoErr(t, err)
			cfg, err := readGitConfig(layout, l.getenv(extra))
			if gitErr != nil {
				if err == nil {
					t.Fatalf("git fails (%v), pm reads the configuration", gitErr)
				}
				if strings.Contains(err.Error(), "\n") {
					t.Errorf("error has more than one line: %q", err)
				}
				t.Logf("git: %v\npm: %v", gitErr, err)
				return
			}
			mustNoErr(t, err)
			var got []configEntry
			for _, e := range cfg.entries {
				if e.origin != "" {
					e.origin = realPath(absFrom(layout.cwd, e.origin))
				}
				e.line = 0 // git config --list does not show it (TestCommitConfigValuesAsGitReadsThem checks it)
				got = append(got, e)
			}
			if len(got) != len(want) {
				t.Errorf("%d entries, git lists %d", len(got), len(want))
			}
			for i := 0; i < len(got) || i < len(want); i++ {
				var g, w configEntry
				if i < len(got) {
					g = got[i]
				}
				if i < len(want) {
					w = want[i]
				}
				if g != w {
					t.Errorf("entry %d: %+v\n             git: %+v", i, g, w)
				}
			}
		})
	}
}

// TestTypicalWorkIdentity is the case that matters most: a work email and commit signing turned on
// through includeIf "gitdir:~/work/": pm takes the email and refuses to commit unsigned.
func TestTypicalWorkIdentity(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	r := l.repo("work/project")
	l.write(l.home, ".gitconfig-work", "[user]\n\temail = me@work.example\n[commit]\n\tgpgsign = true\n")
	l.global("[user]\n\tname = Me\n\temail = me@home.example\n[includeIf \"gitdir:~/work/\"]\n\tpath = ~/.gitconfig-work\n")
	env := l.getenv(nil)
	repo, err := OpenWithEnv(filepath.Join(r, "postmortems"), env)
	mustNoErr(t, err)
	a, c, err := repo.Identity(env, nil, testNow)
	mustNoErr(t, err)
	if a.Email != "me@work.example" || c.Email != "me@work.example" || a.Name != "Me" {
		t.Errorf("identity %s <%s> / <%s>, want Me <me@work.example>", a.Name, a.Email, c.Email)
	}
	l.write(r, "postmortems/b.md", "b\n")
	_, err = repo.CommitOnly([]string{"postmortems/b.md"}, "m", a, c)
	if !errors.Is(err, ErrSigningRequired) {
		t.Errorf("CommitOnly: %v, want ErrSigningRequired", err)
	}
	if got := l.git(r, "rev-list", "--count", "HEAD"); got != "1" {
		t.Errorf("%s commits, want the first one only", got)
	}
}

func TestParseConfigParameters(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		want string // key=value or key (no value), one per line; "error" when malformed
	}{
		{`'a.b'='c'`, "a.b=c"},
		{`'a.b'='c' 'D.E'='f'`, "a.b=c\nd.e=f"},
		{`'a.b'=`, "a.b"},
		{`'a.b'`, "a.b"},
		{`'a.b=c=d'`, "a.b=c=d"},
		{`'A.Sub.B'='x'`, "a.Sub.b=x"},
		{`'a.b'='it'\''s'`, "a.b=it's"},
		{`'a.b'='x\!y'`, `a.b=x\!y`},
		{`'a.b'='c'   'e.f'='g'  `, "a.b=c\ne.f=g"},
		{`'a.b'=c`, "error"},
		{`a.b=c`, "error"},
		{`'a.b'='c`, "error"},
		{`'ab'='c'`, "error"},
		{`'a.1b'='c'`, "error"},
		{`'a.b'x`, "error"},
	} {
		entries, err := parseConfigParameters(tc.in)
		var got []string
		for _, e := range entries {
			if e.noValue {
				got = append(got, e.key)
			} else {
				got = append(got, e.key+"="+e.value)
			}
		}
		g := strings.Join(got, "\n")
		if err != nil {
			g = "error"
		}
		if g != tc.want {
			t.Errorf("parseConfigParameters(%s) = %q (%v), want %q", tc.in, g, err, tc.want)
		}
	}
}
