package gitrepo

import (
	"container/heap"
	"errors"
	"fmt"

	"github.com/go-git/go-git/v5/plumbing"
)

// MergeBase returns the commit where HEAD's history and rev's last met: what git merge-base rev
// HEAD prints, and what `git diff rev...` compares with. A branch behind its base then shows only
// its own changes, not the base's newer ones reversed. ok is false when there is none (unrelated
// histories, an unborn HEAD, or a shallow clone cut above it). An unknown rev is ErrBadRevision.
func (r *Repo) MergeBase(rev string) (hash string, ok bool, err error) {
	h, err := r.resolveRevision(rev)
	if err != nil {
		return "", false, err
	}
	other, err := r.commitObject(*h)
	if err != nil {
		return "", false, fmt.Errorf("%q is not a commit (%v): %w", rev, err, ErrBadRevision)
	}
	ref, err := r.head()
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("read HEAD: %w", err)
	}
	head, err := r.commitObject(ref.Hash())
	if err != nil {
		return "", false, fmt.Errorf("read HEAD commit %s: %w", ref.Hash(), err)
	}
	base, ok, err := r.mergeBase(other, head)
	if err != nil || !ok {
		return "", false, err
	}
	return base.String(), true, nil
}

// The marks of git's paint_down_to_common (commit-reach.c).
const (
	fromOne = 1 << iota
	fromTwo
	stale
)

// mergeBase walks down from both commits, newest committer date first, marking each commit with
// the sides it is reached from, as git's paint_down_to_common does: a commit reached from both is a
// candidate, and what is below it is stale. The walk stops once every commit left to visit is
// stale. Candidates made stale later (below a later one: committer dates out of order, after a
// rebase or with a wrong clock) are dropped, and of those left, one that is an ancestor of another
// (remove_redundant), as git does; the newest of the rest is the one git merge-base prints.
func (r *Repo) mergeBase(one, two *gitCommit) (plumbing.Hash, bool, error) {
	if one.Hash == two.Hash {
		return one.Hash, true, nil
	}
	marks := map[plumbing.Hash]int{one.Hash: fromOne, two.Hash: fromTwo}
	q := &dateQueue{}
	heap.Push(q, one)
	heap.Push(q, two)
	var found []*gitCommit
	for q.Len() > 0 && !q.allStale(marks) {
		c := heap.Pop(q).(*gitCommit)
		flags := marks[c.Hash] & (fromOne | fromTwo | stale)
		if flags == fromOne|fromTwo {
			found = append(found, c)
			flags |= stale // its parents, not itself: a later candidate above it makes it stale
		}
		for _, p := range c.ParentHashes {
			if marks[p]&flags == flags {
				continue
			}
			pc, err := r.commitObject(p)
			if err != nil {
				return plumbing.ZeroHash, false, fmt.Errorf("read commit %s: %w", p, err)
			}
			marks[p] |= flags
			heap.Push(q, pc)
		}
	}
	var result []*gitCommit
	for _, c := range found {
		if marks[c.Hash]&stale == 0 {
			result = append(result, c)
		}
	}
	if len(result) > 1 {
		var err error
		if result, err = r.removeRedundant(result); err != nil {
			return plumbing.ZeroHash, false, err
		}
	}
	if len(result) == 0 {
		return plumbing.ZeroHash, false, nil
	}
	best := result[0] // the newest, the first found of equal dates, as git orders its result
	for _, c := range result[1:] {
		if c.Committer.When.After(best.Committer.When) {
			best = c
		}
	}
	return best.Hash, true, nil
}

// removeRedundant drops the candidates that are ancestors of another candidate: everything reached
// from their parents is below one of them.
func (r *Repo) removeRedundant(cands []*gitCommit) ([]*gitCommit, error) {
	seen := map[plumbing.Hash]bool{}
	var stack []plumbing.Hash
	for _, c := range cands {
		stack = append(stack, c.ParentHashes...)
	}
	for len(stack) > 0 {
		h := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[h] {
			continue
		}
		seen[h] = true
		c, err := r.commitObject(h)
		if err != nil {
			return nil, fmt.Errorf("read commit %s: %w", h, err)
		}
		stack = append(stack, c.ParentHashes...)
	}
	var out []*gitCommit
	for _, c := range cands {
		if !seen[c.Hash] {
			out = append(out, c)
		}
	}
	return out, nil
}

// dateQueue holds commits, the newest committer date first (ties: the first pushed).
type dateQueue struct {
	items []*gitCommit
	order []int
	n     int
}

func (q *dateQueue) Len() int { return len(q.items) }
func (q *dateQueue) Less(i, j int) bool {
	ti, tj := q.items[i].Committer.When, q.items[j].Committer.When
	if !ti.Equal(tj) {
		return ti.After(tj)
	}
	return q.order[i] < q.order[j]
}
func (q *dateQueue) Swap(i, j int) {
	q.items[i], q.items[j] = q.items[j], q.items[i]
	q.order[i], q.order[j] = q.order[j], q.order[i]
}
func (q *dateQueue) Push(x any) {
	q.items = append(q.items, x.(*gitCommit))
	q.order = append(q.order, q.n)
	q.n++
}
func (q *dateQueue) Pop() any {
	last := len(q.items) - 1
	c := q.items[last]
	q.items, q.order = q.items[:last], q.order[:last]
	return c
}

// allStale reports whether every queued commit is below a merge base already found.
func (q *dateQueue) allStale(marks map[plumbing.Hash]int) bool {
	for _, c := range q.items {
		if marks[c.Hash]&stale == 0 {
			return false
		}
	}
	return true
}
