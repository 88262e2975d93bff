package lsp

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/internal/testenv"
	"github.com/pm-tools/pm/pkg/internal/testrepo"
)

// The benchmarks time what an editor waits for after a keystroke: one incremental change, the lint
// of the whole text and the diagnostics written out (no debounce). The server is driven in-process,
// its output discarded.
//
//	go test -run '^$' -bench . -benchmem ./pkg/lsp/
//	go test -run '^$' -bench Edits -benchtime 1x ./pkg/lsp/

// benchServer opens text as a postmortem of a new repository in a server that writes to nowhere.
func benchServer(b *testing.B, text string) (*Server, string) {
	b.Helper()
	testenv.NeedGit(b)
	r := testrepo.New(b, "Aiko Sato", "aiko@example.com")
	r.Write(".pm.yaml", "timezone: UTC\n")
	rel := "postmortems/2026-10-14-payment-api-timeouts.md"
	r.Write(rel, text)
	s := New(Options{Out: io.Discard, WorkDir: r.Dir, Now: func() time.Time { return now }})
	uri := pathURI(filepath.Join(r.Dir, filepath.FromSlash(rel)))
	handle(b, s, map[string]any{"id": 1, "method": "initialize", "params": map[string]any{"rootUri": pathURI(r.Dir)}})
	handle(b, s, map[string]any{"method": "textDocument/didOpen", "params": map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
	return s, uri
}

func handle(b *testing.B, s *Server, m map[string]any) {
	m["jsonrpc"] = "2.0"
	body, err := json.Marshal(m)
	if err != nil {
		b.Fatal(err)
	}
	if err := s.handle(body); err != nil {
		b.Fatal(err)
	}
}

// exampleDoc is the repository's 6 KB example postmortem.
func exampleDoc(b *testing.B) string {
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "examples", "2026-10-14-payment-api-timeouts.md"))
	if err != nil {
		b.Fatal(err)
	}
	return string(data)
}

// largeDoc is the example grown to about 500 KB: its Analysis section holds its What Happened text
// again and again, as a long investigation would.
func largeDoc(b *testing.B) string {
	doc := exampleDoc(b)
	i := strings.Index(doc, "## Analysis")
	if i < 0 {
		b.Fatal("the example has no Analysis section")
	}
	para := "Requests to the payment API timed out while the connection pool was exhausted; the " +
		"retries of every client doubled the load within a minute, and the pool never recovered.\n\n"
	var grown strings.Builder
	grown.WriteString(doc[:i])
	grown.WriteString("## Analysis\n\n")
	for grown.Len() < 500_000 {
		grown.WriteString(para)
	}
	grown.WriteString(doc[i+len("## Analysis"):])
	return grown.String()
}

// edit types a character on the Overview's first text line, or deletes it again: the text keeps its
// size however many edits are made.
func edit(b *testing.B, s *Server, uri string, line, version int) {
	r := Range{Start: Position{Line: line, Character: 0}, End: Position{Line: line, Character: 0}}
	text := "x"
	if version%2 == 1 {
		r.End.Character, text = 1, ""
	}
	handle(b, s, map[string]any{"method": "textDocument/didChange", "params": map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": version},
		"contentChanges": []map[string]any{{"range": r, "text": text}}}})
}

func overviewLine(b *testing.B, text string) int {
	for i, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, "## Overview") {
			return i + 2
		}
	}
	b.Fatal("no Overview")
	return 0
}

func benchChange(b *testing.B, text string) {
	s, uri := benchServer(b, text)
	line := overviewLine(b, text)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	version := 2
	for b.Loop() {
		edit(b, s, uri, line, version)
		version++
	}
}

// BenchmarkChange5KB is diagnostics of the 6 KB example after one change (target: within 5 ms).
func BenchmarkChange5KB(b *testing.B) { benchChange(b, exampleDoc(b)) }

// BenchmarkChange500KB is diagnostics of a 500 KB postmortem after one change (target: within 50 ms).
func BenchmarkChange500KB(b *testing.B) { benchChange(b, largeDoc(b)) }

// BenchmarkEdits10000 makes 10,000 edits to the example, each linted and published, and reports the
// live heap before and after (after a collection): memory stays flat when the server keeps nothing
// per edit.
func BenchmarkEdits10000(b *testing.B) {
	text := exampleDoc(b)
	s, uri := benchServer(b, text)
	line := overviewLine(b, text)
	heap := func() float64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return float64(m.HeapAlloc)
	}
	version := 2
	for range 100 { // warm up: the first lints fill the caches that stay
		edit(b, s, uri, line, version)
		version++
	}
	start := heap()
	for b.Loop() {
		for range 10_000 {
			edit(b, s, uri, line, version)
			version++
		}
	}
	end := heap()
	b.ReportMetric(start/1024, "heap-KB-before")
	b.ReportMetric(end/1024, "heap-KB-after")
	b.ReportMetric((end-start)/1024, "heap-KB-growth")
}
