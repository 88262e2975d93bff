package message

import (
	"fmt"
	"io"
	"strings"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/lint"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/project"
)

// labels are the fixed words of the internal email, in the postmortem's language.
type labels struct {
	Overview, Actions, None, Postmortem string
	// item formats an action item's details: owner, due date, ticket
	Owner, Due, NoOwner, NoTicket, Open, Sep, Close string
}

var (
	english = labels{Overview: "Overview", Actions: "Action items (P0/P1)", None: "None.", Postmortem: "Postmortem",
		Owner: "%s", Due: "due %s", NoOwner: "no owner", NoTicket: "no ticket yet", Open: " (", Sep: ", ", Close: ")"}
	japaneseLabels = labels{Overview: "概要", Actions: "アクションアイテム（P0/P1）", None: "なし", Postmortem: "ポストモーテム",
		Owner: "担当: %s", Due: "期日: %s", NoOwner: "担当未定", NoTicket: "チケット未作成", Open: "（", Sep: "、", Close: "）"}
)

// email is the internal email before it is formatted: subject and parts of the body.
type email struct {
	Subject string
	Labels  labels
	// Intro is the Internal Email section, Overview the Overview section: plain text, or Markdown
	// source for --format markdown.
	Intro, Overview string
	Items           []string // the P0/P1 action items, one line each
	ID, Link        string
}

// internal writes the summary email for stakeholders.
func internal(w io.Writer, f *cmdutil.Factory, p *project.Project, e project.Entry, linter *lint.Linter, format string) error {
	doc := e.Doc
	fm := &doc.Fields
	x := linter.Extract(doc)
	m := email{Subject: subject(fm, e.ID), Labels: english, ID: e.ID, Link: p.Link(e.Path)}
	if japanese(x, p.Config.Language) {
		m.Labels = japaneseLabels
	}
	if format == "markdown" {
		m.Intro, _ = sectionMarkdown(doc.Body, "internal-email")
		m.Overview, _ = sectionMarkdown(doc.Body, "overview")
	} else {
		m.Intro, m.Overview = x.Sections["internal-email"], x.Sections["overview"]
	}
	for _, it := range x.ActionItems {
		if pri := strings.ToUpper(strings.TrimSpace(it.Priority)); pri == "P0" || pri == "P1" {
			m.Items = append(m.Items, m.Labels.item(pri, it))
		}
	}
	if strings.TrimSpace(x.Sections["internal-email"]) == "" {
		fmt.Fprintf(f.IO.ErrOut, "Note: %s has no Internal Email text: the email holds only the overview, the action items and the link.\n", e.ID)
	}
	if st := fm.Status; st != "" && !st.AtLeast(postmortem.StatusReviewed) {
		fmt.Fprintf(f.IO.ErrOut, "Note: %s is %s: the process sends this email after the postmortem meeting.\n", e.ID, st)
	}
	switch format {
	case "markdown":
		return m.writeMarkdown(w)
	case "eml":
		cfg := p.Config.Mail
		if cfg.From == "" {
			fmt.Fprintln(f.IO.ErrOut, "Note: no mail.from in .pm.yaml: the draft has no sender; your mail program fills it in.")
		}
		if len(cfg.To) == 0 {
			fmt.Fprintln(f.IO.ErrOut, "Note: no mail.to in .pm.yaml: the draft has no recipients; add them in your mail program.")
		}
		return writeEML(w, envelope{From: cfg.From, To: cfg.To, Cc: cfg.Cc, Subject: m.Subject, Date: f.Now().In(p.Location())}, m.body())
	}
	_, err := fmt.Fprintf(w, "%s\n\n%s", m.Subject, m.body())
	return err
}

// subject is "[Postmortem] SEV-1 <title>", the format the issue tracker and mail filters expect.
func subject(fm *postmortem.Fields, id string) string {
	title := strings.Join(strings.Fields(fm.Title), " ")
	if title == "" {
		title = id
	}
	if fm.Severity == "" {
		return "[Postmortem] " + title
	}
	return "[Postmortem] " + fm.Severity + " " + title
}

// item is one action item line: "P0: action (owner, due 2026-11-27, OPS-123)".
func (l labels) item(priority string, it lint.ActionItem) string {
	var details []string
	if o := strings.TrimSpace(it.Owner); o != "" {
		details = append(details, fmt.Sprintf(l.Owner, o))
	} else {
		details = append(details, l.NoOwner)
	}
	if d := strings.TrimSpace(it.Due); d != "" {
		details = append(details, fmt.Sprintf(l.Due, d))
	}
	if it.HasTicket() {
		details = append(details, strings.TrimSpace(it.Ticket))
	} else {
		details = append(details, l.NoTicket)
	}
	return priority + ": " + strings.TrimSpace(it.Action) + l.Open + strings.Join(details, l.Sep) + l.Close
}

// body is the plain-text body: the Internal Email text, the overview, the action items, the link.
func (m *email) body() string {
	var b strings.Builder
	if m.Intro != "" {
		b.WriteString(m.Intro + "\n\n")
	}
	if m.Overview != "" {
		fmt.Fprintf(&b, "%s\n%s\n\n", m.Labels.Overview, m.Overview)
	}
	fmt.Fprintf(&b, "%s\n", m.Labels.Actions)
	if len(m.Items) == 0 {
		b.WriteString(m.Labels.None + "\n")
	}
	for _, it := range m.Items {
		b.WriteString("- " + it + "\n")
	}
	fmt.Fprintf(&b, "\n%s: %s\n", m.Labels.Postmortem, m.Link)
	return b.String()
}

func (m *email) writeMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", m.Subject)
	if m.Intro != "" {
		b.WriteString(m.Intro + "\n\n")
	}
	if m.Overview != "" {
		fmt.Fprintf(&b, "## %s\n\n%s\n\n", m.Labels.Overview, m.Overview)
	}
	fmt.Fprintf(&b, "## %s\n\n", m.Labels.Actions)
	if len(m.Items) == 0 {
		b.WriteString(m.Labels.None + "\n")
	}
	for _, it := range m.Items {
		b.WriteString("- " + it + "\n")
	}
	fmt.Fprintf(&b, "\n%s: [%s](%s)\n", m.Labels.Postmortem, m.ID, markdownURL(m.Link))
	_, err := io.WriteString(w, b.String())
	return err
}

// markdownURL makes a link destination safe in Markdown: spaces and parentheses would end it.
func markdownURL(s string) string {
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29").Replace(s)
}
