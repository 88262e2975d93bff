package list

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/pm-tools/pm/pkg/cmdutil"
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
	dir := testenv.Corpus(t, n)
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

// corpusTableGolden holds, for each corpus size, the SHA-256 of pm list's table (not on a terminal,
// then fitted to a terminal of 100 columns, then --overdue) over the generated corpus, written before
// the table was laid out from the rows on demand.
var corpusTableGolden = filepath.Join("..", "..", "..", "testdata", "cmd", "list", "corpus-table.golden")

// TestListCorpusTableUnchanged lists a generated corpus as tables and compares them with the golden
// digests.
func TestListCorpusTableUnchanged(t *testing.T) {
	n := testenv.Inputs(300, 10000)
	dir := testenv.Corpus(t, n)
	got := fmt.Sprint(n)
	for _, c := range []struct {
		tty bool
		o   Options
	}{{false, Options{}}, {true, Options{}}, {false, Options{Overdue: true}}} {
		f, out, errOut := cmdutil.TestFactory(dir, now, map[string]string{"COLUMNS": "100"})
		f.IO.OutTTY = c.tty
		c.o.F, c.o.Format = f, "table"
		if err := listRun(&c.o); err != nil && !(c.o.Overdue && errors.Is(err, cmdutil.ErrSilentFindings)) {
			t.Fatalf("%v; stderr %s", err, errOut)
		}
		sum := sha256.Sum256([]byte(out.String() + "\x00" + errOut.String()))
		got += " " + hex.EncodeToString(sum[:])
	}
	testenv.GoldenLine(t, corpusTableGolden, n, got, *update)
}
