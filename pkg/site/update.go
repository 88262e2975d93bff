package site

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pm-tools/pm/pkg/fsutil"
	"github.com/pm-tools/pm/pkg/internal/interrupt"
	"github.com/pm-tools/pm/pkg/postmortem"
)

// Source is where Update reads the postmortems from, and how it makes what the site shows of them.
type Source struct {
	// Files are the postmortems' paths (absolute), in the project's order.
	Files []string
	// Rel is a path relative to the repository root, slash-separated.
	Rel func(path string) string
	// ID is the id of a postmortem's file.
	ID func(path string) string
	// Read reads one file (bounded as the project reads them).
	Read func(path string) ([]byte, error)
	// Parse parses a file's bytes.
	Parse func(path string, data []byte) *postmortem.Doc
	// Linter returns the lint of one document, given the lookup the relations rule asks; it is
	// called once per build. The lookup is only complete once every front matter is read, so the
	// documents that name other postmortems are linted last.
	Linter func(relations func(id string) (exists bool, related []string)) func(*postmortem.Doc) []Finding
	// Salt is what, besides the documents, decides what is made of them: pm's version, .pm.yaml,
	// the language. A cache made with another salt is not used.
	Salt []byte
	// Skipped is told of each file the site leaves out: with the error of Read when the file could
	// not be read, with nil when its front matter is not usable.
	Skipped func(path string, err error)
}

// errStopped is a build stopped by a signal: the process is ending.
var errStopped = errors.New("stopped by a signal")

// Update brings the site in out up to date with the source's postmortems, through the cache under
// out: a file whose size and modification time (else hash) are unchanged is not read again, and a
// page is written only when what it shows changed. Without a usable cache it builds the whole site
// beside out and moves it in, as Build does.
func Update(out string, src Source, o Options) (*Result, error) {
	out = filepath.Clean(out)
	if err := checkOut(out); err != nil {
		return nil, err
	}
	if o.Location == nil {
		o.Location = time.UTC
	}
	// Two builds of one site take turns (pm site --serve rebuilding as pm site runs): each reads the
	// cache the other would be moving aside.
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", parent, err)
	}
	unlock, err := fsutil.LockDir(parent, o.Waiting)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", parent, err)
	}
	defer unlock()
	salt := sha256.Sum256(append([]byte(cacheVersion+"\x00"), src.Salt...))
	prev := loadManifest(out, salt[:])
	var old map[string]fingerprint
	if prev != nil {
		res, err := update(out, src, o, prev, salt[:])
		if !errors.Is(err, errCorrupt) {
			return res, err
		}
		// A damaged pack: start again without the cache (update moved its manifest aside first).
		old = prev.Pages
	} else {
		// A cache of another version or other settings is not used, but still says which files
		// of the folder pm wrote.
		old = readPages(out)
	}
	return build(out, old, func(dir string) (*Result, error) { return update(dir, src, o, nil, salt[:]) })
}

// build builds a whole site in a new folder beside out with write, and moves it into out: a failed
// build leaves the previous site as it was. old are the files of the site in out as its manifest
// lists them, nil when nobody knows (no manifest, or a corrupt one): see moveInto.
func build(out string, old map[string]fingerprint, write func(dir string) (*Result, error)) (*Result, error) {
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", parent, err)
	}
	// made and its removal on a signal registered in one step (interrupt.Do): a build stopped by
	// Ctrl-C or a cancelled job leaves no half-built folder beside the site
	var tmp string
	release, err := interrupt.Do(func() error {
		var err error
		tmp, err = os.MkdirTemp(parent, "."+filepath.Base(out)+".new-")
		return err
	}, func() { interrupt.RemoveAll(tmp) })
	if err != nil {
		return nil, fmt.Errorf("create a folder beside %s: %w", out, err)
	}
	defer release()
	defer os.RemoveAll(tmp) // pm's own folder, with nothing of anyone else's in it
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	res, err := write(tmp)
	if err != nil {
		return nil, err
	}
	if _, err := os.Lstat(out); errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(tmp, out); err != nil {
			return nil, fmt.Errorf("create %s: %w", out, err)
		}
		return res, nil
	}
	if err := moveInto(tmp, out, old); err != nil {
		return nil, err
	}
	return res, nil
}

// moveInto moves the site built in tmp into out, a folder that holds a site pm wrote before, file
// by file, without taking out's place: a folder of the site is never replaced whole, since it may
// hold files pm did not write (a CNAME for the Pages host, a page of the user's), and those stay.
// Each file of tmp takes its place in out (a file of the user's at that path is written over); the
// files of the old site (old) that the new one does not have are removed; with old nil, when no
// manifest says which files pm wrote, none is removed. The old manifest is moved aside first and the
// new one comes last, so that a move that fails half-way leaves no cache to trust, but still the list
// of the files pm wrote (readPages). A signal does not stop the move half-way (see move).
func moveInto(tmp, out string, old map[string]fingerprint) error {
	var folders, files []string // site-relative, slash-separated, a folder before what it holds
	now := map[string]fingerprint{}
	cache := filepath.ToSlash(filepath.Join(CacheDir, manifestFile))
	err := filepath.WalkDir(tmp, func(p string, d os.DirEntry, err error) error {
		if err != nil || p == tmp {
			return err
		}
		rel, err := filepath.Rel(tmp, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir():
			folders = append(folders, rel)
		case rel != cache:
			files = append(files, rel)
			now[rel] = fingerprint{}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("read %s: %w", tmp, err)
	}
	// What stands in the way is found before anything is moved: a file or a symbolic link where the
	// site has a folder (pm does not write through a link), a folder where it has a file.
	for _, rel := range folders {
		p := filepath.Join(out, filepath.FromSlash(rel))
		if fi, err := os.Lstat(p); err == nil && (!fi.IsDir() || fi.Mode()&os.ModeSymlink != 0) {
			return fmt.Errorf("%s: in the way of the site's folder %s; move it away", p, rel)
		}
	}
	for _, rel := range slices.Concat(files, []string{cache}) {
		p := filepath.Join(out, filepath.FromSlash(rel))
		if fi, err := os.Lstat(p); err == nil && fi.IsDir() {
			return fmt.Errorf("%s: a folder in the way of the site's file %s; move it away", p, rel)
		}
	}
	if interrupt.Stopping() { // the previous site as it was
		return errStopped
	}
	// The move itself holds a signal off (interrupt.Critical) until it is done: stopped half-way, it
	// would leave a site of old pages and new ones, and no cache. A signal that came before it
	// keeps it from starting (the previous site as it was); one that comes meanwhile waits for the
	// new site to be whole, then stops pm.
	interrupt.Critical(func() { err = move(tmp, out, old, now, folders, files, cache) })
	return err
}

// afterMove, set by tests only, runs after moveInto moves the file rel: a signal it sends comes
// during the move.
var afterMove func(rel string)

// move is moveInto's move, once nothing stands in the way: the old manifest aside, the files the
// new site no longer has removed, the new site's folders made and its files moved in, its manifest
// last.
func move(tmp, out string, old, now map[string]fingerprint, folders, files []string, cache string) error {
	aside := filepath.Join(out, CacheDir, oldManifestFile)
	if err := os.Rename(filepath.Join(out, filepath.FromSlash(cache)), aside); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("replace %s: %w", out, err)
	}
	if old != nil {
		removeGone(out, old, now)
	}
	for _, rel := range folders {
		if err := os.Mkdir(filepath.Join(out, filepath.FromSlash(rel)), 0o755); err != nil && !errors.Is(err, os.ErrExist) {
			return fmt.Errorf("create %s: %w", filepath.Join(out, filepath.FromSlash(rel)), err)
		}
	}
	var errs errList
	parallel(len(files), func(i int) {
		rel := filepath.FromSlash(files[i])
		if err := os.Rename(filepath.Join(tmp, rel), filepath.Join(out, rel)); err != nil {
			errs.add(fmt.Errorf("replace %s: %w", filepath.Join(out, rel), err))
		}
		if afterMove != nil {
			afterMove(files[i])
		}
	})
	if err := errs.first(); err != nil {
		return err
	}
	if _, err := os.Lstat(filepath.Join(tmp, filepath.FromSlash(cache))); err == nil {
		if err := os.Rename(filepath.Join(tmp, filepath.FromSlash(cache)), filepath.Join(out, filepath.FromSlash(cache))); err != nil {
			return fmt.Errorf("write %s: %w", filepath.Join(out, filepath.FromSlash(cache)), err)
		}
	}
	os.Remove(aside)
	return nil
}

// update writes the site into dir: over the site prev describes (in place, only what changed), or,
// with prev nil, into an empty folder.
func update(dir string, src Source, o Options, prev *manifest, salt []byte) (*Result, error) {
	cache := filepath.Join(dir, CacheDir)
	if err := os.MkdirAll(cache, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", cache, err)
	}
	if fi, err := os.Lstat(cache); err != nil || !fi.IsDir() { // a link: not written through
		return nil, fmt.Errorf("%s: in the way of the site's folder %s; move it away", cache, CacheDir)
	}
	old := map[string]*rec{}
	var packSize int64
	if prev != nil {
		for _, x := range prev.Recs {
			old[x.Path] = x
		}
		packSize = prev.PackSize
		// The manifest goes first: a build that fails half-way leaves no cache to trust, only the
		// list of pm's files (readPages).
		if err := os.Rename(filepath.Join(cache, manifestFile), filepath.Join(cache, oldManifestFile)); err != nil {
			return nil, err
		}
	} else if err := os.WriteFile(filepath.Join(dir, Marker), []byte(markerText), 0o644); err != nil {
		return nil, err
	}
	pk, err := openPack(cache, packSize)
	if err != nil {
		return nil, fmt.Errorf("open the cache of %s: %w", dir, err)
	}
	defer pk.close()

	ids := map[string]bool{}
	for _, path := range src.Files {
		ids[src.ID(path)] = true
	}
	pages := pageNames(ids)
	r := newRenderer(func(id string) string { return pages[id] }, o.UnsafeHTML, o.RepoURL)
	// The relations rule asks the index only of documents that name other postmortems, and those
	// are linted once every front matter is read and the index built; before, it knows the ids.
	var ix atomic.Pointer[relIndex]
	ix.Store(&relIndex{ids: ids})
	lint := src.Linter(func(id string) (bool, []string) { return ix.Load().lookup(id) })

	recs := make([]*rec, len(src.Files))
	docs := make([]*postmortem.Doc, len(src.Files)) // the documents that name others, held until the index is built
	var errs errList
	// read reads file i into a new rec with its size, time and hash.
	read := func(i int) (*rec, []byte) {
		path := src.Files[i]
		x := &rec{Path: path, Rel: src.Rel(path), ID: src.ID(path)}
		// stat before reading: a change made while the file is read then shows as a newer time
		fi, serr := os.Stat(path)
		data, err := src.Read(path)
		if serr == nil {
			x.Size, x.MTime = fi.Size(), fi.ModTime().UnixNano()
		}
		if err != nil {
			// Size -1 is never a file's: the next build reads it again (a file made readable by
			// chmod keeps its size and time).
			x.Skip, x.readErr, x.Size = true, err, -1
			return x, nil
		}
		x.Sum = sha256.Sum256(data)
		return x, data
	}
	// make parses, lints and renders x's document (held for later when it names other postmortems
	// and later is false).
	make1 := func(i int, x *rec, data []byte, later bool) {
		recs[i] = x
		if x.Skip {
			return
		}
		d := src.Parse(x.Path, data)
		if d == nil || d.Root == nil {
			x.Skip = true
			return
		}
		if !later && hasRelations(&d.Fields) {
			x.Fields, docs[i] = d.Fields, d
			return
		}
		if err := r.derive(x, d, lint(d), pk); err != nil {
			errs.add(err)
		}
	}
	// Each file: its old rec when its size and time (or else its hash) are unchanged, else made anew.
	// Size and time count only for a time older than the manifest's (see manifest.written).
	var racy int64
	if prev != nil {
		racy = prev.written
	}
	parallel(len(src.Files), func(i int) {
		path := src.Files[i]
		was := old[path]
		if was != nil && was.MTime < racy {
			if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && fi.Size() == was.Size && fi.ModTime().UnixNano() == was.MTime {
				recs[i] = was
				return
			}
		}
		x, data := read(i)
		if was != nil && !x.Skip && !was.Skip && x.Sum == was.Sum {
			// Touched, not changed: the old rec, with the new time.
			was.Size, was.MTime = x.Size, x.MTime
			recs[i] = was
			return
		}
		make1(i, x, data, false)
	})
	if err := errs.first(); err != nil {
		return nil, err
	}
	full := newRelIndex(recs)
	full.ids = ids
	ix.Store(full)
	// The held documents, and the old recs made with other deps, are made now.
	var again []int
	for i, x := range recs {
		if docs[i] != nil || (!x.Skip && old[x.Path] == x && deps(x, o.Now, full) != x.Deps) {
			again = append(again, i)
		}
	}
	parallel(len(again), func(k int) {
		i := again[k]
		if d := docs[i]; d != nil {
			if err := r.derive(recs[i], d, lint(d), pk); err != nil {
				errs.add(err)
			}
			docs[i] = nil
			return
		}
		x, data := read(i)
		make1(i, x, data, true)
	})
	if err := errs.first(); err != nil {
		return nil, err
	}
	for i, x := range recs {
		if x.Skip {
			if src.Skipped != nil {
				src.Skipped(src.Files[i], x.readErr)
			}
			continue
		}
		x.Deps = deps(x, o.Now, full)
	}
	return finish(dir, recs, pk, o, prev, salt)
}

// finish writes the site of recs into dir (over prev's site, or into an empty folder with prev nil)
// and, with a salt, the manifest of the cache.
func finish(dir string, recs []*rec, pk *pack, o Options, prev *manifest, salt []byte) (*Result, error) {
	var live int64
	w := &writer{dir: dir, pack: pk, pages: map[string]fingerprint{}}
	if prev != nil {
		w.prev = prev.Pages
	}
	s := newSite(recs, o)
	s.write(w)
	if err := w.err; err != nil {
		return nil, err
	}
	// Stopped by a signal, the pages not written are not in w.pages: nothing is removed and no
	// manifest written (the process is ending; the next build starts without the cache).
	if interrupt.Stopping() {
		return nil, errStopped
	}
	if prev != nil {
		removeGone(dir, prev.Pages, w.pages)
	}
	for _, x := range recs {
		live += x.Body.Len + x.Text.Len + x.Message.Len + x.JSON.Len
	}
	if err := pk.close(); err != nil {
		return nil, fmt.Errorf("write the cache of %s: %w", dir, err)
	}
	m := &manifest{Version: cacheVersion, Salt: salt, Recs: recs, Pages: w.pages, PackSize: pk.size}
	// A pack mostly of bodies no longer used is not kept: the next build starts afresh. The
	// manifest is written all the same, without salt or recs (no build trusts it), for its list of
	// the site's files: the next build removes those it does not write again, and only those.
	if salt == nil || pk.size > 2*live+(1<<20) {
		m = &manifest{Version: cacheVersion, Pages: w.pages}
	}
	if err := m.save(filepath.Join(dir, CacheDir)); err != nil {
		return nil, err
	}
	os.Remove(filepath.Join(dir, CacheDir, oldManifestFile))
	sort.Strings(w.written)
	return &Result{Pages: w.html, Postmortems: len(s.pms), Written: w.written}, nil
}

// removeGone removes from dir the files of the site it held (old) that the site now in it (now)
// does not have: pages of postmortems, services and tags gone; then the folders they leave empty, as
// a whole build would not make them. A file that is not in old is not pm's and stays, and so does
// anything behind a symbolic link in the site's place: a name that leads out of dir (a manifest
// written by hand), or through a link, is not removed.
func removeGone(dir string, old, now map[string]fingerprint) {
	gone := map[string]bool{}
	real := map[string]bool{} // folders of the site, by whether they are folders and not links
	for rel := range old {
		if _, ok := now[rel]; ok || !filepath.IsLocal(filepath.FromSlash(rel)) || !realFolders(dir, path.Dir(rel), real) {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if fi, err := os.Lstat(p); err == nil && !fi.IsDir() {
			os.Remove(p)
			gone[path.Dir(rel)] = true
		}
	}
	removeEmptyFolders(dir, gone)
}

// realFolders reports whether the folder rel of dir (site-relative, slash-separated) and each folder
// between it and dir are folders, not symbolic links; known keeps the answers.
func realFolders(dir, rel string, known map[string]bool) bool {
	if rel == "." || rel == "" {
		return true
	}
	if ok, seen := known[rel]; seen {
		return ok
	}
	fi, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(rel)))
	ok := err == nil && fi.IsDir() && realFolders(dir, path.Dir(rel), known)
	known[rel] = ok
	return ok
}

// removeEmptyFolders removes each of the site's folders in folders (site-relative, slash-separated)
// that is now empty, and the folders above it that that leaves empty, up to dir itself, which stays.
// Only folders that held the previous site's pages are given, and a folder with anything left in it
// (a file of the user's) fails to be removed and stays: a folder pm did not make is never removed.
func removeEmptyFolders(dir string, folders map[string]bool) {
	rels := sortedKeys(folders)
	// Deepest first, so that a parent is tried after its children.
	sort.Slice(rels, func(i, j int) bool { return strings.Count(rels[i], "/") > strings.Count(rels[j], "/") })
	for _, rel := range rels {
		for ; rel != "." && rel != "/" && rel != ""; rel = path.Dir(rel) {
			folder := filepath.Join(dir, filepath.FromSlash(rel))
			// a link put in the folder's place is the user's: os.Remove would remove it
			if fi, err := os.Lstat(folder); err != nil || !fi.IsDir() || os.Remove(folder) != nil {
				break
			}
		}
	}
}

// parallel runs fn(0) … fn(n-1) on every core. Each worker takes the next index from a shared
// counter: at thousands of small tasks, handing them over a channel woke workers up and put them to
// sleep again thousands of times.
func parallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	var next atomic.Int64
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(i)
			}
		})
	}
	wg.Wait()
}

// errList keeps the first of the errors of several goroutines.
type errList struct {
	mu  sync.Mutex
	err error
}

func (e *errList) add(err error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.err == nil {
		e.err = err
	}
}

func (e *errList) first() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.err
}
