package lint

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/pm-tools/pm/pkg/cmdutil"
	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/lint"
	"github.com/pm-tools/pm/pkg/present"
	"github.com/pm-tools/pm/pkg/project"
)

// checkFixFlags refuses what --fix cannot do: fix the staged content (it lives in the index, which
// --fix never touches) or text read from standard input (there is no file to write), and --dry-run
// alone. lang, the language of the message, is looked for only when there is one to give (it reads
// .pm.yaml).
func checkFixFlags(o *Options, lang func() i18n.Lang) error {
	switch {
	case o.DryRun && !o.Fix:
		return cmdutil.Usagef("%s", lang().T("lint.dry-run-alone"))
	case o.Fix && o.Staged:
		return cmdutil.Usagef("%s", lang().T("lint.fix-staged"))
	case o.DryRun && !strings.EqualFold(o.Format, "text"):
		// stdout holds the diff: a script that asked for JSON or SARIF would read a diff
		return cmdutil.Usagef("%s", lang().T("lint.dry-run-format", strings.ToLower(o.Format)))
	}
	if o.Fix {
		for _, a := range o.Paths {
			if a == "-" {
				return cmdutil.Usagef("%s", lang().T("lint.fix-stdin"))
			}
		}
	}
	return nil
}

// fixInputs applies the safe fixes to each input's file and gives back the inputs, those it changed with
// their fixed text, which lint then reports on. The files are fixed on all cores; then, in the inputs'
// order, each changed file is written atomically (project.Rewrite without a commit: the index is not
// touched), or with --dry-run its unified diff goes to stdout and nothing is written, and one line per
// fix goes to stderr. A file it cannot read or parse is left as it was and reported as lint reports an
// unreadable file (exit 2). A file it fixed but cannot write (read-only, say) is left as it was and
// linted as it is, its findings reported as without --fix: the error is in unwritten, by path, for
// lint to report beside them (exit 2 as well). With --dry-run, a diff that cannot be written to
// stdout (a full disk) ends the command with that error, the rest unwritten.
func fixInputs(o *Options, p *project.Project, linter *lint.Linter, lang i18n.Lang, inputs []lint.Input) (_ []lint.Input, unwritten map[string]error, err error) {
	f := o.F
	type fixed struct {
		old, out []byte
		applied  []lint.Applied
	}
	// Only the changed files' text is held: the others are read again when linted, as lint reads every
	// file, so that memory does not grow with the number of files.
	results := make([]*fixed, len(inputs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(inputs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(inputs) {
					return
				}
				in := inputs[i]
				loadFile(&in, lang)
				if in.Err != nil || in.Skip != "" || in.Data == nil || bytes.IndexByte(in.Data, 0) >= 0 || !utf8.Valid(in.Data) {
					continue // lint reads it again and reports it as it does any file (not text, not UTF-8)
				}
				out, applied, ok := safeFix(linter, in.Path, in.Data)
				if ok && len(applied) > 0 && !bytes.Equal(out, in.Data) {
					results[i] = &fixed{old: in.Data, out: out, applied: applied}
				}
			}
		}()
	}
	wg.Wait()
	for i, r := range results {
		if r == nil {
			continue
		}
		in := &inputs[i]
		in.Data = r.old
		if o.DryRun {
			// exact into a pipe (git apply takes it), sanitised on a terminal
			path := rootRelative(f, p, in.Path)
			if err := f.WriteOut(func(w io.Writer) error { return writeDiff(w, path, string(r.old), string(r.out)) }); err != nil {
				// the output is lost (a full disk), not the file: one error for the command, as
				// any command whose standard output cannot be written ends
				return nil, nil, fmt.Errorf("write standard output: %w", err)
			}
		} else if err := writeFixed(p, in.Source, in.Path, r.old, r.out); err != nil {
			if unwritten == nil {
				unwritten = map[string]error{}
			}
			unwritten[in.Path] = err
			continue
		}
		for _, a := range r.applied {
			fmt.Fprintf(f.IO.ErrOut, "%s\n", present.Line(lang.T("lint.fixed", present.Name(in.Path), a.Line, a.Rule, a.Title)))
		}
		in.Data = r.out
	}
	return inputs, unwritten, nil
}

// safeFix is Linter.FixSafe with a panic inside a rule turned into no fix: the file is then linted as
// it is, and lint reports the panic as it does for any file.
func safeFix(l *lint.Linter, path string, data []byte) (out []byte, applied []lint.Applied, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			out, applied, ok = nil, nil, false
		}
	}()
	out, applied, _ = l.FixSafe(path, data)
	return out, applied, true
}

// writeFixed replaces a file with its fixed text: never a file that is not writable (a read-only file
// stays as its owner left it), never through a link to outside the repository, never half-written.
func writeFixed(p *project.Project, abs, display string, old, data []byte) error {
	if abs == "" {
		return fmt.Errorf("%s: no file to write the fixes to", display)
	}
	if fi, err := os.Stat(abs); err == nil && fi.Mode().Perm()&0o200 == 0 {
		return i18n.Err("lint.fix-read-only", display)
	}
	if _, err := p.Rewrite(project.Change{Path: abs, Data: data, Old: old}, project.Write{}); err != nil {
		return err
	}
	return nil
}
