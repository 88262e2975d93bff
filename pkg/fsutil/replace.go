package fsutil

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrChanged is ReplaceIfUnchanged's refusal: the file no longer holds what the caller read.
var ErrChanged = errors.New("changed on disk")

// errNoExchange is exchange's answer where the system or the file system cannot swap two names.
var errNoExchange = errors.New("no atomic exchange")

// afterExchange, when set (by tests), runs between a swap and the read that may undo it: the instant
// in which another program may write into the file that just took the other's place.
var afterExchange func(path string)

// KeptError is ErrChanged when, besides the other program's change that made pm swap the files back,
// something was written into the file while it stood at Path for that instant (a script appending
// line by line opens the file anew each time): those bytes went into the file pm then moved away,
// which is kept as Kept, whole, rather than removed.
type KeptError struct {
	Path string // the file that changed
	Kept string // the file holding what was written to Path as the swap was undone
}

func (e *KeptError) Error() string {
	return fmt.Sprintf("%s %v meanwhile; what was written to it while pm swapped it back is kept in %s", e.Path, ErrChanged, e.Kept)
}

func (e *KeptError) Unwrap() error { return ErrChanged }

// swapBack undoes exchange(moved, path) after path turned out to have been changed by another program:
// the two swap again, and moved, which held want, is removed only if it still does. Anything written
// into it while it stood at path stays in it (a *KeptError names it).
func swapBack(moved, path string, want []byte) error {
	if err := exchange(moved, path); err != nil {
		return fmt.Errorf("%s %w meanwhile, and pm could not put that content back: it is in %s (%v)", path, ErrChanged, moved, err)
	}
	if b, err := ReadRegular(moved); err != nil || !bytes.Equal(b, want) {
		return &KeptError{Path: path, Kept: moved}
	}
	os.Remove(moved)
	return fmt.Errorf("%s: %w", path, ErrChanged)
}

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
	if afterExchange != nil {
		afterExchange(path)
	}
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
	return "", swapBack(tmp, path, data)
}

// PutBack undoes ReplaceKeep: path, while it still holds ours (what pm wrote), becomes the file kept
// again, by a rename, which needs no room for its bytes; without a kept file, old is written. A file
// changed since pm wrote it is left as it is (ErrChanged), and the kept one removed. A file removed
// since (a hook deleted it) gets the old one back: that overwrites nothing, and the old one may hold
// the user's uncommitted edits, in no other place.
func PutBack(path string, ours, old []byte, kept string, perm os.FileMode) error {
	if kept == "" {
		err := ReplaceIfUnchanged(path, ours, old, perm)
		if errors.Is(err, ErrChanged) && restoreRemoved(path, old, perm) {
			return nil
		}
		return err
	}
	err := exchange(kept, path)
	if errors.Is(err, errNoExchange) {
		cur, rerr := ReadRegular(path)
		if errors.Is(rerr, fs.ErrNotExist) && os.Link(kept, path) == nil {
			os.Remove(kept) // removed meanwhile: the link put the old file back, over nothing
			return nil
		}
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
		if errors.Is(err, os.ErrNotExist) && os.Link(kept, path) == nil {
			// pm's file was removed meanwhile (a hook): the old one goes back where nothing is now,
			// which overwrites nothing (a link never replaces a file)
			os.Remove(kept)
			return nil
		}
		os.Remove(kept)
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("%s: %w", path, ErrChanged)
		}
		return writeError(path, err)
	}
	// kept is now what was at path: pm's bytes, else another program's, which go back
	if afterExchange != nil {
		afterExchange(path)
	}
	if was, err := ReadRegular(kept); err == nil && bytes.Equal(was, ours) {
		os.Remove(kept)
		return nil
	}
	return swapBack(kept, path, old)
}

// restoreRemoved writes old at path when nothing is there (pm's file was removed after pm wrote it):
// through a temporary file linked to its name, which fails rather than replace a file made meanwhile.
// It reports whether old is back.
func restoreRemoved(path string, old []byte, perm os.FileMode) bool {
	if _, err := os.Lstat(path); !errors.Is(err, fs.ErrNotExist) {
		return false
	}
	tmp, err := tempWrite(filepath.Dir(path), old, perm, nil)
	if err != nil {
		return false
	}
	defer os.Remove(tmp)
	return os.Link(tmp, path) == nil
}

// Discard removes the file ReplaceKeep kept, once the replacement stands.
func Discard(kept string) {
	if kept != "" {
		os.Remove(kept)
	}
}
