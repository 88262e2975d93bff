//go:build unix

package list

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/internal/testrepo"
	"github.com/pm-tools/pm/pkg/project"
)

// A file pm list cannot read is noted with why, one line each, and the listing still exits 0: a file
// that is not text, a link to nothing, a loop of links, a file over the size limit, a file pm may not read (not as root).
func TestListSaysWhyAFileWasSkipped(t *testing.T) {
	dir := setup(t)
	pm := filepath.Join(dir, "postmortems")
	big := doc("Big", "SEV-1", "Draft", "x", "2026-11-20", "", "2026-11-20T10:00:00Z")
	os.WriteFile(filepath.Join(pm, "big.md"), append([]byte(big), bytes.Repeat([]byte("y"), project.MaxFileSize+1-len(big))...), 0o644)
	want := append([]string{
		"pm: skipped postmortems/big.md: 8,388,609 bytes, over the 8 MiB (8,388,608-byte) limit; pm does not read it",
		"pm: skipped postmortems/broken.md: no usable front matter (pm lint postmortems/broken.md)",
	}, testrepo.Unreadable(t, pm, "postmortems", []byte(big))...)
	out, errOut, err := run(t, dir, nil, Options{})
	if err != nil || len(strings.Split(strings.TrimSpace(out), "\n")) != 5 {
		t.Fatalf("%v\n%s", err, out)
	}
	sort.Strings(want) // path order
	if got := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("notes:\n%s\nwant:\n%s", errOut, strings.Join(want, "\n"))
	}
	os.WriteFile(filepath.Join(dir, ".pm.yaml"), []byte("language: ja\n"), 0o644)
	_, errOut, _ = run(t, dir, nil, Options{})
	for _, w := range []string{
		"pm: postmortems/big.md をスキップしました: 8,388,609 バイトで、上限の 8 MiB (8,388,608 バイト) を超えています。pm は読みません\n",
		"pm: postmortems/dangling.md をスキップしました: no such file or directory\n",
		"pm: postmortems/binary.md をスキップしました: テキストファイルではありません: ポストモーテムは UTF-8 の Markdown です\n",
	} {
		if !strings.Contains(errOut, w) {
			t.Errorf("ja: %q does not hold %q", errOut, w)
		}
	}
}

// A file named with .MD in capitals is listed under its name without it.
func TestListIDOfUpperCaseMD(t *testing.T) {
	dir := setup(t)
	os.WriteFile(filepath.Join(dir, "postmortems", "2026-11-21-UPPER.MD"), []byte(doc("Upper", "SEV-2", "Draft", "x", "2026-11-21", "", "2026-11-21T10:00:00Z")), 0o644)
	out, _, err := run(t, dir, nil, Options{Format: "json"})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(t, out); len(got) != 5 || got[0] != "2026-11-21-UPPER" {
		t.Errorf("ids %q", got)
	}
	if !strings.Contains(out, `"path": "postmortems/2026-11-21-UPPER.MD"`) {
		t.Errorf("path:\n%s", out)
	}
}
