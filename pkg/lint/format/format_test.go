package format_test

import (
	"bytes"
	"encoding/json"
	"net/url"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/lint"
	"github.com/pm-tools/pm/pkg/lint/format"
)

// tricky has the characters each output format must escape: a comma and a colon in the path (a
// workflow command property), and %, CR and LF in the message (its data).
var tricky = []lint.Finding{
	{Path: "postmortems/a,b:c.md", Line: 3, Column: 5, EndLine: 3, EndColumn: 9, Rule: "banned-word", Severity: lint.Error,
		Message: "100% \"outage\"\nsecond line\r\nthird"},
	{Path: "postmortems/ok.md", Line: 10, Column: 1, EndLine: 10, EndColumn: 2, Rule: "action-item", Severity: lint.Warning,
		Message: "priority P2"},
}

func TestWriteGitHubEscapes(t *testing.T) {
	var b bytes.Buffer
	if err := format.WriteGitHub(&b, tricky); err != nil {
		t.Fatal(err)
	}
	want := "::error file=postmortems/a%2Cb%3Ac.md,line=3,col=5,endLine=3,endColumn=9,title=banned-word::" +
		"100%25 \"outage\"%0Asecond line%0D%0Athird [banned-word]\n" +
		"::warning file=postmortems/ok.md,line=10,col=1,endLine=10,endColumn=2,title=action-item::priority P2 [action-item]\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
	// one command per line: a raw line break would end the command early
	if strings.Count(b.String(), "\n") != len(tricky) || strings.Contains(b.String(), "\r") {
		t.Errorf("a finding spans more than one line: %q", b.String())
	}
}

// TestWriteGitHubProperties checks every property value by decoding it as the runner does.
func TestWriteGitHubProperties(t *testing.T) {
	f := lint.Finding{Path: "pm/%2C, x:y\n.md", Line: 1, Column: 1, Rule: "r,1:2", Severity: lint.Error, Message: "m"}
	var b bytes.Buffer
	format.WriteGitHub(&b, []lint.Finding{f})
	line := strings.TrimSuffix(b.String(), "\n")
	props, data, ok := strings.Cut(strings.TrimPrefix(line, "::error "), "::")
	if !ok {
		t.Fatalf("no data separator: %q", line)
	}
	unescape := strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%")
	got := map[string]string{}
	for _, kv := range strings.Split(props, ",") {
		k, v, _ := strings.Cut(kv, "=")
		got[k] = unescape.Replace(v)
	}
	if got["file"] != f.Path || got["title"] != f.Rule || got["line"] != "1" {
		t.Errorf("decoded properties %q, want file %q and title %q", got, f.Path, f.Rule)
	}
	if data != "m [r,1:2]" { // data escapes only %, CR and LF
		t.Errorf("data %q", data)
	}
}

func TestWriteJSON(t *testing.T) {
	var b bytes.Buffer
	if err := format.WriteJSON(&b, nil); err != nil || b.String() != "[]\n" {
		t.Errorf("no findings: %q, %v; want []", b.String(), err)
	}
	b.Reset()
	format.WriteJSON(&b, tricky)
	var got []map[string]any
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("%v: %s", err, b.String())
	}
	if len(got) != 2 {
		t.Fatalf("%d objects", len(got))
	}
	var keys []string
	for k := range got[0] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if strings.Join(keys, " ") != "column endColumn endLine line message path rule severity" {
		t.Errorf("keys %v", keys)
	}
	if got[0]["path"] != tricky[0].Path || got[0]["message"] != tricky[0].Message || got[0]["line"] != 3.0 ||
		got[0]["severity"] != "error" || got[1]["severity"] != "warning" || got[1]["rule"] != "action-item" {
		t.Errorf("values %v", got)
	}
}

func TestWriteText(t *testing.T) {
	var b bytes.Buffer
	if err := format.WriteText(&b, tricky); err != nil {
		t.Fatal(err)
	}
	want := "postmortems/a,b:c.md:3:5: error: 100% \"outage\" second line third [banned-word]\n" +
		"postmortems/ok.md:10:1: warning: priority P2 [action-item]\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
	b.Reset()
	format.WriteText(&b, nil)
	if b.Len() != 0 {
		t.Errorf("no findings wrote %q", b.String())
	}
}

// sarif is what GitHub code scanning reads from a SARIF log.
type sarif struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		ColumnKind string `json:"columnKind"`
		Tool       struct {
			Driver struct {
				Name    string `json:"name"`
				Version string `json:"version"`
				Rules   []struct {
					ID               string                `json:"id"`
					Name             string                `json:"name"`
					ShortDescription struct{ Text string } `json:"shortDescription"`
					FullDescription  struct{ Text string } `json:"fullDescription"`
					Help             struct {
						Text     string `json:"text"`
						Markdown string `json:"markdown"`
					} `json:"help"`
					DefaultConfiguration struct{ Level string } `json:"defaultConfiguration"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex *int   `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region map[string]int `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
		} `json:"results"`
	} `json:"runs"`
}

func writeSARIF(t *testing.T, fs []lint.Finding) (sarif, string) {
	t.Helper()
	var b bytes.Buffer
	if err := format.WriteSARIF(&b, fs, "v1.2.3", i18n.EN); err != nil {
		t.Fatal(err)
	}
	var log sarif
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatalf("%v: %s", err, b.String())
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs", len(log.Runs))
	}
	return log, b.String()
}

func TestWriteSARIF(t *testing.T) {
	fs := []lint.Finding{
		{Path: "postmortems/2026 11 20 checkout.md", Line: 20, Column: 1, EndLine: 20, EndColumn: 10, Rule: "required-section",
			Severity: lint.Error, Message: `missing section "Timeline"`},
		{Path: filepath.FromSlash("./postmortems/ja/決済.md"), Line: 108, Column: 3, EndLine: 108, EndColumn: 3, Rule: "action-item",
			Severity: lint.Warning, Message: "priority P2"},
	}
	log, _ := writeSARIF(t, fs)
	if log.Version != "2.1.0" || !strings.Contains(log.Schema, "sarif") || !strings.HasSuffix(log.Schema, "2.1.0.json") {
		t.Errorf("version %q, $schema %q", log.Version, log.Schema)
	}
	run := log.Runs[0]
	if d := run.Tool.Driver; d.Name != "pm" || d.Version != "v1.2.3" {
		t.Errorf("driver %q %q", d.Name, d.Version)
	}

	// a descriptor for every rule, with the texts code scanning shows
	rules := run.Tool.Driver.Rules
	if len(rules) != len(lint.Rules) {
		t.Fatalf("%d descriptors for %d rules", len(rules), len(lint.Rules))
	}
	for i, r := range lint.Rules {
		d := rules[i]
		if d.ID != r.ID || d.Name == "" || d.ShortDescription.Text != r.Description() || d.FullDescription.Text == "" ||
			d.Help.Text != r.Help || d.Help.Text == "" || !strings.Contains(d.Help.Markdown, r.Help) {
			t.Errorf("descriptor %d: %+v, want rule %s with its description and help", i, d, r.ID)
		}
		if lvl := d.DefaultConfiguration.Level; lvl != "error" && lvl != "warning" {
			t.Errorf("rule %s: default level %q", r.ID, lvl)
		}
	}

	if len(run.Results) != 2 {
		t.Fatalf("%d results", len(run.Results))
	}
	want := []struct {
		rule, level, text, uri string
		line, col              int
		hasEnd                 bool
	}{
		{"required-section", "error", `missing section "Timeline"`, "postmortems/2026%2011%2020%20checkout.md", 20, 1, true},
		{"action-item", "warning", "priority P2", "postmortems/ja/%E6%B1%BA%E6%B8%88.md", 108, 3, false},
	}
	for i, w := range want {
		res := run.Results[i]
		if res.RuleID != w.rule || res.Level != w.level || res.Message.Text != w.text {
			t.Errorf("result %d: %s %s %q", i, res.RuleID, res.Level, res.Message.Text)
		}
		if res.RuleIndex == nil || rules[*res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %d: ruleIndex does not point at the %s descriptor", i, res.RuleID)
		}
		if len(res.Locations) != 1 {
			t.Fatalf("result %d: %d locations", i, len(res.Locations))
		}
		loc := res.Locations[0].PhysicalLocation
		if uri := loc.ArtifactLocation.URI; uri != w.uri || strings.Contains(uri, ":") || strings.HasPrefix(uri, "/") {
			t.Errorf("result %d: uri %q, want %q (relative to the repository root, slashes, escaped)", i, uri, w.uri)
		}
		if loc.Region["startLine"] != w.line || loc.Region["startColumn"] != w.col {
			t.Errorf("result %d: region %v", i, loc.Region)
		}
		// an empty span has no end: SARIF wants the end after the start
		if _, ok := loc.Region["endColumn"]; ok != w.hasEnd {
			t.Errorf("result %d: region %v, end expected %v", i, loc.Region, w.hasEnd)
		}
	}
}

func TestWriteSARIFClean(t *testing.T) {
	log, raw := writeSARIF(t, nil)
	if log.Runs[0].Results == nil || !strings.Contains(raw, `"results": []`) {
		t.Errorf("a clean run must have an empty results array, not null:\n%s", raw)
	}
	if len(log.Runs[0].Tool.Driver.Rules) != len(lint.Rules) {
		t.Error("a clean run still describes every rule")
	}
}

// SARIF viewers count columns in UTF-16 code units: the run says so, and a finding after an emoji
// gets the columns the lint computed that way.
func TestWriteSARIFColumnsInUTF16(t *testing.T) {
	fs := []lint.Finding{
		{Path: "a.md", Line: 4, Column: 4, EndLine: 4, EndColumn: 10, Column16: 6, EndColumn16: 12, Rule: "banned-word", Severity: lint.Error, Message: "outage"},
		{Path: "a.md", Line: 5, Column: 2, EndLine: 5, EndColumn: 3, Rule: "placeholder", Severity: lint.Error, Message: "TODO"},
	}
	log, _ := writeSARIF(t, fs)
	if k := log.Runs[0].ColumnKind; k != "utf16CodeUnits" {
		t.Errorf("columnKind %q", k)
	}
	for i, want := range [][2]int{{6, 12}, {2, 3}} {
		r := log.Runs[0].Results[i].Locations[0].PhysicalLocation.Region
		if r["startColumn"] != want[0] || r["endColumn"] != want[1] {
			t.Errorf("result %d: region %v, want columns %v", i, r, want)
		}
	}
}

// TestWriteGitHubPositions checks the positions against the runner's rules: it drops an annotation
// with col/endColumn on several lines or with endColumn before col, and GitHub counts UTF-16 units.
func TestWriteGitHubPositions(t *testing.T) {
	cases := []struct {
		name string
		f    lint.Finding
		want string
	}{
		{"one line", lint.Finding{Line: 4, Column: 2, EndLine: 4, EndColumn: 8}, "line=4,col=2,endLine=4,endColumn=8"},
		{"several lines", lint.Finding{Line: 4, Column: 2, EndLine: 6, EndColumn: 1}, "line=4,endLine=6"},
		{"end before start", lint.Finding{Line: 4, Column: 9, EndLine: 4, EndColumn: 3}, "line=4,col=9,endLine=4,endColumn=9"},
		{"no end line", lint.Finding{Line: 4, Column: 1}, "line=4,col=1,endLine=4,endColumn=1"},
		{"no column", lint.Finding{Line: 7, EndLine: 7}, "line=7,endLine=7"},
		{"after an emoji", lint.Finding{Line: 2, Column: 3, EndLine: 2, EndColumn: 9, Column16: 4, EndColumn16: 10},
			"line=2,col=4,endLine=2,endColumn=10"},
	}
	for _, c := range cases {
		c.f.Path, c.f.Rule, c.f.Severity, c.f.Message = "p.md", "r", lint.Error, "m"
		var b bytes.Buffer
		if err := format.WriteGitHub(&b, []lint.Finding{c.f}); err != nil {
			t.Fatal(err)
		}
		want := "::error file=p.md," + c.want + ",title=r::m [r]\n"
		if b.String() != want {
			t.Errorf("%s: got %q, want %q", c.name, b.String(), want)
		}
	}
}

// TestWriteSARIFURIReferences: each artifactLocation.uri is a URI reference that reads back, by a
// URI parser, as a path with no scheme and no host, and that path is the finding's (slashes for
// backslashes). A colon in the first segment would otherwise be a scheme ("c:x.md" is scheme "c"),
// and two slashes at the start a host.
func TestWriteSARIFURIReferences(t *testing.T) {
	cases := []struct{ path, uri, back string }{
		{"c:x.md", "c%3Ax.md", "c:x.md"},
		{"C:/pm/a.md", "C%3A/pm/a.md", "C:/pm/a.md"},
		{"postmortems/a,b:c.md", "postmortems/a,b%3Ac.md", "postmortems/a,b:c.md"},
		{"./http://x/y.md", "http%3A//x/y.md", "http://x/y.md"},
		{"we,ird:na%me 😀.md", "we,ird%3Ana%25me%20%F0%9F%98%80.md", "we,ird:na%me 😀.md"},
		{"a?b#c.md", "a%3Fb%23c.md", "a?b#c.md"},
		{"//server/share/x.md", "/.//server/share/x.md", "//server/share/x.md"},
		{"/tmp/x.md", "/tmp/x.md", "/tmp/x.md"},
	}
	if filepath.Separator == '\\' {
		cases = append(cases, struct{ path, uri, back string }{`\\server\share\y.md`, "/.//server/share/y.md", "//server/share/y.md"})
	} else {
		// a backslash is a file name's own character here (git stores "a\b.md" as one name)
		cases = append(cases, struct{ path, uri, back string }{`postmortems/a\b.md`, "postmortems/a%5Cb.md", `postmortems/a\b.md`})
	}
	var fs []lint.Finding
	for _, c := range cases {
		fs = append(fs, lint.Finding{Path: c.path, Line: 1, Column: 1, Rule: "front-matter", Severity: lint.Error, Message: "m"})
	}
	log, _ := writeSARIF(t, fs)
	base, err := url.Parse("file:///repo/")
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range cases {
		got := log.Runs[0].Results[i].Locations[0].PhysicalLocation.ArtifactLocation.URI
		if got != c.uri {
			t.Errorf("%q: uri %q, want %q", c.path, got, c.uri)
		}
		u, err := url.Parse(got)
		if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" {
			t.Errorf("%q: uri %q is not a relative reference to a path: %+v %v", c.path, got, u, err)
			continue
		}
		// resolved against the repository, as a SARIF viewer does: the path, as written
		want := "/repo/" + c.back
		if strings.HasPrefix(c.back, "/") {
			want = c.back
		}
		if r := base.ResolveReference(u); r.Scheme != "file" || r.Host != "" || r.Path != want {
			t.Errorf("%q: %q resolves to %q (host %q), want %q", c.path, got, r.Path, r.Host, want)
		}
	}
}

// In Japanese, the rules' descriptions are Japanese, as the results' messages are.
func TestWriteSARIFJapanese(t *testing.T) {
	var b bytes.Buffer
	if err := format.WriteSARIF(&b, nil, "v1", i18n.JA); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID               string                `json:"id"`
						ShortDescription struct{ Text string } `json:"shortDescription"`
						FullDescription  struct{ Text string } `json:"fullDescription"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil || len(log.Runs) != 1 || len(log.Runs[0].Tool.Driver.Rules) != len(lint.Rules) {
		t.Fatalf("%v: %s", err, b.String())
	}
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		if want := i18n.JA.T("rule." + r.ID); r.ShortDescription.Text != want || !strings.HasPrefix(r.FullDescription.Text, want+"。既定の重大度: ") {
			t.Errorf("%s: %q / %q", r.ID, r.ShortDescription.Text, r.FullDescription.Text)
		}
	}
}
