package gitrepo

import (
	"errors"
	"fmt"
	"github.com/pm-tools/pm/pkg/fsutil"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/filesystem/dotgit"
)

// pm reads a repository's objects where git does: the object directory (<common dir>/objects, or
// $GIT_OBJECT_DIRECTORY), then the alternate object directories that `git clone --shared` and
// `--reference` set up, listed in $GIT_ALTERNATE_OBJECT_DIRECTORIES (colon-separated) and in
// <object dir>/info/alternates (one a line), each of which may list more in its own
// info/alternates, five levels deep at most. A relative entry is relative to the object directory
// whose file lists it (to the current directory for the variable); an entry starting with '#' is a
// comment, one starting with '"' is unquoted as a C string. Objects are written to the object
// directory only: the alternates are opened for reading.
//
// go-git follows info/alternates itself, but reads relative entries from the wrong place and no
// nested ones, so repoStorage hides that file from it and does the lookups.

// repoStorage is the repository's storage as git sees it.
type repoStorage struct {
	*filesystem.Storage
	alternates []*filesystem.ObjectStorage // read-only, in git's order

	// With extensions.worktreeConfig, Config is the repository's config followed by
	// <gitdir>/config.worktree, without that extension (see worktreeconfig.go).
	worktreeConfig bool
	commonConfig   string // <commondir>/config
	worktreeFile   string // <gitdir>/config.worktree
}

// newStorage opens the storage of a layout.
func newStorage(l Layout, env Env) *repoStorage {
	var common billy.Filesystem
	if l.CommonDir != l.GitDir {
		common = osfs.New(l.CommonDir)
	}
	fs := &objectsFS{
		base:    dotgit.NewRepositoryFilesystem(osfs.New(l.GitDir), common),
		objects: osfs.New(l.ObjectDir),
	}
	objCache := cache.NewObjectLRUDefault()
	s := &repoStorage{
		Storage:        filesystem.NewStorage(fs, objCache),
		worktreeConfig: l.worktreeConfig,
		commonConfig:   filepath.Join(l.CommonDir, "config"),
		worktreeFile:   filepath.Join(l.GitDir, "config.worktree"),
	}
	for _, dir := range alternateDirs(l.ObjectDir, env("GIT_ALTERNATE_OBJECT_DIRECTORIES"), l.cwd) {
		s.alternates = append(s.alternates, filesystem.NewObjectStorage(dotgit.New(&objectsFS{objects: osfs.New(dir)}), objCache))
	}
	return s
}

// Config returns the repository's configuration as go-git reads it.
func (s *repoStorage) Config() (*config.Config, error) {
	if !s.worktreeConfig {
		return s.Storage.Config()
	}
	return mergedWorktreeConfig(s.commonConfig, s.worktreeFile)
}

// SetConfig writes the configuration, except a merged one (see errConfigReadOnly).
func (s *repoStorage) SetConfig(c *config.Config) error {
	if s.worktreeConfig {
		return errConfigReadOnly
	}
	return s.Storage.SetConfig(c)
}

// EncodedObject finds an object in the object directory, then in each alternate.
func (s *repoStorage) EncodedObject(t plumbing.ObjectType, h plumbing.Hash) (plumbing.EncodedObject, error) {
	obj, err := s.Storage.EncodedObject(t, h)
	if !errors.Is(err, plumbing.ErrObjectNotFound) {
		return obj, err
	}
	for _, a := range s.alternates {
		obj, err := a.EncodedObject(t, h)
		if !errors.Is(err, plumbing.ErrObjectNotFound) {
			return obj, err
		}
	}
	return nil, plumbing.ErrObjectNotFound
}

// HasEncodedObject reports whether the object is in the object directory or an alternate.
func (s *repoStorage) HasEncodedObject(h plumbing.Hash) error {
	err := s.Storage.HasEncodedObject(h)
	if !errors.Is(err, plumbing.ErrObjectNotFound) {
		return err
	}
	for _, a := range s.alternates {
		if err := a.HasEncodedObject(h); !errors.Is(err, plumbing.ErrObjectNotFound) {
			return err
		}
	}
	return plumbing.ErrObjectNotFound
}

// EncodedObjectSize returns an object's size from wherever it is.
func (s *repoStorage) EncodedObjectSize(h plumbing.Hash) (int64, error) {
	n, err := s.Storage.EncodedObjectSize(h)
	if !errors.Is(err, plumbing.ErrObjectNotFound) {
		return n, err
	}
	for _, a := range s.alternates {
		if n, err := a.EncodedObjectSize(h); !errors.Is(err, plumbing.ErrObjectNotFound) {
			return n, err
		}
	}
	return 0, plumbing.ErrObjectNotFound
}

// IterEncodedObjects iterates the object directory's objects, then each alternate's.
func (s *repoStorage) IterEncodedObjects(t plumbing.ObjectType) (storer.EncodedObjectIter, error) {
	own, err := s.Storage.IterEncodedObjects(t)
	if err != nil || len(s.alternates) == 0 {
		return own, err
	}
	iters := []storer.EncodedObjectIter{own}
	for _, a := range s.alternates {
		it, err := a.IterEncodedObjects(t)
		if err != nil {
			return nil, err
		}
		iters = append(iters, it)
	}
	return storer.NewMultiEncodedObjectIter(iters), nil
}

// HashesWithPrefix returns the objects, here and in the alternates, whose names start with prefix
// (for abbreviated hashes).
func (s *repoStorage) HashesWithPrefix(prefix []byte) ([]plumbing.Hash, error) {
	all, err := s.Storage.HashesWithPrefix(prefix)
	if err != nil {
		return nil, err
	}
	if len(s.alternates) == 0 {
		return all, nil
	}
	seen := map[plumbing.Hash]bool{}
	for _, h := range all {
		seen[h] = true
	}
	for _, a := range s.alternates {
		more, err := a.HashesWithPrefix(prefix)
		if err != nil {
			return nil, err
		}
		for _, h := range more {
			if !seen[h] {
				seen[h] = true
				all = append(all, h)
			}
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].String() < all[j].String() })
	return all, nil
}

// maxAlternateDepth is how deep git follows alternates listed by alternates.
const maxAlternateDepth = 5

// alternateDirs lists the alternate object directories of objectDir in git's order:
// $GIT_ALTERNATE_OBJECT_DIRECTORIES' entries (envList, relative to cwd), then objectDir's
// info/alternates, each entry followed at once by the ones it lists itself. Entries that are not
// directories, repeat an earlier one or name objectDir are left out, as git leaves them out.
func alternateDirs(objectDir, envList, cwd string) []string {
	own := readAlternatesFile(objectDir)
	if envList == "" && own == "" {
		return nil // the usual case: no path to resolve
	}
	seen := map[string]bool{realPath(objectDir): true}
	var out []string
	var link func(list string, sep byte, base string, depth int)
	link = func(list string, sep byte, base string, depth int) {
		if list == "" || depth > maxAlternateDepth {
			return
		}
		for _, e := range parseAlternates(list, sep) {
			p := e
			if !filepath.IsAbs(p) {
				if base != "" {
					p = filepath.Join(realPath(base), p)
				} else {
					p = filepath.Join(cwd, p)
				}
			}
			p = realPath(p)
			if seen[p] || !isDir(p) {
				continue
			}
			seen[p] = true
			out = append(out, p)
			link(readAlternatesFile(p), '\n', p, depth+1)
		}
	}
	link(envList, filepath.ListSeparator, "", 0)
	link(own, '\n', objectDir, 0)
	return out
}

// readAlternatesFile returns the content of <objectDir>/info/alternates, "" when there is none.
func readAlternatesFile(objectDir string) string {
	data, err := fsutil.ReadRegular(filepath.Join(objectDir, "info", "alternates"))
	if err != nil {
		return ""
	}
	return string(data)
}

// parseAlternates splits a list of alternates at sep: an entry starting with '#' is a comment up
// to the next separator; one starting with a well-formed C-quoted string is that string (git then
// skips the one character after the closing quote, the separator in a well-formed list); anything
// else is taken as it is, up to the separator. Empty entries are dropped.
func parseAlternates(list string, sep byte) []string {
	var out []string
	for i := 0; i < len(list); {
		var entry string
		end := strings.IndexByte(list[i:], sep)
		if end < 0 {
			end = len(list)
		} else {
			end += i
		}
		switch {
		case list[i] == '#':
		case list[i] == '"':
			if s, n, ok := unquoteC(list[i:]); ok {
				entry, end = s, i+n
				break
			}
			entry = list[i:end]
		default:
			entry = list[i:end]
		}
		if end < len(list) {
			end++
		}
		i = end
		if entry != "" {
			out = append(out, entry)
		}
	}
	return out
}

// unquoteC decodes the C-style quoted string at the start of s (as git writes paths: \\, \", \a
// \b \f \n \r \t \v and three-digit octal escapes), returning it and the bytes it took.
func unquoteC(s string) (string, int, bool) {
	if s == "" || s[0] != '"' {
		return "", 0, false
	}
	var b strings.Builder
	for i := 1; i < len(s); {
		c := s[i]
		switch c {
		case '"':
			return b.String(), i + 1, true
		case '\\':
			if i+1 >= len(s) {
				return "", 0, false
			}
			e := s[i+1]
			i += 2
			switch e {
			case 'a':
				b.WriteByte('\a')
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'v':
				b.WriteByte('\v')
			case '\\', '"':
				b.WriteByte(e)
			case '0', '1', '2', '3':
				if i+1 >= len(s) || s[i] < '0' || s[i] > '7' || s[i+1] < '0' || s[i+1] > '7' {
					return "", 0, false
				}
				b.WriteByte((e-'0')<<6 | (s[i]-'0')<<3 | (s[i+1] - '0'))
				i += 2
			default:
				return "", 0, false
			}
		default:
			b.WriteByte(c)
			i++
		}
	}
	return "", 0, false
}

// quoteAlternate writes p as an entry of a list of alternates separated by filepath.ListSeparator.
func quoteAlternate(p string) string {
	if !strings.ContainsAny(p, string(filepath.ListSeparator)+"\"\\\n") && !strings.HasPrefix(p, "#") {
		return p
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(p); i++ {
		switch c := p[i]; c {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// objectsFS is a git directory's file system whose objects folder is another directory (the object
// directory, which need not be called objects) and whose objects/info/alternates is hidden (see
// above). base serves everything else; with no base there is nothing else.
type objectsFS struct {
	base    billy.Filesystem
	objects billy.Filesystem
}

var errCrossRename = errors.New("rename across the object directory boundary")

const objectsPrefix = "objects"

// route returns the file system and the path in it for name, and whether it is in the objects.
func (fs *objectsFS) route(name string) (billy.Filesystem, string, bool, error) {
	clean := filepath.ToSlash(filepath.Clean(name))
	if clean == objectsPrefix || strings.HasPrefix(clean, objectsPrefix+"/") {
		rest := strings.TrimPrefix(strings.TrimPrefix(clean, objectsPrefix), "/")
		if rest == "info/alternates" {
			return nil, "", true, &os.PathError{Op: "open", Path: name, Err: os.ErrNotExist}
		}
		if rest == "" {
			rest = "."
		}
		return fs.objects, filepath.FromSlash(rest), true, nil
	}
	if fs.base == nil {
		return nil, "", false, &os.PathError{Op: "open", Path: name, Err: os.ErrNotExist}
	}
	return fs.base, name, false, nil
}

// file names a file opened in the objects by its path in objectsFS.
func (fs *objectsFS) file(f billy.File, inObjects bool, err error) (billy.File, error) {
	if err != nil || !inObjects {
		return f, err
	}
	return &objectsFile{File: f, name: filepath.Join(objectsPrefix, f.Name())}, nil
}

type objectsFile struct {
	billy.File
	name string
}

func (f *objectsFile) Name() string { return f.name }

func (fs *objectsFS) Create(name string) (billy.File, error) {
	t, p, in, err := fs.route(name)
	if err != nil {
		return nil, err
	}
	f, err := t.Create(p)
	return fs.file(f, in, err)
}

func (fs *objectsFS) Open(name string) (billy.File, error) {
	t, p, in, err := fs.route(name)
	if err != nil {
		return nil, err
	}
	f, err := t.Open(p)
	if err == nil && in && strings.HasSuffix(p, ".idx") {
		// go-git decodes only version 2 pack indexes: a version 1 one is handed to it as the
		// version 2 index of the same pack (see idxV1AsV2).
		return packIndexForGoGit(f, filepath.Join(objectsPrefix, p))
	}
	return fs.file(f, in, err)
}

func (fs *objectsFS) OpenFile(name string, flag int, perm os.FileMode) (billy.File, error) {
	t, p, in, err := fs.route(name)
	if err != nil {
		return nil, err
	}
	f, err := t.OpenFile(p, flag, perm)
	return fs.file(f, in, err)
}

func (fs *objectsFS) Stat(name string) (os.FileInfo, error) {
	t, p, _, err := fs.route(name)
	if err != nil {
		return nil, err
	}
	return t.Stat(p)
}

func (fs *objectsFS) Lstat(name string) (os.FileInfo, error) {
	t, p, _, err := fs.route(name)
	if err != nil {
		return nil, err
	}
	return t.Lstat(p)
}

func (fs *objectsFS) Rename(from, to string) error {
	t1, p1, in1, err := fs.route(from)
	if err != nil {
		return err
	}
	t2, p2, in2, err := fs.route(to)
	if err != nil {
		return err
	}
	if in1 != in2 || t1 != t2 {
		return fmt.Errorf("rename %s to %s: %w", from, to, errCrossRename)
	}
	return t1.Rename(p1, p2)
}

func (fs *objectsFS) Remove(name string) error {
	t, p, _, err := fs.route(name)
	if err != nil {
		return err
	}
	return t.Remove(p)
}

func (fs *objectsFS) Join(elem ...string) string { return filepath.Join(elem...) }

func (fs *objectsFS) TempFile(dir, prefix string) (billy.File, error) {
	t, p, in, err := fs.route(dir)
	if err != nil {
		return nil, err
	}
	f, err := t.TempFile(p, prefix)
	return fs.file(f, in, err)
}

func (fs *objectsFS) ReadDir(name string) ([]os.FileInfo, error) {
	t, p, _, err := fs.route(name)
	if err != nil {
		return nil, err
	}
	return t.ReadDir(p)
}

// MkdirAll makes an object folder as git makes it, mode 0777 less the umask (go-git asks for 0755).
func (fs *objectsFS) MkdirAll(name string, perm os.FileMode) error {
	t, p, _, err := fs.route(name)
	if err != nil {
		return err
	}
	return t.MkdirAll(p, 0o777)
}

func (fs *objectsFS) Symlink(target, link string) error {
	t, p, _, err := fs.route(link)
	if err != nil {
		return err
	}
	return t.Symlink(target, p)
}

func (fs *objectsFS) Readlink(link string) (string, error) {
	t, p, _, err := fs.route(link)
	if err != nil {
		return "", err
	}
	return t.Readlink(p)
}

func (fs *objectsFS) Chroot(name string) (billy.Filesystem, error) {
	t, p, _, err := fs.route(name)
	if err != nil {
		return nil, err
	}
	return t.Chroot(p)
}

func (fs *objectsFS) Root() string {
	if fs.base != nil {
		return fs.base.Root()
	}
	return fs.objects.Root()
}

// Chmod lets go-git make loose objects read-only, as git does: 0444 less the umask, as git
// creates them (go-git asks for 0444 whatever the umask).
func (fs *objectsFS) Chmod(name string, mode os.FileMode) error {
	t, p, _, err := fs.route(name)
	if err != nil {
		return err
	}
	if c, ok := t.(billy.Chmod); ok {
		return c.Chmod(p, mode&^os.FileMode(umask()))
	}
	return nil
}
