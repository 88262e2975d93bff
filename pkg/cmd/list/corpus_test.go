package list

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/pm-tools/pm/internal/gencorpus"
	"github.com/pm-tools/pm/pkg/internal/testenv"
)

var update = flag.Bool("update", false, "rewrite testdata/cmd/list/corpus.golden from the current output")

// corpusGolden holds, for each corpus size, the number of rows and the SHA-256 of pm list's JSON and
// CSV output over documents 0 … n-1 of the generated corpus (seed 1), written before pm list was made
// faster.
var corpusGolden = filepath.Join("..", "..", "..", "testdata", "cmd", "list", "corpus.golden")

// TestListCorpusUnchanged lists a generated corpus (300 documents in the quick tier, 10,000 in the
// full one) and compares the output with the golden digests.
func TestListCorpusUnchanged(t *testing.T) {
	n := testenv.Inputs(300, 10000)
	dir := t.TempDir()
	if _, err := gencorpus.Write(filepath.Join(dir, "postmortems"), n, 1, 0.1, 5000); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := run(t, dir, nil, Options{Format: "json"})
	if err != nil {
		t.Fatalf("%v; stderr %s", err, errOut)
	}
	var rows []jsonRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if len(rows) != n {
		t.Errorf("%d rows, want one per document (%d)", len(rows), n)
	}
	csvOut, errOut, err := run(t, dir, nil, Options{Format: "csv", Open: true})
	if err != nil {
		t.Fatalf("%v; stderr %s", err, errOut)
	}
	js, cs := sha256.Sum256([]byte(out)), sha256.Sum256([]byte(csvOut))
	got := fmt.Sprintf("%d %d %s %s", n, len(rows), hex.EncodeToString(js[:]), hex.EncodeToString(cs[:]))

	testenv.GoldenLine(t, corpusGolden, n, got, *update)
}
