package gitrepo

import (
	"errors"
	"fmt"
	"github.com/pm-tools/pm/pkg/fsutil"
	"math"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/pm-tools/pm/pkg/gitrepo/internal/wildmatch"
)

// pm reads git's configuration as git does (config.c), in order, later values winning:
//
//   - the system file ($GIT_CONFIG_SYSTEM, else /etc/gitconfig), unless GIT_CONFIG_NOSYSTEM is true;
//   - the global files: $GIT_CONFIG_GLOBAL alone when set, else $XDG_CONFIG_HOME/git/config (or
//     ~/.config/git/config) and then ~/.gitconfig, both;
//   - the repository's config (<common dir>/config), then <git dir>/config.worktree with
//     extensions.worktreeConfig;
//   - the command line: GIT_CONFIG_COUNT/GIT_CONFIG_KEY_<n>/GIT_CONFIG_VALUE_<n>, then
//     GIT_CONFIG_PARAMETERS (what `git -c` passes on).
//
// Wherever they are, include.path and includeIf.<condition>.path read another file at that point,
// ~ expanded, relative to the including file (a relative include on the command line is an error),
// a missing file skipped, ten levels deep at most (deeper, as in a cycle, is an error naming the
// file). The conditions:
//
//   - gitdir:<pattern> and gitdir/i:<pattern> (case-insensitive): the git directory matches the
//     glob, tried resolved through symlinks and then as git names it. "~/" is the (resolved) home,
//     "./" the including file's folder; a pattern not starting with "/" gets "**/" in front, one
//     ending in "/" gets "**" after;
//   - onbranch:<pattern>: the branch HEAD is on matches (a trailing "/" gets "**");
//   - hasconfig:remote.*.url:<pattern>: some remote.<name>.url anywhere in the configuration
//     matches. To find the URLs, git reads the whole configuration once more with every such
//     condition true, and refuses a remote URL in any file included through includeIf then.
//
// Any other condition is false. Globs are matched as wildmatch does with WM_PATHNAME.

// configEntry is one variable assignment, in the order git reads them.
type configEntry struct {
	key     string // section[.subsection].name; section and name lower-cased
	value   string
	noValue bool   // "name" alone on its line: true as a boolean
	origin  string // the file it was read from, named as git names it; "" for the command line
	line    int    // the line of origin it ends on, as git counts for its messages; 0 for the command line
}

// gitConfig is the merged configuration: entries from lowest to highest
// priority, so the last assignment of a key wins, as in git.
type gitConfig struct {
	entries []configEntry
}

// get returns the last value of key.
func (c *gitConfig) get(key string) (string, bool) {
	for i := len(c.entries) - 1; i >= 0; i-- {
		if c.entries[i].key == key {
			return c.entries[i].value, true
		}
	}
	return "", false
}

// boolean returns key as a git boolean, def when unset or unparsable (a commit first refuses a value
// git would not parse: see checkValues).
func (c *gitConfig) boolean(key string, def bool) bool {
	for i := len(c.entries) - 1; i >= 0; i-- {
		e := c.entries[i]
		if e.key != key {
			continue
		}
		if e.noValue {
			return true
		}
		if b, ok := parseBool(e.value); ok {
			return b
		}
		return def
	}
	return def
}

// parseBool parses a boolean as git_parse_maybe_bool does: true, yes, on, false, no, off (in any
// case) or nothing, else an integer as git_config_int reads it (nonzero is true). Blanks around a
// word count ("true " is no boolean), as in git.
func parseBool(s string) (value, ok bool) {
	switch asciiLower(s) {
	case "true", "yes", "on":
		return true, true
	case "false", "no", "off", "":
		return false, true
	}
	if n, problem := parseGitInt(s, math.MaxInt32); problem == "" {
		return n != 0, true
	}
	return false, false
}

func isFalse(s string) bool {
	b, ok := parseBool(s)
	return ok && !b
}

// loadConfig reads the configuration git would use in this repository.
func (r *Repo) loadConfig(env Env) (*gitConfig, error) {
	return readGitConfig(r.layout, env)
}

// readGitConfig reads the configuration of a layout (see above).
func readGitConfig(l Layout, env Env) (*gitConfig, error) {
	if env == nil {
		env = noEnv
	}
	cfg := &gitConfig{}
	rd := &configReader{env: env, layout: l}
	err := rd.sequence(func(e configEntry) error {
		cfg.entries = append(cfg.entries, e)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return cfg, nil
}

// maxIncludeDepth is how deeply git lets config files include one another.
const maxIncludeDepth = 10

// configReader reads the configuration sources, following includes.
type configReader struct {
	env    Env
	layout Layout
	depth  int

	// collecting is the pass that gathers remote URLs for hasconfig:remote.*.url, in which every
	// such condition is true and a file included through includeIf may set no remote URL.
	collecting bool
	urls       []string
	urlsRead   bool
}

// emitFunc receives each entry read.
type emitFunc func(configEntry) error

// configFileSource is a config file to read: name as git names it, path where it is.
type configFileSource struct {
	name, path string
	eaccesOK   bool // a file git may not read is skipped silently
}

// files lists the config files in the order git reads them.
func (rd *configReader) files() []configFileSource {
	env, cwd := rd.env, rd.layout.cwd
	var out []configFileSource
	if !isTrue(env("GIT_CONFIG_NOSYSTEM")) {
		sys := env("GIT_CONFIG_SYSTEM")
		if sys == "" {
			sys = "/etc/gitconfig"
		}
		out = append(out, configFileSource{name: sys, path: absFrom(cwd, sys)})
	}
	if g := env("GIT_CONFIG_GLOBAL"); g != "" {
		out = append(out, configFileSource{name: g, path: absFrom(cwd, g), eaccesOK: true})
	} else {
		home := env("HOME")
		if xdg := env("XDG_CONFIG_HOME"); xdg != "" {
			p := filepath.Join(xdg, "git", "config")
			out = append(out, configFileSource{name: p, path: absFrom(cwd, p), eaccesOK: true})
		} else if home != "" {
			p := filepath.Join(home, ".config", "git", "config")
			out = append(out, configFileSource{name: p, path: absFrom(cwd, p), eaccesOK: true})
		}
		if home != "" {
			p := filepath.Join(home, ".gitconfig")
			out = append(out, configFileSource{name: p, path: absFrom(cwd, p), eaccesOK: true})
		}
	}
	if rd.layout.CommonDir != "" {
		p := filepath.Join(rd.layout.CommonDir, "config")
		out = append(out, configFileSource{name: p, path: p})
		if rd.layout.worktreeConfig {
			p := filepath.Join(rd.layout.GitDir, "config.worktree")
			out = append(out, configFileSource{name: p, path: p})
		}
	}
	return out
}

// sequence reads every source in order, passing each entry, and each entry of the files it
// includes, to fn.
func (rd *configReader) sequence(fn emitFunc) error {
	for _, f := range rd.files() {
		if err := rd.readFile(f, fn); err != nil {
			return err
		}
	}
	cmdline, err := commandLineConfig(rd.env)
	if err != nil {
		return err
	}
	for _, e := range cmdline {
		if err := rd.emit(e, fn); err != nil {
			return err
		}
	}
	return nil
}

// readFile reads one config file; a missing one has no entries.
func (rd *configReader) readFile(f configFileSource, fn emitFunc) error {
	data, err := fsutil.ReadRegular(f.path) // never a named pipe: pm does not block where git would
	if err != nil && isNullDevice(f.path) {
		// GIT_CONFIG_GLOBAL=/dev/null (a CI's way to leave out the user's configuration): git reads
		// it as an empty file
		return nil
	}
	if errors.Is(err, os.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) || f.eaccesOK && errors.Is(err, os.ErrPermission) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read git config %s: %w", f.name, err)
	}
	entries, err := parseConfig(string(data))
	if err != nil {
		return fmt.Errorf("git config %s: %w; fix the file", f.name, err)
	}
	for _, e := range entries {
		e.origin = f.name
		if err := rd.emit(e, fn); err != nil {
			return err
		}
	}
	return nil
}

// emit passes an entry on, then reads what it includes.
func (rd *configReader) emit(e configEntry, fn emitFunc) error {
	if err := fn(e); err != nil {
		return err
	}
	if e.key == "include.path" {
		return rd.include(e, fn)
	}
	cond, name, ok := splitSubsection(e.key, "includeif")
	if !ok {
		return nil
	}
	match, err := rd.condition(cond, e.origin)
	if err != nil || !match || name != "path" {
		return err
	}
	if rd.collecting {
		fn = forbidRemoteURL(e)
	}
	return rd.include(e, fn)
}

// forbidRemoteURL refuses a remote URL in what the includeIf entry inc includes, in the pass that
// collects remote URLs: git allows none there (it could change which files that pass includes).
func forbidRemoteURL(inc configEntry) emitFunc {
	return func(e configEntry) error {
		if isRemoteURL(e.key) {
			return fmt.Errorf("git config %s: a file included through includeIf (here %s = %s) may not set %s "+
				"once includeIf.hasconfig:remote.*.url is used, and git refuses this too; move the URL to another file",
				e.origin, inc.key, inc.value, e.key)
		}
		return nil
	}
}

// isRemoteURL reports whether key is remote.<name>.url.
func isRemoteURL(key string) bool {
	_, name, ok := splitSubsection(key, "remote")
	return ok && name == "url"
}

// splitSubsection splits "<section>.<subsection>.<name>" for the given section.
func splitSubsection(key, section string) (sub, name string, ok bool) {
	rest, ok := strings.CutPrefix(key, section+".")
	if !ok {
		return "", "", false
	}
	dot := strings.LastIndexByte(rest, '.')
	if dot < 0 {
		return "", "", false
	}
	return rest[:dot], rest[dot+1:], true
}

// include reads the file an include.path or includeIf.*.path entry names.
func (rd *configReader) include(e configEntry, fn emitFunc) error {
	if e.noValue {
		return fmt.Errorf("git config %s: missing value for '%s'", originName(e.origin), e.key)
	}
	p, err := interpolatePath(e.value, rd.env, false)
	if err != nil {
		return fmt.Errorf("git config %s: could not expand include path %q: %w", originName(e.origin), e.value, err)
	}
	if !filepath.IsAbs(p) {
		if e.origin == "" {
			return fmt.Errorf("%s = %s: relative config includes must come from files, not the command line", e.key, e.value)
		}
		if slash := strings.LastIndexByte(e.origin, '/'); slash >= 0 {
			p = e.origin[:slash+1] + p
		}
	}
	abs := absFrom(rd.layout.cwd, p)
	if _, err := os.Stat(abs); err != nil {
		if errors.Is(err, os.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
			return nil
		}
		return fmt.Errorf("git config %s: unable to access include %s: %w", originName(e.origin), p, err)
	}
	if rd.depth >= maxIncludeDepth {
		return fmt.Errorf("git config: exceeded maximum include depth (%d) while including %s from %s; this might be due to circular includes",
			maxIncludeDepth, p, originName(e.origin))
	}
	rd.depth++
	defer func() { rd.depth-- }()
	return rd.readFile(configFileSource{name: p, path: abs}, fn)
}

// originName names where an entry came from in messages.
func originName(origin string) string {
	if origin == "" {
		return "command line"
	}
	return origin
}

// condition evaluates an includeIf condition found in origin.
func (rd *configReader) condition(cond, origin string) (bool, error) {
	if p, ok := strings.CutPrefix(cond, "gitdir:"); ok {
		return rd.gitDirMatches(p, false, origin)
	}
	if p, ok := strings.CutPrefix(cond, "gitdir/i:"); ok {
		return rd.gitDirMatches(p, true, origin)
	}
	if p, ok := strings.CutPrefix(cond, "onbranch:"); ok {
		return rd.onBranch(p), nil
	}
	if p, ok := strings.CutPrefix(cond, "hasconfig:remote.*.url:"); ok {
		if rd.collecting {
			return true, nil
		}
		urls, err := rd.remoteURLs()
		if err != nil {
			return false, err
		}
		for _, u := range urls {
			if wildmatch.Match(p, u, wildmatch.Pathname) {
				return true, nil
			}
		}
		return false, nil
	}
	return false, nil
}

// remoteURLs returns every remote.<name>.url of the configuration, read once in a pass of its own.
func (rd *configReader) remoteURLs() ([]string, error) {
	if rd.urlsRead {
		return rd.urls, nil
	}
	pass := &configReader{env: rd.env, layout: rd.layout, collecting: true}
	var urls []string
	err := pass.sequence(func(e configEntry) error {
		if isRemoteURL(e.key) && !e.noValue {
			urls = append(urls, e.value)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	rd.urls, rd.urlsRead = urls, true
	return urls, nil
}

// gitDirMatches evaluates gitdir: and gitdir/i: conditions.
func (rd *configReader) gitDirMatches(pattern string, fold bool, origin string) (bool, error) {
	if rd.layout.GitDir == "" {
		return false, nil
	}
	if expanded, err := interpolatePath(pattern, rd.env, true); err == nil {
		pattern = expanded
	} else if errors.Is(err, ErrUnsupported) {
		return false, fmt.Errorf("git config %s: includeIf gitdir:%s: %w", originName(origin), pattern, err)
	}
	prefix := 0
	switch {
	case strings.HasPrefix(pattern, "./"):
		if origin == "" {
			return false, nil // git: relative conditions must come from files (an error it only prints)
		}
		dir := filepath.Dir(realPath(absFrom(rd.layout.cwd, origin)))
		pattern = dir + pattern[1:]
		prefix = len(dir) + 1
	case !filepath.IsAbs(pattern):
		pattern = "**/" + pattern
	}
	if strings.HasSuffix(pattern, "/") {
		pattern += "**"
	}
	flags := wildmatch.Pathname
	if fold {
		flags |= wildmatch.CaseFold
	}
	matches := func(text string) bool {
		if prefix > 0 {
			if len(text) < prefix {
				return false
			}
			if fold && !strings.EqualFold(asciiLower(pattern[:prefix]), asciiLower(text[:prefix])) ||
				!fold && pattern[:prefix] != text[:prefix] {
				return false
			}
		}
		return wildmatch.Match(pattern[prefix:], text[prefix:], flags)
	}
	return matches(realPath(rd.layout.gitDirAbs)) || matches(rd.layout.gitDirAbs), nil
}

// asciiLower lower-cases ASCII letters only, as strncasecmp compares.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// onBranch evaluates onbranch: against the branch HEAD is on (none when detached).
func (rd *configReader) onBranch(pattern string) bool {
	if rd.layout.GitDir == "" {
		return false
	}
	ref, ok := headBranch(rd.layout)
	if !ok {
		return false
	}
	if strings.HasSuffix(pattern, "/") {
		pattern += "**"
	}
	return wildmatch.Match(pattern, ref, wildmatch.Pathname)
}

// headBranch returns the branch HEAD points at, following symbolic refs, without refs/heads/; the
// branch may be unborn.
func headBranch(l Layout) (string, bool) {
	name, dir := "HEAD", l.GitDir
	symbolic := false
	for i := 0; i < 5; i++ {
		target, ok := readSymref(filepath.Join(dir, filepath.FromSlash(name)))
		if !ok {
			break
		}
		name, dir, symbolic = target, l.CommonDir, true
		if strings.HasPrefix(name, "refs/worktree/") || strings.HasPrefix(name, "refs/bisect/") {
			dir = l.GitDir
		}
	}
	short, ok := strings.CutPrefix(name, "refs/heads/")
	return short, symbolic && ok
}

// readSymref reads a loose symbolic ref ("ref: <name>", or an old-style symlink into refs/).
func readSymref(file string) (string, bool) {
	fi, err := os.Lstat(file)
	if err != nil {
		return "", false
	}
	if fi.Mode()&os.ModeSymlink != 0 {
		t, err := os.Readlink(file)
		if err != nil || !strings.HasPrefix(t, "refs/") {
			return "", false
		}
		return t, true
	}
	data, err := fsutil.ReadRegular(file)
	if err != nil {
		return "", false
	}
	rest, ok := strings.CutPrefix(string(data), "ref:")
	if !ok {
		return "", false
	}
	target := strings.TrimSpace(rest)
	return target, target != ""
}

// interpolatePath expands a leading "~/" ($HOME, resolved when realHome) or "~user/" as git does.
// "%(prefix)/", which names git's installation, is ErrUnsupported.
func interpolatePath(p string, env Env, realHome bool) (string, error) {
	if strings.HasPrefix(p, "%(prefix)/") {
		return "", unsupportedf("pm cannot expand %%(prefix)/, the folder git is installed in")
	}
	if !strings.HasPrefix(p, "~") {
		return p, nil
	}
	slash := strings.IndexByte(p, '/')
	if slash < 0 {
		slash = len(p)
	}
	var home string
	if slash == 1 {
		home = env("HOME")
		if home == "" {
			return "", errors.New("HOME is not set")
		}
		if realHome {
			home = realPath(home)
		}
	} else {
		u, err := user.Lookup(p[1:slash])
		if err != nil {
			return "", err
		}
		home = u.HomeDir
	}
	return home + p[slash:], nil
}

// expandHome expands a leading "~" or "~user" as git does for path settings; p itself when it
// cannot.
func expandHome(p string, env Env) string {
	if e, err := interpolatePath(p, env, false); err == nil {
		return e
	}
	return p
}

// commandLineConfig returns the configuration given to git on its command line, as it reaches git:
// GIT_CONFIG_COUNT and its GIT_CONFIG_KEY_<n>/GIT_CONFIG_VALUE_<n> pairs, then GIT_CONFIG_PARAMETERS.
func commandLineConfig(env Env) ([]configEntry, error) {
	var out []configEntry
	if countStr := env("GIT_CONFIG_COUNT"); countStr != "" {
		count, err := strconv.ParseUint(countStr, 10, 64)
		if err != nil || count > math.MaxInt32 {
			return nil, fmt.Errorf("GIT_CONFIG_COUNT=%q is not a count; fix or unset it", countStr)
		}
		for i := 0; i < int(count); i++ {
			key := env(fmt.Sprintf("GIT_CONFIG_KEY_%d", i))
			if key == "" {
				return nil, fmt.Errorf("GIT_CONFIG_KEY_%d is missing although GIT_CONFIG_COUNT=%d", i, count)
			}
			e, err := commandLineEntry(key, env(fmt.Sprintf("GIT_CONFIG_VALUE_%d", i)), false)
			if err != nil {
				return nil, fmt.Errorf("GIT_CONFIG_KEY_%d: %w", i, err)
			}
			out = append(out, e)
		}
	}
	if params := env("GIT_CONFIG_PARAMETERS"); params != "" {
		entries, err := parseConfigParameters(params)
		if err != nil {
			return nil, fmt.Errorf("GIT_CONFIG_PARAMETERS: %w; fix or unset it", err)
		}
		out = append(out, entries...)
	}
	return out, nil
}

// commandLineEntry checks and canonicalizes a key given on the command line (git_config_parse_key):
// section and name of letters, digits and '-', the name starting with a letter, both lower-cased;
// the subsection kept as it is, without a newline.
func commandLineEntry(key, value string, noValue bool) (configEntry, error) {
	if key == "" {
		return configEntry{}, errors.New("empty config key")
	}
	last := strings.LastIndexByte(key, '.')
	if last <= 0 {
		return configEntry{}, fmt.Errorf("key does not contain a section: %s", key)
	}
	if last == len(key)-1 {
		return configEntry{}, fmt.Errorf("key does not contain variable name: %s", key)
	}
	first := strings.IndexByte(key, '.')
	b := []byte(key)
	for i, c := range b {
		if i < first || i > last {
			alnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
			if !alnum && c != '-' || i == last+1 && !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
				return configEntry{}, fmt.Errorf("invalid key: %s", key)
			}
			if c >= 'A' && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
		} else if c == '\n' {
			return configEntry{}, fmt.Errorf("invalid key (newline): %s", key)
		}
	}
	return configEntry{key: string(b), value: value, noValue: noValue}, nil
}

// parseConfigParameters parses GIT_CONFIG_PARAMETERS: shell-quoted 'key'='value' pairs (or 'key'
// alone, or old-style 'key=value') separated by white space.
func parseConfigParameters(s string) ([]configEntry, error) {
	var out []configEntry
	bogus := errors.New("bogus format")
	for s != "" {
		key, rest, more, ok := sqDequoteStep(s)
		if !ok {
			return nil, bogus
		}
		switch {
		case !more || isSpace(rest[0]):
			// old-style 'key=value', or 'key' alone
			k, v, hasValue := strings.Cut(key, "=")
			k = strings.TrimSpace(k)
			if k == "" {
				return nil, fmt.Errorf("bogus config parameter: %s", key)
			}
			e, err := commandLineEntry(k, v, !hasValue)
			if err != nil {
				return nil, err
			}
			out = append(out, e)
		case rest[0] == '=':
			rest = rest[1:]
			var e configEntry
			var err error
			switch {
			case rest != "" && rest[0] == '\'':
				var value string
				var ok bool
				value, rest, more, ok = sqDequoteStep(rest)
				if !ok || more && !isSpace(rest[0]) {
					return nil, bogus
				}
				e, err = commandLineEntry(key, value, false)
			case rest == "" || isSpace(rest[0]):
				more = rest != ""
				e, err = commandLineEntry(key, "", true)
			default:
				return nil, bogus
			}
			if err != nil {
				return nil, err
			}
			out = append(out, e)
		default:
			return nil, bogus
		}
		if !more {
			break
		}
		s = strings.TrimLeft(rest, " \t\n\v\f\r")
	}
	return out, nil
}

func isSpace(c byte) bool {
	return c == ' ' || c >= '\t' && c <= '\r'
}

// sqDequoteStep reads one single-quoted word at the start of s, where outside the quotes only \'
// and \! (followed by a reopening quote) may appear. It returns the word and, when more follows
// the closing quote, the rest.
func sqDequoteStep(s string) (word, rest string, more, ok bool) {
	if s == "" || s[0] != '\'' {
		return "", "", false, false
	}
	var b strings.Builder
	i := 1
	for {
		if i >= len(s) {
			return "", "", false, false
		}
		c := s[i]
		i++
		if c != '\'' {
			b.WriteByte(c)
			continue
		}
		if i >= len(s) {
			return b.String(), "", false, true
		}
		if s[i] == '\\' && i+2 < len(s) && (s[i+1] == '\'' || s[i+1] == '!') && s[i+2] == '\'' {
			b.WriteByte(s[i+1])
			i += 3
			continue
		}
		return b.String(), s[i:], true, true
	}
}

// normalizeKey lower-cases the section and name of "section[.sub].name".
func normalizeKey(key string) string {
	first := strings.IndexByte(key, '.')
	last := strings.LastIndexByte(key, '.')
	if first < 0 {
		return strings.ToLower(key)
	}
	return strings.ToLower(key[:first]) + key[first:last] + strings.ToLower(key[last:])
}

// parseConfig parses git config syntax: [section], [section "sub"], the old
// [section.sub], "name = value" with quotes, escapes, comments and
// backslash-newline continuations, and "name" alone.
func parseConfig(src string) ([]configEntry, error) {
	p := &configParser{src: src, line: 1}
	var out []configEntry
	section := ""
	for {
		p.skipSpace(true)
		if p.eof() {
			return out, nil
		}
		c := p.peek()
		switch {
		case c == '#' || c == ';':
			p.skipLine()
		case c == '[':
			s, err := p.sectionHeader()
			if err != nil {
				return nil, err
			}
			section = s
		case isKeyStart(c):
			if section == "" {
				return nil, p.errorf("variable outside any section")
			}
			name := p.keyName()
			p.skipSpace(false)
			if p.eof() || p.peek() == '\n' || p.peek() == '#' || p.peek() == ';' {
				p.skipLine()
				out = append(out, configEntry{key: section + "." + name, noValue: true, line: p.line})
				continue
			}
			if p.peek() != '=' {
				return nil, p.errorf("expected '=' after %q", name)
			}
			p.pos++
			value, err := p.value()
			if err != nil {
				return nil, err
			}
			out = append(out, configEntry{key: section + "." + name, value: value, line: p.line})
		default:
			return nil, p.errorf("unexpected character %q", c)
		}
	}
}

type configParser struct {
	src  string
	pos  int
	line int
}

func (p *configParser) eof() bool  { return p.pos >= len(p.src) }
func (p *configParser) peek() byte { return p.src[p.pos] }

func (p *configParser) errorf(format string, args ...any) error {
	return fmt.Errorf("line %d: %s", p.line, fmt.Sprintf(format, args...))
}

// skipSpace skips blanks, and newlines too when newlines is true.
func (p *configParser) skipSpace(newlines bool) {
	for !p.eof() {
		switch c := p.peek(); {
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			p.pos++
		case c == '\n' && newlines:
			p.pos++
			p.line++
		case c == 0xEF && p.pos == 0 && strings.HasPrefix(p.src, "\uFEFF"):
			p.pos += 3
		default:
			return
		}
	}
}

func (p *configParser) skipLine() {
	for !p.eof() && p.peek() != '\n' {
		p.pos++
	}
}

func isKeyStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isKeyChar(c byte) bool {
	return isKeyStart(c) || c >= '0' && c <= '9' || c == '-'
}

func (p *configParser) keyName() string {
	start := p.pos
	for !p.eof() && isKeyChar(p.peek()) {
		p.pos++
	}
	return strings.ToLower(p.src[start:p.pos])
}

// sectionHeader parses "[name]", `[name "sub"]` or "[name.sub]".
func (p *configParser) sectionHeader() (string, error) {
	p.pos++ // '['
	start := p.pos
	for !p.eof() && (isKeyChar(p.peek()) || p.peek() == '.') {
		p.pos++
	}
	name := strings.ToLower(p.src[start:p.pos])
	if name == "" {
		return "", p.errorf("empty section name")
	}
	if p.eof() {
		return "", p.errorf("unterminated section header")
	}
	if p.peek() == ']' {
		p.pos++
		return name, nil
	}
	p.skipSpace(false)
	if p.eof() || p.peek() != '"' {
		return "", p.errorf("bad section header")
	}
	p.pos++
	var sub strings.Builder
	for {
		if p.eof() || p.peek() == '\n' {
			return "", p.errorf("unterminated subsection name")
		}
		c := p.peek()
		p.pos++
		if c == '"' {
			break
		}
		if c == '\\' {
			if p.eof() || p.peek() == '\n' {
				return "", p.errorf("unterminated subsection name")
			}
			c = p.peek()
			p.pos++
		}
		sub.WriteByte(c)
	}
	if p.eof() || p.peek() != ']' {
		return "", p.errorf("expected ']' after subsection")
	}
	p.pos++
	return name + "." + sub.String(), nil
}

// value parses a value up to the end of its (possibly continued) line.
func (p *configParser) value() (string, error) {
	var b strings.Builder
	quoted := false
	pendingSpace := 0 // unquoted blanks, kept only if more text follows
	started := false
	for !p.eof() {
		c := p.peek()
		if c == '\n' {
			if quoted {
				return "", p.errorf("unterminated quoted value")
			}
			break
		}
		p.pos++
		switch {
		case !quoted && (c == ' ' || c == '\t' || c == '\r'):
			if started {
				pendingSpace++
				b.WriteByte(' ') // git turns unquoted blanks into spaces
			}
			continue
		case !quoted && (c == '#' || c == ';'):
			p.skipLine()
			s := b.String()
			return s[:len(s)-pendingSpace], nil
		case c == '"':
			quoted = !quoted
			started = true
			pendingSpace = 0
			continue
		case c == '\\':
			if p.eof() {
				return "", p.errorf("backslash at end of file")
			}
			e := p.peek()
			p.pos++
			switch e {
			case '\n':
				p.line++
				continue
			case '\r':
				if !p.eof() && p.peek() == '\n' {
					p.pos++
					p.line++
					continue
				}
				return "", p.errorf("bad escape")
			case 'n':
				c = '\n'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case '\\', '"':
				c = e
			default:
				return "", p.errorf("bad escape \\%c", e)
			}
		}
		started = true
		pendingSpace = 0
		b.WriteByte(c)
	}
	s := b.String()
	if pendingSpace > 0 {
		s = s[:len(s)-pendingSpace]
	}
	return s, nil
}

// isNullDevice reports whether path is the null device (/dev/null, through links or not).
func isNullDevice(path string) bool {
	fi, err := os.Stat(path)
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	null, err := os.Stat(os.DevNull)
	return err == nil && os.SameFile(fi, null)
}
