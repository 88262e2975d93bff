package lint_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/i18n"
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
	l := newLinter(f, lint.Options{Fixes: true})
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
			got := l.Lint("fuzz.md", crlf)
			// The fixes' byte offsets differ with the line ends: they are compared by their result.
			if !reflect.DeepEqual(withoutFixes(got), withoutFixes(fs)) {
				t.Errorf("BOM and CRLF change the findings\nLF:\n%s\nBOM+CRLF:\n%s", findingsText(fs), findingsText(got))
			} else {
				checkCRLFFixes(t, src, fs, crlf, got)
			}
		}
		for i, fd := range fs {
			for _, fx := range fd.Fixes {
				if fx.Safe {
					checkFix(t, l, src, fd, fx)
				}
			}
			if i < 3 { // each try parses the text again: a few per input
				checkDisable(t, l, src, fs, fd)
			}
		}
	})
}

// linearBudget is the most lint may take on an input of n bytes: 10 ms per KB, and 10 ms for anything
// under 1 KB.
func linearBudget(n int) time.Duration {
	return max(10*time.Millisecond, time.Duration(n)*10*time.Millisecond/1024)
}

// FuzzLintLinear looks for Markdown that pm lints in more than linear time. A fragment is repeated to
// about 128 KB under complete front matter, so that work growing with the square of the input shows
// (a shape that costs 1 ms at 1 KB costs seconds at 128 KB), and linting it must take at most
// linearBudget: 10 ms per KB, 10 to 50 times what the densest linear shapes of BenchmarkPathological
// take, which leaves room for the fuzzer's coverage instrumentation.
//
// The time is only judged while fuzzing (-fuzz). A plain go test runs the seeds, the pathological
// shapes of BenchmarkPathological, repeated to 16 KB only, for panics and findings outside the file:
// a timed assertion would fail on a loaded machine sooner or later. While fuzzing, an input over the
// budget is linted twice more and the fastest of the three runs is judged, so that a pause of the
// machine does not count as a finding.
//
// Every run lints 128 KB, so bound the minimization of new inputs by count, not by its default minute:
//
//	go test -run '^$' -fuzz FuzzLintLinear -fuzztime 5m -fuzzminimizetime 20x ./pkg/lint/
func FuzzLintLinear(f *testing.F) {
	for _, s := range pathologicalShapes {
		f.Add([]byte(s.gen(512)))
	}
	for _, s := range []string{"> - *a* [b](c)\n", "| a | b |\n|-|-|\n| `x` | <y> |\n", "[r]: /u\n", "~~a~~ ![i](j) &amp;\n"} {
		f.Add([]byte(s))
	}
	fuzzing := false
	if fl := flag.Lookup("test.fuzz"); fl != nil && fl.Value.String() != "" {
		fuzzing = true
	}
	size := 16 << 10
	if fuzzing {
		size = 128 << 10
	}
	l := newLinter(f, lint.Options{})
	f.Fuzz(func(t *testing.T, frag []byte) {
		if len(frag) == 0 || len(frag) > size {
			return
		}
		src := append([]byte(pathologicalFront), bytes.Repeat(frag, (size+len(frag)-1)/len(frag))...)
		start := time.Now()
		fs := l.Lint("fuzz.md", src)
		took := time.Since(start)
		checkFindings(t, src, fs)
		if !fuzzing || took <= linearBudget(len(src)) {
			return
		}
		for range 2 {
			start = time.Now()
			l.Lint("fuzz.md", src)
			took = min(took, time.Since(start))
		}
		if took > linearBudget(len(src)) {
			t.Errorf("linting %d KB of %q repeated took %v, over %v", len(src)>>10, frag, took, linearBudget(len(src)))
		}
	})
}

// withoutFixes returns a copy of the findings without their fixes.
func withoutFixes(fs []lint.Finding) []lint.Finding {
	out := make([]lint.Finding, len(fs))
	for i, f := range fs {
		f.Fixes = nil
		out[i] = f
	}
	return out
}

// checkCRLFFixes checks that each fix of the BOM and CRLF copy of a file makes the same change as the
// fix of the LF file: the LF result with a BOM and CRLF line ends.
func checkCRLFFixes(t *testing.T, src []byte, fs []lint.Finding, crlf []byte, cfs []lint.Finding) {
	t.Helper()
	for i := range fs {
		if len(fs[i].Fixes) != len(cfs[i].Fixes) {
			t.Errorf("%s at %d:%d: %d fixes with LF, %d with CRLF", fs[i].Rule, fs[i].Line, fs[i].Column, len(fs[i].Fixes), len(cfs[i].Fixes))
			continue
		}
		for j, fx := range fs[i].Fixes {
			out, err1 := lint.ApplyEdits(src, fx.Edits)
			cout, err2 := lint.ApplyEdits(crlf, cfs[i].Fixes[j].Edits)
			if err1 != nil || err2 != nil {
				t.Errorf("%s %q: %v, %v", fs[i].Rule, fx.Title, err1, err2)
				continue
			}
			want := append([]byte("\uFEFF"), bytes.ReplaceAll(out, []byte("\n"), []byte("\r\n"))...)
			if !bytes.Equal(cout, want) {
				t.Errorf("%s %q: the CRLF fix differs from the LF one\nLF:\n%q\nCRLF:\n%q", fs[i].Rule, fx.Title, out, cout)
			}
		}
	}
}

// checkDisable applies DisableNextLine's fix for finding f, when there is one: the findings of its rule on
// its line go, and nothing else changes.
func checkDisable(t *testing.T, l *lint.Linter, src []byte, fs []lint.Finding, f lint.Finding) {
	t.Helper()
	fx := lint.DisableNextLine(src, f, i18n.EN)
	if len(fx.Edits) == 0 {
		return
	}
	out, err := lint.ApplyEdits(src, fx.Edits)
	if err != nil {
		t.Fatalf("%s %q: %v", f.Rule, fx.Title, err)
	}
	if after := l.Lint("fuzz.md", out); len(after) != len(fs)-countAt(fs, f) {
		t.Errorf("disabling %s on line %d leaves %d of %d findings, want %d\nbefore:\n%s\nafter:\n%s\nfixed text:\n%q",
			f.Rule, f.Line, len(after), len(fs), len(fs)-countAt(fs, f), findingsText(fs), findingsText(after), out)
	}
}
