// Package daystart gives the first instant of a calendar day in a time zone, which is not always
// midnight: where a DST change skips midnight (America/Santiago on 2026-09-06, Asia/Beirut,
// America/Havana) time.Date and time.ParseInLocation give 23:00 of the day before instead.
package daystart

import "time"

// Of returns the first instant of the date y-m-d in loc: midnight, or the moment the day starts
// where a DST change skips midnight. Out-of-range days and months are normalised as time.Date does.
func Of(y int, m time.Month, d int, loc *time.Location) time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, loc)
	// time.Date normalises first, so compare against the normalised date of noon that day
	want := time.Date(y, m, d, 12, 0, 0, 0, loc)
	if t.YearDay() != want.YearDay() || t.Year() != want.Year() {
		if _, end := t.ZoneBounds(); !end.IsZero() {
			t = end
		}
	}
	return t
}

// Day returns the first instant, in loc, of t's date in loc.
func Day(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return Of(y, m, d, loc)
}

// Parse reads a date written YYYY-MM-DD as its first instant in loc (time.ParseInLocation gives the
// evening before where midnight does not exist).
func Parse(s string, loc *time.Location) (time.Time, error) {
	t, err := time.ParseInLocation("2006-01-02", s, time.UTC)
	if err != nil {
		return time.Time{}, err
	}
	y, m, d := t.Date()
	return Of(y, m, d, loc), nil
}
