package zonenames

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/pm-tools/pm/pkg/internal/jatime"
)

// InHeading returns the zone a section's heading names in the note after the section's name, as
// written there ("UTC", "JST", "日本時間", "UTC+9", "Asia/Tokyo"): in parentheses ("Timeline (JST)",
// "Timeline (all times JST)", "タイムライン（時刻はすべて日本時間）") or past a colon or a dash
// ("Timeline: UTC", "Timeline - all times UTC", "タイムライン：JST"). It is "" when the note names
// no zone, or two that differ: a word there that is no zone names none. Every command that reads a
// timeline's times reads the heading's zone here, so that pm lint, pm timeline import and pm
// meeting agree on it.
func InHeading(title string) string {
	s := jatime.FoldWidth(title) // （ＪＳＴ） and ：as typed full width
	i := strings.IndexAny(s, "(:-–—")
	if i < 0 {
		return ""
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	words := noteWords(s[i+size:])
	if len(words) == 1 {
		// the whole note is the zone ("(utc)", "(Z)"), in any case, as after a time
		if _, ok := zoneKey(words[0]); ok {
			return words[0]
		}
		return ""
	}
	zone, key := "", ""
	for _, w := range words {
		k, ok := zoneKey(w)
		if !ok || !zoneAmongWords(w) {
			continue
		}
		if key != "" && k != key {
			return "" // two zones: which one the times are in is not said
		}
		if zone == "" {
			zone, key = w, k
		}
	}
	return zone
}

// noteWords splits a heading's note into the words a zone may be: runs of the ASCII characters a
// zone is written with (letters, digits, "+", "-", ":", "/", "_"), and, in Japanese text, a name of
// Japan's time wherever it stands (時刻はすべて日本時間: 日本時間).
func noteWords(note string) []string {
	var words []string
	start := -1
	flush := func(end int) {
		if start >= 0 {
			if w := strings.Trim(note[start:end], ":-"); w != "" {
				words = append(words, w)
			}
			start = -1
		}
	}
	for i, r := range note {
		if r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("+-:/_", r)) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(note))
	for _, name := range japaneseNames {
		if strings.Contains(note, name) {
			words = append(words, name)
		}
	}
	return words
}

// japaneseNames are the names of offsets that are written in Japanese, found inside a Japanese
// note without spaces around them.
var japaneseNames = []string{"日本標準時", "日本時間"}

// zoneAmongWords reports whether w, one word among others in a heading's note, is written as a zone
// is rather than as a word of the sentence: an abbreviation in capitals ("all times UTC", not "est."
// or "West"), other than the bare "Z"; an offset with its minutes or after UTC or GMT ("+09:00",
// "UTC+9", not "+1"); a zone database name; Japan's time in Japanese.
func zoneAmongWords(w string) bool {
	switch {
	case !isASCII(w):
		return true
	case strings.Contains(w, "/"):
		return true
	case strings.ContainsAny(w, "+-"):
		up := strings.ToUpper(w)
		return strings.HasPrefix(up, "UTC") || strings.HasPrefix(up, "GMT") || len(w) >= len("+0900")
	}
	return w == strings.ToUpper(w) && w != "Z"
}

// zoneKey reads w as a zone, returning what tells two zones apart (the offset, the region's or the
// zone database's name), so that "JST" and "日本時間" in one note are one zone.
func zoneKey(w string) (string, bool) {
	up := strings.ToUpper(w)
	if off, ok := Offset(up); ok {
		return strconv.Itoa(off), true
	}
	if name, ok := Region(up); ok {
		return name, true
	}
	if off, ok := offset(up); ok {
		return strconv.Itoa(off), true
	}
	if !strings.Contains(w, "/") { // only an Area/Location name is looked up
		return "", false
	}
	loc, err := time.LoadLocation(w)
	if err != nil {
		return "", false
	}
	return loc.String(), true
}

// offset reads "+09:00", "+0900", "-5", "UTC+9", "GMT-05:00" (in capitals) as seconds east of UTC.
func offset(s string) (int, bool) {
	if strings.HasPrefix(s, "UTC") || strings.HasPrefix(s, "GMT") {
		s = s[3:]
	}
	if len(s) < 2 || s[0] != '+' && s[0] != '-' {
		return 0, false
	}
	sign, s := s[0], s[1:]
	hours, minutes, colon := strings.Cut(s, ":")
	if !colon && len(s) > 2 {
		hours, minutes = s[:len(s)-2], s[len(s)-2:]
	}
	h, err := strconv.Atoi(hours)
	if err != nil || len(hours) > 2 || h > 14 || strings.ContainsAny(hours, "+-") {
		return 0, false
	}
	m := 0
	if minutes != "" || colon {
		if len(minutes) != 2 || strings.ContainsAny(minutes, "+-") {
			return 0, false
		}
		if m, err = strconv.Atoi(minutes); err != nil || m > 59 {
			return 0, false
		}
	}
	off := h*3600 + m*60
	if sign == '-' {
		off = -off
	}
	return off, true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
