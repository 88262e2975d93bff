package site

import "runtime"

// reuse keeps up to a few values for the next user: the buffers and tables made per document or per
// page. A sync.Pool is emptied by each garbage collection, which in a whole build comes every few
// hundred documents: each collection then had every worker make its 64 KB page buffer, its body
// buffer and its table of words again. A full list drops what is put back.
type reuse[T any] struct {
	free  chan T
	fresh func() T
}

// newReuse keeps up to twice as many values as there are cores (the workers of parallel, and a
// task's own workers), at least 8.
func newReuse[T any](fresh func() T) *reuse[T] {
	return &reuse[T]{free: make(chan T, max(8, 2*runtime.GOMAXPROCS(0))), fresh: fresh}
}

func (r *reuse[T]) get() T {
	select {
	case v := <-r.free:
		return v
	default:
		return r.fresh()
	}
}

// put keeps v for the next get, unless enough are kept.
func (r *reuse[T]) put(v T) {
	select {
	case r.free <- v:
	default:
	}
}

// maxKept bounds a buffer that is kept for reuse: a buffer grown by one huge document is left to
// the garbage collector.
const maxKept = 4 << 20
