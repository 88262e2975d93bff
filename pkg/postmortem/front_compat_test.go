package postmortem

import (
	"bufio"
	"bytes"
	"testing"

	"github.com/adrg/frontmatter"
)

// libraryBlock is where github.com/adrg/frontmatter v0.2.0 finds a "---" block when it is left to
// read the whole file: the raw block and the body, or ok false. SplitFrontMatter stops the library at
// the closing line and finds the body itself; this holds the two to the same answer.
func libraryBlock(text []byte) (raw, body []byte, ok bool) {
	format := frontmatter.NewFormat("---", "---", func(data []byte, v interface{}) error {
		*(v.(*[]byte)) = data
		return nil
	})
	body, err := frontmatter.Parse(bufio.NewReader(bytes.NewReader(text)), &raw, format)
	if err != nil || raw == nil {
		return nil, nil, false
	}
	return raw, body, true
}

// checkSameBlock fails when SplitFrontMatter and the library disagree about text's block.
func checkSameBlock(t *testing.T, text []byte) {
	t.Helper()
	s := SplitFrontMatter(text)
	raw, body, ok := libraryBlock(text)
	if ok != (s.State == FrontMatterOK) {
		t.Fatalf("%q: library found a block: %v; SplitFrontMatter: state %v", text, ok, s.State)
	}
	if !ok {
		return
	}
	if got := text[s.Start:s.End]; !bytes.Equal(got, raw) {
		t.Errorf("%q: block %q, library %q", text, got, raw)
	}
	if got := text[s.Body:]; !bytes.Equal(got, body) {
		t.Errorf("%q: body %q, library %q", text, got, body)
	}
}

var blockSeeds = []string{
	"", "---", "---\n", "---\n---", "---\n---\n", "\n\n---\na: 1\n---\nbody", "---\na: 1\n--- \nbody",
	" --- \na\n\t---\t\n", "---\r\na: 1\r\n---\r\nbody\r\n", "x\n---\na\n---\n", "---\na: 1\n", "\n \t\n",
	"---\na\n---", "---\n\n---\n\n", "--- x\n---\n---\n", "\u00a0---\u00a0\na\n\u2003---\n", "---\na\n----\n---\nb",
	"\n", "\n---", "---\n\n", "----\n---\n", "\v---\f\na\n---\r", "---\na\n---\n---\n",
}

// TestSplitFrontMatterMatchesLibrary: stopped early, the library finds the block and the body where
// it finds them reading the whole file.
func TestSplitFrontMatterMatchesLibrary(t *testing.T) {
	for _, s := range blockSeeds {
		checkSameBlock(t, []byte(s))
	}
}

func FuzzSplitFrontMatterMatchesLibrary(f *testing.F) {
	for _, s := range blockSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) { checkSameBlock(t, text) })
}
