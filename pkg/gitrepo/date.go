package gitrepo

import (
	"fmt"
	"math"
	"time"
)

// git reads GIT_AUTHOR_DATE and GIT_COMMITTER_DATE with its strict date parser (date.c's
// parse_date), not with the approximate one behind `git log --since`. That parser scans the text
// once, left to right, and takes what it recognizes:
//
//   - "@<seconds> <±hhmm>" exactly: that instant, that zone;
//   - a number of nine or more digits before anything else: seconds since 1970;
//   - month and weekday names (three letters or more), zone names git knows (UTC, GMT, Z, EST,
//     PDT, JST, CET, …, always with summer time added), AM and PM;
//   - "hh:mm[:ss]" (a fraction after the seconds is skipped once the date is known);
//   - "yyyy-mm-dd", "yyyy.mm.dd", "yyyy/mm/dd" (or with day and month swapped when the month
//     would be out of range), "mm/dd/yy[yy]", "dd.mm.yy[yy]", "dd/mm/yy[yy]"; the forms that start
//     with day or month are refused when they fall more than ten days after now and the time is
//     already known;
//   - eight digits as yyyymmdd, six as hhmmss, four as a year (1901–2099) or, up to 1400 and when
//     no zone is known yet, as a zone +hhmm; one or two digits as a day, then a year, then a month;
//   - "+hhmm", "-hhmm", "+hh:mm", "+hh" as the zone (the last one wins);
//   - anything else is skipped.
//
// The result must have a year in 1970–2099, a month, a day and a time, else the date is invalid.
// A day or time out of range is carried over as git computes it (February 31 is March 3, 24:00 the
// next day). Without a zone, the time is local time. As in git, "-0001" counts as no zone.

// ParseDate parses a date as git does for GIT_AUTHOR_DATE and GIT_COMMITTER_DATE (see the rules
// above): "@1700000000 +0900", "1700000000 +0900", RFC 2822 ("Fri, 20 Nov 2026 10:00:00 +0900"),
// ISO 8601 ("2026-11-20T10:00:00+09:00", "2026-11-20 10:00:00.5 +0900"), "2026.11.20 10:00",
// "11/20/2026 10:00", "20.11.2026 10:00", git log's default format. now gives the local zone
// (its location), used for dates without a zone, and the present, after which month-first and
// day-first dates are refused. The result keeps the date's zone offset. What git rejects
// ("yesterday", a date without a time, a year outside 1970–2099) is ErrBadDate; so is a date
// before 1970 once its zone is applied, which git would write as a huge number.
func ParseDate(s string, now time.Time) (time.Time, error) {
	ts, offset, ok := parseDateBasic(s, now)
	if !ok {
		return time.Time{}, fmt.Errorf("date %q is not a date git understands (it needs a day, a month, a year and a time, and takes no relative dates here); "+
			"use e.g. \"2026-11-20T10:00:00+09:00\" or \"@1700000000 +0900\": %w", s, ErrBadDate)
	}
	if ts > math.MaxInt64 {
		return time.Time{}, fmt.Errorf("date %q is before 1970 once its zone is applied; git would record it as %d: %w", s, ts, ErrBadDate)
	}
	if ts > maxUnix {
		return time.Time{}, fmt.Errorf("date %q is too far in the future: %w", s, ErrBadDate)
	}
	return time.Unix(int64(ts), 0).In(time.FixedZone("", offset*60)), nil
}

// maxUnix is the latest time pm records: Go's time.Time ends not far beyond it.
const maxUnix = math.MaxInt64 - 1<<36

// brokenDown is a date being parsed, like C's struct tm: -1 means not known yet.
type brokenDown struct {
	year                 int // years since 1900
	mon                  int // 0–11
	mday, hour, min, sec int
}

func (tm *brokenDown) noDate() bool {
	return tm.year < 0 && tm.mon < 0 && tm.mday < 0 && tm.hour < 0 && tm.min < 0 && tm.sec < 0
}

func (tm *brokenDown) dateKnown() bool {
	return tm.year != -1 && tm.mon != -1 && tm.mday != -1
}

// noZone marks the zone as not known yet; a zone of minus one minute reads as it, as in git.
const noZone = -1

// parseDateBasic returns the seconds since 1970 and the zone offset in minutes (east of UTC).
// The seconds are unsigned as in git: a date before 1970 wraps around.
func parseDateBasic(s string, now time.Time) (uint64, int, bool) {
	tm := brokenDown{-1, -1, -1, -1, -1, -1}
	offset := noZone
	if len(s) > 0 && s[0] == '@' {
		if ts, off, ok := objectHeaderDate(s[1:]); ok {
			return ts, off, true
		}
	}
	gmt := false
	for i := 0; i < len(s) && s[i] != '\n' && s[i] != 0; {
		c := s[i]
		n := 0
		switch {
		case isAlpha(c):
			n = matchAlpha(s[i:], &tm, &offset)
		case isDigit(c):
			n = matchDigit(s[i:], &tm, &offset, &gmt, now)
		case (c == '-' || c == '+') && i+1 < len(s) && isDigit(s[i+1]):
			n = matchZone(s[i:], &offset)
		}
		if n == 0 {
			n = 1
		}
		i += n
	}
	t, ok := tm.unix()
	if !ok {
		return 0, 0, false
	}
	ts := uint64(t)
	if offset == noZone {
		local := localUnix(tm, now.Location())
		if t > local {
			offset = int((t - local) / 60)
		} else {
			offset = -int((local - t) / 60)
		}
	}
	if !gmt {
		ts -= uint64(int64(offset) * 60)
	}
	return ts, offset, true
}

// localUnix is tm as a local time in loc, as git's mktime (glibc's) reads it: a time the clocks
// skip when summer time starts (02:30 in New York on its day) is taken in the offset before the
// change (07:30 UTC, as if 03:30 summer time). Go's time.Date takes such a time in either offset,
// depending on the zone.
func localUnix(tm brokenDown, loc *time.Location) int64 {
	t := time.Date(tm.year+1900, time.Month(tm.mon+1), tm.mday, tm.hour, tm.min, tm.sec, 0, loc)
	outside := tm.hour < 0 || tm.hour > 23 || tm.min < 0 || tm.min > 59 || tm.sec < 0 || tm.sec > 59
	if outside || t.Hour() == tm.hour && t.Minute() == tm.min && t.Second() == tm.sec {
		return t.Unix() // the time exists (or runs past its field, which Go and git both carry)
	}
	_, before := t.Add(-12 * time.Hour).Zone()
	wall := time.Date(tm.year+1900, time.Month(tm.mon+1), tm.mday, tm.hour, tm.min, tm.sec, 0, time.UTC).Unix()
	return wall - int64(before)
}

// unix is tm as seconds since 1970 in UTC, computed as git does for years 1970–2099 without
// normalizing: an unknown day counts as day -1, out-of-range days and hours run on.
func (tm *brokenDown) unix() (int64, bool) {
	cumulative := [12]int64{0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334}
	year := int64(tm.year - 70)
	if year < 0 || year > 129 || tm.mon < 0 || tm.mon > 11 {
		return 0, false
	}
	day := int64(tm.mday)
	if tm.mon < 2 || (year+2)%4 != 0 {
		day--
	}
	if tm.hour < 0 || tm.min < 0 || tm.sec < 0 {
		return 0, false
	}
	return (year*365+(year+1)/4+cumulative[tm.mon]+day)*86400 + int64(tm.hour)*3600 + int64(tm.min)*60 + int64(tm.sec), true
}

// objectHeaderDate parses "<seconds> <+|-><4 digits>" filling the whole text, as in a commit.
func objectHeaderDate(s string) (uint64, int, bool) {
	if s == "" || !isDigit(s[0]) {
		return 0, 0, false
	}
	stamp, end, _ := parseUint(s, 0)
	if stamp == math.MaxUint64 || end >= len(s) || s[end] != ' ' || end+1 >= len(s) || (s[end+1] != '+' && s[end+1] != '-') {
		return 0, 0, false
	}
	start := end + 2
	ofs, stop := parseLong(s, start)
	if stop != start+4 || stop < len(s) && s[stop] != '\n' {
		return 0, 0, false
	}
	minutes := int((ofs/100)*60 + ofs%100)
	if s[end+1] == '-' {
		minutes = -minutes
	}
	return stamp, minutes, true
}

var monthNames = [12]string{"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"}

var weekdayNames = [7]string{"Sundays", "Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays"}

// zoneNames are the zone abbreviations git knows, with their offsets in hours and whether they are
// summer times (to which git adds an hour).
var zoneNames = []struct {
	name   string
	hours  int
	summer bool
}{
	{"IDLW", -12, false}, {"NT", -11, false}, {"CAT", -10, false}, {"HST", -10, false}, {"HDT", -10, true},
	{"YST", -9, false}, {"YDT", -9, true}, {"PST", -8, false}, {"PDT", -8, true}, {"MST", -7, false},
	{"MDT", -7, true}, {"CST", -6, false}, {"CDT", -6, true}, {"EST", -5, false}, {"EDT", -5, true},
	{"AST", -3, false}, {"ADT", -3, true}, {"WAT", -1, false},
	{"GMT", 0, false}, {"UTC", 0, false}, {"Z", 0, false},
	{"WET", 0, false}, {"BST", 0, true}, {"CET", 1, false}, {"MET", 1, false}, {"MEWT", 1, false},
	{"MEST", 1, true}, {"CEST", 1, true}, {"MESZ", 1, true}, {"FWT", 1, false}, {"FST", 1, true},
	{"EET", 2, false}, {"EEST", 2, true}, {"WAST", 7, false}, {"WADT", 7, true}, {"CCT", 8, false},
	{"JST", 9, false}, {"EAST", 10, false}, {"EADT", 10, true}, {"GST", 10, false}, {"NZT", 12, false},
	{"NZST", 12, false}, {"NZDT", 12, true}, {"IDLE", 12, false},
}

// matchString returns how many leading letters of s spell word (case-insensitively) before s
// ends or reaches a character that is neither letter nor digit; 0 when a letter or digit differs.
func matchString(s, word string) int {
	i := 0
	for ; i < len(s) && s[i] != 0; i++ {
		var w byte
		if i < len(word) {
			w = word[i]
		}
		if s[i] == w || upper(s[i]) == upper(w) {
			continue
		}
		if !isAlnum(s[i]) {
			break
		}
		return 0
	}
	return i
}

// matchAlpha reads a month, weekday or zone name, or AM or PM, at the start of s; any other word
// is skipped.
func matchAlpha(s string, tm *brokenDown, offset *int) int {
	for i, name := range monthNames {
		if n := matchString(s, name); n >= 3 {
			tm.mon = i
			return n
		}
	}
	for _, name := range weekdayNames {
		if n := matchString(s, name); n >= 3 {
			return n
		}
	}
	for _, z := range zoneNames {
		if n := matchString(s, z.name); n >= 3 || n == len(z.name) {
			if *offset == noZone {
				h := z.hours
				if z.summer {
					h++
				}
				*offset = 60 * h
			}
			return n
		}
	}
	if matchString(s, "PM") == 2 {
		tm.hour = tm.hour%12 + 12
		return 2
	}
	if matchString(s, "AM") == 2 {
		tm.hour = tm.hour % 12
		return 2
	}
	n := 1
	for n < len(s) && isAlpha(s[n]) {
		n++
	}
	return n
}

// setDate sets the date to year-month-day (year -1: unknown) where that is a date. With
// refuse, the date is checked on a copy and refused when more than ten days after now (only
// possible when the time is known); without it, tm is changed even when the year is then refused,
// as in git.
func setDate(year, month, day int, refuse bool, now time.Time, tm *brokenDown) bool {
	if month <= 0 || month >= 13 || day <= 0 || day >= 32 {
		return false
	}
	check := *tm
	r := tm
	if refuse {
		r = &check
	}
	r.mon, r.mday = month-1, day
	switch {
	case year == -1:
		if !refuse {
			return false
		}
		r.year = now.UTC().Year() - 1900
	case year >= 1970 && year < 2100:
		r.year = year - 1900
	case year > 70 && year < 100:
		r.year = year
	case year < 38:
		r.year = year + 100
	default:
		return false
	}
	if !refuse {
		return true
	}
	if specified, ok := r.unix(); ok && now.Unix()+10*24*3600 < specified {
		return false
	}
	tm.mon, tm.mday = r.mon, r.mday
	if year != -1 {
		tm.year = r.year
	}
	return true
}

// setTime sets the time when it is one (24:00 and a leap second accepted).
func setTime(hour, minute, second int64, tm *brokenDown) bool {
	if hour < 0 || hour > 24 || minute < 0 || minute >= 60 || second < 0 || second > 60 {
		return false
	}
	tm.hour, tm.min, tm.sec = int(hour), int(minute), int(second)
	return true
}

// matchMultiNumber reads "num<sep>num2[<sep>num3]" (s[end] is sep), a time or a date; 0 when it
// is neither.
func matchMultiNumber(num uint64, s string, end int, tm *brokenDown, now time.Time) int {
	sep := s[end]
	num2, end := parseLong(s, end+1)
	num3 := int64(-1)
	if end+1 < len(s) && s[end] == sep && isDigit(s[end+1]) {
		num3, end = parseLong(s, end+1)
	}
	switch sep {
	case ':':
		if num3 < 0 {
			num3 = 0
		}
		if !setTime(clampLong(num), num2, num3, tm) {
			return 0
		}
		if end+1 < len(s) && s[end] == '.' && isDigit(s[end+1]) && tm.dateKnown() {
			_, end = parseLong(s, end+1)
		}
	default: // '-', '/', '.'
		n, n2, n3 := int(clampInt(clampLong(num))), int(clampInt(num2)), int(clampInt(num3))
		switch {
		case num > 70 && setDate(n, n2, n3, false, now, tm): // yyyy-mm-dd
		case num > 70 && setDate(n, n3, n2, false, now, tm): // yyyy-dd-mm
		case sep != '.' && setDate(n3, n, n2, true, now, tm): // mm/dd/yy[yy]
		case setDate(n3, n2, n, true, now, tm): // dd.mm.yy[yy], dd/mm/yy[yy]
		case sep == '.' && setDate(n3, n, n2, true, now, tm): // mm.dd.yy
		default:
			return 0
		}
	}
	return end
}

// matchDigit reads a number at the start of s: seconds since 1970, a time or date with
// separators, or a number whose meaning its length and value tell.
func matchDigit(s string, tm *brokenDown, offset *int, gmt *bool, now time.Time) int {
	num, end, _ := parseUint(s, 0)
	if num >= 100000000 && tm.noDate() {
		// As git, the number goes through the system's signed time type.
		if t := int64(num); t > -1<<55 && t < 1<<55 {
			u := time.Unix(t, 0).UTC()
			tm.year, tm.mon, tm.mday = u.Year()-1900, int(u.Month())-1, u.Day()
			tm.hour, tm.min, tm.sec = u.Hour(), u.Minute(), u.Second()
			*gmt = true
			return end
		}
	}
	if end+1 < len(s) {
		switch s[end] {
		case ':', '.', '/', '-':
			if isDigit(s[end+1]) {
				if n := matchMultiNumber(num, s, end, tm, now); n > 0 {
					return n
				}
			}
		}
	}
	n := 1
	for n < len(s) && isDigit(s[n]) {
		n++
	}
	switch {
	case n == 8 || n == 6:
		n1, n2, n3 := int64(num/10000), int64(num%10000/100), int64(num%100)
		if n == 8 {
			setDate(int(n1), int(n2), int(n3), false, now, tm)
		} else if setTime(n1, n2, n3, tm) && end+1 < len(s) && s[end] == '.' && isDigit(s[end+1]) {
			_, end, _ = parseUint(s, end+1)
		}
		return end
	case n == 4:
		if num <= 1400 && *offset == noZone {
			*offset = int(num/100)*60 + int(num%100)
		} else if num > 1900 && num < 2100 {
			tm.year = int(num) - 1900
		}
		return n
	case n > 2:
		return n
	}
	// One or two digits: a day first (so "05" is the 5th), then a year, then a month.
	if num > 0 && num < 32 && tm.mday < 0 {
		tm.mday = int(num)
		return n
	}
	if n == 2 && tm.year < 0 {
		if num < 10 && tm.mday >= 0 {
			tm.year = int(num) + 100
			return n
		}
		if num >= 70 {
			tm.year = int(num)
			return n
		}
	}
	if num > 0 && num < 13 && tm.mon < 0 {
		tm.mon = int(num) - 1
	}
	return n
}

// matchZone reads "+hhmm", "+hh:mm" or "+hh" (or with '-'), which sets the zone when the hours are
// under 24 and the minutes under 60.
func matchZone(s string, offset *int) int {
	hourU, end, _ := parseUint(s, 1)
	hour := int64(int32(hourU)) // as git stores it in an int
	digits := end - 1
	minute := int64(0)
	switch {
	case digits == 4:
		minute, hour = hour%100, hour/100
	case digits != 2:
		minute = 99
	case end < len(s) && s[end] == ':':
		var m uint64
		m, end = parseULong(s, end+1)
		minute = int64(int32(m))
		if end-1 != 5 {
			minute = 99
		}
	}
	if minute < 60 && hour < 24 {
		off := int(hour*60 + minute)
		if s[0] == '-' {
			off = -off
		}
		*offset = off
	}
	return end
}

// parseUint reads the decimal digits at s[i:] as C's strtoumax does for a digit-led text: the value
// (the largest one on overflow) and where the digits end.
func parseUint(s string, i int) (uint64, int, bool) {
	var v uint64
	overflow := false
	for ; i < len(s) && isDigit(s[i]); i++ {
		d := uint64(s[i] - '0')
		if v > (math.MaxUint64-d)/10 {
			overflow = true
		}
		v = v*10 + d
	}
	if overflow {
		v = math.MaxUint64
	}
	return v, i, overflow
}

// parseLong reads a number at s[i:] as C's strtol does: leading white space, a sign, digits,
// clamped to the 64-bit range; the end is i when there is no number.
func parseLong(s string, i int) (int64, int) {
	start := i
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	if i >= len(s) || !isDigit(s[i]) {
		return 0, start
	}
	v, end, overflow := parseUint(s, i)
	switch {
	case overflow || !neg && v > math.MaxInt64:
		if neg {
			return math.MinInt64, end
		}
		return math.MaxInt64, end
	case neg && v > 1<<63:
		return math.MinInt64, end
	case neg:
		return -int64(v), end
	}
	return int64(v), end
}

// parseULong reads a number at s[i:] as C's strtoul does (a '-' negates modulo 2^64).
func parseULong(s string, i int) (uint64, int) {
	start := i
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	if i >= len(s) || !isDigit(s[i]) {
		return 0, start
	}
	v, end, _ := parseUint(s, i)
	if neg {
		v = -v
	}
	return v, end
}

// clampLong converts as C does when an unsigned number is passed as a long.
func clampLong(v uint64) int64 { return int64(v) }

// clampInt converts as C does when a long is passed as an int.
func clampInt(v int64) int64 { return int64(int32(v)) }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isAlnum(c byte) bool { return isAlpha(c) || isDigit(c) }

func upper(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}
