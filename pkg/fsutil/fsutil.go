// Package fsutil writes files so that a reader never sees half of one (temp file, sync, rename), and
// opens only regular files, so that a named pipe or a device never blocks pm.
package fsutil

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrExist reports that CreateExclusive found the name taken.
var ErrExist = errors.New("file exists")

// tempWrite writes data to a new temporary file in dir and syncs it. On any error nothing is left behind.
func tempWrite(dir string, data []byte, perm os.FileMode, wrap func(io.Writer) io.Writer) (string, error) {
	f, err := os.CreateTemp(dir, ".pm-*.tmp")
	if err != nil {
		return "", err
	}
	name := f.Name()
	var w io.Writer = f
	if wrap != nil {
		w = wrap(f)
	}
	if _, err = w.Write(data); err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(name, perm)
	}
	if err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

// writeError names the file being written and what went wrong, leaving out the temporary file's name
// that the operating system's error carries (an internal detail, and a second path in one line).
func writeError(path string, err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		err = pe.Err
	case errors.As(err, &le):
		err = le.Err
	}
	return fmt.Errorf("write %s: %w", path, err)
}

// WriteFile replaces path with data atomically: readers see the old file or the new one, never a mix,
// and a failed write leaves the old file untouched.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	return writeFile(path, data, perm, nil)
}

func writeFile(path string, data []byte, perm os.FileMode, wrap func(io.Writer) io.Writer) error {
	tmp, err := tempWrite(filepath.Dir(path), data, perm, wrap)
	if err != nil {
		return writeError(path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return writeError(path, err)
	}
	return nil
}

// NewFileMode is the mode a new file pm writes asks for, less the umask: 0666, as git's checkout and
// an editor ask for (0644 under the usual umask 022, 0664 under 002).
const NewFileMode os.FileMode = 0o666

// CreateExclusive writes a new file at path atomically, failing with ErrExist when the name is taken
// (also when another process takes it at the same moment). The file gets perm less the umask, as
// open(2) would give it: the temporary file it is written through is set to its mode explicitly.
func CreateExclusive(path string, data []byte, perm os.FileMode) error {
	return createExclusive(path, data, perm&^umask(), nil)
}

func createExclusive(path string, data []byte, perm os.FileMode, wrap func(io.Writer) io.Writer) error {
	tmp, err := tempWrite(filepath.Dir(path), data, perm, wrap)
	if err != nil {
		return writeError(path, err)
	}
	defer os.Remove(tmp)
	if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%s: %w", path, ErrExist)
		}
		// Some file systems have no hard links: fall back to an exclusive create and a plain write.
		f, cerr := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
		if cerr != nil {
			if errors.Is(cerr, os.ErrExist) {
				return fmt.Errorf("%s: %w", path, ErrExist)
			}
			return writeError(path, cerr)
		}
		f.Close()
		if err := os.Rename(tmp, path); err != nil {
			os.Remove(path)
			return writeError(path, err)
		}
	}
	return nil
}
