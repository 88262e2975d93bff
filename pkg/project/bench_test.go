package project

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// BenchmarkListSummaries measures what pm list does per postmortem: read the front matter, parse it,
// compute deadline and overdue state. PM_BENCH_LIST=10000 sets the number of files (default 1,000).
func BenchmarkListSummaries(b *testing.B) {
	n := testenv.BenchFiles(1000)
	dir := b.TempDir()
	p, err := Open(dir, func(string) string { return "" }, time.Now)
	if err != nil {
		b.Fatal(err)
	}
	os.MkdirAll(p.Dir(), 0o755)
	body := make([]byte, 0, 5000)
	for len(body) < 4800 {
		body = append(body, "Some prose about the incident, its timeline and what we learned from it.\n"...)
	}
	for i := 0; i < n; i++ {
		doc := fmt.Sprintf("---\ntitle: Incident %d\nseverity: SEV-%d\nstatus: In Review\nowner: Owner %d\nincident_commander: IC\nincident_date: 2026-%02d-%02d\nmeeting: \"\"\nexternal_message: true\nfull_outage: false\ncall_recording: \"\"\nstatus_history:\n  - status: Draft\n    at: 2026-01-01T00:00:00Z\n    by: Owner\n---\n\n# Incident\n\n%s", i, i%2+1, i%7, i%12+1, i%28+1, body)
		os.WriteFile(filepath.Join(p.Dir(), fmt.Sprintf("2026-01-01-incident-%05d.md", i)), []byte(doc), 0o644)
	}
	now := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		entries, err := p.ScanFront()
		if err != nil {
			b.Fatal(err)
		}
		for _, e := range entries {
			p.Summarize(e, now)
		}
	}
}
