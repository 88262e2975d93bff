package lint

import (
	"fmt"
	"io"
	"strings"
)

// diffContext is the number of unchanged lines shown around a change, as diff -u shows them.
const diffContext = 3

// op is one line of an edit script: kept (' '), removed ('-') or added ('+').
type op struct {
	kind byte
	line string // with its line end, if it had one
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

// editScript returns the shortest edit script from a to b (Myers' algorithm): fixes insert a few lines
// into long files, so the number of differences, which its cost grows with, is small.
func editScript(a, b []string) []op {
	n, m := len(a), len(b)
	max := n + m
	v := make([]int, 2*max+2)
	var trace [][]int
	for d := 0; d <= max; d++ {
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
	return nil
}

// backtrack walks the snapshots of editScript back from the end, collecting the script.
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

// writeDiff writes the unified diff of a file's old and new text (--- a/path, +++ b/path, hunks with
// diffContext lines of context), nothing when they are equal.
func writeDiff(w io.Writer, path, old, new string) error {
	script := editScript(lines(old), lines(new))
	var b strings.Builder
	for i := 0; i < len(script); {
		if script[i].kind == ' ' {
			i++
			continue
		}
		// a hunk: from diffContext lines before this change to diffContext after the last change
		// that lies within 2*diffContext kept lines of the one before it
		start := max(i-diffContext, 0)
		end := i
		for j := i; j < len(script); j++ {
			if script[j].kind != ' ' {
				end = j + 1
				continue
			}
			if j-end >= 2*diffContext {
				break
			}
		}
		end = min(end+diffContext, len(script))
		if b.Len() == 0 {
			fmt.Fprintf(&b, "--- a/%s\n+++ b/%s\n", path, path)
		}
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
		fmt.Fprintf(&b, "@@ -%s +%s @@\n", hunkRange(oldLine, oldN), hunkRange(newLine, newN))
		for _, o := range script[start:end] {
			b.WriteByte(o.kind)
			b.WriteString(o.line)
			if !strings.HasSuffix(o.line, "\n") {
				b.WriteString("\n\\ No newline at end of file\n")
			}
		}
		i = end
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// hunkRange is a hunk header's start,count; an empty range starts at the line before it, as diff -u
// writes it.
func hunkRange(start, n int) string {
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", start-1)
	case 1:
		return fmt.Sprintf("%d", start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}
