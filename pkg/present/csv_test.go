package present

import "testing"

func TestSpreadsheetText(t *testing.T) {
	for in, want := range map[string]string{
		`=HYPERLINK("http://x","y")`: `'=HYPERLINK("http://x","y")`,
		"@SUM(1+1)":                  "'@SUM(1+1)",
		"+1 replica":                 "'+1 replica",
		"-cmd|' /C calc'!A0":         "'-cmd|' /C calc'!A0",
		"\t=1":                       "'\t=1",
		"\r=1":                       "'\r=1",
		"Checkout latency":           "Checkout latency",
		"a=b":                        "a=b",
		"":                           "",
		"佐藤 花子":                      "佐藤 花子",
	} {
		if got := SpreadsheetText(in); got != want {
			t.Errorf("SpreadsheetText(%q) = %q, want %q", in, got, want)
		}
	}
}
