package lazy

import (
	"sync"
	"sync/atomic"
	"testing"
)

var calls atomic.Int32

var counted = Value[[]string]{New: func() []string {
	calls.Add(1)
	return []string{"made"}
}}

func TestValueMadeOnceOnFirstGet(t *testing.T) {
	if calls.Load() != 0 {
		t.Fatalf("New ran %d times before Get", calls.Load())
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := counted.Get(); len(got) != 1 || got[0] != "made" {
				t.Errorf("Get = %q", got)
			}
		}()
	}
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Fatalf("New ran %d times, want 1", n)
	}
}

var digits = &Regexp{Expr: `[0-9]+`}

func TestRegexpCompiledOnFirstGet(t *testing.T) {
	if digits.re != nil {
		t.Fatal("compiled before Get")
	}
	if got := digits.Get().FindString("SEV-12"); got != "12" {
		t.Fatalf("FindString = %q", got)
	}
	if digits.Get() != digits.Get() {
		t.Fatal("compiled twice")
	}
}
