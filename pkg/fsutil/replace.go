package fsutil

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrChanged is ReplaceIfUnchanged's refusal: the file no longer holds what the caller read.
var ErrChanged = errors.New("changed on disk")

// errNoExchange is exchange's answer where the system or the file system cannot swap two names.
var errNoExchange = errors.New("no atomic exchange")

// ReplaceIfUnchanged replaces the content of the file at path by data, as WriteFile does, only if it
// still holds old at the moment of the replacement, so that an edit another program makes meanwhile
// (an editor's save, a script appending) is never overwritten. Where the system exchanges two names
// in one step (Linux's renameat2), the new file and the old one swap places first and the old one is
// read back: when it is not old any more, the two swap back. Elsewhere the file is read again just
// before the rename. A refusal wraps ErrChanged and leaves the file as the other program left it.
func ReplaceIfUnchanged(path string, old, data []byte, perm os.FileMode) error {
	tmp, err := tempWrite(filepath.Dir(path), data, perm, nil)
	if err != nil {
		return writeError(path, err)
	}
	err = exchange(tmp, path)
	if errors.Is(err, errNoExchange) {
		cur, err := ReadRegular(path)
		if err != nil || !bytes.Equal(cur, old) {
			os.Remove(tmp)
			return fmt.Errorf("%s: %w", path, ErrChanged)
		}
		if err := os.Rename(tmp, path); err != nil {
			os.Remove(tmp)
			return writeError(path, err)
		}
		return nil
	}
	if err != nil {
		os.Remove(tmp)
		if errors.Is(err, os.ErrNotExist) { // removed meanwhile
			return fmt.Errorf("%s: %w", path, ErrChanged)
		}
		return writeError(path, err)
	}
	// tmp is now the file that was at path
	if fi, err := os.Lstat(tmp); err == nil && fi.Mode().IsRegular() {
		if was, err := ReadRegular(tmp); err == nil && bytes.Equal(was, old) {
			os.Remove(tmp)
			return nil
		}
	}
	if err := exchange(tmp, path); err != nil {
		return fmt.Errorf("%s %w meanwhile, and pm could not put that content back: it is in %s (%v)", path, ErrChanged, tmp, err)
	}
	os.Remove(tmp)
	return fmt.Errorf("%s: %w", path, ErrChanged)
}
