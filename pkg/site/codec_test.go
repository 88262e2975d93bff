package site

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/postmortem"
)

// A manifest comes back from its encoding as it was, and a damaged one is refused.
func TestCodec(t *testing.T) {
	day := time.Date(2026, 10, 14, 0, 0, 0, 0, time.UTC)
	x := &rec{Path: "/r/postmortems/a.md", Rel: "postmortems/a.md", ID: "a", Size: 4096, MTime: 1_700_000_000_123, Sum: [32]byte{1, 2, 3},
		Fields: postmortem.Fields{Title: "Timeouts", Severity: "SEV-2", Status: postmortem.StatusReviewed, Owner: "Ana", IncidentCommander: "Bo",
			IncidentDate: day, Meeting: day.Add(50 * time.Hour), BadMeeting: "next Tuesday", ExternalMessage: true, FullOutage: true, CallRecording: "https://x/rec",
			StatusHistory: []postmortem.HistoryEntry{{Status: "Draft", At: "2026-10-14T10:00:00Z", By: "Ana"}, {Status: "Reviewed", At: "2026-10-20T10:00:00Z", By: "Bo", Forced: true}},
			Services:      []string{"payment-api", "決済"}, Tags: []string{"database"}, ContributingFactors: []string{"config"},
			Related: []string{"b"}, RecurrenceOf: "c"},
		Items:    []postmortem.ActionItem{{Priority: "P1", Action: "Limit the pool", Owner: "Ana", Due: "2026-11-01", Line: 90}},
		Findings: []Finding{{Line: 3, Column: 7, Rule: "relations", Severity: "warning", Message: "one-way"}},
		Summary:  "On 14 October…", Links: []string{"b"}, Deps: "ahead=false\x00link b true",
		Body: span{Off: 10, Len: 2000, CRC: 99}, Text: span{Off: 2010, Len: 900, CRC: 7}, Message: span{Off: 2910, Len: 0}}
	skip := &rec{Path: "/r/postmortems/b.md", Rel: "postmortems/b.md", ID: "b", Skip: true}
	m := &manifest{Version: cacheVersion, Salt: []byte{9, 8}, PackSize: 2910, Recs: []*rec{x, skip},
		Pages: map[string]fingerprint{"index.html": {1}, "pm/a.html": {2}}}
	data := encodeManifest(m, 0)
	got, err := decodeManifest(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, m) {
		t.Errorf("decoded\n%+v\nwant\n%+v", got, m)
	}
	for _, cut := range []int{len(data) - 1, len(data) / 2, 3} {
		if _, err := decodeManifest(data[:cut]); err == nil {
			t.Errorf("a manifest cut at %d of %d bytes decoded", cut, len(data))
		}
	}
}

// The codec writes every field of postmortem.Fields: a field added there must be added to it (and
// cacheVersion changed).
func TestCodecCoversFields(t *testing.T) {
	var names []string
	ft := reflect.TypeFor[postmortem.Fields]()
	for i := range ft.NumField() {
		names = append(names, ft.Field(i).Name)
	}
	want := "Title Severity Status Owner IncidentCommander IncidentDate Meeting BadMeeting ExternalMessage FullOutage CallRecording " +
		"StatusHistory Services Tags ContributingFactors Related RecurrenceOf"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("postmortem.Fields has %s; the manifest's codec writes %s", got, want)
	}
	if n := reflect.TypeFor[postmortem.HistoryEntry]().NumField(); n != 4 {
		t.Errorf("postmortem.HistoryEntry has %d fields; the codec writes 4", n)
	}
}

// TestReadPages: the list of the site's files is read from a manifest of any version that writes it
// as this one does, with another salt or none, or from the one a failed build moved aside; from a
// corrupt manifest, or one of an older layout, nothing is known.
func TestReadPages(t *testing.T) {
	pages := map[string]fingerprint{"index.html": {1}, "pm/a.html": {2}}
	for _, c := range []struct {
		version, file string
		corrupt, want bool
	}{
		{cacheVersion, manifestFile, false, true},
		{"site-cache-4", manifestFile, false, true},
		{cacheVersion, oldManifestFile, false, true},
		{"site-cache-3", manifestFile, false, false},
		{cacheVersion, manifestFile, true, false},
	} {
		out := t.TempDir()
		cache := filepath.Join(out, CacheDir)
		os.MkdirAll(cache, 0o755)
		m := &manifest{Version: c.version, Salt: []byte("other settings"), Recs: []*rec{{Path: "/r/a.md", ID: "a"}}, Pages: pages}
		if err := m.save(cache); err != nil {
			t.Fatal(err)
		}
		if c.file != manifestFile {
			os.Rename(filepath.Join(cache, manifestFile), filepath.Join(cache, c.file))
		}
		if c.corrupt {
			data, _ := os.ReadFile(filepath.Join(cache, c.file))
			data[len(data)-1] ^= 1
			os.WriteFile(filepath.Join(cache, c.file), data, 0o644)
		}
		got := readPages(out)
		if c.want != (got != nil) || (c.want && !reflect.DeepEqual(got, pages)) {
			t.Errorf("%s in %s (corrupt %t): %v", c.version, c.file, c.corrupt, got)
		}
	}
}
