package templates_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"text/template"

	"go.yaml.in/yaml/v3"

	"github.com/pm-tools/pm/templates"
)

// data mirrors the fields pm new passes to the templates.
type data struct {
	Title             string
	Severity          string
	Owner             string
	IncidentCommander string
	IncidentDate      string
	Created           string
	Deadline          string
}

var plainScalar = regexp.MustCompile(`^[A-Za-z]([A-Za-z0-9 ._-]*[A-Za-z0-9._-])?$`)

// stubYAML stands in for pm's yaml function: plain when obviously safe, else double-quoted.
func stubYAML(s string) string {
	if plainScalar.MatchString(s) {
		return s
	}
	return strconv.Quote(s)
}

func render(t *testing.T, lang string, d data) string {
	t.Helper()
	src, err := templates.Postmortem(lang)
	if err != nil {
		t.Fatalf("Postmortem(%q): %v", lang, err)
	}
	tmpl, err := template.New(lang).Option("missingkey=error").
		Funcs(template.FuncMap{"yaml": stubYAML}).Parse(string(src))
	if err != nil {
		t.Fatalf("parse %s template: %v", lang, err)
	}
	var out bytes.Buffer
	if err := tmpl.Execute(&out, d); err != nil {
		t.Fatalf("render %s template: %v", lang, err)
	}
	return out.String()
}

func wantFrontMatter(d data) string {
	return fmt.Sprintf(`---
title: %s
severity: %s
status: Draft
owner: %s
incident_commander: %s
incident_date: %s
meeting: ""
external_message: true
full_outage: false
call_recording: ""
services: []
tags: []
contributing_factors: []
related: []
recurrence_of: ""
status_history:
  - status: Draft
    at: %s
    by: %s
---
`, stubYAML(d.Title), d.Severity, stubYAML(d.Owner), stubYAML(d.IncidentCommander),
		d.IncidentDate, d.Created, stubYAML(d.Owner))
}

// layout is what a rendered template must contain outside comments: the headings in order, and
// for the few sections that are not empty, their exact lines.
type layout struct {
	headings []string
	content  map[string][]string
}

func wantLayout(lang string, d data) layout {
	switch lang {
	case "en":
		return layout{
			headings: []string{"# " + d.Title, "## Overview", "## What Happened", "## Root Cause",
				"## Resolution", "## Impact", "## Responders", "## Timeline", "## Analysis",
				"## How'd We Do?", "### What Went Well?", "### What Didn't Go So Well?",
				"### How Could We Have Detected It Sooner?", "## Action Items", "## Messaging",
				"### Internal Email", "### External Message"},
			content: map[string][]string{
				"## Responders": {"- Incident Commander: " + d.IncidentCommander, "- Scribe: "},
				"## Timeline":   {"| Time | Event | Data Link |", "| --- | --- | --- |"},
				"## Action Items": {"| Priority | Action | Type | Owner | Due | Ticket |",
					"| --- | --- | --- | --- | --- | --- |"},
			},
		}
	case "ja":
		return layout{
			headings: []string{"# " + d.Title, "## 概要", "## なにが起きたか", "## 根本原因", "## 解決",
				"## 影響", "## 対応者", "## タイムライン", "## 分析", "## どう対処したか",
				"### なにがうまくいった？", "### なにがうまくいかなかった？", "### もっと早く検知できなかったか？",
				"## アクションアイテム", "## メッセージング", "### 社内メール", "### 対外メッセージ"},
			content: map[string][]string{
				"## 対応者":    {"- インシデントコマンダー: " + d.IncidentCommander, "- 記録係: "},
				"## タイムライン": {"| 時刻 | 出来事 | データへのリンク |", "| --- | --- | --- |"},
				"## アクションアイテム": {"| 優先度 | アクション | 種別 | 担当 | 期日 | チケット |",
					"| --- | --- | --- | --- | --- | --- |"},
			},
		}
	}
	panic("no layout for " + lang)
}

var comment = regexp.MustCompile(`(?s)<!--.*?-->`)

// outsideComments blanks every HTML comment but keeps its line breaks, so line numbers survive.
func outsideComments(s string) string {
	return comment.ReplaceAllStringFunc(s, func(c string) string {
		return strings.Repeat("\n", strings.Count(c, "\n"))
	})
}

// sections returns the headings of body in order and the non-blank lines under each one; a line
// starting with # inside a fenced code block is content, not a heading.
func sections(body string) ([]string, map[string][]string) {
	var headings []string
	content := map[string][]string{}
	inFence := false
	for line := range strings.Lines(body) {
		line = strings.TrimSuffix(line, "\n")
		if strings.HasPrefix(line, "```") {
			inFence = !inFence
		}
		if !inFence && strings.HasPrefix(line, "#") {
			headings = append(headings, line)
			continue
		}
		if strings.TrimSpace(line) != "" && len(headings) > 0 {
			h := headings[len(headings)-1]
			content[h] = append(content[h], line)
		}
	}
	return headings, content
}

var cases = []struct {
	name string
	data data
}{
	{"full", data{Title: "Checkout latency", Severity: "SEV-1", Owner: "Alice Example",
		IncidentCommander: "Bob Example", IncidentDate: "2026-11-20",
		Created: "2026-11-20T10:30:00+09:00", Deadline: "2026-11-25"}},
	{"no commander, no deadline, title needing quotes", data{Title: `Queue: "stuck" at 100%`,
		Severity: "SEV-4", Owner: "佐藤 美咲", IncidentDate: "2026-11-20",
		Created: "2026-11-20T01:30:00Z"}},
}

func TestPostmortemRenders(t *testing.T) {
	for _, lang := range templates.Languages() {
		for _, c := range cases {
			t.Run(lang+"/"+c.name, func(t *testing.T) {
				out := render(t, lang, c.data)

				fm := wantFrontMatter(c.data)
				if !strings.HasPrefix(out, fm+"\n# "+c.data.Title+"\n\n") {
					t.Fatalf("rendered output does not start with the front matter, a blank line and the title:\n%s",
						out[:min(len(out), len(fm)+80)])
				}
				var meta struct {
					Title         string
					Owner         string
					StatusHistory []map[string]string `yaml:"status_history"`
				}
				if err := yaml.Unmarshal([]byte(strings.Trim(fm, "-\n")), &meta); err != nil {
					t.Fatalf("front matter is not YAML: %v", err)
				}
				if meta.Title != c.data.Title || meta.Owner != c.data.Owner ||
					len(meta.StatusHistory) != 1 || meta.StatusHistory[0]["at"] != c.data.Created {
					t.Errorf("front matter read back as %+v", meta)
				}

				body := outsideComments(out[len(fm):])
				want := wantLayout(lang, c.data)
				headings, content := sections(body)
				if !slices.Equal(headings, want.headings) {
					t.Errorf("headings outside comments:\n got %q\nwant %q", headings, want.headings)
				}
				for _, h := range headings {
					if !slices.Equal(content[h], want.content[h]) {
						t.Errorf("%s: content outside comments is %q, want %q", h, content[h], want.content[h])
					}
				}

				for _, word := range []string{"outage", "停止"} {
					if strings.Contains(strings.ToLower(body), word) {
						t.Errorf("%q appears outside a comment", word)
					}
				}
				for _, cmd := range []string{"pm status in-review", "pm meeting --at ", "pm status reviewed", "pm status closed"} {
					if !strings.Contains(out, cmd) {
						t.Errorf("the process reminder does not mention %q", cmd)
					}
				}
				if c.data.Deadline != "" && !strings.Contains(out, c.data.Deadline) {
					t.Errorf("the meeting deadline %s is not in the output", c.data.Deadline)
				}
				checkLayout(t, out)
			})
		}
	}
}

// checkLayout checks the plain-text shape: LF only, one final newline, headings set off by blank
// lines, no runs of blank lines.
func checkLayout(t *testing.T, out string) {
	t.Helper()
	if strings.Contains(out, "\r") {
		t.Error("output has CR characters")
	}
	if !strings.HasSuffix(out, "\n") || strings.HasSuffix(out, "\n\n") {
		t.Error("output must end with exactly one newline")
	}
	if i := strings.Index(out, "\n\n\n"); i >= 0 {
		t.Errorf("two blank lines in a row at byte %d", i)
	}
	// Headings are found outside comments (which keep their line breaks) but their neighbours are
	// checked in the real text, where a comment right under a heading is a missing blank line.
	lines := strings.Split(out, "\n")
	for i, line := range strings.Split(outsideComments(out), "\n") {
		if strings.HasPrefix(line, "#") && (i == 0 || lines[i-1] != "" || i+1 == len(lines) || lines[i+1] != "") {
			t.Errorf("heading %q is not between blank lines", line)
		}
	}
}

// Lint flags these markers wherever they appear, so the guidance must not use them either.
func TestTemplatesHaveNoPlaceholderMarkers(t *testing.T) {
	markers := regexp.MustCompile(`(?i)\b(todo|tbd|fixme|xxx)\b|\?\?`)
	for _, lang := range templates.Languages() {
		src, err := templates.Postmortem(lang)
		if err != nil {
			t.Fatal(err)
		}
		if m := markers.Find(src); m != nil {
			t.Errorf("%s template contains %q", lang, m)
		}
	}
}

func TestLanguages(t *testing.T) {
	langs := templates.Languages()
	if !slices.Equal(langs, []string{"en", "ja"}) {
		t.Fatalf("Languages() = %q, want [en ja]", langs)
	}
	langs[0] = "xx"
	if templates.Languages()[0] != "en" {
		t.Error("Languages returns the package's own slice: a caller can change it")
	}
}

func TestPostmortemUnknownLanguage(t *testing.T) {
	for _, lang := range []string{"fr", "", "EN", "../embed.go", "en.md"} {
		src, err := templates.Postmortem(lang)
		if err == nil {
			t.Errorf("Postmortem(%q) returned %d bytes and no error", lang, len(src))
			continue
		}
		if !errors.Is(err, templates.ErrUnknownLanguage) {
			t.Errorf("Postmortem(%q) error %v is not ErrUnknownLanguage", lang, err)
		}
		if !strings.Contains(err.Error(), strconv.Quote(lang)) {
			t.Errorf("Postmortem(%q) error %q does not name the language", lang, err)
		}
	}
}

// The complete examples in testdata/examples are what newcomers copy from; their headings must
// stay those of the template in their language.
func TestExamplesUseTemplateHeadings(t *testing.T) {
	for file, lang := range map[string]string{
		"2026-10-14-payment-api-timeouts.md": "en",
		"2026-09-03-checkout-delay-ja.md":    "ja",
	} {
		src, err := os.ReadFile(filepath.Join("..", "testdata", "examples", file))
		if err != nil {
			t.Fatal(err)
		}
		got, _ := sections(outsideComments(string(src)))
		want := wantLayout(lang, data{}).headings[1:]
		if len(got) == 0 || !slices.Equal(got[1:], want) {
			t.Errorf("%s headings:\n got %q\nwant # <title> then %q", file, got, want)
		}
	}
}
