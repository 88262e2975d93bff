package format

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/pm-tools/pm/pkg/i18n"
	"github.com/pm-tools/pm/pkg/lint"
)

// SARIF 2.1.0, the subset GitHub code scanning reads.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
	// ColumnKind says how columns count; pm counts UTF-16 code units, what viewers assume.
	ColumnKind string `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      sarifText      `json:"fullDescription"`
	Help                 sarifHelp      `json:"help"`
	DefaultConfiguration sarifRuleLevel `json:"defaultConfiguration"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifRuleLevel struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

// WriteSARIF writes a SARIF 2.1.0 log with one rule descriptor per rule. Paths should be relative to the
// repository root with forward slashes, as code scanning resolves them. The rules' descriptions are
// in lang, as the results' messages are, and so is their longer help text.
func WriteSARIF(w io.Writer, fs []lint.Finding, version string, lang i18n.Lang) error {
	driver := sarifDriver{Name: "pm", Version: version, InformationURI: "https://github.com/pm-tools/pm"}
	index := map[string]int{}
	for i, r := range lint.Rules {
		index[r.ID] = i
		desc := lang.T("rule." + r.ID)
		driver.Rules = append(driver.Rules, sarifRule{
			ID: r.ID, Name: ruleName(r.ID),
			ShortDescription:     sarifText{Text: desc},
			FullDescription:      sarifText{Text: lang.T("sarif.full-description", desc, r.Default.String())},
			Help:                 sarifHelp{Text: r.HelpIn(lang), Markdown: "**" + r.ID + "**: " + r.HelpIn(lang)},
			DefaultConfiguration: sarifRuleLevel{Level: r.Default.SARIF()},
		})
	}
	log := sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{{Tool: sarifTool{Driver: driver}, Results: []sarifResult{}, ColumnKind: "utf16CodeUnits"}},
	}
	head, err := json.MarshalIndent(log, "", "  ")
	if err != nil {
		return err
	}
	// The results are written one at a time into the log's empty array, as the encoder indents them
	// (eight spaces deep): encoding the log whole held it twice over, indented and not, and a
	// million findings took 4 GB. Only a key can hold these quotes unescaped.
	const empty = `"results": []`
	at := bytes.Index(head, []byte(empty)) + len(empty) - 1
	bw := bufio.NewWriterSize(w, 64<<10)
	if len(fs) == 0 {
		bw.Write(head[:at])
	} else {
		bw.Write(head[:at-1])
		bw.WriteString("[\n        ")
	}
	for i, f := range fs {
		level := "error"
		if f.Severity == lint.Warning {
			level = "warning"
		}
		col, endCol := f.UTF16Columns()
		endLine := f.EndLine
		if endLine < f.Line || (endLine == f.Line && endCol <= col) {
			endLine, endCol = 0, 0
		}
		b, err := json.MarshalIndent(sarifResult{
			RuleID: f.Rule, RuleIndex: index[f.Rule], Level: level, Message: sarifText{Text: f.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
				ArtifactLocation: sarifArtifact{URI: sarifURI(f.Path)},
				Region:           sarifRegion{StartLine: f.Line, StartColumn: col, EndLine: endLine, EndColumn: endCol},
			}}},
		}, "        ", "  ")
		if err != nil {
			return err
		}
		if i > 0 {
			bw.WriteString(",\n        ")
		}
		if _, err := bw.Write(b); err != nil {
			return err
		}
	}
	if len(fs) > 0 {
		bw.WriteString("\n      ")
	}
	bw.Write(head[at:])
	bw.WriteString("\n")
	return bw.Flush()
}

// sarifURI turns a relative path into a URI reference (spaces and other characters escaped). A
// colon is escaped too: in the first segment ("c:x.md") it would make the reference a URI of
// scheme "c", and escaping it wherever it is keeps one file's URI one spelling. A path starting
// with two slashes (a Windows UNC path) would read as a host: "/." keeps it a path.
func sarifURI(p string) string {
	p = filepath.ToSlash(p) // a backslash is a separator on Windows only: elsewhere a name's own, escaped
	p = strings.TrimPrefix(p, "./")
	// EscapedPath leaves ":" as it is and has escaped every "%": each ":" left is the path's own
	u := strings.ReplaceAll((&url.URL{Path: p}).EscapedPath(), ":", "%3A")
	if strings.HasPrefix(u, "//") {
		u = "/." + u
	}
	return u
}

// ruleName is the rule ID in PascalCase, as SARIF viewers show rule names.
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}
