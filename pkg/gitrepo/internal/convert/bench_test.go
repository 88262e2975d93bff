package convert

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

var (
	bigTreeOnce sync.Once
	bigTreeDir  string
	bigTreeErr  error
)

// bigTree builds, once per test binary (TestMain removes it), a work tree of 100,000 files in 1,000
// folders, each folder with its own .gitattributes: a lookup that walked the
// tree would show at once.
func bigTree(b *testing.B) string {
	bigTreeOnce.Do(func() {
		dir, err := os.MkdirTemp("", "pm-convert-bench-")
		if err != nil {
			bigTreeErr = err
			return
		}
		bigTreeDir = dir
		write := func(rel, data string) {
			if bigTreeErr != nil {
				return
			}
			p := filepath.Join(dir, rel)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				bigTreeErr = err
				return
			}
			bigTreeErr = os.WriteFile(p, []byte(data), 0o644)
		}
		write(".gitattributes", "* text=auto\n*.md text eol=crlf\n[attr]doc text diff=markdown\n")
		for d := 0; d < 1000; d++ {
			folder := fmt.Sprintf("g%d/d%d", d%10, d)
			write(folder+"/.gitattributes", "*.bin binary\n*.md doc\n")
			for f := 0; f < 100; f++ {
				write(fmt.Sprintf("%s/f%d.md", folder, f), "x\n")
			}
		}
	})
	if bigTreeErr != nil {
		b.Fatal(bigTreeErr)
	}
	return bigTreeDir
}

// BenchmarkLookupColdInLargeTree is the cost of one path's attributes in a fresh
// checker: it reads the root, two folder files and the info and global files.
func BenchmarkLookupColdInLargeTree(b *testing.B) {
	dir := bigTree(b)
	src := AttrSources{WorkTree: dir, InfoFile: filepath.Join(dir, ".git/info/attributes"), GlobalFile: filepath.Join(dir, "no-global")}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a, err := NewAttrChecker(src).Lookup("g7/d517/f42.md")
		if err != nil || a.Get("eol").Text != "crlf" || a.Get("diff").Text != "markdown" {
			b.Fatalf("%v %v", a.Names(), err)
		}
	}
}

// BenchmarkLookupWarm is a further path in the same folder: no file is read.
func BenchmarkLookupWarm(b *testing.B) {
	dir := bigTree(b)
	c := NewAttrChecker(AttrSources{WorkTree: dir})
	c.Lookup("g7/d517/f1.md")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.Lookup("g7/d517/f42.md"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkToGitNoAttributes is the common case: nothing to do, nothing copied.
func BenchmarkToGitNoAttributes(b *testing.B) {
	conv := NewConverter(Config{})
	data := make([]byte, 64<<10)
	b.SetBytes(int64(len(data)))
	for i := 0; i < b.N; i++ {
		if _, err := conv.ToGit("a.md", data, nil, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkToGitCRLF converts 64 KiB of CRLF text with text=auto.
func BenchmarkToGitCRLF(b *testing.B) {
	conv := NewConverter(Config{SafeCRLF: SafeCRLFFalse})
	line := []byte("some postmortem text, a line of it\r\n")
	var data []byte
	for len(data) < 64<<10 {
		data = append(data, line...)
	}
	a := NewAttributes(map[string]Value{"text": {State: Valued, Text: "auto"}})
	b.SetBytes(int64(len(data)))
	for i := 0; i < b.N; i++ {
		if _, err := conv.ToGit("a.md", data, a, nil); err != nil {
			b.Fatal(err)
		}
	}
}
