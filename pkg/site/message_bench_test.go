package site

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// BenchmarkLongMessage builds the site of one postmortem whose External Message holds n blocks:
// time per block that grows with n is each block looked for among all the document's.
//
//	go test -run '^$' -bench LongMessage ./pkg/site/
func BenchmarkLongMessage(b *testing.B) {
	for _, n := range []int{10000, 20000} {
		src := "---\ntitle: Long\nseverity: SEV-2\nstatus: Draft\nowner: Ana\nincident_date: 2026-11-20\nexternal_message: true\n---\n# Long\n\n## Overview\n\nText.\n\n## External Message\n\n" +
			strings.Repeat("<!-- a comment -->\nA line.\n\n", n)
		b.Run(fmt.Sprint(n), func(b *testing.B) { benchmarkBuildOne(b, "2026-11-20-long", src) })
	}
}

// benchmarkBuildOne builds, b.N times, the site of the one postmortem postmortems/ID.md that src
// holds, parsed anew for each build: rendering changes the syntax tree.
func benchmarkBuildOne(b *testing.B, id, src string) {
	path := "postmortems/" + id + ".md"
	in := []Input{{ID: id, Path: path}}
	for b.Loop() {
		in[0].Doc = postmortem.Parse(path, []byte(src), time.UTC)
		if _, err := Build(b.TempDir()+"/site", in, fixtureOptions(i18n.EN)); err != nil {
			b.Fatal(err)
		}
	}
}
