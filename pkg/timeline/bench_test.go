package timeline

import (
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/internal/slackgen"
)

// BenchmarkReadSlack100k reads a 100,000-message channel export: the incident's window of three
// days, and the whole channel (--from/--to spanning every day).
func BenchmarkReadSlack100k(b *testing.B) {
	dir := b.TempDir()
	slackgen.WriteExport(b, dir, 100_000)
	inc := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name string
		w    Window
	}{{"window", Window{From: inc.AddDate(0, 0, -1), To: inc.AddDate(0, 0, 2)}}, {"all-days", Window{}}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				s, err := ReadSlack(dir, SlackOptions{Channels: []string{"inc-big"}, Window: c.w, TodoWords: DefaultTodoWords,
					WorkspaceURL: "https://acme.slack.com"})
				if err != nil || len(s.Events) == 0 {
					b.Fatal(err)
				}
			}
		})
	}
}
