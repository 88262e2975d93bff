package postmortem

import (
	"strings"

	"github.com/pm-tools/pm/pkg/internal/fold"
)

// The role labels of a Responders section, in English (any case) and Japanese.
var (
	icLabels     = [][]rune{[]rune("incident commander"), []rune("ic"), []rune("インシデントコマンダー"), []rune("インシデント・コマンダー")}
	scribeLabels = [][]rune{[]rune("scribe"), []rune("記録係"), []rune("書記")}
)

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
