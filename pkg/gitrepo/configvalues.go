package gitrepo

import (
	"fmt"
	"math"
	"strings"
)

// git reads each configuration value through the parser of its kind (config.c's git_config_bool,
// git_config_int, git_config_string, …) and dies on one that does not parse: `git commit` with
// commit.gpgsign = maybe stops with "bad boolean config value 'maybe' for 'commit.gpgsign'" (exit
// 128) and commits nothing. A lenient default where git is strict would make pm commit where git
// refuses, so before a commit pm checks every value it relies on as git would read it (checkValues),
// and refuses with the key, the value and where it is set.
//
// Most of these keys git reads in a callback that sees every assignment in order (git_default_config,
// git_commit_config, the identity's and the filters' configuration): an invalid value is fatal even
// when a later one overrides it. The others git looks up in its configuration set when it needs them,
// where only the last value counts (last).

// valueKind is how git parses a configuration value.
type valueKind int

const (
	kindBool             valueKind = iota // git_config_bool
	kindBoolOrInt                         // git_config_bool_or_int
	kindInt                               // git_config_int
	kindString                            // git_config_string, git_config_pathname: a value must be given
	kindAutoCRLF                          // core.autocrlf: "input" or a boolean
	kindSafeCRLF                          // core.safecrlf: "warn" or a boolean
	kindLogAllRefUpdates                  // core.logallrefupdates: "always" or a boolean
	kindCommentChar                       // core.commentchar: "auto" or one byte
	kindCleanup                           // commit.cleanup: a string, and (last value) a mode git knows
)

// valueRule is how git reads one key: its kind, and whether only its last value is read.
type valueRule struct {
	kind valueKind
	last bool
}

// commitValueRules is how git reads the keys of `git commit --only <path>` that pm relies on (and
// the few others of git's own commit configuration). A switch, not a map: nothing is built when the
// package loads.
func commitValueRules(key string) (valueRule, bool) {
	switch key {
	// builtin/commit.c, git_commit_config
	case "commit.gpgsign", "commit.status":
		return valueRule{kind: kindBool}, true
	case "commit.verbose":
		return valueRule{kind: kindBoolOrInt}, true
	case "commit.template":
		return valueRule{kind: kindString}, true
	case "commit.cleanup":
		return valueRule{kind: kindCleanup}, true
	// config.c, git_default_core_config and git_default_i18n_config
	case "core.filemode", "core.trustctime", "core.ignorecase", "core.ignorestat", "core.sparsecheckout",
		"core.sparsecheckoutcone", "core.usereplacerefs":
		return valueRule{kind: kindBool}, true
	case "core.autocrlf":
		return valueRule{kind: kindAutoCRLF}, true
	case "core.safecrlf":
		return valueRule{kind: kindSafeCRLF}, true
	case "core.logallrefupdates":
		return valueRule{kind: kindLogAllRefUpdates}, true
	case "core.commentchar":
		return valueRule{kind: kindCommentChar}, true
	case "core.hookspath", "core.attributesfile", "core.excludesfile", "i18n.commitencoding":
		return valueRule{kind: kindString}, true
	// advice.c, git_default_advice_config
	case "advice.ignoredhook":
		return valueRule{kind: kindBool}, true
	// repo-settings.c, read-cache.c: looked up when needed
	case "feature.manyfiles", "index.recordendofindexentries", "index.recordoffsettable", "index.skiphash":
		return valueRule{kind: kindBool, last: true}, true
	case "index.version":
		return valueRule{kind: kindInt, last: true}, true
	case "index.threads":
		return valueRule{kind: kindBoolOrInt, last: true}, true
	// run-command.c, run_auto_maintenance: git commit dies of it once the commit is made; pm refuses
	// before
	case "maintenance.auto":
		return valueRule{kind: kindBool, last: true}, true
	}
	return valueRule{}, false
}

// commitValueRule is the rule git reads key by in a commit: commitValueRules, the identity's keys
// (identValueRule) and the filter drivers' (convert.c, read_convert_config).
func commitValueRule(key string) (valueRule, bool) {
	if r, ok := commitValueRules(key); ok {
		return r, true
	}
	if r, ok := identValueRule(key); ok {
		return r, true
	}
	if _, name, ok := splitSubsection(key, "filter"); ok {
		switch name {
		case "clean", "smudge", "process":
			return valueRule{kind: kindString}, true
		case "required":
			return valueRule{kind: kindBool}, true
		}
	}
	return valueRule{}, false
}

// identValueRule is the rule git reads an identity key by (ident.c, git_ident_config).
func identValueRule(key string) (valueRule, bool) {
	switch key {
	case "user.useconfigonly":
		return valueRule{kind: kindBool}, true
	case "user.name", "user.email", "author.name", "author.email", "committer.name", "committer.email":
		return valueRule{kind: kindString}, true
	}
	return valueRule{}, false
}

// checkValues refuses the first value, in the order git reads them, that git would not read by the
// rule for its key: the error names the key, the value and where it is set.
func (c *gitConfig) checkValues(rule func(key string) (valueRule, bool)) error {
	lastAt := map[string]int{}
	for i, e := range c.entries {
		lastAt[e.key] = i
	}
	for i, e := range c.entries {
		r, ok := rule(e.key)
		if !ok || r.last && lastAt[e.key] != i {
			continue
		}
		problem := r.kind.problem(e)
		if problem == "" && r.kind == kindCleanup && lastAt[e.key] == i && !e.noValue && !isCleanupMode(e.value) {
			// the mode is judged once the configuration is read: a bad one overridden is no error
			problem = fmt.Sprintf("invalid cleanup mode '%s' for '%s' (git knows default, verbatim, whitespace, strip and scissors)", e.value, e.key)
		}
		if problem == "" {
			continue
		}
		if e.origin == "" {
			return fmt.Errorf("git config on the command line (GIT_CONFIG_PARAMETERS or GIT_CONFIG_COUNT): %s, which git refuses too; fix or unset it", problem)
		}
		return fmt.Errorf("git config %s: line %d: %s, which git refuses too; fix the file", e.origin, e.line, problem)
	}
	return nil
}

// problem says what git finds wrong with e's value read as k, "" when nothing.
func (k valueKind) problem(e configEntry) string {
	switch k {
	case kindBool:
		if !e.noValue {
			if _, ok := parseBool(e.value); !ok {
				return fmt.Sprintf("bad boolean config value '%s' for '%s'", e.value, e.key)
			}
		}
	case kindAutoCRLF, kindSafeCRLF, kindLogAllRefUpdates:
		word := map[valueKind]string{kindAutoCRLF: "input", kindSafeCRLF: "warn", kindLogAllRefUpdates: "always"}[k]
		if !e.noValue && !strings.EqualFold(e.value, word) {
			if _, ok := parseBool(e.value); !ok {
				return fmt.Sprintf("bad boolean config value '%s' for '%s' (%s, or a boolean)", e.value, e.key, word)
			}
		}
	case kindBoolOrInt:
		if e.noValue {
			return ""
		}
		switch asciiLower(e.value) {
		case "true", "yes", "on", "false", "no", "off", "":
			return ""
		}
		if _, problem := parseGitInt(e.value, math.MaxInt32); problem != "" {
			return fmt.Sprintf("bad numeric config value '%s' for '%s': %s", e.value, e.key, problem)
		}
	case kindInt:
		if _, problem := parseGitInt(e.value, math.MaxInt32); problem != "" {
			return fmt.Sprintf("bad numeric config value '%s' for '%s': %s", e.value, e.key, problem)
		}
	case kindString, kindCleanup:
		if e.noValue {
			return fmt.Sprintf("missing value for '%s'", e.key)
		}
	case kindCommentChar:
		switch {
		case e.noValue:
			return fmt.Sprintf("missing value for '%s'", e.key)
		case strings.EqualFold(e.value, "auto"), len(e.value) == 1:
			return ""
		default:
			// one byte, as git 2.39 takes it: a letter of two bytes in UTF-8 is refused as well
			return fmt.Sprintf("core.commentChar should only be one character, not '%s'", e.value)
		}
	}
	return ""
}

// isCleanupMode reports whether git knows mode as a commit.cleanup value (sequencer.c,
// get_cleanup_mode, which compares them as they are written).
func isCleanupMode(mode string) bool {
	switch mode {
	case "default", "verbatim", "whitespace", "strip", "scissors":
		return true
	}
	return false
}

// parseGitInt reads an integer as git's git_parse_signed does: C's strtoimax in base 0 (leading
// blanks, a sign, 0x for hexadecimal, 0 for octal), then an optional unit k, m or g (in any case),
// within ±max. It returns the value, or git's reason it is none: "invalid unit" or "out of range".
func parseGitInt(s string, max int64) (int64, string) {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] >= '\t' && s[i] <= '\r') {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	base := uint64(10)
	switch {
	case i+2 < len(s) && s[i] == '0' && (s[i+1] == 'x' || s[i+1] == 'X') && digitValue(s[i+2]) < 16:
		base = 16
		i += 2
	case i < len(s) && s[i] == '0':
		base = 8
	}
	start := i
	var mag uint64
	overflow := false
	for ; i < len(s); i++ {
		d := uint64(digitValue(s[i]))
		if d >= base {
			break
		}
		if mag > (math.MaxUint64-d)/base {
			overflow = true
		} else {
			mag = mag*base + d
		}
	}
	if i == start {
		return 0, "invalid unit" // no digits: EINVAL, which git words so
	}
	if overflow || !neg && mag > math.MaxInt64 || neg && mag > 1<<63 {
		return 0, "out of range"
	}
	var factor int64
	switch asciiLower(s[i:]) {
	case "":
		factor = 1
	case "k":
		factor = 1 << 10
	case "m":
		factor = 1 << 20
	case "g":
		factor = 1 << 30
	default:
		return 0, "invalid unit"
	}
	var v int64
	if neg {
		v = int64(-mag) // mag ≤ 1<<63: wraps to the least int64 exactly when it is 1<<63
	} else {
		v = int64(mag)
	}
	if v < 0 && -max/factor > v || v > 0 && max/factor < v {
		return 0, "out of range"
	}
	return v * factor, ""
}

// digitValue is the value of c as a digit in bases up to 36; 99 when it is none.
func digitValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10
	}
	return 99
}
