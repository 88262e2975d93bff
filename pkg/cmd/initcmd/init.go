// Package initcmd implements `pm init`: a commented .pm.yaml, the postmortem folder and pm site's
// folder in .gitignore, committed.
package initcmd

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pm-tools/pm/pkg/cmd/internal/cmdargs"
	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/config"
	"github.com/pm-tools/pm/pkg/fsutil"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/project"
	"github.com/pm-tools/pm/pkg/site"
)

// Options are the flags of pm init.
type Options struct {
	F        *cmdutil.Factory
	NoCommit bool
	NoVerify bool
}

// KeepFile holds the postmortem folder in git while it has no postmortem yet.
const KeepFile = ".gitkeep"

// NewCmdInit returns the init command; runF replaces the run in tests of flag parsing.
func NewCmdInit(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{F: f}
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Set up pm in this repository: .pm.yaml and the postmortem folder",
		Long: `Write a commented .pm.yaml at the repository root and create the postmortem
folder it names, then commit both (only those files: whatever you have staged
stays staged). Running it again changes nothing and says so.

` + cmdutil.ExitCodesHelp,
		Example: `  pm init
  pm init --no-commit`,
		Args: cmdargs.None,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return initRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.NoCommit, "no-commit", false, "write the files without committing them")
	cmd.Flags().BoolVar(&opts.NoVerify, "no-verify", false, "commit without running the pre-commit and commit-msg hooks")
	return cmd
}

func initRun(o *Options) error {
	f := o.F
	c := f.Context()
	p, err := c.Project()
	if err != nil {
		return cmdutil.Usagef("%v", err)
	}
	lang := c.Lang()
	var files []project.Change
	cfgPath := filepath.Join(p.Root, config.FileName)
	if _, err := os.Lstat(cfgPath); os.IsNotExist(err) {
		files = append(files, project.Change{Path: cfgPath, Data: []byte(config.TemplateFor(lang.String()))})
	} else if err != nil {
		return fmt.Errorf("check %s: %w", cfgPath, err)
	}
	dir := p.Dir()
	if fi, err := os.Stat(dir); os.IsNotExist(err) {
		files = append(files, project.Change{Path: filepath.Join(dir, KeepFile)})
	} else if err != nil {
		return fmt.Errorf("check %s: %w", dir, err)
	} else if !fi.IsDir() {
		return cmdutil.Usagef("%s", lang.T("init.not-folder", f.Display(dir), config.FileName))
	}
	ignore, err := siteIgnore(p.Root)
	if err != nil {
		return err
	}
	if ignore != nil && (ignore.Old == nil || len(files) > 0) {
		// one commit: a .gitignore that cannot be edited (a hook refuses, a link) leaves nothing
		// committed, rather than pm set up without it
		files = append(files, *ignore)
		ignore = nil
	}
	// A .pm.yaml written by hand and never committed is the user's to commit, not pm's; but a
	// clone without it reads deadlines in each machine's zone, without holidays: say so.
	defer noteUncommittedConfig(o, p, cfgPath, files, lang)
	if len(files) == 0 && ignore == nil {
		f.Infof("%s\n", lang.T("init.done", f.Display(cfgPath), f.Display(dir)))
		return nil
	}
	if len(files) > 0 {
		hash, err := p.CreateFiles(files, project.Write{Commit: !o.NoCommit, NoVerify: o.NoVerify,
			Message: func(string) string { return "postmortem: set up pm" }})
		if err != nil {
			return err
		}
		for _, c := range files {
			if c.Old != nil { // the .gitignore edited
				f.Infof("%s\n", lang.T("init.ignored", site.Folder+"/", f.Display(c.Path)))
				continue
			}
			f.Infof("%s\n", lang.T("init.created", f.Display(c.Path)))
		}
		if hash != "" {
			f.Infof("%s\n", lang.T("status.committed", hash[:7], "postmortem: set up pm"))
		}
	}
	if ignore != nil {
		const msg = "postmortem: ignore the folder pm site writes"
		res, err := p.Rewrite(*ignore, project.Write{Commit: !o.NoCommit, NoVerify: o.NoVerify, Message: func(string) string { return msg }})
		if err != nil {
			return err
		}
		f.Infof("%s\n", lang.T("init.ignored", site.Folder+"/", f.Display(ignore.Path)))
		if res.Hash != "" {
			f.Infof("%s\n", lang.T("status.committed", res.Hash[:7], msg))
		}
		if len(files) == 0 {
			return nil
		}
	}
	if p.Config.Timezone == "" && p.Config.HolidayCountry == "" && len(files) > 0 && files[0].Path == cfgPath {
		zone, _ := c.Now().In(p.Location()).Zone()
		f.Infof("%s\n", lang.T("init.calendar", zone, config.FileName))
	}
	f.Infof("%s\n", lang.T("init.next"))
	return nil
}

// noteUncommittedConfig says, when pm is run in a repository and commits, which of the files pm
// init sets up (.pm.yaml, .gitignore, the folder's .gitkeep) exist but are not in HEAD (and not
// ignored): a .pm.yaml written by hand, or what an earlier pm init --no-commit wrote, that the next
// clone would not have. Files committed by this run are not named.
func noteUncommittedConfig(o *Options, p *project.Project, cfgPath string, files []project.Change, lang i18n.Lang) {
	if o.NoCommit || !p.InRepo {
		return
	}
	repo, err := p.Repo()
	if err != nil {
		return
	}
	var missing []string
	for _, path := range []string{cfgPath, filepath.Join(p.Root, ".gitignore"), filepath.Join(p.Dir(), KeepFile)} {
		if slices.ContainsFunc(files, func(c project.Change) bool { return c.Path == path }) {
			continue
		}
		if fi, err := os.Lstat(path); err != nil || fi.IsDir() {
			continue
		}
		rel, err := filepath.Rel(p.Root, path)
		if err != nil || !filepath.IsLocal(rel) {
			continue
		}
		rel = filepath.ToSlash(rel)
		if _, inHead, err := repo.HeadFile(rel); err != nil || inHead {
			continue
		}
		if ignored, err := repo.Ignored(rel); err != nil || ignored {
			continue
		}
		missing = append(missing, rel)
	}
	switch len(missing) {
	case 0:
	case 1:
		o.F.Infof("%s\n", lang.T("init.config-uncommitted", missing[0], missing[0]))
	default:
		o.F.Infof("%s\n", lang.T("init.files-uncommitted", i18n.List(toAny(missing)), strings.Join(missing, " ")))
	}
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// siteIgnore is the change that lists pm site's folder in the repository's .gitignore: a new file
// (Old nil) when there is none, the file with a line added when it does not list the folder yet, nil
// when it does.
func siteIgnore(root string) (*project.Change, error) {
	path := filepath.Join(root, ".gitignore")
	// never opened unless regular: a named pipe there would hold pm (and git) forever
	old, err := fsutil.ReadRegular(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &project.Change{Path: path, Data: []byte(site.Folder + "/\n")}, nil
	}
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is said once
		}
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	for _, line := range strings.Split(string(old), "\n") {
		switch strings.TrimSpace(line) {
		case site.Folder, site.Folder + "/", "/" + site.Folder, "/" + site.Folder + "/":
			return nil, nil
		}
	}
	nl := "\n" // a file written with CRLF line ends gets its line so too, as pm's other edits do
	if bytes.Contains(old, []byte("\r\n")) {
		nl = "\r\n"
	}
	data := append([]byte(nil), old...)
	if len(data) > 0 && data[len(data)-1] != '\n' {
		data = append(data, nl...)
	}
	data = append(data, site.Folder+"/"+nl...)
	return &project.Change{Path: path, Data: data, Old: old}, nil
}
