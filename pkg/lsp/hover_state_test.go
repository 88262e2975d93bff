package lsp

import (
	"strings"
	"testing"
)

// TestHoverActionState: a closed item's hover says its state in the user's language, with the words
// pm actions uses, and the date the Status cell gives; a won't-do item is not called done.
func TestHoverActionState(t *testing.T) {
	table := "| Priority | Action | Type | Owner | Due | Ticket | Status |\n| --- | --- | --- | --- | --- | --- | --- |\n" +
		"| P0 | 接続プールの監視を追加 | prevent | 森 健 | 2026-11-30 | OPS-1 | done (2026-12-03) |\n" +
		"| P1 | 設定変更のレビュー手順 | process | 佐藤 愛子 | | OPS-2 | won't do |\n" +
		"| P2 | ダッシュボードを整理 | process | 森 健 | 2026-12-10 | OPS-3 | 完了 |\n"
	old := "| Priority | Action | Type | Owner | Due | Ticket |\n| --- | --- | --- | --- | --- | --- |\n" +
		"| P0 | 接続プールの監視を追加 | prevent | 森 健 | 2026-11-30 | OPS-1 |\n" +
		"| P1 | 設定変更のレビュー手順 | process | 佐藤 愛子 | | OPS-2 |\n"
	if !strings.Contains(japanese, old) {
		t.Fatal("the fixture's Action Items table changed")
	}
	text := strings.Replace(japanese, old, table, 1)
	for _, tc := range []struct {
		lang           string
		done, wont, ja string
	}{
		{"ja", "状態: 完了 (2026-12-03)。", "状態: 対応しない。", "状態: 完了。"},
		{"en", "Status: done (2026-12-03).", "Status: won't do.", "Status: done."},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			dir := jaRepo(t)
			c := start(t, Options{WorkDir: dir, LangFlag: tc.lang})
			c.initialize(nil)
			uri := c.open(jaPath, text)
			c.diagnostics(uri)
			hover := func(at string) string {
				t.Helper()
				m := c.request("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": lineOf(t, text, at)})
				var h Hover
				c.result(m, &h)
				return h.Contents.Value
			}
			for at, want := range map[string]string{"| P0 |": tc.done, "| P1 |": tc.wont, "| P2 |": tc.ja} {
				h := hover(at)
				if !strings.Contains(h, want) {
					t.Errorf("hover on %s: %q, want %q in it", at, h, want)
				}
				if tc.lang == "ja" && (strings.Contains(h, "done") || strings.Contains(h, "won't")) {
					t.Errorf("hover on %s has the English state: %q", at, h)
				}
			}
		})
	}
}
