package timeline

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// oneLine fails the fuzz run when an error would print on several lines.
func oneLine(t *testing.T, err error) {
	if err != nil && strings.ContainsAny(err.Error(), "\n\r") {
		t.Fatalf("error on several lines: %q", err)
	}
}

func seed(f *testing.F, names ...string) {
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(fixtures, n))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

func FuzzReadSlack(f *testing.F) {
	seed(f, "slack/inc-checkout/2026-11-20.json", "slack/inc-checkout/2026-11-19.json")
	f.Add([]byte(`[{"subtype":"message_changed","message":{"ts":"1.0","text":"<@U1|x> <#C|> <!subteam^S|@ops> <mailto:a@b|>"}}]`))
	f.Add([]byte(`[{"ts":"99999999999999999999.1"}]`))
	users, _ := os.ReadFile(filepath.Join(fixtures, "slack/users.json"))
	channels, _ := os.ReadFile(filepath.Join(fixtures, "slack/channels.json"))
	f.Fuzz(func(t *testing.T, day []byte) {
		fsys := fstest.MapFS{
			"channels.json":                {Data: channels},
			"users.json":                   {Data: users},
			"inc-checkout/2026-11-20.json": {Data: day},
		}
		s, err := ReadSlackFS(fsys, "export", SlackOptions{Channels: []string{"inc-checkout"}, All: true, Threads: true,
			WorkspaceURL: "https://acme.slack.com", TodoWords: DefaultTodoWords})
		oneLine(t, err)
		if err == nil {
			for _, e := range s.Events {
				if strings.ContainsAny(e.Text, "\n\r") {
					t.Fatalf("a row on several lines: %q", e.Text)
				}
			}
		}
	})
}

func FuzzReadPagerDuty(f *testing.F) {
	seed(f, "pagerduty-page.json", "pagerduty-pages.json")
	f.Add([]byte(`[]`))
	f.Add([]byte(`{"log_entries":[{"type":"annotate_log_entry","created_at":"2026-11-20T00:00:00Z","channel":{"content":"a\nb"}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		pd, err := ReadPagerDuty(bytes.NewReader(data), "pd.json", Window{})
		oneLine(t, err)
		if err == nil {
			for _, e := range pd.Events {
				if strings.ContainsAny(e.Text, "\n\r") {
					t.Fatalf("a row on several lines: %q", e.Text)
				}
			}
		}
	})
}

func FuzzReadCSV(f *testing.F) {
	seed(f, "events.csv", "events-ja.csv")
	f.Add([]byte("time,event\n\"2026-11-20 09:00\",\"a\nb\"\n"))
	f.Add([]byte("時刻 (UTC+9),内容,リンク\n2026-11-20 09:00,x,y\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		evs, err := ReadCSV(bytes.NewReader(data), "x.csv", time.UTC, Window{})
		oneLine(t, err)
		for _, e := range evs {
			if strings.ContainsAny(e.Text, "\n\r") || e.Text == "" {
				t.Fatalf("a row's text %q", e.Text)
			}
		}
	})
}
