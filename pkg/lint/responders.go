package lint

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/lazy"
	"github.com/pm-tools/pm/pkg/postmortem"
)

var respondersRule = Rule{
	ID: "responders",
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
			c.ReportNode(r.Section.Heading, LevelCompleteness, "responders.no-ic", c.headingName("responders"), docLang.T("responders.ic-label"))
			if c.Fixing() {
				c.AddFix(c.responderFix(r.Section, docLang.T("responders.ic-label"), emptyICRE.Get(), c.Doc.Fields.IncidentCommander, docLang.T("responders.unnamed"), true))
			}
		}
		if !r.Scribe {
			c.ReportNode(r.Section.Heading, LevelCompleteness, "responders.no-scribe", c.headingName("responders"), docLang.T("responders.scribe-label"))
			if c.Fixing() {
				c.AddFix(c.responderFix(r.Section, docLang.T("responders.scribe-label"), emptyScribeRE.Get(), "", docLang.T("responders.unnamed"), false))
			}
		}
	},
}

// The label lines of Responders written with no name after them ("- Scribe:"), as pm's template leaves
// them, or with spaces alone after them, full-width ones too ("記録係：　", as a Japanese keyboard types
// it): a fix writes the name there, in place of the spaces, rather than adding a second line.
var (
	// a note in brackets may stand between the label and its colon: "Incident Commander (IC):"
	emptyICRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp {
		return regexp.MustCompile(`(?im)^[ \t]*(?:[-*+][ \t]*)?(?:\*\*)?(?:incident commander|ic|インシデントコマンダー|インシデント・コマンダー)(?:\*\*)?(?:[ \t]*[(（][^)）\n]*[)）])?[ \t]*[:：](?:\*\*)?((?:[ \t]|\x{3000})*)$`)
	}}
	emptyScribeRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp {
		return regexp.MustCompile(`(?im)^[ \t]*(?:[-*+][ \t]*)?(?:\*\*)?(?:scribe|記録係|書記)(?:\*\*)?(?:[ \t]*[(（][^)）\n]*[)）])?[ \t]*[:：](?:\*\*)?((?:[ \t]|\x{3000})*)$`)
	}}
	// a label line with something after its colon that names nobody pm reads ("Incident Commander:
	// n/a"): the fix would add a second, contradicting line, so there is none
	labeledICRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp {
		return regexp.MustCompile(`(?im)^[ \t]*(?:[-*+][ \t]*|[0-9]{1,9}[.)][ \t]*)?(?:\*\*)?(?:incident commander|ic|インシデントコマンダー|インシデント・コマンダー)(?:\*\*)?(?:[ \t]*[(（][^)）\n]*[)）])?[ \t]*[:：]`)
	}}
	labeledScribeRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp {
		return regexp.MustCompile(`(?im)^[ \t]*(?:[-*+][ \t]*|[0-9]{1,9}[.)][ \t]*)?(?:\*\*)?(?:scribe|記録係|書記)(?:\*\*)?(?:[ \t]*[(（][^)）\n]*[)）])?[ \t]*[:：]`)
	}}
	namedICRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp {
		return regexp.MustCompile(`(?im)^[ \t]*(?:[-*+]|[0-9]{1,9}[.)])[ \t]+(?:\*\*)?(?:incident commander|ic|インシデントコマンダー|インシデント・コマンダー)(?:\*\*)?[ \t]*[:：].*$`)
	}}
	listPrefixRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`^[ \t]*(?:[-*+]|[0-9]{1,9}[.)])[ \t]+$`) }}
)

// responderFix names a role in the Responders section: after its label when the label is there with no
// name, else on a new line "label: name" at the head of the section's list, written as its items are,
// or as a list of its own at the end of the section when it has none. A section that lists the
// responders in a table gets no fix: which column is the role is for the writer to say. The name is
// the front matter's when known (the incident commander), else unnamed: a placeholder in the
// document's language ("TBD", "要確認": 未定 would name nobody, as なし does), so that the document
// still reads as unfinished (the placeholder rule reports it) rather than as complete.
func (c *Context) responderFix(s *postmortem.Section, labelText string, empty *regexp.Regexp, name, unnamed string, ic bool) Fix {
	if name == "" || len(placeholders([]byte(name))) > 0 || strings.ContainsAny(name, "\r\n") {
		name = unnamed
	}
	label, _, _ := strings.Cut(labelText, ":")
	src := c.Content.Src
	start, end := c.afterHeadingOf(s), c.sectionEnd(s)
	var edit Edit
	labeled := labeledScribeRE.Get()
	if ic {
		labeled = labeledICRE.Get()
	}
	if m := empty.FindSubmatchIndex(src[start:end]); m != nil && !c.inCode(start+m[0]) {
		// after a full-width colon a Japanese label runs on without a space: "記録係：要確認"
		text := " " + name
		if bytes.HasSuffix(bytes.TrimSuffix(src[:start+m[2]], []byte("**")), []byte("：")) {
			text = name
		}
		edit = Edit{Start: start + m[2], End: start + m[3], Text: text}
	} else if m := labeled.FindIndex(src[start:end]); m != nil && !c.inCode(start+m[0]) {
		return Fix{} // "Incident Commander: n/a": the writer says who, not a second line
	} else {
		var list *ast.List
		for _, b := range s.Blocks {
			switch n := b.(type) {
			case *east.Table:
				return Fix{}
			case *ast.List:
				if list == nil {
					list = n
				}
			}
		}
		line := label + ": " + name + "\n"
		if list != nil && list.FirstChild() != nil && list.FirstChild().FirstChild() != nil &&
			list.FirstChild().FirstChild().Lines().Len() > 0 {
			text := list.FirstChild().FirstChild().Lines().At(0).Start
			lineStart := bytes.LastIndexByte(src[:text], '\n') + 1
			prefix := string(src[lineStart:text])
			if !listPrefixRE.Get().MatchString(prefix) {
				return Fix{}
			}
			// written as the list writes its labels: "インシデントコマンダー：森" gets "記録係：要確認"
			first := src[lineStart:]
			if nl := bytes.IndexByte(first, '\n'); nl >= 0 {
				first = first[:nl]
			}
			if bytes.Contains(first, []byte("：")) && !bytes.Contains(first, []byte(":")) {
				line = label + "：" + name + "\n"
			}
			at := lineStart
			if !ic {
				// the scribe goes below the incident commander, as in the template
				if m := namedICRE.Get().FindIndex(src[lineStart:end]); m != nil {
					at = lineStart + m[1]
					if at < len(src) {
						at++
					}
				}
			}
			edit = Edit{Start: at, End: at, Text: prefix + line}
		} else {
			// a list of its own after the section's last line of text, a blank line before it
			at := end
			for at > start && (src[at-1] == '\n' || src[at-1] == ' ' || src[at-1] == '\t') {
				at--
			}
			switch nl := bytes.IndexByte(src[at:], '\n'); {
			case at == start:
				edit = Edit{Start: start, End: start, Text: "\n- " + line}
			case nl < 0:
				edit = Edit{Start: len(src), End: len(src), Text: "\n\n- " + line}
			default:
				edit = Edit{Start: at + nl + 1, End: at + nl + 1, Text: "\n- " + line}
			}
		}
	}
	// The labels are read from the text as Markdown renders it: check that the fix names the role,
	// on the section alone, which costs far less than the file.
	r := c.sectionAlone(c.headingLineStart(s), end, []Edit{edit}).Responders()
	if (ic && !r.IncidentCommander) || (!ic && !r.Scribe) {
		return Fix{}
	}
	// The placeholder written is reported by placeholder: a fix that turns this warning into that
	// rule's error (placeholder set to error in .pm.yaml) is offered, not applied by pm lint --fix.
	safe := name != unnamed || c.severityOf(placeholderRule.ID, LevelCompleteness) != Error ||
		c.severity(LevelCompleteness) == Error
	return Fix{Title: c.T("fix.add-responder", label+": "+name), Safe: safe, Edits: []Edit{c.srcEdit(edit)}}
}

// afterHeadingOf is the body offset of the line after a section's heading.
func (c *Context) afterHeadingOf(s *postmortem.Section) int {
	_, end := c.Content.Span(s.Heading)
	if end < len(c.Content.Src) {
		end++
	}
	return end
}

// inCode reports whether a body offset is inside a code block or an HTML block, where a label is not one.
func (c *Context) inCode(off int) bool {
	in := false
	_ = ast.Walk(c.Content.AST, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
			if l := n.Lines(); l.Len() > 0 && l.At(0).Start <= off && off <= l.At(l.Len()-1).Stop {
				in = true
				return ast.WalkStop, nil
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return in
}
