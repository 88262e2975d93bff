package lint_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/pm-tools/pm/pkg/lint"
)

// fuzzSeeds are inputs at the edges of the parsers, besides the fixtures.
var fuzzSeeds = []string{
	"",
	"---",
	"---\n",
	"---\n---\n",
	"---\n---",
	"\n\n---\ntitle: x\n---\n# x\n",
	"\uFEFF---\r\ntitle: x\r\nstatus: Draft\r\n---\r\n## Overview\r\nTODO\r\n",
	"---\ntitle: [\n---\n",
	"---\n- a\n---\n",
	"---\nx\n---\n",
	"---\na: &a [1,2]\nb: &b [*a,*a]\ntitle: *b\nstatus_history: *b\n---\n",
	"---\nstatus_history:\n  - *x\n---\n",
	"---\nstatus_history: [1, [2], {status: Draft}]\n---\n",
	"---\ntitle: x\nstatus: In Review\nmeeting: 2026-11-24T15:00:00+09:00\nincident_date: 2026-11-20\nseverity: SEV-1\n---\n## Timeline\n| Time | Data Link |\n|-|-|\n||\n| 25:99 |\n|09:00|x|\n",
	"---\ntitle: x\n---\n## Action Items\n|Priority|Due|Ticket|\n|-|-|-|\n|P9|2026-02-30||\n|||\n|\n",
	"---\ntitle: x\n---\n```\n## Overview\n```\n~~~\n## Timeline\n",
	"---\ntitle: x\n---\nOverview\n===\nRoot Cause\n---\n<!-- pm-lint-disable\n## x\n",
	"---\ntitle: x\n---\n## External Message\n停止 outage outages.example.com [outage](https://outage.example.com) `outage`\n",
	"---\ntitle: x\n---\n## Responders\n- Incident Commander:\n- Scribe:\n| Scribe | |\n",
	"---\ntitle: x\n---\n<div>\n## Overview\n</div>\n\n> ## Impact\n\n- ## Timeline\n",
	"---\ntitle: \xff\xfe\n---\n## \xed\xa0\x80\n\xf4\x90\x80\x80 TODO\n",
	"---\ntitle: x\n---\n\t## Overview\n\tTODO\t??\n",
	"---\r---\r## Overview\r",
}

// FuzzLint runs the whole parse-and-lint path on arbitrary bytes: it must not panic, and every finding must
// have a known rule, a severity and a place in the file. CRLF line ends and a BOM must not move anything.
//
//	go test -run '^$' -fuzz FuzzLint -fuzztime 3m ./pkg/lint/
func FuzzLint(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(fixtureRoot, "*.md"))
	more, _ := filepath.Glob(filepath.Join(fixtureRoot, "*", "*.md"))
	if len(files) == 0 || len(more) == 0 {
		f.Fatalf("the fixtures in %s are the seeds: found %d base and %d rule fixtures", fixtureRoot, len(files), len(more))
	}
	for _, name := range append(files, more...) {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	l := newLinter(f, lint.Options{})
	f.Fuzz(func(t *testing.T, src []byte) {
		fs := l.Lint("fuzz.md", src)
		checkFindings(t, src, fs)
		for i, fd := range fs {
			if fd.Path != "fuzz.md" {
				t.Errorf("finding with path %q", fd.Path)
			}
			if i > 0 && (fs[i-1].Line > fd.Line || (fs[i-1].Line == fd.Line && fs[i-1].Column > fd.Column)) {
				t.Errorf("findings out of order: %+v before %+v", fs[i-1], fd)
			}
		}
		if bytes.IndexByte(src, '\r') < 0 && !bytes.HasPrefix(src, []byte("\uFEFF")) {
			crlf := append([]byte("\uFEFF"), bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n"))...)
			if got := l.Lint("fuzz.md", crlf); !reflect.DeepEqual(got, fs) {
				t.Errorf("BOM and CRLF change the findings\nLF:\n%s\nBOM+CRLF:\n%s", findingsText(fs), findingsText(got))
			}
		}
	})
}
