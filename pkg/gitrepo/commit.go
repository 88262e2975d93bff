package gitrepo

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/pm-tools/pm/pkg/fsutil"
	"github.com/pm-tools/pm/pkg/gitrepo/internal/gitindex"
)

// change is one path of a CommitOnly: its new content, or its removal.
type change struct {
	path   string
	remove bool
	hash   plumbing.Hash
	mode   filemode.FileMode
	entry  *gitindex.Entry // new index entry (of the real index); nil when removed
}

// cleanPaths validates, de-duplicates and sorts paths.
func cleanPaths(paths []string) ([]string, error) {
	if len(paths) == 0 {
		return nil, fmt.Errorf("no paths to commit: %w", ErrBadPath)
	}
	seen := make(map[string]bool, len(paths))
	var out []string
	for _, p := range paths {
		c, err := cleanPath(p)
		if err != nil {
			return nil, err
		}
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	sort.Strings(out)
	for i := 1; i < len(out); i++ {
		if strings.HasPrefix(out[i], out[i-1]+"/") {
			return nil, fmt.Errorf("paths %s and %s overlap; %s cannot be both a file and a directory: %w", out[i-1], out[i], out[i-1], ErrBadPath)
		}
	}
	return out, nil
}

// cleanupMessage cleans a commit message given on the command line as git does: in every mode but
// verbatim, trailing white space goes from each line, leading and trailing blank lines go and runs of
// blank lines become one; in strip mode, lines starting with the comment character go first. The
// result ends with one newline, or is empty.
func cleanupMessage(m string, c msgCleanup) string {
	if c.mode == cleanupVerbatim {
		if m != "" && !strings.HasSuffix(m, "\n") {
			m += "\n"
		}
		return m
	}
	var lines []string
	blank := false
	for _, l := range strings.Split(m, "\n") {
		if c.mode == cleanupStrip && c.comment != "" && strings.HasPrefix(l, c.comment) {
			continue
		}
		l = strings.TrimRight(l, " \t\r") // git's white space: no \v or \f
		if l == "" {
			blank = len(lines) > 0
			continue
		}
		if blank {
			lines = append(lines, "")
			blank = false
		}
		lines = append(lines, l)
	}
	if len(lines) == 0 {
		return ""
	}
	return strings.Join(lines, "\n") + "\n"
}

// checkSignature validates a Signature for a commit header.
func checkSignature(role string, s Signature) (Signature, error) {
	name, email := sanitizeIdent(s.Name), sanitizeIdent(s.Email)
	if name == "" || email == "" {
		return Signature{}, fmt.Errorf("%s name or email is empty; resolve it with Repo.Identity: %w", role, ErrNoIdentity)
	}
	if s.When.IsZero() || s.When.Unix() < 0 {
		return Signature{}, fmt.Errorf("%s date is not set; resolve it with Repo.Identity: %w", role, ErrNoIdentity)
	}
	return Signature{Name: name, Email: email, When: s.When}, nil
}

// currentBranch returns the branch HEAD points to, which may be unborn.
func (r *Repo) currentBranch() (plumbing.ReferenceName, error) {
	if target, ok := readSymref(r.refPath("HEAD")); ok {
		// read as git reads it ("ref:" with or without a space after it)
		if !strings.HasPrefix(target, "refs/heads/") {
			return "", fmt.Errorf("HEAD points at %s, not a branch; switch to a branch with `git switch <branch>`: %w",
				target, ErrDetachedHead)
		}
		if next, nested := readSymref(r.refPath(target)); nested {
			return "", unsupportedf("HEAD points at %s, which is itself a symbolic ref to %s: pm commits only to the branch "+
				"HEAD names directly; run `git symbolic-ref HEAD %s` and retry", target, next, next)
		}
		return plumbing.ReferenceName(target), nil
	}
	head, err := r.st.Reference(plumbing.HEAD)
	if err != nil {
		return "", fmt.Errorf("read HEAD in %s: %w", r.gitDir, err)
	}
	if head.Type() != plumbing.SymbolicReference {
		return "", fmt.Errorf("%w at %s; switch to a branch with `git switch <branch>` and retry",
			ErrDetachedHead, head.Hash().String()[:7])
	}
	if !strings.HasPrefix(head.Target().String(), "refs/heads/") {
		return "", fmt.Errorf("HEAD points at %s, not a branch; switch to a branch with `git switch <branch>`: %w",
			head.Target(), ErrDetachedHead)
	}
	return head.Target(), nil
}

// checkInProgress refuses while git is in the middle of another operation, as
// git does for a partial commit.
func (r *Repo) checkInProgress() error {
	ops := []struct{ file, what, finish string }{
		{"MERGE_HEAD", "a merge", "finish it with `git commit` or abort it with `git merge --abort`"},
		{"CHERRY_PICK_HEAD", "a cherry-pick", "finish it with `git cherry-pick --continue` or abort it with `git cherry-pick --abort`"},
		{"REVERT_HEAD", "a revert", "finish it with `git revert --continue` or abort it with `git revert --abort`"},
		{"rebase-merge", "a rebase", "finish it with `git rebase --continue` or abort it with `git rebase --abort`"},
		{"rebase-apply", "a rebase or `git am`", "finish or abort it (`git rebase --abort` / `git am --abort`)"},
	}
	for _, op := range ops {
		if exists(filepath.Join(r.gitDir, op.file)) {
			return Sentinelf(ErrInProgress, "%s is in progress (%s exists); %s, then retry",
				op.what, filepath.Join(r.gitDir, op.file), op.finish)
		}
	}
	return nil
}

// checkIndexConflict refuses a file whose path is a directory of staged files; prefix is where the
// user stands, for the command the message suggests.
func (r *Repo) checkIndexConflict(idx *index, p, prefix string) error {
	if idx.HasEntriesUnder(p) {
		return fmt.Errorf("%s is a file in the work tree but a directory in the index; "+
			"unstage the files under it with `git rm -r --cached %s` first: %w", p, fromPrefix(prefix, p), ErrBadPath)
	}
	return nil
}

// readWorkFile reads a regular file or a symlink's target, with the stat taken
// from the opened file so the index describes exactly the bytes read.
func readWorkFile(name string) ([]byte, os.FileInfo, error) {
	fi, err := os.Lstat(name)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil, err
		}
		return nil, nil, fmt.Errorf("stat %s: %w", name, err)
	}
	switch {
	case fi.Mode()&os.ModeSymlink != 0:
		target, err := os.Readlink(name)
		if err != nil {
			return nil, nil, fmt.Errorf("read link %s: %w", name, err)
		}
		return []byte(filepath.ToSlash(target)), fi, nil
	case fi.IsDir():
		return nil, nil, fmt.Errorf("%s is a directory; name the files in it: %w", name, ErrBadPath)
	case !fi.Mode().IsRegular():
		return nil, nil, fmt.Errorf("%s is not a regular file: %w", name, ErrBadPath)
	}
	f, fi, err := openRegular(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", name, err)
	}
	return data, fi, nil
}

// openRegular opens a regular file (or a link to one) without ever opening anything else, as
// fsutil.OpenRegular does; a file that is not regular is ErrBadPath here.
func openRegular(name string) (*os.File, os.FileInfo, error) {
	f, fi, err := fsutil.OpenRegular(name)
	if errors.Is(err, fsutil.ErrNotRegular) {
		return nil, nil, fmt.Errorf("%s is not a regular file: %w", name, ErrBadPath)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path == name {
		return nil, nil, err // "open name: why" already: the path is said once
	}
	if err != nil {
		return nil, nil, fmt.Errorf("open %s: %w", name, err)
	}
	return f, fi, nil
}

// writeBlob stores data as a blob unless the object already exists.
func (r *Repo) writeBlob(data []byte) (plumbing.Hash, error) {
	h := plumbing.ComputeHash(plumbing.BlobObject, data)
	if r.st.HasEncodedObject(h) == nil {
		return h, nil
	}
	return r.writeObject(plumbing.BlobObject, data)
}

// editTree returns the hash of tree (zero: empty) with changes applied; dir is
// the tree's path ("" for the root) and every change lies below it. Only the
// trees along the changed paths are rewritten. An empty subtree is dropped: it
// returns the zero hash.
func (r *Repo) editTree(tree plumbing.Hash, dir string, changes []change) (plumbing.Hash, error) {
	var entries []treeItem
	if !tree.IsZero() {
		t, err := r.readTree(tree)
		if err != nil {
			return plumbing.ZeroHash, fmt.Errorf("read tree %s of %q: %w", tree, dir, err)
		}
		entries = t
	}
	find := func(name string) int {
		for i := range entries {
			if entries[i].Name == name {
				return i
			}
		}
		return -1
	}
	remove := func(i int) { entries = append(entries[:i], entries[i+1:]...) }
	prefix := ""
	if dir != "" {
		prefix = dir + "/"
	}
	// Changes arrive sorted by path, so those below one subdirectory are adjacent.
	for i := 0; i < len(changes); {
		rest := strings.TrimPrefix(changes[i].path, prefix)
		name, _, nested := strings.Cut(rest, "/")
		if !nested {
			c := changes[i]
			i++
			at := find(name)
			if at >= 0 && entries[at].Mode == filemode.Dir {
				if c.remove {
					continue // nothing tracked as a file there
				}
				return plumbing.ZeroHash, fmt.Errorf("%s is a file in the work tree but a directory in HEAD; commit its removal with git first: %w", c.path, ErrBadPath)
			}
			if at >= 0 {
				remove(at)
			}
			if !c.remove {
				entries = append(entries, treeItem{Name: name, Mode: c.mode, Hash: c.hash})
			}
			continue
		}
		j := i
		for j < len(changes) && strings.HasPrefix(changes[j].path, prefix+name+"/") {
			j++
		}
		var sub plumbing.Hash
		at := find(name)
		if at >= 0 {
			if entries[at].Mode == filemode.Dir {
				sub = entries[at].Hash
			}
			remove(at) // a file in the way of a new directory goes
		}
		newSub, err := r.editTree(sub, prefix+name, changes[i:j])
		if err != nil {
			return plumbing.ZeroHash, err
		}
		if !newSub.IsZero() {
			entries = append(entries, treeItem{Name: name, Mode: filemode.Dir, Hash: newSub})
		}
		i = j
	}
	if len(entries) == 0 && dir != "" {
		return plumbing.ZeroHash, nil
	}
	sort.Slice(entries, func(i, j int) bool { return treeLess(entries[i], entries[j]) })
	data, err := encodeTree(entries)
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("encode %s: %w", treeName(dir), err)
	}
	h, err := r.writeObject(plumbing.TreeObject, data)
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("write %s: %w", treeName(dir), err)
	}
	return h, nil
}

// treeName names the tree of folder dir in an error: the root's is "the root tree" (it was
// `tree ""`), another's `tree "postmortems"`.
func treeName(dir string) string {
	if dir == "" {
		return "the root tree"
	}
	return fmt.Sprintf("tree %q", dir)
}

func parentDir(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}
