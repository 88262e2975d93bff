package lint

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/pm-tools/pm/pkg/i18n"
)

// placeholderWords are the literal parts of placeholderRE: text without any of them cannot match, and
// bytes.Contains is far cheaper than running the regular expression on every text node.
var placeholderWords = [][]byte{[]byte("TODO"), []byte("TBD"), []byte("FIXME"), []byte("XXX"), []byte("??")}

func mayHavePlaceholder(b []byte) bool {
	for _, w := range placeholderWords {
		if bytes.Contains(b, w) {
			return true
		}
	}
	return false
}

var placeholderRE = regexp.MustCompile(`\b(TODO|TBD|FIXME|XXX)\b|\?\?`)

var placeholderRule = Rule{
	ID:          "placeholder",
	Description: i18n.EN.T("rule.placeholder"),
	Help: "Placeholders mean the postmortem is not finished. Replace them with what is known, or say plainly " +
		"what is still unknown and who is finding out. Code spans and code blocks are not checked.",
	Default: DefaultCompleteness,
	Check: func(c *Context) {
		for _, key := range []string{"title", "owner", "incident_commander"} {
			v := map[string]string{"title": c.Doc.Fields.Title, "owner": c.Doc.Fields.Owner, "incident_commander": c.Doc.Fields.IncidentCommander}[key]
			if m := placeholderRE.FindString(v); m != "" {
				c.ReportKey(key, LevelCompleteness, "placeholder.key", m, key)
			}
		}
		if !mayHavePlaceholder(c.Content.Src) {
			return
		}
		for _, run := range proseRuns(c.Content.Blocks(), c.Content.Src) {
			if !mayHavePlaceholder(run.Value) {
				continue
			}
			for _, m := range placeholderRE.FindAllIndex(run.Value, -1) {
				word := strings.TrimSpace(string(run.Value[m[0]:m[1]]))
				c.ReportBody(run.Start+m[0], run.Start+m[1], LevelCompleteness, "placeholder.text", word)
			}
		}
	},
}
