package lint

import (
	"strings"
	"time"

	"github.com/pm-tools/pm/pkg/i18n"
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

// weekdayMismatch is the finding for a Japanese date whose weekday in brackets is not the date's
// ("2026年9月3日(金)": the 3rd is a Thursday); none when they agree or no weekday is written.
func weekdayMismatch(written string, day time.Time) i18n.Msg {
	wd, ok := jatime.Weekday(written)
	if !ok || wd == day.Weekday() {
		return i18n.Msg{}
	}
	names := []rune("日月火水木金土")
	return i18n.M("timeline.weekday", day.Format("2006-01-02"), string(names[day.Weekday()]), string(names[wd]))
}
