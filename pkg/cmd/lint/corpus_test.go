package lint

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

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
	dir := testenv.Corpus(t, n)
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
	testenv.GoldenLine(t, corpusGolden, n, got, *update)
}
