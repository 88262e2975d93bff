package indexahead

import "testing"

func TestWanted(t *testing.T) {
	for _, c := range []struct {
		args []string
		want bool
	}{
		{[]string{"lint", "--staged"}, true},
		{[]string{"lint", "-q", "--staged", "--format", "sarif"}, true},
		{[]string{"lint", "--staged=true"}, true},
		{[]string{"lint"}, false},
		{[]string{"lint", "--staged=false"}, false},
		{[]string{"lint", "--", "--staged"}, false}, // a file named --staged
		{[]string{"lint", "--changed-since", "main"}, false},
		{[]string{"status", "--staged"}, false},
		{[]string{"--staged"}, false},
		{[]string{"-q", "lint", "--staged"}, false},
		{nil, false},
	} {
		if got := Wanted(c.args); got != c.want {
			t.Errorf("Wanted(%q) = %v, want %v", c.args, got, c.want)
		}
	}
}
