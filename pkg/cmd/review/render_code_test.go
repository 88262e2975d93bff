package review

import "testing"

// A code span keeps a pipe as it is outside a table (a backslash there would show), and escapes it
// in a table cell (where GFM would split the row at it).
func TestCodeSpans(t *testing.T) {
	if got := code("postmortems/a`b|c.md"); got != "``postmortems/a`b|c.md``" {
		t.Errorf("code: %q", got)
	}
	if got := codeCell("a|b"); got != "`a\\|b`" {
		t.Errorf("codeCell: %q", got)
	}
}
