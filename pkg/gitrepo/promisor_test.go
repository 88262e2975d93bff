package gitrepo

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// TestPartialCloneFetchesMissingObjects clones a repository with --filter=blob:none (from a local
// server that allows filters), so that the blobs of the earlier commits are not in the clone, and
// reads them: pm gets each from the git program, which fetches it from the promisor remote, as
// git log -p or git show would. Outside a partial clone a missing object stays an error.
func TestPartialCloneFetchesMissingObjects(t *testing.T) {
	t.Parallel()
	needGit(t)
	f := newEmptyFixture(t)
	server := filepath.Join(f.root, "server")
	f.git(f.root, "init", "-q", "-b", "main", server)
	f.git(server, "config", "uploadpack.allowFilter", "true")
	s := &fixture{t: t, root: server, home: f.home, env: f.env}
	for _, v := range []string{"first\n", "second\n", "third\n"} {
		s.write("postmortems/a.md", v)
		f.git(server, "add", "postmortems/a.md")
		f.git(server, append(noMaintenance, "commit", "-qm", strings.TrimSpace(v))...)
	}
	clone := filepath.Join(f.root, "clone")
	f.git(f.root, "clone", "-q", "--filter=blob:none", "file://"+filepath.ToSlash(server), clone)
	missing := func() string {
		var out []string
		for _, l := range strings.Split(f.git(clone, "rev-list", "--objects", "--missing=print", "HEAD"), "\n") {
			if strings.HasPrefix(l, "?") {
				out = append(out, l[1:])
			}
		}
		return strings.Join(out, " ")
	}
	first, second := f.git(server, "rev-parse", "HEAD~2:postmortems/a.md"), f.git(server, "rev-parse", "HEAD~1:postmortems/a.md")
	if got := missing(); !strings.Contains(got, first) || !strings.Contains(got, second) {
		t.Fatalf("the clone is not missing the earlier blobs (missing: %q)", got)
	}

	// not a partial clone any more: the missing blob is an error, nothing is fetched
	f.git(clone, "config", "remote.origin.promisor", "false")
	c := &fixture{t: t, root: clone, home: f.home, env: f.env}
	c.reopen()
	if _, _, err := c.repo.FileAt("HEAD~2", "postmortems/a.md"); err == nil || !errors.Is(err, plumbing.ErrObjectNotFound) {
		t.Errorf("a missing blob outside a partial clone: %v, want object not found", err)
	}
	if got := missing(); !strings.Contains(got, first) {
		t.Fatalf("the blob was fetched outside a partial clone (missing: %q)", got)
	}

	// an older partial clone names its promisor remote in extensions.partialClone
	f.git(clone, "config", "extensions.partialClone", "origin")
	c.reopen()
	if data, _, err := c.repo.FileAt("HEAD~2", "postmortems/a.md"); err != nil || string(data) != "first\n" {
		t.Errorf("FileAt(HEAD~2) with extensions.partialClone = %q, %v", data, err)
	}
	f.git(clone, "config", "--unset", "extensions.partialClone")
	f.git(clone, "config", "remote.origin.promisor", "true")
	c.reopen()
	for rev, want := range map[string]string{"HEAD~2": "first\n", "HEAD~1": "second\n", "HEAD": "third\n"} {
		data, ok, err := c.repo.FileAt(rev, "postmortems/a.md")
		if err != nil || !ok || string(data) != want {
			t.Errorf("FileAt(%s) = %q, %v, %v; want %q", rev, data, ok, err, want)
		}
	}
	if got := missing(); got != "" {
		t.Errorf("still missing after the reads: %q", got)
	}
}

// TestPrefetchFetchesInOneRequest: in a partial clone, Prefetch fetches the missing blobs it is
// given in one request (one new pack), after which the BlobReader reads them without git; outside
// a partial clone it does nothing.
func TestPrefetchFetchesInOneRequest(t *testing.T) {
	t.Parallel()
	needGit(t)
	f := newEmptyFixture(t)
	server := filepath.Join(f.root, "server")
	f.git(f.root, "init", "-q", "-b", "main", server)
	f.git(server, "config", "uploadpack.allowFilter", "true")
	s := &fixture{t: t, root: server, home: f.home, env: f.env}
	var versions []string
	for i := range 6 {
		s.write("postmortems/a.md", fmt.Sprintf("version %d\n", i))
		f.git(server, "add", "postmortems/a.md")
		f.git(server, append(noMaintenance, "commit", "-qm", fmt.Sprint(i))...)
		versions = append(versions, f.git(server, "rev-parse", "HEAD:postmortems/a.md"))
	}
	clone := filepath.Join(f.root, "clone")
	f.git(f.root, "clone", "-q", "--filter=blob:none", "file://"+filepath.ToSlash(server), clone)
	packs := func() int {
		names, err := filepath.Glob(filepath.Join(clone, ".git", "objects", "pack", "*.pack"))
		mustNoErr(t, err)
		return len(names)
	}
	c := &fixture{t: t, root: clone, home: f.home, env: f.env}
	c.reopen()
	before := packs()
	b := c.repo.NewBlobReader()
	defer b.Close()
	b.Prefetch(append(versions, versions[0], "not a hash"))
	if got := packs(); got != before+1 {
		t.Errorf("Prefetch of %d blobs made %d packs, want one request, one pack", len(versions)-1, got-before)
	}
	if missing := f.git(clone, "rev-list", "--objects", "--missing=print", "HEAD"); strings.Contains(missing, "?") {
		t.Errorf("still missing after Prefetch:\n%s", missing)
	}
	for i, h := range versions {
		if data, err := b.Read(h); err != nil || string(data) != fmt.Sprintf("version %d\n", i) {
			t.Errorf("Read(version %d) = %q, %v", i, data, err)
		}
	}
	b.Prefetch(versions) // all there: no request
	if got := packs(); got != before+1 {
		t.Errorf("a second Prefetch of blobs already there made %d more packs", got-before-1)
	}
}
