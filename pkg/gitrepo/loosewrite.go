package gitrepo

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/pm-tools/pm/pkg/internal/interrupt"
)

// writeLoose writes object h, of type typ and content data, as git writes a loose object
// (write_loose_object): deflated into a temporary file in the object's own folder
// (objects/xx/tmp_obj_…), read-only from its making (0444 less the umask), then renamed to the
// object's name. go-git's
// writer put its temporary file in objects/pack, where a signal or a full disk left it, and renamed
// it into objects/xx, which a concurrent git gc or prune may have removed, empty, meanwhile. Here the
// temporary file is made with its removal on a signal in one step (interrupt.Do) and removed when
// the write fails; the folder is made again when it went away before the file was made in it, and a
// file in it keeps it from going away after. An object already there is not written again.
func (r *Repo) writeLoose(typ plumbing.ObjectType, h plumbing.Hash, data []byte) error {
	hex := h.String()
	dir := filepath.Join(r.layout.ObjectDir, hex[:2])
	file := filepath.Join(dir, hex[2:])
	if exists(file) {
		return nil
	}
	var z bytes.Buffer
	// git's core.looseCompression default
	zw, err := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	if err != nil {
		return err
	}
	zw.Write([]byte(typ.String() + " " + strconv.Itoa(len(data)) + "\x00"))
	zw.Write(data)
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write object %s: %w", hex, err)
	}
	var tmp *os.File
	release, err := interrupt.Do(func() error {
		var err error
		tmp, err = createObjectTemp(dir)
		return err
	}, func() {
		tmp.Close()
		removeReadOnly(tmp.Name())
	})
	if err != nil {
		return err
	}
	defer release()
	fail := func(err error) error {
		tmp.Close()
		removeReadOnly(tmp.Name())
		return fmt.Errorf("write object %s: %w", file, err)
	}
	if _, err := tmp.Write(z.Bytes()); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return fail(err)
	}
	if err := os.Rename(tmp.Name(), file); err != nil {
		if exists(file) { // written meanwhile by another process: the same bytes
			removeReadOnly(tmp.Name())
			return nil
		}
		return fail(err)
	}
	// its folder and file as git would make them in a shared repository
	return r.share(dir, file)
}

// createObjectTemp creates a read-only temporary file (written through the descriptor it returns) in
// the loose objects' folder dir, making the folder as git makes it (mode 0777 less the umask). git gc
// or git prune removes a folder it empties: one that goes between its making and the file's is made
// again, as git's create_tmpfile does.
func createObjectTemp(dir string) (*os.File, error) {
	for attempt := 0; ; attempt++ {
		if err := os.Mkdir(dir, 0o777); err != nil && !errors.Is(err, os.ErrExist) {
			return nil, fmt.Errorf("create %s: %w", dir, err)
		}
		name := filepath.Join(dir, "tmp_obj_"+strconv.FormatUint(rand.Uint64(), 36))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o444)
		if err == nil {
			return f, nil
		}
		if errors.Is(err, os.ErrExist) || errors.Is(err, os.ErrNotExist) && attempt < 3 {
			continue // a name taken (astronomically rare), or the folder gone
		}
		return nil, fmt.Errorf("create a temporary object in %s: %w", dir, err)
	}
}

// removeReadOnly removes a read-only file, which Windows refuses to remove as it is.
func removeReadOnly(name string) {
	if os.Remove(name) != nil {
		os.Chmod(name, 0o600)
		os.Remove(name)
	}
}
