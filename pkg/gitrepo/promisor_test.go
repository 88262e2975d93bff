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
	s, c := cloneOfServer(t, []string{"first\n", "second\n", "third\n"}, "--filter=blob:none")
	f, server, clone := s, s.root, c.root
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
	var contents, versions []string
	for i := range 6 {
		contents = append(contents, fmt.Sprintf("version %d\n", i))
	}
	f, c := cloneOfServer(t, contents, "--filter=blob:none")
	clone := c.root
	for i := range contents {
		versions = append(versions, f.git(f.root, "rev-parse", fmt.Sprintf("HEAD~%d:postmortems/a.md", len(contents)-1-i)))
	}
	packs := func() int {
		names, err := filepath.Glob(filepath.Join(clone, ".git", "objects", "pack", "*.pack"))
		mustNoErr(t, err)
		return len(names)
	}
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

// cloneOfServer makes a "server" repository with one commit per version of postmortems/a.md, each
// also adding postmortems/<n>.md, serving filters, and clones it over file:// with cloneArgs (a
// filter, a depth): the fixture of the server, and that of the clone.
func cloneOfServer(t *testing.T, versions []string, cloneArgs ...string) (server, clone *fixture) {
	t.Helper()
	needGit(t)
	f := newEmptyFixture(t)
	server = &fixture{t: t, root: filepath.Join(f.root, "server"), home: f.home, env: f.env}
	f.git(f.root, "init", "-q", "-b", "main", server.root)
	f.git(server.root, "config", "uploadpack.allowFilter", "true")
	for i, v := range versions {
		server.write("postmortems/a.md", v)
		server.write(fmt.Sprintf("postmortems/%d.md", i), fmt.Sprintf("added by commit %d\n", i))
		f.git(server.root, "add", "-A")
		f.git(server.root, append(noMaintenance, "commit", "-qm", fmt.Sprint(i))...)
	}
	clone = &fixture{t: t, root: filepath.Join(f.root, "clone"), home: f.home, env: f.env}
	f.git(f.root, append(append([]string{"clone", "-q"}, cloneArgs...), "file://"+filepath.ToSlash(server.root), clone.root)...)
	clone.reopen()
	return server, clone
}
