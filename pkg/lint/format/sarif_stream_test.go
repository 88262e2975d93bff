package format

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/lint"
)

// TestSARIFWrittenAsTheEncoderWritesIt: the log written result by result is the bytes the encoder
// gives for the whole log, with no result, one, and several (a message with HTML and a line break).
func TestSARIFWrittenAsTheEncoderWritesIt(t *testing.T) {
	f := lint.Finding{Path: "postmortems/a b.md", Line: 3, Column: 2, EndLine: 3, EndColumn: 9, Rule: "banned-word", Severity: lint.Error, Message: `"outage" <b> & x` + "\n"}
	w := f
	w.Severity, w.Rule, w.Line = lint.Warning, "placeholder", 7
	for _, fs := range [][]lint.Finding{nil, {f}, {f, w, f}} {
		var got bytes.Buffer
		if err := WriteSARIF(&got, fs, "v1", i18n.JA); err != nil {
			t.Fatal(err)
		}
		var log sarifLog
		if err := json.Unmarshal(got.Bytes(), &log); err != nil {
			t.Fatalf("%d results: not JSON: %v\n%s", len(fs), err, got.Bytes())
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		if err := enc.Encode(log); err != nil {
			t.Fatal(err)
		}
		if len(log.Runs) != 1 || len(log.Runs[0].Results) != len(fs) || got.String() != want.String() {
			t.Errorf("%d results: written\n%s\nthe encoder writes\n%s", len(fs), got.Bytes(), want.Bytes())
		}
	}
}
