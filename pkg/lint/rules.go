package lint

// Rules is the one list of rules, in the order they run and are listed.
var Rules = []Rule{
	frontMatterRule,
	conflictMarkerRule,
	requiredSectionRule,
	emptySectionRule,
	placeholderRule,
	bannedWordRule,
	timelineOrderRule,
	timelineTimeRule,
	timelineSourceRule,
	respondersRule,
	actionItemRule,
	actionItemsCountRule,
	meetingSLARule,
	analysisQueriesRule,
	callRecordingRule,
	statusHistoryRule,
	statusGatesRule,
	vocabularyRule,
	relationsRule,
	tooComplexRule,
}
