package lint

import (
	"strings"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// actionLabel names an action item in a finding: its action, shortened.
func actionLabel(a postmortem.ActionRow) i18n.Msg {
	s := strings.TrimSpace(a.Action.Text)
	if r := []rune(s); len(r) > 40 {
		s = string(r[:39]) + "…"
	}
	if s == "" {
		return i18n.M("action.label-empty")
	}
	return i18n.M("action.label", s)
}
