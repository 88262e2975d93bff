package config_test

import (
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/config"
)

func TestParseSlackAndTimeline(t *testing.T) {
	cfg, err := config.Parse(config.FileName, []byte("slack:\n  workspace_url: https://acme.slack.com/\ntimeline:\n  todo_words: [TODO, \" 宿題 \"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Slack.WorkspaceURL != "https://acme.slack.com" {
		t.Errorf("workspace_url %q", cfg.Slack.WorkspaceURL)
	}
	if strings.Join(cfg.Timeline.TodoWords, ",") != "TODO,宿題" {
		t.Errorf("todo_words %q", cfg.Timeline.TodoWords)
	}
	def := config.Default()
	if def.Slack.WorkspaceURL != "" || def.Timeline.TodoWords != nil {
		t.Errorf("defaults %+v %+v", def.Slack, def.Timeline)
	}
	// an empty value keeps the default
	if cfg, err := config.Parse(config.FileName, []byte("slack:\ntimeline:\n  todo_words:\n")); err != nil || cfg.Timeline.TodoWords != nil {
		t.Errorf("empty values: %v, %+v", err, cfg)
	}

	for _, c := range []struct{ yaml, want string }{
		{"slack:\n  workspace_url: acme.slack.com\n", `.pm.yaml:2: slack.workspace_url: want the workspace's http(s) address such as https://acme.slack.com, got "acme.slack.com"`},
		{"slack:\n  workspace_url: https://acme.slack.com/archives/C1\n", `.pm.yaml:2: slack.workspace_url: want the workspace's http(s) address such as https://acme.slack.com, got "https://acme.slack.com/archives/C1"`},
		{"slack:\n  workspace_url: [a]\n", `.pm.yaml:2: slack.workspace_url: want a string, got a list`},
		{"slack:\n  url: https://acme.slack.com\n", `.pm.yaml:2: unknown key "url" in slack (known keys: workspace_url)`},
		{"slack: https://acme.slack.com\n", `.pm.yaml:1: slack: want a mapping of keys to values, got the string "https://acme.slack.com"`},
		{"timeline:\n  todo_words: TODO\n", `.pm.yaml:2: timeline.todo_words: want a list, got the string "TODO"`},
		{"timeline:\n  todo_words: [\"\"]\n", `.pm.yaml:2: timeline.todo_words: each item must be a non-empty string, got the string ""`},
		{"timeline:\n  words: []\n", `.pm.yaml:2: unknown key "words" in timeline (known keys: todo_words)`},
	} {
		_, err := config.Parse(config.FileName, []byte(c.yaml))
		if err == nil || err.Error() != c.want {
			t.Errorf("Parse(%q) error\n got: %v\nwant: %s", c.yaml, err, c.want)
		}
	}
}
