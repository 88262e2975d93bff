// Package jatime reads the date and clock forms Japanese incident timelines are written in
// (2026/11/20, 2026年11月20日(金), 9時14分) by rewriting them into the ISO forms the readers of
// times know, so that lint and timeline import read them alike.
package jatime

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ApproximateMarks make a time approximate when they follow its clock: 9:14頃, 09:14 (approx.),
// 9:14（推定）, 9:14 JST（概算）, and after an hour alone, 9時台 (some time in the hour), 9時過ぎ (a
// little after).
var ApproximateMarks = []string{"頃", "ごろ", "前後", "程度", "くらい", "ぐらい", "台", "過ぎ", "すぎ", "推定", "概算", "およそ", "約"}

// ApproximateWords are the English words that do, as whole words in any case.
var ApproximateWords = []string{"approx", "approximately", "about", "around", "circa", "ish", "estimated", "roughly"}

// ApproximatePrefixes make a time approximate when they come before its clock: 約9時14分,
// およそ9:14, about 09:14, ~09:14 (a full-width ～ is folded to ~ before they are looked for).
var ApproximatePrefixes = []string{"約", "およそ", "おおよそ", "大体", "だいたい", "~", "〜", "about ", "around ", "approx. ", "approx ", "approximately ", "circa ", "roughly "}

// Approximate reports whether s, typed where one time was wanted, carries a mark of an approximate
// time or a range (頃, 約, 推定, about, ~…): for a reader that could not read s as a time, the
// reason to give instead of "not a time".
func Approximate(s string) bool {
	s = strings.ToLower(FoldWidth(s))
	for _, m := range ApproximateMarks {
		if strings.Contains(s, m) {
			return true
		}
	}
	for _, m := range ApproximatePrefixes {
		if strings.Contains(s, m) {
			return true
		}
	}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !('a' <= r && r <= 'z') }) {
		if slices.Contains(ApproximateWords, w) {
			return true
		}
	}
	// a range: two clocks (09:10–09:12, 9:10 - 9:12 UTC), or から between times; an offset at the
	// end (+09:00, -05:00, -03:30) is no clock
	t := strings.TrimSpace(s)
	if n := len(t); n >= 6 && (t[n-6] == '+' || t[n-6] == '-') && t[n-3] == ':' &&
		(t[n-2:] == "00" || t[n-2:] == "30" || t[n-2:] == "45") {
		t = t[:n-6]
	}
	return clocks(t) >= 2 || strings.Contains(s, "から")
}

// clocks counts the clocks in s, "9:14" or "09:14" (digits, a colon, two digits), seconds after one
// ("09:14:05") being part of it.
func clocks(s string) int {
	n := 0
	for i := 1; i+2 < len(s); i++ {
		if s[i] == ':' && isDigit(s[i-1]) && isDigit(s[i+1]) && isDigit(s[i+2]) &&
			!(i >= 3 && s[i-3] == '+' && isDigit(s[i-2])) && !(i >= 2 && s[i-2] == '+') { // +09:00: an offset
			n++
			i += 2
			if i+3 < len(s) && s[i+1] == ':' && isDigit(s[i+2]) && isDigit(s[i+3]) {
				i += 3 // its seconds
			}
		}
	}
	return n
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// Normalize rewrites the date and clock forms Japanese timelines are written in into the ISO ones
// pm's readers of times read, the rest kept as it is: a date "2026/11/20" or "2026年11月20日" (a weekday in
// brackets after it, "(金)", is left out) becomes "2026-11-20", a clock "9時14分" or "9時14分05秒"
// becomes "9:14" or "9:14:05", an hour alone "15時" becomes "15:00" and "9時半" "9:30", and a clock
// after 午前/午後 is written 24-hour ("午後2時40分": "14:40", "午後3時": "15:00", "午前0時5分":
// "0:05"). ok is false, and s comes back, when s starts with none of these.
func Normalize(s string) (string, bool) {
	if !strings.ContainsAny(s, "/年時午") {
		return s, false
	}
	var b strings.Builder
	rest := s
	// an ISO date is taken only before a Japanese clock (2026-12-01 午前9:14, 14時40分): alone, or
	// before a clock of digits, it is the ISO form the readers read as it is
	isoDate := false
	if y, mo, d, after, _, ok := dateWeekday(rest, true); ok && len(rest) > 4 && rest[4] == '-' {
		if a := strings.TrimLeft(after, " \t　"); strings.HasPrefix(a, "午前") || strings.HasPrefix(a, "午後") || strings.Contains(a, "時") {
			b.WriteString(y + "-")
			pad2(&b, mo)
			b.WriteByte('-')
			pad2(&b, d)
			b.WriteByte(' ')
			rest, isoDate = a, true
		}
	}
	if isoDate {
		// the date is written; the clock is read below
	} else if y, mo, d, after, ok := date(rest); ok {
		b.WriteString(y)
		b.WriteByte('-')
		pad2(&b, mo)
		b.WriteByte('-')
		pad2(&b, d)
		b.WriteByte(' ')
		rest = strings.TrimLeft(after, " \t　")
	}
	// 午前/午後: the 12-hour clock as Japanese writes it, 0 to 11 (午前0時 is midnight, 午後0時 noon),
	// written as the 24-hour one
	pm := -1
	if after, ok := strings.CutPrefix(rest, "午前"); ok {
		pm, rest = 0, strings.TrimLeft(after, " \t　")
	} else if after, ok := strings.CutPrefix(rest, "午後"); ok {
		pm, rest = 12, strings.TrimLeft(after, " \t　")
	}
	hour := func(h string) (string, bool) {
		if pm < 0 {
			return h, true
		}
		n := 0
		for _, c := range h {
			n = n*10 + int(c-'0')
		}
		if n > 11 { // 午前12時 and 午後12時 are read as noon or as midnight by different writers: neither
			return "", false
		}
		return strconv.Itoa(n%12 + pm), true
	}
	clock := false
	if h, after, ok := cutNumber(rest, 2); ok && strings.HasPrefix(after, "時") {
		after = after[len("時"):]
		m, hasMinutes := "", false
		mm, after2, digits := cutNumber(after, 2)
		switch {
		case digits && strings.HasPrefix(after2, "分"):
			m, rest, hasMinutes = mm, after2[len("分"):], true
		case digits, strings.HasPrefix(after, "間"):
			// "15時00", digits with no 分 after them, and 9時間, hours that passed: no clock
		case strings.HasPrefix(after, "半"):
			m, rest = "30", after[len("半"):] // 9時半: half past
		default:
			m, rest = "00", after // 15時, 午後3時: the hour itself
		}
		if m != "" {
			if h, ok = hour(h); !ok {
				return s, false
			}
			b.WriteString(h)
			b.WriteByte(':')
			pad2(&b, m)
			if sec, after, ok := cutNumber(rest, 2); hasMinutes && ok && strings.HasPrefix(after, "秒") {
				b.WriteByte(':')
				pad2(&b, sec)
				rest = after[len("秒"):]
			}
			clock = true
		}
	} else if pm >= 0 {
		// 午後2:40: the clock as written, up to its end
		if h, after, ok := cutNumber(rest, 2); ok && strings.HasPrefix(after, ":") {
			if m, after, ok := cutNumber(after[1:], 2); ok && len(m) == 2 {
				if h, ok = hour(h); !ok {
					return s, false
				}
				b.WriteString(h + ":" + m)
				rest = after
				if sec, after2, ok := cutNumber(strings.TrimPrefix(rest, ":"), 2); strings.HasPrefix(rest, ":") && ok && len(sec) == 2 {
					b.WriteString(":" + sec)
					rest = after2
				}
				clock = true
			}
		}
	}
	if pm >= 0 && !clock {
		return s, false // 午後 with no clock after it
	}
	if clock && rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		b.WriteByte(' ') // "9時14分JST"
	}
	if b.Len() == 0 {
		return s, false
	}
	b.WriteString(rest)
	return b.String(), true
}

// date reads "2026/11/20", "2026年11月20日" or "2026-11-20", and a weekday in brackets after it
// ("(金)", "（金）").
func date(s string) (y, mo, d, after string, ok bool) {
	y, mo, d, after, _, ok = dateWeekday(s, false)
	return y, mo, d, after, ok
}

// dateWeekday is date, and the weekday's character when one is written (0 when none).
func dateWeekday(s string, iso bool) (y, mo, d, after string, wd rune, ok bool) {
	y, rest, ok := cutNumber(s, 4)
	if !ok || len(y) != 4 {
		return "", "", "", "", 0, false
	}
	sep1, sep2, end := "/", "/", ""
	switch {
	case strings.HasPrefix(rest, "年"):
		sep1, sep2, end = "年", "月", "日"
	case iso && strings.HasPrefix(rest, "-"):
		sep1, sep2 = "-", "-" // an ISO date before a Japanese clock: 2026-12-01 午前9:14
	}
	if !strings.HasPrefix(rest, sep1) {
		return "", "", "", "", 0, false
	}
	if mo, rest, ok = cutNumber(rest[len(sep1):], 2); !ok || !strings.HasPrefix(rest, sep2) {
		return "", "", "", "", 0, false
	}
	if d, rest, ok = cutNumber(rest[len(sep2):], 2); !ok || !strings.HasPrefix(rest, end) {
		return "", "", "", "", 0, false
	}
	rest = rest[len(end):]
	// a weekday: "(金)", "（金）", "(金曜日)"
	for _, br := range [][2]string{{"(", ")"}, {"（", "）"}} {
		inner, after, found := strings.Cut(strings.TrimLeft(rest, " "), br[1])
		if day, isBr := strings.CutPrefix(inner, br[0]); isBr && found && isWeekday(day) {
			rest = after
			wd, _ = utf8.DecodeRuneInString(day)
			break
		}
	}
	return y, mo, d, rest, wd, true
}

func isWeekday(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	if !strings.ContainsRune("月火水木金土日", r) {
		return false
	}
	switch s[n:] {
	case "", "曜", "曜日":
		return true
	}
	return false
}

// cutNumber cuts the ASCII digits s starts with, at most max of them.
func cutNumber(s string, max int) (num, rest string, ok bool) {
	i := 0
	for i < len(s) && i < max && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	return s[:i], s[i:], i > 0
}

func pad2(b *strings.Builder, n string) {
	if len(n) == 1 {
		b.WriteByte('0')
	}
	b.WriteString(n)
}

// Day rewrites a date alone, "2026/11/20" or "2026年11月20日" (a weekday in brackets after it left
// out), as "2026-11-20"; ok is false for anything else.
func Day(s string) (string, bool) {
	y, mo, d, after, ok := date(strings.TrimSpace(s))
	if !ok || strings.TrimSpace(after) != "" {
		return "", false
	}
	var b strings.Builder
	b.WriteString(y)
	b.WriteByte('-')
	pad2(&b, mo)
	b.WriteByte('-')
	pad2(&b, d)
	return b.String(), true
}

// Weekday returns the weekday written in brackets after the date s starts with ("2026年9月3日(木)"
// is a Thursday), ok false when there is none: a reader checks it against the date, since one of
// the two is a typo when they disagree.
func Weekday(s string) (wd time.Weekday, ok bool) {
	_, _, _, _, r, isDate := dateWeekday(strings.TrimSpace(s), false)
	if !isDate || r == 0 {
		return 0, false
	}
	for i, w := range []rune("日月火水木金土") {
		if w == r {
			return time.Weekday(i), true
		}
	}
	return 0, false
}

// FoldWidth writes the full-width forms of ASCII a Japanese input method types (９：１４, ＪＳＴ,
// ＋０９：００) as ASCII, and the ideographic space as a space, so that a time is read whichever
// width it was typed in. Other characters, katakana among them, stay as they are. s is returned as
// it is when it holds none.
func FoldWidth(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r == '\u3000' || (r >= 0xFF01 && r <= 0xFF5E) }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\u3000':
			return ' '
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFEE0
		}
		return r
	}, s)
}
