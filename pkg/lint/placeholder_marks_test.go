package lint

import "testing"

func TestPlaceholderQuestionMarks(t *testing.T) {
	for text, want := range map[string]string{
		"Owner: ??":               "??",
		"(???)":                   "???",
		"担当：？？":                   "？？",
		"担当: ?？":                  "?？",
		"原因は ？？？ です":              "？？？",
		"影響：？？件":                  "？？",
		"担当：ＴＢＤ":                  "ＴＢＤ",
		"ＴＯＤＯ：書く":                 "ＴＯＤＯ",
		"ＴＢＤＸ":                    "",
		"合計？？件の注文":                "？？",
		"約？？分遅れた":                 "？？",
		"対象は??件でした":               "??",
		"本当に？？と思った":               "",
		"??件":                     "??",
		"Why did nobody notice??": "",
		"なぜ気づかなかったのか？？":           "",
		"本当？":                     "",
		"Is it ok?":               "",
		"a ? b":                   "",
	} {
		got := ""
		if ms := placeholders([]byte(text)); len(ms) > 0 {
			got = text[ms[0][0]:ms[0][1]]
		}
		if got != want {
			t.Errorf("%q: placeholder %q, want %q", text, got, want)
		}
	}
}

// The placeholders a Japanese team writes where an English one writes TBD: 未定 and 要確認 anywhere,
// 調査中 and its kin only as the whole text (in a sentence they say what someone did).
func TestPlaceholderJapaneseWords(t *testing.T) {
	for text, want := range map[string]string{
		"未定":             "未定",
		"記録係: 未定":        "未定",
		"（未定）":           "未定",
		"影響範囲は要確認":       "要確認",
		"調査中":            "調査中",
		"根本原因: 調査中":      "調査中",
		"根本原因：調査中。":      "調査中",
		"【検討中】":          "検討中",
		"調査中です。":         "調査中",
		"調査中です":          "調査中",
		"調査中でした。":        "調査中",
		"根本原因：確認中です…":    "確認中",
		"調査中…":           "調査中",
		"調査中...":         "調査中",
		"検討中です。。":        "検討中",
		"調査中ですが、DB が怪しい": "",
		"調査中でした。原因は設定でした。": "",
		"調査中ですね":           "",
		"10:00 原因を調査中":     "",
		"調査中に DB の遅延に気づいた": "",
		"未定義の値を返した":        "",
		"確認中のアラートを止めた":     "",
	} {
		got := ""
		if ms := placeholders([]byte(text)); len(ms) > 0 {
			got = text[ms[0][0]:ms[0][1]]
		}
		if got != want {
			t.Errorf("%q: placeholder %q, want %q", text, got, want)
		}
	}
}
