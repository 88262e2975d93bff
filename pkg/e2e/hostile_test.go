package e2e

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/internal/testenv"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// Hostile and broken input, through the pm binary and the git CLI. Every refusal must exit 1 or 2,
// say what is wrong in one line (lint findings and failed gates may add their own lines before it),
// and leave every file of the work tree, the index, HEAD and git status as they were.
//
// Covered elsewhere, at the package level:
//   - a file changed on disk between pm's read and its write: pkg/project TestRewriteDetectsChangeOnDisk
//     (pm never opens a FIFO, which could hand it one content, then another: TestHostileChangedOnDisk);
//   - a full disk: pkg/fsutil TestWriteFileFailureKeepsOld and TestCreateExclusive, with a writer that
//     fails (here too, end to end, with a file size limit: TestHostileFullDisk);
//   - a NUL in --title or --slug: no program can receive one in its arguments (execve stops at the
//     NUL), so pkg/cmd/new TestNewSlugCannotEscape passes it in process and FuzzParsers checks Slug.

// hostileTimeout bounds every pm run here: an alias bomb or a 10 MB value must not make pm slow.
const hostileTimeout = 60 * time.Second

// pmTimed runs pm like r.pm, failing the test when it does not finish in time.
func (r *repo) pmTimed(args ...string) (string, int) {
	r.t.Helper()
	return r.cmdTimed(pmBin, args...)
}

func (r *repo) cmdTimed(name string, args ...string) (string, int) {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hostileTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = r.dir
	cmd.Env = r.env
	cmd.SysProcAttr = r.attr
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		r.t.Fatalf("%s %q did not finish in %s", filepath.Base(name), args, hostileTimeout)
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return string(out), ee.ExitCode()
	}
	if err != nil {
		r.t.Fatalf("run %s: %v", name, err)
	}
	return string(out), 0
}

// tree is what pm might change: HEAD, the index, git status, and every file of the work tree
// (and of any extra folder named) by content, link target or type.
type tree struct {
	head, index, status string
	files               map[string]string
}

func (r *repo) snapshot(extra ...string) tree {
	r.t.Helper()
	head, _ := r.run("git", "rev-parse", "-q", "--verify", "HEAD")
	s := tree{
		head:   strings.TrimSpace(head),
		index:  r.git("ls-files", "-s"),
		status: r.git("status", "--porcelain", "--untracked-files=all", "--ignored"),
		files:  map[string]string{},
	}
	for _, root := range append([]string{r.dir}, extra...) {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				s.files[p] = "error: " + err.Error()
				return nil
			}
			if d.IsDir() && d.Name() == ".git" && filepath.Dir(p) == r.dir {
				return filepath.SkipDir
			}
			switch t := d.Type(); {
			case t.IsDir():
				s.files[p] = "folder"
			case t&fs.ModeSymlink != 0:
				target, _ := os.Readlink(p)
				s.files[p] = "link to " + target
			case t.IsRegular():
				b, err := os.ReadFile(p)
				if err != nil {
					s.files[p] = "unreadable: " + err.Error()
				} else {
					s.files[p] = fmt.Sprintf("%x", sha256.Sum256(b))
				}
			default:
				s.files[p] = t.String() // a FIFO is not read: that would block
			}
			return nil
		})
	}
	return s
}

// unchanged reports every difference between two snapshots.
func (r *repo) unchanged(before tree, extra ...string) {
	r.t.Helper()
	after := r.snapshot(extra...)
	if after.head != before.head {
		r.t.Errorf("HEAD moved: %s -> %s", before.head, after.head)
	}
	if after.index != before.index {
		r.t.Errorf("index changed:\n%s\n->\n%s", before.index, after.index)
	}
	if after.status != before.status {
		r.t.Errorf("git status changed:\n%s\n->\n%s", before.status, after.status)
	}
	var diffs []string
	for p, v := range before.files {
		if w, ok := after.files[p]; !ok {
			diffs = append(diffs, "removed "+p)
		} else if w != v {
			diffs = append(diffs, "changed "+p)
		}
	}
	for p := range after.files {
		if _, ok := before.files[p]; !ok {
			diffs = append(diffs, "created "+p)
		}
	}
	sort.Strings(diffs)
	for _, d := range diffs {
		r.t.Error(d)
	}
}

// refused checks a refusal: exit code in want (1 or 2), and the output one line, "pm: …", containing
// every part of msg.
func refused(t *testing.T, what, out string, code int, want []int, msg ...string) {
	t.Helper()
	if n := strings.Count(strings.TrimRight(out, "\n"), "\n"); n > 0 {
		t.Errorf("%s: %d lines, want one:\n%.2000s", what, n+1, out)
	}
	refusedAfter(t, what, out, code, want, msg...)
}

// refusedAfter is refused for a refusal that may follow other lines (findings, failed gates): the
// error line, "pm: …", must be the only one and the last.
func refusedAfter(t *testing.T, what, out string, code int, want []int, msg ...string) {
	t.Helper()
	ok := false
	for _, w := range want {
		ok = ok || code == w
	}
	if !ok {
		t.Errorf("%s: exit %d, want %v\n%.2000s", what, code, want, out)
		return
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	var errs []string
	for _, l := range lines {
		if strings.HasPrefix(l, "pm: ") {
			errs = append(errs, l)
		}
	}
	last := lines[len(lines)-1]
	if len(errs) != 1 || last != errs[0] {
		t.Errorf("%s: want one error line, last, got:\n%.2000s", what, out)
		return
	}
	for _, m := range msg {
		if !strings.Contains(last, m) {
			t.Errorf("%s: error line does not mention %q: %s", what, m, last)
		}
	}
}

var findingLine = regexp.MustCompile(`^\S.*:\d+:\d+: (error|warning): .+ \[[a-z-]+\]$`)
var lintSummary = regexp.MustCompile(`^\d+ files? linted: `)

// lintFindings checks pm lint's answer to a broken file: exit 1, findings and the summary only,
// and one finding of the front-matter rule containing msg.
func lintFindings(t *testing.T, out string, code int, msg string) {
	t.Helper()
	if code != 1 {
		t.Errorf("pm lint: exit %d, want 1\n%.2000s", code, out)
		return
	}
	found := false
	for _, l := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		switch {
		case findingLine.MatchString(l):
			found = found || (strings.HasSuffix(l, "[front-matter]") && strings.Contains(l, msg))
		case lintSummary.MatchString(l):
		default:
			t.Errorf("pm lint: unexpected line %.300q", l)
		}
	}
	if !found {
		t.Errorf("pm lint: no front-matter finding mentioning %q:\n%.2000s", msg, out)
	}
}

// withPostmortem returns a repository holding one committed postmortem made by pm new, and its path.
func withPostmortem(t *testing.T, title string) (*repo, string) {
	r := newRepo(t)
	r.git("commit", "-q", "--allow-empty", "-m", "base")
	out, code := r.newPM(title)
	if code != 0 {
		t.Fatalf("pm new: %d %s", code, out)
	}
	return r, filepath.Join(r.dir, "postmortems", "2026-11-20-"+postmortem.Slug(title)+".md")
}

func TestHostileSymlinkedFolderOutside(t *testing.T) {
	t.Parallel()
	r := newRepo(t)
	r.git("commit", "-q", "--allow-empty", "-m", "base")
	outside := t.TempDir()
	doc, code := r.newPM("elsewhere")
	if code != 0 {
		t.Fatalf("pm new: %d %s", code, doc)
	}
	// Move the committed postmortem outside and point the folder there.
	src := filepath.Join(r.dir, "postmortems", "2026-11-20-elsewhere.md")
	data, _ := os.ReadFile(src)
	os.WriteFile(filepath.Join(outside, "2026-11-20-elsewhere.md"), data, 0o644)
	os.RemoveAll(filepath.Join(r.dir, "postmortems"))
	if err := os.Symlink(outside, filepath.Join(r.dir, "postmortems")); err != nil {
		testenv.Skip(t, "no symbolic links:", err)
	}
	r.git("add", "-A")
	r.git("commit", "-q", "-m", "postmortems is a link")
	before := r.snapshot(outside)
	for _, args := range [][]string{
		{"new", "--sev", "1", "--title", "through the link", "--date", "2026-11-20"},
		{"new", "--sev", "1", "--title", "through the link", "--date", "2026-11-20", "--no-commit"},
		{"status", "in-review", "postmortems/2026-11-20-elsewhere.md", "--force"},
		{"meeting", "postmortems/2026-11-20-elsewhere.md", "--at", "2026-11-25T10:00:00Z", "--force", "--ics", "-"},
	} {
		out, code := r.pmTimed(args...)
		refused(t, strings.Join(args, " "), out, code, []int{2}, "outside the repository")
	}
	r.unchanged(before, outside)
}

func TestHostileSymlinkedFile(t *testing.T) {
	t.Parallel()
	r, path := withPostmortem(t, "linked")
	outside := filepath.Join(t.TempDir(), "target.md")
	data, _ := os.ReadFile(path)
	os.WriteFile(outside, data, 0o644)
	os.Remove(path)
	if err := os.Symlink(outside, path); err != nil {
		testenv.Skip(t, "no symbolic links:", err)
	}
	// A link to another file inside the repository is refused too: pm edits regular files only.
	inside := filepath.Join(r.dir, "real.md")
	os.WriteFile(inside, data, 0o644)
	other := filepath.Join(r.dir, "postmortems", "2026-11-20-inside.md")
	os.Symlink("../real.md", other)
	r.git("add", "-A")
	r.git("commit", "-q", "-m", "links")
	before := r.snapshot(filepath.Dir(outside))
	cases := []struct {
		args []string
		msg  string
	}{
		{[]string{"status", "in-review", "2026-11-20-linked", "--force"}, "outside the repository"},
		{[]string{"status", "in-review", "2026-11-20-linked", "--force", "--no-commit"}, "outside the repository"},
		{[]string{"meeting", "2026-11-20-linked", "--at", "2026-11-25T10:00:00Z", "--ics", "-"}, "outside the repository"},
		{[]string{"status", "in-review", "2026-11-20-inside", "--force"}, "symbolic link"},
	}
	for _, c := range cases {
		out, code := r.pmTimed(c.args...)
		refused(t, strings.Join(c.args, " "), out, code, []int{2}, c.msg)
	}
	r.unchanged(before, filepath.Dir(outside))
}

func TestHostileTitleAndSlug(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("Checkout ", 34)[:300]
	// The quick tier (see testenv.Full) tries one of each kind: an escaping title, an escaping slug,
	// a slug too long, a title with nothing to keep.
	accepted := []struct {
		name, title, slug, want string
		quick                   bool
	}{
		{"title with ../", "../../etc/passwd", "", "etc-passwd", true},
		{"title with /", "/tmp/x/y", "", "tmp-x-y", false},
		{"slug with ../", "Checkout latency", "../../../escaped", "escaped", true},
		{"300-character title", long, "", postmortem.Slug(long), false},
		{"300-character slug", "x", strings.Repeat("a", 300), strings.Repeat("a", postmortem.MaxSlugLen), true},
		{"title of emoji only", "🔥🚒🔥", "", "incident", true},
	}
	for _, c := range accepted {
		t.Run(c.name, func(t *testing.T) {
			if !c.quick {
				testenv.Exhaustive(t)
			}
			r := newRepo(t)
			r.git("commit", "-q", "--allow-empty", "-m", "base")
			around := filepath.Dir(r.dir)
			beforeAround, _ := os.ReadDir(around)
			args := []string{"new", "--sev", "2", "--title", c.title, "--date", "2026-11-20"}
			if c.slug != "" {
				args = append(args, "--slug", c.slug)
			}
			out, code := r.pmTimed(args...)
			rel := "postmortems/2026-11-20-" + c.want + ".md"
			if code != 0 || strings.SplitN(out, "\n", 2)[0] != rel {
				t.Fatalf("exit %d, want 0 and %s first:\n%s", code, rel, out)
			}
			if len(c.want) > postmortem.MaxSlugLen || !regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`).MatchString(c.want) {
				t.Errorf("slug %q", c.want)
			}
			if got := r.git("ls-files"); got != rel {
				t.Errorf("repository holds %q, want only %s", got, rel)
			}
			if got := r.git("log", "-1", "--name-only", "--format="); got != rel {
				t.Errorf("commit holds %q", got)
			}
			data, err := os.ReadFile(filepath.Join(r.dir, filepath.FromSlash(rel)))
			if err != nil {
				t.Fatal(err)
			}
			if d := postmortem.Parse(rel, data, nil); d.Fields.Title != strings.TrimSpace(c.title) {
				t.Errorf("title reads back as %q, want %q", d.Fields.Title, c.title)
			}
			if afterAround, _ := os.ReadDir(around); len(afterAround) != len(beforeAround) {
				t.Errorf("%d entries beside the repository before, %d after", len(beforeAround), len(afterAround))
			}
			r.clean("postmortems")
			if st := r.git("status", "--porcelain", "--untracked-files=all"); st != "" {
				t.Errorf("git status: %s", st)
			}
		})
	}

	r := newRepo(t)
	r.git("commit", "-q", "--allow-empty", "-m", "base")
	before := r.snapshot()
	for name, args := range map[string][]string{
		"title with a line break": {"--title", "first\nsecond"},
		"title with a CR":         {"--title", "first\rsecond"},
		"title of spaces":         {"--title", "   "},
		"empty title":             {"--title", ""},
	} {
		out, code := r.pmTimed(append([]string{"new", "--sev", "1", "--date", "2026-11-20"}, args...)...)
		refused(t, name, out, code, []int{2}, "--title")
	}
	// a slug pm could only turn into "incident" names the file after nothing the owner typed
	for name, slug := range map[string]string{"slug with /": "/", "slug with ..": "..", "slug of emoji only": "🔥🔥"} {
		out, code := r.pmTimed("new", "--sev", "1", "--date", "2026-11-20", "--title", "Checkout latency", "--slug", slug)
		refused(t, name, out, code, []int{2}, "--slug")
	}
	r.unchanged(before)

	// No program receives a NUL in its arguments: the exec fails before pm starts.
	var ee *exec.ExitError
	if out, err := r.run(pmBin, "new", "--sev", "1", "--title", "a\x00b", "--no-commit"); err == nil || errors.As(err, &ee) {
		t.Errorf("an argument with a NUL reached pm: %v\n%s", err, out)
	}
	r.unchanged(before)
}

// hostileDocs are postmortems whose front matter is broken on purpose, each with what pm lint says.
func hostileDocs(t *testing.T, base string) map[string]struct{ doc, lint string } {
	bomb := "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	for i, c := range "bcdefghi" {
		prev := string("abcdefghi"[i])
		bomb += fmt.Sprintf("%c: &%c [%s]\n", c, c, strings.TrimSuffix(strings.Repeat("*"+prev+",", 9), ","))
	}
	if !strings.Contains(base, "\ntitle: ") || !strings.Contains(base, "\nstatus: Draft\n") || !strings.Contains(base, "status_history:\n") {
		t.Fatalf("unexpected template:\n%s", base)
	}
	withTitle := func(title string) string {
		i := strings.Index(base, "\ntitle: ")
		j := i + 1 + strings.Index(base[i+1:], "\n")
		return base[:i] + "\ntitle: " + title + base[j:]
	}
	// The bomb opens the block; title and status_history (the key and the entry indented under it)
	// become aliases of its last anchor.
	bombed := "---\n" + bomb + strings.TrimPrefix(withTitle("*i"), "---\n")
	h := strings.Index(bombed, "status_history:\n")
	end := h + len("status_history:\n")
	for strings.HasPrefix(bombed[end:], " ") {
		end += strings.Index(bombed[end:], "\n") + 1
	}
	bombed = bombed[:h] + "status_history: *i\n" + bombed[end:]
	return map[string]struct{ doc, lint string }{
		"alias bomb":     {bombed, "aliases are not allowed"},
		"10 MB string":   {withTitle(`"` + strings.Repeat("a", 10<<20) + `"`), "not a postmortem"},
		"duplicate keys": {strings.Replace(base, "\nstatus: Draft\n", "\nstatus: Draft\nstatus: Closed\n", 1), `duplicate key "status"`},
		"status as list": {strings.Replace(base, "\nstatus: Draft\n", "\nstatus: [Draft, Closed]\n", 1), "status must be a single value"},
	}
}

func TestHostileFrontMatter(t *testing.T) {
	t.Parallel()
	r, path := withPostmortem(t, "hostile")
	base, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range hostileDocs(t, string(base)) {
		t.Run(name, func(t *testing.T) {
			// The quick tier (see testenv.Full) tries the two that cost pm the most to read.
			if name != "alias bomb" && name != "10 MB string" {
				testenv.Exhaustive(t)
			}
			r := &repo{t: t, dir: r.dir, env: r.env}
			if err := os.WriteFile(path, []byte(c.doc), 0o644); err != nil {
				t.Fatal(err)
			}
			r.git("commit", "-q", "-am", name)
			before := r.snapshot()
			rel := "postmortems/2026-11-20-hostile.md"
			out, code := r.pmTimed("lint", rel)
			lintFindings(t, out, code, c.lint)
			for _, args := range [][]string{
				{"status", "in-review", "hostile"},
				{"status", "in-review", "hostile", "--force"},
				{"status", "in-review", "hostile", "--force", "--no-commit"},
				{"meeting", "hostile", "--at", "2026-11-25T10:00:00Z", "--ics", "-"},
				{"meeting", "hostile", "--at", "2026-11-25T10:00:00Z", "--force", "--ics", "-"},
			} {
				out, code := r.pmTimed(args...)
				refusedAfter(t, strings.Join(args, " "), out, code, []int{1, 2})
			}
			r.unchanged(before)
		})
	}
}

// fifoFeeder opens a FIFO for writing again and again, writing content(n) for the nth reader
// (from 0), until stop, which returns how many readers it served.
func fifoFeeder(fifo string, content func(n int) []byte) (stop func() int) {
	var quit atomic.Bool
	var served atomic.Int64
	done := make(chan struct{})
	go func() {
		defer close(done)
		for n := 0; ; n++ {
			f, err := os.OpenFile(fifo, os.O_WRONLY, 0) // blocks until a reader opens it
			if err != nil || quit.Load() {
				if f != nil {
					f.Close()
				}
				return
			}
			served.Add(1)
			f.Write(content(n))
			f.Close()
		}
	}()
	return func() int {
		quit.Store(true)
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
			// A reader that opens without blocking releases a writer waiting in open.
			if f, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0); err == nil {
				f.Close()
			}
			select {
			case <-done:
				return int(served.Load())
			case <-time.After(10 * time.Millisecond):
			}
		}
		// The FIFO was replaced (pm wrote where it should not have): the writer stays blocked on the
		// old one until the test binary exits.
		return int(served.Load())
	}
}

// TestHostileChangedOnDisk once had the postmortem be a FIFO that handed pm one document, then an
// edited one, to change the file between pm's read and its write. pm no longer opens a named pipe at
// all (opening one blocks until a writer comes), so the detection of a change on disk is tested in
// pkg/project (TestRewriteDetectsChangeOnDisk), and here a FIFO with a writer waiting on it must not be
// read, by id or by path, nor anything written.
func TestHostileChangedOnDisk(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		testenv.Unsupported(t, "no FIFOs")
	}
	r, path := withPostmortem(t, "moving")
	first, _ := os.ReadFile(path)
	os.Remove(path)
	if out, err := r.run("mkfifo", path); err != nil {
		testenv.Skip(t, "mkfifo:", err, out)
	}
	before := r.snapshot()
	stop := fifoFeeder(path, func(int) []byte { return first })
	out, code := r.pmTimed("status", "in-review", "2026-11-20-moving", "--force")
	refused(t, "pm status in-review by id", out, code, []int{2}, "not a regular file")
	out, code = r.pmTimed("status", "in-review", "postmortems/2026-11-20-moving.md", "--force")
	refused(t, "pm status in-review by path", out, code, []int{2}, "not a regular file")
	if reads := stop(); reads != 0 {
		t.Errorf("pm read the FIFO %d times", reads)
	}
	r.unchanged(before)
	os.Remove(path)
	os.WriteFile(path, first, 0o644)
	r.clean("postmortems")
}

// TestHostileFullDisk runs pm with a file size limit of one block: every file it writes fails part
// way, as on a full disk. pm must say so and leave no partial file, old or new.
func TestHostileFullDisk(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		testenv.Unsupported(t, "no ulimit")
	}
	r, _ := withPostmortem(t, "full disk")
	before := r.snapshot()
	limited := func(args ...string) (string, int) {
		return r.cmdTimed("sh", append([]string{"-c", `ulimit -f 1 && exec "$0" "$@"`, pmBin}, args...)...)
	}
	if out, code := limited("version"); code != 0 {
		testenv.Skipf(t, "cannot run pm under ulimit -f: %d %s", code, out)
	}
	for _, args := range [][]string{
		{"new", "--sev", "1", "--title", "no room", "--date", "2026-11-20"},
		{"new", "--sev", "1", "--title", "no room", "--date", "2026-11-20", "--no-commit"},
		{"status", "in-review", "full-disk", "--force"},
		{"meeting", "full-disk", "--at", "2026-11-25T10:00:00Z", "--ics", "-"},
	} {
		out, code := limited(args...)
		refused(t, strings.Join(args, " "), out, code, []int{2}, "write ")
	}
	r.unchanged(before)
}

// asNobody makes pm run as nobody when the test runs as root, who writes into read-only folders.
// Nobody can read the repository (the test's folders are opened up for it) and, when own, owns it
// all, so that only a folder made read-only stops pm. The test skips when nobody cannot run pm here.
func (r *repo) asNobody(own bool) {
	r.t.Helper()
	if os.Geteuid() != 0 {
		return
	}
	for _, d := range []string{filepath.Dir(r.dir), filepath.Dir(pmBin)} {
		if err := os.Chmod(d, 0o755); err != nil {
			r.t.Fatal(err)
		}
	}
	if own {
		filepath.WalkDir(r.dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil {
				err = os.Lchown(p, 65534, 65534)
			}
			return err
		})
	}
	// One of the two reads a repository another user owns: the test's own git (root) when nobody
	// owns it, else pm as nobody. Both refuse it (dubious ownership) unless safe.directory trusts it.
	r.git("config", "--global", "--add", "safe.directory", "*")
	attr := &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	probe := exec.Command(pmBin, "list")
	probe.Dir, probe.Env, probe.SysProcAttr = r.dir, r.env, attr
	if out, err := probe.CombinedOutput(); err != nil {
		testenv.Skipf(r.t, "cannot run pm as nobody here (%v): %s", err, out)
	}
	r.attr = attr
}

func TestHostileReadOnlyFolder(t *testing.T) {
	t.Parallel()
	t.Run("read-only folder", func(t *testing.T) {
		r, _ := withPostmortem(t, "read only")
		r.asNobody(false)
		dir := filepath.Join(r.dir, "postmortems")
		os.Chmod(dir, 0o555)
		defer os.Chmod(dir, 0o755)
		before := r.snapshot()
		for _, args := range [][]string{
			{"new", "--sev", "1", "--title", "blocked", "--date", "2026-11-20"},
			{"new", "--sev", "1", "--title", "blocked", "--date", "2026-11-20", "--no-commit"},
			{"status", "in-review", "read-only", "--force"},
			{"meeting", "read-only", "--at", "2026-11-25T10:00:00Z", "--ics", "-"},
		} {
			out, code := r.pmTimed(args...)
			where := "postmortems"
			if r.attr != nil && args[len(args)-1] != "--no-commit" {
				// As nobody, .git is not writable either: a commit stops at the index lock, first.
				where = "index.lock"
			}
			refused(t, strings.Join(args, " "), out, code, []int{2}, where, "permission denied")
		}
		r.unchanged(before)
	})
	t.Run("folder is a file", func(t *testing.T) {
		r := newRepo(t)
		r.write("postmortems", "not a folder\n")
		r.write("docs", "not a folder either\n")
		r.write(".pm.yaml", "dir: docs/postmortems\n")
		r.git("add", "-A")
		r.git("commit", "-q", "-m", "base")
		before := r.snapshot()
		out, code := r.pmTimed("new", "--sev", "1", "--title", "nowhere", "--date", "2026-11-20")
		refused(t, "pm new", out, code, []int{2}, "docs", "not a directory")
		os.Remove(filepath.Join(r.dir, ".pm.yaml"))
		out, code = r.pmTimed("new", "--sev", "1", "--title", "nowhere", "--date", "2026-11-20", "--no-commit")
		refused(t, "pm new (default folder)", out, code, []int{2}, "postmortems", "not a directory")
		r.git("checkout", "-q", "--", ".pm.yaml")
		r.unchanged(before)
	})
}

// TestHostileReadOnlyOutputFolder: a --ics or --output file in a folder pm cannot write is refused
// before anything is committed, though pm could commit (it then does, once the folder is writable).
func TestHostileReadOnlyOutputFolder(t *testing.T) {
	t.Parallel()
	r, _ := withPostmortem(t, "read only output")
	out := filepath.Join(r.dir, "out")
	os.Mkdir(out, 0o755)
	r.asNobody(true)
	os.Chmod(out, 0o555)
	defer os.Chmod(out, 0o755)
	before := r.snapshot()
	for _, args := range [][]string{
		{"meeting", "read-only-output", "--at", "2026-11-25T10:00:00Z", "--ics", "out/invite.ics"},
		{"message", "internal", "read-only-output", "--output", "out/summary.txt"},
	} {
		got, code := r.pmTimed(args...)
		refused(t, strings.Join(args, " "), got, code, []int{2}, "out/", "permission denied")
	}
	r.unchanged(before)

	os.Chmod(out, 0o755)
	if got, code := r.pmTimed("meeting", "read-only-output", "--at", "2026-11-25T10:00:00Z", "--ics", "out/invite.ics"); code != 0 {
		t.Fatalf("pm meeting into a writable folder: exit %d\n%s", code, got)
	}
	if head := r.git("rev-parse", "HEAD"); head == before.head {
		t.Error("pm meeting into a writable folder committed nothing")
	}
	if b, err := os.ReadFile(filepath.Join(out, "invite.ics")); err != nil || !strings.HasPrefix(string(b), "BEGIN:VCALENDAR") {
		t.Errorf("invitation: %v %.40q", err, b)
	}
}

// TestHostileReadOnlyOutputFile: an --ics or --output file made read-only is refused as > refuses it,
// before anything is committed, though its folder would let pm replace it; it keeps its content.
func TestHostileReadOnlyOutputFile(t *testing.T) {
	t.Parallel()
	r, _ := withPostmortem(t, "read only output file")
	for _, f := range []string{"invite.ics", "summary.txt"} {
		r.write(f, "kept\n")
	}
	r.git("add", "-A")
	r.git("commit", "-q", "-m", "outputs")
	r.asNobody(true)
	if os.Geteuid() == 0 && r.attr == nil {
		testenv.Unsupported(t, "root writes into read-only files")
	}
	for _, f := range []string{"invite.ics", "summary.txt"} {
		os.Chmod(filepath.Join(r.dir, f), 0o444)
	}
	before := r.snapshot()
	for _, args := range [][]string{
		{"meeting", "read-only-output-file", "--at", "2026-11-25T10:00:00Z", "--ics", "invite.ics"},
		{"message", "internal", "read-only-output-file", "--output", "summary.txt"},
	} {
		got, code := r.pmTimed(args...)
		refused(t, strings.Join(args, " "), got, code, []int{2}, args[len(args)-1], "permission denied")
	}
	r.unchanged(before)
}

func TestHostileSettingsFile(t *testing.T) {
	t.Parallel()
	// The quick tier (see testenv.Full) tries a YAML error, a file that is not text and one that is
	// YAML but not settings.
	cases := []struct {
		name, content string
		line          int
		quick         bool
	}{
		{"unclosed list", "dir: [postmortems\n", 1, true},
		{"tab indentation", "dir: x\n\tlanguage: ja\n", 2, false},
		{"binary", "\x00\x01\x02binary\xff", 1, true},
		{"a list", "- dir\n- language\n", 1, false},
		{"plain text", "These are my settings.\nPlease read them.\n", 1, false},
		{"an alias", "language: &l en\ndir: *l\n", 2, false},
		{"two documents", "dir: a\n---\ndir: b\n", 2, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !c.quick {
				testenv.Exhaustive(t)
			}
			r, _ := withPostmortem(t, "settings")
			r.write(".pm.yaml", c.content)
			r.git("add", ".pm.yaml")
			r.git("commit", "-q", "-m", "broken settings")
			before := r.snapshot()
			for _, args := range [][]string{
				{"new", "--sev", "1", "--title", "x", "--date", "2026-11-20"},
				{"lint"},
				{"list"},
				{"status"},
				{"status", "in-review", "settings", "--force"},
			} {
				out, code := r.pmTimed(args...)
				refused(t, strings.Join(args, " "), out, code, []int{2}, fmt.Sprintf(".pm.yaml:%d: ", c.line))
			}
			r.unchanged(before)
		})
	}
}
