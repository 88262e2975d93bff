// Package severity reads incident severities, SEV-1 (the worst) to SEV-5, in the spellings people
// type: the one parser every part of pm uses.
package severity

import (
	"fmt"
	"strings"

	"github.com/pm-tools/pm/pkg/internal/jatime"
)

// Parse turns "SEV-1", "sev1", "Sev 1", "sev_1" or "1" into the canonical "SEV-1"; levels 1 to 5.
func Parse(s string) (string, error) {
	t := strings.ToUpper(strings.TrimSpace(jatime.FoldWidth(s))) // --sev １, typed full width
	if rest, ok := strings.CutPrefix(t, "SEV"); ok {
		t = rest
		if len(t) > 1 && (t[0] == '-' || t[0] == '_' || t[0] == ' ') {
			t = t[1:]
		}
	}
	if len(t) != 1 || t[0] < '1' || t[0] > '5' {
		return "", fmt.Errorf("unknown severity %q (want SEV-1 … SEV-5, or 1 … 5)", s)
	}
	return "SEV-" + t, nil
}

// Level returns 1 for "SEV-1" … 5 for "SEV-5" (canonical spellings only), 0 otherwise.
func Level(sev string) int {
	if len(sev) == 5 && strings.HasPrefix(sev, "SEV-") && sev[4] >= '1' && sev[4] <= '5' {
		return int(sev[4] - '0')
	}
	return 0
}
