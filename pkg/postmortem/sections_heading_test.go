package postmortem

import "testing"

// TestHeadingSpacesAndNotes: a no-break or ideographic space is a space, and a note in parentheses
// after the words is not the section's name, so these headings name their sections.
func TestHeadingSpacesAndNotes(t *testing.T) {
	for heading, want := range map[string]string{
		"1\u3000概要":          NormalizeHeading("概要"),
		"１\u3000概要":          NormalizeHeading("概要"),
		"What\u00a0Happened": NormalizeHeading("What Happened"),
		"Timeline (JST)":     NormalizeHeading("Timeline"),
		"タイムライン（JST）":        NormalizeHeading("タイムライン"),
		"Root Cause(s)":      NormalizeHeading("Root Cause"),
		"(JST)":              "jst",
	} {
		if got := NormalizeHeading(heading); got != want {
			t.Errorf("NormalizeHeading(%q) = %q, want %q", heading, got, want)
		}
	}
}

// TestLooseSectionKeys: headings written the other ways people write them still name the section.
func TestLooseSectionKeys(t *testing.T) {
	for name, want := range map[string]string{
		"Ⅰ．概要":            "overview",
		"①概要":             "overview",
		"一、概要":            "overview",
		"第1章 概要":          "overview",
		"第二章　根本原因":        "root-cause",
		"概　要":             "overview",
		"ＯＶＥＲＶＩＥＷ":        "overview",
		"Overview / 概要":   "overview",
		"タイムライン／Timeline": "timeline",
		"一覧":              "",
		"十分な監視":           "",
		"What Went Well?": "went-well",
		"Notes / Misc":    "",
		// the names other templates give, and a note after a colon or a dash
		"Incident Timeline":         "timeline",
		"Timeline of events":        "timeline",
		"Timeline - all times UTC":  "timeline",
		"Timeline: UTC":             "timeline",
		"タイムライン：JST":                "timeline",
		"Action items & follow-ups": "action-items",
		"Root Cause: a config push": "root-cause",
		"Notes: the timeline":       "",
		"Lessons - what we learned": "",
	} {
		if got := SectionKey(name); got != want {
			t.Errorf("SectionKey(%q) = %q, want %q", name, got, want)
		}
	}
}
