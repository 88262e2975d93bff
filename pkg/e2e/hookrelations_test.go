package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A commit that deletes or renames a postmortem another one names in related is refused by pm's
// hook: only the deleted file is staged, yet the commit leaves the other one naming nothing.
func TestHookRefusesRemovingARelatedPostmortem(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	// the hook runs pm from PATH: this pm
	for i, kv := range r.env {
		if path, ok := strings.CutPrefix(kv, "PATH="); ok {
			r.env[i] = "PATH=" + filepath.Dir(pmBin) + string(os.PathListSeparator) + path
		}
	}
	newLinked(t, r, "api down", "db down", "cache cold")
	if out, code := r.pm("hook", "install"); code != 0 {
		t.Fatalf("pm hook install: %d %s", code, out)
	}
	head := r.git("rev-parse", "HEAD")
	commit := func(change ...string) (string, error) {
		t.Helper()
		r.git(change...)
		out, err := r.run("git", "commit", "-q", "-m", "remove")
		if err != nil {
			r.git("reset", "-q", "--hard", head)
		}
		return out, err
	}
	for _, change := range [][]string{
		{"rm", "-q", "postmortems/2026-11-20-db-down.md"},
		{"mv", "postmortems/2026-11-20-db-down.md", "postmortems/2026-11-20-database-down.md"},
	} {
		out, err := commit(change...)
		if err == nil {
			t.Errorf("git %v: committed, leaving 2026-11-20-api-down.md naming nothing", change)
			r.git("reset", "-q", "--hard", head)
			continue
		}
		// only what the commit breaks: not the other postmortem's draft warnings
		want := `postmortems/2026-11-20-api-down.md:16:5: error: related: no postmortem has the id "2026-11-20-db-down" [relations]`
		if !strings.Contains(out, want) || strings.Contains(out, "api-down.md:56:") {
			t.Errorf("git %v: hook output\n%s\nwant the line %s alone for api-down.md", change, out, want)
		}
		if r.git("rev-parse", "HEAD") != head {
			t.Fatal("HEAD moved")
		}
	}
	// a postmortem nothing names, and a move to a folder that keeps the id, go in
	if out, err := commit("rm", "-q", "postmortems/2026-11-20-cache-cold.md"); err != nil {
		t.Errorf("deleting a postmortem nothing names: %v\n%s", err, out)
	}
	os.MkdirAll(filepath.Join(r.dir, "postmortems", "2026"), 0o755)
	if out, err := commit("mv", "postmortems/2026-11-20-db-down.md", "postmortems/2026/2026-11-20-db-down.md"); err != nil {
		t.Errorf("moving a related postmortem into a folder: %v\n%s", err, out)
	}
}

// The same for a pull request: pm lint --changed-since lints the postmortems naming one the branch
// deletes, which are not changed themselves.
func TestChangedSinceLintsWhatNamesADeletedPostmortem(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	newLinked(t, r, "api down", "db down")
	r.git("checkout", "-q", "-b", "pr")
	r.git("rm", "-q", "postmortems/2026-11-20-db-down.md")
	r.git("commit", "-q", "-m", "delete")
	out, code := r.pm("lint", "--changed-since", "main", "--format", "json")
	if code != 1 || !strings.Contains(out, `"path": "postmortems/2026-11-20-api-down.md"`) ||
		!strings.Contains(out, `no postmortem has the id \"2026-11-20-db-down\"`) || strings.Contains(out, "empty-section") {
		t.Errorf("exit %d, want 1 and api-down.md's relations error alone:\n%s", code, out)
	}
}

// A related postmortem with a merge conflict is in the index (unmerged), not removed: the one that
// names it gets no relations error.
func TestStagedConflictIsNotARemoval(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	newLinked(t, r, "api down", "db down")
	db := filepath.Join(r.dir, "postmortems", "2026-11-20-db-down.md")
	appendLine := func(line string) {
		f, err := os.OpenFile(db, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString(line + "\n")
		f.Close()
	}
	r.git("checkout", "-q", "-b", "other")
	appendLine("one")
	r.git("commit", "-q", "-am", "one")
	r.git("checkout", "-q", "main")
	appendLine("two")
	r.git("commit", "-q", "-am", "two")
	if out, err := r.run("git", "merge", "-q", "other"); err == nil {
		t.Fatalf("the merge did not conflict:\n%s", out)
	}
	if out, code := r.pm("lint", "--staged"); code != 0 || strings.Contains(out, "relations") || !strings.Contains(out, "unmerged") {
		t.Errorf("exit %d, want 0 and the unmerged file said, no relations error:\n%s", code, out)
	}
}

// newLinked makes a SEV-3 postmortem of 2026-11-20 for each title, and links the first to the
// second with pm link.
func newLinked(t *testing.T, r *repo, titles ...string) {
	t.Helper()
	for _, title := range titles {
		if out, code := r.pm("new", "--sev", "3", "--title", title, "--date", "2026-11-20"); code != 0 {
			t.Fatalf("pm new: %d %s", code, out)
		}
	}
	slug := func(title string) string { return "2026-11-20-" + strings.ReplaceAll(title, " ", "-") }
	if out, code := r.pm("link", slug(titles[0]), slug(titles[1])); code != 0 {
		t.Fatalf("pm link: %d %s", code, out)
	}
}
