package lint

import (
	"github.com/pm-tools/pm/pkg/config"
)

var vocabularyRule = Rule{
	ID: "vocabulary",
	Help: "When .pm.yaml lists the services, tags or contributing factors a team uses, every value of those " +
		"front matter fields is one of them (by name or alias, in any case), so that postmortems can be " +
		"found and counted by them. Fix the spelling (the finding suggests the closest known value), or add " +
		"the value, or an alias for it, to .pm.yaml.",
	Default: DefaultWarning,
	Check: func(c *Context) {
		vocab := c.Options().Vocabulary
		if vocab == nil {
			return
		}
		for _, key := range config.VocabularyKeys {
			terms := vocab.Terms(key)
			if terms == nil {
				continue
			}
			for _, item := range c.Doc.ListItems(key) {
				if _, ok := config.Canonical(terms, item.Value); ok {
					continue
				}
				if near := config.Closest(terms, item.Value); near != "" {
					c.ReportSpan(item.Line, item.Column, item.EndColumn, LevelWarning, "vocabulary.suggest", key, item.Value, near)
				} else {
					c.ReportSpan(item.Line, item.Column, item.EndColumn, LevelWarning, "vocabulary.unknown", key, item.Value)
				}
			}
		}
	},
}
