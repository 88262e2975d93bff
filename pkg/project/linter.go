package project

import (
	"github.com/pm-tools/pm/pkg/config"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/lint"
)

// Linter returns a linter configured by .pm.yaml: rule severities, banned words, the action item limit,
// the meeting deadline and the time zone. An unknown rule ID names the file and line.
func (p *Project) Linter() (*lint.Linter, error) { return p.LinterIn(i18n.EN) }

// LinterIn is Linter with findings in the given language.
func (p *Project) LinterIn(lang i18n.Lang) (*lint.Linter, error) {
	cfg := p.Config
	opts := lint.Options{
		Overrides:      map[string]string{},
		MaxActionItems: cfg.Lint.MaxActionItems,
		Schedule:       p.Schedule(),
		Now:            p.now,
		Location:       p.Location(),
		BannedWords:    []lint.BannedWord{},
		Lang:           lang,
	}
	for id, s := range cfg.Lint.Rules {
		if lint.RuleByID(id) == nil {
			return nil, config.NewError(configName(cfg), s.Line, i18n.M("config.unknown-rule", id))
		}
		opts.Overrides[id] = s.Severity
	}
	for _, w := range cfg.Lint.BannedWords {
		opts.BannedWords = append(opts.BannedWords, lint.BannedWord{Word: w.Word, Suggest: w.Suggest, Sections: w.Sections})
	}
	return lint.New(opts)
}

func configName(cfg *config.Config) string {
	if cfg.Path == "" {
		return config.FileName
	}
	return cfg.Path
}
