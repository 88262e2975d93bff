package project

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/pm-tools/pm/pkg/fsutil"
	"github.com/pm-tools/pm/pkg/internal/interrupt"
)

// afterWrite, set by tests only, runs after RewriteAll writes changes[i]: a signal it sends comes
// between two writes.
var afterWrite func(i int)

// RewriteAll is Rewrite for several existing files changed together (both sides of a relation):
// every file must still hold its c.Old before any is written, and, when w.Commit is set, all are
// committed in one commit under w.Message(""), while pm holds the index lock; the files of w.Read,
// which the changes were decided from, are checked with them. A file's uncommitted
// edits go into the commit, the message names the file and counts them. A failed write or commit
// puts back every file pm wrote (those that still hold pm's bytes). The commits returned, one per
// change in order, share the hash.
func (p *Project) RewriteAll(changes []Change, w Write) ([]Commit, error) {
	var x *tx
	if w.Commit {
		var err error
		if x, err = p.begin("pass --no-commit to only change the files"); err != nil {
			return nil, err
		}
		defer x.t.Abort()
	}
	rels := make([]string, len(changes))
	perms := make([]os.FileMode, len(changes))
	out := make([]Commit, len(changes))
	for i, c := range changes {
		if err := p.checkInside(c.Path); err != nil {
			return nil, err
		}
		if x != nil {
			rel, err := x.check(c.Path)
			if err != nil {
				return nil, err
			}
			rels[i] = rel
		}
		if len(c.Old) > MaxFileSize || len(c.Data) > MaxFileSize {
			return nil, tooLargeToRewrite(c.Path, len(c.Old), len(c.Data))
		}
		fi, err := os.Lstat(c.Path)
		if err == nil && fi.Mode()&os.ModeSymlink != 0 {
			return nil, fmt.Errorf("%s is a symbolic link; pm edits regular files only", c.Path)
		}
		cur, err := fsutil.ReadRegular(c.Path)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", c.Path, err)
		}
		if !bytes.Equal(cur, c.Old) {
			return nil, fmt.Errorf("%s %w; nothing written, run the command again", c.Path, ErrChanged)
		}
		perms[i] = 0o644
		if fi, err := os.Stat(c.Path); err == nil {
			perms[i] = fi.Mode().Perm()
		}
		if err := writable(c.Path, perms[i]); err != nil {
			return nil, err
		}
		out[i].Path = c.Path
	}
	for _, r := range w.Read {
		if err := p.checkInside(r.Path); err != nil {
			return nil, err
		}
		if cur, err := fsutil.ReadRegular(r.Path); err != nil || !bytes.Equal(cur, r.Data) {
			return nil, fmt.Errorf("%s %w; nothing written, run the command again", r.Path, ErrChanged)
		}
	}
	msg := ""
	if x != nil {
		msg = strings.TrimRight(w.Message(""), "\n")
		body := ""
		for i, c := range changes {
			edits, err := x.edits(rels[i], c.Old)
			if err != nil {
				return nil, err
			}
			if edits != nil {
				out[i].Edits = edits
				body += rels[i] + ": " + edits.BodyLine(rels[i]) + "\n"
			}
		}
		if body != "" {
			msg += "\n\n" + body
		}
	}
	kept := make([]string, len(changes)) // the files replaced, for restore
	written := 0                         // changes[:written] hold pm's bytes
	// undo puts back the files written, the last first; run as an interrupt.Step (or by a signal),
	// it is never run twice at once, and it runs once: written is 0 after it
	undo := func() string {
		var said []string
		for i := written - 1; i >= 0; i-- {
			said = append(said, restore(changes[i].Path, changes[i].Data, changes[i].Old, kept[i], perms[i]))
		}
		written = 0
		return strings.Join(said, "; ")
	}
	undoStep := func() (said string) {
		interrupt.Step(func() error { said = undo(); return nil })
		return said
	}
	discard := func() {
		for _, k := range kept {
			fsutil.Discard(k)
		}
	}
	// registered before the first write, each write recorded in the same step as it is made
	// (interrupt.Step): a signal puts back exactly what was written, and leaves no temporary file
	// (without a commit too: a relation is never left written on one side only)
	var release func()
	if x != nil {
		release = x.onSignal(func() { undo() }, discard)
	} else {
		release = interrupt.OnSignal(func() { undo() })
	}
	defer release()
	for i, c := range changes {
		if err := interrupt.Step(func() error {
			k, err := replace(c.Path, c.Old, c.Data, perms[i], x.keepDir())
			if err != nil {
				return err
			}
			kept[i], written = k, i+1
			return nil
		}); err != nil {
			if i == 0 {
				return nil, err
			}
			return nil, fmt.Errorf("%w; %s", err, undoStep())
		}
		if afterWrite != nil {
			afterWrite(i)
		}
	}
	if x == nil {
		release()
		discard()
		return out, nil
	}
	expect := make(map[string][]byte, len(changes))
	for i, c := range changes {
		expect[rels[i]] = c.Data
	}
	hash, err := x.commit(rels, msg, w.NoVerify, expect)
	if err != nil && hash == "" {
		return nil, fmt.Errorf("%w; %s", err, undoStep())
	}
	discard()
	for i := range out {
		out[i].Hash = hash
	}
	return out, err
}
