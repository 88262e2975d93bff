package message

import (
	"fmt"
	"io"
	"strings"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/present"
	"github.com/pm-tools/pm/pkg/project"
)

// email is the internal email before it is formatted: subject and parts of the body.
type email struct {
	Subject string
	// Lang is the language of the email's fixed words (the email.* messages): the postmortem's, not
	// the user's, so that they match the text around them.
	Lang i18n.Lang
	// Intro is the Internal Email section, Overview the Overview section: plain text, or Markdown
	// source for --format markdown.
	Intro, Overview string
	Items           []string // the P0/P1 action items, one line each
	ID, Link        string
}

// internal writes the summary email for stakeholders.
func internal(c *cmdutil.Context, w io.Writer, e project.Entry, format string) error {
	f, lang := c.F, c.Lang()
	p, err := c.Project()
	if err != nil {
		return err
	}
	doc := e.Doc
	fm := &doc.Fields
	x := doc.Content()
	m := email{Subject: subject(fm, e.ID), Lang: i18n.EN, ID: e.ID, Link: p.Link(e.Path)}
	if japanese(x, p.Config.Language) {
		m.Lang = i18n.JA
	}
	intro, _ := x.Text("internal-email")
	if format == "markdown" {
		m.Intro, _ = x.Markdown("internal-email")
		m.Overview, _ = x.Markdown("overview")
	} else {
		m.Intro = intro
		m.Overview, _ = x.Text("overview")
	}
	for _, it := range x.ActionItems() {
		if it.State() == postmortem.ActionWontDo {
			continue // decided against: no follow-up to announce
		}
		if pri := strings.TrimSpace(it.PriorityKey()); pri == "P0" || pri == "P1" {
			m.Items = append(m.Items, item(m.Lang, pri, it))
		}
	}
	if strings.TrimSpace(intro) == "" {
		f.Infof("%s\n", present.Line(lang.T("message.no-intro", e.ID))) // a hint: -q leaves it out
	}
	if st := fm.Status; st != "" && !st.AtLeast(postmortem.StatusReviewed) {
		fmt.Fprintln(f.IO.ErrOut, present.Line(lang.T("message.internal-early", e.ID, st)))
	}
	switch format {
	case "markdown":
		return m.writeMarkdown(w)
	case "eml":
		cfg := p.Config.Mail
		if cfg.From == "" {
			fmt.Fprintln(f.IO.ErrOut, lang.T("message.no-from"))
		}
		if len(cfg.To) == 0 {
			fmt.Fprintln(f.IO.ErrOut, lang.T("message.no-to"))
		}
		return writeEML(w, envelope{From: cfg.From, To: cfg.To, Cc: cfg.Cc, Subject: m.Subject, Date: c.Now().In(p.Location())}, m.body())
	}
	_, err = fmt.Fprintf(w, "%s\n\n%s", m.Subject, m.body())
	return err
}

// subject is "[Postmortem] SEV-1 <title>", the format the issue tracker and mail filters expect.
func subject(fm *postmortem.Fields, id string) string {
	// shown as every other line of pm shows it: a control or a direction override (U+202E, which
	// reverses what follows in a mail reader's subject line) escaped, \u202e
	title := present.Line(strings.Join(strings.Fields(fm.Title), " "))
	if title == "" {
		title = id
	}
	if fm.Severity == "" {
		return "[Postmortem] " + title
	}
	return "[Postmortem] " + fm.Severity + " " + title
}

// item is one action item line in language l: "P0: action (owner, due 2026-11-27, OPS-123)".
func item(l i18n.Lang, priority string, it postmortem.ActionItem) string {
	var details []string
	if o := strings.TrimSpace(it.Owner); o != "" {
		details = append(details, l.T("email.owner", o))
	} else {
		details = append(details, l.T("email.no-owner"))
	}
	if d := strings.TrimSpace(it.Due); d != "" {
		details = append(details, l.T("email.due", d))
	}
	if it.HasTicket() {
		details = append(details, strings.TrimSpace(it.Ticket))
	} else if it.NeedsTicket() { // a P2 item gets no ticket: nothing is missing
		details = append(details, l.T("email.no-ticket"))
	}
	return priority + ": " + strings.TrimSpace(it.Action) + l.T("email.open") + strings.Join(details, l.T("email.sep")) + l.T("email.close")
}

// body is the plain-text body: the Internal Email text, the overview, the action items, the link.
func (m *email) body() string {
	var b strings.Builder
	if m.Intro != "" {
		b.WriteString(m.Intro + "\n\n")
	}
	if m.Overview != "" {
		fmt.Fprintf(&b, "%s\n%s\n\n", m.Lang.T("email.overview"), m.Overview)
	}
	fmt.Fprintf(&b, "%s\n", m.Lang.T("email.actions"))
	if len(m.Items) == 0 {
		b.WriteString(m.Lang.T("email.none") + "\n")
	}
	for _, it := range m.Items {
		b.WriteString("- " + it + "\n")
	}
	fmt.Fprintf(&b, "\n%s: %s\n", m.Lang.T("email.postmortem"), m.Link)
	// a lone CR in the document (a paragraph's soft break written so) is a space in plain text, as
	// the reader's Markdown would show it, not a raw CR a terminal returns the line to
	return strings.ReplaceAll(strings.ReplaceAll(b.String(), "\r\n", "\n"), "\r", " ")
}

func (m *email) writeMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", markdownText(m.Subject))
	if m.Intro != "" {
		b.WriteString(m.Intro + "\n\n")
	}
	if m.Overview != "" {
		fmt.Fprintf(&b, "## %s\n\n%s\n\n", m.Lang.T("email.overview"), m.Overview)
	}
	fmt.Fprintf(&b, "## %s\n\n", m.Lang.T("email.actions"))
	if len(m.Items) == 0 {
		b.WriteString(m.Lang.T("email.none") + "\n")
	}
	for _, it := range m.Items {
		b.WriteString("- " + markdownText(it) + "\n") // plain text (an action cell's code made text): not Markdown again
	}
	fmt.Fprintf(&b, "\n%s: [%s](%s)\n", m.Lang.T("email.postmortem"), markdownText(m.ID), markdownURL(m.Link))
	_, err := io.WriteString(w, b.String())
	return err
}

// markdownText is plain text written into Markdown as the text it is: what could start emphasis,
// code, HTML, an entity, a strikethrough or math (GitHub renders $…$ as a formula) is
// backslash-escaped, and a ] that would close a link or an image's text ("[x](y)", "![x]");
// brackets that make no link ("[Postmortem] SEV-1") stay as they are, for a reader of the raw text
// (a chat that shows the backslashes).
func markdownText(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		next := rune(0)
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		switch {
		case strings.ContainsRune("\\`*_<>&~$", r),
			r == ']' && (next == '(' || next == '[' || next == ':'),
			r == '!' && next == '[',
			r == '#' && i == 0:
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// markdownURL makes a link destination safe in Markdown: spaces and parentheses would end it.
func markdownURL(s string) string {
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29").Replace(s)
}
