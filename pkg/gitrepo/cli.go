package gitrepo

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// What pm only reads — the staged files for `pm lint --staged`, the changed ones for
// `pm lint --changed-since` and `pm review` — it can still learn from a split index, which its index
// codec does not read, by asking the git program, which is at hand wherever such an index was made.
// Commits are never made this way: they stay refused (see readIndexFile).

// viaGit reports whether err is an index pm cannot read and the git program can stand in.
func viaGit(err error) bool {
	if !errors.Is(err, ErrUnsupported) {
		return false
	}
	_, lookErr := exec.LookPath("git")
	return lookErr == nil
}

// git runs the git program in the work tree and returns its standard output.
func (r *Repo) git(args ...string) ([]byte, error) {
	out, stderr, err := r.runGit("", args...)
	if err != nil {
		return nil, fmt.Errorf("git %s: %v: %s", args[0], err, stderr)
	}
	return out, nil
}

// runGit runs the git program in the work tree with input on its standard input: its standard
// output, and its standard error trimmed.
func (r *Repo) runGit(input string, args ...string) ([]byte, string, error) {
	if r.noGit {
		return nil, "", errNoGit
	}
	cmd := exec.Command("git", args...)
	cmd.Dir = r.root
	cmd.Env = r.gitEnv(os.Environ())
	if input != "" {
		cmd.Stdin = strings.NewReader(input)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	return out, strings.TrimSpace(stderr.String()), err
}

// errNoGit is runGit's error in a Repo that runs no git program (see Repo.noGit).
var errNoGit = errors.New("the git program is not run by a reading begun ahead")

// gitEnvKeys are the variables that decide which repository and configuration git reads; the git
// program gets them from the Repo's environment, not from the process's.
var gitEnvKeys = []string{
	"HOME", "XDG_CONFIG_HOME", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM", "GIT_CONFIG_NOSYSTEM",
	"GIT_CONFIG_COUNT", "GIT_CONFIG_PARAMETERS", "GIT_INDEX_FILE", "GIT_COMMON_DIR",
	"GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES",
	// and those of a partial clone's fetch from its promisor remote (see fetchMissing): how git
	// reaches the remote, and whether it may
	"GIT_NO_LAZY_FETCH", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_SSH_VARIANT", "GIT_ASKPASS",
	"GIT_TERMINAL_PROMPT", "GIT_PROXY_COMMAND", "GIT_ALLOW_PROTOCOL", "GIT_PROTOCOL_FROM_USER",
	"GIT_SSL_CAINFO", "GIT_SSL_CAPATH", "GIT_SSL_NO_VERIFY", "GIT_SSL_CERT", "GIT_SSL_KEY",
	"GIT_HTTP_USER_AGENT", "GIT_HTTP_PROXY_AUTHMETHOD",
}

// gitEnv is the environment the git program runs in: base without any GIT_* variable, HOME or
// XDG_CONFIG_HOME, then those of the Repo's environment that locate the repository and its
// configuration, with GIT_DIR and GIT_WORK_TREE naming this repository, so that git reads what pm
// reads. Optional locks are off: these commands only read.
func (r *Repo) gitEnv(base []string) []string {
	var env []string
	for _, kv := range base {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "GIT_") || k == "HOME" || k == "XDG_CONFIG_HOME" {
			continue
		}
		env = append(env, kv)
	}
	for _, k := range gitEnvKeys {
		if v := r.env(k); v != "" {
			env = append(env, k+"="+v)
		}
	}
	if n, err := strconv.Atoi(r.env("GIT_CONFIG_COUNT")); err == nil {
		for i := 0; i < n; i++ {
			key, value := fmt.Sprintf("GIT_CONFIG_KEY_%d", i), fmt.Sprintf("GIT_CONFIG_VALUE_%d", i)
			if r.env(key) == "" {
				break // git stops there too, with an error
			}
			env = append(env, key+"="+r.env(key), value+"="+r.env(value))
		}
	}
	return append(env, "GIT_DIR="+r.layout.gitDirAbs, "GIT_WORK_TREE="+r.root, "GIT_OPTIONAL_LOCKS=0")
}

// nulList splits git's -z output.
func nulList(out []byte) []string {
	var list []string
	for _, s := range strings.Split(string(out), "\x00") {
		if s != "" {
			list = append(list, s)
		}
	}
	return list
}

// stagedViaGit is StagedFiles through the git program: what `git diff --cached` lists as added,
// copied, modified or of changed type, with the staged content; submodules left out.
func (r *Repo) stagedViaGit(match func(path string) bool) ([]File, []string, error) {
	out, err := r.git("diff", "--cached", "--raw", "-z", "--no-renames", "--diff-filter=ACMTU", "--no-abbrev")
	if err != nil {
		return nil, nil, err
	}
	// Records are ":oldmode newmode oldhash newhash status" NUL path NUL.
	fields := strings.Split(string(out), "\x00")
	var files []File
	var unmerged []string
	for i := 0; i+1 < len(fields); i += 2 {
		meta, path := strings.Fields(strings.TrimPrefix(fields[i], ":")), fields[i+1]
		if len(meta) < 5 || (match != nil && !match(path)) {
			continue
		}
		if meta[4] == "U" {
			unmerged = append(unmerged, path)
			continue
		}
		if meta[1] == "160000" {
			continue
		}
		data, err := r.git("cat-file", "blob", meta[3])
		if err != nil {
			return nil, nil, fmt.Errorf("read staged %s: %w", path, err)
		}
		files = append(files, File{Path: path, Data: data, Link: meta[1] == "120000"})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	sort.Strings(unmerged)
	return files, unmerged, nil
}

// changedViaGit is ChangedSince through the git program: tracked files whose work-tree content
// differs from the commit, and untracked files that are not ignored, that exist in the work tree.
func (r *Repo) changedViaGit(commit string, match func(path string) bool, dirs []string) ([]string, error) {
	var spec []string // pathspecs for dirs, literal and from the root
	for _, d := range dirs {
		if d = strings.Trim(filepath.ToSlash(d), "/"); d != "" && d != "." {
			spec = append(spec, ":(top,literal)"+d)
		}
	}
	diff, err := r.git(append([]string{"diff", "--name-only", "-z", "--no-renames", commit, "--"}, spec...)...)
	if err != nil {
		return nil, err
	}
	untracked, err := r.git(append([]string{"ls-files", "-z", "--others", "--exclude-standard", "--"}, spec...)...)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []string
	for _, p := range append(nulList(diff), nulList(untracked)...) {
		if seen[p] || (match != nil && !match(p)) {
			continue
		}
		seen[p] = true
		if _, err := os.Lstat(r.abs(p)); err != nil {
			continue // deleted in the work tree
		}
		out = append(out, p)
	}
	sort.Strings(out)
	return out, nil
}

// outsideCheckoutViaGit is OutsideCheckout through the git program, for an index pm does not read:
// git ls-files -t tags a skip-worktree entry S.
func (r *Repo) outsideCheckoutViaGit(paths []string) (map[string]bool, error) {
	args := append([]string{"ls-files", "-t", "-z", "--"}, literalPathspecs(paths)...)
	data, err := r.git(args...)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, rec := range strings.Split(string(data), "\x00") {
		if tag, p, ok := strings.Cut(rec, " "); ok && tag == "S" {
			out[p] = true
		}
	}
	return out, nil
}

// literalPathspecs makes root-relative paths pathspecs git reads as they are.
func literalPathspecs(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = ":(top,literal)" + p
	}
	return out
}
