package lsp

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// quotingIDs are postmortem ids (file names) that YAML would read as something else written plain:
// several values, a mapping, a comment, another type, or without their spaces.
var quotingIDs = []string{
	"we,ird:na%me 😀", "it's [x] {y} #z", `say "hi"`, " lead", "trail ", "true", "- dash", "a: b", "2026-10-01-plain",
}

// TestCompletionWritesYAML: a completed front matter value reads back, as YAML, as the value the
// item names, wherever it is completed: the first or a later item of a flow list, an item of a
// block list, a key's value, in the quotes the owner opened (over the closing one the editor put
// after the cursor). A value YAML reads plain stays plain.
func TestCompletionWritesYAML(t *testing.T) {
	files := map[string]string{".pm.yaml": pmYAML + "  - name: \"pay, ments: [eu]\"\n    description: awkward\n"}
	for _, id := range quotingIDs {
		files["postmortems/"+id+".md"] = "---\ntitle: T " + id + "\nseverity: SEV-3\nstatus: Draft\nowner: Ken\nincident_date: 2026-10-01\n---\n"
	}
	dir := repo(t, files)
	c := start(t, Options{WorkDir: dir})
	c.initialize(nil)
	front := "---\ntitle: Now\nseverity: SEV-2\nstatus: Draft\nowner: Ken\nincident_date: 2026-11-20\n%s\n---\n\n# Now\n"
	cases := []struct {
		name, line string // line: the front matter line(s), ‸ the cursor
		key        string
		prior      []string // the list's items before the one completed
	}{
		{"flow list, first item", "related: [‸]", "related", nil},
		{"flow list, a later item", "related: [2026-10-01-plain, ‸]", "related", []string{"2026-10-01-plain"}},
		{"flow list, after a quoted item with a comma", `related: ["a, b", ‸]`, "related", []string{"a, b"}},
		{"flow list, no closing bracket yet", "related: [‸", "related", nil},
		{"flow list, a double quote opened", `related: ["‸"]`, "related", nil},
		{"flow list, a single quote opened", "related: ['‸']", "related", nil},
		{"block list", "related:\n  - ‸", "related", nil},
		{"block list, a quote opened", "related:\n  - \"‸", "related", nil},
		{"value", "recurrence_of: ‸", "recurrence_of", nil},
		{"value right after the colon", "recurrence_of:‸", "recurrence_of", nil},
		{"value, a single quote opened", "recurrence_of: '‸", "recurrence_of", nil},
		{"vocabulary in a flow list", "services: [checkout, ‸]", "services", []string{"checkout"}},
		{"vocabulary in a block list", "services:\n  - ‸", "services", nil},
	}
	for i, tc := range cases {
		text := fmt.Sprintf(front, tc.line)
		at := strings.Index(text, "‸")
		text = text[:at] + text[at+len("‸"):]
		uri := c.open(fmt.Sprintf("postmortems/case-%d.md", i), text)
		c.diagnostics(uri)
		line := strings.Count(text[:at], "\n")
		pos := Position{Line: line, Character: len(utf16Encode(text[strings.LastIndex(text[:at], "\n")+1 : at]))}
		var list completionList
		c.result(c.request("textDocument/completion", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": pos}), &list)
		if len(list.Items) == 0 {
			t.Errorf("%s: no items", tc.name)
			continue
		}
		offered := map[string]bool{}
		for _, it := range list.Items {
			offered[it.Label] = true
			if it.TextEdit == nil {
				t.Errorf("%s: %q has no edit", tc.name, it.Label)
				continue
			}
			doc := newDocument(uri, "", 1, []byte(text))
			out, err := applyEdit(doc, *it.TextEdit)
			if err != nil {
				t.Errorf("%s: %q: %v", tc.name, it.Label, err)
				continue
			}
			if strings.Contains(tc.line, "[") && !strings.Contains(tc.line, "]") {
				out = strings.Replace(out, "\n---\n", "]\n---\n", 1) // the owner closes the list
			}
			got, err := frontValue(out, tc.key)
			var want any = it.Label
			if tc.key != "recurrence_of" {
				want = append(append([]any{}, toAny(tc.prior)...), it.Label)
			}
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("%s: completing %q gives %q, read back as %#v (%v), want %#v", tc.name, it.Label,
					out[strings.Index(out, "\n"+tc.key[:3]):strings.LastIndex(out, "\n---")], got, err, want)
			}
			plain := it.Label == "2026-10-01-plain" || it.Label == "checkout" || it.Label == "payments"
			if quote := strings.ContainsAny(tc.line, `"'`) && !strings.Contains(tc.line, `"a, b"`); plain && !quote &&
				strings.TrimSpace(it.TextEdit.NewText) != it.Label {
				t.Errorf("%s: %q written %q, not plain", tc.name, it.Label, it.TextEdit.NewText)
			}
		}
		if tc.key != "services" {
			for _, id := range quotingIDs {
				if !offered[id] && (tc.prior == nil || id != tc.prior[0]) {
					t.Errorf("%s: %q not offered", tc.name, id)
				}
			}
		}
	}
}

// applyEdit is doc's text with one edit made.
func applyEdit(doc *document, e TextEdit) (string, error) {
	start, end := doc.offset(e.Range.Start), doc.offset(e.Range.End)
	if e.Range.Start.Line >= len(doc.lines) || start > end {
		return "", fmt.Errorf("range %+v outside the text", e.Range)
	}
	return string(doc.text[:start]) + e.NewText + string(doc.text[end:]), nil
}

// frontValue is the value of key in text's front matter, read as YAML.
func frontValue(text, key string) (any, error) {
	body, ok := strings.CutPrefix(text, "---\n")
	if !ok {
		return nil, fmt.Errorf("no front matter")
	}
	yml, _, ok := strings.Cut(body, "\n---\n")
	if !ok {
		return nil, fmt.Errorf("front matter not closed")
	}
	var m map[string]any
	if err := yaml.Unmarshal([]byte(yml), &m); err != nil {
		return nil, err
	}
	return m[key], nil
}

func toAny(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}
