package site

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/testrepo"
	"github.com/pm-tools/pm/pkg/site"
)

var now = time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)

func setup(t *testing.T) string {
	t.Helper()
	dir := testrepo.FakeRoot(t)
	testrepo.CopyFiles(t, filepath.Join(dir, "postmortems"), filepath.Join("..", "..", "..", "testdata", "examples", "*.md"))
	testrepo.WriteFile(t, dir, ".pm.yaml", "timezone: UTC\nrepo_url: https://gitlab.example.com/acme/pm/-/blob/main\n")
	return dir
}

func newCmd(f *cmdutil.Factory) testrepo.Command {
	cmd := NewCmdSite(f, nil)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	return cmd
}

func run(t *testing.T, dir string, env map[string]string, args ...string) (string, string, int) {
	t.Helper()
	f, _, _ := cmdutil.TestFactory(dir, now, env)
	return testrepo.Run(f, newCmd, args...)
}

func TestFlags(t *testing.T) {
	f, _, _ := cmdutil.TestFactory(t.TempDir(), now, nil)
	var got *Options
	cmd := NewCmdSite(f, func(o *Options) error { got = o; return nil })
	cmd.SetArgs([]string{"--out", "public"})
	if err := cmd.Execute(); err != nil || got == nil || got.Out != "public" {
		t.Fatalf("%v %+v", err, got)
	}
	cmd = NewCmdSite(f, func(o *Options) error { return nil })
	cmd.SetArgs([]string{"extra"})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	if err := cmd.Execute(); err == nil {
		t.Error("an argument was accepted")
	}
}

func TestBuild(t *testing.T) {
	dir := setup(t)
	_, errOut, code := run(t, dir, nil)
	if code != 0 || !strings.Contains(errOut, "Wrote site: ") || !strings.Contains(errOut, ", 3 postmortems") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	page := testrepo.ReadFile(t, dir, "site/pm/2026-10-14-payment-api-timeouts.html")
	for _, want := range []string{
		"Payment API timeouts during the midday peak",
		`href="https://gitlab.example.com/acme/pm/-/edit/main/postmortems/2026-10-14-payment-api-timeouts.md">Edit on GitLab</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	// The draft's lint findings reach its page.
	if draft := testrepo.ReadFile(t, dir, "site/pm/2026-11-02-cache-stampede-draft.html"); !strings.Contains(draft, `<ul class="findings">`) {
		t.Error("the draft's page lists no lint findings")
	}
	// A second run replaces the site; --lang ja builds it in Japanese whatever the locale.
	_, errOut, code = run(t, dir, map[string]string{"LANG": "en_US.UTF-8"}, "--out", "public")
	if code != 0 {
		t.Fatal(errOut)
	}
	f, _, _ := cmdutil.TestFactory(dir, now, map[string]string{"LANG": "en_US.UTF-8"})
	f.LangFlag = "ja"
	if _, errOut, code := testrepo.Run(f, newCmd); code != 0 {
		t.Fatal(errOut)
	}
	if idx := testrepo.ReadFile(t, dir, "site/index.html"); !strings.Contains(idx, "すべてのポストモーテム") {
		t.Error("--lang ja: the index is not in Japanese")
	}
	if idx := testrepo.ReadFile(t, dir, "public/index.html"); !strings.Contains(idx, "All postmortems") {
		t.Error("the site follows the locale, not .pm.yaml")
	}
}

func TestRefusedOut(t *testing.T) {
	dir := setup(t)
	os.MkdirAll(filepath.Join(dir, ".git"), 0o755)
	os.MkdirAll(filepath.Join(dir, "notes"), 0o755)
	testrepo.WriteFile(t, dir, "notes/todo.txt", "mine")
	for out, want := range map[string]string{
		".":                "is the repository root",
		"..":               "is the repository root",
		".git/site":        "inside .git",
		"postmortems":      "is the postmortem folder",
		"postmortems/site": "is the postmortem folder",
		"notes":            "files pm site did not write",
	} {
		_, errOut, code := run(t, dir, nil, "--out", out)
		if code != 2 || !strings.Contains(errOut, want) {
			t.Errorf("--out %s: exit %d: %s", out, code, errOut)
		}
	}
	if testrepo.ReadFile(t, dir, "notes/todo.txt") != "mine" {
		t.Error("a refused --out lost a file")
	}
	if _, err := os.Stat(filepath.Join(dir, "site")); err == nil {
		t.Error("a refused run wrote the site")
	}
}

// serving is pm site --serve run in the background by a test.
type serving struct {
	base   string     // the site's address
	builds chan error // each rebuild
	ran    chan error // siteRun's end
	cancel context.CancelFunc
}

// startServe runs pm site --serve over dir on an address of its own, looking for changes every 10 ms
// with clock as the machine's time (nil: time.Now), and returns once the site is served.
func startServe(t *testing.T, dir string, clock func() time.Time) *serving {
	t.Helper()
	f, _, _ := cmdutil.TestFactory(dir, now, nil)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	s := &serving{builds: make(chan error, 10), ran: make(chan error, 1), cancel: cancel}
	urls := make(chan string, 1)
	o := &Options{F: f, Serve: true, Addr: "127.0.0.1:0", ctx: ctx, poll: 10 * time.Millisecond, clock: clock,
		started: func(u string) { urls <- u }, built: func(err error) { s.builds <- err }}
	go func() { s.ran <- siteRun(o) }()
	select {
	case s.base = <-urls:
	case err := <-s.ran:
		t.Fatalf("serve ended: %v", err)
	}
	return s
}

// get returns the served file at path.
func (s *serving) get(t *testing.T, path string) string {
	t.Helper()
	resp, err := http.Get(s.base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// waitBuild waits for the rebuild --serve makes after a change. Not a measure of speed: a bound
// far above any build of the fixture, so that a change --serve misses fails the test instead of
// hanging it.
func (s *serving) waitBuild(t *testing.T) {
	t.Helper()
	select {
	case err := <-s.builds:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("no rebuild after the change")
	}
}

// stop ends --serve and checks that it ended cleanly.
func (s *serving) stop(t *testing.T) {
	t.Helper()
	s.cancel()
	if err := <-s.ran; err != nil {
		t.Fatal(err)
	}
}

func TestServe(t *testing.T) {
	dir := setup(t)
	s := startServe(t, dir, nil)
	if page := s.get(t, "index.html"); !strings.Contains(page, "Payment API timeouts during the midday peak") {
		t.Fatalf("served index: %.200s", page)
	}
	path := filepath.Join(dir, "postmortems", "2026-10-14-payment-api-timeouts.md")
	src, _ := os.ReadFile(path)
	os.WriteFile(path, []byte(strings.Replace(string(src), "title: Payment API timeouts during the midday peak", "title: Payment API timeouts, revised", 1)), 0o644)
	// A later modification time, whatever the file system's clock resolution.
	later := time.Now().Add(time.Hour)
	os.Chtimes(path, later, later)
	s.waitBuild(t)
	if page := s.get(t, "index.html"); !strings.Contains(page, "Payment API timeouts, revised") {
		t.Error("the site was not rebuilt after a change")
	}
	s.stop(t)
}

// TestServeSeesAnEditInTheSameTick: an edit that keeps the file's size and modification time (a
// file system that keeps whole seconds, an edit within the same second as the last scan) is still
// seen, by the content of a file written that recently; and files that do not change make no
// rebuild, however often they are looked at.
func TestServeSeesAnEditInTheSameTick(t *testing.T) {
	dir := setup(t)
	path := filepath.Join(dir, "postmortems", "2026-10-14-payment-api-timeouts.md")
	tick := time.Now().Truncate(time.Second)
	os.Chtimes(path, tick, tick)
	s := startServe(t, dir, func() time.Time { return tick.Add(500 * time.Millisecond) })
	select {
	case err := <-s.builds:
		t.Fatalf("a rebuild with nothing changed (%v)", err)
	case <-time.After(100 * time.Millisecond): // ten scans
	}
	src, _ := os.ReadFile(path)
	edited := strings.Replace(string(src), "title: Payment API timeouts during the midday peak", "title: Payment API timeouts during the midday PEAK", 1)
	if len(edited) != len(src) || edited == string(src) {
		t.Fatal("the edit should keep the size")
	}
	// the site's cache, written in that second too, has its time, as a file system that keeps seconds
	// gives it; then the edit, which keeps the time it had
	os.Chtimes(filepath.Join(dir, "site", site.CacheDir, "manifest"), tick, tick)
	os.WriteFile(path, []byte(edited), 0o644)
	os.Chtimes(path, tick, tick)
	s.waitBuild(t)
	if !strings.Contains(s.get(t, "index.html"), "midday PEAK") {
		t.Error("the site was not rebuilt after an edit that kept the size and time")
	}
	s.stop(t)
}

// TestServeRefusesItsAddressFirst: an address in use, or none, is refused before anything is
// built; --addr without --serve is a usage error rather than ignored.
func TestServeRefusesItsAddressFirst(t *testing.T) {
	dir := setup(t)
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	for _, args := range [][]string{
		{"--serve", "--addr", busy.Addr().String()},
		{"--serve", "--addr", "nonsense"},
		{"--addr", "127.0.0.1:0"},
	} {
		_, errOut, code := run(t, dir, nil, args...)
		if code != 2 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "--") {
			t.Errorf("pm site %v: exit %d, %q", args, code, errOut)
		}
		if _, err := os.Stat(filepath.Join(dir, "site")); err == nil {
			t.Fatalf("pm site %v wrote the site before refusing", args)
		}
	}
}

// build runs pm site and returns what it wrote (site-relative).
func build(t *testing.T, dir string, at time.Time) []string {
	t.Helper()
	f, _, _ := cmdutil.TestFactory(dir, at, nil)
	p, err := f.OpenProject()
	if err != nil {
		t.Fatal(err)
	}
	res, err := buildSite(f, p, filepath.Join(dir, "site"), at, i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	return res.Written
}

// tree reads every file of a site but the cache; a folder is there as its path and a slash.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == site.CacheDir {
			return filepath.SkipDir
		}
		if d.IsDir() && p != dir {
			rel, _ := filepath.Rel(dir, p)
			out[filepath.ToSlash(rel)+"/"] = ""
		}
		if !d.IsDir() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			out[filepath.ToSlash(rel)] = string(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// same checks that the site in dir is, file for file, the site a whole build makes.
func same(t *testing.T, dir string, at time.Time) {
	t.Helper()
	got := tree(t, filepath.Join(dir, "site"))
	os.RemoveAll(filepath.Join(dir, "site"))
	build(t, dir, at)
	want := tree(t, filepath.Join(dir, "site"))
	for rel, w := range want {
		if g, ok := got[rel]; !ok {
			t.Errorf("the updated site lacks %s", rel)
		} else if g != w {
			t.Errorf("the updated site's %s differs from a whole build's", rel)
		}
	}
	for rel := range got {
		if _, ok := want[rel]; !ok {
			t.Errorf("the updated site has %s, which a whole build does not", rel)
		}
	}
}

// TestUpdate checks the incremental build: an unchanged project writes nothing; a change to one
// document rewrites its page and what shows it, and no other; a rename, a deletion and a change of
// relations update the pages that name them; .pm.yaml and a corrupt cache make a whole build; and
// each time the site is the one a whole build makes.
func TestUpdate(t *testing.T) {
	dir := setup(t)
	pmDir := filepath.Join(dir, "postmortems")
	draft := filepath.Join(pmDir, "2026-11-02-cache-stampede-draft.md")
	src, _ := os.ReadFile(draft)
	os.WriteFile(draft, []byte(strings.Replace(string(src), "\ntitle: ", "\nrelated: [2026-10-14-payment-api-timeouts]\ntitle: ", 1)), 0o644)
	all := build(t, dir, now)
	if len(all) < 15 {
		t.Fatalf("a whole build wrote %v", all)
	}
	if w := build(t, dir, now); len(w) != 0 {
		t.Errorf("an unchanged project rewrote %v", w)
	}
	// Touched, not changed: nothing.
	payment := filepath.Join(pmDir, "2026-10-14-payment-api-timeouts.md")
	later := time.Now().Add(time.Hour)
	os.Chtimes(payment, later, later)
	if w := build(t, dir, now); len(w) != 0 {
		t.Errorf("a touched file rewrote %v", w)
	}
	// A line added to the body: its page and its words in the search data.
	src, _ = os.ReadFile(payment)
	os.WriteFile(payment, []byte(strings.Replace(string(src), "## Resolution", "A line added about zanzibar.\n\n## Resolution", 1)), 0o644)
	w := build(t, dir, now)
	if len(w) != 2 || w[0] != "pm/2026-10-14-payment-api-timeouts.html" || !strings.HasPrefix(w[1], "search/text-") {
		t.Errorf("a line added to one body rewrote %v", w)
	}
	if !strings.Contains(testrepo.ReadFile(t, dir, "site/pm/2026-10-14-payment-api-timeouts.html"), "zanzibar") {
		t.Error("the changed page lacks the new line")
	}
	same(t, dir, now)
	// A new title: the page, the pages that link to it (relations), the lists that show it.
	os.WriteFile(payment, []byte(strings.Replace(string(src), "title: Payment API timeouts during the midday peak", "title: Payment API timeouts, revised", 1)), 0o644)
	w = build(t, dir, now)
	for _, want := range []string{"pm/2026-10-14-payment-api-timeouts.html", "pm/2026-11-02-cache-stampede-draft.html", "index.html", "search/rows.js", "index.json", "archive/2026-10.html"} {
		if !slices.Contains(w, want) {
			t.Errorf("a new title did not rewrite %s (wrote %v)", want, w)
		}
	}
	if slices.Contains(w, "pm/2026-09-03-checkout-delay-ja.html") {
		t.Errorf("a new title rewrote an unrelated page: %v", w)
	}
	same(t, dir, now)
	// A rename: the old page goes, the new one comes, the relation follows the file name.
	renamed := filepath.Join(pmDir, "2026-10-14-payment-api-slow.md")
	os.Rename(payment, renamed)
	build(t, dir, now)
	if _, err := os.Stat(filepath.Join(dir, "site", "pm", "2026-10-14-payment-api-timeouts.html")); err == nil {
		t.Error("the renamed file's old page is still there")
	}
	if !strings.Contains(testrepo.ReadFile(t, dir, "site/pm/2026-10-14-payment-api-slow.html"), "Payment API timeouts, revised") {
		t.Error("the renamed file has no page")
	}
	same(t, dir, now)
	// A deletion.
	os.Remove(renamed)
	build(t, dir, now)
	if _, err := os.Stat(filepath.Join(dir, "site", "pm", "2026-10-14-payment-api-slow.html")); err == nil {
		t.Error("the deleted file's page is still there")
	}
	same(t, dir, now)
	// Another day: meeting states and deadlines are judged again.
	build(t, dir, now.AddDate(0, 2, 0))
	same(t, dir, now.AddDate(0, 2, 0))
	// .pm.yaml changed: a whole build.
	testrepo.WriteFile(t, dir, ".pm.yaml", "timezone: UTC\n")
	if w := build(t, dir, now); len(w) < 15 {
		t.Errorf("a new .pm.yaml rewrote only %v", w)
	}
	same(t, dir, now)
	// A corrupt cache: a whole build.
	for _, name := range []string{"manifest", "pack"} {
		path := filepath.Join(dir, "site", site.CacheDir, name)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for i := len(data) / 2; i < len(data) && i < len(data)/2+64; i++ {
			data[i] ^= 0x55
		}
		os.WriteFile(path, data, 0o644)
		// The pack's damage shows when a page is made from it: change every document.
		if name == "pack" {
			entries, _ := os.ReadDir(pmDir)
			for _, e := range entries {
				p := filepath.Join(pmDir, e.Name())
				os.Chtimes(p, later.Add(time.Hour), later.Add(time.Hour))
			}
			testrepo.WriteFile(t, dir, "postmortems/2026-12-01-new.md", "---\ntitle: New\nseverity: SEV-3\nstatus: Draft\nowner: Ana\nincident_date: 2026-12-01\nrelated: [2026-11-02-cache-stampede-draft]\n---\n# New\n")
		}
		build(t, dir, now)
		same(t, dir, now)
	}
}

// TestUpdateRacyFile: a file changed in the same tick of the file system's clock as the cache was
// written, with its size unchanged, is read again (git's racily clean rule), not taken for unchanged.
func TestUpdateRacyFile(t *testing.T) {
	dir := setup(t)
	payment := filepath.Join(dir, "postmortems", "2026-10-14-payment-api-timeouts.md")
	manifest := filepath.Join(dir, "site", site.CacheDir, "manifest")
	tick := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	// The cache records the file at a time, and is written in that same tick (a clock of one
	// second, as on many file systems, makes the two equal).
	os.Chtimes(payment, tick, tick)
	build(t, dir, now)
	os.Chtimes(manifest, tick, tick)
	// Changed in that tick: same size, same time; only its hash tells.
	src, _ := os.ReadFile(payment)
	changed := strings.Replace(string(src), "## Resolution", "## Resolutioz", 1)
	if len(changed) != len(src) || changed == string(src) {
		t.Fatal("the fixture has no Resolution heading to change")
	}
	os.WriteFile(payment, []byte(changed), 0o644)
	os.Chtimes(payment, tick, tick)
	build(t, dir, now)
	if !strings.Contains(testrepo.ReadFile(t, dir, "site/pm/2026-10-14-payment-api-timeouts.html"), "Resolutioz") {
		t.Error("a file changed in the cache's tick kept its old page")
	}
	same(t, dir, now)
	// Once a later cache has seen it, its size and time are trusted again: nothing is rewritten.
	if w := build(t, dir, now); len(w) != 0 {
		t.Errorf("an unchanged project rewrote %v", w)
	}
}

// TestUpdateRemovesEmptyFolders: the folders whose last page an update removes go too, as a whole
// build would not make them; a folder with a file of the user's in it stays.
func TestUpdateRemovesEmptyFolders(t *testing.T) {
	dir := setup(t)
	pmDir := filepath.Join(dir, "postmortems")
	testrepo.WriteFile(t, dir, "postmortems/2026-11-21-c.md", "---\ntitle: C\nseverity: SEV-2\nstatus: Draft\nowner: Ana\nincident_date: 2026-11-21\nservices: [checkout]\ntags: [db, cache]\n---\n# C\n")
	testrepo.WriteFile(t, dir, "postmortems/2026-11-22-d.md", "---\ntitle: D\nseverity: SEV-2\nstatus: Draft\nowner: Ana\nincident_date: 2026-11-22\ntags: [cache]\n---\n# D\n")
	build(t, dir, now)
	for _, folder := range []string{"service", "tag", "messages"} {
		if fi, err := os.Stat(filepath.Join(dir, "site", folder)); err != nil || !fi.IsDir() {
			t.Fatalf("the first build made no %s/ (%v)", folder, err)
		}
	}
	// The only postmortem with a service goes: service/ goes, tag/ keeps cache.html.
	os.Remove(filepath.Join(pmDir, "2026-11-21-c.md"))
	build(t, dir, now)
	if _, err := os.Lstat(filepath.Join(dir, "site", "service")); err == nil {
		t.Error("service/ is still there, empty")
	}
	same(t, dir, now)
	// The only Reviewed postmortem goes back to Draft: messages/ goes.
	payment := filepath.Join(pmDir, "2026-10-14-payment-api-timeouts.md")
	src, _ := os.ReadFile(payment)
	os.WriteFile(payment, []byte(strings.Replace(string(src), "\nstatus: Reviewed\n", "\nstatus: Draft\n", 1)), 0o644)
	build(t, dir, now)
	if _, err := os.Lstat(filepath.Join(dir, "site", "messages")); err == nil {
		t.Error("messages/ is still there, empty")
	}
	same(t, dir, now)
	// A file of the user's keeps its folder; the site's pages in it still go.
	testrepo.WriteFile(t, dir, "site/tag/notes.txt", "mine")
	os.Remove(filepath.Join(pmDir, "2026-11-22-d.md"))
	build(t, dir, now)
	if testrepo.ReadFile(t, dir, "site/tag/notes.txt") != "mine" {
		t.Error("an update lost a file of the user's")
	}
	if _, err := os.Lstat(filepath.Join(dir, "site", "tag", "cache.html")); err == nil {
		t.Error("tag/cache.html is still there")
	}
}

// TestOutLink: --out naming a symbolic link, to a site pm wrote or to nothing, or a file, is refused
// with what it is (exit 2), named as typed, and nothing is written through it.
func TestOutLink(t *testing.T) {
	dir := setup(t)
	if _, errOut, code := run(t, dir, nil, "--out", "public"); code != 0 {
		t.Fatal(errOut)
	}
	before := tree(t, filepath.Join(dir, "public"))
	testrepo.WriteFile(t, dir, "file.txt", "mine")
	for out, want := range map[string]string{"linked": "is a symbolic link", "dangling": "is a symbolic link", "file.txt": "is not a folder"} {
		if out != "file.txt" {
			target := "public"
			if out == "dangling" {
				target = "nowhere"
			}
			if err := os.Symlink(target, filepath.Join(dir, out)); err != nil {
				t.Skipf("symlink: %v", err)
			}
		}
		for _, typed := range []string{out, filepath.Join(dir, out)} {
			_, errOut, code := run(t, dir, nil, "--out", typed)
			if code != 2 || !strings.HasPrefix(errOut, "pm: --out "+typed+": "+want) || strings.Count(errOut, "\n") != 1 {
				t.Errorf("--out %s: exit %d, %q", typed, code, errOut)
			}
		}
	}
	if fi, err := os.Lstat(filepath.Join(dir, "linked")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}
	if _, err := os.Lstat(filepath.Join(dir, "nowhere")); err == nil {
		t.Error("a site was written through the dangling link")
	}
	if testrepo.ReadFile(t, dir, "file.txt") != "mine" {
		t.Error("the file was replaced")
	}
	if after := tree(t, filepath.Join(dir, "public")); len(after) != len(before) {
		t.Error("the site the link leads to changed")
	}
	// A folder given by its absolute path is named so, not relative to the working folder.
	_, errOut, code := run(t, dir, nil, "--out", dir)
	if code != 2 || !strings.Contains(errOut, "--out "+dir+": is the repository root") {
		t.Errorf("--out %s: exit %d, %q", dir, code, errOut)
	}
	_, errOut, _ = run(t, dir, nil, "--out", filepath.Join(dir, "public"))
	if !strings.Contains(errOut, "Wrote "+filepath.Join(dir, "public")+": ") {
		t.Errorf("--out %s: %q", filepath.Join(dir, "public"), errOut)
	}
}

// TestWholeBuildKeepsTheUsersFiles: whatever makes a whole build (another language, another
// .pm.yaml, a cache that is gone or corrupt), the files pm did not write stay in the folder, in it
// and in its own folders, as an update keeps them; the pages of a postmortem gone are removed when
// the manifest says pm wrote them, and kept, as anyone's might be, when nothing says so.
func TestWholeBuildKeepsTheUsersFiles(t *testing.T) {
	mine := map[string]string{"site/CNAME": "example.com\n", "site/extra/x": "x", "site/pm/mine.html": "<p>mine</p>", "site/search/notes.txt": "n"}
	draft := "postmortems/2026-11-02-cache-stampede-draft.md"
	for _, c := range []struct {
		name  string
		whole func(t *testing.T, dir string)
		known bool // whether pm can tell the draft's page is its own
	}{
		{"--lang ja", nil, true},
		{".pm.yaml", func(t *testing.T, dir string) { testrepo.WriteFile(t, dir, ".pm.yaml", "timezone: UTC\n") }, true},
		{"the cache gone", func(t *testing.T, dir string) { os.RemoveAll(filepath.Join(dir, "site", site.CacheDir)) }, false},
		{"a corrupt manifest", func(t *testing.T, dir string) {
			testrepo.WriteFile(t, dir, "site/"+site.CacheDir+"/manifest", "not a manifest")
		}, false},
		{"a build that failed half-way", func(t *testing.T, dir string) {
			// what an update that fails leaves: its manifest moved aside, none in its place
			cache := filepath.Join(dir, "site", site.CacheDir)
			if err := os.Rename(filepath.Join(cache, "manifest"), filepath.Join(cache, "manifest.old")); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"a corrupt pack", func(t *testing.T, dir string) {
			path := filepath.Join(dir, "site", site.CacheDir, "pack")
			data, _ := os.ReadFile(path)
			for i := range data {
				data[i] ^= 0x55
			}
			os.WriteFile(path, data, 0o644)
			// the pack is read for a page made again: every document's
			later := time.Now().Add(time.Hour)
			entries, _ := os.ReadDir(filepath.Join(dir, "postmortems"))
			for _, e := range entries {
				os.Chtimes(filepath.Join(dir, "postmortems", e.Name()), later, later)
			}
		}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := setup(t)
			build(t, dir, now)
			for rel, data := range mine {
				testrepo.WriteFile(t, dir, rel, data)
			}
			before := tree(t, filepath.Join(dir, "site"))
			if c.whole != nil {
				c.whole(t, dir)
			}
			os.Remove(filepath.Join(dir, draft))
			f, _, _ := cmdutil.TestFactory(dir, now, nil)
			if c.whole == nil {
				f.LangFlag = "ja"
			}
			if _, errOut, code := testrepo.Run(f, newCmd); code != 0 {
				t.Fatal(errOut)
			}
			after := tree(t, filepath.Join(dir, "site"))
			if _, err := os.Lstat(filepath.Join(dir, "site", site.CacheDir, "manifest.old")); err == nil {
				t.Error("the manifest moved aside is still there")
			}
			for rel, data := range mine {
				if got, ok := after[strings.TrimPrefix(rel, "site/")]; !ok || got != data {
					t.Errorf("%s: lost or changed (%q)", rel, got)
				}
			}
			if c.whole == nil && !strings.Contains(after["index.html"], `<html lang="ja">`) {
				t.Error("the site was not built again in Japanese")
			}
			_, kept := after["pm/2026-11-02-cache-stampede-draft.html"]
			if c.known && kept {
				t.Error("the page of the deleted postmortem is still there")
			}
			if !c.known && !kept {
				t.Error("with nothing to say it was pm's, a file was removed")
			}
			// every other file of the site is there, written again (the draft's page and its
			// month's are the deleted postmortem's)
			for rel := range before {
				if _, ok := after[rel]; !ok && rel != "pm/2026-11-02-cache-stampede-draft.html" && rel != "archive/2026-11.html" {
					t.Errorf("%s is gone", rel)
				}
			}
			// and the next build, from the new cache, removes nothing of the user's either
			os.Remove(filepath.Join(dir, "postmortems", "2026-09-03-checkout-delay-ja.md"))
			build(t, dir, now)
			after = tree(t, filepath.Join(dir, "site"))
			for rel, data := range mine {
				if after[strings.TrimPrefix(rel, "site/")] != data {
					t.Errorf("the build after: %s lost", rel)
				}
			}
			if _, ok := after["pm/2026-09-03-checkout-delay-ja.html"]; ok {
				t.Error("the build after kept the page of a deleted postmortem")
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), ".site") {
					t.Errorf("left behind: %s", e.Name())
				}
			}
		})
	}
}

// TestWholeBuildDoesNotWriteThroughALink: a symbolic link the user put in the place of one of the
// site's folders is neither written through nor removed by a whole build, which fails saying so.
func TestWholeBuildDoesNotWriteThroughALink(t *testing.T) {
	dir := setup(t)
	build(t, dir, now)
	elsewhere := filepath.Join(dir, "elsewhere")
	os.MkdirAll(elsewhere, 0o755)
	os.RemoveAll(filepath.Join(dir, "site", "assets"))
	if err := os.Symlink(elsewhere, filepath.Join(dir, "site", "assets")); err != nil {
		t.Skipf("symlink: %v", err)
	}
	testrepo.WriteFile(t, dir, ".pm.yaml", "timezone: UTC\n")
	_, errOut, code := run(t, dir, nil)
	if code == 0 || !strings.Contains(errOut, "in the way of the site's folder assets") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	if entries, _ := os.ReadDir(elsewhere); len(entries) != 0 {
		t.Errorf("written through the link: %v", entries)
	}
	if fi, err := os.Lstat(filepath.Join(dir, "site", "assets")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}
}

// The same through the cache (an update in place, the settings unchanged): pm/ linked elsewhere
// fails the build, named, with nothing written through the link, whether a page in it changed or
// not; the next build, the link gone, is whole and right.
func TestUpdateDoesNotWriteThroughALink(t *testing.T) {
	dir := setup(t)
	build(t, dir, now)
	pages := filepath.Join(dir, "site", "pm")
	saved := filepath.Join(dir, "saved")
	if err := os.Rename(pages, saved); err != nil {
		t.Fatal(err)
	}
	elsewhere := filepath.Join(dir, "elsewhere")
	os.MkdirAll(elsewhere, 0o755)
	if err := os.Symlink(elsewhere, pages); err != nil {
		t.Skipf("symlink: %v", err)
	}
	for _, edit := range []bool{false, true} {
		if edit {
			p := filepath.Join(dir, "postmortems", "2026-09-03-checkout-delay-ja.md")
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(p, append(data, "\n追記。\n"...), 0o644)
		}
		_, errOut, code := run(t, dir, nil)
		if code != 2 || !strings.Contains(errOut, "in the way of the site's folder pm") {
			t.Errorf("edited %v: exit %d: %s", edit, code, errOut)
		}
		if entries, _ := os.ReadDir(elsewhere); len(entries) != 0 {
			t.Errorf("edited %v: written through the link: %v", edit, entries)
		}
	}
	os.Remove(pages)
	if err := os.Rename(saved, pages); err != nil {
		t.Fatal(err)
	}
	build(t, dir, now)
	page, err := os.ReadFile(filepath.Join(pages, "2026-09-03-checkout-delay-ja.html"))
	if err != nil || !strings.Contains(string(page), "追記") {
		t.Errorf("the page after the link is gone: %v", err)
	}
}
