package testenv

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// GoldenLine compares got with the line of the golden file path that starts with n and a space (a
// digest of some output over n generated inputs), or with update rewrites that line, adding it when
// missing.
func GoldenLine(t testing.TB, path string, n int, got string, update bool) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil && !(update && os.IsNotExist(err)) {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	key := strconv.Itoa(n) + " "
	found := false
	for i, l := range lines {
		if !strings.HasPrefix(l, key) {
			continue
		}
		found = true
		if update {
			lines[i] = got
		} else if l != got {
			t.Errorf("output over %d generated documents changed:\n got %s\nwant %s", n, got, l)
		}
	}
	if !found {
		if !update {
			t.Fatalf("%s has no line for %d documents (run with -update to add it)", path, n)
		}
		lines = append(lines, got)
	}
	if update {
		if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
