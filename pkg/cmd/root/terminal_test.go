package root

import (
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/cmdutil"
)

// runTTY runs pm as if stdout were a terminal.
func runTTY(t *testing.T, dir string, env map[string]string, args ...string) string {
	t.Helper()
	f, out, errOut := cmdutil.TestFactory(dir, now, env)
	f.IO.OutTTY = true
	if code := Run(f, args); code != 0 {
		t.Fatalf("pm %v: exit %d, %s", args, code, errOut)
	}
	return out.String()
}

func TestNoColor(t *testing.T) {
	dir := examples(t)
	for _, cmd := range []string{"list", "actions"} {
		if out := runTTY(t, dir, nil, cmd); !strings.Contains(out, "\x1b[") {
			t.Errorf("pm %s on a terminal: no colour", cmd)
		}
		for _, c := range []struct {
			args []string
			env  map[string]string
		}{
			{[]string{cmd, "--no-color"}, nil},
			{[]string{"--no-color", cmd}, nil},
			{[]string{cmd}, map[string]string{"NO_COLOR": "1"}},
			{[]string{cmd}, map[string]string{"TERM": "dumb"}},
		} {
			if out := runTTY(t, dir, c.env, c.args...); strings.Contains(out, "\x1b[") {
				t.Errorf("pm %v with %v: colour", c.args, c.env)
			}
		}
	}
	if out, _, _ := run(t, dir, nil, "list"); strings.Contains(out, "\x1b[") {
		t.Error("pm list into a pipe: colour")
	}
}

func TestQuiet(t *testing.T) {
	dir := examples(t)
	loud, loudErr, code := run(t, dir, nil, "lint")
	if code != 1 || !strings.Contains(loudErr, "3 files linted") {
		t.Fatalf("pm lint: exit %d, stderr %q", code, loudErr)
	}
	for _, args := range [][]string{{"-q", "lint"}, {"lint", "--quiet"}} {
		out, errOut, code := run(t, dir, nil, args...)
		if code != 1 || out != loud || errOut != "" {
			t.Errorf("pm %v: exit %d, stdout %q, stderr %q: want the findings and no summary", args, code, out, errOut)
		}
	}
	// Errors are never quiet.
	if _, errOut, code := run(t, dir, nil, "-q", "lint", "missing.md"); code != 2 || !strings.Contains(errOut, "pm: missing.md") {
		t.Errorf("pm -q lint missing.md: exit %d, stderr %q", code, errOut)
	}
	work := t.TempDir()
	out, errOut, code := run(t, work, nil, "-q", "init", "--no-commit")
	if code != 0 || out != "" || errOut != "" {
		t.Errorf("pm -q init --no-commit: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	out, errOut, code = run(t, work, map[string]string{"USER": "aiko"}, "-q", "new", "--sev", "1", "--title", "Checkout latency", "--no-commit")
	if code != 0 || out != "postmortems/2026-11-24-checkout-latency.md\n" || errOut != "" {
		t.Errorf("pm -q new: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	_, errOut, _ = run(t, work, nil, "init", "--no-commit")
	if !strings.Contains(errOut, "Already set up") {
		t.Errorf("pm init without -q: %q", errOut)
	}
}

func TestLintVerbose(t *testing.T) {
	dir := examples(t)
	_, errOut, code := run(t, dir, nil, "lint", "-v")
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{
		"linted postmortems/" + payment + ".md: 0 errors, 0 warnings\n",
		"linted postmortems/" + cache + ".md: 2 errors, 1 warning\n",
		"\ntook ",
		"\n3 files linted: 2 errors, 1 warning\n",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("pm lint -v: stderr lacks %q:\n%s", want, errOut)
		}
	}
}

// pm lint -v speaks the user's language in its per-file lines and its time, as in its summary.
func TestLintVerboseInJapanese(t *testing.T) {
	dir := examples(t)
	_, errOut, code := run(t, dir, nil, "--lang", "ja", "lint", "-v")
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{
		"postmortems/" + payment + ".md を検査: エラー 0 件、警告 0 件\n",
		"postmortems/" + cache + ".md を検査: エラー 2 件、警告 1 件\n",
		"\n所要時間 ",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("pm lint -v: stderr lacks %q:\n%s", want, errOut)
		}
	}
	for _, english := range []string{"linted ", "took "} {
		if strings.Contains(errOut, english) {
			t.Errorf("pm --lang ja lint -v: English %q:\n%s", english, errOut)
		}
	}
}
