package review

import (
	"strings"
	"testing"
)

// TestReviewBranchBehindItsBase: the base moved on after the branch left it (a postmortem added
// there, another edited): the review shows what the branch changed, as the pull request does (git
// diff base...), not the base's newer work as deleted or changed.
func TestReviewBranchBehindItsBase(t *testing.T) {
	r := newRepo(t) // on feature, left main at origin/main
	r.Git("switch", "-q", "main")
	r.Write("postmortems/2026-11-29-later.md", edit(t, fixture(t), "title: Checkout latency after the session store failover", "title: Later on main"))
	r.Write(same, edit(t, r.Read(same), "title: Untouched", "title: Edited on main"))
	r.Git("add", ".")
	r.Git("commit", "-qm", "main moves on")
	r.Git("update-ref", "refs/remotes/origin/main", "HEAD")
	r.Git("switch", "-q", "feature")
	r.Write(dns, edit(t, r.Read(dns), "status: Draft", "status: In Review"))
	r.Git("commit", "-qam", "the branch's change")
	out, errOut, code := run(t, r.Dir, r.Env, "--base", "origin/main")
	if code != 1 || strings.Contains(out, "later") || strings.Contains(out, "untouched") || !strings.Contains(out, "2026-11-10-dns") {
		t.Errorf("exit %d, the review:\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "1 postmortem reviewed") {
		t.Errorf("summary: %q", errOut)
	}
}
