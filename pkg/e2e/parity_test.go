package e2e

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// TestParity holds pm's promise: every commit pm makes is the commit `git commit --only -- <path>`
// would make, hooks, attributes, index and repository layout included. Each scenario builds three
// repositories (see parity_helpers_test.go): C tells what pm means to write, B is git committing
// that, A is pm; A must match B in every part that can be equal.
func TestParity(t *testing.T) {
	t.Parallel()
	for _, c := range parityCases() {
		t.Run(c.name, func(t *testing.T) {
			if !quickParity[c.name] {
				testenv.Exhaustive(t)
			}
			t.Parallel()
			runParity(t, c)
		})
	}
}

// toCRLF rewrites a work-tree file with CRLF line endings.
func (s *side) toCRLF(rel string) {
	s.t.Helper()
	s.write(rel, strings.ReplaceAll(strings.ReplaceAll(s.read(rel), "\r\n", "\n"), "\n", "\r\n"))
}

// attributes commits a .gitattributes in A and B only: C sees the file as it is, unconverted.
func (s *side) attributes(content string) {
	s.t.Helper()
	s.judged(func() {
		s.write(".gitattributes", content)
		s.git("add", ".gitattributes")
		s.git("commit", "-q", "-m", "attributes")
	})
}

// commitFiles writes files and commits them.
func (s *side) commitFiles(msg string, files ...string) {
	s.t.Helper()
	for i := 0; i+1 < len(files); i += 2 {
		s.write(files[i], files[i+1])
		s.git("add", files[i])
	}
	s.git("commit", "-q", "-m", msg)
}

// allHooks installs every logged hook the commit path involves.
func (s *side) allHooks() {
	for _, h := range []string{"pre-commit", "prepare-commit-msg", "commit-msg", "post-commit", "post-index-change", "reference-transaction"} {
		s.hook(h, "")
	}
}

// quickParity are the scenarios of the quick tier (see testenv.Full): a rewrite and a new file with
// every hook, a hook that refuses, the user's staged work, a conversion on the way in (eol, filter),
// an index format, a linked worktree. The full tier runs them all.
var quickParity = map[string]bool{
	"cmd/status":                            true,
	"hook/all-hooks-pm-new":                 true,
	"hook/pre-commit-fails":                 true,
	"content/staged-differs-from-work-tree": true,
	"eol/autocrlf-true-crlf-file":           true,
	"filter/clean-redacts":                  true,
	"index/version-4":                       true,
	"shape/linked-worktree":                 true,
}

var newArgs = []string{"new", "--sev", "1", "--title", "T", "--date", "2026-11-20"}

func parityCases() []parityCase {
	return []parityCase{
		// Commands.
		{name: "cmd/new", setup: (*side).withBase, pm: newArgs},
		{name: "cmd/status", setup: (*side).withPostmortem},
		{name: "cmd/meeting", setup: (*side).withPostmortem, pm: []string{"meeting", parityID, "--at", "2026-11-25 10:00"}},
		// Two postmortems in one commit (pm link), as git commit --only with both paths makes it.
		{name: "cmd/link", setup: func(s *side) {
			s.withPostmortem()
			s.commitFiles("other", "postmortems/2026-11-21-other.md",
				"---\ntitle: Other\nseverity: SEV-2\nstatus: Draft\nowner: Ren Ito\nincident_date: 2026-11-21\nrelated: []\n---\n## Summary\n\nText.\n")
		}, pm: []string{"link", parityID, "2026-11-21-other"}, paths: []string{parityPath, "postmortems/2026-11-21-other.md"}},
		{name: "cmd/init", setup: (*side).withBase, pm: []string{"init"}, paths: []string{".gitignore", ".pm.yaml", "postmortems/.gitkeep"}},
		{name: "cmd/new-in-pm-yaml-dir", setup: func(s *side) {
			s.withBase()
			s.commitFiles("settings", ".pm.yaml", "dir: notes/incidents\n")
		}, pm: newArgs, paths: []string{"notes/incidents/2026-11-20-t.md"}},

		// Hooks.
		{name: "hook/pre-commit-passes", setup: func(s *side) { s.withPostmortem(); s.hook("pre-commit", "") }},
		{name: "hook/pre-commit-fails", setup: func(s *side) {
			s.withPostmortem()
			s.hook("pre-commit", "echo 'hook: pre-commit refuses' >&2\nexit 1\n")
		}, gitRefuses: true, exit: 1},
		{name: "hook/pre-commit-not-executable", setup: func(s *side) {
			s.withPostmortem()
			s.judged(func() { s.hookIn(s.hooksDir(), "pre-commit", "exit 1\n", 0o644) })
		}},
		{name: "hook/hooksPath-relative", setup: func(s *side) {
			s.withPostmortem()
			s.commitFiles("docs", "docs/guide.md", "guide\n")
			s.judged(func() {
				s.git("config", "core.hooksPath", ".githooks")
				s.hookIn(filepath.Join(s.root, ".githooks"), "pre-commit", "", 0o755)
				s.hookIn(filepath.Join(s.root, ".githooks"), "post-commit", "", 0o755)
			})
			s.cwd = "docs"
		}},
		{name: "hook/hooksPath-absolute", setup: func(s *side) {
			s.withPostmortem()
			s.judged(func() {
				dir := filepath.Join(s.base, "shared-hooks")
				s.git("config", "core.hooksPath", dir)
				s.hookIn(dir, "pre-commit", "", 0o755)
				s.hookIn(dir, "commit-msg", "", 0o755)
				// The repository's own hooks folder is not used once core.hooksPath is set.
				s.hookIn(filepath.Join(s.root, ".git", "hooks"), "pre-commit", "echo 'hook: the ignored folder ran' >&2\nexit 1\n", 0o755)
			})
		}},
		{name: "hook/commit-msg-rewrites", setup: func(s *side) {
			s.withPostmortem()
			s.hook("commit-msg", `sed -i -e 's/^postmortem: /pm: /' "$1"
printf '\nReviewed-by: Hook <hook@example.com>\n' >>"$1"
`)
		}},
		{name: "hook/commit-msg-fails", setup: func(s *side) {
			s.withPostmortem()
			s.hook("commit-msg", "echo 'hook: commit-msg refuses' >&2\nexit 1\n")
		}, gitRefuses: true, exit: 1},
		{name: "hook/prepare-commit-msg-appends", setup: func(s *side) {
			s.withPostmortem()
			s.hook("prepare-commit-msg", `echo "Prepared-by: hook" >>"$1"`+"\n")
		}},
		{name: "hook/post-commit-marker", setup: func(s *side) {
			s.withPostmortem()
			s.hook("post-commit", "git rev-parse HEAD >post-commit.marker\n")
		}},
		{name: "hook/no-verify", setup: func(s *side) {
			s.withPostmortem()
			s.hook("pre-commit", "exit 1\n")
			s.hook("commit-msg", "exit 1\n")
			s.hook("prepare-commit-msg", "")
			s.hook("post-commit", "")
		}, noVerify: true},
		{name: "hook/pm-lint-staged-refuses", setup: func(s *side) {
			s.withPostmortem()
			s.judged(func() { s.pmAt(s.root, "hook", "install") })
		}, gitRefuses: true, exit: 1},
		{name: "hook/pre-commit-git-add", setup: func(s *side) {
			s.withPostmortem()
			s.hook("pre-commit", "echo 'Added by the pre-commit hook.' >>"+parityPath+"\ngit add "+parityPath+"\n")
		}},
		{name: "hook/linked-worktree", setup: func(s *side) {
			s.withPostmortem()
			s.hook("pre-commit", "")
			s.hook("post-commit", "")
			wt := filepath.Join(s.base, "wt")
			s.git("worktree", "add", "-q", "-b", "wt-branch", wt)
			s.root = wt
		}},
		{name: "hook/checks-staged-content", setup: func(s *side) {
			s.withPostmortem()
			s.hook("pre-commit", `git show ":`+parityPath+`" | grep -q '^status: In Review' || { echo "hook: the staged postmortem is not In Review" >&2; exit 1; }
`)
		}},
		{name: "hook/reference-transaction", setup: func(s *side) { s.withPostmortem(); s.hook("reference-transaction", "") }},
		{name: "hook/post-index-change", setup: func(s *side) { s.withPostmortem(); s.hook("post-index-change", "") }},
		{name: "hook/all-hooks-pm-new", setup: func(s *side) { s.withBase(); s.allHooks() }, pm: newArgs},
		{name: "hook/all-hooks-pm-meeting", setup: func(s *side) { s.withPostmortem(); s.allHooks() },
			pm: []string{"meeting", parityID, "--at", "2026-11-25 10:00"}},

		// Content.
		{name: "content/uncommitted-edits", setup: func(s *side) {
			s.withPostmortem()
			s.write(parityPath, strings.Replace(s.read(parityPath), "\n# T\n", "\n# T, edited\n", 1)+"\nA note by the user.\n")
			if got := s.numstat(parityPath); got != "+3 -1" {
				s.t.Fatalf("setup: the user's edit is %s, want +3 -1", got)
			}
		}, check: func(t *testing.T, a, b *side, pm outcome) {
			if pm.code != 0 {
				return
			}
			msg := a.git("log", "-1", "--format=%B")
			if !strings.Contains(msg, "\nIncludes uncommitted edits to the postmortem: +3 -1 lines") {
				t.Errorf("pm's message does not say it includes the user's edits (+3 -1):\n%s", msg)
			}
			if !strings.Contains(strings.ToLower(pm.out), "uncommitted") {
				t.Errorf("pm gave no notice of the uncommitted edits it committed:\n%s", pm.out)
			}
		}},
		{name: "content/staged-differs-from-work-tree", setup: func(s *side) {
			s.withPostmortem()
			s.write(parityPath, s.read(parityPath)+"\nStaged note.\n")
			s.git("add", parityPath)
			s.write(parityPath, s.read(parityPath)+"\nUnstaged note.\n")
		}},
		{name: "content/other-files-staged", setup: func(s *side) {
			s.withPostmortem()
			s.commitFiles("others", "other.txt", "one\n", "gone.txt", "gone\n")
			s.write("other.txt", "one, staged\n")
			s.git("add", "other.txt")
			s.write("other.txt", "one, staged, then edited\n")
			s.write("new.txt", "new\n")
			s.git("add", "new.txt")
			s.git("rm", "-q", "gone.txt")
			s.write("README.md", "parity, not staged\n")
		}},

		// Line endings.
		{name: "eol/autocrlf-true-lf-file", setup: func(s *side) {
			s.withPostmortem()
			s.judged(func() { s.git("config", "core.autocrlf", "true") })
		}},
		{name: "eol/autocrlf-true-crlf-file", setup: func(s *side) {
			s.withBase()
			s.judged(func() { s.git("config", "core.autocrlf", "true") })
			s.pmAt(s.root, "new", "--no-commit", "--sev", "1", "--title", "T", "--date", "2026-11-20")
			s.toCRLF(parityPath)
			s.git("add", parityPath)
			s.git("commit", "-q", "-m", "add the postmortem")
		}},
		{name: "eol/autocrlf-input-lf-file", setup: func(s *side) {
			s.withPostmortem()
			s.judged(func() { s.git("config", "core.autocrlf", "input") })
		}},
		{name: "eol/autocrlf-input-crlf-file", setup: func(s *side) {
			s.withBase()
			s.judged(func() { s.git("config", "core.autocrlf", "input") })
			s.pmAt(s.root, "new", "--no-commit", "--sev", "1", "--title", "T", "--date", "2026-11-20")
			s.toCRLF(parityPath)
			s.git("add", parityPath)
			s.git("commit", "-q", "-m", "add the postmortem")
		}},
		{name: "eol/text-auto-crlf-file", setup: func(s *side) {
			s.withBase()
			s.attributes("* text=auto\n")
			s.pmAt(s.root, "new", "--no-commit", "--sev", "1", "--title", "T", "--date", "2026-11-20")
			s.toCRLF(parityPath)
			s.git("add", parityPath)
			s.git("commit", "-q", "-m", "add the postmortem")
		}},
		{name: "eol/text-eol-crlf", setup: func(s *side) {
			s.withBase()
			s.attributes("*.md text eol=crlf\n")
			s.pmAt(s.root, "new", "--no-commit", "--sev", "1", "--title", "T", "--date", "2026-11-20")
			s.toCRLF(parityPath)
			s.git("add", parityPath)
			s.git("commit", "-q", "-m", "add the postmortem")
		}},
		{name: "eol/crlf-in-index-under-text-auto", setup: func(s *side) {
			s.withBase()
			s.pmAt(s.root, "new", "--no-commit", "--sev", "1", "--title", "T", "--date", "2026-11-20")
			s.toCRLF(parityPath)
			s.git("add", parityPath)
			s.git("commit", "-q", "-m", "add the postmortem with CRLF")
			s.attributes("* text=auto\n")
		}},
		{name: "eol/minus-text", setup: func(s *side) {
			s.withBase()
			s.judged(func() { s.git("config", "core.autocrlf", "true") })
			s.attributes("*.md -text\n")
			s.pmAt(s.root, "new", "--no-commit", "--sev", "1", "--title", "T", "--date", "2026-11-20")
			s.toCRLF(parityPath)
			s.git("add", parityPath)
			s.git("commit", "-q", "-m", "add the postmortem")
		}},
		{name: "eol/safecrlf-mixed-endings", setup: func(s *side) {
			s.withBase()
			s.judged(func() { s.git("config", "core.autocrlf", "true") })
			s.pmAt(s.root, "new", "--no-commit", "--sev", "1", "--title", "T", "--date", "2026-11-20")
			s.toCRLF(parityPath)
			s.git("add", parityPath)
			s.git("commit", "-q", "-m", "add the postmortem")
			s.write(parityPath, s.read(parityPath)+"A line with a bare LF.\n")
			s.judged(func() { s.git("config", "core.safecrlf", "true") })
		}, gitRefuses: true},

		// Filters and attributes.
		{name: "filter/clean-redacts", setup: func(s *side) {
			s.withBase()
			s.judged(func() { s.git("config", "filter.redact.clean", "sed s/secret/XXXX/") })
			s.attributes("*.md filter=redact\n")
			s.pmAt(s.root, "new", "--no-commit", "--sev", "1", "--title", "T", "--date", "2026-11-20")
			s.write(parityPath, s.read(parityPath)+"\nThe secret is 42.\n")
			s.git("add", parityPath)
			s.git("commit", "-q", "-m", "add the postmortem")
		}},
		{name: "filter/required-filter-missing", setup: func(s *side) {
			s.withPostmortem()
			s.attributes("*.md filter=lfs\n")
			s.last = func() { // after the setup's refresh, which would run the filter
				s.judged(func() {
					s.git("config", "filter.lfs.clean", "parity-no-such-program clean -- %f")
					s.git("config", "filter.lfs.smudge", "parity-no-such-program smudge -- %f")
					s.git("config", "filter.lfs.required", "true")
				})
			}
		}, gitRefuses: true},
		{name: "attr/ident", setup: func(s *side) {
			s.withBase()
			s.attributes("*.md ident\n")
			s.pmAt(s.root, "new", "--no-commit", "--sev", "1", "--title", "T", "--date", "2026-11-20")
			s.write(parityPath, s.read(parityPath)+"\nRevision: $Id$\n")
			s.git("add", parityPath)
			s.git("commit", "-q", "-m", "add the postmortem")
			// A checkout expands $Id$ in the work tree.
			os.Remove(filepath.Join(s.root, parityPath))
			s.git("checkout", "--", parityPath)
		}},

		// Index flags and extensions.
		{name: "index/assume-unchanged-other-file", setup: func(s *side) {
			s.withPostmortem()
			s.commitFiles("other", "other.txt", "one\n")
			s.git("update-index", "--assume-unchanged", "other.txt")
			s.write("other.txt", "changed behind git's back\n")
		}},
		{name: "index/skip-worktree-other-file", setup: func(s *side) {
			s.withPostmortem()
			s.commitFiles("other", "other.txt", "one\n")
			s.git("update-index", "--skip-worktree", "other.txt")
			s.write("other.txt", "changed behind git's back\n")
		}},
		{name: "index/intent-to-add-other-file", setup: func(s *side) {
			s.withPostmortem()
			s.write("new.txt", "new\n")
			s.git("add", "-N", "new.txt")
		}},
		{name: "index/intent-to-add-postmortem", setup: func(s *side) {
			s.withBase()
			s.pmAt(s.root, "new", "--no-commit", "--sev", "1", "--title", "T", "--date", "2026-11-20")
			s.git("add", "-N", parityPath)
		}},
		{name: "index/version-4", setup: func(s *side) {
			s.withPostmortem()
			s.commitFiles("nested", "docs/a/b/c.txt", "c\n", "docs/a/d.txt", "d\n")
			s.git("update-index", "--index-version", "4")
		}},
		{name: "index/tree-extension", setup: func(s *side) {
			s.withPostmortem()
			s.commitFiles("nested", "docs/a/b/c.txt", "c\n", "docs/a/d.txt", "d\n", "postmortems/old/x.md", "x\n")
			s.git("read-tree", "HEAD") // a complete cache tree
		}, check: func(t *testing.T, a, b *side, pm outcome) {
			// The common comparison already wants the same extensions; this says it plainly.
			if a.after != nil && strings.Contains(b.after.indexShape, "TREE") && !strings.Contains(a.after.indexShape, "TREE") {
				t.Errorf("git keeps a TREE extension (%s); pm's index has none (%s)", b.after.indexShape, a.after.indexShape)
			}
		}},
		{name: "index/untracked-cache", setup: func(s *side) {
			s.withPostmortem()
			s.git("config", "core.untrackedCache", "true")
			s.write("scratch/notes.txt", "untracked\n")
			s.last = func() { s.git("status", "--porcelain") } // writes the UNTR extension
		}},
		{name: "index/zero-trailer", setup: func(s *side) {
			s.withPostmortem()
			s.write("staged.txt", "staged\n")
			s.git("add", "staged.txt")
			s.last = func() {
				// An index written with index.skipHash (newer git, feature.manyFiles) ends in zeros.
				name := s.indexFile()
				data, err := os.ReadFile(name)
				if err != nil {
					s.t.Fatal(err)
				}
				copy(data[len(data)-20:], make([]byte, 20))
				if err := os.WriteFile(name, data, 0o644); err != nil {
					s.t.Fatal(err)
				}
			}
		}},
		{name: "index/racily-clean-entry", setup: func(s *side) {
			s.withPostmortem()
			s.commitFiles("other", "other.txt", "aaaa\n")
			s.last = func() {
				// An entry whose mtime is not older than the index is racily clean; git smudges it
				// on its next index write only if the content really changed. It has not here.
				future := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
				os.Chtimes(filepath.Join(s.root, "other.txt"), future, future)
				s.git("update-index", "-q", "--refresh")
			}
		}},
		{name: "index/racily-modified-entry", setup: func(s *side) {
			s.withPostmortem()
			s.commitFiles("other", "other.txt", "aaaa\n")
			s.git("config", "core.trustctime", "false")
			s.last = func() {
				// Same size, same mtime, other content: only git's racy check can see the change.
				future := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
				p := filepath.Join(s.root, "other.txt")
				os.Chtimes(p, future, future)
				s.git("update-index", "-q", "--refresh")
				s.write("other.txt", "bbbb\n")
				os.Chtimes(p, future, future)
			}
		}},

		// Repository shapes.
		{name: "shape/unborn-branch", setup: (*side).initRepo, pm: newArgs},
		{name: "shape/subdirectory", setup: func(s *side) {
			s.withPostmortem()
			s.commitFiles("docs", "docs/guide/index.md", "guide\n")
			s.cwd = "docs/guide"
		}},
		{name: "shape/linked-worktree", setup: func(s *side) {
			s.withPostmortem()
			wt := filepath.Join(s.base, "wt")
			s.git("worktree", "add", "-q", "-b", "wt-branch", wt)
			s.root = wt
		}},
		{name: "shape/sparse-checkout-cone", setup: func(s *side) {
			s.withPostmortem()
			s.commitFiles("more", "docs/a.txt", "a\n", "src/b.txt", "b\n")
			s.git("sparse-checkout", "set", "postmortems", "docs")
		}},
		{name: "shape/submodule", setup: func(s *side) {
			s.withPostmortem()
			sub := &side{t: s.t, role: s.role + " submodule", root: filepath.Join(s.base, "subsrc"), env: s.env, base: s.base}
			os.MkdirAll(sub.root, 0o755)
			sub.initRepo()
			sub.commitFiles("lib", "lib.txt", "lib\n")
			s.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", "../subsrc", "libs/sub")
			s.git("commit", "-q", "-m", "submodule")
		}},
		{name: "shape/stash-present", setup: func(s *side) {
			s.withPostmortem()
			s.commitFiles("other", "other.txt", "one\n")
			s.write("other.txt", "stashed change\n")
			s.git("stash", "-q")
		}},
		{name: "shape/alternates-clone-shared", setup: func(s *side) {
			s.withPostmortem()
			clone := filepath.Join(s.base, "clone")
			if s.plain() { // C learns pm's intention in a clone with its own objects
				s.git("clone", "-q", "--no-local", s.root, clone)
			} else {
				s.git("clone", "-q", "--shared", s.root, clone)
			}
			s.root = clone
			s.git("config", "user.name", "Parity Tester")
			s.git("config", "user.email", "parity@example.com")
			s.git("config", "commit.gpgsign", "false")
		}},
		{name: "shape/git-dir-and-work-tree", setup: func(s *side) {
			if s.plain() { // C learns pm's intention in an ordinary repository
				s.withPostmortem()
				return
			}
			gitDir := filepath.Join(s.base, "store.git")
			s.git("init", "-q", "--bare", "-b", "main", gitDir)
			s.setenv("GIT_DIR", gitDir)
			s.setenv("GIT_WORK_TREE", s.root)
			s.git("config", "user.name", "Parity Tester")
			s.git("config", "user.email", "parity@example.com")
			s.git("config", "commit.gpgsign", "false")
			s.commitFiles("base", "README.md", "parity\n")
			// The same bytes as in C: pm new does not see this layout's identity (see the report).
			s.commitFiles("add the postmortem", parityPath, s.templatePostmortem())
		}},
		{name: "shape/symlinked-folder-outside-new", setup: func(s *side) {
			s.withBase()
			os.MkdirAll(filepath.Join(s.base, "outside", "postmortems"), 0o755)
			if err := os.Symlink("../outside/postmortems", filepath.Join(s.root, "postmortems")); err != nil {
				s.t.Fatal(err)
			}
		}, pm: newArgs, gitRefuses: true},
		{name: "shape/symlinked-folder-outside-status", setup: func(s *side) {
			s.withPostmortem()
			out := filepath.Join(s.base, "outside")
			os.MkdirAll(out, 0o755)
			if err := os.Rename(filepath.Join(s.root, "postmortems"), filepath.Join(out, "postmortems")); err != nil {
				s.t.Fatal(err)
			}
			if err := os.Symlink("../outside/postmortems", filepath.Join(s.root, "postmortems")); err != nil {
				s.t.Fatal(err)
			}
		}, pmRefuses: "git 2.39 commits a tracked path through a symlinked folder, reading a file outside the repository; " +
			"git add refuses such a path (beyond a symbolic link), and so must pm"},
		{name: "shape/symlinked-folder-inside", setup: func(s *side) {
			s.withBase()
			s.pmAt(s.root, "new", "--no-commit", "--sev", "1", "--title", "T", "--date", "2026-11-20")
			os.MkdirAll(filepath.Join(s.root, "docs"), 0o755)
			if err := os.Rename(filepath.Join(s.root, "postmortems"), filepath.Join(s.root, "docs", "pm")); err != nil {
				s.t.Fatal(err)
			}
			if err := os.Symlink("docs/pm", filepath.Join(s.root, "postmortems")); err != nil {
				s.t.Fatal(err)
			}
			s.git("add", "docs", "postmortems")
			s.git("commit", "-q", "-m", "postmortems through a link")
		}, gitRefuses: true},

		// Configuration, identity and dates.
		{name: "config/includeIf-user-email", setup: func(s *side) {
			s.withPostmortem()
			if s.plain() { // C learns pm's intention with the email set plainly
				s.git("config", "user.email", "included@example.com")
				return
			}
			inc := filepath.Join(s.home, "work.inc")
			os.WriteFile(inc, []byte("[user]\n\temail = included@example.com\n"), 0o644)
			os.WriteFile(filepath.Join(s.home, ".gitconfig"), []byte(parityGlobalConfig+"[includeIf \"gitdir:"+s.root+"/\"]\n\tpath = "+inc+"\n"), 0o644)
			s.git("config", "--unset", "user.email")
		}},
		{name: "config/includeIf-gpgsign", setup: func(s *side) {
			s.withPostmortem()
			s.judged(func() {
				inc := filepath.Join(s.home, "sign.inc")
				os.WriteFile(inc, []byte("[commit]\n\tgpgsign = true\n[gpg]\n\tprogram = parity-no-such-gpg\n"), 0o644)
				s.git("config", "--add", "includeIf.gitdir:"+s.root+"/.path", inc)
			})
		}, gitRefuses: true},
		{name: "date/rfc2822", setup: func(s *side) {
			s.withPostmortem()
			s.setenv("GIT_AUTHOR_DATE", "Tue, 24 Nov 2026 10:00:00 +0900")
			s.setenv("GIT_COMMITTER_DATE", "Tue, 24 Nov 2026 10:30:00 -0500")
		}},
		{name: "date/iso", setup: func(s *side) {
			s.withPostmortem()
			s.setenv("GIT_AUTHOR_DATE", "2026-11-24 10:00:00 +0900")
			s.setenv("GIT_COMMITTER_DATE", "2026-11-24T10:30:00-05:00")
		}},
		{name: "ident/hostile-characters", setup: func(s *side) {
			s.withPostmortem()
			s.git("config", "user.name", ` ."Ann <O'Neil>" ,.`)
			s.git("config", "user.email", "<ann@example.com>.")
		}},
	}
}

// TestParityCaseNames keeps the table's names unique, so a failure names one scenario.
func TestParityCaseNames(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, c := range parityCases() {
		if seen[c.name] {
			t.Errorf("two scenarios named %s", c.name)
		}
		seen[c.name] = true
	}
	if len(seen) < 40 {
		t.Errorf("%d scenarios, want at least 40", len(seen))
	}
	for name := range quickParity {
		if !seen[name] {
			t.Errorf("quick scenario %s is not in the table", name)
		}
	}
}

// TestIndexShapeReader checks the harness's own index reader against indexes git writes.
func TestIndexShapeReader(t *testing.T) {
	t.Parallel()
	s := newSide(t, "index reader", false)
	s.withBase()
	s.commitFiles("nested", "docs/a/b/c.txt", "c\n", "docs/a/d.txt", "d\n")
	s.git("read-tree", "HEAD")
	for _, v := range []string{"2", "4"} { // git writes 3 only when an entry needs extended flags
		s.git("update-index", "--index-version", v)
		data, err := os.ReadFile(s.indexFile())
		if err != nil {
			t.Fatal(err)
		}
		shape, tree := indexShape(data)
		if want := "version " + v + ", 3 entries, extensions [TREE], trailer checksum"; shape != want {
			t.Errorf("index v%s: %q, want %q", v, shape, want)
		}
		if !strings.HasPrefix(tree, `"" 3 1 `) || !strings.Contains(tree, `"a" 2 1 `) || !bytes.Contains([]byte(tree), []byte(`"b" 1 0 `)) {
			t.Errorf("index v%s: cached trees\n%s", v, tree)
		}
	}
}
