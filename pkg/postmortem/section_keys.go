package postmortem

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// sectionKeys maps every normalised name of a known section (NormalizeHeading of its key, its
// English and Japanese headings and its aliases in SectionNames) to the section's key, sorted by
// name for a binary search. It is written out rather than built from SectionNames on first use,
// which cost every run that reads one heading about 190,000 instructions (70 normalisations and a
// map); TestSectionKeysTable rebuilds it from SectionNames and prints it when they disagree.
var sectionKeys = [...]nameKey{
	{"action items", "action-items"},
	{"action-items", "action-items"},
	{"analysis", "analysis"},
	{"contributing factors", "root-cause"},
	{"customer impact", "impact"},
	{"customer message", "external-message"},
	{"detailed timeline", "timeline"},
	{"detect-sooner", "detect-sooner"},
	{"event timeline", "timeline"},
	{"executive summary", "overview"},
	{"external message", "external-message"},
	{"external-message", "external-message"},
	{"follow ups", "action-items"},
	{"follow-ups", "action-items"},
	{"followups", "action-items"},
	{"how could we have detected it sooner", "detect-sooner"},
	{"how did we do", "how-did-we-do"},
	{"how'd we do", "how-did-we-do"},
	{"how-did-we-do", "how-did-we-do"},
	{"impact", "impact"},
	{"incident overview", "overview"},
	{"incident summary", "overview"},
	{"incident timeline", "timeline"},
	{"internal email", "internal-email"},
	{"internal-email", "internal-email"},
	{"messaging", "messaging"},
	{"overview", "overview"},
	{"resolution", "resolution"},
	{"resolution and recovery", "resolution"},
	{"responders", "responders"},
	{"root cause", "root-cause"},
	{"root cause analysis", "root-cause"},
	{"root causes", "root-cause"},
	{"root-cause", "root-cause"},
	{"summary", "overview"},
	{"timeline", "timeline"},
	{"timeline of events", "timeline"},
	{"went-badly", "went-badly"},
	{"went-well", "went-well"},
	{"what didn't go so well", "went-badly"},
	{"what happened", "what-happened"},
	{"what went well", "went-well"},
	{"what went wrong", "went-badly"},
	{"what-happened", "what-happened"},
	{"どう対処したか", "how-did-we-do"},
	{"なにがうまくいかなかった", "went-badly"},
	{"なにがうまくいった", "went-well"},
	{"なにが起きたか", "what-happened"},
	{"もっと早く検知できなかったか", "detect-sooner"},
	{"アクションアイテム", "action-items"},
	{"インシデントの概要", "overview"},
	{"インシデントを引き起こした要因", "root-cause"},
	{"インシデント概要", "overview"},
	{"サマリー", "overview"},
	{"タイムライン", "timeline"},
	{"メッセージング", "messaging"},
	{"何が起きたか", "what-happened"},
	{"分析", "analysis"},
	{"原因", "root-cause"},
	{"原因分析", "root-cause"},
	{"対外メッセージ", "external-message"},
	{"対応者", "responders"},
	{"影響", "impact"},
	{"影響範囲", "impact"},
	{"時系列", "timeline"},
	{"根本原因", "root-cause"},
	{"根本原因分析", "root-cause"},
	{"概要", "overview"},
	{"社内メール", "internal-email"},
	{"解決", "resolution"},
	{"解決策", "resolution"},
	{"顧客向けメッセージ", "external-message"},
}

// nameKey is a name of a section and the section's key.
type nameKey struct{ name, key string }

// sectionTitles maps every name of a known section exactly as SectionNames writes it (its key, its
// English and Japanese headings, its aliases: what the templates write, and so most headings) to
// the section's key, sorted for a binary search: such a heading needs no normalising, which was 2 %
// of pm lint. TestSectionTitlesTable rebuilds it from SectionNames and checks every name against
// the full reading.
var sectionTitles = [...]nameKey{
	{"Action Items", "action-items"},
	{"Analysis", "analysis"},
	{"Contributing Factors", "root-cause"},
	{"Customer Impact", "impact"},
	{"Customer Message", "external-message"},
	{"Detailed Timeline", "timeline"},
	{"Event Timeline", "timeline"},
	{"Executive Summary", "overview"},
	{"External Message", "external-message"},
	{"Follow ups", "action-items"},
	{"Follow-ups", "action-items"},
	{"Followups", "action-items"},
	{"How Could We Have Detected It Sooner?", "detect-sooner"},
	{"How Did We Do", "how-did-we-do"},
	{"How'd We Do?", "how-did-we-do"},
	{"How’d We Do", "how-did-we-do"},
	{"Impact", "impact"},
	{"Incident Overview", "overview"},
	{"Incident Summary", "overview"},
	{"Incident Timeline", "timeline"},
	{"Internal Email", "internal-email"},
	{"Messaging", "messaging"},
	{"Overview", "overview"},
	{"Resolution", "resolution"},
	{"Resolution and Recovery", "resolution"},
	{"Responders", "responders"},
	{"Root Cause", "root-cause"},
	{"Root Cause Analysis", "root-cause"},
	{"Root Causes", "root-cause"},
	{"Summary", "overview"},
	{"Timeline", "timeline"},
	{"Timeline of Events", "timeline"},
	{"What Didn't Go So Well?", "went-badly"},
	{"What Didn’t Go So Well", "went-badly"},
	{"What Happened", "what-happened"},
	{"What Went Well?", "went-well"},
	{"What Went Wrong", "went-badly"},
	{"What happened", "what-happened"},
	{"action-items", "action-items"},
	{"analysis", "analysis"},
	{"detect-sooner", "detect-sooner"},
	{"external-message", "external-message"},
	{"how-did-we-do", "how-did-we-do"},
	{"impact", "impact"},
	{"internal-email", "internal-email"},
	{"messaging", "messaging"},
	{"overview", "overview"},
	{"resolution", "resolution"},
	{"responders", "responders"},
	{"root-cause", "root-cause"},
	{"timeline", "timeline"},
	{"went-badly", "went-badly"},
	{"went-well", "went-well"},
	{"what-happened", "what-happened"},
	{"どう対処したか", "how-did-we-do"},
	{"なにがうまくいかなかった？", "went-badly"},
	{"なにがうまくいった？", "went-well"},
	{"なにが起きたか", "what-happened"},
	{"もっと早く検知できなかったか？", "detect-sooner"},
	{"アクションアイテム", "action-items"},
	{"インシデントの概要", "overview"},
	{"インシデントを引き起こした要因", "root-cause"},
	{"インシデント概要", "overview"},
	{"サマリー", "overview"},
	{"タイムライン", "timeline"},
	{"メッセージング", "messaging"},
	{"何が起きたか", "what-happened"},
	{"分析", "analysis"},
	{"原因", "root-cause"},
	{"原因分析", "root-cause"},
	{"対外メッセージ", "external-message"},
	{"対応者", "responders"},
	{"影響", "impact"},
	{"影響範囲", "impact"},
	{"時系列", "timeline"},
	{"根本原因", "root-cause"},
	{"根本原因分析", "root-cause"},
	{"概要", "overview"},
	{"社内メール", "internal-email"},
	{"解決", "resolution"},
	{"解決策", "resolution"},
	{"顧客向けメッセージ", "external-message"},
}

// SectionKey returns the canonical key of a heading or section name, or "".
func SectionKey(name string) string {
	if k := search(sectionTitles[:], name); k != "" {
		return k
	}
	return readSectionKey(name)
}

// readSectionKey is SectionKey for any name: normalised, then read in the looser ways.
func readSectionKey(name string) string {
	if k := keyOf(NormalizeHeading(name)); k != "" {
		return k
	}
	return looseKey(name)
}

func keyOf(n string) string { return search(sectionKeys[:], n) }

// search returns the key of name n in table, sorted by name, or "" (a loop: sort.Search's call of a
// function per step cost as much as the comparisons).
func search(table []nameKey, n string) string {
	lo, hi := 0, len(table)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if table[m].name < n {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(table) && table[lo].name == n {
		return table[lo].key
	}
	return ""
}

// looseKey reads the other ways a heading names a section, tried only when the plain reading finds
// none (most headings are found at once):
//
//   - full-width letters and digits, and the numbers Unicode writes as one character (ＯＶＥＲＶＩＥＷ,
//     Ⅰ．概要, ①概要), read as NFKC reads them;
//   - Japanese numbering: 第1章, 一、, 二．, a number right before the words (①概要);
//   - a space inside Japanese words, as a typesetter spaces them (概　要);
//   - two names for one section, one in each language: "Overview / 概要", "概要（Overview）", or
//     joined ("Action Items & Follow-ups");
//   - a note after the name, past a colon or a dash ("Timeline: UTC", "Timeline - all times UTC").
func looseKey(name string) string {
	if !isASCII(name) {
		n := NormalizeHeading(norm.NFKC.String(name))
		n = trimJapaneseNumbering(n)
		if k := keyOf(n); k != "" {
			return k
		}
		if k := keyOf(joinCJK(n)); k != "" {
			return k
		}
	}
	for _, sep := range []string{" / ", "／", "/", " | ", "｜", " & "} {
		if a, b, ok := strings.Cut(name, sep); ok {
			if k := SectionKey(a); k != "" {
				return k
			}
			if k := SectionKey(b); k != "" {
				return k
			}
		}
	}
	// a note after the name, past a colon or a dash: "Timeline: UTC", "Timeline - all times UTC",
	// "タイムライン：JST" (the note is never the name)
	for _, sep := range []string{":", "：", " - ", " – ", " — "} {
		if a, _, ok := strings.Cut(name, sep); ok && strings.TrimSpace(a) != "" {
			if k := SectionKey(a); k != "" {
				return k
			}
		}
	}
	return ""
}

// StartsWithSectionName reports whether a heading begins with a name of the section key (its English
// or Japanese heading, or an alias) and goes on past it: "Root Cause Investigation", "Root-Cause
// Notes", "根本原因の調査" (Japanese runs on without a space). A name must end at a word's end in
// English: "Impacted Teams" does not begin with "Impact".
func StartsWithSectionName(title, key string) bool {
	n := strings.ReplaceAll(NormalizeHeading(title), "-", " ")
	info := SectionInfo(key)
	for _, name := range append([]string{info.En, info.Ja}, info.Aliases...) {
		m := strings.ReplaceAll(NormalizeHeading(name), "-", " ")
		rest, ok := strings.CutPrefix(n, m)
		if !ok || m == "" {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(rest); rest == "" || !isASCII(m) || notWordRune(r) {
			return true
		}
	}
	return false
}

// trimJapaneseNumbering drops a section number written the Japanese way from the start of a
// normalised heading: 第1章 / 第一節, a kanji numeral before 、 or ．, a number right before the
// words.
func trimJapaneseNumbering(n string) string {
	const kanji = "〇一二三四五六七八九十百"
	if rest, ok := strings.CutPrefix(n, "第"); ok {
		i := 0
		for i < len(rest) {
			r, size := utf8.DecodeRuneInString(rest[i:])
			if !unicode.IsDigit(r) && !strings.ContainsRune(kanji, r) {
				break
			}
			i += size
		}
		if r, size := utf8.DecodeRuneInString(rest[i:]); i > 0 && strings.ContainsRune("章節部項", r) {
			return strings.TrimSpace(rest[i+size:])
		}
	}
	i := 0
	for i < len(n) {
		r, size := utf8.DecodeRuneInString(n[i:])
		if !unicode.IsDigit(r) && !strings.ContainsRune(kanji, r) {
			break
		}
		i += size
	}
	if i == 0 || i == len(n) {
		return n
	}
	rest := n[i:]
	if r, size := utf8.DecodeRuneInString(rest); strings.ContainsRune("、，,．.", r) {
		return strings.TrimSpace(rest[size:])
	}
	if r, _ := utf8.DecodeRuneInString(rest); r > unicode.MaxASCII && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
		if strings.ContainsRune(kanji, []rune(n)[0]) {
			return n // 一覧, 十分: a word that begins with a numeral, not a number
		}
		return rest // "1概要", ① read as 1
	}
	return n
}

// joinCJK drops the spaces between two Japanese characters ("概 要" is 概要).
func joinCJK(n string) string {
	if !strings.Contains(n, " ") {
		return n
	}
	rs := []rune(n)
	var b strings.Builder
	for i, r := range rs {
		if r == ' ' && i > 0 && i+1 < len(rs) && isCJK(rs[i-1]) && isCJK(rs[i+1]) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isCJK(r rune) bool {
	return r > unicode.MaxASCII && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}
