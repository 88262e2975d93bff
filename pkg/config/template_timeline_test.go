package config_test

import (
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/config"
)

func TestTemplateTimelineKeysParse(t *testing.T) {
	var lines []string
	take := false
	for _, l := range strings.Split(config.Template, "\n") {
		header := strings.HasPrefix(l, "# slack:") || strings.HasPrefix(l, "# timeline:") || strings.HasPrefix(l, "# site:")
		if header {
			take = true
		}
		if take && strings.HasPrefix(l, "#   ") || header {
			lines = append(lines, strings.TrimPrefix(l, "# "))
		}
	}
	cfg, err := config.Parse(config.FileName, []byte(strings.Join(lines, "\n")))
	if err != nil || cfg.Slack.WorkspaceURL != "https://acme.slack.com" || len(cfg.Timeline.TodoWords) != 6 || cfg.Site.UnsafeHTML {
		t.Fatalf("%v %+v\n%s", err, cfg, strings.Join(lines, "\n"))
	}
}
