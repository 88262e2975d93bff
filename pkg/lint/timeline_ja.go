package lint

import (
	"time"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/jatime"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// parseDay reads a Date column's cell as every written day is read (postmortem.ParseDay, the reader
// of a Due cell and of pm new --date): 2026-11-20, or as Japanese timelines write it, 2026/11/20 or
// 2026年11月20日, in full width too, a weekday in brackets after it or not.
func parseDay(cell string) (postmortem.WrittenDay, bool) {
	return postmortem.ParseDay(cell, time.UTC)
}

// weekdayMismatch is the finding for a date whose weekday in brackets is not the date's
// ("2026年9月3日(金)": the 3rd is a Thursday); none when they agree or no weekday is written.
func weekdayMismatch(d postmortem.WrittenDay) i18n.Msg {
	if !d.WeekdayMistyped() {
		return i18n.Msg{}
	}
	return i18n.M("timeline.weekday", d.Day.Format("2006-01-02"), d.DayName(), d.Weekday)
}

// weekdayMismatchAt is weekdayMismatch for a time whose Japanese date has its weekday in brackets
// ("2026年9月3日(金) 9:14 JST"), day being the date read from it.
func weekdayMismatchAt(written string, day time.Time) i18n.Msg {
	wd, ok := jatime.Weekday(written)
	if !ok || wd == day.Weekday() {
		return i18n.Msg{}
	}
	names := []rune("日月火水木金土")
	return i18n.M("timeline.weekday", day.Format("2006-01-02"), string(names[day.Weekday()]), string(names[wd]))
}
