package gitrepo

import (
	"errors"
	"fmt"
	"sort"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
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
	Parents   int
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
	c, err := object.GetCommit(r.st, ref.Hash())
	if err != nil {
		return CommitInfo{}, fmt.Errorf("read commit %s: %w", ref.Hash(), err)
	}
	info := CommitInfo{
		Hash: c.Hash.String(), Message: c.Message, Parents: c.NumParents(),
		Author:    Signature{Name: c.Author.Name, Email: c.Author.Email, When: c.Author.When},
		Committer: Signature{Name: c.Committer.Name, Email: c.Committer.Email, When: c.Committer.When},
	}
	tree, err := c.Tree()
	if err != nil {
		return CommitInfo{}, fmt.Errorf("read tree of %s: %w", c.Hash, err)
	}
	var parentTree *object.Tree
	if c.NumParents() > 0 {
		p, err := c.Parent(0)
		if err != nil {
			return CommitInfo{}, fmt.Errorf("read parent of %s: %w", c.Hash, err)
		}
		if parentTree, err = p.Tree(); err != nil {
			return CommitInfo{}, fmt.Errorf("read tree of %s: %w", p.Hash, err)
		}
	}
	changes, err := object.DiffTree(parentTree, tree)
	if err != nil {
		return CommitInfo{}, fmt.Errorf("diff %s: %w", c.Hash, err)
	}
	for _, ch := range changes {
		name := ch.To.Name
		if name == "" {
			name = ch.From.Name
		}
		info.Files = append(info.Files, name)
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
	if err := r.commitLog(ref.Hash(), func(*object.Commit) error { n++; return nil }); err != nil {
		return 0, fmt.Errorf("log: %w", err)
	}
	return n, nil
}
