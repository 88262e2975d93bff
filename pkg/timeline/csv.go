package timeline

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/csvtext"
	"github.com/pm-tools/pm/pkg/internal/jatime"
	"github.com/pm-tools/pm/pkg/internal/zonenames"
)

// The names a CSV header gives each column, compared without regard to case and to a parenthesised
// suffix ("Time (JST)").
var (
	csvTimeNames  = []string{"time", "timestamp", "when", "date", "datetime", "時刻", "時間", "日時", "タイムスタンプ"}
	csvDateNames  = []string{"date", "day", "日付"}
	csvEventNames = []string{"event", "events", "what", "what happened", "description", "出来事", "内容", "イベント", "事象", "説明"}
	csvLinkNames  = []string{"link", "links", "data link", "data", "source", "url", "evidence", "reference",
		"リンク", "データリンク", "データへのリンク", "出典", "根拠", "参照"}
)

// ReadCSV reads a CSV file whose header row names a time, an event and (optionally) a link column,
// in English or Japanese. A time without a zone is in loc; a header-named zone ("Time (UTC)",
// "Time (Asia/Tokyo)") counts for the column instead, and one ParseTime cannot read is an error.
// name is the file's name, for messages. Rows outside w are left out.
func ReadCSV(r io.Reader, name string, loc *time.Location, w Window) ([]Event, error) {
	data, err := io.ReadAll(&capped{r: r, left: maxCSVFile})
	if isTooLarge(err) {
		return nil, oneLineError("%s: %v", name, err)
	}
	if err != nil {
		return nil, oneLineError("read %s: %v", name, err)
	}
	utf16 := bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF})
	if i := bytes.IndexByte(data, 0); i >= 0 && !utf16 {
		if utf16WithoutMark(data) {
			return nil, fmt.Errorf("%s: %w", name, i18n.Err("csv.utf16-no-bom"))
		}
		return nil, fmt.Errorf("%s: %w", name, i18n.Err("csv.nul", i))
	}
	// a spreadsheet's: UTF-8 with or without a byte-order mark, or UTF-16 ("Unicode text"); its
	// code page's (Shift_JIS) is refused, not read as mangled text
	if data, err = csvtext.Text(data); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, fmt.Errorf("%s: %w", name, i18n.Err("csv.nul", i))
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = csvtext.Comma(data) // a semicolon or a tab where the header has no comma
	cr.FieldsPerRecord = -1
	// spaces before a field are the writer's, not the value's; with tabs between the fields that
	// would swallow an empty field (Go's reader takes the tab after it as leading space), so they
	// are trimmed from each field read instead (get)
	cr.TrimLeadingSpace = cr.Comma != '\t'
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %w", name, i18n.Err("csv.empty"))
	}
	if err != nil {
		return nil, oneLineError("%s: %v", name, err)
	}
	col := func(names []string) int {
		for i, h := range header {
			h = strings.ToLower(strings.TrimSpace(h))
			if j := strings.IndexAny(h, "(（"); j > 0 {
				h = strings.TrimSpace(h[:j])
			}
			for _, n := range names {
				if h == n {
					return i
				}
			}
		}
		return -1
	}
	// A spreadsheet often keeps the day and the time of day apart ("Date,Time (UTC),Event"): the time
	// column is then the one named as a time, and the date column gives its rows their day. A date
	// column alone holds whole times.
	var timeOnly []string
	for _, n := range csvTimeNames {
		if n != "date" {
			timeOnly = append(timeOnly, n)
		}
	}
	ti, di, ei, li := col(timeOnly), col(csvDateNames), col(csvEventNames), col(csvLinkNames)
	if ti < 0 {
		ti, di = di, -1
	}
	if di == ti {
		di = -1
	}
	if ti < 0 || ei < 0 {
		return nil, fmt.Errorf("%s: %w", name, i18n.Err("csv.no-columns"))
	}
	colLoc, ok := ZoneInHeader(header[ti], loc)
	if !ok {
		return nil, fmt.Errorf("%s: %w", name, i18n.Err("csv.header-zone", strings.TrimSpace(header[ti])))
	}
	// the columns the header names: a spreadsheet's export may end it with empty ones ("time,event,")
	named := len(header)
	for named > 0 && strings.TrimSpace(header[named-1]) == "" {
		named--
	}
	var out []Event
	lastDay := "" // the last Date cell written: an empty one carries it on, as pm lint reads a table
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, oneLineError("%s: %v", name, err)
		}
		line, _ := cr.FieldPos(0)
		if extra := strings.Join(rec[min(named, len(rec)):], ""); strings.TrimSpace(extra) != "" {
			// an event with an unquoted comma ("rolled back, then paged") would lose what follows it
			return nil, fmt.Errorf("%s:%d: %w", name, line, i18n.Err("csv.fields", len(rec), named))
		}
		get := func(i int) string {
			if i >= 0 && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if strings.Join(rec, "") == "" {
			continue
		}
		day := get(di)
		if day == "" {
			day = lastDay
		} else {
			lastDay = day
		}
		written := get(ti)
		wt, ok := parseTimeWall(written, colLoc)
		if !ok && day != "" {
			written = day + " " + get(ti)
			wt, ok = parseTimeWall(written, colLoc) // the date column's day, the time of day here
		}
		// a time a daylight saving change skips or repeats names no one instant: refused where it
		// could be in the window (the other reading is an hour away), as pm meeting --at refuses it
		near := w.Contains(wt.t) || w.Contains(wt.t.Add(time.Hour)) || w.Contains(wt.t.Add(-time.Hour))
		if ok && near {
			if err := wallProblem(written, wt, colLoc); err != nil {
				return nil, fmt.Errorf("%s:%d: %w", name, line, err)
			}
		}
		at := wt.t
		if !ok {
			what := get(ti)
			if day != "" {
				what = day + " " + get(ti)
			}
			if jatime.Approximate(what) { // 9時14分頃, about 09:14, 9:20~9:25: said as pm lint says it
				return nil, fmt.Errorf("%s:%d: %w", name, line, i18n.Err("csv.approximate-time", what))
			}
			return nil, fmt.Errorf("%s:%d: %w", name, line, i18n.Err("csv.not-time", what))
		}
		text := OneLine(get(ei))
		if text == "" {
			return nil, fmt.Errorf("%s:%d: %w", name, line, i18n.Err("csv.empty-event"))
		}
		if !w.Take(at) {
			continue
		}
		ev := Event{At: at, Text: text}
		if l := get(li); l != "" {
			ev.Link, ev.LinkText = csvLink(l, name)
		}
		out = append(out, ev)
	}
	return out, nil
}

// csvLink reads a link cell: a URL (labelled by its host) or anything else, kept as the cell's text.
func csvLink(s, file string) (link, text string) {
	if isWebURL(s) {
		u, _ := url.Parse(s)
		return s, u.Hostname()
	}
	return "", OneLine(s) + " (" + filepath.Base(file) + ")"
}

// ZoneInHeading reads the zone a section's heading names after the section's name, as pm lint
// reads it (zonenames.InHeading: "## Timeline (JST)", "## Timeline: UTC", "## タイムライン（時刻は
// すべて日本時間）"): loc when it names none.
func ZoneInHeading(title string, loc *time.Location) *time.Location {
	if z, ok := parseZone(zonenames.InHeading(title)); ok {
		return z
	}
	return loc
}

// ZoneInHeader reads the zone a header names in parentheses ("Time (UTC)", "時刻（JST）",
// "Time (Asia/Tokyo)"), as ParseTime reads a zone after a time: loc when it names none, ok false when
// it names one pm cannot read, which would put every row of the column hours off.
func ZoneInHeader(h string, loc *time.Location) (zone *time.Location, ok bool) {
	i := strings.IndexAny(h, "(（")
	if i < 0 || strings.TrimSpace(strings.Trim(strings.TrimSpace(h[i:]), "()（）")) == "" {
		return loc, true
	}
	return parseZone(h[i:])
}

// isWebURL reports whether s is a web address a row may link to: http or https, with a host, and
// no spaces.
func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && !strings.ContainsAny(s, " \t")
}

// utf16WithoutMark reports whether data looks like UTF-16 text written without a byte-order mark:
// in its first kilobyte, NUL bytes (the high bytes of ASCII characters: commas, digits, line ends)
// all at odd offsets (little-endian) or all at even ones (big-endian), a quarter of them or more.
func utf16WithoutMark(data []byte) bool {
	data = data[:min(len(data), 1024)]
	if len(data) < 4 {
		return false
	}
	var nul [2]int
	for i, b := range data {
		if b == 0 {
			nul[i%2]++
		}
	}
	// one parity only, and often: a stray NUL in a text file is not the pattern
	half := len(data) / 2
	return nul[0] == 0 && 4*nul[1] >= half || nul[1] == 0 && 4*nul[0] >= half
}
