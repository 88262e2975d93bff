package gitrepo

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
)

func splitKey(k string) (string, string, bool) {
	for i := len(k) - 1; i > 0; i-- {
		if k[i] == '.' {
			return k[:i], k[i+1:], i+1 < len(k)
		}
	}
	return "", "", false
}

// CommitInfo describes a commit: its message, people, parents and the paths it changed.
type CommitInfo struct {
	Hash      string
	Message   string
	Author    Signature
	Committer Signature
	Parents   int      // 0 for a root, and for a shallow clone's commit whose parents were not fetched
	Files     []string // paths that differ from the first parent (all paths for a root commit), sorted
}

// ErrNoCommits is returned by HeadCommit on an unborn branch.
var ErrNoCommits = errors.New("no commits yet")

// HeadCommit describes the commit HEAD points at.
func (r *Repo) HeadCommit() (CommitInfo, error) {
	ref, err := r.head()
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return CommitInfo{}, ErrNoCommits
	}
	if err != nil {
		return CommitInfo{}, fmt.Errorf("read HEAD: %w", err)
	}
	c, err := r.commitObject(ref.Hash())
	if err != nil {
		return CommitInfo{}, fmt.Errorf("read commit %s: %w", ref.Hash(), err)
	}
	parents := len(c.ParentHashes) // 0 for a shallow clone's last commit, as git shows it (see graft)
	info := CommitInfo{
		Hash: c.Hash.String(), Message: c.Message, Parents: parents,
		Author: c.Author, Committer: c.Committer,
	}
	var parentTree plumbing.Hash
	if parents > 0 {
		p, err := r.commitObject(c.ParentHashes[0])
		if err != nil {
			return CommitInfo{}, fmt.Errorf("read parent of %s: %w", c.Hash, err)
		}
		parentTree = p.TreeHash
	}
	if info.Files, err = r.changedFiles(parentTree, c.TreeHash, "", nil); err != nil {
		return CommitInfo{}, fmt.Errorf("diff %s: %w", c.Hash, err)
	}
	sort.Strings(info.Files)
	return info, nil
}

// CommitCount counts the commits reachable from HEAD (0 on an unborn branch).
func (r *Repo) CommitCount() (int, error) {
	ref, err := r.head()
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read HEAD: %w", err)
	}
	n := 0
	if err := r.commitLog(ref.Hash(), func(*gitCommit) error { n++; return nil }); err != nil {
		return 0, fmt.Errorf("log: %w", err)
	}
	return n, nil
}

// changedFiles appends to out the paths under prefix of the files that differ between the trees a
// and b (zero: empty): each entry that is not a folder (a file, symbolic link or submodule) whose
// hash or mode changed, or that only one side has, and each such entry below a folder only one side
// has; where one side has a folder and the other a file of the same name, both count. These are the
// paths go-git's DiffTree reported (it detected no renames by default), in no particular order.
func (r *Repo) changedFiles(a, b plumbing.Hash, prefix string, out []string) ([]string, error) {
	if a == b {
		return out, nil
	}
	ea, err := r.treeOrEmpty(a, prefix)
	if err != nil {
		return out, err
	}
	eb, err := r.treeOrEmpty(b, prefix)
	if err != nil {
		return out, err
	}
	ma, mb := itemsByName(ea), itemsByName(eb)
	for _, e := range ea {
		o, ok := mb[e.Name]
		switch {
		case e.Mode == filemode.Dir:
			var sub plumbing.Hash
			if ok && o.Mode == filemode.Dir {
				sub = o.Hash
			}
			if out, err = r.changedFiles(e.Hash, sub, prefix+e.Name+"/", out); err != nil {
				return out, err
			}
		case !ok || o.Mode == filemode.Dir || o.Hash != e.Hash || o.Mode != e.Mode:
			out = append(out, prefix+e.Name)
		}
	}
	for _, e := range eb {
		o, ok := ma[e.Name]
		switch {
		case e.Mode == filemode.Dir:
			if !ok || o.Mode != filemode.Dir {
				if out, err = r.changedFiles(plumbing.ZeroHash, e.Hash, prefix+e.Name+"/", out); err != nil {
					return out, err
				}
			}
		case !ok || o.Mode == filemode.Dir:
			out = append(out, prefix+e.Name)
		}
	}
	return out, nil
}

// treeOrEmpty reads the tree h of the folder prefix; the zero hash is an empty tree.
func (r *Repo) treeOrEmpty(h plumbing.Hash, prefix string) ([]treeItem, error) {
	if h.IsZero() {
		return nil, nil
	}
	t, err := r.readTree(h)
	if err != nil {
		return nil, fmt.Errorf("read tree %s of %q: %w", h, strings.TrimSuffix(prefix, "/"), err)
	}
	return t, nil
}

func itemsByName(items []treeItem) map[string]treeItem {
	m := make(map[string]treeItem, len(items))
	for _, e := range items {
		m[e.Name] = e
	}
	return m
}
