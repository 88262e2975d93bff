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
// This package's initialiser calls a function whose frame is 64 KB four deep. The runtime grows
// the stack to fit, three copies of a few small frames, and never writes the frames: the branch
// that would use them does not run, so no page of the new stack is touched here. Go initialises
// packages in import-path order among those whose imports are ready (the Go spec, since Go 1.21),
// and this package imports nothing, so it runs before github.com/yuin/goldmark/extension; a test
// in pkg/internal/archtest holds that order. If goldmark's expressions ever need less stack, what
// this costs is those three copies, about 120,000 instructions.
package stackwarm

// depth frames of frame bytes: the fourth frame no longer fits in 256 KB, so the stack doubles
// to 512 KB, what goldmark's initialisers reached on their own.
const (
	depth = 4
	frame = 64 << 10
)

var sink byte

func init() { sink = grow(depth - 1) }

// grow calls itself n deep. Its frame holds pad, which only the branch for n < 0 uses; the
// function's entry checks the stack for the whole frame either way.
//
//go:noinline
func grow(n int) byte {
	if n > 0 {
		return grow(n - 1)
	}
	if n < 0 {
		var pad [frame]byte
		pad[-n%frame] = 1
		return pad[(1-n)%frame]
	}
	return 0
}
