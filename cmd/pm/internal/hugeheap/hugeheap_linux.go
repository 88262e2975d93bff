package hugeheap

import (
	"syscall"
	"unsafe"
)

// madvise advice values (include/uapi/asm-generic/mman-common.h); syscall has neither.
const (
	madvHugepage = 14
	madvCollapse = 25
)

func init() { apply() }

// resident is mincore's answer for one huge page's worth of pages: a byte a page, bit 0 set for a
// page in memory.
var resident [hugeSize / 4096]byte

// apply looks at the heap around the main goroutine's stack, which the runtime allocated from it:
// the chunk the stack is in and the chunks beside it (the heap's first mapping need not begin at a
// chunk's start). Each 2 MB half mapped is marked for huge pages: one the runtime has mapped but
// not touched yet then gets a huge page at its first fault (the runtime's reservation around it,
// which mincore also finds, loses the mark when the runtime maps it over itself). A half holding
// pages already is collapsed into one. A half the kernel could not collapse (EAGAIN: no huge page
// free; EINVAL: huge pages off, or an older kernel) stays as it was.
//
//go:noinline
func apply() {
	var onStack byte
	stack := chunkOf(uintptr(unsafe.Pointer(&onStack)))
	Result.Stack = stack
	for c := stack - around*chunkSize; c <= stack+around*chunkSize; c += chunkSize {
		for h := c; h < c+chunkSize; h += hugeSize {
			_, _, e := syscall.RawSyscall(syscall.SYS_MINCORE, h, hugeSize, uintptr(unsafe.Pointer(&resident[0])))
			if e != 0 {
				continue // not mapped, or not all of it
			}
			half := Half{Start: h}
			for _, r := range resident {
				half.Resident += int(r & 1)
			}
			_, _, e = syscall.RawSyscall(syscall.SYS_MADVISE, h, hugeSize, madvHugepage)
			half.Marked = uintptr(e)
			if half.Resident > 0 {
				_, _, e = syscall.RawSyscall(syscall.SYS_MADVISE, h, hugeSize, madvCollapse)
				half.Collapsed = uintptr(e)
			}
			Result.Halves[Result.N] = half
			Result.N++
		}
	}
}
