package site

import "testing"

// TestHeadingIDsAreGitHubs: a heading's id is the one GitHub gives it, so that a link written for
// GitHub (#howd-we-do) leads to the heading on the site too.
func TestHeadingIDsAreGitHubs(t *testing.T) {
	for _, c := range []struct{ heading, id string }{
		{"Root Cause", "root-cause"},
		{"How'd We Do?", "howd-we-do"},
		{"What Didn't Go So Well?", "what-didnt-go-so-well"},
		{"v2.31 rollout", "v231-rollout"},
		{"C++ & Go", "c--go"},
		{"snake_case and kebab-case", "snake_case-and-kebab-case"},
		{"Überblick (DE)", "überblick-de"},
		{"根本原因 🔥", "根本原因-"},
		{"対応者・役割", "対応者役割"},
		{"🔥", "section"},
	} {
		if got := headingID(c.heading); got != c.id {
			t.Errorf("headingID(%q) = %q, want %q", c.heading, got, c.id)
		}
	}
}
