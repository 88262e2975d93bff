package root

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// examples copies the example postmortems into the postmortem folder of a new temporary work dir.
func examples(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	pmDir := filepath.Join(dir, "postmortems")
	if err := os.MkdirAll(pmDir, 0o755); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join("..", "..", "..", "testdata", "examples")
	files, err := filepath.Glob(filepath.Join(src, "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples in %s: %v", src, err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(pmDir, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// complete asks pm for completions as the shell scripts do, through the hidden __complete command, and
// returns the candidates (without descriptions) and the directive line.
func complete(t *testing.T, dir string, args ...string) ([]string, string) {
	t.Helper()
	out, errOut, code := run(t, dir, nil, append([]string{"__complete"}, args...)...)
	if code != 0 {
		t.Fatalf("pm __complete %q: exit %d, stderr %q", args, code, errOut)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	var words []string
	for _, l := range lines[:len(lines)-1] {
		w, _, _ := strings.Cut(l, "\t")
		words = append(words, w)
	}
	return words, lines[len(lines)-1]
}

const (
	ja      = "2026-09-03-checkout-delay-ja"
	payment = "2026-10-14-payment-api-timeouts"
	cache   = "2026-11-02-cache-stampede-draft"
)

func TestCompletion(t *testing.T) {
	dir := examples(t)
	all := []string{ja, payment, cache}
	statuses := []string{"draft", "in-review", "reviewed", "closed"}
	cases := []struct {
		args []string
		want []string
	}{
		{[]string{"status", ""}, append(slices.Clone(statuses), all...)},
		{[]string{"status", "re"}, []string{"reviewed"}},
		{[]string{"status", "In"}, []string{"in-review"}},
		{[]string{"status", "2026-1"}, []string{payment, cache}},
		{[]string{"status", "reviewed", ""}, all},
		{[]string{"status", "reviewed", payment, ""}, nil},
		{[]string{"message", ""}, []string{"internal", "external"}},
		{[]string{"message", "external", "2026-09"}, []string{ja}},
		{[]string{"actions", ""}, append([]string{"sync"}, all...)}, // the subcommand, then the ids
		{[]string{"actions", "sync", ""}, all},
		{[]string{"actions", payment, ""}, []string{ja, cache}},
		{[]string{"list", "--status", ""}, statuses},
		{[]string{"list", "--sev", ""}, []string{"1", "2", "3", "4", "5"}},
		{[]string{"list", "--format", "j"}, []string{"json"}},
		{[]string{"actions", "--format", ""}, []string{"table", "json", "csv"}},
		{[]string{"message", "internal", "--format", ""}, []string{"text", "markdown", "eml"}},
		{[]string{"new", "--lang", ""}, []string{"en", "ja"}},
		{[]string{"new", "--sev", "2"}, []string{"2"}},
		{[]string{"lint", "--format", "s"}, []string{"sarif"}},
		{[]string{"completion", ""}, []string{"bash", "zsh", "fish", "powershell"}},
	}
	for _, c := range cases {
		got, directive := complete(t, dir, c.args...)
		if !slices.Equal(got, c.want) {
			t.Errorf("pm %s<TAB>: %q, want %q", strings.Join(c.args, " "), got, c.want)
		}
		// 4 is cobra.ShellCompDirectiveNoFileComp: ids and words are not file names.
		if directive != ":4" {
			t.Errorf("pm %s<TAB>: directive %s, want :4", strings.Join(c.args, " "), directive)
		}
	}
	// A POSTMORTEM may be a path: a word with a slash is left to the shell's file completion (:0).
	if got, directive := complete(t, dir, "status", "reviewed", "postmortems/"); got != nil || directive != ":0" {
		t.Errorf("path completion: %q %s", got, directive)
	}
	// Outside any project there is nothing to offer, and no error.
	if got, _ := complete(t, t.TempDir(), "actions", "sync", ""); got != nil {
		t.Errorf("ids outside a project: %q", got)
	}
}

func TestCompletionScripts(t *testing.T) {
	for shell, marker := range map[string]string{
		"bash":       "__start_pm",
		"zsh":        "#compdef pm",
		"fish":       "complete -c pm",
		"powershell": "Register-ArgumentCompleter",
	} {
		out, errOut, code := run(t, t.TempDir(), nil, "completion", shell)
		if code != 0 || errOut != "" || !strings.Contains(out, marker) {
			t.Errorf("pm completion %s: exit %d, stderr %q, script without %q", shell, code, errOut, marker)
		}
	}
	for _, args := range [][]string{{"completion"}, {"completion", "tcsh"}, {"completion", "bash", "zsh"}} {
		if _, errOut, code := run(t, t.TempDir(), nil, args...); code != 2 || !strings.Contains(errOut, "bash|zsh|fish|powershell") && !strings.Contains(errOut, "want bash") {
			t.Errorf("pm %v: exit %d, stderr %q", args, code, errOut)
		}
	}
	out, _, _ := run(t, t.TempDir(), nil, "--help")
	if !strings.Contains(out, "\n  completion ") {
		t.Errorf("pm --help does not list completion:\n%s", out)
	}
}
