package format

import "testing"

// TestEscapers checks the one-line and GitHub escapers on line breaks of every kind and on the
// characters the runner reads.
func TestEscapers(t *testing.T) {
	for in, want := range map[string]string{"": "", "plain": "plain", "a\r\nb\nc\rd": "a b c d", "\n\n": "  ", "x\r": "x "} {
		if got := oneLine(in); got != want {
			t.Errorf("oneLine(%q) = %q, want %q", in, got, want)
		}
	}
	if got, want := ghData("50% done\r\nnext: a,b"), "50%25 done%0D%0Anext: a,b"; got != want {
		t.Errorf("ghData = %q, want %q", got, want)
	}
	if got, want := ghProperty("50% done\r\nnext: a,b"), "50%25 done%0D%0Anext%3A a%2Cb"; got != want {
		t.Errorf("ghProperty = %q, want %q", got, want)
	}
}
