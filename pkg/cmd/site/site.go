// Package site implements `pm site`: a static website of the repository's postmortems, written into
// a folder (site/ by default) for a browser or a Pages host.
package site

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/pm-tools/pm/pkg/buildinfo"
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
	// second); built is told of each rebuild --serve makes, and started of the address it serves.
	ctx     context.Context
	poll    time.Duration
	built   func(error)
	started func(url string)
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
from disk, or publish the folder on GitHub or GitLab Pages. pm site replaces the
folder each time; it refuses a folder it did not write, and never commits.
The language is --lang, else .pm.yaml's language, else English. Raw HTML in the
Markdown is left out unless .pm.yaml sets site.unsafe_html: true.

` + cmdutil.ExitCodesHelp,
		Example: `  pm site
  pm site --out public
  pm site --serve
  pm --lang ja site`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
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
	if o.Out != "" {
		out = filepath.Clean(f.Abs(o.Out))
	}
	if err := checkOut(p, out, lang, f); err != nil {
		return err
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
		res, err := build(f, q, out, now, lang)
		if err == nil {
			f.Infof("%s\n", lang.T("site.wrote", f.Display(out), res.Pages, res.Postmortems))
		}
		return err
	}
	if err := rebuild(); err != nil {
		return err
	}
	if !o.Serve {
		return nil
	}
	return serve(o, p, out, rebuild)
}

// build writes the site of the project's postmortems into out.
func build(f *cmdutil.Factory, p *project.Project, out string, now time.Time, lang i18n.Lang) (*site.Result, error) {
	// The site's words follow --lang or .pm.yaml, not the locale of whoever builds it: CI and a
	// colleague's laptop build the same site.
	siteLang := i18n.Detect(f.LangFlag, p.Config.Language, func(string) string { return "" })
	salt, err := cacheSalt(p, siteLang, now)
	if err != nil {
		return nil, err
	}
	cache, err := site.OpenCache(out, salt)
	if err != nil {
		return nil, err
	}
	inputs, err := Load(p, siteLang, cache, func(path string) {
		fmt.Fprintln(f.IO.ErrOut, present.Line(lang.T("usage.skipped", f.Display(path), f.Display(path))))
	})
	if err != nil {
		return nil, err
	}
	res, err := site.Build(out, inputs, site.Options{Lang: siteLang, Now: now, Location: p.Location(), Schedule: p.Schedule(),
		Actions: p.ActionDeadlines(), RepoURL: p.Config.RepoURL, UnsafeHTML: p.Config.Site.UnsafeHTML})
	if err != nil {
		return nil, err
	}
	cache.Prune() // a stale entry costs only disk space: a failure to prune is no failure to build
	return res, nil
}

// cacheSalt is what, besides a document's bytes, decides its findings and its rendering: pm's
// version, .pm.yaml, the language, the day (deadlines pass), and which postmortems exist and how they
// name each other (links, the relations rule).
func cacheSalt(p *project.Project, lang i18n.Lang, now time.Time) ([]byte, error) {
	var b strings.Builder
	bi := buildinfo.Get()
	fmt.Fprintf(&b, "%s\x00%s\x00%s\x00%s\x00", bi.Version, bi.Commit, lang, now.In(p.Location()).Format("2006-01-02"))
	if cfg, err := os.ReadFile(filepath.Join(p.Root, config.FileName)); err == nil {
		b.Write(cfg)
	}
	entries, err := p.ScanFront()
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		fmt.Fprintf(&b, "\x00%s\x00%s", e.ID, p.RelPath(e.Path))
		if e.Doc != nil {
			fmt.Fprintf(&b, "\x00%q\x00%s", e.Doc.Fields.Related, e.Doc.Fields.RecurrenceOf)
		}
	}
	return []byte(b.String()), nil
}

// Load reads, parses, lints and renders every postmortem of the project on all cores, through cache
// when it is not nil (an unchanged document is neither linted nor rendered again; the bodies wait in
// its files, not in memory); skipped is told of a file without usable front matter, which the site
// leaves out.
func Load(p *project.Project, lang i18n.Lang, cache *site.Cache, skipped func(path string)) ([]site.Input, error) {
	linter, err := cmdutil.Linter(p, lang)
	if err != nil {
		return nil, err
	}
	files, err := p.Files()
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(files))
	for i, path := range files {
		ids[i] = project.ID(path)
	}
	r := site.NewRenderer(ids, p.Config.Site.UnsafeHTML)
	type loaded struct {
		in   site.Input
		skip string
	}
	var out []site.Input
	for _, l := range project.Map(p, files, func(e project.Entry) loaded {
		if e.Err != nil || e.Doc == nil || e.Doc.Root == nil {
			return loaded{skip: e.Path}
		}
		rel := p.RelPath(e.Path)
		in := site.Input{ID: e.ID, Path: rel, Doc: e.Doc}
		lint := func(doc *postmortem.Doc) []site.Finding {
			var fs []site.Finding
			for _, x := range linter.LintDoc(doc) {
				fs = append(fs, site.Finding{Line: x.Line, Column: x.Column, Rule: x.Rule, Severity: string(x.Severity), Message: x.Message})
			}
			return fs
		}
		// Here, on the reading goroutines: keep the HTML, not the syntax tree.
		if cache != nil {
			// The day is in the salt; whether the meeting is still ahead changes within a day (the
			// status-gates rule judges it).
			fm := &e.Doc.Fields
			ahead := fmt.Sprint(fm.HasMeeting() && fm.Meeting.After(p.Now()))
			r.PrepareCached(&in, cache, ahead, lint)
		} else {
			in.Findings = lint(e.Doc) // before Prepare, which changes the syntax tree
			r.Prepare(&in)
		}
		return loaded{in: in}
	}) {
		if l.skip != "" {
			skipped(l.skip)
			continue
		}
		out = append(out, l.in)
	}
	return out, nil
}

// checkOut refuses an output folder whose replacement would destroy the repository's own files: the
// repository root or a folder above it, anything inside .git, the postmortem folder or a folder
// inside or above it.
func checkOut(p *project.Project, out string, lang i18n.Lang, f *cmdutil.Factory) error {
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
		return cmdutil.Usagef("--out %s: %s", f.Display(out), lang.T("site.out-git"))
	case within(o, root):
		return cmdutil.Usagef("--out %s: %s", f.Display(out), lang.T("site.out-root"))
	case within(o, dir) || within(dir, o):
		return cmdutil.Usagef("--out %s: %s", f.Display(out), lang.T("site.out-folder"))
	}
	if fi, err := os.Lstat(out); err == nil && fi.IsDir() {
		if entries, _ := os.ReadDir(out); len(entries) > 0 {
			if _, err := os.Stat(filepath.Join(out, site.Marker)); err != nil {
				return cmdutil.Usagef("--out %s: %s", f.Display(out), lang.T("site.out-not-site"))
			}
		}
	}
	return nil
}
