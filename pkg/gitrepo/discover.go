package gitrepo

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/pm-tools/pm/pkg/fsutil"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// pm finds a repository the way git's setup does, so that it commits to the repository `git commit`
// would use from the same directory with the same environment:
//
//   - GIT_DIR names the git directory (relative to the current directory; a .git file is followed);
//     then the work tree is GIT_WORK_TREE, else none when core.bare is true, else core.worktree
//     (relative to the git directory), else the current directory itself.
//   - Without GIT_DIR, each directory from the current one up is tried: its .git (a "gitdir: <path>"
//     file, or a git directory), then the directory itself as a bare repository. The search stops at
//     a GIT_CEILING_DIRECTORIES entry and, unless GIT_DISCOVERY_ACROSS_FILESYSTEM is true, at a file
//     system boundary. As in git, the walk follows the physical path of the current directory.
//   - A repository found this way gets GIT_WORK_TREE or core.worktree as its work tree when set,
//     and no work tree when core.bare is true.
//   - core.bare and core.worktree count only in a repository whose config sets
//     core.repositoryformatversion, and not in a linked worktree unless extensions.worktreeConfig
//     is set, where config.worktree may set them too.
//
// A repository found this way is refused when another user owns it and safe.directory does not
// name it, as git refuses it (see checkOwnership); a bare one, too, when safe.bareRepository is
// "explicit".

// Layout is a repository as git finds it from a directory and an environment.
type Layout struct {
	// GitDir is the work tree's git directory: HEAD, the index, config.worktree.
	GitDir string
	// CommonDir holds the refs and the repository's config: GitDir, except in a linked worktree or
	// with GIT_COMMON_DIR.
	CommonDir string
	// ObjectDir is where objects are read and written: $GIT_OBJECT_DIRECTORY, else
	// <CommonDir>/objects.
	ObjectDir string
	// WorkTree is the work tree's root; "" for a bare repository.
	WorkTree string

	gitDirAbs      string      // the git directory not resolved through symlinks: includeIf "gitdir:" tries it too
	cwd            string      // where git works after setup: WorkTree when the start directory is in it, else that directory
	worktreeConfig bool        // extensions.worktreeConfig: <GitDir>/config.worktree is read after the config
	check          formatCheck // the format version and extensions checkRepository judges
	exportsGitDir  bool        // git sets GIT_DIR for the commands it runs (see Env)
}

// Bare reports whether the layout has no work tree.
func (l Layout) Bare() bool { return l.WorkTree == "" }

// noEnv is the empty environment.
func noEnv(string) string { return "" }

// Discover finds the repository git would use when run in dir with env (see the rules above).
// A directory in no repository is ErrNotRepository; a bare repository is found, with no WorkTree.
func Discover(dir string, env Env) (Layout, error) {
	if env == nil {
		env = noEnv
	}
	cwd, err := filepath.Abs(dir)
	if err != nil {
		return Layout{}, fmt.Errorf("open repository %s: %w", dir, err)
	}
	fi, err := os.Stat(cwd)
	if err != nil {
		return Layout{}, fmt.Errorf("open repository: %w", err)
	}
	if !fi.IsDir() {
		cwd = filepath.Dir(cwd)
	}
	var l Layout
	if gd := env("GIT_DIR"); gd != "" {
		l, err = explicitLayout(gd, cwd, env, true, true)
	} else {
		l, err = discoverLayout(cwd, env)
	}
	if err != nil {
		return Layout{}, err
	}
	l.cwd = cwd
	if l.WorkTree != "" && (l.WorkTree == cwd || isWithin(realPath(cwd), realPath(l.WorkTree))) {
		l.cwd = l.WorkTree
	}
	l.ObjectDir = filepath.Join(l.CommonDir, "objects")
	if od := env("GIT_OBJECT_DIRECTORY"); od != "" {
		l.ObjectDir = absFrom(l.cwd, od)
	}
	return l, nil
}

// explicitLayout sets up the git directory given (GIT_DIR, or one discovery found that has another
// work tree), relative to cwd. implicitWorkTree is false for a bare repository found by discovery,
// which gets a work tree only when one is configured.
func explicitLayout(given, cwd string, env Env, fromEnv, implicitWorkTree bool) (Layout, error) {
	gitDir := absFrom(cwd, given)
	target, isFile, err := readGitFile(gitDir, env, cwd)
	if err != nil {
		return Layout{}, err
	}
	if isFile {
		gitDir = target
	}
	if !isGitDirectory(gitDir, env, cwd) {
		if fromEnv {
			return Layout{}, fmt.Errorf("GIT_DIR=%s is not a git repository; fix or unset GIT_DIR: %w", given, ErrNotRepository)
		}
		return Layout{}, fmt.Errorf("%s is not a git repository: %w", given, ErrNotRepository)
	}
	f, err := readFormat(gitDir, env, cwd)
	if err != nil {
		return Layout{}, err
	}
	l := Layout{GitDir: gitDir, CommonDir: f.commonDir, worktreeConfig: f.worktreeConfig, check: f.check, exportsGitDir: true}
	switch wt := env("GIT_WORK_TREE"); {
	case wt != "":
		l.WorkTree = absFrom(cwd, wt)
	case f.bare == 1:
		// No work tree (git also warns when core.worktree is set too).
	case f.worktree != "":
		if filepath.IsAbs(f.worktree) {
			l.WorkTree = filepath.Clean(f.worktree)
		} else {
			// git changes into the git directory, then into core.worktree.
			real, err := filepath.EvalSymlinks(filepath.Join(realPath(gitDir), f.worktree))
			if err != nil {
				return Layout{}, fmt.Errorf("core.worktree = %s in %s: %w", f.worktree, filepath.Join(f.commonDir, "config"), err)
			}
			l.WorkTree = real
		}
	case !implicitWorkTree || env("GIT_IMPLICIT_WORK_TREE") != "" && isFalse(env("GIT_IMPLICIT_WORK_TREE")):
		// A bare repository found by discovery.
	default:
		l.WorkTree = cwd
	}
	switch {
	case isFile:
		l.gitDirAbs = gitDir // git resolves a .git file's target
	case l.WorkTree != "" && isWithin(realPath(cwd), realPath(l.WorkTree)) && realPath(cwd) != realPath(l.WorkTree):
		// git resolves the git directory before it moves up to the top of the work tree.
		l.gitDirAbs = realPath(gitDir)
	default:
		l.gitDirAbs = gitDir
	}
	return l, nil
}

// discoverLayout looks for a repository at cwd and above.
func discoverLayout(cwd string, env Env) (Layout, error) {
	phys := realPath(cwd)
	var l Layout
	found := false
	boundary, err := searchUp(phys, env, func(d string) (bool, error) {
		dotGit := filepath.Join(d, ".git")
		target, isFile, err := readGitFile(dotGit, env, cwd)
		if err != nil {
			return false, err
		}
		switch {
		case isFile:
			if err := checkOwnership(dotGit, d, target, env); err != nil {
				return false, err
			}
			l, err = discovered(cwd, phys, d, target, true, env)
		case isDir(dotGit) && isGitDirectory(dotGit, env, cwd):
			if err := checkOwnership("", d, dotGit, env); err != nil {
				return false, err
			}
			l, err = discovered(cwd, phys, d, dotGit, false, env)
		case isGitDirectory(d, env, cwd):
			if err := checkBareAllowed(d, env); err != nil {
				return false, err
			}
			if err := checkOwnership("", "", d, env); err != nil {
				return false, err
			}
			l, err = discoveredBare(cwd, phys, d, env)
		default:
			return false, nil
		}
		found = true
		return true, err
	})
	switch {
	case err != nil:
		return Layout{}, err
	case found:
		return l, nil
	case boundary != "":
		return Layout{}, fmt.Errorf("%s is not inside a git work tree (the search stopped at the file system boundary %s; "+
			"set GIT_DISCOVERY_ACROSS_FILESYSTEM=1 to look further): %w", cwd, boundary, ErrNotRepository)
	}
	return Layout{}, fmt.Errorf("%s is not inside a git work tree; cd into a repository or create one with `git init`: %w", cwd, ErrNotRepository)
}

// searchUp calls visit with phys and each folder above it that git's discovery looks in, until visit
// is done or fails: up to a GIT_CEILING_DIRECTORIES entry (not into it) and, unless
// GIT_DISCOVERY_ACROSS_FILESYSTEM is true, not across a file system boundary, whose folder on the
// other side it returns when the search stopped there.
func searchUp(phys string, env Env, visit func(d string) (done bool, err error)) (boundary string, err error) {
	ceiling := ceilingOffset(phys, env("GIT_CEILING_DIRECTORIES"))
	oneFS := !isTrue(env("GIT_DISCOVERY_ACROSS_FILESYSTEM"))
	dev, hasDev := pathDevice(phys)
	for d := phys; ; {
		if done, err := visit(d); done || err != nil {
			return "", err
		}
		parent := filepath.Dir(d)
		offset := len(parent) // where the parent's path ends in d: the slash before d's last element
		if parent == d {
			return "", nil
		}
		if parent == string(filepath.Separator) {
			offset = 0
		}
		if offset <= ceiling {
			return "", nil
		}
		if oneFS && hasDev {
			if pdev, ok := pathDevice(parent); ok && pdev != dev {
				return parent, nil
			}
		}
		d = parent
	}
}

// DotGitAbove returns the folder at or above cwd, within the folders git's discovery looks in (see
// searchUp), that holds something named .git, usable or not: where a repository is meant to be when
// Discover finds none git could use either.
//
// cwd is walked up as its links resolve, as git walks it: a folder reached through a link
// (~/work → /data/work) is not in the repository of the folder the link is in.
func DotGitAbove(cwd string, env Env) (string, bool) {
	var at string
	searchUp(realPath(cwd), env, func(d string) (bool, error) {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			at = d
			return true, nil
		}
		return false, nil
	})
	return at, at != ""
}

// discovered sets up a git directory found as <d>/.git (a directory, or the target of a .git file).
func discovered(cwd, phys, d, gitDir string, viaFile bool, env Env) (Layout, error) {
	f, err := readFormat(gitDir, env, cwd)
	if err != nil {
		return Layout{}, err
	}
	if env("GIT_WORK_TREE") != "" || f.worktree != "" {
		given := gitDir
		if !viaFile {
			given = filepath.Join(d, ".git")
			if d == phys {
				given = ".git"
			}
		}
		return explicitLayout(given, cwd, env, false, true)
	}
	work := logicalOf(d, cwd)
	l := Layout{CommonDir: f.commonDir, worktreeConfig: f.worktreeConfig, check: f.check}
	switch {
	case viaFile:
		l.GitDir, l.gitDirAbs, l.exportsGitDir = gitDir, gitDir, true
	case d == phys:
		// Found in the start directory: git names it ".git", made absolute with the logical $PWD.
		l.GitDir, l.gitDirAbs = filepath.Join(work, ".git"), filepath.Join(cwd, ".git")
	default:
		// Found above: git moves there and resolves ".git" physically.
		l.GitDir, l.gitDirAbs = filepath.Join(work, ".git"), gitDir
	}
	if f.bare != 1 {
		l.WorkTree = work
	}
	return l, nil
}

// discoveredBare sets up the bare repository d that discovery found.
func discoveredBare(cwd, phys, d string, env Env) (Layout, error) {
	f, err := readFormat(d, env, cwd)
	if err != nil {
		return Layout{}, err
	}
	if env("GIT_WORK_TREE") != "" || f.worktree != "" {
		given := d
		if d == phys {
			given = "."
		}
		return explicitLayout(given, cwd, env, false, false)
	}
	gitDir := logicalOf(d, cwd)
	return Layout{GitDir: gitDir, CommonDir: f.commonDir, gitDirAbs: gitDir, worktreeConfig: f.worktreeConfig, check: f.check}, nil
}

// repoFormat is what setup reads from a repository's config: only that file, includes not followed.
type repoFormat struct {
	commonDir      string
	bare           int    // core.bare: -1 unset, 0 false, 1 true
	worktree       string // core.worktree
	worktreeConfig bool
	check          formatCheck // the format version and extensions checkRepository judges
}

// formatCheck is what checkRepository judges: core.repositoryformatversion as a number ("" when unset)
// and the names of the extensions.* settings (see addExtension), in order.
type formatCheck struct {
	version    string
	extensions []string
	// objectFormat is extensions.objectFormat's value: "sha1" is git's default and pm's, written out
	// (git reads it in version 1); anything else (sha256) pm cannot read or write.
	objectFormat string
}

// readFormat reads gitDir's common directory and the settings of its config that decide the work tree.
func readFormat(gitDir string, env Env, cwd string) (repoFormat, error) {
	common, hasCommon, err := commonDirFor(gitDir, env, cwd)
	if err != nil {
		return repoFormat{}, err
	}
	f := repoFormat{commonDir: common, bare: -1}
	name := filepath.Join(common, "config")
	version := -1
	err = readCoreSettings(name, func(key, value string, noValue bool) error {
		switch key {
		case "core.repositoryformatversion":
			v, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil || noValue {
				return fmt.Errorf("bad numeric config value %q for core.repositoryformatversion", value)
			}
			version = v
			f.check.version = "" // as git reads it: "01" is 1, a negative version is none
			if v >= 0 {
				f.check.version = strconv.Itoa(v)
			}
		case "extensions.worktreeconfig":
			f.worktreeConfig = noValue || isTrue(value)
		case "extensions.objectformat":
			f.addExtension(key)
			f.check.objectFormat = value
		default:
			f.addExtension(key)
			return f.setCore(key, value, noValue)
		}
		return nil
	})
	if err != nil {
		return repoFormat{}, err
	}
	if version < 0 {
		// No repositoryformatversion: git takes none of the file's settings.
		return repoFormat{commonDir: common, bare: -1, check: f.check}, nil
	}
	if f.worktreeConfig {
		err := readCoreSettings(filepath.Join(gitDir, "config.worktree"), func(key, value string, noValue bool) error {
			f.addExtension(key)
			return f.setCore(key, value, noValue)
		})
		if err != nil {
			return repoFormat{}, err
		}
		hasCommon = false
	}
	if hasCommon {
		// A linked worktree does not take the main work tree's core.bare and core.worktree.
		f.bare, f.worktree = -1, ""
	}
	return f, nil
}

// addExtension notes key when it is an extensions.* setting, named as git names it: what follows
// "extensions.", a subsection's name and key included (git refuses "extensions.x.y" in a version-1
// repository as an unknown extension). worktreeConfig is not noted: pm applies it (storage.go).
func (f *repoFormat) addExtension(key string) {
	if name, ok := strings.CutPrefix(key, "extensions."); ok && name != "worktreeconfig" {
		f.check.extensions = append(f.check.extensions, name)
	}
}

func (f *repoFormat) setCore(key, value string, noValue bool) error {
	switch key {
	case "core.bare":
		f.bare = 0
		if noValue || isTrue(value) {
			f.bare = 1
		}
	case "core.worktree":
		if noValue {
			return errors.New("missing value for 'core.worktree'")
		}
		f.worktree = value
	}
	return nil
}

// readCoreSettings calls fn for each entry of a config file, without following includes. A missing
// file has no entries.
func readCoreSettings(name string, fn func(key, value string, noValue bool) error) error {
	data, err := fsutil.ReadRegular(name)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read git config %s: %w", name, err)
	}
	entries, err := parseConfig(string(data))
	if err != nil {
		return fmt.Errorf("git config %s: %w; fix the file", name, err)
	}
	for _, e := range entries {
		if err := fn(e.key, e.value, e.noValue); err != nil {
			return fmt.Errorf("git config %s: %w", name, err)
		}
	}
	return nil
}

// commonDirFor returns gitDir's common directory: $GIT_COMMON_DIR, else the one its commondir file
// names (resolved), else gitDir. has reports whether one of the first two applied.
func commonDirFor(gitDir string, env Env, cwd string) (dir string, has bool, err error) {
	if c := env("GIT_COMMON_DIR"); c != "" {
		return absFrom(cwd, c), true, nil
	}
	name := filepath.Join(gitDir, "commondir")
	b, err := fsutil.ReadRegular(name)
	if errors.Is(err, os.ErrNotExist) {
		return gitDir, false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("read %s: %w", name, err)
	}
	d := strings.TrimRight(string(b), "\r\n")
	if d == "" {
		return "", false, fmt.Errorf("read %s: the file is empty", name)
	}
	if !filepath.IsAbs(d) {
		d = filepath.Join(gitDir, d)
	}
	return realPath(d), true, nil
}

// readGitFile reads a .git file ("gitdir: <path>", relative to the file's folder) and returns the
// git directory it names, resolved. isFile is false when name is not a regular file (missing, or a
// directory); a file that is not a valid .git file is an error, as in git.
func readGitFile(name string, env Env, cwd string) (gitDir string, isFile bool, err error) {
	fi, err := os.Stat(name)
	if err != nil || !fi.Mode().IsRegular() {
		return "", false, nil
	}
	if fi.Size() > 1<<20 {
		return "", true, fmt.Errorf("%s is too large to be a .git file: %w", name, ErrNotRepository)
	}
	f, err := os.Open(name)
	if err != nil {
		return "", true, fmt.Errorf("read %s: %w", name, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 1<<20))
	if err != nil {
		return "", true, fmt.Errorf("read %s: %w", name, err)
	}
	rest, ok := bytes.CutPrefix(data, []byte("gitdir: "))
	if !ok {
		return "", true, fmt.Errorf("%s is not a valid .git file (it should start with \"gitdir: \"): %w", name, ErrNotRepository)
	}
	rest = bytes.TrimRight(rest, "\r\n")
	if len(rest) == 0 {
		return "", true, fmt.Errorf("%s names no git directory: %w", name, ErrNotRepository)
	}
	dir := string(rest)
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(filepath.Dir(name), dir)
	}
	if !isGitDirectory(dir, env, cwd) {
		return "", true, fmt.Errorf("%s names %s, which is not a git repository: %w", name, dir, ErrNotRepository)
	}
	return realPath(dir), true, nil
}

// isGitDirectory reports whether dir looks like a git directory, as git checks it: a valid HEAD,
// and objects (or $GIT_OBJECT_DIRECTORY) and refs folders in its common directory.
func isGitDirectory(dir string, env Env, cwd string) bool {
	if !validHead(filepath.Join(dir, "HEAD")) {
		return false
	}
	common, _, err := commonDirFor(dir, env, cwd)
	if err != nil {
		return false
	}
	objects := filepath.Join(common, "objects")
	if od := env("GIT_OBJECT_DIRECTORY"); od != "" {
		objects = absFrom(cwd, od)
	}
	return isDir(objects) && isDir(filepath.Join(common, "refs"))
}

// validHead reports whether a HEAD file is a symbolic ref into refs/ (a symlink or "ref: refs/…")
// or starts with an object name.
func validHead(name string) bool {
	fi, err := os.Lstat(name)
	if err != nil {
		return false
	}
	if fi.Mode()&os.ModeSymlink != 0 {
		target, err := os.Readlink(name)
		return err == nil && strings.HasPrefix(target, "refs/")
	}
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	buf := make([]byte, 255)
	n, _ := io.ReadFull(f, buf)
	buf = buf[:n]
	if ref, ok := bytes.CutPrefix(buf, []byte("ref:")); ok {
		if bytes.HasPrefix(bytes.TrimLeft(ref, " \t\n\v\f\r"), []byte("refs/")) {
			return true
		}
	}
	if len(buf) < 40 {
		return false
	}
	for _, c := range buf[:40] {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// ceilingOffset is the length of the longest GIT_CEILING_DIRECTORIES entry that is a proper
// ancestor of dir (-1 for none): discovery does not look at it or above it. Relative entries are
// ignored; entries after an empty one are compared as written, the others resolved.
func ceilingOffset(dir, list string) int {
	if list == "" || dir == string(filepath.Separator) {
		return -1
	}
	best, empty := -1, false
	for _, c := range filepath.SplitList(list) {
		switch {
		case c == "":
			empty = true
			continue
		case !filepath.IsAbs(c):
			continue
		case !empty:
			real, err := filepath.EvalSymlinks(c)
			if err != nil {
				continue
			}
			c = real
		}
		n := len(c)
		if n > 0 && c[n-1] == filepath.Separator {
			n--
		}
		if strings.HasPrefix(dir, c[:n]) && len(dir) > n+1 && dir[n] == filepath.Separator && n > best {
			best = n
		}
	}
	return best
}

// pathDevice returns the device of the file system dir is on.
func pathDevice(dir string) (uint64, bool) {
	fi, err := os.Stat(dir)
	if err != nil {
		return 0, false
	}
	return deviceOf(fi)
}

// logicalOf returns the ancestor of cwd (or cwd) that resolves to the physical directory phys, so
// that paths keep the spelling the user reached them by; phys when none does.
func logicalOf(phys, cwd string) string {
	for d := cwd; ; {
		if d == phys || realPath(d) == phys {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return phys
		}
		d = parent
	}
}

// realPath resolves symlinks in p; p itself, cleaned, when that fails.
func realPath(p string) string {
	if real, err := filepath.EvalSymlinks(p); err == nil {
		return real
	}
	return filepath.Clean(p)
}

// absFrom makes p absolute against base.
func absFrom(base, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(base, p)
}

// isWithin reports whether p is dir or inside it.
func isWithin(p, dir string) bool {
	_, ok := relInside(dir, p)
	return ok
}

// isTrue reports whether s is a true git boolean.
func isTrue(s string) bool {
	b, ok := parseBool(s)
	return ok && b
}

// Env returns env with the layout pinned, so that opening the repository from its work tree (as
// pkg/project does) finds this one, as git does from the directory the layout was discovered in:
// GIT_DIR names the git directory when git itself would export it (a git directory given by GIT_DIR,
// found through a .git file, or with its work tree elsewhere), GIT_WORK_TREE is made absolute when
// set, and so are the variables holding paths (GIT_COMMON_DIR, GIT_OBJECT_DIRECTORY, GIT_INDEX_FILE,
// GIT_ALTERNATE_OBJECT_DIRECTORIES, GIT_CONFIG_GLOBAL, GIT_CONFIG_SYSTEM), resolved from where git
// works. A bare layout pins nothing.
func (l Layout) Env(env Env) Env {
	if env == nil {
		env = noEnv
	}
	if l.WorkTree == "" {
		return env
	}
	pinned := map[string]string{}
	if l.exportsGitDir {
		pinned["GIT_DIR"] = l.gitDirAbs
	}
	if env("GIT_WORK_TREE") != "" {
		pinned["GIT_WORK_TREE"] = l.WorkTree
	}
	if env("GIT_COMMON_DIR") != "" {
		pinned["GIT_COMMON_DIR"] = l.CommonDir
	}
	if env("GIT_OBJECT_DIRECTORY") != "" {
		pinned["GIT_OBJECT_DIRECTORY"] = l.ObjectDir
	}
	for _, k := range []string{"GIT_INDEX_FILE", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM"} {
		if v := env(k); v != "" {
			pinned[k] = absFrom(l.cwd, v)
		}
	}
	if v := env("GIT_ALTERNATE_OBJECT_DIRECTORIES"); v != "" {
		var parts []string
		for _, e := range parseAlternates(v, filepath.ListSeparator) {
			parts = append(parts, quoteAlternate(absFrom(l.cwd, e)))
		}
		pinned["GIT_ALTERNATE_OBJECT_DIRECTORIES"] = strings.Join(parts, string(filepath.ListSeparator))
	}
	return func(k string) string {
		if v, ok := pinned[k]; ok {
			return v
		}
		return env(k)
	}
}

// isNestedRepository reports whether folder dir holds a repository git takes for one of its own, and
// so does not enter (is_nonbare_repository_dir): a .git file naming a git directory (or one git
// cannot open or read), or a .git folder that is a git directory. An empty .git folder, or a .git
// file that names nothing valid, makes no repository: git treats dir as a folder like any other.
func isNestedRepository(dir string, env Env, cwd string) bool {
	dotGit := filepath.Join(dir, ".git")
	fi, err := os.Stat(dotGit)
	switch {
	case err != nil:
		return false
	case fi.Mode().IsRegular():
		f, err := os.Open(dotGit)
		if err != nil {
			return true
		}
		f.Close()
		_, _, err = readGitFile(dotGit, env, cwd)
		return err == nil
	case fi.IsDir():
		return isGitDirectory(dotGit, env, cwd)
	}
	return false
}

// IsNestedRepository reports whether folder dir holds a repository git takes for one of its own and
// does not enter from the repository around it (see isNestedRepository), for walks of the work tree
// that are not the repository's; the environment is not consulted.
func IsNestedRepository(dir string) bool { return isNestedRepository(dir, noEnv, dir) }
