package meeting

import (
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/i18n"
)

// An --attendee is read as git reads an identity: the name is what comes before the brackets.
func TestParsePerson(t *testing.T) {
	for in, want := range map[string]person{
		"Ken Mori <ken@example.com>":     {Name: "Ken Mori", Email: "ken@example.com"},
		`"Mori, Ken" <ken@example.com>`:  {Name: "Mori, Ken", Email: "ken@example.com"},
		"Mori, Ken <ken@example.com>":    {Name: "Mori, Ken", Email: "ken@example.com"},
		"O'Brien (SRE) <ob@example.com>": {Name: "O'Brien (SRE)", Email: "ob@example.com"},
		"森 健; 決済 <ken@example.com>":      {Name: "森 健; 決済", Email: "ken@example.com"},
		"ken@example.com":                {Email: "ken@example.com"},
		"Ken Mori":                       {Name: "Ken Mori"},
	} {
		got, err := parsePerson(in)
		if err != nil || got.Name != want.Name || got.Email != want.Email {
			t.Errorf("parsePerson(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, in := range []string{"Ken <ken@", "Ken <not an address>", "Ken <a@b> <c@d>", "Ken <Other <a@example.com>>", "a@"} {
		if got, err := parsePerson(in); err == nil {
			t.Errorf("parsePerson(%q) = %+v, want an error", in, got)
		}
	}
}

func TestTimeRange(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip(err)
	}
	jst := time.FixedZone("JST", 9*3600)
	for _, c := range []struct {
		start time.Time
		d     time.Duration
		want  string
	}{
		{time.Date(2026, 11, 26, 10, 0, 0, 0, jst), 30 * time.Minute, "Thu 2026-11-26 10:00 JST–10:30"},
		{time.Date(2026, 11, 26, 23, 59, 0, 0, jst), 30 * time.Minute, "Thu 2026-11-26 23:59 JST–Fri 2026-11-27 00:29 JST"},
		// summer time ends at 02:00 EDT: half an hour after 01:30 EDT is 01:00 EST
		{time.Date(2026, 11, 1, 1, 30, 0, 0, ny), 30 * time.Minute, "Sun 2026-11-01 01:30 EDT–01:00 EST"},
	} {
		if got := timeRange(i18n.EN, c.start, c.start.Add(c.d).In(c.start.Location())); got != c.want {
			t.Errorf("%v: %q, want %q", c.start, got, c.want)
		}
	}
}
