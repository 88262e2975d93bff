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
// Nothing is set up until the first OnSignal: a command that writes nothing keeps Go's handling of
// signals.
package interrupt

import (
	"os"
	"os/signal"
	"sync"
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
)

// signals are the signals that stop pm with its undos run.
func signals() []os.Signal {
	return []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT}
}

// OnSignal registers undo, to run should a signal stop the process before release is called.
// release may be called more than once.
func OnSignal(undo func()) (release func()) {
	install.Do(func() {
		ch := make(chan os.Signal, 1)
		signal.Notify(ch, signals()...)
		go func() { die(<-ch) }()
	})
	mu.Lock()
	key := next
	next++
	if undos == nil {
		undos = map[int]func(){}
	}
	undos[key] = undo
	order = append(order, key)
	mu.Unlock()
	return func() {
		mu.Lock()
		delete(undos, key)
		mu.Unlock()
	}
}

// Critical runs fn with signals held off: one that comes meanwhile is acted on once fn returns. fn
// may release undos (not register them).
func Critical(fn func()) {
	critical.Lock()
	defer critical.Unlock()
	fn()
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
		if s != syscall.SIGQUIT { // whose default in Go is a dump of every goroutine
			raise(s)
			time.Sleep(time.Second) // the runtime delivers it to another thread meanwhile
		}
		os.Exit(128 + int(s)) // should the signal not end the process
	}
	os.Exit(1)
}
