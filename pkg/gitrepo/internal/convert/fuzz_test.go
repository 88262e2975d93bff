package convert

import (
	"github.com/pm-tools/pm/pkg/gitrepo/internal/wildmatch"

	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// Seeds beyond these live in testdata/fuzz/<FuzzName>/.

func FuzzParseAttrFile(f *testing.F) {
	f.Add([]byte("*.md text eol=crlf\n[attr]doc text -diff\n\"q\\tx\" a=b !c -d\n"), false)
	f.Add([]byte("\xef\xbb\xbf*.a a1\r\n!neg x\n[attr] x\n"+strings.Repeat("y", 2100)+"\n"), true)
	f.Fuzz(func(t *testing.T, data []byte, fromIndex bool) {
		rules := parseAttrFile(data, parseOptions{source: "f", macrosOK: true, fromIndex: fromIndex, warn: func(string) {}})
		for _, r := range rules {
			for _, a := range r.assigns {
				if !validAttrName(a.name) {
					t.Fatalf("invalid attribute name %q accepted", a.name)
				}
			}
			if r.macro != "" && !validAttrName(r.macro) {
				t.Fatalf("invalid macro name %q accepted", r.macro)
			}
			for _, p := range []string{"a", "a/b.md", "x/y/z", "A.MD"} {
				r.pattern.matches(p, "", false)
				r.pattern.matches(p, "x", true)
			}
		}
	})
}

func FuzzMatch(f *testing.F) {
	f.Add("*.md", "a/b.md", true)
	f.Add("a/**/b", "a/x/y/b", false)
	f.Add("[[:alpha:]-z]?\\*", "b-*", true)
	f.Add("**/", "a/", false)
	f.Fuzz(func(t *testing.T, pattern, text string, pathname bool) {
		var flags wildmatch.Flags
		if pathname {
			flags |= wildmatch.Pathname
		}
		got := wildmatch.Match(pattern, text, flags)
		// Both are C strings to git: compare what comes before a NUL.
		if i := strings.IndexByte(pattern, 0); i >= 0 {
			pattern = pattern[:i]
		}
		if i := strings.IndexByte(text, 0); i >= 0 {
			text = text[:i]
		}
		// A pattern with no special character matches only itself.
		if simpleLength(pattern) == len(pattern) && got != (pattern == text) {
			t.Fatalf("literal %q vs %q: %v", pattern, text, got)
		}
		// A lone "*" without pathname matching matches anything.
		if pattern == "*" && !pathname && !got {
			t.Fatalf("* did not match %q", text)
		}
		wildmatch.Match(pattern, text, flags|wildmatch.CaseFold)
		p := parsePathPattern(pattern)
		if strings.IndexByte(text, 0) < 0 && checkPath(text) == nil {
			p.matches(text, "", false)
		}
	})
}

// FuzzCRLFToGit compares the conversion with a plain statement of it: text
// turns every CRLF into LF; text=auto does the same to text without CRLF in the
// index, and leaves binary content alone.
func FuzzCRLFToGit(f *testing.F) {
	f.Add([]byte("a\r\nb\n"))
	f.Add([]byte("a\rb\r\n\x00"))
	f.Add([]byte("\r\r\n\x1a"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg := &Config{SafeCRLF: SafeCRLFFalse}
		want := bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		got, _, err := cfg.crlfToGit("f", data, crlfTextInput, nil)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("text: %q -> %q, %v", data, got, err)
		}
		s := gatherStats(data)
		autoWant := want
		if s.isBinary() {
			autoWant = data
		}
		got, _, err = cfg.crlfToGit("f", data, crlfAuto, nil)
		if err != nil || !bytes.Equal(got, autoWant) {
			t.Fatalf("auto: %q -> %q, %v", data, got, err)
		}
		withCRLF := func(string) ([]byte, bool, error) { return []byte("x\r\n"), true, nil }
		got, _, _ = cfg.crlfToGit("f", data, crlfAutoCRLF, withCRLF)
		if !bytes.Equal(got, data) {
			t.Fatalf("auto with CRLF in the index changed %q to %q", data, got)
		}
		// The warnings must agree with safecrlf=true's refusals.
		warnCfg := &Config{AutoCRLF: AutoCRLFTrue}
		_, warnings, _ := warnCfg.crlfToGit("f", data, crlfAutoCRLF, nil)
		dieCfg := &Config{AutoCRLF: AutoCRLFTrue, SafeCRLF: SafeCRLFTrue}
		if _, _, err := dieCfg.crlfToGit("f", data, crlfAutoCRLF, nil); (err != nil) != (len(warnings) > 0) {
			t.Fatalf("%q: refusal %v but warnings %q", data, err, warnings)
		}
		if out := identToGit(data); len(out) > len(data) {
			t.Fatalf("ident grew %q to %q", data, out)
		}
	})
}

// FuzzUTF16 checks the strict UTF-16/32 decoders against their encoders: what
// decodes encodes back to the same bytes.
func FuzzUTF16(f *testing.F) {
	f.Add([]byte("a\x00\r\x00\n\x00"))
	f.Add([]byte("\x3d\xd8\x00\xde"))
	f.Add([]byte("\x00\xd8a\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, d := range []utfDecoder{{width: 2}, {width: 2, bigEndian: true}, {width: 4}, {width: 4, bigEndian: true}} {
			out, ok := d.decode(data)
			if !ok {
				continue
			}
			if !utf8.Valid(out) {
				t.Fatalf("%+v: invalid UTF-8 %q from %q", d, out, data)
			}
			back, ok := d.encode(out)
			if !ok || !bytes.Equal(back, data) {
				t.Fatalf("%+v: %q -> %q -> %q", d, data, out, back)
			}
		}
	})
}
