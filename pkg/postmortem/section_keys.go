package postmortem

import (
	"sort"
	"strings"
)

// sectionKeys maps every normalised name of a known section (NormalizeHeading of its key, its
// English and Japanese headings and its aliases in SectionNames) to the section's key, sorted by
// name for a binary search. It is written out rather than built from SectionNames on first use,
// which cost every run that reads one heading about 190,000 instructions (70 normalisations and a
// map); TestSectionKeysTable rebuilds it from SectionNames and prints it when they disagree.
var sectionKeys = [...]struct{ name, key string }{
	{"action items", "action-items"},
	{"action-items", "action-items"},
	{"analysis", "analysis"},
	{"contributing factors", "root-cause"},
	{"customer impact", "impact"},
	{"customer message", "external-message"},
	{"detect-sooner", "detect-sooner"},
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
	{"internal email", "internal-email"},
	{"internal-email", "internal-email"},
	{"messaging", "messaging"},
	{"overview", "overview"},
	{"resolution", "resolution"},
	{"resolution and recovery", "resolution"},
	{"responders", "responders"},
	{"root cause", "root-cause"},
	{"root causes", "root-cause"},
	{"root-cause", "root-cause"},
	{"summary", "overview"},
	{"timeline", "timeline"},
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
	{"インシデントを引き起こした要因", "root-cause"},
	{"サマリー", "overview"},
	{"タイムライン", "timeline"},
	{"メッセージング", "messaging"},
	{"何が起きたか", "what-happened"},
	{"分析", "analysis"},
	{"原因", "root-cause"},
	{"対外メッセージ", "external-message"},
	{"対応者", "responders"},
	{"影響", "impact"},
	{"影響範囲", "impact"},
	{"時系列", "timeline"},
	{"根本原因", "root-cause"},
	{"概要", "overview"},
	{"社内メール", "internal-email"},
	{"解決", "resolution"},
	{"解決策", "resolution"},
	{"顧客向けメッセージ", "external-message"},
}

// SectionKey returns the canonical key of a heading or section name, or "".
func SectionKey(name string) string {
	n := NormalizeHeading(name)
	i := sort.Search(len(sectionKeys), func(i int) bool { return strings.Compare(sectionKeys[i].name, n) >= 0 })
	if i < len(sectionKeys) && sectionKeys[i].name == n {
		return sectionKeys[i].key
	}
	return ""
}
