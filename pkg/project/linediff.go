package project

import "bytes"

// lineDiff counts the lines added and removed from a to b, as `git diff --numstat` does for a
// minimal diff: lines common to both (their longest common subsequence) are neither. It compares
// the common head and tail first, then runs Myers' algorithm on the middle; past maxEditCost
// edits (files rewritten wholesale) it counts every middle line as changed rather than spend the
// time, which is what a diff of such files shows anyway.
func lineDiff(a, b []byte) (added, removed int) {
	x, y := splitLines(a), splitLines(b)
	for len(x) > 0 && len(y) > 0 && bytes.Equal(x[0], y[0]) {
		x, y = x[1:], y[1:]
	}
	for len(x) > 0 && len(y) > 0 && bytes.Equal(x[len(x)-1], y[len(y)-1]) {
		x, y = x[:len(x)-1], y[:len(y)-1]
	}
	d, ok := editDistance(x, y, maxEditCost)
	if !ok {
		return len(y), len(x)
	}
	common := (len(x) + len(y) - d) / 2
	return len(y) - common, len(x) - common
}

// maxEditCost bounds Myers' algorithm: O((N+M)·D) time stays well under a second below it.
const maxEditCost = 4000

// splitLines splits at newlines; a last line without one is a line too.
func splitLines(s []byte) [][]byte {
	var out [][]byte
	for len(s) > 0 {
		i := bytes.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

// editDistance is the number of insertions and deletions that turn x into y (Myers 1986, the
// forward pass only), or ok=false when it exceeds limit.
func editDistance(x, y [][]byte, limit int) (int, bool) {
	n, m := len(x), len(y)
	if n == 0 || m == 0 {
		return n + m, true
	}
	max := n + m
	if limit < max {
		max = limit
	}
	v := make([]int, 2*max+2)
	off := max + 1
	for d := 0; d <= max; d++ {
		for k := -d; k <= d; k += 2 {
			var i int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				i = v[off+k+1]
			} else {
				i = v[off+k-1] + 1
			}
			j := i - k
			for i < n && j < m && bytes.Equal(x[i], y[j]) {
				i++
				j++
			}
			v[off+k] = i
			if i >= n && j >= m {
				return d, true
			}
		}
	}
	return 0, false
}
