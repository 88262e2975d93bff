package lint_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/lint"
	"github.com/pm-tools/pm/pkg/project"
)

// The benchmarks lint generated postmortems of about 5 KB with the linter pm lint builds in a repository
// without .pm.yaml. scripts/bench-lint.sh measures the whole command against a bare goldmark parse.
//
//	go test -run '^$' -bench . -benchmem ./pkg/lint/

func benchLinter(b *testing.B) *lint.Linter {
	b.Helper()
	now := func() time.Time { return time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC) }
	p, err := project.Open(b.TempDir(), func(string) string { return "" }, now)
	if err != nil {
		b.Fatal(err)
	}
	l, err := cmdutil.Linter(p, i18n.EN)
	if err != nil {
		b.Fatal(err)
	}
	return l
}

func BenchmarkLintFile(b *testing.B) {
	l := benchLinter(b)
	src := benchDoc(1)
	if fs := l.Lint("bench.md", src); len(fs) != 0 {
		b.Fatalf("the clean benchmark document has findings: %v", fs)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		l.Lint("bench.md", src)
	}
}

// BenchmarkGoldmarkFile is the floor for BenchmarkLintFile: the same document, only parsed with goldmark
// (GFM), as bench/goldmarkfloor does. pm lint's target is at most 1.5 times this.
func BenchmarkGoldmarkFile(b *testing.B) {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	src := benchDoc(1)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		md.Parser().Parse(text.NewReader(src))
	}
}

func BenchmarkLintAll1000(b *testing.B) {
	l := benchLinter(b)
	docs := make([][]byte, 1000)
	var size int64
	for i := range docs {
		docs[i] = benchDoc(i)
		size += int64(len(docs[i]))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		inputs := make([]lint.Input, len(docs))
		for i, d := range docs {
			inputs[i] = lint.Input{Path: fmt.Sprintf("pm/%04d.md", i), Data: d}
		}
		results := l.LintAll(inputs, nil)
		if len(results) != len(docs) {
			b.Fatalf("%d results for %d inputs", len(results), len(docs))
		}
	}
}

// benchDoc returns postmortem i of a small deterministic family: every third one Japanese, every tenth
// one with "outage" (停止) in its External Message, the rest clean. Each is about 5 KB, with every
// section, a timeline table and an action items table.
func benchDoc(i int) []byte {
	ja := i%3 == 0
	h := benchEn
	if ja {
		h = benchJa
	}
	date := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%300)
	for date.Weekday() != time.Monday {
		date = date.AddDate(0, 0, 1) // a Monday incident with a Tuesday meeting meets every deadline
	}
	svc := []string{"payment-api", "order-worker", "search-svc", "auth-gateway", "ledger-db"}[i%5]
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	day := date.Format("2006-01-02")
	w("---")
	w("title: %s %d", h.title, i)
	w("severity: SEV-%d", 1+i%3)
	w("status: Reviewed")
	w("owner: %s", h.people[0])
	w("incident_commander: %s", h.people[1])
	w("incident_date: %s", day)
	w("meeting: %sT06:00:00Z", date.AddDate(0, 0, 1).Format("2006-01-02"))
	w("external_message: true")
	w("full_outage: false")
	w("call_recording: https://meet.example.com/recordings/inc-%d", i)
	w("status_history:")
	for k, s := range []string{"Draft", "In Review", "Reviewed"} {
		w("  - status: %s", s)
		w("    at: %sT%02d:00:00Z", day, 10+k*4)
		w("    by: %s", h.people[0])
	}
	w("---")
	w("")
	w("# %s %d", h.title, i)
	for k, sec := range h.sections {
		w("")
		w("%s", sec)
		w("")
		switch {
		case strings.HasSuffix(sec, h.responders):
			w("- %s: %s", h.icLabel, h.people[1])
			w("- %s: %s", h.scribeLabel, h.people[2])
			w("- %s (%s)", h.people[3], svc)
		case strings.HasSuffix(sec, h.timeline):
			w("%s", h.timelineHeader)
			w("| --- | --- | --- |")
			for r := 0; r < 8; r++ {
				w("| %s %02d:%02d %s | %s %s | [%s](https://grafana.example.com/d/%s/%d) |",
					day, 9+r/4, (r%4)*14, h.zone, svc, h.events[r%len(h.events)], h.link, svc, i*10+r)
			}
		case strings.HasSuffix(sec, h.analysis):
			w("%s", h.prose[k%len(h.prose)])
			w("")
			w("```sql")
			w("SELECT count(*) FILTER (WHERE status >= 500) AS failed, count(*) AS total FROM access_log")
			w("WHERE service = '%s' AND ts >= '%s 09:00Z' AND ts < '%s 11:00Z';", svc, day, day)
			w("```")
		case strings.HasSuffix(sec, h.actionItems):
			w("%s", h.actionHeader)
			w("| --- | --- | --- | --- | --- | --- |")
			for r := 0; r < 4; r++ {
				w("| P%d | %s (%s) | %s | %s | %s | OPS-%d |", r%2, h.actions[r%len(h.actions)], svc,
					[]string{"prevent", "process"}[r%2], h.people[r%len(h.people)], date.AddDate(0, 0, 14+r).Format("2006-01-02"), 100+i*4+r)
			}
		case strings.HasSuffix(sec, h.external):
			w("%s", h.prose[(i+k)%len(h.prose)])
			if i%10 == 9 {
				w("%s", h.outage)
			}
		case strings.HasPrefix(sec, "## ") && (strings.HasSuffix(sec, h.howDidWeDo) || strings.HasSuffix(sec, h.messaging)):
			w("%s", h.prose[(i+k)%len(h.prose)])
		case k >= 1 && k <= 3:
			// What Happened, Root Cause and Resolution carry the bulk of the text, as in real postmortems.
			for p := 0; p < 2; p++ {
				w("%s", h.prose[(i+k+p)%len(h.prose)])
			}
		default:
			w("%s", h.prose[(i+k)%len(h.prose)])
		}
	}
	return []byte(b.String())
}

type benchLang struct {
	title, zone, link, outage                   string
	icLabel, scribeLabel                        string
	timelineHeader, actionHeader                string
	responders, timeline, analysis, actionItems string
	external, howDidWeDo, messaging             string
	sections, people, events, actions, prose    []string
}

var benchEn = benchLang{
	title: "Checkout errors after a release", zone: "UTC", link: "graph",
	outage:  "We are sorry for the outage.",
	icLabel: "Incident Commander", scribeLabel: "Scribe",
	timelineHeader: "| Time | Event | Data Link |",
	actionHeader:   "| Priority | Action | Type | Owner | Due | Ticket |",
	responders:     "Responders", timeline: "Timeline", analysis: "Analysis", actionItems: "Action Items",
	external: "External Message", howDidWeDo: "How'd We Do?", messaging: "Messaging",
	sections: []string{"## Overview", "## What Happened", "## Root Cause", "## Resolution", "## Impact", "## Responders",
		"## Timeline", "## Analysis", "## How'd We Do?", "### What Went Well?", "### What Didn't Go So Well?",
		"### How Could We Have Detected It Sooner?", "## Action Items", "## Messaging", "### Internal Email", "### External Message"},
	people:  []string{"Priya Raman", "Daniel Okafor", "Hannah Lee", "Ana Souza"},
	events:  []string{"release rolled out", "latency climbs", "pools saturated", "alert pages on-call", "rollback started", "errors back to normal"},
	actions: []string{"Call the scorer before opening the transaction", "Alert on pool wait above 100 ms", "Run the canary at peak traffic", "List kill switches in the runbook"},
	prose: []string{
		"Between 09:00 and 11:00 UTC about a fifth of checkout requests failed with timeouts after a release moved a slow call\ninside a database transaction, so every request held a pooled connection for the whole call.",
		"The on-call engineer was paged by the error-rate alert seven minutes after the first failures, joined the incident\nchannel, and asked the owning team to look at the connection pool dashboards.",
		"Responders first suspected the load balancer because the errors looked like network timeouts; the pool wait graph\nshowed the real problem once someone thought to open it.",
		"Rolling the release back moved the call out of the transaction again and the error rate returned to its usual level\nwithin two minutes; the lasting fix is tracked as an action item.",
		"No data was lost and no customer was charged twice: reconciliation of the window found every payment accounted for,\nand support answered the tickets that had been opened.",
	},
}

var benchJa = benchLang{
	title: "リリース後の決済エラー", zone: "JST", link: "グラフ",
	outage:  "サービス停止によりご迷惑をおかけしました。",
	icLabel: "インシデントコマンダー", scribeLabel: "記録係",
	timelineHeader: "| 時刻 | 出来事 | データへのリンク |",
	actionHeader:   "| 優先度 | アクション | 種別 | 担当 | 期日 | チケット |",
	responders:     "対応者", timeline: "タイムライン", analysis: "分析", actionItems: "アクションアイテム",
	external: "対外メッセージ", howDidWeDo: "どう対処したか", messaging: "メッセージング",
	sections: []string{"## 概要", "## なにが起きたか", "## 根本原因", "## 解決", "## 影響", "## 対応者", "## タイムライン", "## 分析",
		"## どう対処したか", "### なにがうまくいった？", "### なにがうまくいかなかった？", "### もっと早く検知できなかったか？",
		"## アクションアイテム", "## メッセージング", "### 社内メール", "### 対外メッセージ"},
	people:  []string{"佐藤 美咲", "高橋 健", "伊藤 彩", "中村 翔"},
	events:  []string{"リリース完了", "レイテンシ上昇", "接続プール枯渇", "アラートで当番を呼び出し", "ロールバック開始", "エラー率が平常に戻る"},
	actions: []string{"トランザクションの前にスコアリングを呼ぶ", "接続プールの待ち時間を監視する", "カナリアをピーク時に実行する", "機能フラグを Runbook に載せる"},
	prose: []string{
		"9時から11時（日本時間）にかけて、リリースで遅い呼び出しがトランザクションの内側に移り、決済リクエストの約2割がタイムアウトしました。",
		"最初の失敗から7分後にエラー率のアラートで当番が呼び出され、担当チームに接続プールのダッシュボードの確認を依頼しました。",
		"エラーがネットワークのタイムアウトに見えたため、当初はロードバランサーを疑い、その切り分けに時間を使いました。",
		"リリースを戻すと呼び出しはトランザクションの外に戻り、2分以内にエラー率は平常に戻りました。恒久対策はアクションアイテムで追います。",
		"データの消失や二重決済はありません。照合ですべての決済を確認し、サポートが問い合わせに回答しました。",
	},
}
