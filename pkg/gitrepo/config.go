package gitrepo

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// configEntry is one variable assignment from a git config file, in file order.
type configEntry struct {
	key     string // section[.subsection].name; section and name lower-cased
	value   string
	noValue bool // "name" alone on its line: true as a boolean
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

// boolean returns key as a git boolean, def when unset or unparsable.
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

// parseBool parses git's boolean spellings.
func parseBool(s string) (value, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "yes", "on", "1":
		return true, true
	case "false", "no", "off", "0", "":
		return false, true
	}
	if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
		return n != 0, true
	}
	return false, false
}

// loadConfig reads the configuration git would use in this repository:
// system, global, repository, worktree, then GIT_CONFIG_COUNT parameters.
func (r *Repo) loadConfig(env Env) (*gitConfig, error) {
	c := &gitConfig{}
	add := func(file string) error {
		entries, err := readConfigFile(file, env, 0)
		if err != nil {
			return err
		}
		c.entries = append(c.entries, entries...)
		return nil
	}
	for _, f := range configFiles(env) {
		if err := add(f); err != nil {
			return nil, err
		}
	}
	if err := add(filepath.Join(r.commonDir, "config")); err != nil {
		return nil, err
	}
	if c.boolean("extensions.worktreeconfig", false) {
		if err := add(filepath.Join(r.gitDir, "config.worktree")); err != nil {
			return nil, err
		}
	}
	if err := addEnvConfig(c, env); err != nil {
		return nil, err
	}
	return c, nil
}

// configFiles lists the system and global config files, lowest priority first.
func configFiles(env Env) []string {
	var files []string
	if v := env("GIT_CONFIG_NOSYSTEM"); v == "" || isFalse(v) {
		files = append(files, systemConfig(env))
	}
	if g := env("GIT_CONFIG_GLOBAL"); g != "" {
		return append(files, expandHome(g, env))
	}
	if xdg := env("XDG_CONFIG_HOME"); xdg != "" {
		files = append(files, filepath.Join(xdg, "git", "config"))
	} else if home := env("HOME"); home != "" {
		files = append(files, filepath.Join(home, ".config", "git", "config"))
	}
	if home := env("HOME"); home != "" {
		files = append(files, filepath.Join(home, ".gitconfig"))
	}
	return files
}

func systemConfig(env Env) string {
	if s := env("GIT_CONFIG_SYSTEM"); s != "" {
		return s
	}
	return "/etc/gitconfig"
}

func isFalse(s string) bool {
	b, ok := parseBool(s)
	return ok && !b
}

// addEnvConfig appends GIT_CONFIG_COUNT / GIT_CONFIG_KEY_<n> / GIT_CONFIG_VALUE_<n>.
func addEnvConfig(c *gitConfig, env Env) error {
	countStr := env("GIT_CONFIG_COUNT")
	if countStr == "" {
		return nil
	}
	count, err := strconv.Atoi(countStr)
	if err != nil || count < 0 {
		return fmt.Errorf("GIT_CONFIG_COUNT=%q is not a count; fix or unset it", countStr)
	}
	for i := 0; i < count; i++ {
		key := env(fmt.Sprintf("GIT_CONFIG_KEY_%d", i))
		if key == "" {
			return fmt.Errorf("GIT_CONFIG_KEY_%d is missing although GIT_CONFIG_COUNT=%d", i, count)
		}
		c.entries = append(c.entries, configEntry{key: normalizeKey(key), value: env(fmt.Sprintf("GIT_CONFIG_VALUE_%d", i))})
	}
	return nil
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

// expandHome expands a leading "~/" with $HOME.
func expandHome(p string, env Env) string {
	if strings.HasPrefix(p, "~/") {
		if home := env("HOME"); home != "" {
			return filepath.Join(home, p[2:])
		}
	}
	return p
}

// readConfigFile parses one config file, following include.path (not
// includeIf). A missing file yields nothing.
func readConfigFile(file string, env Env, depth int) ([]configEntry, error) {
	data, err := os.ReadFile(file)
	if errors.Is(err, os.ErrNotExist) || errors.Is(err, os.ErrPermission) {
		// git, too, only warns about a config file it may not read.
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read git config %s: %w", file, err)
	}
	entries, err := parseConfig(string(data))
	if err != nil {
		return nil, fmt.Errorf("git config %s: %w; fix the file", file, err)
	}
	var out []configEntry
	for _, e := range entries {
		out = append(out, e)
		if e.key != "include.path" || e.noValue || e.value == "" {
			continue
		}
		if depth >= 10 {
			return nil, fmt.Errorf("git config %s: include nested more than 10 deep", file)
		}
		inc := expandHome(e.value, env)
		if !filepath.IsAbs(inc) {
			inc = filepath.Join(filepath.Dir(file), inc)
		}
		sub, err := readConfigFile(inc, env, depth+1)
		if err != nil {
			return nil, err
		}
		out = append(out, sub...)
	}
	return out, nil
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
				out = append(out, configEntry{key: section + "." + name, noValue: true})
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
			out = append(out, configEntry{key: section + "." + name, value: value})
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
