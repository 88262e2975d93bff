package convert

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

func iconv(t *testing.T, from string, data []byte) ([]byte, bool) {
	t.Helper()
	cmd := exec.Command("iconv", "-f", from, "-t", "UTF-8")
	cmd.Stdin = bytes.NewReader(data)
	cmd.Env = []string{"LC_ALL=C"}
	out, err := cmd.Output()
	return out, err == nil
}

// TestCharsetsMatchIconv checks every name we accept against glibc's iconv, the
// converter git uses: the defined bytes decode to the same UTF-8, and each byte
// we call undefined makes iconv fail.
func TestCharsetsMatchIconv(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("iconv"); err != nil {
		testenv.Skip(t, "iconv not on PATH")
	}
	checkedCanon := map[string]bool{}
	for alias, canon := range charsetAliases {
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
		if alias == "LATIN-1" {
			continue // not an iconv name: git itself retries it as ISO-8859-1
		}
		want, ok := iconv(t, alias, defined)
		got, _ := dec.decode(defined)
		if !ok || !bytes.Equal(got, want) {
			t.Errorf("%s: decoding differs from iconv (iconv ok=%v)", alias, ok)
			continue
		}
		if checkedCanon[canon] {
			continue
		}
		checkedCanon[canon] = true
		for _, b := range undefined {
			if out, ok := iconv(t, alias, []byte{b}); ok {
				t.Errorf("%s: byte %#x undefined for us, iconv gives %q", alias, b, out)
			}
		}
	}
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
	r := newTestRepo(t)
	conv := NewConverter(Config{WorkTree: r.dir})
	for _, tc := range cases {
		r.write(".gitattributes", "*.txt text working-tree-encoding="+tc.enc+"\n")
		r.write("a.txt", tc.data)
		r.git("rm", "-q", "-f", "--cached", "--ignore-unmatch", "a.txt")
		want, stderr, gitErr := gitAddBlob(t, r, "a.txt")
		checker := NewAttrChecker(r.sources())
		a, _ := checker.Lookup("a.txt")
		res, err := conv.ToGit("a.txt", []byte(tc.data), a, nil)
		switch {
		case tc.weRefuse:
			if err == nil || !strings.Contains(err.Error(), tc.enc) {
				t.Errorf("%s %q: want a refusal naming the encoding, got %v", tc.enc, tc.data, err)
			}
		case gitErr != nil:
			if err == nil {
				t.Errorf("%s %q: git refused (%s), we stored %q", tc.enc, tc.data, strings.TrimSpace(stderr), res.Data)
			} else if !strings.Contains(err.Error(), "a.txt") {
				t.Errorf("%s: error %v does not name the file", tc.enc, err)
			}
		case err != nil:
			t.Errorf("%s %q: we refused (%v), git stored it", tc.enc, tc.data, err)
		case blobID(res.Data) != want:
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
