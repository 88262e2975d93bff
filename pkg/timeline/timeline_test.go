package timeline

import (
	"archive/zip"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the tests must not depend on the machine's zone files
	"unicode/utf16"
	"unicode/utf8"

	"github.com/pm-tools/pm/pkg/i18n"
)

var tokyo = time.FixedZone("JST", 9*3600)

// window is the default window of an incident on 2026-11-20 in Tokyo.
var window = Window{From: time.Date(2026, 11, 19, 0, 0, 0, 0, tokyo), To: time.Date(2026, 11, 22, 0, 0, 0, 0, tokyo)}

const fixtures = "../../testdata/timeline"

type row struct{ at, text, link string }

func rows(evs []Event) []row {
	var out []row
	for _, e := range evs {
		out = append(out, row{FormatTime(e.At, tokyo), e.Text, e.Link})
	}
	return out
}

func sameRows(t *testing.T, what string, got []Event, want []row) {
	t.Helper()
	g := rows(got)
	if len(g) != len(want) {
		t.Fatalf("%s: %d rows, want %d:\n%q", what, len(g), len(want), g)
	}
	for i := range want {
		if g[i] != want[i] {
			t.Errorf("%s row %d:\n got %q\nwant %q", what, i, g[i], want[i])
		}
	}
}

func TestReadSlack(t *testing.T) {
	s, err := ReadSlack(filepath.Join(fixtures, "slack"), SlackOptions{Channels: []string{"#inc-checkout"}, Window: window,
		WorkspaceURL: "https://acme.slack.com/", TodoWords: DefaultTodoWords})
	if err != nil {
		t.Fatal(err)
	}
	link := func(ts string) string { return "https://acme.slack.com/archives/C01CHECKOUT/p" + ts }
	sameRows(t, "rows", s.Events, []row{
		{"2026-11-19 23:50 +09:00", "Ben Okafor: config change: payment DB pool size 100 -> 50", link("1795099800000100")},
		{"2026-11-20 09:13 +09:00", "PagerDuty: Triggered #1234: checkout 5xx > 5%", link("1795133620000100")},
		{"2026-11-20 09:14 +09:00", "Aiko Tanaka: checkout error rate is climbing, @here looking at the dashboard", link("1795133645000100")},
		{"2026-11-20 09:31 +09:00", "Ben Okafor: rolled back the pool config for @Aiko Tanaka | pool=100 & restarted", link("1795134660000100")},
		{"2026-11-20 09:40 +09:00", "佐藤 花子: [file: error-rate.png]", link("1795135200000100")},
		{"2026-11-20 09:52 +09:00", "佐藤 花子: エラー率が平常に戻りました。フォローアップ: 接続プールの監視を追加する", link("1795135920000100")},
	})
	if got := strings.Join(s.Responders, ", "); got != "Ben Okafor, Aiko Tanaka, 佐藤 花子" {
		t.Errorf("responders %q", got)
	}
	var todos []string
	for _, e := range s.Todos {
		todos = append(todos, e.Text)
	}
	want := "TODO: alert on pool wait time|エラー率が平常に戻りました。フォローアップ: 接続プールの監視を追加する|we should load test pool changes, see #general"
	if got := strings.Join(todos, "|"); got != want {
		t.Errorf("todos %q", got)
	}
	if s.Todos[0].Link != link("1795134000000100")+"?thread_ts=1795133645.000100&cid=C01CHECKOUT" {
		t.Errorf("a reply's permalink: %q", s.Todos[0].Link)
	}
}

func TestReadSlackThreadsAllAndMarker(t *testing.T) {
	dir := filepath.Join(fixtures, "slack")
	s, err := ReadSlack(dir, SlackOptions{Channels: []string{"inc-checkout"}, Window: window, Threads: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Events) != 7 || s.Events[3].Text != "Aiko Tanaka: TODO: alert on pool wait time" || s.Events[3].Link != "" {
		t.Errorf("--threads: %q", rows(s.Events))
	}
	if len(s.Todos) != 0 {
		t.Errorf("no todo words, yet todos %q", rows(s.Todos))
	}
	s, err = ReadSlack(dir, SlackOptions{Channels: []string{"inc-checkout"}, Window: window, All: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Events) != 7 || !strings.HasPrefix(s.Events[6].Text, "Ben Okafor: we should") {
		t.Errorf("--all: %q", rows(s.Events))
	}
	s, err = ReadSlack(dir, SlackOptions{Channels: []string{"inc-checkout"}, Window: window, Marker: ":white_check_mark:"})
	if err != nil {
		t.Fatal(err)
	}
	// pinned messages always count; the reaction only marks the 09:52 message
	if len(s.Events) != 4 || !strings.Contains(s.Events[3].Text, "エラー率") {
		t.Errorf("--marker: %q", rows(s.Events))
	}
	// an open window takes the messages of every day
	s, err = ReadSlack(dir, SlackOptions{Channels: []string{"inc-checkout", "general"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Events) != 9 || s.Events[0].Text != "Aiko Tanaka: deploy of checkout 4.12 started" || s.Events[8].LinkText != "Slack #inc-checkout" ||
		s.Events[7].Text != "Aiko Tanaka: lunch?" || s.Events[7].LinkText != "Slack #general" {
		t.Errorf("open window, two channels: %q", rows(s.Events))
	}
}

func TestReadSlackZip(t *testing.T) {
	zpath := filepath.Join(t.TempDir(), "export.zip")
	f, err := os.Create(zpath)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	root := filepath.Join(fixtures, "slack")
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		w, err := zw.Create("acme export/" + filepath.ToSlash(rel)) // in a folder, as a hand-made zip may be
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	})
	if err != nil || zw.Close() != nil || f.Close() != nil {
		t.Fatal(err)
	}
	s, err := ReadSlack(zpath, SlackOptions{Channels: []string{"inc-checkout"}, Window: window})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Events) != 6 || len(s.Responders) != 3 {
		t.Errorf("zip: %q, %q", rows(s.Events), s.Responders)
	}
}

func TestReadSlackErrors(t *testing.T) {
	base := filepath.Join(fixtures, "slack")
	copyExport := func(t *testing.T) string {
		dir := t.TempDir()
		if err := os.CopyFS(dir, os.DirFS(base)); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	cases := []struct {
		name, file, content, want string
	}{
		{"a day file cut short", "inc-checkout/2026-11-20.json", `[{"type":"message","ts":"1795133645.0001","text":"hi"`, "inc-checkout/2026-11-20.json: malformed JSON"},
		{"a day file cut between messages", "inc-checkout/2026-11-20.json", `[{"type":"message","ts":"1795133645.0001","text":"hi"},`, "inc-checkout/2026-11-20.json: malformed JSON: unexpected EOF"},
		{"a day file cut after its bracket", "inc-checkout/2026-11-20.json", "[\n", "inc-checkout/2026-11-20.json: malformed JSON: unexpected EOF"},
		{"not an array", "channels.json", `{"id":"C1"}`, "channels.json: malformed JSON: want an array"},
		{"users not JSON", "users.json", "<html>\n</html>", "users.json: malformed JSON"},
		{"a bad ts", "inc-checkout/2026-11-19.json", `[{"type":"message","ts":"yesterday","text":"x"}]`, `inc-checkout/2026-11-19.json: message ts "yesterday" is not a Slack timestamp`},
		// a value of the wrong type names the message (its place in the file) and the field, in words
		{"a text that is a number", "inc-checkout/2026-11-19.json", "[{\"type\":\"message\",\n\"ts\":\"1.0\",\"text\":5}]", "inc-checkout/2026-11-19.json: message 1: text is a number, want a string"},
		{"a ts that is a number", "inc-checkout/2026-11-19.json", `[{"type":"message","ts":"1793492040.0001","text":"a"},{"type":"message","ts":1793492040.0001,"text":"b"}]`,
			"inc-checkout/2026-11-19.json: message 2: ts is a number, want a string"},
		{"a message that is null", "inc-checkout/2026-11-19.json", `[null]`, "inc-checkout/2026-11-19.json: message 1 is null, want an object"},
		{"a message that is a string", "inc-checkout/2026-11-19.json", `["hi"]`, "inc-checkout/2026-11-19.json: message 1 is a string, want an object"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := copyExport(t)
			if err := os.WriteFile(filepath.Join(dir, c.file), []byte(c.content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := ReadSlack(dir, SlackOptions{Channels: []string{"inc-checkout"}, Window: window})
			if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %v, want one line with %q", err, c.want)
			}
		})
	}
	if _, err := ReadSlack(base, SlackOptions{Channels: []string{"inc-payments"}}); err == nil || !strings.Contains(err.Error(), "no channel #inc-payments") {
		t.Errorf("unknown channel: %v", err)
	}
	if _, err := ReadSlack(filepath.Join(fixtures, "events.csv"), SlackOptions{Channels: []string{"x"}}); err == nil || !strings.Contains(err.Error(), "not a Slack export") {
		t.Errorf("a CSV file as an export: %v", err)
	}
}

func TestReadPagerDuty(t *testing.T) {
	f, err := os.Open(filepath.Join(fixtures, "pagerduty-pages.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pd, err := ReadPagerDuty(f, "pagerduty-pages.json", window)
	if err != nil {
		t.Fatal(err)
	}
	entry := func(n string) string { return "https://acme.pagerduty.com/incidents/PT4KHLK/log_entries/R00" + n }
	sameRows(t, "rows", pd.Events, []row{
		{"2026-11-20 09:13 +09:00", "Triggered: Triggered through the API.", entry("1")},
		{"2026-11-20 09:15 +09:00", "Acknowledged: Acknowledged by Aiko Tanaka.", entry("3")},
		{"2026-11-20 09:29 +09:00", "Note: Rolling back pool | size 50 -> 100", entry("4")},
		{"2026-11-20 09:30 +09:00", "Escalated: Escalated to Ben Okafor.", entry("5")},
		{"2026-11-20 09:55 +09:00", "Resolved: Resolved by Aiko Tanaka.", "https://acme.pagerduty.com/incidents/PT4KHLK"},
	})
	if pd.Incident != "PT4KHLK" {
		t.Errorf("incident %q", pd.Incident)
	}
	one, err := os.ReadFile(filepath.Join(fixtures, "pagerduty-page.json"))
	if err != nil {
		t.Fatal(err)
	}
	pd, err = ReadPagerDuty(strings.NewReader(string(one)), "page.json", Window{})
	if err != nil || len(pd.Events) != 2 {
		t.Errorf("one page: %v, %q", err, rows(pd.Events))
	}
	// a byte order mark before it (PowerShell's Out-File) is skipped, as in a CSV file
	bom, err := ReadPagerDuty(strings.NewReader("\ufeff"+string(one)), "page.json", Window{})
	if err != nil || !reflect.DeepEqual(rows(bom.Events), rows(pd.Events)) {
		t.Errorf("one page after a BOM: %v, %q", err, rows(bom.Events))
	}
	for _, bad := range []string{``, `{"log_entries": [{"type": "trigger_log_entry", "created_at": "noon"}]}`, `{"more": false}`,
		`[{"log_entries": []}, 3]`, `{"log_entries": {}}`, `{"log_entries": []} {}`, `"text"`, "{\"log_entries\": [\n{\"type\": 5}]}"} {
		_, err := ReadPagerDuty(strings.NewReader(bad), "pd.json", Window{})
		if err == nil || !strings.HasPrefix(err.Error(), "pd.json: ") || strings.Contains(err.Error(), "\n") {
			t.Errorf("%q: error %v, want one line naming the file", bad, err)
		}
	}
	// a log cut short (copied while it was written) or with a syntax error says so, wherever it stops
	for _, c := range []struct{ in, want string }{
		{``, "pd.json: empty file: want PagerDuty log entries JSON"},
		{"{\"log_entries\":[\n", "pd.json: malformed JSON: unexpected EOF"},
		{`{"log_entries":`, "pd.json: malformed JSON: unexpected EOF"},
		{`{"log_entries":[{"type":"trigger_log_entry",`, "pd.json: malformed JSON: unexpected EOF"},
		{`{"log_entries":[],`, "pd.json: malformed JSON: unexpected EOF"},
		{`{"more":`, "pd.json: malformed JSON: unexpected EOF"},
		{`[{"log_entries":[]}`, "pd.json: malformed JSON: unexpected EOF"},
		{`[`, "pd.json: malformed JSON: unexpected EOF"},
		{`{"log_entries":[{"type":"x"]}`, "pd.json: malformed JSON: invalid character ']' after object key:value pair"},
		{`{"log_entries":[{"type":5}]}`, "pd.json: log entry 1: type is a number, want a string"},
		{`{"log_entries":[{"agent":"Aiko"}]}`, "pd.json: log entry 1: agent is a string, want an object"},
		{`{"log_entries":[{"type":"trigger_log_entry","created_at":"2026-11-20T00:10:00Z"},{"created_at":1793492040}]}`,
			"pd.json: log entry 2: created_at is a number, want a string"},
		// an entry that is no object is said, not passed over as one of a kind pm leaves out
		{`{"log_entries":[null]}`, "pd.json: log entry 1 is null, want an object"},
		{`{"log_entries":[{"type":"x"},5]}`, "pd.json: log entry 2 is a number, want an object"},
		// an entry without its time, or with one pm cannot read, is named
		{`{"log_entries":[{"id":"R1","type":"trigger_log_entry","created_at":"2026-11-20T00:10:00Z"},{"id":"R6","type":"escalate_log_entry"}]}`,
			"pd.json: log entry 2 (escalate_log_entry, id R6) has no created_at: the export is incomplete"},
		{`{"log_entries":[{"type":"trigger_log_entry","created_at":"noon"}]}`,
			`pd.json: log entry 1 (trigger_log_entry): created_at "noon" is not an RFC 3339 time`},
	} {
		_, err := ReadPagerDuty(strings.NewReader(c.in), "pd.json", Window{})
		if err == nil || err.Error() != c.want {
			t.Errorf("%q: error %v, want %q", c.in, err, c.want)
		}
	}
	// in the user's language too
	for in, want := range map[string]string{
		`{"log_entries":[{"created_at":1793492040}]}`: "pd.json: ログエントリ 1: created_at が数値になっています。文字列が必要です",
		`{"log_entries":[null]}`:                      "pd.json: ログエントリ 1 が空の値（null）になっています。オブジェクトが必要です",
	} {
		_, err := ReadPagerDuty(strings.NewReader(in), "pd.json", Window{})
		if got := i18n.Text(i18n.JA, err); got != want {
			t.Errorf("%s: %q, want %q", in, got, want)
		}
	}
}

func TestReadCSV(t *testing.T) {
	f, err := os.Open(filepath.Join(fixtures, "events.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	evs, err := ReadCSV(f, "events.csv", tokyo, window)
	if err != nil {
		t.Fatal(err)
	}
	sameRows(t, "rows", evs, []row{
		{"2026-11-20 09:10 +09:00", "Deploy of checkout 4.12 finished", "https://ci.example.com/builds/812"},
		{"2026-11-20 09:45 +09:00", `Error rate back under 1%, "all clear"`, "https://grafana.example.com/d/checkout"},
		{"2026-11-20 10:00 +09:00", "Status page updated (no zone: team's zone)", ""},
	})
	if evs[0].LinkText != "ci.example.com" {
		t.Errorf("link text %q", evs[0].LinkText)
	}
	ja, err := os.ReadFile(filepath.Join(fixtures, "events-ja.csv"))
	if err != nil {
		t.Fatal(err)
	}
	evs, err = ReadCSV(strings.NewReader(string(ja)), "events-ja.csv", tokyo, window)
	if err != nil {
		t.Fatal(err)
	}
	// the header's zone (UTC) counts for the column
	sameRows(t, "Japanese", evs, []row{{"2026-11-20 09:20 +09:00", "接続プールの待ち時間が上昇", "https://grafana.example.com/d/pool"}})
	// as a spreadsheet saves it otherwise: semicolons where the comma is the decimal mark, and its
	// "Unicode text" (UTF-16, tabs)
	evs, err = ReadCSV(strings.NewReader("Time;Event\n2026-11-20 09:10;Deploy, then a rollback\n"), "x.csv", tokyo, window)
	if err != nil {
		t.Fatal(err)
	}
	sameRows(t, "semicolons", evs, []row{{"2026-11-20 09:10 +09:00", "Deploy, then a rollback", ""}})
	var u16 []byte
	for _, r := range "\ufeff時刻\t出来事\n2026-11-20 09:10\tデプロイ\n" {
		u16 = append(u16, byte(r), byte(r>>8))
	}
	evs, err = ReadCSV(strings.NewReader(string(u16)), "x.txt", tokyo, window)
	if err != nil {
		t.Fatal(err)
	}
	sameRows(t, "UTF-16", evs, []row{{"2026-11-20 09:10 +09:00", "デプロイ", ""}})
	// the day and the time of day in columns of their own, as spreadsheets keep them; a Date column
	// alone holds whole times
	for in, want := range map[string][]row{
		"Date,Time (UTC),Event\n2026-11-20,00:10,x\n,,\n2026-11-20,2026-11-20 00:20,y\n": {{"2026-11-20 09:10 +09:00", "x", ""}, {"2026-11-20 09:20 +09:00", "y", ""}},
		"日付,時刻,出来事\n2026/11/20,9時14分,デプロイ\n":                                             {{"2026-11-20 09:14 +09:00", "デプロイ", ""}},
		"Date,Event\n2026-11-20 09:30,z\n":                                               {{"2026-11-20 09:30 +09:00", "z", ""}},
	} {
		evs, err := ReadCSV(strings.NewReader(in), "x.csv", tokyo, window)
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		sameRows(t, in, evs, want)
	}
	if _, err := ReadCSV(strings.NewReader("Date,Time,Event\n2026-11-20,noon,x\n"), "x.csv", tokyo, window); err == nil ||
		!strings.Contains(err.Error(), `x.csv:2: "2026-11-20 noon" is not a time`) {
		t.Errorf("a time of day that is none: %v", err)
	}
	for _, c := range []struct{ in, want string }{
		{"", "x.csv: empty file"},
		{"when,what\n", ""},
		{"a,b\n1,2\n", "x.csv: the header row names no time and event columns"},
		{"time,event\nnoon,lunch\n", `x.csv:2: "noon" is not a time`},
		{"time,event\n2026-11-20 09:00,\n", "x.csv:2: the event is empty"},
		{"time,event\n2026-02-30 09:00,x\n", `x.csv:2: "2026-02-30 09:00" is not a time`},
		// UTF-16 without its byte-order mark: said so, not "not a text file"
		{"t\x00i\x00m\x00e\x00,\x00e\x00v\x00e\x00n\x00t\x00\n\x00", "x.csv: UTF-16 text without a byte-order mark"},
		{"\x00t\x00i\x00m\x00e\x00,\x00e\x00v\x00e\x00n\x00t\x00\n", "x.csv: UTF-16 text without a byte-order mark"},
		{"time,event\n2026-11-20 09:00,a\x00b\n", "x.csv: not a text file (a NUL byte at offset 29)"},
		// marked approximate, or a range: said as pm lint says it, not "not a time"
		{"時刻,出来事\n2026/11/20 9時14分頃,x\n", `x.csv:2: "2026/11/20 9時14分頃" is an approximate time or a range`},
		{"time,event\nabout 2026-11-20 09:14,x\n", `x.csv:2: "about 2026-11-20 09:14" is an approximate time or a range`},
		{"time,event\n2026-11-20 09:20~09:25,x\n", `x.csv:2: "2026-11-20 09:20~09:25" is an approximate time or a range`},
		{"time,event\n\"2026-11-20 09:00,x\n", "x.csv:"},
		{"Time (XYZ),Event\n2026-11-20 09:00,x\n", `x.csv: the header "Time (XYZ)" names a zone pm cannot read`},
		{"\"時刻（Asia/Tokio）\",出来事\n2026-11-20 09:00,x\n", `x.csv: the header "時刻（Asia/Tokio）" names a zone pm cannot read`},
		{"\"Time (local\ntime)\",Event\n", `x.csv: the header "Time (local\ntime)" names a zone pm cannot read`},
		{"\x8e\x9e\x8d\x8f,\x8fo\x97\x88\x8e\x96\n2026-11-20 09:00,x\n", "x.csv: line 1 is not UTF-8 text: save the file as CSV UTF-8"},
		{"time,event\n2026-11-20 09:00,\x83f\x83v\x83\x8d\x83C\n", "x.csv: line 2 is not UTF-8 text"},
	} {
		evs, err := ReadCSV(strings.NewReader(c.in), "x.csv", tokyo, Window{})
		if c.want == "" {
			if err != nil || len(evs) != 0 {
				t.Errorf("%q: %v, %q", c.in, err, rows(evs))
			}
			continue
		}
		if err == nil || !strings.HasPrefix(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%q: error %v, want one line starting %q", c.in, err, c.want)
		}
	}
}

// TestReadCSVHeaderZone checks that the zone of the time column's header counts for the times
// without one, written as pm lint reads it (an abbreviation, an offset or a zone name), and that a
// time's own zone wins over it.
func TestReadCSVHeaderZone(t *testing.T) {
	for _, c := range []struct{ header, want string }{
		{"Time (JST)", "2026-11-20 09:00 +09:00"},
		{"Time (UTC+9)", "2026-11-20 09:00 +09:00"},
		{"Time (Asia/Tokyo)", "2026-11-20 09:00 +09:00"},
		{"時刻（Asia/Tokyo）", "2026-11-20 09:00 +09:00"},
		{"Time (America/New_York)", "2026-11-20 23:00 +09:00"},
		{"Time (EST)", "2026-11-20 23:00 +09:00"},
		{"Time (UTC)", "2026-11-20 18:00 +09:00"},
		{"Time", "2026-11-20 18:00 +09:00"}, // loc, UTC here
		{"Time ()", "2026-11-20 18:00 +09:00"},
	} {
		in := "\"" + c.header + "\",Event\n2026-11-20 09:00,x\n2026-11-20 09:00 Asia/Tokyo,y\n"
		evs, err := ReadCSV(strings.NewReader(in), "x.csv", time.UTC, Window{})
		if err != nil {
			t.Errorf("%s: %v", c.header, err)
			continue
		}
		sameRows(t, c.header, evs, []row{{c.want, "x", ""}, {"2026-11-20 09:00 +09:00", "y", ""}})
	}
}

func TestParseTime(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"2026-11-20T00:14:00Z", "2026-11-20 09:14 +09:00"},
		{"2026-11-20 09:14 +09:00", "2026-11-20 09:14 +09:00"},
		{"2026-11-20 00:14 UTC", "2026-11-20 09:14 +09:00"},
		{"2026-11-19 19:14 EST", "2026-11-20 09:14 +09:00"},
		{"2026-11-20 09:14", "2026-11-20 09:14 +09:00"},
		{"2026/11/20 9:14:59", "2026-11-20 09:14 +09:00"},
		{"2026-11-20 03:14 UTC+6", "2026-11-20 06:14 +09:00"},
		{"2026-11-20 09:14 (JST)", "2026-11-20 09:14 +09:00"},
		{"2026-11-20 09:14 Asia/Tokyo", "2026-11-20 09:14 +09:00"},
		{"2026-11-19 19:14 America/New_York", "2026-11-20 09:14 +09:00"},
		{"2026-07-20 20:14 America/New_York", "2026-07-21 09:14 +09:00"}, // daylight saving time
		{"2026-11-20 02:14 EET", "2026-11-20 09:14 +09:00"},
		{"2026-11-20 05:44 +0530", "2026-11-20 09:14 +09:00"},
		// the Japanese forms, as pm lint reads them in a timeline
		{"2026年11月20日 9時14分", "2026-11-20 09:14 +09:00"},
		{"2026年11月20日(金) 00:14 UTC", "2026-11-20 09:14 +09:00"},
		{"2026年11月20日 9時", "2026-11-20 09:00 +09:00"},
		{"2026/11/20 午後3時 JST", "2026-11-20 15:00 +09:00"},
		{"2026/11/20 9時半 日本時間", "2026-11-20 09:30 +09:00"},
	} {
		got, ok := ParseTime(c.in, tokyo)
		if !ok || FormatTime(got, tokyo) != c.want {
			t.Errorf("ParseTime(%q) = %v, %v; want %s", c.in, got, ok, c.want)
		}
	}
	for _, bad := range []string{"", "09:14", "2026-11-20", "2026-13-01 00:00", "2026-11-20 24:00", "2026-11-20 09:14 Mars", "2026-11-20 09:14 +15:00",
		"2026-11-20 09:14 Mars/Olympus", "2026-11-20 09:14 asia/tokyo", "2026-11-20 09:14 Local", "2026-11-20 09:14 ../../etc/passwd",
		"2026-11-20 09:14 +09:", "9時14分", "2026年13月20日 9時14分", "2026年11月20日 9時間", "2026年11月20日 午後12時"} {
		if _, ok := ParseTime(bad, tokyo); ok {
			t.Errorf("ParseTime(%q) took it", bad)
		}
	}
	if got, err := ParseWindowTime("2026-11-20", tokyo); err != nil || !got.Equal(time.Date(2026, 11, 20, 0, 0, 0, 0, tokyo)) {
		t.Errorf("a date alone: %v, %v", got, err)
	}
}

func TestOneLine(t *testing.T) {
	if got := OneLine("a\n  b\tc \x1b[31mred\u0085"); got != "a b c [31mred" {
		t.Errorf("%q", got)
	}
	long := OneLine(strings.Repeat("あ", 400))
	if n := len([]rune(long)); n != MaxText || !strings.HasSuffix(long, "…") {
		t.Errorf("cut to %d runes: %q", n, long)
	}
	if s := strings.Repeat("x", MaxText); OneLine(s) != s {
		t.Errorf("a text of MaxText characters was cut")
	}
}

// TestOneLineCutsBetweenCharacters checks that a long text is cut between grapheme clusters: a cut
// inside one leaves half an emoji sequence, or a letter without one of its accents.
func TestOneLineCutsBetweenCharacters(t *testing.T) {
	for _, c := range []struct{ name, char string }{
		{"family emoji (ZWJ sequence)", "👩\u200d👩\u200d👧\u200d👦"},
		{"flags (regional indicator pairs)", "🇯🇵"},
		{"e and three combining accents", "e\u0301\u0302\u0303"},
		{"Hangul jamo", "\u1100\u1161\u11a8"},
		{"emoji with skin tone", "👍🏽"},
		{"e and nine accents", "e" + strings.Repeat("\u0301", 9)},
	} {
		got := OneLine(strings.Repeat(c.char, 2*MaxText))
		// MaxText characters and maxTextRunes code points at most, the ellipsis one of each
		keep := min(MaxText-1, (maxTextRunes-1)/utf8.RuneCountInString(c.char))
		if want := strings.Repeat(c.char, keep) + "…"; got != want {
			t.Errorf("%s: cut to %d code points, want %d characters and an ellipsis", c.name, len([]rune(got)), keep)
		}
	}
	// a text of MaxText characters, each of several code points, is whole
	if s := strings.Repeat("👍🏽", MaxText); OneLine(s) != s {
		t.Errorf("%d emoji with skin tones were cut", MaxText)
	}
	// one character of more code points than a row keeps is left out, not cut
	if got := OneLine("note " + "e" + strings.Repeat("\u0301", maxTextRunes)); got != "note…" {
		t.Errorf("one endless character: %q", got)
	}
}

// TestParseTimeRegionZones: pm timeline import reads a region's time (PT, ET) as pm lint does, summer
// or winter as the date has it.
func TestParseTimeRegionZones(t *testing.T) {
	for in, want := range map[string]string{
		"2026-07-01 09:35 PT": "2026-07-01T09:35:00-07:00",
		"2026-12-01 09:35 PT": "2026-12-01T09:35:00-08:00",
		"2026-07-01 08:01 ET": "2026-07-01T08:01:00-04:00",
	} {
		at, ok := ParseTime(in, time.UTC)
		if !ok || at.Format(time.RFC3339) != want {
			t.Errorf("ParseTime(%q) = %v, %v; want %s", in, at, ok, want)
		}
	}
}

// An alert bot's message with an empty text says what its attachments (their fallback, else title
// and text) or its Block Kit sections say: Datadog's and Grafana's alerts are the trigger rows.
func TestReadSlackAlertAttachmentsAndBlocks(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		t.Helper()
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("channels.json", `[{"id":"C1","name":"inc"}]`)
	write("users.json", `[]`)
	write("inc/2026-11-20.json", `[
 {"type":"message","subtype":"bot_message","username":"Datadog","ts":"1795132860.000100","text":"","attachments":[{"fallback":"Triggered: checkout 5xx > 5%"}]},
 {"type":"message","bot_id":"B2","bot_profile":{"name":"Grafana"},"ts":"1795132920.000100","text":"","blocks":[{"type":"section","text":{"type":"mrkdwn","text":"Alert firing: pool wait"}}]},
 {"type":"message","subtype":"bot_message","username":"PD","ts":"1795132980.000100","text":"","attachments":[{"title":"Resolved","text":"checkout"}]},
 {"type":"message","subtype":"bot_message","username":"AM","ts":"1795133040.000100","text":"","attachments":[{"blocks":[{"type":"section","text":{"type":"mrkdwn","text":"FIRING: HighLatency"}}]}]},
 {"type":"message","subtype":"bot_message","username":"Z","ts":"1795133100.000100","text":"","attachments":[{"author_name":"Zabbix","fields":[{"title":"Host","value":"db1"}]}]}]`)
	s, err := ReadSlack(dir, SlackOptions{Channels: []string{"inc"}, Window: window, All: true})
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, e := range s.Events {
		texts = append(texts, e.Text)
	}
	if got := strings.Join(texts, "|"); got != "Datadog: Triggered: checkout 5xx > 5%|Grafana: Alert firing: pool wait|PD: Resolved checkout|AM: FIRING: HighLatency|Z: Zabbix Host: db1" {
		t.Errorf("rows %q", got)
	}
}

// One string of more than 4 MiB in an export (a zip made to expand to gigabytes of one message) is
// refused at once, not held and decoded.
func TestReadSlackRefusesAHugeValue(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "inc"), 0o755)
	os.WriteFile(filepath.Join(dir, "channels.json"), []byte(`[{"id":"C1","name":"inc"}]`), 0o644)
	os.WriteFile(filepath.Join(dir, "users.json"), []byte(`[]`), 0o644)
	huge := `[{"type":"message","user":"U1","ts":"1795133645.0","text":"` + strings.Repeat("a", 5<<20) + `"}]`
	os.WriteFile(filepath.Join(dir, "inc", "2026-11-20.json"), []byte(huge), 0o644)
	_, err := ReadSlack(dir, SlackOptions{Channels: []string{"inc"}, Window: window, All: true})
	if err == nil || !strings.Contains(err.Error(), "a value longer than 4 MiB") {
		t.Errorf("%v", err)
	}
}

// A CSV's times are read as pm lint reads a timeline's: a 12-hour clock (2:14 PM), and an empty Date
// cell carrying the day above on, as a spreadsheet leaves it.
func TestReadCSVTwelveHourAndCarriedDay(t *testing.T) {
	src := "Date,Time (UTC),Event\n2026-11-20,2:14 PM,afternoon\n,11:05 p.m.,late\n,12:30 AM,just after midnight\n"
	evs, err := ReadCSV(strings.NewReader(src), "c.csv", tokyo, Window{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range evs {
		got = append(got, e.At.UTC().Format("2006-01-02 15:04"))
	}
	if strings.Join(got, ",") != "2026-11-20 14:14,2026-11-20 23:05,2026-11-20 00:30" { // in the file's order
		t.Errorf("times %v", got)
	}
	evs, err = ReadCSV(strings.NewReader("time,event\n2026-11-20 2:14 PM JST,x\n"), "a.csv", tokyo, Window{})
	if err != nil || len(evs) != 1 || evs[0].At.UTC().Format("15:04") != "05:14" {
		t.Errorf("%v %v", evs, err)
	}
	if _, err := ReadCSV(strings.NewReader("time,event\n2026-11-20 13:14 PM,x\n"), "b.csv", tokyo, Window{}); err == nil {
		t.Error("13:14 PM read as a time")
	}
}

// Excel's "Unicode text" (UTF-16, tab-separated) with an empty cell: the empty field is kept (a
// blank Date carries the day above on), not swallowed by the tab after it.
func TestReadCSVTabsKeepEmptyCells(t *testing.T) {
	tsv := "日付\t時刻 (JST)\t出来事\tリンク\r\n2026/11/20\t9:31\t共有\thttps://s/1\r\n\t9:41\t更新\thttps://s/2\r\n"
	u := utf16.Encode([]rune(tsv))
	b := []byte{0xff, 0xfe}
	for _, r := range u {
		b = append(b, byte(r), byte(r>>8))
	}
	evs, err := ReadCSV(bytes.NewReader(b), "u.txt", tokyo, Window{})
	if err != nil || len(evs) != 2 || evs[1].Text != "更新" || FormatTime(evs[1].At, tokyo) != "2026-11-20 09:41 +09:00" {
		t.Errorf("%v %+v", err, evs)
	}
}

// TestReadCSVDaylightSaving: a time without a zone that the clocks skip when summer time starts, or
// pass twice when it ends, names no one instant: refused with the line, not moved an hour (Go's
// time.Date read New York's 02:30 on 2026-03-08 as 01:30 EST). With a zone, or far from the window,
// it is read.
func TestReadCSVDaylightSaving(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	march := Window{From: time.Date(2026, 3, 7, 0, 0, 0, 0, ny), To: time.Date(2026, 3, 10, 0, 0, 0, 0, ny)}
	november := Window{From: time.Date(2026, 10, 31, 0, 0, 0, 0, ny), To: time.Date(2026, 11, 3, 0, 0, 0, 0, ny)}
	for _, c := range []struct {
		name, csv string
		w         Window
		err       string
	}{
		{"skipped", "time,event\n2026-03-08 01:30,a\n2026-03-08 02:30,b\n", march, `x.csv:3: "2026-03-08 02:30" does not exist in America/New_York`},
		{"repeated", "time,event\n2026-11-01 01:30,a\n", november, `x.csv:2: "2026-11-01 01:30" happens twice in America/New_York (a daylight saving change repeats it): add the offset you mean (-04:00 or -05:00)`},
		{"repeated, 12-hour beside a date", "date,time,event\n2026-11-01,1:30 AM,a\n", november, `x.csv:2: "2026-11-01 1:30 AM" happens twice`},
	} {
		t.Run(c.name, func(t *testing.T) {
			evs, err := ReadCSV(strings.NewReader(c.csv), "x.csv", ny, c.w)
			if err == nil || !strings.HasPrefix(err.Error(), c.err) {
				t.Errorf("got %v, %v; want the error %q", rows(evs), err, c.err)
			}
		})
	}
	evs, err := ReadCSV(strings.NewReader("time,event\n2026-03-08 02:30 -05:00,a\n2026-11-01 01:30 -04:00,b\n2026-03-08 03:30,c\n"), "x.csv", ny, Window{})
	if err != nil {
		t.Fatal(err)
	}
	sameRows(t, "with offsets", evs, []row{
		{"2026-03-08 16:30 +09:00", "a", ""},
		{"2026-11-01 14:30 +09:00", "b", ""},
		{"2026-03-08 16:30 +09:00", "c", ""},
	})
	if _, err := ReadCSV(strings.NewReader("time,event\n2026-11-01 01:30,a\n"), "x.csv", ny, march); err != nil {
		t.Errorf("a repeated time far from the window: %v", err)
	}
}

// TestReadPagerDutyLinksWebAddressesOnly: a log entry's html_url is data: a javascript: or file:
// address in it is no row's link; the incident's web address is taken instead, else none.
func TestReadPagerDutyLinksWebAddressesOnly(t *testing.T) {
	in := `{"log_entries": [
{"type": "trigger_log_entry", "created_at": "2026-11-20T00:13:00Z", "summary": "a", "html_url": "javascript:alert(1)",
 "incident": {"id": "P1", "html_url": "https://acme.pagerduty.com/incidents/P1"}},
{"type": "resolve_log_entry", "created_at": "2026-11-20T00:55:00Z", "summary": "b", "html_url": "file:///etc/passwd"},
{"type": "annotate_log_entry", "created_at": "2026-11-20T00:56:00Z", "summary": "c", "html_url": "https://acme.pagerduty.com/x"}]}`
	pd, err := ReadPagerDuty(strings.NewReader(in), "pd.json", Window{})
	if err != nil {
		t.Fatal(err)
	}
	sameRows(t, "rows", pd.Events, []row{
		{"2026-11-20 09:13 +09:00", "Triggered: a", "https://acme.pagerduty.com/incidents/P1"},
		{"2026-11-20 09:55 +09:00", "Resolved: b", ""},
		{"2026-11-20 09:56 +09:00", "Note: c", "https://acme.pagerduty.com/x"},
	})
	if pd.Events[1].LinkText != "PagerDuty log entry" {
		t.Errorf("link text %q", pd.Events[1].LinkText)
	}
}
