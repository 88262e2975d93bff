package convert

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"github.com/pm-tools/pm/pkg/internal/lazy"
)

// IndexBlobFunc returns the content of the blob the index records for path: the
// stage-0 entry, or during a merge the stage-2 ("ours") one, whatever its mode, as
// git's read_blob_data_from_index does. ok is false when the index has no such
// entry.
type IndexBlobFunc func(path string) (data []byte, ok bool, err error)

// AttrSources says where the attributes of a non-bare repository come from, in
// the check-in direction (what `git add` and `git check-attr` use).
type AttrSources struct {
	// WorkTree is the root of the work tree (an OS path).
	WorkTree string
	// InfoFile is $GIT_DIR/info/attributes, which overrides every other file; "" for none.
	InfoFile string
	// GlobalFile is core.attributesFile, already resolved by the caller (git's default is
	// $XDG_CONFIG_HOME/git/attributes, else $HOME/.config/git/attributes); "" for none.
	GlobalFile string
	// SystemFile is $(prefix)/etc/gitattributes, below the global file; "" for none
	// (as with GIT_ATTR_NOSYSTEM).
	SystemFile string
	// IgnoreCase is core.ignoreCase: patterns then compare ASCII letters without case.
	IgnoreCase bool
	// IndexBlob gives the index's copy of a .gitattributes file whose work-tree copy
	// is missing (a sparse checkout); nil means the index has none.
	IndexBlob IndexBlobFunc
}

// Attributes holds the attributes that apply to one path.
type Attributes struct {
	values map[string]Value
	// Warnings are what git would print while reading the attribute files for this
	// path (a line too long, a macro outside the root file, an unreadable file);
	// each file is read, and warned about, once per AttrChecker.
	Warnings []string
}

// NewAttributes makes an Attributes from explicit values, for callers that know
// the attributes some other way and for tests.
func NewAttributes(values map[string]Value) *Attributes {
	a := &Attributes{values: map[string]Value{}}
	for k, v := range values {
		if v.State != Unspecified {
			a.values[k] = v
		}
	}
	return a
}

// Get returns the value of attribute name; Unspecified when no rule gives one.
func (a *Attributes) Get(name string) Value {
	if a == nil {
		return Value{}
	}
	return a.values[name]
}

// Names lists, sorted, the attributes that are not Unspecified: what
// `git check-attr -a` prints, in another order.
func (a *Attributes) Names() []string {
	if a == nil {
		return nil
	}
	names := make([]string, 0, len(a.values))
	for k := range a.values {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// attrFrame is the parsed content of one attribute file and the directory its
// patterns are relative to.
type attrFrame struct {
	base  string
	rules []attrRule
}

// builtinFrame holds the one macro git defines itself.
var builtinFrame = lazy.Value[*attrFrame]{New: func() *attrFrame {
	return &attrFrame{rules: parseAttrFile([]byte("[attr]binary -diff -merge -text\n"),
		parseOptions{source: "[builtin]", macrosOK: true})}
}}

// AttrChecker looks up attributes, reading each attribute file at most once. It
// reads only the files that can apply to the paths asked about: the global,
// system and info files and the .gitattributes of each directory from the root
// down to the path's folder. It is not safe for concurrent use.
type AttrChecker struct {
	src      AttrSources
	frames   map[string]*attrFrame // by directory ("" is the root)
	fixed    map[string]*attrFrame // info, global and system files, by name
	warnings []string
}

// NewAttrChecker returns a checker over the given sources.
func NewAttrChecker(src AttrSources) *AttrChecker {
	return &AttrChecker{src: src, frames: map[string]*attrFrame{}, fixed: map[string]*attrFrame{}}
}

// Lookup returns the attributes git gives path, a slash-separated path relative
// to the work tree root, as `git check-attr -a -- path` computes them.
func (c *AttrChecker) Lookup(path string) (*Attributes, error) {
	if err := checkPath(path); err != nil {
		return nil, err
	}
	c.warnings = nil
	// The stack from the top (highest priority) down.
	var stack []*attrFrame
	info, err := c.fixedFrame(c.src.InfoFile)
	if err != nil {
		return nil, err
	}
	stack = append(stack, info)
	dirs := []string{""}
	for i := 0; i < len(path); i++ {
		if path[i] == '/' {
			dirs = append(dirs, path[:i])
		}
	}
	for i := len(dirs) - 1; i >= 0; i-- {
		f, err := c.dirFrame(dirs[i])
		if err != nil {
			return nil, err
		}
		stack = append(stack, f)
	}
	for _, name := range []string{c.src.GlobalFile, c.src.SystemFile} {
		f, err := c.fixedFrame(name)
		if err != nil {
			return nil, err
		}
		stack = append(stack, f)
	}
	stack = append(stack, builtinFrame.Get())

	// A macro is the definition nearest the top of the stack, and in a file the last one.
	macros := map[string]*attrRule{}
	for _, f := range stack {
		for i := len(f.rules) - 1; i >= 0; i-- {
			r := &f.rules[i]
			if r.macro != "" && macros[r.macro] == nil {
				macros[r.macro] = r
			}
		}
	}
	values := map[string]Value{}
	known := map[string]bool{}
	var fill func(assigns []attrAssign)
	fill = func(assigns []attrAssign) {
		// Later assignments on a line win, so walk it backwards and keep the first
		// value each attribute gets; a macro set here expands at once, below the
		// assignments that come after it on the line.
		for i := len(assigns) - 1; i >= 0; i-- {
			a := assigns[i]
			if known[a.name] {
				continue
			}
			known[a.name] = true
			values[a.name] = a.value
			if m := macros[a.name]; m != nil && a.value.State == Set {
				fill(m.assigns)
			}
		}
	}
	for _, f := range stack {
		for i := len(f.rules) - 1; i >= 0; i-- {
			r := &f.rules[i]
			if r.macro == "" && r.pattern.matches(path, f.base, c.src.IgnoreCase) {
				fill(r.assigns)
			}
		}
	}
	attrs := NewAttributes(values)
	attrs.Warnings = c.warnings
	c.warnings = nil
	return attrs, nil
}

// checkPath refuses paths git could not have in its index.
func checkPath(path string) error {
	if path == "" || strings.HasPrefix(path, "/") || strings.HasSuffix(path, "/") ||
		strings.Contains(path, "//") || strings.IndexByte(path, 0) >= 0 {
		return fmt.Errorf("attributes of %q: not a path relative to the work tree", path)
	}
	for _, part := range strings.Split(path, "/") {
		if part == "." || part == ".." {
			return fmt.Errorf("attributes of %q: not a path relative to the work tree", path)
		}
	}
	return nil
}

func (c *AttrChecker) warn(format string, args ...any) {
	c.warnings = append(c.warnings, fmt.Sprintf(format, args...))
}

// fixedFrame reads one of the files outside the work tree (info, global, system),
// following symbolic links as git does for them. A missing file is an empty frame.
func (c *AttrChecker) fixedFrame(name string) (*attrFrame, error) {
	if f := c.fixed[name]; f != nil {
		return f, nil
	}
	f := &attrFrame{}
	if name != "" {
		data, ok := c.readAttrFile(name, true)
		if ok {
			f.rules = parseAttrFile(data, parseOptions{source: name, macrosOK: true, warn: c.warnFunc()})
		}
	}
	c.fixed[name] = f
	return f, nil
}

func (c *AttrChecker) warnFunc() func(string) {
	return func(s string) { c.warnings = append(c.warnings, s) }
}

// dirFrame reads the .gitattributes of directory dir: the work-tree file, or the
// index's copy when the work tree has none git can open.
func (c *AttrChecker) dirFrame(dir string) (*attrFrame, error) {
	if f := c.frames[dir]; f != nil {
		return f, nil
	}
	rel := ".gitattributes"
	if dir != "" {
		rel = dir + "/.gitattributes"
	}
	f := &attrFrame{base: dir}
	opt := parseOptions{source: rel, macrosOK: dir == "", warn: c.warnFunc()}
	data, ok := c.readAttrFile(filepath.Join(c.src.WorkTree, filepath.FromSlash(rel)), false)
	if !ok && c.src.IndexBlob != nil {
		blob, found, err := c.src.IndexBlob(rel)
		if err != nil {
			return nil, fmt.Errorf("read %s from the index: %w", rel, err)
		}
		switch {
		case !found:
		case len(blob) >= maxAttrFile:
			c.warn("ignoring overly large gitattributes blob '%s'", rel)
		default:
			data, ok = blob, true
			opt.fromIndex = true
		}
	}
	if ok {
		f.rules = parseAttrFile(data, opt)
	}
	c.frames[dir] = f
	return f, nil
}

// readAttrFile reads an attribute file the way git opens it. ok false means git
// gets no file there (missing, a symbolic link where links are not followed, too
// large, unreadable), which for a .gitattributes makes git try the index. A
// directory is read as empty, as git's read of it fails at once; a FIFO, socket
// or device, which could block git, is skipped with a warning.
func (c *AttrChecker) readAttrFile(name string, follow bool) (data []byte, ok bool) {
	stat := os.Lstat
	if follow {
		stat = os.Stat
	}
	fi, err := stat(name)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) && !isNotDir(err) {
			c.warn("unable to access '%s': %v", name, unwrapPathError(err))
		}
		return nil, false
	}
	switch {
	case fi.Mode()&fs.ModeSymlink != 0:
		c.warn("unable to access '%s': too many levels of symbolic links", name)
		return nil, false
	case fi.IsDir():
		return nil, true
	case !fi.Mode().IsRegular():
		c.warn("ignoring '%s': not a regular file", name)
		return nil, true
	case fi.Size() >= maxAttrFile:
		c.warn("ignoring overly large gitattributes file '%s'", name)
		return nil, false
	}
	f, err := os.Open(name)
	if err != nil {
		c.warn("unable to access '%s': %v", name, unwrapPathError(err))
		return nil, false
	}
	defer f.Close()
	// The file may have been swapped since the stat: read it only if it is the same.
	if fi2, err := f.Stat(); err != nil || !os.SameFile(fi, fi2) {
		c.warn("unable to access '%s': changed while being read", name)
		return nil, false
	}
	data, err = io.ReadAll(io.LimitReader(f, maxAttrFile))
	if err != nil {
		c.warn("unable to read '%s': %v", name, unwrapPathError(err))
		return nil, true
	}
	if len(data) >= maxAttrFile {
		c.warn("ignoring overly large gitattributes file '%s'", name)
		return nil, false
	}
	return data, true
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func isNotDir(err error) bool { return errors.Is(err, syscall.ENOTDIR) }
