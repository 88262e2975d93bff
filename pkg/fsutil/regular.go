package fsutil

import (
	"errors"
	"io"
	"io/fs"
	"os"
)

// ErrNotRegular reports a path that is not a regular file, nor a symbolic link to one: a named pipe,
// a socket, a device or a directory. pm never opens such a file: opening a named pipe waits for a
// writer that may never come, and opening a device can have effects of its own.
var ErrNotRegular = errors.New("not a regular file")

// notRegular is ErrNotRegular with the kind of file found, for the message.
type notRegular struct{ kind string }

func (e *notRegular) Error() string     { return ErrNotRegular.Error() + " (" + e.kind + ")" }
func (e *notRegular) Is(err error) bool { return err == ErrNotRegular }

// NotRegularKind is the kind of file found where err, an error wrapping ErrNotRegular, found no
// regular file ("a named pipe", "a symbolic link to a directory"), or "" for any other error: a
// command words it in the user's language.
func NotRegularKind(err error) string {
	var e *notRegular
	if errors.As(err, &e) {
		return e.kind
	}
	return ""
}

// kind names a file type for a message.
func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "an irregular file"
}

// checkRegular returns nil for a regular file's mode, else a *fs.PathError wrapping ErrNotRegular.
// link is set when the mode is a symbolic link's target.
func checkRegular(path string, m fs.FileMode, link bool) error {
	if m.IsRegular() {
		return nil
	}
	k := kind(m)
	if link {
		k = "a symbolic link to " + k
	}
	return &fs.PathError{Op: "open", Path: path, Err: &notRegular{kind: k}}
}

// StatRegular stats path, following a symbolic link, and returns an error wrapping ErrNotRegular when
// it is not a regular file. It opens nothing.
func StatRegular(path string) (fs.FileInfo, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	link := fi.Mode()&fs.ModeSymlink != 0
	if link {
		if fi, err = os.Stat(path); err != nil {
			return nil, err
		}
	}
	if err := checkRegular(path, fi.Mode(), link); err != nil {
		return nil, err
	}
	return fi, nil
}

// RegularEntry reports whether a directory entry met in a walk is worth opening: a regular file, or a
// symbolic link to one. For anything else it returns an error wrapping ErrNotRegular, which a walk
// turns into a warning. A broken link is not refused here: reading it reports why it cannot be read.
func RegularEntry(path string, d fs.DirEntry) error {
	t := d.Type()
	switch {
	case t.IsRegular():
		return nil
	case t&fs.ModeSymlink != 0:
		fi, err := os.Stat(path)
		if err != nil {
			return nil
		}
		return checkRegular(path, fi.Mode(), true)
	}
	return checkRegular(path, t, false)
}

// OpenRegular opens a regular file (or a symbolic link to one) for reading, with its stat. Anything
// else is refused without being opened; a file swapped for a named pipe between the check and the
// open is opened without waiting (on Unix) and refused then.
func OpenRegular(path string) (*os.File, fs.FileInfo, error) {
	if _, err := StatRegular(path); err != nil {
		return nil, nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openNonblock, 0)
	if err != nil {
		return nil, nil, err
	}
	fi, err := f.Stat()
	if err == nil {
		err = checkRegular(path, fi.Mode(), false)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, fi, nil
}

// ReadRegular reads a whole regular file, as os.ReadFile does, refusing anything else unopened (see
// OpenRegular).
func ReadRegular(path string) ([]byte, error) {
	f, fi, err := OpenRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadAll(f, fi.Size())
}

// ReadAll reads f to the end into one buffer sized from its stat (plus room to see the end), as
// os.ReadFile does.
func ReadAll(f *os.File, size int64) ([]byte, error) {
	data := make([]byte, 0, int(size)+512)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			return data, err
		}
		if len(data) >= cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}
