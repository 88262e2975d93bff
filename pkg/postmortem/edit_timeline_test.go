package postmortem

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

var jst = time.FixedZone("JST", 9*3600)

// whenJST reads the times these tests write: "2026-11-20 09:14 JST" or "… +09:00".
func whenJST(s string) (time.Time, bool) {
	s = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(s), " JST"), " +09:00")
	t, err := time.ParseInLocation("2006-01-02 15:04", s, jst)
	return t, err == nil
}

func add(hhmm, event, link string) TimelineAddition {
	at, _ := time.ParseInLocation("2006-01-02 15:04", "2026-11-20 "+hhmm, jst)
	return TimelineAddition{At: at, Time: "2026-11-20 " + hhmm + " +09:00", Event: event, Link: link}
}

const timelineDoc = "---\ntitle: T\nstatus: Draft\n---\n\n# T\n\n## Timeline\n\n" +
	"| Time | Event | Data Link |\n|---|---|---|\n" +
	"| 2026-11-20 09:20 JST | Pool wait up | [g](https://g/1) |\n" +
	"| sometime | Hand-written row pm cannot date | |\n" +
	"| 2026-11-20 09:50 JST | Back to normal | [g](https://g/2) |\n\n## Analysis\n\nText.\n"

var header = [3]string{"Time", "Event", "Data Link"}

func TestMergeTimelineOrdersAndSkipsDuplicates(t *testing.T) {
	rows := []TimelineAddition{
		add("09:55", "Resolved", "[pd](https://pd/1)"),
		add("09:10", "Deploy | 4.12 <b>", "[ci](https://ci/1)"),
		add("09:20", "Pool wait up", "[other](https://x)"), // the table has it: same minute, same words
		add("09:20", "Pool  wait\nup", "[other](https://x)"),
		add("09:30", "Rolled back", ""),
		add("09:10", "Deploy | 4.12 <b>", "[ci](https://ci/1)"), // twice among the new rows
	}
	out, added, err := MergeTimeline("pm.md", []byte(timelineDoc), rows, whenJST, header)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(timelineDoc, "|---|---|---|\n", "|---|---|---|\n| 2026-11-20 09:10 +09:00 | Deploy \\| 4.12 &lt;b> | [ci](https://ci/1) |\n", 1)
	want = strings.Replace(want, "| 2026-11-20 09:50 JST", "| 2026-11-20 09:30 +09:00 | Rolled back |  |\n| 2026-11-20 09:50 JST", 1)
	want = strings.Replace(want, "[g](https://g/2) |\n", "[g](https://g/2) |\n| 2026-11-20 09:55 +09:00 | Resolved | [pd](https://pd/1) |\n", 1)
	if string(out) != want {
		t.Errorf("merged:\n%s\nwant:\n%s", out, want)
	}
	if len(added) != 3 || added[0].Event != "Deploy | 4.12 <b>" || added[2].Event != "Resolved" {
		t.Errorf("added %+v", added)
	}
	// The new rows read back as written, and merging again changes nothing.
	tl := Parse("pm.md", out, nil).Content().Timeline()
	if tl == nil || len(tl.Rows) != 6 || tl.Rows[0].Event.Text != "Deploy | 4.12 <b>" {
		t.Fatalf("table after the merge: %+v", tl)
	}
	again, added, err := MergeTimeline("pm.md", out, rows, whenJST, header)
	if err != nil || string(again) != string(out) || len(added) != 0 {
		t.Errorf("second merge: %v, %d added:\n%s", err, len(added), again)
	}
}

func TestMergeTimelineKeepsCRLFAndAFileWithoutFinalNewline(t *testing.T) {
	doc := "---\ntitle: T\n---\n\n## Timeline\n\n| Time | Event |\n| - | - |\n| 2026-11-20 09:20 JST | A |"
	out, _, err := MergeTimeline("pm.md", []byte(doc), []TimelineAddition{add("09:30", "B", "[l](https://l)")}, whenJST, header)
	if err != nil {
		t.Fatal(err)
	}
	// the table has no Data Link column: the link has nowhere to go
	if string(out) != doc+"\n| 2026-11-20 09:30 +09:00 | B |" {
		t.Errorf("no final newline:\n%q", out)
	}
	crlf := strings.ReplaceAll(doc+"\n\n## Next\n", "\n", "\r\n")
	out, _, err = MergeTimeline("pm.md", []byte(crlf), []TimelineAddition{add("09:10", "Z", "")}, whenJST, header)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Replace(crlf, "| - | - |\r\n", "| - | - |\r\n| 2026-11-20 09:10 +09:00 | Z |\r\n", 1); string(out) != want {
		t.Errorf("CRLF:\n%q\nwant\n%q", out, want)
	}
}

func TestMergeTimelineMakesATable(t *testing.T) {
	doc := "---\ntitle: T\n---\n\n## Timeline\n\n<!-- oldest first -->\n\n\n### Before\n\nx\n"
	out, _, err := MergeTimeline("pm.md", []byte(doc), []TimelineAddition{add("09:10", "A", "")}, whenJST, [3]string{"時刻", "出来事", "データへのリンク"})
	if err != nil {
		t.Fatal(err)
	}
	want := "---\ntitle: T\n---\n\n## Timeline\n\n<!-- oldest first -->\n\n| 時刻 | 出来事 | データへのリンク |\n| --- | --- | --- |\n| 2026-11-20 09:10 +09:00 | A |  |\n\n### Before\n\nx\n"
	if string(out) != want {
		t.Errorf("made:\n%s", out)
	}
	_, _, err = MergeTimeline("pm.md", []byte("---\ntitle: T\n---\n\n## Overview\n"), []TimelineAddition{add("09:10", "A", "")}, whenJST, header)
	if !errors.Is(err, ErrNoSection) || !strings.Contains(err.Error(), "pm.md: ") {
		t.Errorf("no section: %v", err)
	}
}

func TestAddResponders(t *testing.T) {
	doc := "---\ntitle: T\n---\n\n## Responders\n\n* Incident Commander: Aiko Tanaka\n* Scribe:\n\n## Timeline\n"
	out, added, err := AddResponders("pm.md", []byte(doc), []string{"Aiko Tanaka", "Ben_Okafor", "佐藤 花子", "ben_okafor", " "})
	if err != nil {
		t.Fatal(err)
	}
	want := "---\ntitle: T\n---\n\n## Responders\n\n* Incident Commander: Aiko Tanaka\n* Scribe:\n* Ben\\_Okafor\n* 佐藤 花子\n\n## Timeline\n"
	if string(out) != want || strings.Join(added, ",") != "Ben_Okafor,佐藤 花子" {
		t.Errorf("added %q:\n%s", added, out)
	}
	r := Parse("pm.md", out, nil).Content().Responders()
	if !r.IncidentCommander || r.Scribe {
		t.Errorf("roles after the edit: %+v", r)
	}
	// a section with prose only gets a list of its own
	out, _, err = AddResponders("pm.md", []byte("---\ntitle: T\n---\n\n## Responders\n\nThe on-call team."), []string{"Ben"})
	if err != nil || string(out) != "---\ntitle: T\n---\n\n## Responders\n\nThe on-call team.\n\n- Ben\n" {
		t.Errorf("%v:\n%q", err, out)
	}
}

func TestAddActionCandidates(t *testing.T) {
	doc := "---\ntitle: T\n---\n\n## Action Items\n\n| Priority | Action |\n| --- | --- |\n| P1 | Alert |\n\n### Later\n"
	lines := []string{"| P1 | Load test --> pools |", "| P1 | Alert |"}
	out, added, err := AddActionCandidates("pm.md", []byte(doc), "Candidates -- pick", lines)
	if err != nil {
		t.Fatal(err)
	}
	want := "---\ntitle: T\n---\n\n## Action Items\n\n| Priority | Action |\n| --- | --- |\n| P1 | Alert |\n\n<!-- Candidates - - pick\n| P1 | Load test - -> pools |\n-->\n\n### Later\n"
	if string(out) != want || len(added) != 1 {
		t.Errorf("added %q:\n%s", added, out)
	}
	if items := Parse("pm.md", out, nil).Content().ActionItems(); len(items) != 1 {
		t.Errorf("the candidates became items: %+v", items)
	}
	again, added, err := AddActionCandidates("pm.md", out, "Candidates", lines)
	if err != nil || string(again) != string(out) || len(added) != 0 {
		t.Errorf("second time: %v, %q", err, added)
	}
}

func TestTimelineTables(t *testing.T) {
	doc := "---\ntitle: T\n---\n\n## Timeline\n\n### Day 1\n\n| Time | Event |\n| --- | --- |\n| 09:10 | A |\n\n" +
		"### Day 2\n\n| Time (UTC) | What happened | Data Link |\n| --- | --- | --- |\n| 01:00 | B | [x](https://x.example.com) |\n\n" +
		"| Metric | Value |\n| --- | --- |\n| errors | 12 |\n\n" +
		"### Earlier incidents\n\n| Date | Description |\n| --- | --- |\n| 2026-09-01 | the same pool ran dry |\n"
	c := Parse("pm.md", []byte(doc), nil).Content()
	tables := c.TimelineTables()
	if len(tables) != 2 || c.Timeline() != tables[0] {
		t.Fatalf("%d timeline tables", len(tables))
	}
	if r := tables[1].Rows; len(r) != 1 || r[0].Time.Text != "01:00" || r[0].Event.Text != "B" || !r[0].Source.HasLink() || tables[1].TimeHeader != "Time (UTC)" {
		t.Errorf("second table: %+v", tables[1])
	}
	// pm timeline import cannot tell which table a new row belongs in: it refuses, and writes nothing
	_, _, err := MergeTimeline("pm.md", []byte(doc), []TimelineAddition{add("09:20", "C", "")}, whenJST, header)
	if err == nil || err.Error() != "pm.md: the Timeline section has 2 tables; join them into one to add rows in time order" {
		t.Errorf("two tables: %v", err)
	}
}

// A Date column beside the time of day gives the rows their day: new rows go in order across
// midnight, and get their day in that column.
func TestMergeTimelineReadsAndWritesADateColumn(t *testing.T) {
	doc := "---\ntitle: T\nstatus: Draft\n---\n\n# T\n\n## Timeline\n\n" +
		"| Date | Time | Event |\n|---|---|---|\n" +
		"| 2026-11-20 | 23:50 | Alert fired |\n" +
		"| 2026-11-21 | 00:10 | Paged the DBA |\n\n## Analysis\n\nText.\n"
	at, _ := time.ParseInLocation("2006-01-02 15:04", "2026-11-21 00:05", jst)
	rows := []TimelineAddition{{At: at, Time: "2026-11-21 00:05 +09:00", Event: "Failover started"}}
	out, added, err := MergeTimeline("pm.md", []byte(doc), rows, whenJST, header)
	if err != nil || len(added) != 1 {
		t.Fatalf("%v, %d added", err, len(added))
	}
	want := strings.Replace(doc, "| 2026-11-21 | 00:10", "| 2026-11-21 | 2026-11-21 00:05 +09:00 | Failover started |\n| 2026-11-21 | 00:10", 1)
	if string(out) != want {
		t.Errorf("merged:\n%s\nwant:\n%s", out, want)
	}
	if again, added, err := MergeTimeline("pm.md", out, rows, whenJST, header); err != nil || string(again) != string(out) || len(added) != 0 {
		t.Errorf("second merge: %v, %d added", err, len(added))
	}
}

// Rows whose pipes take the document's tables past MaxEscapedPipes are refused by naming that
// bound, not as a change of the table's shape.
func TestMergeTimelinePastTheEscapedPipes(t *testing.T) {
	var rows []TimelineAddition
	for i := range MaxEscapedPipes + 10 {
		rows = append(rows, add(fmt.Sprintf("%02d:%02d", 10+i/60, i%60), fmt.Sprintf("[Alerting] 5xx | high %d", i), ""))
	}
	_, _, err := MergeTimeline("pm.md", []byte(timelineDoc), rows, whenJST, header)
	if err == nil || !strings.Contains(err.Error(), "escaped pipes") || strings.Contains(err.Error(), "shape") {
		t.Errorf("err = %v", err)
	}
	// within the bound, they are written
	if _, added, err := MergeTimeline("pm.md", []byte(timelineDoc), rows[:100], whenJST, header); err != nil || len(added) != 100 {
		t.Errorf("100 rows: %d added, %v", len(added), err)
	}
}

// A record's words are text, not Markdown: a Slack message or a CSV cell holding a link, an image,
// emphasis, code marks or a character reference shows them as written, never rendered (a bare
// address is still linked, as GFM links it: the link is the one the text shows).
func TestMergeTimelineWritesMarkupAsText(t *testing.T) {
	events := []string{
		"see [docs](https://evil.example/x)",
		"![px](https://evil.example/p.png)",
		"*emph* __strong__ _it_ ~~strike~~ `code`",
		"&lt;b&gt; &#60; &amp; AT&T db_pool_size",
		`back\slash [ref]: /r`,
	}
	var rows []TimelineAddition
	for i, e := range events {
		rows = append(rows, add(fmt.Sprintf("10:%02d", i), e, ""))
	}
	out, added, err := MergeTimeline("pm.md", []byte(timelineDoc), rows, whenJST, header)
	if err != nil || len(added) != len(events) {
		t.Fatalf("%d added, %v", len(added), err)
	}
	render := func(src []byte) string {
		var html strings.Builder
		c := Parse("pm.md", src, nil).Content()
		if err := HTMLRenderer().Render(&html, c.Src, c.AST); err != nil {
			t.Fatal(err)
		}
		return html.String()
	}
	before, html := render([]byte(timelineDoc)), render(out)
	for _, tag := range []string{">docs</a>", "<img", "<em>", "<strong>", "<del>", "<code>"} {
		if strings.Count(html, tag) != strings.Count(before, tag) {
			t.Errorf("%s in the new rows:\n%s\n%s", tag, out, html)
		}
	}
	d := Parse("pm.md", out, nil)
	tl := d.Content().Timeline()
	for i, e := range events {
		found := false
		for _, r := range tl.Rows {
			found = found || r.Event.Text == e
		}
		if !found {
			t.Errorf("event %d does not read back as %q:\n%s", i, e, out)
		}
	}
	if again, added, err := MergeTimeline("pm.md", out, rows, whenJST, header); err != nil || len(added) != 0 || string(again) != string(out) {
		t.Errorf("merging again added %d rows (%v)", len(added), err)
	}
}
