package cmdutil

import (
	"github.com/pm-tools/pm/pkg/config"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/project"
)

// Lang is the language of messages: --lang when given; else Japanese when language: ja is set in
// .pm.yaml or the locale (LC_ALL, LC_MESSAGES, LANG) starts with "ja"; else English. cfg may be nil.
func (f *Factory) Lang(cfg *config.Config) i18n.Lang {
	conf := ""
	if cfg != nil {
		conf = cfg.Language
	}
	return i18n.Detect(f.LangFlag, conf, f.Getenv)
}

// UserLang is Lang with the .pm.yaml that project.Open would load from the work dir, for messages
// given before a command has opened the project, or when it cannot: a .pm.yaml that does not load
// counts as absent.
func (f *Factory) UserLang() i18n.Lang {
	root, _ := project.FindRoot(f.WorkDir, f.Getenv)
	cfg, err := config.Load(root)
	if err != nil {
		cfg = nil
	}
	return f.Lang(cfg)
}

// CheckLang reports a --lang that is neither en nor ja as a usage error.
func (f *Factory) CheckLang() error {
	if f.LangFlag == "" {
		return nil
	}
	if _, ok := i18n.Parse(f.LangFlag); !ok {
		return Usagef("%s", f.UserLang().T("usage.lang", f.LangFlag))
	}
	return nil
}
