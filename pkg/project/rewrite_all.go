package project

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/pm-tools/pm/pkg/fsutil"
)

// Commits is the result of writing several files in one commit.
type Commits struct {
	Paths []string // the files written, absolute, in the order given
	Hash  string   // "" when not committed
	// Edits holds, by absolute path, the user's uncommitted edits to a file that were committed
	// with pm's change; files without any are absent.
	Edits map[string]*Edits
}

// RewriteAll is Rewrite for several files at once: each must still hold its c.Old, and, when
// w.Commit is set, they are committed together under w.Message(""). Every file is checked before
// any is written, so that a file that changed on disk leaves them all as they were; a failed write
// or commit puts back those already written (those that still hold what pm wrote).
func (p *Project) RewriteAll(changes []Change, w Write) (Commits, error) {
	var x *tx
	if w.Commit {
		var err error
		if x, err = p.begin("pass --no-commit to only change the files"); err != nil {
			return Commits{}, err
		}
		defer x.t.Abort()
	}
	type file struct {
		Change
		rel  string
		perm os.FileMode
	}
	var files []file
	res := Commits{Edits: map[string]*Edits{}}
	var bodyLines []string
	for _, c := range changes {
		if err := p.checkInside(c.Path); err != nil {
			return Commits{}, err
		}
		f := file{Change: c, perm: 0o644}
		if x != nil {
			var err error
			if f.rel, err = x.check(c.Path); err != nil {
				return Commits{}, err
			}
		}
		if len(c.Old) > MaxFileSize || len(c.Data) > MaxFileSize {
			return Commits{}, fmt.Errorf("%s is larger than %d MB, far larger than any postmortem; pm does not rewrite it", c.Path, MaxFileSize>>20)
		}
		fi, err := os.Lstat(c.Path)
		if err == nil && fi.Mode()&os.ModeSymlink != 0 {
			return Commits{}, fmt.Errorf("%s is a symbolic link; pm edits regular files only", c.Path)
		}
		cur, err := fsutil.ReadRegular(c.Path)
		if err != nil {
			return Commits{}, fmt.Errorf("read %s: %w", c.Path, err)
		}
		if !bytes.Equal(cur, c.Old) {
			return Commits{}, fmt.Errorf("%s %w; nothing written, run the command again", c.Path, ErrChanged)
		}
		if fi, err := os.Stat(c.Path); err == nil {
			f.perm = fi.Mode().Perm()
		}
		if x != nil {
			e, err := x.edits(f.rel, c.Old)
			if err != nil {
				return Commits{}, err
			}
			if e != nil {
				res.Edits[c.Path] = e
				bodyLines = append(bodyLines, f.rel+": "+e.BodyLine())
			}
		}
		files = append(files, f)
	}
	var written []file
	undo := func() string {
		var said []string
		for _, f := range written {
			said = append(said, restore(f.Path, f.Data, f.Old, f.perm))
		}
		return strings.Join(said, "; ")
	}
	for _, f := range files {
		if err := fsutil.WriteFile(f.Path, f.Data, f.perm); err != nil {
			if len(written) > 0 {
				return Commits{}, fmt.Errorf("%w; %s", err, undo())
			}
			return Commits{}, err
		}
		written = append(written, f)
		res.Paths = append(res.Paths, f.Path)
	}
	if x == nil || len(files) == 0 {
		return res, nil
	}
	msg := w.Message("")
	if len(bodyLines) > 0 {
		msg = strings.TrimRight(msg, "\n") + "\n\n" + strings.Join(bodyLines, "\n") + "\n"
	}
	rels := make([]string, len(files))
	expect := map[string][]byte{}
	for i, f := range files {
		rels[i] = f.rel
		expect[f.rel] = f.Data
	}
	hash, err := x.commit(rels, msg, w.NoVerify, expect)
	if err != nil && hash == "" {
		return Commits{}, fmt.Errorf("%w; %s", err, undo())
	}
	res.Hash = hash
	return res, err
}
