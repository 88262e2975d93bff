package present

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestJSONWriter(t *testing.T) {
	in := map[string]string{
		"title": "\x1b]0;t\a\u009b2J \u202eevil\u202c \u2066x\u2069 \u200f\u061c del\x7f nel\u0085 é 日本 \u200d",
	}
	var b bytes.Buffer
	if err := json.NewEncoder(JSONWriter(&b)).Encode(in); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, r := range got {
		if r == 0x7f || isC1(r) || isBidi(r) || r < 0x20 && r != '\n' {
			t.Errorf("JSON holds %U raw: %q", r, got)
		}
	}
	for _, want := range []string{`\u009b2J`, `\u202eevil\u202c`, `\u2066x\u2069`, `\u200f\u061c`, `del\u007f`, `nel\u0085`, "é 日本 \u200d"} {
		if !strings.Contains(got, want) {
			t.Errorf("JSON does not hold %s: %s", want, got)
		}
	}
	var back map[string]string
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || back["title"] != in["title"] {
		t.Errorf("JSON decodes to %q (%v), want %q", back["title"], err, in["title"])
	}
}

func TestJSONWriterKeepsCleanAndBrokenText(t *testing.T) {
	for _, s := range []string{`{"a":"plain \\u001b text"}`, "\"\xff\xfe\u202e\"", ""} {
		var b bytes.Buffer
		n, err := JSONWriter(&b).Write([]byte(s))
		want := strings.ReplaceAll(s, "\u202e", `\u202e`)
		if err != nil || n != len(s) || b.String() != want {
			t.Errorf("Write(%q) = %d, %v, wrote %q; want %q", s, n, err, b.String(), want)
		}
	}
}
