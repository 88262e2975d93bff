package cmdutil

import (
	"path/filepath"
	"runtime"
	"testing"
)

// TestDisplay: a path under the working folder, or beside it in the same tree, is shown relative
// to it, as git shows paths; one that shares nothing with it but the root is shown as it is.
func TestDisplay(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("POSIX paths")
	}
	f := &Factory{WorkDir: "/tmp/pm/repo/sub"}
	for in, want := range map[string]string{
		"/tmp/pm/repo/sub/postmortems/a.md": "postmortems/a.md",
		"/tmp/pm/repo/postmortems/a.md":     "../postmortems/a.md",
		"/tmp/other/x.csv":                  "../../../other/x.csv",
		"/dev/zero":                         "/dev/zero",
		"/tmp/pm/repo/sub":                  ".",
	} {
		if got := f.Display(filepath.FromSlash(in)); got != want {
			t.Errorf("Display(%s) = %s, want %s", in, got, want)
		}
	}
}
