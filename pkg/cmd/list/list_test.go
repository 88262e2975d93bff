package list

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/present"
)

var now = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

func doc(title, sev, status, owner, date, meeting, lastMove string) string {
	return fmt.Sprintf("---\ntitle: %s\nseverity: %s\nstatus: %s\nowner: %s\nincident_date: %s\nmeeting: %q\nstatus_history:\n  - status: %s\n    at: %s\n    by: x\n---\n# %s\n",
		title, sev, status, owner, date, meeting, status, lastMove, title)
}

func setup(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	pm := filepath.Join(dir, "postmortems")
	os.MkdirAll(pm, 0o755)
	files := map[string]string{
		// SEV-1 on Fri 11-20: due Wed 11-25, not yet overdue on the 24th
		"2026-11-20-checkout.md": doc("Checkout latency after the payment provider changed its retry policy", "SEV-1", "Draft", "Aiko Sato", "2026-11-20", "", "2026-11-20T10:00:00Z"),
		// SEV-1 on Mon 11-16: due Thu 11-19, unscheduled: overdue
		"2026-11-16-dns.md": doc("DNS failures", "SEV-1", "Draft", "Ken Mori", "2026-11-16", "", "2026-11-16T10:00:00Z"),
		// scheduled, In Review, but last moved 30 days ago: stale
		"2026-10-20-queue.md": doc("Queue backlog", "SEV-2", "In Review", "aiko sato", "2026-10-20", "2026-10-22T10:00:00Z", "2026-10-21T10:00:00Z"),
		// closed: never overdue
		"2026-09-01-old.md": doc("Old one", "SEV-2", "Closed", "Ken Mori", "2026-09-01", "2026-09-03T10:00:00Z", "2026-09-10T10:00:00Z"),
		"broken.md":         "---\ntitle: [\n---\n",
	}
	for name, body := range files {
		os.WriteFile(filepath.Join(pm, name), []byte(body), 0o644)
	}
	return dir
}

func run(t *testing.T, dir string, env map[string]string, o Options) (string, string, error) {
	f, out, errOut := cmdutil.TestFactory(dir, now, env)
	o.F = f
	if o.Format == "" {
		o.Format = "table"
	}
	err := listRun(&o)
	return out.String(), errOut.String(), err
}

func ids(t *testing.T, out string) []string {
	var rows []jsonRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	var got []string
	for _, r := range rows {
		got = append(got, r.ID)
	}
	return got
}

func TestListFilters(t *testing.T) {
	dir := setup(t)
	cases := []struct {
		o    Options
		want string
	}{
		{Options{}, "2026-11-20-checkout,2026-11-16-dns,2026-10-20-queue,2026-09-01-old"},
		{Options{Open: true}, "2026-11-20-checkout,2026-11-16-dns,2026-10-20-queue"},
		{Options{Overdue: true}, "2026-11-16-dns,2026-10-20-queue"},
		{Options{Status: "in_review"}, "2026-10-20-queue"},
		{Options{Sev: []string{"sev2"}}, "2026-10-20-queue,2026-09-01-old"},
		{Options{Sev: []string{"2", "SEV-1"}}, "2026-11-20-checkout,2026-11-16-dns,2026-10-20-queue,2026-09-01-old"},
		{Options{Owner: "AIKO SATO"}, "2026-11-20-checkout,2026-10-20-queue"},
	}
	for _, c := range cases {
		c.o.Format = "json"
		out, errOut, err := run(t, dir, nil, c.o)
		// --overdue exits 1 when it lists any, for a job to alert on.
		if want := map[bool]int{false: 0, true: 1}[c.o.Overdue]; cmdutil.ExitCode(err) != want {
			t.Fatalf("%+v: exit %d, want %d", c.o, cmdutil.ExitCode(err), want)
		}
		if got := strings.Join(ids(t, out), ","); got != c.want {
			t.Errorf("%+v: got %s, want %s", c.o, got, c.want)
		}
		if !strings.Contains(errOut, "skipped postmortems/broken.md") {
			t.Errorf("broken file not reported: %q", errOut)
		}
	}
}

func TestListJSONFields(t *testing.T) {
	out, _, _ := run(t, setup(t), nil, Options{Format: "json", Overdue: true})
	var rows []jsonRow
	json.Unmarshal([]byte(out), &rows)
	if rows[0].Deadline != "2026-11-19" || !rows[0].Overdue || !strings.Contains(rows[0].OverdueWhy, "not scheduled") {
		t.Errorf("dns row: %+v", rows[0])
	}
	if rows[1].Meeting != "2026-10-22T10:00:00Z" || !strings.Contains(rows[1].OverdueWhy, "In Review since 2026-10-21") {
		t.Errorf("queue row: %+v", rows[1])
	}
}

func TestListTable(t *testing.T) {
	out, _, _ := run(t, setup(t), nil, Options{})
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != 5 || !strings.HasPrefix(lines[0], "ID ") || !strings.Contains(lines[0], "MEETING") {
		t.Fatalf("table:\n%s", out)
	}
	if !strings.Contains(lines[1], "due 2026-11-25") || strings.Contains(lines[1], "!") || !strings.Contains(lines[2], "due 2026-11-19 !") {
		t.Errorf("MEETING column:\n%s", out)
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("colour when stdout is not a terminal")
	}
}

func TestListColourAndWidth(t *testing.T) {
	dir := setup(t)
	f, out, _ := cmdutil.TestFactory(dir, now, map[string]string{"COLUMNS": "80"})
	f.IO.OutTTY = true
	if err := listRun(&Options{F: f, Format: "table"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "\x1b[") {
		t.Error("no colour on a terminal")
	}
	f, out, _ = cmdutil.TestFactory(dir, now, map[string]string{"COLUMNS": "80", "NO_COLOR": "1"})
	f.IO.OutTTY = true
	listRun(&Options{F: f, Format: "table"})
	if strings.Contains(out.String(), "\x1b[") {
		t.Error("colour despite NO_COLOR")
	}
	for _, l := range strings.Split(strings.TrimRight(out.String(), "\n"), "\n") {
		if present.Width(l) > 80 {
			t.Errorf("line wider than the terminal allows: %q (%d)", l, present.Width(l))
		}
	}
}

func TestListErrors(t *testing.T) {
	dir := setup(t)
	for _, o := range []Options{{Status: "done"}, {Sev: []string{"1", "7"}}, {Format: "xml"}} {
		if _, _, err := run(t, dir, nil, o); cmdutil.ExitCode(err) != 2 {
			t.Errorf("%+v: %v", o, err)
		}
	}
	// No postmortem folder outside a repository: exit 2, saying both, as the commands naming one
	// postmortem do.
	outside := t.TempDir()
	if out, _, err := run(t, outside, nil, Options{}); cmdutil.ExitCode(err) != 2 || out != "" ||
		err.Error() != outside+": not in a git repository, and no postmortem folder postmortems here: run pm init in a repository, or set dir in .pm.yaml" {
		t.Errorf("no folder, no repository: %q %v", out, err)
	}
	// In a repository before pm init: the folder.
	repo := t.TempDir()
	if b, err := exec.Command("git", "init", "-q", repo).CombinedOutput(); err != nil {
		t.Skipf("git init: %v %s", err, b)
	}
	if out, _, err := run(t, repo, nil, Options{}); cmdutil.ExitCode(err) != 2 || out != "" ||
		err.Error() != "no postmortem folder postmortems (run pm init, or set dir in .pm.yaml)" {
		t.Errorf("no folder: %q %v", out, err)
	}
	// An empty folder lists nothing, and says so on stderr: no header over nothing on stdout.
	empty := t.TempDir()
	os.Mkdir(filepath.Join(empty, "postmortems"), 0o755)
	out, errOut, err := run(t, empty, nil, Options{})
	if err != nil || out != "" || !strings.Contains(errOut, "No postmortems") {
		t.Errorf("empty: %q %q %v", out, errOut, err)
	}
	if _, _, err := run(t, empty, nil, Options{Overdue: true}); err != nil {
		t.Errorf("--overdue listing nothing: %v, want exit 0", err)
	}
}

func TestListJapanese(t *testing.T) {
	dir := setup(t)
	os.WriteFile(filepath.Join(dir, ".pm.yaml"), []byte("language: ja\n"), 0o644)
	out, errOut, err := run(t, dir, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if !strings.HasPrefix(lines[0], "ID ") || !strings.Contains(lines[0], "重大度") || !strings.Contains(lines[0], "ミーティング") ||
		!strings.Contains(lines[1], "期限 2026-11-25") || !strings.Contains(lines[2], "期限 2026-11-19 !") {
		t.Errorf("table:\n%s", out)
	}
	if !strings.Contains(errOut, "pm: postmortems/broken.md をスキップしました") {
		t.Errorf("skipped note: %q", errOut)
	}
	// statuses are values of the front matter, and JSON keys are API: both stay English
	if !strings.Contains(lines[1], "Draft") {
		t.Errorf("status value translated:\n%s", out)
	}
	out, _, _ = run(t, dir, nil, Options{Format: "json"})
	if !strings.Contains(out, `"incident_date": "2026-11-20"`) {
		t.Errorf("JSON: %s", out)
	}
	out, _, _ = run(t, dir, nil, Options{Format: "csv"})
	if !strings.HasPrefix(out, "id,severity,status,owner,incident_date,meeting,deadline,overdue,title,meeting_unreadable,overdue_reason\n") {
		t.Errorf("CSV: %s", out)
	}
	for _, c := range []struct {
		o    Options
		want string
	}{
		{Options{Status: "done"}, `--status: 不明なステータス "done" です`},
		{Options{Sev: []string{"1", "7"}}, `--sev: 不明な重大度 "7" です`},
		{Options{Format: "xml"}, `--format "xml": table, json, csv のいずれかを指定してください`},
	} {
		if _, _, err := run(t, dir, nil, c.o); cmdutil.ExitCode(err) != 2 || err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v; want %q", c.o, err, c.want)
		}
	}
	if _, errOut, _ := run(t, dir, nil, Options{Owner: "nobody"}); errOut != "pm: postmortems/broken.md をスキップしました: 使えるフロントマターがありません (pm lint postmortems/broken.md)\n条件に合うポストモーテムはありません。\n" {
		t.Errorf("no match: %q", errOut)
	}
	// --lang en wins over language: ja
	f, stdout, _ := cmdutil.TestFactory(dir, now, nil)
	f.LangFlag = "en"
	if err := listRun(&Options{F: f, Format: "table"}); err != nil || !strings.HasPrefix(stdout.String(), "ID ") || !strings.Contains(stdout.String(), "  SEV  ") || !strings.Contains(stdout.String(), "due 2026-11-25") {
		t.Errorf("--lang en: %v\n%s", err, stdout)
	}
}

// JSON paths are relative to the repository root, from any folder of it.
func TestListJSONPathsFromTheRoot(t *testing.T) {
	dir := setup(t)
	os.Mkdir(filepath.Join(dir, ".git"), 0o755) // a repository root for FindRoot
	for _, where := range []string{dir, filepath.Join(dir, "postmortems")} {
		out, _, _ := run(t, where, nil, Options{Format: "json"})
		var rows []jsonRow
		if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) == 0 {
			t.Fatalf("%v: %s", err, out)
		}
		for _, r := range rows {
			if r.Path != "postmortems/"+r.ID+".md" {
				t.Errorf("from %s: path %q", where, r.Path)
			}
		}
	}
}

// TestListJSONMetadata checks the metadata in --format json: the front matter's lists as written,
// [] and "" when a postmortem has none.
func TestListJSONMetadata(t *testing.T) {
	dir := setup(t)
	extra := "---\ntitle: Cache stampede\nseverity: SEV-2\nstatus: Draft\nowner: Ren Ito\nincident_date: 2026-11-21\n" +
		"services: [checkout, search]\ntags: cache\nrelated: [2026-11-20-checkout]\nrecurrence_of: 2026-10-20-queue\n---\n"
	os.WriteFile(filepath.Join(dir, "postmortems", "2026-11-21-cache.md"), []byte(extra), 0o644)
	out, _, _ := run(t, dir, nil, Options{Format: "json"})
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) < 2 {
		t.Fatalf("%v: %s", err, out)
	}
	got := fmt.Sprintf("%v %v %v %v %v", rows[0]["id"], rows[0]["services"], rows[0]["tags"], rows[0]["related"], rows[0]["recurrence_of"])
	if got != "2026-11-21-cache [checkout search] [cache] [2026-11-20-checkout] 2026-10-20-queue" {
		t.Errorf("newest row: %s", got)
	}
	if s, ok := rows[1]["services"].([]any); !ok || len(s) != 0 || rows[1]["recurrence_of"] != "" {
		t.Errorf("a postmortem without metadata: %v", rows[1])
	}
}

// TestListCSVHoldsNoFormula: a title or owner that a spreadsheet would run as a formula is written
// as text (a leading apostrophe); the rest of the row is as it was.
func TestListCSVHoldsNoFormula(t *testing.T) {
	dir := t.TempDir()
	pm := filepath.Join(dir, "postmortems")
	os.MkdirAll(pm, 0o755)
	os.WriteFile(filepath.Join(pm, "2026-11-20-x.md"), []byte(doc(`"=HYPERLINK(\"http://evil\",\"x\")"`, "SEV-1", "Draft", `"@SUM(1+1)"`, "2026-11-20", "", "2026-11-20T10:00:00Z")), 0o644)
	out, _, err := run(t, dir, nil, Options{Format: "csv"})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("%v: %q", err, out)
	}
	if got := rows[1]; got[0] != "2026-11-20-x" || got[3] != "'@SUM(1+1)" || got[8] != `'=HYPERLINK("http://evil","x")` {
		t.Errorf("row %q", got)
	}
}

// A meeting pm cannot read is shown as written, marked, and named in the overdue reason: not
// "not scheduled", as pm status and the Reviewed gate say it.
func TestListMeetingPmCannotRead(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "postmortems"), 0o755)
	os.WriteFile(filepath.Join(dir, "postmortems", "2026-11-16-dns.md"),
		[]byte(doc("DNS failures", "SEV-1", "In Review", "Ken Mori", "2026-11-16", "2026-11-18 10:00", "2026-11-16T10:00:00Z")), 0o644)
	out, _, _ := run(t, dir, nil, Options{})
	if !strings.Contains(out, "2026-11-18 10:00?") {
		t.Errorf("table:\n%s", out)
	}
	out, _, _ = run(t, dir, nil, Options{Format: "json"})
	if !strings.Contains(out, `"overdue_reason": "meeting \"2026-11-18 10:00\" is not a time pm reads, deadline 2026-11-19 passed"`) ||
		!strings.Contains(out, `"meeting_unreadable": "2026-11-18 10:00"`) {
		t.Errorf("json:\n%s", out)
	}
}

// A status_history entry after now (a year typed wrong) is no move: a postmortem whose real last
// move is stale is overdue all the same, as pm stats leaves such an entry out.
func TestListOverdueLeavesOutAFutureEntry(t *testing.T) {
	dir := t.TempDir()
	pm := filepath.Join(dir, "postmortems")
	os.MkdirAll(pm, 0o755)
	body := doc("Queue backlog", "SEV-2", "In Review", "Aiko Sato", "2026-10-20", "2026-10-22T10:00:00Z", "2026-10-21T10:00:00Z")
	future := strings.Replace(body, "---\n# ", "  - status: In Review\n    at: 2027-10-21T10:00:00Z\n    by: x\n---\n# ", 1)
	os.WriteFile(filepath.Join(pm, "2026-10-20-queue.md"), []byte(future), 0o644)
	out, _, err := run(t, dir, nil, Options{Format: "json", Overdue: true})
	if cmdutil.ExitCode(err) != 1 || strings.Join(ids(t, out), ",") != "2026-10-20-queue" {
		t.Errorf("a future-dated entry kept the stale postmortem off --overdue: exit %d\n%s", cmdutil.ExitCode(err), out)
	}
}

// A severity or incident date written twice is one pm cannot read, as pm stats and pm actions say:
// pm list shows it without it and --sev does not match the first of the two.
func TestListDuplicatedKey(t *testing.T) {
	dir := setup(t)
	os.WriteFile(filepath.Join(dir, "postmortems", "2026-11-21-twice.md"), []byte("---\ntitle: Twice\nseverity: SEV-1\nseverity: SEV-2\n"+
		"status: Draft\nowner: a\nincident_date: 2026-11-21\nincident_date: 2026-11-22\n---\n# Twice\n"), 0o644)
	out, _, _ := run(t, dir, nil, Options{Format: "json"})
	var rows []jsonRow
	json.Unmarshal([]byte(out), &rows)
	for _, r := range rows {
		if r.ID == "2026-11-21-twice" && (r.Severity != "" || r.IncidentDate != "") {
			t.Errorf("a duplicated value shown: %+v", r)
		}
	}
	out, _, _ = run(t, dir, nil, Options{Format: "json", Sev: []string{"1"}})
	if strings.Contains(out, "twice") {
		t.Errorf("--sev 1 matched a severity written twice:\n%s", out)
	}
}

// --sev is repeatable, as pm stats --sev is: any of the severities matches (the last one given was
// the only one kept).
func TestListSevRepeated(t *testing.T) {
	dir := setup(t)
	f, out, _ := cmdutil.TestFactory(dir, now, nil)
	cmd := NewCmdList(f, nil)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	cmd.SetArgs([]string{"--sev", "2", "--sev", "1", "--format", "json"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(ids(t, out.String()), ","); got != "2026-11-20-checkout,2026-11-16-dns,2026-10-20-queue,2026-09-01-old" {
		t.Errorf("--sev 2 --sev 1: %s", got)
	}
}

// The day a stale postmortem has kept its status since is the team's: an entry written in UTC on the
// evening of 11-20 was made on 11-21 in Tokyo, which .pm.yaml names.
func TestListStaleSinceInTheTeamsZone(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "postmortems"), 0o755)
	os.WriteFile(filepath.Join(dir, ".pm.yaml"), []byte("timezone: Asia/Tokyo\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "postmortems", "2026-10-20-queue.md"),
		[]byte(doc("Queue backlog", "SEV-2", "In Review", "Aiko Sato", "2026-10-20", "2026-10-22T10:00:00+09:00", "2026-10-20T16:00:00Z")), 0o644)
	out, _, _ := run(t, dir, nil, Options{Format: "json", Overdue: true})
	if !strings.Contains(out, `"overdue_reason": "In Review since 2026-10-21"`) {
		t.Errorf("json:\n%s", out)
	}
}

// stale_days are days of the team's calendar: In Review since 10:00 on 1 March in New York, the
// postmortem is stale from 10:00 on the 15th, though DST (8 March) made that 14 days less an hour.
func TestListStaleAcrossDST(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "postmortems"), 0o755)
	os.WriteFile(filepath.Join(dir, ".pm.yaml"), []byte("timezone: America/New_York\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "postmortems", "2026-02-27-queue.md"),
		[]byte(doc("Queue backlog", "SEV-2", "In Review", "Aiko Sato", "2026-02-27", "2026-03-02T10:00:00-05:00", "2026-03-01T10:00:00-05:00")), 0o644)
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip(err)
	}
	for _, c := range []struct {
		at    time.Time
		stale bool
	}{
		{time.Date(2026, 3, 15, 9, 30, 0, 0, ny), false},
		{time.Date(2026, 3, 15, 10, 30, 0, 0, ny), true},
	} {
		f, out, _ := cmdutil.TestFactory(dir, c.at, nil)
		o := Options{F: f, Format: "json", Overdue: true}
		err := listRun(&o)
		if got := cmdutil.ExitCode(err) == 1; got != c.stale {
			t.Errorf("at %v: stale %v, want %v\n%s", c.at, got, c.stale, out)
		}
	}
}
