package jatime

import "testing"

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"2026/11/20 09:14 JST":        "2026-11-20 09:14 JST",
		"2026/1/5 9:14":               "2026-01-05 9:14",
		"2026年11月20日 09:14 JST":       "2026-11-20 09:14 JST",
		"2026年11月20日(金) 9時5分 JST":     "2026-11-20 9:05 JST",
		"2026年11月20日（金曜日）9時14分05秒JST": "2026-11-20 9:14:05 JST",
		"9時52分":                  "9:52",
		"10時05分 Asia/Tokyo":      "10:05 Asia/Tokyo",
		"午後2時40分 JST":            "14:40 JST",
		"午前9時5分":                 "9:05",
		"2026年11月20日 午後2:40 JST": "2026-11-20 14:40 JST",
		"午後 0時00分":               "12:00",
		"午前0時05分":                "0:05",
		// an ISO date before a Japanese clock
		"2026-12-01 午前9:14 JST":  "2026-12-01 9:14 JST",
		"2026-12-01 午後2時40分 JST": "2026-12-01 14:40 JST",
		"2026-12-01 14時40分":      "2026-12-01 14:40",
		// the hour alone, and half past it
		"9時":                   "9:00",
		"9時 JST":               "9:00 JST",
		"15時JST":               "15:00 JST",
		"2026年11月25日 15時":      "2026-11-25 15:00",
		"2026年11月25日 午後3時":     "2026-11-25 15:00",
		"午前0時":                 "0:00",
		"午後 0時":                "12:00",
		"午前11時 JST":            "11:00 JST",
		"2026-11-25 15時（日本時間）": "2026-11-25 15:00 （日本時間）",
		"9時半":                  "9:30",
		"午後3時半 JST":            "15:30 JST",
		"9時頃":                  "9:00 頃",
	} {
		if got, ok := Normalize(in); !ok || got != want {
			t.Errorf("Normalize(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"2026-11-20 09:14 Asia/Tokyo", "12:00/13:00", "11/20 9:14", "年時/", "15時00", "9時間", "9時間後", "午後12時", "午前12時", "午後13時", "", "午後", "午後の会議", "午後13時00分", "午後12時00分", "午前12時30分"} {
		if got, ok := Normalize(in); ok || got != in {
			t.Errorf("Normalize(%q) = %q, %v; want it unchanged", in, got, ok)
		}
	}
}

func TestDay(t *testing.T) {
	for in, want := range map[string]string{
		"2026/11/20": "2026-11-20", " 2026/1/5 ": "2026-01-05", "2026年9月3日": "2026-09-03", "2026年9月3日（木）": "2026-09-03",
		"2026年9月3日(木曜日)": "2026-09-03", "2026/11/20 9:14": "", "2026-11-20": "", "2026年9月": "", "2026年9月3日(祝)": "",
	} {
		if got, ok := Day(in); got != want || ok != (want != "") {
			t.Errorf("Day(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestWeekday(t *testing.T) {
	for in, want := range map[string]int{
		"2026年9月3日(木) 9:14": 4, "2026/09/03（金）": 5, "2026年9月6日(日曜日)": 0, "2026年9月7日(月曜)": 1,
		"2026年9月3日 9:14": -1, "9時14分": -1, "2026-09-03 (木)": -1,
	} {
		wd, ok := Weekday(in)
		if (want < 0) == ok || (ok && int(wd) != want) {
			t.Errorf("Weekday(%q) = %v, %v; want %d", in, wd, ok, want)
		}
	}
}

// TestApproximate: the marks of an approximate time or a range are found however they are typed
// (full width, any case, before or after the clock), and plain times carry none.
func TestApproximate(t *testing.T) {
	for _, s := range []string{"9時14分頃", "9:14（推定）", "約9時14分 JST", "ABOUT 09:14", "09:14 (approx.)", "9:20～9:25", "~09:14", "9時台", "およそ９：１４",
		"2026-11-20 09:10–09:12 UTC", "09:10-09:12", "09:10 – 09:12", "9:10 — 9:12", "9時10分から9時12分"} {
		if !Approximate(s) {
			t.Errorf("Approximate(%q) = false", s)
		}
	}
	for _, s := range []string{"2026-11-20 09:14 UTC", "9時14分 JST", "2026/11/20 9:14", "noon", "14:40 +09:00", "2026-13-01 09:14:05", "2026-11-20T09:14:05+09:00"} {
		if Approximate(s) {
			t.Errorf("Approximate(%q) = true", s)
		}
	}
}
