package lint

import (
	"regexp"
	"testing"
)

func TestIsDirectiveRuleMatchesThePattern(t *testing.T) {
	re := regexp.MustCompile(`^[a-z0-9-]+$`)
	for _, id := range []string{"", "a", "banned-word", "Rule", "x_y", "rule\n", "é", "-", "9", "a b", "timeline-order"} {
		if got, want := isDirectiveRule(id), re.MatchString(id); got != want {
			t.Errorf("isDirectiveRule(%q) = %v, want %v", id, got, want)
		}
	}
}
