package review

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/pm-tools/pm/pkg/lint"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// report is everything pm review prints.
type report struct {
	base    string
	reviews []*review // changed postmortems in path order, then deleted ones
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
	changed, deleted, failed := rep.counts()
	if changed+deleted == 0 {
		return "No postmortem changed since " + base + "."
	}
	s := plural(changed, "postmortem") + " changed since " + base
	if deleted > 0 {
		s += fmt.Sprintf(", %d deleted", deleted)
	}
	switch {
	case failed == 1:
		s += "; 1 needs changes (lint errors, or a status move the process does not allow)"
	case failed > 1:
		s += fmt.Sprintf("; %d need changes (lint errors, or a status move the process does not allow)", failed)
	}
	return s + "."
}

// summary is the line for stderr, as pm lint writes one.
func (rep report) summary() string {
	changed, deleted, _ := rep.counts()
	errs, warns := 0, 0
	for _, r := range rep.reviews {
		errs += r.errs
		warns += r.warns
	}
	s := fmt.Sprintf("%s reviewed against %s: %s, %s", plural(changed, "postmortem"), rep.base, plural(errs, "error"), plural(warns, "warning"))
	if deleted > 0 {
		s += fmt.Sprintf("; %d deleted", deleted)
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

func state(r *review) string {
	switch {
	case r.deleted:
		return "deleted"
	case r.isNew:
		return "new"
	}
	return "changed"
}

// severity is the severity now, with the one at the base when it changed.
func severity(r *review) string {
	sev := dash(r.cur.Fields.Severity)
	if r.old != nil && r.old.Fields.Severity != "" && r.old.Fields.Severity != r.cur.Fields.Severity {
		sev = r.old.Fields.Severity + " → " + sev
	}
	return sev
}

func lintCounts(r *review) string {
	if r.errs == 0 && r.warns == 0 {
		return "clean"
	}
	return plural(r.errs, "error") + ", " + plural(r.warns, "warning")
}

func actionCounts(r *review) string {
	n := map[string]int{}
	for _, c := range r.actions {
		n[c.kind]++
	}
	if len(r.actions) == 0 && r.sameActions == 0 {
		return "none"
	}
	return fmt.Sprintf("%d added, %d changed, %d removed, %d unchanged", n["added"], n["changed"], n["removed"], r.sameActions)
}

// wasLine is what a deleted postmortem was at the base, " (was SEV-2, Closed)", escaped by esc; or "".
func wasLine(r *review, esc func(string) string) string {
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
	return " (was " + esc(strings.Join(parts, ", ")) + ")"
}

// dash shows an empty cell as a dash.
func dash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// writeText writes the review for a terminal or a CI log.
func (rep report) writeText(out io.Writer) error {
	w := bufio.NewWriter(out)
	fmt.Fprintln(w, rep.headline(rep.base))
	for _, r := range rep.reviews {
		fmt.Fprintln(w)
		if r.deleted {
			fmt.Fprintf(w, "%s: deleted since %s%s\n", r.display, rep.base, wasLine(r, func(s string) string { return s }))
			continue
		}
		field := func(label, value string) { fmt.Fprintf(w, "  %-14s%s\n", label+":", value) }
		fmt.Fprintf(w, "%s: %s\n", r.id, title(r))
		field("File", r.display+" ("+state(r)+")")
		field("Severity", severity(r))
		field("Owner", dash(r.cur.Fields.Owner))
		field("Status", r.move.String())
		field("Meeting", r.meeting)
		field("Lint", lintCounts(r))
		var b bytes.Buffer
		lint.WriteText(&b, r.findings)
		for _, line := range strings.SplitAfter(b.String(), "\n") {
			if line != "" {
				fmt.Fprint(w, "    "+line)
			}
		}
		field("Action items", actionCounts(r))
		for _, c := range r.actions {
			it := c.item
			switch c.kind {
			case "added":
				fmt.Fprintf(w, "    + %s %s (%s, owner %s, due %s, ticket %s)\n", dash(it.Priority), it.Action,
					dash(it.Type), dash(it.Owner), dash(it.Due), dash(it.Ticket))
			case "changed":
				var diffs []string
				for _, fc := range c.fields() {
					diffs = append(diffs, fmt.Sprintf("%s %s → %s", fc.name, dash(fc.from), dash(fc.to)))
				}
				fmt.Fprintf(w, "    ~ %s %s: %s\n", dash(it.Priority), it.Action, strings.Join(diffs, ", "))
			case "removed":
				fmt.Fprintf(w, "    - %s %s\n", dash(it.Priority), it.Action)
			}
		}
	}
	return w.Flush()
}

// writeMarkdown writes the review as GitHub-flavoured Markdown for a pull-request comment. The first
// line is an HTML comment a workflow can find the comment by.
func (rep report) writeMarkdown(out io.Writer) error {
	w := bufio.NewWriter(out)
	base := code(rep.base)
	fmt.Fprintln(w, "<!-- pm review -->")
	fmt.Fprintln(w, "## Postmortem review")
	fmt.Fprintln(w)
	fmt.Fprintln(w, rep.headline(base))
	for _, r := range rep.reviews {
		fmt.Fprintln(w)
		if r.deleted {
			fmt.Fprintf(w, "- %s: deleted since %s%s\n", code(r.rel), base, wasLine(r, md))
			continue
		}
		fmt.Fprintf(w, "### %s: %s\n\n", md(r.id), md(title(r)))
		fmt.Fprintf(w, "%s (%s) · %s · owner %s\n\n", code(r.rel), state(r), md(severity(r)), md(dash(r.cur.Fields.Owner)))
		fmt.Fprintf(w, "- **Status:** %s\n", md(r.move.String()))
		fmt.Fprintf(w, "- **Meeting:** %s\n", md(r.meeting))
		fmt.Fprintf(w, "- **Lint:** %s\n", md(lintCounts(r)))
		fmt.Fprintf(w, "- **Action items:** %s\n", md(actionCounts(r)))
		if len(r.findings) > 0 {
			fmt.Fprintln(w)
			fmt.Fprintln(w, "| Line | Severity | Rule | Message |")
			fmt.Fprintln(w, "| --- | --- | --- | --- |")
			for _, x := range r.findings {
				fmt.Fprintf(w, "| %d:%d | %s | %s | %s |\n", x.Line, x.Column, x.Severity, code(x.Rule), md(x.Message))
			}
		}
		if len(r.actions) > 0 {
			fmt.Fprintln(w)
			fmt.Fprintln(w, "| Change | Priority | Action | Type | Owner | Due | Ticket |")
			fmt.Fprintln(w, "| --- | --- | --- | --- | --- | --- | --- |")
			for _, c := range r.actions {
				fmt.Fprintln(w, actionRow(c))
			}
		}
	}
	return w.Flush()
}

// actionRow is a table row; a changed column shows the old value struck through, a removed item is
// struck through entirely.
func actionRow(c actionChange) string {
	it := c.item
	vals := []string{it.Priority, it.Action, it.Type, it.Owner, it.Due, it.Ticket}
	olds := []string{c.old.Priority, c.old.Action, c.old.Type, c.old.Owner, c.old.Due, c.old.Ticket}
	cells := []string{c.kind}
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

// md escapes text for Markdown: punctuation that could start emphasis, links, HTML or a table cell
// boundary is backslash-escaped, and line breaks become spaces.
func md(s string) string {
	var b strings.Builder
	for _, r := range strings.Join(strings.Fields(s), " ") {
		if strings.ContainsRune("\\`*_[]<>|~#", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// code is s as an inline code span, long enough a fence for any backticks inside; pipes are escaped
// so it also fits in a table cell.
func code(s string) string {
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	s = strings.ReplaceAll(strings.Join(strings.Fields(s), " "), "|", `\|`)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}
