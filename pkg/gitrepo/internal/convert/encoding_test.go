package convert

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// TestCharsetsMatchIconv checks every name we accept against glibc's iconv, the
// converter git uses, as git calls it for working-tree-encoding: the defined bytes
// decode to the same UTF-8, and each byte we call undefined makes the conversion
// fail. One `git hash-object --stdin-paths` converts every file, each with an
// iconv of its own, and goes on after a failure (it dies on one only when it
// writes objects): it prints the blob of the content it would store and names the
// file it could not convert.
func TestCharsetsMatchIconv(t *testing.T) {
	t.Parallel()
	r := newTestRepo(t)
	aliases := make([]string, 0, len(charsetAliases.Get()))
	for alias := range charsetAliases.Get() {
		aliases = append(aliases, alias)
	}
	sort.Strings(aliases)
	type probe struct {
		path, alias string
		undefined   int    // the byte we call undefined, or -1 for the defined bytes
		want        string // blob of our decoding of the defined bytes
	}
	var probes []probe
	var attrs strings.Builder
	checkedCanon := map[string]bool{}
	files := r.sharedFiles()
	for i, alias := range aliases {
		canon := charsetAliases.Get()[alias]
		dec, ok := lookupDecoder(alias)
		if !ok {
			t.Fatalf("%s: no decoder", alias)
		}
		var defined []byte
		var undefined []byte
		for i := 0; i < 256; i++ {
			if _, ok := dec.decode([]byte{byte(i)}); ok {
				defined = append(defined, byte(i))
			} else {
				undefined = append(undefined, byte(i))
			}
		}
		if canon == "CP949" { // multi-byte: every lead byte with every trail byte
			var buf []byte
			for i := 0x81; i < 0xff; i++ {
				for j := 0x41; j < 0xff; j++ {
					if d, ok := dec.decode([]byte{byte(i), byte(j)}); ok && len(d) > 0 {
						buf = append(buf, byte(i), byte(j))
					}
				}
			}
			defined = append(defined[:0:0], buf...)
		}
		// File aNNN holds the defined bytes of alias NNN, aNNN-XX its undefined byte XX.
		fmt.Fprintf(&attrs, "/a%03d working-tree-encoding=%s\n/a%03d-* working-tree-encoding=%s\n", i, alias, i, alias)
		got, _ := dec.decode(defined)
		probes = append(probes, probe{path: fmt.Sprintf("a%03d", i), alias: alias, undefined: -1, want: blobID(got)})
		files.write(probes[len(probes)-1].path, string(defined)) // the same for every alias
		if checkedCanon[canon] {
			continue
		}
		checkedCanon[canon] = true
		// The quick tier tries a few undefined bytes of each charset, spread from
		// the first to the last; the full tier every one.
		for _, b := range spread(undefined, testenv.Inputs(6, 256)) {
			probes = append(probes, probe{path: fmt.Sprintf("a%03d-%02x", i, b), alias: alias, undefined: int(b)})
			files.write(probes[len(probes)-1].path, string([]byte{b}))
		}
	}
	r.write(".gitattributes", attrs.String())
	var in strings.Builder
	for _, p := range probes {
		in.WriteString(p.path + "\n")
	}
	stdout, stderr, err := r.run([]byte(in.String()), "hash-object", "--stdin-paths")
	if err != nil {
		t.Fatalf("git hash-object: %v\n%s", err, stderr)
	}
	out := strings.Fields(string(stdout))
	failed := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(stderr)), "\n") {
		rest, ok := strings.CutPrefix(line, "error: failed to encode '")
		path, _, ok2 := strings.Cut(rest, "'")
		if !ok || !ok2 {
			if line != "" {
				t.Errorf("git hash-object: %s", line)
			}
			continue
		}
		failed[path] = true
	}
	if len(out) != len(probes) {
		t.Fatalf("git hash-object printed %d blobs for %d files", len(out), len(probes))
	}
	for i, p := range probes {
		switch {
		case p.undefined < 0 && failed[p.path]:
			t.Errorf("%s: iconv refuses bytes we decode", p.alias)
		case p.undefined < 0 && out[i] != p.want:
			t.Errorf("%s: decoding differs from iconv", p.alias)
		case p.undefined >= 0 && (!failed[p.path] || out[i] != blobID([]byte{byte(p.undefined)})):
			t.Errorf("%s: byte %#x undefined for us, iconv converts it (blob %s)", p.alias, p.undefined, out[i])
		}
	}
}

// spread returns n elements of list, evenly spaced from its first to its last,
// or all of list when it has no more than n.
func spread[E any](list []E, n int) []E {
	if len(list) <= n {
		return list
	}
	if n < 2 {
		return list[:n]
	}
	out := make([]E, n)
	for i := range out {
		out[i] = list[i*(len(list)-1)/(n-1)]
	}
	return out
}

func TestWorkingTreeEncodingMatchesGit(t *testing.T) {
	t.Parallel()
	cases := []struct {
		enc, data string
		weRefuse  bool // git accepts, pm refuses on purpose
	}{
		{enc: "UTF-16", data: "\xff\xfea\x00\r\x00\n\x00b\x00\n\x00"},
		{enc: "utf-16", data: "\xfe\xff\x00a\x00\r\x00\n\xd8\x3d\xde\x00"},
		{enc: "UTF-16", data: "a\x00\n\x00"},
		{enc: "UTF-16LE", data: "a\x00\r\x00\n\x00\xff\xfe"},
		{enc: "UTF16LE", data: "a\x00\n\x00"},
		{enc: "UTF-16LE", data: "\xff\xfea\x00"},
		{enc: "UTF-16BE", data: "\x00a\x00\n"},
		{enc: "UTF-16LE", data: "a\x00b"},
		{enc: "UTF-16LE", data: "\x00\xd8a\x00"},
		{enc: "UTF-16LE-BOM", data: "\xff\xfea\x00\n\x00"},
		{enc: "UTF-32", data: "\xff\xfe\x00\x00a\x00\x00\x00"},
		{enc: "UTF-32BE", data: "\x00\x00\x00a\x00\x11\x00\x00"},
		{enc: "UTF-32LE", data: "a\x00\x00\x00"},
		{enc: "ISO-8859-1", data: "caf\xe9\r\n"},
		{enc: "latin-1", data: "caf\xe9\n"},
		{enc: "CP1252", data: "\x80 \x81"},
		{enc: "CP1252", data: "\x80 \x9f"},
		{enc: "ASCII", data: "abc\x80"},
		{enc: "NO-SUCH-ENCODING", data: "abc"},
		{enc: "SHIFT-JIS", data: "abc", weRefuse: true},
		{enc: "UTF-8", data: "\xff raw"},
		{enc: "utf8", data: "\xff raw"},
		{enc: "UTF-16", data: ""},
	}
	// Each case is a file with its own encoding, all added at once.
	r := newTestRepo(t)
	var attrs strings.Builder
	var paths []string
	for i, tc := range cases {
		p := fmt.Sprintf("c%02d.txt", i)
		fmt.Fprintf(&attrs, "/%s text working-tree-encoding=%s\n", p, tc.enc)
		r.write(p, tc.data)
		paths = append(paths, p)
	}
	r.write(".gitattributes", attrs.String())
	blobs, refused, _ := gitAdd(t, r, paths)
	conv := NewConverter(Config{WorkTree: r.dir})
	checker := NewAttrChecker(r.sources())
	for i, tc := range cases {
		p := paths[i]
		a, _ := checker.Lookup(p)
		res, err := conv.ToGit(p, []byte(tc.data), a, nil)
		stderr, gitRefused := refused[p]
		switch {
		case tc.weRefuse:
			if err == nil || !strings.Contains(err.Error(), tc.enc) {
				t.Errorf("%s %q: want a refusal naming the encoding, got %v", tc.enc, tc.data, err)
			}
		case gitRefused:
			if err == nil {
				t.Errorf("%s %q: git refused (%s), we stored %q", tc.enc, tc.data, strings.TrimSpace(stderr), res.Data)
			} else if !strings.Contains(err.Error(), p) {
				t.Errorf("%s: error %v does not name the file", tc.enc, err)
			}
		case err != nil:
			t.Errorf("%s %q: we refused (%v), git stored it", tc.enc, tc.data, err)
		case blobID(res.Data) != blobs[p]:
			t.Errorf("%s %q: got %q", tc.enc, tc.data, res.Data)
		}
	}
}

func TestCheckRoundtrip(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		list, enc string
		want      bool
	}{
		{"SHIFT-JIS", "shift-jis", true},
		{"UTF-16, ASCII,CP1125", "ascii", true},
		{"UTF-16, ASCII,CP1125", "CP1125", true},
		{"UTF-16 ASCII", "UTF-16", true},
		{"UTF-16LE", "UTF-16", false},
		{"XUTF-16", "UTF-16", false},
		{"", "UTF-16", false},
	} {
		if got := checkRoundtrip(tc.list, tc.enc); got != tc.want {
			t.Errorf("checkRoundtrip(%q, %q) = %v", tc.list, tc.enc, got)
		}
	}
}

func TestWorkingTreeEncodingTrue(t *testing.T) {
	t.Parallel()
	conv := NewConverter(Config{})
	a := NewAttributes(map[string]Value{"working-tree-encoding": {State: Set}})
	if _, err := conv.ToGit("a.txt", []byte("x"), a, nil); err == nil {
		t.Fatal("working-tree-encoding set without a value was accepted")
	}
}
