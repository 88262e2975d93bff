package present

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// JSONWriter returns a writer for JSON text that writes DEL, the C1 controls and the bidirectional
// formatting characters (those Line escapes) as \u escapes. The JSON decodes to the same strings, so
// a program still reads the document's exact text, and printed on a terminal it cannot act on it:
// encoding/json already writes the C0 controls, U+2028 and U+2029 so. The characters can only occur
// inside strings (JSON's own syntax is ASCII), so the escape is always valid. Each Write is escaped on
// its own: write whole values (json.Encoder.Encode does).
func JSONWriter(w io.Writer) io.Writer { return jsonWriter{w} }

type jsonWriter struct{ w io.Writer }

func (j jsonWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(j.w, escapeJSON(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// escapeJSON is JSON text s with DEL, C1 controls and bidirectional formatting characters escaped.
func escapeJSON(s string) string {
	if strings.IndexFunc(s, jsonEscaped) < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if jsonEscaped(r) {
			fmt.Fprintf(&b, `\u%04x`, r)
		} else {
			b.WriteString(s[i : i+n]) // bytes that are not UTF-8 stay as they were
		}
		i += n
	}
	return b.String()
}

func jsonEscaped(r rune) bool { return r == 0x7f || isC1(r) || isBidi(r) }
