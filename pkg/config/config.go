// Package config reads and validates .pm.yaml, the settings file at the root of a postmortem repository.
package config

import (
	"errors"
	"fmt"
	"github.com/pm-tools/pm/pkg/internal/editdist"
	"github.com/pm-tools/pm/pkg/severity"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/internal/fold"
	"github.com/pm-tools/pm/pkg/internal/lazy"
	"github.com/pm-tools/pm/pkg/sla"
)

// FileName is the name of the settings file at the repository root.
const FileName = ".pm.yaml"

// Defaults of the settings that have a plain value.
const (
	defaultDir       = "postmortems"
	defaultLanguage  = "en"
	defaultStaleDays = 14
)

// DefaultMaxActionItems is the most action items a postmortem may list when
// .pm.yaml does not say (lint.max_action_items).
const DefaultMaxActionItems = 10

// ExternalMessageSection is the section written for people outside the
// company: where a banned word applies when its entry names no section, and
// the section pm message external sends.
const ExternalMessageSection = "External Message"

// Severities with a default meeting deadline, in business days after the
// incident (PagerDuty: 3 for SEV-1, 5 for SEV-2).
var defaultMeetingSLA = lazy.Value[map[string]int]{New: func() map[string]int {
	return map[string]int{"SEV-1": 3, "SEV-2": 5}
}}

// defaultActionItemDeadline is the process's deadline for the follow-ups that prevent a recurrence:
// 15 calendar days after a SEV-1, 30 after a SEV-2.
var defaultActionItemDeadline = lazy.Value[map[string]int]{New: func() map[string]int {
	return map[string]int{"SEV-1": 15, "SEV-2": 30}
}}

// Rule severities accepted under lint.rules.
const (
	SeverityOff     = "off"
	SeverityWarning = "warning"
	SeverityError   = "error"
)

// BannedWord is a word the lint flags in some sections of a postmortem, with
// the wording to use instead.
type BannedWord struct {
	Word     string   // matched case-insensitively as a whole word; latin words also as plural with "s"
	Suggest  []string // replacements to offer; may be empty
	Sections []string // section names, canonical or alias, as written in .pm.yaml
	Line     int      // line of the entry's word in the settings file, 0 for a default
	// SectionLines are the lines of Sections in the settings file (nil for a default), for a
	// message about one of them.
	SectionLines []int
}

// RuleSetting is the severity chosen for one lint rule in the settings file.
type RuleSetting struct {
	Severity string // SeverityOff, SeverityWarning or SeverityError
	Line     int    // line of the rule's key in the settings file, for messages about it
}

// Mail holds email addresses as "Name <email>" or "email".
type Mail struct {
	From string
	To   []string
	Cc   []string
}

// Lint holds the settings of the lint checks.
type Lint struct {
	// Rules maps a rule id to the severity set for it. Ids are not checked
	// here: the lint package knows them and reports unknown ones with Line.
	Rules          map[string]RuleSetting
	MaxActionItems int          // most action items a postmortem may list
	BannedWords    []BannedWord // the default list unless the file gives one
}

// Config is the content of .pm.yaml, with defaults filled in for every key
// the file leaves out.
type Config struct {
	Path string // file the settings came from, "" for defaults

	Dir      string // postmortem folder: relative to the repository root, slash-separated, cleaned, never leaving the root ("." is the root itself)
	Language string // "en" or "ja": the language of new postmortems (the team's)
	// LanguageSet reports that the file sets language; otherwise pm new writes its template in the
	// language pm speaks to the user (--lang), falling back to Language's default.
	LanguageSet bool
	Timezone    string         // IANA zone name as written in the file, "" when unset
	Location    *time.Location // zone for Timezone; time.Local when unset

	HolidayCountry string      // "" (no public holidays) or one of sla.Countries()
	HolidayDates   []time.Time // extra non-working dates at midnight UTC; only the date matters

	// MeetingSLA maps a severity ("SEV-1" to "SEV-5") to the business days
	// after the incident by which its postmortem meeting must be held.
	// Severities not in the map have no deadline.
	MeetingSLA map[string]int

	// ActionItemDeadline maps a severity to the calendar days after the incident by which its
	// action items are due when they give no Due date of their own. Severities not in the map have none.
	ActionItemDeadline map[string]int

	StaleDays int // days a non-Closed postmortem may keep its status before it is overdue

	// RepoURL is the web address documents are linked from, such as
	// https://github.com/acme/postmortems/blob/main; "" links by path.
	RepoURL string
	// CustomerLiaison ("Name <email>") is invited, as optional, to SEV-1 postmortem meetings.
	CustomerLiaison string
	// Mail holds the addresses of the internal summary email (pm message internal --format eml).
	Mail Mail

	Lint Lint

	// Vocabulary lists the values the metadata fields may take; a field with no list takes any.
	Vocabulary Vocabulary

	// Slack holds what pm timeline import needs to know of the team's Slack workspace.
	Slack Slack
	// Timeline holds the settings of pm timeline import.
	Timeline Timeline
	// Site holds the settings of pm site.
	Site Site
}

// Slack holds the settings about the team's Slack workspace.
type Slack struct {
	// WorkspaceURL is the workspace's web address (https://acme.slack.com), without a trailing
	// slash; timeline rows link to their messages' permalinks under it. "" when unset.
	WorkspaceURL string
}

// Timeline holds the settings of pm timeline import.
type Timeline struct {
	// TodoWords are the words that make a Slack message a follow-up candidate (--todos); nil when
	// the file gives none, and the importer's defaults apply.
	TodoWords []string
}

// Site holds the settings of the static website pm site builds.
type Site struct {
	// UnsafeHTML lets raw HTML written in the Markdown through to the pages; by default it is left out.
	UnsafeHTML bool
}

// Term is one value of a vocabulary: its canonical name, what it means, and other spellings that
// stand for it.
type Term struct {
	Name        string
	Description string
	Aliases     []string
	Line        int // line of the entry in the settings file
}

// Vocabulary holds the values .pm.yaml allows for the front matter fields services, tags and
// contributing_factors. A nil list means the file defines none for that field.
type Vocabulary struct {
	Services            []Term
	Tags                []Term
	ContributingFactors []Term
}

// VocabularyKeys are the front matter keys a vocabulary can be defined for, as .pm.yaml names them.
var VocabularyKeys = []string{"services", "tags", "contributing_factors"}

// Terms returns the vocabulary defined for a front matter key, nil when there is none.
func (v *Vocabulary) Terms(key string) []Term {
	switch key {
	case "services":
		return v.Services
	case "tags":
		return v.Tags
	case "contributing_factors":
		return v.ContributingFactors
	}
	return nil
}

// Canonical returns the name of the term that value stands for, by name or alias, compared without
// regard to case or Unicode form (fold.Key: café composed or decomposed), and whether there is one.
func Canonical(terms []Term, value string) (string, bool) {
	for _, t := range terms {
		if fold.Equal(t.Name, value) {
			return t.Name, true
		}
		for _, a := range t.Aliases {
			if fold.Equal(a, value) {
				return t.Name, true
			}
		}
	}
	return "", false
}

// Default returns the settings used when there is no .pm.yaml. Each call
// returns a new value that the caller may change.
func Default() *Config {
	meeting := maps.Clone(defaultMeetingSLA.Get())
	actions := maps.Clone(defaultActionItemDeadline.Get())
	return &Config{
		Dir:                defaultDir,
		Language:           defaultLanguage,
		Location:           time.Local,
		MeetingSLA:         meeting,
		ActionItemDeadline: actions,
		StaleDays:          defaultStaleDays,
		Lint: Lint{
			Rules:          map[string]RuleSetting{},
			MaxActionItems: DefaultMaxActionItems,
			BannedWords:    DefaultBannedWords(),
		},
	}
}

// DefaultBannedWords are the words flagged when .pm.yaml gives no list:
// "outage" (en) and 停止 (ja) in the External Message. Each call returns a new
// slice that the caller may change.
func DefaultBannedWords() []BannedWord {
	return []BannedWord{
		{Word: "outage", Suggest: []string{"incident", "service degradation"}, Sections: []string{ExternalMessageSection}},
		{Word: "停止", Suggest: []string{"インシデント", "サービス劣化"}, Sections: []string{ExternalMessageSection}},
	}
}

// maxFileSize bounds what Load reads and Parse accepts; a settings file is a
// few hundred bytes, so anything near this is a mistake.
const maxFileSize = 1 << 20

// Load reads FileName in the repository root. A missing file gives Default()
// and no error; a file that cannot be read gives a *ReadError, an invalid one
// an *Error.
func Load(root string) (*Config, error) {
	path := filepath.Join(root, FileName)
	if outside(root, path) {
		return nil, &ReadError{Path: path, Outside: true}
	}
	// Stat before opening: opening a named pipe would wait for a writer.
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() {
		return nil, &ReadError{Path: path}
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		if fi, lerr := os.Lstat(path); lerr == nil && fi.Mode()&os.ModeSymlink != 0 {
			// a link to nothing is a .pm.yaml meant and lost (a moved file), not no settings: the
			// team's zone, holidays and rules would be dropped without a word
			return nil, &ReadError{Path: path, Dangling: true}
		}
		return Default(), nil
	}
	if err != nil {
		return nil, &ReadError{Path: path, Err: err}
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, &ReadError{Path: path, Err: err}
	}
	if !info.Mode().IsRegular() {
		return nil, &ReadError{Path: path}
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, &ReadError{Path: path, Err: err}
	}
	return Parse(path, data)
}

// outside reports whether path, in folder root, is a symbolic link that leads out of root (followed
// to the end, or, when it leads nowhere, read as written).
func outside(root, path string) bool {
	fi, err := os.Lstat(path)
	if err != nil || fi.Mode()&os.ModeSymlink == 0 {
		return false
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return false
	}
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		if target, err = os.Readlink(path); err != nil {
			return false
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(path), target)
		}
		target = filepath.Clean(target)
		return !within(filepath.Clean(root), target) && !within(realRoot, target)
	}
	return !within(realRoot, target)
}

// within reports whether path is dir or lies under it.
func within(dir, path string) bool {
	return path == dir || strings.HasPrefix(path, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}

// Calendar returns the business-day calendar the settings describe: dates in
// Location (or Timezone, or time.Local), with the chosen public and extra
// holidays.
func (c *Config) Calendar() (*sla.Calendar, error) {
	loc := c.Location
	if loc == nil {
		loc = time.Local
		if c.Timezone != "" {
			var err error
			if loc, err = time.LoadLocation(c.Timezone); err != nil {
				return nil, fmt.Errorf("settings timezone %q: %w", c.Timezone, err)
			}
		}
	}
	return sla.NewCalendar(loc, c.HolidayCountry, c.HolidayDates)
}

// normalizeSeverity is severity.Parse as a boolean.
func normalizeSeverity(s string) (string, bool) {
	sev, err := severity.Parse(s)
	return sev, err == nil
}

// Error is a problem found in a settings file. Its message is one line:
// "path:line: what is wrong", or "path: what is wrong" when no line applies.
type Error struct {
	Path string   // file name as given to Parse (FileName when none was given)
	Line int      // 1-based; 0 when the problem is not at one line
	Msg  string   // what is wrong, naming the key, in English
	Text i18n.Msg // the same, from the message catalogue, for other languages
}

// NewError is an *Error at line (0 for none) of the file at path, saying m.
func NewError(path string, line int, m i18n.Msg) *Error {
	return &Error{Path: path, Line: line, Msg: m.String(), Text: m}
}

// Error returns the message as path:line: text.
func (e *Error) Error() string { return e.where() + e.Msg }

// In returns the message as Error does, in language l. An Error made without
// a catalogue message keeps its English text.
func (e *Error) In(l i18n.Lang) string {
	if e.Text.ID == "" {
		return e.Error()
	}
	return e.where() + e.Text.In(l)
}

func (e *Error) where() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: ", e.Path, e.Line)
	}
	return e.Path + ": "
}

// ReadError is a settings file that is there but cannot be read.
type ReadError struct {
	Path string // the file
	Err  error  // the file system's error; nil when Path is not a regular file (a folder, a named pipe)
	// Outside: Path is a symbolic link that leads out of the project's folder, which a pull request
	// could otherwise use to put a file of the machine that lints it into pm's messages.
	Outside bool
	// Dangling: Path is a symbolic link that leads to nothing.
	Dangling bool
}

// Error returns the message in English.
func (e *ReadError) Error() string { return e.In(i18n.EN) }

// Unwrap returns the file system's error.
func (e *ReadError) Unwrap() error { return e.Err }

// In returns the message in language l; the file system's own words stay as
// the system gave them.
func (e *ReadError) In(l i18n.Lang) string {
	if e.Outside {
		return l.T("config.outside", e.Path)
	}
	if e.Dangling {
		return l.T("config.dangling", e.Path)
	}
	if e.Err == nil {
		return l.T("config.not-regular", e.Path)
	}
	return l.T("config.read", e.Err)
}

// Closest returns the name of the term whose name or an alias is nearest to value in edit
// distance, compared in lower case, when it is near enough to be a likely misspelling: at most a
// third of the longer word's characters differ. It returns "" otherwise.
func Closest(terms []Term, value string) string {
	v := []rune(strings.ToLower(value))
	best, bestDist := "", -1
	for _, t := range terms {
		for _, s := range append([]string{t.Name}, t.Aliases...) {
			w := []rune(strings.ToLower(s))
			d := editdist.Levenshtein(v, w)
			if d > max(1, max(len(v), len(w))/3) {
				continue
			}
			if bestDist < 0 || d < bestDist {
				best, bestDist = t.Name, d
			}
		}
	}
	return best
}
