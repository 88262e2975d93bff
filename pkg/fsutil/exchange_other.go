//go:build !linux

package fsutil

// exchange is not available here: ReplaceIfUnchanged reads the file again before renaming instead.
func exchange(a, b string) error { return errNoExchange }
