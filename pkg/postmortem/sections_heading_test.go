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
