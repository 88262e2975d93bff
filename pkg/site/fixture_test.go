package site

import (
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/sla"
	"github.com/pm-tools/pm/pkg/workflow"
)

// fixtureDocs are the postmortems the site tests build from: related and recurring incidents, a
// Japanese one, a hostile title, code, a table, a customer message (with a table aligned right, a
// link to another postmortem and one to a heading of its own), raw HTML, headings whose ids the page
// or another heading has already.
var fixtureDocs = map[string]string{
	"2026-10-14-payment-api-timeouts.md": `---
title: Payment API timeouts during the midday peak
severity: SEV-1
status: Closed
owner: Priya Raman
incident_commander: Daniel Okafor
incident_date: 2026-10-14
meeting: 2026-10-16T15:00:00Z
services: [payment-api, risk-svc]
tags: [database, release]
related: [2026-11-02-cache-stampede]
status_history:
  - status: Draft
    at: 2026-10-14T16:10:00Z
    by: Priya Raman
  - status: Reviewed
    at: 2026-10-16T15:40:00Z
    by: Priya Raman
  - status: Closed
    at: 2026-11-20T10:00:00Z
    by: Priya Raman
---

# Payment API timeouts during the midday peak

## Overview

Card authorizations failed with timeouts for 48 minutes: the zebrafish release held connections.

## Root Cause

See the [cache stampede](2026-11-02-cache-stampede.md) and [the vendor](https://vendor.example.com/status).

` + "```go\nfunc main() { fmt.Println(\"hello\") }\n```" + `

| Service | Pool |
|---------|------|
| payment-api | 20 |

## Action Items

| Priority | Action | Owner | Due | Ticket | Status |
|----------|--------|-------|-----|--------|--------|
| P1 | Move the risk call out of the transaction | Priya | 2026-10-30 | PAY-1841 | open |
| P2 | Load test with risk-svc | Dan | 2026-12-30 | PAY-1842 | done 2026-11-01 |

## External Message

Between 14:08 and 14:56 UTC some card payments failed. We are sorry. See [the stampede after](2026-11-02-cache-stampede.md#overview)
and [the cause](#root-cause).

### Main

| Region | Minutes |
|--------|--------:|
| EU | 48 |
`,
	"2026-11-02-cache-stampede.md": `---
title: Cache stampede after the deploy
severity: SEV-2
status: Draft
owner: Sam Lee
incident_date: 2026-11-02
services: [checkout]
tags: [cache]
recurrence_of: 2026-10-14-payment-api-timeouts
---

# Cache stampede after the deploy

## Overview

The cache emptied and the database took every read.

<b class="rawhtml">raw</b>
`,
	"2026-09-03-checkout-delay-ja.md": `---
title: 決済の遅延
severity: SEV-3
status: Reviewed
owner: 山田 太郎
incident_date: 2026-09-03
meeting: 2026-09-05T10:00:00+09:00
services: [checkout]
tags: [決済]
status_history:
  - status: Reviewed
    at: 2026-09-06T10:00:00+09:00
    by: 山田 太郎
---

# 決済の遅延

## 概要

決済が 10 分間遅延しました。

## 対外メッセージ

9 月 3 日に決済が遅延しました。ご迷惑をおかけしました。
`,
	"2026-08-01-hostile.md": `---
title: "<script>alert('pwned')</script> & <img src=x onerror=alert(1)>"
severity: SEV-4
status: In Review
owner: "<b>Mallory</b>"
incident_date: 2026-08-01
services: ["<svg onload=alert(1)>", "edge  proxy"]
---

# Hostile

## Overview

[click](javascript:alert(1)) and <script>alert("body")</script>

## Lint

## Main

## Overview

## Overview 1
`,
}

// fixture parses fixtureDocs into the site's input; the hostile one carries a lint finding.
func fixture(t testing.TB) []Input {
	t.Helper()
	var out []Input
	for name, src := range fixtureDocs {
		doc := postmortem.Parse("postmortems/"+name, []byte(src), time.UTC)
		if len(doc.Problems) > 0 {
			t.Fatalf("%s: %v", name, doc.Problems)
		}
		in := Input{ID: strings.TrimSuffix(name, ".md"), Path: "postmortems/" + name, Doc: doc}
		if strings.Contains(name, "hostile") {
			in.Findings = []Finding{{Line: 12, Column: 1, Rule: "required-section", Severity: "error", Message: "<i>missing</i> Root Cause"}}
		}
		out = append(out, in)
	}
	return out
}

var fixtureNow = time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)

func fixtureOptions(lang i18n.Lang) Options {
	cal, err := sla.NewCalendar(time.UTC, "", nil)
	if err != nil {
		panic(err)
	}
	return Options{
		Lang:     lang,
		Now:      fixtureNow,
		Location: time.UTC,
		Schedule: workflow.NewSchedule(cal, map[string]int{"SEV-1": 5, "SEV-2": 5, "SEV-3": 10}),
		Actions:  workflow.NewActionDeadlines(map[string]int{"SEV-1": 15, "SEV-2": 30}, time.UTC),
		RepoURL:  "https://github.com/acme/postmortems/blob/main",
	}
}

// buildFixture writes the fixture's site in a new folder and returns it.
func buildFixture(t testing.TB, o Options) string {
	t.Helper()
	dir := t.TempDir() + "/site"
	if _, err := Build(dir, fixture(t), o); err != nil {
		t.Fatal(err)
	}
	return dir
}
