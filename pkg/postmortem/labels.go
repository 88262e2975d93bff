package postmortem

import (
	"strings"
	"unicode/utf8"

	"github.com/pm-tools/pm/pkg/internal/fold"
)

// The role labels of a Responders section, in English (any case) and Japanese.
var (
	icLabels     = [][]rune{[]rune("incident commander"), []rune("ic"), []rune("インシデントコマンダー"), []rune("インシデント・コマンダー")}
	scribeLabels = [][]rune{[]rune("scribe"), []rune("記録係"), []rune("書記")}
)

// namesRole reads the other ways a line names someone in a role, past labelLine's "Label: name":
// the label in the plural or with a note before its colon ("Incident Commanders: A, B",
// "Incident Commander (IC): Ken", "インシデントコマンダー（IC）：森"), with a dash for the colon
// ("Incident Commander - Ken"), after another role on the line ("Incident Commander: Ken, Scribe:
// Ana"), or in parentheses after the name ("Ken Mori (Incident Commander)", "森（インシデントコマンダー）").
// A Latin label is a word: "ic" in "topic" is none. 書記官 is 書記.
func namesRole(line string, labels [][]rune) bool {
	lower := strings.ToLower(line)
	for _, label := range labels {
		l := strings.ToLower(string(label))
		for from := 0; ; {
			i := strings.Index(lower[from:], l)
			if i < 0 {
				break
			}
			i += from
			from = i + len(l)
			end := i + len(l)
			latin := l[0] < utf8.RuneSelf
			if latin && (i > 0 && isLatinWordByte(lower[i-1]) || end < len(lower) && isLatinWordByte(lower[end]) && lower[end] != 's') {
				continue
			}
			rest := lower[end:]
			if latin && strings.HasPrefix(rest, "s") {
				rest = rest[1:]
			}
			rest = strings.TrimPrefix(rest, "官") // 書記官
			// "Name (Label)": the label alone in parentheses, a name before them
			before := strings.TrimRight(lower[:i], " \t")
			if open := strings.HasSuffix(before, "(") || strings.HasSuffix(before, "（"); open {
				after := strings.TrimLeft(rest, " \t")
				if strings.HasPrefix(after, ")") || strings.HasPrefix(after, "）") {
					name := strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(before, "("), "（"), " \t")
					name = strings.TrimLeft(name, " \t-*+")
					if strings.Trim(name, "*_ ") != "" {
						return true
					}
				}
			}
			// "Label (note): name", "Label - name"
			rest = strings.TrimLeft(rest, " \t*")
			if strings.HasPrefix(rest, "(") || strings.HasPrefix(rest, "（") {
				if j := strings.IndexAny(rest, ")）"); j >= 0 {
					_, size := utf8.DecodeRuneInString(rest[j:])
					rest = strings.TrimLeft(rest[j+size:], " \t*")
				}
			}
			for _, sep := range []string{":", "：", "-", "–", "—"} {
				if name, ok := strings.CutPrefix(rest, sep); ok {
					if strings.Trim(name, "*_ \t") != "" {
						return true
					}
				}
			}
		}
	}
	return false
}

func isLatinWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_'
}

// labelLine reads one line (no line break in it) as the expression
//
//	(?i)^[ \t]*(?:[-*+][ \t]*)?(?:\*\*)?(?:LABEL|…)(?:\*\*)?[ \t]*[:：][ \t]*(?:\*\*)?[ \t]*(\S.*)?$
//
// reads it, trying its choices in the expression's order, and returns the group: what follows the
// label and its colon. It is written out rather than compiled: the two expressions cost a run that
// reads one postmortem more than the rest of reading its Responders (FuzzLabelLine compares them).
func labelLine(line string, labels [][]rune) (string, bool) {
	p := skipBlanks(line, 0)
	var afterMarker [2]int // where the label part may start: after a list marker, then without one
	n := 0
	if p < len(line) && strings.IndexByte("-*+", line[p]) >= 0 {
		afterMarker[n], n = skipBlanks(line, p+1), n+1
	}
	afterMarker[n], n = p, n+1
	for _, a := range afterMarker[:n] {
		bolds, nb := optionalBold(line, a)
		for _, b := range bolds[:nb] {
			for _, label := range labels {
				size := fold.Prefix(line[b:], label)
				if size == 0 {
					continue
				}
				closes, nc := optionalBold(line, b+size)
				for _, d := range closes[:nc] {
					e := skipBlanks(line, d)
					var colon int
					switch {
					case strings.HasPrefix(line[e:], ":"):
						colon = e + 1
					case strings.HasPrefix(line[e:], "："):
						colon = e + len("：")
					default:
						continue
					}
					if name, ok := labelName(line, colon); ok {
						return name, true
					}
				}
			}
		}
	}
	return "", false
}

// labelName reads what follows the colon: `[ \t]*(?:\*\*)?[ \t]*(\S.*)?$`.
func labelName(line string, at int) (string, bool) {
	q := skipBlanks(line, at)
	bolds, n := optionalBold(line, q)
	for _, b := range bolds[:n] {
		r := skipBlanks(line, b)
		if r == len(line) {
			return "", true
		}
		if !strings.ContainsRune("\t\n\f\r ", rune(line[r])) { // \S
			return line[r:], true
		}
	}
	return "", false
}

// optionalBold returns the places after an optional "**" at p, in the order an expression tries
// them: after it when it is there, then p itself.
func optionalBold(line string, p int) ([2]int, int) {
	if strings.HasPrefix(line[p:], "**") {
		return [2]int{p + 2, p}, 2
	}
	return [2]int{p}, 1
}

// skipBlanks returns the index after the spaces and tabs at p.
func skipBlanks(s string, p int) int {
	for p < len(s) && (s[p] == ' ' || s[p] == '\t') {
		p++
	}
	return p
}
