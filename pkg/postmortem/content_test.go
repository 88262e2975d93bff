package postmortem

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestContentExample(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "examples", "2026-10-14-payment-api-timeouts.md"))
	if err != nil {
		t.Fatal(err)
	}
	c := Parse("a.md", src, nil).Content()
	items := c.ActionItems()
	if len(items) < 3 || items[0].Priority == "" || !items[0].HasTicket() || items[0].Line < 20 {
		t.Errorf("action items: %+v", items)
	}
	tl := c.Timeline()
	if tl == nil || len(tl.Rows) < 6 || tl.Rows[0].Time.Text == "" || tl.Rows[0].Event.Text == "" {
		t.Errorf("timeline: %+v", tl)
	}
	for _, key := range []string{"overview", "external-message", "internal-email", "root-cause"} {
		text, ok := c.Text(key)
		if !ok || strings.TrimSpace(text) == "" || strings.Contains(text, "<!--") {
			t.Errorf("section %s: %q", key, text)
		}
	}
}

func TestPlainText(t *testing.T) {
	src := "---\ntitle: x\n---\n## External Message\n\n<!-- guidance -->\n\nWe fixed it. See [the status page](https://status.example.com)\nfor details &amp; more.\n\n- one\n- two `code`\n\n1. first\n2. second\n"
	c := Parse("a.md", []byte(src), nil).Content()
	// A paragraph wrapped by the writer's editor reads as one line.
	want := "We fixed it. See the status page (https://status.example.com) for details & more.\n\n- one\n- two code\n\n1. first\n2. second"
	if got, _ := c.Text("external-message"); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	// Japanese joins without a space; a hard break stays a line break.
	ja := "---\ntitle: x\n---\n## 顧客向けメッセージ\n\n決済が最大71分\n遅れました。\nEnglish\nwords.  \nNew line\n"
	if got, _ := Parse("a.md", []byte(ja), nil).Content().Text("external-message"); got != "決済が最大71分遅れました。 English words.\nNew line" {
		t.Errorf("got %q", got)
	}
}

// HTML written as a block shows its text, as a mail reader shows the page; a task list keeps its
// boxes; a <br> is a line break.
func TestPlainTextOfHTMLAndTasks(t *testing.T) {
	src := "---\ntitle: x\n---\n## External Message\n\n<div align=\"center\">\n  We are sorry &amp; we fixed it.<br>\n  <b>Thanks</b> for waiting.\n</div>\n\n- [x] Fixed the pool\n- [ ] Add alerting\n\nOne<br>two.\n"
	want := "We are sorry & we fixed it.\nThanks for waiting.\n\n- [x] Fixed the pool\n- [ ] Add alerting\n\nOne\ntwo."
	if got, _ := Parse("a.md", []byte(src), nil).Content().Text("external-message"); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	// cells apart, and no code a browser would not show
	src = "---\ntitle: x\n---\n## External Message\n\n<table><tr><td>We had an out</td><td>age</td></tr></table>\n<style>p { color: red }</style>\n<script>alert(1)</script>\n"
	if got, _ := Parse("a.md", []byte(src), nil).Content().Text("external-message"); got != "We had an out age" {
		t.Errorf("table and code: got %q", got)
	}
	// the text after a script or style element is kept (its end tag was read as another start, and
	// everything after it dropped from the customer message)
	for _, body := range []string{
		"<div>\n<style>p{}</style>\n<p>Payments were not charged twice.</p>\n</div>\n",
		"<p>A</p>\n<script>x()</script>\n<p>Payments were not charged twice.</p>\n",
		"<div><script>x()</script><p>Payments were not charged twice.</p></div>\n",
		"<div><SCRIPT type=\"t\">x()</SCRIPT ><p>Payments were not charged twice.</p></div>\n",
	} {
		src = "---\ntitle: x\n---\n## External Message\n\nWe are sorry.\n\n" + body
		if got, _ := Parse("a.md", []byte(src), nil).Content().Text("external-message"); !strings.HasPrefix(got, "We are sorry.") || !strings.HasSuffix(got, "Payments were not charged twice.") {
			t.Errorf("after a script or style: got %q from %q", got, body)
		}
	}
	// a link keeps its address, as a Markdown one does
	src = "---\ntitle: x\n---\n## External Message\n\n<p>See <a class=\"x\" href=\"https://status.example.com/i/1\">the status page</a>.</p>\n"
	if got, _ := Parse("a.md", []byte(src), nil).Content().Text("external-message"); got != "See the status page (https://status.example.com/i/1)." {
		t.Errorf("link: got %q", got)
	}
}

func TestMarkdown(t *testing.T) {
	section := func(body, name string) (string, bool) {
		return Parse("a.md", []byte("---\ntitle: x\n---\n"+body), nil).Content().Markdown(name)
	}
	body := "# T\n\n## Overview\n\nIntro <!-- inline --> text.\n\n<!--\nguidance\n-->\n\n### Detail\n\n" +
		"```\n<!-- code -->\n## not a heading\n```\n\n## Impact\n\nnone\n"
	got, ok := section(body, "overview")
	want := "Intro  text.\n\n### Detail\n\n```\n<!-- code -->\n## not a heading\n```"
	if !ok || got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, ok := section("Summary\n=======\n\nsetext body\n\nImpact\n======\n\nx\n", "overview"); !ok || got != "setext body" {
		t.Errorf("setext: %q %v", got, ok)
	}
	if got, ok := section(body, "Impact"); !ok || got != "none" {
		t.Errorf("by heading: %q %v", got, ok)
	}
	if _, ok := section(body, "external-message"); ok {
		t.Error("found a section that is not there")
	}
}

func TestShortRowPositions(t *testing.T) {
	src := "---\ntitle: x\n---\n## Action Items\n\n| Priority | Action | Due | Ticket |\n|-|-|-|-|\n| P1 | fix |\n| P2 |\n"
	d := Parse("a.md", []byte(src), nil)
	a := d.Content().Actions()
	if a == nil || len(a.Rows) != 2 {
		t.Fatalf("rows: %+v", a)
	}
	for i, want := range []int{8, 9} {
		r := a.Rows[i]
		if len(r.Cells) != 4 {
			t.Errorf("row %d has %d cells, want the header's 4", i, len(r.Cells))
		}
		for j, c := range r.Cells {
			if line, _ := d.BodyPosition(c.Start); line != want {
				t.Errorf("row %d cell %d (%q) on line %d, want %d", i, j, c.Text, line, want)
			}
		}
		if line, col := d.BodyPosition(r.Ticket.Start); line != want || col != 3 {
			t.Errorf("row %d: ticket at %d:%d, want %d:3 (the row's first cell)", i, line, col, want)
		}
	}
}

func TestJapanese(t *testing.T) {
	cases := []struct {
		body      string
		ja, known bool
	}{
		{"## 概要\n\nx\n\n## 何が起きたか\n\ny\n", true, true},         // an alias in Japanese counts
		{"## Overview\n\n## 影響\n\n## Timeline\n", false, true}, // most headings are English
		{"## 概要\n\n## Impact\n", false, true},                  // a tie is not Japanese
		{"## 概要\n\n## 概要\n\n## Impact\n", false, true},         // a repeated section counts once
		{"# 決済の遅延\n\n本文\n", false, false},                      // no heading pm knows
	}
	for _, c := range cases {
		ja, known := Parse("a.md", []byte("---\ntitle: x\n---\n"+c.body), nil).Content().Japanese()
		if ja != c.ja || known != c.known {
			t.Errorf("%q: Japanese() = %v, %v; want %v, %v", c.body, ja, known, c.ja, c.known)
		}
	}
}

func TestSectionKey(t *testing.T) {
	for name, key := range map[string]string{
		"Contributing Factors": "root-cause", "Follow-ups": "action-items", "Customer Message": "external-message",
		"時系列": "timeline", "サマリー": "overview", "原因": "root-cause", "インシデントを引き起こした要因": "root-cause",
		"顧客向けメッセージ": "external-message", "How'd We Do?": "how-did-we-do", "How’d we do": "how-did-we-do",
		"  Summary  ": "overview", "Root Cause Analysis": "root-cause", "Incident Summary": "overview", "根本原因分析": "root-cause", "Root of the Problem": "", "Overviews": "", "": "",
		// numbering, emoji and punctuation around the words
		"7. Timeline": "timeline", "7) Timeline": "timeline", "1.2 Root cause": "root-cause", "VII. Impact": "impact",
		"iv) Resolution": "resolution", "７．タイムライン": "timeline", "⏱ Timeline": "timeline", "⏱️ Timeline ⏱️": "timeline",
		"Timeline:": "timeline", "What happened?!": "what-happened", "**Impact**": "impact", "Impact.": "impact",
		"5Timeline": "", "Timeline 2": "", "5 Whys": "",
	} {
		if got := SectionKey(name); got != key {
			t.Errorf("SectionKey(%q) = %q, want %q", name, got, key)
		}
	}

}

func TestHasTicket(t *testing.T) {
	src := "---\ntitle: x\n---\n## Action Items\n\n| Priority | Action | Ticket |\n|-|-|-|\n" +
		"| P1 | a | OPS-12 |\n| P1 | b | [the ticket](https://tracker.example.com/browse/12) |\n" +
		"| P1 | c | <https://tracker.example.com/12> |\n| P1 | d | #45 |\n| P1 | e | to be filed |\n| P1 | f | |\n" +
		"| P1 | g | http:// |\n| P1 | h | see https://x.example/1 |\n"
	c := Parse("a.md", []byte(src), nil).Content()
	// g: a scheme with no address names no ticket
	want := map[string]bool{"a": true, "b": true, "c": true, "d": true, "e": false, "f": false, "g": false, "h": true}
	items, rows := c.ActionItems(), c.Actions().Rows
	if len(items) != len(want) || len(rows) != len(want) {
		t.Fatalf("%d items, %d rows; want %d", len(items), len(rows), len(want))
	}
	for i, it := range items {
		// a link whose text is no ticket key counts: the item and the row give the same answer
		if it.HasTicket() != want[it.Action] || rows[i].HasTicket() != want[it.Action] {
			t.Errorf("%s (ticket %q): item %v, row %v; want %v", it.Action, it.Ticket, it.HasTicket(), rows[i].HasTicket(), want[it.Action])
		}
	}
}

// The timeline's columns are found by the names people give them, in either language, in any order.
func TestTimelineColumnNames(t *testing.T) {
	for _, header := range []string{
		"| 時刻 (JST) | 内容 | データリンク |",
		"| タイムスタンプ | 事象 | 出典 |",
		"| Time | What happened | Evidence |",
		"| When | Description | Source |",
		"| Timestamp | Events | References |",
	} {
		src := "---\ntitle: x\n---\n## Timeline\n\n" + header + "\n|-|-|-|\n| 09:14 JST | paged | [alert](https://a.example.com) |\n"
		tl := Parse("a.md", []byte(src), nil).Content().Timeline()
		if tl == nil || len(tl.Rows) != 1 {
			t.Fatalf("%s: timeline %+v", header, tl)
		}
		r := tl.Rows[0]
		if r.Time.Text != "09:14 JST" || r.Event.Text != "paged" || !r.Source.HasLink() {
			t.Errorf("%s: time %q, event %q, source %q", header, r.Time.Text, r.Event.Text, r.Source.Text)
		}
	}
	// Columns in another order.
	src := "---\ntitle: x\n---\n## Timeline\n\n| Link | Event | Time (UTC) |\n|-|-|-|\n| [a](https://a.example.com) | paged | 00:14 |\n"
	if r := Parse("a.md", []byte(src), nil).Content().Timeline().Rows[0]; r.Time.Text != "00:14" || r.Event.Text != "paged" || !r.Source.HasLink() {
		t.Errorf("reordered: %+v", r)
	}
}

// An item's state: with a Status column the column says, in either language; without one a ticket
// files it.
func TestActionItemState(t *testing.T) {
	src := "---\ntitle: x\n---\n## Action Items\n\n| Priority | Action | Ticket | Status |\n|-|-|-|-|\n" +
		"| P1 | a | OPS-1 | done |\n| P1 | b | OPS-2 | Won’t do |\n| P1 | c | OPS-3 | |\n| P1 | d | | 完了 |\n" +
		"| P1 | e | | 対応しない |\n| P1 | f | | 未完了 |\n| P1 | g | | OPEN |\n| P1 | h | | blocked |\n| P1 | i | | wont-do |\n"
	c := Parse("a.md", []byte(src), nil).Content()
	if !c.Actions().HasStatus {
		t.Fatal("the Status column is not found")
	}
	want := map[string]ActionState{"a": ActionDone, "b": ActionWontDo, "c": ActionOpen, "d": ActionDone,
		"e": ActionWontDo, "f": ActionOpen, "g": ActionOpen, "h": ActionOpen, "i": ActionWontDo}
	for _, it := range c.ActionItems() {
		if it.State() != want[it.Action] {
			t.Errorf("%s (status %q): %v, want %v", it.Action, it.Status, it.State(), want[it.Action])
		}
	}
	// the words Japanese trackers and teams write for the three states
	for in, want := range map[string]ActionState{"未着手": ActionOpen, "進行中": ActionOpen, "作業中": ActionOpen, "処理中": ActionOpen,
		"完了済み": ActionDone, "済": ActionDone, "済み": ActionDone, "処理済み": ActionDone, "解決済み": ActionDone,
		"対応不要": ActionWontDo, "見送り": ActionWontDo, "中止": ActionWontDo, "完了済み (2026-12-03)": ActionDone} {
		if st, ok := ParseActionState(in); !ok || st != want {
			t.Errorf("ParseActionState(%q) = %v, %v; want %v", in, st, ok, want)
		}
	}
	if _, ok := ParseActionState("blocked"); ok {
		t.Error(`"blocked" is read as a state`)
	}
	for in, want := range map[string]string{"done 2026-12-03": "2026-12-03", "完了 (2026-12-03)": "2026-12-03",
		"Won't do（2026-12-04）": "2026-12-04", "done": "", "2026-12-03": "", "done (2026-12-03": ""} {
		it := ActionItem{Status: in, hasStatus: true}
		date, _ := it.StatusDate()
		if date != want {
			t.Errorf("StatusDate of %q = %q, want %q", in, date, want)
		}
	}
	if st, ok := ParseActionState("done (2026-12-03)"); !ok || st != ActionDone {
		t.Errorf("a dated state: %v, %v", st, ok)
	}
	// Without the column, a ticket means the tracker keeps the item's progress.
	src = "---\ntitle: x\n---\n## アクションアイテム\n\n| 優先度 | アクション | チケット |\n|-|-|-|\n| P1 | a | OPS-1 |\n| P1 | b | |\n"
	items := Parse("a.md", []byte(src), nil).Content().ActionItems()
	if len(items) != 2 || items[0].State() != ActionFiled || items[1].State() != ActionOpen {
		t.Errorf("without a Status column: %+v", items)
	}
	if !ActionDone.Closed() || !ActionWontDo.Closed() || ActionFiled.Closed() || ActionOpen.Closed() {
		t.Error("Closed is wrong")
	}
}

func TestActionItemsAcrossTables(t *testing.T) {
	src := "---\ntitle: T\n---\n\n## Action Items\n\n### Short term\n\n| Priority | Action | Ticket | Status |\n| --- | --- | --- | --- |\n| P0 | Fix | OPS-1 | done |\n\n" +
		"### Long term\n\n| Priority | Action | Owner |\n| --- | --- | --- |\n| P1 | Page | Ana |\n\n" +
		"Figures the items rest on:\n\n| Metric | Value |\n| --- | --- |\n| p99 | 2 s |\n\n" +
		"| Action | Note |\n| --- | --- |\n| not an item table | no priority, owner, due date or ticket |\n\n" +
		"### References\n\n| Description | Link | Owner |\n| --- | --- | --- |\n| Runbook | https://wiki.example.com/rb | Ana |\n\n## Next\n\n| Priority | Action |\n| --- | --- |\n| P1 | elsewhere |\n"
	c := Parse("a.md", []byte(src), nil).Content()
	if n := len(c.ActionTables()); n != 2 {
		t.Fatalf("%d action tables, want 2", n)
	}
	items := c.ActionItems()
	if len(items) != 2 || c.ActionRowCount() != 2 {
		t.Fatalf("items %+v, count %d", items, c.ActionRowCount())
	}
	if items[0].Action != "Fix" || items[0].State() != ActionDone || !items[0].HasStatusColumn() {
		t.Errorf("first table's item: %+v", items[0])
	}
	if items[1].Action != "Page" || items[1].Owner != "Ana" || items[1].HasStatusColumn() || items[1].State() != ActionOpen || items[1].Line != 17 {
		t.Errorf("second table's item: %+v (state %v)", items[1], items[1].State())
	}
	if c.Actions() != c.ActionTables()[0] {
		t.Error("Actions is not the first table")
	}
	// a first table is read whatever its header, as before
	one := Parse("a.md", []byte("---\ntitle: T\n---\n\n## Action Items\n\n| What | Who |\n| --- | --- |\n| a | b |\n"), nil).Content()
	if len(one.ActionTables()) != 1 || len(one.ActionItems()) != 1 {
		t.Errorf("a lone table: %+v", one.ActionItems())
	}
}

func TestWrittenImagesAndReferenceComments(t *testing.T) {
	for body, want := range map[string]bool{
		"![](graph.png)":                      true, // a graph without alt text is content
		"![p99 latency](graph.png)":           true,
		"[![](a.png)](https://x.example.com)": true,
		"- ![](a.png)":                        true,
		"[//]: # (to be written)":             false, // the comment Markdown has no syntax for
		"[//]: # \"to be written\"":           false,
		"<!-- guidance -->":                   false,
		"- Owner:":                            false,
	} {
		c := Parse("pm.md", []byte("---\ntitle: T\n---\n\n## Impact\n\n"+body+"\n\n## Next\n"), nil).Content()
		if got := c.Section("impact").Written(); got != want {
			t.Errorf("%q: written %v, want %v", body, got, want)
		}
	}
}

func TestEmptyLinksAreNoLink(t *testing.T) {
	src := "---\ntitle: T\n---\n\n## Action Items\n\n| Priority | Action | Ticket |\n| --- | --- | --- |\n" +
		"| P1 | a | [OPS-1]() |\n| P1 | b | [ticket](#) |\n| P1 | c | [ticket](https://t.example.com/1) |\n| P1 | d | <https://t.example.com/2> |\n"
	items := Parse("pm.md", []byte(src), nil).Content().ActionItems()
	var got []bool
	for _, it := range items {
		got = append(got, it.HasTicket())
	}
	// "[OPS-1]()" still names a key
	if len(got) != 4 || !got[0] || got[1] || !got[2] || !got[3] {
		t.Errorf("tickets %v", got)
	}
}

// TestColumnNamesAreLowerCase: Column compares the headers, lowered, with names as written, so every
// list of column names pm keeps is in lower case.
func TestColumnNamesAreLowerCase(t *testing.T) {
	for _, list := range [][]string{clockColumnNames, timeColumnNames, eventColumnNames} {
		for _, n := range list {
			if n != strings.ToLower(n) {
				t.Errorf("column name %q is not in lower case", n)
			}
		}
	}
	tb := &Table{Header: []string{"PRIORITY", "Action", "Type", "Owner", "Due Date", "JIRA", "Status (today)"}}
	c := actionColumnsOf(tb)
	if c.priority != 0 || c.action != 1 || c.kind != 2 || c.owner != 3 || c.due != 4 || c.ticket != 5 || c.status != 6 {
		t.Errorf("columns %+v", c)
	}
	tl := timelineOf(&Table{Header: []string{"Date", "TIME (UTC)", "What Happened", "Data Link"}})
	if tl.TimeColumn != 1 || tl.EventColumn != 2 || tl.SourceColumn != 3 {
		t.Errorf("timeline columns %+v", tl)
	}
}

func TestTablesInListsAndQuotes(t *testing.T) {
	src := "---\ntitle: T\n---\n\n## Action Items\n\n- Short term:\n\n  | Priority | Action | Ticket |\n  | --- | --- | --- |\n  | P0 | Fix | OPS-1 |\n\n" +
		"> | Priority | Action | Due |\n> | --- | --- | --- |\n> | P1 | Page | 2026-12-01 |\n\n## Timeline\n\n- Day 1\n\n  | Time (UTC) | Event |\n  | --- | --- |\n  | 09:10 | A |\n"
	c := Parse("pm.md", []byte(src), nil).Content()
	items := c.ActionItems()
	if len(items) != 2 || items[0].Action != "Fix" || items[1].Action != "Page" || items[1].Due != "2026-12-01" {
		t.Errorf("items %+v", items)
	}
	if tl := c.Timeline(); tl == nil || len(tl.Rows) != 1 || tl.Rows[0].Event.Text != "A" {
		t.Errorf("timeline %+v", tl)
	}
	if !c.Section("timeline").Written() || !c.Section("action-items").Written() {
		t.Error("a table in a list item is content")
	}
}

func TestJapaneseActionHeaders(t *testing.T) {
	src := "---\ntitle: T\n---\n\n## アクションアイテム\n\n| 優先度 | 対応内容 | 分類 | 担当者 | 期限 | チケット番号 | ステータス |\n| --- | --- | --- | --- | --- | --- | --- |\n" +
		"| Ｐ１ | アラートを追加 | 再発防止 | 伊藤 | 2026-12-04 | OPS-1 | 完了 |\n"
	items := Parse("pm.md", []byte(src), nil).Content().ActionItems()
	if len(items) != 1 || items[0].Action != "アラートを追加" || items[0].Ticket != "OPS-1" || items[0].Type != "再発防止" ||
		items[0].State() != ActionDone || items[0].PriorityKey() != "P1" {
		t.Errorf("items %+v", items)
	}
}

func TestFiguresBeforeTheItems(t *testing.T) {
	src := "---\ntitle: T\n---\n\n## Action Items\n\n| Metric | Before | After |\n| --- | --- | --- |\n| p99 | 2 s | 300 ms |\n\n" +
		"| Priority | Action | Ticket |\n| --- | --- | --- |\n| P1 | Alert on p99 | OPS-1 |\n"
	items := Parse("pm.md", []byte(src), nil).Content().ActionItems()
	if len(items) != 1 || items[0].Action != "Alert on p99" {
		t.Errorf("items %+v", items)
	}
	checkActionItemsOnly(t, "figures first", []byte(src))
}

// One rule for what is a ticket, the one pm actions sync reads: keys, links, #N and owner/repo#N.
func TestTicketForms(t *testing.T) {
	for cell, want := range map[string]bool{
		"OPS-123": true, "see OPS-123": true, "#12": true, "acme/api#12": true, "a/b#3": true,
		"https://jira.example.com/browse/OPS-1": true, "": false, "TBD": false, "-": false,
		"issue12": false, "a/b": false, "x#3": false, "ops-12": false,
	} {
		if got := isTicket(cell, false); got != want {
			t.Errorf("isTicket(%q) = %v, want %v", cell, got, want)
		}
	}
}

// One reading of a Priority cell for lint, the Closed gate and the internal email.
func TestPriorityKeyAndTicketAsked(t *testing.T) {
	for cell, want := range map[string]struct {
		key    string
		ticket bool
	}{
		"P1": {"P1", true}, "p0": {"P0", true}, "Ｐ１": {"P1", true}, "P1 (must)": {"P1", true},
		"P2": {"P2", false}, "P2 (nice to have)": {"P2", false}, "p 2": {"P2", false}, "P-2": {"P2", false}, "P10": {"P10", false},
		"": {"", true}, "Low": {"LOW", true}, "P1x": {"P1X", true}, "P01": {"P1", true}, "P00": {"P0", true},
	} {
		if k, a := PriorityKey(cell), TicketAsked(cell); k != want.key || a != want.ticket {
			t.Errorf("%q: key %q, ticket asked %v; want %q, %v", cell, k, a, want.key, want.ticket)
		}
	}
}

// A line break written as HTML in a cell (<br>, a table's only way to one) parts the words, as GitHub
// shows it: an action item's text is not "Rotate keysAudit access" in a tracker or an invitation.
func TestCellLineBreakParts(t *testing.T) {
	src := "---\ntitle: x\n---\n\n## Action Items\n\n| Priority | Action | Owner |\n| --- | --- | --- |\n| P1 | Rotate keys<br>Audit access<br/>now | A |\n"
	items := Parse("a.md", []byte(src), nil).Content().ActionItems()
	if len(items) != 1 || items[0].Action != "Rotate keys Audit access now" {
		t.Errorf("items %+v", items)
	}
}

// A comment's markers inside a code span are text: kept; a comment outside is removed.
func TestStripCommentsKeepsCodeSpans(t *testing.T) {
	in := "Use `<!-- keep -->` literally.<!-- drop -->\n"
	if got, want := strings.TrimSpace(stripComments(in)), "Use `<!-- keep -->` literally."; got != want {
		t.Errorf("stripComments = %q, want %q", got, want)
	}
}

// TestBlankRowsAreNoRows: a table row whose cells are all empty or spaces ("|  |  |  |", a row left
// to fill in) is no row to any reader: not a timeline row, not an action item, not content; a table
// of only such rows counts as empty. A row of a block quote or of a list item is read the same way,
// and a row with anything in a cell, past the header's cells too, is a row.
func TestBlankRowsAreNoRows(t *testing.T) {
	src := "---\ntitle: T\n---\n\n## Timeline\n\n| Time | Event | Data Link |\n| --- | --- | --- |\n|  |  |  |\n| 09:10 UTC | A | |\n|\t| |\n| 09:20 UTC | B | |\n|  |  |  |\n\n" +
		"## Action Items\n\n> | Priority | Action | Due |\n> | --- | --- | --- |\n> |  |  |  |\n> | P1 | Page | 2026-12-01 |\n> | | | | OPS-1 |\n\n" +
		"## Impact\n\n| What | Figure |\n| --- | --- |\n| | |\n|   |   |\n\n## Resolution\n\n- Steps:\n\n  | Step | Who |\n  | --- | --- |\n  |  |  |\n"
	c := Parse("pm.md", []byte(src), nil).Content()
	tl := c.Timeline()
	if tl == nil || len(tl.Rows) != 2 || tl.Rows[0].Event.Text != "A" || tl.Rows[1].Event.Text != "B" {
		t.Errorf("timeline rows %+v", tl)
	}
	items := c.ActionItems()
	if len(items) != 2 || items[0].Action != "Page" || items[0].Line != 20 || items[1].Action != "" || c.ActionRowCount() != 2 {
		t.Errorf("items %+v, count %d", items, c.ActionRowCount())
	}
	if c.Section("impact").Written() || c.Section("resolution").Written() {
		t.Error("a table of blank rows is content")
	}
	if !c.Section("timeline").Written() {
		t.Error("the timeline is not content")
	}
}

// A state dated as a Japanese team writes a day, as the Due column takes it, is that state on that
// day: read as no state, "完了 2026年12月4日" was an open item, overdue after its Due.
func TestActionStateDatedInJapaneseForms(t *testing.T) {
	for in, want := range map[string]string{"完了 2026年12月4日": "2026-12-04", "done 2026/12/04": "2026-12-04",
		"完了2026/12/4": "2026-12-04", "対応しない（２０２６／１２／０４）": "2026-12-04", "完了 (2026年12月4日)": "2026-12-04",
		"2026年12月4日": "", "完了 2026年13月4日": "", "完了 (2026/12/04": "", "done 12/04": ""} {
		it := ActionItem{Status: in, hasStatus: true}
		date, _ := it.StatusDate()
		if date != want {
			t.Errorf("StatusDate of %q = %q, want %q", in, date, want)
		}
		if _, ok := ParseActionState(in); ok != (want != "") {
			t.Errorf("ParseActionState(%q) read it: %v", in, ok)
		}
	}
	if st, _ := ParseActionState("完了 2026年12月4日"); st != ActionDone {
		t.Errorf("完了 2026年12月4日 is %v", st)
	}
	if st, _ := ParseActionState("対応しない（２０２６／１２／０４）"); st != ActionWontDo {
		t.Errorf("対応しない（２０２６／１２／０４） is %v", st)
	}
}
