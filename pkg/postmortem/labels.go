package postmortem

import (
	"slices"
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
//
//   - the label starting the line (after a list marker or emphasis), or after another role on it
//     ("Incident Commander: Ken, Scribe: Ana"), in the plural or with a note before its colon, and
//     a dash for the colon: "Incident Commanders: A, B", "Incident Commander (IC): Ken",
//     "インシデントコマンダー（IC）：森", "Incident Commander - Ken";
//   - the label in parentheses ending the line, after a name: "Ken Mori (Incident Commander)",
//     "森（インシデントコマンダー）";
//   - the label ending the line after a name and a dash: "Ken Mori - Incident Commander".
//
// A name is not "none", "n/a", "nobody", "なし" and the like, and a name before the label is not
// itself a role ("Incident Commander (IC)" names nobody). A label inside a sentence ("we paged the Incident Commander - who
// was asleep") names nobody either. A Latin label is a word: "ic" in "topic" is none. 書記官 is 書記.
func namesRole(line string, labels [][]rune) bool {
	if !mayHoldLabel(line, labels) {
		return false // most lines of the section name the other role: no lower-case copy of them
	}
	if namesRoleAs(line, labels) {
		return true
	}
	// Several people on one line, each with a role: "Ken Mori (Incident Commander), Jo Park (Scribe)".
	// Roles held by one person written together: "Ken Mori (Incident Commander and Scribe)",
	// "Incident Commander (IC) and Scribe: Ken", "森（インシデントコマンダー兼記録係）": each role read
	// as if it stood alone there.
	for _, part := range topLevelParts(line) {
		if mayHoldLabel(part, labels) && namesRoleAs(part, labels) {
			return true
		}
		for _, v := range joinedVariants(part) {
			if mayHoldLabel(v, labels) && namesRoleAs(v, labels) {
				return true
			}
		}
	}
	return false
}

// topLevelParts splits a line at the commas and semicolons outside brackets; nil when there is none.
func topLevelParts(line string) []string {
	var parts []string
	depth, from := 0, 0
	for i, r := range line {
		switch r {
		case '(', '（', '[':
			depth++
		case ')', '）', ']':
			if depth > 0 {
				depth--
			}
		case ',', ';', '、', '，', '；':
			if depth == 0 {
				parts = append(parts, line[from:i])
				from = i + utf8.RuneLen(r)
			}
		}
	}
	if len(parts) == 0 {
		return []string{line}
	}
	return append(parts, line[from:])
}

// roleJoiners join roles held by one person: "Incident Commander / Scribe", "… and Scribe", "…兼記録係".
var roleJoiners = []string{"/", "／", "&", "＆", "and", "+", "＋", "兼", "・", "と", "及び", "および", ",", "、"}

// joinedVariants returns, for each run of role labels joined by roleJoiners in line (in lower case),
// the line with the run replaced by each of its labels alone (a label's plural and its note in
// brackets kept): "ken (incident commander and scribe)" gives "ken (incident commander)" and
// "ken (scribe)". nil when there is no such run.
func joinedVariants(line string) []string {
	lower := strings.ToLower(line)
	type span struct{ start, end int }
	var spans []span
	for k, labels := range [][][]rune{icLabels, scribeLabels} {
		other := [][][]rune{scribeLabels, icLabels}[k]
		for _, label := range labels {
			l := strings.ToLower(string(label))
			latin := l[0] < utf8.RuneSelf
			for from := 0; ; {
				i := strings.Index(lower[from:], l)
				if i < 0 {
					break
				}
				i += from
				end := i + len(l)
				from = end
				if latin && (i > 0 && isLatinWordByte(lower[i-1])) {
					continue
				}
				if latin && end < len(lower) && lower[end] == 's' && (end+1 == len(lower) || !isLatinWordByte(lower[end+1])) {
					end++
				}
				if latin && end < len(lower) && isLatinWordByte(lower[end]) {
					continue
				}
				// a note in brackets right after it: "incident commander (ic)"
				rest := strings.TrimLeft(lower[end:], " \t")
				for _, br := range [][2]string{{"(", ")"}, {"（", "）"}} {
					if strings.HasPrefix(rest, br[0]) {
						if j := strings.Index(rest, br[1]); j > 0 && !holdsLabel(rest[:j], other) {
							end = len(lower) - len(rest) + j + len(br[1])
						}
					}
				}
				spans = append(spans, span{i, end})
			}
		}
	}
	if len(spans) < 2 {
		return nil
	}
	slices.SortFunc(spans, func(a, b span) int { return a.start - b.start })
	kept := spans[:1] // a label inside another's note ("ic" of "incident commander (ic)") is none
	for _, sp := range spans[1:] {
		if sp.start >= kept[len(kept)-1].end {
			kept = append(kept, sp)
		}
	}
	spans = kept
	var out []string
	for g := 0; g < len(spans); {
		n := g + 1
		for n < len(spans) && spans[n].start >= spans[n-1].end && slices.Contains(roleJoiners, strings.TrimSpace(lower[spans[n-1].end:spans[n].start])) {
			n++
		}
		if n-g >= 2 {
			for _, m := range spans[g:n] {
				out = append(out, lower[:spans[g].start]+lower[m.start:m.end]+lower[spans[n-1].end:])
			}
		}
		g = n
	}
	return out
}

// namesRoleAs is namesRole's reading of one line as written, without joined roles taken apart.
func namesRoleAs(line string, labels [][]rune) bool {
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
				if rest != "" && isLatinWordByte(rest[0]) {
					continue
				}
			}
			rest = strings.TrimPrefix(rest, "官") // 書記官
			lead := strings.TrimRight(lower[:i], " \t")
			// "Name (Label)": the label alone in parentheses, ending the line
			if open := strings.HasSuffix(lead, "(") || strings.HasSuffix(lead, "（"); open {
				after := strings.TrimLeft(rest, " \t")
				if c, ok := cutAny(after, ")", "）"); ok && lineEnds(c) {
					name := strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(lead, "("), "（"), " \t")
					if someone(trimLead(name)) {
						return true
					}
				}
				continue
			}
			// "Name - Label": the label ending the line
			if lineEnds(rest) {
				for _, dash := range []string{"-", "–", "—"} {
					if name, ok := strings.CutSuffix(lead, dash); ok && someone(trimLead(name)) {
						return true
					}
				}
				continue
			}
			// "Label (note): name", "Label - name": the label leads the line or follows another role
			if !leads(lead) {
				continue
			}
			rest = strings.TrimLeft(rest, " \t*_")
			if strings.HasPrefix(rest, "(") || strings.HasPrefix(rest, "（") {
				if j := strings.IndexAny(rest, ")）"); j >= 0 {
					_, size := utf8.DecodeRuneInString(rest[j:])
					rest = strings.TrimLeft(rest[j+size:], " \t*_")
				}
			}
			// "インシデントコマンダー兼記録係: 森", "Incident Commander / Scribe: Ken": roles joined
			// before one name
			if after, ok := cutAny(rest, "兼", "・", "/", "／", "&", "＆", "and ", "+", "＋", "と", "及び", "および", ","); ok {
				// the other role may be one pm does not know: "Incident Commander / Communications Lead: Ken"
				if j := strings.IndexAny(after, ":："); j > 0 && (hasAnyLabel(after[:j]) || roleLike(after[:j])) {
					rest = after[j:]
				}
			}
			for _, sep := range []string{":", "：", "-", "–", "—", "ー", "　"} {
				if name, ok := strings.CutPrefix(rest, sep); ok && somebody(name) {
					return true
				}
			}
		}
	}
	return false
}

// mayHoldLabel reports whether line may hold one of labels: in any ASCII letter case for a Latin
// label, as written for another.
func mayHoldLabel(line string, labels [][]rune) bool {
	for _, label := range labels {
		l := string(label)
		if l[0] >= utf8.RuneSelf {
			if strings.Contains(line, l) {
				return true
			}
			continue
		}
		for i := 0; i+len(l) <= len(line); i++ {
			if strings.EqualFold(line[i:i+len(l)], l) {
				return true
			}
		}
	}
	return false
}

// cutAny is strings.CutPrefix with the first of prefixes s has.
func cutAny(s string, prefixes ...string) (string, bool) {
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(s, p); ok {
			return rest, true
		}
	}
	return s, false
}

// lineEnds reports whether s holds nothing but spaces, emphasis and closing punctuation.
func lineEnds(s string) bool { return strings.Trim(s, " \t*_.,;。、") == "" }

// trimLead drops a list marker and emphasis from the start of a name and from its end.
func trimLead(s string) string { return strings.Trim(s, " \t-*+_>") }

// leads reports whether the text before a label leaves it leading the line: nothing but a list
// marker and emphasis, or another role's name ended by a comma or semicolon.
func leads(lead string) bool {
	t := strings.TrimLeft(lead, " \t-*+_>")
	if t == "" {
		return true
	}
	if n := strings.TrimRight(t, ".)"); len(n) < len(t) && n != "" && strings.Trim(n, "0123456789") == "" {
		return true // "1." of an ordered list
	}
	if strings.HasSuffix(t, "　") { // a Japanese line sets its items apart with an ideographic space
		return true
	}
	t = strings.TrimRight(t, " \t*_")
	for _, sep := range []string{",", ";", "、", "，", "；", "/", "／", "|", "兼", "・", "&", "＆"} {
		if strings.HasSuffix(t, sep) {
			return true
		}
	}
	// "Scribe and Incident Commander: Ken", "記録係とインシデントコマンダー：森": joined by a word
	// only after a role's label ("we paged Ken and the Incident Commander: …" is a sentence)
	for _, sep := range []string{" and", "+", "＋", "と", "及び", "および"} {
		if before, ok := strings.CutSuffix(t, sep); ok && isRoleLabel(strings.TrimRight(before, " \t*_")) {
			return true
		}
	}
	return false
}

// isRoleLabel reports whether s (lower case) is a role's label and nothing else, after a list marker.
func isRoleLabel(s string) bool {
	s = strings.TrimLeft(s, " \t-*+_>")
	for _, labels := range [][][]rune{icLabels, scribeLabels} {
		for _, l := range labels {
			if s == strings.ToLower(string(l)) {
				return true
			}
		}
	}
	return false
}

// nobody are what a role's line says when no one holds it; nobodyFirst also as the first word of it
// ("none assigned", "nobody was").
var (
	nobody      = []string{"n/a", "na", "n.a.", "n.a", "no one", "noone", "not assigned", "nil", "-", "–", "—", "ー", "―", "－", "?", "？", "いない", "いません"}
	nobodyFirst = []string{"none", "nobody", "unassigned", "n/a", "なし", "無し", "不在", "未定", "未割り当て", "該当なし"}
)

// somebody reports whether s, written after a role's label, names someone: text, and not a word for
// nobody.
func somebody(s string) bool {
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "*_"))
	if s == "" {
		return false
	}
	first := s
	if i := strings.IndexAny(s, " \t,;.()（）、。"); i > 0 {
		first = s[:i]
	}
	whole := strings.TrimRight(s, ".。")
	for _, w := range nobody {
		if strings.EqualFold(whole, w) {
			return false
		}
	}
	for _, w := range nobodyFirst {
		if strings.EqualFold(whole, w) || strings.EqualFold(first, w) {
			return false
		}
	}
	return true
}

// someone reports whether s, written before a role's label, names someone: somebody, and no role
// itself ("Incident Commander (IC)" names nobody).
func someone(s string) bool {
	if !somebody(s) {
		return false
	}
	return !hasAnyLabel(s)
}

// hasAnyLabel reports whether s names a role, any of them.
func hasAnyLabel(s string) bool {
	s = strings.ToLower(s)
	for _, labels := range [][][]rune{icLabels, scribeLabels} {
		for _, l := range labels {
			if hasLabel(s, strings.ToLower(string(l))) {
				return true
			}
		}
	}
	return false
}

// hasLabel reports whether s (lower case) holds label as a word (a Latin label) or at all.
func hasLabel(s, label string) bool {
	for from := 0; ; {
		i := strings.Index(s[from:], label)
		if i < 0 {
			return false
		}
		i += from
		end := i + len(label)
		if label[0] >= utf8.RuneSelf || (i == 0 || !isLatinWordByte(s[i-1])) && (end == len(s) || !isLatinWordByte(s[end]) || s[end] == 's') {
			return true
		}
		from = end
	}
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

// roleLike reports whether s, written between a joiner and a colon after a role's label, reads as the
// name of another role ("communications lead"), not a sentence: a few words, no sentence's end.
func roleLike(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && len(s) <= 40 && len(strings.Fields(s)) <= 4 && !strings.ContainsAny(s, ".。!?！？")
}

// holdsLabel reports whether s (lower case) holds one of labels.
func holdsLabel(s string, labels [][]rune) bool {
	for _, l := range labels {
		if hasLabel(s, strings.ToLower(string(l))) {
			return true
		}
	}
	return false
}
