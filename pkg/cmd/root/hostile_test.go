package root

import (
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/internal/testenv"
	"github.com/pm-tools/pm/pkg/internal/testrepo"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/cmd/hostile")

const hostileFixtures = "../../../testdata/cmd/hostile"

// hostileChars are the placeholders of testdata/cmd/hostile/hostile.md's body and the characters they
// stand for. The fixture and the golden files hold only the placeholders and pm's escaped forms, so
// that they are safe to read in a terminal; the front matter writes its characters as YAML escapes.
var hostileChars = strings.NewReplacer(
	"{ESC}", "\x1b", "{BEL}", "\a", "{CSI}", "\u009b", "{DEL}", "\x7f",
	"{RLO}", "\u202e", "{LRI}", "\u2066", "{PDI}", "\u2069", "{RLM}", "\u200f", "{ALM}", "\u061c",
)

// The exact hostile strings the machine formats must keep.
const (
	hostileTitle  = "\x1b]0;pwned\a\x1b[2JCheckout latency \u202eliava\u202c after the failover"
	hostileOwner  = "Aiko\rSato\nMallory \u2066\u202eevil\u2069"
	hostileAction = "Rotate the \x1b[31mcredentials\x1b[0m \u202etxt.exe"
	hostileID     = "2026-11-20-checkout"
	hostilePath   = "postmortems/" + hostileID + ".md"
)

// sgr matches the colour sequences pm writes itself (present's scheme), which a terminal may see.
var sgr = regexp.MustCompile(`\x1b\[[0-9]*m`)

// actsOnTerminal returns the first thing in s, once pm's own colours are taken out, that could act on
// a terminal or reorder a line: a control character other than LF, a C1 control, a bidirectional
// formatting character, or bytes that are not UTF-8.
func actsOnTerminal(s string) (string, bool) {
	s = sgr.ReplaceAllString(s, "")
	if !utf8.ValidString(s) {
		return "bytes that are not UTF-8", true
	}
	for _, r := range s {
		switch {
		case r == '\n':
		case r < 0x20, r >= 0x7f && r <= 0x9f,
			r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return fmt.Sprintf("%U", r), true
		}
	}
	return "", false
}

// hostileRepo is a repository whose main (recorded as origin/main) holds the hostile postmortem
// without its action items, and whose work tree has them: pm review then shows them as added.
func hostileRepo(t *testing.T) *testrepo.Repo {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(hostileFixtures, "hostile.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := hostileChars.Replace(string(src))
	r := testrepo.New(t, "Pat Example", "pat@example.com", "commit.gpgsign", "false")
	r.GitEnv = []string{"GIT_AUTHOR_DATE=2026-11-22T09:00:00+09:00", "GIT_COMMITTER_DATE=2026-11-22T09:00:00+09:00"}
	r.Write(".pm.yaml", "timezone: Asia/Tokyo\n")
	start := strings.Index(doc, "| P0 |")
	end := strings.Index(doc, "\n## Messaging")
	r.Write(hostilePath, doc[:start]+doc[end+1:])
	r.Git("add", ".")
	r.Git("commit", "-qm", "base")
	r.Git("update-ref", "refs/remotes/origin/main", "HEAD")
	r.Write(hostilePath, doc)
	return r
}

type hostileRun struct {
	args    []string
	tty     bool
	columns string
	code    int
}

// TestHostileDocumentText runs every command that prints a document's text on a postmortem whose
// title, owner, history, action items and messages hold terminal escapes, controls, line breaks and
// bidirectional overrides: what a human reads shows them escaped (golden files under
// testdata/cmd/hostile), table rows stay one line each, and the machine formats keep the exact text.
func TestHostileDocumentText(t *testing.T) {
	r := hostileRepo(t)
	groups := []struct {
		name string
		runs []hostileRun
	}{
		{"list", []hostileRun{{args: []string{"list"}}, {args: []string{"list"}, tty: true, columns: "100"}}},
		{"status", []hostileRun{{args: []string{"status", hostileID}}, {args: []string{"status", "in-review", hostileID, "--no-commit"}, code: 1}}},
		{"actions", []hostileRun{{args: []string{"actions"}, code: 0}, {args: []string{"actions"}, tty: true, columns: "80"}}},
		{"lint", []hostileRun{{args: []string{"lint"}, code: 1}}},
		{"review", []hostileRun{{args: []string{"review", "--base", "origin/main"}, code: 1}}},
		{"message", []hostileRun{
			{args: []string{"message", "internal", hostileID}, tty: true},
			{args: []string{"message", "external", hostileID}, tty: true},
		}},
		{"meeting", []hostileRun{{args: []string{"meeting", hostileID, "--at", "2026-11-25 10:00", "--ics", "-", "--no-commit"}}}},
	}
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) {
			var b strings.Builder
			for _, c := range g.runs {
				env := map[string]string{"HOME": r.Env["HOME"], "GIT_CONFIG_NOSYSTEM": "1"}
				if c.columns != "" {
					env["COLUMNS"] = c.columns
				}
				f, out, errOut := cmdutil.TestFactory(r.Dir, now, env)
				f.IO.OutTTY = c.tty
				code := Run(f, c.args)
				if code != c.code {
					t.Errorf("pm %q: exit %d, want %d; stderr:\n%s", c.args, code, c.code, errOut)
				}
				stdout := out.String()
				if g.name == "meeting" {
					stdout = "(the invitation, iCalendar)\n" // a machine format, checked below
				}
				for stream, s := range map[string]string{"stdout": stdout, "stderr": errOut.String()} {
					if what, bad := actsOnTerminal(s); bad {
						t.Errorf("pm %q: %s holds %s:\n%s", c.args, stream, what, s)
					}
				}
				fmt.Fprintf(&b, "$ pm %s", strings.Join(c.args, " "))
				if c.tty {
					fmt.Fprintf(&b, "   (on a terminal, COLUMNS=%q)", c.columns)
				}
				fmt.Fprintf(&b, "\nexit %d\n--- stdout\n%s--- stderr\n%s\n", code, stdout, errOut)
			}
			testrepo.Golden(t, filepath.Join(hostileFixtures, g.name+".golden"), []byte(b.String()), *update)
		})
	}
}

// TestHostileTableRows checks that every row of pm list and pm actions is one line: a CR or LF in
// an owner or a cell must not start a new one.
func TestHostileTableRows(t *testing.T) {
	r := hostileRepo(t)
	out, errOut, code := run(t, r.Dir, r.Env, "list")
	if code != 0 || strings.Count(out, "\n") != 2 {
		t.Errorf("pm list: exit %d, want a header and one row:\n%s%s", code, out, errOut)
	}
	out, errOut, code = run(t, r.Dir, r.Env, "actions")
	// header, the postmortem's line, three items
	if code != 0 || strings.Count(out, "\n") != 5 {
		t.Errorf("pm actions: exit %d, want 5 lines:\n%s%s", code, out, errOut)
	}
}

// TestHostileMachineFormats checks that JSON, CSV and a message written to a pipe keep the document's
// exact text: escaping is for terminals, not for programs.
func TestHostileMachineFormats(t *testing.T) {
	r := hostileRepo(t)
	out, _, code := run(t, r.Dir, r.Env, "list", "--format", "json")
	var rows []struct{ Title, Owner string }
	if err := json.Unmarshal([]byte(out), &rows); err != nil || code != 0 || len(rows) != 1 {
		t.Fatalf("pm list --format json: exit %d, %v:\n%s", code, err, out)
	}
	if rows[0].Title != hostileTitle || rows[0].Owner != hostileOwner {
		t.Errorf("pm list --format json: title %q, owner %q", rows[0].Title, rows[0].Owner)
	}
	out, _, _ = run(t, r.Dir, r.Env, "actions", "--format", "csv")
	records, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(records) != 4 || records[2][0] != hostileAction {
		t.Errorf("pm actions --format csv: %v, %q", err, records)
	}
	out, _, _ = run(t, r.Dir, r.Env, "lint", "--format", "json")
	if !strings.Contains(out, `has priority P2\u001b]0;owned\u0007`) {
		t.Errorf("pm lint --format json does not keep the priority's text:\n%s", out)
	}
	out, _, _ = run(t, r.Dir, r.Env, "message", "external", hostileID)
	if !strings.Contains(out, "slow\x1b]0;pwned\a or timed out") || !strings.Contains(out, "\u2066We have changed") {
		t.Errorf("pm message external into a pipe is not the exact text:\n%q", out)
	}
}

// TestHostileFileName checks that a postmortem whose file name holds an escape is listed with the
// escape shown, like its title.
func TestHostileFileName(t *testing.T) {
	if runtime.GOOS == "windows" {
		testenv.Unsupported(t, "Windows file names cannot hold control characters")
	}
	dir := examples(t)
	src, err := os.ReadFile(filepath.Join(dir, "postmortems", "2026-11-02-cache-stampede-draft.md"))
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, "postmortems", "2026-10-15-\x1b[2J\u202e.md")
	if err := os.WriteFile(name, src, 0o644); err != nil {
		testenv.Skipf(t, "this file system refuses the name: %v", err)
	}
	for _, args := range [][]string{{"list"}, {"actions"}, {"lint"}, {"status", "2026-1"}} {
		out, errOut, _ := run(t, dir, nil, args...)
		for stream, s := range map[string]string{"stdout": out, "stderr": errOut} {
			if what, bad := actsOnTerminal(s); bad {
				t.Errorf("pm %q: %s holds %s:\n%s", args, stream, what, s)
			}
		}
		if !strings.Contains(out+errOut, `2026-10-15-\x1b[2J\u202e`) {
			t.Errorf("pm %q does not show the file name escaped:\n%s%s", args, out, errOut)
		}
	}
}
