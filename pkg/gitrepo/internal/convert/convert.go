// Package convert computes the blob `git add` stores for a work-tree file: its
// gitattributes, then the clean filter, working-tree-encoding, end-of-line and
// ident conversions git applies on the way into the repository, or a refusal.
//
// AttrChecker.Lookup gives a path's attributes as `git check-attr -a` does, reading
// only the attribute files that can apply to it. Converter.ToGit then follows
// git's convert_to_git. Where pm is stricter than git, on purpose:
//   - a clean or long-running filter that fails (or answers "error" or "abort") is
//     an error even when the driver is not required: git would store the
//     unfiltered bytes, which the filter exists to keep out;
//   - working-tree-encoding is converted only for the charsets this package decodes
//     exactly as glibc's iconv (UTF-16/32, ISO-8859-*, most Windows and DOS code
//     pages, KOI8, Mac Roman, CP949, ASCII); any other name is refused.
//
// It does not import go-git: index content comes through IndexBlobFunc callbacks.
package convert

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
)

// nativeCRLF is git's NATIVE_CRLF: what core.eol=native (and no core.eol) means.
var nativeCRLF = runtime.GOOS == "windows"

// AutoCRLF is core.autocrlf.
type AutoCRLF uint8

// The values of core.autocrlf; the zero value is git's default, false.
const (
	AutoCRLFFalse AutoCRLF = iota
	AutoCRLFTrue
	AutoCRLFInput
)

// EOL is core.eol.
type EOL uint8

// The values of core.eol; the zero value is unset, which git reads as native.
const (
	EOLUnset EOL = iota
	EOLLF
	EOLCRLF
	EOLNative
)

// SafeCRLF is core.safecrlf.
type SafeCRLF uint8

// The values of core.safecrlf; the zero value is git's default, warn.
const (
	SafeCRLFWarn SafeCRLF = iota
	SafeCRLFTrue
	SafeCRLFFalse
)

// Driver is the configuration of one filter.<driver>.
type Driver struct {
	// Clean is filter.<driver>.clean, a shell command; "" for none.
	Clean string
	// Process is filter.<driver>.process, a long-running filter; "" for none.
	Process string
	// ProcessSet says filter.<driver>.process is present even if empty: git then
	// ignores Clean.
	ProcessSet bool
	// Required is filter.<driver>.required.
	Required bool
}

// Config is the part of git's configuration that conversion reads.
type Config struct {
	AutoCRLF AutoCRLF
	EOL      EOL
	SafeCRLF SafeCRLF
	// CheckRoundtripEncoding is core.checkRoundtripEncoding; nil means git's default,
	// "SHIFT-JIS".
	CheckRoundtripEncoding *string
	// Drivers holds every driver with at least one filter.<driver>.* key, by name. A
	// filter attribute naming a driver not in this map is no filter, as in git.
	Drivers map[string]Driver
	// WorkTree is the directory filters run in: the root of the work tree.
	WorkTree string
	// Env is the environment of filter commands; nil means this process's.
	Env []string
	// Environ, when set, gives the environment of filter commands in place of Env. It is asked only
	// when a filter is about to run, since what git adds to it (its exec path) costs a process to
	// learn.
	Environ func() []string
}

// Result is what `git add` would store, and what it would print on the way.
type Result struct {
	// Data is the blob content. It is the input slice itself when nothing changed.
	Data []byte
	// Warnings are the lines git prints after "warning: ", in order.
	Warnings []string
}

// Converter converts files on their way into the repository. It keeps one
// process per long-running filter command until Close. Its methods may be called
// from one goroutine at a time.
type Converter struct {
	cfg   Config
	mu    sync.Mutex
	procs map[string]*filterProcess
}

// NewConverter returns a converter for cfg.
func NewConverter(cfg Config) *Converter {
	return &Converter{cfg: cfg, procs: map[string]*filterProcess{}}
}

// ErrFilter marks a failure of a clean or long-running filter, or a required
// filter that has nothing to run. pm refuses to store the file then, where git
// would store the unfiltered bytes of a non-required filter.
var ErrFilter = errors.New("clean filter failed")

// ToGit returns the blob `git add <path>` stores for content, the work-tree bytes
// of the regular file at path (slash-separated, relative to the work tree), whose
// attributes are attrs (nil for none). indexBlob gives the index's blob for path,
// if any, for git's rule that text=auto keeps the CRLFs of a file already stored
// with them; nil means the index has none.
//
// The steps are git's: the clean filter (or long-running process), then
// working-tree-encoding to UTF-8, then CRLF to LF, then $Id$ collapsing. Any error
// means git would refuse the file, or that pm does (a failing filter); nothing is
// stored then.
func (c *Converter) ToGit(path string, content []byte, attrs *Attributes, indexBlob IndexBlobFunc) (Result, error) {
	cfg := &c.cfg
	var res Result
	data := content

	if drv, name, ok := c.driverFor(attrs); ok {
		out, err := c.clean(path, data, name, drv)
		if err != nil {
			return Result{}, err
		}
		data = out
	}

	enc, err := encodingFor(attrs)
	if err != nil {
		return Result{}, fmt.Errorf("%s: %w", path, err)
	}
	if enc != "" && len(data) > 0 {
		out, err := encodeToGit(path, data, enc, cfg.roundtrip())
		if err != nil {
			return Result{}, err
		}
		data = out
	}

	out, warnings, err := cfg.crlfToGit(path, data, resolveCRLF(attrs, cfg), indexBlob)
	if err != nil {
		return Result{}, err
	}
	data = out
	res.Warnings = warnings

	if attrs.Get("ident").State == Set {
		data = identToGit(data)
	}
	res.Data = data
	return res, nil
}

// driverFor returns the configured driver the filter attribute names.
func (c *Converter) driverFor(attrs *Attributes) (Driver, string, bool) {
	v := attrs.Get("filter")
	if v.State != Valued {
		return Driver{}, "", false
	}
	drv, ok := c.cfg.Drivers[v.Text]
	return drv, v.Text, ok
}

func (cfg *Config) roundtrip() string {
	if cfg.CheckRoundtripEncoding == nil {
		return "SHIFT-JIS"
	}
	return *cfg.CheckRoundtripEncoding
}

// WorkTreeEncoding is the encoding the work-tree file is kept in by its
// working-tree-encoding attribute: "" for UTF-8 (or none).
func WorkTreeEncoding(attrs *Attributes) (string, error) { return encodingFor(attrs) }

// encodingFor reads working-tree-encoding: "" when the content is to be stored
// as it is.
func encodingFor(attrs *Attributes) (string, error) {
	v := attrs.Get("working-tree-encoding")
	switch v.State {
	case Set:
		return "", errors.New("true/false are no valid working-tree-encodings")
	case Valued:
		if v.Text == "" || sameEncoding(v.Text, "UTF-8") {
			return "", nil
		}
		return v.Text, nil
	}
	return "", nil
}
