// Package stackwarm grows the main goroutine's stack to 512 KB before goldmark's package
// initialisers run, while the stack holds only a few frames.
//
// goldmark's extension package compiles its linkify expressions in package init. Their
// `{1,256}` repetitions make regexp's compiler recurse a few hundred calls deep, and the main
// goroutine's stack, which starts at 8 KB, doubles six times on the way. Each doubling copies the
// stack and walks every frame on it to adjust its pointers: about a million instructions in all,
// a seventh of a one-file `pm lint` and a fifth of the goldmark floor's one-file run
// (scripts/bench-startup.sh). Every pm process pays it, a pre-commit hook's included.
//
// This package's initialiser calls a function whose frame is 300 KB (three arrays, each under the
// compiler's 128 KB limit for a variable on the stack) and which never writes it: the branch that
// would does not run. The runtime grows the stack to fit in one step, to 512 KB, copying the few
// small frames below it, and no page of the new stack is touched here. Go initialises packages in
// import-path order among those whose imports are ready (the Go spec, since Go 1.21), and this
// package imports only hugeheap, which imports syscall, so it runs before
// github.com/yuin/goldmark/extension; a test in pkg/internal/archtest holds that order. If
// goldmark's expressions ever need less stack, what this costs is that one copy.
package stackwarm

// The heap first: the stack grown here is allocated from it and filled by goldmark's initialisers.
import _ "github.com/pm-tools/pm/cmd/pm/internal/hugeheap"

// part is the size of each of grow's three arrays: their sum, with the frames below, no longer fits
// in 256 KB, so the stack doubles to 512 KB, what goldmark's initialisers reached on their own.
const part = 100 << 10

var sink byte

func init() { sink = grow(0) }

// grow's frame holds three arrays only the branch for n < 0 uses; the function's entry checks the
// stack for the whole frame either way.
//
//go:noinline
func grow(n int) byte {
	if n < 0 {
		var a, b, c [part]byte
		a[-n%part], b[-n%part], c[-n%part] = 1, 2, 3
		return a[(1-n)%part] + b[(2-n)%part] + c[(3-n)%part]
	}
	return 0
}
