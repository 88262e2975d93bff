package site

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkManyTerms builds the site of one postmortem listing n services and n tags: a page for
// each, whose rows show none of them. Time per page that grows with n is the square of n (the rows
// of every page made a link for each of the postmortem's services and tags).
//
//	go test -run '^$' -bench ManyTerms ./pkg/site/
func BenchmarkManyTerms(b *testing.B) {
	for _, n := range []int{500, 1000} {
		var sv, tg []string
		for i := range n {
			sv, tg = append(sv, fmt.Sprintf("svc%d", i)), append(tg, fmt.Sprintf("tag%d", i))
		}
		src := "---\ntitle: Many\nseverity: SEV-2\nstatus: Draft\nowner: Ana\nincident_date: 2026-11-20\nservices: [" +
			strings.Join(sv, ", ") + "]\ntags: [" + strings.Join(tg, ", ") + "]\n---\n# Many\n\n## Overview\n\nText.\n"
		b.Run(fmt.Sprint(n), func(b *testing.B) { benchmarkBuildOne(b, "2026-11-20-many", src) })
	}
}
