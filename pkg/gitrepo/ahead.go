package gitrepo

import (
	"errors"
	"io/fs"
	"os"
	"sync/atomic"

	"github.com/pm-tools/pm/pkg/gitrepo/internal/gitindex"
)

// A pre-commit hook's `pm lint --staged` spends most of its time starting up (the runtime, package
// initialisers, the command line, .pm.yaml, the linter) and, in a repository of many files, comparing
// the index with HEAD's trees: in one of 10,000 postmortems that is inflating and walking a 680 KB
// tree and decoding a 1.2 MB index, 6–9 ms of a 22 ms run on a slow machine, all of it on one core
// while the other waits.
// StartStaged begins that comparison on a goroutine of its own as the process starts, so that the two
// overlap; StagedChangesAnd takes its answer when it is for the same repository, index file and HEAD,
// and reads them itself otherwise. The answer is the one StagedChangesAnd would find: the same
// function (readStaged) makes it, of the same files.

// aheadRead is the reading StartStaged began: done closes when it ends, ok when it found an answer.
type aheadRead struct {
	done chan struct{}
	also string

	ok        bool
	layout    Layout
	indexFile string
	s         stagedIndex // of every changed entry and unmerged path (no match asked)
}

// ahead is the reading begun, until StagedChangesAnd takes it (once).
var ahead atomic.Pointer[aheadRead]

// StartStaged begins, on a goroutine, the reading of the index against HEAD that
// StagedChangesAnd(match, also) makes in the repository git would use from dir with env (see
// OpenWithEnv), after the discovery of that repository, which DiscoverOnce then takes (see
// StartDiscovery). Whatever goes wrong is left for StagedChangesAnd to find and say. A second call
// before the first is taken does nothing.
func StartStaged(dir string, env Env, also string) {
	a := &aheadRead{done: make(chan struct{}), also: also}
	if !ahead.CompareAndSwap(nil, a) {
		return
	}
	d := beginDiscovery(dir)
	go func() {
		defer close(a.done)
		defer func() {
			if recover() != nil { // read again where it is needed, and said there
				a.ok = false
			}
		}()
		var l Layout
		var err error
		if d != nil {
			l, err = d.run(env)
		} else {
			l, err = Discover(dir, env)
		}
		if err != nil {
			return
		}
		r, err := openLayout(l, env)
		if err != nil {
			return
		}
		r.noGit = true
		s, err := r.readStaged(nil, also)
		if err != nil {
			return
		}
		a.layout, a.indexFile, a.s, a.ok = r.layout, r.indexFile(), s, true
	}()
}

// StartDiscovery begins, on a goroutine, the discovery of the repository git would use from dir
// with env, which DiscoverOnce then takes: a one-file pm lint spends half a millisecond in it
// (system calls, and the process's first open file, which sets up the runtime's poller), while the
// rest of pm initialises on the other core. A second call before the first is taken does nothing.
func StartDiscovery(dir string, env Env) {
	if d := beginDiscovery(dir); d != nil {
		go func() {
			defer func() { _ = recover() }() // discovered again where it is needed, and said there
			_, _ = d.run(env)
		}()
	}
}

// aheadLayout is a discovery made ahead: done closes when it ends. looked holds every variable it
// read, with the value it read: the discovery is the one DiscoverOnce would make with an
// environment that gives the same values.
type aheadLayout struct {
	done   chan struct{}
	dir    string
	looked []envValue
	layout Layout
	err    error
}

type envValue struct{ key, value string }

// errAheadUnfinished marks a discovery ahead that did not end (a panic).
var errAheadUnfinished = errors.New("the discovery begun ahead did not end")

// aheadDiscovery is the discovery made ahead, until DiscoverOnce takes it (once).
var aheadDiscovery atomic.Pointer[aheadLayout]

// beginDiscovery registers a discovery ahead of dir for DiscoverOnce to wait for and take; nil
// when one is registered already.
func beginDiscovery(dir string) *aheadLayout {
	d := &aheadLayout{done: make(chan struct{}), dir: dir, err: errAheadUnfinished}
	if !aheadDiscovery.CompareAndSwap(nil, d) {
		return nil
	}
	return d
}

// run makes the discovery, recording the variables it reads, and returns what Discover returns. A
// panic in Discover leaves errAheadUnfinished, for DiscoverOnce to discover again.
func (d *aheadLayout) run(env Env) (Layout, error) {
	defer close(d.done)
	d.layout, d.err = Discover(d.dir, func(key string) string {
		v := env(key)
		d.looked = append(d.looked, envValue{key, v})
		return v
	})
	return d.layout, d.err
}

// DiscoverOnce is Discover, taking the discovery StartStaged or StartDiscovery made ahead when it
// was of dir, with env giving every variable it read the value it read then (waiting for it to
// end). That discovery saw the file system as the process started, as git's own does.
func DiscoverOnce(dir string, env Env) (Layout, error) {
	if a := aheadDiscovery.Swap(nil); a != nil {
		<-a.done
		same := a.dir == dir
		for _, kv := range a.looked {
			same = same && env(kv.key) == kv.value
		}
		if same && !errors.Is(a.err, errAheadUnfinished) {
			return a.layout, a.err
		}
	}
	return Discover(dir, env)
}

// takeAhead returns what StartStaged found, with the entries and unmerged paths match accepts, when
// it read this repository's index file for also, that file is still the one it read and HEAD still
// has the tree it compared with; false otherwise (then the caller reads them itself). It waits for
// the reading to end.
func (r *Repo) takeAhead(match func(path string) bool, also string) (stagedIndex, bool) {
	a := ahead.Swap(nil)
	if a == nil {
		return stagedIndex{}, false
	}
	<-a.done
	if !a.ok || a.also != also || a.indexFile != r.indexFile() || !sameLayout(a.layout, r.layout) {
		return stagedIndex{}, false
	}
	s := a.s
	fi, err := os.Stat(a.indexFile)
	if s.index == nil {
		if !errors.Is(err, fs.ErrNotExist) { // there was no index; there is one now
			return stagedIndex{}, false
		}
	} else if err != nil || !sameFileState(s.index, fi) {
		return stagedIndex{}, false
	}
	if s.headRead {
		if head, err := r.headTree(); err != nil || head != s.head {
			return stagedIndex{}, false
		}
	}
	if match != nil {
		var entries []gitindex.Entry
		for _, e := range s.entries {
			if match(e.Name) {
				entries = append(entries, e)
			}
		}
		var unmerged []string
		for _, name := range s.unmerged {
			if match(name) {
				unmerged = append(unmerged, name)
			}
		}
		s.entries, s.unmerged = entries, unmerged
	}
	r.noRemovalsAt, r.noRemovalsHead = s.noRemovalsAt, s.noRemovalsHead
	return s, true
}

// sameLayout reports whether a and b are one repository: the same git, common and object folders
// and work tree.
func sameLayout(a, b Layout) bool {
	return a.GitDir == b.GitDir && a.CommonDir == b.CommonDir && a.ObjectDir == b.ObjectDir && a.WorkTree == b.WorkTree
}

// sameFileState reports whether now is the file then was, unchanged as far as its metadata tells:
// the same file (device and inode), size and modification time, as git judges an index entry.
// Git replaces the index (a new file renamed over it) whenever it writes it.
func sameFileState(then, now os.FileInfo) bool {
	return os.SameFile(then, now) && then.Size() == now.Size() && then.ModTime().Equal(now.ModTime())
}
