// Package lint implements `pm lint`: check postmortems for pre-commit hooks and pull-request review.
package lint

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/pm-tools/pm/pkg/buildinfo"
	"github.com/pm-tools/pm/pkg/cmd/internal/complete"
	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/config"
	"github.com/pm-tools/pm/pkg/fsutil"
	"github.com/pm-tools/pm/pkg/gitrepo"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/lint"
	"github.com/pm-tools/pm/pkg/lint/format"
	"github.com/pm-tools/pm/pkg/present"
	"github.com/pm-tools/pm/pkg/project"
)

// MaxFileSize is the largest file pm lints, the same limit as for rewriting; a larger one is reported,
// not parsed: no postmortem is that long.
const MaxFileSize = project.MaxFileSize

// Options are the flags and arguments of pm lint.
type Options struct {
	F            *cmdutil.Factory
	Paths        []string
	Format       string
	Staged       bool
	ChangedSince string
	Strict       bool
	ListRules    bool
	Verbose      bool
	Version      string
	// Fix applies the safe fixes before reporting (fix.go); DryRun prints them as a diff instead.
	Fix    bool
	DryRun bool

	lang i18n.Lang // the messages' language, set by lintRun: the SARIF rules' descriptions follow it
	// referrers are the files --staged (--changed-since) lints only because they name a postmortem
	// the commit (the branch) removes: of their findings, only the relations rule's errors are its doing
	referrers map[string]bool
}

// NewCmdLint returns the lint command; runF replaces the run in tests of flag parsing.
func NewCmdLint(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{F: f}
	cmd := &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Check postmortems against the postmortem process",
		Long: `Check postmortems: front matter, required sections, placeholders, the customer
message's wording, the timeline, responders, action items, the meeting deadline.
With no PATH, every *.md under the postmortem folder; a PATH may be a file or a
folder, or - for standard input (reported as the file "-"). Completeness
checks are warnings in Draft and errors from In Review on.

--staged lints what is staged (the index), as a pre-commit hook needs;
--changed-since REF lints the postmortems changed between REF and the work tree,
as a pull-request check needs.

Findings go to stdout, sorted by path, line and column; a summary goes to
stderr (not with -q; -v also names each file and the time taken). Silence a
rule inline with
  <!-- pm-lint-disable RULE --> … <!-- pm-lint-enable RULE -->
  <!-- pm-lint-disable-next-line RULE -->
or for the repository in .pm.yaml (lint.rules).

--fix applies the fixes that need no judgement (a missing section with the
template's guidance, a missing Responders line, a missing Type column),
writes the files, names each fix on stderr, then reports what remains;
--fix --dry-run prints the fixes as a unified diff and writes nothing.
Rewordings (banned words) are never applied. --fix does not commit.

Exit codes: 0 no error-level finding, 1 at least one (with --strict, warnings
count too), 2 usage, input, git or I/O error.`,
		Example: `  pm lint
  pm lint testdata/examples
  pm lint --staged
  pm lint --changed-since origin/main --format github
  pm lint --format sarif > pm.sarif
  pm lint --list-rules
  pm lint --fix --dry-run`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if cmd.Flags().Changed("changed-since") && opts.ChangedSince == "" {
				return cmdutil.Usagef("--changed-since: an empty revision names no commit (as for git diff '')")
			}
			if runF != nil {
				return runF(opts)
			}
			return lintRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Format, "format", "text", "output format: text, json, sarif or github")
	fl.BoolVar(&opts.Staged, "staged", false, "lint the staged content of staged postmortems (for pre-commit hooks)")
	fl.StringVar(&opts.ChangedSince, "changed-since", "", "lint only postmortems changed between REF and the work tree")
	fl.BoolVar(&opts.Strict, "strict", false, "exit 1 on warnings too")
	fl.BoolVar(&opts.ListRules, "list-rules", false, "list the rules with their IDs and exit (--format text or json)")
	fl.BoolVarP(&opts.Verbose, "verbose", "v", false, "name each file linted, with its counts, and the time taken (stderr)")
	fl.BoolVar(&opts.Fix, "fix", false, "apply the safe fixes (missing sections, responders, columns) to the files, then report what remains")
	fl.BoolVar(&opts.DryRun, "dry-run", false, "with --fix, print the fixes as a unified diff and write nothing")
	cmd.RegisterFlagCompletionFunc("format", complete.Flag(format.Formats...))
	return cmd
}

func lintRun(o *Options) error {
	f := o.F
	name := strings.ToLower(o.Format)
	if !contains(format.Formats, name) {
		return cmdutil.Usagef("%s", f.UserLang().T("usage.format", o.Format, strings.Join(format.Formats, ", ")))
	}
	if o.ListRules {
		switch name {
		case "text":
			return listRules(f.IO.Out, f.UserLang())
		case "json":
			return listRulesJSON(f.IO.Out, f.UserLang())
		}
		// the rules' descriptors are in every SARIF log; GitHub's format has no place for them
		return cmdutil.Usagef("%s", f.UserLang().T("lint.list-rules-format", name))
	}
	if o.Staged && o.ChangedSince != "" {
		return cmdutil.Usagef("%s", f.UserLang().T("lint.staged-and-since"))
	}
	if err := checkFixFlags(o, f.UserLang); err != nil {
		return err
	}
	c := f.Context()
	var p *project.Project
	var err error
	var lang i18n.Lang
	if o.Staged {
		// the commit's settings are the .pm.yaml it commits: an unstaged edit to the work tree's,
		// half-typed, is no reason to refuse it
		p = f.OpenProjectDeferringConfig()
		lang = f.Lang(p.Config)
	} else {
		if p, err = c.Project(); err != nil {
			return cmdutil.Usagef("%v", err)
		}
		lang = c.Lang()
	}
	o.lang = lang
	var linter *lint.Linter
	if !o.Staged { // the settings' errors come before what collecting finds
		if linter, err = cmdutil.Linter(p, lang); err != nil {
			return cmdutil.Usagef("%v", err)
		}
	}
	inputs, err := collect(o, p, lang)
	if err != nil {
		return err
	}
	if o.Staged {
		// the commit being made: its settings (the index's .pm.yaml, when another) and its
		// postmortems (the index's, for the relations rule), not the work tree's
		if p.ConfigErr != nil {
			lang = f.Lang(p.Config) // the work tree's could not say it
			o.lang = lang
		}
		if linter, err = cmdutil.LinterWithRelations(p, lang, p.StagedRelations()); err != nil {
			return cmdutil.Usagef("%v", err)
		}
	}
	var unwritten map[string]error // files fixed but not written, linted as they are
	if o.Fix {
		if inputs, unwritten, err = fixInputs(o, p, linter, lang, inputs); err != nil {
			return err
		}
	}
	start := f.Clock() // the real clock: PM_NOW fixes the process's dates, not the time -v reports
	load := func(in *lint.Input) { loadFile(in, lang) }
	var findings []lint.Finding
	ioErrors, notWritten := 0, 0
	// report says what went wrong with a file, or with -v how it went.
	report := func(r lint.Result) bool {
		if r.Err != nil {
			ioErrors++
			fmt.Fprintf(f.IO.ErrOut, "pm: %s\n", present.Line(r.Err.Error()))
			return false
		}
		if err := unwritten[r.Path]; err != nil {
			// the failure it is (exit 2), counted as not written; the file's findings still count
			notWritten++
			fmt.Fprintf(f.IO.ErrOut, "pm: %s\n", present.Line(i18n.Text(lang, err)))
		}
		if o.Verbose {
			e, w := lint.Counts(r.Findings)
			fmt.Fprintln(f.IO.ErrOut, lang.T("lint.verbose-file", present.Name(r.Path), lang.N("n.error", e), lang.N("n.warning", w)))
		}
		return true
	}
	var errs, warns int
	if streamable(name, inputs, func(path string) string { return outputPath(o, p, name, path) }) && !o.DryRun {
		// The inputs come in the order of their paths, each file's findings sorted: the output is in
		// order as the files are done, and is written as they are, without holding every finding.
		sw := newStream(o, p, name)
		linter.LintEach(inputs, load, func(r lint.Result) {
			keepFromReferrers(o, &r)
			if report(r) {
				e, w := lint.Counts(r.Findings)
				errs, warns = errs+e, warns+w
				sw.add(r.Findings)
			}
		})
		if o.Verbose {
			fmt.Fprintln(f.IO.ErrOut, lang.T("lint.took", f.Clock().Sub(start).Round(time.Millisecond).String()))
		}
		if err := sw.close(); err != nil {
			return fmt.Errorf("write findings: %w", err)
		}
	} else {
		results := linter.LintAll(inputs, load)
		took := f.Clock().Sub(start)
		for _, r := range results {
			keepFromReferrers(o, &r)
			if report(r) {
				findings = append(findings, r.Findings...)
			}
		}
		if o.Verbose {
			fmt.Fprintln(f.IO.ErrOut, lang.T("lint.took", took.Round(time.Millisecond).String()))
		}
		lint.SortFindings(findings)
		if !o.DryRun {
			if err := write(o, p, name, findings); err != nil {
				return fmt.Errorf("write findings: %w", err)
			}
		} else if len(findings) > 0 {
			// with --dry-run, stdout holds the diff: what would remain goes to stderr, as text, so
			// that the counts below name their findings and the diff still applies as it is
			if err := format.WriteText(present.Writer(f.IO.ErrOut), cmdutil.NamedFindings(findings)); err != nil {
				return fmt.Errorf("write findings: %w", err)
			}
		}
		errs, warns = lint.Counts(findings)
	}
	f.Infof("%s\n", summary(lang, len(inputs), errs, warns, ioErrors, notWritten))
	switch {
	case ioErrors > 0 || notWritten > 0:
		return &cmdutil.ExitError{Code: cmdutil.ExitFailure}
	case errs > 0 || (o.Strict && warns > 0):
		return cmdutil.ErrSilentFindings
	}
	return nil
}

func summary(l i18n.Lang, files, errs, warns, ioErrors, notWritten int) string {
	s := l.T("lint.summary", l.N("n.file", files), l.N("n.error", errs), l.N("n.warning", warns))
	if ioErrors > 0 {
		s += l.T("lint.unreadable", l.N("n.file-count", ioErrors)) // "読めないファイル 1 件"
	}
	if notWritten > 0 {
		s += l.T("lint.not-written", l.N("n.file-count", notWritten))
	}
	return s
}

// useStagedConfig makes the .pm.yaml the index holds (staged) the project's settings when it is not
// the work tree's: a commit is linted by the settings it commits, as a checkout of it would be. A
// .pm.yaml the index does not have leaves the work tree's, and its error (p.ConfigErr) if it had one.
func useStagedConfig(p *project.Project, staged *gitrepo.File) error {
	if staged == nil {
		if p.ConfigErr != nil {
			return cmdutil.Usagef("%v", p.ConfigErr) // the work tree's settings are the commit's
		}
		return nil
	}
	path := filepath.Join(p.Root, config.FileName)
	// read only when it loaded, and never opened unless regular: a named pipe in its place would
	// hold the pre-commit hook, and git commit, forever
	if p.ConfigErr == nil {
		if work, err := fsutil.ReadRegular(path); err == nil && bytes.Equal(work, staged.Data) {
			return nil
		}
	}
	cfg, err := config.Parse(path+" (staged)", staged.Data)
	if err != nil {
		return cmdutil.Usagef("%v", err)
	}
	p.Config = cfg
	return nil
}

// collect lists what to lint: staged files, changed files, named paths, or the postmortem folder.
func collect(o *Options, p *project.Project, lang i18n.Lang) ([]lint.Input, error) {
	f := o.F
	inDir := p.InDir
	if o.Staged || o.ChangedSince != "" {
		if slices.Contains(o.Paths, "-") { // what git holds is read, not standard input: said, not passed over
			return nil, cmdutil.Usagef("%s", lang.T("lint.stdin-git"))
		}
		if !p.InRepo {
			if bare := p.Bare(); bare != nil { // a repository, but no index or work tree to compare
				return nil, cmdutil.Usagef("%v", bare)
			}
			return nil, cmdutil.Usagef("%s", lang.T("lint.not-repo", f.WorkDir))
		}
		repo, err := p.Repo()
		if err != nil {
			return nil, err
		}
		match := inDir
		scope := []string{p.Config.Dir} // the folders --changed-since walks
		if len(o.Paths) > 0 {
			var prefixes []string
			for _, a := range o.Paths {
				rel, err := repo.Rel(f.Abs(a))
				if err != nil {
					return nil, cmdutil.Usagef("%v", err)
				}
				prefixes = append(prefixes, rel)
			}
			match = func(rel string) bool {
				for _, pre := range prefixes {
					switch {
					case rel == pre: // a file named: linted, as pm lint FILE lints it
						return project.IsPostmortemName(rel)
					case pre == "." || pre == "":
						if project.IsPostmortemPath(rel) {
							return true
						}
					default:
						// below a folder named: the rule of pm lint FOLDER (no dot folders, no node_modules)
						if below, ok := strings.CutPrefix(rel, strings.TrimSuffix(pre, "/")+"/"); ok && project.IsPostmortemPath(below) {
							return true
						}
					}
				}
				return false
			}
			scope = prefixes
		}
		display := func(rel string) string { return f.Display(filepath.Join(repo.Root(), filepath.FromSlash(rel))) }
		if o.Staged {
			// any Markdown file: which are postmortems is said by the .pm.yaml being committed, read
			// from the same index (only staged files are decoded, so this costs nothing)
			files, unmerged, cfgFile, err := repo.StagedChangesAnd(project.IsPostmortemName, config.FileName)
			if err != nil {
				return nil, err
			}
			if err := useStagedConfig(p, cfgFile); err != nil {
				return nil, err
			}
			if cfgFile != nil && len(o.Paths) == 0 { // a commit of a repository set up for pm (a hook installed alone asks nothing)
				if err := folderThere(p, f, lang, repo, "HEAD"); err != nil {
					return nil, err
				}
			}
			for _, rel := range unmerged {
				if match(rel) {
					// git commit will not go on until the conflict is resolved and added
					f.Skipped(filepath.Join(repo.Root(), filepath.FromSlash(rel)), i18n.Err("lint.skip-unmerged"))
				}
			}
			var in []lint.Input
			for _, sf := range files {
				if !match(sf.Path) {
					continue
				}
				if sf.Link {
					// what git stores of a link is where it leads; the file there is linted
					// where it is (staged, or when it changes)
					f.Skipped(filepath.Join(repo.Root(), filepath.FromSlash(sf.Path)), i18n.Err("lint.skip-staged-link"))
					continue
				}
				in = append(in, blobInput(display(sf.Path), sf.Data, lang))
			}
			return withReferrers(o, p, repo, in, files, unmerged, match, display, lang)
		}
		// changed since where this branch left REF, as git diff REF... shows (the base's own newer
		// changes are not this branch's); without a common commit, since REF itself
		since := o.ChangedSince
		if mb, ok, err := repo.MergeBase(since); err != nil {
			return nil, cmdutil.Usagef("--changed-since %s: %s", o.ChangedSince, cmdutil.RevisionText(lang, o.ChangedSince, err))
		} else if ok {
			since = mb
		} else {
			// git itself refuses REF... here ("no merge base"): pm goes on, and says how
			note := present.Line(lang.T("git.no-merge-base", o.ChangedSince, o.ChangedSince))
			fmt.Fprintf(f.IO.ErrOut, "pm: %s\n", note)
			if o.Format == "github" {
				// the annotations are what the pull request shows: the caveat goes with them
				fmt.Fprintln(f.IO.Out, format.GitHubWarning(note))
			}
		}
		if len(o.Paths) == 0 { // files or folders named are what is looked at
			if err := folderThere(p, f, lang, repo, since); err != nil {
				return nil, err
			}
		}
		paths, err := repo.ChangedSince(since, match, scope...)
		if err != nil {
			return nil, cmdutil.Usagef("--changed-since %s: %v", o.ChangedSince, err)
		}
		// the postmortems naming one the branch removes are linted too, for that alone
		changed := make(map[string]bool, len(paths))
		for _, rel := range paths {
			changed[rel] = true
		}
		refs, err := p.Referrers(since, changed)
		if err != nil {
			return nil, err
		}
		refSet := map[string]bool{}
		for _, rel := range refs {
			if match(rel) {
				refSet[rel] = true
				paths = append(paths, rel)
			}
		}
		if len(refSet) > 0 {
			slices.Sort(paths)
			o.referrers = map[string]bool{}
		}
		var in []lint.Input
		fence, err := project.NewFence(repo.Root())
		if err != nil {
			return nil, err
		}
		for _, rel := range paths {
			if refSet[rel] {
				o.referrers[display(rel)] = true
			}
			abs := filepath.Join(repo.Root(), filepath.FromSlash(rel))
			if _, err := fsutil.StatRegular(abs); errors.Is(err, fsutil.ErrNotRegular) {
				f.Skipped(abs, err)
				continue
			} else if errors.Is(err, fs.ErrNotExist) {
				// outside the sparse checkout: linted as the index holds it, as git diff reads it
				if data, ok, ierr := repo.IndexFile(rel); ierr != nil {
					return nil, ierr
				} else if ok {
					in = append(in, blobInput(display(rel), data, lang))
					continue
				}
			}
			if err := fence.Check(abs); err != nil {
				f.Skipped(abs, err)
				continue
			}
			in = append(in, lint.Input{Path: display(rel), Source: abs})
		}
		return in, nil
	}
	args := o.Paths
	if len(args) == 0 {
		dir := p.Dir()
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() { // a dir naming a file is no folder of postmortems
			if bare := p.Bare(); bare != nil {
				return nil, cmdutil.Usagef("%v", bare)
			}
			if !p.InRepo {
				return nil, cmdutil.Usagef("%s", lang.T("lint.no-folder-no-repo", p.Root, f.Display(dir)))
			}
			if p.FolderOutsideCheckout() {
				return nil, cmdutil.Usagef("%s", lang.T("usage.folder-outside-sparse", f.Display(dir)))
			}
			return nil, cmdutil.Usagef("%s", lang.T("lint.no-folder", f.Display(dir)))
		}
		args = []string{dir}
	}
	var in []lint.Input
	seen := map[string]bool{}
	repoFence, err := project.NewFence(p.Root)
	if err != nil {
		return nil, err
	}
	for _, a := range args {
		if a == "-" {
			// standard input, as an editor or `git show :x.md | pm lint -` gives it: linted as the
			// file "-" (--fix refuses it: there is no file to write), once however often it is named
			if seen[a] {
				continue
			}
			seen[a] = true
			data, err := io.ReadAll(io.LimitReader(f.IO.In, MaxFileSize+1))
			if err != nil {
				return nil, cmdutil.Usagef("%s", lang.T("err.read-stdin", err))
			}
			if len(data) > MaxFileSize {
				// the rest counted, not kept (up to a GiB more), so that the refusal names the
				// input's size as it names a file's
				rest, _ := io.Copy(io.Discard, io.LimitReader(f.IO.In, 1<<30))
				in = append(in, lint.Input{Path: "-", Skip: lang.T("lint.too-large", project.OverLimit(int64(len(data))+rest))})
				continue
			}
			in = append(in, blobInput("-", data, lang))
			continue
		}
		abs := f.Abs(a)
		fi, err := os.Stat(abs)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, cmdutil.Usagef("%s", lang.T("lint.no-such", a))
			}
			return nil, cmdutil.Usagef("%s: %v", a, unwrapPathError(err))
		}
		// What lies in the repository (the project root when there is none) as written is read only
		// where it really is in it; a folder named outside is its own fence.
		inRepo := repoFence.Holds(abs)
		if !fi.IsDir() {
			if inRepo {
				if err := repoFence.Check(abs); err != nil {
					return nil, cmdutil.Usagef("%s: %v", a, err)
				}
			}
			if !seen[abs] {
				seen[abs] = true
				in = append(in, lint.Input{Path: displayArg(f, a, abs), Source: abs})
			}
			continue
		}
		within := abs
		if inRepo {
			within = p.Root
		}
		found, err := project.Walk(abs, within, f.Skipped)
		if err != nil {
			return nil, cmdutil.Usagef("read folder %s: %v", folderOf(a, abs, err), unwrapPathError(err))
		}
		for _, path := range found {
			if !seen[path] {
				seen[path] = true
				in = append(in, lint.Input{Path: suffixOf(path, f.Display(path)), Source: path})
			}
		}
	}
	return in, nil
}

// skipped warns that a file met while listing a folder is left out: a named pipe, a device or a
// socket is never opened (a named pipe would block pm).
// suffixOf returns display as a part of path when path ends with it (a file under the work folder),
// so that the thousands of inputs of a large folder hold each path once.
func suffixOf(path, display string) string {
	if strings.HasSuffix(path, display) {
		return path[len(path)-len(display):]
	}
	return display
}

// displayArg keeps a file path as the user typed it (cleaned), so findings point where they looked.
func displayArg(f *cmdutil.Factory, arg, abs string) string {
	if filepath.IsAbs(arg) {
		return f.Display(abs)
	}
	return filepath.ToSlash(filepath.Clean(arg))
}

// folderOf names the folder a walk of arg (abs) failed in: arg itself, or the folder inside it the
// error names, as arg/sub.
func folderOf(arg, abs string, err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if rel, rerr := filepath.Rel(abs, pe.Path); rerr == nil && rel != "." && filepath.IsLocal(rel) {
			return filepath.Join(arg, rel)
		}
	}
	return arg
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// loadFile reads an input that has no data yet (a file on disk), refusing what cannot be a postmortem:
// a file that is not regular (never opened: a named pipe would block) is an unreadable file.
// folderThere is the error pm lint gives when the postmortem folder is not there, for --staged and
// --changed-since too: a .pm.yaml naming a folder where nothing is would otherwise pass as "0 files
// linted", and a pull request could move dir there to pass its check.
// A folder whose postmortems were all deleted since base (the commit the staged or changed files are
// compared with: the last one removed with git rm, and the folder with it) is gone, not missing:
// there is nothing to lint, and that is no error.
func folderThere(p *project.Project, f *cmdutil.Factory, lang i18n.Lang, repo *gitrepo.Repo, base string) error {
	missing, err := p.FolderMissing()
	if err != nil || !missing {
		return err
	}
	if project.FolderHeldAt(p, repo, base) {
		return nil
	}
	return cmdutil.Usagef("%s", lang.T("lint.no-folder", f.Display(p.Dir())))
}

// withReferrers adds to the staged inputs in the postmortems that name one the commit removes (see
// project.StagedReferrers), as the index holds them, marked in o.referrers; in stays in path order.
func withReferrers(o *Options, p *project.Project, repo *gitrepo.Repo, in []lint.Input, files []gitrepo.File,
	unmerged []string, match func(string) bool, display func(string) string, lang i18n.Lang) ([]lint.Input, error) {
	staged := make(map[string]bool, len(files))
	for _, sf := range files {
		staged[sf.Path] = true
	}
	rels, err := p.StagedReferrers(staged, unmerged)
	if err != nil || len(rels) == 0 {
		return in, err
	}
	type entry struct {
		rel string
		in  lint.Input
	}
	var all []entry
	i := 0
	for _, sf := range files { // in holds the matched files that are not links, in this order
		if i < len(in) && match(sf.Path) && !sf.Link {
			all = append(all, entry{sf.Path, in[i]})
			i++
		}
	}
	o.referrers = map[string]bool{}
	for _, rel := range rels {
		if !match(rel) {
			continue
		}
		data, ok, err := repo.IndexFile(rel)
		if err != nil {
			return nil, err
		}
		if ok {
			all = append(all, entry{rel, blobInput(display(rel), data, lang)})
			o.referrers[display(rel)] = true
		}
	}
	slices.SortStableFunc(all, func(a, b entry) int { return strings.Compare(a.rel, b.rel) })
	out := make([]lint.Input, len(all))
	for i, e := range all {
		out[i] = e.in
	}
	return out, nil
}

// keepFromReferrers leaves, of a referrer's findings (see Options.referrers), the relations rule's
// errors: what else it has was there before the commit, and is pm lint's to show.
func keepFromReferrers(o *Options, r *lint.Result) {
	if !o.referrers[r.Path] {
		return
	}
	kept := r.Findings[:0]
	for _, f := range r.Findings {
		if f.Rule == "relations" && f.Severity == lint.Error {
			kept = append(kept, f)
		}
	}
	r.Findings = kept
}

// blobInput is the input of a file read from git (the index): one larger than pm reads is refused
// with the finding loadFile gives a file on disk, not linted.
func blobInput(path string, data []byte, lang i18n.Lang) lint.Input {
	if len(data) > MaxFileSize {
		return lint.Input{Path: path, Skip: lang.T("lint.too-large", project.OverLimit(int64(len(data))))}
	}
	return lint.Input{Path: path, Data: data}
}

func loadFile(in *lint.Input, lang i18n.Lang) {
	if in.Data != nil || in.Skip != "" {
		return
	}
	file, fi, err := fsutil.OpenRegular(in.Source)
	if err != nil {
		in.Err = fmt.Errorf("read %s: %v", in.Path, unwrapPathError(err))
		return
	}
	defer file.Close()
	if fi.Size() > MaxFileSize {
		in.Skip = lang.T("lint.too-large", project.OverLimit(fi.Size()))
		return
	}
	bp := buffers.Get().(*[]byte)
	data, err := readInto((*bp)[:0], file, fi.Size())
	if err != nil {
		buffers.Put(bp)
		in.Err = fmt.Errorf("read %s: %v", in.Path, unwrapPathError(err))
		return
	}
	in.Data = data
	in.Release = func(data []byte) {
		if cap(data) <= maxPooled {
			*bp = data[:0]
			buffers.Put(bp)
		}
	}
}

// buffers are the read buffers of the files being linted: a file's bytes are needed only until its
// findings are made, so the next file is read into them and reading thousands of files allocates
// a few buffers, not one per file.
var buffers = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}

// maxPooled is the largest buffer kept for reuse; a rare large file's is left to the collector.
const maxPooled = 256 << 10

// readInto reads f to the end into buf, grown to the size of its stat (plus room to see the end).
func readInto(buf []byte, f *os.File, size int64) ([]byte, error) {
	if want := int(size) + 512; cap(buf) < want {
		buf = make([]byte, 0, want)
	}
	for {
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			return buf, err
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
	}
}

// streamable reports whether findings can be written file by file: in a format written finding by
// finding (not SARIF, one document), from inputs whose paths as the format writes them (outPath)
// are in strictly increasing order, so that the order of the files is the order of their findings'
// paths.
func streamable(name string, inputs []lint.Input, outPath func(string) string) bool {
	if name != "text" && name != "json" && name != "github" {
		return false
	}
	prev := ""
	for i := range inputs {
		path := outPath(inputs[i].Path)
		if i > 0 && prev >= path {
			return false
		}
		prev = path
	}
	return true
}

// outputPath is the path a format writes for a file shown as path: as shown in the text format,
// relative to the repository root in the machine formats. Findings are ordered by it, so that a
// machine format's output is the same from whatever folder pm runs in.
func outputPath(o *Options, p *project.Project, name, path string) string {
	if name == "text" {
		return path
	}
	return rootRelative(o.F, p, path)
}

// stream writes findings in the output format as they come, exactly as write writes them all at
// once: the same bytes, through a buffer.
type stream struct {
	o     *Options
	p     *project.Project
	name  string
	buf   *bufio.Writer
	count int // findings written
	err   error
}

func newStream(o *Options, p *project.Project, name string) *stream {
	return &stream{o: o, p: p, name: name, buf: bufio.NewWriterSize(o.F.IO.Out, 64<<10)}
}

func (s *stream) add(fs []lint.Finding) {
	if s.err != nil || len(fs) == 0 {
		return
	}
	switch s.name {
	case "text":
		s.err = format.WriteText(present.Writer(s.buf), cmdutil.NamedFindings(fs))
	case "github":
		s.err = format.WriteGitHub(s.buf, rooted(s.o, s.p, s.name, fs))
	case "json":
		// As format.WriteJSON's encoder indents the whole array: "[", then each finding indented by
		// two spaces, separated by commas, then "]".
		w := present.JSONWriter(s.buf)
		for _, x := range rooted(s.o, s.p, s.name, fs) {
			b, err := json.MarshalIndent(x, "  ", "  ")
			if err != nil {
				s.err = err
				return
			}
			sep := ",\n  "
			if s.count == 0 {
				sep = "[\n  "
			}
			s.count++
			if _, err := io.WriteString(w, sep+string(b)); err != nil {
				s.err = err
				return
			}
		}
	}
}

func (s *stream) close() error {
	if s.err == nil && s.name == "json" {
		end := "\n]\n"
		if s.count == 0 {
			end = "[]\n"
		}
		_, s.err = io.WriteString(present.JSONWriter(s.buf), end)
	}
	if err := s.buf.Flush(); s.err == nil {
		s.err = err
	}
	return s.err
}

// rooted returns the findings with paths relative to the repository root, as the machine formats
// give them (and sanitised for GitHub's annotations, a path's line breaks left for the workflow
// command to encode, so that the annotation names the file).
func rooted(o *Options, p *project.Project, name string, fs []lint.Finding) []lint.Finding {
	out := make([]lint.Finding, len(fs))
	for i, x := range fs {
		x.Path = rootRelative(o.F, p, x.Path)
		if name == "github" {
			x.Path, x.Message = present.NameKeepingBreaks(x.Path), present.Line(x.Message)
		}
		out[i] = x
	}
	return out
}

func write(o *Options, p *project.Project, name string, fs []lint.Finding) error {
	out := o.F.IO.Out
	if name == "text" {
		// The text format is read by people, on a terminal or in a CI log that renders escape
		// sequences: a finding quoting the document is sanitised, and so is its path, whose line
		// breaks are escaped besides: one finding, one line.
		return format.WriteText(present.Writer(out), cmdutil.NamedFindings(fs))
	}
	// The machine formats encode the exact text, with paths relative to the repository root, as
	// GitHub resolves them and as a script run from any folder of the repository expects. GitHub's
	// annotations are read by people, on the pull request and in the job's log: sanitised like text.
	fs = rooted(o, p, name, fs)
	// sorted as the paths are written: from a subfolder, "../b.md" is shown before "a.md", but
	// the machine formats name them "b.md" and "sub/a.md"
	lint.SortFindings(fs)
	switch name {
	case "json":
		return format.WriteJSON(present.JSONWriter(out), fs)
	case "sarif":
		version := o.Version
		if version == "" {
			version = buildinfo.Get().Version
		}
		return format.WriteSARIF(present.JSONWriter(out), fs, version, o.lang)
	}
	return format.WriteGitHub(out, fs)
}

// rootRelative turns a displayed path into one relative to the repository root, as GitHub resolves them.
func rootRelative(f *cmdutil.Factory, p *project.Project, path string) string {
	abs := f.Abs(filepath.FromSlash(path))
	// IsLocal, not a ".." prefix: "..notes/x.md" is a folder of the repository, not its parent
	if rel, err := filepath.Rel(p.Root, abs); err == nil && filepath.IsLocal(rel) {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(path)
}

// listRules writes each rule's ID, its severity as .pm.yaml spells it, and what it checks in lang.
func listRules(w io.Writer, lang i18n.Lang) error {
	var t present.Table
	for _, r := range lint.Rules {
		level := r.Default.String() // error and warning as .pm.yaml spells them; the others said in lang
		switch r.Default {
		case lint.DefaultCompleteness:
			level = lang.T("rules.completeness")
		case lint.DefaultMixed:
			level = lang.T("rules.mixed")
		}
		t.AddRow(present.Cells(r.ID, level, lang.T("rule."+r.ID))...)
	}
	return t.Write(w, 0)
}

// ruleInfo is a rule as pm lint --list-rules --format json writes it.
type ruleInfo struct {
	ID string `json:"id"`
	// Severity is the rule's default as lint.DefaultLevel words it: "error", "warning", "draft:
	// warning, later: error" or "mixed: each finding says" (English, as the finding's severities are).
	Severity    string `json:"severity"`
	Description string `json:"description"`
}

// listRulesJSON writes the rules as a JSON array of their ID, default severity and what they check
// in lang (as SARIF's descriptors say it), in the order of --list-rules.
func listRulesJSON(w io.Writer, lang i18n.Lang) error {
	rules := make([]ruleInfo, len(lint.Rules))
	for i, r := range lint.Rules {
		rules[i] = ruleInfo{ID: r.ID, Severity: r.Default.String(), Description: lang.T("rule." + r.ID)}
	}
	enc := json.NewEncoder(present.JSONWriter(w))
	enc.SetIndent("", "  ")
	return enc.Encode(rules)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
