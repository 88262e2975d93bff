// Package postmortem is the postmortem document, parsed once: front matter (typed fields, statuses,
// byte-preserving edits) and the Markdown body (sections, tables, responders, messages, positions).
// It is the only package that parses Markdown or splits front matter.
package postmortem

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/pm-tools/pm/pkg/internal/daystart"
	"github.com/pm-tools/pm/pkg/internal/rfc3339"
)

// Status is one of the four postmortem statuses, spelled as they are in the file.
type Status string

// The statuses of the process, in order.
const (
	StatusDraft    Status = "Draft"
	StatusInReview Status = "In Review"
	StatusReviewed Status = "Reviewed"
	StatusClosed   Status = "Closed"
)

// Statuses lists the statuses in process order.
var Statuses = []Status{StatusDraft, StatusInReview, StatusReviewed, StatusClosed}

// Rank is the status's position in the process (Draft 0 … Closed 3), or -1 for an unknown status.
func (s Status) Rank() int {
	for i, v := range Statuses {
		if v == s {
			return i
		}
	}
	return -1
}

// AtLeast reports whether s is at or past other in the process.
func (s Status) AtLeast(other Status) bool { return s.Rank() >= other.Rank() && s.Rank() >= 0 }

// ParseStatus accepts a status in any case with spaces, hyphens or underscores
// ("in-review", "In Review", "in_review", "INREVIEW") and returns its canonical spelling.
func ParseStatus(s string) (Status, error) {
	if st := Status(s); st.Rank() >= 0 {
		return st, nil // spelled as pm writes it: itself, without the folding
	}
	key := strings.Map(func(r rune) rune {
		switch {
		case r == ' ', r == '-', r == '_', r == '\t', r == '\u00a0', r == '\u3000', r == '\u2010', r == '\u2011', r == '\uff0d', r == '\uff3f':
			return -1 // spaces, a no-break one pasted from a document, an IME's full-width one; hyphens
		case r >= '\uff01' && r <= '\uff5e':
			return unicode.ToLower(r - 0xfee0) // full-width Latin, as an IME types it: ｒｅｖｉｅｗｅｄ
		}
		return r
	}, strings.ToLower(strings.TrimSpace(s)))
	for _, st := range Statuses {
		if strings.ReplaceAll(strings.ToLower(string(st)), " ", "") == key {
			return st, nil
		}
	}
	// what a Japanese team calls the statuses (the words of its tracker's columns): each names one
	if st, ok := japaneseStatus(key); ok {
		return st, nil
	}
	return "", fmt.Errorf("unknown status %q (want Draft, In Review, Reviewed or Closed)", s)
}

// japaneseStatus reads the Japanese names of the statuses, folded as ParseStatus folds (no spaces):
// 下書き and ドラフト (Draft), レビュー中 and レビュー待ち (In Review), レビュー済み (Reviewed),
// クローズ (Closed). A word that could name two (完了: reviewed, or closed?) is none.
func japaneseStatus(key string) (Status, bool) {
	switch key {
	case "下書き", "下書", "ドラフト":
		return StatusDraft, true
	case "レビュー中", "レビュー待ち", "レビュー待", "レビュー依頼中":
		return StatusInReview, true
	case "レビュー済み", "レビュー済", "レビュー完了":
		return StatusReviewed, true
	case "クローズ", "クローズ済み", "クローズ済", "クローズド":
		return StatusClosed, true
	}
	return "", false
}

// ParseDate parses an incident date: YYYY-MM-DD (the start of that day in loc: midnight, or the
// moment the day starts where a DST change skips midnight) or an RFC 3339 time.
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if loc == nil {
		loc = time.UTC
	}
	if t, err := daystart.Parse(s, loc); err == nil {
		return t, nil
	}
	if t, err := rfc3339.Parse(s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date (want YYYY-MM-DD or an RFC 3339 time)", s)
}

// ParseTime parses an RFC 3339 time such as a meeting time.
func ParseTime(s string) (time.Time, error) {
	t, err := rfc3339.Parse(strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not an RFC 3339 time (like 2026-11-26T10:00:00+09:00)", s)
	}
	return t, nil
}

// HistoryEntry is one element of status_history.
type HistoryEntry struct {
	Status string
	At     string
	By     string
	Forced bool
}

// Fields are the typed front matter fields pm knows. Unknown keys stay in the document untouched.
type Fields struct {
	Title             string
	Severity          string // canonical "SEV-1" … "SEV-5", or "" when missing or invalid
	Status            Status // "" when missing or invalid
	Owner             string
	IncidentCommander string
	IncidentDate      time.Time // zero when missing or invalid
	Meeting           time.Time // zero when unscheduled or invalid
	BadMeeting        string    // meeting as written when it is not a time pm reads ("" otherwise)
	ExternalMessage   bool
	FullOutage        bool
	CallRecording     string
	StatusHistory     []HistoryEntry
	// Services, Tags and ContributingFactors are the postmortem's metadata, as written (a single
	// string in the file is a one-element list); a project's .pm.yaml may define their vocabulary.
	Services            []string
	Tags                []string
	ContributingFactors []string
	Related             []string // ids of other postmortems this one is related to
	RecurrenceOf        string   // id of the earlier postmortem this incident repeats, "" when none
}

// ListKeys are the front matter keys whose value is a list of strings (or one string).
var ListKeys = []string{"services", "tags", "contributing_factors", "related"}

// List returns the value of one of the ListKeys, nil for any other key.
func (f *Fields) List(key string) []string {
	if l := f.list(key); l != nil {
		return *l
	}
	return nil
}

// list is the field of a list key (ListKeys), nil for another key.
func (f *Fields) list(key string) *[]string {
	switch key {
	case "services":
		return &f.Services
	case "tags":
		return &f.Tags
	case "contributing_factors":
		return &f.ContributingFactors
	case "related":
		return &f.Related
	}
	return nil
}

// HasIncidentDate reports whether incident_date parsed.
func (f *Fields) HasIncidentDate() bool { return !f.IncidentDate.IsZero() }

// HasMeeting reports whether meeting is set and parsed.
func (f *Fields) HasMeeting() bool { return !f.Meeting.IsZero() }
