package gitrepo

import (
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"

	"github.com/pm-tools/pm/pkg/gitrepo/internal/wildmatch"
)

// ignorePattern is one line of an ignore file (.gitignore, info/exclude, core.excludesFile), read
// and matched as git's dir.c reads and matches it, with git's wildmatch: go-git's patterns glob
// with path.Match, which knows neither "[!…]" nor "[[:digit:]]" nor git's reading of "***", and so
// missed paths git add refuses as ignored.
type ignorePattern struct {
	text     string   // the pattern, without a leading "!" or a trailing "/"
	base     string   // the folder of the file it comes from ("" for the root and the global files)
	dir      []string // base's names
	nowild   int      // length of the leading part of text without glob characters
	negative bool     // "!pattern": a path it matches is not ignored
	dirOnly  bool     // "pattern/": matches folders only
	noDir    bool     // no "/" in text: matched against the last name of a path, at any depth
	endsWith bool     // "*literal": a suffix test is enough
	fold     bool     // core.ignorecase: ASCII case is ignored
}

// newIgnorePattern parses a line of an ignore file in folder domain (parse_path_pattern); the caller
// has left out empty lines and comments and cut the line's trailing spaces (trimTrailingSpaces).
func newIgnorePattern(line string, domain []string, fold bool) *ignorePattern {
	p := &ignorePattern{base: strings.Join(domain, "/"), dir: slices.Clone(domain), fold: fold}
	if strings.HasPrefix(line, "!") {
		p.negative, line = true, line[1:]
	}
	if strings.HasSuffix(line, "/") {
		p.dirOnly, line = true, line[:len(line)-1]
	}
	p.text = line
	p.noDir = !strings.Contains(line, "/")
	p.nowild = len(line)
	if i := strings.IndexAny(line, `*?[\`); i >= 0 {
		p.nowild = i
	}
	p.endsWith = strings.HasPrefix(line, "*") && !strings.ContainsAny(line[1:], `*?[\`)
	return p
}

// Match reports how the pattern decides path (its names from the root), a folder when isDir.
func (p *ignorePattern) Match(path []string, isDir bool) gitignore.MatchResult {
	if len(path) <= len(p.dir) || (p.dirOnly && !isDir) {
		return gitignore.NoMatch
	}
	// A file's patterns apply below its folder only (git reads it on entering the folder), not to
	// the folder itself.
	for i, name := range p.dir {
		if !p.equal(path[i], name) {
			return gitignore.NoMatch
		}
	}
	var matched bool
	if p.noDir {
		matched = p.matchBasename(path[len(path)-1])
	} else {
		matched = p.matchPathname(strings.Join(path, "/"))
	}
	switch {
	case !matched:
		return gitignore.NoMatch
	case p.negative:
		return gitignore.Include
	}
	return gitignore.Exclude
}

func (p *ignorePattern) flags() wildmatch.Flags {
	if p.fold {
		return wildmatch.CaseFold
	}
	return 0
}

// matchBasename is git's match_basename.
func (p *ignorePattern) matchBasename(name string) bool {
	switch {
	case p.nowild == len(p.text):
		return p.equal(p.text, name)
	case p.endsWith:
		suffix := p.text[1:]
		return len(suffix) <= len(name) && p.equal(suffix, name[len(name)-len(suffix):])
	}
	return wildmatch.Match(p.text, name, p.flags())
}

// matchPathname is git's match_pathname: the pattern is relative to its file's folder.
func (p *ignorePattern) matchPathname(path string) bool {
	pat, prefix := p.text, p.nowild
	if strings.HasPrefix(pat, "/") {
		pat, prefix = pat[1:], prefix-1
	}
	base := p.base
	if len(path) < len(base)+1 || (base != "" && path[len(base)] != '/') || !p.equal(path[:len(base)], base) {
		return false
	}
	name := path
	if base != "" {
		name = path[len(base)+1:]
	}
	if prefix > 0 {
		if prefix > len(name) || !p.equal(pat[:prefix], name[:prefix]) {
			return false
		}
		pat, name = pat[prefix:], name[prefix:]
		if pat == "" && name == "" {
			return true
		}
	}
	return wildmatch.Match(pat, name, p.flags()|wildmatch.Pathname)
}

// equal compares two paths as fspathncmp does: byte for byte, or ignoring ASCII case under fold.
func (p *ignorePattern) equal(a, b string) bool {
	if !p.fold {
		return a == b
	}
	return equalFoldASCII(a, b)
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// trimTrailingSpaces cuts the spaces that end line unless a backslash quotes them, as git's
// trim_trailing_spaces does.
func trimTrailingSpaces(line string) string {
	lastSpace := -1
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case ' ':
			if lastSpace < 0 {
				lastSpace = i
			}
		case '\\':
			i++
			if i == len(line) {
				return line
			}
			lastSpace = -1
		default:
			lastSpace = -1
		}
	}
	if lastSpace >= 0 {
		return line[:lastSpace]
	}
	return line
}
