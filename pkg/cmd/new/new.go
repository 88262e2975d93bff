// Package new implements `pm new`: a postmortem from the template, committed on its own.
package new

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/pm-tools/pm/pkg/cmd/internal/complete"
	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/config"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/jatime"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/present"
	"github.com/pm-tools/pm/pkg/project"
	"github.com/pm-tools/pm/pkg/severity"
	"github.com/pm-tools/pm/pkg/workflow"
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
	Template string // language of the template: --template, else .pm.yaml's language, else the one pm speaks (--lang, the locale)
	Slug     string
	Services []string // --service, repeatable: the services front matter field
	Tags     []string // --tag, repeatable: the tags front matter field
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

--service and --tag (repeatable) fill the services and tags fields; a value
.pm.yaml's vocabulary knows by an alias is written as its name. pm new then
lists up to 5 earlier postmortems that share a service or a tag, newest first.

` + cmdutil.ExitCodesHelp,
		Example: `  pm new --sev 1 --title "Checkout latency"
  pm new --sev 1 "Checkout latency"           # the title as the argument
  pm new --sev 2 --title "決済の遅延" --template ja --date 2026-11-20
  pm new --sev SEV-1 --title "DNS" --owner "Aiko Sato" --ic "Omar Haddad"
  pm new --sev 2 --title "Queue backlog" --no-commit
  pm new --sev 2 --title "Cards declined" --service payments --tag database`,
		RunE: func(cmd *cobra.Command, args []string) error {
			// The title written without --title (pm new --sev 1 "Checkout down") is the title, as
			// an owner in a hurry means it; words not quoted are several arguments, and said so.
			switch {
			case len(args) > 1:
				return cmdutil.Usagef("%s", opts.F.UserLang().T("new.title-words", strings.Join(args, " ")))
			case len(args) == 1 && opts.Title != "":
				return cmdutil.Usagef("%s", opts.F.UserLang().T("new.title-twice", opts.Title, args[0]))
			case len(args) == 1:
				opts.Title = args[0]
			}
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
	fl.StringVar(&opts.Date, "date", "", "incident date, YYYY-MM-DD, 2026/11/20 or 2026年11月20日 (default: today in the configured zone)")
	fl.StringVar(&opts.Slug, "slug", "", "file name part after the date (default: from the title)")
	fl.StringVar(&opts.Template, "template", "", "language of the postmortem: en or ja (default: language in .pm.yaml, else the language pm speaks to you)")
	fl.StringArrayVar(&opts.Services, "service", nil, "a service the incident affected (repeatable)")
	fl.StringArrayVar(&opts.Tags, "tag", nil, "a tag of the incident (repeatable)")
	fl.BoolVar(&opts.NoCommit, "no-commit", false, "write the file without committing it (also works outside a repository)")
	fl.BoolVar(&opts.NoVerify, "no-verify", false, "commit without running the pre-commit and commit-msg hooks")
	cmd.RegisterFlagCompletionFunc("sev", complete.Flag(cmdutil.SeverityWords...))
	cmd.RegisterFlagCompletionFunc("template", complete.Flag(templates.Languages()...))
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
	// Every value written into the file is one line of plain text: a line break in --ic wrote
	// Markdown (a heading, a Responders line) into the body, and an escape sequence or another
	// control character would act on every terminal that shows it.
	for _, fl := range []struct {
		name   string
		values []string
	}{{"--title", []string{title}}, {"--owner", []string{o.Owner}}, {"--ic", []string{o.IC}}, {"--service", o.Services}, {"--tag", o.Tags}} {
		for _, v := range fl.values {
			if strings.ContainsAny(v, "\x00\r\n") {
				return cmdutil.Usagef("%s", f.UserLang().T("new.flag-lines", fl.name))
			}
			if i := strings.IndexFunc(v, isControl); i >= 0 {
				r, _ := utf8.DecodeRuneInString(v[i:])
				return cmdutil.Usagef("%s", f.UserLang().T("new.flag-control", fl.name, fmt.Sprintf("%U", r)))
			}
		}
	}
	c := f.Context()
	p, err := c.Project()
	if err != nil {
		return cmdutil.Usagef("%v", err)
	}
	msgs := f.Lang(p.Config) // the language pm speaks; tmplLang is the postmortem's
	if o.Slug != "" && !slugKeepsAll(o.Slug) {
		return cmdutil.Usagef("%s", msgs.T("new.bad-slug", o.Slug))
	}
	tmplLang := p.Config.Language
	switch {
	case o.Template != "":
		tmplLang = strings.ToLower(strings.TrimSpace(o.Template))
	case p.Config.LanguageSet:
		// The team's language, whatever language pm speaks to this engineer.
	default:
		tmplLang = msgs.String() // no team language: the one pm speaks (--lang, else the locale)
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
		// the forms a Due cell and a timeline's Date column take (2026/11/20, 2026年11月20日, full
		// width, a weekday in brackets), read by the one reader of them
		d, ok := workflow.ParseDue(o.Date, loc)
		if !ok {
			return cmdutil.Usagef("%s", msgs.T("new.bad-date", o.Date))
		}
		if d.WeekdayMistyped() {
			return cmdutil.Usagef("--date %q: %s", o.Date, msgs.T("timeline.weekday", d.Day.Format("2006-01-02"), d.DayName(), d.Weekday))
		}
		date = d.Day
		iso := date.Format("2006-01-02")
		if date.Year() > 9998 { // its meeting deadline would be in the year 10000
			return cmdutil.Usagef("%s", msgs.T("new.date-range", iso))
		}
		if iso < firstDate { // the file would fail pm lint (the instant of no date), or other readers (year 0)
			return cmdutil.Usagef("%s", msgs.T("new.date-early", iso, firstDate))
		}
		// a longer meeting_sla than the default's can put the deadline of an earlier date there too
		if deadline, ok := c.Schedule().Deadline(sev, date); ok && deadline.Year() > 9999 {
			return cmdutil.Usagef("%s", msgs.T("new.deadline-range", iso, sev, deadline.Year()))
		}
		// and a longer action_item_deadline that of its action items (pm actions' deadline column)
		if latest, ok := p.ActionDeadlines().Latest(sev, date); ok && latest.Year() > 9999 {
			return cmdutil.Usagef("%s", msgs.T("new.action-deadline-range", iso, sev, latest.Year()))
		}
		// A postmortem is of an incident that happened: a later date is most likely a typo.
		if today := now.Format("2006-01-02"); iso > today {
			fmt.Fprintln(f.IO.ErrOut, present.Line(msgs.T("new.future-date", iso, today)))
		}
	}
	owner := strings.TrimSpace(o.Owner)
	if owner == "" {
		// The commit needs an identity; with --no-commit a missing one only means no default owner
		// (outside a repository, git's global user.name is still yours).
		name, err := p.AuthorName()
		if err != nil && !o.NoCommit {
			return err
		}
		owner = name
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
	tmplName := "postmortem." + tmplLang + ".md"
	text, err := postmortem.Render(tmplName, tmpl, data)
	if err != nil {
		return err
	}
	services := canonical(o.Services, p.Config.Vocabulary.Services)
	tags := canonical(o.Tags, p.Config.Vocabulary.Tags)
	warnVocabulary(f, msgs, "service", "services", services, p.Config.Vocabulary.Services)
	warnVocabulary(f, msgs, "tag", "tags", tags, p.Config.Vocabulary.Tags)
	for _, field := range []struct {
		key    string
		values []string
	}{{"services", services}, {"tags", tags}} {
		for _, v := range field.values {
			if text, _, err = postmortem.AddToList(tmplName, text, field.key, v); err != nil {
				return err
			}
		}
	}
	slug, titled := titleSlug(title)
	if o.Slug != "" {
		slug = postmortem.Slug(jatime.FoldWidth(o.Slug))
	}
	// A title with no ASCII letters (Japanese, emoji, numbers) names the file after nothing in it, or
	// after the services it affected when they are named so ("決済の遅延" with --service checkout:
	// 2026-11-20-checkout.md).
	noSlug := o.Slug == "" && !titled
	serviceSlug := false
	if noSlug && len(services) > 0 {
		if s := postmortem.Slug(strings.Join(services, " ")); strings.Trim(s, "0123456789-") != "" && s != postmortem.Slug("") {
			slug, noSlug, serviceSlug = s, false, true
		}
	}
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
		if now.After(deadline) {
			// a postmortem written late (--date long past): the day named is gone, and pm meeting
			// will refuse a time after it without --force
			f.Infof("%s\n", msgs.T("new.deadline-passed"))
		}
	} else {
		f.Infof("%s\n", msgs.T("new.no-deadline", sev, owner, sev))
	}
	if noSlug {
		// the digits' note only where the title has some ("障害 #1"): "決済の遅延" has none to explain
		if strings.ContainsAny(jatime.FoldWidth(title), "0123456789") {
			f.Infof("%s\n", msgs.T("new.no-slug-digits", filepath.Base(res.Path)))
		} else {
			f.Infof("%s\n", msgs.T("new.no-slug", filepath.Base(res.Path)))
		}
	}
	if serviceSlug {
		f.Infof("%s\n", msgs.T("new.service-slug", filepath.Base(res.Path)))
	}
	if o.Slug == "" && !noSlug && !serviceSlug && hasNonLatin(jatime.FoldWidth(title)) {
		// "決済APIのタイムアウト" gives "api": the id is in every commit and link, so say where it comes from
		f.Infof("%s\n", msgs.T("new.partial-slug", filepath.Base(res.Path)))
	}
	c.Report(cmdutil.Saved{Commit: res, Message: message(res.Path)}, func(s string) { f.Infof("%s\n", s) })
	if len(services)+len(tags) > 0 && !f.IO.Quiet {
		similar(f, p, msgs, res.Path, date, services, tags)
	}
	return nil
}

// firstDate is the first --date pm new takes: 0001-01-01 is the zero time, which every command reads
// as no date (pm lint's front-matter error), and a year 0 has no four digits for other YAML readers.
const firstDate = "0001-01-02"

// canonical trims the values of a repeatable flag, drops empty ones, and writes a value the
// vocabulary knows (by any spelling or alias) as its name; other values stay as given, for pm lint
// to report.
func canonical(values []string, terms []config.Term) []string {
	var out []string
	for _, v := range values {
		v = strings.TrimSpace(v)
		if name, ok := config.Canonical(terms, v); ok {
			v = name
		}
		if v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// warnVocabulary warns of the values of a flag that the field's vocabulary, when .pm.yaml gives one,
// does not hold, as pm lint's vocabulary rule would: the postmortem is still created.
func warnVocabulary(f *cmdutil.Factory, msgs i18n.Lang, flag, key string, values []string, terms []config.Term) {
	if terms == nil {
		return
	}
	for _, v := range values {
		if _, ok := config.Canonical(terms, v); ok {
			continue
		}
		what := msgs.T("new.vocab-unknown", flag, v, key)
		if near := config.Closest(terms, v); near != "" {
			what = msgs.T("new.vocab-suggest", flag, v, key, near)
		}
		fmt.Fprintln(f.IO.ErrOut, present.Line(what))
	}
}

// maxSimilar is how many similar postmortems pm new lists: a hint, not a search.
const maxSimilar = 5

// similar lists, as a hint, the earlier postmortems (incident date up to the new one's) that share a
// service or a tag with the new one, newest first. Values are compared in any case and through the
// vocabulary's aliases. A folder that cannot be read lists nothing: the postmortem is created.
func similar(f *cmdutil.Factory, p *project.Project, msgs i18n.Lang, created string, date time.Time, services, tags []string) {
	entries, err := p.ScanFront()
	if err != nil {
		return
	}
	vocab := &p.Config.Vocabulary
	key := func(terms []config.Term, v string) string {
		if name, ok := config.Canonical(terms, v); ok {
			v = name
		}
		return strings.ToLower(v)
	}
	shares := func(terms []config.Term, mine, theirs []string) bool {
		for _, t := range theirs {
			for _, m := range mine {
				if key(terms, t) == key(terms, m) {
					return true
				}
			}
		}
		return false
	}
	var found []project.Entry
	for _, e := range entries {
		if e.Doc == nil || !e.Doc.Usable() || e.Path == created {
			continue
		}
		fl := &e.Doc.Fields
		if fl.HasIncidentDate() && fl.IncidentDate.After(date) {
			continue
		}
		if shares(vocab.Services, services, fl.Services) || shares(vocab.Tags, tags, fl.Tags) {
			found = append(found, e)
		}
	}
	if len(found) == 0 {
		return
	}
	sort.SliceStable(found, func(i, j int) bool {
		a, b := found[i].Doc.Fields.IncidentDate, found[j].Doc.Fields.IncidentDate
		if !a.Equal(b) {
			return a.After(b)
		}
		return found[i].ID > found[j].ID
	})
	f.Infof("%s\n", msgs.T("new.similar"))
	for _, e := range found[:min(len(found), maxSimilar)] {
		f.Infof("  %s  %s\n", present.Line(e.ID), present.Line(e.Doc.Fields.Title))
	}
}

// isControl reports a control character (C0 but tab, DEL, C1) or a bidirectional override or isolate,
// which a title must not hold: it is shown in terminals, commit subjects and pages.
func isControl(r rune) bool {
	return (r < 0x20 && r != '\t') || (r >= 0x7f && r < 0xa0) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// hasNonLatin reports whether a title holds letters a slug cannot keep (Japanese, say).
func hasNonLatin(title string) bool {
	for _, r := range title {
		if r >= utf8.RuneSelf && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}
