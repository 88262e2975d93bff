package lsp

import (
	"github.com/pm-tools/pm/pkg/lint"
)

// RulesURL is where a rule's help is published: the README's table of rules on the project's
// repository, the address SARIF output gives as pm's informationUri. pm has no page per rule, so every
// diagnostic links the table, which names each rule with what it checks.
const RulesURL = "https://github.com/pm-tools/pm#rules"

// findingRange is a finding's place in LSP's terms: 0-based lines, UTF-16 columns. An empty range
// (a finding at a point) widens to the rest of its line, or the whole line at its end, so that the
// editor has something to underline.
func findingRange(d *document, f *lint.Finding) Range {
	col, endCol := f.UTF16Columns()
	r := Range{
		Start: d.fromLint(Position{Line: max(f.Line-1, 0), Character: max(col-1, 0)}),
		End:   d.fromLint(Position{Line: max(f.EndLine-1, 0), Character: max(endCol-1, 0)}),
	}
	if f.EndLine == 0 || r.End.Line < r.Start.Line || (r.End.Line == r.Start.Line && r.End.Character <= r.Start.Character) {
		line := d.lineRange(r.Start.Line)
		r.End = line.End
		if r.End.Character <= r.Start.Character {
			r.Start.Character = 0
		}
	}
	return r
}

// diagnostic is a finding as LSP publishes it: the rule id as its code, linked to the rules' help.
func diagnostic(d *document, f *lint.Finding) Diagnostic {
	sev := severityError
	if f.Severity == lint.Warning {
		sev = severityWarning
	}
	return Diagnostic{
		Range:           findingRange(d, f),
		Severity:        sev,
		Code:            f.Rule,
		CodeDescription: &codeDescription{Href: RulesURL},
		Source:          "pm",
		Message:         f.Message,
	}
}

// overlaps reports whether two ranges share a character or touch (a cursor at either end of a
// finding counts, as editors ask for code actions at the cursor with an empty range).
func overlaps(a, b Range) bool {
	return !before(a.End, b.Start) && !before(b.End, a.Start)
}

// before reports whether p comes strictly before q.
func before(p, q Position) bool {
	return p.Line < q.Line || (p.Line == q.Line && p.Character < q.Character)
}

// contains reports whether r holds p (its end included).
func contains(r Range, p Position) bool { return !before(p, r.Start) && !before(r.End, p) }
