// Package cmdutil holds what every command shares: the Factory (IO, clock, environment, work dir),
// exit-code errors, and finding the repository root.
package cmdutil

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/pm-tools/pm/pkg/fsutil"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/present"
	"github.com/pm-tools/pm/pkg/project"
)

// IOStreams are the command's input and outputs: data goes to Out, messages to ErrOut.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// OutTTY reports whether Out is a terminal (colour and column fitting only then).
	OutTTY bool
	// Width is the terminal's width in columns when Out is one and it could be read, else 0.
	Width int
	// NoColor is --no-color; Factory.Color decides whether to colour.
	NoColor bool
	// Quiet is -q/--quiet: Infof prints nothing. Errors, warnings and findings still go out.
	Quiet bool
}

// Factory gives commands their dependencies, so that tests can run them in-process.
type Factory struct {
	IO  *IOStreams
	Now func() time.Time
	// Clock is the real clock, which dates commits when GIT_AUTHOR_DATE and GIT_COMMITTER_DATE do not:
	// PM_NOW (Now) fixes pm's process rules only, as git would not know of it.
	Clock   func() time.Time
	Getenv  func(string) string
	Environ func() []string
	WorkDir string
	// LangFlag is the global --lang: the language of messages and of new postmortems.
	LangFlag string

	// skipped holds the lines Skipped has written, so that a file two scans of one run leave out
	// (pm lint's, then the relations rule's reading of the folder) is said once.
	skippedMu   sync.Mutex
	skipped     map[string]bool
	skippedLang *i18n.Lang // the user's language, found on the first file skipped (it reads .pm.yaml)
}

// System returns the Factory for a real process.
func System() *Factory {
	wd, err := os.Getwd()
	if err != nil {
		wd = "."
	}
	tty, width := present.IsTerminal(os.Stdout), 0
	if tty {
		width = present.TerminalWidth(os.Stdout)
	}
	return &Factory{
		IO:      &IOStreams{In: os.Stdin, Out: &CheckedWriter{W: os.Stdout}, ErrOut: os.Stderr, OutTTY: tty, Width: width},
		Now:     clock(os.Getenv),
		Clock:   time.Now,
		Getenv:  os.Getenv,
		Environ: hookEnviron,
		WorkDir: wd,
	}
}

// hookEnviron is the environment git's hooks and filters start from when pm commits: the process's,
// with PM_EXECUTABLE naming this pm, which the hook pm hook install writes runs before any pm on PATH
// (a hook run by pm's own commit lints with the pm making it, even when PATH has none).
func hookEnviron() []string {
	env := os.Environ()
	if exe, err := os.Executable(); err == nil {
		env = append(env, "PM_EXECUTABLE="+exe)
	}
	return env
}

// TestFactory returns a Factory working in dir, with a fixed clock (for commits too), the given
// environment (plus the process's PATH, so that hooks find their programs) and buffers for stdout
// and stderr.
func TestFactory(dir string, now time.Time, env map[string]string) (*Factory, *bytes.Buffer, *bytes.Buffer) {
	out, errOut := &bytes.Buffer{}, &bytes.Buffer{}
	return &Factory{
		IO:     &IOStreams{In: &bytes.Buffer{}, Out: out, ErrOut: errOut},
		Now:    func() time.Time { return now },
		Clock:  func() time.Time { return now },
		Getenv: func(k string) string { return env[k] },
		Environ: func() []string {
			list := make([]string, 0, len(env)+1)
			for k, v := range env {
				list = append(list, k+"="+v)
			}
			if _, ok := env["PATH"]; !ok {
				list = append(list, "PATH="+os.Getenv("PATH"))
			}
			sort.Strings(list)
			return list
		},
		WorkDir: dir,
	}, out, errOut
}

// Abs resolves a path the user typed against the Factory's work dir.
func (f *Factory) Abs(p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(f.WorkDir, p)
}

// OutputPath resolves a file or folder the user named for pm to write, against the work dir like Abs
// but left uncleaned: "link/../x" names x beside the folder link leads to, as the system (and a shell
// redirection) reads it, where a cleaned path would name x in the work dir.
func (f *Factory) OutputPath(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return f.WorkDir + string(filepath.Separator) + p
}

// Display returns p relative to the work dir, as git prints paths (../ when it is above), for messages.
func (f *Factory) Display(p string) string {
	if rel, err := filepath.Rel(f.WorkDir, p); err == nil && !filepath.IsAbs(rel) && !climbsToRoot(f.WorkDir, rel) {
		return filepath.ToSlash(rel)
	}
	return p
}

// climbsToRoot reports whether rel, relative to dir, climbs all the way up to the root: a file
// that shares nothing with dir but the root (/dev/zero seen from /home/ana/repo) reads better
// as the absolute path it is than as ../../../dev/zero.
func climbsToRoot(dir, rel string) bool {
	up := 0
	for rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		up++
		rel = strings.TrimPrefix(strings.TrimPrefix(rel, ".."), string(filepath.Separator))
	}
	if up == 0 {
		return false
	}
	depth := 0
	for _, part := range strings.Split(filepath.Clean(dir), string(filepath.Separator)) {
		if part != "" && !strings.HasSuffix(part, ":") { // not a Windows volume ("C:")
			depth++
		}
	}
	return up >= depth
}

// NowEnv names the variable that fixes pm's clock (an RFC 3339 time), so that CI runs and tests
// compute the same dates every time. Commit times still follow GIT_AUTHOR_DATE/GIT_COMMITTER_DATE.
const NowEnv = "PM_NOW"

// clock returns time.Now, or the fixed time PM_NOW names. A PM_NOW that does not parse is ignored
// here and reported by CheckEnv.
func clock(getenv func(string) string) func() time.Time {
	if v := getenv(NowEnv); v != "" {
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			return func() time.Time { return t }
		}
	}
	return time.Now
}

// CheckEnv reports a malformed PM_NOW as a usage error.
func (f *Factory) CheckEnv() error {
	if v := f.Getenv(NowEnv); v != "" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return Usagef("%s", f.UserLang().T("usage.now-env", NowEnv, v))
		}
		// a day either side for zones, and the year 9999 for deadlines: what pm writes from it stays
		// an RFC 3339 date (pm new at PM_NOW=9999-12-31T23:59:59Z wrote a postmortem of 10000-01-01)
		if y := t.UTC().Year(); y < 1 || y > 9998 {
			return Usagef("%s", f.UserLang().T("usage.now-range", NowEnv, v))
		}
	}
	return nil
}

// OpenProject opens the project around the work dir, its warnings (a file skipped because it is not
// a regular file, say) going to the command's error stream.
func (f *Factory) OpenProject() (*project.Project, error) {
	p, err := project.Open(f.WorkDir, f.Getenv, f.Now)
	if err != nil {
		return nil, err
	}
	if err := CheckSettings(p.Config); err != nil {
		return nil, err
	}
	f.setUp(p)
	return p, nil
}

// OpenProjectDeferringConfig opens the project as project.OpenDeferringConfig does: an unusable
// work-tree .pm.yaml is kept in ConfigErr, not returned.
func (f *Factory) OpenProjectDeferringConfig() *project.Project {
	p := project.OpenDeferringConfig(f.WorkDir, f.Getenv, f.Now)
	f.setUp(p)
	return p
}

// setUp gives an opened project this run's warnings and git context.
func (f *Factory) setUp(p *project.Project) {
	p.Warn = f.Skipped
	p.Git = project.GitContext{Stderr: f.IO.ErrOut, WorkDir: f.WorkDir, Clock: f.Clock}
	if f.Environ != nil {
		p.Git.Environ = f.Environ()
	}
}

// Skipped warns on the error stream that a file is left out, and why (the reason without the path
// again).
func (f *Factory) Skipped(path string, why error) {
	var pe *fs.PathError
	if errors.As(why, &pe) {
		why = pe.Err
	}
	f.skippedMu.Lock()
	defer f.skippedMu.Unlock()
	if f.skippedLang == nil {
		lang := f.UserLang()
		f.skippedLang = &lang
	}
	lang := *f.skippedLang
	reason := i18n.Text(lang, why) // the file system's words in English
	if lang != i18n.EN {
		reason = skipReason(lang, why)
	}
	line := present.Line(lang.T("usage.skipped-read", f.Display(path), reason)) + "\n"
	if f.skipped[line] {
		return
	}
	if f.skipped == nil {
		f.skipped = map[string]bool{}
	}
	f.skipped[line] = true
	io.WriteString(f.IO.ErrOut, line)
}

// skipReason is why a file is skipped, in lang: a link leading out of the repository, a file that
// is not a regular one (of the kind found), a file too large, or a catalogued error in their
// catalogue words; any other error (the file system's) in its own.
func skipReason(lang i18n.Lang, why error) string {
	if errors.Is(why, project.ErrOutsideRead) {
		return lang.T("err.outside-read")
	}
	if kind := fsutil.NotRegularKind(why); kind != "" {
		return lang.T("skip.not-regular", fileKind(lang, kind))
	}
	var tl *project.TooLargeError
	if errors.As(why, &tl) {
		return tl.Msg().In(lang)
	}
	return i18n.Text(lang, why)
}

// fileKind is fsutil's name of a kind of file in lang: "a named pipe" is 名前付きパイプ, "a symbolic
// link to a directory" フォルダーへのシンボリックリンク.
func fileKind(lang i18n.Lang, kind string) string {
	if target, ok := strings.CutPrefix(kind, "a symbolic link to "); ok {
		return lang.T("fs.kind.link-to", fileKind(lang, target))
	}
	switch kind {
	case "a directory":
		return lang.T("fs.kind.directory")
	case "a named pipe":
		return lang.T("fs.kind.named-pipe")
	case "a socket":
		return lang.T("fs.kind.socket")
	case "a character device":
		return lang.T("fs.kind.char-device")
	case "a block device":
		return lang.T("fs.kind.block-device")
	case "a symbolic link":
		return lang.T("fs.kind.symlink")
	case "an irregular file":
		return lang.T("fs.kind.irregular")
	}
	return kind
}
