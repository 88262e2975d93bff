//go:build unix

package gitrepo

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/gitrepo/internal/gitindex"
	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// debugIndex is `git ls-files -s -v --debug` without what differs between two repositories made
// the same way (times, device and inode numbers).
func debugIndex(t *testing.T, f *fixture) string {
	t.Helper()
	out := f.git(f.root, "-c", "core.hooksPath=/dev/null/none", "ls-files", "-s", "-v", "--debug")
	var keep []string
	for _, l := range strings.Split(out, "\n") {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "ctime:") || strings.HasPrefix(l, "mtime:") || strings.HasPrefix(l, "dev:") {
			continue
		}
		keep = append(keep, l)
	}
	return strings.Join(keep, "\n")
}

// extensions lists the extensions a repository's index file holds.
func extensions(t *testing.T, f *fixture) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(f.root, ".git", "index"))
	mustNoErr(t, err)
	x, err := gitindex.Decode(data)
	mustNoErr(t, err)
	var sigs []string
	for sig, present := range map[string]bool{"TREE": x.Tree != nil, "REUC": x.ResolveUndo != nil,
		"UNTR": x.Untracked != nil, "FSMN": x.FSMonitor != nil, "sdir": x.Sparse} {
		if present {
			sigs = append(sigs, sig)
		}
	}
	for _, sig := range []string{"EOIE", "IEOT"} {
		if bytes.Contains(data[12:], []byte(sig)) { // no path here holds these letters
			sigs = append(sigs, sig)
		}
	}
	sort.Strings(sigs)
	return sigs
}

// fidelityCase is index entries or an index shape, made by setup on the git side of a twin.
type fidelityCase struct {
	name  string
	setup func(f *fixture)
	twice bool // built on each side: a copy would leave the pm side's index stale
}

// manyFiles writes 300 files in 7 folders: enough entries for git to write an offset table.
func manyFiles(f *fixture) {
	for i := 0; i < 300; i++ {
		f.write(filepath.Join("many", strings.Repeat("d", i%7+1), "f"+string(rune('a'+i%26))+strings.Repeat("x", i/26)+".md"), "x\n")
	}
}

// TestIndexFidelityMatchesGit commits one file next to index entries carrying every flag and
// extension git uses, once with git commit --only and once with pm, and compares the indexes.
func TestIndexFidelityMatchesGit(t *testing.T) {
	t.Parallel()
	cases := []fidelityCase{
		{"assume-unchanged", func(f *fixture) {
			baseRepo(f)
			f.git(f.root, "update-index", "--assume-unchanged", "sub/b.md")
			f.write("sub/b.md", "hidden local change\n")
		}, false},
		{"skip-worktree", func(f *fixture) {
			baseRepo(f)
			f.git(f.root, "update-index", "--skip-worktree", "sub/b.md")
		}, false},
		{"intent-to-add", func(f *fixture) {
			baseRepo(f)
			f.write("new.md", "new\n")
			f.git(f.root, "add", "-N", "new.md")
		}, false},
		{"index v4", func(f *fixture) {
			baseRepo(f)
			f.git(f.root, "update-index", "--index-version", "4")
		}, false},
		{"untracked cache", func(f *fixture) {
			twinRepo(f)
			setConfig(f.t, filepath.Join(f.root, ".git", "config"), "core.untrackedCache", "true")
			mustNoErr(f.t, buildBaseRepo(f))
			f.write("untracked/x.md", "x\n")
			f.git(f.root, "status", "--porcelain")
		}, true},
		{"eoie and ieot", func(f *fixture) {
			twinRepo(f)
			setConfig(f.t, filepath.Join(f.root, ".git", "config"), "index.threads", "2",
				"index.recordOffsetTable", "true", "index.recordEndOfIndexEntries", "true")
			manyFiles(f)
			mustNoErr(f.t, buildBaseRepo(f))
		}, false},
	}
	if !testenv.Full() {
		untracked := cases[slices.IndexFunc(cases, func(c fidelityCase) bool { return c.name == "untracked cache" })]
		// The quick tier puts the cases of entries together, as they touch different entries:
		// every entry flag in one index of version 4; and of the extensions it takes the
		// untracked cache (the offset tables, of an index of 300 entries, only in the full tier).
		cases = []fidelityCase{
			{"entry flags in an index of version 4", func(f *fixture) {
				baseRepo(f)
				f.write("c.md", "three\n")
				f.git(f.root, "add", "c.md")
				f.git(f.root, "commit", "-q", "-m", "c")
				f.write("new.md", "new\n")
				f.git(f.root, "add", "-N", "new.md")
				// One run: a path takes the marks given before it, assume-unchanged winning.
				f.git(f.root, "update-index", "--index-version", "4", "--skip-worktree", "c.md", "--assume-unchanged", "sub/b.md")
				f.write("sub/b.md", "hidden local change\n")
			}, false},
			untracked,
		}
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			newT := newTwin
			if c.twice {
				newT = newTwinBuiltTwice
			}
			tw := newT(t, c.setup)
			tw.both("a.md", "changed\n")
			if out, err := tw.commitGit("msg", false, "a.md"); err != nil {
				t.Fatalf("git: %v\n%s", err, out)
			}
			if _, out, err := tw.commitPM("msg", false, "a.md"); err != nil {
				t.Fatalf("pm: %v\n%s", err, out)
			}
			tw.same()
			if g, p := debugIndex(t, tw.git), debugIndex(t, tw.pm); g != p {
				t.Errorf("git ls-files -s -v --debug differs\n--- git:\n%s\n--- pm:\n%s", g, p)
			}
			if g, p := extensions(t, tw.git), extensions(t, tw.pm); strings.Join(g, " ") != strings.Join(p, " ") {
				t.Errorf("index extensions: git %v, pm %v", g, p)
			}
		})
	}
}

// With core.fileMode false the executable bit comes from each index's own entry: a mode change
// staged with update-index --chmod stays staged and out of the commit. With core.ignoreStat the
// entry written is marked assume-unchanged. Both as git commit --only does.
func TestModeAndStatSettingsMatchGit(t *testing.T) {
	t.Parallel()
	for _, c := range []fidelityCase{
		{"fileMode false, a mode change staged", func(f *fixture) {
			baseRepo(f)
			setConfig(f.t, filepath.Join(f.root, ".git", "config"), "core.filemode", "false")
			f.git(f.root, "update-index", "--chmod=+x", "a.md")
		}, false},
		{"ignoreStat", func(f *fixture) {
			baseRepo(f)
			setConfig(f.t, filepath.Join(f.root, ".git", "config"), "core.ignorestat", "true")
		}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			tw := newTwin(t, c.setup)
			tw.both("a.md", "changed\n")
			if out, err := tw.commitGit("msg", false, "a.md"); err != nil {
				t.Fatalf("git: %v\n%s", err, out)
			}
			if _, out, err := tw.commitPM("msg", false, "a.md"); err != nil {
				t.Fatalf("pm: %v\n%s", err, out)
			}
			tw.same()
			if g, p := debugIndex(t, tw.git), debugIndex(t, tw.pm); g != p {
				t.Errorf("git ls-files -s -v --debug differs\n--- git:\n%s\n--- pm:\n%s", g, p)
			}
			if g, p := tw.git.gitStdout(tw.git.root, "ls-tree", "-r", "HEAD"), tw.pm.gitStdout(tw.pm.root, "ls-tree", "-r", "HEAD"); g != p {
				t.Errorf("HEAD's tree differs\n--- git:\n%s\n--- pm:\n%s", g, p)
			}
		})
	}
}
