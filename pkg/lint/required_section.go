package lint

import (
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// requiredSections are the sections every postmortem needs, in template order.
var requiredSections = []string{"overview", "what-happened", "root-cause", "resolution", "impact", "responders", "timeline", "action-items"}

// required returns the required section keys for this document.
func (c *Context) required() []string {
	keys := requiredSections
	if c.Doc.Fields.ExternalMessage {
		keys = append(append([]string(nil), keys...), "external-message")
	}
	return keys
}

// japanese reports whether the document is written in Japanese (judged by its headings), so that
// messages can name the headings the writer uses.
func (c *Context) japanese() bool {
	ja, _ := c.Content.Japanese()
	return ja
}

func (c *Context) headingName(key string) string {
	info := postmortem.SectionInfo(key)
	if c.japanese() {
		return `"` + info.En + `" (` + info.Ja + `)`
	}
	return `"` + info.En + `"`
}

var requiredSectionRule = Rule{
	ID:          "required-section",
	Description: i18n.EN.T("rule.required-section"),
	Help: "Required sections: Overview, What Happened, Root Cause, Resolution, Impact, Responders, Timeline, " +
		"Action Items, and External Message when external_message is true. Headings match case-insensitively, " +
		"in English or Japanese, and common aliases (Summary, Contributing Factors, Follow-ups, Customer Message, …) count. " +
		"A finding points at the heading the missing section belongs before (or the end of the file).",
	Default: DefaultError,
	Check: func(c *Context) {
		for _, key := range c.required() {
			if c.FindSection(key) != nil {
				continue
			}
			id := "section.missing"
			if key == "external-message" {
				id = "section.missing-ext"
			}
			if next := c.sectionAfter(key); next != nil {
				c.ReportNode(next.Heading, LevelError, id, c.headingName(key))
			} else {
				c.ReportLine(c.Doc.LastLine(), LevelError, id, c.headingName(key))
			}
		}
	},
}

// sectionAfter returns the first section present in the document that the template puts after key:
// the place where the missing section belongs.
func (c *Context) sectionAfter(key string) *postmortem.Section {
	after := false
	for _, n := range postmortem.SectionNames {
		if n.Key == key {
			after = true
			continue
		}
		if after {
			if s := c.FindSection(n.Key); s != nil {
				return s
			}
		}
	}
	return nil
}
