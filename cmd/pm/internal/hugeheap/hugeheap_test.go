//go:build linux

package hugeheap

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
)

func TestChunkOf(t *testing.T) {
	for _, c := range []struct{ p, want uintptr }{
		{0x3e06e000, 0x3e000000},
		{0x3e400000, 0x3e400000},
		{0x3e3fffff, 0x3e000000},
	} {
		if got := chunkOf(c.p); got != c.want {
			t.Errorf("chunkOf(%#x) = %#x, want %#x", c.p, got, c.want)
		}
	}
}

// TestHeapStartsOnHugePages: this test binary's initialiser ran as pm's does. It found the heap
// beside its stack, and every half holding pages is now one huge page, as the kernel reports it
// (AnonHugePages in /proc/self/smaps), unless the system could not give one.
func TestHeapStartsOnHugePages(t *testing.T) {
	if Result.N == 0 {
		t.Fatalf("no mapped half found around the stack's chunk %#x", Result.Stack)
	}
	inStack := false
	for _, h := range Result.Halves[:Result.N] {
		inStack = inStack || chunkOf(h.Start) == Result.Stack
	}
	if !inStack {
		t.Fatalf("the halves looked at (%v) leave out the stack's chunk %#x", Result.Halves[:Result.N], Result.Stack)
	}
	var used []Half
	for _, h := range Result.Halves[:Result.N] {
		if h.Resident > 0 {
			used = append(used, h)
		}
	}
	if len(used) == 0 {
		t.Fatalf("no half around the stack held a page: %v", Result.Halves[:Result.N])
	}
	if mode := thpMode(); mode != "always" && mode != "madvise" {
		t.Skipf("transparent huge pages are %q here", mode)
	}
	for _, h := range used {
		switch syscall.Errno(h.Collapsed) {
		case 0:
		case syscall.EAGAIN, syscall.ENOMEM:
			t.Skipf("the kernel had no huge page to give (%v)", syscall.Errno(h.Collapsed))
		case syscall.EINVAL:
			t.Skipf("this kernel does not collapse on request (MADV_COLLAPSE, Linux 6.1): %v", syscall.Errno(h.Collapsed))
		default:
			t.Fatalf("collapsing %#x: %v", h.Start, syscall.Errno(h.Collapsed))
		}
		if h.Marked != 0 {
			t.Errorf("marking %#x for huge pages: %v", h.Start, syscall.Errno(h.Marked))
		}
		if kb := hugeKB(t, h.Start); kb < hugeSize>>10 {
			t.Errorf("the mapping holding %#x has %d kB of huge pages after its collapse, want %d or more", h.Start, kb, hugeSize>>10)
		}
	}
}

// thpMode is the system's setting for transparent huge pages ("always", "madvise", "never"), or ""
// where it has none.
func thpMode() string {
	b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil {
		return ""
	}
	s := string(b)
	if i := strings.IndexByte(s, '['); i >= 0 {
		if j := strings.IndexByte(s[i:], ']'); j > 0 {
			return s[i+1 : i+j]
		}
	}
	return ""
}

// hugeKB returns the AnonHugePages of the mapping holding address a, from /proc/self/smaps.
func hugeKB(t *testing.T, a uintptr) int {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no /proc/self/smaps: %v", err)
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		var lo, hi uintptr
		if n, _ := fmt.Sscanf(line, "%x-%x ", &lo, &hi); n == 2 && strings.Contains(line, " ") && !strings.HasSuffix(strings.Fields(line)[0], ":") {
			in = lo <= a && a < hi
			continue
		}
		var kb int
		if in {
			if n, _ := fmt.Sscanf(line, "AnonHugePages: %d kB", &kb); n == 1 {
				return kb
			}
		}
	}
	t.Fatalf("no mapping in /proc/self/smaps holds %#x", a)
	return 0
}
