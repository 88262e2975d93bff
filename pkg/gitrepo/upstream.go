package gitrepo

import (
	"fmt"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
)

// revisionError says, in git's words, why a revision names no commit: for branch@{upstream}, no
// such branch, no upstream configured, one not stored as a remote-tracking branch, or not fetched;
// for a reflog entry, no reflog or not that many entries.
type revisionError string

func (e revisionError) Error() string { return string(e) }

// gitSays is a revisionError of the message format with args.
func gitSays(format string, args ...any) error { return revisionError(fmt.Sprintf(format, args...)) }

// upstreamSuffix cuts git's upstream suffix (@{upstream} or @{u}, in any case) off name and
// reports whether it had one: "main@{u}" is main's upstream, "@{u}" and "HEAD@{u}" the current
// branch's.
func upstreamSuffix(name string) (branch string, ok bool) {
	return cutBraces(name, "@{upstream}", "@{u}")
}

// cutBraces cuts the first of suffixes that name ends with, in any case, off it.
func cutBraces(name string, suffixes ...string) (string, bool) {
	for _, sfx := range suffixes {
		if len(name) >= len(sfx) && strings.EqualFold(name[len(name)-len(sfx):], sfx) {
			return name[:len(name)-len(sfx)], true
		}
	}
	return name, false
}

// upstreamOf is the ref that branch@{upstream} names, as git works it out: the branch's
// branch.<name>.merge, fetched from branch.<name>.remote, mapped through that remote's fetch
// refspecs to its remote-tracking branch (remote "." is this repository: the merge ref itself).
// branch "" or "HEAD" is the branch HEAD points to. The errors are git's.
func (r *Repo) upstreamOf(branch string) (plumbing.ReferenceName, error) {
	if branch == "" || branch == "HEAD" {
		b, ok := headBranch(r.layout)
		if !ok {
			return "", gitSays("HEAD does not point to a branch")
		}
		branch = b
	}
	if _, err := r.st.Reference(plumbing.NewBranchReferenceName(branch)); err != nil {
		return "", gitSays("no such branch: '%s'", branch)
	}
	cfg, err := r.loadConfig(r.env)
	if err != nil {
		return "", err
	}
	remote, hasRemote := cfg.get("branch." + branch + ".remote")
	merge, hasMerge := cfg.get("branch." + branch + ".merge")
	if !hasRemote || !hasMerge || remote == "" || merge == "" {
		return "", gitSays("no upstream configured for branch '%s'", branch)
	}
	if !strings.HasPrefix(merge, "refs/") {
		merge = "refs/heads/" + merge
	}
	if remote == "." {
		return plumbing.ReferenceName(merge), nil
	}
	for _, e := range cfg.entries {
		if e.key != "remote."+remote+".fetch" {
			continue
		}
		if dst, ok := mapRefspec(e.value, merge); ok {
			return plumbing.ReferenceName(dst), nil
		}
	}
	return "", gitSays("upstream branch '%s' not stored as a remote-tracking branch", merge)
}

// mapRefspec maps ref through the refspec spec ("[+]src:dst", src and dst with at most one "*"
// each; a remote's fetch or push refspec): what it maps ref to, and whether spec maps it. A negative
// refspec ("^src") and one without a destination map nothing.
func mapRefspec(spec, ref string) (string, bool) {
	spec = strings.TrimPrefix(strings.TrimSpace(spec), "+")
	src, dst, ok := strings.Cut(spec, ":")
	if !ok || dst == "" || strings.HasPrefix(src, "^") {
		return "", false
	}
	i, j := strings.IndexByte(src, '*'), strings.IndexByte(dst, '*')
	if i < 0 || j < 0 {
		if i < 0 && j < 0 && src == ref {
			return dst, true
		}
		return "", false
	}
	prefix, suffix := src[:i], src[i+1:]
	if len(ref) < len(prefix)+len(suffix) || !strings.HasPrefix(ref, prefix) || !strings.HasSuffix(ref, suffix) {
		return "", false
	}
	return dst[:j] + ref[len(prefix):len(ref)-len(suffix)] + dst[j+1:], true
}
