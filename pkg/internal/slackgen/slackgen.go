// Package slackgen writes large Slack exports for benchmarks of pm timeline import.
package slackgen

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// WriteExport writes into dir a Slack export with one channel, #inc-big (C1), of n messages over
// the 30 days from 2026-11-05 (UTC), from 50 users: one message in 50 has a :pushpin: reaction,
// one in 97 is a bot's, one in 31 a thread reply.
func WriteExport(tb testing.TB, dir string, n int) {
	tb.Helper()
	write := func(name string, v any) {
		data, err := json.Marshal(v)
		if err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	write("channels.json", []map[string]string{{"id": "C1", "name": "inc-big"}})
	var users []map[string]any
	for i := range 50 {
		users = append(users, map[string]any{"id": fmt.Sprintf("U%d", i), "name": fmt.Sprintf("u%d", i),
			"profile": map[string]string{"real_name": fmt.Sprintf("User %d", i)}})
	}
	write("users.json", users)
	if err := os.MkdirAll(filepath.Join(dir, "inc-big"), 0o755); err != nil {
		tb.Fatal(err)
	}
	start := time.Date(2026, 11, 5, 0, 0, 0, 0, time.UTC)
	const days = 30
	perDay := n / days
	for d := range days {
		day := start.AddDate(0, 0, d)
		f, err := os.Create(filepath.Join(dir, "inc-big", day.Format("2006-01-02")+".json"))
		if err != nil {
			tb.Fatal(err)
		}
		w := bufio.NewWriter(f)
		w.WriteString("[")
		step := 86400 * time.Second / time.Duration(perDay)
		for i := range perDay {
			at := day.Add(time.Duration(i) * step)
			ts := fmt.Sprintf("%d.%06d", at.Unix(), i%1000000)
			if i > 0 {
				w.WriteString(",")
			}
			m := map[string]any{"type": "message", "user": fmt.Sprintf("U%d", i%50), "ts": ts,
				"text": fmt.Sprintf("message %d from <@U%d> about <https://grafana.example.com/d/%d|the graph> &amp; the pool", i, (i+1)%50, i)}
			switch {
			case i%50 == 0:
				m["reactions"] = []map[string]any{{"name": "pushpin", "users": []string{"U1"}, "count": 1}}
			case i%97 == 0:
				m["subtype"], m["username"] = "bot_message", "alertmanager"
				delete(m, "user")
			case i%31 == 0:
				m["thread_ts"] = fmt.Sprintf("%d.000000", day.Unix())
			}
			data, _ := json.Marshal(m)
			w.Write(data)
		}
		w.WriteString("]\n")
		if err := w.Flush(); err != nil || f.Close() != nil {
			tb.Fatal(err)
		}
	}
}
