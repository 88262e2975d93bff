// Command goldmarkfloor is the floor pm lint is measured against: it reads every *.md under a folder (or
// the one file named) and parses each with goldmark (GFM) on all cores, and does nothing else. It prints
// the number of files.
//
// With -check it also does, per file, the least work that pm lint's checks need on top of the parse, in
// the plainest way: split off the front matter and decode it with yaml.v3, index the line starts (to
// report lines and columns), walk the syntax tree once collecting each heading's text, look for the
// required sections, search the text of every paragraph for a banned word and read each table cell's
// text. It then prints the number of files and of findings.
//
//	go run ./bench/goldmarkfloor [-check] DIR|FILE
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"go.yaml.in/yaml/v3"
)

func main() {
	check := flag.Bool("check", false, "also do the work of pm lint's checks (front matter, headings, text, tables)")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: goldmarkfloor [-check] DIR|FILE")
		os.Exit(2)
	}
	n, findings, err := parseAll(flag.Arg(0), *check)
	if err != nil {
		fmt.Fprintf(os.Stderr, "goldmarkfloor: %v\n", err)
		os.Exit(1)
	}
	if *check {
		fmt.Println(n, findings)
		return
	}
	fmt.Println(n)
}

// parseAll parses every *.md under dir with runtime.GOMAXPROCS workers and returns how many it parsed
// and, with check, how many findings the checks made.
func parseAll(dir string, check bool) (int, int64, error) {
	var paths []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(strings.ToLower(d.Name()), ".md") {
			paths = append(paths, path)
		}
		return nil
	})
	if err != nil {
		return 0, 0, err
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	var next, findings atomic.Int64
	var mu sync.Mutex
	var firstErr error
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(paths) {
					return
				}
				src, err := os.ReadFile(paths[i])
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					continue
				}
				if check {
					findings.Add(int64(checkFile(md.Parser(), src)))
				} else {
					md.Parser().Parse(text.NewReader(src))
				}
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return 0, 0, firstErr
	}
	return len(paths), findings.Load(), nil
}

// front is the front matter pm lint reads.
type front struct {
	Title             string `yaml:"title"`
	Severity          string `yaml:"severity"`
	Status            string `yaml:"status"`
	Owner             string `yaml:"owner"`
	IncidentCommander string `yaml:"incident_commander"`
	IncidentDate      string `yaml:"incident_date"`
	Meeting           string `yaml:"meeting"`
	ExternalMessage   bool   `yaml:"external_message"`
	FullOutage        bool   `yaml:"full_outage"`
	CallRecording     string `yaml:"call_recording"`
	StatusHistory     []struct {
		Status string `yaml:"status"`
		At     string `yaml:"at"`
		By     string `yaml:"by"`
	} `yaml:"status_history"`
}

// required are the sections of the English and Japanese templates.
var required = [][]string{
	{"Overview", "概要"}, {"What Happened", "なにが起きたか"}, {"Root Cause", "根本原因"}, {"Resolution", "解決"},
	{"Impact", "影響"}, {"Responders", "対応者"}, {"Timeline", "タイムライン"}, {"Action Items", "アクションアイテム"},
	{"External Message", "対外メッセージ"},
}

// checkFile does the plain work of pm lint's checks on one file and returns the number of findings.
func checkFile(p parser.Parser, src []byte) int {
	findings := 0
	// Line starts, for positions.
	lines := []int{0}
	for i, c := range src {
		if c == '\n' {
			lines = append(lines, i+1)
		}
	}
	body := src
	if bytes.HasPrefix(src, []byte("---\n")) {
		if end := bytes.Index(src[4:], []byte("\n---\n")); end >= 0 {
			var fm front
			if yaml.Unmarshal(src[4:4+end+1], &fm) != nil || fm.Title == "" || fm.Status == "" {
				findings++
			}
			body = src[4+end+5:]
		}
	}
	doc := p.Parse(text.NewReader(body))
	headings := map[string]bool{}
	var buf bytes.Buffer
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			buf.Reset()
			collect(&buf, n, body)
			headings[strings.TrimSpace(buf.String())] = true
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph, *east.TableCell:
			buf.Reset()
			collect(&buf, n, body)
			if bytes.Contains(bytes.ToLower(buf.Bytes()), []byte("outage")) {
				findings++
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, names := range required {
		found := false
		for _, name := range names {
			found = found || headings[name]
		}
		if !found {
			findings++
		}
	}
	return findings
}

// collect appends the text of n's inline children to buf.
func collect(buf *bytes.Buffer, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			buf.Write(c.Segment.Value(src))
		case *ast.String:
			buf.Write(c.Value)
		default:
			collect(buf, c, src)
		}
	}
}
