package gitrepo

import (
	"fmt"
	"strings"
)

// Since git 2.35.2 (CVE-2022-24765), git refuses a repository it finds by searching up from the
// current directory when another user owns it: its configuration could make git run that user's
// programs (hooks, filters, core.fsmonitor), and pm runs hooks and filters too. As git does, pm
// checks that the current user owns the work tree, the git directory and a .git file that points
// to it (root may run in a repository root owns, or one owned by the user sudo ran it for,
// SUDO_UID). Where another user owns one of them, safe.directory decides: set in the system,
// global or command-line configuration (never the repository's own), to the work tree's path (a
// bare repository's git directory), or to "*" for any; an empty value forgets those before it. A
// repository named by GIT_DIR is the user's own choice and is not checked, as in git.
// GIT_TEST_ASSUME_DIFFERENT_OWNER, which git also reads, makes every path count as another's.
// safe.bareRepository = explicit, in the same configuration, refuses a bare repository found by
// searching, before its owner is looked at.

// ErrDubiousOwnership reports a repository another user owns that safe.directory does not name. It
// is also ErrNotRepository: git treats the directory as in no repository.
var ErrDubiousOwnership error = dubiousOwnership{}

// dubiousOwnership is ErrDubiousOwnership: a value the compiler lays out, no work at start-up.
type dubiousOwnership struct{}

func (dubiousOwnership) Error() string { return "dubious ownership: " + ErrNotRepository.Error() }
func (dubiousOwnership) Unwrap() error { return ErrNotRepository }

// checkOwnership refuses a repository found by discovery unless the current user owns its .git
// file (gitFile, "" when .git is a folder), work tree (workTree, "" when bare) and git directory,
// or safe.directory names it.
func checkOwnership(gitFile, workTree, gitDir string, env Env) error {
	if !isTrue(env("GIT_TEST_ASSUME_DIFFERENT_OWNER")) &&
		(gitFile == "" || ownedByUser(gitFile, env)) &&
		(workTree == "" || ownedByUser(workTree, env)) &&
		ownedByUser(gitDir, env) {
		return nil
	}
	path := workTree
	if path == "" {
		path = gitDir
	}
	safe, err := safeDirectory(path, env)
	if err != nil {
		return err
	}
	if safe {
		return nil
	}
	return ownershipError(fmt.Sprintf("detected dubious ownership in repository at '%s': another user owns it, and git "+
		"refuses it too; if you trust it, run `git config --global --add safe.directory %s`", path, path))
}

// ownershipError is the refusal of another user's repository: ErrDubiousOwnership, said in full
// without the sentinels' own words after it.
type ownershipError string

func (e ownershipError) Error() string { return string(e) }
func (e ownershipError) Unwrap() error { return ErrDubiousOwnership }

// safeDirectory reports whether safe.directory, in the configuration outside any repository
// (system, global, command line), names path or is "*". The last empty value forgets the others.
func safeDirectory(path string, env Env) (bool, error) {
	cfg, err := readGitConfig(Layout{cwd: path}, env)
	if err != nil {
		return false, err
	}
	safe := false
	for _, e := range cfg.entries {
		if e.key != "safe.directory" {
			continue
		}
		switch v := e.value; {
		case e.noValue || v == "":
			safe = false
		case v == "*":
			safe = true
		default:
			// a value that does not expand (~ of an unknown user) names nothing, as in git
			if p, err := interpolatePath(v, env, true); err == nil && p == path {
				safe = true
			}
		}
	}
	return safe, nil
}

// checkBareAllowed refuses the bare repository gitDir that discovery found when safe.bareRepository,
// in the configuration outside any repository, is "explicit" (the default is "all"); any other value
// is an error, as git's.
func checkBareAllowed(gitDir string, env Env) error {
	cfg, err := readGitConfig(Layout{cwd: gitDir}, env)
	if err != nil {
		return err
	}
	for i := len(cfg.entries) - 1; i >= 0; i-- {
		e := cfg.entries[i]
		if e.key != "safe.barerepository" {
			continue
		}
		switch strings.ToLower(e.value) {
		case "all":
			return nil
		case "explicit":
			return fmt.Errorf("cannot use bare repository '%s' (safe.bareRepository is 'explicit'): %w", gitDir, ErrNotRepository)
		}
		return fmt.Errorf("unable to parse 'safe.barerepository' from %s: %w", originName(e.origin), ErrNotRepository)
	}
	return nil
}
