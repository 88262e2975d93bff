package site

import (
	"runtime"
	"sync"
)

// reuse keeps up to a few values for the next user: the buffers and tables made per document or per
// page. A sync.Pool is emptied by each garbage collection, which in a whole build comes every few
// hundred documents: each collection then had every worker make its 64 KB page buffer, its body
// buffer and its table of words again. A full list drops what is put back.
//
// It keeps up to twice as many values as there are cores (the workers of parallel, and a task's own
// workers), at least 8. Its list is made on first use, so that a package-level one, written as a
// composite literal (&reuse[T]{fresh: …}), costs nothing in package init, which every pm process pays.
type reuse[T any] struct {
	fresh func() T
	once  sync.Once
	free  chan T
}

// newReuse returns a reuse that makes its values with fresh.
func newReuse[T any](fresh func() T) *reuse[T] {
	return &reuse[T]{fresh: fresh}
}

// list returns the kept values' channel, made on first use.
func (r *reuse[T]) list() chan T {
	r.once.Do(func() { r.free = make(chan T, max(8, 2*runtime.GOMAXPROCS(0))) })
	return r.free
}

func (r *reuse[T]) get() T {
	select {
	case v := <-r.list():
		return v
	default:
		return r.fresh()
	}
}

// put keeps v for the next get, unless enough are kept.
func (r *reuse[T]) put(v T) {
	select {
	case r.list() <- v:
	default:
	}
}

// maxKept bounds a buffer that is kept for reuse: a buffer grown by one huge document is left to
// the garbage collector.
const maxKept = 4 << 20
