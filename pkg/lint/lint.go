// Package lint checks postmortems against the postmortem process: rules over postmortem's document
// model, one file per rule, one list of rules, and the driver that runs them.
package lint

import (
	"bytes"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/pm-tools/pm/pkg/config"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/postmortem"
	"github.com/pm-tools/pm/pkg/workflow"
)

// Severity is how bad a finding is.
type Severity string

// Severities. Off is only used in overrides: the rule's findings are dropped.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Off     Severity = "off"
)

// Level is what a rule asks for when it reports: a fixed severity, or Completeness, which is a warning
// while the postmortem is a Draft and an error from In Review on.
type Level int

// Levels.
const (
	LevelError Level = iota
	LevelWarning
	LevelCompleteness
)

// Finding is one problem at a place in a file. Lines and columns are 1-based; columns count characters.
type Finding struct {
	Path      string   `json:"path"`
	Line      int      `json:"line"`
	Column    int      `json:"column"`
	EndLine   int      `json:"endLine"`
	EndColumn int      `json:"endColumn"`
	Rule      string   `json:"rule"`
	Severity  Severity `json:"severity"`
	Message   string   `json:"message"`
	// Column16 and EndColumn16 are the columns counted in UTF-16 code units (SARIF's unit), when
	// they differ from the character columns; 0 when they do not.
	Column16    int `json:"-"`
	EndColumn16 int `json:"-"`
	// Fixes are the changes that would resolve the finding, for pm lint --fix and the language
	// server's code actions; none for most findings. Not part of the JSON or SARIF output.
	Fixes []Fix `json:"-"`
}

// UTF16Columns returns the finding's start and end columns in UTF-16 code units.
func (f *Finding) UTF16Columns() (col, endCol int) {
	col, endCol = f.Column, f.EndColumn
	if f.Column16 != 0 {
		col = f.Column16
	}
	if f.EndColumn16 != 0 {
		endCol = f.EndColumn16
	}
	return col, endCol
}

// DefaultLevel is the severity a rule's findings get unless .pm.yaml overrides it.
type DefaultLevel int

// Default levels. Completeness is a warning in a Draft and an error from In Review on; Mixed rules
// report several kinds of finding at different levels (the rule's Help says which).
// The zero value is no level: every rule must say its own.
const (
	DefaultError DefaultLevel = iota + 1
	DefaultWarning
	DefaultCompleteness
	DefaultMixed
)

// HelpIn is the rule's help paragraph in l: Help, or its translation in the catalogue.
func (r Rule) HelpIn(l i18n.Lang) string {
	if id := "rulehelp." + r.ID; l != i18n.EN && i18n.Has(id) {
		return l.T(id)
	}
	return r.Help
}

// String is the level as --list-rules and SARIF's rule descriptions show it.
func (d DefaultLevel) String() string {
	switch d {
	case DefaultError:
		return "error"
	case DefaultWarning:
		return "warning"
	case DefaultCompleteness:
		return "draft: warning, later: error"
	case DefaultMixed:
		return "mixed: each finding says" // as the rules table says it
	}
	return ""
}

// SARIF is the level of SARIF's defaultConfiguration: error for a rule whose findings are always
// errors, else warning (the lowest level the rule reports by default).
func (d DefaultLevel) SARIF() string {
	if d == DefaultError {
		return "error"
	}
	return "warning"
}

// Rule is one check. Its ID is public API: never renamed.
type Rule struct {
	ID      string
	Help    string       // a paragraph: why the rule exists and how to fix a finding
	Default DefaultLevel // the severity of its findings unless .pm.yaml overrides it
	Check   func(c *Context)
	// Always marks a rule that needs no usable front matter (front-matter itself, and rules that
	// read only the file's lines): it runs on every file, the others wait for front-matter's fix —
	// unless front-matter is off, when nothing would say why they did not run: then they all run, on
	// empty fields.
	Always bool
}

// Description is the rule's one line, for --list-rules and SARIF's shortDescription: the English
// catalogue's "rule.<ID>" (looked up when asked, so that the rules are laid out by the compiler and
// cost nothing in package init).
func (r Rule) Description() string { return i18n.EN.T("rule." + r.ID) }

// BannedWord is a word the customer-facing sections must not use, with what to say instead.
type BannedWord struct {
	Word     string
	Suggest  []string
	Sections []string // section names (any alias); empty means External Message
}

// Options configure a Linter.
type Options struct {
	// Overrides maps a rule ID to "off", "warning" or "error".
	Overrides      map[string]string
	BannedWords    []BannedWord
	MaxActionItems int
	// Schedule gives the meeting deadline of a severity; nil: no deadlines.
	Schedule *workflow.Schedule
	// Actions gives the latest due date of a severity's action items; nil: none.
	Actions *workflow.ActionDeadlines
	// Now is the clock the status-gates rule asks whether a meeting has taken place; nil: not judged.
	Now func() time.Time
	// Location is the zone date-only values are read in.
	Location *time.Location
	// Lang is the language of the findings' messages (rule IDs stay English).
	Lang i18n.Lang
	// Vocabulary gives the values .pm.yaml allows for services, tags and contributing_factors; nil,
	// or a field without a list, allows any.
	Vocabulary *config.Vocabulary
	// Relations tells the relations rule whether a postmortem with an id exists in the repository and
	// which ids it lists as related. It is called only for documents that have related or
	// recurrence_of, so that it may read the repository on its first call; it must be safe for
	// concurrent use. nil (outside a repository): the rule does not run.
	Relations func(id string) (exists bool, related []string)
	// Fixes fills Finding.Fixes. pm lint --fix (through FixSafe) and the language server ask for them;
	// a plain lint, which every pre-commit runs, does not spend the time making edits it drops.
	Fixes bool
}

// Linter lints documents with a fixed set of options. It is safe for concurrent use.
type Linter struct {
	opts      Options
	overrides map[string]Severity
	banned    []bannedWord
}

// WithFixes returns a copy of l that fills Finding.Fixes.
func (l *Linter) WithFixes() *Linter {
	c := *l
	c.opts.Fixes = true
	return &c
}

// New returns a Linter, or an error naming an unknown rule ID or severity in the overrides.
func New(opts Options) (*Linter, error) {
	l := &Linter{opts: opts, overrides: map[string]Severity{}}
	for id, sev := range opts.Overrides {
		if RuleByID(id) == nil {
			return nil, fmt.Errorf("unknown rule %q (pm lint --list-rules lists them)", id)
		}
		switch Severity(sev) {
		case Error, Warning, Off:
			l.overrides[id] = Severity(sev)
		default:
			return nil, fmt.Errorf("rule %s: severity %q is not off, warning or error", id, sev)
		}
	}
	if l.opts.MaxActionItems <= 0 {
		l.opts.MaxActionItems = config.DefaultMaxActionItems
	}
	if l.opts.Location == nil {
		l.opts.Location = time.UTC
	}
	words := opts.BannedWords
	if words == nil {
		words = DefaultBannedWords()
	}
	for _, w := range words {
		l.banned = append(l.banned, compileBanned(w))
	}
	return l, nil
}

// DefaultBannedWords are the banned words of .pm.yaml's defaults (config.DefaultBannedWords).
func DefaultBannedWords() []BannedWord {
	var out []BannedWord
	for _, w := range config.DefaultBannedWords() {
		out = append(out, BannedWord{Word: w.Word, Suggest: w.Suggest, Sections: w.Sections})
	}
	return out
}

// Lint checks one file's bytes and returns its findings sorted by line and column.
func (l *Linter) Lint(path string, src []byte) []Finding {
	return l.LintDoc(postmortem.Parse(path, src, l.opts.Location))
}

// LintDoc is Lint of a document already parsed (in the linter's zone), for a caller that reads it
// too: pm site renders the document it lints, and parsing it once saves a fifth of its time.
func (l *Linter) LintDoc(doc *postmortem.Doc) []Finding {
	enc, ok := l.encodingFindings(doc.Path, doc.Src)
	if !ok {
		return enc
	}
	fmOff := l.overrides[frontMatterRule.ID] == Off
	content := doc.Content
	if fmOff {
		content = doc.ContentAnyway
	}
	c := &Context{Doc: doc, Content: content(), linter: l, lang: l.opts.Lang, cursor: doc.Cursor()}
	if doc.Root != nil {
		c.status = doc.Fields.Status
		if c.status == "" {
			c.status = postmortem.StatusDraft
		}
	}
	for i := range Rules {
		r := &Rules[i]
		if l.overrides[r.ID] == Off {
			continue
		}
		if doc.Root == nil && !r.Always && !fmOff {
			continue
		}
		c.rule = r
		r.Check(c)
	}
	findings := applyInline(append(c.findings, enc...), c.inlineDirectives())
	sortFindings(findings)
	return findings
}

// Input is a file to lint: its path as it is to be reported, where to read it from, and its bytes
// (filled by the load function), or a read error.
type Input struct {
	Path   string
	Source string // the file to read; "" when Data is given
	Data   []byte
	Err    error
	// Skip is set by a loader that refuses the file (too large to be a postmortem): it is reported
	// with this message instead of being linted.
	Skip string
	// Release, when a loader sets it, is called with Data once the input is linted: the findings keep
	// nothing of those bytes, so the loader may read another file into them.
	Release func(data []byte)
}

// Result is the findings of one input, or the error that kept it from being linted.
type Result struct {
	Path     string
	Findings []Finding
	Err      error
}

// LintAll lints inputs on all cores. load fills in an input's Data (reading the file) just before it is
// linted, so memory stays flat however many files there are. Results come back in input order.
func (l *Linter) LintAll(inputs []Input, load func(*Input)) []Result {
	results := make([]Result, len(inputs))
	l.run(inputs, load, func(i int, r Result) { results[i] = r }, false)
	return results
}

// LintEach lints inputs on all cores as LintAll does, and calls emit with each result in input order
// as soon as it and every result before it are done. A caller that writes the findings as they come
// holds only the results still waiting for an earlier one, not those of every file. emit is never
// called by two goroutines at once.
func (l *Linter) LintEach(inputs []Input, load func(*Input), emit func(Result)) {
	l.run(inputs, load, func(_ int, r Result) { emit(r) }, true)
}

// run lints inputs with runtime.GOMAXPROCS workers and hands each result to done: at once, or with
// ordered, under a lock and in input order.
func (l *Linter) run(inputs []Input, load func(*Input), done func(int, Result), ordered bool) {
	workers := runtime.GOMAXPROCS(0)
	if workers > len(inputs) {
		workers = len(inputs)
	}
	if workers <= 1 {
		// One input (or one core): lint in this goroutine, in order; no worker to start and wake.
		var sc postmortem.Scratch
		for i, in := range inputs {
			done(i, l.lintInput(in, load, &sc))
		}
		return
	}
	var next, emitted int
	waiting := map[int]Result{} // done, not yet emitted: an earlier input is still being linted
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// One worker's documents are parsed with one scratch: a document is dropped once its
			// findings are made, and its front matter nodes (8 KB a postmortem) are not allocated
			// anew for every file.
			var sc postmortem.Scratch
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= len(inputs) {
					return
				}
				r := l.lintInput(inputs[i], load, &sc)
				// Let the scheduler run every few files. With every core linting, a collection's
				// concurrent mark now and then waited 10-12 ms for its worker to be scheduled; what
				// the workers allocated meanwhile counted as live, the next goal doubled, and the
				// peak RSS of 10,000 files swung from 26 to 43 MB between runs (26-28 MB with this,
				// at the same speed). No GC setting is changed.
				if i%16 == 15 {
					runtime.Gosched()
				}
				if !ordered {
					done(i, r)
					continue
				}
				mu.Lock()
				waiting[i] = r
				for {
					r, ok := waiting[emitted]
					if !ok {
						break
					}
					delete(waiting, emitted)
					done(emitted, r)
					emitted++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
}

// lintInput loads and lints one input, parsed with sc. Its bytes are released (Input.Release) once
// linted.
func (l *Linter) lintInput(in Input, load func(*Input), sc *postmortem.Scratch) Result {
	if load != nil {
		load(&in)
	}
	r := Result{Path: in.Path, Err: in.Err}
	if in.Skip != "" {
		r.Findings = []Finding{{Path: in.Path, Line: 1, Column: 1, EndLine: 1, EndColumn: 1,
			Rule: "front-matter", Severity: Error, Message: in.Skip}}
	} else if in.Err == nil {
		r.Findings = l.safeLint(in.Path, in.Data, sc)
	}
	if in.Release != nil {
		in.Release(in.Data)
	}
	return r
}

// safeLint turns a panic inside a rule into a finding rather than a crash, so the other files are
// still linted and the user learns which file tripped pm.
func (l *Linter) safeLint(path string, data []byte, sc *postmortem.Scratch) (fs []Finding) {
	defer func() {
		if r := recover(); r != nil {
			fs = []Finding{{Path: path, Line: 1, Column: 1, EndLine: 1, EndColumn: 1, Rule: "front-matter", Severity: Error,
				Message: l.opts.Lang.T("lint.internal", r)}}
		}
	}()
	// the findings keep nothing of the document, which is dropped before sc parses another
	return l.LintDoc(postmortem.ParseScratch(path, data, nil, l.opts.Location, sc))
}

// encodingFindings are the findings of a file pm cannot read as UTF-8 text: not text (a NUL byte in
// its first 8,000 bytes: the only finding, and the file is not linted), or another encoding
// (Shift_JIS, Latin-1: linted, but what pm found may be wrong, and pm lint --fix leaves it alone).
// Every reader of a document gets them, through LintDoc: pm site's badge and pm status's gate too.
func (l *Linter) encodingFindings(path string, data []byte) (fs []Finding, lint bool) {
	if !isText(data) {
		return []Finding{{Path: path, Line: 1, Column: 1, EndLine: 1, EndColumn: 1, Rule: "front-matter", Severity: Error,
			Message: l.opts.Lang.T("lint.binary")}}, false
	}
	if bad := invalidUTF8(data); bad >= 0 {
		line := 1 + bytes.Count(data[:bad], []byte("\n"))
		col := 1 + utf8.RuneCount(data[bytes.LastIndexByte(data[:bad], '\n')+1:bad])
		return []Finding{{Path: path, Line: line, Column: col, EndLine: line, EndColumn: col + 1, Rule: "front-matter",
			Severity: Error, Message: l.opts.Lang.T("lint.not-utf8", data[bad])}}, true
	}
	return nil, true
}

// invalidUTF8 is the offset of the first byte of data that is not UTF-8, or -1.
func invalidUTF8(data []byte) int {
	if utf8.Valid(data) {
		return -1
	}
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// isText rejects files with NUL bytes in their first 8 KB, as git does for binary detection.
func isText(data []byte) bool { return postmortem.IsText(data) }

func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Rule < b.Rule
	})
}

// SortFindings orders findings by path, line, column and rule.
func SortFindings(fs []Finding) { sortFindings(fs) }

// RuleByID returns the rule with that ID, or nil.
func RuleByID(id string) *Rule {
	for i := range Rules {
		if Rules[i].ID == id {
			return &Rules[i]
		}
	}
	return nil
}

// Counts returns the number of errors and warnings.
func Counts(fs []Finding) (errors, warnings int) {
	for _, f := range fs {
		if f.Severity == Error {
			errors++
		} else if f.Severity == Warning {
			warnings++
		}
	}
	return
}
