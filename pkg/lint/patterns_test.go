package lint

import (
	"reflect"
	"regexp"
	"testing"
	"time"
)

// The expressions the hand-written matchers of patterns.go stand for.
var (
	placeholderPattern = regexp.MustCompile(`\b(TODO|TBD|FIXME|XXX)\b`)
	clockPattern       = regexp.MustCompile(`^(?:(\d{4}-\d{2}-\d{2})[T ]\s*)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(.*)$`)
	offsetPattern      = regexp.MustCompile(`^(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?$`)
)

func samePatterns(t *testing.T, s string) {
	t.Helper()
	if got, want := placeholderWordsAt([]byte(s)), placeholderPattern.FindAllIndex([]byte(s), -1); !reflect.DeepEqual(got, want) {
		t.Errorf("placeholderWordsAt(%q) = %v, the expression finds %v", s, got, want)
	}
	var got []string
	if d, h, m, sec, rest, ok := matchClock(s); ok {
		got = []string{s, d, h, m, sec, rest}
	}
	if want := clockPattern.FindStringSubmatch(s); !reflect.DeepEqual(got, want) {
		t.Errorf("matchClock(%q) = %q, the expression reads %q", s, got, want)
	}
	got = nil
	if sign, h, m, ok := matchOffset(s); ok {
		got = []string{s, sign, h, m}
	}
	if want := offsetPattern.FindStringSubmatch(s); !reflect.DeepEqual(got, want) {
		t.Errorf("matchOffset(%q) = %q, the expression reads %q", s, got, want)
	}
}

var patternSamples = []string{
	"", "TODO", "TODO: x", "xTODO", "TODOs", "_TBD", "a TBD b", "FIXME.", "XXXX", "XXX", "(XXX)", "TBD\n", "é TODO é",
	"TODOTBD", "TO DO", "FIX ME", "\xffTODO\xff", "TODO_", "1FIXME", "FIXME1", "TBD TBD TODO",
	"10:00", "9:05", "09:05:30", "09:05:30.123 UTC", "2024-01-01 10:00", "2024-01-01T10:00Z", "2024-01-01T 10:00 JST",
	"2024-01-01  \t10:00", "123:45", "1:2", "12:345", "10:00\nUTC", "10:00 \nUTC", "10:00:00\nfoo", "10:00 UTC\n",
	"10:00:0", "10:00:00.", "10:00:00.x", "10:00:00.5\n", "2024-01-01 1:00 pm", "2024-01-01x10:00", "2024-1-01 10:00",
	"10:00\f+09:00", "10:00\v", " 10:00", "10:00 午前", "2024-01-01 ", "2024-01-01 10", "12:00:60",
	"+09:00", "-0500", "UTC+9", "GMT-3", "+900", "+123", "+1:23", "+12:3", "UTC", "+", "+123456", "UTC+", "GMT+09:00",
	"UTCUTC+1", "+09:", "-1", "+1", "+12", "+12:", "JST+9", "utc+9", "+٩",
}

func TestPatternsReadAsTheirExpressions(t *testing.T) {
	for _, s := range patternSamples {
		samePatterns(t, s)
	}
}

func FuzzPatterns(f *testing.F) {
	for _, s := range patternSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { samePatterns(t, s) })
}

// FuzzMayBeRFC3339 holds mayBeRFC3339 to time.Parse: whatever time.Parse reads as an RFC 3339 time
// has its shape, so that the shortcut never turns such a time away.
func FuzzMayBeRFC3339(f *testing.F) {
	for _, s := range []string{"2026-11-02T09:14:00Z", "2026-11-02T09:14:00.5+09:00", "2026-11-02t09:14:00Z", "09:14", "2026-11-02 09:14 UTC", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if _, err := time.Parse(time.RFC3339, s); err == nil && !mayBeRFC3339(s) {
			t.Errorf("time.Parse reads %q as RFC 3339, mayBeRFC3339 turns it away", s)
		}
	})
}
