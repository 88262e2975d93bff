// Package i18n is pm's one catalogue of messages, in English and Japanese, and the choice of language.
package i18n

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Lang is a message language.
type Lang int

// Languages.
const (
	EN Lang = iota
	JA
)

// String is the language's code.
func (l Lang) String() string {
	if l == JA {
		return "ja"
	}
	return "en"
}

// Parse reads "en" or "ja" (any case, "ja_JP.UTF-8" style too).
func Parse(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "en" || strings.HasPrefix(s, "en_") || strings.HasPrefix(s, "en-"):
		return EN, true
	case s == "ja" || strings.HasPrefix(s, "ja_") || strings.HasPrefix(s, "ja-") || strings.HasPrefix(s, "ja."):
		return JA, true
	}
	return EN, false
}

// Detect chooses the language pm speaks to the user: the --lang flag when given; else the locale
// (the first of LC_ALL, LC_MESSAGES, LANG that is set): Japanese when it starts with "ja", English
// for any other language; else, when the locale names no language (unset, C or POSIX, as on many CI
// machines), the team's language (`language` in .pm.yaml); else English. The team's language is
// the language of its postmortems: one engineer can read pm in English while writing a Japanese
// postmortem.
func Detect(flag string, config string, getenv func(string) string) Lang {
	if l, ok := Parse(flag); ok && flag != "" {
		return l
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(k)
		if v == "" {
			continue
		}
		if lower := strings.ToLower(v); lower == "c" || lower == "posix" || strings.HasPrefix(lower, "c.") {
			break // a locale without a language
		}
		if strings.HasPrefix(strings.ToLower(v), "ja") {
			return JA
		}
		return EN
	}
	if l, ok := Parse(config); ok && l == JA {
		return JA
	}
	return EN
}

// Msg is a message not yet rendered: an id and its arguments. Passed as an argument to T, it is
// rendered in the same language, so messages can be composed.
type Msg struct {
	ID   string
	Args []any
}

// M makes a Msg.
func M(id string, args ...any) Msg { return Msg{ID: id, Args: args} }

// In renders m in language l.
func (m Msg) In(l Lang) string { return l.T(m.ID, m.Args...) }

// String renders m in English.
func (m Msg) String() string { return EN.T(m.ID, m.Args...) }

// T formats the message id in language l with args, as fmt.Sprintf does. An id missing from the
// catalogue (a bug) is shown as itself with its arguments rather than hidden.
func (l Lang) T(id string, args ...any) string {
	m, ok := message(id)
	if !ok {
		if len(args) == 0 {
			return id
		}
		return id + fmt.Sprint(args...)
	}
	format := m[EN]
	if l == JA && m[JA] != "" {
		format = m[JA]
	}
	if len(args) == 0 {
		return format
	}
	out := fmt.Sprintf(format, l.render(args)...)
	if l == EN && strings.Contains(format, "(s)") {
		out = pluralize(out)
	}
	return out
}

// pluralize writes an English message's "(s)" as the count before it wants: "1 gate failed", "3
// gates failed". The count is the digits before the noun, with at most two words between them
// ("2 action item(s)", "4 more open postmortem(s)"): a noun with no count there ("an http(s)
// address") is left as it is. Scanned by hand: a regular expression here cost 2 % of pm lint, which
// reports a count in many of its findings.
func pluralize(s string) string {
	var b strings.Builder
	last := 0 // s[:last] is written
	for i := 0; ; {
		k := strings.Index(s[i:], "(s)")
		if k < 0 {
			break
		}
		k += i
		i = k + 3
		one, ok := countBefore(s[:k])
		if !ok {
			continue
		}
		if b.Len() == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[last:k])
		if !one {
			b.WriteByte('s')
		}
		last = i
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// countBefore reads, backwards from the end of s, a noun, up to two words before it and a count
// before them, each after one space ("3 action item"): whether there is one, and whether it is 1.
func countBefore(s string) (one, ok bool) {
	isWord := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' }
	end := len(s)
	for words := 0; words < 4; words++ {
		start := end
		for start > 0 && isWord(s[start-1]) {
			start--
		}
		if start == end || start == 0 || s[start-1] != ' ' {
			break // not a word (the noun, or one between), or nothing before it
		}
		end = start - 1 // the space
		digits := end
		for digits > 0 && s[digits-1] >= '0' && s[digits-1] <= '9' {
			digits--
		}
		if digits < end {
			return s[digits:end] == "1", true
		}
		if words == 2 {
			break // the noun and two words: the count must come next
		}
	}
	return false, false
}

// List is a list of messages (or plain values), joined with ", " when rendered as an argument.
type List []any

// Or is a list of alternatives, joined with the language's "or" when rendered as an argument.
type Or []string

// render replaces Msg and Or arguments by their text in l.
func (l Lang) render(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case Msg:
			out[i] = v.In(l)
		case *Error:
			out[i] = v.Msg.In(l)
		case error:
			out[i] = Text(l, v) // one wrapped ("file:3: %w") keeps its wrapping, its own words in l
		case Or:
			out[i] = strings.Join(v, l.T("list.or"))
		case List:
			parts := make([]string, len(v))
			for j, x := range l.render(v) {
				parts[j] = fmt.Sprint(x)
			}
			sep := ", "
			if l == JA {
				sep = "、"
			}
			out[i] = strings.Join(parts, sep)
		case string:
			if strings.ContainsRune(v, '\u3000') { // the rest print as they are, at no cost
				out[i] = quotable(v)
			} else {
				out[i] = a
			}
		default:
			out[i] = a
		}
	}
	return out
}

// quotable is a string argument of a message. Its %q is Go's quoting except that the ideographic
// space (U+3000), which Japanese writers type between words and names ("田中　太郎", "９時　ＪＳＴ"),
// stays as typed: Go's %q writes it \u3000, a text nobody typed and an editor's search does not
// find. The characters %q escapes to show what is hidden (controls, zero-width and bidirectional
// marks, the no-break space) are still escaped.
type quotable string

// Format writes s for verb: %q as described above (%+q, %#q and a precision as Go writes them),
// any other verb as a plain string.
func (s quotable) Format(f fmt.State, verb rune) {
	if _, prec := f.Precision(); verb != 'q' || prec || f.Flag('+') || f.Flag('#') || !strings.ContainsRune(string(s), '\u3000') {
		fmt.Fprintf(f, fmt.FormatString(f, verb), string(s))
		return
	}
	parts := strings.Split(string(s), "\u3000")
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i, p := range parts {
		if i > 0 {
			b.WriteRune('\u3000')
		}
		q := strconv.Quote(p)
		b.WriteString(q[1 : len(q)-1])
	}
	b.WriteByte('"')
	fmt.Fprintf(f, fmt.FormatString(f, 's'), b.String())
}

// N renders a counted noun: the catalogue holds "singular|plural" forms with %d (English), or one
// form (Japanese).
func (l Lang) N(id string, n int) string {
	forms := strings.Split(l.T(id), "|")
	f := forms[len(forms)-1]
	if n == 1 {
		f = forms[0]
	}
	return fmt.Sprintf(f, n)
}

// Error is an error whose text is a catalogue message, so that a command can show it in the user's
// language (Text); Error() is the English text.
type Error struct{ Msg Msg }

// Err makes an *Error of the message id with args.
func Err(id string, args ...any) error { return &Error{Msg: M(id, args...)} }

func (e *Error) Error() string { return e.Msg.String() }

// In is the error's text in l: where a command shows an error, wrapped or not, in the user's language.
func (e *Error) In(l Lang) string { return e.Msg.In(l) }

// Text is err's text in l: an *Error's message rendered in l, wrapped or not (the wrapping kept), any other
// error's own text.
func Text(l Lang, err error) string {
	var e *Error
	if !errors.As(err, &e) {
		return err.Error()
	}
	if error(e) == err {
		return e.Msg.In(l)
	}
	// wrapped: only the localized error's own words change, the text around it stays
	return strings.Replace(err.Error(), e.Error(), e.Msg.In(l), 1)
}

// jaWeekdays are the one-character Japanese weekday names, Sunday first as time.Weekday counts.
var jaWeekdays = []string{"日", "月", "火", "水", "木", "金", "土"}

// Day is t's date with its weekday: "Wed 2026-11-25" in English, "2026-11-25 (水)" in Japanese.
func (l Lang) Day(t time.Time) string {
	if l == JA {
		return t.Format("2006-01-02") + " (" + jaWeekdays[t.Weekday()] + ")"
	}
	return t.Format("Mon 2006-01-02")
}

// DayTime is Day with the time of day and the zone: "Wed 2026-11-25 10:00 JST",
// "2026-11-25 (水) 10:00 JST".
func (l Lang) DayTime(t time.Time) string {
	if l == JA {
		return l.Day(t) + t.Format(" 15:04 MST")
	}
	return t.Format("Mon 2006-01-02 15:04 MST")
}

// Has reports whether the catalogue holds id.
func Has(id string) bool { _, ok := message(id); return ok }
