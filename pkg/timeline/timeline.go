// Package timeline reads incident records (a Slack export, PagerDuty log entries, a CSV file) into
// timeline events that pm writes into a postmortem's Timeline table.
package timeline

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/jatime"
	"github.com/pm-tools/pm/pkg/internal/lazy"
	"github.com/pm-tools/pm/pkg/internal/rfc3339"
	"github.com/pm-tools/pm/pkg/internal/zonenames"
)

// Event is one thing that happened, read from a record: when, what, and where to check it.
type Event struct {
	At       time.Time
	Text     string // plain text on one line
	Link     string // the record's address ("" when there is none)
	LinkText string // the words of the Data Link cell ("Slack #inc-checkout", "PagerDuty")
}

// Window is the span of time an import keeps: From included, To excluded; a zero end is open.
type Window struct {
	From, To time.Time
	// Outside, when set, counts the records Take leaves out: a file made by hand (a CSV, an
	// export) whose rows fall outside the window is told so, not taken as empty.
	Outside *int
}

// Contains reports whether t is in the window.
func (w Window) Contains(t time.Time) bool {
	return (w.From.IsZero() || !t.Before(w.From)) && (w.To.IsZero() || t.Before(w.To))
}

// Take is Contains, counting what it leaves out in Outside.
func (w Window) Take(t time.Time) bool {
	if w.Contains(t) {
		return true
	}
	if w.Outside != nil {
		*w.Outside++
	}
	return false
}

// MaxText is the most characters of a message a timeline row keeps: a row is a summary with a link
// to the whole message, and a pasted stack trace would make the table unreadable.
const MaxText = 280

// OneLine makes s fit a table cell's text: line breaks, control characters and runs of spaces
// become one space, and text past MaxText characters is cut with an ellipsis.
func OneLine(s string) string {
	// control characters (an escape sequence pasted into a message) would act on a terminal that
	// shows the file: they go, as line breaks do
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return clip(strings.Join(strings.Fields(s), " "))
}

// maxTextRunes bounds the code points of a row's text: a grapheme cluster has no length limit (a
// letter may carry any number of combining marks), so MaxText clusters alone bound nothing.
const maxTextRunes = 4 * MaxText

// clip cuts s to MaxText characters (grapheme clusters: what a reader counts as one, such as 👩‍👩‍👧‍👦 or
// é written as e and an accent) and maxTextRunes code points, the last character an ellipsis when
// it had to cut. It cuts between clusters only: a cut inside one leaves half an emoji sequence, or
// a letter without one of its accents.
func clip(s string) string {
	if len(s) <= MaxText { // no more clusters or code points than bytes
		return s
	}
	clusters, runes, keep := 0, 0, 0 // keep: the bytes that fit with room for the ellipsis
	state := -1
	for off := 0; off < len(s); {
		var c string
		c, _, _, state = uniseg.FirstGraphemeClusterInString(s[off:], state)
		clusters++
		runes += utf8.RuneCountInString(c)
		if clusters > MaxText || runes > maxTextRunes {
			return strings.TrimSpace(s[:keep]) + "…"
		}
		off += len(c)
		if clusters < MaxText && runes < maxTextRunes {
			keep = off
		}
	}
	return s
}

var (
	clockRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp {
		return regexp.MustCompile(`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[T ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(.*)$`)
	}}
	offsetRE = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$`) }}
)

// namedZones keeps the zones of the zone database parseZone loaded, by name: a file names one zone
// on every row, and loading it is a file read.
var namedZones sync.Map // string → *time.Location

// parseZone reads a zone as pm lint's timeline-time rule reads one: an abbreviation (UTC, JST, Z),
// an offset (+09:00, +0900, UTC+9) or a name of the zone database (Asia/Tokyo, as written: the
// database's names are case-sensitive). Parentheses around it are left out. ok is false when s is
// none of these.
func parseZone(s string) (loc *time.Location, ok bool) {
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(jatime.FoldWidth(s)), "()（）"))
	up := strings.ToUpper(s)
	if off, ok := zonenames.Offset(up); ok {
		return time.FixedZone(up, off), true
	}
	if name, ok := zonenames.Region(up); ok {
		s = name // looked up, and kept, below
	}
	if o := offsetRE.Get().FindStringSubmatch(up); o != nil {
		hh, _ := strconv.Atoi(o[2])
		mm := 0
		if o[3] != "" {
			mm, _ = strconv.Atoi(o[3])
		}
		if hh > 14 || mm > 59 {
			return nil, false
		}
		off := hh*3600 + mm*60
		if o[1] == "-" {
			off = -off
		}
		return time.FixedZone("", off), true
	}
	if !strings.Contains(s, "/") { // only an Area/Location name is looked up ("Local" is no zone)
		return nil, false
	}
	if l, ok := namedZones.Load(s); ok {
		return l.(*time.Location), true
	}
	l, err := time.LoadLocation(s)
	if err != nil {
		return nil, false
	}
	if len(s) <= 64 { // what a zone's name is; anything longer is not kept
		namedZones.Store(s, l)
	}
	return l, true
}

// ParseTime reads a time as timelines and CSV files write it: RFC 3339, or a date and a clock
// ("2026-11-20 09:14", "2026/11/20 9:14:05", "2026-11-20 2:14 PM", 24-hour or 12-hour as pm lint
// reads it) followed by an optional zone (UTC, JST, +09:00, UTC+9, Asia/Tokyo).
// A time with no zone is in loc. ok is false when s is none of these.
func ParseTime(s string, loc *time.Location) (time.Time, bool) {
	w, ok := parseTimeWall(s, loc)
	return w.t, ok
}

// wallTime is a time as ParseTime read it, and what it knows of its wall clock: whether s named a
// zone, and whether the clock it named exists in loc (time.Date moves one a daylight saving change
// skips by the change: 02:30 on the day New York's clocks jump is read as 01:30 EST).
type wallTime struct {
	t       time.Time
	zoned   bool
	skipped bool
}

// wallProblem is the error for a time s written without a zone that names no one instant of loc:
// one the clocks skip when summer time starts, or one they pass twice when it ends (which of the
// two is the writer's to say). nil otherwise.
func wallProblem(s string, w wallTime, loc *time.Location) error {
	if w.zoned {
		return nil
	}
	if w.skipped {
		return i18n.Err("csv.skipped-time", strings.TrimSpace(s), loc)
	}
	t := w.t
	wall := t.Format("2006-01-02 15:04:05")
	_, off := t.Zone()
	for _, near := range []time.Time{t.Add(-3 * time.Hour), t.Add(3 * time.Hour)} {
		if _, other := near.In(loc).Zone(); other != off {
			alt := t.Add(time.Duration(off-other) * time.Second)
			if alt.In(loc).Format("2006-01-02 15:04:05") == wall {
				first, second := t, alt
				if alt.Before(t) {
					first, second = alt, t
				}
				return i18n.Err("csv.ambiguous-time", strings.TrimSpace(s), loc,
					first.In(loc).Format("-07:00"), second.In(loc).Format("-07:00"))
			}
		}
	}
	return nil
}

// parseTimeWall is ParseTime, with what it knows of the wall clock s names.
func parseTimeWall(s string, loc *time.Location) (wallTime, bool) {
	s = strings.TrimSpace(jatime.FoldWidth(s)) // ９：１４ ＪＳＴ as typed full width: 9:14 JST
	if t, err := rfc3339.Parse(s); err == nil {
		return wallTime{t: t, zoned: true}, true
	}
	m := clockRE.Get().FindStringSubmatch(s)
	if m == nil {
		if iso, ok := jatime.Normalize(s); ok { // 2026年11月20日 9時14分, as pm lint reads it
			m = clockRE.Get().FindStringSubmatch(iso)
		}
	}
	if m == nil {
		return wallTime{}, false
	}
	n := func(i int) int {
		v, _ := strconv.Atoi(m[i])
		return v
	}
	y, mo, d, h, mi, sec := n(1), n(2), n(3), n(4), n(5), 0
	if m[6] != "" {
		sec = n(6)
	}
	zone, zoned := m[7], false
	// a 12-hour clock, as pm lint reads one: "2:14 PM JST" (AM or PM, any case, dots or none)
	if word, after, _ := strings.Cut(strings.TrimSpace(zone)+" ", " "); word != "" {
		switch strings.ToUpper(strings.ReplaceAll(word, ".", "")) {
		case "AM", "PM":
			if h < 1 || h > 12 {
				return wallTime{}, false
			}
			h %= 12
			if strings.EqualFold(word[:1], "p") {
				h += 12
			}
			zone = after
		}
	}
	if mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60 {
		return wallTime{}, false
	}
	if strings.TrimSpace(strings.Trim(strings.TrimSpace(zone), "()（）")) != "" {
		z, ok := parseZone(zone)
		if !ok {
			return wallTime{}, false
		}
		loc, zoned = z, true
	}
	t := time.Date(y, time.Month(mo), d, h, mi, sec, 0, loc)
	if t.Day() != d { // 2026-02-31 rolled over into March
		return wallTime{}, false
	}
	return wallTime{t: t, zoned: zoned, skipped: t.Hour() != h || t.Minute() != mi}, true
}

// FormatTime writes t as pm writes timeline times: to the minute, in loc, with an explicit offset
// ("2026-11-20 09:14 +09:00"), which pm lint reads without a zone in the column header.
func FormatTime(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("2006-01-02 15:04 -07:00")
}

// ParseWindowTime reads a --from or --to value: RFC 3339, or "YYYY-MM-DD HH:MM" (or a date alone,
// at midnight) in loc.
func ParseWindowTime(s string, loc *time.Location) (time.Time, error) {
	if w, ok := parseTimeWall(s, loc); ok {
		// one a daylight saving change skips or repeats is refused, as in a CSV file: the window
		// would be an hour off
		if err := wallProblem(s, w, loc); err != nil {
			return time.Time{}, err
		}
		return w.t, nil
	}
	if t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(s), loc); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is not a time: want RFC 3339 or YYYY-MM-DD HH:MM", s)
}

// oneLineError keeps an error message on one line, whatever a decoder put in it.
func oneLineError(format string, args ...any) error {
	return &lineError{msg: strings.Join(strings.Fields(fmt.Sprintf(format, args...)), " ")}
}

type lineError struct{ msg string }

func (e *lineError) Error() string { return e.msg }
