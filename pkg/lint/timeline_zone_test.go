package lint

import (
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/jatime"
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

// TestJapaneseTimelineTimes: the date and clock forms Japanese timelines are written in read as
// their ISO forms do; anything else stays not a time, and a bad date or clock is said to be one.
func TestJapaneseTimelineTimes(t *testing.T) {
	day := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		in, want string
		dated    bool
	}{
		{"2026/11/20 09:14 JST", "2026-11-20T09:14:00+09:00", true},
		{"2026/1/5 9:14 UTC", "2026-01-05T09:14:00Z", true},
		{"2026/11/21 9:14:05 +09:00", "2026-11-21T09:14:05+09:00", true},
		{"2026年11月20日 09:14 JST", "2026-11-20T09:14:00+09:00", true},
		{"2026年11月20日(金) 9:14 JST", "2026-11-20T09:14:00+09:00", true},
		{"2026年11月20日（金曜日）9時14分 JST", "2026-11-20T09:14:00+09:00", true},
		{"2026年1月2日9時5分JST", "2026-01-02T09:05:00+09:00", true},
		{"9時52分 JST", "2026-11-20T09:52:00+09:00", false},
		{"9時52分30秒 JST", "2026-11-20T09:52:30+09:00", false},
		{"10時05分 Asia/Tokyo", "2026-11-20T10:05:00+09:00", false},
		{"2026-11-20 09:14 Asia/Tokyo", "2026-11-20T09:14:00+09:00", true}, // a zone's slash is no date
		{"午後2時40分 JST", "2026-11-20T14:40:00+09:00", false},
		{"2026年11月20日 午前0時05分 JST", "2026-11-20T00:05:00+09:00", true},
		{"午後2:40 JST", "2026-11-20T14:40:00+09:00", false},
		// the hour alone, as Japanese writes a time on the hour
		{"9時 JST", "2026-11-20T09:00:00+09:00", false},
		{"午後3時 JST", "2026-11-20T15:00:00+09:00", false},
		{"2026年11月20日 15時 JST", "2026-11-20T15:00:00+09:00", true},
		{"2026/11/20 午前9時 日本時間", "2026-11-20T09:00:00+09:00", true},
		{"9時半 JST", "2026-11-20T09:30:00+09:00", false},
	} {
		at, dated, why := parseTimelineTime(c.in, day, nil)
		if why.ID != "" || at.Format(time.RFC3339) != c.want || dated != c.dated {
			t.Errorf("%q = %s dated %v (%s), want %s dated %v", c.in, at.Format(time.RFC3339), dated, why.In(i18n.EN), c.want, c.dated)
		}
	}
	for in, want := range map[string]string{
		"2026/13/05 10:09 JST": "timeline.bad-date",
		"10時70分 JST":           "timeline.bad-clock",
		"9時間 JST":              "timeline.not-time",
		"15時00 JST":            "timeline.not-time",
		"午後12時 JST":            "timeline.not-time",
		"2026/11 09:14 JST":    "timeline.not-time",
		"11/20 09:14 JST":      "timeline.not-time",
		"2026年11月20日":          "timeline.not-time",
		"9時52分":                "timeline.no-zone",
	} {
		if _, _, why := parseTimelineTime(in, day, nil); why.ID != want {
			t.Errorf("%q: %q (%s), want %s", in, why.ID, why.In(i18n.EN), want)
		}
	}
}

func FuzzJapaneseTime(f *testing.F) {
	for _, s := range []string{"2026/11/20 09:14 JST", "2026年11月20日(金) 9時14分", "9時5分30秒", "2026/1/", "年時/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, ok := jatime.Normalize(s)
		if !ok && out != s {
			t.Errorf("%q: not rewritten, yet %q", s, out)
		}
		parseTimelineTime(s, time.Time{}, nil) // no panic
	})
}

// A time typed in full width (９：１４ ＪＳＴ, ＋０９：００) and Japan's time named in Japanese
// (日本時間) are read as their ASCII forms: a Japanese team's timeline passes as an English one does.
func TestTimelineFullWidthAndJapaneseZone(t *testing.T) {
	day := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	for _, s := range []string{"９：１４ ＪＳＴ", "2026-11-20 ９:１４ ＋０９：００", "9:14（日本時間）", "午前９時１４分 JST", "9時14分 日本標準時"} {
		at, _, why := parseTimelineTime(s, day, nil)
		if why.ID != "" || at.UTC().Format("2006-01-02 15:04") != "2026-11-20 00:14" {
			t.Errorf("%q: %v %v", s, at, why)
		}
	}
}

// TestApproximateOrRangeTime: text after a clock that makes it approximate (頃, ごろ, approx.) or
// the start of a range (a dash, a tilde, a second clock) is said to be so, not read as a zone, and
// never quoted in the form pm normalised it to (～ is no ASCII ~); a zone pm does not know is named
// as typed.
func TestApproximateOrRangeTime(t *testing.T) {
	day := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	for _, in := range []string{"9:14頃", "9:14 JST頃", "9時14分頃 JST", "9:14ごろ", "09:14 前後", "09:14 UTC (approx.)", "09:14 UTC approx",
		"2026-11-20 09:10–09:12 UTC", "2026-11-20 09:10 - 09:12 UTC", "9:20～9:25", "9:20〜9:25 JST", "09:10 UTC to 09:12 UTC", "9:20~", "9時20分から9時25分",
		"9時頃 JST", "9時ごろ", "9時から10時", "9時台 JST", "9時過ぎ JST",
		// an estimate, marked after the clock or before it, in Japanese or in English
		"9:14（推定） JST", "9:14 JST（推定）", "9時14分 JST（概算）", "約9時14分 JST", "約 9:14 JST", "およそ9時14分 JST", "だいたい９：１４ ＪＳＴ",
		"2026年12月4日 約9時14分 JST", "09:14 UTC (estimated)", "about 09:14 UTC", "~09:14 UTC", "～9:14 JST", "Around 2026-11-20 09:14 UTC"} {
		_, _, why := parseTimelineTime(in, day, nil)
		if why.ID != "timeline.approximate" {
			t.Errorf("%q: %q (%s), want timeline.approximate", in, why.ID, why.In(i18n.EN))
		}
	}
	for in, want := range map[string]string{"09:14 ＸＴ": "unknown time zone ＸＴ", "2026-11-20 09:30 XYZ": "unknown time zone XYZ"} {
		if _, _, why := parseTimelineTime(in, day, nil); why.In(i18n.EN) != want {
			t.Errorf("%q: %q, want %q", in, why.In(i18n.EN), want)
		}
	}
}

// An RFC 3339 offset out of the RFC's range (+09:60, +24:00), which Go's parser takes as another
// instant, is a zone pm does not know, named as written; not a range, and not read.
func TestTimelineRFC3339OffsetOutOfRange(t *testing.T) {
	day := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	for _, off := range []string{"+09:60", "+24:00", "-24:00"} {
		s := "2026-11-20T09:14:00" + off
		if _, _, why := parseTimelineTime(s, day, nil); why.ID != "timeline.zone" || why.String() != "unknown time zone "+off {
			t.Errorf("%s: %v", s, why)
		}
	}
	if at, _, why := parseTimelineTime("2026-11-20T09:14:00+23:59", day, nil); why.ID != "" || at.UTC().Format(time.RFC3339) != "2026-11-19T09:15:00Z" {
		t.Errorf("+23:59: %v %v", at, why)
	}
}
