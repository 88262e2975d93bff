package lint

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestZZScratch(t *testing.T) {
	files := os.Getenv("SCRATCH")
	if files == "" {
		t.Skip()
	}
	l, err := New(Options{Deadline: func(sev string, inc time.Time) (time.Time, bool) { return inc.AddDate(0, 0, 7), true }})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range strings.Fields(files) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		fs := l.Lint(f, b)
		var sb strings.Builder
		WriteText(&sb, fs)
		t.Logf("%s: %d findings\n%s", f, len(fs), sb.String())
	}
}

func TestZZLongLine(t *testing.T) {
	n := 20000
	if os.Getenv("LONGN") != "" {
		n = 100000
	}
	if os.Getenv("LONG") == "" {
		t.Skip()
	}
	l, _ := New(Options{})
	b, _ := os.ReadFile("../../testdata/lint/base.md")
	body := strings.Repeat("TODO ", n)
	src := append(append([]byte{}, b...), []byte("\n"+body+"\n")...)
	start := time.Now()
	fs := l.Lint("x.md", src)
	t.Logf("%d findings in %v", len(fs), time.Since(start))
}
