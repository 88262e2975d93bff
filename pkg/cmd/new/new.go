// Package new implements `pm new`: a postmortem from the template, committed on its own.
package new

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/present"
	"github.com/pm-tools/pm/pkg/project"
	"github.com/pm-tools/pm/pkg/severity"
	"github.com/pm-tools/pm/templates"
)

// Options are the flags of pm new.
type Options struct {
	F        *cmdutil.Factory
	Severity string
	Title    string
	Owner    string
	IC       string
	Date     string
	Template string // language of the template: --template, else .pm.yaml's language, else --lang
	Slug     string
	NoCommit bool
	NoVerify bool
}

// NewCmdNew returns the new command; runF replaces the run in tests of flag parsing.
func NewCmdNew(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{F: f}
	cmd := &cobra.Command{
		Use:   "new --sev N --title TITLE",
		Short: "Create a postmortem from the template and commit it",
		Long: `Create <dir>/<incident date>-<slug>.md from the English or Japanese template,
with status Draft, and commit that file alone (whatever you have staged stays
staged). The owner defaults to your git user name and the incident date to today
in the configured time zone. Prints the file's path and the meeting deadline
(incident date + the severity's SLA in business days).

` + cmdutil.ExitCodesHelp,
		Example: `  pm new --sev 1 --title "Checkout latency"
  pm new --sev 2 --title "決済の遅延" --lang ja --date 2026-11-20
  pm new --sev SEV-1 --title "DNS" --owner "Aiko Sato" --ic "Omar Haddad"
  pm new --sev 2 --title "Queue backlog" --no-commit`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return newRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Severity, "sev", "", "severity: 1 … 5, sev1, SEV-1 (required)")
	fl.StringVar(&opts.Title, "title", "", "title of the incident (required)")
	fl.StringVar(&opts.Owner, "owner", "", "postmortem owner (default: your git user name)")
	fl.StringVar(&opts.IC, "ic", "", "incident commander")
	fl.StringVar(&opts.Date, "date", "", "incident date, YYYY-MM-DD (default: today in the configured zone)")
	fl.StringVar(&opts.Slug, "slug", "", "file name part after the date (default: from the title)")
	fl.StringVar(&opts.Template, "template", "", "language of the postmortem: en or ja (default: language in .pm.yaml)")
	fl.BoolVar(&opts.NoCommit, "no-commit", false, "write the file without committing it (also works outside a repository)")
	fl.BoolVar(&opts.NoVerify, "no-verify", false, "commit without running the pre-commit and commit-msg hooks")
	cmd.RegisterFlagCompletionFunc("sev", cmdutil.CompleteFlag(cmdutil.SeverityWords...))
	cmd.RegisterFlagCompletionFunc("template", cmdutil.CompleteFlag(templates.Languages()...))
	return cmd
}

func newRun(o *Options) error {
	f := o.F
	if strings.TrimSpace(o.Severity) == "" {
		return cmdutil.Usagef("%s", f.UserLang().T("new.sev-required"))
	}
	sev, err := severity.Parse(o.Severity)
	if err != nil {
		return cmdutil.Usagef("--sev: %s", f.UserLang().T("usage.severity", o.Severity))
	}
	title := strings.TrimSpace(o.Title)
	if title == "" {
		return cmdutil.Usagef("%s", f.UserLang().T("new.title-required"))
	}
	if strings.ContainsAny(title, "\x00\r\n") {
		return cmdutil.Usagef("%s", f.UserLang().T("new.title-lines"))
	}
	c := f.Context()
	p, err := c.Project()
	if err != nil {
		return cmdutil.Usagef("%v", err)
	}
	msgs := f.Lang(p.Config) // the language pm speaks; tmplLang is the postmortem's
	tmplLang := p.Config.Language
	switch {
	case o.Template != "":
		tmplLang = strings.ToLower(strings.TrimSpace(o.Template))
	case p.Config.LanguageSet:
		// The team's language, whatever language pm speaks to this engineer.
	case f.LangFlag != "":
		if l, ok := i18n.Parse(f.LangFlag); ok {
			tmplLang = l.String()
		}
	}
	tmpl, err := templates.Postmortem(tmplLang)
	if err != nil {
		if errors.Is(err, templates.ErrUnknownLanguage) {
			return cmdutil.Usagef("%s", msgs.T("new.bad-lang", tmplLang, strings.Join(templates.Languages(), ", ")))
		}
		return cmdutil.Usagef("--lang: %v", err)
	}
	loc := p.Location()
	now := c.Now().In(loc)
	date := now
	if o.Date != "" {
		if date, err = time.ParseInLocation("2006-01-02", o.Date, loc); err != nil {
			return cmdutil.Usagef("%s", msgs.T("new.bad-date", o.Date))
		}
		// A postmortem is of an incident that happened: a later date is most likely a typo.
		if today := now.Format("2006-01-02"); o.Date > today {
			fmt.Fprintln(f.IO.ErrOut, present.Line(msgs.T("new.future-date", o.Date, today)))
		}
	}
	owner := strings.TrimSpace(o.Owner)
	if owner == "" && p.InRepo {
		// The commit needs an identity; with --no-commit a missing one only means no default owner.
		author, _, err := p.Identity()
		if err != nil && !o.NoCommit {
			return err
		}
		owner = author.Name
	}
	for _, env := range []string{"USER", "LOGNAME", "USERNAME"} {
		if owner == "" {
			owner = strings.TrimSpace(f.Getenv(env))
		}
	}
	deadline, hasDeadline := c.Schedule().Deadline(sev, date)
	data := postmortem.TemplateData{
		Title: title, Severity: sev, Owner: owner, IncidentCommander: strings.TrimSpace(o.IC),
		IncidentDate: date.Format("2006-01-02"), Created: now.Format(time.RFC3339),
	}
	if hasDeadline {
		data.Deadline = deadline.Format("2006-01-02")
	}
	text, err := postmortem.Render("postmortem."+tmplLang+".md", tmpl, data)
	if err != nil {
		return err
	}
	slug := postmortem.Slug(title)
	if o.Slug != "" {
		slug = postmortem.Slug(o.Slug)
	}
	// A title with no ASCII letters or digits (Japanese, emoji) names the file after nothing in it.
	noSlug := o.Slug == "" && slug == postmortem.Slug("")
	base := filepath.Join(p.Dir(), data.IncidentDate+"-"+slug)
	name := func(n int) string {
		if n == 1 {
			return base + ".md"
		}
		return fmt.Sprintf("%s-%d.md", base, n)
	}
	message := func(rel string) string { return fmt.Sprintf("postmortem: create %s (%s)", project.ID(rel), sev) }
	res, err := p.WriteNew(name, text, project.Write{Commit: !o.NoCommit, NoVerify: o.NoVerify, Message: message})
	if err != nil {
		return err
	}
	out, errOut := f.IO.Out, f.IO.ErrOut
	fmt.Fprintln(out, f.Display(res.Path))
	if owner == "" {
		owner = msgs.T("new.owner-not-set")
		fmt.Fprintln(errOut, msgs.T("new.no-owner"))
	}
	if hasDeadline {
		f.Infof("%s\n", msgs.T("new.deadline", sev, owner, data.Deadline, p.Config.MeetingSLA[sev], data.IncidentDate))
	} else {
		f.Infof("%s\n", msgs.T("new.no-deadline", sev, owner, sev))
	}
	if res.Ignored {
		fmt.Fprintln(errOut, msgs.T("new.ignored", f.Display(res.Path)))
	}
	if noSlug {
		f.Infof("%s\n", msgs.T("new.no-slug", filepath.Base(res.Path)))
	}
	c.Report(cmdutil.Saved{Commit: res, Message: message(res.Path)}, func(s string) { f.Infof("%s\n", s) })
	return nil
}
