// Package lazy holds values made on first use at no cost to a process that never uses them.
//
// sync.OnceValue(f) is a call: at package level it runs in the package's initialiser, in every
// process, and allocates its state there. A Value written as a composite literal,
//
//	var digits = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`[0-9]+`) }}
//
// is laid out by the compiler in the binary's data: nothing runs until Get.
package lazy

import (
	"regexp"
	"sync"
)

// Value is the result of New, made by the first Get. It must not be copied after first use.
type Value[T any] struct {
	New  func() T
	once sync.Once
	v    T
}

// Get returns the value, calling New the first time. If New panics, Get panics with it once;
// later calls return the zero value (sync.Once's rule). The values pm makes this way are built from
// constants and do not panic.
func (l *Value[T]) Get() T {
	l.once.Do(l.make)
	return l.v
}

func (l *Value[T]) make() { l.v = l.New() }

// Regexp is a regular expression compiled on first use:
//
//	var digits = &lazy.Regexp{Expr: `[0-9]+`}
type Regexp struct {
	Expr string
	once sync.Once
	re   *regexp.Regexp
}

// Get returns the expression, compiled the first time (regexp.MustCompile: a constant that does not
// compile is a programming error).
func (r *Regexp) Get() *regexp.Regexp {
	r.once.Do(r.compile)
	return r.re
}

func (r *Regexp) compile() { r.re = regexp.MustCompile(r.Expr) }
