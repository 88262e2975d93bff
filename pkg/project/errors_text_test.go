package project

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/i18n"
)

func TestErrTooLargeNamesMaxFileSize(t *testing.T) {
	want := fmt.Sprintf("over the %d MiB (%s-byte) limit;", MaxFileSize>>20, groupDigits(MaxFileSize))
	if !strings.HasPrefix(ErrTooLarge.Error(), want) {
		t.Fatalf("ErrTooLarge = %q, want it to start %q", ErrTooLarge, want)
	}
	if !strings.HasSuffix(OverLimit(MaxFileSize+1).String(), strings.TrimSuffix(want, ";")) {
		t.Fatalf("OverLimit says the limit otherwise than ErrTooLarge: %q", OverLimit(MaxFileSize+1))
	}
}

// A file one byte over the limit reads as over it, in both languages: exact sizes, not rounded MB.
func TestTooLargeSaysTheSize(t *testing.T) {
	err := error(&TooLargeError{Size: MaxFileSize + 1})
	if !errors.Is(err, ErrTooLarge) || !errors.Is(readError("/x/big.md", err), ErrTooLarge) {
		t.Fatal("a TooLargeError is not ErrTooLarge")
	}
	if got, want := err.Error(), "8,388,609 bytes, over the 8 MiB (8,388,608-byte) limit; pm does not read it"; got != want {
		t.Errorf("en: %q, want %q", got, want)
	}
	if got, want := (&TooLargeError{Size: MaxFileSize + 1}).Msg().In(i18n.JA), "8,388,609 バイトで、上限の 8 MiB (8,388,608 バイト) を超えています。pm は読みません"; got != want {
		t.Errorf("ja: %q, want %q", got, want)
	}
	for _, c := range []struct {
		n    int64
		want string
	}{{0, "0"}, {999, "999"}, {1000, "1,000"}, {123456, "123,456"}, {1234567, "1,234,567"}, {-1234, "-1,234"}} {
		if got := groupDigits(c.n); got != c.want {
			t.Errorf("groupDigits(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}

// A rewrite of a file over the limit says its size, and which size: the file's, or what it would be.
func TestRewriteTooLargeSaysTheSize(t *testing.T) {
	if got, want := tooLargeToRewrite("p/a.md", MaxFileSize+1, 10).Error(), "p/a.md is 8,388,609 bytes, over the 8 MiB (8,388,608-byte) limit; pm does not rewrite it"; got != want {
		t.Errorf("old: %q, want %q", got, want)
	}
	if got, want := tooLargeToRewrite("p/a.md", 10, MaxFileSize+2).Error(), "p/a.md would be 8,388,610 bytes, over the 8 MiB (8,388,608-byte) limit; pm does not write it"; got != want {
		t.Errorf("new: %q, want %q", got, want)
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
