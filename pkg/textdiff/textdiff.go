// Package textdiff shows how one text differs from another, line by line, in the unified format that
// diff -u and git diff write (pm lint --fix --dry-run and pm timeline import --dry-run print it), and
// counts the lines added and removed as git diff --numstat does (pm's note on uncommitted edits).
package textdiff

import (
	"fmt"
	"strings"
)

// context is the number of unchanged lines shown around a change, as diff -u shows them.
const context = 3

// maxTrace bounds the memory of Myers' algorithm (its snapshots, in ints): past it, the middle of the
// texts is shown as removed and then added, which is what a diff of a text rewritten wholesale
// shows anyway.
const maxTrace = 4 << 20

// op is one line of an edit script: kept (' '), removed ('-') or added ('+').
type op struct {
	kind byte
	line string // with its line end, if it had one
}

// Unified returns the unified diff that turns a into b, with the headers --- nameA and +++ nameB and
// hunks of three lines of context (a last line without a line end is marked as diff marks it); ""
// when the texts are equal.
func Unified(nameA, nameB, a, b string) string {
	if a == b {
		return ""
	}
	script := editScript(lines(a), lines(b))
	var sb strings.Builder
	fmt.Fprintf(&sb, "--- %s\n+++ %s\n", nameA, nameB)
	for i := 0; i < len(script); {
		if script[i].kind == ' ' {
			i++
			continue
		}
		// a hunk: from context lines before this change to context lines after the last change
		// that lies within 2*context kept lines of the one before it
		start := max(i-context, 0)
		end := i
		for j := i; j < len(script); j++ {
			if script[j].kind != ' ' {
				end = j + 1
				continue
			}
			if j-end >= 2*context {
				break
			}
		}
		end = min(end+context, len(script))
		oldLine, newLine := 1, 1
		for _, o := range script[:start] {
			if o.kind != '+' {
				oldLine++
			}
			if o.kind != '-' {
				newLine++
			}
		}
		oldN, newN := 0, 0
		for _, o := range script[start:end] {
			if o.kind != '+' {
				oldN++
			}
			if o.kind != '-' {
				newN++
			}
		}
		fmt.Fprintf(&sb, "@@ -%s +%s @@\n", hunkRange(oldLine, oldN), hunkRange(newLine, newN))
		for _, o := range script[start:end] {
			sb.WriteByte(o.kind)
			sb.WriteString(o.line)
			if !strings.HasSuffix(o.line, "\n") {
				sb.WriteString("\n\\ No newline at end of file\n")
			}
		}
		i = end
	}
	return sb.String()
}

// hunkRange is a hunk header's start,count; an empty range starts at the line before it, and a count
// of one is left out, as diff -u writes them.
func hunkRange(start, n int) string {
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", start-1)
	case 1:
		return fmt.Sprintf("%d", start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}

// lines splits text into lines, each with its line end; the last one may lack it.
func lines(s string) []string {
	var out []string
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

// Count returns the lines added and removed from a to b, as git diff --numstat counts a minimal diff:
// lines common to both (their longest common subsequence) are neither. Past maxCost edits between
// the common head and tail (a text rewritten wholesale) it counts every line there as changed
// rather than spend the time, which is what a diff of such texts shows anyway.
func Count(a, b string, maxCost int) (added, removed int) {
	x, y := lines(a), lines(b)
	head, tail := common(x, y)
	x, y = x[head:len(x)-tail], y[head:len(y)-tail]
	d, ok := editDistance(x, y, maxCost)
	if !ok {
		return len(y), len(x)
	}
	same := (len(x) + len(y) - d) / 2
	return len(y) - same, len(x) - same
}

// common returns how many lines a and b share at their head and then at their tail.
func common(a, b []string) (head, tail int) {
	for head < len(a) && head < len(b) && a[head] == b[head] {
		head++
	}
	for tail < len(a)-head && tail < len(b)-head && a[len(a)-1-tail] == b[len(b)-1-tail] {
		tail++
	}
	return head, tail
}

// editDistance is the number of insertions and deletions that turn a into b (Myers 1986, the forward
// pass only, in O((N+M)·D) time), or ok=false when it exceeds limit.
func editDistance(a, b []string, limit int) (int, bool) {
	n, m := len(a), len(b)
	if n == 0 || m == 0 {
		return n + m, true
	}
	max := min(n+m, limit)
	v := make([]int, 2*max+2)
	off := max + 1
	for d := 0; d <= max; d++ {
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1]
			} else {
				x = v[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[off+k] = x
			if x >= n && y >= m {
				return d, true
			}
		}
	}
	return 0, false
}

// editScript returns an edit script from a to b: the common head and tail kept, and between them the
// shortest script (Myers' algorithm), whose cost grows with the number of differences — a
// postmortem's edits change a few lines of a long file.
func editScript(a, b []string) []op {
	head, tail := common(a, b)
	out := make([]op, 0, len(a)+len(b))
	for _, l := range a[:head] {
		out = append(out, op{' ', l})
	}
	out = append(out, middle(a[head:len(a)-tail], b[head:len(b)-tail])...)
	for _, l := range a[len(a)-tail:] {
		out = append(out, op{' ', l})
	}
	return out
}

// middle is the shortest edit script from a to b, or every line of a removed and every line of b
// added when finding it would take more than maxTrace of memory.
func middle(a, b []string) []op {
	n, m := len(a), len(b)
	if n > 0 && m > 0 {
		max := n + m
		v := make([]int, 2*max+2)
		var trace [][]int
		for d := 0; d <= max && (d+1)*len(v) <= maxTrace; d++ {
			snapshot := make([]int, len(v))
			copy(snapshot, v)
			trace = append(trace, snapshot)
			for k := -d; k <= d; k += 2 {
				var x int
				if k == -d || (k != d && v[max+k-1] < v[max+k+1]) {
					x = v[max+k+1]
				} else {
					x = v[max+k-1] + 1
				}
				y := x - k
				for x < n && y < m && a[x] == b[y] {
					x++
					y++
				}
				v[max+k] = x
				if x >= n && y >= m {
					return backtrack(a, b, trace, d, max)
				}
			}
		}
	}
	out := make([]op, 0, n+m)
	for _, l := range a {
		out = append(out, op{'-', l})
	}
	for _, l := range b {
		out = append(out, op{'+', l})
	}
	return out
}

// backtrack walks the snapshots of middle back from the end, collecting the script.
func backtrack(a, b []string, trace [][]int, d, max int) []op {
	x, y := len(a), len(b)
	var rev []op
	for ; d >= 0; d-- {
		v := trace[d]
		k := x - y
		var prevK int
		if d == 0 {
			prevK = k
		} else if k == -d || (k != d && v[max+k-1] < v[max+k+1]) {
			prevK = k + 1
		} else {
			prevK = k - 1
		}
		prevX := 0
		if d > 0 {
			prevX = v[max+prevK]
		}
		prevY := prevX - prevK
		for x > prevX && y > prevY {
			x--
			y--
			rev = append(rev, op{' ', a[x]})
		}
		if d > 0 {
			if x == prevX {
				y--
				rev = append(rev, op{'+', b[y]})
			} else {
				x--
				rev = append(rev, op{'-', a[x]})
			}
		}
	}
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	return rev
}
