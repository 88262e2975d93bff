package e2e

import (
	"fmt"
	"strings"
	"testing"
)

// A value of .pm.yaml that pm cannot use is refused by every command that reads the file, with the
// same error naming the file, the line and the key (exit 2): a command that went on without it
// would work by other settings than the team wrote.
func TestSettingsRefusedByEveryCommand(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, content string
		line          int
		msg           string
	}{
		{"unknown lint rule", "lint:\n  rules:\n    placehodler: off\n", 3, `unknown lint rule "placehodler"`},
		{"misspelt section of a banned word", "lint:\n  banned_words:\n    - word: blip\n      sections:\n        - Overview\n        - Extrenal Message\n", 6,
			`lint.banned_words.sections: no section pm knows is named "Extrenal Message" (did you mean "External Message"?)`},
		{"unknown section in flow style", "lint:\n  banned_words:\n    - {word: blip, sections: [Overview, Status Page]}\n", 3,
			`lint.banned_words.sections: no section pm knows is named "Status Page"`},
		{"repo_url with a space", "timezone: UTC\nrepo_url: \"https://github.com/a b/c\"\n", 2, `repo_url: want an http(s) address`},
		{"repo_url of javascript", "repo_url: \"javascript:alert(1)\"\n", 1, `repo_url: want an http(s) address`},
	}
	commands := [][]string{
		{"new", "--sev", "1", "--title", "x", "--date", "2026-11-20"},
		{"lint"},
		{"list"},
		{"stats"},
		{"status", "settings"},
		{"site", "--out", "out"},
		{"actions"},
		{"message", "internal", "settings"},
		{"audit"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, _ := withPostmortem(t, "settings")
			r.write(".pm.yaml", c.content)
			r.git("add", ".pm.yaml")
			r.git("commit", "-q", "-m", "settings")
			before := r.snapshot()
			for _, args := range commands {
				out, code := r.pmTimed(args...)
				refused(t, strings.Join(args, " "), out, code, []int{2}, fmt.Sprintf(".pm.yaml:%d: ", c.line), c.msg)
			}
			r.unchanged(before)
		})
	}
}
