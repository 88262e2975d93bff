package meeting

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/pm-tools/pm/pkg/config"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/ical"
	"github.com/pm-tools/pm/pkg/internal/zonenames"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// prodID names pm as the maker of the invitation; it carries no version so that the file depends
// only on the postmortem and the flags.
const prodID = "-//pm-tools//pm//EN"

// person is someone to invite; Email is "" when no address is known.
type person struct {
	Name, Email string
	Label       string // "owner", "incident commander", "customer liaison", or ""
	Role        ical.Role
}

// displayIn is display with the label in language l: the user's in messages, the description's in it.
func (p person) displayIn(l i18n.Lang) string {
	switch p.Label {
	case "owner":
		p.Label = l.T("meeting.label-owner")
	case "incident commander":
		p.Label = l.T("meeting.label-ic")
	case "customer liaison":
		p.Label = l.T("meeting.label-liaison")
	}
	return p.display()
}

// display names the person in messages and the description: name, address, and label.
func (p person) display() string {
	n := p.Name
	switch {
	case n == "":
		n = p.Email
	case p.Email != "":
		n += " <" + p.Email + ">"
	}
	if p.Label != "" {
		n += " (" + p.Label + ")"
	}
	return n
}

// parsePerson reads "Name <email>", "email" or a bare name. Its errors are *i18n.Error.
func parsePerson(s string) (person, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return person{}, i18n.Err("meeting.person-empty")
	}
	if strings.ContainsAny(s, "\x00\r\n") {
		return person{}, i18n.Err("meeting.person-lines", s)
	}
	if open := strings.LastIndexByte(s, '<'); open >= 0 && strings.HasSuffix(s, ">") {
		// "Name <email>" as git reads an identity: the name is the text before the brackets, whatever it
		// holds ("Mori, Ken" and "Ana (SRE)" need no quotes; quotes around it are taken off)
		addr, err := mail.ParseAddress(s[open:])
		name := strings.TrimSpace(s[:open])
		if err != nil || addr.Name != "" || strings.ContainsAny(name, "<>") {
			return person{}, i18n.Err("meeting.person-bad", s)
		}
		if len(name) >= 2 && name[0] == '"' && name[len(name)-1] == '"' {
			if q, err := mail.ParseAddress(name + " <a@b>"); err == nil {
				name = q.Name
			}
		}
		return person{Name: name, Email: addr.Address}, nil
	}
	if strings.ContainsAny(s, "<@") {
		a, err := mail.ParseAddress(s)
		if err != nil {
			return person{}, i18n.Err("meeting.person-bad", s)
		}
		return person{Name: strings.TrimSpace(a.Name), Email: a.Address}, nil
	}
	return person{Name: s}, nil
}

// lenientPerson reads a front matter name, which may also be "Name <email>"; anything else is a name.
func lenientPerson(s string) person {
	if p, err := parsePerson(s); err == nil {
		return p
	}
	return person{Name: strings.TrimSpace(s)}
}

// sameNames reports whether two names are one person's: in any case, and whatever white space is
// between their words (佐藤　愛子, with the ideographic space a Japanese input method types, is
// 佐藤 愛子).
func sameNames(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// guestList is the people to invite, each once: later mentions of someone fill in what earlier
// ones lacked (an --attendee "Ken Mori <ken@…>" gives the incident commander an address).
type guestList []person

func (g *guestList) add(p person) {
	if p.Name == "" && p.Email == "" {
		return
	}
	for i := range *g {
		q := &(*g)[i]
		sameEmail := p.Email != "" && strings.EqualFold(p.Email, q.Email)
		sameName := p.Name != "" && sameNames(p.Name, q.Name) && (p.Email == "" || q.Email == "")
		if !sameEmail && !sameName {
			continue
		}
		if q.Email == "" {
			q.Email = p.Email
		}
		if q.Name == "" {
			q.Name = p.Name
		}
		if q.Label == "" {
			q.Label = p.Label
		}
		if p.Role == ical.RoleRequired {
			q.Role = ical.RoleRequired
		}
		return
	}
	*g = append(*g, p)
}

// findOwner is the owner's entry, or nil when the postmortem names none.
func (g guestList) findOwner() *person {
	for i := range g {
		if g[i].Label == "owner" {
			return &g[i]
		}
	}
	return nil
}

// uid is the event's UID: the same for every run on the same postmortem of the same repository,
// so that calendars update the event instead of adding another.
func uid(repo, id string) string {
	sum := sha256.Sum256([]byte(repo + "\x00" + id))
	return "pm-" + hex.EncodeToString(sum[:16])
}

// sequenceEpoch is where SEQUENCE counts seconds from: a later scheduling gets a higher number,
// whoever runs it, and the count fits RFC 5545's 32-bit integer until 2088. From then on it stays
// at maxSequence: an invitation is still written (calendars may then keep an earlier copy) rather
// than pm meeting failing for good.
const (
	sequenceEpoch = 1577836800 // 2020-01-01T00:00:00Z, in Unix seconds
	maxSequence   = 1<<31 - 1
)

func sequence(now time.Time) int {
	if s := int(now.Unix() - sequenceEpoch); s > 0 {
		return s
	}
	return 0
}

// agendaInput is what the invitation's description is made of.
type agendaInput struct {
	Fields   *postmortem.Fields
	X        *postmortem.Content
	Link     string         // URL or repository path of the document
	Unlisted []person       // people to invite who are not ATTENDEEs of the event
	Loc      *time.Location // the team's zone, in which the incident's day is named
}

// docLanguage is Japanese when the document is written in Japanese (judged by its headings), else English.
func docLanguage(x *postmortem.Content) i18n.Lang {
	if ja, _ := x.Japanese(); ja {
		return i18n.JA
	}
	return i18n.EN
}

// Limits that keep the description a summary: the document holds the rest.
const (
	maxSectionRunes = 700
	timelineEnds    = 3 // rows shown at each end of a longer timeline
)

// agenda is the invitation's description: the process's meeting agenda, filled from the document, in
// the document's language (the agenda.* messages).
func agenda(in agendaInput) string {
	f, x := in.Fields, in.X
	l := docLanguage(x)
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	section := func(key string) {
		text, _ := x.Text(key)
		text = strings.TrimSpace(text)
		if text == "" {
			text = l.T("agenda.not-written")
		}
		line("%s", indentText(clip(text, maxSectionRunes)))
	}

	day := f.IncidentDate
	if in.Loc != nil {
		day = day.In(in.Loc)
	}
	line("%s", l.T("agenda.intro", f.Severity, day.Format("2006-01-02"), f.Title))
	line("%s", l.T("agenda.document", in.Link))
	if f.IncidentCommander != "" && f.Owner != "" {
		line("%s", l.T("agenda.roles", lenientPerson(f.IncidentCommander).displayName(), lenientPerson(f.Owner).displayName()))
	}
	line("")
	line("%s", l.T("agenda.title"))
	line("")

	line("%s", l.T("agenda.timeline"))
	var rows []string
	// "## Timeline (JST)", "## Timeline: UTC" name the zone of a table whose header names none, as
	// pm lint reads the heading
	headingZone := ""
	if sec := x.Section("timeline"); sec != nil {
		if z := zonenames.InHeading(sec.Title); z != "" {
			headingZone = " (" + z + ")"
		}
	}
	for _, tl := range x.TimelineTables() {
		// A time of day under a header that names its zone ("Time (UTC)") takes the zone along: a
		// timeline split into tables may use one zone per table.
		zone := headingZone
		if i := strings.IndexAny(tl.TimeHeader, "(（"); i >= 0 {
			zone = " " + strings.TrimSpace(tl.TimeHeader[i:])
		}
		day := "" // a Date column's day, carried down over blank cells as lint reads it
		for i, r := range tl.Rows {
			at := oneLine(r.Time.Text)
			if tl.DateColumn >= 0 && i < len(tl.Table.Rows) {
				if d := oneLine(tl.Table.Get(tl.Table.Rows[i], tl.DateColumn).Text); d != "" {
					day = d
				}
				// "| Date | Time (UTC) |": the row's time of day with its day, as lint reads it
				if at != "" && day != "" && !strings.ContainsAny(at[:min(len(at), 10)], "-/年") {
					at = day + " " + at
				}
			}
			if at != "" && zone != "" && !strings.ContainsAny(at, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+") {
				at += zone
			}
			if s := strings.TrimSpace(at + "  " + oneLine(r.Event.Text)); s != "" {
				rows = append(rows, "   - "+s)
			}
		}
	}
	switch {
	case len(rows) == 0:
		line("   %s", l.T("agenda.not-written"))
	case len(rows) <= 2*timelineEnds:
		line("%s", strings.Join(rows, "\n"))
	default:
		line("%s", strings.Join(rows[:timelineEnds], "\n"))
		line("   %s", l.T("agenda.timeline-more", len(rows)-2*timelineEnds))
		line("%s", strings.Join(rows[len(rows)-timelineEnds:], "\n"))
	}
	line("")

	line("%s", l.T("agenda.key-points"))
	section("overview")
	line("")

	line("%s", l.T("agenda.detect"))
	line("   %s", l.T("agenda.detect-ask"))
	if text, _ := x.Text("detect-sooner"); strings.TrimSpace(text) != "" {
		text = strings.TrimSpace(text)
		line("%s", indentText(clip(text, maxSectionRunes)))
	}
	line("")

	line("%s", l.T("agenda.impact"))
	section("impact")
	line("")

	line("%s", l.T("agenda.actions"))
	items := x.ActionItems()
	if len(items) == 0 {
		line("   %s", l.T("agenda.actions-none"))
	}
	for _, it := range items {
		var details i18n.List
		for _, d := range []string{it.Type, it.Owner, it.Due, it.Ticket} {
			if d = strings.TrimSpace(d); d != "" {
				details = append(details, d)
			}
		}
		s := strings.TrimSpace(it.Priority + " " + it.Action)
		if len(details) > 0 {
			// "(process, Ken Mori, 2026-12-04)"; in Japanese "（process、高橋 健、2026-12-04）", as the
			// agenda's other notes are written
			s += l.T("agenda.action-details", details)
		}
		line("   - %s", oneLine(s))
	}
	if f.ExternalMessage {
		// The message itself, whole, so that attendees can review its wording before the meeting.
		line("")
		line("%s", l.T("agenda.external"))
		if text, _ := x.Text(config.ExternalMessageSection); strings.TrimSpace(text) != "" {
			line("%s", indentText(strings.TrimSpace(text)))
		} else {
			line("   %s", l.T("agenda.external-empty"))
		}
	}
	if len(in.Unlisted) > 0 {
		var names []string
		for _, p := range in.Unlisted {
			names = append(names, p.displayIn(l))
		}
		line("")
		line("%s", l.T("agenda.unreached", strings.Join(names, ", ")))
	}
	return strings.TrimRight(b.String(), "\n")
}

func (p person) displayName() string {
	if p.Name != "" {
		return p.Name
	}
	return p.Email
}

// indentText indents every line by three spaces, under the agenda item's number.
func indentText(s string) string {
	return "   " + strings.ReplaceAll(s, "\n", "\n   ")
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// clip shortens s to at most n characters, ending in "…" when it cut.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimRight(string(r[:n-1]), " \n") + "…"
}
