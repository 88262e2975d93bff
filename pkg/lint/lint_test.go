package lint_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/lint"
	"github.com/pm-tools/pm/pkg/lint/format"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/sla"
	"github.com/pm-tools/pm/pkg/workflow"
)

// baseDoc is testdata/lint/base.md: a complete Reviewed postmortem with no findings.
func baseDoc(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtureRoot, "base.md"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func baseJaDoc(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtureRoot, "base-ja.md"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// edit replaces the first old in doc with new, failing the test when old is not there.
func edit(t testing.TB, doc, old, new string) string {
	t.Helper()
	if !strings.Contains(doc, old) {
		t.Fatalf("edit: %q is not in the document", old)
	}
	return strings.Replace(doc, old, new, 1)
}

// setFront sets a front matter key's value, adding the key when it is missing; value "-" removes it.
func setFront(t testing.TB, doc, key, value string) string {
	t.Helper()
	re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(key) + `:.*\n`)
	if value == "-" {
		if !re.MatchString(doc) {
			t.Fatalf("setFront: no %s to remove", key)
		}
		return re.ReplaceAllLiteralString(doc, "")
	}
	if loc := re.FindStringIndex(doc); loc != nil {
		return doc[:loc[0]] + key + ": " + value + "\n" + doc[loc[1]:]
	}
	end := strings.Index(doc[4:], "\n---\n") + 4
	return doc[:end+1] + key + ": " + value + "\n" + doc[end+1:]
}

func lintDoc(t testing.TB, l *lint.Linter, doc string) []lint.Finding {
	t.Helper()
	fs := l.Lint("doc.md", []byte(doc))
	checkFindings(t, []byte(doc), fs)
	return fs
}

// checkFindings checks what must hold of every finding of any input: a known rule, a severity, and a
// place inside the file (a line may be the one after the last newline).
func checkFindings(t testing.TB, src []byte, fs []lint.Finding) {
	t.Helper()
	text, _, _ := postmortem.Normalize(src)
	lines := bytes.Count(text, []byte("\n")) + 1
	for _, f := range fs {
		if lint.RuleByID(f.Rule) == nil {
			t.Errorf("finding with unknown rule: %+v", f)
		}
		if f.Severity != lint.Error && f.Severity != lint.Warning {
			t.Errorf("finding with severity %q: %+v", f.Severity, f)
		}
		if f.Line < 1 || f.Column < 1 || f.Line > lines+1 {
			t.Errorf("finding outside the file's %d lines: %+v", lines, f)
		}
		if f.EndLine < f.Line || (f.EndLine == f.Line && f.EndColumn < f.Column) {
			t.Errorf("finding ends before it starts: %+v", f)
		}
		if f.Message == "" {
			t.Errorf("finding without a message: %+v", f)
		}
	}
}

// at returns the 1-based line and character columns of the first occurrence of sub in doc, counted
// independently of the package: what a finding on sub must say.
func at(t testing.TB, doc, sub string) (line, col, endCol int) {
	t.Helper()
	i := strings.Index(doc, sub)
	if i < 0 {
		t.Fatalf("at: %q is not in the document", sub)
	}
	start := strings.LastIndexByte(doc[:i], '\n') + 1
	line = strings.Count(doc[:i], "\n") + 1
	col = utf8.RuneCountInString(doc[start:i]) + 1
	return line, col, col + utf8.RuneCountInString(sub)
}

// wantAt fails unless f points at the first sub in doc.
func wantAt(t testing.TB, doc string, f lint.Finding, sub string) {
	t.Helper()
	line, col, end := at(t, doc, sub)
	if f.Line != line || f.Column != col || f.EndLine != line || f.EndColumn != end {
		t.Errorf("%s finding at %d:%d-%d:%d, want %d:%d-%d:%d (%q)", f.Rule, f.Line, f.Column, f.EndLine, f.EndColumn, line, col, line, end, sub)
	}
}

func byRule(fs []lint.Finding) map[string][]lint.Finding {
	m := map[string][]lint.Finding{}
	for _, f := range fs {
		m[f.Rule] = append(m[f.Rule], f)
	}
	return m
}

// incompleteDoc is base.md with one problem for each status-dependent rule and a few fixed-severity ones.
func incompleteDoc(t testing.TB) string {
	doc := baseDoc(t)
	doc = edit(t, doc, "- 38 minutes at SEV-2; 4,812 of 40,100 checkouts failed (12%).\n- No payments were lost or charged twice.\n",
		"<!-- numbers, each with how it was measured -->\n") // empty-section
	doc = edit(t, doc, "failed because a\n", "failed because a TBD\n") // placeholder
	doc = edit(t, doc, "- Scribe: Hannah Lee\n", "")                   // responders
	doc = edit(t, doc, "| 2026-11-20 09:18 JST | On-call paged | [alert](https://alerts.example.com/i/4821) |",
		"| 2026-11-20 09:12 JST | On-call paged | alert 4821 |") // timeline-order and timeline-source
	doc = edit(t, doc, "| 2026-11-20 09:52 JST |", "| 09:52 |")                  // timeline-time
	doc = edit(t, doc, "| P1 | Alert on pool wait", "| P2 | Alert on pool wait") // action-item (warning)
	doc = setFront(t, doc, "call_recording", `""`)                               // call-recording from In Review on
	return doc
}

func TestSeverityFollowsStatus(t *testing.T) {
	l := newLinter(t, lint.Options{})
	completeness := []string{"empty-section", "placeholder", "responders", "timeline-order", "timeline-source"}
	for _, tc := range []struct {
		status string
		want   lint.Severity // of the completeness rules
	}{
		{"Draft", lint.Warning},
		{`"In Review"`, lint.Error},
		{"Reviewed", lint.Error},
		{"Closed", lint.Error},
		{"in-review", lint.Error}, // In Review as written by hand: a front-matter error, and checked as In Review
	} {
		t.Run(tc.status, func(t *testing.T) {
			fs := byRule(lintDoc(t, l, setFront(t, incompleteDoc(t), "status", tc.status)))
			for _, id := range completeness {
				if len(fs[id]) != 1 {
					t.Errorf("%s: want 1 finding, got %v", id, fs[id])
					continue
				}
				if got := fs[id][0].Severity; got != tc.want {
					t.Errorf("%s: severity %s, want %s", id, got, tc.want)
				}
			}
			if len(fs["timeline-time"]) != 1 || fs["timeline-time"][0].Severity != lint.Error {
				t.Errorf("timeline-time is an error in every status, got %v", fs["timeline-time"])
			}
			if len(fs["action-item"]) != 1 || fs["action-item"][0].Severity != lint.Warning {
				t.Errorf("a P2 action item is a warning in every status, got %v", fs["action-item"])
			}
			inReview := tc.want == lint.Error
			if got := len(fs["call-recording"]); (got == 1) != inReview || got > 1 {
				t.Errorf("call-recording: %d findings, want one only from In Review on", got)
			} else if got == 1 && fs["call-recording"][0].Severity != lint.Warning {
				t.Errorf("call-recording is a warning, got %s", fs["call-recording"][0].Severity)
			}
			if got := len(fs["front-matter"]); got != map[bool]int{true: 1, false: 0}[tc.status == "in-review"] {
				t.Errorf("front-matter: %v", fs["front-matter"])
			}
			for id := range fs {
				switch id {
				case "empty-section", "placeholder", "responders", "timeline-order", "timeline-source", "timeline-time",
					"action-item", "call-recording", "front-matter":
				default:
					t.Errorf("unexpected %s findings: %v", id, fs[id])
				}
			}
		})
	}
}

func TestOverrides(t *testing.T) {
	doc := setFront(t, incompleteDoc(t), "status", "Draft")
	for _, tc := range []struct {
		name      string
		overrides map[string]string
		rule      string
		want      lint.Severity // "" when the rule's findings must be gone
	}{
		{"off drops", map[string]string{"placeholder": "off"}, "placeholder", ""},
		{"error raises a Draft warning", map[string]string{"placeholder": "error"}, "placeholder", lint.Error},
		{"warning lowers an error", map[string]string{"timeline-time": "warning"}, "timeline-time", lint.Warning},
		{"error raises a fixed warning", map[string]string{"action-item": "error"}, "action-item", lint.Error},
		{"off for an error rule", map[string]string{"timeline-time": "off"}, "timeline-time", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := byRule(lintDoc(t, newLinter(t, lint.Options{Overrides: tc.overrides}), doc))
			if tc.want == "" {
				if len(fs[tc.rule]) > 0 {
					t.Errorf("%s is off, got %v", tc.rule, fs[tc.rule])
				}
			} else if len(fs[tc.rule]) == 0 {
				t.Errorf("no %s finding", tc.rule)
			}
			for _, f := range fs[tc.rule] {
				if f.Severity != tc.want {
					t.Errorf("%s: severity %s, want %s", tc.rule, f.Severity, tc.want)
				}
			}
			// the other rules keep their severity
			if tc.rule != "responders" && (len(fs["responders"]) != 1 || fs["responders"][0].Severity != lint.Warning) {
				t.Errorf("responders changed: %v", fs["responders"])
			}
		})
	}

	for _, tc := range []struct {
		overrides map[string]string
		mention   string
	}{
		{map[string]string{"no-such-rule": "off"}, `"no-such-rule"`},
		{map[string]string{"placeholder": "fatal"}, `"fatal"`},
		{map[string]string{"placeholder": ""}, `""`},
	} {
		_, err := lint.New(lint.Options{Overrides: tc.overrides})
		if err == nil || !strings.Contains(err.Error(), tc.mention) {
			t.Errorf("New(%v) error = %v, want one naming %s", tc.overrides, err, tc.mention)
		}
	}
}

func TestInlineDirectives(t *testing.T) {
	overview := "## Overview\n\n" +
		"<!-- pm-lint-disable placeholder -->\n" +
		"TODO silenced by the range.\n" +
		"Still TBD, still silenced.\n" +
		"<!-- pm-lint-enable placeholder -->\n\n" +
		"TODO reported after the enable.\n\n" +
		"<!-- pm-lint-disable-next-line placeholder -->\n" +
		"TODO silenced by next-line.\n" +
		"TODO reported: two lines below the comment.\n\n" +
		"<!-- pm-lint-disable-next-line banned-word -->\n" +
		"TODO reported: the comment names another rule.\n\n" +
		"<!--   pm-lint-disable-next-line   banned-word placeholder   -->\n" +
		"TODO silenced: the comment lists two rules.\n\n" +
		"<!-- pm-lint-disable -->\n" +
		"TODO silenced: a disable without rules silences every rule.\n" +
		"<!-- pm-lint-enable -->\n\n" +
		"```text\n<!-- pm-lint-disable placeholder -->\n```\n\n" +
		"TODO reported: a comment inside a code block is not a directive.\n\n" +
		"`<!-- pm-lint-disable-next-line placeholder -->`\n" +
		"TODO reported: nor is one in a code span.\n\n"
	doc := edit(t, baseDoc(t), "## Overview\n\n", overview)
	doc = setFront(t, doc, "status", "Draft")
	fs := lintDoc(t, newLinter(t, lint.Options{}), doc)
	lines := strings.Split(doc, "\n")
	reported := 0
	for _, f := range fs {
		if f.Rule != "placeholder" {
			t.Errorf("unexpected finding: %+v", f)
			continue
		}
		if text := lines[f.Line-1]; !strings.Contains(text, "reported") {
			t.Errorf("line %d %q: silenced, but reported", f.Line, text)
		}
		reported++
	}
	if want := strings.Count(overview, "TODO reported"); reported != want {
		t.Errorf("%d placeholder findings, want %d:\n%s", reported, want, findingsText(fs))
	}

	// front matter findings cannot be silenced from the body
	bad := edit(t, setFront(t, baseDoc(t), "severity", "SEV-9"), "# Checkout", "<!-- pm-lint-disable -->\n\n# Checkout")
	if got := byRule(lintDoc(t, newLinter(t, lint.Options{}), bad))["front-matter"]; len(got) != 1 {
		t.Errorf("front-matter findings under a body disable: %v, want the severity one", got)
	}

	// a disable that is never enabled runs to the end of the file
	tail := edit(t, setFront(t, baseDoc(t), "status", "Draft"), "## Action Items\n", "<!-- pm-lint-disable action-item -->\n\n## Action Items\n")
	tail = edit(t, tail, "| P1 | Alert on pool wait", "| P3 | Alert on pool wait")
	if got := lintDoc(t, newLinter(t, lint.Options{}), tail); len(got) > 0 {
		t.Errorf("want every action-item finding silenced, got:\n%s", findingsText(got))
	}
}

func TestSectionNames(t *testing.T) {
	l := newLinter(t, lint.Options{})
	for _, tc := range []struct{ heading, alias string }{
		{"## Overview", "## Summary"},
		{"## Overview", "## サマリー"},
		{"## Overview", "## 概要"},
		{"## Overview", "## Executive Summary"},
		{"## Overview", "## OVERVIEW"},
		{"## Overview", "## overview?"},
		{"## Overview", "## Overview？"},
		{"## Overview", "## Overview:"},
		{"## Overview", "## Overview："},
		{"## Overview", "## *Overview*"},
		{"## What Happened", "## what happened?"},
		{"## What Happened", "## なにが起きたか"},
		{"## What Happened", "## 何が起きたか"},
		{"## Root Cause", "## Root Causes"},
		{"## Root Cause", "## Root Cause Analysis"},
		{"## Root Cause", "## 4. Root Cause Analysis (RCA)"},
		{"## Root Cause", "## 根本原因分析"},
		{"## Root Cause", "## 原因分析"},
		{"## Overview", "## Incident Summary"},
		{"## Overview", "## Incident Overview"},
		{"## Overview", "## インシデント概要"},
		{"## Overview", "## インシデントの概要"},
		{"## Root Cause", "## Contributing Factors"},
		{"## Root Cause", "## contributing factors:"},
		{"## Root Cause", "## インシデントを引き起こした要因"},
		{"## Root Cause", "## 原因"},
		{"## Root Cause", "## 根本原因？"},
		{"## Resolution", "## 解決"},
		{"## Impact", "## 影響"},
		{"## Responders", "## 対応者"},
		{"## Timeline", "## 時系列"},
		{"## Timeline", "## タイムライン"},
		{"## Timeline", "## TIMELINE:"},
		{"## Action Items", "## Follow-ups"},
		{"## Action Items", "## アクションアイテム"},
		{"## Action Items", "## action items?"},
		{"### External Message", "### Customer Message"},
		{"### External Message", "### 顧客向けメッセージ"},
		{"### External Message", "### 対外メッセージ"},
		{"### External Message", "### External message:"},
	} {
		t.Run(tc.alias, func(t *testing.T) {
			doc := edit(t, baseDoc(t), "\n"+tc.heading+"\n", "\n"+tc.alias+"\n")
			if fs := lintDoc(t, l, doc); len(fs) > 0 {
				t.Errorf("want no findings, got:\n%s", findingsText(fs))
			}
		})
	}
	// names that are not aliases do not count
	for _, tc := range []struct{ heading, other, missing string }{
		{"## Root Cause", "## Root of the Problem", `missing section "Root Cause"`},
		{"## Overview", "## Overviews", `missing section "Overview"`},
		{"## Timeline", "## Time line", `missing section "Timeline"`},
	} {
		fs := byRule(lintDoc(t, l, edit(t, baseDoc(t), "\n"+tc.heading+"\n", "\n"+tc.other+"\n")))["required-section"]
		if len(fs) != 1 || fs[0].Message != tc.missing {
			t.Errorf("%s: required-section findings %v, want %q", tc.other, fs, tc.missing)
		}
	}

	// the other rules find their section under an alias
	doc := baseDoc(t)
	doc = edit(t, doc, "## Timeline\n", "## 時系列\n")
	doc = edit(t, doc, "| 2026-11-20 09:18 JST |", "| 2026-11-20 09:00 JST |")
	doc = edit(t, doc, "## Action Items\n", "## Follow-ups\n")
	doc = edit(t, doc, "| P1 | Alert on pool wait", "| P2 | Alert on pool wait")
	doc = edit(t, doc, "### External Message\n", "### Customer Message\n")
	doc = edit(t, doc, "some checkout attempts failed.", "there was an outage.")
	doc = edit(t, doc, "## Root Cause\n\nThe pool size was lowered from 40 to 20 without load data, and no alert watched pool waits.\n",
		"## Contributing Factors\n\n<!-- later -->\n")
	fs := byRule(lintDoc(t, l, doc))
	for _, id := range []string{"timeline-order", "action-item", "banned-word", "empty-section"} {
		if len(fs[id]) != 1 {
			t.Errorf("%s under an alias heading: %v, want one finding", id, fs[id])
		}
	}
	if got := fs["empty-section"]; len(got) == 1 && got[0].Message != `section "Root Cause" is empty` {
		t.Errorf("empty-section message %q", got[0].Message)
	}
}

func TestHeadingsOutsideTheDocumentStructureDoNotCount(t *testing.T) {
	rootCause := "## Root Cause\n\nThe pool size was lowered from 40 to 20 without load data, and no alert watched pool waits.\n"
	for name, replacement := range map[string]string{
		"fenced code":       "```markdown\n## Root Cause\n```\n",
		"tilde fence":       "~~~\n## Root Cause\n~~~\n",
		"indented code":     "    ## Root Cause\n",
		"HTML block":        "<div>\n## Root Cause\n</div>\n",
		"HTML comment":      "<!--\n## Root Cause\n-->\n",
		"unclosed fence":    "````\n## Root Cause\n",
		"escaped":           "\\## Root Cause\n",
		"seven hashes":      "####### Root Cause\n",
		"no space":          "##Root Cause\n",
		"code span heading": "## `x`\n\n`## Root Cause`\n",
	} {
		t.Run(name, func(t *testing.T) {
			doc := edit(t, baseDoc(t), rootCause, replacement)
			if name == "unclosed fence" {
				// the fence runs to the end of the file and takes every later section with it
				doc = edit(t, baseDoc(t), rootCause, "")
				doc += "\n" + replacement
			}
			fs := byRule(lintDoc(t, newLinter(t, lint.Options{}), doc))["required-section"]
			if len(fs) != 1 || fs[0].Message != `missing section "Root Cause"` {
				t.Errorf("required-section findings %v, want Root Cause missing", fs)
			}
		})
	}
}

func TestSetextHeadings(t *testing.T) {
	doc := baseDoc(t)
	doc = edit(t, doc, "## Root Cause\n", "Root Cause\n----------\n")
	doc = edit(t, doc, "## Impact\n", "Impact\n---\n")
	l := newLinter(t, lint.Options{})
	if fs := lintDoc(t, l, doc); len(fs) > 0 {
		t.Errorf("setext headings count as sections; got:\n%s", findingsText(fs))
	}
	empty := edit(t, doc, "- 38 minutes at SEV-2; 4,812 of 40,100 checkouts failed (12%).\n- No payments were lost or charged twice.\n", "<!-- todo -->\n")
	fs := lintDoc(t, l, empty)
	if len(fs) != 1 || fs[0].Rule != "empty-section" {
		t.Fatalf("want one empty-section finding, got:\n%s", findingsText(fs))
	}
	wantAt(t, empty, fs[0], "Impact")
}

func TestCRLFAndBOMKeepPositions(t *testing.T) {
	l := newLinter(t, lint.Options{})
	for _, rel := range []string{"placeholder/bad.md", "banned-word/bad-ja.md", "empty-section/bad.md", "front-matter/bad.md",
		"front-matter/bad-yaml.md", "timeline-time/bad.md", "action-item/bad.md", "required-section/bad.md", "responders/bad-ja.md"} {
		src, err := os.ReadFile(filepath.Join(fixtureRoot, rel))
		if err != nil {
			t.Fatal(err)
		}
		want := l.Lint(rel, src)
		if len(want) == 0 {
			t.Fatalf("%s has no findings", rel)
		}
		crlf := bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n"))
		for name, variant := range map[string][]byte{
			"CRLF":     crlf,
			"BOM":      append([]byte("\uFEFF"), src...),
			"BOM+CRLF": append([]byte("\uFEFF"), crlf...),
		} {
			got := l.Lint(rel, variant)
			checkFindings(t, variant, got)
			if !reflect.DeepEqual(withoutFixes(got), withoutFixes(want)) { // fixes' offsets follow the bytes
				t.Errorf("%s with %s: findings differ from LF\ngot:\n%s\nwant:\n%s", rel, name, findingsText(got), findingsText(want))
			}
		}
	}
}

func TestJapaneseColumns(t *testing.T) {
	doc := baseJaDoc(t)
	doc = setFront(t, doc, "status", "Draft")
	doc = edit(t, doc, "注文確定が遅れるインシデントが発生しました。", "🔥 注文確定（ｶﾀｶﾅ、é）のサービスは、停止しました。") // 一時停止, a pause, is not the word
	doc = edit(t, doc, "バッチの処理時間が", "原因は\tTBD、バッチの処理時間が")
	fs := byRule(lintDoc(t, newLinter(t, lint.Options{}), doc))
	if len(fs["banned-word"]) != 1 || len(fs["placeholder"]) != 1 || len(fs) != 2 {
		t.Fatalf("want one banned-word and one placeholder finding, got %v", fs)
	}
	wantAt(t, doc, fs["banned-word"][0], "停止")
	wantAt(t, doc, fs["placeholder"][0], "TBD")
	if got, want := fs["banned-word"][0].Message, `"停止" in the customer message; write "インシデントが発生しました" or "サービス劣化が発生しました" instead (full_outage is not true)`; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
}

func TestBannedWord(t *testing.T) {
	l := newLinter(t, lint.Options{})
	// the suggestions as the replacements write them: capitalised and plural as the word was found
	message := func(word string) string {
		a, b := "incident", "service degradation"
		if strings.HasSuffix(strings.ToLower(word), "s") {
			a, b = a+"s", b+"s"
		}
		if word[0] >= 'A' && word[0] <= 'Z' {
			a, b = "I"+a[1:], "S"+b[1:]
		}
		return fmt.Sprintf(`%q in the customer message; say %q or %q instead (full_outage is not true)`, word, a, b)
	}
	for _, tc := range []struct {
		name, text string
		want       []string // the words flagged, in order
	}{
		{"plain", "There was an outage.", []string{"outage"}},
		{"plural and case", "Outages are rare; OUTAGES rarer.", []string{"Outages", "OUTAGES"}},
		{"consecutive", "outage outage. Outage, outage", []string{"outage", "outage", "Outage", "outage"}},
		{"hyphenated", "a service-outage and outage-free weeks", []string{"outage", "outage"}},
		{"emphasis", "a **major outage** and _outage_", []string{"outage", "outage"}},
		{"link text", "the [outage report](https://status.example.com/r/1)", []string{"outage"}},
		{"link URL", "the [status page](https://outages.example.com/incidents/1)", nil},
		{"autolink", "see <https://example.com/outage> and https://outages.example.com/x", nil},
		{"host name", "see status.outages.example.com or outage.example.com.", nil},
		{"address path", "see status.example.jp/outage for details.", nil},
		// a full stop then Japanese is the end of a sentence: a host name's labels are ASCII
		{"full stop, Japanese", "We had an outage.ご不安をおかけしました。", []string{"outage"}},
		{"Japanese, full stop", "大規模outage.ご不安をおかけしました。", []string{"outage"}},
		{"capital, full stop, Japanese", "Outage.ご不安をおかけしました。", []string{"Outage"}},
		{"full stop, kanji", "There was an outage.日本のお客様に", []string{"outage"}},
		{"code span", "the `outage` flag", []string{"outage"}}, // a customer reads it all the same
		{"other words", "outaged, outageous, knockoutage, outage_mode, outage2", nil},
		{"comment", "no problem <!-- outage --> here", nil},
		{"image alt text", "![outage graph](https://img.example.com/g.png)", []string{"outage"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := edit(t, baseDoc(t), "some checkout attempts failed.", tc.text)
			fs := lintDoc(t, l, doc)
			var got []string
			for _, f := range fs {
				if f.Rule != "banned-word" {
					t.Errorf("unexpected finding %+v", f)
					continue
				}
				if f.Severity != lint.Error {
					t.Errorf("severity %s, want error", f.Severity)
				}
				line := strings.Split(doc, "\n")[f.Line-1]
				w := string([]rune(line)[f.Column-1 : f.EndColumn-1])
				if f.Message != message(w) {
					t.Errorf("message %q, want %q", f.Message, message(w))
				}
				got = append(got, w)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("flagged %q, want %q", got, tc.want)
			}
		})
	}

	// a word that only contains the letters, and the sections that are not customer-facing, are not
	// checked (code in the customer message is: pm message sends it as text)
	doc := edit(t, baseDoc(t), "some checkout attempts failed.", "some checkout attempts failed.\n\n```\noutage_mode = on\n```")
	doc = edit(t, doc, "pool size change.\n", "pool size change: an outage.\n")
	doc = edit(t, doc, "rolled the change back at 09:48.", "rolled the change back at 09:48, ending the outage.")
	if fs := lintDoc(t, l, doc); len(fs) > 0 {
		t.Errorf("want no findings, got:\n%s", findingsText(fs))
	}

	// a subsection of the External Message is customer-facing too
	sub := baseDoc(t) + "\n#### Next steps\n\nNo further outage is expected.\n"
	if fs := lintDoc(t, l, sub); len(fs) != 1 || fs[0].Rule != "banned-word" {
		t.Errorf("want the subsection's outage flagged, got:\n%s", findingsText(fs))
	}

	// full_outage: true allows the word
	full := edit(t, baseDoc(t), "some checkout attempts failed.", "checkout had a full outage.")
	if fs := lintDoc(t, l, setFront(t, full, "full_outage", "true")); len(fs) > 0 {
		t.Errorf("full_outage: true, want no findings, got:\n%s", findingsText(fs))
	}
	if fs := lintDoc(t, l, setFront(t, full, "full_outage", "false")); len(fs) != 1 {
		t.Errorf("full_outage: false, want one finding, got:\n%s", findingsText(fs))
	}
}

func TestCustomBannedWords(t *testing.T) {
	words := []lint.BannedWord{
		{Word: "downtime", Suggest: []string{"disruption"}, Sections: []string{"Summary", "Internal Email"}},
		{Word: "障害", Suggest: []string{"不具合"}}, // no Sections: the External Message
		{Word: "blip", Sections: []string{"Status Page Update"}},
	}
	doc := baseDoc(t)
	doc = edit(t, doc, "12% of checkout requests failed", "12% of checkout requests failed in a downtime")
	doc = edit(t, doc, "For 38 minutes", "Downtime: for 38 minutes")
	doc = edit(t, doc, "some checkout attempts failed.", "an outage and some downtime and a 障害 occurred.")
	doc += "\n## Status Page Update\n\nA short blip.\n"
	fs := lintDoc(t, newLinter(t, lint.Options{BannedWords: words}), doc)
	if len(fs) != 4 {
		t.Fatalf("want 4 findings, got:\n%s", findingsText(fs))
	}
	wantAt(t, doc, fs[0], "downtime")
	if want := `"downtime" in "Overview"; say "disruption" instead (banned there in .pm.yaml)`; fs[0].Message != want {
		t.Errorf("message %q, want %q", fs[0].Message, want)
	}
	wantAt(t, doc, fs[1], "Downtime")
	wantAt(t, doc, fs[2], "障害")
	wantAt(t, doc, fs[3], "blip")
	if want := `"blip" in "Status Page Update" (banned there in .pm.yaml)`; fs[3].Message != want {
		t.Errorf("message without suggestions %q, want %q", fs[3].Message, want)
	}

	// full_outage: true allows "outage" only: the team's other words stay banned, and say why
	withOutage := []lint.BannedWord{{Word: "outage", Suggest: []string{"incident"}}, {Word: "glitch"}}
	g := setFront(t, edit(t, baseDoc(t), "some checkout attempts failed.", "a full outage and a glitch."), "full_outage", "true")
	fs = lintDoc(t, newLinter(t, lint.Options{BannedWords: withOutage}), g)
	if len(fs) != 1 || fs[0].Message != `"glitch" in the customer message (banned in .pm.yaml)` {
		t.Errorf("full_outage: true with another banned word:\n%s", findingsText(fs))
	}

	// nil is the default list; an empty list bans nothing
	outage := edit(t, baseDoc(t), "some checkout attempts failed.", "there was an outage.")
	if fs := lintDoc(t, newLinter(t, lint.Options{BannedWords: nil}), outage); len(fs) != 1 {
		t.Errorf("default words: want one finding, got:\n%s", findingsText(fs))
	}
	if fs := lintDoc(t, newLinter(t, lint.Options{BannedWords: []lint.BannedWord{}}), outage); len(fs) != 0 {
		t.Errorf("no words: want no findings, got:\n%s", findingsText(fs))
	}
	if got := lint.DefaultBannedWords(); len(got) != 2 || got[0].Word != "outage" || got[1].Word != "停止" {
		t.Errorf("DefaultBannedWords() = %v", got)
	}
}

// With external_message: false nothing goes to customers (pm message external says so): the line
// the template asks for there, that no message is needed, may name the outage. A word banned in
// another section by .pm.yaml stays banned there.
func TestBannedWordWithoutExternalMessage(t *testing.T) {
	words := []lint.BannedWord{{Word: "outage", Suggest: []string{"incident"}}, {Word: "停止"}, {Word: "downtime", Sections: []string{"Overview"}}}
	l := newLinter(t, lint.Options{BannedWords: words})
	doc := edit(t, baseDoc(t), "some checkout attempts failed.", "some checkout attempts failed. No customer message: the outage was internal, see [the report](https://x.example/outage-report).")
	doc = setFront(t, doc, "external_message", "false")
	if fs := lintDoc(t, l, doc); len(fs) != 0 {
		t.Errorf("external_message: false, want no findings, got:\n%s", findingsText(fs))
	}
	ja := setFront(t, edit(t, baseJaDoc(t), "注文確定が遅れるインシデントが発生しました。", "サービス停止はありませんでした。対外メッセージは不要です。"), "external_message", "false")
	if fs := lintDoc(t, l, ja); len(fs) != 0 {
		t.Errorf("ja, external_message: false, want no findings, got:\n%s", findingsText(fs))
	}
	other := setFront(t, edit(t, baseDoc(t), "12% of checkout requests failed", "12% of checkout requests failed in a downtime"), "external_message", "false")
	if fs := lintDoc(t, l, other); len(fs) != 1 || fs[0].Rule != "banned-word" {
		t.Errorf("a word banned in the Overview, want one finding, got:\n%s", findingsText(fs))
	}
	if fs := lintDoc(t, l, setFront(t, doc, "external_message", "true")); len(fs) == 0 {
		t.Errorf("external_message: true, want the outage flagged")
	}
}

// A blank table row ("|  |  |  |", every cell empty) is no row: not a timeline row without a time
// or a link, not an action item without an action; a table of blank rows alone is empty.
func TestBlankTableRows(t *testing.T) {
	l := newLinter(t, lint.Options{})
	doc := edit(t, baseDoc(t), "| 2026-11-20 09:18 JST | On-call paged | [alert](https://alerts.example.com/i/4821) |\n",
		"| 2026-11-20 09:18 JST | On-call paged | [alert](https://alerts.example.com/i/4821) |\n|  |  |  |\n")
	doc = edit(t, doc, "| P0 | Review pool settings", "|  |  |  |  |  |  |\n| P0 | Review pool settings")
	for _, status := range []string{"Draft", "Reviewed"} {
		if fs := lintDoc(t, l, setFront(t, doc, "status", status)); len(fs) != 0 {
			t.Errorf("%s: want no findings, got:\n%s", status, findingsText(fs))
		}
	}
	// a Timeline of blank rows alone is empty, in Draft a warning, as a table without rows is
	timeline := regexp.MustCompile(`(?m)^\| 2026-11-20 09:\d\d JST \|.*\|$`).ReplaceAllString(baseDoc(t), "|  |  |  |")
	fs := byRule(lintDoc(t, l, setFront(t, timeline, "status", "Draft")))
	if len(fs["empty-section"]) != 1 || len(fs["timeline-time"]) != 0 || len(fs["timeline-source"]) != 0 || len(fs) != 1 {
		t.Errorf("a timeline of blank rows: %+v", fs)
	}
}

// A placeholder in an action item's Due cell (TBD, 未定, ??) is a due date not set yet: the finding a
// missing one gets, at its level (a warning in a Draft, an error from In Review on), not the error
// of a date that does not parse; the placeholder finding stays.
func TestPlaceholderDueIsAMissingDue(t *testing.T) {
	l := newLinter(t, lint.Options{})
	for _, due := range []string{"TBD", "未定", "??", "ＴＢＤ", "TBD (after the audit)"} {
		doc := edit(t, baseDoc(t), "| Ana Souza | 2026-12-04 |", "| Ana Souza | "+due+" |")
		for status, want := range map[string]lint.Severity{"Draft": lint.Warning, "In Review": lint.Error} {
			fs := byRule(lintDoc(t, l, setFront(t, doc, "status", status)))
			if len(fs["action-item"]) != 1 || fs["action-item"][0].Severity != want || strings.Contains(fs["action-item"][0].Message, "does not parse") {
				t.Errorf("%s, %s: action-item %+v, want one %s", due, status, fs["action-item"], want)
				continue
			}
			if want := fmt.Sprintf("due date %q is a placeholder", due); !strings.Contains(fs["action-item"][0].Message, want) {
				t.Errorf("%s, %s: message %q, want %q in it", due, status, fs["action-item"][0].Message, want)
			}
			if len(fs["placeholder"]) != 1 {
				t.Errorf("%s, %s: placeholder %+v, want one", due, status, fs["placeholder"])
			}
		}
	}
	// a date that does not parse, and no placeholder, is still the error it was
	doc := setFront(t, edit(t, baseDoc(t), "| Ana Souza | 2026-12-04 |", "| Ana Souza | next week |"), "status", "Draft")
	if fs := byRule(lintDoc(t, l, doc)); len(fs["action-item"]) != 1 || fs["action-item"][0].Severity != lint.Error {
		t.Errorf("next week: %+v", fs["action-item"])
	}
}

// A Due date with a weekday beside it is read in every form (2026-12-04(金), 2026-12-04 (Fri)), and
// the weekday is held to the date, as a timeline's is: 4 Dec 2026 is a Friday, so (月) beside it
// is a typo, an error at the Due cell saying so in the timeline rule's words.
func TestDueWeekday(t *testing.T) {
	l := newLinter(t, lint.Options{})
	ja := newLinter(t, lint.Options{Lang: i18n.JA})
	for due, want := range map[string]string{
		"2026/12/04(金)": "", "2026-12-04(金)": "", "2026-12-04 (Fri)": "", "2026-12-01 (Tue)": "", "2026-12-04（金）": "",
		"2026年12月4日(月)":    "2026-12-04 is a (金), not (月): the date or the weekday is mistyped",
		"2026-12-04 (Mon)": "2026-12-04 is a (Fri), not (Mon): the date or the weekday is mistyped",
	} {
		doc := edit(t, baseDoc(t), "| P0 | Review pool settings with load data | prevent | Ana Souza | 2026-12-04 | OPS-123 |",
			"| Ｐ１ | Review pool settings with load data | prevent | Ana Souza | "+due+" | OPS-123 |")
		fs := byRule(lintDoc(t, l, doc))["action-item"]
		if want == "" {
			if len(fs) != 0 {
				t.Errorf("%s: want no action-item finding, got:\n%s", due, findingsText(fs))
			}
			continue
		}
		if len(fs) != 1 || fs[0].Severity != lint.Error || !strings.Contains(fs[0].Message, want) {
			t.Errorf("%s: want one error saying %q, got:\n%s", due, want, findingsText(fs))
			continue
		}
		wantAt(t, doc, fs[0], due)
	}
	// a day written without its year, as a Japanese team often writes one: the forms pm reads are given
	if fs := byRule(lintDoc(t, ja, edit(t, baseJaDoc(t), "| 2026-09-18 |", "| 9/18 |")))["action-item"]; len(fs) != 1 ||
		!strings.Contains(fs[0].Message, `期日 "9/18" を読めません (2026-12-04、2026/12/04、2026年12月4日 のように年から書いてください)`) {
		t.Errorf("ja, no year: got:\n%s", findingsText(fs))
	}
	doc := edit(t, baseJaDoc(t), "| 2026-09-18 |", "| 2026年9月17日(金) |")
	fs := byRule(lintDoc(t, ja, doc))["action-item"]
	if want := "期日 2026-09-17 は(木)で、(金)ではありません: 日付か曜日が誤っています"; len(fs) != 1 || !strings.Contains(fs[0].Message, want) {
		t.Errorf("ja: want %q, got:\n%s", want, findingsText(fs))
	}
}

// A timeline time with text after it that makes it approximate or a range (9:14頃, 09:10–09:12 UTC,
// 9:20～9:25) is the timeline-time error it was, saying so with the cell as typed, not an unknown
// time zone named by what followed the clock.
func TestTimelineApproximateTime(t *testing.T) {
	en := newLinter(t, lint.Options{})
	ja := newLinter(t, lint.Options{Lang: i18n.JA})
	for cell, want := range map[string]string{
		"9:14頃 JST":                  `timeline time "9:14頃 JST": an approximate time or a range is not one time; write one time (the start)`,
		"2026-11-20 09:10–09:12 JST": `timeline time "2026-11-20 09:10–09:12 JST": an approximate time or a range is not one time; write one time (the start)`,
	} {
		doc := edit(t, baseDoc(t), "| 2026-11-20 09:14 JST |", "| "+cell+" |")
		fs := byRule(lintDoc(t, en, doc))["timeline-time"]
		if len(fs) != 1 || fs[0].Severity != lint.Error || fs[0].Message != want {
			t.Errorf("%s: want %q, got:\n%s", cell, want, findingsText(fs))
			continue
		}
		wantAt(t, doc, fs[0], cell)
	}
	doc := edit(t, baseJaDoc(t), "| 2026-09-03 14:05 JST |", "| 14:05～14:10 |")
	fs := byRule(lintDoc(t, ja, doc))["timeline-time"]
	if want := `タイムラインの時刻 "14:05～14:10": おおよその時刻や時間の範囲は 1 つの時刻ではありません。1 つの時刻 (始まりの時刻) を書いてください`; len(fs) != 1 || fs[0].Message != want {
		t.Errorf("ja: want %q, got:\n%s", want, findingsText(fs))
	}
}

// An HTML comment never closed (<!-- with no -->) makes the rest of the document a comment: the
// sections after it are said to be missing because of it, at the comment's line, which the message
// names, not at the file's last line, where nothing says why headings in plain sight are not read;
// --fix adds no heading inside the comment. The section it sits in is empty for the same reason.
func TestUnclosedHTMLComment(t *testing.T) {
	doc := edit(t, baseDoc(t), "## Impact\n", "## Impact\n\n<!-- check exact time\n")
	line, _, _ := at(t, doc, "<!-- check exact time")
	for _, c := range []struct {
		lang       i18n.Lang
		miss, empt string
	}{
		{i18n.EN, fmt.Sprintf(`missing section "Responders": an HTML comment opened on line %d is never closed, so everything after it is inside it (close it with -->)`, line),
			fmt.Sprintf(`section "Impact" is empty: an HTML comment opened on line %d is never closed, so everything after it is inside it (close it with -->)`, line)},
		{i18n.JA, fmt.Sprintf(`セクション「Responders」(対応者) がありません: %d 行目で開いた HTML コメントが閉じられていないため、それより後はすべてコメントの中です (--> で閉じてください)`, line),
			fmt.Sprintf(`セクション「Impact」(影響) が空です: %d 行目で開いた HTML コメントが閉じられていないため、それより後はすべてコメントの中です (--> で閉じてください)`, line)},
	} {
		l := newLinter(t, lint.Options{Lang: c.lang, Fixes: true})
		fs := byRule(lintDoc(t, l, doc))
		if len(fs["required-section"]) != 4 || fs["required-section"][0].Message != c.miss {
			t.Errorf("%s: want 4 missing sections, the first %q, got:\n%s", c.lang, c.miss, findingsText(fs["required-section"]))
		}
		for _, f := range fs["required-section"] {
			wantAt(t, doc, f, "<!-- check exact time")
			if len(f.Fixes) != 0 {
				t.Errorf("%s: a fix adding a heading inside the comment: %+v", c.lang, f.Fixes)
			}
		}
		if len(fs["empty-section"]) != 1 || fs["empty-section"][0].Message != c.empt {
			t.Errorf("%s: want %q, got:\n%s", c.lang, c.empt, findingsText(fs["empty-section"]))
		}
	}
	// a comment closed later, or one in a list item that ends with it, hides nothing
	for _, ok := range []string{"## Impact\n\n<!-- check exact time\n-->\n", "## Impact\n\n- <!-- check\n"} {
		d := edit(t, baseDoc(t), "## Impact\n", ok)
		if fs := byRule(lintDoc(t, newLinter(t, lint.Options{}), d)); len(fs["required-section"]) != 0 {
			t.Errorf("%q: %s", ok, findingsText(fs["required-section"]))
		}
	}
}

// Rows a second apart that go backwards are said to, with the seconds in the instant a time of day
// was read as: "09:10:04 UTC (2026-11-20 09:10 +00:00)" would hide what decided the order.
func TestTimelineOrderSeconds(t *testing.T) {
	l := newLinter(t, lint.Options{})
	doc := edit(t, baseDoc(t), "| 2026-11-20 09:10 JST | Pool size change deployed |", "| 2026-11-20 09:10:05 UTC | Pool size change deployed |")
	doc = edit(t, doc, "| 2026-11-20 09:14 JST | Checkout errors begin |", "| 09:10:04 UTC | Checkout errors begin |")
	doc = regexp.MustCompile(`\| 2026-11-20 09:(18|52) JST \|`).ReplaceAllString(doc, "| 2026-11-20 09:$1 UTC |")
	fs := byRule(lintDoc(t, l, doc))["timeline-order"]
	want := "timeline goes backwards: 09:10:04 UTC (2026-11-20 09:10:04 +00:00) is before 2026-11-20 09:10:05 UTC in the row above"
	if len(fs) != 1 || fs[0].Message != want {
		t.Errorf("want %q, got:\n%s", want, findingsText(fs))
	}
	// without seconds on either side, the instant is shown to the minute, as before
	doc = edit(t, doc, "| 2026-11-20 09:10:05 UTC |", "| 2026-11-20 09:11 UTC |")
	doc = edit(t, doc, "| 09:10:04 UTC |", "| 09:10 UTC |")
	fs = byRule(lintDoc(t, l, doc))["timeline-order"]
	want = "timeline goes backwards: 09:10 UTC (2026-11-20 09:10 +00:00) is before 2026-11-20 09:11 UTC in the row above"
	if len(fs) != 1 || fs[0].Message != want {
		t.Errorf("want %q, got:\n%s", want, findingsText(fs))
	}
}

// A Root Cause whose whole text is 調査中 with a polite ending or an ellipsis (調査中です。, 調査中…)
// is a placeholder, as 調査中。 is; a sentence that goes on says what someone did.
func TestPlaceholderJapanesePoliteEndings(t *testing.T) {
	l := newLinter(t, lint.Options{})
	for text, want := range map[string]int{
		"調査中。": 1, "調査中です。": 1, "調査中でした。": 1, "調査中…": 1, "調査中...": 1, "確認中です…": 1,
		"調査中ですが、Kafka の設定が怪しいと見ています。": 0,
	} {
		doc := edit(t, baseJaDoc(t), "バッチの処理時間が Kafka のポーリング間隔を超える設定でした。", text)
		if got := len(byRule(lintDoc(t, l, doc))["placeholder"]); got != want {
			t.Errorf("%q: %d placeholder findings, want %d", text, got, want)
		}
	}
}

func actionRows(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "| P1 | Item %d | prevent | Ana Souza | 2026-12-%02d | OPS-%d |\n", i, i, 300+i)
	}
	return b.String()
}

func TestMaxActionItems(t *testing.T) {
	head := "| Priority | Action | Type | Owner | Due | Ticket |\n| --- | --- | --- | --- | --- | --- |\n"
	withRows := func(n int) string {
		doc := baseDoc(t)
		i := strings.Index(doc, head)
		j := strings.Index(doc, "\n## Messaging")
		return doc[:i] + head + actionRows(n) + doc[j:]
	}
	for _, tc := range []struct {
		max, rows int
		want      string
	}{
		{3, 3, ""},
		{3, 4, "4 action items, more than 3: file only what must be done"},
		{0, 10, ""}, // 0 is the default, 10
		{0, 11, "11 action items, more than 10: file only what must be done"},
		{-1, 11, "11 action items, more than 10: file only what must be done"},
		{20, 11, ""},
	} {
		doc := withRows(tc.rows)
		fs := lintDoc(t, newLinter(t, lint.Options{MaxActionItems: tc.max}), doc)
		switch {
		case tc.want == "" && len(fs) > 0:
			t.Errorf("max %d, %d rows: want no findings, got:\n%s", tc.max, tc.rows, findingsText(fs))
		case tc.want != "" && (len(fs) != 1 || fs[0].Message != tc.want || fs[0].Severity != lint.Warning):
			t.Errorf("max %d, %d rows: want the warning %q, got:\n%s", tc.max, tc.rows, tc.want, findingsText(fs))
		case tc.want != "":
			wantAt(t, doc, fs[0], head[:strings.Index(head, "\n")])
		}
	}
}

func TestMeetingDeadline(t *testing.T) {
	jst := time.FixedZone("JST", 9*3600)
	// pm's business-day calendar: a SEV-1 on Friday 2026-11-20 in Japan skips the weekend and Labor
	// Thanksgiving Day (Monday 23rd): its deadline is the end of Thursday 26th. SEV-5 has none.
	cal, err := sla.NewCalendar(jst, "JP", nil)
	if err != nil {
		t.Fatal(err)
	}
	opts := lint.Options{Location: jst, Schedule: workflow.NewSchedule(cal, map[string]int{"SEV-1": 3, "SEV-2": 5})}
	l := newLinter(t, opts)
	for _, tc := range []struct {
		name, status, severity, meeting string
		want                            string // "" for no meeting-sla finding, else the severity and message
	}{
		{"on time", "In Review", "SEV-1", "2026-11-26T10:00:00+09:00", ""},
		{"at the deadline", "In Review", "SEV-1", "2026-11-26T23:59:59+09:00", ""},
		{"a second late", "In Review", "SEV-1", "2026-11-27T00:00:00+09:00",
			"warning: meeting 2026-11-27T00:00:00+09:00 is after the SEV-1 deadline 2026-11-26"},
		{"late in Draft", "Draft", "SEV-1", "2026-11-27T15:00:00Z",
			"warning: meeting 2026-11-27T15:00:00Z is after the SEV-1 deadline 2026-11-26"},
		{"late when Closed", "Closed", "SEV-1", "2026-12-01T10:00:00+09:00",
			"warning: meeting 2026-12-01T10:00:00+09:00 is after the SEV-1 deadline 2026-11-26"},
		{"no SLA for the severity", "In Review", "SEV-5", "2027-01-30T10:00:00+09:00", ""},
		{"none in Draft", "Draft", "SEV-1", `""`, ""},
		{"none in In Review", `"In Review"`, "SEV-1", `""`, "error: no meeting scheduled: schedule it with pm meeting --at \"YYYY-MM-DD HH:MM\""},
		{"key missing when Reviewed", "Reviewed", "SEV-1", "-", "error: no meeting scheduled: schedule it with pm meeting --at \"YYYY-MM-DD HH:MM\""},
		{"unparseable: front-matter reports it", "In Review", "SEV-1", "soon", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := setFront(t, baseDoc(t), "status", tc.status)
			doc = setFront(t, doc, "severity", tc.severity)
			doc = setFront(t, doc, "meeting", tc.meeting)
			fs := byRule(lintDoc(t, l, doc))
			var got string
			if m := fs["meeting-sla"]; len(m) == 1 {
				got = string(m[0].Severity) + ": " + m[0].Message
				if tc.meeting != "-" {
					wantAt(t, doc, m[0], "meeting: "+tc.meeting)
				}
			} else if len(m) > 1 {
				t.Fatalf("more than one meeting-sla finding: %v", m)
			}
			if got != tc.want {
				t.Errorf("meeting-sla: got %q, want %q", got, tc.want)
			}
			if tc.meeting == "soon" && len(fs["front-matter"]) != 1 {
				t.Errorf("want the bad meeting in front-matter, got %v", fs["front-matter"])
			}
		})
	}
	real := l
	for meeting, late := range map[string]bool{
		"2026-11-26T18:00:00+09:00": false,
		"2026-11-27T09:00:00+09:00": true,
		"2026-11-26T15:30:00Z":      true, // 00:30 on the 27th in Tokyo
	} {
		doc := setFront(t, setFront(t, baseDoc(t), "severity", "SEV-1"), "meeting", meeting)
		if got := len(byRule(lintDoc(t, real, doc))["meeting-sla"]) == 1; got != late {
			t.Errorf("meeting %s: late %v, want %v", meeting, got, late)
		}
	}
}

// TestBadInput: whatever the bytes, Lint returns findings with valid positions and does not panic.
func TestBadInput(t *testing.T) {
	base := baseDoc(t)
	front := base[:strings.Index(base, "\n---\n")+5]
	bomb := "---\n" +
		"a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n" +
		"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n" +
		"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n" +
		"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n" +
		"e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n" +
		"f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n" +
		"g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n" +
		"h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n" +
		"i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n" +
		"status_history: *i\n" + strings.Replace(front[4:], "title: Checkout errors after a pool size change", "title: *i", 1)
	manyLines := base + strings.Repeat("Still TODO: lorem ipsum dolor sit amet, consectetur.\n", 2<<20/54)
	oneLine := base + "\n" + strings.Repeat("lorem TODO ", 2<<20/11) + "\n"

	for _, tc := range []struct {
		name  string
		src   string
		rule  string // a rule that must report, "" for any findings or none
		count int    // how many findings of that rule, 0 for any number
	}{
		{"empty", "", "front-matter", 1},
		{"blank lines", "\n\n   \n", "front-matter", 1},
		{"no front matter", "# Title\n\n## Overview\n", "front-matter", 1},
		{"unclosed front matter", "---\ntitle: x\n\n# Title\n\n## Overview\n\nTODO\n", "front-matter", 1},
		{"opening line only", "---", "front-matter", 1},
		{"only front matter", front, "required-section", 9},
		{"only front matter, no final newline", strings.TrimSuffix(front, "\n"), "required-section", 9},
		{"empty front matter", "---\n---\n", "front-matter", 6},
		{"front matter is a list", "---\n- a\n- b\n---\n# x\n", "front-matter", 1},
		{"front matter is text", "---\njust words\n---\n# x\n", "front-matter", 1},
		{"alias bomb", bomb, "front-matter", 2},
		{"unknown anchor", strings.Replace(front, "owner: Ana Souza", "owner: *nobody", 1) + "# x\n", "front-matter", 1},
		{"tab in front matter", strings.Replace(front, "owner: Ana Souza", "owner:\tAna\n\tSouza: x", 1), "front-matter", 1},
		{"invalid UTF-8", strings.Replace(base, "failed because a\n", "failed \xff\xfe\xc3 because a TODO\n", 1) +
			"\xed\xa0\x80\xf4\x90\x80\x80\n", "placeholder", 1},
		{"invalid UTF-8 in front matter", strings.Replace(base, "Ana Souza", "Ana \xff Souza", 1), "front-matter", 2},  // the YAML's, and not UTF-8
		{"NUL bytes", strings.Replace(base, "failed because a\n", "failed\x00because a TODO\n", 1), "front-matter", 1}, // not a text file
		{"CR only", strings.ReplaceAll(base, "\n", "\r"), "front-matter", 1},
		{"mixed line endings", strings.Replace(strings.ReplaceAll(base, "\n", "\r\n"), "\r\n## Impact", "\r## Impact", 1), "", 0},
		{"2 MB of lines", manyLines, "placeholder", 2 << 20 / 54},
		{"2 MB on one line", oneLine, "placeholder", 2 << 20 / 11},
		// past pm's bounds on Markdown: the TODO at the end is not read, the bound is reported
		{"deep block quotes", base + strings.Repeat(">", 5000) + " TODO\n", "too-complex", 1},
		{"deep lists", base + strings.Repeat("- ", 3000) + "TODO\n", "too-complex", 1},
		{"many brackets", base + strings.Repeat("[", 50000) + " TODO " + strings.Repeat("](x)", 2000) + "\n", "too-complex", 1},
		{"many emphasis markers", base + strings.Repeat("*_", 50000) + "TODO\n", "too-complex", 1},
		{"a thousand headings", front + strings.Repeat("## Overview\n\n## \n\n#\n", 1000), "empty-section", 1},
		{"empty table cells", strings.Replace(base, "| 2026-11-20 09:18 JST | On-call paged | [alert](https://alerts.example.com/i/4821) |",
			"|  |  |  |\n| | |\n|||||||", 1), "", 0}, // blank rows are no rows: TestBlankTableRows
		{"table without body rows", strings.Replace(base, "| P0 | Review pool settings with load data | prevent | Ana Souza | 2026-12-04 | OPS-123 |\n| P1 | Alert on pool wait above 200 ms | process | Hannah Lee | 2026-12-11 | https://jira.example.com/browse/OPS-124 |\n", "", 1), "empty-section", 1},
		{"HTML everywhere", strings.Replace(base, "## Overview\n", "<table><tr><td>\n\n## Overview\n</td></tr></table>\n<script>\nTODO\n</script>\n", 1), "", 0},
		{"unclosed comment", strings.Replace(base, "## Action Items", "<!-- pm-lint-disable\n## Action Items", 1), "required-section", 0},
		{"setext and front matter look-alike", front + "Overview\n---\n---\n===\n", "required-section", 0},
		{"wide responders table", strings.Replace(base, "- Incident Commander: Daniel Okafor\n- Scribe: Hannah Lee\n",
			"|"+strings.Repeat(" h |", 20000)+"\n|"+strings.Repeat("-|", 20000)+"\n| Scribe |"+strings.Repeat(" x |", 19999)+"\n", 1), "responders", 1},
		{"huge timeline", strings.Replace(base, "| 2026-11-20 09:52 JST |", strings.Repeat("| 2026-11-20 08:00 JST | x | y |\n", 5000)+"| 2026-11-20 09:52 JST |", 1), "timeline-source", 5000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var fs []lint.Finding
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("Lint panicked: %v", r)
					}
				}()
				fs = lintDoc(t, newLinter(t, lint.Options{}), tc.src)
			}()
			if tc.rule == "" {
				return // any findings, or none
			}
			if len(fs) == 0 {
				t.Fatal("want findings, got none")
			}
			n := len(byRule(fs)[tc.rule])
			if n == 0 || (tc.count > 0 && n != tc.count) {
				t.Errorf("%d %s findings, want %d:\n%.3000s", n, tc.rule, tc.count, findingsText(fs))
			}
		})
	}

	t.Run("invalid UTF-8 columns", func(t *testing.T) {
		// each byte that is not UTF-8 counts as one character, as an editor shows it (U+FFFD)
		doc := strings.Replace(base, "failed because a\n", "failed \xff\xfe because a TODO\n", 1)
		fs := byRule(lintDoc(t, newLinter(t, lint.Options{}), doc))
		if len(fs["placeholder"]) != 1 || len(fs["front-matter"]) != 1 {
			t.Fatalf("want the placeholder and the not-UTF-8 finding, got:\n%v", fs)
		}
		wantAt(t, doc, fs["placeholder"][0], "TODO")
	})
	t.Run("unclosed front matter stops the other rules", func(t *testing.T) {
		fs := lintDoc(t, newLinter(t, lint.Options{}), "\n---\ntitle: x\n\n## Overview\n\nTODO\n")
		if len(fs) != 1 || fs[0].Line != 2 || fs[0].Message != "front matter never closes: add a --- line after the fields" {
			t.Errorf("want one front-matter finding on line 2, got:\n%s", findingsText(fs))
		}
	})
	t.Run("tabs count as one character", func(t *testing.T) {
		doc := strings.Replace(base, "failed because a\n", "failed\t\tbecause a\tTODO\n", 1)
		fs := lintDoc(t, newLinter(t, lint.Options{}), doc)
		if len(fs) != 1 {
			t.Fatalf("want one finding, got:\n%s", findingsText(fs))
		}
		wantAt(t, doc, fs[0], "TODO")
	})
}

func TestLintAll(t *testing.T) {
	l := newLinter(t, lint.Options{})
	files, _ := filepath.Glob(filepath.Join(fixtureRoot, "*", "*.md"))
	if len(files) < 20 {
		t.Fatalf("only %d fixtures", len(files))
	}
	var inputs []lint.Input
	for round := 0; round < 4; round++ {
		for i, f := range files {
			// reverse every other round, so that equal files are not neighbours
			if round%2 == 1 {
				f = files[len(files)-1-i]
			}
			inputs = append(inputs, lint.Input{Path: fmt.Sprintf("%d/%s", round, filepath.Base(filepath.Dir(f))+"/"+filepath.Base(f)), Source: f})
		}
	}
	readErr := errors.New("permission denied")
	inputs = append(inputs,
		lint.Input{Path: "unreadable.md", Source: "/nonexistent/unreadable.md"},
		lint.Input{Path: "huge.md", Skip: "larger than 8 MB: not linted"},
		lint.Input{Path: "binary.md", Data: []byte("---\ntitle: x\n---\n\x00\x01\x02")},
		lint.Input{Path: "given.md", Data: []byte(baseDoc(t))},
	)
	var loads []int32
	load := func(in *lint.Input) {
		if in.Source == "" {
			return
		}
		for i := range inputs {
			if inputs[i].Path == in.Path {
				atomic.AddInt32(&loads[i], 1)
			}
		}
		in.Data, in.Err = os.ReadFile(in.Source)
		if in.Err != nil {
			in.Err = fmt.Errorf("read %s: %w", in.Path, readErr)
		}
	}
	var runs [][]lint.Result
	for run := 0; run < 3; run++ {
		loads = make([]int32, len(inputs))
		runs = append(runs, l.LintAll(inputs, load))
		for i, n := range loads {
			if inputs[i].Source != "" && n != 1 {
				t.Errorf("%s loaded %d times", inputs[i].Path, n)
			}
		}
	}
	res := runs[0]
	if len(res) != len(inputs) {
		t.Fatalf("%d results for %d inputs", len(res), len(inputs))
	}
	for i, r := range res {
		if r.Path != inputs[i].Path {
			t.Fatalf("result %d is %s, want %s: results must keep input order", i, r.Path, inputs[i].Path)
		}
		for _, f := range r.Findings {
			if f.Path != r.Path {
				t.Errorf("%s: finding with path %s", r.Path, f.Path)
			}
		}
		if inputs[i].Source == "" || r.Err != nil {
			continue
		}
		src, err := os.ReadFile(inputs[i].Source)
		if err != nil {
			t.Fatal(err)
		}
		if want := l.Lint(r.Path, src); !reflect.DeepEqual(r.Findings, want) {
			t.Errorf("%s: LintAll findings differ from Lint's", r.Path)
		}
	}
	for run := 1; run < len(runs); run++ {
		if !reflect.DeepEqual(runs[run], runs[0]) {
			t.Errorf("run %d gave different results from run 0", run)
		}
	}
	tail := res[len(res)-4:]
	if !errors.Is(tail[0].Err, readErr) || tail[0].Findings != nil {
		t.Errorf("unreadable: %+v, want the read error and no findings", tail[0])
	}
	if len(tail[1].Findings) != 1 || tail[1].Findings[0].Message != "larger than 8 MB: not linted" || tail[1].Findings[0].Severity != lint.Error {
		t.Errorf("skipped: %+v, want one error with the skip message", tail[1])
	}
	if len(tail[2].Findings) != 1 || tail[2].Findings[0].Rule != "front-matter" || !strings.Contains(tail[2].Findings[0].Message, "not a text file") {
		t.Errorf("binary: %+v, want one not-a-text-file finding", tail[2])
	}
	if tail[3].Err != nil || len(tail[3].Findings) != 0 {
		t.Errorf("given data: %+v, want a clean result", tail[3])
	}

	if got := l.LintAll(nil, load); len(got) != 0 {
		t.Errorf("LintAll(nil) = %v", got)
	}
	// a NUL byte after the first 8000 bytes is not looked for: the file is linted as text
	late := []lint.Input{{Path: "late-nul.md", Data: []byte(baseDoc(t) + strings.Repeat("x", 8000) + "\x00 TODO\n")}}
	if got := l.LintAll(late, nil); len(got) != 1 || len(got[0].Findings) == 0 || got[0].Findings[0].Rule == "front-matter" {
		t.Errorf("late NUL: %+v", got)
	}
	// a file in another encoding (a Latin-1 é on its last line) is said to be one, where the byte
	// is, and is still linted
	body := baseDoc(t)
	lastLine := strings.Count(body, "\n") + 1
	latin1 := []lint.Input{{Path: "latin1.md", Data: []byte(body + "Caf\xe9 TODO\n")}}
	got := l.LintAll(latin1, nil)
	if len(got) != 1 {
		t.Fatalf("latin-1: %+v", got)
	}
	fs := byRule(got[0].Findings)
	if len(fs["front-matter"]) != 1 || len(fs["placeholder"]) == 0 {
		t.Fatalf("latin-1: %+v", got[0].Findings)
	}
	if f := fs["front-matter"][0]; f.Line != lastLine || f.Column != 4 || !strings.Contains(f.Message, "not UTF-8 (byte 0xE9 here)") {
		t.Errorf("latin-1: %+v", f)
	}
}

// TestLinterIsSafeForConcurrentUse lints the fixtures from many goroutines with one Linter (run with -race).
func TestLinterIsSafeForConcurrentUse(t *testing.T) {
	l := newLinter(t, lint.Options{})
	files, _ := filepath.Glob(filepath.Join(fixtureRoot, "*", "*.md"))
	if len(files) < 20 {
		t.Fatalf("only %d fixtures: nothing to lint concurrently", len(files))
	}
	srcs := make([][]byte, len(files))
	want := make([][]lint.Finding, len(files))
	for i, f := range files {
		var err error
		if srcs[i], err = os.ReadFile(f); err != nil {
			t.Fatal(err)
		}
		want[i] = l.Lint(f, srcs[i])
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range files {
				j := (i + g*7) % len(files)
				if got := l.Lint(files[j], srcs[j]); !reflect.DeepEqual(got, want[j]) {
					t.Errorf("%s: concurrent findings differ", files[j])
				}
			}
		}()
	}
	wg.Wait()
}

func TestFindingsAreSorted(t *testing.T) {
	l := newLinter(t, lint.Options{})
	fs := lintDoc(t, l, incompleteDoc(t))
	if len(fs) < 5 {
		t.Fatalf("want several findings, got %d", len(fs))
	}
	for i := 1; i < len(fs); i++ {
		a, b := fs[i-1], fs[i]
		if a.Line > b.Line || (a.Line == b.Line && a.Column > b.Column) {
			t.Errorf("findings out of order: %d:%d before %d:%d", a.Line, a.Column, b.Line, b.Column)
		}
	}
	var buf bytes.Buffer
	if err := format.WriteJSON(&buf, nil); err != nil || buf.String() != "[]\n" {
		t.Errorf("WriteJSON(nil) = %q, %v; want []", buf.String(), err)
	}
}

// TestBadFrontMatterValueIsReportedOnce: a key whose value is of the wrong kind is front-matter's finding;
// the rules that read the key do not report its line again.
func TestBadFrontMatterValueIsReportedOnce(t *testing.T) {
	l := newLinter(t, lint.Options{})
	for key, value := range map[string]string{
		"call_recording": "[https://meet.example.com/a, https://meet.example.com/b]",
		"meeting":        "{at: tomorrow}",
	} {
		doc := setFront(t, setFront(t, baseDoc(t), "status", `"In Review"`), key, value)
		fs := lintDoc(t, l, doc)
		if len(fs) != 1 || fs[0].Rule != "front-matter" {
			t.Errorf("%s: %s: want one front-matter finding, got:\n%s", key, value, findingsText(fs))
			continue
		}
		wantAt(t, doc, fs[0], key+": "+value)
	}
}

// TestBannedWordEvasions holds the banned-word rule to what a reader sees, however it was typed
// (testdata/lint/banned-word-evasions.txt), and to innocent words that only look close.
func TestBannedWordEvasions(t *testing.T) {
	l := newLinter(t, lint.Options{})
	data, err := os.ReadFile(filepath.Join(fixtureRoot, "banned-word-evasions.txt"))
	if err != nil {
		t.Fatal(err)
	}
	evasions, innocent := 0, 0
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.SplitN(line, "\t", 3)
		if len(parts) != 3 {
			t.Fatalf("bad line %q", line)
		}
		text, err := strconv.Unquote(parts[2])
		if err != nil {
			t.Fatalf("%s: %v", parts[1], err)
		}
		want := parts[0] == "1"
		if want {
			evasions++
		} else {
			innocent++
		}
		t.Run(parts[1], func(t *testing.T) {
			doc := edit(t, baseDoc(t), "some checkout attempts failed.", text)
			var found []lint.Finding
			for _, f := range lintDoc(t, l, doc) {
				if f.Rule == "banned-word" {
					found = append(found, f)
				}
			}
			if want != (len(found) == 1) || len(found) > 1 {
				t.Errorf("%q: %d banned-word findings, want %d:\n%s", text, len(found), map[bool]int{true: 1}[want], findingsText(found))
			}
			// The finding points at what was typed: its first character is the word's first.
			for _, f := range found {
				line := []rune(strings.Split(doc, "\n")[f.Line-1])
				if f.Column < 1 || f.EndColumn-1 > len(line) || f.EndColumn <= f.Column {
					t.Errorf("finding at %d:%d-%d on a line of %d characters", f.Line, f.Column, f.EndColumn, len(line))
					continue
				}
				// The message quotes exactly what was typed, hidden characters escaped once.
				if typed := strconv.Quote(string(line[f.Column-1 : f.EndColumn-1])); !strings.HasPrefix(f.Message, typed+" ") {
					t.Errorf("message %q does not start with %s", f.Message, typed)
				}
			}
		})
	}
	if evasions < 30 || innocent < 10 {
		t.Errorf("%d evasions and %d innocent texts; want at least 30 and 10", evasions, innocent)
	}
}

// TestMalformedHistoryEntry: a status_history entry that is malformed is front-matter's finding, an
// error at the entry's own line in English and Japanese, as a malformed top-level field is; the
// status-history rule does not then judge the status against it (no message with an empty status).
func TestMalformedHistoryEntry(t *testing.T) {
	const good = "  - status: Draft\n    at: 2026-11-20T12:00:00+09:00\n    by: Ana Souza\n"
	for _, c := range []struct {
		name, entry, at string // at: the text the finding's line starts with
		en, ja          string
	}{
		{"duplicate key", "  - status: Draft\n    at: 2026-11-21T10:00:00+09:00\n    by: Ana Souza\n    status: Reviewed\n",
			"    status: Reviewed", `status_history entry: duplicate key "status"`, `status_history の項目でキー "status" が重複しています`},
		{"empty mapping", "  - {}\n", "  - {}", "status_history entry: missing status", "status_history の項目に status がありません"},
		{"status a list", "  - status: [a]\n    at: 2026-11-21T10:00:00+09:00\n", "  - status: [a]",
			"status_history entry: status must be a single value, not a list", "status_history の項目の status は単一の値でなければなりません (リスト ではなく)"},
		{"status empty", "  - status: \"\"\n    at: 2026-11-21T10:00:00+09:00\n", "  - status: \"\"",
			"status_history entry: status is empty", "status_history の項目の status が空です"},
		{"unknown status", "  - status: Done\n    at: 2026-11-21T10:00:00+09:00\n", "  - status: Done",
			`status_history entry: status "Done" is not one of Draft, In Review, Reviewed, Closed`, `status_history の項目の status "Done" は Draft, In Review, Reviewed, Closed のいずれでもありません`},
		{"at not a time", "  - status: Reviewed\n    at: notatime\n", "    at: notatime",
			`status_history entry: at "notatime" is not an RFC 3339 time`, `status_history の項目の at "notatime" は RFC 3339 の時刻ではありません`},
		{"at missing", "  - status: Reviewed\n    by: Ana Souza\n", "  - status: Reviewed",
			"status_history entry: missing at", "status_history の項目に at がありません"},
		{"by a list", "  - status: Reviewed\n    at: 2026-11-24T16:00:00+09:00\n    by: [a, b]\n", "    by: [a, b]",
			"status_history entry: by must be a single value, not a list", "status_history の項目の by は単一の値でなければなりません (リスト ではなく)"},
		{"forced not a bool", "  - status: Reviewed\n    at: 2026-11-24T16:00:00+09:00\n    forced: maybe\n", "    forced: maybe",
			`status_history entry: forced must be true or false, not "maybe"`, `status_history の項目の forced は true か false でなければなりません ("maybe" ではなく)`},
	} {
		doc := edit(t, baseDoc(t), "call_recording: https://meet.example.com/recordings/inc-2026-11-20\n",
			"call_recording: https://meet.example.com/recordings/inc-2026-11-20\nstatus_history:\n"+good+c.entry)
		for _, lang := range []struct {
			l    i18n.Lang
			want string
		}{{i18n.EN, c.en}, {i18n.JA, c.ja}} {
			fs := lintDoc(t, newLinter(t, lint.Options{Lang: lang.l}), doc)
			if len(fs) == 0 || len(byRule(fs)["front-matter"]) != len(fs) {
				t.Errorf("%s (%s): want front-matter findings and nothing else, got:\n%s", c.name, lang.l, findingsText(fs))
				continue
			}
			f := fs[0]
			if line, _, _ := at(t, doc, c.at); f.Line != line || f.Severity != lint.Error || !strings.Contains(f.Message, lang.want) {
				t.Errorf("%s (%s): got %d: %s %q, want line %d, an error containing %q", c.name, lang.l, f.Line, f.Severity, f.Message, line, lang.want)
			}
		}
	}
}

// TestHistoryDates: an entry dated before the incident date or after now is a status-history
// warning at its at line; dates are compared as written, so an entry early on the incident's day in
// another zone is not one; without a clock, the future is not judged.
func TestHistoryDates(t *testing.T) {
	for _, c := range []struct {
		name, history string
		noClock       bool
		want          []string // the findings' lines as text, in order
	}{
		{"plausible", "  - status: Reviewed\n    at: 2026-11-24T16:00:00+09:00\n", false, nil},
		{"same day in another zone", "  - status: Reviewed\n    at: 2026-11-20T01:00:00+09:00\n", false, nil},
		{"long before", "  - status: Reviewed\n    at: 1900-01-02T00:00:00Z\n", false,
			[]string{"warning: status_history entry Reviewed at 1900-01-02T00:00:00Z is dated before the incident (2026-11-20)"}},
		{"the day before", "  - status: Reviewed\n    at: 2026-11-19T23:00:00Z\n", false,
			[]string{"warning: status_history entry Reviewed at 2026-11-19T23:00:00Z is dated before the incident (2026-11-20)"}},
		{"far future", "  - status: Reviewed\n    at: 9999-12-31T23:59:59Z\n", false,
			[]string{"warning: status_history entry Reviewed at 9999-12-31T23:59:59Z is dated after now (2026-12-01T09:00:00Z)"}},
		{"a minute after now", "  - status: Reviewed\n    at: 2026-12-01T09:01:00Z\n", false,
			[]string{"warning: status_history entry Reviewed at 2026-12-01T09:01:00Z is dated after now"}},
		{"future without a clock", "  - status: Reviewed\n    at: 9999-12-31T23:59:59Z\n", true, nil},
		{"both", "  - status: In Review\n    at: 1900-01-01T00:00:00Z\n  - status: Reviewed\n    at: 9999-12-31T23:59:59Z\n", false,
			[]string{"before the incident", "after now"}},
	} {
		doc := edit(t, baseDoc(t), "call_recording: https://meet.example.com/recordings/inc-2026-11-20\n",
			"call_recording: https://meet.example.com/recordings/inc-2026-11-20\nstatus_history:\n"+c.history)
		opts := lint.Options{}
		if c.noClock {
			opts.Now = func() time.Time { return time.Time{} }
		}
		var fs []lint.Finding // the dates' warnings (a Reviewed entry before the meeting is an error of its own)
		for _, f := range ofRule(lintDoc(t, newLinter(t, opts), doc), "status-history") {
			if f.Severity == lint.Warning {
				fs = append(fs, f)
			}
		}
		if len(fs) != len(c.want) {
			t.Errorf("%s: want %d status-history findings, got:\n%s", c.name, len(c.want), findingsText(fs))
			continue
		}
		ats := regexp.MustCompile(`(?m)^    at: .*$`).FindAllStringIndex(doc, -1)
		for i, f := range fs {
			line := strings.Count(doc[:ats[i][0]], "\n") + 1
			if text := findingsText(fs[i : i+1]); !strings.Contains(text, c.want[i]) || f.Line != line || f.Severity != lint.Warning {
				t.Errorf("%s: got %s, want a warning on line %d containing %q", c.name, text, line, c.want[i])
			}
		}
	}
}

// TestHistoryCreatedBeforeIncident: a postmortem created (its first entry, a Draft) before its
// incident date has a wrong incident date, said once of incident_date, not of each entry pm wrote.
func TestHistoryCreatedBeforeIncident(t *testing.T) {
	doc := edit(t, baseDoc(t), "call_recording: https://meet.example.com/recordings/inc-2026-11-20\n",
		"call_recording: https://meet.example.com/recordings/inc-2026-11-20\nstatus_history:\n"+
			"  - status: Draft\n    at: 2026-11-18T10:00:00Z\n  - status: In Review\n    at: 2026-11-19T10:00:00Z\n  - status: Reviewed\n    at: 2026-11-24T10:00:00Z\n")
	fs := ofRule(lintDoc(t, newLinter(t, lint.Options{}), doc), "status-history")
	text := findingsText(fs)
	if len(fs) != 1 || !strings.Contains(text, "incident_date 2026-11-20 is after the first status_history entry (Draft at 2026-11-18T10:00:00Z)") ||
		fs[0].Line != strings.Count(doc[:strings.Index(doc, "incident_date:")], "\n")+1 {
		t.Errorf("got:\n%s", text)
	}
}

// TestBannedWordAcrossASoftLineBreakInJapanese: a line break inside a Japanese paragraph shows
// nothing (the lines join, as pm message joins them), so 停 at the end of one line and 止 at the
// start of the next are 停止 in the customer message. Between Latin words it is a space.
func TestBannedWordAcrossASoftLineBreakInJapanese(t *testing.T) {
	doc := edit(t, baseJaDoc(t), "注文確定が遅れるインシデントが発生しました。", "注文確定のサービスが停\n止しました。")
	if fs := ofRule(lintDoc(t, newLinter(t, lint.Options{Lang: i18n.JA}), doc), "banned-word"); len(fs) != 1 {
		t.Errorf("停 / 止 across a line break: %d banned-word findings, want 1", len(fs))
	}
	doc = edit(t, baseJaDoc(t), "注文確定が遅れるインシデントが発生しました。", "注文確定の out\nage がありました。")
	if fs := ofRule(lintDoc(t, newLinter(t, lint.Options{Lang: i18n.JA}), doc), "banned-word"); len(fs) != 0 {
		t.Errorf("out / age across a line break between Latin words: %d findings, want 0", len(fs))
	}
}

// TestBannedWordInLinkAddress: pm message sends a link's address and a footnote written out in the
// plain text ("details (outage)"), so the word there reaches customers: reported once, at the
// customer message's heading; a web address is an address, as an autolink is.
func TestBannedWordInLinkAddress(t *testing.T) {
	l := newLinter(t, lint.Options{})
	for _, c := range []struct {
		text string
		want int
	}{
		{"See [the details](outage).", 1},
		{"See [the details](outage) and [more](outages).", 1},
		{"詳細は[こちら](停止のお知らせ)をご覧ください。", 1},
		{"Notice[^1].", 1}, // the footnote written at the end of the document, below
		{"See [the status page](https://status.example.com/outage-123).", 0},
		{"See [the details](report).", 0},
	} {
		doc := edit(t, baseDoc(t), "some checkout attempts failed.", c.text)
		if strings.Contains(c.text, "[^1]") {
			doc += "\n[^1]: outage\n"
		}
		var found []lint.Finding
		for _, f := range lintDoc(t, l, doc) {
			if f.Rule == "banned-word" {
				found = append(found, f)
			}
		}
		if len(found) != c.want {
			t.Errorf("%q: %d findings, want %d:\n%s", c.text, len(found), c.want, findingsText(found))
			continue
		}
		if c.want == 1 && (!strings.Contains(found[0].Message, "as pm message sends it") ||
			strings.Split(doc, "\n")[found[0].Line-1] != "### External Message") {
			t.Errorf("%q: %s", c.text, findingsText(found))
		}
	}
}

// With front-matter off, a document whose front matter pm cannot read is still linted: its body's
// findings come, where with the rule on they wait for the front matter's fix (which the rule reports).
func TestFrontMatterOffStillLintsTheBody(t *testing.T) {
	doc := incompleteDoc(t)
	for name, broken := range map[string]string{
		"malformed YAML":  strings.Replace(doc, "\nseverity: ", "\nseverity: [", 1),
		"no front matter": doc[strings.Index(doc[3:], "\n---\n")+3+5:],
	} {
		t.Run(name, func(t *testing.T) {
			on := byRule(lintDoc(t, newLinter(t, lint.Options{}), broken))
			if len(on["front-matter"]) == 0 || len(on["placeholder"]) != 0 {
				t.Fatalf("front-matter on: want only its finding, got %v", on)
			}
			off := byRule(lintDoc(t, newLinter(t, lint.Options{Overrides: map[string]string{"front-matter": "off"}}), broken))
			if len(off["front-matter"]) != 0 {
				t.Errorf("front-matter off, got %v", off["front-matter"])
			}
			for _, rule := range []string{"placeholder", "empty-section", "responders"} {
				if len(off[rule]) == 0 {
					t.Errorf("front-matter off: no %s finding in %v", rule, off)
				}
			}
		})
	}
}

// A Japanese timeline written in the forms Japanese teams write (2026/09/03, 2026年9月3日, 14時05分, a
// Date column of such days) lints as the ISO forms do: no timeline finding, the same times.
func TestJapaneseTimelineForms(t *testing.T) {
	doc := baseJaDoc(t)
	l := newLinter(t, lint.Options{})
	want := l.TimelineTimes(postmortem.Parse("doc.md", []byte(doc), nil))
	for _, c := range []struct{ from, to string }{
		{"| 2026-09-03 13:40 JST |", "| 2026/09/03 13:40 JST |"},
		{"| 2026-09-03 14:05 JST |", "| 2026年9月3日(木) 14時05分 JST |"},
		{"| 2026-09-03 15:31 JST |", "| 15時31分 JST |"},
	} {
		doc = edit(t, doc, c.from, c.to)
	}
	fs := byRule(lintDoc(t, l, doc))
	if len(fs["timeline-time"])+len(fs["timeline-order"]) != 0 {
		t.Errorf("timeline findings: %+v", fs)
	}
	got := l.TimelineTimes(postmortem.Parse("doc.md", []byte(doc), nil))
	if len(got) != len(want) || len(got) == 0 {
		t.Fatalf("times %v, want %v", got, want)
	}
	for i := range got {
		if !got[i].Equal(want[i]) {
			t.Errorf("row %d: %v, want %v", i, got[i], want[i])
		}
	}
	// a Date column of Japanese days gives each time of day its day
	dated := edit(t, baseJaDoc(t), "| 時刻 | 出来事 | データへのリンク |\n| --- | --- | --- |", "| 日付 | 時刻 | 出来事 | データへのリンク |\n| --- | --- | --- | --- |")
	for _, c := range []struct{ from, to string }{
		{"| 2026-09-03 13:40 JST |", "| 2026/9/3 | 13:40 JST |"},
		{"| 2026-09-03 14:05 JST |", "| 2026年9月3日 | 14:05 JST |"},
		{"| 2026-09-03 15:31 JST |", "| 2026年9月4日（金） | 15:31 JST |"}, // the next day
	} {
		dated = edit(t, dated, c.from, c.to)
	}
	want[2] = want[2].AddDate(0, 0, 1)
	got = l.TimelineTimes(postmortem.Parse("doc.md", []byte(dated), nil))
	if len(got) != len(want) {
		t.Fatalf("Date column: %v, want %v", got, want)
	}
	for i := range got {
		if !got[i].Equal(want[i]) {
			t.Errorf("Date column, row %d: %v, want %v", i, got[i], want[i])
		}
	}
}

// A Date column's cell that is no day, and a Japanese date whose weekday is not its own, are
// timeline-time errors, not silently passed over (a backwards timeline would then pass).
func TestTimelineDateCellsChecked(t *testing.T) {
	table := func(rows ...string) string {
		doc := edit(t, baseJaDoc(t), "| 時刻 | 出来事 | データへのリンク |\n| --- | --- | --- |", "| 日付 | 時刻 (JST) | 出来事 | データへのリンク |\n| --- | --- | --- | --- |")
		froms := []string{"| 2026-09-03 13:40 JST |", "| 2026-09-03 14:05 JST |", "| 2026-09-03 15:31 JST |"}
		rest := []string{"| | 13:40 |", "| | 14:05 |", "| | 15:31 |"} // rows not given: the day above
		for i := range froms {
			r := rest[i]
			if i < len(rows) {
				r = rows[i]
			}
			doc = edit(t, doc, froms[i], r)
		}
		return doc
	}
	l := newLinter(t, lint.Options{})
	for _, c := range []struct {
		rows []string
		want string // in the timeline-time message; "" for none
	}{
		{[]string{"| 2026-09-03 | 13:40 |", "| | 14:05 |", "| 2026年9月3日(木) | 15:31 |"}, ""},
		{[]string{"| 2026/09/31 | 13:40 |"}, `timeline date "2026/09/31": not a day like 2026-11-20, 2026/11/20 or 2026年11月20日`},
		{[]string{"| garbage | 13:40 |"}, `timeline date "garbage": not a day`},
		{[]string{"| 2026年9月3日(金) | 13:40 |"}, `timeline date "2026年9月3日(金)": 2026-09-03 is a (木), not (金)`},
		// the forms a Due cell and pm new --date take are a day here too: full-width ISO, an ISO
		// date with a weekday in brackets, Japanese or English
		{[]string{"| ２０２６－０９－０３ | 13:40 |", "| | 14:05 |", "| 2026-09-03(木) | 15:31 |"}, ""},
		{[]string{"| 2026-09-03 (Thu) | 13:40 |"}, ""},
		{[]string{"| 2026-09-03 (Fri) | 13:40 |"}, `timeline date "2026-09-03 (Fri)": 2026-09-03 is a (Thu), not (Fri)`},
	} {
		fs := byRule(lintDoc(t, l, table(c.rows...)))
		var got []string
		for _, f := range fs["timeline-time"] {
			got = append(got, f.Message)
			if f.Column != 3 { // the Date cell, where the mistake is, not the time beside it
				t.Errorf("%v: column %d, want 3 (the Date cell)", c.rows, f.Column)
			}
		}
		if c.want == "" && len(got) > 0 || c.want != "" && (len(got) != 1 || !strings.Contains(got[0], c.want)) {
			t.Errorf("%v: %q, want %q", c.rows, got, c.want)
		}
	}
	// in the Time column too
	doc := edit(t, baseJaDoc(t), "| 2026-09-03 13:40 JST |", "| 2026年9月3日(金) 13:40 JST |")
	if fs := byRule(lintDoc(t, l, doc)); len(fs["timeline-time"]) != 1 || !strings.Contains(fs["timeline-time"][0].Message, "is a (木), not (金)") {
		t.Errorf("Time column: %+v", fs["timeline-time"])
	}
}

// The text an HTML block shows is prose: a placeholder in it is found where it is, one in its tags,
// its comments or a <pre> is not.
func TestPlaceholderInHTMLBlocks(t *testing.T) {
	l := newLinter(t, lint.Options{})
	for block, want := range map[string]string{
		"<div>\nTODO in html block\n</div>\n":                           "TODO",
		"<p>TBD para</p>\n":                                             "TBD",
		"<table><tr><td>未定</td></tr></table>\n":                         "未定",
		"<div title=\"TODO\">\nwritten\n</div>\n":                       "",
		"<div>\n<!-- TODO: the template's guidance -->\ndone\n</div>\n": "",
		"<pre>\nTODO in code\n</pre>\n":                                 "",
		"<div data-x=a'b>TBD</div>\n":                                   "TBD",
		"<div it's>TBD</div>\n":                                         "TBD",
		"<p>Run <code>TODO</code> now</p>\n":                            "",
		"<p>Press <kbd>XXX</kbd>, then TBD</p>\n":                       "TBD",
		"<div title=\"a>TODO\">\nwritten\n</div>\n":                     "",
	} {
		doc := edit(t, baseDoc(t), "## Analysis\n", "## Analysis\n\n"+block+"\n")
		var got []lint.Finding
		for _, f := range lintDoc(t, l, doc) {
			if f.Rule == "placeholder" {
				got = append(got, f)
			}
		}
		switch {
		case want == "" && len(got) > 0:
			t.Errorf("%q: %+v", block, got)
		case want != "" && (len(got) != 1 || !strings.Contains(got[0].Message, want)):
			t.Errorf("%q: %+v, want one finding of %s", block, got, want)
		case want != "":
			lines := strings.Split(doc, "\n")
			if line := lines[got[0].Line-1]; !strings.Contains(line[got[0].Column-1:], want) {
				t.Errorf("%q: the finding at %d:%d is not at %s: %q", block, got[0].Line, got[0].Column, want, line)
			}
		}
	}
}

// A status written by hand in another spelling is the status it names for the process rules too:
// one the history does not end with is a hand move (status-history), and one whose gates fail is
// said (status-gates), beside the spelling's own front-matter error.
func TestSpelledStatusIsCheckedAsTheStatus(t *testing.T) {
	l := newLinter(t, lint.Options{})
	history := "status_history:\n  - status: Draft\n    at: 2026-11-20T10:00:00+09:00\n    by: Ana Souza\n" +
		"  - status: In Review\n    at: 2026-11-21T10:00:00+09:00\n    by: Ana Souza\n"
	doc := strings.Replace(setFront(t, baseDoc(t), "status", "closed"), "---\n\n# Checkout", history+"---\n\n# Checkout", 1)
	fs := byRule(lintDoc(t, l, doc))
	if len(fs["front-matter"]) == 0 || len(fs["status-history"]) == 0 {
		t.Errorf("front-matter %v, status-history %v", fs["front-matter"], fs["status-history"])
	}
}

// A zone the Timeline's heading names after the section's name, past a colon or a dash or in
// parentheses among other words, is the zone of a time written without one; a word there that is
// no zone names none.
func TestTimelineZoneInHeadingNote(t *testing.T) {
	l := newLinter(t, lint.Options{})
	rows := func(doc string) string {
		for _, r := range []string{"09:10", "09:14", "09:18", "09:52"} {
			doc = edit(t, doc, "| 2026-11-20 "+r+" JST |", "| "+r+" |")
		}
		return doc
	}
	for heading, zone := range map[string]string{
		"## Timeline (JST)":                      "+09:00",
		"## Timeline: UTC":                       "Z",
		"## Timeline - all times UTC":            "Z",
		"## Timeline – all times in JST":         "+09:00",
		"## Timeline — UTC+9":                    "+09:00",
		"## Timeline (all times JST)":            "+09:00",
		"## Timeline (times are Asia/Tokyo)":     "+09:00",
		"## タイムライン：JST":                          "+09:00",
		"## タイムライン（時刻はすべて日本時間）":                  "+09:00",
		"## タイムライン（時刻はすべてJST）":                   "+09:00",
		"## Incident Timeline: all times in UTC": "Z",
	} {
		doc := rows(edit(t, baseDoc(t), "## Timeline\n", heading+"\n"))
		fs := byRule(lintDoc(t, l, doc))
		if len(fs["timeline-time"]) != 0 || len(fs["required-section"]) != 0 {
			t.Errorf("%s: %+v", heading, fs)
			continue
		}
		got := l.TimelineTimes(postmortem.Parse("doc.md", []byte(doc), nil))
		if len(got) == 0 || got[0].Format("15:04Z07:00") != "09:10"+zone {
			t.Errorf("%s: times %v, want 09:10 at %s", heading, got, zone)
		}
	}
	// a word that is no zone names none: the rows without one are still told they have none
	for _, heading := range []string{"## Timeline (draft)", "## Timeline - West region", "## Timeline: all times est.", "## Timeline (Plan Z)", "## Timeline (JST, UTC in brackets)"} {
		doc := rows(edit(t, baseDoc(t), "## Timeline\n", heading+"\n"))
		if fs := byRule(lintDoc(t, l, doc)); len(fs["timeline-time"]) != 4 {
			t.Errorf("%s: %d timeline-time findings, want 4: %+v", heading, len(fs["timeline-time"]), fs["timeline-time"])
		}
	}
}

// Action Items written as a list, not as the template's table, hold items pm cannot read: no
// priority, due date or ticket. Said at the list, with the table to write, at the level of a missing
// due date (Draft warning, later error), so that no gate passes on items it never read; an empty
// section is empty-section's, and prose alone or a list beside a table is no finding.
func TestActionItemsWrittenAsList(t *testing.T) {
	l := newLinter(t, lint.Options{})
	table := "| Priority | Action | Type | Owner | Due | Ticket |\n| --- | --- | --- | --- | --- | --- |\n" +
		"| P0 | Review pool settings with load data | prevent | Ana Souza | 2026-12-04 | OPS-123 |\n" +
		"| P1 | Alert on pool wait above 200 ms | process | Hannah Lee | 2026-12-11 | https://jira.example.com/browse/OPS-124 |\n"
	list := "- P0: Call risk-svc before opening the transaction (Ana Souza)\n- P1: Alert on pool wait above 200 ms (Hannah Lee)\n"
	doc := edit(t, baseDoc(t), table, list)
	for _, c := range []struct {
		status string
		want   lint.Severity
	}{{"Draft", lint.Warning}, {"In Review", lint.Error}, {"Reviewed", lint.Error}, {"Closed", lint.Error}} {
		fs := byRule(lintDoc(t, l, setFront(t, doc, "status", c.status)))["action-item"] // Closed: status-gates too
		if len(fs) != 1 || fs[0].Severity != c.want {
			t.Fatalf("%s: want one action-item %s, got:\n%s", c.status, c.want, findingsText(fs))
		}
		if line := strings.Count(doc[:strings.Index(doc, "- P0: Call risk-svc")], "\n") + 1; fs[0].Line != line || fs[0].Column != 1 {
			t.Errorf("%s: at %d:%d, want the first item's line %d", c.status, fs[0].Line, fs[0].Column, line)
		}
		if want := "the Action Items section lists items but has no table pm reads (no priority, due date or ticket of them is read; " +
			"pm actions lists none): write them as the template's table, one row each: " +
			"| Priority | Action | Type | Owner | Due | Ticket |"; fs[0].Message != want {
			t.Errorf("%s: message %q, want %q", c.status, fs[0].Message, want)
		}
	}
	// under a subsection, as "### Short term" and its list
	sub := edit(t, baseDoc(t), table, "### Short term\n\n"+list)
	if fs := lintDoc(t, l, sub); len(fs) != 1 || fs[0].Rule != "action-item" {
		t.Errorf("a list under a subsection: %s", findingsText(fs))
	}
	// Japanese: the message and the table in Japanese
	ja := edit(t, baseJaDoc(t), "| 優先度 | アクション | 種別 | 担当 | 期日 | チケット |\n| --- | --- | --- | --- | --- | --- |\n| P0 | 処理時間に応じて取り込み件数を減らす | prevent | 中村 翔 | 2026-09-18 | ORD-512 |\n",
		"- P0: 処理時間に応じて取り込み件数を減らす（中村）\n")
	fs := lintDoc(t, newLinter(t, lint.Options{Lang: i18n.JA}), ja)
	if len(fs) != 1 || fs[0].Rule != "action-item" || !strings.Contains(fs[0].Message, "| 優先度 | アクション | 種別 | 担当 | 期日 | チケット |") {
		t.Errorf("ja: %s", findingsText(fs))
	}
	// no finding of this kind: an empty section (empty-section's), prose alone, a list of bare
	// labels, a list beside the table, a list holding the table
	for name, body := range map[string]string{
		"comment":     "<!-- none yet -->\n",
		"prose":       "No follow-ups: the rollback was the fix.\n",
		"labels":      "- Short term:\n- Long term:\n",
		"table, list": table + "\nNotes:\n\n- the P1 waits for the new dashboard\n",
		"list, table": "- Short term:\n\n  " + strings.ReplaceAll(strings.TrimSuffix(table, "\n"), "\n", "\n  ") + "\n",
	} {
		fs := lintDoc(t, l, setFront(t, edit(t, baseDoc(t), table, body), "status", "Closed"))
		for _, f := range fs {
			if f.Rule == "action-item" {
				t.Errorf("%s: %s", name, findingsText(fs))
			}
		}
		if want := name == "comment" || name == "labels"; want != (len(byRule(fs)["empty-section"]) == 1) {
			t.Errorf("%s: empty-section %v, want %v:\n%s", name, !want, want, findingsText(fs))
		}
	}
}

// A Timeline written as a list holds no time pm reads: no zone, order or data link of it is checked.
// Said at the list, with the table to write: a warning in a Draft, an error from In Review on (as
// an unreadable time is), so that In Review is refused; an empty section is empty-section's, prose alone is no finding, and a table with prose
// or a list beside it is read as it was.
func TestTimelineWrittenAsList(t *testing.T) {
	l := newLinter(t, lint.Options{})
	start := strings.Index(baseDoc(t), "| Time | Event | Data Link |")
	end := strings.Index(baseDoc(t), "## Analysis")
	table := baseDoc(t)[start:end]
	list := "- 09:14 alert fired\n- around 9:30 we rolled back\n\n"
	doc := edit(t, baseDoc(t), table, list)
	for _, status := range []string{"Draft", "In Review", "Reviewed"} {
		fs := lintDoc(t, l, setFront(t, doc, "status", status))
		want := lint.Error
		if status == "Draft" {
			want = lint.Warning // work in progress: the hook lets it be committed
		}
		if len(fs) != 1 || fs[0].Rule != "timeline-time" || fs[0].Severity != want {
			t.Fatalf("%s: want one timeline-time %v, got:\n%s", status, want, findingsText(fs))
		}
		if line := strings.Count(doc[:strings.Index(doc, "- 09:14 alert fired")], "\n") + 1; fs[0].Line != line || fs[0].Column != 1 {
			t.Errorf("%s: at %d:%d, want the first entry's line %d", status, fs[0].Line, fs[0].Column, line)
		}
		if want := "the Timeline lists entries but has no table pm reads (no time of them is checked for its zone, order or data link): " +
			"write them as the template's table, one row each: | Time | Event | Data Link |"; fs[0].Message != want {
			t.Errorf("%s: message %q, want %q", status, fs[0].Message, want)
		}
	}
	// Japanese: the message and the table in Japanese
	ja := baseJaDoc(t)
	jaTable := ja[strings.Index(ja, "| 時刻 |"):strings.Index(ja, "## 分析")]
	fs := lintDoc(t, newLinter(t, lint.Options{Lang: i18n.JA}), edit(t, ja, jaTable, "- 9:14 アラート発報\n- 9:30頃 ロールバック\n\n"))
	if len(fs) != 1 || fs[0].Rule != "timeline-time" || !strings.Contains(fs[0].Message, "| 時刻 | 出来事 | データへのリンク |") {
		t.Errorf("ja: %s", findingsText(fs))
	}
	// no finding of this kind: an empty section (empty-section's), prose alone, a table with prose
	// and a list of notes under it
	for name, body := range map[string]string{
		"comment":     "<!-- to fill in -->\n\n",
		"prose":       "The call notes hold the minute by minute; see the recording.\n\n",
		"table, list": table + "Notes:\n\n- the deploy time is the pipeline's\n\n",
	} {
		fs := byRule(lintDoc(t, l, edit(t, baseDoc(t), table, body)))
		if len(fs["timeline-time"]) != 0 || len(fs["timeline-order"]) != 0 {
			t.Errorf("%s: %v", name, fs)
		}
		if want := name == "comment"; want != (len(fs["empty-section"]) == 1) {
			t.Errorf("%s: empty-section %v, want %v: %v", name, !want, want, fs)
		}
	}
}

// TestSectionsNamedOneWay: a section is named the same way in every finding of one run: in the
// document's words, with the other language's name beside it when the messages are in the other
// language ("Responders" (対応者) for a Japanese document in English, 「Responders」(対応者) for an
// English one in Japanese), in the empty-section, responders and analysis-queries findings alike.
func TestSectionsNamedOneWay(t *testing.T) {
	en := edit(t, baseDoc(t), "- Incident Commander: Daniel Okafor\n- Scribe: Hannah Lee\n- Tomás Ruiz (payments): subject-matter expert\n", "")
	en = edit(t, en, "```sql\nSELECT count(*) FROM checkout_log WHERE status = 500;\n```\n", "")
	ja := edit(t, baseJaDoc(t), "- インシデントコマンダー: 高橋 健\n- 記録係: 伊藤 彩\n", "")
	ja = edit(t, ja, "```sql\nSELECT count(*) FROM orders WHERE confirmed_at - paid_at > interval '1 minute';\n```\n", "")
	for _, c := range []struct {
		name  string
		doc   string
		lang  i18n.Lang
		wants []string
	}{
		{"en in en", en, i18n.EN, []string{`section "Responders" is empty`, `section "Responders" names no Incident Commander (add "Incident Commander: name")`,
			`section "Analysis" has no fenced code block`}},
		{"en in ja", en, i18n.JA, []string{`セクション「Responders」(対応者) が空です`, `セクション「Responders」(対応者) にインシデントコマンダーがいません`,
			`セクション「Analysis」(分析) にコードブロックがありません`}},
		{"ja in en", ja, i18n.EN, []string{`section "Responders" (対応者) is empty`, `section "Responders" (対応者) names no Incident Commander`,
			`section "Analysis" (分析) has no fenced code block`}},
		{"ja in ja", ja, i18n.JA, []string{`セクション「対応者」(Responders) が空です`, `セクション「対応者」(Responders) にインシデントコマンダーがいません`,
			`セクション「分析」(Analysis) にコードブロックがありません`}},
	} {
		l := newLinter(t, lint.Options{Lang: c.lang})
		text := findingsText(lintDoc(t, l, c.doc))
		for _, want := range c.wants {
			if !strings.Contains(text, want) {
				t.Errorf("%s: want %q in:\n%s", c.name, want, text)
			}
		}
	}
}
