package actions

import (
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/internal/testrepo"
	"github.com/pm-tools/pm/pkg/present"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/cmd/actions")

// now is 2026-11-24 05:00 in Tokyo but still 2026-11-23 in UTC: an item due on the 23rd is overdue in
// the first zone only.
var now = time.Date(2026, 11, 23, 20, 0, 0, 0, time.UTC)

const fixtures = "../../../testdata/cmd/actions"

const tokyo = "timezone: Asia/Tokyo\nrepo_url: https://git.example.com/sre/postmortems/blob/main/\n"

// setup copies the fixture postmortems into a folder pm takes for a repository, with the given .pm.yaml.
func setup(t *testing.T, config string) string {
	t.Helper()
	dir := testrepo.FakeRoot(t)
	testrepo.CopyFiles(t, filepath.Join(dir, "postmortems"), filepath.Join(fixtures, "postmortems", "*.md"))
	if config != "" {
		testrepo.WriteFile(t, dir, ".pm.yaml", config)
	}
	return dir
}

// newCmd builds pm actions as the root command runs it.
func newCmd(f *cmdutil.Factory) testrepo.Command {
	cmd := NewCmdActions(f, nil)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	return cmd
}

// run runs pm actions with args in dir the way the root command does, and returns stdout, stderr and
// the exit code.
func run(t *testing.T, dir string, env map[string]string, args ...string) (string, string, int) {
	t.Helper()
	f, _, _ := cmdutil.TestFactory(dir, now, env)
	return testrepo.Run(f, newCmd, args...)
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	testrepo.Golden(t, filepath.Join(fixtures, name), []byte(got), *update)
}

func decode(t *testing.T, out string) []jsonItem {
	t.Helper()
	var items []jsonItem
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return items
}

func TestTableEveryPostmortem(t *testing.T) {
	out, errOut, code := run(t, setup(t, tokyo), nil)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	golden(t, "table.golden", out)
	if !strings.Contains(errOut, "skipped postmortems/broken.md") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("stderr should note the one broken file: %q", errOut)
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("colour when stdout is not a terminal")
	}
	// newest incident first
	a, b, c := strings.Index(out, "2026-11-20-checkout-latency"), strings.Index(out, "2026-10-14-payment"), strings.Index(out, "2026-09-03-checkout")
	if !(a >= 0 && a < b && b < c) {
		t.Errorf("postmortems not newest first:\n%s", out)
	}
}

func TestJSON(t *testing.T) {
	out, _, code := run(t, setup(t, tokyo), nil, "--format", "json")
	if code != 0 {
		t.Fatal(code)
	}
	golden(t, "all.golden.json", out)
	items := decode(t, out)
	if len(items) != 13 {
		t.Fatalf("%d items, want 13", len(items))
	}
	first := items[0]
	if first.Postmortem != "2026-11-20-checkout-latency" || first.Line != 29 || first.Filed || !first.Overdue ||
		strings.Join(first.Tags, " ") != "sev1_20261120 sev1" ||
		first.Link != "https://git.example.com/sre/postmortems/blob/main/postmortems/2026-11-20-checkout-latency.md" {
		t.Errorf("first item: %+v", first)
	}
	ja := items[len(items)-1]
	if ja.Severity != "SEV-2" || strings.Join(ja.Tags, " ") != "sev2_20260903 sev2" || !ja.Filed || ja.Overdue {
		t.Errorf("last item: %+v", ja)
	}
	// snake_case keys, an empty list as [] not null
	var raw []map[string]any
	json.Unmarshal([]byte(out), &raw)
	for _, k := range []string{"postmortem", "incident_date", "priority", "action", "type", "owner", "due", "ticket", "tags", "overdue", "filed", "link"} {
		if _, ok := raw[0][k]; !ok {
			t.Errorf("no %q key in %v", k, raw[0])
		}
	}
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "postmortems"), 0o755)
	out, _, _ = run(t, dir, nil, "--format", "json")
	if strings.TrimSpace(out) != "[]" {
		t.Errorf("no postmortems: %q, want []", out)
	}
	// No postmortem folder at all: exit 2, as pm lint.
	if out, errOut, code := run(t, t.TempDir(), nil); code != 2 || out != "" || !strings.Contains(errOut, "no postmortem folder postmortems") {
		t.Errorf("no folder: exit %d, %q %q", code, out, errOut)
	}
}

func TestOpenAndOverdue(t *testing.T) {
	cases := []struct {
		config  string
		overdue []string
	}{
		// 05:00 on the 24th in Tokyo: the item due on the 23rd is late; the filed one due on the 20th is not judged
		{tokyo, []string{"Alert on checkout-api pool waits above 100 ms"}},
		// 20:00 on the 23rd in UTC: nothing is late yet
		{"timezone: UTC\n", nil},
	}
	for _, c := range cases {
		out, _, code := run(t, setup(t, c.config), nil, "--open", "--format", "json")
		if code != 1 { // open items listed: exit 1, for a job to alert on
			t.Fatal(code)
		}
		// --overdue lists the overdue ones, and exits 1 only when there are any.
		over, _, code := run(t, setup(t, c.config), nil, "--overdue", "--format", "json")
		var listed []string
		for _, it := range decode(t, over) {
			listed = append(listed, it.Action)
		}
		if want := map[bool]int{false: 0, true: 1}[len(c.overdue) > 0]; code != want || strings.Join(listed, "|") != strings.Join(c.overdue, "|") {
			t.Errorf("%q: --overdue exit %d, listed %v; want %v", c.config, code, listed, c.overdue)
		}
		var actions, overdue []string
		for _, it := range decode(t, out) {
			actions = append(actions, it.Action)
			if it.Filed {
				t.Errorf("--open kept a filed item: %+v", it)
			}
			if it.Overdue {
				overdue = append(overdue, it.Action)
			}
		}
		want := "Alert on checkout-api pool waits above 100 ms|Page the database on-call when a pool is exhausted|Document the pool settings of every service"
		if got := strings.Join(actions, "|"); got != want {
			t.Errorf("%q: open items %s, want %s", c.config, got, want)
		}
		if strings.Join(overdue, "|") != strings.Join(c.overdue, "|") {
			t.Errorf("%q: overdue %v, want %v", c.config, overdue, c.overdue)
		}
	}
	out, _, _ := run(t, setup(t, tokyo), nil, "--open")
	if !strings.Contains(out, "2026-11-23 !") || strings.Count(out, " !") != 1 {
		t.Errorf("table should mark the one overdue item:\n%s", out)
	}
	// PM_NOW moves the clock as the root command's Factory does; here the Factory's clock is the test's.
	f, _, _ := cmdutil.TestFactory(setup(t, tokyo), time.Date(2026, 12, 20, 0, 0, 0, 0, time.UTC), nil)
	out, _, _ = testrepo.Run(f, newCmd, "--open", "--format", "json")
	n := 0
	for _, it := range decode(t, out) {
		if it.Overdue {
			n++
		}
	}
	// the 23 Nov and 15 Dec items, and "next week", which is no date: the SEV-1's 15 days end on 5 Dec
	if n != 3 {
		t.Errorf("on 20 Dec: %d overdue, want 3", n)
	}
}

// A Due date with its weekday beside it (2026-11-23 (Mon), 2026-11-23（月）) is the date to the ledger,
// as it is to lint: the item keeps its deadline, not the severity's.
func TestDueWithWeekday(t *testing.T) {
	for _, due := range []string{"2026-11-23 (Mon)", "2026-11-23（月）", "2026/11/23(月)"} {
		dir := setup(t, tokyo)
		path := filepath.Join(dir, "postmortems", "2026-11-20-checkout-latency.md")
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		src := strings.Replace(string(b), "| Aiko Sato | 2026-11-23 |", "| Aiko Sato | "+due+" |", 1)
		testrepo.WriteFile(t, dir, "postmortems/2026-11-20-checkout-latency.md", src)
		out, _, _ := run(t, dir, nil, "--open", "--format", "csv")
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil || len(rows) < 2 {
			t.Fatalf("%s: %v %q", due, err, out)
		}
		if r := rows[1]; r[0] != "Alert on checkout-api pool waits above 100 ms" || r[3] != "2026-11-23" {
			t.Errorf("%s: row %q, want the due date 2026-11-23", due, r)
		}
	}
}

func TestCSVForJira(t *testing.T) {
	out, _, code := run(t, setup(t, tokyo), nil, "--open", "--format", "csv")
	if code != 1 {
		t.Fatal(code)
	}
	golden(t, "open.golden.csv", out)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != "Summary,Priority,Labels,Due date,Assignee,Description" {
		t.Fatalf("header %q", rows[0])
	}
	if len(rows) != 4 {
		t.Fatalf("%d rows, want header and 3 open items", len(rows))
	}
	r := rows[1]
	if r[0] != "Alert on checkout-api pool waits above 100 ms" || r[1] != "Highest" || r[2] != "sev1_20261120 sev1" || r[3] != "2026-11-23" || r[4] != "Aiko Sato" {
		t.Errorf("row 1: %q", r)
	}
	for _, want := range []string{"Type: prevent", "Postmortem: 2026-11-20-checkout-latency (SEV-1, 2026-11-20)",
		"https://git.example.com/sre/postmortems/blob/main/postmortems/2026-11-20-checkout-latency.md"} {
		if !strings.Contains(r[5], want) {
			t.Errorf("description %q lacks %q", r[5], want)
		}
	}
	if r := rows[2]; r[1] != "High" || r[3] != "" || r[4] != "" || !strings.Contains(r[5], "Due: next week") {
		t.Errorf("an item whose due date does not parse: %q", r)
	}
	if r := rows[3]; r[1] != "Medium" {
		t.Errorf("P2: %q", r)
	}
	// every item, quotes and commas intact, P1 → High, paths linked without repo_url
	out, _, _ = run(t, setup(t, ""), nil, "2026-11-20-checkout-latency", "--format", "csv")
	rows, err = csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if rows[2][0] != `Size the pool from load-test data, "not guesses", per region` {
		t.Errorf("quotes and commas: %q", rows[2][0])
	}
	if !strings.HasSuffix(rows[2][5], "\npostmortems/2026-11-20-checkout-latency.md") {
		t.Errorf("without repo_url the description links by path: %q", rows[2][5])
	}
}

func TestNamedPostmortems(t *testing.T) {
	dir := setup(t, tokyo)
	out, _, code := run(t, dir, nil, "ja", "payment", "2026-11-20-checkout-latency", "payment", "--format", "json")
	if code != 0 {
		t.Fatal(code)
	}
	seen := map[string]int{}
	var order []string
	for _, it := range decode(t, out) {
		if seen[it.Postmortem] == 0 {
			order = append(order, it.Postmortem)
		}
		seen[it.Postmortem]++
	}
	if strings.Join(order, ",") != "2026-11-20-checkout-latency,2026-10-14-payment-api-timeouts,2026-09-03-checkout-delay-ja" || seen["2026-10-14-payment-api-timeouts"] != 4 {
		t.Errorf("order %v, counts %v", order, seen)
	}
	// a path works too, relative to the work dir
	f, _, _ := cmdutil.TestFactory(filepath.Join(dir, "postmortems"), now, nil)
	out, _, code = testrepo.Run(f, newCmd, "2026-10-14-payment-api-timeouts.md", "--format", "json")
	if code != 0 || len(decode(t, out)) != 4 {
		t.Errorf("by path: exit %d, %s", code, out)
	}
}

func TestBadInput(t *testing.T) {
	dir := setup(t, tokyo)
	cases := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"checkout"}, 2, `"checkout" matches 2 postmortems`},
		{[]string{"no-such-incident"}, 2, "no postmortem matches"},
		{[]string{"--format", "xml"}, 2, "want table, json or csv"},
		{[]string{"broken"}, 1, "broken.md does not parse"},
	}
	for _, c := range cases {
		out, errOut, code := run(t, dir, nil, c.args...)
		if code != c.code || !strings.Contains(errOut, c.stderr) || out != "" {
			t.Errorf("pm actions %v: exit %d, stdout %q, stderr %q; want exit %d and %q", c.args, code, out, errOut, c.code, c.stderr)
		}
	}
	_, errOut, _ := run(t, dir, nil, "broken")
	if !strings.Contains(errOut, "postmortems/broken.md:2:") || !strings.Contains(errOut, "[front-matter]") {
		t.Errorf("the findings of a broken postmortem: %q", errOut)
	}
}

func TestTerminal(t *testing.T) {
	dir := setup(t, tokyo)
	for _, cols := range []string{"80", "60"} {
		f, out, _ := cmdutil.TestFactory(dir, now, map[string]string{"COLUMNS": cols})
		f.IO.OutTTY = true
		if err := actionsRun(&Options{F: f, Format: "table"}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), "\x1b[31m2026-11-23 ! 1d\x1b[0m") {
			t.Errorf("COLUMNS=%s: overdue date not red:\n%s", cols, out)
		}
		for _, l := range strings.Split(strings.TrimRight(out.String(), "\n"), "\n") {
			plain := strings.NewReplacer("\x1b[31m", "", "\x1b[1m", "", "\x1b[0m", "").Replace(l)
			if w := present.Width(plain); w > atoi(cols) {
				t.Errorf("COLUMNS=%s: line of %d columns: %q", cols, w, plain)
			}
		}
	}
	f, out, _ := cmdutil.TestFactory(dir, now, map[string]string{"NO_COLOR": "1"})
	f.IO.OutTTY = true
	actionsRun(&Options{F: f, Format: "table"})
	if strings.Contains(out.String(), "\x1b[") {
		t.Error("colour despite NO_COLOR")
	}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func TestTags(t *testing.T) {
	day := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		sev  string
		date time.Time
		want string
	}{
		{"SEV-1", day, "sev1_20261123 sev1"},
		{"SEV-3", day, "sev3_20261123 sev3"},
		{"SEV-2", time.Time{}, "sev2"},
		{"", day, ""},
	}
	for _, c := range cases {
		if got := strings.Join(tags(c.sev, c.date, time.UTC), " "); got != c.want {
			t.Errorf("tags(%q, %v) = %q, want %q", c.sev, c.date, got, c.want)
		}
	}
	for in, want := range map[string]string{"P0": "Highest", "p1": "High", "P2": "Medium", "P3": "Low", "P4": "P4", "Urgent": "Urgent"} {
		if got := jiraPriority(in); got != want {
			t.Errorf("jiraPriority(%q) = %q, want %q", in, got, want)
		}
	}
}

// runLang runs pm actions as --lang lang does, with LANG=ja_JP.UTF-8 in the environment.
func runLang(t *testing.T, dir, lang string, args ...string) (string, string, int) {
	t.Helper()
	f, _, _ := cmdutil.TestFactory(dir, now, map[string]string{"LANG": "ja_JP.UTF-8"})
	f.LangFlag = lang
	return testrepo.Run(f, newCmd, args...)
}

func TestJapanese(t *testing.T) {
	dir := setup(t, tokyo)
	out, errOut, code := runLang(t, dir, "ja")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"  優先度  アクション", "チケット\n", "2026-11-20-checkout-latency  SEV-1  タグ: sev1_20261120 sev1\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "pm: postmortems/broken.md をスキップしました") {
		t.Errorf("skipped note: %q", errOut)
	}
	// JSON keys and the CSV for Jira stay English
	out, _, _ = runLang(t, dir, "ja", "--format", "json")
	if !strings.Contains(out, `"priority": "P0"`) || !strings.Contains(out, `"tags": [`) {
		t.Errorf("JSON keys: %s", out)
	}
	out, _, _ = runLang(t, dir, "ja", "--format", "csv")
	if !strings.HasPrefix(out, "Summary,Priority,Labels,Due date,Assignee,Description\n") || !strings.Contains(out, "Postmortem: ") {
		t.Errorf("CSV: %s", out)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--format", "xml"}, `--format "xml": table, json, csv のいずれかを指定してください`},
		{[]string{"checkout"}, `"checkout" に一致するポストモーテムが 2 件あります`},
		{[]string{"no-such-incident"}, `postmortems に "no-such-incident" に一致するポストモーテムはありません`},
		{[]string{"broken"}, "postmortems/broken.md を読み取れません: 先にフロントマターを直してください"},
	} {
		if _, errOut, _ := runLang(t, dir, "ja", c.args...); !strings.Contains(errOut, c.want) {
			t.Errorf("%v: %q lacks %q", c.args, errOut, c.want)
		}
	}
	// --lang en wins over the locale, and prints what it always did
	en, _, _ := runLang(t, dir, "en")
	golden(t, "table.golden", en)
	if _, errOut, _ := runLang(t, dir, "en", "--open", "2026-09-03-checkout-delay-ja"); errOut != "No open action items.\n" {
		t.Errorf("--lang en: %q", errOut)
	}
	if _, errOut, _ := runLang(t, dir, "ja", "--open", "2026-09-03-checkout-delay-ja"); errOut != "未完了のアクションアイテムはありません。\n" {
		t.Errorf("--lang ja: %q", errOut)
	}
}

// TestCSVDefusesFormulas: a cell a spreadsheet would run (an action, owner or priority written as a
// formula) gets a leading apostrophe, as in pm list's CSV; the description, which starts with the
// action, too.
func TestCSVDefusesFormulas(t *testing.T) {
	dir := setup(t, "")
	path := filepath.Join(dir, "postmortems", "2026-11-20-checkout-latency.md")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	hostile := "| =P1 | =HYPERLINK(\"http://evil.example\",\"x\") | prevent | @SUM(A1) | 2026-12-05 | |\n" +
		"| P2 | +cmd /C calc!A0 | prevent | -2+3 | 2026-12-05 | |\n"
	at := strings.Index(string(data), "| P0 | Alert on checkout-api")
	if at < 0 {
		t.Fatal("fixture changed: no first action item")
	}
	data = append(data[:at:at], append([]byte(hostile), data[at:]...)...)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, _ := run(t, dir, nil, "2026-11-20-checkout-latency", "--format", "csv")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("%v: %s %s", err, out, errOut)
	}
	var found int
	for _, r := range rows[1:] {
		for i, cell := range r {
			if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
				t.Errorf("row %q, cell %d starts a formula: %q", r[0], i, cell)
			}
		}
		switch r[0] {
		case `'=HYPERLINK("http://evil.example","x")`:
			found++
			if r[1] != "'=P1" || r[4] != "'@SUM(A1)" || !strings.HasPrefix(r[5], `'=HYPERLINK(`) {
				t.Errorf("the formula row: %q", r)
			}
		case "'+cmd /C calc!A0":
			found++
			if r[4] != "'-2+3" {
				t.Errorf("the second row: %q", r)
			}
		}
	}
	if found != 2 {
		t.Errorf("%d of the 2 hostile rows found:\n%s", found, out)
	}
}

// TestTerminalJapanese: the wider Japanese headers and states ("対応しない 2026-12-02") still fit 80
// columns: the status column is narrowed last.
func TestTerminalJapanese(t *testing.T) {
	dir := setup(t, tokyo+"language: ja\n")
	testrepo.WriteFile(t, dir, "postmortems/2026-11-20-ja.md", "---\ntitle: 決済の障害\nseverity: SEV-1\nstatus: Reviewed\nowner: 佐藤 美咲\nincident_date: 2026-11-20\n---\n\n"+
		"## アクションアイテム\n\n| 優先度 | アクション | 種別 | 担当 | 期日 | チケット | 状態 |\n| --- | --- | --- | --- | --- | --- | --- |\n"+
		"| P1 | カナリアでエラー率を見る仕組みを作る | process | 田中 由美子 | 2026-12-20 | OPS-125 | 対応しない 2026-12-02 |\n"+
		"| P0 | コネクションプールの上限を見直す | prevent | 佐藤 美咲 | 2026-11-23 | OPS-123 | 未完了 |\n")
	f, out, _ := cmdutil.TestFactory(dir, now, map[string]string{"COLUMNS": "80", "PM_LANG": "ja"})
	f.IO.OutTTY = true
	if err := actionsRun(&Options{F: f, Format: "table"}); err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(strings.TrimRight(out.String(), "\n"), "\n") {
		plain := strings.NewReplacer("\x1b[31m", "", "\x1b[1m", "", "\x1b[0m", "").Replace(l)
		if w := present.Width(plain); w > 80 {
			t.Errorf("line of %d columns: %q", w, plain)
		}
	}
	if !strings.Contains(out.String(), "対応しない") {
		t.Errorf("no state:\n%s", out)
	}
}

// TestTerminalFitsInBothLanguages: with Japanese cells and a Status column, the table fits 80 and 60
// columns in Japanese, whose headers are wider (優先度 is 6 columns, PRI 3), as in English: the room
// the headers take comes from the columns that can narrow, and the headers of the columns that do not
// narrow stay whole.
func TestTerminalFitsInBothLanguages(t *testing.T) {
	dir := setup(t, tokyo+"language: ja\n")
	testrepo.WriteFile(t, dir, "postmortems/2026-11-20-ja.md", "---\ntitle: 決済の障害\nseverity: SEV-1\nstatus: Reviewed\nowner: 佐藤 美咲\nincident_date: 2026-11-20\n---\n\n"+
		"## アクションアイテム\n\n| 優先度 | アクション | 種別 | 担当 | 期日 | チケット | 状態 |\n| --- | --- | --- | --- | --- | --- | --- |\n"+
		"| P1 | カナリアでエラー率を見る仕組みを作る | process | 田中 由美子 | 2026-12-20 | https://jira.example.com/browse/OPS-125 | 対応しない 2026-12-02 |\n"+
		"| P0 | コネクションプールの上限を見直す | prevent | 佐藤 美咲 | 2026/11/11（水） | 障害チケット-1234567 | 未完了 |\n"+
		"| P2 | 監視の閾値を見直す | process | 長谷川 健太郎 | 2026-12-01 | OPS-127 | 完了 2026-11-30 |\n")
	for _, lang := range []string{"ja", "en"} {
		for _, cols := range []int{80, 60} {
			f, out, _ := cmdutil.TestFactory(dir, now, map[string]string{"COLUMNS": strconv.Itoa(cols)})
			f.LangFlag = lang
			f.IO.OutTTY = true
			if err := actionsRun(&Options{F: f, Format: "table"}); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimRight(out.String(), "\n"), "\n")
			for _, l := range lines {
				plain := strings.NewReplacer("\x1b[31m", "", "\x1b[1m", "", "\x1b[0m", "").Replace(l)
				if w := present.Width(plain); w > cols {
					t.Errorf("%s, COLUMNS=%d: line of %d columns: %q", lang, cols, w, plain)
				}
			}
			header := map[string][]string{"ja": {"優先度", "期日"}, "en": {"PRI", "DUE"}}[lang]
			for _, h := range header {
				if !strings.Contains(lines[0], h) {
					t.Errorf("%s, COLUMNS=%d: the header lacks %s: %q", lang, cols, h, lines[0])
				}
			}
			if !strings.Contains(out.String(), "2026/11/11（水） ! ") {
				t.Errorf("%s, COLUMNS=%d: the overdue Due is cut:\n%s", lang, cols, out)
			}
		}
	}
}

// The ticket's Description is written in the postmortem's language, whatever the user's: the CSV's
// header stays the importer's English.
func TestDescriptionInThePostmortemsLanguage(t *testing.T) {
	dir := testrepo.FakeRoot(t)
	testrepo.CopyFiles(t, filepath.Join(dir, "postmortems"), filepath.Join("..", "..", "..", "testdata", "examples", "2026-09-03-checkout-delay-ja.md"))
	for _, lang := range []string{"en", "ja"} {
		out, errOut, _ := runLang(t, dir, lang, "--format", "csv")
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil || len(rows) < 2 {
			t.Fatalf("%s: %v %q %s", lang, err, out, errOut)
		}
		if strings.Join(rows[0], ",") != "Summary,Priority,Labels,Due date,Assignee,Description" {
			t.Errorf("%s: header %q", lang, rows[0])
		}
		if d := rows[1][5]; !strings.Contains(d, "種別: prevent\n") || !strings.Contains(d, "ポストモーテム: 2026-09-03-checkout-delay-ja") || strings.Contains(d, "Postmortem:") {
			t.Errorf("%s: description %q", lang, d)
		}
	}
}

// Action items of a postmortem whose incident date pm cannot read have no deadline but their Due
// dates: said, so that --overdue leaving them out is no surprise; a Due pm cannot read is marked.
func TestUnreadableIncidentDateIsSaid(t *testing.T) {
	dir := testrepo.FakeRoot(t)
	testrepo.WriteFile(t, dir, "postmortems/2026-10-02-b.md", "---\ntitle: B\nseverity: SEV-1\nstatus: Draft\nowner: a\n"+
		"incident_date: 2026/13/02\n---\n\n## Action Items\n\n| Priority | Action | Type | Owner | Due | Ticket |\n"+
		"| --- | --- | --- | --- | --- | --- |\n| P1 | Fix it | prevent | K | | |\n| P1 | And this | prevent | K | 11/30 | |\n")
	out, errOut, _ := run(t, dir, nil)
	if want := "pm: postmortems/2026-10-02-b.md: its incident_date cannot be read, so its action items' deadlines are their Due dates alone (pm lint postmortems/2026-10-02-b.md)\n"; errOut != want {
		t.Errorf("stderr %q, want %q", errOut, want)
	}
	if !strings.Contains(out, "11/30?") {
		t.Errorf("a Due pm cannot read is not marked:\n%s", out)
	}
}

// A blank row of an Action Items table ("|  |  |", left to fill in) is no item: pm actions lists the
// same items with it as without, in every format, each at its own line.
func TestBlankRowIsNoItem(t *testing.T) {
	dir := setup(t, tokyo)
	want, _, _ := run(t, dir, nil, "--format", "json")
	const name = "postmortems/2026-11-20-checkout-latency.md"
	doc := testrepo.ReadFile(t, dir, name)
	doc = strings.Replace(doc, "| --- | --- | --- | --- | --- | --- |\n", "| --- | --- | --- | --- | --- | --- |\n|  |  |  |  |  |  |\n", 1)
	doc = strings.Replace(doc, "| P2 | Document the pool settings", "| | | | | | |\n| P2 | Document the pool settings", 1)
	testrepo.WriteFile(t, dir, name, doc)
	out, errOut, code := run(t, dir, nil, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	got, was := decode(t, out), decode(t, want)
	if len(got) != len(was) {
		t.Fatalf("%d items with blank rows, %d without:\n%s", len(got), len(was), out)
	}
	for i := range got {
		if got[i].Action != was[i].Action || got[i].Priority != was[i].Priority {
			t.Errorf("item %d: %+v, want %+v", i, got[i], was[i])
		}
	}
	if got[0].Line != 30 {
		t.Errorf("first item at line %d, want 30 (below the blank row)", got[0].Line)
	}
}

// Action Items written as a list hold no item pm reads: said on stderr, not left to a silent "No
// action items.", in every format; a section with a table, or empty, says nothing.
func TestActionItemsAsListIsSaid(t *testing.T) {
	dir := testrepo.FakeRoot(t)
	testrepo.WriteFile(t, dir, "postmortems/2026-10-02-list.md", "---\ntitle: B\nseverity: SEV-1\nstatus: Draft\nowner: a\n"+
		"incident_date: 2026-10-02\n---\n\n## Action Items\n\n- P0: Call risk-svc before opening the transaction (Ana Souza)\n")
	testrepo.WriteFile(t, dir, "postmortems/2026-10-01-empty.md", "---\ntitle: A\nseverity: SEV-2\nstatus: Draft\nowner: a\n"+
		"incident_date: 2026-10-01\n---\n\n## Action Items\n\n<!-- none yet -->\n")
	want := "pm: postmortems/2026-10-02-list.md: its Action Items are written as a list, not as the table pm reads, so none of them is listed here (pm lint postmortems/2026-10-02-list.md)\n"
	for _, args := range [][]string{nil, {"--format", "json"}, {"--open"}, {"2026-10-02-list"}} {
		out, errOut, code := run(t, dir, nil, args...)
		if code != 0 || !strings.HasPrefix(errOut, want) || strings.Count(errOut, "pm: ") != 1 {
			t.Errorf("%v: exit %d, stderr %q, want %q first", args, code, errOut, want)
		}
		if strings.Contains(out, "Call risk-svc") {
			t.Errorf("%v: an item of the list listed:\n%s", args, out)
		}
	}
	out, errOut, _ := runLang(t, dir, "ja", "2026-10-02-list")
	if !strings.Contains(errOut, "アクションアイテムが箇条書きで書かれており") || strings.Contains(out, "Call") {
		t.Errorf("ja: stderr %q", errOut)
	}
}
