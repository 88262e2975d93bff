package timeline

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"time"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/lazy"
)

// pdEntry is one PagerDuty log entry, as GET /incidents/{id}/log_entries returns it (the fields pm reads).
type pdEntry struct {
	ID        string `json:"id"`
	Type      string `json:"type"`
	CreatedAt string `json:"created_at"`
	Summary   string `json:"summary"`
	HTMLURL   string `json:"html_url"`
	Agent     *struct {
		Summary string `json:"summary"`
	} `json:"agent"`
	Channel *struct {
		Type    string `json:"type"`
		Summary string `json:"summary"`
		Content string `json:"content"`
	} `json:"channel"`
	Incident *struct {
		ID      string `json:"id"`
		HTMLURL string `json:"html_url"`
	} `json:"incident"`
}

// pdPage is one page of the API's answer.
type pdPage struct {
	LogEntries *[]pdEntry `json:"log_entries"`
	More       bool       `json:"more"`
	Offset     int        `json:"offset"`
	Limit      int        `json:"limit"`
}

// pdKinds are the log entries that make timeline rows, with the words a row starts with. The
// others (notifications, assignments, priority changes…) are too many and say little about the
// response.
var pdKinds = lazy.Value[map[string]string]{New: func() map[string]string {
	return map[string]string{
		"trigger_log_entry":       "Triggered",
		"acknowledge_log_entry":   "Acknowledged",
		"escalate_log_entry":      "Escalated",
		"annotate_log_entry":      "Note",
		"status_update_log_entry": "Status update",
		"resolve_log_entry":       "Resolved",
	}
}}

// PagerDuty is what a PagerDuty log holds for the timeline: its rows and the incident's id (from
// the entries, "" when none names it).
type PagerDuty struct {
	Events   []Event
	Incident string
}

// ReadPagerDuty reads the JSON of GET /incidents/{id}/log_entries: one page ({"log_entries": […],
// "more": …}) or several pages in a JSON array. Entries outside w are left out. name is the file's
// name, for messages.
func ReadPagerDuty(r io.Reader, name string, w Window) (*PagerDuty, error) {
	dec := json.NewDecoder(jsonInput(r))
	out := &PagerDuty{}
	tok, err := dec.Token()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: %w", name, i18n.Err("pd.empty"))
	}
	if err != nil {
		return nil, pdMalformed(name, "log", err)
	}
	switch tok {
	case json.Delim('{'):
		if err := out.page(dec, name, w); err != nil {
			return nil, err
		}
	case json.Delim('['):
		for dec.More() {
			t, err := dec.Token()
			if err != nil {
				return nil, pdMalformed(name, "log", err)
			}
			if t != json.Delim('{') {
				return nil, fmt.Errorf("%s: %w", name, i18n.Err("pd.want-pages", OneLine(fmt.Sprint(t))))
			}
			if err := out.page(dec, name, w); err != nil {
				return nil, err
			}
		}
		if _, err := dec.Token(); err != nil {
			return nil, pdMalformed(name, "log", err)
		}
	default:
		return nil, fmt.Errorf("%s: %w", name, i18n.Err("pd.want-page"))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%s: %w", name, i18n.Err("pd.after"))
	}
	return out, nil
}

// page reads the rest of a page whose opening brace was read.
func (p *PagerDuty) page(dec *json.Decoder, name string, w Window) error {
	found := false
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return pdMalformed(name, "log", err)
		}
		if k != "log_entries" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return pdMalformed(name, "log", err)
			}
			continue
		}
		found = true
		t, err := dec.Token()
		if err != nil {
			return pdMalformed(name, "log", err)
		}
		if t != json.Delim('[') {
			return fmt.Errorf("%s: %w", name, i18n.Err("pd.not-list"))
		}
		for n := 1; dec.More(); n++ {
			var e *pdEntry // nil for null
			err := dec.Decode(&e)
			if err == nil && e == nil {
				err = errNull
			}
			if err != nil {
				if out, ok := wrongType(name, i18n.M("json.item.log-entry"), n, err); ok {
					return out
				}
				return pdMalformed(name, "log entry", err)
			}
			if err := p.add(*e, n, name, w); err != nil {
				return err
			}
		}
		if _, err := dec.Token(); err != nil {
			return pdMalformed(name, "log", err)
		}
	}
	if _, err := dec.Token(); err != nil {
		return pdMalformed(name, "log", err)
	}
	if !found {
		return fmt.Errorf("%s: %w", name, i18n.Err("pd.no-entries"))
	}
	return nil
}

// pdMalformed is the one line of a log that did not decode: malformed JSON (cut short, as a file
// copied while it was written is, or with a syntax error), too large to read, or, in what (a part
// of the log), a value of the wrong type.
func pdMalformed(name, what string, err error) error {
	var syntax *json.SyntaxError
	switch {
	case err == io.EOF, errors.Is(err, io.ErrUnexpectedEOF), errors.As(err, &syntax), isTooLarge(err):
		return malformed(name, err) // as a Slack export's file says it
	}
	return oneLineError("%s: %s: %v", name, what, err)
}

// errNull is a record of a JSON array that is null: decoded, it would be an empty record, which
// pm would pass over as one of a kind it leaves out, and say nothing.
var errNull = errors.New("null")

// wrongType is the error of record n (from 1) of a file's list of what (a message, a log entry)
// that decoded to a value of the wrong type, in words: the record itself
// ("message 3 is null, want an object"), or one of its fields ("log entry 2: created_at is a number,
// want a string"). ok is false for any other error.
func wrongType(where string, what i18n.Msg, n int, err error) (out error, ok bool) {
	if errors.Is(err, errNull) {
		return fmt.Errorf("%s: %w", where, i18n.Err("json.item-type", what, n, i18n.M("json.kind.null"))), true
	}
	var typ *json.UnmarshalTypeError
	if !errors.As(err, &typ) || typ.Type == nil {
		return nil, false
	}
	if typ.Field == "" {
		return fmt.Errorf("%s: %w", where, i18n.Err("json.item-type", what, n, jsonKind(typ.Value))), true
	}
	return fmt.Errorf("%s: %w", where, i18n.Err("json.field-type", what, n, OneLine(typ.Field), jsonKind(typ.Value), jsonKindOf(typ.Type.Kind()))), true
}

// jsonKind is a JSON value's kind, from the name encoding/json gives it.
func jsonKind(v string) i18n.Msg {
	switch v {
	case "object":
		return i18n.M("json.kind.object")
	case "array":
		return i18n.M("json.kind.array")
	case "bool":
		return i18n.M("json.kind.bool")
	case "string":
		return i18n.M("json.kind.string")
	}
	return i18n.M("json.kind.number")
}

// jsonKindOf is the JSON kind a Go field of kind k decodes.
func jsonKindOf(k reflect.Kind) i18n.Msg {
	switch k {
	case reflect.String:
		return i18n.M("json.kind.string")
	case reflect.Bool:
		return i18n.M("json.kind.bool")
	case reflect.Slice, reflect.Array:
		return i18n.M("json.kind.array")
	case reflect.Struct, reflect.Map, reflect.Pointer:
		return i18n.M("json.kind.object")
	}
	return i18n.M("json.kind.number")
}

// add takes log entry e, the n-th of its list, for messages.
func (p *PagerDuty) add(e pdEntry, n int, name string, w Window) error {
	if e.Incident != nil && p.Incident == "" {
		p.Incident = e.Incident.ID
	}
	word, ok := pdKinds.Get()[e.Type]
	if !ok {
		return nil
	}
	at, err := time.Parse(time.RFC3339, e.CreatedAt)
	if err != nil {
		// which entry: its id, its place in the list (a paged export joined by hand) and its kind
		which := fmt.Sprintf("log entry %d (%s", n, e.Type)
		if e.ID != "" {
			which += ", id " + e.ID
		}
		which += ")"
		if e.CreatedAt == "" {
			return fmt.Errorf("%s: %w", name, i18n.Err("pd.no-created", which))
		}
		return fmt.Errorf("%s: %w", name, i18n.Err("pd.bad-created", which, OneLine(e.CreatedAt)))
	}
	if !w.Take(at) {
		return nil
	}
	text := e.Summary
	if e.Type == "annotate_log_entry" && e.Channel != nil {
		// a note's words are in its channel; the entry's summary only says a note was added
		if c := firstNonEmpty(e.Channel.Content, e.Channel.Summary); c != "" {
			text = c
		}
	}
	if text == "" && e.Agent != nil {
		text = e.Agent.Summary
	}
	text = word + ": " + text
	if strings.HasSuffix(text, ": ") {
		text = word
	}
	// a web address only: the file is data, and a javascript: or file: "html_url" in it would be
	// written as the row's link
	link := ""
	if isWebURL(e.HTMLURL) {
		link = e.HTMLURL
	} else if e.Incident != nil && isWebURL(e.Incident.HTMLURL) {
		link = e.Incident.HTMLURL
	}
	ev := Event{At: at, Text: OneLine(text), Link: link, LinkText: "PagerDuty"}
	if link == "" {
		ev.LinkText = "PagerDuty log entry"
	}
	p.Events = append(p.Events, ev)
	return nil
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// DefaultPagerDutyURL is the REST API's address (PAGERDUTY_API_URL replaces it, for the EU service).
const DefaultPagerDutyURL = "https://api.pagerduty.com"

// maxPagerDutyPage bounds one page of the REST API's answer (100 log entries are far smaller).
const maxPagerDutyPage = 64 << 20

// maxPagerDutyLog bounds an incident's pages in all: a real incident's log is a few megabytes.
const maxPagerDutyLog = 256 << 20

// FetchPagerDuty gets every page of an incident's log entries from the REST API at base with token,
// and returns them as one JSON array of pages, which ReadPagerDuty reads.
func FetchPagerDuty(ctx context.Context, client *http.Client, base, token, incident string) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('[')
	offset := 0
	for page := 0; ; page++ {
		if page >= 1000 {
			return nil, fmt.Errorf("pagerduty incident %s: more than 1000 pages of log entries", incident)
		}
		u := fmt.Sprintf("%s/incidents/%s/log_entries?limit=100&offset=%d&time_zone=UTC",
			strings.TrimRight(base, "/"), url.PathEscape(incident), offset)
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return nil, fmt.Errorf("pagerduty incident %s: %w", incident, err)
		}
		req.Header.Set("Accept", "application/vnd.pagerduty+json;version=2")
		req.Header.Set("Authorization", "Token token="+token)
		resp, err := client.Do(req)
		if err != nil {
			return nil, fmt.Errorf("pagerduty incident %s: %w", incident, err)
		}
		body, err := io.ReadAll(io.LimitReader(resp.Body, maxPagerDutyPage+1))
		resp.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("pagerduty incident %s: %w", incident, err)
		}
		if len(body) > maxPagerDutyPage {
			return nil, fmt.Errorf("pagerduty incident %s: a page of log entries larger than %d MiB from %s", incident, maxPagerDutyPage>>20, strings.TrimRight(base, "/"))
		}
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("pagerduty incident %s: %s from %s", incident, resp.Status, strings.TrimRight(base, "/"))
		}
		var p pdPage
		if err := json.Unmarshal(body, &p); err != nil || p.LogEntries == nil {
			return nil, fmt.Errorf("pagerduty incident %s: the answer is not a page of log entries", incident)
		}
		if page > 0 {
			buf.WriteByte(',')
		}
		buf.Write(bytes.TrimSpace(body))
		if buf.Len() > maxPagerDutyLog {
			// the pages are held until the log is read whole: a server that sends big pages
			// forever would take the machine's memory
			return nil, fmt.Errorf("pagerduty incident %s: log entries larger than %d MiB in all from %s: not a log pm reads", incident, maxPagerDutyLog>>20, strings.TrimRight(base, "/"))
		}
		if !p.More || len(*p.LogEntries) == 0 {
			break
		}
		offset += len(*p.LogEntries)
	}
	buf.WriteByte(']')
	return buf.Bytes(), nil
}
