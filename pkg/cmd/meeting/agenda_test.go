package meeting

import (
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/ical"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// agendaOf is the agenda of a document made of the front matter fields and body given.
func agendaOf(t *testing.T, fields, body string) string {
	t.Helper()
	doc := postmortem.Parse("postmortems/x.md", []byte("---\n"+fields+"---\n"+body), time.UTC)
	return agenda(agendaInput{Fields: &doc.Fields, X: doc.Content(), Link: "postmortems/x.md"})
}

// TestAgendaExternalMessage: the agenda holds the customer message as plain text, in English and
// in Japanese, says so in one line when it has no text, and leaves it out when there is none to send.
func TestAgendaExternalMessage(t *testing.T) {
	const en = "## Overview\n\nSlow.\n"
	const ja = "## 概要\n\n遅延。\n"
	external := "title: x\nseverity: SEV-2\nexternal_message: true\n"
	cases := []struct {
		name, fields, body string
		want               []string // in order, each right after the one before
		not                []string
	}{
		{"en", external, en + "## Messaging\n\n### External Message\n\n<!-- guidance -->\n\nSome **checkouts** failed; see [status](https://status.example.com).\n\nWe are sorry.\n",
			[]string{"6. Review the external message before it is published\n", "   Some checkouts failed; see status", "\n   \n   We are sorry."}, []string{"<!--", "**", "](", "has no text"}},
		{"en empty", external, en + "## Messaging\n\n### External Message\n\n<!-- write it here -->\n",
			[]string{"6. Review the external message before it is published\n   (the External Message section has no text yet)"}, []string{"<!--"}},
		{"en missing", external, en,
			[]string{"6. Review the external message before it is published\n   (the External Message section has no text yet)"}, nil},
		{"ja", external, ja + "## メッセージング\n\n### 対外メッセージ\n\n決済の一部が失敗しました。\n",
			[]string{"6. 対外メッセージの確認（公開前）\n   決済の一部が失敗しました。"}, nil},
		{"ja empty", external, ja + "## メッセージング\n\n### 対外メッセージ\n\n",
			[]string{"6. 対外メッセージの確認（公開前）\n   （対外メッセージのセクションはまだ空です）"}, nil},
		{"none to send", "title: x\nseverity: SEV-2\nexternal_message: false\n", en + "## Messaging\n\n### External Message\n\nDraft.\n",
			nil, []string{"6.", "Draft."}},
	}
	for _, c := range cases {
		got := agendaOf(t, c.fields, c.body)
		rest := got
		for _, w := range c.want {
			i := strings.Index(rest, w)
			if i < 0 {
				t.Errorf("%s: agenda lacks %q (in order):\n%s", c.name, w, got)
				break
			}
			rest = rest[i+len(w):]
		}
		for _, n := range c.not {
			if strings.Contains(got, n) {
				t.Errorf("%s: agenda holds %q:\n%s", c.name, n, got)
			}
		}
	}
}

// TestAgendaExternalMessageInTheInvitation: the message's text reaches the .ics escaped by
// iCalendar's rules, line breaks, commas and semicolons included, and decodes back to itself.
func TestAgendaExternalMessageInTheInvitation(t *testing.T) {
	desc := agendaOf(t, "title: x\nseverity: SEV-2\nexternal_message: true\n",
		"## Messaging\n\n### External Message\n\nA, B; C\\D\n\nNext paragraph.\n")
	cal := ical.Calendar{ProdID: prodID, Events: []ical.Event{{
		UID: "u", Stamp: now, Start: now, End: now.Add(time.Hour), Summary: "s", Description: desc,
	}}}
	data, err := cal.Encode()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.ReplaceAll(string(data), "\r\n ", ""), `   A\, B\; C\\D\n   \n   Next paragraph.`) {
		t.Errorf("the message is not escaped as TEXT:\n%s", data)
	}
	if got := text(t, parseICS(t, data), "DESCRIPTION"); got != desc {
		t.Errorf("DESCRIPTION decodes to\n%s\nwant\n%s", got, desc)
	}
}

// TestAgendaTimelineTables: a timeline split into tables is listed whole, each time of day with the
// zone its table's header names.
func TestAgendaTimelineTables(t *testing.T) {
	src := "---\ntitle: T\nseverity: SEV-2\nstatus: Draft\nowner: a\nincident_date: 2026-11-20\n---\n\n## Timeline\n\n" +
		"| Time (UTC) | Event |\n| --- | --- |\n| 23:14 | Errors rise |\n| 2026-11-20 23:50 JST | Paged |\n\n" +
		"| Time (JST) | Event |\n| --- | --- |\n| 08:55 | Recovered |\n"
	doc := postmortem.Parse("x.md", []byte(src), nil)
	got := agenda(agendaInput{Fields: &doc.Fields, X: doc.Content(), Link: "postmortems/x.md"})
	for _, want := range []string{"   - 23:14 (UTC)  Errors rise\n", "   - 2026-11-20 23:50 JST  Paged\n", "   - 08:55 (JST)  Recovered\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
}

// TestAgendaTimelineHeadingZone: a time of day under a heading that names the zone, after a colon
// or among words in parentheses, is listed with that zone, as pm lint reads it; a heading word that
// is no zone is not taken for one.
func TestAgendaTimelineHeadingZone(t *testing.T) {
	for heading, want := range map[string]string{
		"## Timeline (JST)":           "   - 08:55 (JST)  Recovered\n",
		"## Timeline: UTC":            "   - 08:55 (UTC)  Recovered\n",
		"## Timeline - all times UTC": "   - 08:55 (UTC)  Recovered\n",
		"## タイムライン（時刻はすべて日本時間）":            "   - 08:55 (日本時間)  Recovered\n",
		"## Timeline (draft, to be fixed)": "   - 08:55  Recovered\n",
	} {
		src := "---\ntitle: T\nseverity: SEV-2\nstatus: Draft\nowner: a\nincident_date: 2026-11-20\n---\n\n" + heading + "\n\n" +
			"| Time | Event |\n| --- | --- |\n| 08:55 | Recovered |\n"
		doc := postmortem.Parse("x.md", []byte(src), nil)
		if got := agenda(agendaInput{Fields: &doc.Fields, X: doc.Content(), Link: "postmortems/x.md"}); !strings.Contains(got, want) {
			t.Errorf("%s: no %q in\n%s", heading, want, got)
		}
	}
}

// TestAgendaTimelineDateColumn: a time of day beside a Date column is listed with its day (a blank
// Date cell carries the day above down, as lint reads it), not as a time of no day.
func TestAgendaTimelineDateColumn(t *testing.T) {
	src := "---\ntitle: T\nseverity: SEV-2\nstatus: Draft\nowner: a\nincident_date: 2026-11-20\n---\n\n## Timeline\n\n" +
		"| Date | Time (UTC) | Event |\n| --- | --- | --- |\n| 2026-11-20 | 13:50 | Errors rise |\n|  | 14:10 | Paged |\n| 2026-11-21 | 00:05 | Recovered |\n"
	doc := postmortem.Parse("x.md", []byte(src), nil)
	got := agenda(agendaInput{Fields: &doc.Fields, X: doc.Content(), Link: "postmortems/x.md"})
	for _, want := range []string{"   - 2026-11-20 13:50 (UTC)  Errors rise\n", "   - 2026-11-20 14:10 (UTC)  Paged\n", "   - 2026-11-21 00:05 (UTC)  Recovered\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
}
