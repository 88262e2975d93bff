package stats

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// corpusGolden holds, for each corpus size, the SHA-256 of pm stats' report, JSON and CSV over
// documents 0 … n-1 of the generated corpus (seed 1), written by pm stats before it was made faster.
var corpusGolden = filepath.Join(fixtures, "corpus.golden")

// TestStatsCorpusUnchanged reports on a generated corpus (300 documents in the quick tier, 10,000 in
// the full one) and compares the outputs with the golden digests.
func TestStatsCorpusUnchanged(t *testing.T) {
	n := testenv.Inputs(300, 10000)
	dir := testenv.Corpus(t, n)
	sums := []string{fmt.Sprint(n)}
	for _, args := range [][]string{nil, {"--format", "json"}, {"--format", "csv"}, {"--sev", "2", "--since", "2025-01-01", "--format", "csv"}} {
		out, errOut, code := run(t, dir, nil, args...)
		if code != 0 {
			t.Fatalf("pm stats %s: exit %d: %s", strings.Join(args, " "), code, errOut)
		}
		sum := sha256.Sum256([]byte(out + "\x00" + errOut))
		sums = append(sums, hex.EncodeToString(sum[:]))
	}
	testenv.GoldenLine(t, corpusGolden, n, strings.Join(sums, " "), *update)
}
