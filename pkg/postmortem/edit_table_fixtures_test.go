package postmortem

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSetActionStatusesOnFixtures sets the Status of every action item of every fixture pm has, with
// and without a Status column already, CRLF too: the edit either succeeds (its own check re-reads the
// table) or says why, and a file whose table is plain GFM is never refused.
func TestSetActionStatusesOnFixtures(t *testing.T) {
	var files []string
	for _, pattern := range []string{"../../testdata/examples/*.md", "../../testdata/lint/*/*.md", "../../testdata/cmd/*/*/*.md"} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	tried := 0
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, crlf := range []bool{false, true} {
			s := src
			if crlf {
				s = []byte(strings.ReplaceAll(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n", "\r\n"))
			}
			at := Parse(path, s, nil).Content().Actions()
			if at == nil || len(at.Rows) == 0 {
				continue
			}
			var edits []StatusEdit
			for i := range at.Rows {
				edits = append(edits, StatusEdit{Row: i, Status: []string{"done", "won't do", "open"}[i%3]})
			}
			out, err := SetActionStatuses(path, s, edits, "Status")
			if err != nil {
				if !strings.Contains(err.Error(), "by hand") {
					t.Errorf("%s: %v", path, err)
				}
				continue
			}
			tried++
			after := Parse(path, out, nil).Content().Actions()
			for i, r := range after.Rows {
				if r.Status.Text != edits[i].Status {
					t.Errorf("%s row %d: Status %q, want %q", path, i+1, r.Status.Text, edits[i].Status)
				}
			}
		}
	}
	t.Logf("%d edited", tried)
	if tried < 10 {
		t.Errorf("only %d fixtures edited", tried)
	}
}
