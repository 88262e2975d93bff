package lint

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/lint"
)

var now = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "cmd", "lint", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// setup makes a folder with postmortems/clean.md and postmortems/bad.md (clean with "outage" in the
// customer message and no Timeline).
func setup(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	pm := filepath.Join(dir, "postmortems")
	os.MkdirAll(pm, 0o755)
	clean := readFixture(t, "clean.md")
	os.WriteFile(filepath.Join(pm, "clean.md"), clean, 0o644)
	bad := strings.Replace(string(clean), "## Timeline", "## Chronology", 1)
	bad = strings.Replace(bad, "### External Message\n\n", "### External Message\n\nWe are sorry for the outage.\n\n", 1)
	os.WriteFile(filepath.Join(pm, "bad.md"), []byte(bad), 0o644)
	return dir
}

func run(t testing.TB, dir string, o Options) (string, string, int) {
	if t != nil {
		t.Helper()
	}
	f, out, errOut := cmdutil.TestFactory(dir, now, nil)
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

func TestLintFolderText(t *testing.T) {
	dir := setup(t)
	out, errOut, code := run(t, dir, Options{})
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 findings, got:\n%s", out)
	}
	if !strings.HasPrefix(lines[0], "postmortems/bad.md:") || !strings.HasSuffix(lines[0], "[required-section]") ||
		!strings.Contains(lines[1], ": error: \"outage\" in the customer message") {
		t.Errorf("output:\n%s", out)
	}
	if !strings.Contains(errOut, "2 files linted: 2 errors, 0 warnings") {
		t.Errorf("summary: %q", errOut)
	}
}

func TestLintCleanFileExitsZero(t *testing.T) {
	dir := setup(t)
	out, errOut, code := run(t, dir, Options{Paths: []string{"postmortems/clean.md"}, Format: "json"})
	if code != 0 || strings.TrimSpace(out) != "[]" {
		t.Fatalf("exit %d, out %q, err %q", code, out, errOut)
	}
}

func TestLintJSON(t *testing.T) {
	dir := setup(t)
	out, _, code := run(t, dir, Options{Paths: []string{"postmortems"}, Format: "json"})
	var fs []lint.Finding
	if err := json.Unmarshal([]byte(out), &fs); err != nil || code != 1 {
		t.Fatalf("exit %d, %v:\n%s", code, err, out)
	}
	if len(fs) != 2 || fs[1].Rule != "banned-word" || fs[1].Path != "postmortems/bad.md" || fs[1].Column != 22 || fs[1].EndColumn != 28 {
		t.Errorf("findings: %+v", fs)
	}
}

func TestLintMachineFormatsUseRootRelativePaths(t *testing.T) {
	dir := setup(t)
	os.Mkdir(filepath.Join(dir, ".git"), 0o755) // a repository root for FindRoot
	sub := filepath.Join(dir, "postmortems")
	f, out, _ := cmdutil.TestFactory(sub, now, nil)
	err := lintRun(&Options{F: f, Paths: []string{"bad.md"}, Format: "github"})
	if cmdutil.ExitCode(err) != 1 || !strings.Contains(out.String(), "::error file=postmortems/bad.md,line=") {
		t.Errorf("github output: %s", out)
	}
	f, out, _ = cmdutil.TestFactory(sub, now, nil)
	lintRun(&Options{F: f, Paths: []string{"bad.md"}, Format: "json"})
	var found []struct{ Path string }
	if err := json.Unmarshal(out.Bytes(), &found); err != nil || len(found) == 0 || found[0].Path != "postmortems/bad.md" {
		t.Errorf("json output: %v %s", err, out)
	}
	// The text format keeps the path as typed, where the user is.
	f, out, _ = cmdutil.TestFactory(sub, now, nil)
	lintRun(&Options{F: f, Paths: []string{"bad.md"}, Format: "text"})
	if !strings.HasPrefix(out.String(), "bad.md:") {
		t.Errorf("text output: %s", out)
	}
	f, out, _ = cmdutil.TestFactory(sub, now, nil)
	lintRun(&Options{F: f, Paths: []string{"bad.md"}, Format: "sarif"})
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID   string
						Help struct{ Text string }
					}
				}
			}
			Results []struct {
				RuleID    string
				Level     string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, StartColumn int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(out.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Tool.Driver.Rules) != len(lint.Rules) || run.Tool.Driver.Rules[0].Help.Text == "" {
		t.Errorf("rule descriptors: %+v", run.Tool.Driver.Rules)
	}
	if len(run.Results) != 2 || run.Results[1].RuleID != "banned-word" || run.Results[1].Level != "error" ||
		run.Results[1].Locations[0].PhysicalLocation.ArtifactLocation.URI != "postmortems/bad.md" ||
		run.Results[1].Locations[0].PhysicalLocation.Region.StartColumn != 22 {
		t.Errorf("results: %+v", run.Results)
	}
}

// The machine formats are ordered by the paths they write, relative to the repository root, so that
// they are the same bytes from whatever folder pm runs in: from postmortems/, "../z.md" is shown
// before "bad.md", but it is z.md, after postmortems/bad.md.
func TestLintMachineFormatsOrderedByRootPath(t *testing.T) {
	dir := setup(t)
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	bad, _ := os.ReadFile(filepath.Join(dir, "postmortems", "bad.md"))
	os.WriteFile(filepath.Join(dir, "z.md"), bad, 0o644)
	sub := filepath.Join(dir, "postmortems")
	for _, name := range []string{"json", "github", "sarif"} {
		for _, paths := range [][]string{{"../z.md", "bad.md"}, {"bad.md", "../z.md"}} {
			f, out, _ := cmdutil.TestFactory(sub, now, nil)
			lintRun(&Options{F: f, Paths: paths, Format: name})
			fromSub := out.String()
			f, out, _ = cmdutil.TestFactory(dir, now, nil)
			lintRun(&Options{F: f, Paths: []string{"z.md", "postmortems/bad.md"}, Format: name})
			if fromSub != out.String() {
				t.Errorf("%s %v: from postmortems/\n%s\nfrom the root\n%s", name, paths, fromSub, out)
			}
			first, last := strings.Index(fromSub, "postmortems/bad.md"), strings.LastIndex(fromSub, "z.md")
			if first < 0 || last < 0 || strings.Index(fromSub, "z.md") < first {
				t.Errorf("%s %v: postmortems/bad.md's findings not first:\n%s", name, paths, fromSub)
			}
		}
	}
}

// A name that only begins with two dots ("..notes", "..x.md") is inside the repository: the machine
// formats name it from the root, as any other, not by the way up from the working folder.
func TestLintMachineFormatsDotDotNames(t *testing.T) {
	dir := setup(t)
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	bad, _ := os.ReadFile(filepath.Join(dir, "postmortems", "bad.md"))
	os.Mkdir(filepath.Join(dir, "..notes"), 0o755)
	os.WriteFile(filepath.Join(dir, "..notes", "x.md"), bad, 0o644)
	os.WriteFile(filepath.Join(dir, "..y.md"), bad, 0o644)
	sub := filepath.Join(dir, "postmortems")
	for _, name := range []string{"json", "github", "sarif"} {
		f, out, _ := cmdutil.TestFactory(sub, now, nil)
		lintRun(&Options{F: f, Paths: []string{"../..notes/x.md", "../..y.md"}, Format: name})
		if strings.Contains(out.String(), "../") || !strings.Contains(out.String(), "..notes/x.md") || !strings.Contains(out.String(), "..y.md") {
			t.Errorf("%s:\n%s", name, out)
		}
	}
}

func TestLintStrict(t *testing.T) {
	dir := t.TempDir()
	doc := strings.Replace(string(readFixture(t, "clean.md")), "call_recording: https://meet.example.com/recordings/inc-2026-10-14-payments", "call_recording: \"\"", 1)
	os.WriteFile(filepath.Join(dir, "a.md"), []byte(doc), 0o644)
	if _, _, code := run(t, dir, Options{Paths: []string{"a.md"}}); code != 0 {
		t.Errorf("warnings only: exit %d, want 0", code)
	}
	if out, _, code := run(t, dir, Options{Paths: []string{"a.md"}, Strict: true}); code != 1 || !strings.Contains(out, "[call-recording]") {
		t.Errorf("--strict: exit %d, out %s", code, out)
	}
}

func TestLintErrors(t *testing.T) {
	dir := setup(t)
	os.Symlink(filepath.Join(dir, "nowhere.md"), filepath.Join(dir, "postmortems", "dangling.md"))
	_, errOut, code := run(t, dir, Options{})
	if code != 2 || !strings.Contains(errOut, "dangling.md") {
		t.Errorf("unreadable file: exit %d, stderr %q", code, errOut)
	}
	if _, errOut, code := run(t, dir, Options{Paths: []string{"missing.md"}}); code != 2 || !strings.Contains(errOut, "missing.md") {
		t.Errorf("missing path: exit %d, %q", code, errOut)
	}
	if _, _, code := run(t, dir, Options{Format: "xml"}); code != 2 {
		t.Errorf("bad format: exit %d", code)
	}
	if _, errOut, code := run(t, t.TempDir(), Options{}); code != 2 || !strings.Contains(errOut, "not in a git repository, and no postmortem folder postmortems here") {
		t.Errorf("no folder: exit %d, %q", code, errOut)
	}
	if _, errOut, code := run(t, dir, Options{Staged: true}); code != 2 || !strings.Contains(errOut, "not in a git repository") {
		t.Errorf("--staged outside a repo: exit %d, %q", code, errOut)
	}
}

func TestLintNotAPostmortemAndHugeFile(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "readme.md"), []byte("# Just notes\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "empty.md"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "binary.md"), []byte("\x00\x01\x02PNG"), 0o644)
	os.WriteFile(filepath.Join(dir, "huge.md"), []byte(strings.Repeat("x", MaxFileSize+1)), 0o644)
	out, _, code := run(t, dir, Options{Paths: []string{"."}, Format: "json"})
	var fs []lint.Finding
	json.Unmarshal([]byte(out), &fs)
	if code != 1 || len(fs) != 4 {
		t.Fatalf("exit %d, findings %+v", code, fs)
	}
	for _, f := range fs {
		if f.Rule != "front-matter" || f.Line != 1 {
			t.Errorf("finding %+v", f)
		}
	}
}

func TestLintConfigOverrides(t *testing.T) {
	dir := setup(t)
	os.WriteFile(filepath.Join(dir, ".pm.yaml"), []byte("lint:\n  rules:\n    banned-word: off\n    required-section: warning\n"), 0o644)
	out, _, code := run(t, dir, Options{})
	if code != 0 || strings.Contains(out, "banned-word") || !strings.Contains(out, "warning: missing section") {
		t.Errorf("exit %d, out %s", code, out)
	}
	os.WriteFile(filepath.Join(dir, ".pm.yaml"), []byte("lint:\n  rules:\n    no-such-rule: off\n"), 0o644)
	if _, errOut, code := run(t, dir, Options{}); code != 2 || !strings.Contains(errOut, ".pm.yaml:3") || !strings.Contains(errOut, "no-such-rule") {
		t.Errorf("unknown rule: exit %d, %q", code, errOut)
	}
}

func TestListRules(t *testing.T) {
	out, _, code := run(t, t.TempDir(), Options{ListRules: true})
	if code != 0 {
		t.Fatal(code)
	}
	for _, r := range lint.Rules {
		if !strings.Contains(out, r.ID) {
			t.Errorf("--list-rules lacks %s", r.ID)
		}
	}
}

// --list-rules follows --format: json is an array a script can read, with the IDs in the rules'
// order; the formats of findings alone (sarif, github) and an unknown one are refused (exit 2)
// rather than answered with the text table.
func TestListRulesFormats(t *testing.T) {
	out, errOut, code := run(t, t.TempDir(), Options{ListRules: true, Format: "json"})
	var rules []struct{ ID, Severity, Description string }
	if err := json.Unmarshal([]byte(out), &rules); err != nil || code != 0 {
		t.Fatalf("exit %d, %v\n%s%s", code, err, out, errOut)
	}
	if len(rules) != len(lint.Rules) {
		t.Fatalf("%d rules, want %d", len(rules), len(lint.Rules))
	}
	for i, r := range lint.Rules {
		if rules[i].ID != r.ID || rules[i].Severity != r.Default.String() || rules[i].Description == "" {
			t.Errorf("rule %d: %+v, want %s", i, rules[i], r.ID)
		}
	}
	for _, name := range []string{"sarif", "github", "xml"} {
		out, errOut, code := run(t, t.TempDir(), Options{ListRules: true, Format: name})
		if code != 2 || out != "" || !strings.Contains(errOut, name) {
			t.Errorf("--format %s: exit %d, stdout %q, stderr %q", name, code, out, errOut)
		}
	}
}

// -v names each file and the time taken in the user's language, as the summary after them is.
func TestVerboseInJapanese(t *testing.T) {
	dir := setup(t)
	for _, format := range []string{"text", "json"} { // the streamed and the collected paths
		_, errOut, code := runLang(t, dir, "ja", Options{Verbose: true, Format: format})
		if code != 1 || !strings.Contains(errOut, "postmortems/bad.md を検査: エラー 2 件、警告 0 件\n") ||
			!strings.Contains(errOut, "所要時間 ") || strings.Contains(errOut, "linted") || strings.Contains(errOut, "took") {
			t.Errorf("--format %s: exit %d, stderr:\n%s", format, code, errOut)
		}
	}
	_, errOut, _ := run(t, dir, Options{Verbose: true})
	if !strings.Contains(errOut, "linted postmortems/bad.md: 2 errors, 0 warnings\n") || !strings.Contains(errOut, "took ") {
		t.Errorf("English:\n%s", errOut)
	}
}

// -v's time taken is read on the real clock (Factory.Clock), not on the one PM_NOW fixes (Factory.Now):
// under PM_NOW, as in CI, it said "took 0s" whatever the run took.
func TestVerboseTimeIgnoresPMNow(t *testing.T) {
	dir := setup(t)
	for _, format := range []string{"text", "json"} { // the streamed and the collected paths
		f, _, errOut := cmdutil.TestFactory(dir, now, nil)
		tick := now
		f.Clock = func() time.Time { tick = tick.Add(7 * time.Millisecond); return tick }
		lintRun(&Options{F: f, Format: format, Verbose: true})
		if !strings.Contains(errOut.String(), "took 7ms\n") {
			t.Errorf("--format %s: stderr:\n%s", format, errOut)
		}
	}
}

func TestFlags(t *testing.T) {
	f, _, _ := cmdutil.TestFactory(t.TempDir(), now, nil)
	var got *Options
	cmd := NewCmdLint(f, func(o *Options) error { got = o; return nil })
	cmd.SetArgs([]string{"--format", "sarif", "--strict", "--changed-since", "origin/main", "a.md", "b"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Format != "sarif" || !got.Strict || got.ChangedSince != "origin/main" || len(got.Paths) != 2 {
		t.Errorf("options %+v", got)
	}
}

// --list-rules says what each rule checks in the user's language; IDs and severities stay as
// .pm.yaml spells them.
func TestListRulesInJapanese(t *testing.T) {
	out, _, code := runLang(t, t.TempDir(), "ja", Options{ListRules: true})
	if code != 0 || !strings.Contains(out, "placeholder") || !strings.Contains(out, "が本文に残っていない") {
		t.Errorf("exit %d\n%s", code, out)
	}
}

// TestLintStandardInput: `pm lint -` lints what standard input holds, as the file "-", with the
// findings the same file gets when named; --fix refuses it.
func TestLintStandardInput(t *testing.T) {
	dir := setup(t)
	named, _, code := run(t, dir, Options{Paths: []string{"postmortems/bad.md"}})
	if code != 1 {
		t.Fatalf("named: exit %d", code)
	}
	bad, _ := os.ReadFile(filepath.Join(dir, "postmortems", "bad.md"))
	f, out, errOut := cmdutil.TestFactory(dir, now, nil)
	f.IO.In = strings.NewReader(string(bad))
	err := lintRun(&Options{F: f, Format: "text", Paths: []string{"-"}})
	if cmdutil.ExitCode(err) != 1 || out.String() != strings.ReplaceAll(named, "postmortems/bad.md:", "-:") {
		t.Errorf("exit %d\n%s\nwant\n%s\n%s", cmdutil.ExitCode(err), out, named, errOut)
	}
	if _, errOut, code := run(t, dir, Options{Paths: []string{"-"}, Fix: true}); code != 2 || !strings.Contains(errOut, "standard input") {
		t.Errorf("--fix -: exit %d, %q", code, errOut)
	}
	// named twice, read once
	f, out, _ = cmdutil.TestFactory(dir, now, nil)
	f.IO.In = strings.NewReader(string(bad))
	if err := lintRun(&Options{F: f, Format: "text", Paths: []string{"-", "-"}}); cmdutil.ExitCode(err) != 1 || out.String() != strings.ReplaceAll(named, "postmortems/bad.md:", "-:") {
		t.Errorf("- -: exit %d\n%s", cmdutil.ExitCode(err), out)
	}
	// over the limit: refused with the input's own size, as a file's
	f, out, _ = cmdutil.TestFactory(dir, now, nil)
	f.IO.In = strings.NewReader(strings.Repeat("x", 9_000_000))
	if err := lintRun(&Options{F: f, Format: "text", Paths: []string{"-"}}); cmdutil.ExitCode(err) != 1 || !strings.Contains(out.String(), "9,000,000 bytes") {
		t.Errorf("over the limit: exit %d\n%s", cmdutil.ExitCode(err), out)
	}
	// --staged and --changed-since read git, not standard input: said
	for _, o := range []Options{{Paths: []string{"-"}, Staged: true}, {Paths: []string{"-"}, ChangedSince: "HEAD"}} {
		if _, errOut, code := run(t, dir, o); code != 2 || !strings.Contains(errOut, "standard input") {
			t.Errorf("%+v: exit %d, %q", o, code, errOut)
		}
	}
}
