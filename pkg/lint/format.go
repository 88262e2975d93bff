package lint

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Formats are the output formats of pm lint.
var Formats = []string{"text", "json", "sarif", "github"}

// WriteText writes one line per finding: path:line:col: severity: message [rule-id].
func WriteText(w io.Writer, fs []Finding) error {
	for _, f := range fs {
		if _, err := fmt.Fprintf(w, "%s:%d:%d: %s: %s [%s]\n", f.Path, f.Line, f.Column, f.Severity, oneLine(f.Message), f.Rule); err != nil {
			return err
		}
	}
	return nil
}

// WriteJSON writes the findings as a JSON array ([] when there are none).
func WriteJSON(w io.Writer, fs []Finding) error {
	if fs == nil {
		fs = []Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(fs)
}

// WriteGitHub writes GitHub Actions workflow commands, so that findings show on the pull request's diff.
func WriteGitHub(w io.Writer, fs []Finding) error {
	for _, f := range fs {
		cmd := "error"
		if f.Severity == Warning {
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
