package gitrepo

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/pm-tools/pm/pkg/gitrepo/internal/convert"
)

// What pm commits is what `git add` would store: the file's .gitattributes (text, eol, filter,
// ident, working-tree-encoding), core.autocrlf, core.eol and core.safecrlf, and the clean filters
// configured for it, applied by package convert. This file turns git's configuration into
// convert's and gives the conversion the index and HEAD blobs git consults.

// converter converts the files of one transaction; its filter processes live until close.
type converter struct {
	attrs *convert.AttrChecker
	conv  *convert.Converter
	warn  io.Writer
	cfg   convert.Config
	quiet *convert.Converter // for comparisons: no core.safecrlf, made when first needed
}

// newConverter reads the configuration conversion depends on.
func (r *Repo) newConverter(cfg *gitConfig, indexBlob convert.IndexBlobFunc, environ []string, warn io.Writer) (*converter, error) {
	cc := convert.Config{WorkTree: r.root, Env: environ, Drivers: map[string]convert.Driver{},
		Environ: func() []string {
			env := environ
			if env == nil {
				env = os.Environ() // as for Env: nil is this process's
			}
			return withEnv(env, execPathEnv(env))
		}}
	if v, ok := cfg.get("core.autocrlf"); ok {
		switch {
		case strings.EqualFold(v, "input"):
			cc.AutoCRLF = convert.AutoCRLFInput
		case cfg.boolean("core.autocrlf", false):
			cc.AutoCRLF = convert.AutoCRLFTrue
		}
	}
	if v, ok := cfg.get("core.eol"); ok {
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "lf":
			cc.EOL = convert.EOLLF
		case "crlf":
			cc.EOL = convert.EOLCRLF
		case "native":
			cc.EOL = convert.EOLNative
		default:
			return nil, fmt.Errorf("bad config value %q for core.eol (lf, crlf or native); fix it with `git config core.eol lf`", v)
		}
	}
	if cc.EOL == convert.EOLCRLF && cc.AutoCRLF == convert.AutoCRLFInput {
		return nil, fmt.Errorf("core.autocrlf=input conflicts with core.eol=crlf; git refuses this too: unset one of them")
	}
	if v, ok := cfg.get("core.safecrlf"); ok {
		switch {
		case strings.EqualFold(v, "warn"):
			cc.SafeCRLF = convert.SafeCRLFWarn
		case cfg.boolean("core.safecrlf", false):
			cc.SafeCRLF = convert.SafeCRLFTrue
		default:
			cc.SafeCRLF = convert.SafeCRLFFalse
		}
	}
	if v, ok := cfg.get("core.checkroundtripencoding"); ok {
		cc.CheckRoundtripEncoding = &v
	}
	for _, e := range cfg.entries {
		rest, ok := strings.CutPrefix(e.key, "filter.")
		if !ok {
			continue
		}
		i := strings.LastIndexByte(rest, '.')
		if i < 0 {
			continue
		}
		name, key := rest[:i], rest[i+1:]
		d := cc.Drivers[name]
		switch key {
		case "clean":
			d.Clean = e.value
		case "process":
			d.Process, d.ProcessSet = e.value, true
		case "required":
			d.Required = e.noValue || isTrue(e.value)
		default:
			continue
		}
		cc.Drivers[name] = d
	}
	src := convert.AttrSources{
		WorkTree:   r.root,
		InfoFile:   filepath.Join(r.commonDir, "info", "attributes"),
		IgnoreCase: cfg.boolean("core.ignorecase", false),
		IndexBlob:  indexBlob,
	}
	if v, ok := cfg.get("core.attributesfile"); ok && v != "" {
		src.GlobalFile = expandHome(v, r.env)
	} else if xdg := r.env("XDG_CONFIG_HOME"); xdg != "" {
		src.GlobalFile = filepath.Join(xdg, "git", "attributes")
	} else if home := r.env("HOME"); home != "" {
		src.GlobalFile = filepath.Join(home, ".config", "git", "attributes")
	}
	if v := r.env("GIT_ATTR_NOSYSTEM"); v == "" || !isTrue(v) {
		src.SystemFile = "/etc/gitattributes"
	}
	return &converter{attrs: convert.NewAttrChecker(src), conv: convert.NewConverter(cc), warn: warn, cfg: cc}, nil
}

// toGit returns what `git add` stores for data at p, basis giving the blob git compares with for
// its "already has CRLF" rule (the index's entry, or HEAD's for the commit). git's warnings go to
// the warning writer.
func (c *converter) toGit(p string, data []byte, basis convert.IndexBlobFunc) ([]byte, error) {
	attrs, err := c.attrs.Lookup(p)
	if err != nil {
		return nil, fmt.Errorf("read the attributes of %s: %w", p, err)
	}
	for _, w := range attrs.Warnings {
		fmt.Fprintf(c.warn, "warning: %s\n", w)
	}
	res, err := c.conv.ToGit(p, data, attrs, basis)
	if err != nil {
		return nil, fmt.Errorf("%w; nothing committed", err)
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(c.warn, "warning: %s\n", w)
	}
	return res.Data, nil
}

// toGitQuiet is toGit as git converts a file only to compare it with the index (refreshing stat
// data): no warnings, and core.safecrlf does not refuse.
func (c *converter) toGitQuiet(p string, data []byte, basis convert.IndexBlobFunc) ([]byte, error) {
	attrs, err := c.attrs.Lookup(p)
	if err != nil {
		return nil, err
	}
	if c.quiet == nil {
		cfg := c.cfg
		cfg.SafeCRLF = convert.SafeCRLFFalse
		c.quiet = convert.NewConverter(cfg)
	}
	res, err := c.quiet.ToGit(p, data, attrs, basis)
	if err != nil {
		return nil, err
	}
	return res.Data, nil
}

func (c *converter) close() {
	if c != nil {
		c.conv.Close()
		if c.quiet != nil {
			c.quiet.Close()
		}
	}
}

// blobFunc turns a lookup of a blob's hash into an IndexBlobFunc.
func (r *Repo) blobFunc(find func(p string) (plumbing.Hash, bool, error)) convert.IndexBlobFunc {
	return func(p string) ([]byte, bool, error) {
		h, ok, err := find(p)
		if err != nil || !ok {
			return nil, false, err
		}
		data, err := r.readBlob(h)
		if err != nil {
			return nil, false, fmt.Errorf("read %s from the index: %w", p, err)
		}
		return data, true, nil
	}
}
