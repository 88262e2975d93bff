package gitrepo

import (
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
)

// ResolveCommit returns the full hash of the commit rev names (a branch, tag,
// remote-tracking ref such as origin/main, hash, HEAD~1, ...). An unknown rev
// is ErrBadRevision.
func (r *Repo) ResolveCommit(rev string) (string, error) {
	c, err := r.revTree(rev)
	if err != nil {
		return "", err
	}
	return c.commit.String(), nil
}

// revision is a resolved commit and its tree.
type revision struct {
	commit, tree plumbing.Hash
}

// revTree resolves rev to a commit and its tree.
func (r *Repo) revTree(rev string) (revision, error) {
	h, err := r.resolveRevision(rev)
	if err != nil {
		return revision{}, err
	}
	c, err := r.commitObject(*h)
	if err != nil {
		return revision{}, fmt.Errorf("%q is not a commit (%v): %w", rev, err, ErrBadRevision)
	}
	return revision{commit: c.Hash, tree: c.TreeHash}, nil
}

// resolveRevision resolves rev as git rev-parse does (see parseRevision), or refuses it. REV^N for N
// of 3 or more, which only an octopus merge has, is refused, as it was when go-git's resolver (which
// took it to mean REV^2) resolved revisions.
func (r *Repo) resolveRevision(rev string) (*plumbing.Hash, error) {
	h, err := r.parseRevision(rev)
	var later laterParentError
	switch {
	case errors.As(err, &later):
		return nil, fmt.Errorf("%q asks for a third or later parent (%s), which pm cannot follow; name that commit by its hash (git rev-parse %q): %w",
			rev, string(later), rev, ErrBadRevision)
	case errors.Is(err, errAmbiguous):
		return nil, fmt.Errorf("%q: %v; give more digits of the hash: %w", rev, err, ErrBadRevision)
	case errors.As(err, new(revisionError)):
		return nil, fmt.Errorf("%q: %v: %w", rev, err, ErrBadRevision)
	case errors.Is(err, errRevisionSyntax):
		return nil, fmt.Errorf("%q: %v; name the commit by a branch, tag or hash, with ~N or ^N: %w", rev, err, ErrBadRevision)
	case err != nil:
		if shallow, serr := r.Shallow(); serr == nil && shallow {
			// HEAD~1 in a clone of depth 1, a base fetched without its history: the usual CI case
			return nil, Sentinelf(ErrBeyondShallow, "%q names no commit here, a shallow clone: it may be before the first commit fetched; fetch more history (git fetch --deepen=50, or fetch-depth: 0 in actions/checkout), or check the name", rev)
		}
		return nil, fmt.Errorf("%q names no commit here; check the branch or tag name (fetch it first if it is remote): %w", rev, ErrNoSuchRevision)
	}
	return &h, nil
}

// FileAt returns the content of path p (root-relative, slash-separated) in
// revision rev; ok is false when rev has no file there (it was added since, or
// the path is a directory or submodule there). An unknown rev is
// ErrBadRevision. The content is the blob as stored: no smudge filter or
// end-of-line conversion.
func (r *Repo) FileAt(rev, p string) (data []byte, ok bool, err error) {
	p, err = cleanPath(p)
	if err != nil {
		return nil, false, err
	}
	rv, err := r.revTree(rev)
	if err != nil {
		return nil, false, err
	}
	e, ok, err := newTreeLookup(r, rv.tree).find(p)
	if err != nil || !ok {
		return nil, false, err
	}
	data, err = r.readBlob(e.Hash)
	if err != nil {
		return nil, false, fmt.Errorf("read %s at %s: %w", p, rev, err)
	}
	return data, true, nil
}

// FilesAt returns the root-relative paths (sorted) of the files under folder
// dir ("" or "." for the whole tree) in revision rev: regular files,
// executables and symbolic links; submodules are left out. A folder rev does
// not have gives no paths. Together with the work tree it tells which files
// were deleted since rev, which ChangedSince does not report.
func (r *Repo) FilesAt(rev, dir string) ([]string, error) {
	dir = strings.Trim(strings.ReplaceAll(dir, "\\", "/"), "/")
	if dir == "." {
		dir = ""
	}
	if dir != "" {
		if _, err := cleanPath(dir); err != nil {
			return nil, err
		}
	}
	rv, err := r.revTree(rev)
	if err != nil {
		return nil, err
	}
	lookup := newTreeLookup(r, rv.tree)
	var out []string
	var walk func(d string) error
	walk = func(d string) error {
		entries, err := lookup.dir(d)
		if err != nil {
			return err
		}
		for name, e := range entries {
			p := path.Join(d, name)
			switch {
			case e.Mode == filemode.Dir:
				if err := walk(p); err != nil {
					return err
				}
			case e.Mode != filemode.Submodule:
				out = append(out, p)
			}
		}
		return nil
	}
	if err := walk(dir); err != nil {
		return nil, fmt.Errorf("list %s at %s: %w", dirName(dir), rev, err)
	}
	sort.Strings(out)
	return out, nil
}

func dirName(d string) string {
	if d == "" {
		return "the root folder"
	}
	return d
}

// RemoteHead returns the branch the remote's HEAD points to, as a short
// remote-tracking name such as "origin/main": the remote's default branch,
// which `git clone` and `git remote set-head origin --auto` record. ok is false
// when the repository has no such record.
func (r *Repo) RemoteHead(remote string) (name string, ok bool, err error) {
	ref, err := r.st.Reference(plumbing.NewRemoteHEADReferenceName(remote))
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("read %s/HEAD: %w", remote, err)
	}
	if ref.Type() != plumbing.SymbolicReference {
		return "", false, nil // a detached remote HEAD names no branch
	}
	target := ref.Target()
	if !target.IsRemote() {
		return "", false, nil
	}
	return target.Short(), true, nil
}
