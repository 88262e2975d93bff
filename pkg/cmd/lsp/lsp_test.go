package lsp_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	lspcmd "github.com/pm-tools/pm/pkg/cmd/lsp"
	"github.com/pm-tools/pm/pkg/cmd/root"
	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/internal/testenv"
	"github.com/pm-tools/pm/pkg/internal/testrepo"
	"github.com/pm-tools/pm/pkg/lsp"
)

// TestMain lets this test binary be pm (see testenv.RunAs): Neovim starts it as its language server.
func TestMain(m *testing.M) {
	testenv.RunAs("pm", root.Main)
	os.Exit(m.Run())
}

var now = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

func TestFlags(t *testing.T) {
	cases := []struct {
		args     []string
		debounce time.Duration
		err      bool
	}{
		{args: nil, debounce: lsp.DefaultDebounce},
		{args: []string{"--stdio"}, debounce: lsp.DefaultDebounce},
		{args: []string{"--debounce", "0"}, debounce: 0},
		{args: []string{"--debounce", "200ms"}, debounce: 200 * time.Millisecond},
		{args: []string{"extra"}, err: true},
	}
	for _, c := range cases {
		f, _, _ := cmdutil.TestFactory(t.TempDir(), now, nil)
		var got *lspcmd.Options
		cmd := lspcmd.NewCmdLsp(f, func(o *lspcmd.Options) error { got = o; return nil })
		cmd.SetArgs(c.args)
		cmd.SetOut(&bytes.Buffer{})
		cmd.SetErr(&bytes.Buffer{})
		err := cmd.Execute()
		if c.err {
			if err == nil {
				t.Errorf("%q: no error", c.args)
			}
			continue
		}
		if err != nil || got == nil || got.Debounce != c.debounce {
			t.Errorf("%q: %v, options %+v", c.args, err, got)
		}
	}
}

func frame(body string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body) }

// TestRunExitCodes runs pm lsp in-process on a whole session read from stdin: exit 0 after
// shutdown, 1 when the input ends without it.
func TestRunExitCodes(t *testing.T) {
	init := frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}`) + frame(`{"jsonrpc":"2.0","method":"initialized","params":{}}`)
	for _, c := range []struct {
		input string
		code  int
	}{
		{init + frame(`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`) + frame(`{"jsonrpc":"2.0","method":"exit"}`), 0},
		{init + frame(`{"jsonrpc":"2.0","method":"exit"}`), 1},
		{init, 1},
	} {
		f, out, _ := cmdutil.TestFactory(t.TempDir(), now, nil)
		f.IO.In = strings.NewReader(c.input)
		cmd := lspcmd.NewCmdLsp(f, nil)
		cmd.SilenceUsage, cmd.SilenceErrors = true, true
		cmd.SetArgs([]string{"--debounce", "0"})
		err := cmd.Execute()
		code := 0
		var ee *cmdutil.ExitError
		if errors.As(err, &ee) {
			code = ee.Code
		} else if err != nil {
			t.Fatal(err)
		}
		if code != c.code {
			t.Errorf("exit code %d, want %d", code, c.code)
		}
		if !strings.Contains(out.String(), `"positionEncoding":"utf-16"`) {
			t.Errorf("no initialize result on stdout:\n%s", out)
		}
	}
}

// nvimScript opens the postmortem, starts pm lsp for it (vim.lsp.start from Neovim 0.8; on 0.7,
// Debian 12's, vim.lsp.start_client and buf_attach_client), waits for pm's diagnostics and writes
// them, one a line.
const nvimScript = `
local out = {}
local got = false
local config = {
  name = "pm",
  cmd = { os.getenv("PM_BIN"), "lsp" },
  root_dir = os.getenv("PM_ROOT"),
  handlers = {
    ["textDocument/publishDiagnostics"] = function(_, result)
      if result and #result.diagnostics > 0 then
        out = {}
        for _, d in ipairs(result.diagnostics) do
          table.insert(out, string.format("%d:%d-%d:%d %s %d %s", d.range.start.line, d.range.start.character,
            d.range["end"].line, d.range["end"].character, d.code, d.severity, d.message))
        end
        got = true
      end
    end,
  },
}
vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("PM_FILE")))
if vim.lsp.start then
  vim.lsp.start(config)
else
  vim.lsp.buf_attach_client(0, vim.lsp.start_client(config))
end
vim.wait(20000, function() return got end, 20)
local f = io.open(os.getenv("PM_OUT"), "w")
f:write(table.concat(out, "\n"))
f:close()
vim.cmd("qa!")
`

const nvimDoc = "---\ntitle: 決済の遅延 🚨\nseverity: SEV-2\nstatus: Draft\nowner: 佐藤\nincident_date: 2026-11-20\n---\n\n# 決済の遅延\n\n## Overview\n\n🔥🔥 決済が遅延しました。TODO\n"

// TestNeovim opens a postmortem in headless Neovim with pm as its language server and checks the
// diagnostics Neovim received: the rule, pm's severity, and the range in UTF-16 after two emoji.
func TestNeovim(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		testenv.Skip(t, "Neovim (nvim) is not installed: the real-client test of pm lsp does not run; apt-get install neovim")
		return
	}
	testenv.NeedGit(t)
	bin := filepath.Join(t.TempDir(), "pm")
	if err := testenv.LinkSelf(bin); err != nil {
		t.Fatal(err)
	}
	r := testrepo.New(t, "Aiko Sato", "aiko@example.com")
	r.Write(".pm.yaml", "timezone: UTC\n")
	r.Write("postmortems/2026-11-20-checkout.md", nvimDoc)
	dir := t.TempDir()
	script, out := filepath.Join(dir, "pm.lua"), filepath.Join(dir, "diagnostics.txt")
	if err := os.WriteFile(script, []byte(nvimScript), 0o644); err != nil {
		t.Fatal(err)
	}
	// A bound on a Neovim that never quits (a bug), not a timing: the script gives up after 20 s.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", "luafile "+script)
	cmd.Dir = r.Dir
	cmd.Env = append(os.Environ(), "PM_BIN="+bin, "PM_ROOT="+r.Dir, "PM_OUT="+out,
		"PM_FILE="+filepath.Join(r.Dir, "postmortems", "2026-11-20-checkout.md"),
		"HOME="+t.TempDir(), "XDG_CONFIG_HOME="+t.TempDir(), "XDG_DATA_HOME="+t.TempDir(), "XDG_STATE_HOME="+t.TempDir(),
		"PM_NOW=2026-11-23T10:00:00Z", "LANG=C")
	cmd.Stdin = strings.NewReader("")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nvim: %v\n%s", err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got := string(data)
	t.Logf("Neovim received:\n%s", got)
	// Line 13 (0-based 12): "🔥🔥 決済が遅延しました。TODO": two emoji are four UTF-16 units, a space and ten
	// Japanese characters follow, so TODO starts at 15.
	want := `12:15-12:19 placeholder 2 placeholder "TODO" left in the text`
	if !strings.Contains(got, want) {
		t.Errorf("Neovim's diagnostics lack %q", want)
	}
	if !strings.Contains(got, "required-section 1 ") {
		t.Errorf("Neovim's diagnostics lack the missing sections (errors)")
	}
}
