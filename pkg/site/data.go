package site

import (
	"bufio"
	"bytes"
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/pm-tools/pm/pkg/stats"
)

// Schema is the version of index.json; it changes only when a key is removed or changes meaning.
const Schema = 1

// IndexJSON is index.json: every postmortem's front matter, derived figures and lint summary, and the
// figures of pm stats over all of them.
type IndexJSON struct {
	Schema      int            `json:"schema"`
	Generated   string         `json:"generated"`
	Postmortems []PostmortemJS `json:"postmortems"`
	Stats       *stats.Report  `json:"stats"`
}

// PostmortemJS is one postmortem in index.json.
type PostmortemJS struct {
	ID                  string    `json:"id"`
	Path                string    `json:"path"`
	Page                string    `json:"page"`
	Title               string    `json:"title"`
	Severity            string    `json:"severity"`
	Status              string    `json:"status"`
	Owner               string    `json:"owner"`
	IncidentCommander   string    `json:"incident_commander"`
	IncidentDate        string    `json:"incident_date"`
	Meeting             string    `json:"meeting"`
	ExternalMessage     bool      `json:"external_message"`
	FullOutage          bool      `json:"full_outage"`
	Services            []string  `json:"services"`
	Tags                []string  `json:"tags"`
	ContributingFactors []string  `json:"contributing_factors"`
	Related             []string  `json:"related"`
	RecurrenceOf        string    `json:"recurrence_of"`
	StatusHistory       []History `json:"status_history"`
	Derived             Derived   `json:"derived"`
	Lint                LintJS    `json:"lint"`
}

// History is one status_history entry in index.json.
type History struct {
	Status string `json:"status"`
	At     string `json:"at"`
	By     string `json:"by"`
	Forced bool   `json:"forced,omitempty"`
}

// Derived are the figures pm computes for a postmortem, as pm stats --format csv has them.
type Derived struct {
	MeetingSLA     string   `json:"meeting_sla"` // met, missed, pending, or "" without a deadline
	DaysToReviewed *float64 `json:"days_to_reviewed"`
	DaysToClosed   *float64 `json:"days_to_closed"`
	ActionItems    int      `json:"action_items"`
	Done           int      `json:"done"`
	DoneByDeadline int      `json:"done_by_deadline"`
	Overdue        int      `json:"overdue"`
}

// LintJS summarises a postmortem's lint findings.
type LintJS struct {
	Errors   int      `json:"errors"`
	Warnings int      `json:"warnings"`
	Rules    []string `json:"rules"` // the rules with findings, sorted
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func (s *site) postmortemJS(p *pm) PostmortemJS {
	f := p.F
	j := PostmortemJS{ID: p.ID, Path: p.Rel, Page: p.Page, Title: f.Title, Severity: f.Severity, Status: string(f.Status),
		Owner: f.Owner, IncidentCommander: f.IncidentCommander, IncidentDate: p.Date, ExternalMessage: f.ExternalMessage,
		FullOutage: f.FullOutage, Services: orEmpty(f.Services), Tags: orEmpty(f.Tags),
		ContributingFactors: orEmpty(f.ContributingFactors), Related: orEmpty(f.Related), RecurrenceOf: f.RecurrenceOf,
		StatusHistory: []History{},
		Derived: Derived{MeetingSLA: p.Row.Meeting, DaysToReviewed: p.Row.DaysToReviewed, DaysToClosed: p.Row.DaysToClosed,
			ActionItems: p.Row.Items, Done: p.Row.Done, DoneByDeadline: p.Row.DoneByDeadline, Overdue: p.Row.Overdue},
		Lint: LintJS{Errors: p.Errors, Warnings: p.Warnings, Rules: []string{}}}
	if f.HasMeeting() {
		j.Meeting = f.Meeting.Format(time.RFC3339)
	}
	for _, h := range f.StatusHistory {
		j.StatusHistory = append(j.StatusHistory, History{Status: h.Status, At: h.At, By: h.By, Forced: h.Forced})
	}
	rules := map[string]bool{}
	for _, x := range p.Findings {
		rules[x.Rule] = true
	}
	j.Lint.Rules = append(j.Lint.Rules, sortedKeys(rules)...)
	return j
}

// writeIndexJSON writes index.json byte for byte as json.MarshalIndent(IndexJSON, "", "  ") would, from each
// postmortem's entry kept in the pack while its data is unchanged: at thousands of postmortems,
// encoding every entry again was most of a rebuild.
func (s *site) writeIndexJSON(b *bufio.Writer, pk *pack, dataFPs map[*pm]fingerprint) error {
	fmt.Fprintf(b, "{\n  \"schema\": %d,\n  \"generated\": %q,\n  \"postmortems\": [", Schema, s.o.Now.UTC().Format(time.RFC3339))
	var buf []byte
	// An entry as json.MarshalIndent(…, "    ", "  ") writes it: an Encoder with that indent writes
	// the same and a newline, into a buffer it keeps.
	var entry bytes.Buffer
	enc := json.NewEncoder(&entry)
	enc.SetIndent("    ", "  ")
	for i, p := range s.pms {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n    ")
		var err error
		fp := dataFPs[p]
		if p.JSON.Len > 0 && p.JSONFP == fp {
			if buf, err = pk.read(p.JSON, buf); err != nil {
				return err
			}
			b.Write(buf)
			continue
		}
		entry.Reset()
		if err = enc.Encode(s.postmortemJS(p)); err != nil {
			return err
		}
		// the bidirectional controls in JSON's escapes, as pm's JSON outputs have them (escape.go)
		js := bidiEscapedBytes(bytes.TrimSuffix(entry.Bytes(), []byte("\n")))
		if p.JSON, err = pk.add(js); err != nil {
			return err
		}
		p.JSONFP = fp
		b.Write(js)
	}
	if len(s.pms) > 0 {
		b.WriteString("\n  ")
	}
	b.WriteString("],\n  \"stats\": ")
	stats, err := json.MarshalIndent(s.report, "  ", "  ")
	if err != nil {
		return err
	}
	b.Write(bidiEscapedBytes(stats))
	b.WriteString("\n}\n")
	return nil
}

// atomFeed is feed.xml, an Atom feed (its namespace is the feed element's; appendAtom writes it). The
// field tags say what each field is in the XML, and the tests marshal them with encoding/xml.
type atomFeed struct {
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Link    atomLink    `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Link    atomLink `xml:"link"`
	Author  struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Summary string `xml:"summary"`
}

// maxFeed bounds the entries of feed.xml.
const maxFeed = 50

// feed is feed.xml: an entry for each new postmortem (dated by its incident) and one for each
// Reviewed one (dated by its move to Reviewed), newest first. Links are relative to the feed.
func (s *site) feed(l labels) []byte {
	type ev struct {
		at    time.Time
		entry atomEntry
	}
	var evs []ev
	for _, p := range s.pms {
		mk := func(title, id string, at time.Time) ev {
			// shown as the pages show them, with the bidirectional controls escaped (escape.go)
			e := atomEntry{Title: bidiEscaped(title), ID: id, Updated: at.UTC().Format(time.RFC3339), Link: atomLink{Href: p.Page},
				Summary: bidiEscaped(p.Summary)}
			e.Author.Name = bidiEscaped(p.F.Owner)
			if e.Author.Name == "" {
				e.Author.Name = "-"
			}
			return ev{at, e}
		}
		if p.F.HasIncidentDate() {
			evs = append(evs, mk(p.F.Title, s.feedID("postmortem", p.ID), p.F.IncidentDate))
		}
		if !p.Reviewed.IsZero() {
			evs = append(evs, mk(fmt.Sprintf(l["feedReviewed"], p.F.Title), s.feedID("reviewed", p.ID), p.Reviewed))
		}
	}
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].at.After(evs[j].at) })
	if len(evs) > maxFeed {
		evs = evs[:maxFeed]
	}
	f := atomFeed{Title: l["siteTitle"], ID: s.feedID("site", ""), Updated: s.o.Now.UTC().Format(time.RFC3339), Link: atomLink{Href: "index.html"}}
	if len(evs) > 0 {
		f.Updated = evs[0].entry.Updated
	}
	for _, e := range evs {
		f.Entries = append(f.Entries, e.entry)
	}
	return appendAtom(nil, &f)
}

// feedID is an Atom id (RFC 4287 §4.2.6: an IRI, the same for the same thing in every build, told
// apart from every other feed's): a name-based UUID (version 5's layout, over SHA-1) of the site's
// repository (Options.FeedKey), the kind of entry and the postmortem's id, whatever characters that id
// holds (a space, a #, which an IRI cannot hold as they are).
func (s *site) feedID(kind, id string) string {
	h := sha1.Sum([]byte(s.o.FeedKey + "\x00" + kind + "\x00" + id))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}
