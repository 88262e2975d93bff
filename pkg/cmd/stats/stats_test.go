package stats

import (
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/internal/fold"
	"github.com/pm-tools/pm/pkg/internal/testrepo"
	"github.com/pm-tools/pm/pkg/stats"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/cmd/stats")

const fixtures = "../../../testdata/cmd/stats"

// now is 20 Dec 2026 in Tokyo, the fixtures' zone.
var now = time.Date(2026, 12, 20, 3, 0, 0, 0, time.UTC)

func setup(t *testing.T) string {
	t.Helper()
	dir := testrepo.FakeRoot(t)
	testrepo.CopyFiles(t, filepath.Join(dir, "postmortems"), filepath.Join(fixtures, "postmortems", "*.md"))
	testrepo.WriteFile(t, dir, ".pm.yaml", "timezone: Asia/Tokyo\n")
	return dir
}

func newCmd(f *cmdutil.Factory) testrepo.Command {
	cmd := NewCmdStats(f, nil)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	return cmd
}

func run(t *testing.T, dir string, env map[string]string, args ...string) (string, string, int) {
	t.Helper()
	f, _, _ := cmdutil.TestFactory(dir, now, env)
	return testrepo.Run(f, newCmd, args...)
}

func TestReport(t *testing.T) {
	dir := setup(t)
	out, errOut, code := run(t, dir, nil)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	testrepo.Golden(t, filepath.Join(fixtures, "report.golden"), []byte(out), *update)
	out, _, _ = run(t, dir, map[string]string{"LANG": "ja_JP.UTF-8"})
	testrepo.Golden(t, filepath.Join(fixtures, "report-ja.golden"), []byte(out), *update)
}

func TestJSON(t *testing.T) {
	out, _, code := run(t, setup(t), nil, "--format", "json")
	if code != 0 {
		t.Fatal(code)
	}
	var r stats.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	// SEV-1 of 2 Nov met its meeting deadline, the SEV-2 of 9 Nov missed it, the SEV-1 of 1 Oct was
	// never scheduled and the one of 18 Dec is still within its three business days.
	if r.Postmortems != 4 || r.BySeverity["SEV-1"] != 3 || r.ByMonth["2026-11"]["SEV-2"] != 1 ||
		r.MeetingSLA != (stats.MeetingSLA{Met: 1, Missed: 2, Pending: 1}) || r.Recurrences != 1 {
		t.Errorf("report %+v", r)
	}
	if r.DaysToReviewed != (stats.Durations{Median: 7.8, P90: 11, Count: 2}) || r.DaysToClosed.Count != 1 {
		t.Errorf("durations %+v %+v", r.DaysToReviewed, r.DaysToClosed)
	}
	if r.ActionItems != (stats.ActionItems{Total: 6, Done: 3, DoneByDeadline: 2, Overdue: 2, Open: 2, OldestOpenDays: 41}) {
		t.Errorf("action items %+v", r.ActionItems)
	}
}

func TestFilters(t *testing.T) {
	dir := setup(t)
	count := func(args ...string) int {
		t.Helper()
		out, errOut, code := run(t, dir, nil, append(args, "--format", "json")...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		var r stats.Report
		json.Unmarshal([]byte(out), &r)
		return r.Postmortems
	}
	for _, c := range []struct {
		args []string
		want int
	}{
		{nil, 4},
		{[]string{"--service", "Checkout"}, 2},
		{[]string{"--service", "dns", "--service", "search"}, 2},
		{[]string{"--tag", "deploy"}, 1},
		{[]string{"--sev", "2"}, 1},
		{[]string{"--sev", "sev1", "--sev", "2"}, 4},
		{[]string{"--since", "2026-11-02"}, 3},
		{[]string{"--since", "2026-11-03", "--until", "2026-12-01"}, 1},
		{[]string{"--until", "2026-10-01"}, 1},
	} {
		if got := count(c.args...); got != c.want {
			t.Errorf("%v: %d postmortems, want %d", c.args, got, c.want)
		}
	}
}

// TestFilterByAlias names a service by an alias .pm.yaml gives it, and by its name in capitals.
func TestFilterByAlias(t *testing.T) {
	dir := setup(t)
	testrepo.WriteFile(t, dir, ".pm.yaml", "timezone: Asia/Tokyo\nservices:\n  - name: checkout\n    aliases: [cart]\n  - payments\n  - search\n  - dns\n")
	for _, service := range []string{"cart", "CHECKOUT"} {
		out, errOut, code := run(t, dir, nil, "--service", service, "--format", "json")
		var r stats.Report
		if err := json.Unmarshal([]byte(out), &r); err != nil || code != 0 || r.Postmortems != 2 {
			t.Errorf("--service %s: exit %d, %d postmortems, %v %s", service, code, r.Postmortems, err, errOut)
		}
	}
}

func TestCSV(t *testing.T) {
	out, _, code := run(t, setup(t), nil, "--format", "csv")
	if code != 0 {
		t.Fatal(code)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 || strings.Join(rows[0], ",") != strings.Join(csvHeader, ",") {
		t.Fatalf("rows %q", rows)
	}
	want := "2026-11-09-payment-timeouts,postmortems/2026-11-09-payment-timeouts.md,SEV-2,Reviewed,2026-11-09," +
		"checkout;payments,missed,11,,2,0,0,2,2026-11-02-checkout-errors"
	if got := strings.Join(rows[2], ","); got != want {
		t.Errorf("row\n%s\nwant\n%s", got, want)
	}
}

func TestBadInput(t *testing.T) {
	dir := setup(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--since", "last week"}, `--since: "last week" is not a date (want YYYY-MM-DD, 2026/11/20 or 2026年11月20日)`},
		{[]string{"--since", "2026年11月20日(木)"}, `--since "2026年11月20日(木)": 2026-11-20 is a (金), not (木)`},
		{[]string{"--sev", "9"}, "--sev:"},
		// a filter nothing can pass is a mistake, not "0 postmortems"
		{[]string{"--since", "2026-12-01", "--until", "2026-11-01"}, "pm: --since 2026-12-01 is after --until 2026-11-01: no incident is in both\n"},
		{[]string{"--service", ""}, "pm: --service \"\": give a name; an empty one matches no postmortem\n"},
		{[]string{"--service", "checkout", "--tag", " "}, "pm: --tag \"\": give a name; an empty one matches no postmortem\n"},
		{[]string{"--format", "xml"}, "xml"},
		{[]string{"extra"}, `stats takes no arguments, got "extra"`},
	} {
		out, errOut, code := run(t, dir, nil, c.args...)
		if code != 2 || out != "" || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and %q", c.args, code, out, errOut, c.want)
		}
	}
	// Outside a repository's postmortem folder, as pm list.
	if _, _, code := run(t, testrepo.FakeRoot(t), nil); code != 2 {
		t.Errorf("no postmortem folder: exit %d, want 2", code)
	}
}

// --since and --until take the forms pm new --date takes, as a Japanese team types a day: the
// same postmortems as the ISO form.
func TestDateFlagsInJapaneseForms(t *testing.T) {
	dir := setup(t)
	want, _, code := run(t, dir, nil, "--since", "2026-11-05", "--until", "2026-11-30", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, args := range [][]string{{"--since", "2026/11/05", "--until", "2026年11月30日"}, {"--since", "２０２６年１１月５日（木）", "--until", "2026/11/30(Mon)"}} {
		got, errOut, code := run(t, dir, nil, append(args, "--format", "json")...)
		if code != 0 || got != want {
			t.Errorf("%v: exit %d, %s\n%s\nwant\n%s", args, code, errOut, got, want)
		}
	}
}

// TestImplausibleHistoryLeftOut: a postmortem whose history is dated before the incident and after
// now has those entries left out of the days, not folded into the medians (Go's saturated
// time.Duration made the year 9999 "106752 days"), with a note on stderr in the user's language.
func TestImplausibleHistoryLeftOut(t *testing.T) {
	dir := testrepo.FakeRoot(t)
	testrepo.WriteFile(t, dir, ".pm.yaml", "timezone: Asia/Tokyo\n")
	testrepo.WriteFile(t, dir, "postmortems/2026-11-20-x.md", "---\ntitle: X\nseverity: SEV-1\nstatus: Closed\nowner: a\n"+
		"incident_date: 2026-11-20\nstatus_history:\n"+
		"  - {status: In Review, at: \"1900-01-01T00:00:00Z\", by: a}\n"+
		"  - {status: Reviewed, at: \"1900-01-02T00:00:00Z\", by: a}\n"+
		"  - {status: Closed, at: \"9999-12-31T23:59:59Z\", by: a}\n---\n## Summary\n")
	testrepo.WriteFile(t, dir, "postmortems/2026-11-21-y.md", "---\ntitle: Y\nseverity: SEV-1\nstatus: Closed\nowner: a\n"+
		"incident_date: 2026-11-21\nstatus_history:\n"+
		"  - {status: Reviewed, at: \"2026-11-23T00:00:00+09:00\", by: a}\n"+
		"  - {status: Closed, at: \"2026-11-25T00:00:00+09:00\", by: a}\n---\n## Summary\n")
	for _, c := range []struct {
		env         map[string]string
		days, notes []string
	}{
		{nil, []string{"Days to Reviewed: median 2, 90th percentile 2 (n = 1)", "Days to Closed: median 4, 90th percentile 4 (n = 1)"},
			[]string{"pm: postmortems/2026-11-20-x.md: left 2 status_history entries out of the days to Reviewed and Closed: " +
				"dated before the incident or after now, or at a time pm cannot read (pm lint postmortems/2026-11-20-x.md)"}},
		{map[string]string{"LANG": "ja_JP.UTF-8"}, []string{"Reviewed までの日数: 中央値 2、90 パーセンタイル 2 (1 件)"},
			[]string{"pm: postmortems/2026-11-20-x.md: インシデントより前か現在より後の日時、または読めない日時になっている status_history の項目 2 件を、" +
				"Reviewed と Closed までの日数から除きました (pm lint postmortems/2026-11-20-x.md)"}},
	} {
		out, errOut, code := run(t, dir, c.env)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		for _, want := range c.days {
			if !strings.Contains(out, want) {
				t.Errorf("stdout lacks %q:\n%s", want, out)
			}
		}
		if want := strings.Join(c.notes, "\n") + "\n"; errOut != want {
			t.Errorf("stderr %q, want %q", errOut, want)
		}
	}
	// The JSON has the same figures, and the note stays on stderr.
	out, errOut, _ := run(t, dir, nil, "--format", "json")
	var r stats.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil || r.DaysToClosed != (stats.Durations{Median: 4, P90: 4, Count: 1}) || !strings.Contains(errOut, "left 2") {
		t.Errorf("json: %v %+v, stderr %q", err, r.DaysToClosed, errOut)
	}
}

// A postmortem whose front matter gives a figure's field in a form pm cannot read (an incident date
// 2026/13/02, a severity SEV-9) is counted, as pm list lists it, without that field, and said.
func TestUnreadableFieldsAreSaid(t *testing.T) {
	dir := testrepo.FakeRoot(t)
	testrepo.WriteFile(t, dir, ".pm.yaml", "timezone: Asia/Tokyo\n")
	testrepo.WriteFile(t, dir, "postmortems/2026-10-02-b.md", "---\ntitle: B\nseverity: SEV-9\nstatus: Draft\nowner: a\n"+
		"incident_date: 2026/13/02\n---\n## Summary\n")
	testrepo.WriteFile(t, dir, "postmortems/2026-10-03-c.md", "---\ntitle: C\nseverity: SEV-1\nstatus: Draft\nowner: a\n"+
		"incident_date: 2026-10-03\n---\n## Summary\n")
	// a status spelled otherwise than pm writes it is read: no note
	testrepo.WriteFile(t, dir, "postmortems/2026-10-04-d.md", "---\ntitle: D\nseverity: SEV-1\nstatus: in-review\nowner: a\n"+
		"incident_date: 2026-10-04\n---\n## Summary\n")
	out, errOut, code := run(t, dir, nil)
	want := "pm: postmortems/2026-10-02-b.md: counted without its severity, incident_date, which pm cannot read (pm lint postmortems/2026-10-02-b.md)\n"
	if code != 0 || errOut != want || !strings.Contains(out, "3 postmortems") {
		t.Errorf("exit %d, stderr %q, want %q\n%s", code, errOut, want, out)
	}
}

// A recurrence is counted under the vocabulary's name of its service, an alias and another case
// folded into it, as --service matches and pm site pages it.
func TestRecurrencesByTheVocabularysName(t *testing.T) {
	dir := setup(t)
	testrepo.WriteFile(t, dir, ".pm.yaml", "timezone: Asia/Tokyo\nservices:\n  - name: payments-api\n    aliases: [payments, 決済API]\n")
	out, errOut, code := run(t, dir, nil)
	if code != 0 || !strings.Contains(out, "payments-api 1") || strings.Contains(out, "payments 1") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
	out, _, _ = run(t, dir, nil, "--format", "csv")
	if !strings.Contains(out, ",checkout;payments-api,") {
		t.Errorf("csv:\n%s", out)
	}
}

// A front-matter key written twice (lint: duplicate key) gives no value pm reads: the postmortem is
// counted without it, as the note on stderr says — not under the first value, which another tool
// reading the last would contradict.
func TestDuplicatedKeysAreCountedAsTheNoteSays(t *testing.T) {
	dir := testrepo.FakeRoot(t)
	testrepo.WriteFile(t, dir, ".pm.yaml", "timezone: Asia/Tokyo\n")
	testrepo.WriteFile(t, dir, "postmortems/2026-10-02-x.md", "---\ntitle: X\nseverity: SEV-1\nseverity: SEV-2\n"+
		"status: Draft\nstatus: Closed\nowner: a\nincident_date: 2026-10-02\nincident_date: 2026-10-03\n---\n## Summary\n")
	out, errOut, code := run(t, dir, nil, "--format", "json")
	want := "pm: postmortems/2026-10-02-x.md: counted without its severity, incident_date, status, which pm cannot read (pm lint postmortems/2026-10-02-x.md)\n"
	if code != 0 || errOut != want {
		t.Fatalf("exit %d, stderr %q, want %q", code, errOut, want)
	}
	var r stats.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Postmortems != 1 || r.BySeverity["unknown"] != 1 || len(r.ByMonth) != 0 || r.MeetingSLA != (stats.MeetingSLA{}) {
		t.Errorf("counted with a duplicated value: %s", out)
	}
	for _, args := range [][]string{{"--sev", "1"}, {"--since", "2026-10-01"}} {
		if out, _, _ := run(t, dir, nil, args...); !strings.HasPrefix(out, "0 postmortems") {
			t.Errorf("%v matched a duplicated value:\n%s", args, out)
		}
	}
}

// A service name is one name however its letters are encoded: café composed (NFC), decomposed (NFD,
// as macOS writes file names and often text) and in capitals is one service in the figures and to
// --service, as it is to a reader.
func TestServiceNamesNormalised(t *testing.T) {
	nfc, nfd := "caf\u00e9", "cafe\u0301"
	dir := testrepo.FakeRoot(t)
	testrepo.WriteFile(t, dir, ".pm.yaml", "timezone: Asia/Tokyo\n")
	for i, svc := range []string{nfc, nfd, "CAF\u00c9", "CAFE\u0301"} {
		testrepo.WriteFile(t, dir, fmt.Sprintf("postmortems/2026-10-0%d-x.md", i+2), fmt.Sprintf("---\ntitle: X\nseverity: SEV-2\n"+
			"status: Draft\nowner: a\nincident_date: 2026-10-0%d\nservices: [%s]\nrecurrence_of: 2026-10-01-x\n---\n## Summary\n", i+2, svc))
	}
	// shown as most postmortems spell it, in the composed form: CAFÉ twice, café twice (once each)
	out, errOut, code := run(t, dir, nil)
	if code != 0 || !strings.Contains(out, "Recurrences: 4 (CAF\u00c9 4)\n") {
		t.Errorf("exit %d: %s\n%s", code, errOut, out)
	}
	out, _, _ = run(t, dir, nil, "--format", "csv")
	if strings.Count(out, ","+nfc+",") != 2 || strings.Count(out, ",CAF\u00c9,") != 2 {
		t.Errorf("csv services not in the composed form:\n%q", out)
	}
	for _, want := range []string{nfc, nfd, "Café"} {
		out, _, _ := run(t, dir, nil, "--service", want)
		if !strings.HasPrefix(out, "4 postmortems") {
			t.Errorf("--service %q:\n%s", want, out)
		}
	}
	// a vocabulary name written in the other form is still the name its spellings count under
	testrepo.WriteFile(t, dir, ".pm.yaml", "timezone: Asia/Tokyo\nservices:\n  - name: "+nfd+"-api\n    aliases: ["+nfd+"]\n")
	out, _, _ = run(t, dir, nil, "--service", nfc+"-API")
	if !strings.HasPrefix(out, "4 postmortems") || !strings.Contains(out, nfc+"-api 4") {
		t.Errorf("--service by the vocabulary's name in NFC:\n%s", out)
	}
}

// A blank row of an Action Items table ("|  |  |", left to fill in) is no item: not counted, open or
// otherwise.
func TestBlankActionRowsAreNotCounted(t *testing.T) {
	dir := setup(t)
	const name = "postmortems/2026-11-09-payment-timeouts.md"
	doc := testrepo.ReadFile(t, dir, name)
	delimiter := "| --- | --- | --- | --- | --- | --- | --- |\n"
	if !strings.Contains(doc, delimiter) {
		t.Fatal("no action item table in the fixture")
	}
	testrepo.WriteFile(t, dir, name, strings.Replace(doc, delimiter, delimiter+"|  |  |  |  |  |  |  |\n", 1)+"|  |  |  |  |  |  |  |\n")
	out, errOut, code := run(t, dir, nil, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r stats.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if r.ActionItems != (stats.ActionItems{Total: 6, Done: 3, DoneByDeadline: 2, Overdue: 2, Open: 2, OldestOpenDays: 41}) {
		t.Errorf("action items %+v", r.ActionItems)
	}
}

// TestOnceOfManyValues: a list longer than the few compared pairwise keeps the same values in the
// same order, each once (café composed, decomposed and in capitals is one), and is read in time
// linear in its length (a front matter of 20,000 services took over a minute).
func TestOnceOfManyValues(t *testing.T) {
	values := []string{" café", "cafe\u0301", "CAFÉ", "db", "DB", "net"}
	for i := range 20000 {
		values = append(values, fmt.Sprintf("svc%d", i%10000))
	}
	got := once(values)
	var want []string
	for _, v := range values[:6] {
		if !slices.ContainsFunc(want, func(o string) bool { return fold.Equal(o, v) }) {
			want = append(want, fold.Form(v))
		}
	}
	for i := range 10000 {
		want = append(want, fmt.Sprintf("svc%d", i))
	}
	if !slices.Equal(got, want) {
		t.Errorf("once: %d values %q…, want %d %q…", len(got), got[:min(5, len(got))], len(want), want[:5])
	}
}

// An incident is no recurrence of itself: a recurrence_of naming its own postmortem (the relations
// rule's error) is not counted as a recurrence, in the report or the CSV, and stderr says so.
func TestSelfRecurrenceIsNotCounted(t *testing.T) {
	dir := testrepo.FakeRoot(t)
	testrepo.WriteFile(t, dir, ".pm.yaml", "timezone: Asia/Tokyo\n")
	testrepo.WriteFile(t, dir, "postmortems/2026-10-02-a.md", "---\ntitle: A\nseverity: SEV-2\nstatus: Draft\nowner: a\n"+
		"incident_date: 2026-10-02\nservices: [checkout]\n---\n## Summary\n")
	testrepo.WriteFile(t, dir, "postmortems/2026-10-03-b.md", "---\ntitle: B\nseverity: SEV-2\nstatus: Draft\nowner: a\n"+
		"incident_date: 2026-10-03\nservices: [checkout]\nrecurrence_of: 2026-10-03-b\n---\n## Summary\n")
	testrepo.WriteFile(t, dir, "postmortems/2026-10-04-c.md", "---\ntitle: C\nseverity: SEV-2\nstatus: Draft\nowner: a\n"+
		"incident_date: 2026-10-04\nservices: [checkout]\nrecurrence_of: 2026-10-02-a\n---\n## Summary\n")
	out, errOut, code := run(t, dir, nil)
	want := "pm: postmortems/2026-10-03-b.md: recurrence_of names this postmortem itself, so it is not counted as a recurrence (pm lint postmortems/2026-10-03-b.md)\n"
	if code != 0 || errOut != want || !strings.Contains(out, "Recurrences: 1 (checkout 1)") {
		t.Errorf("exit %d, stderr %q, want %q\n%s", code, errOut, want, out)
	}
	out, _, _ = run(t, dir, nil, "--format", "csv")
	if !strings.Contains(out, "2026-10-03-b,postmortems/2026-10-03-b.md,SEV-2,Draft,2026-10-03,checkout,missed,,,0,0,0,0,\n") {
		t.Errorf("csv:\n%s", out)
	}
}
