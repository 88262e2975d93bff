package project

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/pm-tools/pm/pkg/fsutil"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/jatime"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// Entry is one postmortem file with its parsed front matter.
type Entry struct {
	Path string // absolute
	ID   string // file name without .md (see ID)
	Doc  *postmortem.Doc
	Err  error // the file could not be read: a *ReadError
}

// Files lists the postmortems under the postmortem folder, sorted (see Walk). A missing folder is no
// files. A name that is not a regular file is left out with a warning.
func (p *Project) Files() ([]string, error) { return p.walk(p.warnSkipped) }

func (p *Project) walk(skipped func(path string, err error)) ([]string, error) {
	dir := p.Dir()
	if _, err := os.Lstat(dir); os.IsNotExist(err) {
		return nil, nil
	}
	out, err := Walk(dir, p.Root, skipped)
	if err != nil {
		return nil, fmt.Errorf("read postmortem folder %s: %w", dir, err)
	}
	return out, nil
}

// Scan reads and parses every postmortem's front matter, on all cores, in file order.
func (p *Project) Scan() ([]Entry, error) {
	files, err := p.Files()
	if err != nil {
		return nil, err
	}
	return p.Load(files), nil
}

// ReadError is the Err of an Entry whose file could not be read: the path and why.
type ReadError struct {
	Path string
	Err  error // the cause, without the path again
}

func (e *ReadError) Error() string { return "read " + e.Path + ": " + e.Err.Error() }
func (e *ReadError) Unwrap() error { return e.Err }

// readError is the ReadError of path, the path of a *fs.PathError about it said once.
func readError(path string, err error) *ReadError {
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path == path {
		err = pe.Err
	}
	return &ReadError{Path: path, Err: err}
}

// SkipNote is the note, shown as display, of a command that reads every postmortem and leaves e
// out: with e.Err (a *ReadError, or the error of ReadFile), why its file could not be read
// (permission denied, a link that leads nowhere, too large) as pm lint says it, the path said once;
// without, that its front matter is not usable.
func SkipNote(e Entry, display string) i18n.Msg {
	if e.Err == nil {
		return i18n.M("usage.skipped", display, display)
	}
	var re *ReadError
	if !errors.As(e.Err, &re) {
		re = readError(e.Path, e.Err)
	}
	var tl *TooLargeError
	if errors.As(re.Err, &tl) {
		return i18n.M("usage.skipped-read", display, tl.Msg())
	}
	return i18n.M("usage.skipped-read", display, re.Err) // in the user's language when catalogued
}

// ScanFront is Scan reading only each file's front matter, and keeping only its fields: enough for
// listing, and much cheaper over thousands of files. Its entries' Docs are compacted
// (postmortem.Doc.Compact): use Doc.Usable, Fields and Problems, not Root or the text.
func (p *Project) ScanFront() ([]Entry, error) {
	files, err := p.Files()
	if err != nil {
		return nil, err
	}
	return MapFront(p, files, func(e Entry) Entry {
		if e.Doc != nil {
			e.Doc.Compact()
		}
		return e
	}), nil
}

// MapFront is Map reading only each file's front matter: the entry's Doc has Fields, Problems and
// Usable, and its bytes are read into a buffer the next file reuses, so fn must not keep the Doc
// uncompacted (postmortem.Doc.Compact), nor its Src, Text or Body. A command that shows a little of
// each of thousands of postmortems (pm list) keeps only that little.
func MapFront[T any](p *Project, files []string, fn func(Entry) T) []T {
	return mapFiles(p, files, readFront, fn, releaseFront)
}

// frontBuffers are the buffers front matter is read into: a compacted document keeps nothing of
// its bytes, so the next file is read into the same buffer.
var frontBuffers = sync.Pool{New: func() any { b := make([]byte, 2<<10); return &b }}

// releaseFront returns a buffer of readFront to the pool, unless a large block made it large.
func releaseFront(data []byte) {
	if data != nil && cap(data) <= 16<<10 {
		b := data[:cap(data)]
		frontBuffers.Put(&b)
	}
}

// readFront reads a file up to the end of its front matter (the whole file when the block does not
// close in the first 64 KB). Like Load, it opens regular files only.
// When the block closes, the split found is returned with the bytes, so that the document is parsed
// without looking for the block again (postmortem.ParseSplit).
func readFront(path string) ([]byte, *postmortem.FrontSplit, error) {
	f, _, err := openBounded(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	bp := frontBuffers.Get().(*[]byte)
	buf := (*bp)[:cap(*bp)]
	n := 0
	for {
		m, err := f.Read(buf[n:])
		n += m
		if end, split := postmortem.FrontMatterSplit(buf[:n]); end > 0 {
			return buf[:end], &split, nil
		}
		if err == io.EOF {
			return buf[:n], nil, nil
		}
		if err != nil {
			return nil, nil, err
		}
		if n == len(buf) {
			if len(buf) >= 64<<10 {
				rest, err := io.ReadAll(f)
				return append(buf[:n], rest...), nil, err
			}
			buf = append(buf, make([]byte, len(buf))...)
		}
	}
}

// Load parses the given files' front matter, on all cores, in the given order. A file that is not
// regular is not opened: its entry's Err wraps fsutil.ErrNotRegular. A file larger than MaxFileSize
// is not read: its entry's Err wraps ErrTooLarge.
func (p *Project) Load(files []string) []Entry {
	return mapFiles(p, files, readWholeSplit, func(e Entry) Entry { return e }, nil)
}

// ErrTooLarge is why a file larger than MaxFileSize is neither read nor rewritten. The error of a
// read is a *TooLargeError, which says the file's size and is ErrTooLarge (errors.Is).
// Its text names MaxFileSize as OverLimit does (a test holds the two together; a constant text
// costs nothing in package init).
var ErrTooLarge = errors.New("over the 8 MiB (8,388,608-byte) limit; pm does not read it")

// TooLargeError is the error of reading a file larger than MaxFileSize: its size, against the limit.
type TooLargeError struct{ Size int64 }

func (e *TooLargeError) Error() string { return e.Msg().String() }

// Msg is the error's text in any language: the size and the limit, and that pm does not read it.
func (e *TooLargeError) Msg() i18n.Msg { return i18n.M("size.not-read", OverLimit(e.Size)) }

// Is makes a TooLargeError ErrTooLarge.
func (e *TooLargeError) Is(target error) bool { return target == ErrTooLarge }

// OverLimit says, in any language, that a file of size bytes is over MaxFileSize: exact sizes, so
// that a file one byte over does not read as the limit itself.
func OverLimit(size int64) i18n.Msg {
	return i18n.M("size.over-limit", groupDigits(size), MaxFileSize>>20, groupDigits(MaxFileSize))
}

// groupDigits writes n with its digits in groups of three: 8388608 is "8,388,608".
func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// tooLargeToRewrite is the error of a rewrite of path from old to data, bytes, when either is
// larger than MaxFileSize.
func tooLargeToRewrite(path string, old, data int) error {
	if old > MaxFileSize {
		return fmt.Errorf("%s is %s; pm does not rewrite it", path, OverLimit(int64(old)))
	}
	return fmt.Errorf("%s would be %s; pm does not write it", path, OverLimit(int64(data)))
}

// openBounded opens a regular file no larger than MaxFileSize.
func openBounded(path string) (*os.File, fs.FileInfo, error) {
	f, fi, err := fsutil.OpenRegular(path)
	if err != nil {
		return nil, nil, err
	}
	if fi.Size() > MaxFileSize {
		f.Close()
		return nil, nil, &TooLargeError{Size: fi.Size()}
	}
	return f, fi, nil
}

// readWhole reads a regular file no larger than MaxFileSize.
func readWhole(path string) ([]byte, error) {
	f, fi, err := openBounded(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return fsutil.ReadAll(f, fi.Size())
}

// readWholeSplit is readWhole for mapFiles: the block is found by the parse.
func readWholeSplit(path string) ([]byte, *postmortem.FrontSplit, error) {
	data, err := readWhole(path)
	return data, nil, err
}

// wholeBuffers are the buffers Map reads whole files into: fn keeps nothing of a file's bytes, so
// the next file is read into the same buffer.
var wholeBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 8<<10); return &b }}

// readPooled reads a whole file, as readWhole does, into a buffer of wholeBuffers.
func readPooled(path string) ([]byte, *postmortem.FrontSplit, error) {
	f, fi, err := openBounded(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	bp := wholeBuffers.Get().(*[]byte)
	data := (*bp)[:0]
	if need := int(fi.Size()) + 512; cap(data) < need {
		data = make([]byte, 0, need)
	}
	for {
		want := cap(data) - len(data)
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF || err == nil && n > 0 && n < want {
			// A regular file reads short only at its end: the read that would return EOF is saved.
			return data, nil, nil
		}
		if err != nil {
			return nil, nil, err
		}
		if len(data) == cap(data) { // the file grew since its size was read
			data = append(data, 0)[:len(data)]
		}
	}
}

// releaseWhole returns a buffer of readPooled to the pool, unless a large file made it large.
func releaseWhole(data []byte) {
	if data != nil && cap(data) <= 64<<10 {
		b := data[:0]
		wholeBuffers.Put(&b)
	}
}

// Map reads and parses the files as Load does, on every core, and returns fn of each entry in the
// files' order. fn runs on the reading goroutines, several at once, and what it does not keep of an
// entry is garbage as soon as it returns: a command that needs a little of each of thousands of
// documents (pm stats) holds only that little, not every document, and parses them in parallel.
// Each file's bytes are read into a buffer the next file reuses, so fn must not keep the Doc, its
// Src, Text or Body, nor slices of them (the strings of Fields and of action items are copies).
func Map[T any](p *Project, files []string, fn func(Entry) T) []T {
	return mapFiles(p, files, readPooled, fn, releaseWhole)
}

// mapFiles reads and parses each file and returns fn of its entry; release, when not nil, is given
// the bytes read once fn has returned (fn keeps nothing of them, nor the Doc: see Map and MapFront).
func mapFiles[T any](p *Project, files []string, read func(string) ([]byte, *postmortem.FrontSplit, error), fn func(Entry) T, release func([]byte)) []T {
	out := make([]T, len(files))
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	next := make(chan int)
	loc := p.Location()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// With release, fn keeps no Doc: the next file's front matter is parsed into the
			// memory of the last one's.
			var sc *postmortem.Scratch
			if release != nil {
				sc = new(postmortem.Scratch)
			}
			for i := range next {
				path := files[i]
				e := Entry{Path: path, ID: ID(path)}
				data, split, err := read(path)
				switch {
				case err != nil:
					e.Err = readError(path, err)
				case !postmortem.IsText(data):
					// not text (a NUL byte): skipped, said, as pm lint reports it
					e.Err = readError(path, i18n.Err("lint.binary"))
				default:
					e.Doc = postmortem.ParseScratch(path, data, split, loc, sc)
				}
				out[i] = fn(e)
				if release != nil {
					release(data)
				}
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// datelessID is an id without the incident date pm new puts before the slug ("2026-11-20-").
func datelessID(id string) string {
	if len(id) > 11 && id[4] == '-' && id[7] == '-' && id[10] == '-' {
		if _, err := time.Parse("2006-01-02", id[:10]); err == nil {
			return id[11:]
		}
	}
	return id
}

// ResolveError is returned when a postmortem name matches none or several files. Msg says which, in
// any language.
type ResolveError struct {
	Msg     i18n.Msg
	Matches []string // the files matched, relative to the repository root and slash-separated
}

func (e *ResolveError) Error() string { return e.Msg.String() }

// Resolve finds the postmortem a user named: a path, an id (file name without .md), or a unique part
// of an id. An empty name means the only postmortem that is not Closed.
func (p *Project) Resolve(name, workDir string) (Entry, error) {
	if name != "" {
		path := name
		if !filepath.IsAbs(path) {
			path = filepath.Join(workDir, path)
		}
		if fi, err := os.Stat(path); err == nil && !fi.IsDir() {
			// A file that is not regular is refused as such by Load, before any link is followed.
			if fence, err := NewFence(p.Root); err == nil && fi.Mode().IsRegular() && fence.Holds(path) {
				if err := fence.Check(path); err != nil {
					return Entry{Path: path, ID: ID(path), Err: readError(path, err)}, nil
				}
			}
			return p.Load([]string{path})[0], nil
		} else if err != nil && (errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)) && strings.ContainsAny(name, `/`+string(filepath.Separator)) {
			// A path names the file itself, as git reads a path: one where no file is does not fall
			// back to its name's id (draft/x.md, a typo for drafts/x.md, is not postmortems/x.md);
			// written without .md, it names the .md file there
			if filepath.Ext(path) == "" {
				if fi, err := os.Stat(path + ".md"); err == nil && fi.Mode().IsRegular() {
					return p.Resolve(name+".md", workDir)
				}
			}
			return Entry{}, &ResolveError{Msg: i18n.M("resolve.no-file", name, ID(name))}
		}
	}
	if name == "" {
		files, err := p.Files()
		if err != nil {
			return Entry{}, err
		}
		var open []Entry
		var newest *Entry // the latest incident, for the hint when every postmortem is Closed
		entries := p.Load(files)
		for i, e := range entries {
			if e.Doc == nil {
				continue
			}
			if e.Doc.Fields.Status != postmortem.StatusClosed {
				open = append(open, e)
			}
			if newest == nil || e.Doc.Fields.IncidentDate.After(newest.Doc.Fields.IncidentDate) ||
				(e.Doc.Fields.IncidentDate.Equal(newest.Doc.Fields.IncidentDate) && e.ID > newest.ID) {
				newest = &entries[i]
			}
		}
		switch len(open) {
		case 1:
			return open[0], nil
		case 0:
			// a file pm could not read (too large, not text, not readable to this user) may be the
			// open postmortem: said, as the files a name matches nothing among are
			for _, e := range entries {
				if re := (*ReadError)(nil); errors.As(e.Err, &re) {
					p.warnSkipped(e.Path, re.Err)
				}
			}
			if newest != nil {
				return Entry{}, &ResolveError{Msg: i18n.M("resolve.none-open-newest", p.Config.Dir, newest.ID)}
			}
			return Entry{}, &ResolveError{Msg: i18n.M("resolve.none-open", p.Config.Dir)}
		}
		var rels []string
		for _, e := range open {
			rels = append(rels, p.RelPath(e.Path))
		}
		return Entry{}, &ResolveError{Msg: i18n.M("resolve.several-open", len(rels), strings.Join(rels, ", ")), Matches: rels}
	}
	// The files left out of the walk are said only when they explain the answer: the one named, or
	// why nothing matched; a command on one postmortem does not warn about the others.
	var skipped []string
	why := map[string]error{}
	files, err := p.walk(func(path string, err error) {
		var pe *fs.PathError
		if errors.As(err, &pe) && pe.Path == path {
			err = pe.Err // the path is said once
		}
		skipped = append(skipped, path)
		why[path] = err
	})
	if err != nil {
		return Entry{}, err
	}
	key := ID(name)
	for _, path := range skipped {
		if ID(path) == key {
			return Entry{Path: path, ID: key, Err: readError(path, why[path])}, nil
		}
	}
	var exact, partial []string
	var bySlug []string // the id without its date: "checkout" names 2026-11-20-checkout
	for _, f := range files {
		id := ID(f)
		switch {
		case id == key:
			exact = append(exact, f)
		case strings.EqualFold(datelessID(id), key):
			bySlug = append(bySlug, f)
		case strings.Contains(strings.ToLower(id), strings.ToLower(key)):
			partial = append(partial, f)
		}
	}
	if len(exact) == 1 {
		return p.Load(exact)[0], nil
	}
	// A whole slug wins over parts of longer ones ("checkout" over 2026-11-21-checkout-latency).
	if len(exact) == 0 && len(bySlug) == 1 {
		return p.Load(bySlug)[0], nil
	}
	partial = append(bySlug, partial...)
	matches := append(exact, partial...)
	if len(matches) == 0 {
		// No id holds the name: a title may. A Japanese title gives its file no slug pm can make
		// ("決済の遅延" is 2026-11-20-incident.md), so its writer names it by the title.
		matches = p.titleMatches(files, name)
	}
	switch len(matches) {
	case 0:
		for _, path := range skipped {
			p.warnSkipped(path, why[path])
		}
		return Entry{}, &ResolveError{Msg: i18n.M("resolve.no-match", name, p.Config.Dir)}
	case 1:
		return p.Load(matches)[0], nil
	}
	// Ids can be the same (a.md in two folders): the files are named by their paths, best matches
	// first, each kind in the walk's order.
	var rels []string
	for _, m := range matches {
		rels = append(rels, p.RelPath(m))
	}
	return Entry{}, &ResolveError{Msg: i18n.M("resolve.several", name, len(rels), strings.Join(rels, ", ")), Matches: rels}
}

// titleMatches are the files whose title holds name, in any case and either width of Latin letters
// and digits (ＡＰＩ is API): the postmortems a name that is no part of an id may mean.
func (p *Project) titleMatches(files []string, name string) []string {
	key := strings.ToLower(jatime.FoldWidth(strings.TrimSpace(name)))
	if key == "" {
		return nil
	}
	var out []string
	for _, e := range p.Load(files) {
		if e.Doc != nil && strings.Contains(strings.ToLower(jatime.FoldWidth(e.Doc.Fields.Title)), key) {
			out = append(out, e.Path)
		}
	}
	return out
}
