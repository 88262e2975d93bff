package lint

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/cmdutil"
)

// runLang is run with the global --lang set.
func runLang(t *testing.T, dir, lang string, o Options) (string, string, int) {
	t.Helper()
	f, out, errOut := cmdutil.TestFactory(dir, now, nil)
	f.LangFlag = lang
	o.F = f
	if o.Format == "" {
		o.Format = "text"
	}
	err := lintRun(&o)
	if err != nil {
		if ee, ok := err.(*cmdutil.ExitError); !ok || ee.Err != nil {
			errOut.WriteString(err.Error())
		}
	}
	return out.String(), errOut.String(), cmdutil.ExitCode(err)
}

func TestFixWritesTheSafeFixesAndReportsWhatRemains(t *testing.T) {
	dir := setup(t)
	bad := filepath.Join(dir, "postmortems", "bad.md")
	if err := os.Chmod(bad, 0o640); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(bad)
	out, errOut, code := run(t, dir, Options{Fix: true})
	if code != 1 {
		t.Fatalf("exit %d, want 1 (the banned word stays); stderr:\n%s", code, errOut)
	}
	after, _ := os.ReadFile(bad)
	if !strings.Contains(string(after), "\n## Timeline\n\n<!--\nOne row per event") || len(after) <= len(before) {
		t.Errorf("the Timeline section was not inserted:\n%s", after)
	}
	if fi, _ := os.Stat(bad); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640", fi.Mode().Perm())
	}
	if !strings.Contains(errOut, "postmortems/bad.md:") || !strings.Contains(errOut, `: fixed required-section: Insert the section "Timeline"`) {
		t.Errorf("stderr does not name the fix:\n%s", errOut)
	}
	if strings.Contains(out, "required-section") || !strings.Contains(out, `"outage" in the customer message`) {
		t.Errorf("findings after the fix:\n%s", out)
	}
	// what is reported is what plain lint now reports
	plain, _, plainCode := run(t, dir, Options{})
	if plain != out || plainCode != code {
		t.Errorf("lint after --fix reports\n%s(exit %d), --fix reported\n%s(exit %d)", plain, plainCode, out, code)
	}
	// nothing more to fix: the files stay as they are, and nothing is printed about fixes
	_, errOut, _ = run(t, dir, Options{Fix: true})
	if again, _ := os.ReadFile(bad); string(again) != string(after) || strings.Contains(errOut, "fixed") {
		t.Errorf("a second --fix changed the file or fixed something:\n%s", errOut)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "postmortems"))
	if len(entries) != 2 {
		t.Errorf("files left in the folder: %v", entries)
	}
}

func TestFixDryRunPrintsADiffAndWritesNothing(t *testing.T) {
	dir := setup(t)
	bad := filepath.Join(dir, "postmortems", "bad.md")
	before, _ := os.ReadFile(bad)
	out, errOut, code := run(t, dir, Options{Fix: true, DryRun: true, Paths: []string{"postmortems/bad.md"}})
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, errOut)
	}
	if after, _ := os.ReadFile(bad); string(after) != string(before) {
		t.Errorf("--dry-run wrote the file")
	}
	if !strings.HasPrefix(out, "--- a/postmortems/bad.md\n+++ b/postmortems/bad.md\n@@ -") ||
		!strings.Contains(out, "\n+## Timeline\n") || strings.Contains(out, "[banned-word]") {
		t.Errorf("stdout is not the diff alone:\n%s", out)
	}
	if !strings.Contains(errOut, "fixed required-section") {
		t.Errorf("stderr:\n%s", errOut)
	}
	// what would remain is named on stderr, not only counted
	if !strings.Contains(errOut, "[banned-word]") || !strings.Contains(errOut, "1 file linted: ") {
		t.Errorf("the remaining findings are not on stderr:\n%s", errOut)
	}
}

// fullDisk is standard output on a full disk: every write fails.
type fullDisk struct{}

func (fullDisk) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// A diff --dry-run cannot write to stdout is the command's one error, as for any command whose output
// is lost: the files are not unreadable, nor is anything else said.
func TestFixDryRunOnAFullDisk(t *testing.T) {
	dir := setup(t)
	f, _, errOut := cmdutil.TestFactory(dir, now, nil)
	f.IO.Out = &cmdutil.CheckedWriter{W: fullDisk{}}
	err := lintRun(&Options{F: f, Format: "text", Fix: true, DryRun: true})
	if code := cmdutil.ExitCode(err); code != 2 || err == nil || err.Error() != "write standard output: no space left on device" {
		t.Errorf("exit %d, error %v", code, err)
	}
	if errOut.String() != "" {
		t.Errorf("stderr:\n%s", errOut)
	}
}

func TestFixRefusals(t *testing.T) {
	dir := setup(t)
	for _, tc := range []struct {
		name string
		o    Options
		want string
	}{
		{"staged", Options{Fix: true, Staged: true}, "--fix cannot fix the staged content"},
		{"stdin", Options{Fix: true, Paths: []string{"-"}}, "cannot fix standard input"},
		{"dry-run alone", Options{DryRun: true}, "--dry-run goes with --fix"},
		// stdout holds the diff: a script asking for a machine format would read a diff
		{"dry-run json", Options{Fix: true, DryRun: true, Format: "json"}, "--fix --dry-run writes a diff on stdout, not --format json"},
		{"dry-run sarif", Options{Fix: true, DryRun: true, Format: "SARIF"}, "not --format sarif"},
		{"dry-run github", Options{Fix: true, DryRun: true, Format: "github"}, "not --format github"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := run(t, dir, tc.o)
			if code != 2 || out != "" || !strings.Contains(errOut, tc.want) || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
				t.Errorf("exit %d, stdout %q, stderr %q; want 2 and one line with %q", code, out, errOut, tc.want)
			}
		})
	}
}

// TestFixLeavesAReadOnlyFileAlone: a read-only file is not written, the error says so (exit 2), and
// the file, as it is, is reported as pm lint reports it: a CI job reading the findings sees them.
func TestFixLeavesAReadOnlyFileAlone(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Log("running as root: the read-only mode is checked by pm, not by the system")
	}
	dir := setup(t)
	bad := filepath.Join(dir, "postmortems", "bad.md")
	before, _ := os.ReadFile(bad)
	if err := os.Chmod(bad, 0o444); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := run(t, dir, Options{Fix: true})
	if code != 2 {
		t.Fatalf("exit %d, want 2; stderr:\n%s", code, errOut)
	}
	if after, _ := os.ReadFile(bad); string(after) != string(before) {
		t.Errorf("the read-only file was written")
	}
	if !strings.Contains(errOut, "bad.md: the file is read-only") || strings.Contains(errOut, ": fixed ") ||
		!strings.Contains(errOut, ", 1 file fixed but not written\n") || strings.Contains(errOut, "unreadable") {
		t.Errorf("stderr:\n%s", errOut)
	}
	// the file is as it was, and so are its findings: reported as pm lint reports them
	plain, _, _ := run(t, dir, Options{})
	if out != plain || !strings.Contains(out, "bad.md") {
		t.Errorf("findings with --fix:\n%s\nwithout:\n%s", out, plain)
	}
	jsonOut, _, code := run(t, dir, Options{Fix: true, Format: "json"})
	if code != 2 || !strings.Contains(jsonOut, `"path": "postmortems/bad.md"`) {
		t.Errorf("--format json, exit %d:\n%s", code, jsonOut)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "postmortems"))
	if len(entries) != 2 {
		t.Errorf("files left in the folder: %v", entries)
	}
}

func TestFixInJapanese(t *testing.T) {
	dir := setup(t)
	_, errOut, code := runLang(t, dir, "ja", Options{Fix: true})
	if code != 1 || !strings.Contains(errOut, `: required-section を修正: セクション「Timeline」を挿入`) {
		t.Errorf("exit %d, stderr:\n%s", code, errOut)
	}
}

func TestFixRefusesALinkToOutside(t *testing.T) {
	dir := setup(t)
	outside := filepath.Join(t.TempDir(), "elsewhere.md")
	src, _ := os.ReadFile(filepath.Join(dir, "postmortems", "bad.md"))
	os.WriteFile(outside, src, 0o644)
	link := filepath.Join(dir, "postmortems", "link.md")
	if err := os.Symlink(outside, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	_, errOut, code := run(t, dir, Options{Fix: true, Paths: []string{"postmortems/link.md"}})
	if code != 2 || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
		t.Errorf("exit %d, stderr %q; want 2 and one line", code, errOut)
	}
	if after, _ := os.ReadFile(outside); string(after) != string(src) {
		t.Errorf("the file outside was written")
	}
}

func TestFixKeepsMachineOutputClean(t *testing.T) {
	dir := setup(t)
	broken := filepath.Join(dir, "postmortems", "broken.md")
	os.WriteFile(broken, []byte("---\ntitle: [\n---\n## Overview\n"), 0o644)
	out, errOut, code := run(t, dir, Options{Fix: true, Format: "json"})
	if code != 1 || !strings.HasPrefix(out, "[") || strings.Contains(out, "fixed") {
		t.Fatalf("exit %d, stdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "fixed required-section") || strings.Contains(errOut, "broken.md:") {
		t.Errorf("stderr:\n%s", errOut)
	}
	if b, _ := os.ReadFile(broken); string(b) != "---\ntitle: [\n---\n## Overview\n" {
		t.Errorf("a file whose front matter does not parse was changed:\n%s", b)
	}
	if !strings.Contains(out, `"path": "postmortems/broken.md"`) {
		t.Errorf("the broken file is not reported:\n%s", out)
	}
}

// TestFixLeavesTheIndexAndHistoryAlone: in a repository, --fix changes the work tree only: no commit,
// nothing staged, what was staged stays staged as it was.
func TestFixLeavesTheIndexAndHistoryAlone(t *testing.T) {
	r := gitRepo(t)
	a := filepath.Join(r.Dir, "postmortems", "a.md")
	noTimeline := strings.Replace(string(readFixture(t, "clean.md")), "## Timeline", "## Chronology", 1)
	os.WriteFile(a, []byte(noTimeline), 0o644)
	r.Git("add", "postmortems/a.md")
	head, staged := r.Git("rev-parse", "HEAD"), r.Git("diff", "--cached")
	_, errOut, code := run(t, r.Dir, Options{Fix: true})
	// exit 1: the inserted Timeline is empty, an error in a Reviewed postmortem
	if code != 1 || !strings.Contains(errOut, "postmortems/a.md:") {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	if got := r.Git("rev-parse", "HEAD"); got != head {
		t.Errorf("HEAD moved: %s, was %s", got, head)
	}
	if got := r.Git("diff", "--cached"); got != staged {
		t.Errorf("the index changed:\n%s", got)
	}
	if got := r.Git("diff", "--name-only"); strings.TrimSpace(got) != "postmortems/a.md" {
		t.Errorf("work tree changes: %q", got)
	}
}

// TestFixManyFilesInOrder: files fixed on several cores are reported in the order lint lists them.
func TestFixManyFilesInOrder(t *testing.T) {
	dir := setup(t)
	bad, _ := os.ReadFile(filepath.Join(dir, "postmortems", "bad.md"))
	names := []string{"a.md", "c.md", "e.md", "g.md", "i.md"}
	for _, n := range names {
		os.WriteFile(filepath.Join(dir, "postmortems", n), bad, 0o644)
	}
	_, errOut, code := run(t, dir, Options{Fix: true})
	if code != 1 {
		t.Fatalf("exit %d; stderr:\n%s", code, errOut)
	}
	var order []string
	for _, l := range strings.Split(errOut, "\n") {
		if i := strings.Index(l, ".md:"); i > 0 && strings.Contains(l, "fixed") {
			order = append(order, filepath.Base(l[:i+3]))
		}
	}
	want := []string{"a.md", "bad.md", "c.md", "e.md", "g.md", "i.md"}
	if strings.Join(order, " ") != strings.Join(want, " ") {
		t.Errorf("fixes reported for %v, want %v", order, want)
	}
	for _, n := range want {
		if b, _ := os.ReadFile(filepath.Join(dir, "postmortems", n)); !strings.Contains(string(b), "\n## Timeline\n") {
			t.Errorf("%s not fixed", n)
		}
	}
}

// TestFixLeavesAFileOutsideTheRepositoryAlone: a file named outside the repository is linted but
// not written, with an error that says where it is (as git refuses a path outside its repository).
func TestFixLeavesAFileOutsideTheRepositoryAlone(t *testing.T) {
	dir := setup(t)
	before, err := os.ReadFile(filepath.Join(dir, "postmortems", "bad.md"))
	if err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "outside.md")
	if err := os.WriteFile(outside, before, 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := run(t, dir, Options{Fix: true, Paths: []string{outside}})
	if code != 2 || !strings.Contains(errOut, "outside.md is outside the repository (") || strings.Contains(errOut, "links") {
		t.Errorf("exit %d, stderr:\n%s", code, errOut)
	}
	if after, _ := os.ReadFile(outside); string(after) != string(before) {
		t.Error("the file outside the repository was written")
	}
}

// TestFixDryRunOnATerminal: the diff goes exact into a pipe (for git apply) and sanitised to a
// terminal, where a document's escape sequences must not reach the screen.
func TestFixDryRunOnATerminal(t *testing.T) {
	dir := setup(t)
	clean := filepath.Join(dir, "postmortems", "clean.md")
	src, _ := os.ReadFile(clean)
	// the Scribe line gone (the fix puts it back, below this line) and an escape in the line above
	hostile := strings.Replace(string(src), "- Incident Commander: Daniel Okafor\n- Scribe: Hannah Lee\n",
		"- Incident Commander: Daniel Okafor \x1b]0;pwned\a\n", 1)
	if hostile == string(src) {
		t.Fatal("the fixture's responders changed")
	}
	os.WriteFile(clean, []byte(hostile), 0o644)
	for _, tty := range []bool{false, true} {
		f, out, _ := cmdutil.TestFactory(dir, now, nil)
		f.IO.OutTTY = tty
		o := Options{F: f, Format: "text", Fix: true, DryRun: true, Paths: []string{"postmortems/clean.md"}}
		lintRun(&o)
		if !strings.HasPrefix(out.String(), "--- a/postmortems/clean.md\n") || !strings.Contains(out.String(), "\n+- Scribe: ") {
			t.Fatalf("tty %v: not the scribe's diff:\n%s", tty, out.String())
		}
		if has := strings.Contains(out.String(), "\x1b"); has == tty {
			t.Errorf("tty %v: escape in the diff %v:\n%q", tty, has, out.String())
		}
	}
}

// A file in another encoding is reported as not UTF-8 and left as it is: a fix would write UTF-8
// text into it.
func TestFixLeavesAFileNotInUTF8Alone(t *testing.T) {
	dir := setup(t)
	bad := filepath.Join(dir, "postmortems", "bad.md")
	before, _ := os.ReadFile(bad)
	sjis := append(append([]byte{}, before...), "\n\x8c\x88\x8d\xcf\n"...) // 決済 in Shift_JIS
	if err := os.WriteFile(bad, sjis, 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := run(t, dir, Options{Fix: true})
	if code != 1 || !strings.Contains(out, "not UTF-8 (byte 0x8C here)") || strings.Contains(errOut, "fixed") {
		t.Errorf("exit %d\n%s\n%s", code, out, errOut)
	}
	if after, _ := os.ReadFile(bad); string(after) != string(sjis) {
		t.Errorf("the file was changed:\n%s", after)
	}
}

// A blank table row ("|  |  |  |", left to fill in) is no row: pm lint reports nothing of it, in
// the Timeline or the Action Items, and --fix keeps it where it is while it adds the Type column
// the table lacks (the blank row gets its cell too).
func TestFixKeepsBlankRows(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "postmortems"), 0o755)
	doc := string(readFixture(t, "clean.md"))
	for _, r := range [][2]string{
		{"| 2026-10-14 14:21 UTC |", "|  |  |  |\n| 2026-10-14 14:21 UTC |"},
		{"| Priority | Action | Type | Owner | Due | Ticket |\n| --- | --- | --- | --- | --- | --- |\n", "| Priority | Action | Owner | Due | Ticket |\n| --- | --- | --- | --- | --- |\n|  |  |  |  |  |\n"},
		{"| prevent | Ana Souza | 2026-10-23 |", "| Ana Souza | 2026-10-23 |"},
		{"| prevent | Ana Souza | 2026-10-21 |", "| Ana Souza | 2026-10-21 |"},
		{"| process | Hannah Lee |", "| Hannah Lee |"},
		{"| process | Priya Raman |", "| Priya Raman |"},
	} {
		if !strings.Contains(doc, r[0]) {
			t.Fatalf("%q is not in clean.md", r[0])
		}
		doc = strings.Replace(doc, r[0], r[1], 1)
	}
	path := filepath.Join(dir, "postmortems", "x.md")
	os.WriteFile(path, []byte(doc), 0o644)
	out, errOut, code := run(t, dir, Options{Fix: true})
	if !strings.Contains(errOut, "fixed action-item") {
		t.Errorf("the Type column was not added; stderr:\n%s", errOut)
	}
	after, _ := os.ReadFile(path)
	if !strings.Contains(string(after), "|  |  |  |\n| 2026-10-14 14:21 UTC |") || !strings.Contains(string(after), "| --- | --- | --- | --- | --- | --- |\n|  |  |  |  |  | |\n| P0 |") {
		t.Errorf("a blank row was not kept as it was:\n%s", after)
	}
	// what remains is each item's empty Type, and nothing of the blank rows
	if strings.Contains(out, "timeline") || strings.Count(out, "[action-item]") != 4 {
		t.Errorf("exit %d, findings after --fix:\n%s", code, out)
	}
}

// TestFixOutsideTheRepositoryInJapanese: the refusal to write a file named outside the repository
// names it and says where it is in Japanese too, not the English words nor those of a symbolic link
// leading out.
func TestFixOutsideTheRepositoryInJapanese(t *testing.T) {
	dir := setup(t)
	before, err := os.ReadFile(filepath.Join(dir, "postmortems", "bad.md"))
	if err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "outside.md")
	if err := os.WriteFile(outside, before, 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := runLang(t, dir, "ja", Options{Fix: true, Paths: []string{outside}})
	if code != 2 || !strings.Contains(errOut, "outside.md はリポジトリ (") || !strings.Contains(errOut, "の外にあります: pm はリポジトリの中にだけ書き込みます") ||
		strings.Contains(errOut, "outside the repository") || strings.Contains(errOut, "シンボリックリンク") {
		t.Errorf("exit %d, stderr:\n%s", code, errOut)
	}
}
