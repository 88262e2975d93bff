package postmortem

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/i18n"
)

const metaHead = "---\ntitle: T\nseverity: SEV-2\nstatus: Draft\nowner: a\nincident_date: 2026-11-20\n"

func TestParseMetadataFields(t *testing.T) {
	src := metaHead + `services: [api, "billing"]
tags: database
contributing_factors:
  - config change
  - 42
  -
related: [2026-11-01-db-outage]
recurrence_of: " 2026-10-02-api-down "
---
body
`
	d := Parse("a.md", []byte(src), nil)
	if len(d.Problems) != 0 {
		t.Fatalf("problems: %+v", d.Problems)
	}
	f := d.Fields
	want := Fields{Services: []string{"api", "billing"}, Tags: []string{"database"},
		ContributingFactors: []string{"config change", "42"}, Related: []string{"2026-11-01-db-outage"},
		RecurrenceOf: "2026-10-02-api-down"}
	got := Fields{Services: f.Services, Tags: f.Tags, ContributingFactors: f.ContributingFactors,
		Related: f.Related, RecurrenceOf: f.RecurrenceOf}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("fields = %+v\nwant %+v", got, want)
	}
	if !reflect.DeepEqual(f.List("tags"), []string{"database"}) || f.List("title") != nil {
		t.Errorf("List: %v %v", f.List("tags"), f.List("title"))
	}
	items := d.ListItems("contributing_factors")
	if len(items) != 2 || items[0] != (ListItem{"config change", 10, 5, 18}) || items[1] != (ListItem{"42", 11, 5, 7}) {
		t.Errorf("ListItems = %+v", items)
	}
	if items := d.ListItems("recurrence_of"); len(items) != 1 || items[0].Value != "2026-10-02-api-down" || items[0].Line != 14 {
		t.Errorf("ListItems(recurrence_of) = %+v", items)
	}
}

func TestParseMetadataEmpty(t *testing.T) {
	d := Parse("a.md", []byte(metaHead+"services: []\ntags:\nrelated: \"\"\n---\n"), nil)
	if len(d.Problems) != 0 || d.Fields.Services != nil || d.Fields.Tags != nil || d.Fields.Related != nil {
		t.Errorf("problems %+v, fields %+v", d.Problems, d.Fields)
	}
}

func TestParseMetadataWrongTypes(t *testing.T) {
	src := metaHead + "services: {name: api}\ntags:\n  - ok\n  - [nested]\n  - {a: b}\nrecurrence_of: [x, y]\n---\n"
	d := Parse("a.md", []byte(src), nil)
	var got []string
	for _, p := range d.Problems {
		got = append(got, p.Key+"@"+strconv.Itoa(p.Line)+":"+strconv.Itoa(p.Column)+" "+p.Message)
	}
	want := []string{
		"services@7:11 services must be a list of strings or one string, not a mapping",
		"tags@10:5 tags must list strings, not a list",
		"tags@11:5 tags must list strings, not a mapping",
		"recurrence_of@12:16 recurrence_of must be a single value, not a list",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !reflect.DeepEqual(d.Fields.Tags, []string{"ok"}) || d.Fields.Services != nil || d.Fields.RecurrenceOf != "" {
		t.Errorf("fields: %+v", d.Fields)
	}
	if ja := d.Problems[0].Msg.In(i18n.JA); !strings.Contains(ja, "マッピング") {
		t.Errorf("ja: %s", ja)
	}
}

func TestAddToList(t *testing.T) {
	tail := "status_history:\n  - status: Draft\n---\n# body\n"
	cases := []struct{ name, field, want string }{
		{"missing", "", "related:\n  - b\n"},
		{"empty flow", "related: []\n", "related:\n  - b\n"},
		{"empty flow with comment", "related: [] # ids\n", "related:  # ids\n  - b\n"},
		{"null", "related:\n", "related:\n  - b\n"},
		{"empty string", "related: \"\"\n", "related:\n  - b\n"},
		{"block", "related:\n    - a\n    - \"c d\"\n", "related:\n    - a\n    - \"c d\"\n    - b\n"},
		{"flow", "related: [a, 'c']  # x\n", "related: [a, 'c', b]  # x\n"},
		{"scalar", "related: a\n", "related: [a, b]\n"},
	}
	for _, c := range cases {
		src := metaHead + c.field + tail
		out, added, err := AddToList("a.md", []byte(src), "related", "b")
		if err != nil || !added {
			t.Errorf("%s: added %v, err %v", c.name, added, err)
			continue
		}
		if c.field == "" { // added at the end of the block
			if want := metaHead + "status_history:\n  - status: Draft\n" + c.want + "---\n# body\n"; string(out) != want {
				t.Errorf("%s: got\n%s\nwant\n%s", c.name, out, want)
			}
			continue
		}
		if want := metaHead + c.want + tail; string(out) != want {
			t.Errorf("%s: got\n%s\nwant\n%s", c.name, out, want)
		}
	}
	// CRLF files stay CRLF; a value already there is not added again.
	src := strings.ReplaceAll(metaHead+"related: []\n---\n", "\n", "\r\n")
	out, _, err := AddToList("a.md", []byte(src), "related", "x y")
	if err != nil || string(out) != strings.ReplaceAll(metaHead+"related:\n  - x y\n---\n", "\n", "\r\n") {
		t.Errorf("CRLF: %q %v", out, err)
	}
	again, added, err := AddToList("a.md", out, "related", "x y")
	if err != nil || added || string(again) != string(out) {
		t.Errorf("already there: added %v, err %v", added, err)
	}
	if _, _, err := AddToList("a.md", []byte(metaHead+"related: {a: b}\n---\n"), "related", "b"); err == nil {
		t.Error("a mapping: want an error")
	}
}
