package lsp

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/config"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/lint"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/project"
	"github.com/pm-tools/pm/pkg/sla"
)

// workspace is one repository as the server sees it: its project (.pm.yaml), the linter pm lint
// would use there, and what completion needs of the other postmortems. It is rebuilt from disk when
// a watched file changes.
type workspace struct {
	proj   *project.Project
	linter *lint.Linter
	lang   i18n.Lang
	err    error // .pm.yaml did not load, or names an unknown rule: no linting
	// fence is the repository as pm lint reads within it: a postmortem whose link leads out of it
	// is not read (fenceErr: the root does not resolve, and nothing is read).
	fence    *project.Fence
	fenceErr error

	calOnce sync.Once
	cal     *sla.Calendar

	entriesOnce sync.Once
	entries     []postmortemRef

	// quoted holds postmortem.Quote of the values completion offers, by value: it reads each value
	// back as YAML, which for a folder of thousands of ids is too slow to do on every keystroke.
	quoted sync.Map
}

// postmortemRef is another postmortem of the folder, for completing related and recurrence_of.
type postmortemRef struct {
	ID, Title string
}

// workspaceFor returns the workspace of the repository holding dir, opening it on first use.
// The caller holds s.mu.
func (s *Server) workspaceFor(dir string) *workspace {
	root, inRepo := project.FindRoot(dir, s.opts.Getenv)
	if !inRepo {
		// A folder reached through a link inside a work tree (postmortems/archive → /srv/old),
		// which git, walking the resolved path, finds in no repository: the editor named the file
		// in that work tree, whose project answers for it (saying it leads outside). Only read, so
		// the work tree up the path as written is taken.
		for d := filepath.Dir(dir); d != filepath.Dir(d); d = filepath.Dir(d) {
			if r, ok := project.FindRoot(d, s.opts.Getenv); ok && (r == d || strings.HasPrefix(dir, r+string(filepath.Separator))) {
				root = r
				break
			}
		}
	}
	if ws, ok := s.workspaces[root]; ok {
		return ws
	}
	ws := s.openWorkspace(root)
	s.workspaces[root] = ws
	return ws
}

// openWorkspace loads the project at root and its linter, configured as pm lint configures it.
func (s *Server) openWorkspace(root string) *workspace {
	ws := &workspace{}
	p, err := project.Open(root, s.opts.Getenv, s.opts.Now)
	if err != nil {
		ws.err = err
		ws.lang = s.language(nil)
		return ws
	}
	ws.proj = p
	ws.lang = s.language(p.Config)
	ws.fence, ws.fenceErr = project.NewFence(p.Root)
	ws.linter, ws.err = cmdutil.Linter(p, ws.lang)
	if ws.err == nil {
		ws.linter = ws.linter.WithFixes() // the code actions
	}
	return ws
}

// language is the language of messages and code action titles: --lang; else language in .pm.yaml;
// else the locale the client sent with initialize; else what pm's other commands would choose
// from the environment.
func (s *Server) language(cfg *config.Config) i18n.Lang {
	if l, ok := i18n.Parse(s.opts.LangFlag); ok && s.opts.LangFlag != "" {
		return l
	}
	if cfg != nil && cfg.LanguageSet {
		if l, ok := i18n.Parse(cfg.Language); ok {
			return l
		}
	}
	if s.clientLocale != "" {
		if strings.HasPrefix(strings.ToLower(s.clientLocale), "ja") {
			return i18n.JA
		}
		return i18n.EN
	}
	conf := ""
	if cfg != nil {
		conf = cfg.Language
	}
	return i18n.Detect("", conf, s.opts.Getenv)
}

// isPostmortem reports whether path is a postmortem of the workspace's folder.
func (ws *workspace) isPostmortem(path string) bool {
	if ws.proj == nil || path == "" {
		return false
	}
	rel, err := filepath.Rel(ws.proj.Root, path)
	if err != nil || !filepath.IsLocal(rel) { // "..notes" is a folder of the workspace

		return false
	}
	return ws.proj.InDir(filepath.ToSlash(rel))
}

// read reads a postmortem of the workspace from disk, refusing what pm lint refuses when it is
// named: a symbolic link leading out of the repository (checked before anything is opened), a file
// that is not regular, one too large.
func (ws *workspace) read(path string) ([]byte, error) {
	if ws.fenceErr != nil {
		return nil, ws.fenceErr
	}
	if err := ws.fence.Check(path); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	data, err := project.ReadFile(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is said once, first
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return data, nil
}

// quote is postmortem.Quote(v), worked out once per value.
func (ws *workspace) quote(v string) string {
	if q, ok := ws.quoted.Load(v); ok {
		return q.(string)
	}
	q := postmortem.Quote(v)
	ws.quoted.Store(v, q)
	return q
}

// calendar is the team's business-day calendar, nil when .pm.yaml names a zone the machine lacks.
func (ws *workspace) calendar() *sla.Calendar {
	ws.calOnce.Do(func() {
		if ws.proj != nil {
			ws.cal, _ = ws.proj.Config.Calendar()
		}
	})
	return ws.cal
}

// postmortems lists the folder's postmortems with their titles, read once per workspace.
func (ws *workspace) postmortems() []postmortemRef {
	ws.entriesOnce.Do(func() {
		if ws.proj == nil {
			return
		}
		entries, err := ws.proj.ScanFront()
		if err != nil {
			return
		}
		for _, e := range entries {
			ref := postmortemRef{ID: e.ID}
			if e.Doc != nil {
				ref.Title = e.Doc.Fields.Title
			}
			ws.entries = append(ws.entries, ref)
		}
		sort.SliceStable(ws.entries, func(i, j int) bool { return ws.entries[i].ID > ws.entries[j].ID }) // newest first
	})
	return ws.entries
}

// lint lints a document's text as pm lint would, turning a panic in a rule into an error: the server
// must answer, not crash.
func (ws *workspace) lint(path string, text []byte) (fs []lint.Finding, err error) {
	if ws.linter == nil {
		return nil, ws.err
	}
	defer func() {
		if r := recover(); r != nil {
			fs, err = nil, fmt.Errorf("lint %s: internal error: %v", path, r)
		}
	}()
	if len(text) > project.MaxFileSize {
		// what pm lint says of such a file, on its first line: it is not linted
		return []lint.Finding{{Path: path, Line: 1, Column: 1, EndLine: 1, EndColumn: 1, Rule: "front-matter", Severity: lint.Error,
			Message: ws.lang.T("lint.too-large", project.OverLimit(int64(len(text))))}}, nil
	}
	return ws.linter.Lint(path, text), nil
}
