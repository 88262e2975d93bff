package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/postmortem"
)

func TestExtract(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "examples", "2026-10-14-payment-api-timeouts.md"))
	if err != nil {
		t.Fatal(err)
	}
	l, _ := New(Options{})
	x := l.Extract(postmortem.Parse("a.md", src, nil))
	if len(x.ActionItems) < 3 || x.ActionItems[0].Priority == "" || !x.ActionItems[0].HasTicket() || x.ActionItems[0].Line < 20 {
		t.Errorf("action items: %+v", x.ActionItems)
	}
	if len(x.Timeline) < 6 || x.Timeline[0].Time == "" || x.Timeline[0].Event == "" {
		t.Errorf("timeline: %+v", x.Timeline)
	}
	for _, key := range []string{"overview", "external-message", "internal-email", "root-cause"} {
		if strings.TrimSpace(x.Sections[key]) == "" || strings.Contains(x.Sections[key], "<!--") {
			t.Errorf("section %s: %q", key, x.Sections[key])
		}
	}
}

func TestPlainText(t *testing.T) {
	src := "---\ntitle: x\n---\n## External Message\n\n<!-- guidance -->\n\nWe fixed it. See [the status page](https://status.example.com)\nfor details &amp; more.\n\n- one\n- two `code`\n\n1. first\n2. second\n"
	l, _ := New(Options{})
	x := l.Extract(postmortem.Parse("a.md", []byte(src), nil))
	want := "We fixed it. See the status page (https://status.example.com)\nfor details & more.\n\n- one\n- two code\n\n1. first\n2. second"
	if got := x.Sections["external-message"]; got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
