// Package stats computes the figures of pm stats from the repository's postmortems: how many, by
// severity and month; whether meetings were held within their deadline; how long postmortems take to
// be Reviewed and Closed; how the action items stand against their deadlines; and recurrences. It is
// a pure function of the documents, the process's deadlines and the clock. Following the advice on
// incident metrics, it reports counts, medians, percentiles and compliance rates, not averages.
package stats

import (
	"encoding/json"
	"math"
	"sort"
	"time"

	"github.com/pm-tools/pm/pkg/internal/daystart"
	"github.com/pm-tools/pm/pkg/internal/fold"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/workflow"
)

// Input is one postmortem as stats reads it.
type Input struct {
	ID     string
	Path   string // relative to the repository root, slash-separated
	Fields *postmortem.Fields
	Items  []postmortem.ActionItem
}

// Options are the process's deadlines and the clock the figures are computed at.
type Options struct {
	Schedule *workflow.Schedule        // meeting deadlines
	Actions  *workflow.ActionDeadlines // action item deadlines
	Now      time.Time
	Location *time.Location // the team's zone: months and dates are counted in it
}

// Report holds the figures; its JSON form is pm stats --format json.
type Report struct {
	Postmortems    int                       `json:"postmortems"`
	BySeverity     map[string]int            `json:"by_severity"`
	ByMonth        map[string]map[string]int `json:"by_month"`
	MeetingSLA     MeetingSLA                `json:"meeting_sla"`
	DaysToReviewed Durations                 `json:"days_to_reviewed"`
	DaysToClosed   Durations                 `json:"days_to_closed"`
	ActionItems    ActionItems               `json:"action_items"`
	Recurrences    int                       `json:"recurrences"`

	// OpenItems counts the action items still to be done (the oldest of them is OldestOpenDays old).
	OpenItems int `json:"-"`
	// RecurrencesByService counts the recurrences of each service named by a recurring incident.
	RecurrencesByService map[string]int `json:"-"`
	// Rows are the figures of each postmortem, newest incident first (pm stats --format csv).
	Rows []Row `json:"-"`
}

// MeetingSLA counts postmortems whose severity has a meeting deadline: met (the meeting is set
// within it), missed (set after it, or still unset once it has passed) and pending (unset, the
// deadline still ahead).
type MeetingSLA struct {
	Met     int `json:"met"`
	Missed  int `json:"missed"`
	Pending int `json:"pending"`
}

// Durations summarises days from the incident to a status: median and 90th percentile (nearest
// rank) of the postmortems that reached it, and how many did.
type Durations struct {
	Median float64 `json:"median"`
	P90    float64 `json:"p90"`
	Count  int     `json:"count"`
}

// MarshalJSON writes a median and a 90th percentile of nothing (no postmortem got there) as null,
// as index.json does, not as 0 days, which a dashboard would chart.
func (d Durations) MarshalJSON() ([]byte, error) {
	if d.Count == 0 {
		return []byte(`{"median":null,"p90":null,"count":0}`), nil
	}
	type plain Durations
	return json.Marshal(plain(d))
}

// ActionItems counts the action items: all of them, the done ones, those done by their deadline
// (a done item whose Status is dated on or before its deadline, or undated while the deadline is still
// ahead), the open ones past their deadline, and the age in days of the oldest open one.
type ActionItems struct {
	Total          int `json:"total"`
	Done           int `json:"done"`
	DoneByDeadline int `json:"done_by_deadline"`
	Overdue        int `json:"overdue"`
	// Open counts the items still to be done; with none, OldestOpenDays is 0 and says nothing.
	Open int `json:"open"`
	// Filed counts the items filed in a tracker (a ticket, no Status column): their progress is
	// the tracker's.
	Filed          int `json:"filed"`
	OldestOpenDays int `json:"oldest_open_days"`
}

// Meeting states of a Row.
const (
	MeetingMet     = "met"
	MeetingMissed  = "missed"
	MeetingPending = "pending"
	MeetingNone    = "" // the severity has no deadline, or there is no incident date
)

// Row is the figures of one postmortem.
type Row struct {
	ID, Path, Severity, Status, IncidentDate string
	Services                                 []string
	Meeting                                  string   // a Meeting… constant
	DaysToReviewed, DaysToClosed             *float64 // nil when the status was not reached
	Items, Done, DoneByDeadline, Overdue     int
	Open                                     int    // action items still to be done
	Filed                                    int    // action items filed in a tracker (ActionFiled)
	OldestOpenDays                           int    // age of the oldest open item, -1 when none has an age
	RecurrenceOf                             string // "" when recurrence_of names the postmortem itself (SelfRecurrence)
	// SelfRecurrence says recurrence_of names the postmortem itself (the relations rule's error): an
	// incident is no recurrence of itself, so it is not counted as one.
	SelfRecurrence bool
	Tags           []string
	// LeftOut counts the status_history entries to Reviewed or Closed left out of the days because
	// they are dated before the incident or after now (the status-history rule warns of them), or at
	// a time that does not parse (front-matter reports it).
	LeftOut int
}

// Compute returns the figures of the postmortems in: Figures of each, then Sum.
func Compute(in []Input, o Options) *Report {
	rows := make([]Row, len(in))
	for i, p := range in {
		rows[i] = Figures(p, o)
	}
	return Sum(rows)
}

// Figures computes one postmortem's row. It reads nothing but its input, so a caller reading
// thousands of files computes each one's row on the goroutine that read it, and keeps only the row.
func Figures(p Input, o Options) Row {
	loc := o.Location
	if loc == nil {
		loc = time.UTC
	}
	f := p.Fields
	today := civil(o.Now, loc)
	row := Row{ID: p.ID, Path: p.Path, Severity: f.Severity, Status: string(f.Status), Services: f.Services,
		Tags: f.Tags, RecurrenceOf: f.RecurrenceOf, OldestOpenDays: -1}
	if f.HasIncidentDate() {
		row.IncidentDate = f.IncidentDate.In(loc).Format("2006-01-02")
	}
	if f.RecurrenceOf != "" && f.RecurrenceOf == p.ID {
		row.RecurrenceOf, row.SelfRecurrence = "", true
	}
	row.Meeting = meetingState(f, o)
	reviewed, ok, leftReviewed := daysTo(f, postmortem.StatusReviewed, o.Now, false)
	if ok {
		row.DaysToReviewed = &reviewed
	}
	// A postmortem reopened is not closed: it counts once it is Closed again, from that move (a
	// Closed written over a reopening by hand, the history ending with the reopening, is not).
	var leftClosed int
	if f.Status == postmortem.StatusClosed && lastStatus(f) == postmortem.StatusClosed {
		var closed float64
		if closed, ok, leftClosed = daysTo(f, postmortem.StatusClosed, o.Now, true); ok {
			row.DaysToClosed = &closed
		}
	}
	row.LeftOut = leftReviewed + leftClosed
	for _, it := range p.Items {
		row.Items++
		state := it.State()
		if state == postmortem.ActionDone {
			row.Done++
			if doneByDeadline(it, f, o.Actions, today, loc) {
				row.DoneByDeadline++
			}
		}
		if state == postmortem.ActionFiled {
			row.Filed++
		}
		if state != postmortem.ActionOpen {
			continue
		}
		row.Open++
		if o.Actions.DaysOverdue(it, f.Severity, f.IncidentDate, o.Now) > 0 {
			row.Overdue++
		}
		if f.HasIncidentDate() {
			row.OldestOpenDays = max(row.OldestOpenDays, days(civil(f.IncidentDate, loc), today))
		}
	}
	return row
}

// Sum adds up the rows of the postmortems into the report. The report keeps rows as its Rows,
// sorted: thousands of rows are not copied.
func Sum(rows []Row) *Report {
	r := &Report{BySeverity: map[string]int{}, ByMonth: map[string]map[string]int{}, RecurrencesByService: map[string]int{}}
	var toReviewed, toClosed []float64
	// A service's spellings by letter case or Unicode form are one service, as --service matches it,
	// counted under the spelling most postmortems use (Spelling; two encodings of one spelling, café
	// composed and decomposed, are one spelling), as pm site pages it: of every postmortem, not only
	// the recurrences
	spellings := map[string]map[string]int{}
	for _, row := range rows {
		for _, s := range row.Services {
			if k := foldName(s); k != "" {
				if spellings[k] == nil {
					spellings[k] = map[string]int{}
				}
				spellings[k][fold.Form(s)]++
			}
		}
	}
	byService := map[string]int{}
	for _, row := range rows {
		r.Postmortems++
		sev := row.Severity
		if sev == "" {
			sev = "unknown"
		}
		r.BySeverity[sev]++
		if row.IncidentDate != "" {
			month := row.IncidentDate[:7]
			if r.ByMonth[month] == nil {
				r.ByMonth[month] = map[string]int{}
			}
			r.ByMonth[month][sev]++
		}
		switch row.Meeting {
		case MeetingMet:
			r.MeetingSLA.Met++
		case MeetingMissed:
			r.MeetingSLA.Missed++
		case MeetingPending:
			r.MeetingSLA.Pending++
		}
		if row.DaysToReviewed != nil {
			toReviewed = append(toReviewed, *row.DaysToReviewed)
		}
		if row.DaysToClosed != nil {
			toClosed = append(toClosed, *row.DaysToClosed)
		}
		r.ActionItems.Total += row.Items
		r.ActionItems.Done += row.Done
		r.ActionItems.DoneByDeadline += row.DoneByDeadline
		r.ActionItems.Overdue += row.Overdue
		r.OpenItems += row.Open
		r.ActionItems.Open += row.Open
		r.ActionItems.Filed += row.Filed
		r.ActionItems.OldestOpenDays = max(r.ActionItems.OldestOpenDays, row.OldestOpenDays)
		if row.RecurrenceOf != "" {
			r.Recurrences++
			seen := map[string]bool{}
			for _, s := range row.Services {
				k := foldName(s)
				if k == "" || seen[k] {
					continue
				}
				seen[k] = true
				byService[k]++
			}
		}
	}
	for k, n := range byService {
		r.RecurrencesByService[Spelling(spellings[k])] = n
	}
	if len(rows) > 0 {
		r.Rows = rows
	}
	r.DaysToReviewed, r.DaysToClosed = summarise(toReviewed), summarise(toClosed)
	sort.SliceStable(r.Rows, func(i, j int) bool {
		if r.Rows[i].IncidentDate != r.Rows[j].IncidentDate {
			return r.Rows[i].IncidentDate > r.Rows[j].IncidentDate
		}
		return r.Rows[i].ID > r.Rows[j].ID
	})
	return r
}

// meetingState judges a postmortem's meeting against its severity's deadline, as the meeting-sla
// rule does: a meeting at or before the deadline meets it, once it has been held; one still ahead
// is pending (met is what happened, not what is planned), and one set after the deadline misses it.
func meetingState(f *postmortem.Fields, o Options) string {
	if !f.HasIncidentDate() || f.Severity == "" {
		return MeetingNone
	}
	deadline, ok := o.Schedule.Deadline(f.Severity, f.IncidentDate)
	if !ok {
		return MeetingNone
	}
	switch {
	case f.HasMeeting() && !f.Meeting.After(deadline) && f.Meeting.After(o.Now):
		return MeetingPending
	case f.HasMeeting() && !f.Meeting.After(deadline):
		return MeetingMet
	case f.HasMeeting(), o.Now.After(deadline):
		return MeetingMissed
	}
	return MeetingPending
}

// daysTo is the days from the incident to the first move to status in status_history (the last
// when last is set), and how many entries to status it left out: those dated before the incident or after now cannot be when the move
// was made, and would make nonsense of a median. An entry whose time does not parse is malformed (the
// front-matter rule reports it) and is passed over too.
func daysTo(f *postmortem.Fields, status postmortem.Status, now time.Time, last bool) (days float64, ok bool, leftOut int) {
	if !f.HasIncidentDate() {
		return 0, false, 0
	}
	for i := range f.StatusHistory {
		h := f.StatusHistory[i]
		if last {
			h = f.StatusHistory[len(f.StatusHistory)-1-i]
		}
		// A status written as pm writes it is the status; only others need ParseStatus's folding.
		if postmortem.Status(h.Status) != status {
			if s, err := postmortem.ParseStatus(h.Status); err != nil || s != status {
				// Counted to the last move there: a plausible move away after it (a reopening whose
				// closing again is left out, dated after now) means the postmortem is not there now
				if last && err == nil {
					if at, err := postmortem.ParseTime(h.At); err == nil && workflow.JudgeHistoryDate(at, f, now) == workflow.DatePlausible {
						return 0, false, leftOut
					}
				}
				continue
			}
		}
		at, err := postmortem.ParseTime(h.At)
		if err != nil {
			leftOut++ // a time that is none: left out, and said, as an implausible one is
			continue
		}
		if workflow.JudgeHistoryDate(at, f, now) != workflow.DatePlausible {
			leftOut++
			continue
		}
		d := spanDays(f.IncidentDate, at)
		if d < 0 {
			d = 0 // earlier the same day than an incident given with its time: a slip, not a negative duration
		}
		return math.Round(d*10) / 10, true, leftOut
	}
	return 0, false, leftOut
}

// lastStatus is the status of the last status_history entry, "" when it has none pm can read.
func lastStatus(f *postmortem.Fields) postmortem.Status {
	if len(f.StatusHistory) == 0 {
		return ""
	}
	st, _ := postmortem.ParseStatus(f.StatusHistory[len(f.StatusHistory)-1].Status)
	return st
}

// spanDays is the days from a to b. Within about 292 years it is Sub's duration in hours over 24, the
// figures pm stats has always given (to the last rounding: 5.15 days reads 5.1 that way); beyond,
// where time.Duration saturates (an entry in year 9999 read 106752 days), it is counted on the
// Unix clock.
func spanDays(a, b time.Time) float64 {
	if d := b.Sub(a); d != math.MaxInt64 && d != math.MinInt64 {
		return d.Hours() / 24
	}
	return (float64(b.Unix()-a.Unix()) + float64(b.Nanosecond()-a.Nanosecond())/1e9) / (24 * 60 * 60)
}

// doneByDeadline says whether a done item was done by its deadline: its Status is dated on or before
// the deadline, or is undated while the deadline has not yet passed (it cannot have been late). An
// item without a deadline is done in time.
func doneByDeadline(it postmortem.ActionItem, f *postmortem.Fields, d *workflow.ActionDeadlines, today time.Time, loc *time.Location) bool {
	deadline, _, ok := d.Of(it, f.Severity, f.IncidentDate)
	if !ok {
		return true
	}
	deadline = civil(deadline, loc)
	if date, dated := it.StatusDate(); dated {
		done, err := daystart.Parse(date, loc)
		return err == nil && !done.After(deadline)
	}
	return !today.After(deadline)
}

// summarise returns the median and 90th percentile of values.
func summarise(values []float64) Durations {
	n := len(values)
	if n == 0 {
		return Durations{}
	}
	v := append([]float64(nil), values...)
	sort.Float64s(v)
	median := v[n/2]
	if n%2 == 0 {
		median = (v[n/2-1] + v[n/2]) / 2
	}
	rank := int(math.Ceil(0.9*float64(n))) - 1 // nearest rank
	return Durations{Median: math.Round(median*10) / 10, P90: v[rank], Count: n}
}

// civil is the start of t's date in loc (midnight, unless a DST change skips it).
func civil(t time.Time, loc *time.Location) time.Time { return daystart.Day(t, loc) }

// days is the whole days from a to b, both midnights (a day across a DST change is 23 or 25 hours).
func days(a, b time.Time) int {
	return int(math.Round(spanDays(a, b)))
}

// Spelling is the spelling of a name to show, of those differing only in letter case, from how many
// times each is used: the most used, of those used as often the one that sorts first.
func Spelling(uses map[string]int) string {
	best, n := "", -1
	for s, k := range uses {
		if k > n || k == n && s < best {
			best, n = s, k
		}
	}
	return best
}

// foldName is the key under which names differing only in letter case or Unicode form are one:
// MatchAny's comparison (fold.Key).
func foldName(s string) string { return fold.Key(s) }

// MatchAny reports whether any of values is one of want, ignoring case and Unicode form (café
// composed or decomposed, CAFÉ); an empty want matches all.
func MatchAny(values, want []string) bool {
	if len(want) == 0 {
		return true
	}
	for _, v := range values {
		for _, w := range want {
			if fold.Equal(v, w) {
				return true
			}
		}
	}
	return false
}

// Summarize returns the median and 90th percentile (nearest rank) of values, as the report's
// durations are summarised; pm site charts them per quarter.
func Summarize(values []float64) Durations { return summarise(values) }
