package new

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/cmdutil"
)

// earlier writes a postmortem into the repository's folder, uncommitted (pm new commits its own file
// alone).
func earlier(t *testing.T, dir, id, date, title, extra string) {
	t.Helper()
	doc := fmt.Sprintf("---\ntitle: %s\nseverity: SEV-2\nstatus: Closed\nowner: o\nincident_date: %s\n%s---\n", title, date, extra)
	if err := os.MkdirAll(filepath.Join(dir, "postmortems"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "postmortems", id+".md"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestNewServicesTagsAndSimilar(t *testing.T) {
	r := newRepo(t)
	r.Write(".pm.yaml", "services:\n  - checkout\n  - name: payments-api\n    aliases: [payments]\n")
	earlier(t, r.Dir, "2026-09-01-cart", "2026-09-01", "Cart errors", "services: Checkout\n")
	earlier(t, r.Dir, "2026-10-01-db", "2026-10-01", "DB failover", "tags: [DATABASE]\n")
	earlier(t, r.Dir, "2026-11-10-cards", "2026-11-10", "Cards declined", "services:\n  - payments\n")
	earlier(t, r.Dir, "2026-11-12-search", "2026-11-12", "Search slow", "services: [search]\ntags: [latency]\n")
	earlier(t, r.Dir, "2026-11-22-later", "2026-11-22", "After the new one", "services: [checkout]\n")
	for i := 1; i <= 3; i++ {
		earlier(t, r.Dir, fmt.Sprintf("2026-08-0%d-old", i), fmt.Sprintf("2026-08-0%d", i), fmt.Sprintf("Old %d", i), "tags: database\n")
	}
	out, errOut, err := runNew(t, r.Dir, r.Env, Options{Severity: "2", Title: "Checkout down", Date: "2026-11-20",
		Services: []string{"Payments", " checkout ", "payments-api", ""}, Tags: []string{"database"}})
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	data, _ := os.ReadFile(filepath.Join(r.Dir, strings.TrimSpace(out)))
	if !strings.Contains(string(data), "call_recording: \"\"\nservices:\n  - payments-api\n  - checkout\ntags:\n  - database\ncontributing_factors: []\n") {
		t.Errorf("front matter:\n%s", data[:400])
	}
	want := "Similar: earlier postmortems with a service or tag of this one\n" +
		"  2026-11-10-cards  Cards declined\n" +
		"  2026-10-01-db  DB failover\n" +
		"  2026-09-01-cart  Cart errors\n" +
		"  2026-08-03-old  Old 3\n" +
		"  2026-08-02-old  Old 2\n"
	if !strings.HasSuffix(errOut, want) {
		t.Errorf("stderr:\n%s\nwant it to end with:\n%s", errOut, want)
	}

	if strings.Contains(errOut, "warning") {
		t.Errorf("values the vocabulary knows were warned of: %q", errOut)
	}

	// A service outside the vocabulary is written as given, with a warning that -q keeps.
	f, _, errBuf := cmdutil.TestFactory(r.Dir, now, r.Env)
	f.IO.Quiet = true
	if err := newRun(&Options{F: f, Severity: "2", Title: "Typo", Date: "2026-11-20", Services: []string{"chekout"}, Tags: []string{"anything"}}); err != nil {
		t.Fatal(err)
	}
	if want := "warning: --service \"chekout\" is not in .pm.yaml's services; did you mean \"checkout\"? (pm lint warns of it too)\n"; errBuf.String() != want {
		t.Errorf("stderr %q\nwant %q", errBuf, want)
	}

	// -q: the hint is not printed; without --service or --tag there is none.
	f, _, errBuf = cmdutil.TestFactory(r.Dir, now, r.Env)
	f.IO.Quiet = true
	if err := newRun(&Options{F: f, Severity: "2", Title: "Quiet", Date: "2026-11-20", Tags: []string{"database"}}); err != nil {
		t.Fatal(err)
	}
	if errBuf.Len() != 0 {
		t.Errorf("-q printed %q", errBuf)
	}
	_, errOut, err = runNew(t, r.Dir, r.Env, Options{Severity: "2", Title: "Plain", Date: "2026-11-20"})
	if err != nil || strings.Contains(errOut, "Similar") {
		t.Errorf("no flags: %v %q", err, errOut)
	}
}
