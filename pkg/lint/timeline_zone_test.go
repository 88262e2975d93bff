package lint

import (
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/i18n"
)

// TestTimelineZones: a region's time (PT, ET, CT, MT) is read as summer or winter time as the date
// has it, as a reader takes "09:35 PT"; a zone pm cannot read is named as written, without the AM or
// PM before it.
func TestTimelineZones(t *testing.T) {
	day := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct{ in, want string }{
		{"2026-07-01 09:35 PT", "2026-07-01T09:35:00-07:00"},
		{"2026-12-01 09:35 PT", "2026-12-01T09:35:00-08:00"},
		{"2026-07-01 08:01 ET", "2026-07-01T08:01:00-04:00"},
		{"2026-01-15 08:01 et", "2026-01-15T08:01:00-05:00"},
		{"2026-07-01 9:45 AM ET", "2026-07-01T09:45:00-04:00"},
		{"11:50 PM PT", "2026-07-01T23:50:00-07:00"},
		{"2026-07-01 10:00 CT", "2026-07-01T10:00:00-05:00"},
		{"2026-07-01 10:00 MT", "2026-07-01T10:00:00-06:00"},
		{"2026-07-01 10:00 MSK", "2026-07-01T10:00:00+03:00"},
	} {
		at, _, why := parseTimelineTime(c.in, day, nil)
		if why.ID != "" || at.Format(time.RFC3339) != c.want {
			t.Errorf("%q = %s (%s), want %s", c.in, at.Format(time.RFC3339), why.In(i18n.EN), c.want)
		}
	}
	_, _, why := parseTimelineTime("2013-10-23 9:45 AM XT", day, nil)
	if got := why.In(i18n.EN); got != "unknown time zone XT" {
		t.Errorf("an unknown zone after AM: %q", got)
	}
}
