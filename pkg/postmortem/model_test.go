package postmortem

import (
	"testing"
	"time"
)

func TestParseStatus(t *testing.T) {
	cases := map[string]Status{"draft": StatusDraft, "In Review": StatusInReview, "in-review": StatusInReview,
		"in_review": StatusInReview, "INREVIEW": StatusInReview, "reviewed": StatusReviewed, "Closed": StatusClosed,
		"In\u00a0Review": StatusInReview, "ｉｎ　ｒｅｖｉｅｗ": StatusInReview, "Ｃｌｏｓｅｄ": StatusClosed, "in‐review": StatusInReview,
		"レビュー中": StatusInReview, " レビュー 中 ": StatusInReview, "下書き": StatusDraft, "レビュー済み": StatusReviewed, "クローズ": StatusClosed}
	for in, want := range cases {
		got, err := ParseStatus(in)
		if err != nil || got != want {
			t.Errorf("ParseStatus(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "open", "review", "in review please", "完了", "レビュー"} {
		if _, err := ParseStatus(in); err == nil {
			t.Errorf("ParseStatus(%q): want error", in)
		}
	}
	if !StatusClosed.AtLeast(StatusInReview) || StatusDraft.AtLeast(StatusInReview) || Status("x").AtLeast(StatusDraft) {
		t.Error("AtLeast ordering is wrong")
	}
}

func TestParseDate(t *testing.T) {
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	d, err := ParseDate("2026-11-20", tokyo)
	if err != nil || !d.Equal(time.Date(2026, 11, 20, 0, 0, 0, 0, tokyo)) {
		t.Errorf("date-only: %v %v", d, err)
	}
	d, err = ParseDate("2026-11-20T23:30:00Z", tokyo)
	if err != nil || d.UTC().Hour() != 23 {
		t.Errorf("rfc3339: %v %v", d, err)
	}
	for _, in := range []string{"", "2026-13-01", "20/11/2026", "2026-11-20 10:00"} {
		if _, err := ParseDate(in, nil); err == nil {
			t.Errorf("ParseDate(%q): want error", in)
		}
	}
}

func TestQuote(t *testing.T) {
	cases := map[string]string{
		"Checkout latency": "Checkout latency",
		"決済の遅延":            "決済の遅延",
		"":                 `""`,
		"yes":              `"yes"`,
		"2026":             `"2026"`,
		"a: b":             `"a: b"`,
		"- x":              `"- x"`,
		"#tag":             `"#tag"`,
		"say \"hi\"":       `say "hi"`,
		"line\nbreak":      `"line\nbreak"`,
		"null":             `"null"`,
	}
	for in, want := range cases {
		if got := Quote(in); got != want {
			t.Errorf("Quote(%q) = %s, want %s", in, got, want)
		}
	}
}
