package postmortem

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pm-tools/pm/pkg/internal/daystart"
	"github.com/pm-tools/pm/pkg/internal/jatime"
)

// WrittenDay is a day written in a document (a Due cell, an incident_date, pm new --date) read: the
// day, and the weekday written in brackets after it.
type WrittenDay struct {
	Day     time.Time // the start of the day in the team's zone (midnight unless DST skips it)
	Weekday string    // the weekday as written in the brackets ("金", "金曜日", "Fri"), "" when none
	weekday time.Weekday
	english bool
}

// WeekdayMistyped says whether a weekday is written that is not the date's: one of the two is a typo.
// The day is still the date, as the timeline's reader takes it; lint reports the disagreement.
func (d WrittenDay) WeekdayMistyped() bool {
	return d.Weekday != "" && d.weekday != d.Day.Weekday()
}

// DayName is the date's own weekday, named as the written one is (Fri for an English one, 金
// otherwise), for a message that sets the two side by side.
func (d WrittenDay) DayName() string {
	if d.english {
		return englishWeekdays[d.Day.Weekday()][:3]
	}
	return string([]rune(japaneseWeekdays)[d.Day.Weekday()])
}

const japaneseWeekdays = "日月火水木金土"

var englishWeekdays = [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

// ParseDay reads a day as every command reads one written in a document (a Due cell, an
// incident_date pm does not write so, pm new --date): YYYY-MM-DD, or a day as a Japanese team writes
// it, 2026/12/04 or 2026年12月4日 (in full width too), as a timeline's Date column takes them; any of
// them with a weekday in brackets after it, Japanese or English ((金), （金曜日）, (Fri), (Friday)). ok
// is false when s is no day. A nil loc is UTC, as for ParseDate.
func ParseDay(s string, loc *time.Location) (WrittenDay, bool) {
	if loc == nil {
		loc = time.UTC
	}
	s = strings.TrimSpace(jatime.FoldWidth(s))
	var d WrittenDay
	if inner, ok := strings.CutSuffix(s, ")"); ok {
		if i := strings.LastIndexByte(inner, '('); i >= 0 {
			if wd, english, ok := weekdayName(inner[i+1:]); ok {
				d.Weekday, d.weekday, d.english = inner[i+1:], wd, english
				s = strings.TrimRight(inner[:i], " \t")
			}
		}
	}
	if iso, ok := jatime.Day(s); ok {
		s = iso
	}
	t, err := daystart.Parse(s, loc)
	if err != nil {
		return WrittenDay{}, false
	}
	d.Day = t
	return d, true
}

// weekdayName reads a weekday's name: 金, 金曜, 金曜日, or in English Fri or Friday in any case.
func weekdayName(s string) (wd time.Weekday, english, ok bool) {
	if r, n := utf8.DecodeRuneInString(s); n > 0 {
		if i := strings.IndexRune(japaneseWeekdays, r); i >= 0 {
			switch s[n:] {
			case "", "曜", "曜日":
				return time.Weekday(utf8.RuneCountInString(japaneseWeekdays[:i])), false, true
			}
			return 0, false, false
		}
	}
	for i, name := range englishWeekdays {
		if strings.EqualFold(s, name) || strings.EqualFold(s, name[:3]) {
			return time.Weekday(i), true, true
		}
	}
	return 0, false, false
}
