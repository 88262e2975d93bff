// Package audit implements `pm audit`: check every postmortem's status_history against the git
// commits that changed its status.
package audit

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/pm-tools/pm/pkg/audit"
	"github.com/pm-tools/pm/pkg/cmd/internal/cmdargs"
	"github.com/pm-tools/pm/pkg/cmd/internal/complete"
	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/present"
	"github.com/pm-tools/pm/pkg/project"
)

// Options are the flags of pm audit.
type Options struct {
	F         *cmdutil.Factory
	Format    string
	Tolerance time.Duration
}

// NewCmdAudit returns the audit command; runF replaces the run in tests of flag parsing.
func NewCmdAudit(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{F: f}
	cmd := &cobra.Command{
		Use:   "audit",
		Short: "Check status_history against the commits that changed the status",
		Long: `Check each postmortem's status_history, as committed at HEAD, against the git
history of its file:

  - every entry has a commit that changed the status to that value within
    --tolerance of the entry's time (pm's own commit or a person's);
  - every commit that changed the status has an entry for that move;
  - moves recorded as forced are listed.

A postmortem added already with a status needs no entry for it. The history is
read once for the whole folder, whatever the number of postmortems. A file is
followed by its path: entries dated before the commit that added it (a squash
merge, a rename) are not checked and are counted in a note, but a status a
rename's commit changes is checked. In a shallow clone, entries older than the
clone's history are not checked (their commits are not there) either.

` + cmdutil.ExitCodesHelp,
		Example: `  pm audit
  pm audit --tolerance 48h
  pm audit --format json`,
		Args: cmdargs.None,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return auditRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Format, "format", "text", "output format: text or json")
	fl.DurationVar(&opts.Tolerance, "tolerance", audit.DefaultTolerance, "how far an entry's time may lie from its commit's")
	cmd.RegisterFlagCompletionFunc("format", complete.Flag("text", "json"))
	return cmd
}

func auditRun(o *Options) error {
	f := o.F
	format := strings.ToLower(o.Format)
	if format != "text" && format != "json" {
		return cmdutil.Usagef("%s", f.UserLang().T("usage.format", o.Format, "text, json"))
	}
	if o.Tolerance <= 0 {
		return cmdutil.Usagef("%s", f.UserLang().T("audit.usage-tolerance", o.Tolerance.String()))
	}
	c := f.Context()
	p, err := c.Project()
	if err != nil {
		return cmdutil.Usagef("%v", err)
	}
	lang := c.Lang()
	if _, err := c.Folder(); err != nil {
		return err
	}
	if !p.InRepo {
		return cmdutil.Usagef("%s", lang.T("audit.no-repo", c.Display(p.Root)))
	}
	repo, err := p.Repo()
	if err != nil {
		return err
	}
	rep, err := audit.Run(repo, p.Config.Dir, p.InDir, o.Tolerance, p.Location())
	if err != nil {
		return err
	}
	for _, s := range rep.Skipped {
		path := c.Display(filepath.Join(p.Root, filepath.FromSlash(s)))
		fmt.Fprintln(f.IO.ErrOut, present.Line(lang.T("usage.skipped", path, path)))
	}
	if rep.Shallow && rep.Unchecked > 0 {
		fmt.Fprintln(f.IO.ErrOut, lang.T("audit.shallow", lang.N("n.history-entry", rep.Unchecked)))
	}
	if rep.UncheckedSquashed > 0 {
		fmt.Fprintln(f.IO.ErrOut, lang.T("audit.squashed", lang.N("n.history-entry", rep.UncheckedSquashed)))
	}
	if rep.UncheckedAdded > 0 {
		fmt.Fprintln(f.IO.ErrOut, lang.T("audit.before-added", lang.N("n.history-entry", rep.UncheckedAdded)))
	}
	if format == "json" {
		err = writeJSON(present.JSONWriter(f.IO.Out), rep, o.Tolerance)
	} else {
		writeText(c, p, rep, o.Tolerance)
	}
	if err != nil {
		return err
	}
	if rep.Findings() > 0 {
		return cmdutil.ErrSilentFindings
	}
	return nil
}

// writeText prints one line per finding, then one per forced move, then a summary on stderr.
func writeText(c *cmdutil.Context, p *project.Project, rep *audit.Report, tol time.Duration) {
	f, lang, loc := c.F, c.Lang(), c.Location()
	w := f.IO.Out
	forced := 0
	for _, file := range rep.Files {
		path := c.Display(filepath.Join(p.Root, filepath.FromSlash(file.Path)))
		for _, fd := range file.Findings {
			fmt.Fprintf(w, "%s: %s\n", present.Line(path), present.Line(findingText(lang, fd, tol, loc)))
		}
		forced += len(file.Forced)
	}
	for _, file := range rep.Files {
		path := c.Display(filepath.Join(p.Root, filepath.FromSlash(file.Path)))
		for _, fm := range file.Forced {
			var msg string
			if fm.Move != nil {
				msg = lang.T("audit.forced", fm.Entry.Status, fm.Entry.At, fm.Entry.By, short(fm.Move.Commit))
			} else {
				msg = lang.T("audit.forced-no-commit", fm.Entry.Status, fm.Entry.At, fm.Entry.By)
			}
			fmt.Fprintf(w, "%s: %s\n", present.Line(path), present.Line(msg))
		}
	}
	f.Infof("%s\n", lang.T("audit.summary", lang.N("n.postmortem", rep.Postmortems), lang.N("n.commit", rep.Commits), lang.N("n.finding", rep.Findings()), lang.N("n.forced-move", forced)))
}

// findingText says what a finding is, with the commit's short hash and date or the entry's time.
func findingText(lang i18n.Lang, fd audit.Finding, tol time.Duration, loc *time.Location) string {
	switch fd.Kind {
	case audit.KindNoEntry:
		m := fd.Move
		return lang.T("audit.no-entry", short(m.Commit), m.Authored.In(loc).Format("2006-01-02 15:04"), m.Author, m.FromWritten(), m.To)
	case audit.KindBadTime:
		return lang.T("audit.bad-time", fd.Entry.Status, fd.Entry.At, fd.Entry.By)
	}
	return lang.T("audit.no-commit", fd.Entry.Status, fd.Entry.At, fd.Entry.By, fd.Entry.Status, toleranceIn(lang, tol))
}

func short(hash string) string {
	if len(hash) > 7 {
		return hash[:7]
	}
	return hash
}

type jsonReport struct {
	Postmortems int           `json:"postmortems"`
	Commits     int           `json:"commits"`
	Tolerance   string        `json:"tolerance"`
	Shallow     bool          `json:"shallow"`
	Unchecked   int           `json:"unchecked"` // entries older than a shallow clone's history or than their file's first commit
	Findings    []jsonFinding `json:"findings"`
	Forced      []jsonForced  `json:"forced"`
	Skipped     []string      `json:"skipped"`
}

type jsonEntry struct {
	Status string `json:"status"`
	At     string `json:"at"`
	By     string `json:"by"`
}

type jsonCommit struct {
	Hash   string `json:"hash"`
	Date   string `json:"date"` // the author date, RFC 3339
	Author string `json:"author"`
	From   string `json:"from"` // "" when the commit added the file
	To     string `json:"to"`
}

type jsonFinding struct {
	Path   string      `json:"path"` // relative to the repository root, slash-separated
	Kind   string      `json:"kind"`
	Entry  *jsonEntry  `json:"entry,omitempty"`
	Commit *jsonCommit `json:"commit,omitempty"`
}

type jsonForced struct {
	Path   string      `json:"path"`
	Entry  jsonEntry   `json:"entry"`
	Commit *jsonCommit `json:"commit"` // null when no commit made it
}

func toCommit(m *audit.Move) *jsonCommit {
	if m == nil {
		return nil
	}
	return &jsonCommit{Hash: m.Commit, Date: m.Authored.Format(time.RFC3339), Author: m.Author, From: m.FromWritten(), To: string(m.To)}
}

func writeJSON(w io.Writer, rep *audit.Report, tol time.Duration) error {
	out := jsonReport{Postmortems: rep.Postmortems, Commits: rep.Commits, Tolerance: tol.String(), Shallow: rep.Shallow,
		Unchecked: rep.Unchecked + rep.UncheckedAdded + rep.UncheckedSquashed, Findings: []jsonFinding{}, Forced: []jsonForced{}, Skipped: rep.Skipped}
	if out.Skipped == nil {
		out.Skipped = []string{}
	}
	for _, file := range rep.Files {
		for _, fd := range file.Findings {
			jf := jsonFinding{Path: file.Path, Kind: fd.Kind, Commit: toCommit(fd.Move)}
			if fd.Entry != nil {
				jf.Entry = &jsonEntry{Status: fd.Entry.Status, At: fd.Entry.At, By: fd.Entry.By}
			}
			out.Findings = append(out.Findings, jf)
		}
	}
	for _, file := range rep.Files {
		for _, fm := range file.Forced {
			out.Forced = append(out.Forced, jsonForced{Path: file.Path,
				Entry: jsonEntry{Status: fm.Entry.Status, At: fm.Entry.At, By: fm.Entry.By}, Commit: toCommit(fm.Move)})
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// toleranceIn is the tolerance as a message in lang says it: Go's form in English ("24h0m0s", as
// --tolerance takes it), and in Japanese hours or minutes ("24 時間", "90 分") when it is whole, since
// "24h0m0s 以内" reads as no Japanese.
func toleranceIn(lang i18n.Lang, d time.Duration) string {
	switch {
	case lang == i18n.EN:
		return d.String()
	case d%time.Hour == 0:
		return lang.T("audit.hours", int(d/time.Hour))
	case d%time.Minute == 0:
		return lang.T("audit.minutes", int(d/time.Minute))
	}
	return d.String()
}
