package root

import (
	"regexp"
	"strings"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/lazy"
)

// cobraErrors are the errors cobra and pflag word themselves (unknown flags and commands, missing
// flag values, argument counts), matched by their English text so that they read in the user's
// language too. Each pattern's groups are the message's arguments, in order.
// They are compiled on first use, when an error is shown in Japanese, not in every pm process.
var cobraErrors = lazy.Value[[]cobraError]{New: func() []cobraError {
	return []cobraError{
		{regexp.MustCompile(`^unknown flag: (\S+)$`), "cobra.unknown-flag"},
		{regexp.MustCompile(`^unknown shorthand flag: '(.)' in (\S+)$`), "cobra.unknown-shorthand"},
		{regexp.MustCompile(`^flag needs an argument: (.+)$`), "cobra.needs-argument"},
		{regexp.MustCompile(`^invalid argument "(.*)" for "(.+)" flag: (.*)$`), "cobra.invalid-argument"},
		{regexp.MustCompile(`^bad flag syntax: (.*)$`), "cobra.bad-syntax"},
		{regexp.MustCompile(`^unknown command "(.*)" for "(.*)"$`), "cobra.unknown-command"},
		{regexp.MustCompile(`^unknown help topic "(.*)"$`), "cobra.unknown-help-topic"}, // pm help's own, worded as cobra's
		{regexp.MustCompile(`^accepts at most (\d+) arg\(s\), received (\d+)$`), "cobra.at-most"},
		{regexp.MustCompile(`^accepts (\d+) arg\(s\), received (\d+)$`), "cobra.exactly"},
		{regexp.MustCompile(`^requires at least (\d+) arg\(s\), only received (\d+)$`), "cobra.at-least"},
		{regexp.MustCompile(`^accepts between (\d+) and (\d+) arg\(s\), received (\d+)$`), "cobra.between"},
		{regexp.MustCompile(`^required flag\(s\) (.+) not set$`), "cobra.required"},
	}
}}

type cobraError struct {
	re *regexp.Regexp
	id string
}

// cobraMessage returns cobra's or pflag's error text in language l, with cobra's "Did you mean
// this?" suggestions kept; text it does not recognise comes back as it is.
func cobraMessage(l i18n.Lang, msg string) string {
	first, rest, _ := strings.Cut(msg, "\n")
	// a duration flag's value Go cannot read ("--tolerance 1日"): Go's words quote it with its bytes
	// escaped ("\xe6\x97\xa5"), so the reason is said in pm's, with the forms it takes
	if i := strings.Index(first, `" flag: time: `); i >= 0 && strings.HasPrefix(first, "invalid argument ") {
		first = first[:i+len(`" flag: `)] + l.T("cobra.bad-duration")
		msg = first
		if rest != "" {
			msg += "\n" + rest
		}
	}
	if l == i18n.EN {
		// the suggestions on the error's one line: "…; did you mean install?"
		if suggestions := strings.Fields(strings.TrimPrefix(strings.TrimSpace(rest), "Did you mean this?")); len(suggestions) > 0 && strings.Contains(rest, "Did you mean this?") {
			return first + l.T("cobra.did-you-mean", strings.Join(suggestions, ", "))
		}
		return msg
	}
	for _, e := range cobraErrors.Get() {
		m := e.re.FindStringSubmatch(first)
		if m == nil {
			continue
		}
		args := make([]any, len(m)-1)
		for i, g := range m[1:] {
			args[i] = g
		}
		out := l.T(e.id, args...)
		if suggestions := strings.Fields(strings.TrimPrefix(strings.TrimSpace(rest), "Did you mean this?")); len(suggestions) > 0 && strings.Contains(rest, "Did you mean this?") {
			out += l.T("cobra.did-you-mean", strings.Join(suggestions, ", "))
		}
		return out
	}
	return msg
}
