// Package posixtz reads a TZ variable written as a POSIX rule ("JST-9", "UTC+3",
// "<+0530>-5:30", "EST5EDT,M3.2.0,M11.1.0"), which C's localtime, and so git, honour and Go's
// time package does not: Go falls back to UTC for a TZ that names no zone file.
package posixtz

import (
	"encoding/binary"
	"time"
)

// Local returns the zone that tz describes as a POSIX rule, and false when it is not one (then Go's
// own reading of TZ stands). The rule is handed to Go's zone code as the footer of a zone file
// with no transitions, which Go applies to every instant.
func Local(tz string) (*time.Location, bool) {
	if len(tz) > 0 && tz[0] == ':' || tz == "" || len(tz) > 255 {
		return nil, false // ":name" names a file, as Go reads it
	}
	loc, err := time.LoadLocationFromTZData(tz, tzif(tz))
	if err != nil {
		return nil, false
	}
	// A rule Go cannot read leaves the file's one zone, named "-": not a rule.
	for _, t := range []time.Time{time.Unix(1767225600, 0), time.Unix(1782864000, 0)} { // January and July 2026
		if name, _ := t.In(loc).Zone(); name == "-" {
			return nil, false
		}
	}
	return loc, true
}

// tzif is a zone file (RFC 8536, version 2) with one zone type, named "-", no transitions and the
// footer rule.
func tzif(rule string) []byte {
	header := func(b []byte) []byte {
		b = append(b, "TZif2"...)
		b = append(b, make([]byte, 15)...)
		// isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
		for _, n := range []uint32{0, 0, 0, 0, 1, 2} {
			b = binary.BigEndian.AppendUint32(b, n)
		}
		// the one zone type: offset 0, not DST, abbreviation at index 0; its abbreviation "-\x00"
		b = append(b, 0, 0, 0, 0, 0, 0)
		return append(b, '-', 0)
	}
	var b []byte
	b = header(b) // version 1 data
	b = header(b) // version 2 data (no 64-bit times to give either)
	b = append(b, '\n')
	b = append(b, rule...)
	return append(b, '\n')
}
