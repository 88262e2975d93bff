package sla_test

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // the tests must not depend on the machine's zone files

	"github.com/pm-tools/pm/pkg/sla"
)

func mustLoad(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	return loc
}

func mustCalendar(t testing.TB, loc *time.Location, country string, extra ...time.Time) *sla.Calendar {
	t.Helper()
	c, err := sla.NewCalendar(loc, country, extra)
	if err != nil {
		t.Fatalf("NewCalendar(%v, %q): %v", loc, country, err)
	}
	return c
}

// date is a civil date; only its year, month and day are meant.
func date(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func mustParse(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestCountries(t *testing.T) {
	if got, want := sla.Countries(), []string{"JP", "US"}; !slices.Equal(got, want) {
		t.Errorf("Countries() = %v, want %v", got, want)
	}
}

func TestNewCalendar(t *testing.T) {
	tests := []struct {
		country string
		wantErr string // "" for success; else a substring of the error
	}{
		{"", ""},
		{"JP", ""},
		{"jp", ""},
		{"Us", ""},
		{" US ", ""},
		{"GB", `unknown holiday country "GB" (supported: JP, US)`},
		{"japan", `unknown holiday country "japan"`},
	}
	for _, tt := range tests {
		t.Run(tt.country, func(t *testing.T) {
			c, err := sla.NewCalendar(time.UTC, tt.country, nil)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if got, want := c.Country(), strings.ToUpper(strings.TrimSpace(tt.country)); got != want {
					t.Errorf("Country() = %q, want %q", got, want)
				}
				if c.Location() != time.UTC {
					t.Errorf("Location() = %v, want UTC", c.Location())
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans lines: %q", err)
			}
		})
	}
	if _, err := sla.NewCalendar(nil, "", nil); err == nil {
		t.Error("NewCalendar(nil, ...) succeeded, want an error")
	}
}

func TestIsBusinessDay(t *testing.T) {
	tokyo := mustLoad(t, "Asia/Tokyo")
	newYork := mustLoad(t, "America/New_York")
	tests := []struct {
		name    string
		loc     *time.Location
		country string
		extra   []time.Time
		at      string
		want    bool
	}{
		{"weekday", time.UTC, "", nil, "2026-11-20T10:00:00Z", true},
		{"saturday", time.UTC, "", nil, "2026-11-21T10:00:00Z", false},
		{"sunday", time.UTC, "", nil, "2026-11-22T10:00:00Z", false},
		{"friday late UTC is saturday in Tokyo", tokyo, "", nil, "2026-11-20T23:30:00Z", false},
		{"friday late UTC stays friday in UTC", time.UTC, "", nil, "2026-11-20T23:30:00Z", true},
		{"monday early UTC is sunday in New York", newYork, "", nil, "2026-11-23T03:00:00Z", false},
		{"Labor Thanksgiving Day without holidays", tokyo, "", nil, "2026-11-23T10:00:00+09:00", true},
		{"Labor Thanksgiving Day in JP", tokyo, "JP", nil, "2026-11-23T10:00:00+09:00", false},
		{"Labor Thanksgiving Day in US", newYork, "US", nil, "2026-11-23T10:00:00-05:00", true},
		{"Showa Day", tokyo, "JP", nil, "2026-04-29T10:00:00+09:00", false},
		{"substitute holiday for Constitution Day", tokyo, "JP", nil, "2026-05-06T10:00:00+09:00", false},
		{"after Golden Week", tokyo, "JP", nil, "2026-05-07T10:00:00+09:00", true},
		{"national holiday between two holidays", tokyo, "JP", nil, "2026-09-22T10:00:00+09:00", false},
		{"Thanksgiving", newYork, "US", nil, "2026-11-26T10:00:00-05:00", false},
		{"day after Thanksgiving is not federal", newYork, "US", nil, "2026-11-27T10:00:00-05:00", true},
		{"Independence Day observed on Friday", newYork, "US", nil, "2026-07-03T10:00:00-04:00", false},
		{"Thanksgiving is not a JP holiday", tokyo, "JP", nil, "2026-11-26T10:00:00+09:00", true},
		{"New Year 2028 observed on 2027-12-31", newYork, "US", nil, "2027-12-31T10:00:00-05:00", false},
		{"extra date", tokyo, "JP", []time.Time{date(2026, 12, 29)}, "2026-12-29T10:00:00+09:00", false},
		{"extra date only by its civil date", tokyo, "", []time.Time{time.Date(2026, 12, 29, 23, 0, 0, 0, newYork)}, "2026-12-29T10:00:00+09:00", false},
		{"day next to extra date", tokyo, "", []time.Time{date(2026, 12, 29)}, "2026-12-28T10:00:00+09:00", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustCalendar(t, tt.loc, tt.country, tt.extra...)
			if got := c.IsBusinessDay(mustParse(t, tt.at)); got != tt.want {
				t.Errorf("IsBusinessDay(%s) in %v/%q = %v, want %v", tt.at, tt.loc, tt.country, got, tt.want)
			}
		})
	}
}

func TestAddBusinessDays(t *testing.T) {
	tokyo := mustLoad(t, "Asia/Tokyo")
	newYork := mustLoad(t, "America/New_York")
	losAngeles := mustLoad(t, "America/Los_Angeles")
	yearEnd := []time.Time{date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31), date(2027, 1, 4)}
	tests := []struct {
		name    string
		loc     *time.Location
		country string
		extra   []time.Time
		from    string
		n       int
		want    string // RFC 3339
	}{
		{"SEV-1 over a weekend", time.UTC, "", nil, "2026-11-20T10:00:00Z", 3, "2026-11-25T00:00:00Z"},
		{"SEV-2 over a weekend", time.UTC, "", nil, "2026-11-20T10:00:00Z", 5, "2026-11-27T00:00:00Z"},
		{"one day from friday", time.UTC, "", nil, "2026-11-20T10:00:00Z", 1, "2026-11-23T00:00:00Z"},
		{"zero is the same date", time.UTC, "", nil, "2026-11-20T10:00:00Z", 0, "2026-11-20T00:00:00Z"},
		{"negative is the same date", time.UTC, "", nil, "2026-11-20T10:00:00Z", -2, "2026-11-20T00:00:00Z"},
		{"zero on a saturday is that saturday", time.UTC, "", nil, "2026-11-21T10:00:00Z", 0, "2026-11-21T00:00:00Z"},
		{"from a saturday", time.UTC, "", nil, "2026-11-21T10:00:00Z", 1, "2026-11-23T00:00:00Z"},
		{"from a sunday", time.UTC, "", nil, "2026-11-22T10:00:00Z", 3, "2026-11-25T00:00:00Z"},
		{"JP Labor Thanksgiving Day", tokyo, "JP", nil, "2026-11-20T10:00:00+09:00", 3, "2026-11-26T00:00:00+09:00"},
		{"JP SEV-2 past Labor Thanksgiving Day", tokyo, "JP", nil, "2026-11-20T10:00:00+09:00", 5, "2026-11-30T00:00:00+09:00"},
		{"JP from the holiday itself", tokyo, "JP", nil, "2026-11-23T10:00:00+09:00", 1, "2026-11-24T00:00:00+09:00"},
		{"JP before Showa Day", tokyo, "JP", nil, "2026-04-28T10:00:00+09:00", 1, "2026-04-30T00:00:00+09:00"},
		{"JP across Golden Week", tokyo, "JP", nil, "2026-05-01T10:00:00+09:00", 1, "2026-05-07T00:00:00+09:00"},
		{"JP SEV-1 in Golden Week", tokyo, "JP", nil, "2026-04-28T18:00:00+09:00", 3, "2026-05-07T00:00:00+09:00"},
		{"JP SEV-2 in Golden Week", tokyo, "JP", nil, "2026-04-30T09:00:00+09:00", 5, "2026-05-12T00:00:00+09:00"},
		{"JP Silver Week", tokyo, "JP", nil, "2026-09-18T10:00:00+09:00", 1, "2026-09-24T00:00:00+09:00"},
		{"no holidays in Golden Week", tokyo, "", nil, "2026-05-01T10:00:00+09:00", 1, "2026-05-04T00:00:00+09:00"},
		{"US Thanksgiving", newYork, "US", nil, "2026-11-25T10:00:00-05:00", 1, "2026-11-27T00:00:00-05:00"},
		{"US SEV-1 over Thanksgiving", newYork, "US", nil, "2026-11-24T10:00:00-05:00", 3, "2026-11-30T00:00:00-05:00"},
		{"US Independence Day observed", newYork, "US", nil, "2026-07-02T10:00:00-04:00", 1, "2026-07-06T00:00:00-04:00"},
		{"US Christmas", newYork, "US", nil, "2026-12-24T10:00:00-05:00", 1, "2026-12-28T00:00:00-05:00"},
		{"US New Year observed in the old year", newYork, "US", nil, "2027-12-30T10:00:00-05:00", 1, "2028-01-03T00:00:00-05:00"},
		{"US Labor Thanksgiving Day is a working day", newYork, "US", nil, "2026-11-20T10:00:00-05:00", 3, "2026-11-25T00:00:00-05:00"},
		{"year end without extra dates", tokyo, "JP", nil, "2026-12-28T10:00:00+09:00", 1, "2026-12-29T00:00:00+09:00"},
		{"year end with extra dates", tokyo, "JP", yearEnd, "2026-12-28T10:00:00+09:00", 1, "2027-01-05T00:00:00+09:00"},
		{"year end SEV-1 with extra dates", tokyo, "JP", yearEnd, "2026-12-25T10:00:00+09:00", 3, "2027-01-06T00:00:00+09:00"},
		{"year end without any holidays", time.UTC, "", nil, "2026-12-31T10:00:00Z", 1, "2027-01-01T00:00:00Z"},
		{"friday late UTC counted in Tokyo", tokyo, "", nil, "2026-11-20T23:30:00Z", 3, "2026-11-25T00:00:00+09:00"},
		{"friday late UTC counted in Tokyo with JP holidays", tokyo, "JP", nil, "2026-11-20T23:30:00Z", 3, "2026-11-26T00:00:00+09:00"},
		{"friday late UTC counted in UTC", time.UTC, "JP", nil, "2026-11-20T23:30:00Z", 3, "2026-11-26T00:00:00Z"},
		{"saturday early UTC counted in Los Angeles", losAngeles, "", nil, "2026-11-21T03:00:00Z", 3, "2026-11-25T00:00:00-08:00"},
		{"across the DST change", newYork, "", nil, "2026-10-30T10:00:00-04:00", 1, "2026-11-02T00:00:00-05:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustCalendar(t, tt.loc, tt.country, tt.extra...)
			got := c.AddBusinessDays(mustParse(t, tt.from), tt.n)
			want := mustParse(t, tt.want)
			if !got.Equal(want) || got.Location() != tt.loc {
				t.Errorf("AddBusinessDays(%s, %d) = %s (%v), want %s (%v)", tt.from, tt.n, got.Format(time.RFC3339), got.Location(), tt.want, tt.loc)
			}
		})
	}
}

func TestDeadline(t *testing.T) {
	tokyo := mustLoad(t, "Asia/Tokyo")
	newYork := mustLoad(t, "America/New_York")
	tests := []struct {
		name     string
		loc      *time.Location
		country  string
		incident string
		days     int
		want     string // RFC 3339 with nanoseconds
	}{
		{"SEV-1 no holidays", time.UTC, "", "2026-11-20T10:00:00Z", 3, "2026-11-25T23:59:59.999999999Z"},
		{"SEV-2 no holidays", time.UTC, "", "2026-11-20T10:00:00Z", 5, "2026-11-27T23:59:59.999999999Z"},
		{"SEV-1 JP", tokyo, "JP", "2026-11-20T10:00:00+09:00", 3, "2026-11-26T23:59:59.999999999+09:00"},
		{"SEV-1 JP from a UTC instant", tokyo, "JP", "2026-11-20T23:30:00Z", 3, "2026-11-26T23:59:59.999999999+09:00"},
		{"SEV-2 US over Thanksgiving", newYork, "US", "2026-11-20T10:00:00-05:00", 5, "2026-11-30T23:59:59.999999999-05:00"},
		{"zero days is the end of the incident date", time.UTC, "", "2026-11-20T10:00:00Z", 0, "2026-11-20T23:59:59.999999999Z"},
		{"end of a day that lasts 25 hours", newYork, "", "2026-11-01T09:00:00-05:00", 0, "2026-11-01T23:59:59.999999999-05:00"},
		{"end of a day before spring forward", newYork, "", "2026-03-07T09:00:00-05:00", 0, "2026-03-07T23:59:59.999999999-05:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustCalendar(t, tt.loc, tt.country)
			got := c.Deadline(mustParse(t, tt.incident), tt.days)
			want := mustParse(t, tt.want)
			if !got.Equal(want) || got.Location() != tt.loc {
				t.Errorf("Deadline(%s, %d) = %s, want %s", tt.incident, tt.days, got.Format(time.RFC3339Nano), tt.want)
			}
		})
	}
}

// In Santiago the clocks jump from 00:00 to 01:00 on 2026-09-06, so that day
// starts at 01:00 and the day before ends an hour "early".
func TestMidnightSkippedByDST(t *testing.T) {
	santiago := mustLoad(t, "America/Santiago")
	c := mustCalendar(t, santiago, "")

	start := c.AddBusinessDays(mustParse(t, "2026-09-06T10:00:00-03:00"), 0)
	if want := mustParse(t, "2026-09-06T01:00:00-03:00"); !start.Equal(want) {
		t.Errorf("start of 2026-09-06 = %s, want %s", start.Format(time.RFC3339), want.Format(time.RFC3339))
	}
	end := c.Deadline(mustParse(t, "2026-09-05T10:00:00-04:00"), 0)
	if want := mustParse(t, "2026-09-05T23:59:59.999999999-04:00"); !end.Equal(want) {
		t.Errorf("end of 2026-09-05 = %s, want %s", end.Format(time.RFC3339Nano), want.Format(time.RFC3339Nano))
	}
	if y, m, d := end.Date(); y != 2026 || m != time.September || d != 5 {
		t.Errorf("deadline falls on %d-%02d-%02d, want 2026-09-05", y, m, d)
	}
}

// Whatever the start, n > 0 business days later is a business day, with
// exactly n business days after the start date up to and including it.
func TestAddBusinessDaysLandsOnBusinessDays(t *testing.T) {
	for _, country := range append([]string{""}, sla.Countries()...) {
		c := mustCalendar(t, time.UTC, country, date(2026, 12, 29), date(2026, 12, 30))
		for from := date(2026, 1, 1); from.Year() < 2028; from = from.AddDate(0, 0, 1) {
			for _, n := range []int{1, 3, 5} {
				got := c.AddBusinessDays(from, n)
				if !c.IsBusinessDay(got) {
					t.Fatalf("%q: AddBusinessDays(%s, %d) = %s, not a business day", country, from.Format(time.DateOnly), n, got.Format(time.DateOnly))
				}
				count := 0
				for d := from.AddDate(0, 0, 1); !d.After(got); d = d.AddDate(0, 0, 1) {
					if c.IsBusinessDay(d) {
						count++
					}
				}
				if count != n {
					t.Fatalf("%q: AddBusinessDays(%s, %d) = %s, spans %d business days", country, from.Format(time.DateOnly), n, got.Format(time.DateOnly), count)
				}
			}
		}
	}
}

// Run with -race: holiday lookups fill a shared cache. Every answer given under contention must be
// the one a calendar of its own gives, one lookup at a time.
func TestConcurrentUse(t *testing.T) {
	tokyo := mustLoad(t, "Asia/Tokyo")
	shared := mustCalendar(t, tokyo, "JP")
	const workers, days = 8, 400
	got := make([][]time.Time, workers)
	var wg sync.WaitGroup
	for i := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			from := date(2020+i, 3, 18)
			for d := range days {
				got[i] = append(got[i], shared.AddBusinessDays(from.AddDate(0, 0, d), 3))
			}
		}()
	}
	wg.Wait()
	for i := range workers {
		alone := mustCalendar(t, tokyo, "JP")
		from := date(2020+i, 3, 18)
		if len(got[i]) != days {
			t.Fatalf("worker %d gave %d answers, want %d", i, len(got[i]), days)
		}
		for d := range days {
			if want := alone.AddBusinessDays(from.AddDate(0, 0, d), 3); !got[i][d].Equal(want) {
				t.Errorf("AddBusinessDays(%s, 3) under contention = %s, alone %s", from.AddDate(0, 0, d).Format(time.DateOnly),
					got[i][d].Format(time.DateOnly), want.Format(time.DateOnly))
			}
		}
	}
}

func ExampleCalendar_Deadline() {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := sla.NewCalendar(tokyo, "JP", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	incident := time.Date(2026, 11, 20, 14, 0, 0, 0, tokyo) // a Friday; Monday the 23rd is a holiday
	fmt.Println(c.AddBusinessDays(incident, 3).Format(time.DateOnly))
	fmt.Println(c.Deadline(incident, 3).Format(time.RFC3339))
	// Output:
	// 2026-11-26
	// 2026-11-26T23:59:59+09:00
}
