package lsp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pm-tools/pm/pkg/internal/testenv"
)

// TestLinkOutsideNotRead: a postmortem that is a symbolic link leading out of the repository is not
// read for a request about it when the editor has not opened it, whatever the request, whether
// what it leads to exists or not, and whether the link is the file or a folder above it: the answer is pm lint's refusal, and nothing of the file. A link
// that stays inside is read as its target; completion of related ids offers no id of a link out.
func TestLinkOutsideNotRead(t *testing.T) {
	dir := jaRepo(t)
	secret := filepath.Join(t.TempDir(), "secret.md")
	if err := os.WriteFile(secret, []byte("---\ntitle: Leaked title\n---\n\n## SECRET password=hunter2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	pmDir := filepath.Join(dir, "postmortems")
	if err := os.Symlink(secret, filepath.Join(pmDir, "2026-09-01-leak.md")); err != nil {
		testenv.Skip(t, "no symlinks:", err)
	}
	rel, err := filepath.Rel(pmDir, secret)
	if err != nil {
		t.Fatal(err)
	}
	links := map[string]string{
		"2026-09-02-relative.md": rel,
		"2026-09-03-nowhere.md":  filepath.Join(filepath.Dir(secret), "missing.md"),
		"2026-09-04-inside.md":   "2026-10-01-payment-timeouts.md",
		"archive":                filepath.Dir(secret), // a folder: its files lead out too
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(pmDir, name)); err != nil {
			t.Fatal(err)
		}
	}
	c := start(t, Options{WorkDir: dir})
	c.initialize(nil)
	whole := Range{End: Position{Line: 10}}
	for _, name := range []string{"2026-09-01-leak.md", "2026-09-02-relative.md", "2026-09-03-nowhere.md", filepath.Join("archive", "secret.md")} {
		uri := pathURI(filepath.Join(pmDir, name))
		doc := map[string]any{"uri": uri}
		for method, params := range map[string]map[string]any{
			"textDocument/documentSymbol": {"textDocument": doc},
			"textDocument/codeAction":     {"textDocument": doc, "range": whole, "context": map[string]any{"diagnostics": []any{}}},
			"textDocument/hover":          {"textDocument": doc, "position": Position{Line: 4}},
			"textDocument/completion":     {"textDocument": doc, "position": Position{Line: 1, Character: 7}},
		} {
			m := c.request(method, params)
			if m.Error == nil || m.Error.Code != codeRequestFailed {
				t.Errorf("%s of %s: %.200s, want the request refused", method, name, m.Result)
				continue
			}
			if want := filepath.Join(pmDir, name) + ": resolves outside the repository; pm does not read it"; m.Error.Message != want {
				t.Errorf("%s of %s: %q, want %q", method, name, m.Error.Message, want)
			}
		}
	}
	var syms []DocumentSymbol
	c.result(c.request("textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{
		"uri": pathURI(filepath.Join(pmDir, "2026-09-04-inside.md"))}}), &syms)
	if len(syms) != 0 {
		t.Errorf("symbols of a link inside, read as its target (which has no headings): %+v", syms)
	}

	// The other postmortems completion offers leave out the links leading out.
	text := strings.Replace(japanese, "related: []", "related: [", 1)
	uri := c.open(jaPath, text)
	c.diagnostics(uri)
	p := lineOf(t, text, "related: [")
	p.Character += len("related: [")
	var list completionList
	c.result(c.request("textDocument/completion", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": p}), &list)
	ids := map[string]string{}
	for _, it := range list.Items {
		ids[it.Label] = it.Detail
	}
	if _, ok := ids["2026-10-01-payment-timeouts"]; !ok {
		t.Errorf("related ids lack a postmortem of the folder: %v", ids)
	}
	for id, title := range ids {
		if strings.Contains(id, "leak") || strings.Contains(id, "relative") || strings.Contains(id, "nowhere") || strings.Contains(id, "secret") || strings.Contains(title, "Leaked") {
			t.Errorf("related ids offer %q (%q), a link out of the repository", id, title)
		}
	}
}
