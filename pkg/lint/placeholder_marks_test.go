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
