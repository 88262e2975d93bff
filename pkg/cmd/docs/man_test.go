package docs_test

import (
	"github.com/pm-tools/pm/pkg/internal/testenv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/cmd/root"
	"github.com/pm-tools/pm/pkg/cmdutil"
)

// TestManPagesFormat writes pm's manual pages and checks them as the formatters read them: a date
// mandoc can parse, hyphenation off after .TH (whose macros turn it back on), nothing but ASCII in
// the roff so that groff reads it without -k, and no warning from mandoc -T lint or groff -ww.
func TestManPagesFormat(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "man1")
	env := map[string]string{"SOURCE_DATE_EPOCH": "1795000000"} // 2026-11-18
	f, _, errOut := cmdutil.TestFactory(t.TempDir(), now, env)
	if code := root.Run(f, []string{"docs", "man", dir}); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "*.1"))
	if len(pages) < 20 {
		t.Fatalf("only %d pages", len(pages))
	}
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(p)
		title := strings.ToUpper(strings.TrimSuffix(name, ".1"))
		if want := `.TH "` + title + `" "1" "2026-11-18" "pm `; !strings.HasPrefix(string(data), want) {
			t.Errorf("%s: starts %q, want %q", name, strings.SplitN(string(data), "\n", 2)[0], want)
		}
		if lines := strings.SplitN(string(data), "\n", 3); len(lines) < 3 || lines[1] != ".nh" {
			t.Errorf("%s: the line after .TH is not .nh", name)
		}
		for i, line := range strings.Split(string(data), "\n") {
			for _, r := range line {
				if r > 0x7e || r < 0x20 && r != '\t' {
					t.Errorf("%s:%d: %q is not written as an escape: %q", name, i+1, r, line)
					break
				}
			}
		}
	}
	if _, err := exec.LookPath("mandoc"); err == nil {
		out, _ := exec.Command("mandoc", append([]string{"-T", "lint", "-W", "warning"}, pages...)...).CombinedOutput()
		if len(out) > 0 {
			t.Errorf("mandoc -T lint -W warning:\n%s", out)
		}
	} else {
		testenv.Skip(t, "no mandoc: pages not linted (.ci/run installs it)")
	}
	if _, err := exec.LookPath("groff"); err == nil {
		for _, p := range pages {
			cmd := exec.Command("groff", "-man", "-Tutf8", "-ww", "-z", p)
			if out, err := cmd.CombinedOutput(); err != nil || len(out) > 0 {
				t.Errorf("groff -man -Tutf8 -ww %s: %v\n%s", filepath.Base(p), err, out)
			}
			// At 40 columns a hyphenating formatter would have words to break (the warnings of
			// lines too narrow to adjust are expected there).
			out, err := exec.Command("groff", "-man", "-Tutf8", "-rLL=40n", p).Output()
			if err != nil || strings.ContainsRune(string(out), '\u2010') {
				t.Errorf("groff -rLL=40n %s: %v; or a word is hyphenated at a line break", filepath.Base(p), err)
			}
		}
	} else {
		t.Log("no groff: pages not formatted")
	}
}
