package cmdutil

import (
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/severity"
)

// Severities reads the values of a repeatable --sev flag ("1", "sev-2", "SEV-3") into the set of
// canonical severities they name; a value that is none is a usage error in lang.
func Severities(lang i18n.Lang, values []string) (map[string]bool, error) {
	sevs := map[string]bool{}
	for _, s := range values {
		canonical, err := severity.Parse(s)
		if err != nil {
			return nil, Usagef("--sev: %s", lang.T("usage.severity", s))
		}
		sevs[canonical] = true
	}
	return sevs, nil
}
