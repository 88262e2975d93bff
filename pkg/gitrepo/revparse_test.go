package gitrepo

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// TestResolveCommitLikeGitRevParse resolves the revision forms pm accepts, and some it refuses, in a
// repository with a merge, branches, tags (light and annotated), a remote-tracking branch and its
// remote's HEAD, and reflogs of checkouts, commits and a merge, and compares each answer with
// `git rev-parse --verify REV^0`: the same commit, or an error where git has none.
func TestResolveCommitLikeGitRevParse(t *testing.T) {
	t.Parallel()
	needGit(t)
	f := newFixture(t)
	f.identity("A", "a@example.com")
	date := 0
	commit := func(msg string) {
		date++
		f.gitEnv = []string{fmt.Sprintf("GIT_COMMITTER_DATE=2026-11-%02dT10:00:00Z", date), fmt.Sprintf("GIT_AUTHOR_DATE=2026-11-%02dT10:00:00Z", date)}
		f.git(f.root, "add", "-A")
		f.git(f.root, "commit", "-q", "-m", msg)
	}
	f.write("a.md", "one\n")
	commit("first")
	main := strings.TrimSpace(f.git(f.root, "symbolic-ref", "--short", "HEAD"))
	f.write("a.md", "two\n")
	commit("second on main")
	f.git(f.root, "tag", "v1")
	f.git(f.root, "checkout", "-q", "-b", "feature")
	f.write("b.md", "feature\n")
	commit("feature work")
	f.git(f.root, "checkout", "-q", main)
	f.write("c.md", "main again\n")
	commit("third on main")
	f.git(f.root, "merge", "-q", "--no-ff", "-m", "merge feature", "feature")
	f.git(f.root, "tag", "-a", "-m", "annotated", "v2", "HEAD~1")
	f.git(f.root, "update-ref", "refs/remotes/origin/"+main, "HEAD~2")
	f.git(f.root, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/"+main)
	// upstreams: main tracks origin's main through the usual fetch refspec, feature tracks main
	// in this repository (remote "."), v1 is a tag and gone has an upstream never fetched
	f.git(f.root, "config", "remote.origin.url", "https://example.com/never-fetched.git")
	f.git(f.root, "config", "remote.origin.fetch", "+refs/heads/*:refs/remotes/origin/*")
	f.git(f.root, "config", "branch."+main+".remote", "origin")
	f.git(f.root, "config", "branch."+main+".merge", "refs/heads/"+main)
	f.git(f.root, "config", "branch.feature.remote", ".")
	f.git(f.root, "config", "branch.feature.merge", "refs/heads/"+main)
	f.git(f.root, "branch", "gone")
	f.git(f.root, "config", "branch.gone.remote", "origin")
	f.git(f.root, "config", "branch.gone.merge", "refs/heads/gone")
	f.git(f.root, "branch", "nothing")
	head := strings.TrimSpace(f.git(f.root, "rev-parse", "HEAD"))
	f.reopen()

	revs := []string{"@{u}", "@{upstream}", "@{U}", "@{UPSTREAM}", "HEAD@{u}", main + "@{u}", "@{u}~1", "@{u}^{commit}",
		"feature@{upstream}", "feature@{u}^2", "gone@{u}", "nothing@{u}", "v1@{u}", "nosuch@{u}", "@{u}@{u}",
		"refs/heads/feature@{u}",
		"HEAD", "@", "HEAD~0", "HEAD~", "HEAD~2", "HEAD~3", "HEAD~4", "HEAD^", "HEAD^1", "HEAD^2",
		"HEAD^^", "HEAD^2~1", "HEAD~1^0", main, "feature", "v1", "v2", "v2^{}", "v2~1", "origin/" + main, "origin",
		"refs/heads/" + main, "heads/feature", "tags/v2", "remotes/origin/" + main, head, head[:7], strings.ToUpper(head[:9]),
		head[:4] + "~1", "HEAD^{commit}", "HEAD^{/second}", "HEAD^{/feature}", "HEAD^{/^merge}", "HEAD^{/!-merge}",
		"feature^{/first}", "nosuch", "HEAD~9", "HEAD^3", "0000000", "v1^2", "HEAD^{tree}", "HEAD@{upstream}",
		"HEAD:a.md", ":/second",
		// the reflogs: the branch's, HEAD's, the current branch's, the checkouts before
		main + "@{0}", main + "@{1}", main + "@{3}", main + "@{4}", main + "@{9}", "@{0}", "@{1}", "@{2}~1",
		"HEAD@{0}", "HEAD@{1}", "HEAD@{3}", "HEAD@{1}^2", "feature@{0}", "feature@{1}", "refs/heads/feature@{1}",
		"origin/" + main + "@{0}", "@{-1}", "@{-2}", "@{-3}", "@{-1}~1", "nosuch@{1}", "v1@{0}", "@{-0}", "@{+1}",
		"HEAD@{-1}", main + "@{yesterday}", main + "@{2026-11-02}",
		// where a branch would be pushed to
		"@{push}", "@{PUSH}", main + "@{push}", "feature@{push}", "gone@{push}", "nothing@{push}", "nosuch@{push}",
		"@{push}~1", "HEAD@{push}", "@{push}@{u}",
		// a message searched from every ref
		":/second", ":/feature", ":/^merge", ":/!-merge", ":/!!nothing", ":/no such message", ":/first~1", ":/[", ":/!x", ":/on main^3", ":/"}
	for _, rev := range revs {
		// ^0, not ^{commit}: git reads a revision ending in "}" after an @{ as a reflog date
		// ("HEAD@{1}^2^{commit}" names the first commit)
		q := rev + "^0"
		if strings.HasPrefix(rev, ":/") {
			q = rev // all of it is the pattern; what it names is a commit
		}
		want, gitErr := f.gitErr(f.root, "rev-parse", "--verify", "-q", q)
		got, err := f.repo.ResolveCommit(rev)
		switch {
		case gitErr != nil && err == nil:
			t.Errorf("%s: pm resolved %s, git rev-parse fails", rev, got)
		case gitErr == nil && err != nil && !forkRefused(rev, err):
			t.Errorf("%s: pm: %v; git rev-parse: %s", rev, err, want)
		case gitErr == nil && err == nil && got != strings.TrimSpace(want):
			t.Errorf("%s: pm %s, git rev-parse %s", rev, got, want)
		}
		if err != nil && !errors.Is(err, ErrBadRevision) {
			t.Errorf("%s: %v is not ErrBadRevision", rev, err)
		}
	}
}

// forkRefused reports the forms pm refuses on purpose although git resolves them.
func forkRefused(rev string, err error) bool {
	name := strings.Split(strings.Split(rev, "~")[0], "^")[0]
	if _, upstream := upstreamSuffix(name); upstream && strings.Count(rev, "@{") == 1 {
		return false
	}
	if _, push := pushSuffix(name); push && strings.Count(rev, "@{") == 1 {
		return false
	}
	if _, _, _, ok, _ := reflogSelector(name); ok {
		return false // a reflog entry by number: resolved as git does (a date is refused)
	}
	if strings.HasPrefix(rev, ":/") {
		return false // a message searched from every ref: resolved as git does
	}
	return strings.Contains(rev, "@{") || strings.Contains(rev, ":") || strings.Contains(rev, "^{tree}")
}

// TestResolveCommitAmbiguousPrefix writes commits until two share their first four hexadecimal
// digits, and checks that such a prefix is refused as ambiguous, as git refuses it, while a longer
// one resolves.
func TestResolveCommitAmbiguousPrefix(t *testing.T) {
	t.Parallel()
	needGit(t)
	f := newFixture(t)
	f.identity("A", "a@example.com")
	f.write("a.md", "one\n")
	f.git(f.root, "add", "-A")
	f.git(f.root, "commit", "-q", "-m", "first")
	f.reopen()
	tree := strings.TrimSpace(f.git(f.root, "rev-parse", "HEAD^{tree}"))
	byPrefix := map[string]string{}
	var a, b string
	for i := 0; a == ""; i++ {
		body := fmt.Sprintf("tree %s\nauthor A <a@example.com> 1700000000 +0000\ncommitter A <a@example.com> 1700000000 +0000\n\nc%d\n", tree, i)
		obj := f.repo.st.NewEncodedObject()
		obj.SetType(plumbing.CommitObject)
		w, err := obj.Writer()
		mustNoErr(t, err)
		_, err = w.Write([]byte(body))
		mustNoErr(t, err)
		mustNoErr(t, w.Close())
		h, err := f.repo.st.SetEncodedObject(obj)
		mustNoErr(t, err)
		p := h.String()[:4]
		if other, ok := byPrefix[p]; ok {
			a, b = other, h.String()
		}
		byPrefix[p] = h.String()
	}
	prefix := a[:4]
	if _, gitErr := f.gitErr(f.root, "rev-parse", "--verify", "-q", prefix+"^{commit}"); gitErr == nil {
		t.Fatalf("git resolves %s although %s and %s start with it", prefix, a, b)
	}
	_, err := f.repo.ResolveCommit(prefix)
	if !errors.Is(err, ErrBadRevision) || !strings.Contains(err.Error(), "ambiguous") {
		t.Errorf("%s (%s and %s): %v, want an ambiguity error", prefix, a, b, err)
	}
	n := 5
	for a[:n] == b[:n] {
		n++
	}
	for _, h := range []string{a, b} {
		got, err := f.repo.ResolveCommit(h[:n])
		if err != nil || got != h {
			t.Errorf("%s: %s, %v; want %s", h[:n], got, err, h)
		}
	}
}

// TestPushLikeGit resolves @{push} under each way git works out a push destination (push.default's
// modes, remote.pushDefault, branch.<name>.pushRemote, push refspecs, a mirror) and compares it with
// `git rev-parse --symbolic-full-name` and `git rev-parse --verify`: the same ref and commit, or an
// error where git has none.
func TestPushLikeGit(t *testing.T) {
	t.Parallel()
	needGit(t)
	f := newFixture(t)
	f.identity("A", "a@example.com")
	f.write("a.md", "one\n")
	f.git(f.root, "add", "a.md")
	f.git(f.root, "commit", "-qm", "one")
	main := strings.TrimSpace(f.git(f.root, "symbolic-ref", "--short", "HEAD"))
	f.git(f.root, "branch", "topic")
	for _, remote := range []string{"origin", "fork"} {
		f.git(f.root, "config", "remote."+remote+".url", "https://example.com/"+remote+".git")
		f.git(f.root, "config", "remote."+remote+".fetch", "+refs/heads/*:refs/remotes/"+remote+"/*")
		for _, b := range []string{main, "topic", "prod"} {
			f.git(f.root, "update-ref", "refs/remotes/"+remote+"/"+b, "HEAD")
		}
	}
	f.git(f.root, "config", "branch."+main+".remote", "origin")
	f.git(f.root, "config", "branch."+main+".merge", "refs/heads/"+main)
	f.git(f.root, "config", "branch.topic.remote", "origin")
	f.git(f.root, "config", "branch.topic.merge", "refs/heads/"+main) // upstream under another name
	for _, setup := range [][]string{
		nil, // simple: main pushes to its upstream; topic's upstream has another name
		{"push.default", "current"},
		{"push.default", "upstream"},
		{"push.default", "matching"},
		{"push.default", "nothing"},
		{"push.default", "bogus"},
		{"remote.pushDefault", "fork"},
		{"branch.topic.pushRemote", "fork", "push.default", "current"},
		{"branch.topic.pushRemote", "nowhere"},
		{"remote.origin.push", "refs/heads/" + main + ":refs/heads/prod"},
		{"remote.origin.push", "refs/heads/*:refs/heads/*"},
		{"remote.origin.push", "refs/heads/" + main},
		{"remote.origin.mirror", "true"},
	} {
		t.Run(strings.Join(setup, "="), func(t *testing.T) {
			for i := 0; i+1 < len(setup); i += 2 {
				f.git(f.root, "config", setup[i], setup[i+1])
			}
			defer func() {
				for i := 0; i+1 < len(setup); i += 2 {
					f.git(f.root, "config", "--unset-all", setup[i])
				}
			}()
			f.reopen()
			for _, rev := range []string{"@{push}", main + "@{push}", "topic@{push}"} {
				wantRef, refErr := f.gitErr(f.root, "rev-parse", "--symbolic-full-name", rev)
				_, gitErr := f.gitErr(f.root, "rev-parse", "--verify", "-q", rev)
				branch, _ := pushSuffix(rev)
				gotRef, err := f.repo.pushOf(branch)
				switch {
				case (refErr == nil) != (err == nil):
					t.Errorf("%s: pm %s %v; git %s %v", rev, gotRef, err, wantRef, refErr)
				case err == nil && string(gotRef) != strings.TrimSpace(wantRef):
					t.Errorf("%s: pm %s; git %s", rev, gotRef, wantRef)
				}
				if _, err := f.repo.ResolveCommit(rev); (err == nil) != (gitErr == nil) {
					t.Errorf("%s: ResolveCommit %v; git rev-parse --verify %v", rev, err, gitErr)
				}
			}
		})
	}
}
