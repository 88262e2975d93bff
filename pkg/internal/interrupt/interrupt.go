// Package interrupt undoes what pm has half done when it is stopped by a signal (SIGINT, SIGTERM,
// SIGHUP, SIGQUIT: Ctrl-C, `timeout`, a cancelled CI job), as git removes its lock files and
// temporary index when a signal stops it.
//
// Without it a signal ends a Go program at once, deferred calls and all: a commit stopped while a
// hook runs left .git/index.lock behind, so that every later git command that needs the index
// failed until the user removed it by hand, and left pm's edit of the postmortem uncommitted in the
// work tree.
//
// A step that leaves something to undo registers the undo with OnSignal and calls the release it
// gets back once there is nothing left to undo (committed, or undone the ordinary way). When a
// signal comes, the undos still registered run, the latest first, and the process then dies of the
// signal, as it would have (its exit status says which signal). Critical holds a signal off while a
// few steps that must not be split run (the branch moved and the index put in place): an undo sees
// the state before them or after, never between.
//
// A step that creates what it must undo (a lock file, a temporary file, the postmortem written)
// creates it through Do, which registers the undo in the same step: a signal that comes while the
// file is being made waits for it and undoes it, one that came before keeps it from being made, so
// nothing is left that no undo knows of. From a signal on, Critical and Settle wait for the process
// to die instead of going on: a signal that came while a hook ran stops the commit before the
// branch moves, as git's does, and pm never exits 0 after one.
//
// Nothing is set up until the first OnSignal: a command that writes nothing keeps Go's handling of
// signals, but for SIGQUIT (Quit), whose default is a dump of every goroutine.
package interrupt

import (
	"os"
	"os/signal"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

var (
	critical sync.Mutex // held by Critical, and from a signal on
	mu       sync.Mutex // guards undos, order and next; held from a signal on
	undos    map[int]func()
	order    []int // registration order of undos' keys
	next     int
	install  sync.Once
	dying    atomic.Bool // a signal came: the undos run, and the process dies
)

// signals are the signals that stop pm with its undos run.
func signals() []os.Signal {
	return []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT}
}

// OnSignal registers undo, to run should a signal stop the process before release is called.
// release may be called more than once.
func OnSignal(undo func()) (release func()) {
	setUp()
	mu.Lock()
	defer mu.Unlock()
	return register(undo)
}

// Do runs create, and registers undo if it succeeds, in one step as far as a signal is concerned:
// one that comes meanwhile runs undo once create is done (what it made is undone), one that came
// before keeps create from running (Do then never returns: the process is dying). create must be
// quick and must not register anything itself.
func Do(create func() error, undo func()) (release func(), err error) {
	setUp()
	mu.Lock()
	defer mu.Unlock()
	if err := create(); err != nil {
		return func() {}, err
	}
	return register(undo), nil
}

// Step runs fn so that no undo runs while it does: a signal that comes meanwhile is acted on once fn
// returns, and one that came before keeps fn from running. For a step that records, for an undo
// registered before it, what it made (a file written, then its name kept in the undo's list).
func Step(fn func() error) error {
	setUp()
	mu.Lock()
	defer mu.Unlock()
	return fn()
}

// setUp starts listening for signals, once. SIGQUIT goes back to the runtime only once os/signal
// catches it: one that comes between the two finds no undo registered yet, and ends the process by
// the kernel's default.
func setUp() {
	install.Do(func() {
		signal.Notify(listen(), signals()...)
		if quitDefaulted.Load() {
			quitRestore()
		}
	})
}

// quitDefaulted says that Quit gave SIGQUIT the kernel's default action.
var quitDefaulted atomic.Bool

// Quit makes SIGQUIT stop pm as the other signals do, from the start of the process, where Go's
// default would print every goroutine's stack and exit 2 until the first OnSignal. pm's main calls
// it first. Until the first OnSignal there is nothing to undo, and SIGQUIT gets the kernel's default
// action, as git leaves it: the process dies of it (the shell sees 131). Where that cannot be set
// (not Linux on amd64 or arm64), os/signal catches it, and pm exits 131. SIGINT, SIGTERM and SIGHUP
// keep Go's handling (death by the signal) until then, as a command that handles one itself (pm
// site --serve, its Ctrl-C) needs.
func Quit() {
	if quitDefault() {
		quitDefaulted.Store(true)
		return
	}
	signal.Notify(listen(), syscall.SIGQUIT)
}

var (
	listening sync.Once
	signalled chan os.Signal
)

// listen starts, once, the goroutine that acts on the first signal the channel it returns is told
// of: setUp and Quit add their signals to that one channel, so that one signal runs the undos once.
func listen() chan os.Signal {
	listening.Do(func() {
		signalled = make(chan os.Signal, 1)
		go func() {
			sig := <-signalled
			dying.Store(true)
			die(sig)
		}()
	})
	return signalled
}

// register adds undo under mu and returns its release.
func register(undo func()) (release func()) {
	key := next
	next++
	if undos == nil {
		undos = map[int]func(){}
	}
	undos[key] = undo
	order = append(order, key)
	return func() {
		mu.Lock()
		delete(undos, key)
		mu.Unlock()
	}
}

// Critical runs fn with signals held off: one that comes meanwhile is acted on once fn returns. fn
// may release undos (not register them). A signal that came before (while a hook ran, say) keeps fn
// from running: the process dies with the undos run, as git dies of a signal before it moves the
// branch.
func Critical(fn func()) {
	settle()
	critical.Lock()
	if dying.Load() {
		critical.Unlock()
		select {} // die runs the undos and ends the process
	}
	defer critical.Unlock()
	fn()
}

// Stopping reports whether a signal has come: work running beside the undos (a site's pages written
// on several goroutines) stops starting more, so that an undo that removes it has no new files to
// race with.
func Stopping() bool { return dying.Load() }

// RemoveAll removes a folder pm made, as an undo does it while other goroutines may still be
// writing into it (they stop at Stopping): again until it is gone, for a moment at most.
func RemoveAll(dir string) {
	for range 100 {
		if os.RemoveAll(dir) == nil {
			if _, err := os.Lstat(dir); os.IsNotExist(err) {
				return
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// Settle waits, when a signal has come, for the process to die of it: a command that has finished
// does not exit 0 (or 1) after a Ctrl-C its undos are still acting on. Without a signal it returns
// at once.
func Settle() {
	settle()
	if dying.Load() {
		select {}
	}
}

// settle lets a signal already delivered reach the goroutine that acts on it (the runtime hands it
// over on goroutines of its own), so that dying says whether one came: a hook that signals pm and
// exits has its signal seen before pm goes on.
func settle() {
	for range 3 {
		runtime.Gosched()
	}
}

// die runs the undos still registered, the latest first, then ends the process by sig. The locks
// are kept: whatever else is running stops at its next Critical, registration or release.
func die(sig os.Signal) {
	critical.Lock()
	mu.Lock()
	for i := len(order) - 1; i >= 0; i-- {
		if undo, ok := undos[order[i]]; ok {
			undo()
		}
	}
	signal.Reset(signals()...)
	if s, ok := sig.(syscall.Signal); ok {
		// SIGQUIT's default in Go is a dump of every goroutine: the kernel's is asked for instead
		if s != syscall.SIGQUIT || quitDefault() {
			raise(s)
			time.Sleep(time.Second) // the runtime delivers it to another thread meanwhile
		}
		os.Exit(128 + int(s)) // should the signal not end the process
	}
	os.Exit(1)
}
