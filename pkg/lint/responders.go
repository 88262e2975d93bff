package lint

import (
	"github.com/pm-tools/pm/pkg/i18n"
)

var respondersRule = Rule{
	ID:          "responders",
	Description: i18n.EN.T("rule.responders"),
	Help: "List the people who responded, at least 'Incident Commander: name' and 'Scribe: name' " +
		"(ja: 'インシデントコマンダー: 名前', '記録係: 名前'), then subject-matter experts and the customer liaison.",
	Default: DefaultCompleteness,
	Check: func(c *Context) {
		r := c.Content.Responders()
		if r.Section == nil {
			return
		}
		// The label to add is in the document's language, whatever the language of the message.
		docLang := i18n.EN
		if c.japanese() {
			docLang = i18n.JA
		}
		if !r.IncidentCommander {
			c.ReportNode(r.Section.Heading, LevelCompleteness, "responders.no-ic", docLang.T("responders.ic-label"))
		}
		if !r.Scribe {
			c.ReportNode(r.Section.Heading, LevelCompleteness, "responders.no-scribe", docLang.T("responders.scribe-label"))
		}
	},
}
