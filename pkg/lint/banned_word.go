package lint

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// bannedWord is a BannedWord ready to match.
type bannedWord struct {
	BannedWord
	re       *regexp.Regexp
	sections map[string]bool // canonical keys, or literal normalized titles for unknown names
}

func compileBanned(w BannedWord) bannedWord {
	b := bannedWord{BannedWord: w, sections: map[string]bool{}}
	latin := true
	for _, r := range w.Word {
		if r > unicode.MaxASCII || !(unicode.IsLetter(r) || r == '-' || r == ' ') {
			latin = false
		}
	}
	q := regexp.QuoteMeta(w.Word)
	if latin {
		// a whole word, any case, with a plural s; not part of a host name such as outages.example.com
		b.re = regexp.MustCompile(`(?i)(?:^|[^\p{L}\p{N}_.-])(` + q + `(?:e?s)?)(?:$|[^\p{L}\p{N}_.-]|\.(?:$|[^\p{L}\p{N}]))`)
	} else {
		b.re = regexp.MustCompile(`(` + q + `)`)
	}
	secs := w.Sections
	if len(secs) == 0 {
		secs = []string{"External Message"}
	}
	for _, s := range secs {
		if k := SectionKey(s); k != "" {
			b.sections[k] = true
		} else {
			b.sections["title:"+normalizeHeading(s)] = true
		}
	}
	return b
}

func (b *bannedWord) applies(s *Section) bool {
	for ; s != nil; s = s.Parent {
		if b.sections[s.Key] || b.sections["title:"+normalizeHeading(s.Title)] {
			return true
		}
	}
	return false
}

func (b *bannedWord) suggestion() string {
	if len(b.Suggest) == 0 {
		return ""
	}
	q := make([]string, len(b.Suggest))
	for i, s := range b.Suggest {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "; say " + strings.Join(q, " or ") + " instead"
}

var bannedWordRule = Rule{
	ID:          "banned-word",
	Description: `no "outage" (ja: 停止) in the customer-facing message unless full_outage is true`,
	Help: `Customers read "outage" as "everything was down". Unless the service was entirely unavailable ` +
		`(full_outage: true in the front matter), describe it as an incident or a service degradation ` +
		`(ja: インシデント, サービス劣化). The words, their suggestions and the sections checked are set in .pm.yaml under lint.banned_words.`,
	Default: "error",
	Check: func(c *Context) {
		if c.Doc.Fields.FullOutage {
			return
		}
		for i := range c.linter.banned {
			b := &c.linter.banned[i]
			for _, s := range c.Sections {
				if !b.applies(s) {
					continue
				}
				for _, run := range proseRuns(s.Blocks, c.Body) {
					for _, m := range b.re.FindAllSubmatchIndex(run.Value, -1) {
						start, end := run.Start+m[2], run.Start+m[3]
						word := string(c.Body[start:end])
						c.ReportBody(start, end, LevelError, "%q in the customer message%s (full_outage is not true)", word, b.suggestion())
					}
				}
			}
		}
	},
}
