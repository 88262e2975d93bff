package project

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestErrTooLargeNamesMaxFileSize(t *testing.T) {
	if want := fmt.Sprintf("larger than %d MB,", MaxFileSize>>20); !strings.HasPrefix(ErrTooLarge.Error(), want) {
		t.Fatalf("ErrTooLarge = %q, want it to start %q", ErrTooLarge, want)
	}
}

func TestErrOutsideReadIsErrOutside(t *testing.T) {
	if !errors.Is(ErrOutsideRead, ErrOutside) || ErrOutsideRead.Error() != ErrOutside.Error()+"; pm does not read it" {
		t.Fatalf("ErrOutsideRead = %q", ErrOutsideRead)
	}
	if !errors.Is(fmt.Errorf("read x: %w", ErrOutsideRead), ErrOutsideRead) {
		t.Fatal("a wrapped ErrOutsideRead is not ErrOutsideRead")
	}
}
