package lint

import (
	"strings"

	"github.com/pm-tools/pm/pkg/config"
	"github.com/pm-tools/pm/pkg/i18n"
)

var vocabularyRule = Rule{
	ID:          "vocabulary",
	Description: i18n.EN.T("rule.vocabulary"),
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
				if near := closestTerm(terms, item.Value); near != "" {
					c.ReportSpan(item.Line, item.Column, item.EndColumn, LevelWarning, "vocabulary.suggest", key, item.Value, near)
				} else {
					c.ReportSpan(item.Line, item.Column, item.EndColumn, LevelWarning, "vocabulary.unknown", key, item.Value)
				}
			}
		}
	},
}

// closestTerm returns the name of the term whose name or an alias is nearest to value in edit
// distance, compared in lower case, when it is near enough to be a likely misspelling: at most a
// third of the longer word's characters differ. It returns "" otherwise.
func closestTerm(terms []config.Term, value string) string {
	v := []rune(strings.ToLower(value))
	best, bestDist := "", -1
	for _, t := range terms {
		for _, s := range append([]string{t.Name}, t.Aliases...) {
			w := []rune(strings.ToLower(s))
			d := levenshtein(v, w)
			if d > max(1, max(len(v), len(w))/3) {
				continue
			}
			if bestDist < 0 || d < bestDist {
				best, bestDist = t.Name, d
			}
		}
	}
	return best
}

// levenshtein is the number of single-character insertions, deletions and substitutions that turn
// a into b.
func levenshtein(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
