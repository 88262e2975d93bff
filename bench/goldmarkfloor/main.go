// Command goldmarkfloor is the floor pm lint is measured against: it reads every *.md under a folder and
// parses each with goldmark (GFM) on all cores, and does nothing else. It prints the number of files.
//
//	go run ./bench/goldmarkfloor DIR
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: goldmarkfloor DIR")
		os.Exit(2)
	}
	n, err := parseAll(os.Args[1])
	if err != nil {
		fmt.Fprintf(os.Stderr, "goldmarkfloor: %v\n", err)
		os.Exit(1)
	}
	fmt.Println(n)
}

// parseAll parses every *.md under dir with runtime.GOMAXPROCS workers and returns how many it parsed.
func parseAll(dir string) (int, error) {
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
		return 0, err
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	var next atomic.Int64
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
				md.Parser().Parse(text.NewReader(src))
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return 0, firstErr
	}
	return len(paths), nil
}
