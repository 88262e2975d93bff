package gitrepo

import (
	"errors"
	"fmt"
	"os/exec"
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

// promisor caches whether the repository is a partial clone.
type promisor struct {
	once    sync.Once
	partial bool
}

// partialClone reports whether the repository is a partial clone: a remote with promisor = true
// (what `git clone --filter` sets), or extensions.partialClone.
func (r *Repo) partialClone() bool {
	r.promisor.once.Do(func() {
		cfg, err := r.loadConfig(r.env)
		if err != nil {
			return
		}
		if _, ok := cfg.get("extensions.partialclone"); ok {
			r.promisor.partial = true
			return
		}
		for _, e := range cfg.entries {
			if strings.HasPrefix(e.key, "remote.") && strings.HasSuffix(e.key, ".promisor") && cfg.boolean(e.key, false) {
				r.promisor.partial = true
				return
			}
		}
	})
	return r.promisor.partial
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
	data, stderr, err := r.runGit("cat-file", typ.String(), h.String())
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
