package project

import "github.com/pm-tools/pm/pkg/textdiff"

// lineDiff counts the lines added and removed from a to b, as `git diff --numstat` does for a
// minimal diff (textdiff.Count), counting every changed line past maxEditCost edits.
func lineDiff(a, b []byte) (added, removed int) {
	return textdiff.Count(string(a), string(b), maxEditCost)
}

// maxEditCost bounds Myers' algorithm: O((N+M)·D) time stays well under a second below it.
const maxEditCost = 4000
