package postmortem

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestActionItemsOnlyMatchesTheWholeParse reads the action items of every Markdown fixture of the
// project both ways: parsing only the section must give what parsing the whole body gives.
func TestActionItemsOnlyMatchesTheWholeParse(t *testing.T) {
	n := 0
	err := filepath.WalkDir("../../testdata", func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		checkActionItemsOnly(t, path, src)
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Fatalf("only %d fixtures read", n)
	}
}

func TestActionItemsOnlyShapes(t *testing.T) {
	table := "| Priority | Action | Ticket |\n|-|-|-|\n| P1 | a | [the ticket][t] |\n| P1 | b | OPS-2 |\n"
	for name, body := range map[string]string{
		"closing hashes":                  "## Action Items ##\n\n" + table,
		"heading in a fence first":        "```\n## Action Items\n| x |\n```\n\n## Action Items\n\n" + table,
		"heading in a comment first":      "<!--\n## Action Items\n\n| Priority | Action |\n|-|-|\n| P0 | old draft |\n-->\n\n## Action Items\n\n" + table,
		"a fence in a comment":            "<!--\n```\n-->\n\n## Action Items\n\n" + table,
		"a comment ended where it starts": "<!-->\n\n## Action Items\n\n" + table + "\n<!-- x -->\n\n## Action Items\n\n| Priority | Action |\n|-|-|\n| P0 | fake |\n",
		"and with three dashes":           "<!--->\n\n## Action Items\n\n" + table + "\n<!-- x -->\n\n## Action Items\n\n| Priority | Action |\n|-|-|\n| P0 | fake |\n",
		"a list item's comment":           "- item\n\n  <!-- note\n\n## Action Items\n\n" + table + "\n-->\n",
		"tilde fence":                     "~~~~\n## Action Items\n~~~\n~~~~\n## Action Items\n\n" + table,
		"subsection kept":                 "## Action Items\n\n### Now\n\n" + table + "\n## Messaging\n\nx\n",
		"deeper section ends":             "### Action Items\n\n" + table + "\n## Next\n\n| Priority | Action | Ticket |\n|-|-|-|\n| P1 | z | |\n",
		"reference after the table":       "## Action Items\n\n" + table + "\n## Links\n\n[t]: https://tracker.example.com/1\n",
		"reference before":                "[t]: https://tracker.example.com/1\n\n## Action Items\n\n" + table,
		"setext heading":                  "Action Items\n------------\n\n" + table,
		"no section":                      "## Summary\n\ntext\n",
		"japanese":                        "## アクションアイテム\n\n| 優先度 | アクション | チケット |\n|-|-|-|\n| P1 | 直す | OPS-1 |\n",
		"two tables":                      "## Action Items\n\n### Short term\n\n" + table + "\n### Long term\n\n| Priority | Action | Owner |\n|-|-|-|\n| P1 | c | Ana |\n",
		"a table of figures after":        "## Action Items\n\n" + table + "\n| Metric | Value |\n|-|-|\n| p99 | 2 s |\n",
		"blank rows":                      "## Action Items\n\n| Priority | Action |\n|-|-|\n|  |  |\n| P1 | a |\n|\u3000|\t|\n",
		"blank rows only":                 "## Action Items\n\n| Priority | Action |\n|-|-|\n|  |  |\n",
		"crlf":                            strings.ReplaceAll("## Action Items\n\n"+table+"\n[t]: https://x.example.com\n", "\n", "\r\n"),
	} {
		checkActionItemsOnly(t, name, []byte("---\ntitle: x\n---\n"+body))
	}
}

func checkActionItemsOnly(t *testing.T, name string, src []byte) {
	t.Helper()
	quick := Parse(name, src, nil).ActionItemsOnly()
	whole := Parse(name, src, nil).Content().ActionItems()
	if !reflect.DeepEqual(quick, whole) {
		t.Errorf("%s: section only\n%+v\nwhole body\n%+v", name, quick, whole)
	}
}

// FuzzActionItemsOnly checks that reading only the Action Items section, with or without goldmark,
// gives what parsing the whole body gives, on tables and text around them made up by the fuzzer:
//
//	go test -run '^$' -fuzz '^FuzzActionItemsOnly$' -fuzztime 5m ./pkg/postmortem/
func FuzzActionItemsOnly(f *testing.F) {
	for _, s := range []string{
		"| Priority | Action | Due | Ticket | Status |\n| --- | --- | --- | --- | --- |\n| P1 | a | 2026-12-01 | OPS-1 | done |\n",
		"<!-- guidance -->\n\n| Priority | Action |\n|:-|-:|\n| P1 | a b  c |\n| P2 |  |\n\n## Next\n",
		"<!--\nguidance\n-->\n| 優先度 | アクション | チケット |\n| --- | --- | --- |\n| P1 | 直す | OPS-1 |\n",
		"| Priority | Action |\n| --- | --- |\n| P1 | a |\ntext after\n",
		"| Priority | Action |\n| --- | --- |\n| P1 | a | extra |\n",
		"| Priority | Action |\n| --- |\n| P1 | a |\n",
		"text\n| Priority | Action |\n| --- | --- |\n| P1 | a |\n",
		"| Priority | Action |\n| --- | --- |\n| P1 | see www.example.com |\n| P1 | a@b.example |\n",
		"| Priority | Action |\n| -- | --- |\n|   P1   |\u3000a\u3000|\n",
		"   | Priority | Action |\n| --- | --- |\n| P1 | a |\n",
		"| Priority | Action |\n| --- | --- |\n| P1 | a |\n    | P2 | indented |\n",
		"| Priority | Action |\n| :---: | --- |\n| P1 | -- |\n| - | a |\n",
		"| Priority | Action |\n| --- | --- |\n| P1 | a |\n\n### Later\n\n| Action | Due |\n| --- | --- |\n| b | 2026-12-01 |\n",
		"| Priority | Action |\n| --- | --- |\n|  |  |\n| P1 | a |\n|\u3000| \t |\n",
		"| Priority | Action |\n| --- | --- |\n|  |  |\n",
		"| Priority | Action |\n| --- | --- |\n| | | x |\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, section string) {
		checkActionItemsOnly(t, "fuzz", []byte("---\ntitle: x\n---\n## Summary\n\ntext\n\n## Action Items\n\n"+section))
	})
}

// An action cell that reads as nothing but holds HTML is given as written, not as an empty action
// (a tracker's summary); HTML beside text reads as GitHub shows it.
func TestActionCellOfHTMLOnly(t *testing.T) {
	src := "---\ntitle: T\n---\n\n## Action Items\n\n| Priority | Action | Ticket |\n| --- | --- | --- |\n" +
		"| P1 | <img src=y onerror=alert(6)> | OPS-1 |\n| P1 | Add <code>retry</code> limit | OPS-2 |\n"
	items := Parse("x.md", []byte(src), nil).Content().ActionItems()
	if len(items) != 2 || items[0].Action != "<img src=y onerror=alert(6)>" || items[1].Action != "Add retry limit" {
		t.Errorf("%+v", items)
	}
	checkActionItemsOnly(t, "x.md", []byte(src))
}
