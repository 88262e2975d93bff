// Package review implements `pm review`: for each postmortem a branch changes, what its reviewer needs
// to know: the status move, lint findings, new or changed action items, the meeting against its deadline.
package review

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/pm-tools/pm/pkg/cmd/internal/cmdargs"
	"github.com/pm-tools/pm/pkg/cmd/internal/complete"
	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/config"
	"github.com/pm-tools/pm/pkg/fsutil"
	"github.com/pm-tools/pm/pkg/gitrepo"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/lint"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/present"
	"github.com/pm-tools/pm/pkg/project"
)

// Formats are the output formats of pm review.
var Formats = []string{"text", "markdown"}

// Options are the flags of pm review.
type Options struct {
	F      *cmdutil.Factory
	Base   string // "" for the default base
	Format string

	baseArg bool // Base was given as the argument, not as --base
}

// NewCmdReview returns the review command; runF replaces the run in tests of flag parsing.
func NewCmdReview(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{F: f}
	cmd := &cobra.Command{
		Use:   "review [REF]",
		Short: "Summarize the postmortems a branch changes, for their reviewer",
		Long: `For each postmortem changed between REF and the work tree (committed, staged,
modified or new), one block for its reviewer: the status move and whether the
process allows each step, the lint findings of the new version, the action
items added, changed or removed (matched by their Action text), and the meeting
against its deadline: "within", "N business days late", or "unscheduled, due
DATE" (PM_NOW fixes today's date). A deleted postmortem gets one line.

REF is the branch the change merges into, given as --base or as the one
argument (pm review main, as git diff main). Without it: the remote's default
branch (origin/HEAD, which git clone records), else origin/main, else
origin/master; when none exists, pm asks for --base.

--format markdown writes headings, lists and tables without colour, for a
pull-request comment; its first line is the marker <!-- pm review -->.

Exit codes: 0 no error-level finding and every status move allowed, 1 a changed
postmortem has an error-level lint finding or a move the process does not
allow, 2 usage, input, git or I/O error (REF names no commit, no repository).`,
		Example: `  pm review
  pm review --base main
  pm review main
  pm review --base origin/release-2026 --format markdown > review.md`,
		Args: cmdargs.Max(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				if cmd.Flags().Changed("base") {
					return cmdutil.Usagef("%s", f.UserLang().T("review.two-bases", opts.Base, args[0]))
				}
				opts.Base, opts.baseArg = args[0], true
				if opts.Base == "" {
					return cmdutil.Usagef("%s", f.UserLang().T("review.empty-base", "REF"))
				}
			}
			if cmd.Flags().Changed("base") && opts.Base == "" {
				return cmdutil.Usagef("%s", f.UserLang().T("review.empty-base", "--base"))
			}
			if runF != nil {
				return runF(opts)
			}
			return reviewRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Base, "base", "", "branch, tag or commit to compare with (default: origin/HEAD, origin/main or origin/master)")
	fl.StringVar(&opts.Format, "format", "text", "output format: text or markdown")
	cmd.RegisterFlagCompletionFunc("format", complete.Flag(Formats...))
	return cmd
}

// review is what pm review reports about one postmortem.
type review struct {
	rel     string // root-relative, slash-separated
	display string // relative to the work dir, for text output
	id      string
	isNew   bool
	deleted bool
	from    string          // root-relative path at the base when the postmortem was renamed, else ""
	old     *postmortem.Doc // at the base; nil for a new postmortem
	cur     *postmortem.Doc // in the work tree; nil for a deleted one

	findings    []lint.Finding
	errs, warns int
	move        move
	actions     []actionChange
	sameActions int
	unread      bool // a version's front matter does not parse: no action items compared
	unreadBase  bool // the version that does not parse is the base's
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
	c := f.Context()
	p, err := c.Project()
	if err != nil {
		return cmdutil.Usagef("%v", err)
	}
	lang := c.Lang()
	if !p.InRepo {
		return cmdutil.Usagef("%s", lang.T("review.not-repo", f.WorkDir))
	}
	repo, err := p.Repo()
	if err != nil {
		return cmdutil.Usagef("%v", err)
	}
	base, hash, err := resolveBase(repo, o.Base, o.baseArg, lang)
	if err != nil {
		return err
	}
	// What the branch changed is compared with where it left the base, as a pull request shows it
	// (git diff base...): a branch behind its base does not show the base's newer postmortems as
	// deleted. Without a common commit (unrelated histories, a shallow clone cut above it), the base
	// itself.
	noBase := false
	if mb, ok, err := repo.MergeBase(hash); err != nil {
		return err
	} else if ok {
		hash = mb
	} else {
		// git itself refuses base... here ("no merge base"): pm goes on, and says how
		fmt.Fprintf(f.IO.ErrOut, "pm: %s\n", present.Line(lang.T("git.no-merge-base", base, base)))
		noBase = true
	}
	linter, err := cmdutil.Linter(p, lang)
	if err != nil {
		return cmdutil.Usagef("%v", err)
	}
	reviews, err := collect(c, repo, linter, hash)
	if err != nil {
		return err
	}
	now := f.Now()
	for _, r := range reviews {
		r.compare(p, now, lang)
	}
	rep := report{base: base, noBase: noBase, reviews: reviews, lang: lang}
	if format == "markdown" {
		err = f.WriteOut(rep.writeMarkdown) // exact into a file or a pipe, to be posted
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

// resolveBase returns the base as the user reads it and the commit it names; asArg says the user gave
// it as the argument, which its error then names as git's does, without --base.
func resolveBase(repo *gitrepo.Repo, flag string, asArg bool, lang i18n.Lang) (name, hash string, err error) {
	if flag != "" {
		hash, err := repo.ResolveCommit(flag)
		if err != nil {
			if asArg {
				return "", "", cmdutil.Usagef("%s", cmdutil.RevisionText(lang, flag, err))
			}
			return "", "", cmdutil.Usagef("--base %s: %s", flag, cmdutil.RevisionText(lang, flag, err))
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
func collect(c *cmdutil.Context, repo *gitrepo.Repo, linter *lint.Linter, hash string) ([]*review, error) {
	p, err := c.Project()
	if err != nil {
		return nil, err
	}
	dir := strings.Trim(filepath.ToSlash(p.Config.Dir), "/")
	if dir == "." {
		dir = ""
	}
	match := p.InDir
	if missing, err := p.FolderMissing(); err != nil {
		return nil, err
	} else if missing && !project.FolderHeldAt(p, repo, hash) {
		// nothing to review is not a clean review: a branch that points dir where nothing is (one
		// that deletes the folder's last postmortems has them to show as deleted)
		return nil, cmdutil.Usagef("%s", c.Lang().T("lint.no-folder", c.Display(p.Dir())))
	}
	changed, err := repo.ChangedSince(hash, match, p.Config.Dir)
	if err != nil {
		return nil, err
	}
	atBase, err := repo.FilesAt(hash, dir)
	if err != nil {
		return nil, err
	}
	abs := func(rel string) string { return filepath.Join(repo.Root(), filepath.FromSlash(rel)) }
	// the postmortems of the base that the work tree no longer has
	var deleted []string
	for _, rel := range atBase {
		if !match(rel) {
			continue
		}
		if _, err := os.Lstat(abs(rel)); errors.Is(err, fs.ErrNotExist) {
			deleted = append(deleted, rel)
		}
	}
	// The branch moved the folder (dir in .pm.yaml changed): the base's postmortems are in the base's
	// folder, and those the work tree no longer has there are gone from it, to be paired with the
	// new ones as renames below, as git pairs them.
	if data, ok, err := repo.FileAt(hash, config.FileName); err == nil && ok {
		if baseCfg, err := config.Parse(config.FileName+" at the base", data); err == nil {
			baseDir := strings.Trim(filepath.ToSlash(baseCfg.Dir), "/")
			if baseDir == "." {
				baseDir = ""
			}
			if baseDir != dir {
				inBase := func(rel string) bool {
					if baseDir == "" {
						return project.IsPostmortemPath(rel)
					}
					below, ok := strings.CutPrefix(rel, baseDir+"/")
					return ok && project.IsPostmortemPath(below)
				}
				old, err := repo.FilesAt(hash, baseDir)
				if err != nil {
					return nil, err
				}
				for _, rel := range old {
					if !inBase(rel) || match(rel) {
						continue // a file of both folders is listed above
					}
					if _, err := os.Lstat(abs(rel)); errors.Is(err, fs.ErrNotExist) {
						deleted = append(deleted, rel)
					}
				}
			}
		}
	}
	sort.Strings(deleted)
	// A file outside the sparse checkout is missing from the work tree but not deleted: git reads
	// it as the index holds it.
	if outside, err := repo.OutsideCheckout(deleted); err != nil {
		return nil, err
	} else if len(outside) > 0 {
		deleted = slices.DeleteFunc(deleted, func(rel string) bool { return outside[rel] })
	}
	// In a partial clone, the base versions about to be read are fetched in one request.
	repo.PrefetchAt(hash, append(slices.Clone(changed), deleted...))
	loc := p.Location()
	// What pm lint --changed-since leaves out, pm review leaves out, with the same note: a file that
	// is not regular, and a link whose target is outside the repository, which a pull request could
	// otherwise use to put a file of the reviewing machine into the review.
	fence, err := project.NewFence(repo.Root())
	if err != nil {
		return nil, err
	}
	var reviews []*review
	var inputs []lint.Input
	lang := c.Lang()
	for _, rel := range changed {
		fi, err := fsutil.StatRegular(abs(rel))
		if errors.Is(err, fsutil.ErrNotRegular) {
			c.F.Skipped(abs(rel), err)
			continue
		}
		if err := fence.Check(abs(rel)); err != nil {
			c.F.Skipped(abs(rel), err)
			continue
		}
		r := &review{rel: rel, display: c.Display(abs(rel)), id: project.ID(rel)}
		if err == nil && fi.Size() > project.MaxFileSize {
			// not read, as pm lint does not read it: the one finding it gets there, and nothing to
			// compare
			r.cur = postmortem.Parse(abs(rel), nil, loc)
			old, ok, err := repo.FileAt(hash, rel)
			if err != nil {
				return nil, err
			}
			r.old, r.isNew = baseDoc(abs(rel), old, ok, loc)
			reviews = append(reviews, r)
			inputs = append(inputs, lint.Input{Path: r.display, Skip: lang.T("lint.too-large", project.OverLimit(fi.Size()))})
			continue
		}
		data, err := fsutil.ReadRegular(abs(rel))
		if errors.Is(err, fs.ErrNotExist) {
			// outside the sparse checkout: what the index holds, as git diff reads it
			if idata, ok, ierr := repo.IndexFile(rel); ierr != nil {
				return nil, ierr
			} else if ok {
				data, err = idata, nil
			}
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", r.display, unwrapPathError(err))
		}
		in := lint.Input{Path: r.display, Data: data}
		if len(data) > project.MaxFileSize { // the index's blob of a file outside the sparse checkout
			in = lint.Input{Path: r.display, Skip: lang.T("lint.too-large", project.OverLimit(int64(len(data))))}
			data = nil
		}
		r.cur = postmortem.Parse(abs(rel), data, loc)
		old, ok, err := repo.FileAt(hash, rel)
		if err != nil {
			return nil, err
		}
		r.old, r.isNew = baseDoc(abs(rel), old, ok, loc)
		reviews = append(reviews, r)
		inputs = append(inputs, in)
	}
	for i, res := range linter.LintAll(inputs, nil) {
		reviews[i].findings = res.Findings
		reviews[i].errs, reviews[i].warns = lint.Counts(res.Findings)
	}
	for _, rel := range deleted {
		r := &review{rel: rel, display: c.Display(abs(rel)), id: project.ID(rel), deleted: true}
		old, ok, err := repo.FileAt(hash, rel)
		if err != nil {
			return nil, err
		}
		r.old, _ = baseDoc(abs(rel), old, ok, loc)
		reviews = append(reviews, r)
	}
	return pairRenames(reviews), nil
}

// baseDoc is the base's version of a postmortem (ok: the base has one; isNew otherwise), parsed; one
// larger than pm reads (project.MaxFileSize) is read as nothing, a version whose front matter pm
// cannot read, as pm lint would not read it either.
func baseDoc(path string, data []byte, ok bool, loc *time.Location) (doc *postmortem.Doc, isNew bool) {
	if !ok {
		return nil, true
	}
	if len(data) > project.MaxFileSize {
		data = nil
	}
	return postmortem.Parse(path, data, loc), false
}

// renameSimilarity is how alike, from 0 to 1, a deleted postmortem and a new one must be to count as
// the same document moved: git's own rename detection starts at 50%.
const renameSimilarity = 0.5

// pairRenames turns each deleted postmortem that a new one continues into the old version of that new
// one, so a renamed postmortem shows its status move and action changes rather than a deletion and an
// addition. Postmortems written from one template share many lines, so likeness alone is not enough:
// the two must also have the same incident date and the same first status_history entry (pm new
// records who created the document and when), unless the bytes are the same (a rename alone). The
// closest pairs are matched first.
func pairRenames(reviews []*review) []*review {
	type pair struct {
		added, gone *review
		score       float64
	}
	var pairs []pair
	for _, a := range reviews {
		if !a.isNew {
			continue
		}
		for _, d := range reviews {
			if d.deleted && bytes.Equal(d.old.Src, a.cur.Src) {
				// moved and not changed (git's R100): the same file, whatever it records
				pairs = append(pairs, pair{a, d, 1.01})
				continue
			}
			if d.deleted && (d.old.Root == nil || a.cur.Root == nil) {
				// a version whose front matter does not parse says nothing of its incident: nearly
				// the same text is the same document (git's rename detection says 50%; pm asks more)
				if score := similarity(d.old.Src, a.cur.Src); score >= 0.9 {
					pairs = append(pairs, pair{a, d, score})
				}
				continue
			}
			if d.deleted && sameIncident(d.old, a.cur) {
				if score := similarity(d.old.Src, a.cur.Src); score >= renameSimilarity {
					pairs = append(pairs, pair{a, d, score})
				}
			}
		}
	}
	if len(pairs) == 0 {
		return reviews
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].score > pairs[j].score })
	taken := map[*review]bool{}
	for _, p := range pairs {
		if taken[p.added] || taken[p.gone] {
			continue
		}
		taken[p.added], taken[p.gone] = true, true
		p.added.isNew, p.added.old, p.added.from = false, p.gone.old, p.gone.rel
	}
	var out []*review
	for _, r := range reviews {
		if !(r.deleted && taken[r]) {
			out = append(out, r)
		}
	}
	return out
}

// sameIncident reports whether two versions record the same incident and the same creation.
func sameIncident(a, b *postmortem.Doc) bool {
	fa, fb := &a.Fields, &b.Fields
	if fa.IncidentDate.IsZero() || !fa.IncidentDate.Equal(fb.IncidentDate) ||
		len(fa.StatusHistory) == 0 || len(fb.StatusHistory) == 0 {
		return false
	}
	ha, hb := fa.StatusHistory[0], fb.StatusHistory[0]
	return ha.At != "" && ha.At == hb.At && ha.By == hb.By
}

// similarity is the share of lines two texts have in common: twice the lines they share (each line
// counted as often as it occurs in both) over the lines of both.
func similarity(a, b []byte) float64 {
	la, lb := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	if len(la)+len(lb) == 0 {
		return 1
	}
	count := make(map[string]int, len(la))
	for _, l := range la {
		count[string(l)]++
	}
	common := 0
	for _, l := range lb {
		if count[string(l)] > 0 {
			count[string(l)]--
			common++
		}
	}
	return 2 * float64(common) / float64(len(la)+len(lb))
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
