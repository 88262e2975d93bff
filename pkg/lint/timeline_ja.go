package lint

import (
	"strings"
	"time"

	"github.com/pm-tools/pm/pkg/internal/jatime"
)

// parseDay reads a Date column's cell: 2026-11-20, or as Japanese timelines write it, 2026/11/20 or
// 2026年11月20日 (a weekday in brackets after it is left out).
func parseDay(cell string) (time.Time, bool) {
	cell = strings.TrimSpace(cell)
	if d, err := time.Parse("2006-01-02", cell); err == nil {
		return d, true
	}
	if iso, ok := jatime.Day(cell); ok {
		if d, err := time.Parse("2006-01-02", iso); err == nil {
			return d, true
		}
	}
	return time.Time{}, false
}
