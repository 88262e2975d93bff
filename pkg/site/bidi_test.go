package site

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// bidiControls are the bidirectional embeddings, overrides and isolates, with their pops.
var bidiControls = []rune{0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069}

// TestBidiControlsAreShown: a right-to-left override (and every other embedding, override or isolate)
// in any value of a document, its file name, its body and its message included, reaches no file of
// the site as itself: the pages, the feed and what the search script draws show it as its escape
// (\u202e, as pm list does); index.json and the search words hold it in JSON's escape, so that a
// program reads the exact text.
func TestBidiControlsAreShown(t *testing.T) {
	const rlo = "\u202e"
	var all strings.Builder
	for _, r := range bidiControls {
		all.WriteRune(r)
	}
	src := `---
title: "Invoice ` + rlo + `fdp.exe ` + all.String() + `"
severity: SEV-2
status: Reviewed
owner: "Ana ` + rlo + `draB"
incident_commander: "Ken ` + rlo + `x"
incident_date: 2026-11-20
external_message: true
services: ["pay` + rlo + `ment"]
tags: ["db` + rlo + `x"]
status_history:
  - status: Reviewed
    at: 2026-11-21T10:00:00Z
    by: "Mo ` + rlo + `y"
---

# Invoice

## Overview

The ` + rlo + `summary words.

## Action Items

| Priority | Action | Owner | Due | Ticket |
|----------|--------|-------|-----|--------|
| P1 | Fix ` + rlo + `it | Ana ` + rlo + ` | 2026-11-30 | PAY-1 |

## External Message

We are ` + rlo + `sorry, see [the ` + rlo + `page](https://example.com/` + rlo + `).
`
	rel := "postmortems/2026-11-20-in" + rlo + "voice.md"
	id := strings.TrimSuffix(filepath.Base(rel), ".md")
	doc := postmortem.Parse(rel, []byte(src), time.UTC)
	in := []Input{{ID: id, Path: rel, Doc: doc, Findings: []Finding{{Line: 1, Column: 1, Rule: "r", Severity: "warning", Message: "quote " + rlo + "x"}}}}
	dir := t.TempDir() + "/site"
	if _, err := Build(dir, in, fixtureOptions(i18n.EN)); err != nil {
		t.Fatal(err)
	}
	files := 0
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if d.Name() == CacheDir || strings.Contains(filepath.ToSlash(p), "/"+CacheDir+"/") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files++
		for _, r := range bidiControls {
			if strings.ContainsRune(string(data), r) {
				t.Errorf("%s holds U+%04X as itself", p, r)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 10 {
		t.Errorf("only %d files", files)
	}
	read := func(rel string) string {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	var page string
	for _, p := range pages(t, dir) {
		if strings.HasPrefix(p.rel, "pm/") {
			page = p.src
		}
	}
	for _, want := range []string{`<h1>Invoice \u202efdp.exe \u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069</h1>`, `Ana \u202edraB`,
		`Ken \u202ex`, `pay\u202ement</a>`, `db\u202ex</a>`, `Mo \u202ey`, `The \u202esummary words.`, `Fix \u202eit`, `quote \u202ex`} {
		if !strings.Contains(page, want) {
			t.Errorf("the postmortem's page lacks %s", want)
		}
	}
	for rel, want := range map[string]string{
		"index.html":    `<a href="pm/` + pageNames(map[string]bool{id: true})[id] + `.html">Invoice \u202efdp.exe`,
		"actions.html":  `<td>Fix \u202eit</td><td>Ana \u202e</td>`,
		"messages.html": `We are \u202esorry, see <a href="https://example.com/%E2%80%AE">the \u202epage</a>`,
		"feed.xml":      `<title>Invoice \u202efdp.exe`,
	} {
		if got := read(rel); !strings.Contains(got, want) {
			t.Errorf("%s lacks %s", rel, want)
		}
	}
	if got := read("index.html"); !strings.Contains(got, `data-id="2026-11-20-in\u202evoice"`) || !strings.Contains(got, `<option value="pay&#x202e;ment">pay\u202ement</option>`) {
		t.Error("the index's row and filter do not show the id and service escaped")
	}
	// What the search script draws is what the pages show: its filters' values are the options'.
	rows := strings.TrimSuffix(strings.TrimPrefix(read("search/rows.js"), "window.PM_ROWS = "), ";\n")
	var d searchRows
	if err := json.Unmarshal([]byte(rows), &d); err != nil {
		t.Fatal(err)
	}
	row := d.Rows[0]
	for i, want := range map[int]string{0: `2026-11-20-in\u202evoice`, 2: `Invoice \u202efdp.exe`, 8: `Ana \u202edraB`, 12: `The \u202esummary words.`} {
		if s, _ := row[i].(string); !strings.HasPrefix(s, want) {
			t.Errorf("rows.js: row[%d] = %q, want %s…", i, row[i], want)
		}
	}
	if _, ok := d.Services[`pay\u202ement`]; !ok || row[6].([]any)[0] != `pay\u202ement` {
		t.Errorf("rows.js: services %v, %v", d.Services, row[6])
	}
	text := read("search/text-00.js")
	var words map[string]string
	if err := json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimPrefix(text, "PM_TEXT("), "\n);\n")), &words); err != nil {
		t.Fatal(err)
	}
	if w, ok := words[`2026-11-20-in\u202evoice`]; !ok || !strings.Contains(w, rlo+"summary") {
		t.Errorf("search words: %q", words)
	}
	// index.json is data: the exact text, in JSON's escape.
	var ix IndexJSON
	if err := json.Unmarshal([]byte(read("index.json")), &ix); err != nil {
		t.Fatal(err)
	}
	if p := ix.Postmortems[0]; p.ID != id || p.Owner != "Ana "+rlo+"draB" || p.Services[0] != "pay"+rlo+"ment" {
		t.Errorf("index.json: %+v", p)
	}
}
