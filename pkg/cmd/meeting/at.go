package meeting

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/jatime"
	"github.com/pm-tools/pm/pkg/internal/lazy"
	"github.com/pm-tools/pm/pkg/workflow"
)

// atRE splits a meeting time into date, clock and whatever names the zone.
var atRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp {
	return regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})(?:[Tt]|\s+)(\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(.*)$`)
}}

// weekdayRE is a date with a weekday in brackets after it, as a meeting time may begin (full width
// folded): 2026/11/25 (水), 2026年11月25日(水曜日), 2026-11-25 (Wed).
var weekdayRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp {
	return regexp.MustCompile(`^(\d{4}[-/]\d{1,2}[-/]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)[ \t]*\(([^()]*)\)`)
}}

// offsetRE is an offset as pm lint and pm timeline import read one: +09:00, +0900, +9, UTC+9, GMT-5.
var offsetRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp {
	return regexp.MustCompile(`^(?i:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$`)
}}

// abbreviations are zone abbreviations that name one offset wherever they are used. Ambiguous ones
// (CST, IST, BST) are left out: write an offset, or the configured zone's own abbreviation.
var abbreviations = lazy.Value[map[string]int]{New: func() map[string]int {
	return map[string]int{
		"UTC": 0, "GMT": 0, "JST": 9, "KST": 9, "HKT": 8, "SGT": 8, "AEST": 10, "AEDT": 11,
		"CET": 1, "CEST": 2, "EST": -5, "EDT": -4, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
	}
}}

// parseAt reads the --at value. Without a zone the time is in loc, the configured zone. Its errors are
// *i18n.Error, for the user's language.
func parseAt(s string, loc *time.Location) (time.Time, error) {
	// as a Japanese team types it: full width, 2026/11/24 15:00, 2026年11月24日 15時00分
	s = strings.TrimSpace(jatime.FoldWidth(s))
	// a weekday after the date is read as a Due cell's is, and must be the date's: one of the two
	// is a typo when they disagree, as pm lint says of a timeline's dates
	if m := weekdayRE.Get().FindStringSubmatch(s); m != nil {
		if isWeekday, err := weekdayOf(m[0], loc); err != nil {
			return time.Time{}, err
		} else if isWeekday {
			s = m[1] + " " + strings.TrimLeft(s[len(m[0]):], " \t")
		}
	}
	if iso, ok := jatime.Normalize(s); ok {
		s = iso
	}
	m := atRE.Get().FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, i18n.Err("meeting.at-not-time")
	}
	date, clock, zone := m[1], m[2], strings.TrimSpace(m[3])
	// a weekday in brackets after the time ("2026-12-29 10:00 (火)", "(Tue) JST") is the date's, as one
	// after the date is: checked, then passed over (it was read as a zone named 火)
	if inner, ok := strings.CutPrefix(zone, "("); ok {
		if end := strings.IndexByte(inner, ')'); end > 0 {
			if isWeekday, err := weekdayOf(date+" ("+inner[:end]+")", loc); err != nil {
				return time.Time{}, err
			} else if isWeekday {
				zone = strings.TrimSpace(inner[end+1:])
			}
		}
	}
	if inner, ok := strings.CutPrefix(zone, "("); ok && strings.HasSuffix(inner, ")") {
		zone = strings.TrimSpace(strings.TrimSuffix(inner, ")")) // 15:00 (JST), 15:00（日本時間）
	}
	if strings.Index(clock, ":") == 1 {
		clock = "0" + clock
	}
	if len(clock) == len("15:04") {
		clock += ":00"
	}
	wall := date + " " + clock
	zl, err := zoneFor(zone, wall, loc)
	if err != nil {
		return time.Time{}, err
	}
	t, err := time.ParseInLocation("2006-01-02 15:04:05", wall, zl)
	if err != nil {
		return time.Time{}, i18n.Err("meeting.at-invalid", wall)
	}
	if got := t.Format("2006-01-02 15:04:05"); got != wall[:len(got)] {
		return time.Time{}, i18n.Err("meeting.at-skipped", wall[:16], zl)
	}
	// A time the clocks pass twice (when summer time ends) is two meetings an hour apart: which one
	// is for the user to say, as a skipped time is refused.
	_, off := t.Zone()
	for _, near := range []time.Time{t.Add(-3 * time.Hour), t.Add(3 * time.Hour)} {
		if _, other := near.In(zl).Zone(); other != off {
			alt := t.Add(time.Duration(off-other) * time.Second)
			if alt.In(zl).Format("2006-01-02 15:04:05") == t.Format("2006-01-02 15:04:05") {
				first, second := t, alt
				if alt.Before(t) {
					first, second = alt, t
				}
				return time.Time{}, i18n.Err("meeting.at-ambiguous", wall[:16], zl,
					first.In(zl).Format("-07:00"), second.In(zl).Format("-07:00"))
			}
		}
	}
	return t, nil
}

// weekdayOf reads "DATE (WEEKDAY)" as a Due cell is read: whether the brackets hold a weekday, and
// an error when it is not the date's (one of the two is a typo, as pm lint says of a timeline's).
func weekdayOf(dated string, loc *time.Location) (bool, error) {
	d, ok := workflow.ParseDue(dated, loc)
	if !ok || d.Weekday == "" {
		return false, nil
	}
	if d.WeekdayMistyped() {
		return true, i18n.Err("timeline.weekday", d.Day.Format("2006-01-02"), d.DayName(), d.Weekday)
	}
	return true, nil
}

// zoneFor is the location a zone suffix names: none (loc), Z, 日本時間, an offset, an IANA name, or an
// abbreviation of loc's (checked at the meeting's date, and in winter and summer) or of the table.
func zoneFor(zone, wall string, loc *time.Location) (*time.Location, error) {
	switch {
	case zone == "":
		return loc, nil
	case strings.EqualFold(zone, "Z"):
		return time.UTC, nil
	case zone == "日本時間" || zone == "日本標準時":
		// Japan's time named in Japanese, as pm lint reads it after a timeline's times
		return time.FixedZone("JST", 9*3600), nil
	case offsetRE.Get().MatchString(zone):
		m := offsetRE.Get().FindStringSubmatch(zone)
		h, _ := strconv.Atoi(m[2])
		mi := 0
		if m[3] != "" {
			mi, _ = strconv.Atoi(m[3])
		}
		if h > 14 || mi > 59 {
			return nil, i18n.Err("meeting.zone-offset", zone)
		}
		secs := h*3600 + mi*60
		if m[1] == "-" {
			secs = -secs
		}
		return time.FixedZone(zone, secs), nil
	case strings.Contains(zone, "/"):
		l, err := time.LoadLocation(zone)
		if err != nil {
			return nil, i18n.Err("meeting.zone-name", zone)
		}
		return l, nil
	}
	if t, err := time.ParseInLocation("2006-01-02 15:04:05", wall, loc); err == nil {
		for _, probe := range []time.Time{t, time.Date(t.Year(), 1, 15, 12, 0, 0, 0, loc), time.Date(t.Year(), 7, 15, 12, 0, 0, 0, loc)} {
			if name, off := probe.Zone(); strings.EqualFold(name, zone) {
				return time.FixedZone(name, off), nil
			}
		}
	}
	if h, ok := abbreviations.Get()[strings.ToUpper(zone)]; ok {
		return time.FixedZone(strings.ToUpper(zone), h*3600), nil
	}
	return nil, i18n.Err("meeting.zone-unknown", zone, loc)
}
