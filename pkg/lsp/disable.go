package lsp

import (
	"bytes"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/lint"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// disableNextLine is the fix that silences a finding's rule on its line with pm's inline comment,
// put on the line above. Front matter has no comments pm reads: a finding there gets no fix (no
// edits).
func disableNextLine(src []byte, f lint.Finding, lang i18n.Lang) lint.Fix {
	d := postmortem.Parse("", src, nil)
	if d.FrontState == postmortem.FrontMatterOK && f.Line < d.LineOf(d.BodyOffset) {
		return lint.Fix{}
	}
	lines := indexLines(src, nil)
	if f.Line < 1 || f.Line > len(lines) {
		return lint.Fix{}
	}
	start := lines[f.Line-1]
	indent := start
	for indent < len(src) && (src[indent] == ' ' || src[indent] == '\t') {
		indent++
	}
	nl := "\n"
	if bytes.Contains(src, []byte("\r\n")) {
		nl = "\r\n"
	}
	comment := string(src[start:indent]) + "<!-- pm-lint-disable-next-line " + f.Rule + " -->" + nl
	return lint.Fix{
		Title: lang.T("lsp.disable-next-line", f.Rule),
		Edits: []lint.Edit{{Start: start, End: start, Text: comment}},
	}
}
