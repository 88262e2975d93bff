package lint

import (
	"regexp"
	"strings"
)

var (
	icLabelRE     = regexp.MustCompile(`(?im)^\s*(?:[-*+]\s*)?(?:\*\*)?(?:incident commander|ic|インシデントコマンダー|インシデント・コマンダー)(?:\*\*)?\s*[:：]\s*(?:\*\*)?\s*(\S.*)?$`)
	scribeLabelRE = regexp.MustCompile(`(?im)^\s*(?:[-*+]\s*)?(?:\*\*)?(?:scribe|記録係|書記)(?:\*\*)?\s*[:：]\s*(?:\*\*)?\s*(\S.*)?$`)
)

var respondersRule = Rule{
	ID:          "responders",
	Description: "the Responders section names the Incident Commander and the Scribe",
	Help: "List the people who responded, at least 'Incident Commander: name' and 'Scribe: name' " +
		"(ja: 'インシデントコマンダー: 名前', '記録係: 名前'), then subject-matter experts and the customer liaison.",
	Default: "draft: warning, later: error",
	Check: func(c *Context) {
		s := c.FindSection("responders")
		if s == nil {
			return
		}
		text := (&blockList{s.AllBlocks()}).text(c.Body)
		named := func(re *regexp.Regexp) bool {
			for _, m := range re.FindAllStringSubmatch(text, -1) {
				if strings.TrimSpace(strings.Trim(m[1], "*_ ")) != "" {
					return true
				}
			}
			return false
		}
		ja := c.japanese()
		if !named(icLabelRE) {
			label := "Incident Commander: name"
			if ja {
				label = "インシデントコマンダー: 名前"
			}
			c.ReportNode(s.Heading, LevelCompleteness, "Responders names no Incident Commander (add %q)", label)
		}
		if !named(scribeLabelRE) {
			label := "Scribe: name"
			if ja {
				label = "記録係: 名前"
			}
			c.ReportNode(s.Heading, LevelCompleteness, "Responders names no Scribe (add %q)", label)
		}
	},
}
