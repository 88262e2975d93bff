package lint

import (
	"path"
	"slices"
	"strings"
)

var relationsRule = Rule{
	ID: "relations",
	Help: "related lists the ids (file names without .md) of other postmortems of the repository, and " +
		"recurrence_of names the earlier postmortem this incident repeats. An id that names no postmortem, " +
		"or a postmortem named as its own recurrence or relation, is an error; a relation the other " +
		"postmortem does not list back is a warning. pm link A B writes both sides in one commit.",
	Default: DefaultMixed,
	Check: func(c *Context) {
		relations := c.Options().Relations
		f := &c.Doc.Fields
		if relations == nil || (len(f.Related) == 0 && f.RecurrenceOf == "") {
			return
		}
		self := docID(c.Doc.Path)
		known := c.Doc.Path != "-" // standard input (pm lint -): no file, so no id another could list
		for _, item := range c.Doc.ListItems("related") {
			switch exists, back := relations(item.Value); {
			case known && item.Value == self:
				c.ReportSpan(item.Line, item.Column, item.EndColumn, LevelError, "relations.self", "related")
			case !exists:
				c.ReportSpan(item.Line, item.Column, item.EndColumn, LevelError, "relations.missing", "related", item.Value)
			case known && !slices.Contains(back, self):
				c.ReportSpan(item.Line, item.Column, item.EndColumn, LevelWarning, "relations.one-way", item.Value, self)
			}
		}
		for _, item := range c.Doc.ListItems("recurrence_of") {
			if known && item.Value == self {
				c.ReportSpan(item.Line, item.Column, item.EndColumn, LevelError, "relations.self", "recurrence_of")
			} else if exists, _ := relations(item.Value); !exists {
				c.ReportSpan(item.Line, item.Column, item.EndColumn, LevelError, "relations.missing", "recurrence_of", item.Value)
			}
		}
	},
}

// docID is a postmortem's id as the repository knows it: its file name without .md.
func docID(p string) string {
	base := path.Base(strings.ReplaceAll(p, `\`, "/"))
	if n := len(base) - len(".md"); n > 0 && strings.EqualFold(base[n:], ".md") {
		return base[:n] // .md in any case, as project.ID
	}
	return base
}
