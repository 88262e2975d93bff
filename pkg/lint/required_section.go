package lint

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/lazy"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/templates"
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

// headingName names a section in a finding, the same way in every finding of a run: by its name in
// the document's language, with the name in the other language beside it when the messages are in
// the other one.
func (c *Context) headingName(key string) any {
	info := postmortem.SectionInfo(key)
	switch {
	case c.japanese():
		// "Overview" (概要) in English messages, 「概要」(Overview) in Japanese ones
		return i18n.M("section.name-both", info.En, info.Ja)
	case c.lang == i18n.JA:
		// an English document in Japanese messages: 「Overview」(概要), as it is headed and what it is
		return i18n.M("section.name-glossed", info.En, info.Ja)
	}
	return i18n.M("section.name", info.En) // "Overview"
}

var requiredSectionRule = Rule{
	ID: "required-section",
	Help: "Required sections: Overview, What Happened, Root Cause, Resolution, Impact, Responders, Timeline, " +
		"Action Items, and External Message when external_message is true. Headings match case-insensitively, " +
		"in English or Japanese, and common aliases (Summary, Contributing Factors, Follow-ups, Customer Message, …) count. " +
		"A finding points at the heading the missing section belongs before (or the end of the file), " +
		"or at an HTML comment never closed (<!-- with no -->), which makes everything after it part of it, headings included.",
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
			next := c.sectionAfter(key)
			if comment, line := c.unclosedComment(); next == nil && comment != nil {
				// the heading may well be there, inside the comment: said at the comment, with no
				// fix, as a heading added inside it would be hidden too, and one more once it is closed
				c.ReportNode(comment, LevelError, "section.missing-in-comment", c.headingName(key), line)
				continue
			}
			if next != nil {
				c.ReportNode(next.Heading, LevelError, id, c.headingName(key))
			} else {
				c.ReportLine(c.Doc.LastLine(), LevelError, id, c.headingName(key))
			}
			if c.Fixing() {
				c.AddFix(c.insertSectionFix(key))
			}
		}
	},
}

// unclosedComment is the HTML comment never closed that makes the rest of the document a comment,
// and the line of the file it opens on; nil when there is none.
func (c *Context) unclosedComment() (ast.Node, int) {
	h := c.Content.UnclosedComment()
	if h == nil {
		return nil, 0
	}
	start, _ := c.Content.Span(h)
	line, _ := c.cursor.BodyPosition(start)
	return h, line
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

// templateSection is a section of the postmortem template: its heading as written and the guidance
// comment under it.
type templateSection struct {
	level   int
	title   string
	comment string // "<!--" to "-->", lines ending in LF; "" when the template has none
	parent  string // the key of the section it is a subsection of, "" for a top-level one
}

// templateSections reads the sections of the template of each language, by key.
var templateSections = lazy.Value[[2]map[string]templateSection]{New: func() [2]map[string]templateSection {
	var out [2]map[string]templateSection
	for i, lang := range []string{"en", "ja"} {
		out[i] = map[string]templateSection{}
		src, err := templates.Postmortem(lang)
		if err != nil {
			continue
		}
		lines := strings.Split(string(bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))), "\n")
		parents := map[int]string{}
		for j := 0; j < len(lines); j++ {
			l := lines[j]
			level := len(l) - len(strings.TrimLeft(l, "#"))
			if level < 2 || level > 6 || !strings.HasPrefix(l[level:], " ") {
				continue
			}
			title := strings.TrimSpace(l[level:])
			key := postmortem.SectionKey(title)
			parents[level] = key
			if key == "" {
				continue
			}
			ts := templateSection{level: level, title: title, parent: parents[level-1]}
			k := j + 1
			for k < len(lines) && strings.TrimSpace(lines[k]) == "" {
				k++
			}
			if k < len(lines) && strings.HasPrefix(lines[k], "<!--") {
				var b strings.Builder
				for ; k < len(lines); k++ {
					b.WriteString(lines[k] + "\n")
					if strings.Contains(lines[k], "-->") {
						break
					}
				}
				ts.comment = b.String()
			}
			out[i][key] = ts
		}
	}
	return out
}}

// sectionEnd is the body offset where a section ends: the start of the next heading of its level or
// a higher one, or the end of the body.
func (c *Context) sectionEnd(s *postmortem.Section) int {
	past := false
	for _, o := range c.Content.Sections {
		if o == s {
			past = true
			continue
		}
		if past && o.Level <= s.Level {
			return c.headingLineStart(o)
		}
	}
	return len(c.Content.Src)
}

// headingLineStart is the body offset of the line a section's heading starts on.
func (c *Context) headingLineStart(s *postmortem.Section) int {
	start, _ := c.Content.Span(s.Heading)
	return bytes.LastIndexByte(c.Content.Src[:start], '\n') + 1
}

// nextHeadingAtMost is the body offset of the line of the first heading at or after from whose level is
// at most level, or the end of the body.
func (c *Context) nextHeadingAtMost(from, level int) int {
	for _, o := range c.Content.Sections {
		if o.Level <= level {
			if st := c.headingLineStart(o); st >= from {
				return st
			}
		}
	}
	return len(c.Content.Src)
}

// besideNamesake reports whether the heading right below body offset at (past blank lines), or the
// last one above it, begins with a name of the section key ("## Root Cause Investigation" for
// Root Cause): the writer most likely meant that section, and one inserted beside it, empty, would
// stand as a second one.
func (c *Context) besideNamesake(at int, key string) bool {
	var above *postmortem.Section
	for _, s := range c.Content.Sections {
		start := c.headingLineStart(s)
		if start < at {
			above = s
			continue
		}
		if len(bytes.TrimSpace(c.Content.Src[at:start])) == 0 && postmortem.StartsWithSectionName(s.Title, key) {
			return true
		}
		break
	}
	return above != nil && postmortem.StartsWithSectionName(above.Title, key)
}

// sectionBefore returns the last section present in the document that the template puts before key.
func (c *Context) sectionBefore(key string) *postmortem.Section {
	var found *postmortem.Section
	for _, n := range postmortem.SectionNames {
		if n.Key == key {
			break
		}
		if s := c.FindSection(n.Key); s != nil {
			found = s
		}
	}
	return found
}

// insertSectionFix inserts the heading of a missing section and the template's guidance under it, in
// the document's language, after the last section the template puts before it, else before the
// first it puts after it, else at the end, with blank lines around it.
func (c *Context) insertSectionFix(key string) Fix {
	lang := c.docLang()
	ts, ok := templateSections.Get()[lang][key]
	if !ok {
		return Fix{}
	}
	src := c.Content.Src
	at, level := len(src), ts.level
	// The level follows the document's: the neighbour's level as written, moved as far as the
	// template moves the two apart.
	levelFrom := func(s *postmortem.Section) {
		if nts, ok := templateSections.Get()[lang][s.Key]; ok {
			level = s.Level + ts.level - nts.level
		}
	}
	prev := c.sectionBefore(key)
	if prev != nil {
		at = c.sectionEnd(prev)
		levelFrom(prev)
	} else if next := c.sectionAfter(key); next != nil {
		at = c.headingLineStart(next)
		levelFrom(next)
	}
	if ts.parent != "" && c.FindSection(ts.parent) == nil && level > 1 {
		level-- // its parent is missing too: it stands as a section of its own
	}
	level = min(max(level, 1), 6)
	if prev != nil {
		// Subsections that follow would become the new section's: it goes after them.
		at = c.nextHeadingAtMost(at, level)
	}
	if c.besideNamesake(at, key) {
		return Fix{}
	}
	text := strings.Repeat("#", level) + " " + ts.title + "\n\n" + ts.comment
	lead := ""
	if d := c.Doc; at == 0 && d.BodyOffset > 0 && d.Text[d.BodyOffset-1] != '\n' {
		lead = "\n" // the front matter's closing line ends the file without a line end
	} else if at > 0 {
		if src[at-1] != '\n' {
			lead = "\n\n" // the last line has no line end, and text is not blank
		} else if prev := src[bytes.LastIndexByte(src[:at-1], '\n')+1 : at-1]; len(bytes.TrimSpace(prev)) > 0 {
			lead = "\n"
		}
	}
	if at < len(src) {
		text += "\n"
	}
	if at == len(src) {
		// At the end the heading may fall into a block left open (an unclosed code fence or comment),
		// which opened after the last heading.
		from := 0
		if n := len(c.Content.Sections); n > 0 {
			from = c.headingLineStart(c.Content.Sections[n-1])
		}
		if c.sectionAlone(from, len(src), []Edit{{Start: at, End: at, Text: lead + text}}).Section(key) == nil {
			return Fix{}
		}
	}
	return Fix{
		Title: c.T("fix.insert-section", ts.title),
		Safe:  true,
		Edits: []Edit{c.insertAt(at, lead+text)},
	}
}
