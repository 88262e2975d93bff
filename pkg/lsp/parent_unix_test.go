//go:build unix

package lsp

import (
	"os/exec"
	"testing"
	"time"
)

// TestParentGone: when the editor's process (initialize's processId) is gone, the server exits with
// 1, as LSP asks, though its input is still open; while it lives, the server serves.
func TestParentGone(t *testing.T) {
	editor := exec.Command("sleep", "60")
	if err := editor.Start(); err != nil {
		t.Skipf("start a process to stand for the editor: %v", err)
	}
	c := start(t, Options{WorkDir: t.TempDir(), ParentPoll: 10 * time.Millisecond})
	c.initialize(map[string]any{"processId": editor.Process.Pid})
	time.Sleep(50 * time.Millisecond)
	select {
	case code := <-c.exit:
		t.Fatalf("the server exited (%d) while the editor lives", code)
	default:
	}
	if err := editor.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	editor.Wait()
	select {
	case code := <-c.exit:
		if code != 1 {
			t.Errorf("exit code %d, want 1", code)
		}
		c.exit <- code
	case <-time.After(hangGuard):
		t.Fatal("the server did not exit after the editor's process was gone")
	}
}
