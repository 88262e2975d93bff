// Package review implements `pm review`: for each postmortem a branch changes, what its reviewer needs
// to know: the status move, lint findings, new or changed action items, the meeting against its deadline.
package review

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/gitrepo"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/lint"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/project"
)

// Formats are the output formats of pm review.
var Formats = []string{"text", "markdown"}

// Options are the flags of pm review.
type Options struct {
	F      *cmdutil.Factory
	Base   string // "" for the default base
	Format string
}

// NewCmdReview returns the review command; runF replaces the run in tests of flag parsing.
func NewCmdReview(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{F: f}
	cmd := &cobra.Command{
		Use:   "review",
		Short: "Summarize the postmortems a branch changes, for their reviewer",
		Long: `For each postmortem changed between REF and the work tree (committed, staged,
modified or new), one block for its reviewer: the status move and whether the
process allows each step, the lint findings of the new version, the action
items added, changed or removed (matched by their Action text), and the meeting
against its deadline: "within", "N business days late", or "unscheduled, due
DATE" (PM_NOW fixes today's date). A deleted postmortem gets one line.

REF is the branch the change merges into. Without --base: the remote's default
branch (origin/HEAD, which git clone records), else origin/main, else
origin/master; when none exists, pm asks for --base.

--format markdown writes headings, lists and tables without colour, for a
pull-request comment; its first line is the marker <!-- pm review -->.

Exit codes: 0 no error-level finding and every status move allowed, 1 a changed
postmortem has an error-level lint finding or a move the process does not
allow, 2 usage, input, git or I/O error (REF names no commit, no repository).`,
		Example: `  pm review
  pm review --base main
  pm review --base origin/release-2026 --format markdown > review.md`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return reviewRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Base, "base", "", "branch, tag or commit to compare with (default: origin/HEAD, origin/main or origin/master)")
	fl.StringVar(&opts.Format, "format", "text", "output format: text or markdown")
	cmd.RegisterFlagCompletionFunc("format", cmdutil.CompleteFlag(Formats...))
	return cmd
}

// review is what pm review reports about one postmortem.
type review struct {
	rel     string // root-relative, slash-separated
	display string // relative to the work dir, for text output
	id      string
	isNew   bool
	deleted bool
	old     *postmortem.Doc // at the base; nil for a new postmortem
	cur     *postmortem.Doc // in the work tree; nil for a deleted one

	findings    []lint.Finding
	errs, warns int
	move        move
	actions     []actionChange
	sameActions int
	meeting     string
}

// failed reports whether the postmortem makes pm review exit 1.
func (r *review) failed() bool { return !r.deleted && (r.errs > 0 || r.move.problem != nil) }

func reviewRun(o *Options) error {
	f := o.F
	format := strings.ToLower(o.Format)
	if !contains(Formats, format) {
		return cmdutil.Usagef("%s", f.UserLang().T("usage.format", o.Format, strings.Join(Formats, ", ")))
	}
	p, err := project.Open(f.WorkDir, f.Getenv, f.Now)
	if err != nil {
		return cmdutil.Usagef("%v", err)
	}
	lang := f.Lang(p.Config)
	if !p.InRepo {
		return cmdutil.Usagef("%s", lang.T("review.not-repo", f.WorkDir))
	}
	repo, err := p.Repo()
	if err != nil {
		return cmdutil.Usagef("%v", err)
	}
	base, hash, err := resolveBase(repo, o.Base, lang)
	if err != nil {
		return err
	}
	linter, err := p.LinterIn(lang)
	if err != nil {
		return cmdutil.Usagef("%v", err)
	}
	reviews, err := collect(f, p, repo, linter, hash)
	if err != nil {
		return err
	}
	now := f.Now()
	for _, r := range reviews {
		r.compare(p, linter, now, lang)
	}
	rep := report{base: base, reviews: reviews, lang: lang}
	if format == "markdown" {
		err = rep.writeMarkdown(f.IO.Out)
	} else {
		err = rep.writeText(f.IO.Out)
	}
	if err != nil {
		return fmt.Errorf("write review: %w", err)
	}
	f.Infof("%s\n", rep.summary())
	if rep.failed() > 0 {
		return cmdutil.ErrSilentFindings
	}
	return nil
}

// resolveBase returns the base as the user reads it and the commit it names.
func resolveBase(repo *gitrepo.Repo, flag string, lang i18n.Lang) (name, hash string, err error) {
	if flag != "" {
		hash, err := repo.ResolveCommit(flag)
		if err != nil {
			return "", "", cmdutil.Usagef("--base %s: %v", flag, err)
		}
		return flag, hash, nil
	}
	head, ok, err := repo.RemoteHead("origin")
	if err != nil {
		return "", "", err
	}
	candidates := []string{"origin/main", "origin/master"}
	if ok {
		candidates = append([]string{head}, candidates...)
	}
	for _, c := range candidates {
		if hash, err := repo.ResolveCommit(c); err == nil {
			return c, hash, nil
		}
	}
	return "", "", cmdutil.Usagef("%s", lang.T("review.no-base"))
}

// collect reads the old and new versions of every postmortem changed since the base commit, lints the
// new ones, and lists the deleted ones, in path order.
func collect(f *cmdutil.Factory, p *project.Project, repo *gitrepo.Repo, linter *lint.Linter, hash string) ([]*review, error) {
	dir := strings.Trim(filepath.ToSlash(p.Config.Dir), "/")
	if dir == "." {
		dir = ""
	}
	match := p.InDir
	changed, err := repo.ChangedSince(hash, match)
	if err != nil {
		return nil, err
	}
	atBase, err := repo.FilesAt(hash, dir)
	if err != nil {
		return nil, err
	}
	abs := func(rel string) string { return filepath.Join(repo.Root(), filepath.FromSlash(rel)) }
	loc := p.Location()
	var reviews []*review
	var inputs []lint.Input
	for _, rel := range changed {
		r := &review{rel: rel, display: f.Display(abs(rel)), id: project.ID(rel)}
		data, err := os.ReadFile(abs(rel))
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", r.display, unwrapPathError(err))
		}
		r.cur = postmortem.Parse(abs(rel), data, loc)
		old, ok, err := repo.FileAt(hash, rel)
		if err != nil {
			return nil, err
		}
		if ok {
			r.old = postmortem.Parse(abs(rel), old, loc)
		} else {
			r.isNew = true
		}
		reviews = append(reviews, r)
		inputs = append(inputs, lint.Input{Path: r.display, Data: data})
	}
	for i, res := range linter.LintAll(inputs, nil) {
		reviews[i].findings = res.Findings
		reviews[i].errs, reviews[i].warns = lint.Counts(res.Findings)
	}
	for _, rel := range atBase {
		if !match(rel) {
			continue
		}
		if _, err := os.Lstat(abs(rel)); !errors.Is(err, fs.ErrNotExist) {
			continue
		}
		r := &review{rel: rel, display: f.Display(abs(rel)), id: project.ID(rel), deleted: true}
		old, _, err := repo.FileAt(hash, rel)
		if err != nil {
			return nil, err
		}
		r.old = postmortem.Parse(abs(rel), old, loc)
		reviews = append(reviews, r)
	}
	return reviews, nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
