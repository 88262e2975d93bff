package cmdutil

import (
	"github.com/pm-tools/pm/pkg/config"
	"github.com/pm-tools/pm/pkg/i18n"
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

// CheckLang reports a --lang that is neither en nor ja as a usage error.
func (f *Factory) CheckLang() error {
	if f.LangFlag == "" {
		return nil
	}
	if _, ok := i18n.Parse(f.LangFlag); !ok {
		return Usagef("--lang %q: want en or ja", f.LangFlag)
	}
	return nil
}
