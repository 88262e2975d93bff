package gitrepo

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckPackedRefs(t *testing.T) {
	id := strings.Repeat("ab", 20)
	for text, ok := range map[string]bool{
		"# pack-refs with: peeled fully-peeled sorted \n" + id + " refs/heads/main\n": true,
		id + " refs/tags/v1\n^" + id + "\n" + id + " refs/heads/main\n":               true,
		"":                                true,
		"garbage line\n":                  false,
		id + " refs/heads/main":           false, // unterminated
		"^" + id + "\n":                   false, // peeled with no ref above
		id + " \n":                        false,
		strings.Repeat("g", 40) + " x\n":  false,
		"# pack-refs with: peeled\n#x\n":  false,
		strings.Repeat("ab", 32) + " r\n": true, // SHA-256
		strings.ToUpper(id) + " refs/x\n": true, // git reads hex in either case
	} {
		path := filepath.Join(t.TempDir(), "packed-refs")
		mustNoErr(t, os.WriteFile(path, []byte(text), 0o644))
		if err := checkPackedRefs(path); (err == nil) != ok {
			t.Errorf("%q: %v", text, err)
		}
	}
	if err := checkPackedRefs(filepath.Join(t.TempDir(), "none")); err != nil {
		t.Errorf("no file: %v", err)
	}
}
