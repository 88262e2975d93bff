// Package zonenames is the one list of the zone abbreviations pm reads after a time: in a
// timeline's rows and header (pm lint's timeline-time rule) and in what pm timeline import reads, so
// that a time the import writes is one the lint reads, and the other way round.
package zonenames

import (
	"strings"

	"github.com/pm-tools/pm/pkg/internal/lazy"
)

// offsets are the abbreviations people write after a time with one offset, in seconds east of UTC.
// Ambiguous ones are read as the postmortems that use them mean them: CST as US Central, IST as
// India, BST as British Summer Time.
var offsets = lazy.Value[map[string]int]{New: func() map[string]int {
	return map[string]int{
		"UTC": 0, "GMT": 0, "Z": 0, "JST": 9 * 3600, "KST": 9 * 3600, "CST": -6 * 3600, "CDT": -5 * 3600,
		"EST": -5 * 3600, "EDT": -4 * 3600, "MST": -7 * 3600, "MDT": -6 * 3600, "PST": -8 * 3600, "PDT": -7 * 3600,
		"CET": 3600, "CEST": 2 * 3600, "BST": 3600, "IST": 5*3600 + 1800, "SGT": 8 * 3600, "HKT": 8 * 3600,
		"AEST": 10 * 3600, "AEDT": 11 * 3600, "WET": 0, "WEST": 3600, "EET": 2 * 3600, "EEST": 3 * 3600,
		"MSK": 3 * 3600,
		// Japan's time as a Japanese text names it, 日本時間 as the template's customer message does
		"日本時間": 9 * 3600, "日本標準時": 9 * 3600,
	}
}}

// regions are the names of a region's time, summer or winter as the date has it, with the zone of
// the zone database that keeps it: "09:35 PT" is Pacific Daylight Time in July and Standard Time in
// December, as a reader of the postmortem takes it.
var regions = lazy.Value[map[string]string]{New: func() map[string]string {
	return map[string]string{
		"PT": "America/Los_Angeles", "MT": "America/Denver", "CT": "America/Chicago", "ET": "America/New_York",
	}
}}

// Offset returns the offset (seconds east of UTC) an abbreviation names, in any case.
func Offset(abbrev string) (int, bool) {
	off, ok := offsets.Get()[strings.ToUpper(abbrev)]
	return off, ok
}

// Region returns the zone database's name for a region's time (PT, MT, CT, ET), in any case.
func Region(abbrev string) (string, bool) {
	name, ok := regions.Get()[strings.ToUpper(abbrev)]
	return name, ok
}
