package tracker

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/csvtext"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// maxJiraCSV bounds what pm reads of a Jira CSV export (a variable for the tests).
var maxJiraCSV int64 = 256 << 20

// ReadJiraCSV reads a Jira CSV export (Filters → Export → CSV): the columns "Issue key" and
// "Status Category" (else "Status"), and "Resolution" when present. The done category is done, or
// won't do when the resolution says the work was decided against. Without a Status Category
// column, the statuses Done, Closed and Resolved (完了, クローズ, 解決済み) count as done.
// The Resolved column, when present and in a format Jira exports dates in, dates a closed ticket (in
// loc: the export has no zone). Headers are matched in any case; a column Jira repeats counts by its
// first occurrence.
//
// What pm cannot read for sure is an error naming its line, never a state: a row with another number
// of fields than the header (an export cut short, or a comma that shifted the columns), a row whose
// status is empty or holds a line break, and a key on two rows that say different states (paged
// exports concatenated with an overlap; rows that agree are read once).
func ReadJiraCSV(r io.Reader, loc *time.Location) (map[string]Result, error) {
	most := maxJiraCSV
	data, err := io.ReadAll(io.LimitReader(r, most+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > most {
		// cut short, its last rows would read as other statuses
		return nil, i18n.Err("jira.too-large", most>>20)
	}
	if data, err = csvtext.Text(data); err != nil { // not read as mangled statuses
		return nil, err
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = csvtext.Comma(data)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, i18n.Err("jira.empty")
	}
	if err != nil {
		return nil, err
	}
	col := func(names ...string) int {
		for i, h := range header {
			for _, n := range names {
				if strings.EqualFold(strings.TrimSpace(h), n) {
					return i
				}
			}
		}
		return -1
	}
	ki := col("Issue key", "Key", "課題キー", "キー")
	ci := col("Status Category", "ステータスカテゴリ", "ステータス カテゴリ")
	si := col("Status", "ステータス")
	ri := col("Resolution", "解決状況")
	di := col("Resolved", "解決日")
	if ki < 0 || (ci < 0 && si < 0) {
		missing := "Status"
		if ki < 0 {
			missing = "Issue key"
		}
		return nil, i18n.Err("jira.no-column", missing)
	}
	get := func(rec []string, i int) string {
		if i >= 0 && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	decides := "Status"
	if ci >= 0 {
		decides = "Status Category"
	}
	out := map[string]Result{}
	lines := map[string]int{} // the line each key was read on
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(header) {
			// cut short or shifted: its Status would be another column's or none, and read as open
			return nil, i18n.Err("jira.fields", line, len(rec), len(header))
		}
		key := get(rec, ki)
		if key == "" {
			continue
		}
		status, category, resolution := get(rec, si), get(rec, ci), get(rec, ri)
		word := status
		if ci >= 0 {
			word = category
		}
		for _, v := range []string{word, status, resolution} {
			if strings.ContainsFunc(v, unicode.IsControl) {
				return nil, i18n.Err("jira.control", line, key, v)
			}
		}
		if word == "" {
			return nil, i18n.Err("jira.no-value", line, key, decides)
		}
		done := doneCategory(category)
		if ci < 0 {
			done = doneStatus(status)
		}
		if status != "" {
			word = status
		}
		res := Result{State: postmortem.ActionOpen, Status: word}
		if done {
			res.State = postmortem.ActionDone
			if wontDoResolution(resolution) {
				res.State = postmortem.ActionWontDo
				res.Status += " (" + resolution + ")"
			}
			res.Closed = csvDate(get(rec, di), loc)
			if res.Closed.IsZero() && get(rec, di) != "" {
				// read as undated, a ticket closed in time would count as late: said, not guessed
				// (10/11/2026 is October or November by the spreadsheet's country)
				return nil, i18n.Err("jira.resolved", line, key, get(rec, di))
			}
		}
		if prev, ok := out[key]; ok {
			if prev.State != res.State || !prev.Closed.Equal(res.Closed) {
				return nil, i18n.Err("jira.twice", lines[key], line, key, describe(prev), describe(res))
			}
			continue
		}
		out[key], lines[key] = res, line
	}
}

// describe is a row's state for a message: the export's word, and the day it closed.
func describe(r Result) string {
	s := fmt.Sprintf("%q", r.Status)
	if !r.Closed.IsZero() {
		s += " (resolved " + r.Closed.Format("2006-01-02 15:04") + ")"
	}
	return s
}

// csvDateLayouts are the forms Jira writes dates in a CSV export: its default (dd/MMM/yy h:mm a) and
// the ISO forms a site may configure.
var csvDateLayouts = []string{"02/Jan/06 3:04 PM", "02/Jan/06 15:04", "2006-01-02 15:04", "2006-01-02T15:04:05.000-0700", "2006/01/02 15:04", "2006-01-02"}

func csvDate(s string, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	for _, l := range csvDateLayouts {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t
		}
	}
	return time.Time{}
}

func doneCategory(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "done", "完了":
		return true
	}
	return false
}

func doneStatus(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "done", "closed", "resolved", "完了", "クローズ", "クローズ済み", "解決済み":
		return true
	}
	return false
}
