// Package format writes lint findings in the output formats of pm lint: text, json, sarif and github.
package format

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

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
func WriteGitHub(w io.Writer, fs []lint.Finding) error {
	for _, f := range fs {
		cmd := "error"
		if f.Severity == lint.Warning {
			cmd = "warning"
		}
		if _, err := fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n", cmd,
			ghProperty(f.Path), f.Line, f.Column, f.EndLine, f.EndColumn, ghProperty(f.Rule), ghData(f.Message+" ["+f.Rule+"]")); err != nil {
			return err
		}
	}
	return nil
}

// ghData escapes a workflow command's message as GitHub's runner expects.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

func oneLine(s string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}
