package gitrepo

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
)

// Revisions that read a reflog, as git resolves them (git help revisions):
//
//   - <ref>@{<n>}: the value ref had n changes ago, from its reflog (logs/<ref>): @{0} is the
//     newest entry's new value, @{1} the one before it; a ref is found by git's rules (master is
//     refs/heads/master) among those with a reflog;
//   - @{<n>}: the same for the branch HEAD is on (HEAD itself when detached);
//   - @{-<n>}: the branch, or commit, checked out n checkouts ago, from HEAD's reflog ("checkout:
//     moving from A to B" entries, newest first).
//
// A date in the braces (@{yesterday}, @{2026-12-01}) is not resolved: errRevisionSyntax.

// reflogSelector splits name into the ref before "@{", and the number in the braces: prior is
// true for @{-n}. ok is false when name has no reflog selector at its end.
func reflogSelector(name string) (ref string, n int, prior, ok bool, err error) {
	at := strings.LastIndex(name, "@{")
	if at < 0 || !strings.HasSuffix(name, "}") {
		return "", 0, false, false, nil
	}
	ref, inner := name[:at], name[at+2:len(name)-1]
	if digits, minus := strings.CutPrefix(inner, "-"); minus {
		v, err := strconv.Atoi(digits)
		if err != nil || v < 1 || digits[0] == '+' || ref != "" {
			return "", 0, false, false, fmt.Errorf("%w: %q", errRevisionSyntax, name)
		}
		return "", v, true, true, nil
	}
	v, err := strconv.Atoi(inner)
	if err != nil || v < 0 || inner[0] == '+' {
		return "", 0, false, false, fmt.Errorf("%w: %q (a date in @{...} is not read; give the entry's number, @{1}, or the commit's hash)", errRevisionSyntax, name)
	}
	return ref, v, false, true, nil
}

// reflogCommit resolves ref@{n} (prior false) or @{-n} (prior true).
func (r *Repo) reflogCommit(ref string, n int, prior bool) (*gitCommit, error) {
	if prior {
		name, err := r.priorCheckout(n)
		if err != nil {
			return nil, err
		}
		return r.commitNamed(name)
	}
	full, short, err := r.reflogRef(ref)
	if err != nil {
		return nil, err
	}
	entries, err := r.readReflog(full)
	if err != nil {
		return nil, err
	}
	// newest first: @{0} is the last line's new value
	switch k := len(entries); {
	case n < k:
		return r.peelToCommit(entries[k-1-n].new)
	case n == k && k > 0 && !entries[0].old.IsZero():
		return r.peelToCommit(entries[0].old) // the value before the oldest entry, as git gives it
	}
	return nil, gitSays("log for '%s' only has %d entries", short, len(entries))
}

// reflogRef finds the ref whose reflog ref@{n} reads: the current branch (HEAD when detached) for
// an empty ref, else the first of git's names for it that exists and has a reflog.
func (r *Repo) reflogRef(ref string) (full plumbing.ReferenceName, short string, err error) {
	if ref == "" {
		if b, ok := headBranch(r.layout); ok {
			return plumbing.NewBranchReferenceName(b), b, nil
		}
		return plumbing.HEAD, "HEAD", nil
	}
	if ref == "@" {
		ref = "HEAD"
	}
	for _, rule := range refRules {
		n := plumbing.ReferenceName(fmt.Sprintf(rule, ref))
		if _, err := r.resolveRef(n); err != nil {
			continue
		}
		if _, err := os.Lstat(r.reflogPath(string(n))); err == nil {
			return n, ref, nil
		}
	}
	return "", "", gitSays("no reflog for '%s'", ref)
}

// reflogEntry is one line of a reflog: "<old> <new> <name> <<email>> <time> <zone>\t<message>".
type reflogEntry struct {
	old, new plumbing.Hash
	message  string
}

// readReflog reads ref's reflog, oldest first. Lines that are not entries are passed over, as git
// passes over them.
func (r *Repo) readReflog(ref plumbing.ReferenceName) ([]reflogEntry, error) {
	f, _, err := openRegular(r.reflogPath(string(ref)))
	if errors.Is(err, ErrBadPath) {
		return nil, fmt.Errorf("reflog of %s: %w", ref, err)
	}
	if err != nil {
		return nil, nil // no reflog: no entries
	}
	defer f.Close()
	var out []reflogEntry
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if len(line) < 82 || line[40] != ' ' || line[81] != ' ' || !plumbing.IsHash(line[:40]) || !plumbing.IsHash(line[41:81]) {
			continue
		}
		e := reflogEntry{old: plumbing.NewHash(line[:40]), new: plumbing.NewHash(line[41:81])}
		if _, msg, ok := strings.Cut(line[82:], "\t"); ok {
			e.message = msg
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reflog of %s: %w", ref, err)
	}
	return out, nil
}

// priorCheckout is what @{-n} names: the branch (or commit) HEAD was moved away from n checkouts
// ago, from HEAD's reflog.
func (r *Repo) priorCheckout(n int) (string, error) {
	entries, err := r.readReflog(plumbing.HEAD)
	if err != nil {
		return "", err
	}
	for i := len(entries) - 1; i >= 0; i-- {
		rest, ok := strings.CutPrefix(entries[i].message, "checkout: moving from ")
		if !ok {
			continue
		}
		from, _, ok := strings.Cut(rest, " to ")
		if !ok {
			continue
		}
		if n--; n == 0 {
			return from, nil
		}
	}
	return "", gitSays("HEAD's reflog names fewer checkouts than asked for")
}
