package root

import (
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/present"
)

// commandPaths lists the argument paths of every command a user can ask --help of.
func commandPaths(t *testing.T) [][]string {
	t.Helper()
	f, _, _ := cmdutil.TestFactory(t.TempDir(), now, nil)
	var out [][]string
	var visit func(c *cobra.Command, path []string)
	visit = func(c *cobra.Command, path []string) {
		if c.Hidden {
			return
		}
		out = append(out, path)
		for _, sub := range c.Commands() {
			visit(sub, append(append([]string(nil), path...), sub.Name()))
		}
	}
	visit(NewCmdRoot(f), nil)
	return out
}

var urlOnly = regexp.MustCompile(`^\s*(\S+\s+)?https?://\S+$`)

// TestHelpFitsEightyColumns renders every command's --help and fails on a line wider than 80
// columns: help is read on terminals of that width. A line holding only a URL cannot be wrapped.
func TestHelpFitsEightyColumns(t *testing.T) {
	for _, path := range commandPaths(t) {
		out, errOut, code := run(t, t.TempDir(), nil, append(path, "--help")...)
		if code != 0 || errOut != "" || out == "" {
			t.Errorf("pm %v --help: exit %d, stderr %q", path, code, errOut)
			continue
		}
		for i, line := range strings.Split(out, "\n") {
			if w := present.Width(line); w > 80 && !urlOnly.MatchString(line) {
				t.Errorf("pm %s --help line %d is %d columns:\n%s", strings.Join(path, " "), i+1, w, line)
			}
		}
	}
}

func TestEveryHelpHasAnExample(t *testing.T) {
	for _, path := range commandPaths(t) {
		out, _, _ := run(t, t.TempDir(), nil, append(path, "--help")...)
		if len(path) > 0 && path[0] == "help" {
			continue
		}
		if !strings.Contains(out, "\nExamples:\n") {
			t.Errorf("pm %s --help has no example", strings.Join(path, " "))
		}
	}
}
