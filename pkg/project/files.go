package project

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pm-tools/pm/pkg/fsutil"
	"github.com/pm-tools/pm/pkg/gitrepo"
)

// IsPostmortemName reports whether a file name is a postmortem's: Markdown, ".md" in any case.
func IsPostmortemName(name string) bool { return strings.HasSuffix(strings.ToLower(name), ".md") }

// SkipFolder reports whether a folder met inside a postmortem folder holds no postmortems: a dot
// folder (.git, .github, an editor's) or node_modules (a docs toolchain's packages, full of README.md).
func SkipFolder(name string) bool { return strings.HasPrefix(name, ".") || name == "node_modules" }

// IsPostmortemPath reports whether a slash-separated path below a walked folder names a postmortem:
// the one answer of pm lint's folder walk, pm list's scan and the git-driven commands (pm review, pm
// lint --staged and --changed-since), so that every command sees the same set of files.
func IsPostmortemPath(rel string) bool {
	parts := strings.Split(rel, "/")
	for _, dir := range parts[:len(parts)-1] {
		if SkipFolder(dir) {
			return false
		}
	}
	return IsPostmortemName(parts[len(parts)-1])
}

// Walk lists the postmortems under root, sorted: files IsPostmortemName accepts, in folders SkipFolder
// does not skip (root itself is walked whatever its name) and that are not another repository (a
// submodule, or a folder whose .git is a repository: gitrepo.IsNestedRepository). A name that is not a regular file (a named
// pipe, a device, a socket, a link to one) is passed to skipped and left out: opening a named pipe
// would block pm. When within is not "", a file whose real location (links followed) is outside the
// folder within is passed to skipped with ErrOutside and left out, so that a link in a pull request
// cannot make pm print a file the repository does not hold; a root that is itself outside is
// skipped whole, in one warning.
func Walk(root, within string, skipped func(path string, err error)) ([]string, error) {
	var fence *Fence
	if within != "" {
		f, err := NewFence(within)
		if err != nil {
			return nil, err
		}
		fence = f
		if err := fence.Check(root); err != nil {
			skipped(root, err)
			return nil, nil
		}
	}
	var out []string
	// A root that is a link to a folder (inside, past the fence) is read as its target, as a linked
	// file is: WalkDir would visit the link alone and list nothing, and a linked postmortem folder
	// linted as 0 files, passing the check. Walked with a trailing separator, the link is followed and
	// the paths keep the link's name.
	walkRoot := root
	if fi, err := os.Lstat(root); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		walkRoot = root + string(filepath.Separator)
	}
	err := filepath.WalkDir(walkRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != walkRoot && path != root && SkipFolder(d.Name()) {
				return filepath.SkipDir
			}
			// a submodule or a repository of its own inside the folder: its files are not this
			// repository's (git does not enter it, and pm refuses to commit there); an empty .git
			// folder or a stray .git file makes no repository, to git or to pm
			if path != walkRoot && path != root && gitrepo.IsNestedRepository(path) {
				return filepath.SkipDir
			}
			return nil
		}
		if !IsPostmortemName(d.Name()) {
			return nil
		}
		if err := fsutil.RegularEntry(path, d); err != nil {
			skipped(path, err)
			return nil
		}
		// WalkDir does not follow links to folders: below an inside root, only a link can lead out.
		if fence != nil && d.Type()&fs.ModeSymlink != 0 {
			if err := fence.Check(path); err != nil {
				skipped(path, err)
				return nil
			}
		}
		out = append(out, path)
		return nil
	})
	sort.Strings(out)
	return out, err
}

// ErrOutsideRead is why a postmortem path is not read: its real location is outside the repository.
var ErrOutsideRead error = outsideRead{}

// outsideRead is ErrOutsideRead: ErrOutside, and what pm does about it. A value of its own rather
// than fmt.Errorf's, which would run in package init.
type outsideRead struct{}

func (outsideRead) Error() string { return ErrOutside.Error() + "; pm does not read it" }
func (outsideRead) Unwrap() error { return ErrOutside }

// Fence is a folder pm reads within: the repository, or a folder the user named outside one.
type Fence struct {
	dir, real string
}

// NewFence resolves the links of dir once.
func NewFence(dir string) (*Fence, error) {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, fmt.Errorf("resolve %s: %w", dir, err)
	}
	return &Fence{dir: filepath.Clean(dir), real: real}, nil
}

// Holds reports whether path lies in the fence as written, links not followed: a path the user
// named outside it is theirs to read.
func (f *Fence) Holds(path string) bool { return inFolder(f.dir, filepath.Clean(path)) }

// Check returns ErrOutsideRead when the real location of path (links followed) is outside the
// fence. A symbolic link that leads nowhere (its target missing, or a loop) is judged by where it
// points, read as written: outside, ErrOutsideRead too, so that pm says the same of a link out of the
// repository whether its target exists on this machine or not. Any other path that does not resolve
// (a link inside that leads nowhere) is left for the read to report.
func (f *Fence) Check(path string) error {
	real, err := filepath.EvalSymlinks(path)
	if err == nil {
		if inFolder(f.real, real) {
			return nil
		}
		return ErrOutsideRead
	}
	target, lerr := os.Readlink(path)
	if lerr != nil {
		return nil
	}
	if !filepath.IsAbs(target) {
		target = filepath.Join(filepath.Dir(path), target)
	}
	if target = filepath.Clean(target); !inFolder(f.dir, target) && !inFolder(f.real, target) {
		return ErrOutsideRead
	}
	return nil
}

func inFolder(dir, path string) bool {
	return path == dir || strings.HasPrefix(path, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}
