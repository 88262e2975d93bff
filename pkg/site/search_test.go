package site

import "testing"

// The search words are each word of the text once, lower-case, in their first order: a term (which
// has no space) is in the text exactly when it is in one of them.
func TestDistinctWords(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"The pool ran dry; the POOL\nwas\tsmall.  The end", "the pool ran dry; was small. end"},
		{"決済 API の遅延\u3000決済", "決済 api の遅延"},
	} {
		if got := distinctWords(c.in); got != c.want {
			t.Errorf("distinctWords(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
