package gitrepo

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestDubiousOwnershipLikeGit opens a repository that counts as another user's (git's own
// GIT_TEST_ASSUME_DIFFERENT_OWNER) under each way safe.directory can name it or not, from the work
// tree and from a folder below it, and holds pm's answer to git's (`git status`): refused, with
// ErrDubiousOwnership and a message naming the command that trusts it, or opened.
func TestDubiousOwnershipLikeGit(t *testing.T) {
	t.Parallel()
	needGit(t)
	f := newFixture(t)
	f.write("sub/a.md", "a\n")
	root := realPath(f.root)
	global := filepath.Join(f.home, ".gitconfig")
	for _, c := range []struct {
		name   string
		global string            // the global config file
		repo   string            // added to the repository's config
		env    map[string]string // more environment
		from   string            // where git and pm run, under the work tree
		opens  bool
	}{
		{name: "not named", opens: false},
		{name: "named", global: "[safe]\n\tdirectory = " + root + "\n", opens: true},
		{name: "named, from below", global: "[safe]\n\tdirectory = " + root + "\n", from: "sub", opens: true},
		{name: "the folder below named", global: "[safe]\n\tdirectory = " + filepath.Join(root, "sub") + "\n", from: "sub", opens: false},
		{name: "everything", global: "[safe]\n\tdirectory = *\n", opens: true},
		{name: "everything, then forgotten", global: "[safe]\n\tdirectory = *\n\tdirectory =\n", opens: false},
		{name: "forgotten, then named", global: "[safe]\n\tdirectory =\n\tdirectory = " + root + "\n", opens: true},
		{name: "another path", global: "[safe]\n\tdirectory = /elsewhere\n", opens: false},
		{name: "in the repository's own config", repo: "[safe]\n\tdirectory = *\n", opens: false},
		{name: "on the command line", env: map[string]string{"GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "safe.directory", "GIT_CONFIG_VALUE_0": root}, opens: true},
		{name: "GIT_DIR given", env: map[string]string{"GIT_DIR": filepath.Join(root, ".git")}, opens: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			mustNoErr(t, os.WriteFile(global, []byte(c.global), 0o644))
			cfgFile := filepath.Join(f.root, ".git", "config")
			orig, err := os.ReadFile(cfgFile)
			mustNoErr(t, err)
			mustNoErr(t, os.WriteFile(cfgFile, append(append([]byte{}, orig...), c.repo...), 0o644))
			defer os.WriteFile(cfgFile, orig, 0o644)

			env := map[string]string{"GIT_TEST_ASSUME_DIFFERENT_OWNER": "1"}
			for k, v := range f.env {
				env[k] = v
			}
			for k, v := range c.env {
				env[k] = v
			}
			dir := filepath.Join(f.root, c.from)
			git := exec.Command("git", "status", "--porcelain")
			git.Dir = dir
			git.Env = gitEnv(f.home)
			for k, v := range env {
				if k != "HOME" && k != "XDG_CONFIG_HOME" && k != "GIT_CONFIG_NOSYSTEM" {
					git.Env = append(git.Env, k+"="+v)
				}
			}
			out, gitErr := git.CombinedOutput()
			if (gitErr == nil) != c.opens {
				t.Fatalf("git status: %v %s; the case says it opens: %v", gitErr, out, c.opens)
			}
			_, err = OpenWithEnv(dir, func(k string) string { return env[k] })
			switch {
			case c.opens && err != nil:
				t.Errorf("pm refused what git opens: %v", err)
			case !c.opens && !errors.Is(err, ErrDubiousOwnership):
				t.Errorf("pm: %v; want ErrDubiousOwnership, as git refuses it", err)
			case !c.opens && (!errors.Is(err, ErrNotRepository) || !strings.Contains(err.Error(), "safe.directory "+root)):
				t.Errorf("pm's refusal %q does not say how to trust %s", err, root)
			}
		})
	}
}

// TestDubiousOwnershipByOwner changes the owner of a repository to another user (which only root
// can do) and opens it as root: refused as git refuses it, and opened when sudo ran pm for that
// user (SUDO_UID), as git opens it.
func TestDubiousOwnershipByOwner(t *testing.T) {
	t.Parallel()
	needGit(t)
	if os.Geteuid() != 0 {
		t.Skip("only root can give a folder to another user")
	}
	f := newFixture(t)
	const nobody = 65534
	for _, p := range []string{f.root, filepath.Join(f.root, ".git")} {
		mustNoErr(t, os.Chown(p, nobody, nobody))
	}
	for _, c := range []struct {
		sudoUID string
		opens   bool
	}{{"", false}, {strconv.Itoa(nobody), true}, {"1", false}} {
		git := exec.Command("git", "status", "--porcelain")
		git.Dir, git.Env = f.root, gitEnv(f.home)
		if c.sudoUID != "" {
			git.Env = append(git.Env, "SUDO_UID="+c.sudoUID)
		}
		if out, err := git.CombinedOutput(); (err == nil) != c.opens {
			t.Fatalf("SUDO_UID=%q: git status: %v %s; want it to open: %v", c.sudoUID, err, out, c.opens)
		}
		env := map[string]string{"SUDO_UID": c.sudoUID}
		for k, v := range f.env {
			env[k] = v
		}
		_, err := OpenWithEnv(f.root, func(k string) string { return env[k] })
		if (err == nil) != c.opens || (err != nil && !errors.Is(err, ErrDubiousOwnership)) {
			t.Errorf("SUDO_UID=%q: pm %v; git opens it: %v", c.sudoUID, err, c.opens)
		}
	}
}

// TestSafeBareRepository: with safe.bareRepository = explicit in the global or command-line
// configuration, a bare repository found by searching is refused, as git refuses it; "all" and no
// setting let it be found (pm then refuses it as bare, having no work tree to commit in); the
// repository's own setting does not count, and GIT_DIR is always allowed.
func TestSafeBareRepository(t *testing.T) {
	t.Parallel()
	needGit(t)
	f := newEmptyFixture(t)
	bare := filepath.Join(f.root, "bare.git")
	f.git(f.root, "init", "-q", "--bare", bare)
	bare = realPath(bare)
	global := filepath.Join(f.home, ".gitconfig")
	for _, c := range []struct {
		name, global string
		env          map[string]string
		explicit     bool
	}{
		{name: "no setting"},
		{name: "all", global: "[safe]\n\tbareRepository = all\n"},
		{name: "explicit", global: "[safe]\n\tbareRepository = explicit\n", explicit: true},
		{name: "explicit on the command line", env: map[string]string{"GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "safe.bareRepository", "GIT_CONFIG_VALUE_0": "explicit"}, explicit: true},
		{name: "explicit, then all", global: "[safe]\n\tbareRepository = explicit\n\tbareRepository = all\n"},
		{name: "explicit, GIT_DIR given", global: "[safe]\n\tbareRepository = explicit\n", env: map[string]string{"GIT_DIR": bare}},
	} {
		mustNoErr(t, os.WriteFile(global, []byte(c.global), 0o644))
		env := map[string]string{}
		for k, v := range f.env {
			env[k] = v
		}
		for k, v := range c.env {
			env[k] = v
		}
		git := exec.Command("git", "rev-parse", "--git-dir")
		git.Dir, git.Env = bare, gitEnv(f.home)
		for k, v := range c.env {
			git.Env = append(git.Env, k+"="+v)
		}
		out, gitErr := git.CombinedOutput()
		if (gitErr != nil) != c.explicit {
			t.Fatalf("%s: git rev-parse: %v %s; the case says refused: %v", c.name, gitErr, out, c.explicit)
		}
		l, err := Discover(bare, func(k string) string { return env[k] })
		switch {
		case c.explicit && (err == nil || !strings.Contains(err.Error(), "safe.bareRepository is 'explicit'")):
			t.Errorf("%s: Discover = %v, %v; want git's refusal", c.name, l, err)
		case !c.explicit && (err != nil || !l.Bare()):
			t.Errorf("%s: Discover = %+v, %v; want the bare repository", c.name, l, err)
		}
	}
}
