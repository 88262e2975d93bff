package lint

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/jatime"
	"github.com/pm-tools/pm/pkg/internal/rfc3339"
	"github.com/pm-tools/pm/pkg/internal/zonenames"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// timelineEntry is one row of the Timeline table with its time parsed.
type timelineEntry struct {
	postmortem.TimelineRow
	At  time.Time
	Err i18n.Msg // why the time does not parse; ID "" when it does
	// Date is the row's Date column cell when Err is about it (no day, or a weekday not its own):
	// the finding points at it and quotes it, not the time beside it
	Date *postmortem.Cell
}

// zones keeps the zones parseZone made, by what was written: a timeline names one zone on every
// row, and making it anew (time.FixedZone, or reading the zone database for "Asia/Tokyo") was an
// allocation or a file read per row.
var zones sync.Map // string → *time.Location

// parseZone reads "UTC", "JST", "Z", "+09:00", "+0900", "UTC+9", "Asia/Tokyo"; ok=false when there
// is no zone.
func parseZone(s string) (*time.Location, bool, bool) {
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(jatime.FoldWidth(s)), "()（）"))
	if s == "" {
		return nil, false, true
	}
	if loc, ok := zones.Load(s); ok {
		return loc.(*time.Location), true, true
	}
	loc, ok := makeZone(s)
	if !ok {
		return nil, false, false
	}
	if len(s) <= 64 { // what a zone is written as; anything longer is not kept
		zones.Store(s, loc)
	}
	return loc, true, true
}

// makeZone makes the zone s names (see parseZone).
func makeZone(s string) (*time.Location, bool) {
	up := strings.ToUpper(s)
	if off, ok := zonenames.Offset(up); ok {
		return time.FixedZone(up, off), true
	}
	if name, ok := zonenames.Region(up); ok {
		loc, err := time.LoadLocation(name)
		return loc, err == nil
	}
	if sign, hours, minutes, ok := matchOffset(up); ok {
		h := atoi(hours)
		mins := 0
		if minutes != "" {
			mins = atoi(minutes)
		}
		off := h*3600 + mins*60
		if sign == "-" {
			off = -off
		}
		if h > 14 || mins > 59 {
			return nil, false
		}
		return time.FixedZone(up, off), true
	}
	if !strings.Contains(s, "/") { // a name of the zone database, not looked up otherwise
		return nil, false
	}
	loc, err := time.LoadLocation(s)
	return loc, err == nil
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// meridiem reads "AM" or "PM" (any case, with or without dots) at the start of rest, returning the
// hours to add to a 12-hour clock's hour (0 or 12) and what follows it.
func meridiem(rest string) (add int, after string, ok bool) {
	word, after, _ := strings.Cut(strings.TrimSpace(rest)+" ", " ")
	switch strings.ToUpper(strings.ReplaceAll(word, ".", "")) {
	case "AM":
		return 0, after, true
	case "PM":
		return 12, after, true
	}
	return 0, rest, false
}

// typedSuffix is the end of the cell as typed that folded, the end of the cell as pm read it, is:
// FoldWidth writes each character as one, so the same number of characters of the typed cell
// ("ＸＴ", not "XT"). folded is returned when it is not an end of read.
func typedSuffix(typed, read, folded string) string {
	if !strings.HasSuffix(read, folded) {
		return folded
	}
	n := utf8.RuneCountInString(folded)
	i := len(typed)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(typed[:i])
		i -= size
	}
	return typed[i:]
}

// approximatePrefix says whether s is a time that parses once an approximate mark before its clock
// (約, about), at its start or after its date, is taken off: such a time is approximate, not an
// unreadable one.
func approximatePrefix(s string) bool {
	lower := strings.ToLower(s)
	if len(lower) != len(s) {
		return false
	}
	for _, m := range jatime.ApproximatePrefixes {
		i := strings.Index(lower, m)
		if i < 0 || i+len(m) >= len(s) {
			continue
		}
		rest := strings.TrimSpace(s[:i]) + " " + strings.TrimSpace(s[i+len(m):])
		rest = strings.TrimSpace(rest)
		if _, _, _, _, _, ok := matchClock(rest); ok {
			return true
		}
		if t, ok := jatime.Normalize(rest); ok {
			if _, _, _, _, _, ok := matchClock(t); ok {
				return true
			}
		}
	}
	return false
}

// rangeMarks start a range when they follow a clock: 09:10–09:12, 9:20～9:25 (read as ~), 9時20分から.
var rangeMarks = []string{"-", "‐", "–", "—", "―", "−", "~", "〜", "から", "to ", "until ", "till "}

// approximateOrRange says whether what follows a clock, where a zone was looked for, marks the time
// approximate or the start of a range (a second clock in it, a dash or a tilde before it): the
// writer gave no one time, and naming that text a time zone would send them looking for a zone.
func approximateOrRange(after string) bool {
	after = strings.TrimSpace(after)
	for _, m := range jatime.ApproximateMarks {
		if strings.Contains(after, m) {
			return true
		}
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(after), func(r rune) bool {
		return !('a' <= r && r <= 'z')
	}) {
		if slices.Contains(jatime.ApproximateWords, w) {
			return true
		}
	}
	for _, m := range rangeMarks {
		if strings.HasPrefix(strings.ToLower(after), m) {
			return true
		}
	}
	// a second clock: "UTC to 09:12 UTC", "から9時25分"
	for i := 1; i+1 < len(after); i++ {
		if c := after[i]; (c == ':' || strings.HasPrefix(after[i:], "時")) && isDigit(after[i-1]) {
			next := i + 1
			if c != ':' {
				next = i + len("時")
			}
			if next < len(after) && isDigit(after[next]) {
				return true
			}
		}
	}
	return false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// mayBeRFC3339 reports whether s has the shape every time time.Parse reads as RFC 3339 has (a
// four-digit year, two-digit month and day, "T" and at least "1:04:05Z": it takes a one-digit hour),
// so that a clock alone is not tried as one: a failed time.Parse builds its error.
func mayBeRFC3339(s string) bool {
	return len(s) >= len("2006-01-02T1:04:05Z") && s[4] == '-' && s[7] == '-' && s[10] == 'T'
}

// parseTimelineTime parses a timeline time: a date and time, or a time of day alone (dated is then
// false) on date. The clock is 24-hour, or 12-hour with AM or PM after it. headerZone is a zone
// named in the column header ("Time (UTC)").
func parseTimelineTime(s string, date time.Time, headerZone *time.Location) (at time.Time, dated bool, why i18n.Msg) {
	typed := strings.TrimSpace(s)
	s = strings.TrimSpace(jatime.FoldWidth(s)) // ９：１４ ＪＳＴ as typed full width: 9:14 JST
	if s == "" {
		return time.Time{}, true, i18n.M("timeline.no-time")
	}
	if mayBeRFC3339(s) {
		t, err := rfc3339.Parse(s)
		if err == nil {
			return t, true, i18n.Msg{}
		}
		if errors.Is(err, rfc3339.ErrOffset) { // +09:60, +24:00: no zone, not a range
			return time.Time{}, true, i18n.M("timeline.zone", s[len(s)-6:])
		}
	}
	day, hour, minutes, seconds, rest, matched := matchClock(s)
	japanese := false
	if !matched {
		if t, ok := jatime.Normalize(s); ok { // 2026/11/20 9:14, 2026年11月20日 9時14分
			day, hour, minutes, seconds, rest, matched = matchClock(t)
			japanese = matched
		}
	}
	if !matched {
		if approximatePrefix(s) { // 約9時14分 JST: a time, but not one time
			return time.Time{}, true, i18n.M("timeline.approximate")
		}
		return time.Time{}, true, i18n.M("timeline.not-time")
	}
	pm, zone, twelve := meridiem(rest)
	loc, hasZone, ok := parseZone(zone)
	if !ok {
		if approximateOrRange(zone) {
			// "9:14頃", "09:10–09:12 UTC": what follows the clock is no zone pm failed to know
			return time.Time{}, true, i18n.M("timeline.approximate")
		}
		// the zone as written, the AM or PM before it left out ("9:45 AM ET": ET)
		return time.Time{}, true, i18n.M("timeline.zone", typedSuffix(typed, s, strings.TrimSpace(zone)))
	}
	if !hasZone {
		if headerZone == nil {
			return time.Time{}, true, i18n.M("timeline.no-zone")
		}
		loc = headerZone
	}
	y, mo, d := date.Date()
	if day != "" {
		dt, err := time.Parse("2006-01-02", day)
		if err != nil {
			return time.Time{}, true, i18n.M("timeline.bad-date", day)
		}
		if japanese {
			if msg := weekdayMismatchAt(s, dt); msg.ID != "" {
				return time.Time{}, true, msg
			}
		}
		y, mo, d = dt.Date()
	}
	h, mi, sec := atoi(hour), atoi(minutes), 0
	if seconds != "" {
		sec = atoi(seconds)
	}
	if twelve {
		if h < 1 || h > 12 {
			return time.Time{}, true, i18n.M("timeline.bad-clock")
		}
		h = h%12 + pm // 12:05 AM is 00:05, 12:05 PM is 12:05
	}
	if h > 23 || mi > 59 || sec > 60 {
		return time.Time{}, true, i18n.M("timeline.bad-clock")
	}
	return time.Date(y, mo, d, h, mi, sec, 0, loc), day != "", i18n.Msg{}
}

// timeline parses the times of the Timeline tables once per document; nil when there is no table.
func (c *Context) timeline() []timelineEntry {
	if !c.timelineRead {
		c.timelineEntries = c.readTimeline()
		c.timelineRead = true
	}
	return c.timelineEntries
}

func (c *Context) readTimeline() []timelineEntry {
	tables := c.Content.TimelineTables()
	if len(tables) == 0 {
		return nil
	}
	date := c.Doc.Fields.IncidentDate
	var out []timelineEntry
	var last time.Time // the last time read
	// A zone named in the section's heading ("## Timeline (JST)", "## Timeline: UTC", "## タイムライン
	// （時刻はすべて日本時間）") is the zone of a table whose time column's header names none.
	var headingZone *time.Location
	if s := c.Content.Section("timeline"); s != nil {
		if loc, has, ok := parseZone(zonenames.InHeading(s.Title)); ok && has {
			headingZone = loc
		}
	}
	// A timeline split among tables (one per day, say) reads as one: a time of day alone carries on
	// from the last date seen, in the table above as in its own.
	for _, t := range tables {
		var headerZone *time.Location
		unknown := "" // what the header has in parentheses, when it is no zone pm knows
		if i := strings.IndexAny(t.TimeHeader, "(（"); i >= 0 {
			if loc, has, ok := parseZone(t.TimeHeader[i:]); ok && has {
				headerZone = loc
			} else if !ok {
				unknown = strings.TrimSpace(t.TimeHeader[i:])
			}
		}
		if headerZone == nil && unknown == "" {
			headerZone = headingZone
		}
		for i, row := range t.Rows {
			e := timelineEntry{TimelineRow: row}
			var dated bool
			day := date
			if t.DateColumn >= 0 {
				cell := t.Table.Get(t.Table.Rows[i], t.DateColumn)
				if text := strings.TrimSpace(cell.Text); text != "" {
					// the Date column's day, for a time of day beside it; an empty cell carries on
					// from the day above, and one that is no day is said to be none
					d, ok := parseDay(text)
					if !ok {
						e.Err = i18n.M("timeline.bad-date-cell")
					} else if msg := weekdayMismatch(d); msg.ID != "" {
						e.Err = msg
					}
					if e.Err.ID != "" {
						e.Date = &cell
						out = append(out, e)
						continue
					}
					day, dated = d.Day, true
				}
			}
			var timeDated bool
			e.At, timeDated, e.Err = parseTimelineTime(e.Time.Text, day, headerZone)
			dated = dated || timeDated
			if e.Err.ID == "timeline.no-zone" && unknown != "" {
				e.Err = i18n.M("timeline.no-zone-header", unknown)
			}
			if e.Err.ID != "" {
				out = append(out, e)
				continue
			}
			// A time of day alone more than 12 hours before the last one is the next day's: the
			// timeline crossed midnight.
			if !dated && !last.IsZero() && e.At.Before(last.Add(-12*time.Hour)) {
				e.At = e.At.AddDate(0, 0, 1)
			}
			date, last = e.At, e.At // a later time of day alone belongs to the last date seen
			out = append(out, e)
		}
	}
	return out
}

// TimelineTimes are the times of the first Timeline table's rows as the timeline rules read them (a
// Date column's day, a time of day after midnight on the next day, "2:00 PM", the zones of header
// and heading), one per row, zero for a row they cannot read; nil without a Timeline table. pm
// timeline import merges its rows among them, so that lint then finds them in order.
func (l *Linter) TimelineTimes(doc *postmortem.Doc) []time.Time {
	c := &Context{Doc: doc, Content: doc.Content(), linter: l, lang: l.opts.Lang}
	tables := c.Content.TimelineTables()
	if len(tables) == 0 || c.Content.AST == nil {
		return nil
	}
	entries := c.readTimeline()
	out := make([]time.Time, len(tables[0].Rows))
	for i := range out {
		if i < len(entries) && entries[i].Err.ID == "" {
			out[i] = entries[i].At
		}
	}
	return out
}
