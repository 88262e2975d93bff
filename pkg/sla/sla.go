// Package sla counts business days and computes postmortem meeting deadlines.
package sla

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/jp"
	"github.com/rickar/cal/v2/us"

	"github.com/pm-tools/pm/pkg/internal/daystart"
	"github.com/pm-tools/pm/pkg/internal/lazy"
)

// countryHolidays maps a supported country code to its public holidays.
// For the US these are the federal holidays; rickar/cal gives each one's
// observed date (Saturday to Friday, Sunday to Monday), and both the actual
// and the observed date count as non-working.
var countryHolidays = lazy.Value[map[string][]*cal.Holiday]{New: func() map[string][]*cal.Holiday {
	return map[string][]*cal.Holiday{
		"JP": jp.Holidays,
		"US": us.Holidays,
	}
}}

// Countries returns the supported holiday country codes, sorted.
func Countries() []string {
	codes := make([]string, 0, len(countryHolidays.Get()))
	for code := range countryHolidays.Get() {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	return codes
}

// civil is a calendar date with no time and no zone.
type civil struct {
	year  int
	month time.Month
	day   int
}

func civilOf(t time.Time) civil {
	y, m, d := t.Date()
	return civil{y, m, d}
}

// next returns the following date.
func (c civil) next() civil {
	return civilOf(time.Date(c.year, c.month, c.day+1, 0, 0, 0, 0, time.UTC))
}

func (c civil) weekday() time.Weekday {
	return time.Date(c.year, c.month, c.day, 0, 0, 0, 0, time.UTC).Weekday()
}

// Calendar knows which dates are business days in one time zone. It is safe
// for concurrent use.
type Calendar struct {
	loc     *time.Location
	country string
	extra   map[civil]bool

	// holidays are private copies of the library's definitions: some of
	// them write to themselves while computing a date, so sharing the
	// package-level values would race between calendars.
	holidays []*cal.Holiday

	mu    sync.Mutex
	years map[int]map[civil]bool // holiday dates by year, filled on demand
}

// NewCalendar returns a calendar counting dates in loc. country selects the
// public holidays ("" for none, or one of Countries(), case-insensitive);
// extra lists further non-working dates, of which only the year, month and
// day (in each value's own location) matter.
func NewCalendar(loc *time.Location, country string, extra []time.Time) (*Calendar, error) {
	if loc == nil {
		return nil, fmt.Errorf("new calendar: no time zone given")
	}
	code := strings.ToUpper(strings.TrimSpace(country))
	c := &Calendar{
		loc:     loc,
		country: code,
		extra:   make(map[civil]bool, len(extra)),
		years:   make(map[int]map[civil]bool),
	}
	if code != "" {
		list, ok := countryHolidays.Get()[code]
		if !ok {
			return nil, fmt.Errorf("new calendar: unknown holiday country %q (supported: %s)", country, strings.Join(Countries(), ", "))
		}
		c.holidays = make([]*cal.Holiday, len(list))
		for i, h := range list {
			dup := *h
			c.holidays[i] = &dup
		}
	}
	for _, d := range extra {
		c.extra[civilOf(d)] = true
	}
	return c, nil
}

// Location returns the zone in which the calendar counts dates.
func (c *Calendar) Location() *time.Location {
	return c.loc
}

// Country returns the holiday country code in upper case, "" for none.
func (c *Calendar) Country() string {
	return c.country
}

// IsBusinessDay reports whether d's date, in the calendar's zone, is a
// weekday that is neither a public holiday nor an extra non-working date.
func (c *Calendar) IsBusinessDay(d time.Time) bool {
	return c.isBusinessDate(civilOf(d.In(c.loc)))
}

func (c *Calendar) isBusinessDate(d civil) bool {
	switch d.weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	if c.extra[d] {
		return false
	}
	return !c.isHoliday(d)
}

func (c *Calendar) isHoliday(d civil) bool {
	if len(c.holidays) == 0 {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	set, ok := c.years[d.year]
	if !ok {
		set = c.holidaysIn(d.year)
		c.years[d.year] = set
	}
	return set[d]
}

// holidaysIn returns the actual and observed holiday dates that fall in year.
// Neighbouring years are included because an observed date can cross New
// Year (1 January on a Saturday is observed on 31 December in the US).
// The caller holds c.mu.
func (c *Calendar) holidaysIn(year int) map[civil]bool {
	set := make(map[civil]bool)
	for _, h := range c.holidays {
		for y := year - 1; y <= year+1; y++ {
			actual, observed := h.Calc(y)
			for _, t := range []time.Time{actual, observed} {
				if t.IsZero() {
					continue
				}
				// The library builds midnight in time.Local; where midnight
				// does not exist (a DST gap), Go moves it to 23:00 the day
				// before, so read the date at noon instead.
				day := civilOf(t.Add(12 * time.Hour))
				if day.year == year {
					set[day] = true
				}
			}
		}
	}
	return set
}

// AddBusinessDays returns the start of the date that is n business days after
// d's date in the calendar's zone. d's own date never counts, business day or
// not. For n <= 0 it returns the start of d's date.
func (c *Calendar) AddBusinessDays(d time.Time, n int) time.Time {
	return c.startOf(c.addBusinessDays(civilOf(d.In(c.loc)), n))
}

func (c *Calendar) addBusinessDays(day civil, n int) civil {
	for n > 0 {
		day = day.next()
		if c.isBusinessDate(day) {
			n--
		}
	}
	return day
}

// Deadline returns the last moment the postmortem meeting may start for an
// incident at incident with an SLA of days business days: one nanosecond
// before the start of the date following AddBusinessDays(incident, days).
func (c *Calendar) Deadline(incident time.Time, days int) time.Time {
	last := c.addBusinessDays(civilOf(incident.In(c.loc)), days)
	return c.startOf(last.next()).Add(-time.Nanosecond)
}

// startOf returns the first instant of day in the calendar's zone. Usually
// that is midnight, but where a DST change skips midnight, time.Date gives
// 23:00 of the day before, and the day really starts at the change.
func (c *Calendar) startOf(day civil) time.Time {
	return daystart.Of(day.year, day.month, day.day, c.loc)
}
