package postmortem

import (
	"bufio"
	"bytes"
	"reflect"
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

// checkReadPrefix fails when reading text only up to the end of its block (FrontMatterSplit, as pm
// list reads files) gives another block, other fields or other problems than parsing the whole text.
func checkReadPrefix(t *testing.T, text []byte) {
	t.Helper()
	end, split := FrontMatterSplit(text)
	if end == 0 {
		return
	}
	whole := Parse("f.md", text, nil)
	read := ParseSplit("f.md", text[:end], split, nil)
	again := Parse("f.md", text[:end], nil)
	for _, d := range []*Doc{read, again} {
		if d.FrontState != whole.FrontState || d.FrontLine != whole.FrontLine || d.FrontStart != whole.FrontStart ||
			d.FrontEnd != whole.FrontEnd || d.BodyOffset != whole.BodyOffset || d.Usable() != whole.Usable() {
			t.Fatalf("%q: read to %d: block %v %d %d-%d body %d, whole text: %v %d %d-%d body %d", text, end,
				d.FrontState, d.FrontLine, d.FrontStart, d.FrontEnd, d.BodyOffset,
				whole.FrontState, whole.FrontLine, whole.FrontStart, whole.FrontEnd, whole.BodyOffset)
		}
		if !reflect.DeepEqual(d.Fields, whole.Fields) || !reflect.DeepEqual(d.Problems, whole.Problems) {
			t.Fatalf("%q: read to %d: fields %+v problems %v, whole text: %+v %v", text, end, d.Fields, d.Problems, whole.Fields, whole.Problems)
		}
	}
}

// TestReadPrefixMatchesWhole: a file read up to the end of its block, split once, is the file.
func TestReadPrefixMatchesWhole(t *testing.T) {
	for _, s := range blockSeeds {
		checkReadPrefix(t, []byte(s))
		checkReadPrefix(t, []byte(s+"\n# Title\n\nbody\n"))
	}
}

func FuzzReadPrefixMatchesWhole(f *testing.F) {
	for _, s := range blockSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) { checkReadPrefix(t, text) })
}
