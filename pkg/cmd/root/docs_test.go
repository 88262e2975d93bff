package root

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// documented lists "pm", "pm status", "pm hook install", … for every command the docs must cover.
func documented(t *testing.T) []string {
	var out []string
	for _, path := range commandPaths(t) {
		if len(path) > 0 && path[0] == "help" {
			continue
		}
		out = append(out, strings.Join(append([]string{"pm"}, path...), " "))
	}
	return out
}

func TestDocsMan(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "man", "man1")
	env := map[string]string{"SOURCE_DATE_EPOCH": "1795000000"} // 2026-11-18
	_, errOut, code := run(t, t.TempDir(), env, "docs", "man", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, name := range documented(t) {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".1")
		data, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: no manual page: %v", name, err)
			continue
		}
		page := string(data)
		title := strings.ToUpper(strings.ReplaceAll(name, " ", "-"))
		if !strings.HasPrefix(page, `.TH "`+title+`" "1" "2026-11-18" "pm `) {
			t.Errorf("%s: header %q", name, strings.SplitN(page, "\n", 3)[:2])
		}
		for _, section := range []string{".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION"} {
			if !strings.Contains(page, section) {
				t.Errorf("%s: no %s", name, section)
			}
		}
		if strings.Contains(page, "Auto generated") {
			t.Errorf("%s: carries cobra's auto-generated tag", name)
		}
	}
	// The same date gives the same pages: a release build is reproducible.
	again := filepath.Join(t.TempDir(), "again")
	run(t, t.TempDir(), env, "docs", "man", again)
	a, _ := os.ReadFile(filepath.Join(dir, "pm-status.1"))
	b, _ := os.ReadFile(filepath.Join(again, "pm-status.1"))
	if string(a) != string(b) || len(a) == 0 {
		t.Error("two runs with the same SOURCE_DATE_EPOCH differ")
	}
}

func TestDocsMarkdown(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "md")
	_, errOut, code := run(t, t.TempDir(), nil, "docs", "markdown", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	f := commandsByPath(t)
	for _, name := range documented(t) {
		data, err := os.ReadFile(filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".md"))
		if err != nil {
			t.Errorf("%s: no Markdown page: %v", name, err)
			continue
		}
		page := string(data)
		if !strings.HasPrefix(page, "## "+name+"\n") {
			t.Errorf("%s: page starts %q", name, strings.SplitN(page, "\n", 2)[0])
		}
		if ex := f[name]; ex != "" && !strings.Contains(page, ex) {
			t.Errorf("%s: the page lacks the example %q", name, ex)
		}
		if strings.Contains(page, "Auto generated") {
			t.Errorf("%s: carries cobra's auto-generated tag", name)
		}
	}
}

func TestDocsErrors(t *testing.T) {
	work := t.TempDir()
	file := filepath.Join(work, "file")
	os.WriteFile(file, []byte("x"), 0o644)
	cases := []struct {
		args []string
		env  map[string]string
		err  string
	}{
		{[]string{"docs", "man", filepath.Join(file, "man")}, nil, "create folder"},
		{[]string{"docs", "markdown", file}, nil, "create folder"},
		{[]string{"docs", "man"}, nil, "say which folder"},
		{[]string{"docs", "markdown", "a", "b"}, nil, "say which folder"},
		{[]string{"docs", "man", "out"}, map[string]string{"SOURCE_DATE_EPOCH": "yesterday"}, "SOURCE_DATE_EPOCH"},
	}
	for _, c := range cases {
		_, errOut, code := run(t, work, c.env, c.args...)
		if code != 2 || !strings.Contains(errOut, c.err) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("pm %v: exit %d, stderr %q; want 2 and %q", c.args, code, errOut, c.err)
		}
	}
	if _, err := os.Stat(filepath.Join(work, "out")); err == nil {
		t.Error("a bad SOURCE_DATE_EPOCH still wrote pages")
	}
}

// commandsByPath maps "pm status" to the first line of its example, as the Markdown page shows it.
func commandsByPath(t *testing.T) map[string]string {
	out := map[string]string{}
	for _, path := range commandPaths(t) {
		help, _, _ := run(t, t.TempDir(), nil, append(path, "--help")...)
		_, ex, ok := strings.Cut(help, "Examples:\n")
		if !ok {
			continue
		}
		first, _, _ := strings.Cut(ex, "\n")
		out[strings.Join(append([]string{"pm"}, path...), " ")] = first
	}
	return out
}

// TestDocsFolderRules: DIR that is a symbolic link to a folder is written through, a dangling one gets
// its folder created; a page that is a link has its target written; a page that is a folder stops pm
// with its name.
func TestDocsFolderRules(t *testing.T) {
	work := t.TempDir()
	os.Mkdir(filepath.Join(work, "real"), 0o755)
	if err := os.Symlink("real", filepath.Join(work, "link")); err != nil {
		testenv.Skip(t, err)
	}
	os.Symlink("made", filepath.Join(work, "dangling"))
	os.WriteFile(filepath.Join(work, "elsewhere.md"), []byte("old"), 0o600)
	os.Symlink("../elsewhere.md", filepath.Join(work, "real", "pm_status.md"))
	for _, dir := range []string{"link", "dangling"} {
		if _, errOut, code := run(t, work, nil, "docs", "markdown", dir); code != 0 || errOut != "Wrote the Markdown pages into "+dir+"\n" {
			t.Fatalf("pm docs markdown %s: exit %d: %s", dir, code, errOut)
		}
	}
	for _, p := range []string{"real/pm.md", "made/pm.md", "made/pm_status.md"} {
		if b, err := os.ReadFile(filepath.Join(work, p)); err != nil || !strings.HasPrefix(string(b), "## pm") {
			t.Errorf("%s: %v %.20q", p, err, b)
		}
	}
	for _, p := range []string{"link", "dangling", "real/pm_status.md"} {
		if fi, err := os.Lstat(filepath.Join(work, p)); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("%s is no longer a symbolic link", p)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(work, "elsewhere.md")); !strings.HasPrefix(string(b), "## pm status") {
		t.Errorf("the page's link target holds %.20q", b)
	}

	os.Remove(filepath.Join(work, "real", "pm_list.md"))
	os.Mkdir(filepath.Join(work, "real", "pm_list.md"), 0o755)
	_, errOut, code := run(t, work, nil, "docs", "markdown", "link")
	if code != 2 || errOut != "pm: write link/pm_list.md: is a folder\n" {
		t.Errorf("a page that is a folder: exit %d, %q", code, errOut)
	}
	if m, _ := filepath.Glob(filepath.Join(work, "real", ".pm-*")); len(m) != 0 {
		t.Errorf("temporary files left: %v", m)
	}
}
