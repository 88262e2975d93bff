package lint

import (
	"io"

	"github.com/pm-tools/pm/pkg/textdiff"
)

// writeDiff writes the unified diff of a file's old and new text (--- a/path, +++ b/path), nothing
// when they are equal.
func writeDiff(w io.Writer, path, old, new string) error {
	_, err := io.WriteString(w, textdiff.Unified("a/"+path, "b/"+path, old, new))
	return err
}
