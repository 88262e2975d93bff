package meeting

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode"

	"github.com/pm-tools/pm/pkg/ical"
	"github.com/pm-tools/pm/pkg/lint"
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

// jaLabels are the people's labels in a Japanese description.
var jaLabels = map[string]string{"owner": "オーナー", "incident commander": "インシデントコマンダー", "customer liaison": "カスタマーリエゾン"}

// displayIn is display with the label in the description's language.
func (p person) displayIn(lang string) string {
	if l, ok := jaLabels[p.Label]; ok && lang == "ja" {
		p.Label = l
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

// parsePerson reads "Name <email>", "email" or a bare name.
func parsePerson(s string) (person, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return person{}, fmt.Errorf("empty value")
	}
	if strings.ContainsAny(s, "\x00\r\n") {
		return person{}, fmt.Errorf("%q must be one line", s)
	}
	if strings.ContainsAny(s, "<@") {
		a, err := mail.ParseAddress(s)
		if err != nil {
			return person{}, fmt.Errorf("%q is not \"Name <email>\", an email address or a name", s)
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
		sameName := p.Name != "" && strings.EqualFold(p.Name, q.Name) && (p.Email == "" || q.Email == "")
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
// whoever runs it, and the count fits RFC 5545's 32-bit integer until 2088.
var sequenceEpoch = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

func sequence(now time.Time) int {
	if s := int(now.Sub(sequenceEpoch) / time.Second); s > 0 {
		return s
	}
	return 0
}

// agendaInput is what the invitation's description is made of.
type agendaInput struct {
	Fields   *postmortem.Fields
	X        *lint.Extract
	Link     string   // URL or repository path of the document
	Unlisted []person // people to invite who are not ATTENDEEs of the event
}

// labels are the fixed words of the agenda, by language.
type labels struct {
	Intro, Document, Roles, Agenda, Timeline, TimelineMore, KeyPoints, Detect, DetectAsk, Impact,
	Actions, ActionsNone, External, NotWritten, Unreached string
}

var agendaLabels = map[string]labels{
	"en": {
		Intro:        "Postmortem meeting for the %s incident of %s: %s",
		Document:     "Document: %s (please read it before the meeting)",
		Roles:        "%s runs the meeting; %s walks through the document.",
		Agenda:       "Agenda",
		Timeline:     "1. Recap the timeline, so that everyone agrees on the facts",
		TimelineMore: "… %d more in the document …",
		KeyPoints:    "2. Recap the important points, and anything unusual",
		Detect:       "3. How could we have caught it sooner?",
		DetectAsk:    "Did it show up in a canary? Could tests, or the load test environment, have caught it?",
		Impact:       "4. Customer impact, and any comments from customers",
		Actions:      "5. Review the action items: are they right, are more needed?",
		ActionsNone:  "(none listed yet)",
		External:     "6. Review the external message before it is published",
		NotWritten:   "(not written yet)",
		Unreached:    "Also invite: %s",
	},
	"ja": {
		Intro:        "%s インシデント（%s）のポストモーテム会議: %s",
		Document:     "ドキュメント: %s（会議の前に読んでおいてください）",
		Roles:        "進行: %s / 説明: %s",
		Agenda:       "アジェンダ",
		Timeline:     "1. タイムラインの振り返り（事実の認識をそろえる）",
		TimelineMore: "… ほか %d 件はドキュメントを参照 …",
		KeyPoints:    "2. 重要なポイントと特異な点",
		Detect:       "3. もっと早く検知できなかったか",
		DetectAsk:    "カナリアで検知できたか？ テストや負荷試験環境で検知できたか？",
		Impact:       "4. 顧客への影響（お客様からの声を含む）",
		Actions:      "5. アクションアイテムの確認（妥当か、不足はないか）",
		ActionsNone:  "（まだありません）",
		External:     "6. 対外メッセージの確認（公開前）",
		NotWritten:   "（未記入）",
		Unreached:    "別途招待: %s",
	},
}

// docLanguage is "ja" when the document's headings are Japanese, else "en".
func docLanguage(x *lint.Extract) string {
	for _, title := range x.Titles {
		for _, r := range title {
			if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
				return "ja"
			}
		}
	}
	return "en"
}

// Limits that keep the description a summary: the document holds the rest.
const (
	maxSectionRunes = 700
	timelineEnds    = 3 // rows shown at each end of a longer timeline
)

// agenda is the invitation's description: the process's meeting agenda, filled from the document.
func agenda(in agendaInput) string {
	f, x := in.Fields, in.X
	lang := docLanguage(x)
	l := agendaLabels[lang]
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	section := func(key string) {
		text := strings.TrimSpace(x.Sections[key])
		if text == "" {
			text = l.NotWritten
		}
		line("%s", indentText(clip(text, maxSectionRunes)))
	}

	line(l.Intro, f.Severity, f.IncidentDate.Format("2006-01-02"), f.Title)
	line(l.Document, in.Link)
	if f.IncidentCommander != "" && f.Owner != "" {
		line(l.Roles, lenientPerson(f.IncidentCommander).displayName(), lenientPerson(f.Owner).displayName())
	}
	line("")
	line("%s", l.Agenda)
	line("")

	line("%s", l.Timeline)
	var rows []string
	for _, r := range x.Timeline {
		if s := strings.TrimSpace(oneLine(r.Time) + "  " + oneLine(r.Event)); s != "" {
			rows = append(rows, "   - "+s)
		}
	}
	switch {
	case len(rows) == 0:
		line("   %s", l.NotWritten)
	case len(rows) <= 2*timelineEnds:
		line("%s", strings.Join(rows, "\n"))
	default:
		line("%s", strings.Join(rows[:timelineEnds], "\n"))
		line("   "+l.TimelineMore, len(rows)-2*timelineEnds)
		line("%s", strings.Join(rows[len(rows)-timelineEnds:], "\n"))
	}
	line("")

	line("%s", l.KeyPoints)
	section("overview")
	line("")

	line("%s", l.Detect)
	line("   %s", l.DetectAsk)
	if text := strings.TrimSpace(x.Sections["detect-sooner"]); text != "" {
		line("%s", indentText(clip(text, maxSectionRunes)))
	}
	line("")

	line("%s", l.Impact)
	section("impact")
	line("")

	line("%s", l.Actions)
	if len(x.ActionItems) == 0 {
		line("   %s", l.ActionsNone)
	}
	for _, it := range x.ActionItems {
		var details []string
		for _, d := range []string{it.Type, it.Owner, it.Due, it.Ticket} {
			if d = strings.TrimSpace(d); d != "" {
				details = append(details, d)
			}
		}
		s := strings.TrimSpace(it.Priority + " " + it.Action)
		if len(details) > 0 {
			s += " (" + strings.Join(details, ", ") + ")"
		}
		line("   - %s", oneLine(s))
	}
	if f.ExternalMessage {
		line("")
		line("%s", l.External)
	}
	if len(in.Unlisted) > 0 {
		var names []string
		for _, p := range in.Unlisted {
			names = append(names, p.displayIn(lang))
		}
		line("")
		line(l.Unreached, strings.Join(names, ", "))
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
