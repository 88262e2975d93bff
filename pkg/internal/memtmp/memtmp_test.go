package memtmp

import (
	"os"
	"runtime"
	"strings"
	"testing"
)

// TestTempDirFollows: when memoryDir finds a memory file system and TMPDIR was not set, the test
// binary's temporary folders are made there; when TMPDIR was set, it is left as it was.
func TestTempDirFollows(t *testing.T) {
	dir := memoryDir()
	if runtime.GOOS != "linux" && dir != "" {
		t.Fatalf("memoryDir %q outside Linux", dir)
	}
	if dir == "" {
		t.Skip("no memory file system to spare here: TMPDIR is left alone")
	}
	if got := t.TempDir(); os.Getenv("TMPDIR") == dir && !strings.HasPrefix(got, dir+string(os.PathSeparator)) {
		t.Errorf("TMPDIR is %s but t.TempDir is %s", dir, got)
	}
}
