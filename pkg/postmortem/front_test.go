package postmortem

import "testing"

func TestSplitFrontMatter(t *testing.T) {
	cases := []struct {
		text  string
		state FrontMatterState
		open  int
		body  int
	}{
		{"# x\n", FrontMatterNone, -1, 0},
		{"", FrontMatterNone, -1, 0},
		{"\n\n", FrontMatterNone, -1, 0},
		{"---\ntitle: x\n", FrontMatterUnclosed, 0, 0},
		{"---", FrontMatterUnclosed, 0, 0},
		{"---\ntitle: x\n---\n# x\n", FrontMatterOK, 0, 17},
		{"\n \n---\ntitle: x\n--- \nbody", FrontMatterOK, 3, 21},
		{"---\n---", FrontMatterOK, 0, 7},
	}
	for _, c := range cases {
		s := SplitFrontMatter([]byte(c.text))
		if s.State != c.state || s.Open != c.open || (c.state == FrontMatterOK && s.Body != c.body) {
			t.Errorf("%q: %+v, want state %v, open %d, body %d", c.text, s, c.state, c.open, c.body)
		}
		if c.state == FrontMatterOK && c.text[s.Start:s.End] != "title: x\n" && s.Start != s.End {
			t.Errorf("%q: block %q", c.text, c.text[s.Start:s.End])
		}
	}
}

func TestFrontMatterEnd(t *testing.T) {
	cases := []struct {
		b    string
		want int
	}{
		{"---\ntitle: x\n---\n# body", 17},
		{"\uFEFF---\r\ntitle: x\r\n---\r\nbody", 23},
		{"---\ntitle: x\n---", 0},  // the closing line may go on
		{"---\ntitle: x\n----", 0}, // it does
		{"---\ntitle: x\n", 0},     // not closed yet
		{"# no front matter\n", 0}, // none at all
		{"\n---\ntitle: x\n---\n", 18},
	}
	for _, c := range cases {
		if got := FrontMatterEnd([]byte(c.b)); got != c.want {
			t.Errorf("FrontMatterEnd(%q) = %d, want %d", c.b, got, c.want)
		}
	}
}
