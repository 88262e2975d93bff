package lint

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/pm-tools/pm/internal/gencorpus"
	"github.com/pm-tools/pm/pkg/internal/testenv"
)

var update = flag.Bool("update", false, "rewrite testdata/cmd/lint/corpus.golden from the current output")

// corpusGolden holds, for each corpus size, the number of findings and the SHA-256 of pm lint's JSON
// output over documents 0 … n-1 of the generated corpus (seed 1). It was written before pm lint was
// made faster: any change of output on these documents, however small, fails the test.
var corpusGolden = filepath.Join("..", "..", "..", "testdata", "cmd", "lint", "corpus.golden")

// TestLintCorpusUnchanged lints a generated corpus (300 documents in the quick tier, 10,000 in the
// full one) and compares the findings with the golden digest.
func TestLintCorpusUnchanged(t *testing.T) {
	n := testenv.Inputs(300, 10000)
	dir := t.TempDir()
	if _, err := gencorpus.Write(filepath.Join(dir, "postmortems"), n, 1, 0.1, 5000); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := run(t, dir, Options{Format: "json"})
	if code != 1 {
		t.Fatalf("exit %d, want 1 (the corpus has errors); stderr %s", code, errOut)
	}
	var findings []map[string]any
	if err := json.Unmarshal([]byte(out), &findings); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if !strings.Contains(errOut, fmt.Sprintf("%d files linted", n)) {
		t.Errorf("summary %q does not count %d files", errOut, n)
	}
	sum := sha256.Sum256([]byte(out))
	got := fmt.Sprintf("%d %d %s", n, len(findings), hex.EncodeToString(sum[:]))
	checkCorpusGolden(t, corpusGolden, n, got)
}

// checkCorpusGolden compares got with the line of the golden file that starts with n, or with
// -update rewrites that line.
func checkCorpusGolden(t *testing.T, path string, n int, got string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil && !(*update && os.IsNotExist(err)) {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	key := strconv.Itoa(n) + " "
	for i, l := range lines {
		if !strings.HasPrefix(l, key) {
			continue
		}
		if *update {
			lines[i] = got
			writeGolden(t, path, lines)
		} else if l != got {
			t.Errorf("output over %d generated documents changed:\n got %s\nwant %s", n, got, l)
		}
		return
	}
	if !*update {
		t.Fatalf("%s has no line for %d documents (run with -update to add it)", path, n)
	}
	writeGolden(t, path, append(lines, got))
}

func writeGolden(t *testing.T, path string, lines []string) {
	t.Helper()
	if len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}
