//go:build unix

package project

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/fsutil"
	"github.com/pm-tools/pm/pkg/internal/testenv"
)

const doc = "---\ntitle: A\nstatus: Draft\n---\n# A\n"

// withPipe makes a project whose postmortem folder holds a.md, a named pipe x.md, a link y.md to the
// pipe and a link d.md to a unix socket; warnings go to the returned buffer.
func withPipe(t *testing.T) (*Project, *bytes.Buffer) {
	t.Helper()
	p := open(t)
	var warn bytes.Buffer
	p.Warn = func(path string, why error) {
		rel, _ := filepath.Rel(p.Root, path)
		var pe *fs.PathError
		if errors.As(why, &pe) {
			why = pe.Err
		}
		fmt.Fprintf(&warn, "pm: skipped %s: %v\n", filepath.ToSlash(rel), why)
	}
	os.MkdirAll(p.Dir(), 0o755)
	os.WriteFile(filepath.Join(p.Dir(), "a.md"), []byte(doc), 0o644)
	if err := syscall.Mkfifo(filepath.Join(p.Dir(), "x.md"), 0o644); err != nil {
		testenv.Skipf(t, "mkfifo: %v", err)
	}
	os.Symlink("x.md", filepath.Join(p.Dir(), "y.md"))
	testenv.SocketLink(t, filepath.Join(p.Dir(), "d.md"))
	return p, &warn
}

// within fails the test when f blocks: a named pipe was opened for reading.
func within(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("blocked: a named pipe was opened")
	}
}

func TestFilesSkipsNonRegularWithAWarning(t *testing.T) {
	p, warn := withPipe(t)
	var files []string
	var err error
	within(t, func() { files, err = p.Files() })
	if err != nil || len(files) != 1 || filepath.Base(files[0]) != "a.md" {
		t.Fatalf("files %v, %v", files, err)
	}
	want := []string{
		"pm: skipped postmortems/d.md: not a regular file (a symbolic link to a socket)",
		"pm: skipped postmortems/x.md: not a regular file (a named pipe)",
		"pm: skipped postmortems/y.md: not a regular file (a symbolic link to a named pipe)",
	}
	if got := strings.Split(strings.TrimSpace(warn.String()), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", warn, strings.Join(want, "\n"))
	}
	// A second listing in the same command does not repeat the warnings.
	warn.Reset()
	p.Files()
	if warn.Len() != 0 {
		t.Errorf("warned twice: %s", warn)
	}
}

func TestScansDoNotOpenPipes(t *testing.T) {
	p, _ := withPipe(t)
	for name, scan := range map[string]func() ([]Entry, error){"Scan": p.Scan, "ScanFront": p.ScanFront} {
		var es []Entry
		var err error
		within(t, func() { es, err = scan() })
		if err != nil || len(es) != 1 || es[0].ID != "a" || es[0].Err != nil {
			t.Errorf("%s: %+v, %v", name, es, err)
		}
	}
}

func TestLoadRefusesNamedNonRegular(t *testing.T) {
	p, _ := withPipe(t)
	for _, name := range []string{"x.md", "y.md", "d.md"} {
		path := filepath.Join(p.Dir(), name)
		var es []Entry
		within(t, func() { es = p.Load([]string{path}) })
		if err := es[0].Err; !errors.Is(err, fsutil.ErrNotRegular) || strings.Count(err.Error(), path) != 1 {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestResolveNonRegular(t *testing.T) {
	p, warn := withPipe(t)
	// By path: the file the user named is refused as unreadable.
	var e Entry
	var err error
	within(t, func() { e, err = p.Resolve("postmortems/x.md", p.Root) })
	if err != nil || !errors.Is(e.Err, fsutil.ErrNotRegular) {
		t.Errorf("by path: %+v, %v", e, err)
	}
	// By id: the pipe is refused as named, in the entry, with no warning besides.
	within(t, func() { e, err = p.Resolve("x", p.Root) })
	if err != nil || !errors.Is(e.Err, fsutil.ErrNotRegular) || strings.Count(e.Err.Error(), "x.md") != 1 || warn.Len() != 0 {
		t.Errorf("by id: %+v, %v; warnings %q", e, err, warn)
	}
	// A name that matches nothing: the files left out are said, as they may be why.
	within(t, func() { e, err = p.Resolve("nothing", p.Root) })
	var re *ResolveError
	if !errors.As(err, &re) || !strings.Contains(warn.String(), "x.md: not a regular file") {
		t.Errorf("no match: %v; warnings %q", err, warn)
	}
	// The only open postmortem is still found.
	within(t, func() { e, err = p.Resolve("", p.Root) })
	if err != nil || e.ID != "a" {
		t.Errorf("only open: %+v, %v", e, err)
	}
}

// A file larger than MaxFileSize is not read by any scan, nor by Load: the entry says why.
func TestScansRefuseHugeFiles(t *testing.T) {
	p := open(t)
	os.MkdirAll(p.Dir(), 0o755)
	os.WriteFile(filepath.Join(p.Dir(), "a.md"), []byte(doc), 0o644)
	huge := filepath.Join(p.Dir(), "b.md")
	// The front matter opens and never closes within the limit, so ScanFront would read it all.
	if err := os.WriteFile(huge, append([]byte("---\ntitle: "), bytes.Repeat([]byte("b"), MaxFileSize)...), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, scan := range map[string]func() ([]Entry, error){"Scan": p.Scan, "ScanFront": p.ScanFront} {
		es, err := scan()
		if err != nil || len(es) != 2 || es[0].Err != nil || es[0].Doc == nil || !es[0].Doc.Usable() {
			t.Fatalf("%s: %+v, %v", name, es, err)
		}
		if e := es[1]; !errors.Is(e.Err, ErrTooLarge) || e.Doc != nil || strings.Count(e.Err.Error(), huge) != 1 {
			t.Errorf("%s: huge file: %+v", name, e)
		}
	}
}
