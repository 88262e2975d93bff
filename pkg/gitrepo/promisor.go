package gitrepo

import (
	"errors"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
)

// A partial clone (`git clone --filter=blob:none`, as CI checkouts often are) lacks objects its
// history names: git fetches each from the promisor remote the moment a command needs it. pm does
// no fetching of its own; it asks the git program for an object it cannot find in a partial clone
// (`git cat-file`, which fetches it the way any git command would, with the user's remotes,
// credentials and GIT_NO_LAZY_FETCH), and checks that what comes back is that object. Outside a
// partial clone a missing object stays an error, as it is for git.

// promisor caches whether the repository is a partial clone, and its promisor remotes.
type promisor struct {
	once    sync.Once
	remotes []string
}

// partialClone reports whether the repository is a partial clone: a remote with promisor = true
// (what `git clone --filter` sets), or extensions.partialClone.
func (r *Repo) partialClone() bool { return len(r.promisorRemotes()) > 0 }

// promisorRemotes are the remotes a partial clone's missing objects come from, in git's order:
// extensions.partialClone's, then those with promisor = true as the configuration lists them.
func (r *Repo) promisorRemotes() []string {
	r.promisor.once.Do(func() {
		cfg, err := r.loadConfig(r.env)
		if err != nil {
			return
		}
		var out []string
		if name, ok := cfg.get("extensions.partialclone"); ok && name != "" {
			out = append(out, name)
		}
		for _, e := range cfg.entries {
			name, ok := strings.CutPrefix(e.key, "remote.")
			if name, ok = strings.CutSuffix(name, ".promisor"); ok && cfg.boolean(e.key, false) && !slices.Contains(out, name) {
				out = append(out, name)
			}
		}
		r.promisor.remotes = out
	})
	return r.promisor.remotes
}

// Prefetch makes sure, in a partial clone, that the blobs hashes names are in the object store:
// those missing are fetched from the promisor remote in one request, as git fetches what a diff
// needs before it starts, instead of one request each as they are read (pm audit over a history
// of thousands of versions). Elsewhere, or when the fetch fails (reading a blob still missing then
// says why), it does nothing.
func (b *BlobReader) Prefetch(hashes []string) {
	r := b.r
	if len(hashes) == 0 || !r.partialClone() {
		return
	}
	if off, ok := parseBool(r.env("GIT_NO_LAZY_FETCH")); ok && off {
		return // git fetches nothing by itself then either
	}
	var want strings.Builder
	seen := make(map[string]bool, len(hashes))
	for _, hex := range hashes {
		if seen[hex] || len(hex) != 2*len(plumbing.ZeroHash) || !plumbing.IsHash(hex) {
			continue
		}
		seen[hex] = true
		h := plumbing.NewHash(hex)
		if b.packs.has(h) || r.storedHas(h) {
			continue
		}
		want.WriteString(hex)
		want.WriteByte('\n')
	}
	if want.Len() == 0 {
		return
	}
	fetched := false
	for _, remote := range r.promisorRemotes() {
		// what git runs for a lazy fetch (promisor-remote.c), with the objects on its input
		_, _, err := r.runGit(want.String(), "-c", "fetch.negotiationAlgorithm=noop", "fetch", remote, "--no-tags",
			"--no-write-fetch-head", "--recurse-submodules=no", "--filter=blob:none", "--stdin")
		if fetched = err == nil; fetched {
			break
		}
	}
	if !fetched {
		return
	}
	// the fetched objects are in a new pack
	limit := b.packs.limit
	b.packs.close()
	b.packs = openPacks(r.layout.ObjectDir)
	b.packs.limit = limit
}

// errNotPartial reports a missing object outside a partial clone: nothing to fetch it from.
var errNotPartial = errors.New("not a partial clone")

// fetchMissing returns object h, of type typ, which the object folder lacks, as the git program
// gives it in a partial clone (fetching it from the promisor remote). errNotPartial outside one.
func (r *Repo) fetchMissing(typ plumbing.ObjectType, h plumbing.Hash) ([]byte, error) {
	if !r.partialClone() {
		return nil, errNotPartial
	}
	if _, err := exec.LookPath("git"); err != nil {
		return nil, fmt.Errorf("object %s is not in this partial clone, and the git program, which would fetch it from the promisor remote, is not installed: %w",
			h, plumbing.ErrObjectNotFound)
	}
	data, stderr, err := r.runGit("", "cat-file", typ.String(), h.String())
	if err != nil {
		// git's first line says why (the remote unreachable, say); the rest repeats it
		why, _, _ := strings.Cut(stderr, "\n")
		if why == "" {
			why = err.Error()
		}
		return nil, fmt.Errorf("object %s is not in this partial clone and git could not fetch it (%s): %w", h, why, plumbing.ErrObjectNotFound)
	}
	if plumbing.ComputeHash(typ, data) != h {
		return nil, fmt.Errorf("object %s: git gave a %s that is not that object", h, typ)
	}
	return data, nil
}

// PrefetchAt is Prefetch for the versions of paths (root-relative) at revision rev, which pm review
// then reads one by one: in a partial clone, those missing are fetched in one request. Elsewhere,
// or for a revision or path that names nothing, it does nothing (the reads say what is wrong).
func (r *Repo) PrefetchAt(rev string, paths []string) {
	if len(paths) == 0 || !r.partialClone() {
		return
	}
	rv, err := r.revTree(rev)
	if err != nil {
		return
	}
	lookup := newTreeLookup(r, rv.tree)
	var hashes []string
	for _, p := range paths {
		if p, err := cleanPath(p); err == nil {
			if e, ok, err := lookup.find(p); err == nil && ok {
				hashes = append(hashes, e.Hash.String())
			}
		}
	}
	b := r.NewBlobReader()
	b.Prefetch(hashes)
	b.Close()
	if r.packs != nil { // the fetched objects are in a new pack, which the next read opens
		r.packs.close()
		r.packs = nil
	}
}
