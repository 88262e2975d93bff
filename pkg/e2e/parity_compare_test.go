package e2e

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// intention is what pm, run in C, means to do.
type intention struct {
	message string            // the commit message, exactly
	before  map[string]string // the paths' content before pm ran (absent: no file)
	after   map[string]string // and afterwards
	modes   map[string]fs.FileMode
}

// outcome is a command's result.
type outcome struct {
	code int
	out  string
	step string // for git: "add" or "commit"
	// added are the paths git had to `git add` before `git commit --only` (new files): see
	// withoutAdded.
	added []string
}

// state is everything of a repository the harness compares after the command, gathered in an order
// that does not disturb it: the index before git status, which may rewrite it. (The hooks' log is
// read before: git status runs post-index-change when it writes the index.)
type state struct {
	commit, index, indexShape, cacheTree, refs, reflog, status, diffStat string
	files                                                                map[string]string
}

func (s *side) gather(paths []string) state {
	s.t.Helper()
	var st state
	out, _, code := s.exec(s.root, "git", "cat-file", "-p", "HEAD")
	st.commit = s.normalize(out)
	if code != 0 {
		st.commit = "(no HEAD commit)"
	}
	st.index = indexDebug(s.git("ls-files", "-s", "-v", "--debug"))
	if data, err := os.ReadFile(s.indexFile()); err == nil {
		st.indexShape, st.cacheTree = indexShape(data)
	} else {
		st.indexShape = "no index: " + err.Error()
	}
	st.refs = s.normalize(s.git("for-each-ref", "--format=%(refname) %(objectname) %(symref)"))
	out, errOut, code := s.exec(s.root, "git", "log", "-g", "--all", "--date=raw", "--format=%gd %gn <%ge> %gs")
	st.reflog = out + errOut
	if code != 0 {
		st.reflog += fmt.Sprintf("(exit %d)", code)
	}
	st.files = s.workFiles()
	// Whether git trusts an index entry's stat data or reads the file again depends on the clock
	// (an entry as new as the index is racily clean); a fresh modification time on every file
	// makes git status and git diff read them all, so they report the content, every time.
	s.touchAll(time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC))
	st.status = s.normalize(s.git("status", "--porcelain=v2", "--untracked-files=all"))
	args := append([]string{"diff", "HEAD", "--stat", "--"}, paths...)
	out, errOut, _ = s.exec(s.root, "git", args...)
	st.diffStat = out + errOut
	return st
}

// tree lists HEAD's tree, for a readable difference when two commits differ.
func (s *side) tree() string {
	out, _, _ := s.exec(s.root, "git", "ls-tree", "-r", "--full-tree", "HEAD")
	return out
}

// fsck is git fsck's verdict on the repository.
func (s *side) fsck() string {
	out, errOut, code := s.exec(s.root, "git", "-c", "core.commitGraph=false", "-c", "core.multiPackIndex=false", "fsck", "--no-dangling", "--no-progress")
	if code == 0 {
		return "clean"
	}
	return fmt.Sprintf("exit %d\n%s%s", code, out, errOut)
}

// indexDebug keeps of `git ls-files -s -v --debug` what two repositories can share: it drops the
// ctime, mtime, dev and ino lines.
func indexDebug(out string) string {
	var keep []string
	for _, l := range strings.Split(out, "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "ctime:") || strings.HasPrefix(t, "mtime:") || strings.HasPrefix(t, "dev:") {
			continue
		}
		keep = append(keep, l)
	}
	return strings.Join(keep, "\n")
}

// indexShape reads an index file's version, entry count, extension signatures and trailer, and
// renders its cached trees (the TREE extension) one per line.
func indexShape(data []byte) (shape, cacheTree string) {
	const hashLen = 20
	if len(data) < 12+hashLen || string(data[:4]) != "DIRC" {
		return fmt.Sprintf("not an index (%d bytes)", len(data)), ""
	}
	version := binary.BigEndian.Uint32(data[4:8])
	n := binary.BigEndian.Uint32(data[8:12])
	end := len(data) - hashLen
	off := 12
	for i := uint32(0); i < n; i++ {
		if off+62 > end {
			return fmt.Sprintf("version %d, %d entries: entry %d truncated", version, n, i), ""
		}
		flags := binary.BigEndian.Uint16(data[off+60 : off+62])
		fixed := 62
		if flags&0x4000 != 0 && version >= 3 {
			fixed = 64
		}
		p := off + fixed
		if version == 4 {
			for p < end && data[p]&0x80 != 0 {
				p++
			}
			p++ // the last byte of the varint
			nul := bytes.IndexByte(data[p:end], 0)
			if nul < 0 {
				return fmt.Sprintf("version %d: entry %d has no end", version, i), ""
			}
			off = p + nul + 1
			continue
		}
		nul := bytes.IndexByte(data[p:end], 0)
		if nul < 0 {
			return fmt.Sprintf("version %d: entry %d has no end", version, i), ""
		}
		size := (fixed + nul + 8) &^ 7
		off += size
	}
	var exts []string
	for off+8 <= end {
		sig := string(data[off : off+4])
		size := int(binary.BigEndian.Uint32(data[off+4 : off+8]))
		if off+8+size > end {
			exts = append(exts, sig+"(truncated)")
			break
		}
		exts = append(exts, sig)
		if sig == "TREE" {
			cacheTree = renderCacheTree(data[off+8 : off+8+size])
		}
		off += 8 + size
	}
	trailer := "checksum"
	if bytes.Equal(data[end:], make([]byte, hashLen)) {
		trailer = "zero (skipHash)"
	}
	return fmt.Sprintf("version %d, %d entries, extensions %v, trailer %s", version, n, exts, trailer), cacheTree
}

// renderCacheTree prints the TREE extension: path, entry count, subtree count, and the tree hash
// of every valid node.
func renderCacheTree(b []byte) string {
	var lines []string
	for len(b) > 0 {
		nul := bytes.IndexByte(b, 0)
		if nul < 0 {
			return strings.Join(append(lines, "(truncated)"), "\n")
		}
		path := string(b[:nul])
		b = b[nul+1:]
		nl := bytes.IndexByte(b, '\n')
		if nl < 0 {
			return strings.Join(append(lines, "(truncated)"), "\n")
		}
		counts := string(b[:nl])
		b = b[nl+1:]
		line := fmt.Sprintf("%q %s", path, counts)
		if entries, _, _ := strings.Cut(counts, " "); !strings.HasPrefix(entries, "-") {
			if len(b) < 20 {
				return strings.Join(append(lines, line+" (truncated)"), "\n")
			}
			line += fmt.Sprintf(" %x", b[:20])
			b = b[20:]
		} else {
			line += " invalid"
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// lineDiff shows how got differs from want, line by line: "-" only in want, "+" only in got.
func lineDiff(want, got string) string {
	a, b := splitLines(want), splitLines(got)
	if len(a)*len(b) > 4_000_000 {
		return fmt.Sprintf("- (%d lines)\n+ (%d lines)", len(a), len(b))
	}
	// Longest common subsequence, then a walk that prints the rest.
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []string
	same := 0
	flush := func() {
		if same > 0 {
			out = append(out, fmt.Sprintf("  (%d same)", same))
			same = 0
		}
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			same++
			i++
			j++
		case i < len(a) && (j == len(b) || lcs[i+1][j] >= lcs[i][j+1]):
			flush()
			out = append(out, "- "+a[i])
			i++
		default:
			flush()
			out = append(out, "+ "+b[j])
			j++
		}
	}
	flush()
	if len(a) == 0 {
		out = append([]string{"- (nothing)"}, out...)
	}
	if len(b) == 0 {
		out = append(out, "+ (nothing)")
	}
	return strings.Join(out, "\n")
}

// splitLines splits text into lines; empty text has none, and a final newline ends the last line.
func splitLines(text string) []string {
	if text == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(text, "\n"), "\n")
}

// sameText reports a difference between git's and pm's version of something.
func sameText(t *testing.T, what, git, pm string) bool {
	t.Helper()
	if git == pm {
		return true
	}
	t.Errorf("%s differs (- git, + pm):\n%s", what, lineDiff(git, pm))
	return false
}

// sameFiles compares two work trees, showing the content difference of each file that differs.
func sameFiles(t *testing.T, what string, git, pm map[string]string) bool {
	t.Helper()
	var paths []string
	for p := range git {
		paths = append(paths, p)
	}
	for p := range pm {
		if _, ok := git[p]; !ok {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	var diffs []string
	for _, p := range paths {
		g, gok := git[p]
		m, mok := pm[p]
		switch {
		case !mok:
			diffs = append(diffs, "only with git: "+p)
		case !gok:
			diffs = append(diffs, "only with pm: "+p)
		case g != m:
			diffs = append(diffs, fmt.Sprintf("%s differs (- git, + pm):\n%s", p, lineDiff(g, m)))
		}
	}
	if len(diffs) == 0 {
		return true
	}
	t.Errorf("%s:\n%s", what, strings.Join(diffs, "\n"))
	return false
}

// shownLines are the lines of a command's output that pm must show as git does: what hooks print
// ("hook: …" here, pm lint's findings), and git's hints.
func shownLines(out string) string {
	var keep []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "hook: ") || strings.HasPrefix(l, "hint: ") || findingLine.MatchString(l) {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

// merge3 applies the change from base to theirs onto ours, as git merge-file does.
func merge3(s *side, ours, base, theirs string) string {
	s.t.Helper()
	dir := s.t.TempDir()
	names := []string{filepath.Join(dir, "ours"), filepath.Join(dir, "base"), filepath.Join(dir, "theirs")}
	for i, c := range []string{ours, base, theirs} {
		if err := os.WriteFile(names[i], []byte(c), 0o644); err != nil {
			s.t.Fatal(err)
		}
	}
	// Outside any repository: the side's GIT_DIR, if any, has nothing to do with these files.
	cmd := exec.Command("git", "merge-file", "-p", names[0], names[1], names[2])
	cmd.Dir = dir
	cmd.Env = []string{"HOME=" + s.home, "GIT_CONFIG_NOSYSTEM=1", "PATH=" + os.Getenv("PATH"), "LC_ALL=C"}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	out, errOut, code := stdout.String(), stderr.String(), 0
	if err != nil {
		code = -1
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		}
	}
	if code != 0 {
		s.t.Fatalf("%s: the intended change does not apply to this work tree (git merge-file exit %d): %s\n%s", s.role, code, errOut, out)
	}
	return out
}

// pmHasFlag reports whether a pm command knows a flag, from its help; asked once per command.
func pmHasFlag(t *testing.T, command, flag string) bool {
	t.Helper()
	key := command + " " + flag
	flagHelpMu.Lock()
	defer flagHelpMu.Unlock()
	if v, ok := flagHelp[key]; ok {
		return v
	}
	out, err := exec.Command(pmBin, command, "--help").CombinedOutput()
	if err != nil {
		t.Fatalf("pm %s --help: %v\n%s", command, err, out)
	}
	v := strings.Contains(string(out), flag)
	flagHelp[key] = v
	return v
}

var (
	flagHelpMu sync.Mutex
	flagHelp   = map[string]bool{}
)

// parityCase is one scenario of the harness.
type parityCase struct {
	name  string
	setup func(s *side) // builds the repository; s.judged steps are left out in C
	// pm are pm's arguments (default: status in-review parityID --force); noVerify adds --no-verify
	// to pm in A and to git commit in B.
	pm       []string
	noVerify bool
	// paths are what git commits (root-relative; default parityPath); pm's commit in C must change
	// exactly these.
	paths []string
	// gitRefuses states the scenario's premise that git refuses; exit is then pm's exit code (0: 1 or 2).
	gitRefuses bool
	exit       int
	// pmRefuses, when set, says why pm must refuse although git commits (a git behaviour pm must not
	// copy); the premise that git commits is checked.
	pmRefuses string
	// check adds comparisons of its own after the common ones.
	check func(t *testing.T, a, b *side, pm outcome)
}

// build makes a side and runs the scenario's setup there.
func (c parityCase) build(t *testing.T, role string, intent bool) *side {
	t.Helper()
	s := newSide(t, role, intent)
	c.setup(s)
	if !intent { // C's index is not compared
		s.settle()
	}
	if s.last != nil {
		s.last()
	}
	return s
}

func (c parityCase) args() []string {
	if c.pm != nil {
		return c.pm
	}
	return []string{"status", "in-review", parityID, "--force"}
}

func (c parityCase) committed() []string {
	if c.paths != nil {
		return c.paths
	}
	return []string{parityPath}
}

// intend runs pm in s, a C (or an A whose setup does not differ from C's), and reads pm's
// intention from what it did. When pm does not commit there, the content comes from pm --no-commit
// in a second C, and the message is a placeholder: the scenario then judges only whether git
// commits at all.
func (c parityCase) intend(t *testing.T, s *side, run func() (string, int)) intention {
	t.Helper()
	in := intention{before: map[string]string{}, after: map[string]string{}, modes: map[string]fs.FileMode{}}
	readPaths := func(s *side, into map[string]string) {
		for _, p := range c.committed() {
			full := filepath.Join(s.root, filepath.FromSlash(p))
			if b, err := os.ReadFile(full); err == nil {
				into[p] = string(b)
				if info, err := os.Stat(full); err == nil {
					in.modes[p] = info.Mode().Perm()
				}
			}
		}
	}
	readPaths(s, in.before)
	headBefore, _, _ := s.exec(s.root, "git", "rev-parse", "-q", "--verify", "HEAD")
	out, code := run()
	headAfter, _, _ := s.exec(s.root, "git", "rev-parse", "-q", "--verify", "HEAD")
	if code == 0 && headAfter != headBefore {
		raw := s.git("cat-file", "commit", "HEAD")
		_, msg, _ := strings.Cut(raw+"\n", "\n\n")
		in.message = strings.TrimSuffix(msg, "\n") // cat-file output had its last newline trimmed
		changed := s.git("diff-tree", "--root", "-r", "--name-only", "--no-commit-id", "HEAD")
		if want := strings.Join(c.committed(), "\n"); changed != want {
			t.Errorf("%s: pm's commit changed\n%s\nwant exactly\n%s", s.role, changed, want)
		}
		readPaths(s, in.after)
		return in
	}
	t.Logf("%s: pm did not commit (exit %d): %s", s.role, code, strings.TrimSpace(out))
	in.message = "postmortem: intended message unknown (pm refused in C)"
	s2 := c.build(t, "C' (intention, --no-commit)", true)
	out, code = s2.combined(s2.cwd, pmBin, append(c.args(), "--no-commit")...)
	if code == 0 {
		readPaths(s2, in.after)
		return in
	}
	t.Logf("C' (intention): pm --no-commit refused too (exit %d): %s", code, strings.TrimSpace(out))
	for _, p := range c.committed() {
		in.after[p] = "content pm intends is unknown\n"
	}
	return in
}

// gitCommit is B: C's content in the work tree (its change merged onto what this work tree has,
// which differs where C leaves out a filter), git add for a path git does not know yet, then
// git commit --only. The hooks' log is started afresh before the commit: git add's own
// post-index-change call is not part of the comparison.
func (c parityCase) gitCommit(s *side, in intention) outcome {
	s.t.Helper()
	var rels []string
	for _, p := range c.committed() {
		full := filepath.Join(s.root, filepath.FromSlash(p))
		if want, ok := in.after[p]; ok {
			content := want
			cur, err := os.ReadFile(full)
			if base, had := in.before[p]; err == nil && had && string(cur) != base {
				content = merge3(s, string(cur), base, want)
			}
			mode := in.modes[p]
			if mode == 0 {
				mode = 0o644
			}
			os.MkdirAll(filepath.Dir(full), 0o755)
			if err := os.WriteFile(full, []byte(content), mode); err != nil {
				s.t.Fatalf("B (git): write %s: %v", p, err)
			}
		}
		rel, err := filepath.Rel(filepath.Join(s.root, s.cwd), full)
		if err != nil {
			s.t.Fatal(err)
		}
		rels = append(rels, filepath.ToSlash(rel))
	}
	var added []string
	for _, rel := range rels {
		if _, _, code := s.exec(s.cwd, "git", "ls-files", "--error-unmatch", "--", rel); code != 0 {
			if out, code := s.combined(s.cwd, "git", "add", "--", rel); code != 0 {
				return outcome{code: code, out: out, step: "add"}
			}
			full := filepath.ToSlash(filepath.Join(s.cwd, rel))
			added = append(added, strings.TrimPrefix(path.Clean(full), "./"))
		}
	}
	os.Remove(s.log)
	args := []string{"commit", "--only", "-m", in.message}
	if c.noVerify {
		args = append(args, "--no-verify")
	}
	out, code := s.combined(s.cwd, "git", append(append(args, "--"), rels...)...)
	return outcome{code: code, out: out, step: "commit", added: added}
}

// runParity runs one scenario: C, then B, then A, then the comparisons.
func runParity(t *testing.T, c parityCase) {
	a := c.build(t, "A (pm)", false)
	args := c.args()
	if c.noVerify {
		args = append(append([]string{}, args...), "--no-verify")
	}
	var before frozen
	var out string
	var code int
	runPM := func() (string, int) {
		os.Remove(a.log)
		before = a.freeze()
		out, code = a.combined(a.cwd, pmBin, args...)
		return out, code
	}
	var in intention
	if a.asked {
		cargs := c.args()
		if pmHasFlag(t, cargs[0], "--no-verify") {
			cargs = append(append([]string{}, cargs...), "--no-verify")
		}
		s := c.build(t, "C (intention)", true)
		in = c.intend(t, s, func() (string, int) { return s.combined(s.cwd, pmBin, cargs...) })
	} else {
		// Nothing in the setup differs between C and A: pm's run in A is its intention.
		in = c.intend(t, a, runPM)
	}

	b := c.build(t, "B (git)", false)
	git := c.gitCommit(b, in)
	gitRefused := git.code != 0
	switch {
	case c.pmRefuses != "" && gitRefused:
		t.Fatalf("premise: git was expected to commit here, but refuses (git %s, exit %d):\n%s", git.step, git.code, git.out)
	case c.pmRefuses == "" && c.gitRefuses != gitRefused:
		t.Fatalf("premise: git refuses = %v, want %v (git %s, exit %d):\n%s", gitRefused, c.gitRefuses, git.step, git.code, git.out)
	}
	if a.asked {
		runPM()
	}
	pm := outcome{code: code, out: out}
	t.Logf("git %s: exit %d\n%s", git.step, git.code, strings.TrimSpace(git.out))
	t.Logf("pm %q: exit %d\n%s", args, code, strings.TrimSpace(out))

	// The comparisons come in groups, each a subtest, so a failure names the part that differs.
	t.Run("hooks", func(t *testing.T) {
		if git.step == "commit" {
			sameText(t, "hook output and hints", b.normalize(shownLines(git.out)), a.normalize(shownLines(out)))
		}
		var gitHooks, pmHooks string
		if bs, err := os.ReadFile(b.log); err == nil && git.step == "commit" {
			gitHooks = withoutAdded(b.normalize(string(bs)), git.added)
		}
		if as, err := os.ReadFile(a.log); err == nil {
			pmHooks = a.normalize(string(as))
		}
		sameText(t, "hook calls (log)", gitHooks, pmHooks)
	})

	refuse := gitRefused || c.pmRefuses != ""
	committed := t.Run("outcome", func(t *testing.T) {
		if code != 0 && code != 1 && code != 2 {
			t.Errorf("pm exit %d, want 0, 1 or 2", code)
		}
		switch {
		case refuse && code == 0:
			why := fmt.Sprintf("git refuses (git %s, exit %d): %s", git.step, git.code, strings.TrimSpace(git.out))
			if c.pmRefuses != "" {
				why = "pm must refuse: " + c.pmRefuses
			}
			commit, _, _ := a.exec(a.root, "git", "log", "-1", "--stat", "--format=%H%n%B")
			t.Errorf("%s\nbut pm committed:\n%s", why, commit)
			a.unchangedSince(t, before)
		case refuse:
			if c.exit != 0 && code != c.exit {
				t.Errorf("pm refused with exit %d, want %d", code, c.exit)
			}
			a.unchangedSince(t, before)
		case code != 0:
			t.Errorf("git commits, pm refused (exit %d):\n%s", code, strings.TrimSpace(out))
			a.unchangedSince(t, before)
		}
	}) && !refuse
	if committed {
		paths := c.committed()
		gs, ps := b.gather(paths), a.gather(paths)
		b.after, a.after = &gs, &ps
		t.Run("commit", func(t *testing.T) {
			if !sameText(t, "commit (git cat-file -p HEAD)", gs.commit, ps.commit) {
				sameText(t, "committed tree (git ls-tree -r HEAD)", b.tree(), a.tree())
			}
		})
		t.Run("index", func(t *testing.T) {
			sameText(t, "index entries (git ls-files -s -v --debug, no times, dev, ino)", gs.index, ps.index)
		})
		t.Run("index-extensions", func(t *testing.T) {
			sameText(t, "index file shape", gs.indexShape, ps.indexShape)
			sameText(t, "cached trees (TREE extension)", gs.cacheTree, ps.cacheTree)
		})
		t.Run("refs", func(t *testing.T) {
			sameText(t, "refs (git for-each-ref)", gs.refs, ps.refs)
			sameText(t, "reflogs (git log -g --all)", b.normalize(gs.reflog), a.normalize(ps.reflog))
		})
		t.Run("work-tree", func(t *testing.T) {
			sameFiles(t, "work tree", gs.files, ps.files)
			sameText(t, "git status --porcelain=v2 --untracked-files=all", gs.status, ps.status)
			sameText(t, "git diff HEAD --stat of pm's paths", gs.diffStat, ps.diffStat)
			if pf := a.fsck(); pf != "clean" {
				sameText(t, "git fsck", b.fsck(), pf)
			}
		})
	}
	if c.check != nil {
		t.Run("check", func(t *testing.T) { c.check(t, a, b, pm) })
	}
}

// unchangedSince reports everything a refused pm changed: HEAD, refs, index bytes, work-tree files.
func (s *side) unchangedSince(t *testing.T, before frozen) {
	t.Helper()
	after := s.freeze()
	if after.head != before.head {
		t.Errorf("refused, yet HEAD moved: %s -> %s", strings.TrimSpace(before.head), strings.TrimSpace(after.head))
	}
	sameText(t, "refused, yet refs", before.refs, after.refs)
	if after.index != before.index {
		t.Errorf("refused, yet the index file changed")
	}
	sameFiles(t, "refused, yet the work tree changed (- before, + after)", before.files, after.files)
}

// withoutAdded drops, from the hook log of git's side, the real index's entries for the files git
// had to `git add` before `git commit --only` could take them (what pm new and pm init create): the
// hooks that read the real index (no GIT_INDEX_FILE: post-index-change, reference-transaction) see
// them there. pm adds a new file to the real index only with its commit, so that a refused commit
// leaves nothing staged; the commit, the temporary index the commit hooks see and the index after
// the commit are still compared in full.
func withoutAdded(log string, added []string) string {
	if len(added) == 0 {
		return log
	}
	var out []string
	realIndex := false
	for _, l := range strings.Split(log, "\n") {
		if strings.HasPrefix(l, "  GIT_INDEX_FILE=") {
			realIndex = l == "  GIT_INDEX_FILE=(unset)"
		}
		if realIndex && strings.HasPrefix(l, "  staged ") {
			if _, p, ok := strings.Cut(l, "\t"); ok && slices.Contains(added, p) {
				continue
			}
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}
