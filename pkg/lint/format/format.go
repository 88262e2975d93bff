// Package format writes lint findings in the output formats of pm lint: text, json, sarif and github.
package format

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/pm-tools/pm/pkg/internal/lazy"
	"github.com/pm-tools/pm/pkg/lint"
)

// Formats are the output formats of pm lint.
var Formats = []string{"text", "json", "sarif", "github"}

// WriteText writes one line per finding: path:line:col: severity: message [rule-id].
func WriteText(w io.Writer, fs []lint.Finding) error {
	for _, f := range fs {
		if _, err := fmt.Fprintf(w, "%s:%d:%d: %s: %s [%s]\n", f.Path, f.Line, f.Column, f.Severity, oneLine(f.Message), f.Rule); err != nil {
			return err
		}
	}
	return nil
}

// WriteJSON writes the findings as a JSON array ([] when there are none).
func WriteJSON(w io.Writer, fs []lint.Finding) error {
	if fs == nil {
		fs = []lint.Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(fs)
}

// WriteGitHub writes GitHub Actions workflow commands, so that findings show on the pull request's diff.
// The runner drops an annotation whose columns it finds invalid (col and endColumn on a range of
// several lines, or endColumn before col), logging that only in its debug output, so a finding whose
// columns would not pass goes out with its lines alone. Columns count UTF-16 code units, as GitHub's
// web pages count characters (and as the SARIF output says it does).
func WriteGitHub(w io.Writer, fs []lint.Finding) error {
	for _, f := range fs {
		cmd := "error"
		if f.Severity == lint.Warning {
			cmd = "warning"
		}
		if _, err := fmt.Fprintf(w, "::%s file=%s,%s,title=%s::%s\n", cmd,
			ghProperty(f.Path), ghPosition(f), ghProperty(f.Rule), ghData(f.Message+" ["+f.Rule+"]")); err != nil {
			return err
		}
	}
	return nil
}

// ghPosition is the line and column properties of a finding, as many of them as GitHub accepts.
func ghPosition(f lint.Finding) string {
	line, endLine := max(f.Line, 1), f.EndLine
	if endLine < line {
		endLine = line
	}
	col, endCol := f.UTF16Columns()
	if endLine != line || col < 1 {
		return fmt.Sprintf("line=%d,endLine=%d", line, endLine)
	}
	if endCol < col {
		endCol = col
	}
	return fmt.Sprintf("line=%d,col=%d,endLine=%d,endColumn=%d", line, col, endLine, endCol)
}

// The escapers, made once (a Replacer builds its tables on its first use, not when it is made).
var (
	ghDataEscaper     = lazy.Value[*strings.Replacer]{New: func() *strings.Replacer { return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A") }}
	ghPropertyEscaper = lazy.Value[*strings.Replacer]{New: func() *strings.Replacer {
		return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
	}}
	oneLineReplacer = lazy.Value[*strings.Replacer]{New: func() *strings.Replacer { return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ") }}
)

// ghData escapes a workflow command's message as GitHub's runner expects.
// GitHubWarning is a GitHub Actions workflow command that shows msg as a warning of the job (not of
// a file): for a caveat about the whole run that the annotations would otherwise not carry.
func GitHubWarning(msg string) string { return "::warning::" + ghData(msg) }

func ghData(s string) string { return ghDataEscaper.Get().Replace(s) }

// ghProperty escapes a workflow command's property value.
func ghProperty(s string) string { return ghPropertyEscaper.Get().Replace(s) }

// oneLine puts a message on one line: each line break (CR LF, LF or CR) becomes a space.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s // the common case, without the replacer's tables
	}
	return oneLineReplacer.Get().Replace(s)
}
