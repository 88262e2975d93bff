package project

import (
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pm-tools/pm/pkg/fsutil"
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
// does not skip (root itself is walked whatever its name). A name that is not a regular file (a named
// pipe, a device, a socket, a link to one) is passed to skipped and left out: opening a named pipe
// would block pm.
func Walk(root string, skipped func(path string, err error)) ([]string, error) {
	var out []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != root && SkipFolder(d.Name()) {
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
		out = append(out, path)
		return nil
	})
	sort.Strings(out)
	return out, err
}
