package root

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/internal/testrepo"
)

// quietRepo is a repository whose one commit holds .pm.yaml and the examples; with bare, an empty
// one.
func quietRepo(t *testing.T, bare bool) *testrepo.Repo {
	t.Helper()
	r := testrepo.New(t, "Aiko Sato", "aiko@example.com", "commit.gpgsign", "false")
	if bare {
		return r
	}
	// With repo_url, an invitation's UID is the same in every repository.
	r.Write(".pm.yaml", "timezone: UTC\nrepo_url: https://git.example.com/sre/postmortems/blob/main\n")
	paths := []string{".pm.yaml"}
	files, err := filepath.Glob(filepath.Join("..", "..", "..", "testdata", "examples", "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rel := "postmortems/" + filepath.Base(f)
		r.Write(rel, string(data))
		paths = append(paths, rel)
	}
	r.Commit("base", now.Add(-time.Hour), paths...)
	return r
}

// runIn runs pm in r with r's private environment.
func runIn(t *testing.T, r *testrepo.Repo, args ...string) (string, string, int) {
	t.Helper()
	env := map[string]string{}
	for k, v := range r.Env {
		env[k] = v
	}
	f, out, errOut := cmdutil.TestFactory(r.Dir, now, env)
	code := Run(f, args)
	return out.String(), errOut.String(), code
}

// TestQuietEveryCommand runs each command with and without -q, each time in a new repository: with
// -q stdout holds only the result and stderr only the warnings that still apply; without it the
// confirmations and hints -q drops are there.
func TestQuietEveryCommand(t *testing.T) {
	const newPath = "postmortems/2026-11-24-checkout-latency.md"
	newCheckout := []string{"new", "--sev", "1", "--title", "Checkout latency", "--owner", "Aiko Sato <aiko@example.com>"}
	cases := []struct {
		name string
		bare bool       // start from an empty repository
		prep [][]string // pm commands run first, without -q
		args []string
		code int
		// out is stdout under -q; same says it is the same as without -q (and not empty).
		out  string
		same bool
		// shown is on stdout without -q when -q prints nothing there.
		shown string
		drop  []string // on stderr without -q, gone with it
		keep  []string // on stderr with -q too; with none, -q leaves stderr empty
	}{
		{name: "init", bare: true, args: []string{"init"},
			drop: []string{"Created .pm.yaml", "Committed ", "Next: pm new"}},
		{name: "new", args: newCheckout, out: newPath + "\n",
			drop: []string{"SEV-1, owner Aiko Sato", "Committed "}},
		{name: "new without slug", args: []string{"new", "--sev", "2", "--title", "決済の遅延", "--owner", "Aiko"},
			out: "postmortems/2026-11-24-incident.md\n", drop: []string{"note: the title has no ASCII"}},
		{name: "status show", args: []string{"status", payment}, same: true},
		{name: "status move", prep: [][]string{newCheckout}, args: []string{"status", "in-review", "checkout-latency", "--force"},
			shown: "2026-11-24-checkout-latency: Draft → In Review\n", drop: []string{"Next: schedule the meeting", "Committed "},
			keep: []string{"Forced past: pm lint finds"}},
		{name: "meeting", prep: [][]string{newCheckout}, args: []string{"meeting", "checkout-latency", "--at", "2026-11-25 10:00"},
			same: true, drop: []string{"meeting Wed 2026-11-25 10:00 UTC–10:30.", "Within the SEV-1 deadline", "Invitation for 1 attendee", "Committed "}},
		{name: "meeting refresh", prep: [][]string{newCheckout, {"meeting", "checkout-latency", "--at", "2026-11-25 10:00"}},
			args: []string{"meeting", "checkout-latency", "--refresh"},
			same: true, drop: []string{"invitation refreshed for the meeting Wed 2026-11-25 10:00 UTC–10:30", "Invitation for 1 attendee"}},
		{name: "meeting without addresses", prep: [][]string{{"new", "--sev", "1", "--title", "Checkout latency", "--owner", "Ken"}},
			args: []string{"meeting", "checkout-latency", "--at", "2026-11-25 10:00", "--ics", "-", "--no-commit"},
			same: true, drop: []string{"meeting Wed 2026-11-25 10:00 UTC–10:30."}, keep: []string{"No email address for Ken", "the organizer is you"}},
		{name: "list", args: []string{"list"}, same: true},
		{name: "list none", args: []string{"list", "--sev", "5"}, out: "", drop: []string{"No postmortems match."}},
		{name: "actions", args: []string{"actions"}, same: true},
		{name: "lint", args: []string{"lint"}, code: 1, same: true, drop: []string{"3 files linted: 2 errors, 1 warning"}},
		{name: "review", args: []string{"review", "--base", "main"}, same: true, drop: []string{"0 postmortems reviewed against main"}},
		{name: "message internal", args: []string{"message", "internal", payment, "--format", "eml"}, same: true,
			keep: []string{"Note: no mail.from", "Note: no mail.to"}},
		{name: "message to a file", args: []string{"message", "internal", "checkout-delay", "--output", "mail.txt"},
			drop: []string{"Wrote mail.txt"}, keep: []string{"2026-09-03-checkout-delay-ja is In Review"}},
		{name: "hook", args: []string{"hook", "install"}, drop: []string{"Installed the pre-commit hook"}},
		{name: "version", args: []string{"version"}, same: true},
		{name: "docs", args: []string{"docs", "markdown", "pages"}, drop: []string{"Wrote the Markdown pages into pages"}},
		{name: "completion", args: []string{"completion", "bash"}, same: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var outs, errs [2]string
			for i, quiet := range []bool{false, true} {
				r := quietRepo(t, c.bare)
				for _, p := range c.prep {
					if _, errOut, code := runIn(t, r, p...); code != 0 {
						t.Fatalf("pm %q: exit %d, %s", p, code, errOut)
					}
				}
				args := c.args
				if quiet {
					args = append([]string{"-q"}, args...)
				}
				var code int
				outs[i], errs[i], code = runIn(t, r, args...)
				if code != c.code {
					t.Fatalf("pm %q: exit %d, want %d; stderr:\n%s", args, code, c.code, errs[i])
				}
			}
			loud, quiet := outs[0], outs[1]
			switch {
			case c.same && (quiet != loud || quiet == ""):
				t.Errorf("stdout with -q:\n%s\nwithout:\n%s", quiet, loud)
			case !c.same && quiet != c.out:
				t.Errorf("stdout with -q: %q, want %q", quiet, c.out)
			}
			if !strings.Contains(loud, c.shown) {
				t.Errorf("stdout without -q lacks %q:\n%s", c.shown, loud)
			}
			for _, s := range c.drop {
				if !strings.Contains(errs[0], s) {
					t.Errorf("stderr without -q lacks %q:\n%s", s, errs[0])
				}
				if strings.Contains(errs[1], s) {
					t.Errorf("stderr with -q holds %q:\n%s", s, errs[1])
				}
			}
			var kept []string
			for _, s := range c.keep {
				if !strings.Contains(errs[1], s) {
					t.Errorf("stderr with -q lacks %q:\n%s", s, errs[1])
				}
				kept = append(kept, s)
			}
			if len(kept) == 0 && errs[1] != "" {
				t.Errorf("stderr with -q: %q, want nothing", errs[1])
			}
		})
	}
}
