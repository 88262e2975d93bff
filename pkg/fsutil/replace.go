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
	_, err := ReplaceKeep(path, old, data, perm, "")
	return err
}

// ReplaceKeep is ReplaceIfUnchanged that keeps the file it replaced in the folder keepDir (kept; ""
// with keepDir "", or when the system could not keep it there): PutBack restores it without writing
// its bytes again, which a full disk that failed the commit after the write would refuse, and Discard
// removes it once the replacement stands. keepDir is the git directory: a file kept in the work tree
// would be an untracked file to the commit's hooks (one that runs git add -A would commit it).
func ReplaceKeep(path string, old, data []byte, perm os.FileMode, keepDir string) (kept string, err error) {
	tmp, err := tempWrite(filepath.Dir(path), data, perm, nil)
	if err != nil {
		return "", writeError(path, err)
	}
	err = exchange(tmp, path)
	if errors.Is(err, errNoExchange) {
		cur, err := ReadRegular(path)
		if err != nil || !bytes.Equal(cur, old) {
			os.Remove(tmp)
			return "", fmt.Errorf("%s: %w", path, ErrChanged)
		}
		// the old file kept by a second name (a link takes no room for its bytes)
		if keepDir != "" {
			kept = filepath.Join(keepDir, filepath.Base(tmp)+".old")
			if os.Link(path, kept) != nil {
				kept = ""
			}
		}
		if err := os.Rename(tmp, path); err != nil {
			os.Remove(tmp)
			Discard(kept)
			return "", writeError(path, err)
		}
		return kept, nil
	}
	if err != nil {
		os.Remove(tmp)
		if errors.Is(err, os.ErrNotExist) { // removed meanwhile
			return "", fmt.Errorf("%s: %w", path, ErrChanged)
		}
		return "", writeError(path, err)
	}
	// tmp is now the file that was at path
	if fi, err := os.Lstat(tmp); err == nil && fi.Mode().IsRegular() {
		if was, err := ReadRegular(tmp); err == nil && bytes.Equal(was, old) {
			if keepDir != "" {
				kept = filepath.Join(keepDir, filepath.Base(tmp)+".old")
				if os.Rename(tmp, kept) == nil { // another file system: not kept
					return kept, nil
				}
			}
			os.Remove(tmp)
			return "", nil
		}
	}
	if err := exchange(tmp, path); err != nil {
		return "", fmt.Errorf("%s %w meanwhile, and pm could not put that content back: it is in %s (%v)", path, ErrChanged, tmp, err)
	}
	os.Remove(tmp)
	return "", fmt.Errorf("%s: %w", path, ErrChanged)
}

// PutBack undoes ReplaceKeep: path, while it still holds ours (what pm wrote), becomes the file kept
// again, by a rename, which needs no room for its bytes; without a kept file, old is written. A file
// changed since pm wrote it is left as it is (ErrChanged), and the kept one removed.
func PutBack(path string, ours, old []byte, kept string, perm os.FileMode) error {
	if kept == "" {
		return ReplaceIfUnchanged(path, ours, old, perm)
	}
	err := exchange(kept, path)
	if errors.Is(err, errNoExchange) {
		cur, rerr := ReadRegular(path)
		if rerr != nil || !bytes.Equal(cur, ours) {
			os.Remove(kept)
			return fmt.Errorf("%s: %w", path, ErrChanged)
		}
		if err := os.Rename(kept, path); err != nil {
			os.Remove(kept)
			return writeError(path, err)
		}
		return nil
	}
	if err != nil {
		os.Remove(kept)
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("%s: %w", path, ErrChanged)
		}
		return writeError(path, err)
	}
	// kept is now what was at path: pm's bytes, else another program's, which go back
	if was, err := ReadRegular(kept); err == nil && bytes.Equal(was, ours) {
		os.Remove(kept)
		return nil
	}
	if err := exchange(kept, path); err != nil {
		return fmt.Errorf("%s %w meanwhile, and pm could not put that content back: it is in %s (%v)", path, ErrChanged, kept, err)
	}
	os.Remove(kept)
	return fmt.Errorf("%s: %w", path, ErrChanged)
}

// Discard removes the file ReplaceKeep kept, once the replacement stands.
func Discard(kept string) {
	if kept != "" {
		os.Remove(kept)
	}
}
