package project

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pm-tools/pm/pkg/i18n"
)

// ErrOutside is returned when a path pm would write resolves, through a symbolic link, to a place
// outside the repository (or the work dir when there is none).
var ErrOutside = errors.New("resolves outside the repository")

// checkInside refuses to write path when it, or the nearest existing folder above it, is reached
// through a symbolic link that leaves the project root: pm never writes outside the repository.
func (p *Project) checkInside(path string) error {
	fence, err := NewFence(p.Root)
	if err != nil {
		return err
	}
	probe := path
	for {
		if _, err := os.Lstat(probe); err == nil {
			break
		}
		parent := filepath.Dir(probe)
		if parent == probe {
			return nil
		}
		probe = parent
	}
	real, err := filepath.EvalSymlinks(probe)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if !inFolder(fence.real, real) {
		if abs, err := filepath.Abs(path); err == nil && !inFolder(filepath.Clean(p.Root), abs) && !inFolder(fence.real, abs) {
			// named outside, not reached through a link: say so, as git does of such a path
			return &outsideError{&i18n.Error{Msg: i18n.M("err.outside-named", path, p.Root)}}
		}
		return fmt.Errorf("%s %w (%s); pm does not write through such links", path, ErrOutside, real)
	}
	return nil
}

// outsideError is ErrOutside for a path named outside the repository, in words that say so, in the
// user's language too (not those of a link leading out, which ErrOutside's catalogue entry are).
type outsideError struct{ msg *i18n.Error }

func (e *outsideError) Error() string        { return e.msg.Error() }
func (e *outsideError) Is(target error) bool { return target == ErrOutside }
func (e *outsideError) Unwrap() error        { return e.msg }
