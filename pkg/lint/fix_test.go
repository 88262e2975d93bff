package lint

import "testing"

func TestApplyEdits(t *testing.T) {
	src := []byte("abcdef")
	for _, tc := range []struct {
		name  string
		edits []Edit
		want  string
		err   bool
	}{
		{"none", nil, "abcdef", false},
		{"replace and insert, out of order", []Edit{{4, 5, "E"}, {0, 0, ">"}, {1, 3, ""}}, ">adEf", false},
		{"two inserts at one offset keep their order", []Edit{{6, 6, "1"}, {6, 6, "2"}}, "abcdef12", false},
		{"overlap", []Edit{{1, 3, "x"}, {2, 4, "y"}}, "", true},
		{"past the end", []Edit{{5, 7, "x"}}, "", true},
		{"backwards", []Edit{{3, 2, "x"}}, "", true},
	} {
		got, err := ApplyEdits(src, tc.edits)
		if (err != nil) != tc.err || (err == nil && string(got) != tc.want) {
			t.Errorf("%s: got %q, %v; want %q (error %v)", tc.name, got, err, tc.want, tc.err)
		}
	}
	if string(src) != "abcdef" {
		t.Errorf("source changed: %q", src)
	}
}
