// Package hugeheap asks Linux to back the first chunks of pm's heap with huge pages, as pm starts.
//
// A pm process is short: a pre-commit hook's `pm lint --staged` lasts a few tens of milliseconds,
// and on a virtual machine much of that is page faults. The Go runtime maps its heap in chunks and
// Linux, unless the system is set to "always" (most are set to "madvise"), fills them a 4 KB page at
// a time, one fault each: a one-file `pm lint` touched about 500 pages of heap, and a fault cost
// 10–15 µs on the machine of the README's benchmarks, a quarter of the run. The runtime, its
// package initialisers and a one-file command live in the heap's first few megabytes. This
// package's initialiser finds them around the main goroutine's stack, which the runtime allocates
// from the heap, marks each 2 MB half mapped for huge pages (madvise MADV_HUGEPAGE: a first touch
// of an untouched half then maps a whole huge page, one fault) and collapses each half already in
// use into one (MADV_COLLAPSE, Linux 6.1: its pages copied into a huge page): the rest of the run
// takes no fault there. It costs about half a millisecond, some more when the kernel waits for the
// other processor; `pm lint FILE` went from 830 page faults to 450 and from 1.5 to 1.2 times the
// goldmark floor's one-file run (README, Performance).
//
// Only those first megabytes: the chunks the runtime maps later, as a large run's heap grows, keep
// the kernel's default, so the resident memory of `pm lint` over a whole folder, `pm list` and
// `pm stats` grows by little (they fill those megabytes anyway). Where huge pages are off, or the
// kernel is older, the calls fail and change nothing; other systems skip it.
//
// It runs from a package initialiser, before goldmark's and most of pm's, because the faults it
// saves are theirs as much as the command's; stackwarm imports it so as to grow the stack on huge
// pages, and a test in pkg/internal/archtest holds both orders. It allocates nothing.
package hugeheap

// The sizes the layout depends on: the runtime maps its heap in chunks of 4 MB (pallocChunkBytes),
// aligned to their size; a huge page on amd64 and arm64 is 2 MB.
const (
	chunkSize = 4 << 20
	hugeSize  = 2 << 20
)

// around is how many chunks on each side of the stack's are looked at: the heap's first chunks lie
// on either side of it.
const around = 1

// Result is what the initialiser did, for tests: the chunk the stack was in, and what it found and
// asked of each half it looked at that was mapped.
var Result struct {
	Stack  uintptr
	Halves [(2*around + 1) * chunkSize / hugeSize]Half
	N      int // Halves[:N] were mapped
}

// Half is one 2 MB half of a chunk: its start, the pages in memory when it was looked at, and the
// system's answer (an errno, 0 for success) to marking it for huge pages and, when it held pages, to
// collapsing it (not asked: 0).
type Half struct {
	Start             uintptr
	Resident          int
	Marked, Collapsed uintptr
}

// chunkOf returns the start of the heap chunk address p lies in.
func chunkOf(p uintptr) uintptr { return p &^ (chunkSize - 1) }
