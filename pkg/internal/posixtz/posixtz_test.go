package posixtz

import (
	"testing"
	"time"
)

func TestLocal(t *testing.T) {
	jan, jul := time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC), time.Date(2026, 7, 15, 12, 0, 0, 0, time.UTC)
	for tz, want := range map[string][2]int{ // offsets east of UTC in January and July, as localtime gives them
		"JST-9":                  {9 * 3600, 9 * 3600},
		"UTC+3":                  {-3 * 3600, -3 * 3600},
		"<+0530>-5:30":           {5*3600 + 1800, 5*3600 + 1800},
		"EST5EDT,M3.2.0,M11.1.0": {-5 * 3600, -4 * 3600},
		"UTC0":                   {0, 0},
	} {
		loc, ok := Local(tz)
		if !ok {
			t.Errorf("%q: not read", tz)
			continue
		}
		_, a := jan.In(loc).Zone()
		_, b := jul.In(loc).Zone()
		if a != want[0] || b != want[1] {
			t.Errorf("%q: offsets %d, %d; want %v", tz, a, b, want)
		}
	}
	for _, tz := range []string{"", ":Asia/Tokyo", "Asia/Tokyo", "nonsense zone", "9"} {
		if _, ok := Local(tz); ok {
			t.Errorf("%q read as a rule", tz)
		}
	}
}
