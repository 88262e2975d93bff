package daystart

import (
	"testing"
	"time"
)

func TestOfSkippedMidnight(t *testing.T) {
	santiago, err := time.LoadLocation("America/Santiago")
	if err != nil {
		t.Skip(err)
	}
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Skip(err)
	}
	for _, c := range []struct {
		loc  *time.Location
		date string
		want string
	}{
		{santiago, "2026-09-06", "2026-09-06T01:00:00-03:00"}, // clocks go from 00:00 to 01:00
		{santiago, "2026-09-05", "2026-09-05T00:00:00-04:00"},
		{santiago, "2026-04-05", "2026-04-05T00:00:00-04:00"}, // back from 00:00 to 23:00 the day before: the day starts after the repeated hour
		{tokyo, "2026-12-31", "2026-12-31T00:00:00+09:00"},
	} {
		got, err := Parse(c.date, c.loc)
		if err != nil {
			t.Fatal(err)
		}
		if got.Format(time.RFC3339) != c.want {
			t.Errorf("Parse(%s, %s) = %s, want %s", c.date, c.loc, got.Format(time.RFC3339), c.want)
		}
		if d := got.In(c.loc).Format("2006-01-02"); d != c.date {
			t.Errorf("Parse(%s, %s) falls on %s", c.date, c.loc, d)
		}
		if !Day(got.Add(20*time.Hour), c.loc).Equal(got) {
			t.Errorf("Day of %s's evening is not its start", c.date)
		}
	}
	if _, err := Parse("2026-02-30", time.UTC); err == nil {
		t.Error("Parse read 2026-02-30")
	}
}
