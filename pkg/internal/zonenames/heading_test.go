package zonenames

import "testing"

// TestInHeading: the zone a heading's note names, among its words, and no zone for a word that is
// none, for two zones, or for a heading without a note.
func TestInHeading(t *testing.T) {
	for title, want := range map[string]string{
		"Timeline":                        "",
		"Timeline (JST)":                  "JST",
		"Timeline (utc)":                  "utc",
		"Timeline: UTC":                   "UTC",
		"Timeline - all times UTC":        "UTC",
		"Timeline – all times in JST":     "JST",
		"Timeline — UTC+9":                "UTC+9",
		"Timeline (all times +09:00)":     "+09:00",
		"Timeline (all times JST)":        "JST",
		"Timeline (times are Asia/Tokyo)": "Asia/Tokyo",
		"タイムライン：JST":                      "JST",
		"タイムライン（ＪＳＴ）":                     "JST",
		"タイムライン（時刻はすべて日本時間）":                "日本時間",
		"タイムライン（時刻はすべてJST）":                 "JST",
		"タイムライン（JST・日本時間）":                  "JST",
		"Timeline: 2026-11-20, times in PT": "PT",
		"Timeline (draft)":                  "",
		"Timeline - West region":            "",
		"Timeline: all times est.":          "",
		"Timeline (Plan Z)":                 "",
		"Timeline (day +1)":                 "",
		"Timeline (JST, UTC in brackets)":   "",
		"Timeline (Mars/Olympus)":           "",
		"Timeline (UTC+15)":                 "",
	} {
		if got := InHeading(title); got != want {
			t.Errorf("InHeading(%q) = %q, want %q", title, got, want)
		}
	}
}
