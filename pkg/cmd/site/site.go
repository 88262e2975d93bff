// Package site implements `pm site`: a static website of the repository's postmortems, written into
// a folder (site/ by default) for a browser or a Pages host.
package site

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/pm-tools/pm/pkg/buildinfo"
	"github.com/pm-tools/pm/pkg/cmd/internal/cmdargs"
	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/config"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/present"
	"github.com/pm-tools/pm/pkg/project"
	"github.com/pm-tools/pm/pkg/site"
)

// Options are the flags of pm site.
type Options struct {
	F     *cmdutil.Factory
	Out   string // "" for site.Folder at the repository root
	Serve bool   // serve the site and rebuild it when a postmortem or .pm.yaml changes
	Addr  string // where --serve listens

	// ctx ends --serve (nil: an interrupt does); poll is how often --serve looks for changes (0: a
	// second); built is told of each rebuild --serve makes, and started of the address it serves;
	// clock is the machine's time that --serve compares files' modification times with (nil:
	// time.Now; not PM_NOW, which dates documents).
	ctx     context.Context
	poll    time.Duration
	built   func(error)
	started func(url string)
	clock   func() time.Time
}

// NewCmdSite returns the site command; runF replaces the run in tests of flag parsing.
func NewCmdSite(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{F: f}
	cmd := &cobra.Command{
		Use:   "site",
		Short: "Build a static website of the postmortems",
		Long: `Write a static website of the repository's postmortems into a folder (site/ at
the repository root unless --out names another): an index, newest first, with
filters and search; a page per postmortem with its lint findings, status history
and related incidents; pages per service and per tag; the open action items; the
customer messages already sent; charts; feed.xml (Atom) and index.json.

Every link is relative and nothing is fetched from elsewhere: open index.html
from disk, or publish the folder on GitHub or GitLab Pages. pm site writes its
files into the folder again each time and removes those it no longer writes;
files it did not write (a CNAME, pages of your own) stay. It refuses a folder it
did not write, and never commits.
The language is --lang, else .pm.yaml's language, else English. Raw HTML in the
Markdown is left out unless .pm.yaml sets site.unsafe_html: true.

` + cmdutil.ExitCodesHelp,
		Example: `  pm site
  pm site --out public
  pm site --serve
  pm --lang ja site`,
		Args: cmdargs.None,
		RunE: func(cmd *cobra.Command, args []string) error {
			if cmd.Flags().Changed("addr") && !opts.Serve {
				return cmdutil.Usagef("--addr is where --serve listens: add --serve, or leave --addr out")
			}
			if runF != nil {
				return runF(opts)
			}
			return siteRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Out, "out", "", "the folder to write the site into (default: site/ at the repository root)")
	cmd.Flags().BoolVar(&opts.Serve, "serve", false, "serve the site on --addr and rebuild it when a postmortem changes, until interrupted")
	cmd.Flags().StringVar(&opts.Addr, "addr", "127.0.0.1:8080", "the address --serve listens on")
	return cmd
}

func siteRun(o *Options) error {
	f := o.F
	c := f.Context()
	p, err := c.Project()
	if err != nil {
		return cmdutil.Usagef("%v", err)
	}
	lang := c.Lang()
	if _, err := c.Folder(); err != nil {
		return err
	}
	out := filepath.Join(p.Root, site.Folder)
	// shown is the folder as messages name it: as typed with --out, else relative to the working
	// folder.
	shown := f.Display(out)
	if o.Out != "" {
		out, shown = filepath.Clean(f.Abs(o.Out)), o.Out
	}
	if err := checkOut(p, out, shown, lang); err != nil {
		return err
	}
	// --serve takes its address before anything is built: an address in use or malformed is
	// refused at once, not after a whole build.
	var ln net.Listener
	var before *snapshot
	if o.Serve {
		if ln, err = net.Listen("tcp", o.Addr); err != nil {
			return cmdutil.Usagef("--serve: %v", err)
		}
		defer ln.Close()
		// the files as they are before the first build: a change made while it runs is a change
		before = scan(p, nil, o.now())
	}
	first := true
	rebuild := func() error {
		// A rebuild of --serve reads .pm.yaml again and judges at the time of the rebuild.
		q, now := p, c.Now()
		if !first {
			if q, err = f.OpenProject(); err != nil {
				return err
			}
			now = f.Now()
		}
		first = false
		res, err := buildSite(f, q, out, now, lang)
		if err == nil {
			f.Infof("%s\n", lang.T("site.wrote", shown, lang.N("n.page", res.Pages), lang.N("n.postmortem", res.Postmortems)))
		}
		return err
	}
	if err := rebuild(); err != nil {
		return err
	}
	if !o.Serve {
		return nil
	}
	return serve(o, p, out, ln, before, rebuild)
}

// build brings the site of the project's postmortems in out up to date: through the cache under
// out, only the files that changed are read again and only the pages that changed are written.
func buildSite(f *cmdutil.Factory, p *project.Project, out string, now time.Time, lang i18n.Lang) (*site.Result, error) {
	// The site's words follow --lang or .pm.yaml, not the locale of whoever builds it: CI and a
	// colleague's laptop build the same site.
	siteLang := i18n.Detect(f.LangFlag, p.Config.Language, func(string) string { return "" })
	src, err := Source(p, siteLang)
	if err != nil {
		return nil, err
	}
	src.Skipped = func(path string, err error) {
		fmt.Fprintln(f.IO.ErrOut, present.Line(project.SkipNote(project.Entry{Path: path, Err: err}, f.Display(path)).In(lang)))
	}
	return site.Update(out, src, site.Options{Lang: siteLang, Now: now, Location: p.Location(), Schedule: p.Schedule(),
		Actions: p.ActionDeadlines(), RepoURL: p.Config.RepoURL, FeedKey: feedKey(p), UnsafeHTML: p.Config.Site.UnsafeHTML,
		Waiting: func() { f.Infof("%s\n", present.Line(lang.T("site.waiting", f.Display(out)))) },
		Canonical: func(key, value string) string {
			if c, ok := config.Canonical(p.Config.Vocabulary.Terms(key), strings.TrimSpace(value)); ok {
				return c
			}
			return value
		}})
}

// Source is the project's postmortems as pm site reads them: listed, read and parsed as every
// command does, linted with the project's rules. Its salt is what besides a document's bytes decides
// what is made of it: pm's version, .pm.yaml and the language.
func Source(p *project.Project, lang i18n.Lang) (site.Source, error) {
	files, err := p.Files()
	if err != nil {
		return site.Source{}, err
	}
	var salt strings.Builder
	bi := buildinfo.Get()
	fmt.Fprintf(&salt, "%s\x00%s\x00%s\x00%t\x00", bi.Version, bi.Commit, lang, p.InRepo)
	if cfg, err := os.ReadFile(filepath.Join(p.Root, config.FileName)); err == nil {
		salt.Write(cfg)
	}
	// The configuration is checked before anything is read: an unknown rule is a usage error.
	if _, err := cmdutil.LinterWithRelations(p, lang, nil); err != nil {
		return site.Source{}, err
	}
	src := site.Source{
		Files: files,
		Rel:   p.RelPath,
		ID:    project.ID,
		Read:  project.ReadText,
		Parse: func(path string, data []byte) *postmortem.Doc { return postmortem.Parse(path, data, p.Location()) },
		Linter: func(relations func(string) (bool, []string)) func(*postmortem.Doc) []site.Finding {
			if !p.InRepo {
				relations = nil
			}
			linter, _ := cmdutil.LinterWithRelations(p, lang, relations) // checked above
			return func(doc *postmortem.Doc) []site.Finding {
				var fs []site.Finding
				for _, x := range linter.LintDoc(doc) {
					fs = append(fs, site.Finding{Line: x.Line, Column: x.Column, Rule: x.Rule, Severity: string(x.Severity), Message: x.Message})
				}
				return fs
			}
		},
		Salt: []byte(salt.String()),
	}
	return src, nil
}

// checkOut refuses an output folder whose replacement would destroy the repository's own files: the
// repository root or a folder above it, anything inside .git, the postmortem folder or a folder
// inside or above it; and a symbolic link or a file, which pm site would replace with a folder or
// write through. shown is out as the messages name it.
func checkOut(p *project.Project, out, shown string, lang i18n.Lang) error {
	real := func(path string) string {
		// Resolve the longest existing prefix, so that a symbolic link cannot hide where out is.
		rest := ""
		for d := path; ; d = filepath.Dir(d) {
			if r, err := filepath.EvalSymlinks(d); err == nil {
				return filepath.Join(r, rest)
			}
			if filepath.Dir(d) == d {
				return path
			}
			rest = filepath.Join(filepath.Base(d), rest)
		}
	}
	within := func(dir, path string) bool {
		rel, err := filepath.Rel(dir, path)
		return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
	}
	o, root, dir := real(out), real(p.Root), real(p.Dir())
	switch {
	case within(filepath.Join(root, ".git"), o):
		return cmdutil.Usagef("--out %s: %s", shown, lang.T("site.out-git"))
	case within(o, root):
		return cmdutil.Usagef("--out %s: %s", shown, lang.T("site.out-root"))
	case within(o, dir) || within(dir, o):
		return cmdutil.Usagef("--out %s: %s", shown, lang.T("site.out-folder"))
	}
	fi, err := os.Lstat(out)
	switch {
	case err != nil:
		return nil
	case fi.Mode()&os.ModeSymlink != 0:
		return cmdutil.Usagef("--out %s: %s", shown, lang.T("site.out-symlink"))
	case !fi.IsDir():
		return cmdutil.Usagef("--out %s: %s", shown, lang.T("site.out-not-folder"))
	}
	if entries, _ := os.ReadDir(out); len(entries) > 0 {
		if _, err := os.Stat(filepath.Join(out, site.Marker)); err != nil {
			return cmdutil.Usagef("--out %s: %s", shown, lang.T("site.out-not-site"))
		}
	}
	return nil
}

// feedKey tells the site's feed apart from another team's: repo_url, else the repository's folder.
func feedKey(p *project.Project) string {
	if p.Config.RepoURL != "" {
		return p.Config.RepoURL
	}
	return filepath.Base(p.Root)
}
