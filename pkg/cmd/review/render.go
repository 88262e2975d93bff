package review

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/lint/format"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/present"
)

// report is everything pm review prints.
type report struct {
	base    string
	noBase  bool      // no common commit with base: compared with base itself (said on stderr, and in the comment)
	reviews []*review // changed postmortems in path order, then deleted ones
	lang    i18n.Lang // of the headings, labels and notes; the documents' text is shown as written
}

func (rep report) counts() (changed, deleted, failed int) {
	for _, r := range rep.reviews {
		if r.deleted {
			deleted++
		} else {
			changed++
		}
		if r.failed() {
			failed++
		}
	}
	return
}

func (rep report) failed() int {
	_, _, failed := rep.counts()
	return failed
}

// headline is the first line of the review.
func (rep report) headline(base string) string {
	l := rep.lang
	changed, deleted, failed := rep.counts()
	if changed+deleted == 0 {
		return l.T("review.nothing-changed", base)
	}
	s := l.T("review.changed", l.N("n.postmortem", changed), base)
	if deleted > 0 {
		s += l.T("review.deleted-count", deleted)
	}
	if failed > 0 {
		s += l.N("review.need-changes", failed)
	}
	return s + l.T("review.end")
}

// summary is the line for stderr, as pm lint writes one.
func (rep report) summary() string {
	changed, deleted, _ := rep.counts()
	errs, warns := 0, 0
	for _, r := range rep.reviews {
		errs += r.errs
		warns += r.warns
	}
	l := rep.lang
	s := l.T("review.summary", l.N("n.postmortem", changed), rep.base, l.N("n.error", errs), l.N("n.warning", warns))
	if deleted > 0 {
		s += l.T("review.summary-deleted", deleted)
	}
	return s
}

func title(r *review) string {
	for _, d := range []*postmortem.Doc{r.cur, r.old} {
		if d != nil && d.Fields.Title != "" {
			return d.Fields.Title
		}
	}
	return r.id
}

func state(r *review, l i18n.Lang, show func(string) string) string {
	switch {
	case r.deleted:
		return l.T("review.state-deleted")
	case r.isNew:
		return l.T("review.state-new")
	case r.from != "":
		return l.T("review.state-renamed", show(r.from))
	}
	return l.T("review.state-changed")
}

// severity is the severity now, with the one at the base when it changed.
func severity(r *review) string {
	sev := dash(r.cur.Fields.Severity)
	if r.old != nil && r.old.Fields.Severity != "" && r.old.Fields.Severity != r.cur.Fields.Severity {
		sev = r.old.Fields.Severity + " → " + sev
	}
	return sev
}

func lintCounts(r *review, l i18n.Lang) string {
	if r.errs == 0 && r.warns == 0 {
		return l.T("review.lint-clean")
	}
	return l.T("review.lint-counts", l.N("n.error", r.errs), l.N("n.warning", r.warns))
}

func actionCounts(r *review, l i18n.Lang) string {
	n := map[string]int{}
	for _, c := range r.actions {
		n[c.kind]++
	}
	if r.unreadBase {
		return l.T("review.actions-unread-base")
	}
	if r.unread {
		return l.T("review.actions-unread")
	}
	if len(r.actions) == 0 && r.sameActions == 0 {
		return l.T("review.actions-none")
	}
	return l.T("review.actions-counts", n["added"], n["changed"], n["removed"], r.sameActions)
}

// changeName is an action change's kind ("added", "changed", "removed") in language l.
func changeName(kind string, l i18n.Lang) string {
	switch kind {
	case "added":
		return l.T("review.change-added")
	case "changed":
		return l.T("review.change-changed")
	case "removed":
		return l.T("review.change-removed")
	}
	return kind
}

// fieldName is the name of an action item's column in a changed item's line, in language l.
func fieldName(name string, l i18n.Lang) string {
	switch name {
	case "priority":
		return l.T("review.field-priority")
	case "type":
		return l.T("review.field-type")
	case "owner":
		return l.T("review.field-owner")
	case "due":
		return l.T("review.field-due")
	case "ticket":
		return l.T("review.field-ticket")
	case "status":
		return l.T("review.field-status")
	}
	return name
}

// wasLine is what a deleted postmortem was at the base, " (was SEV-2, Closed)", escaped by esc; or "".
func wasLine(r *review, l i18n.Lang, esc func(string) string) string {
	var parts []string
	if s := r.old.Fields.Severity; s != "" {
		parts = append(parts, s)
	}
	if s := r.old.Fields.Status; s != "" {
		parts = append(parts, string(s))
	}
	if len(parts) == 0 {
		return ""
	}
	return l.T("review.was", esc(strings.Join(parts, ", ")))
}

// dash shows an empty cell as a dash.
func dash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// writeText writes the review for a terminal or a CI log. Everything that comes from a document (ids,
// titles, paths, owners, findings, action items) is sanitised: each value as one line, and the whole
// text again, so that nothing a pull request writes can act on the terminal or the log.
func (rep report) writeText(out io.Writer) error {
	l := rep.lang
	var w bytes.Buffer
	ln := present.Line
	fmt.Fprintln(&w, rep.headline(rep.base))
	labels := []string{l.T("review.file"), l.T("review.severity"), l.T("review.owner"), l.T("review.status"),
		l.T("review.meeting"), l.T("review.lint"), l.T("review.actions")}
	// Values start in one column: 14, or further when a label (in Japanese, of wide characters) is longer.
	col := 14
	for _, label := range labels {
		col = max(col, present.Width(label)+2)
	}
	field := func(label, value string) {
		fmt.Fprintf(&w, "  %s:%s%s\n", label, strings.Repeat(" ", col-present.Width(label)-1), ln(value))
	}
	for _, r := range rep.reviews {
		fmt.Fprintln(&w)
		if r.deleted {
			fmt.Fprintln(&w, ln(l.T("review.deleted-since", present.Name(r.display), rep.base, wasLine(r, l, func(s string) string { return s }))))
			continue
		}
		fmt.Fprintf(&w, "%s: %s\n", present.Name(r.id), ln(title(r)))
		field(labels[0], present.Name(r.display)+" ("+state(r, l, func(s string) string { return s })+")")
		field(labels[1], severity(r))
		field(labels[2], dash(r.cur.Fields.Owner))
		field(labels[3], r.move.In(l))
		field(labels[4], r.meeting)
		field(labels[5], lintCounts(r, l))
		var b bytes.Buffer
		format.WriteText(present.Writer(&b), cmdutil.NamedFindings(r.findings)) // a path's line break as \n, as pm lint shows it
		for _, line := range strings.SplitAfter(b.String(), "\n") {
			if line != "" {
				fmt.Fprint(&w, "    "+line)
			}
		}
		field(labels[6], actionCounts(r, l))
		for _, c := range r.actions {
			it := c.item
			switch c.kind {
			case "added":
				fmt.Fprintf(&w, "    + %s %s (%s)\n", ln(dash(it.Priority)), ln(it.Action),
					ln(l.T("review.item-details", dash(it.Type), dash(it.Owner), dash(it.Due), dash(it.Ticket))))
			case "changed":
				var diffs []string
				for _, fc := range c.fields() {
					diffs = append(diffs, fmt.Sprintf("%s %s → %s", fieldName(fc.name, l), dash(fc.from), dash(fc.to)))
				}
				fmt.Fprintf(&w, "    ~ %s %s: %s\n", ln(dash(it.Priority)), ln(it.Action), ln(strings.Join(diffs, l.T("review.list-sep"))))
			case "removed":
				fmt.Fprintf(&w, "    - %s %s\n", ln(dash(it.Priority)), ln(it.Action))
			}
		}
	}
	_, err := io.WriteString(out, present.Text(w.String()))
	return err
}

// commentLimit is the most characters GitHub accepts in a pull-request comment.
const commentLimit = 65536

// maxRows caps each table of a postmortem in the Markdown review; the rest is counted in a last row.
const maxRows = 50

// writeMarkdown writes the review as GitHub-flavoured Markdown for a pull-request comment. The first
// line is an HTML comment a workflow can find the comment by. The comment stays within GitHub's size
// limit: tables longer than maxRows end with a count of the rows left out, and postmortems that no
// longer fit are counted in a closing note instead of shown.
func (rep report) writeMarkdown(out io.Writer) error {
	l := rep.lang
	w := bufio.NewWriter(out)
	base := code(rep.base)
	var head strings.Builder
	fmt.Fprintln(&head, "<!-- pm review -->")
	fmt.Fprintln(&head, "## "+l.T("review.title"))
	fmt.Fprintln(&head)
	fmt.Fprintln(&head, rep.headline(base))
	if rep.noBase {
		// the comment is what the pull request shows: the caveat goes with it, not only to the log
		fmt.Fprintln(&head)
		fmt.Fprintln(&head, l.T("review.note", md(l.T("git.no-merge-base", rep.base, rep.base))))
	}
	w.WriteString(head.String())
	// room for the note about what did not fit, in the longest language
	budget := commentLimit - utf8.RuneCountInString(head.String()) - 1000
	for i, r := range rep.reviews {
		block := rep.markdownBlock(r, base)
		n := utf8.RuneCountInString(block)
		if n > budget {
			fmt.Fprintf(w, "\n%s\n", l.T("review.truncated", len(rep.reviews)-i, commentLimit))
			break
		}
		budget -= n
		w.WriteString(block)
	}
	return w.Flush()
}

// markdownBlock is one postmortem's part of the Markdown review, starting with a blank line.
func (rep report) markdownBlock(r *review, base string) string {
	l := rep.lang
	var w strings.Builder
	fmt.Fprintln(&w)
	if r.deleted {
		fmt.Fprintln(&w, "- "+l.T("review.deleted-since", code(r.rel), base, wasLine(r, l, md)))
		return w.String()
	}
	item := func(label, value string) { fmt.Fprintf(&w, "- **%s:** %s\n", label, value) }
	fmt.Fprintf(&w, "### %s: %s\n\n", md(present.Name(r.id)), md(title(r)))
	fmt.Fprintf(&w, "%s\n\n", l.T("review.byline", code(r.rel), state(r, l, code), md(severity(r)), md(dash(r.cur.Fields.Owner))))
	item(l.T("review.status"), md(r.move.In(l)))
	item(l.T("review.meeting"), md(r.meeting))
	item(l.T("review.lint"), md(lintCounts(r, l)))
	item(l.T("review.actions"), md(actionCounts(r, l)))
	if len(r.findings) > 0 {
		fmt.Fprintln(&w)
		fmt.Fprintln(&w, tableHeader(l.T("review.col-line"), l.T("review.col-severity"), l.T("review.col-rule"), l.T("review.col-message")))
		for i, x := range r.findings {
			if i == maxRows {
				fmt.Fprintf(&w, "| … | | | %s |\n", md(l.T("review.more-findings", len(r.findings)-maxRows, "pm lint "+r.rel)))
				break
			}
			fmt.Fprintf(&w, "| %d:%d | %s | %s | %s |\n", x.Line, x.Column, x.Severity, codeCell(x.Rule), md(x.Message))
		}
	}
	if len(r.actions) > 0 {
		// a Status column when an item's table keeps one, at the base or now
		status := false
		for _, c := range r.actions {
			status = status || c.item.HasStatusColumn() || c.old.HasStatusColumn()
		}
		cols := []string{l.T("review.col-change"), l.T("review.col-priority"), l.T("review.col-action"),
			l.T("review.col-type"), l.T("review.col-owner"), l.T("review.col-due"), l.T("review.col-ticket")}
		if status {
			cols = append(cols, l.T("review.col-status"))
		}
		fmt.Fprintln(&w)
		fmt.Fprintln(&w, tableHeader(cols...))
		for i, c := range r.actions {
			if i == maxRows {
				fmt.Fprintf(&w, "| … | | %s |%s\n", md(l.T("review.more-actions", len(r.actions)-maxRows)), strings.Repeat(" |", len(cols)-3))
				break
			}
			fmt.Fprintln(&w, actionRow(c, l, status))
		}
	}
	return w.String()
}

// tableHeader is a Markdown table's header row and delimiter row.
func tableHeader(cols ...string) string {
	return "| " + strings.Join(cols, " | ") + " |\n" + strings.TrimSuffix(strings.Repeat("| --- ", len(cols)), " ") + " |"
}

// actionRow is a table row; a changed column shows the old value struck through, a removed item is
// struck through entirely.
func actionRow(c actionChange, l i18n.Lang, status bool) string {
	it := c.item
	vals := []string{it.Priority, it.Action, it.Type, it.Owner, it.Due, it.Ticket}
	olds := []string{c.old.Priority, c.old.Action, c.old.Type, c.old.Owner, c.old.Due, c.old.Ticket}
	if status {
		vals, olds = append(vals, it.Status), append(olds, c.old.Status)
	}
	cells := []string{changeName(c.kind, l)}
	for i, v := range vals {
		s := md(dash(v))
		switch {
		case c.kind == "removed":
			s = "~~" + s + "~~"
		case c.kind == "changed" && i != 1 && olds[i] != v:
			s = "~~" + md(dash(olds[i])) + "~~ " + s
		}
		cells = append(cells, s)
	}
	return "| " + strings.Join(cells, " | ") + " |"
}

// md escapes text for Markdown: punctuation that could start emphasis, links, HTML, math (GitHub
// renders $…$ as a formula) or a table cell boundary is backslash-escaped, and line breaks become
// spaces.
func md(s string) string {
	var b strings.Builder
	// control and bidirectional characters shown escaped, as the text format shows them
	rs := []rune(present.Line(strings.Join(strings.Fields(s), " ")))
	for i, r := range rs {
		if strings.ContainsRune("\\`*_[]<>|~#&$", r) { // & too: &commat; is an @ to GitHub
			b.WriteByte('\\')
		}
		b.WriteRune(r)
		// "@name" in a document is no mention: the comment would notify whoever it names
		if r == '@' && i+1 < len(rs) && (unicode.IsLetter(rs[i+1]) || unicode.IsDigit(rs[i+1])) {
			b.WriteRune('\u200b')
		}
	}
	return b.String()
}

// code is s as an inline code span, long enough a fence for any backticks inside. Outside a table a
// backslash in a code span is literal, so a pipe is left as it is (codeCell escapes it).
func code(s string) string {
	// controls and bidirectional characters shown escaped, a path's line break as \n, as pm prints
	// a path elsewhere: a code span shows them raw
	s = present.Name(s)
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	s = strings.Join(strings.Fields(s), " ")
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// codeCell is code for a table cell, whose pipes GFM splits the row at unless escaped (the escape
// is taken off inside the cell's code span).
func codeCell(s string) string { return strings.ReplaceAll(code(s), "|", `\|`) }
