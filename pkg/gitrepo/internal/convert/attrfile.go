package convert

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/pm-tools/pm/pkg/gitrepo/internal/wildmatch"
)

// Limits git puts on attribute files: a longer line is ignored with a warning, a
// larger file is not read at all.
const (
	maxAttrLine = 2048
	maxAttrFile = 100 << 20
)

// State says how an attribute is given for a path.
type State uint8

// The states of an attribute, as gitattributes(5) names them.
const (
	// Unspecified: no pattern gave the attribute a value, or "!attr" took it back.
	Unspecified State = iota
	// Set: "attr" alone.
	Set
	// Unset: "-attr".
	Unset
	// Valued: "attr=value"; the value may be empty.
	Valued
)

// Value is the state of one attribute for a path, with its text when Valued.
type Value struct {
	State State
	Text  string
}

// String prints the value the way `git check-attr` does: "set", "unset",
// "unspecified" or the text itself.
func (v Value) String() string {
	switch v.State {
	case Set:
		return "set"
	case Unset:
		return "unset"
	case Valued:
		return v.Text
	}
	return "unspecified"
}

// pattern flags, as git's parse_path_pattern sets them.
const (
	patNoDir     = 1 << iota // no slash: match the basename at any depth
	patEndsWith              // "*literal": a suffix test is enough
	patMustBeDir             // trailing slash: matches directories only, so never a file
	patNegative              // leading '!': refused in attribute files
)

type pathPattern struct {
	text   string
	nowild int // length of the leading part without glob characters
	flags  int
}

type attrAssign struct {
	name  string
	value Value
}

// attrRule is one line of an attribute file: a pattern or a macro definition and
// the assignments that follow it, in file order.
type attrRule struct {
	macro   string // the macro defined, when this line is "[attr]name ..."
	pattern pathPattern
	assigns []attrAssign
}

// parseOptions say where the lines come from.
type parseOptions struct {
	source     string // file name, for warnings
	macrosOK   bool   // only the root, info, global and system files may define macros
	fromIndex  bool   // lines come from an index blob: no BOM or CR stripping, cut at the first NUL
	warn       func(string)
	lineOffset int
}

// splitAttrLines cuts data into the lines git hands to its line parser. From a
// file git reads with getline, which drops "\n" or "\r\n" and keeps the bytes after
// a NUL (which the C string then hides); a blob from the index is one C string,
// so everything after its first NUL is gone.
func splitAttrLines(data []byte, fromIndex bool) []string {
	if fromIndex {
		if i := bytes.IndexByte(data, 0); i >= 0 {
			data = data[:i]
		}
	}
	var lines []string
	for len(data) > 0 {
		var line []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
			if !fromIndex && len(line) > 0 && line[len(line)-1] == '\r' {
				line = line[:len(line)-1]
			}
		} else {
			line, data = data, nil
		}
		if !fromIndex {
			if j := bytes.IndexByte(line, 0); j >= 0 {
				line = line[:j]
			}
		}
		lines = append(lines, string(line))
	}
	if !fromIndex && len(lines) > 0 {
		lines[0] = strings.TrimPrefix(lines[0], "\xef\xbb\xbf")
	}
	return lines
}

// parseAttrFile parses the content of one attribute file. Bad lines are skipped
// with a warning, as git skips them; nothing here fails.
func parseAttrFile(data []byte, opt parseOptions) []attrRule {
	var rules []attrRule
	for i, line := range splitAttrLines(data, opt.fromIndex) {
		if r, ok := parseAttrLine(line, i+1, opt); ok {
			rules = append(rules, r)
		}
	}
	return rules
}

const attrBlank = " \t\r\n"

func isAttrBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func skipBlank(s string) string {
	i := 0
	for i < len(s) && isAttrBlank(s[i]) {
		i++
	}
	return s[i:]
}

func tokenLen(s string) int {
	if i := strings.IndexAny(s, attrBlank); i >= 0 {
		return i
	}
	return len(s)
}

// validAttrName reports whether name may be an attribute: [-A-Za-z0-9_.], not
// starting with '-'.
func validAttrName(name string) bool {
	if name == "" || name[0] == '-' {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c == '-' || c == '.' || c == '_' || (c >= '0' && c <= '9') || isLower(c) || isUpper(c)) {
			return false
		}
	}
	return true
}

func parseAttrLine(line string, lineno int, opt parseOptions) (attrRule, bool) {
	warn := func(format string, args ...any) {
		if opt.warn != nil {
			opt.warn(fmt.Sprintf(format, args...))
		}
	}
	cp := skipBlank(line)
	if cp == "" || cp[0] == '#' {
		return attrRule{}, false
	}
	if len(line) >= maxAttrLine {
		warn("ignoring overly long attributes line %d in %s", lineno, opt.source)
		return attrRule{}, false
	}
	var name, states string
	if unq, rest, ok := unquoteC(cp); ok {
		name, states = unq, rest
	} else {
		n := tokenLen(cp)
		name, states = cp[:n], cp[n:]
	}
	var r attrRule
	const macroPrefix = "[attr]"
	if len(name) > len(macroPrefix) && strings.HasPrefix(name, macroPrefix) {
		if !opt.macrosOK {
			warn("%s not allowed: %s:%d", name, opt.source, lineno)
			return attrRule{}, false
		}
		m := skipBlank(name[len(macroPrefix):])
		m = m[:tokenLen(m)]
		if !validAttrName(m) {
			warn("%s is not a valid attribute name: %s:%d", m, opt.source, lineno)
			return attrRule{}, false
		}
		r.macro = m
	}
	states = skipBlank(states)
	for states != "" {
		n := tokenLen(states)
		tok := states[:n]
		states = skipBlank(states[n:])
		a, ok := parseAssign(tok)
		if !ok {
			bad := tok
			if i := strings.IndexByte(bad, '='); i >= 0 {
				bad = bad[:i]
			}
			if bad != "" && (bad[0] == '-' || bad[0] == '!') {
				bad = bad[1:]
			}
			warn("%s is not a valid attribute name: %s:%d", bad, opt.source, lineno)
			return attrRule{}, false
		}
		r.assigns = append(r.assigns, a)
	}
	if r.macro == "" {
		r.pattern = parsePathPattern(name)
		if r.pattern.flags&patNegative != 0 {
			warn("negative patterns are ignored in git attributes (use '\\!' for a literal leading exclamation): %s:%d", opt.source, lineno)
			return attrRule{}, false
		}
	}
	return r, true
}

// parseAssign reads one "attr", "-attr", "!attr" or "attr=value" token. A prefix
// wins over a value: "-attr=x" is Unset, "!attr=x" Unspecified.
func parseAssign(tok string) (attrAssign, bool) {
	name, val, hasEq := strings.Cut(tok, "=")
	v := Value{State: Set}
	switch {
	case strings.HasPrefix(name, "-"):
		v, name = Value{State: Unset}, name[1:]
	case strings.HasPrefix(name, "!"):
		v, name = Value{State: Unspecified}, name[1:]
	case hasEq:
		v = Value{State: Valued, Text: val}
	}
	if !validAttrName(name) {
		return attrAssign{}, false
	}
	return attrAssign{name: name, value: v}, true
}

// parsePathPattern splits a pattern the way git's parse_path_pattern does. A NUL
// (possible through a quoted "\000") ends the pattern, as it ends git's C string.
func parsePathPattern(p string) pathPattern {
	if i := strings.IndexByte(p, 0); i >= 0 {
		p = p[:i]
	}
	var pat pathPattern
	if strings.HasPrefix(p, "!") {
		pat.flags |= patNegative
		p = p[1:]
	}
	n := len(p)
	if n > 0 && p[n-1] == '/' {
		n--
		pat.flags |= patMustBeDir
	}
	if !strings.Contains(p[:n], "/") {
		pat.flags |= patNoDir
	}
	pat.nowild = simpleLength(p)
	if pat.nowild > n {
		pat.nowild = n
	}
	if strings.HasPrefix(p, "*") && simpleLength(p[1:]) == len(p)-1 {
		pat.flags |= patEndsWith
	}
	pat.text = p[:n]
	return pat
}

func simpleLength(s string) int {
	for i := 0; i < len(s); i++ {
		if isGlobSpecial(s[i]) {
			return i
		}
	}
	return len(s)
}

// unquoteC reads a C-style quoted string at the start of s ("a\tb", octal
// escapes) and returns it with the rest of s after the closing quote. ok is false
// when s does not start with a well-formed quoted string; git then reads the
// pattern unquoted.
func unquoteC(s string) (unq, rest string, ok bool) {
	if s == "" || s[0] != '"' {
		return "", "", false
	}
	var b strings.Builder
	for i := 1; i < len(s); {
		c := s[i]
		i++
		switch c {
		case '"':
			return b.String(), s[i:], true
		case '\\':
		default:
			b.WriteByte(c)
			continue
		}
		if i >= len(s) {
			return "", "", false
		}
		c = s[i]
		i++
		switch c {
		case 'a':
			c = '\a'
		case 'b':
			c = '\b'
		case 'f':
			c = '\f'
		case 'n':
			c = '\n'
		case 'r':
			c = '\r'
		case 't':
			c = '\t'
		case 'v':
			c = '\v'
		case '\\', '"':
		case '0', '1', '2', '3':
			if i+1 >= len(s) || s[i] < '0' || s[i] > '7' || s[i+1] < '0' || s[i+1] > '7' {
				return "", "", false
			}
			c = (c-'0')<<6 | (s[i]-'0')<<3 | (s[i+1] - '0')
			i += 2
		default:
			return "", "", false
		}
		b.WriteByte(c)
	}
	return "", "", false
}

// matches reports whether a file at path (slash-separated, relative to the work
// tree) matches the pattern of a rule read from the attribute file of directory
// base ("" for the root and for files outside the work tree).
func (p *pathPattern) matches(path, base string, ignoreCase bool) bool {
	if p.flags&patMustBeDir != 0 {
		return false // we only ever ask about files
	}
	var flags wildmatch.Flags
	if ignoreCase {
		flags |= wildmatch.CaseFold
	}
	if p.flags&patNoDir != 0 {
		name := path[strings.LastIndexByte(path, '/')+1:]
		switch {
		case p.nowild == len(p.text):
			return pathEqual(p.text, name, ignoreCase)
		case p.flags&patEndsWith != 0:
			suffix := p.text[1:]
			return len(suffix) <= len(name) && pathEqual(suffix, name[len(name)-len(suffix):], ignoreCase)
		}
		return wildmatch.Match(p.text, name, flags)
	}
	pat, prefix := p.text, p.nowild
	if strings.HasPrefix(pat, "/") {
		pat, prefix = pat[1:], prefix-1
	}
	if len(path) < len(base)+1 || (base != "" && path[len(base)] != '/') || !pathEqual(path[:len(base)], base, ignoreCase) {
		return false
	}
	name := path
	if base != "" {
		name = path[len(base)+1:]
	}
	if prefix > 0 {
		if prefix > len(name) || !pathEqual(pat[:prefix], name[:prefix], ignoreCase) {
			return false
		}
		pat, name = pat[prefix:], name[prefix:]
		if pat == "" && name == "" {
			return true
		}
	}
	return wildmatch.Match(pat, name, flags|wildmatch.Pathname)
}

func pathEqual(a, b string, ignoreCase bool) bool {
	if ignoreCase {
		return asciiLower(a) == asciiLower(b)
	}
	return a == b
}

// asciiLower folds ASCII letters only, as strncasecmp does in the C locale git
// runs its path comparisons in.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if isUpper(s[i]) {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				b[j] = toLower(b[j])
			}
			return string(b)
		}
	}
	return s
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func isLower(c byte) bool { return c >= 'a' && c <= 'z' }
func toLower(c byte) byte {
	if isUpper(c) {
		return c + 'a' - 'A'
	}
	return c
}

// isGlobSpecial reports the bytes that make a pattern a glob rather than a literal.
func isGlobSpecial(c byte) bool { return c == '*' || c == '?' || c == '[' || c == '\\' }
