package postmortem

import (
	"strings"
	"testing"
)

func TestSlug(t *testing.T) {
	cases := map[string]string{
		"Checkout latency":                 "checkout-latency",
		"  API: 5xx errors (EU)!  ":        "api-5xx-errors-eu",
		"決済の遅延":                            "incident",
		"🔥🔥🔥":                              "incident",
		"../../evil":                       "evil",
		"a/b\\c":                           "a-b-c",
		"nul\x00byte":                      "nul-byte",
		"How'd we do":                      "howd-we-do",
		"DB 障害 in prod":                    "db-in-prod",
		"":                                 "incident",
		"---":                              "incident",
		"Payment API: retries / timeouts.": "payment-api-retries-timeouts",
	}
	for in, want := range cases {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
	long := Slug(strings.Repeat("word ", 60))
	if len(long) > MaxSlugLen || strings.HasSuffix(long, "-") || !strings.HasPrefix(long, "word-word") {
		t.Errorf("long slug %q (%d)", long, len(long))
	}
}
