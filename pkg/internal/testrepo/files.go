package testrepo

import (
	"os"
	"path/filepath"
	"testing"
)

// FakeRoot makes a folder that pm takes for the root of a repository (it holds an empty .git
// folder) but that git does not: enough for the commands that only read files.
func FakeRoot(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// WriteFile creates or replaces the file at the slash path rel under dir, with its folders.
func WriteFile(t testing.TB, dir, rel, content string) {
	t.Helper()
	name := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// ReadFile returns the content of the file at the slash path rel under dir.
func ReadFile(t testing.TB, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// CopyFiles copies the files that the glob pattern matches (fixtures, say) into the folder dst,
// which it makes if need be. A pattern that matches nothing fails the test: it is a wrong path.
func CopyFiles(t testing.TB, dst, pattern string) {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		t.Fatalf("no files match %s (%v)", pattern, err)
	}
	for _, src := range files {
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		WriteFile(t, dst, filepath.Base(src), string(data))
	}
}

// Unreadable puts in the postmortem folder dir, shown in messages as display, the files a command
// that reads every postmortem cannot read: a file that is not text, a symbolic link to nothing, a loop of links and, when the
// test does not run as root (who may read anything), a file its user may not read, holding data. It
// returns the notes pm gives for them, in path order. Where symbolic links cannot be made the test is
// skipped.
func Unreadable(t testing.TB, dir, display string, data []byte) []string {
	t.Helper()
	if err := os.Symlink("nowhere.md", filepath.Join(dir, "dangling.md")); err != nil {
		t.Skip("no symbolic links:", err)
	}
	if err := os.Symlink("loop.md", filepath.Join(dir, "loop.md")); err != nil {
		t.Fatal(err)
	}
	// Not text: a NUL byte in the front matter, where even the commands reading only that see it.
	bin := append([]byte("---\ntitle: o\x00k\n"), data...)
	if err := os.WriteFile(filepath.Join(dir, "binary.md"), bin, 0o644); err != nil {
		t.Fatal(err)
	}
	notes := []string{
		"pm: skipped " + display + "/binary.md: not a text file: a postmortem is UTF-8 Markdown",
		"pm: skipped " + display + "/dangling.md: no such file or directory",
		"pm: skipped " + display + "/loop.md: too many levels of symbolic links",
	}
	if os.Geteuid() != 0 {
		if err := os.WriteFile(filepath.Join(dir, "secret.md"), data, 0o000); err != nil {
			t.Fatal(err)
		}
		notes = append(notes, "pm: skipped "+display+"/secret.md: permission denied")
	}
	return notes
}
