package fsutil

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"syscall"

	"github.com/pm-tools/pm/pkg/internal/interrupt"
)

// ErrIsFolder reports an output path that is a folder, or a symbolic link to one.
var ErrIsFolder = errors.New("is a folder")

// maxLinks is how many symbolic links PrepareOutput follows before it gives up, as Linux does.
const maxLinks = 40

// FolderError reports an output file whose folder is missing or is not a folder, or an output folder
// that is not one. Dir is the folder as the user would name it; Err is the system's reason.
type FolderError struct {
	Dir string
	Err error
}

func (e *FolderError) Error() string {
	switch {
	case errors.Is(e.Err, fs.ErrNotExist):
		return "folder " + e.Dir + " does not exist"
	case errors.Is(e.Err, syscall.ENOTDIR):
		return e.Dir + " is not a folder"
	}
	return "folder " + e.Dir + ": " + e.Err.Error()
}

func (e *FolderError) Unwrap() error { return e.Err }

// Output is a file named by the user (pm meeting --ics, pm message --output) that pm is about to
// write, opened or created by PrepareOutput before pm changes anything else, so that a path pm
// cannot write stops the command before it commits. It is written the way a shell redirection
// writes, except that a regular file is replaced atomically.
type Output struct {
	name   string         // the path as the user gave it, for messages
	target string         // path with every symbolic link followed
	tmp    *os.File       // a regular or missing target: the file renamed over it
	w      io.WriteCloser // a device, named pipe or socket: opened in place
	// truncate is set for a regular file written in place (see openInPlace): Write empties it first.
	truncate bool
	done     bool
	release  func() // of the temporary file's removal on a signal (interrupt.OnSignal)
}

// PrepareOutput gets path ready to be written, naming it name (the user's spelling) in errors:
//   - a symbolic link is followed, to any depth; a dangling one leads to the file it names;
//   - a regular file, or a missing one, gets a temporary file beside it (which proves the folder
//     writable), renamed over it by Write with the old file's permission bits and owner; a missing
//     folder is an error naming it, and so is a file that may not be opened for writing (read-only
//     to this user), which > refuses too;
//   - a device or a named pipe is opened for writing in place (a named pipe waits for a reader, as
//     `> fifo` does), and a Unix socket is connected to;
//   - a folder is an error wrapping ErrIsFolder;
//   - a link the system follows to a file its text does not name (/dev/stdout, /proc/self/fd/N) is
//     written through, in place, as > writes it.
//
// The caller calls Write once, or Abort to leave everything as it was.
func PrepareOutput(path, name string) (*Output, error) {
	target, fi, err := resolveOutput(path, name, false)
	if kfi, kerr := os.Stat(path); kerr == nil && (err != nil || fi == nil || !os.SameFile(fi, kfi)) {
		// The system reaches a file the links' text does not lead to: a link of /proc such as
		// /dev/stdout, whose /proc/self/fd/1 reads "pipe:[…]". Only the system's own path reaches
		// it, so it is written through that path, in place, as > writes it.
		return openInPlace(path, name, kfi)
	}
	if err != nil {
		return nil, err
	}
	o := &Output{name: name, target: target}
	if fi != nil && fi.Mode().IsRegular() {
		// > opens the file for writing, and stops where it may not (a file made read-only to keep
		// it): pm, which replaces it by a rename its folder allows, asks the same first
		f, err := os.OpenFile(target, os.O_WRONLY, 0)
		if err != nil {
			return nil, writeError(name, err)
		}
		f.Close()
	}
	if fi == nil || fi.Mode().IsRegular() {
		// made and its removal on a signal registered in one step (interrupt.Do): held while pm
		// commits (pm meeting opens its invitation first), it goes as the index lock goes
		var tmp *os.File
		release, err := interrupt.Do(func() error {
			var err error
			tmp, err = createTemp(filepath.Dir(target))
			return err
		}, func() { os.Remove(tmp.Name()) })
		if err != nil {
			return nil, writeError(name, err)
		}
		o.release = release
		if fi != nil {
			keepOwner(tmp, fi)
			if err := tmp.Chmod(fi.Mode().Perm()); err != nil {
				tmp.Close()
				os.Remove(tmp.Name())
				release()
				return nil, writeError(name, err)
			}
		}
		o.tmp = tmp
		return o, nil
	}
	return openInPlace(target, name, fi)
}

// openInPlace opens path, a file of the kind fi says that is written where it is: a device or named
// pipe is opened for writing, a socket connected to. A regular file (reached only through a link of
// /proc) is opened too, and emptied by Write, as > would empty it.
func openInPlace(path, name string, fi fs.FileInfo) (*Output, error) {
	o := &Output{name: name, target: path}
	m := fi.Mode()
	switch {
	case m.IsDir():
		return nil, fmt.Errorf("write %s: %w", name, ErrIsFolder)
	case m&fs.ModeSocket != 0:
		conn, err := net.Dial("unix", path)
		if err != nil {
			// A datagram socket refuses a stream connection; a refusal of both is the first one's.
			c, gerr := net.Dial("unixgram", path)
			if gerr != nil {
				return nil, fmt.Errorf("write %s: cannot connect to the socket: %w", name, systemReason(err))
			}
			conn = c
		}
		o.w = conn
	case m.IsRegular() || m&(fs.ModeNamedPipe|fs.ModeDevice|fs.ModeCharDevice) != 0:
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return nil, writeError(name, err)
		}
		o.w, o.truncate = f, m.IsRegular()
	default:
		return nil, fmt.Errorf("write %s: %s, which pm cannot write", name, kind(m))
	}
	return o, nil
}

// Write writes data to the output and closes it: in place for a device, named pipe or socket; for a
// regular file, into the temporary file, then renamed over the target. On failure a regular file is
// left as it was.
func (o *Output) Write(data []byte) error {
	if o.done {
		return fmt.Errorf("write %s: already written or abandoned", o.name)
	}
	o.done = true
	if o.w != nil {
		var err error
		if f, ok := o.w.(*os.File); ok && o.truncate {
			err = f.Truncate(0)
		}
		if err == nil {
			_, err = o.w.Write(data)
		}
		if cerr := o.w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return writeError(o.name, systemReason(err))
		}
		return nil
	}
	defer o.release()
	_, err := o.tmp.Write(data)
	if err == nil {
		err = o.tmp.Sync()
	}
	if cerr := o.tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(o.tmp.Name(), o.target)
	}
	if err != nil {
		os.Remove(o.tmp.Name())
		return writeError(o.name, err)
	}
	return nil
}

// Abort gives the output up unwritten: the temporary file is removed, a device or named pipe is
// closed. After Write it does nothing, so a caller can defer it.
func (o *Output) Abort() {
	if o == nil || o.done {
		return
	}
	o.done = true
	if o.w != nil {
		o.w.Close()
		return
	}
	o.tmp.Close()
	os.Remove(o.tmp.Name())
	o.release()
}

// OutputFolder returns the folder path names (name is the user's spelling, for errors) for pm to
// write files into, creating it and its parents when missing. A symbolic link is followed (a
// dangling one gets its target created); anything but a folder is a *FolderError.
func OutputFolder(path, name string) (string, error) {
	fi, err := os.Stat(path)
	switch {
	case err == nil && fi.IsDir():
		return path, nil
	case err == nil:
		return "", fmt.Errorf("create folder %s: %w", name, &FolderError{Dir: name, Err: syscall.ENOTDIR})
	case errors.Is(err, syscall.ENOTDIR):
		return "", fmt.Errorf("create folder %s: %w", name, &FolderError{Dir: fileInTheWay(path, name), Err: syscall.ENOTDIR})
	case !errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("create folder %s: %w", name, systemReason(err))
	}
	// Missing, or a dangling symbolic link: find where it leads and create that.
	trimmed := path
	for len(trimmed) > 1 && os.IsPathSeparator(trimmed[len(trimmed)-1]) {
		trimmed = trimmed[:len(trimmed)-1]
	}
	target, fi, err := resolveOutput(trimmed, name, true)
	if errors.Is(err, ErrIsFolder) { // ends in . or ..: nothing to follow
		target, fi, err = trimmed, nil, nil
	}
	if err != nil {
		return "", err
	}
	if fi == nil {
		if err := os.MkdirAll(target, 0o777); err != nil {
			return "", fmt.Errorf("create folder %s: %w", name, systemReason(err))
		}
		if fi, err = os.Stat(target); err != nil {
			return "", fmt.Errorf("create folder %s: %w", name, systemReason(err))
		}
	}
	if !fi.IsDir() {
		return "", fmt.Errorf("create folder %s: %w", name, &FolderError{Dir: name, Err: syscall.ENOTDIR})
	}
	return target, nil
}

// fileInTheWay names the closest folder above path (spelled name) that is not a folder, for a path
// the system finds "not a directory"; name itself when none is found.
func fileInTheWay(path, name string) string {
	p, n := path, name
	for {
		parent, nparent := filepath.Dir(p), filepath.Dir(n)
		if parent == p || nparent == n {
			return name
		}
		p, n = parent, nparent
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return n
		}
	}
}

// resolveOutput follows path's symbolic links to the file they lead to, and returns that path (in
// its folder's real path, so that a temporary file beside it is in the same folder) and its Lstat
// (nil when it does not exist). The folder holding the file must exist, unless mkdir, which
// creates it.
func resolveOutput(path, name string, mkdir bool) (string, fs.FileInfo, error) {
	shown := name // the path being resolved as the user would know it, for errors
	p := path
	for links := 0; ; links++ {
		dir, base := filepath.Split(p)
		if base == "" || base == "." || base == ".." {
			return "", nil, fmt.Errorf("write %s: %w", name, ErrIsFolder)
		}
		if dir == "" {
			dir = "."
		}
		real, err := filepath.EvalSymlinks(dir)
		if mkdir && errors.Is(err, fs.ErrNotExist) {
			if err := os.MkdirAll(dir, 0o777); err != nil {
				return "", nil, fmt.Errorf("create folder %s: %w", name, systemReason(err))
			}
			real, err = filepath.EvalSymlinks(dir)
		}
		if err != nil {
			return "", nil, folderError(name, filepath.Dir(shown), err)
		}
		p = filepath.Join(real, base)
		fi, err := os.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return p, nil, nil
		case err != nil:
			return "", nil, folderError(name, filepath.Dir(shown), err)
		case fi.Mode()&fs.ModeSymlink == 0:
			return p, fi, nil
		case links == maxLinks:
			return "", nil, fmt.Errorf("write %s: too many levels of symbolic links", name)
		}
		link, err := os.Readlink(p)
		if err != nil {
			return "", nil, writeError(name, err)
		}
		if filepath.IsAbs(link) {
			p = link
		} else {
			// Not filepath.Join: its cleaning would take "x/.." away even when x is a link.
			p = real + string(filepath.Separator) + link
		}
		shown = p
	}
}

// folderError words a failure to find an output file's folder dir: missing, or not a folder, or
// another reason (such as permission denied).
func folderError(name, dir string, err error) error {
	err = systemReason(err)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
		return fmt.Errorf("write %s: %w", name, &FolderError{Dir: dir, Err: err})
	}
	return fmt.Errorf("write %s: %w", name, err)
}

// systemReason is the operating system's reason inside err, without the paths and operations the
// standard library adds (they name pm's resolved or temporary paths, not the user's).
func systemReason(err error) error {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return errno
	}
	return err
}

// createTemp creates a new empty file in dir with a name no one else uses. Unlike os.CreateTemp it
// asks for mode 0666, which the umask then narrows, so that a new output file gets the mode a shell
// redirection would give it.
func createTemp(dir string) (*os.File, error) {
	for try := 0; ; try++ {
		name := filepath.Join(dir, ".pm-"+strconv.FormatUint(rand.Uint64(), 36)+".tmp")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if err == nil || !errors.Is(err, fs.ErrExist) || try == 100 {
			return f, err
		}
	}
}
