package lint

import (
	"fmt"
	"sort"
)

// Fix is a change to the linted text that resolves a finding. pm lint --fix applies the safe ones;
// the language server offers every one as a code action.
type Fix struct {
	// Title says what the fix does, in the linter's language: a code action's title and the line
	// pm lint --fix prints.
	Title string
	// Safe marks a fix that needs no judgement (an insertion of what is missing, never a rewording):
	// pm lint --fix applies only these.
	Safe bool
	// Edits are the replacements the fix makes, in byte offsets into the linted source.
	Edits []Edit
}

// Edit replaces the bytes [Start, End) of the linted source with Text; Start == End inserts.
type Edit struct {
	Start, End int
	Text       string
}

// ApplyEdits returns src with the edits made. The edits may come in any order; it is an error for two
// of them to overlap (two insertions at one offset are made in the order given) or for one to fall
// outside src.
func ApplyEdits(src []byte, edits []Edit) ([]byte, error) {
	sorted := make([]Edit, len(edits))
	copy(sorted, edits)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Start < sorted[j].Start })
	out := make([]byte, 0, len(src))
	at := 0
	for _, e := range sorted {
		if e.Start < at || e.End < e.Start || e.End > len(src) {
			return nil, fmt.Errorf("edit of bytes %d-%d overlaps another or falls outside %d bytes", e.Start, e.End, len(src))
		}
		out = append(out, src[at:e.Start]...)
		out = append(out, e.Text...)
		at = e.End
	}
	return append(out, src[at:]...), nil
}
