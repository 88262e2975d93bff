package cmdutil

import (
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/pm-tools/pm/pkg/config"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/editdist"
	"github.com/pm-tools/pm/pkg/lint"
	"github.com/pm-tools/pm/pkg/lint/format"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/present"
	"github.com/pm-tools/pm/pkg/project"
)

// Linter returns a linter configured by the project's .pm.yaml: rule severities, banned words, the
// action item limit, the meeting and action item deadlines, the vocabulary and the time zone, with
// findings in lang; in a repository, the relations rule reads the ids of its postmortems (only when
// a document names one). An unknown rule ID names the file and line.
func Linter(p *project.Project, lang i18n.Lang) (*lint.Linter, error) {
	var relations func(id string) (bool, []string)
	if p.InRepo {
		relations = p.Relations()
	}
	return LinterWithRelations(p, lang, relations)
}

// LinterWithRelations is Linter with the relations rule asking relations (nil: the rule is off, as
// outside a repository), for a command that has read every front matter already (pm site).
func LinterWithRelations(p *project.Project, lang i18n.Lang, relations func(id string) (exists bool, related []string)) (*lint.Linter, error) {
	cfg := p.Config
	opts := lint.Options{
		Overrides:      map[string]string{},
		MaxActionItems: cfg.Lint.MaxActionItems,
		Schedule:       p.Schedule(),
		Actions:        p.ActionDeadlines(),
		Now:            p.Now,
		Location:       p.Location(),
		BannedWords:    []lint.BannedWord{},
		Lang:           lang,
		Vocabulary:     &cfg.Vocabulary,
	}
	opts.Relations = relations
	// a .pm.yaml not read through OpenProject (the staged one of pm lint --staged) is checked here
	if err := CheckSettings(cfg); err != nil {
		return nil, err
	}
	for id, s := range cfg.Lint.Rules {
		opts.Overrides[id] = s.Severity
	}
	for _, w := range cfg.Lint.BannedWords {
		opts.BannedWords = append(opts.BannedWords, lint.BannedWord{Word: w.Word, Suggest: w.Suggest, Sections: w.Sections})
	}
	return lint.New(opts)
}

// CheckSettings reports what .pm.yaml names that pm's linter and document model do not know, as the
// file's other errors are reported (file, line, key): a rule ID of lint.rules no rule has, a section
// of lint.banned_words[].sections no section (heading or alias, English or Japanese) is named (a
// misspelt "Extrenal Message" turned the word's check off). pkg/config cannot check them, as the
// rules live in pkg/lint and the sections in pkg/postmortem, which a leaf does not import; every
// command opening the project (Factory.OpenProject) and every linter built checks them here, so
// that no command works by other settings than the file's. Of several, the first in the file is said.
func CheckSettings(cfg *config.Config) error {
	var first *config.Error
	found := func(line int, m i18n.Msg) {
		if first == nil || line < first.Line {
			first = config.NewError(configName(cfg), line, m)
		}
	}
	ids := make([]string, 0, len(cfg.Lint.Rules))
	for id := range cfg.Lint.Rules {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		a, b := cfg.Lint.Rules[ids[i]], cfg.Lint.Rules[ids[j]]
		return a.Line < b.Line || a.Line == b.Line && ids[i] < ids[j]
	})
	for _, id := range ids {
		if lint.RuleByID(id) == nil {
			found(cfg.Lint.Rules[id].Line, i18n.M("config.unknown-rule", id))
			break
		}
	}
	for _, w := range cfg.Lint.BannedWords {
		for i, name := range w.Sections {
			if postmortem.SectionKey(name) != "" {
				continue
			}
			line := w.Line
			if i < len(w.SectionLines) {
				line = w.SectionLines[i]
			}
			if near := closestSection(name); near != "" {
				found(line, i18n.M("config.unknown-section-near", "lint.banned_words.sections", name, near))
			} else {
				found(line, i18n.M("config.unknown-section", "lint.banned_words.sections", name))
			}
		}
	}
	if first != nil {
		return first
	}
	return nil
}

// closestSection is the heading or alias of a known section nearest to name, as config.Closest
// finds a vocabulary's term: within a third of its letters (one for short names); "" when none is.
func closestSection(name string) string {
	v := []rune(strings.ToLower(name))
	best, bestDist := "", -1
	for _, s := range postmortem.SectionNames {
		for _, n := range append([]string{s.En, s.Ja}, s.Aliases...) {
			w := []rune(strings.ToLower(n))
			if d := editdist.Levenshtein(v, w); d <= max(1, max(len(v), len(w))/3) && (bestDist < 0 || d < bestDist) {
				best, bestDist = n, d
			}
		}
	}
	return best
}

func configName(cfg *config.Config) string {
	if cfg.Path == "" {
		return config.FileName
	}
	return cfg.Path
}

// Checker lints documents for the commands that read or move them and show some findings before they
// refuse (a front matter pm cannot read, a banned word in a message, a gate): they reach the linter
// through it alone.
type Checker struct{ linter *lint.Linter }

// NewChecker returns a Checker with the linter Linter configures.
func NewChecker(p *project.Project, lang i18n.Lang) (*Checker, error) {
	l, err := Linter(p, lang)
	if err != nil {
		return nil, err
	}
	return &Checker{linter: l}, nil
}

// Lint returns the findings of a document; display is its path as the findings show it.
func (c *Checker) Lint(display string, src []byte) Findings {
	return Findings{list: c.linter.Lint(display, src)}
}

// Findings are lint findings, sorted by place.
type Findings struct{ list []lint.Finding }

// FrontMatterProblems are a document's front matter problems as front-matter findings, for a problem
// the linter does not show.
func FrontMatterProblems(display string, doc *postmortem.Doc) Findings {
	var out Findings
	for _, pr := range doc.Problems {
		out.list = append(out.list, lint.Finding{Path: display, Line: pr.Line, Column: pr.Column, Rule: "front-matter",
			Severity: lint.Error, Message: pr.Message})
	}
	return out
}

// First keeps the first n findings.
func (fs Findings) First(n int) Findings {
	if len(fs.list) <= n {
		return fs
	}
	return Findings{list: fs.list[:n]}
}

// Len is the number of findings.
func (fs Findings) Len() int { return len(fs.list) }

// Rule keeps the findings of one rule.
func (fs Findings) Rule(id string) Findings {
	return fs.keep(func(x lint.Finding) bool { return x.Rule == id })
}

// NotRule drops the findings of one rule.
func (fs Findings) NotRule(id string) Findings {
	return fs.keep(func(x lint.Finding) bool { return x.Rule != id })
}

// OnLines keeps the findings on the given lines of the file.
func (fs Findings) OnLines(lines ...int) Findings {
	return fs.keep(func(x lint.Finding) bool { return slices.Contains(lines, x.Line) })
}

// NotRuleOnLine drops the findings of one rule on a line of the file.
func (fs Findings) NotRuleOnLine(id string, line int) Findings {
	return fs.keep(func(x lint.Finding) bool { return x.Rule != id || x.Line != line })
}

// Errors keeps the findings of severity error.
func (fs Findings) Errors() Findings {
	return fs.keep(func(x lint.Finding) bool { return x.Severity == lint.Error })
}

// NotOnLine drops the findings on a line of the file (line 0: drops none).
func (fs Findings) NotOnLine(line int) Findings {
	return fs.keep(func(x lint.Finding) bool { return line == 0 || x.Line != line })
}

func (fs Findings) keep(ok func(lint.Finding) bool) Findings {
	var out Findings
	for _, x := range fs.list {
		if ok(x) {
			out.list = append(out.list, x)
		}
	}
	return out
}

// WriteText writes the findings as pm lint's text format does, one line each; w sanitises them when
// they go to a terminal (present.Writer).
func (fs Findings) WriteText(w io.Writer) error { return format.WriteText(w, fs.list) }

// NamedFindings returns the findings with their paths made one line for a person (present.Name: a
// line break as \n), so that a path cannot split a finding into two lines of a log: the slice
// itself when every path already is one. pm lint's and pm review's text use it.
func NamedFindings(fs []lint.Finding) []lint.Finding {
	for i, x := range fs {
		if present.Name(x.Path) != x.Path {
			out := slices.Clone(fs)
			for j := i; j < len(out); j++ {
				out[j].Path = present.Name(out[j].Path)
			}
			return out
		}
	}
	return fs
}
