package site

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/internal/testrepo"
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

func TestServe(t *testing.T) {
	dir := setup(t)
	f, _, _ := cmdutil.TestFactory(dir, now, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	urls := make(chan string, 1)
	builds := make(chan error, 10)
	o := &Options{F: f, Serve: true, Addr: "127.0.0.1:0", ctx: ctx, poll: 10 * time.Millisecond,
		started: func(u string) { urls <- u }, built: func(err error) { builds <- err }}
	ran := make(chan error, 1)
	go func() { ran <- siteRun(o) }()
	var base string
	select {
	case base = <-urls:
	case err := <-ran:
		t.Fatalf("serve ended: %v", err)
	}
	get := func(path string) string {
		t.Helper()
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	if page := get("index.html"); !strings.Contains(page, "Payment API timeouts during the midday peak") {
		t.Fatalf("served index: %.200s", page)
	}
	path := filepath.Join(dir, "postmortems", "2026-10-14-payment-api-timeouts.md")
	src, _ := os.ReadFile(path)
	os.WriteFile(path, []byte(strings.Replace(string(src), "title: Payment API timeouts during the midday peak", "title: Payment API timeouts, revised", 1)), 0o644)
	// A later modification time, whatever the file system's clock resolution.
	later := time.Now().Add(time.Hour)
	os.Chtimes(path, later, later)
	if err := <-builds; err != nil {
		t.Fatal(err)
	}
	if page := get("index.html"); !strings.Contains(page, "Payment API timeouts, revised") {
		t.Error("the site was not rebuilt after a change")
	}
	cancel()
	if err := <-ran; err != nil {
		t.Fatal(err)
	}
}

// TestCache checks that a rebuild takes an unchanged document's page from the cache under the output
// folder, renders a changed one again, and drops the entries of documents that changed.
func TestCache(t *testing.T) {
	dir := setup(t)
	if _, errOut, code := run(t, dir, nil); code != 0 {
		t.Fatal(errOut)
	}
	cacheDir := filepath.Join(dir, "site", ".pm-cache")
	bodies, _ := filepath.Glob(filepath.Join(cacheDir, "*.html"))
	entries, _ := filepath.Glob(filepath.Join(cacheDir, "*.gob"))
	if len(bodies) != 3 || len(entries) != 3 {
		t.Fatalf("cache: %d bodies, %d entries", len(bodies), len(entries))
	}
	// Mark every cached body: a page rebuilt from the cache shows the mark.
	for _, b := range bodies {
		os.WriteFile(b, []byte("<p>from the cache</p>"), 0o644)
	}
	if _, errOut, code := run(t, dir, nil); code != 0 {
		t.Fatal(errOut)
	}
	page := func(name string) string { return testrepo.ReadFile(t, dir, "site/pm/"+name+".html") }
	if !strings.Contains(page("2026-10-14-payment-api-timeouts"), "<p>from the cache</p>") {
		t.Fatal("an unchanged document was rendered again")
	}
	path := filepath.Join(dir, "postmortems", "2026-10-14-payment-api-timeouts.md")
	src, _ := os.ReadFile(path)
	os.WriteFile(path, append(src, "\nA line added.\n"...), 0o644)
	if _, errOut, code := run(t, dir, nil); code != 0 {
		t.Fatal(errOut)
	}
	if p := page("2026-10-14-payment-api-timeouts"); strings.Contains(p, "from the cache") || !strings.Contains(p, "A line added.") {
		t.Error("a changed document was not rendered again")
	}
	if !strings.Contains(page("2026-09-03-checkout-delay-ja"), "from the cache") {
		t.Error("an unchanged document was rendered again after another changed")
	}
	bodies, _ = filepath.Glob(filepath.Join(cacheDir, "*.html"))
	if len(bodies) != 3 {
		t.Errorf("%d cached bodies after a change, want 3", len(bodies))
	}
	// Another day (deadlines may have passed) is another cache.
	f, _, _ := cmdutil.TestFactory(dir, now.AddDate(0, 0, 1), nil)
	if _, errOut, code := testrepo.Run(f, newCmd); code != 0 {
		t.Fatal(errOut)
	}
	if strings.Contains(page("2026-09-03-checkout-delay-ja"), "from the cache") {
		t.Error("the next day's build used the previous day's cache")
	}
}
