// Package gittest makes test repositories as git init makes them for the price of two small file
// copies: git init runs once per test binary, and each repository takes what git needs of its .git.
// It is for tests only.
package gittest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
)

// Init is `git init -b main`, run once per test binary in a temporary folder of its own.
type Init struct {
	dotGit func() (string, error)
	mu     sync.Mutex
	dir    string // the temporary folder, once made
}

// NewInit returns an Init whose git init runs with env(home) and whose config gets extra appended
// (git config syntax; "" for nothing), on first use. prefix names the temporary folder.
func NewInit(prefix, extra string, env func(home string) []string) *Init {
	i := &Init{}
	i.dotGit = sync.OnceValues(func() (string, error) {
		dir, err := os.MkdirTemp("", prefix)
		if err != nil {
			return "", err
		}
		i.mu.Lock()
		i.dir = dir
		i.mu.Unlock()
		cmd := exec.Command("git", "init", "-q", "-b", "main", dir)
		cmd.Env = env(filepath.Join(dir, "home"))
		if out, err := cmd.CombinedOutput(); err != nil {
			return "", fmt.Errorf("git init: %v\n%s", err, out)
		}
		if extra != "" {
			f, err := os.OpenFile(filepath.Join(dir, ".git", "config"), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				return "", err
			}
			_, err = f.WriteString(extra)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return "", err
			}
		}
		return filepath.Join(dir, ".git"), nil
	})
	return i
}

// DotGit returns the .git git init made.
func (i *Init) DotGit() (string, error) { return i.dotGit() }

// Seed makes workTree/.git a repository as git init made it, as far as git reads it: HEAD and
// config copied, objects and refs empty. The rest of what git init writes (sample hooks,
// info/exclude, a description) nothing reads, and every file made costs.
func (i *Init) Seed(workTree string) error {
	tmpl, err := i.dotGit()
	if err != nil {
		return err
	}
	dotGit := filepath.Join(workTree, ".git")
	for _, d := range []string{"objects", "refs"} {
		if err := os.MkdirAll(filepath.Join(dotGit, d), 0o755); err != nil {
			return err
		}
	}
	for _, f := range []string{"HEAD", "config"} {
		data, err := os.ReadFile(filepath.Join(tmpl, f))
		if err == nil {
			err = os.WriteFile(filepath.Join(dotGit, f), data, 0o644)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Remove deletes the temporary folder, for TestMain once the tests have run.
func (i *Init) Remove() {
	i.mu.Lock()
	defer i.mu.Unlock()
	if i.dir != "" {
		os.RemoveAll(i.dir)
	}
}

// CleanEnv is the process environment without what points git elsewhere: GIT_*, HOME and XDG_*.
func CleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GIT_") && !strings.HasPrefix(kv, "HOME=") && !strings.HasPrefix(kv, "XDG_") {
			env = append(env, kv)
		}
	}
	return env
}
