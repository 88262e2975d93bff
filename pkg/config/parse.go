package config

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/fold"
	"github.com/pm-tools/pm/pkg/internal/lazy"
	"github.com/pm-tools/pm/pkg/sla"

	_ "time/tzdata" // zone names in .pm.yaml work without the machine's zone database
)

// Keys accepted at each level, in the order the messages list them.
var (
	topKeys        = []string{"dir", "language", "timezone", "holidays", "meeting_sla", "action_item_deadline", "stale_days", "repo_url", "customer_liaison", "mail", "lint", "services", "tags", "contributing_factors", "slack", "timeline", "site"}
	slackKeys      = []string{"workspace_url"}
	timelineKeys   = []string{"todo_words"}
	mailKeys       = []string{"from", "to", "cc"}
	holidayKeys    = []string{"country", "dates"}
	lintKeys       = []string{"rules", "max_action_items", "banned_words"}
	bannedWordKeys = []string{"word", "suggest", "sections"}
	termKeys       = []string{"name", "description", "aliases"}
)

// Values accepted for the keys with a fixed choice.
var (
	languages  = []string{"en", "ja"}
	severities = []string{SeverityOff, SeverityWarning, SeverityError}
)

// Upper bounds of the numbers, far above any sensible value; they keep a
// typo from turning into a deadline centuries away.
const (
	maxSLADays     = 365
	maxActionDays  = 3650
	maxStaleDays   = 3650
	maxActionItems = 1000
)

// Parse validates the content of a settings file and returns the settings,
// with defaults for the keys it leaves out. path is only used in messages
// and in Config.Path. Empty data, or data holding only comments, gives the
// defaults. Errors are *Error values.
func Parse(path string, data []byte) (*Config, error) {
	p := &parser{path: path, data: data}
	if p.path == "" {
		p.path = FileName
	}
	if len(data) > maxFileSize {
		return nil, p.errorAt(0, "config.too-large", maxFileSize>>10)
	}
	root, err := p.document()
	if err != nil {
		return nil, err
	}
	cfg := Default()
	cfg.Path = path
	if root == nil {
		return cfg, nil
	}
	if err := p.noAliases(root); err != nil {
		return nil, err
	}
	if err := p.top(root, cfg); err != nil {
		return nil, err
	}
	return cfg, nil
}

// parser validates one settings file and fills in a Config.
type parser struct {
	path string // for messages
	data []byte
}

// errorf is an *Error at n's line with the catalogue message id formatted with args.
func (p *parser) errorf(n *yaml.Node, id string, args ...any) error {
	return p.errorAt(n.Line, id, args...)
}

// errorAt is errorf at a line number (0 for the file as a whole).
func (p *parser) errorAt(line int, id string, args ...any) error {
	return NewError(p.path, line, i18n.M(id, args...))
}

// document parses the YAML and returns its top mapping, or nil when the file
// holds no value at all.
func (p *parser) document() (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(p.data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, p.yamlError(err)
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case errors.Is(err, io.EOF):
	case err != nil:
		return nil, p.yamlError(err)
	default:
		return nil, p.errorf(&next, "config.second-document")
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	root := doc.Content[0]
	if isNull(root) {
		return nil, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, p.errorf(root, "config.not-mapping", describe(root))
	}
	return root, nil
}

var (
	yamlLine      = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`^yaml: line (\d+): (.*)$`) }}
	unknownAnchor = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`^yaml: unknown anchor '(.*)' referenced$`) }}
)

// zeroBasedProblems are the problems yaml.v3 reports from its parser stage;
// for those, unlike the scanner's, the line it prints counts from 0.
var zeroBasedProblems = lazy.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{
		"did not find expected <stream-start>":   true,
		"did not find expected <document start>": true,
		"did not find expected node content":     true,
		"did not find expected '-' indicator":    true,
		"did not find expected key":              true,
		"did not find expected ',' or ']'":       true,
		"did not find expected ',' or '}'":       true,
		"found undefined tag handle":             true,
		"found duplicate %YAML directive":        true,
		"found incompatible YAML document":       true,
		"found duplicate %TAG directive":         true,
	}
}}

// yamlError turns an error of the YAML parser into an *Error at the line the
// parser gave, counted from 1. The parser leaves the line out when it is the
// first one.
func (p *parser) yamlError(err error) error {
	msg := strings.Join(strings.Fields(err.Error()), " ") // one line
	if m := yamlLine.Get().FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		if zeroBasedProblems.Get()[m[2]] {
			line++
		}
		// At the end of the input the parser points past the last line.
		line = min(line, max(1, bytes.Count(bytes.TrimRight(p.data, "\n"), []byte("\n"))+1))
		return p.errorAt(line, "config.yaml", m[2])
	}
	if m := unknownAnchor.Get().FindStringSubmatch(msg); m != nil {
		line := p.lineOf("*" + m[1])
		return p.errorAt(line, "config.no-anchor", m[1])
	}
	return p.errorAt(1, "config.yaml", strings.TrimPrefix(msg, "yaml: "))
}

// lineOf returns the first line holding s, or 1.
func (p *parser) lineOf(s string) int {
	sc := bufio.NewScanner(bytes.NewReader(p.data))
	sc.Buffer(nil, maxFileSize+1)
	for line := 1; sc.Scan(); line++ {
		if strings.Contains(sc.Text(), s) {
			return line
		}
	}
	return 1
}

// noAliases rejects every alias in the tree. Aliases are of no use in a
// short settings file, and refusing them rules out documents that expand
// exponentially (a "billion laughs").
func (p *parser) noAliases(n *yaml.Node) error {
	if n.Kind == yaml.AliasNode {
		return p.errorf(n, "config.alias", n.Value)
	}
	for _, c := range n.Content {
		if err := p.noAliases(c); err != nil {
			return err
		}
	}
	return nil
}

func (p *parser) top(n *yaml.Node, cfg *Config) error {
	return p.pairs(n, "", func(k, v *yaml.Node) error {
		switch k.Value {
		case "dir":
			return p.dir(v, cfg)
		case "language":
			return p.language(v, cfg)
		case "timezone":
			return p.timezone(v, cfg)
		case "holidays":
			return p.holidays(v, cfg)
		case "meeting_sla":
			return p.severityDays(v, "meeting_sla", cfg.MeetingSLA, maxSLADays)
		case "action_item_deadline":
			return p.severityDays(v, "action_item_deadline", cfg.ActionItemDeadline, maxActionDays)
		case "stale_days":
			days, set, err := p.integer(v, "stale_days", 1, maxStaleDays, false)
			if set {
				cfg.StaleDays = days
			}
			return err
		case "lint":
			return p.lint(v, cfg)
		case "repo_url":
			s, set, err := p.str(v, "repo_url")
			if set {
				if !linkBase(s) {
					return p.errorf(v, "config.repo-url", clip(s))
				}
				cfg.RepoURL = strings.TrimRight(s, "/")
			}
			return err
		case "customer_liaison":
			s, set, err := p.str(v, "customer_liaison")
			if set {
				if _, perr := ParseAddress(s); perr != nil {
					return p.errorf(v, "config.customer-liaison", clip(s))
				}
				cfg.CustomerLiaison = s
			}
			return err
		case "mail":
			return p.mail(v, cfg)
		case "services":
			return p.vocabulary(v, k.Value, &cfg.Vocabulary.Services)
		case "tags":
			return p.vocabulary(v, k.Value, &cfg.Vocabulary.Tags)
		case "contributing_factors":
			return p.vocabulary(v, k.Value, &cfg.Vocabulary.ContributingFactors)
		case "slack":
			return p.slack(v, cfg)
		case "timeline":
			return p.timeline(v, cfg)
		case "site":
			return p.site(v, cfg)
		}
		return p.unknown(k, "", topKeys)
	})
}

// linkBase reports whether s is an absolute http(s) address a document's path can follow in a
// message's link: with a host, and nothing a reader's client would cut the link at or read otherwise
// (a space or a control character, double quotes, angle brackets, a backslash; a query or a fragment,
// which the path would be written after).
func linkBase(s string) bool {
	if strings.ContainsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r) || strings.ContainsRune("\"<>\\^`{|}", r)
	}) {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && u.Opaque == "" &&
		u.RawQuery == "" && !u.ForceQuery && u.Fragment == "" && !strings.HasSuffix(s, "#")
}

func (p *parser) slack(v *yaml.Node, cfg *Config) error {
	if set, err := p.mapping(v, "slack"); err != nil || !set {
		return err
	}
	return p.pairs(v, "slack", func(k, val *yaml.Node) error {
		if k.Value != "workspace_url" {
			return p.unknown(k, "slack", slackKeys)
		}
		s, set, err := p.str(val, "slack.workspace_url")
		if err != nil || !set {
			return err
		}
		if u, perr := url.Parse(s); perr != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
			strings.Trim(u.Path, "/") != "" || u.RawQuery != "" || u.Fragment != "" {
			return p.errorf(val, "config.slack-url", clip(s))
		}
		cfg.Slack.WorkspaceURL = strings.TrimRight(s, "/")
		return nil
	})
}

func (p *parser) timeline(v *yaml.Node, cfg *Config) error {
	if set, err := p.mapping(v, "timeline"); err != nil || !set {
		return err
	}
	return p.pairs(v, "timeline", func(k, val *yaml.Node) error {
		if k.Value != "todo_words" {
			return p.unknown(k, "timeline", timelineKeys)
		}
		list, set, err := p.stringList(val, "timeline.todo_words")
		if err != nil || !set {
			return err
		}
		cfg.Timeline.TodoWords = list
		return nil
	})
}

func (p *parser) mail(v *yaml.Node, cfg *Config) error {
	if set, err := p.mapping(v, "mail"); err != nil || !set {
		return err
	}
	address := func(n *yaml.Node, key, s string) error {
		a, err := ParseAddress(s)
		if err != nil {
			return p.errorf(n, "config.mail-address", key, clip(s))
		}
		// the domain is written in ASCII (IDNA) in the .eml; a local part in other letters cannot be
		if at := strings.LastIndexByte(a.Address, '@'); at >= 0 && strings.IndexFunc(a.Address[:at], func(r rune) bool { return r > 0x7e }) >= 0 {
			return p.errorf(n, "config.mail-local-part", key, clip(s))
		}
		return nil
	}
	return p.pairs(v, "mail", func(k, val *yaml.Node) error {
		switch k.Value {
		case "from":
			s, set, err := p.str(val, "mail.from")
			if err != nil || !set {
				return err
			}
			if err := address(val, "from", s); err != nil {
				return err
			}
			cfg.Mail.From = s
			return nil
		case "to", "cc":
			list, set, err := p.stringList(val, "mail."+k.Value)
			if err != nil || !set {
				return err
			}
			for _, s := range list {
				if err := address(val, k.Value, s); err != nil {
					return err
				}
			}
			if k.Value == "to" {
				cfg.Mail.To = list
			} else {
				cfg.Mail.Cc = list
			}
			return nil
		}
		return p.unknown(k, "mail", mailKeys)
	})
}

func (p *parser) dir(v *yaml.Node, cfg *Config) error {
	s, set, err := p.str(v, "dir")
	if err != nil || !set {
		return err
	}
	clean, problem := cleanDir(s)
	if problem != "" {
		return p.errorf(v, problem, clip(s))
	}
	cfg.Dir = clean
	return nil
}

// cleanDir checks that dir names a folder inside the repository and returns
// it cleaned, or the catalogue id of the message saying what is wrong with it
// (a message about the dir key, taking the value).
func cleanDir(dir string) (clean, problem string) {
	switch {
	case strings.TrimSpace(dir) == "":
		return "", "config.dir.empty"
	case strings.Contains(dir, `\`):
		return "", "config.dir.backslash"
	case strings.HasPrefix(dir, "/") || filepath.IsAbs(dir) || filepath.VolumeName(dir) != "" || isDrive(dir):
		return "", "config.dir.absolute"
	}
	if slices.Contains(strings.Split(dir, "/"), "..") {
		return "", "config.dir.parent"
	}
	clean = path.Clean(dir)
	if clean == ".git" || strings.HasPrefix(clean, ".git/") {
		return "", "config.dir.git"
	}
	return clean, ""
}

// isDrive reports whether dir starts with a Windows drive letter such as "C:",
// so that a file written on one system is judged the same on all.
func isDrive(dir string) bool {
	return len(dir) >= 2 && dir[1] == ':' && ('a' <= dir[0] && dir[0] <= 'z' || 'A' <= dir[0] && dir[0] <= 'Z')
}

func (p *parser) language(v *yaml.Node, cfg *Config) error {
	s, set, err := p.str(v, "language")
	if err != nil || !set {
		return err
	}
	lang := strings.ToLower(strings.TrimSpace(s))
	if !slices.Contains(languages, lang) {
		return p.errorf(v, "config.language", clip(s), i18n.Or(languages))
	}
	cfg.Language, cfg.LanguageSet = lang, true
	return nil
}

func (p *parser) timezone(v *yaml.Node, cfg *Config) error {
	s, set, err := p.str(v, "timezone")
	if err != nil || !set {
		return err
	}
	if strings.TrimSpace(s) == "" {
		return p.errorf(v, "config.timezone-empty")
	}
	loc, err := time.LoadLocation(s)
	if err != nil {
		return p.errorf(v, "config.timezone", clip(s))
	}
	cfg.Timezone = s
	cfg.Location = loc
	return nil
}

func (p *parser) holidays(v *yaml.Node, cfg *Config) error {
	if set, err := p.mapping(v, "holidays"); err != nil || !set {
		return err
	}
	return p.pairs(v, "holidays", func(k, v *yaml.Node) error {
		switch k.Value {
		case "country":
			return p.country(v, cfg)
		case "dates":
			return p.dates(v, cfg)
		}
		return p.unknown(k, "holidays", holidayKeys)
	})
}

func (p *parser) country(v *yaml.Node, cfg *Config) error {
	s, set, err := p.str(v, "holidays.country")
	if err != nil || !set {
		return err
	}
	code := strings.ToUpper(strings.TrimSpace(s))
	if code != "" && !slices.Contains(sla.Countries(), code) {
		return p.errorf(v, "config.country", clip(s), strings.Join(sla.Countries(), ", "))
	}
	cfg.HolidayCountry = code
	return nil
}

func (p *parser) dates(v *yaml.Node, cfg *Config) error {
	items, set, err := p.list(v, "holidays.dates")
	if err != nil || !set {
		return err
	}
	var dates []time.Time
	first := make(map[time.Time]int, len(items))
	for _, it := range items {
		// A plain 2026-12-29 is a YAML timestamp, a quoted one a string;
		// either way the text must be exactly a date.
		d, err := time.Parse(time.DateOnly, it.Value)
		if it.Kind != yaml.ScalarNode || isNull(it) || err != nil {
			return p.errorf(it, "config.date", describe(it))
		}
		if line, dup := first[d]; dup {
			return p.errorf(it, "config.date-twice", it.Value, line)
		}
		first[d] = it.Line
		dates = append(dates, d)
	}
	cfg.HolidayDates = dates
	return nil
}

// severityDays reads a mapping of severity to a number of days into days, over its defaults: "off"
// removes a severity's entry.
func (p *parser) severityDays(v *yaml.Node, key string, days map[string]int, most int) error {
	if set, err := p.mapping(v, key); err != nil || !set {
		return err
	}
	first := make(map[string]int)
	return p.pairs(v, key, func(k, v *yaml.Node) error {
		sev, ok := normalizeSeverity(k.Value)
		if !ok {
			return p.errorf(k, "config.sla-severity", key, clip(k.Value))
		}
		if line, dup := first[sev]; dup {
			return p.errorf(k, "config.sla-repeat", key, clip(k.Value), sev, line)
		}
		first[sev] = k.Line
		if v.Kind == yaml.ScalarNode && v.ShortTag() == "!!str" && strings.EqualFold(strings.TrimSpace(v.Value), "off") {
			delete(days, sev)
			return nil
		}
		n, set, err := p.integer(v, key+"."+clip(k.Value), 0, most, true)
		if set {
			days[sev] = n
		}
		return err
	})
}

func (p *parser) lint(v *yaml.Node, cfg *Config) error {
	if set, err := p.mapping(v, "lint"); err != nil || !set {
		return err
	}
	return p.pairs(v, "lint", func(k, v *yaml.Node) error {
		switch k.Value {
		case "rules":
			return p.rules(v, cfg)
		case "max_action_items":
			n, set, err := p.integer(v, "lint.max_action_items", 1, maxActionItems, false)
			if set {
				cfg.Lint.MaxActionItems = n
			}
			return err
		case "banned_words":
			return p.bannedWords(v, cfg)
		}
		return p.unknown(k, "lint", lintKeys)
	})
}

func (p *parser) rules(v *yaml.Node, cfg *Config) error {
	if set, err := p.mapping(v, "lint.rules"); err != nil || !set {
		return err
	}
	return p.pairs(v, "lint.rules", func(k, v *yaml.Node) error {
		id := k.Value
		if strings.TrimSpace(id) == "" {
			return p.errorf(k, "config.rule-empty")
		}
		sev := strings.ToLower(strings.TrimSpace(v.Value))
		if v.Kind != yaml.ScalarNode || isNull(v) || !slices.Contains(severities, sev) {
			return p.errorf(v, "config.rule-severity", clip(id), strings.Join(severities, ", "), describe(v))
		}
		cfg.Lint.Rules[id] = RuleSetting{Severity: sev, Line: k.Line}
		return nil
	})
}

func (p *parser) bannedWords(v *yaml.Node, cfg *Config) error {
	const key = "lint.banned_words"
	items, set, err := p.list(v, key)
	if err != nil || !set {
		return err
	}
	words := make([]BannedWord, 0, len(items))
	first := make(map[string]int, len(items))
	for _, it := range items {
		if it.Kind != yaml.MappingNode {
			return p.errorf(it, "config.banned-entry", key, strings.Join(bannedWordKeys, ", "), describe(it))
		}
		bw, err := p.bannedWord(it)
		if err != nil {
			return err
		}
		folded := strings.ToLower(bw.Word)
		if line, dup := first[folded]; dup {
			return p.errorf(it, "config.banned-twice", key, clip(bw.Word), line)
		}
		first[folded] = bw.Line
		words = append(words, bw)
	}
	cfg.Lint.BannedWords = words
	return nil
}

func (p *parser) bannedWord(n *yaml.Node) (BannedWord, error) {
	const key = "lint.banned_words"
	bw := BannedWord{Line: n.Line}
	err := p.pairs(n, key, func(k, v *yaml.Node) error {
		var err error
		switch k.Value {
		case "word":
			var s string
			s, _, err = p.str(v, key+".word")
			bw.Word = strings.TrimSpace(s)
			bw.Line = k.Line
		case "suggest":
			bw.Suggest, _, err = p.stringList(v, key+".suggest")
		case "sections":
			var set bool
			bw.Sections, set, err = p.stringList(v, key+".sections")
			if err == nil && set && len(bw.Sections) == 0 {
				err = p.errorf(v, "config.sections-empty", key, ExternalMessageSection)
			}
			if err == nil && set {
				bw.SectionLines = make([]int, len(bw.Sections))
				for i := range bw.Sections {
					bw.SectionLines[i] = v.Content[i].Line
				}
			}
		default:
			err = p.unknown(k, key, bannedWordKeys)
		}
		return err
	})
	if err != nil {
		return bw, err
	}
	if bw.Word == "" {
		return bw, p.errorf(n, "config.no-word", key)
	}
	if bw.Sections == nil {
		bw.Sections = []string{ExternalMessageSection}
	}
	return bw, nil
}

// vocabulary reads the values allowed for a metadata field: a list whose entries are a name, or a
// mapping of name, description and aliases. A name or alias may stand for one term only, compared
// without regard to case or Unicode form (fold.Key), since lint and the filters match values that way.
func (p *parser) vocabulary(v *yaml.Node, key string, terms *[]Term) error {
	items, set, err := p.list(v, key)
	if err != nil || !set {
		return err
	}
	out := make([]Term, 0, len(items))
	first := make(map[string]int, len(items))
	claim := func(n *yaml.Node, s string) error {
		folded := fold.Key(s)
		if line, dup := first[folded]; dup {
			return p.errorf(n, "config.banned-twice", key, clip(s), line)
		}
		first[folded] = n.Line
		return nil
	}
	for _, it := range items {
		t := Term{Line: it.Line}
		switch {
		case it.Kind == yaml.ScalarNode && !isNull(it):
			t.Name = strings.TrimSpace(it.Value)
			if t.Name == "" {
				return p.errorf(it, "config.term-entry", key, strings.Join(termKeys, ", "), describe(it))
			}
			if err := claim(it, t.Name); err != nil {
				return err
			}
		case it.Kind == yaml.MappingNode:
			err := p.pairs(it, key, func(k, v *yaml.Node) error {
				switch k.Value {
				case "name":
					s, _, err := p.str(v, key+".name")
					t.Name = strings.TrimSpace(s)
					if err == nil && t.Name != "" {
						err = claim(v, t.Name)
					}
					return err
				case "description":
					s, _, err := p.str(v, key+".description")
					t.Description = strings.TrimSpace(s)
					return err
				case "aliases":
					list, _, err := p.stringList(v, key+".aliases")
					if err != nil {
						return err
					}
					for i, a := range list {
						if err := claim(v.Content[i], a); err != nil {
							return err
						}
					}
					t.Aliases = list
					return nil
				}
				return p.unknown(k, key, termKeys)
			})
			if err != nil {
				return err
			}
			if t.Name == "" {
				return p.errorf(it, "config.term-no-name", key)
			}
		default:
			return p.errorf(it, "config.term-entry", key, strings.Join(termKeys, ", "), describe(it))
		}
		out = append(out, t)
	}
	if len(out) > 0 {
		*terms = out
	}
	return nil
}

// pairs calls fn with each key and value of the mapping n, found at where
// ("" for the top level), after checking that the key is a plain scalar not
// seen before in n.
func (p *parser) pairs(n *yaml.Node, where string, fn func(k, v *yaml.Node) error) error {
	first := make(map[string]int, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			if where == "" {
				return p.errorf(k, "config.key-kind", describe(k))
			}
			return p.errorf(k, "config.key-kind-in", where, describe(k))
		}
		if line, dup := first[k.Value]; dup {
			if where == "" {
				return p.errorf(k, "config.duplicate", clip(k.Value), line)
			}
			return p.errorf(k, "config.duplicate-in", clip(k.Value), where, line)
		}
		first[k.Value] = k.Line
		if err := fn(k, v); err != nil {
			return err
		}
	}
	return nil
}

func (p *parser) unknown(k *yaml.Node, where string, known []string) error {
	if where == "" {
		return p.errorf(k, "config.unknown-key", clip(k.Value), strings.Join(known, ", "))
	}
	return p.errorf(k, "config.unknown-key-in", clip(k.Value), where, strings.Join(known, ", "))
}

// The value readers below return set=false, and no error, for an empty
// (null) value: writing a key with no value keeps its default.

func (p *parser) str(v *yaml.Node, key string) (s string, set bool, err error) {
	if isNull(v) {
		return "", false, nil
	}
	if v.Kind != yaml.ScalarNode {
		return "", false, p.errorf(v, "config.string", key, describe(v))
	}
	return v.Value, true, nil
}

// integer reads a whole number from lo to hi; orOff says, for the message,
// that the caller also accepts "off".
func (p *parser) integer(v *yaml.Node, key string, lo, hi int, orOff bool) (n int, set bool, err error) {
	if isNull(v) {
		return 0, false, nil
	}
	if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!int" || v.Decode(&n) != nil || n < lo || n > hi {
		if orOff {
			return 0, false, p.errorf(v, "config.integer-or-off", key, lo, hi, describe(v))
		}
		return 0, false, p.errorf(v, "config.integer", key, lo, hi, describe(v))
	}
	return n, true, nil
}

func (p *parser) list(v *yaml.Node, key string) (items []*yaml.Node, set bool, err error) {
	if isNull(v) {
		return nil, false, nil
	}
	if v.Kind != yaml.SequenceNode {
		return nil, false, p.errorf(v, "config.list", key, describe(v))
	}
	return v.Content, true, nil
}

// stringList reads a list of non-empty strings, trimmed.
func (p *parser) stringList(v *yaml.Node, key string) (out []string, set bool, err error) {
	items, set, err := p.list(v, key)
	if err != nil || !set {
		return nil, set, err
	}
	out = make([]string, 0, len(items))
	for _, it := range items {
		s := strings.TrimSpace(it.Value)
		if it.Kind != yaml.ScalarNode || isNull(it) || s == "" {
			return nil, false, p.errorf(it, "config.string-item", key, describe(it))
		}
		out = append(out, s)
	}
	return out, true, nil
}

func (p *parser) mapping(v *yaml.Node, key string) (set bool, err error) {
	if isNull(v) {
		return false, nil
	}
	if v.Kind != yaml.MappingNode {
		return false, p.errorf(v, "config.mapping", key, describe(v))
	}
	return true, nil
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// describe names what a node holds, for "want X, got Y" messages.
func describe(n *yaml.Node) i18n.Msg {
	switch n.Kind {
	case yaml.MappingNode:
		return i18n.M("config.kind.mapping")
	case yaml.SequenceNode:
		return i18n.M("config.kind.list")
	case yaml.AliasNode:
		return i18n.M("config.kind.alias")
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return i18n.M("config.kind.null")
		case "!!int", "!!float", "!!bool", "!!timestamp":
			// An explicit tag (!!int "1\n2") can put any text here: quote what is not plain.
			if v := clip(n.Value); !strings.ContainsFunc(v, func(r rune) bool { return !unicode.IsPrint(r) }) {
				return i18n.M("config.kind.value", v)
			}
			return i18n.M("config.kind.value", fmt.Sprintf("%q", clip(n.Value)))
		}
		return i18n.M("config.kind.string", clip(n.Value))
	}
	return i18n.M("config.kind.unknown")
}

// clip shortens a value from the file for a message.
func clip(s string) string {
	const limit = 40
	if r := []rune(s); len(r) > limit {
		return string(r[:limit]) + "…"
	}
	return s
}

// ParseAddress reads an address of .pm.yaml, "Name <email>" or "email", as git reads an identity and
// pm meeting --attendee reads one: the name is the text before the brackets, whatever it holds
// ("Kim Lee, CS <kim@example.com>" and "Ana (SRE) <ana@…>" need no quotes; quotes around it are
// taken off).
func ParseAddress(s string) (*mail.Address, error) {
	s = strings.TrimSpace(s)
	open := strings.LastIndexByte(s, '<')
	if open < 0 || !strings.HasSuffix(s, ">") {
		return mail.ParseAddress(s)
	}
	addr, err := mail.ParseAddress(s[open:])
	if err != nil {
		return nil, err
	}
	name := strings.TrimSpace(s[:open])
	if addr.Name != "" || strings.ContainsAny(name, "<>\r\n\x00") {
		return nil, errors.New("mail: a name with angle brackets or line breaks in it")
	}
	if len(name) >= 2 && name[0] == '"' && name[len(name)-1] == '"' {
		if q, err := mail.ParseAddress(name + " <a@b>"); err == nil {
			name = q.Name
		}
	}
	return &mail.Address{Name: name, Address: addr.Address}, nil
}
