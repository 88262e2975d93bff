package lsp

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pm-tools/pm/pkg/lint"
)

const jaPath = "postmortems/2026-11-20-checkout-latency.md"

func jaRepo(t *testing.T) string {
	return repo(t, map[string]string{
		".pm.yaml": pmYAML,
		jaPath:     japanese,
		"postmortems/2026-10-01-payment-timeouts.md": "---\ntitle: Payment API timeouts\nseverity: SEV-2\nstatus: Closed\nowner: Ken\nincident_date: 2026-10-01\n---\n",
		"notes/readme.md": "# Notes\n\nTODO nothing here is a postmortem\n",
	})
}

func byCode(diags []Diagnostic, code string) []Diagnostic {
	var out []Diagnostic
	for _, d := range diags {
		if d.Code == code {
			out = append(out, d)
		}
	}
	return out
}

func TestInitializeCapabilities(t *testing.T) {
	c := start(t, Options{WorkDir: t.TempDir()})
	res := c.initialize(nil)
	caps := res.Capabilities
	if caps.PositionEncoding != "utf-16" || caps.TextDocumentSync.Change != syncIncremental || !caps.TextDocumentSync.OpenClose {
		t.Errorf("sync capabilities: %+v", caps)
	}
	if !caps.HoverProvider || !caps.DocumentSymbolProvider || len(caps.CodeActionProvider.CodeActionKinds) == 0 {
		t.Errorf("providers: %+v", caps)
	}
	for _, ch := range []string{":", " ", "-"} {
		found := false
		for _, x := range caps.CompletionProvider.TriggerCharacters {
			found = found || x == ch
		}
		if !found {
			t.Errorf("trigger characters %q lack %q", caps.CompletionProvider.TriggerCharacters, ch)
		}
	}
	if res.ServerInfo.Name != "pm" {
		t.Errorf("server name %q", res.ServerInfo.Name)
	}
}

// TestDiagnosticsUTF16 opens a Japanese postmortem with emoji: each finding is published with the
// rule as its code, pm's severity, the help link, and a range counted in UTF-16 code units (an
// emoji is two), which the text itself gives independently.
func TestDiagnosticsUTF16(t *testing.T) {
	dir := jaRepo(t)
	c := start(t, Options{WorkDir: dir})
	c.initialize(nil)
	uri := c.open(jaPath, japanese)
	diags := c.diagnostics(uri)
	if len(diags) == 0 {
		t.Fatal("no diagnostics")
	}
	for _, d := range diags {
		if d.Source != "pm" || d.CodeDescription == nil || d.CodeDescription.Href != RulesURL {
			t.Errorf("diagnostic %+v: want source pm and the rules' link", d)
		}
	}
	ph := byCode(diags, "placeholder")
	if len(ph) != 1 {
		t.Fatalf("placeholder diagnostics: %+v", ph)
	}
	want := lineOf(t, japanese, "TODO")
	if ph[0].Range.Start != want || ph[0].Range.End != (Position{Line: want.Line, Character: want.Character + 4}) {
		t.Errorf("placeholder range %+v, want %+v + 4 UTF-16 units", ph[0].Range, want)
	}
	if ph[0].Severity != severityWarning {
		t.Errorf("placeholder in a Draft: severity %d, want warning", ph[0].Severity)
	}
	bw := byCode(diags, "banned-word")
	if len(bw) != 1 {
		t.Fatalf("banned-word diagnostics: %+v", bw)
	}
	want = lineOf(t, japanese, "停止")
	if bw[0].Range.Start != want || bw[0].Range.End.Character != want.Character+2 || bw[0].Severity != severityError {
		t.Errorf("banned-word %+v, want an error from %+v over 2 units", bw[0], want)
	}
	if len(byCode(diags, "responders")) != 1 {
		t.Errorf("no responders diagnostic (no scribe): %+v", diags)
	}

	// A file outside the postmortem folder gets no diagnostics, however many TODOs it has.
	other := c.open("notes/readme.md", "# Notes\n\nTODO nothing here is a postmortem\n")
	if d := c.diagnostics(other); len(d) != 0 {
		t.Errorf("diagnostics for a file outside the postmortem folder: %+v", d)
	}
}

// TestDidChange edits the document incrementally (a range in UTF-16 after emoji) and whole: the
// diagnostics follow the text.
func TestDidChange(t *testing.T) {
	dir := jaRepo(t)
	c := start(t, Options{WorkDir: dir})
	c.initialize(nil)
	uri := c.open(jaPath, japanese)
	c.diagnostics(uri)

	// Replace "TODO" (after two emoji) with "確認済"; the placeholder finding goes.
	at := lineOf(t, japanese, "TODO")
	c.notify("textDocument/didChange", map[string]any{
		"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []map[string]any{{
			"range": Range{Start: at, End: Position{Line: at.Line, Character: at.Character + 4}}, "text": "確認済"}},
	})
	diags := c.diagnostics(uri)
	if ph := byCode(diags, "placeholder"); len(ph) != 0 {
		t.Errorf("after replacing TODO: %+v", ph)
	}
	// Insert a TODO after the 🙏 of the external message: it is found where it was put.
	at = lineOf(t, japanese, "決済サービスが停止")
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 3},
		"contentChanges": []map[string]any{{"range": Range{Start: at, End: at}, "text": "TODO "}},
	})
	diags = c.diagnostics(uri)
	ph := byCode(diags, "placeholder")
	if len(ph) != 1 || ph[0].Range.Start != at {
		t.Errorf("placeholder after an incremental insert: %+v, want at %+v", ph, at)
	}
	// A full replacement.
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 4},
		"contentChanges": []map[string]any{{"text": "no front matter\n"}},
	})
	diags = c.diagnostics(uri)
	if len(diags) != 1 || diags[0].Code != "front-matter" || diags[0].Range.Start.Line != 0 {
		t.Errorf("after a full change: %+v", diags)
	}
}

// TestCodeActionRemovesFinding applies the code action of a finding to the text: linting the result
// gives one finding fewer, that one gone.
func TestCodeActionRemovesFinding(t *testing.T) {
	dir := jaRepo(t)
	c := start(t, Options{WorkDir: dir})
	c.initialize(nil)
	uri := c.open(jaPath, japanese)
	diags := c.diagnostics(uri)
	ph := byCode(diags, "placeholder")[0]
	var actions []CodeAction
	c.result(c.request("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri}, "range": Range{Start: ph.Range.Start, End: ph.Range.Start},
		"context": map[string]any{"diagnostics": []Diagnostic{ph}},
	}), &actions)
	var chosen *CodeAction
	for i, a := range actions {
		if len(a.Diagnostics) == 1 && a.Diagnostics[0].Code == "placeholder" {
			chosen = &actions[i]
		}
		if len(a.Edit.Changes[uri]) == 0 {
			t.Errorf("action %q edits nothing", a.Title)
		}
	}
	if chosen == nil {
		t.Fatalf("no code action for the placeholder: %+v", actions)
	}
	fixed := applyEdits(t, japanese, chosen.Edit.Changes[uri])
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []map[string]any{{"text": fixed}},
	})
	after := c.diagnostics(uri)
	if len(after) != len(diags)-1 || len(byCode(after, "placeholder")) != 0 {
		t.Errorf("after %q: %d diagnostics (want %d), placeholder %+v", chosen.Title, len(after), len(diags)-1, byCode(after, "placeholder"))
	}
}

// applyEdits applies LSP edits to a text as an editor does: positions in UTF-16, edits in reverse.
func applyEdits(t *testing.T, text string, edits []TextEdit) string {
	t.Helper()
	d := newDocument("", "", 0, []byte(text))
	type span struct {
		start, end int
		text       string
	}
	var spans []span
	for _, e := range edits {
		spans = append(spans, span{d.offset(e.Range.Start), d.offset(e.Range.End), e.NewText})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start > spans[j].start })
	out := text
	for _, s := range spans {
		out = out[:s.start] + s.text + out[s.end:]
	}
	return out
}

func TestCompletion(t *testing.T) {
	dir := jaRepo(t)
	c := start(t, Options{WorkDir: dir})
	c.initialize(nil)
	text := strings.Replace(japanese, "related: []\n", "related: []\nrecurrence_of: \nst\n", 1)
	text = strings.Replace(text, "services:\n  - checkout\n", "services:\n  - checkout\n  - \n", 1)
	text = strings.Replace(text, "| 2026-11-20 09:14 JST | 🚀 デプロイ | https://grafana.example.com/d/1 |\n",
		"| 2026-11-20 09:14 JST | 🚀 デプロイ | https://grafana.example.com/d/1 |\n| \n", 1)
	uri := c.open(jaPath, text)
	c.diagnostics(uri)
	complete := func(after string) []CompletionItem {
		t.Helper()
		p := lineOf(t, text, after)
		p.Character += len(utf16Encode(after))
		var list completionList
		c.result(c.request("textDocument/completion", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": p}), &list)
		return list.Items
	}
	labels := func(items []CompletionItem) map[string]string {
		out := map[string]string{}
		for _, it := range items {
			out[it.Label] = it.Detail
		}
		return out
	}
	// A key at the start of a line: the keys not yet present.
	keys := labels(complete("\nst"[1:]))
	if _, ok := keys["status_history"]; !ok {
		t.Errorf("key completion lacks status_history: %v", keys)
	}
	if _, ok := keys["status"]; ok {
		t.Errorf("key completion offers status, which is there: %v", keys)
	}
	// Values.
	if got := labels(complete("status: ")); len(got) != 4 || !hasKey(got, "In Review") {
		t.Errorf("status values: %v", got)
	}
	sev := labels(complete("severity: "))
	if len(sev) != 5 || !strings.Contains(sev["SEV-1"], "3") {
		t.Errorf("severity values: %v", sev)
	}
	svc := labels(complete("  - \n"[:4]))
	if svc["payments"] != "card payments" || svc["checkout"] != "the checkout service" || len(svc) != 2 {
		t.Errorf("services values (vocabulary): %v", svc)
	}
	rec := labels(complete("recurrence_of: "))
	if rec["2026-10-01-payment-timeouts"] != "Payment API timeouts" {
		t.Errorf("recurrence_of values: %v", rec)
	}
	if _, ok := rec["2026-11-20-checkout-latency"]; ok {
		t.Errorf("recurrence_of offers the postmortem itself: %v", rec)
	}
	// Inside a flow list, right after "[": the id alone, inserted at the cursor.
	var rel *CompletionItem
	items := complete("related: [")
	for i := range items {
		if items[i].Label == "2026-10-01-payment-timeouts" {
			rel = &items[i]
		}
	}
	if rel == nil || rel.TextEdit == nil || rel.TextEdit.NewText != rel.Label || rel.TextEdit.Range.Start != rel.TextEdit.Range.End {
		t.Errorf("related in a flow list: %+v", rel)
	}
	// Right after a colon, the value comes with the space YAML needs.
	for _, it := range complete("status:") {
		if it.TextEdit == nil || it.TextEdit.NewText != " "+it.Label {
			t.Errorf("status right after the colon: %+v", it)
		}
	}
	// A new timeline row: the time now in the team's zone, as pm writes timeline times.
	at := func(p Position) []CompletionItem {
		t.Helper()
		var list completionList
		c.result(c.request("textDocument/completion", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": p}), &list)
		return list.Items
	}
	row := lineOf(t, text, "| 2026-11-20 09:14 JST |")
	tl := at(Position{Line: row.Line + 1, Character: 2})
	if len(tl) != 1 || tl[0].Label != "2026-11-23 10:00 +09:00" {
		t.Errorf("timeline completion: %+v", tl)
	}
	// not on the header or the delimiter row, not before the row's pipe, not in another cell
	for _, p := range []Position{{Line: row.Line - 2, Character: 2}, {Line: row.Line - 1, Character: 2}, {Line: row.Line + 1, Character: 0},
		{Line: row.Line, Character: len(utf16Encode("| 2026-11-20 09:14 JST | "))}} {
		if got := at(p); len(got) != 0 {
			t.Errorf("a time offered at %+v: %+v", p, got)
		}
	}
}

// TestTimelineCompletionByHeader: the time goes in the column the header names the time, as pm lint
// reads the table, not in the first cell.
func TestTimelineCompletionByHeader(t *testing.T) {
	dir := jaRepo(t)
	c := start(t, Options{WorkDir: dir})
	c.initialize(nil)
	text := strings.Replace(japanese, "| 時刻 | 出来事 | データへのリンク |\n| --- | --- | --- |\n| 2026-11-20 09:14 JST |",
		"| 日付 | 時刻 | 出来事 | データへのリンク |\n| --- | --- | --- | --- |\n| 2026-11-20 | 09:14 JST |", 1)
	text = strings.Replace(text, "https://grafana.example.com/d/1 |\n", "https://grafana.example.com/d/1 |\n| 2026-11-20 |  | later | x |\n", 1)
	uri := c.open(jaPath, text)
	c.diagnostics(uri)
	at := func(p Position) []CompletionItem {
		t.Helper()
		var list completionList
		c.result(c.request("textDocument/completion", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": p}), &list)
		return list.Items
	}
	row := lineOf(t, text, "| 2026-11-20 |  | later |")
	if got := at(Position{Line: row.Line, Character: len("| 2026-11-20 | ")}); len(got) != 1 {
		t.Errorf("in the empty 時刻 cell: %+v", got)
	}
	if got := at(Position{Line: row.Line, Character: len("| 2026-11-20")}); len(got) != 0 {
		t.Errorf("in the 日付 cell: %+v", got)
	}
}

func errorsOf(diags []Diagnostic) int {
	n := 0
	for _, d := range diags {
		if d.Severity == severityError {
			n++
		}
	}
	return n
}

func hasKey(m map[string]string, k string) bool {
	_, ok := m[k]
	return ok
}

func utf16Encode(s string) []uint16 {
	var out []uint16
	for _, r := range s {
		if r >= 0x10000 {
			out = append(out, 0, 0)
		} else {
			out = append(out, 0)
		}
	}
	return out
}

func TestHover(t *testing.T) {
	dir := jaRepo(t)
	c := start(t, Options{WorkDir: dir})
	c.initialize(nil)
	text := strings.Replace(japanese, `meeting: ""`, `meeting: 2026-11-26T10:00:00+09:00`, 1)
	uri := c.open(jaPath, text)
	c.diagnostics(uri)
	hover := func(at string) string {
		t.Helper()
		p := lineOf(t, text, at)
		m := c.request("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": p})
		if string(m.Result) == "null" {
			return ""
		}
		var h Hover
		c.result(m, &h)
		return h.Contents.Value
	}
	if h := hover("TODO"); !strings.Contains(h, "**placeholder**") || !strings.Contains(h, lint.RuleByID("placeholder").Help[:20]) {
		t.Errorf("hover on a finding: %q", h)
	}
	// SEV-1 on Friday 20 November: 3 business days, Wednesday 25; on Monday 23 two are left (Tue, Wed).
	h := hover("incident_date:")
	if !strings.Contains(h, "2026-11-25") || !strings.Contains(h, "2 business days left") {
		t.Errorf("hover on incident_date: %q", h)
	}
	if h := hover("meeting:"); !strings.Contains(h, "(Thu 2026-11-26 10:00) is 1 business day after the deadline") {
		t.Errorf("hover on a late meeting: %q", h)
	}
	if h := hover("| P0 |"); !strings.Contains(h, "2026-11-30") {
		t.Errorf("hover on an action item with a Due date: %q", h)
	}
	// No Due date: SEV-1's 15 days after the incident (.pm.yaml's default action_item_deadline).
	if h := hover("| P1 |"); !strings.Contains(h, "2026-12-05") {
		t.Errorf("hover on an action item without a Due date: %q", h)
	}
	if h := hover("設定変更で"); h != "" {
		t.Errorf("hover on plain text: %q", h)
	}
}

func TestDocumentSymbols(t *testing.T) {
	dir := jaRepo(t)
	c := start(t, Options{WorkDir: dir})
	c.initialize(nil)
	uri := c.open(jaPath, japanese)
	c.diagnostics(uri)
	var syms []DocumentSymbol
	c.result(c.request("textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": uri}}), &syms)
	if len(syms) != 1 || syms[0].Name != "決済の遅延 🚨" {
		t.Fatalf("top-level symbols: %+v", syms)
	}
	var names []string
	for _, s := range syms[0].Children {
		names = append(names, s.Name)
		if before(s.Range.End, s.SelectionRange.End) || before(s.SelectionRange.Start, s.Range.Start) {
			t.Errorf("%s: selection %+v outside range %+v", s.Name, s.SelectionRange, s.Range)
		}
	}
	want := "概要 なにが起きたか 根本原因 解決 影響 対応者 タイムライン アクションアイテム 対外メッセージ"
	if strings.Join(names, " ") != want {
		t.Errorf("sections %q, want %q", names, want)
	}
	tl := syms[0].Children[6]
	if at := lineOf(t, japanese, "## タイムライン"); tl.SelectionRange.Start != at || tl.Range.End.Line != lineOf(t, japanese, "## アクションアイテム").Line {
		t.Errorf("timeline symbol %+v", tl)
	}
	// The heading selection ends after the emoji of the title: UTF-16.
	if end := syms[0].SelectionRange.End.Character; end != len(utf16Encode("# 決済の遅延 🚨")) {
		t.Errorf("title selection ends at %d", end)
	}
}

// TestWatchedFiles changes .pm.yaml and adds a postmortem on disk: after didChangeWatchedFiles the
// open document's diagnostics and completion see them.
func TestWatchedFiles(t *testing.T) {
	dir := jaRepo(t)
	c := start(t, Options{WorkDir: dir})
	c.initialize(map[string]any{"capabilities": map[string]any{"workspace": map[string]any{
		"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}}}})
	reg := c.note("client/registerCapability")
	if !strings.Contains(string(reg.Params), "**/.pm.yaml") || !strings.Contains(string(reg.Params), "**/postmortems/**/*.{md,mD,Md,MD}") {
		t.Errorf("registration %s", reg.Params)
	}
	c.send(map[string]any{"id": json.RawMessage(reg.ID), "result": nil})
	text := strings.Replace(japanese, "  - checkout\n", "  - checkout\n  - search\n", 1)
	text = strings.Replace(text, "related: []", "related: [2026-12-01-later]", 1)
	uri := c.open(jaPath, text)
	diags := c.diagnostics(uri)
	if len(byCode(diags, "vocabulary")) != 1 || len(byCode(diags, "relations")) != 1 {
		t.Fatalf("before: vocabulary and relations %+v", diags)
	}
	yaml := pmYAML + "  - name: search\n"
	if err := os.WriteFile(filepath.Join(dir, ".pm.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	later := "---\ntitle: Later\nseverity: SEV-3\nstatus: Draft\nowner: Ken\nincident_date: 2026-12-01\nrelated: [2026-11-20-checkout-latency]\n---\n"
	if err := os.WriteFile(filepath.Join(dir, "postmortems", "2026-12-01-later.md"), []byte(later), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{
		{"uri": pathURI(filepath.Join(dir, ".pm.yaml")), "type": 2},
		{"uri": pathURI(filepath.Join(dir, "postmortems", "2026-12-01-later.md")), "type": 1},
	}})
	diags = c.diagnostics(uri)
	if len(byCode(diags, "vocabulary")) != 0 || len(byCode(diags, "relations")) != 0 {
		t.Errorf("after the change: %+v", diags)
	}
}

// TestShutdownExit: exit after shutdown ends with 0, exit without it with 1, as LSP says.
func TestShutdownExit(t *testing.T) {
	for _, shutdown := range []bool{true, false} {
		c := start(t, Options{WorkDir: t.TempDir()})
		c.initialize(nil)
		want := 1
		if shutdown {
			want = 0
			if m := c.request("shutdown", nil); m.Error != nil || string(m.Result) != "null" {
				t.Errorf("shutdown: %+v", m)
			}
			if m := c.request("textDocument/hover", map[string]any{}); m.Error == nil || m.Error.Code != codeInvalidRequest {
				t.Errorf("a request after shutdown: %+v", m)
			}
		}
		c.notify("exit", nil)
		select {
		case code := <-c.exit:
			if code != want {
				t.Errorf("shutdown %v: exit code %d, want %d", shutdown, code, want)
			}
			c.exit <- code // for the cleanup
		case <-time.After(hangGuard):
			t.Fatal("no exit")
		}
	}
}

// TestMalformedInput: bad JSON gets a parse error and the server goes on; an unknown request gets
// method-not-found, an unknown notification nothing; a request about a file that is not open and
// not a postmortem gets an error; a postmortem that is not open is read from disk.
func TestMalformedInput(t *testing.T) {
	dir := jaRepo(t)
	c := start(t, Options{WorkDir: dir})
	if m := c.request("textDocument/hover", map[string]any{}); m.Error == nil || m.Error.Code != codeServerNotInitialized {
		t.Errorf("a request before initialize: %+v", m)
	}
	c.initialize(nil)
	c.frame([]byte(`{"jsonrpc":"2.0","id":7,"method":`))
	if m := c.response("null"); m.Error == nil || m.Error.Code != codeParseError {
		t.Errorf("malformed JSON: %+v", m)
	}
	if m := c.request("pm/unknown", map[string]any{}); m.Error == nil || m.Error.Code != codeMethodNotFound {
		t.Errorf("unknown method: %+v", m)
	}
	c.notify("pm/unknownNotification", map[string]any{})
	c.notify("$/cancelRequest", map[string]any{"id": 1})
	if m := c.request("textDocument/hover", "not an object"); m.Error == nil || m.Error.Code != codeInvalidParams {
		t.Errorf("params of the wrong type: %+v", m)
	}
	notPM := pathURI(filepath.Join(dir, "notes", "readme.md"))
	m := c.request("textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": notPM}})
	if m.Error == nil || m.Error.Code != codeRequestFailed {
		t.Errorf("a request about a file not open, outside the folder: %+v", m)
	}
	var syms []DocumentSymbol
	c.result(c.request("textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{
		"uri": pathURI(filepath.Join(dir, filepath.FromSlash(jaPath)))}}), &syms)
	if len(syms) != 1 {
		t.Errorf("symbols of a postmortem not open, read from disk: %+v", syms)
	}
	// An id that is an object is not one JSON-RPC allows: answered as an invalid request, not run
	// (this one would have shut the server down).
	c.frame([]byte(`{"jsonrpc":"2.0","id":{"a":1},"method":"shutdown"}`))
	if m := c.response("null"); m.Error == nil || m.Error.Code != codeInvalidRequest {
		t.Errorf("an object id: %+v", m)
	}
	// JSON that is no message object (a batch, which LSP has none of; null) is an invalid request;
	// a request with a null id is answered with a null id; another JSON-RPC version is refused; a
	// request about a document that names none is one with invalid params.
	for _, body := range []string{`[]`, `[{"jsonrpc":"2.0","id":9,"method":"shutdown"}]`, `null`, `7`} {
		c.frame([]byte(body))
		if m := c.response("null"); m.Error == nil || m.Error.Code != codeInvalidRequest {
			t.Errorf("%s: %+v", body, m)
		}
	}
	c.frame([]byte(`{"jsonrpc":"2.0","id":null,"method":"pm/unknown"}`))
	if m := c.response("null"); m.Error == nil || m.Error.Code != codeMethodNotFound {
		t.Errorf("a request with a null id: %+v", m)
	}
	c.frame([]byte(`{"jsonrpc":"1.0","id":11,"method":"shutdown"}`))
	if m := c.response("11"); m.Error == nil || m.Error.Code != codeInvalidRequest {
		t.Errorf("jsonrpc 1.0: %+v", m)
	}
	if m := c.request("textDocument/hover", nil); m.Error == nil || m.Error.Code != codeInvalidParams {
		t.Errorf("hover without params: %+v", m)
	}
	// A change to a document that is not open, and one with a range past its end, are dropped.
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": notPM, "version": 2},
		"contentChanges": []map[string]any{{"text": "x"}}})
	// The server still answers.
	if m := c.request("shutdown", nil); m.Error != nil {
		t.Errorf("shutdown after bad input: %+v", m)
	}
}

// TestPanicRecovered: a panic inside a handler becomes an error response and the server goes on.
func TestPanicRecovered(t *testing.T) {
	requests.Get()["pm/panic"] = func(*Server, json.RawMessage) (any, *responseError) { panic("boom") }
	defer delete(requests.Get(), "pm/panic")
	c := start(t, Options{WorkDir: t.TempDir()})
	c.initialize(nil)
	if m := c.request("pm/panic", nil); m.Error == nil || m.Error.Code != codeInternalError || !strings.Contains(m.Error.Message, "boom") {
		t.Errorf("panic: %+v", m)
	}
	if m := c.request("shutdown", nil); m.Error != nil {
		t.Errorf("shutdown after a panic: %+v", m)
	}
}

// TestClientGone: stdin closed, or framing the server cannot read, ends the server at once with 1.
func TestClientGone(t *testing.T) {
	inputs := []string{"", "Content-Length: 10\r\n\r\n{\"a\"", "garbage without a header end\r\n\r\n", "Content-Length: x\r\n\r\n",
		"Content-Length: 99999999999\r\n\r\n", strings.Repeat("X", 100_000)}
	for _, input := range inputs {
		c := start(t, Options{WorkDir: t.TempDir(), Debounce: time.Hour})
		c.initialize(nil)
		c.open("postmortems/a.md", "---\n")
		c.raw(input)
		c.w.Close()
		select {
		case code := <-c.exit:
			if code != 1 {
				t.Errorf("input %q: exit code %d, want 1", input, code)
			}
			c.exit <- code
		case <-time.After(time.Second):
			t.Fatalf("input %q: the server did not exit within 1 s of its input closing", input)
		}
	}
}

// brokenOut is a client's end gone, or a full disk: every write fails.
type brokenOut struct{}

func (brokenOut) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// TestWriteErrorLoggedOnce: once stdout fails, the server says so once, not once per message it
// would have sent (the answers to shutdown and to every request after).
func TestWriteErrorLoggedOnce(t *testing.T) {
	frame := func(body string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body) }
	in := frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`) +
		frame(`{"jsonrpc":"2.0","id":2,"method":"pm/nothing"}`) +
		frame(`{"jsonrpc":"2.0","id":3,"method":"shutdown"}`) +
		frame(`{"jsonrpc":"2.0","method":"exit"}`)
	var log bytes.Buffer
	s := New(Options{In: strings.NewReader(in), Out: brokenOut{}, Log: &log, WorkDir: t.TempDir(), Debounce: time.Hour,
		Now: func() time.Time { return now }, Getenv: func(string) string { return "" }})
	s.Run()
	if n := strings.Count(log.String(), "no space left on device"); n != 1 {
		t.Errorf("the write error said %d times, want once:\n%s", n, log.String())
	}
}

// TestCodeActionFixes asks for the code actions of a missing section and of a banned word, with the
// client's locale Japanese: the titles are Japanese, the banned word 停止 gets its Japanese terms,
// and the section's fix, applied by the client, leaves one finding fewer.
func TestCodeActionFixes(t *testing.T) {
	dir := jaRepo(t)
	c := start(t, Options{WorkDir: dir})
	c.initialize(map[string]any{"locale": "ja-JP"})
	text := strings.Replace(japanese, "## 解決\n\n上限を戻しました。\n\n", "", 1)
	uri := c.open(jaPath, text)
	diags := c.diagnostics(uri)
	rs := byCode(diags, "required-section")
	if len(rs) != 1 {
		t.Fatalf("required-section: %+v", diags)
	}
	actions := func(d Diagnostic) []CodeAction {
		t.Helper()
		var out []CodeAction
		c.result(c.request("textDocument/codeAction", map[string]any{
			"textDocument": map[string]any{"uri": uri}, "range": d.Range,
			"context": map[string]any{"diagnostics": []Diagnostic{d}},
		}), &out)
		return out
	}
	var only []CodeAction
	c.result(c.request("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri}, "range": rs[0].Range,
		"context": map[string]any{"diagnostics": []Diagnostic{rs[0]}, "only": []string{"source.organizeImports"}},
	}), &only)
	if len(only) != 0 {
		t.Errorf("quick fixes given to a client that asked for source actions only: %+v", only)
	}
	var titles []string
	for _, a := range actions(byCode(diags, "banned-word")[0]) {
		titles = append(titles, a.Title)
	}
	for _, want := range []string{`「が停止」を「でインシデントが発生」に置き換え`, `「が停止」を「でサービス劣化が発生」に置き換え`, "次の行の banned-word を無効にする"} {
		if !strings.Contains(strings.Join(titles, "\n"), want) {
			t.Errorf("banned-word actions %q lack %q", titles, want)
		}
	}
	var insert *CodeAction
	list := actions(rs[0])
	for i, a := range list {
		if a.Title == `セクション「解決」を挿入` {
			insert = &list[i]
		}
	}
	if insert == nil {
		t.Fatalf("no insertion among %+v", list)
	}
	if !insert.IsPreferred {
		t.Errorf("the safe fix is not the preferred action")
	}
	fixed := applyEdits(t, text, insert.Edit.Changes[uri])
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []map[string]any{{"text": fixed}},
	})
	after := c.diagnostics(uri)
	// The section's error goes; the template's guidance alone makes the section empty, a warning in
	// a Draft, until the owner writes it.
	if errorsOf(after) != errorsOf(diags)-1 || len(byCode(after, "required-section")) != 0 ||
		len(after) != len(diags) || len(byCode(after, "empty-section")) != 1 {
		t.Errorf("after inserting the section: %+v", after)
	}
	// Replacing the banned word leaves one finding fewer.
	bw := byCode(after, "banned-word")[0]
	var replace *CodeAction
	list = actions(bw)
	for i, a := range list {
		if strings.Contains(a.Title, "インシデント") {
			replace = &list[i]
		}
	}
	if replace == nil {
		t.Fatalf("no replacement among %+v", list)
	}
	fixed2 := applyEdits(t, fixed, replace.Edit.Changes[uri])
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 3},
		"contentChanges": []map[string]any{{"text": fixed2}},
	})
	if final := c.diagnostics(uri); len(final) != len(after)-1 || len(byCode(final, "banned-word")) != 0 {
		t.Errorf("after replacing the word: %+v", final)
	}
	if !strings.Contains(fixed2, "決済サービスでインシデントが発生しました") {
		t.Errorf("replacement not where the word was:\n%s", fixed2)
	}
	if !strings.Contains(fixed, "## 解決") {
		t.Errorf("the fixed text has no heading 解決:\n%s", fixed)
	}
}

// TestLanguage: --lang first, then language in .pm.yaml, then the client's locale.
func TestLanguage(t *testing.T) {
	cases := []struct {
		flag, yaml, locale string
		ja                 bool
	}{
		{locale: "ja", ja: true},
		{locale: "en-US"},
		{flag: "en", locale: "ja"},
		{yaml: "language: ja\n", locale: "en", ja: true},
		{flag: "en", yaml: "language: ja\n"},
	}
	for _, tc := range cases {
		dir := repo(t, map[string]string{".pm.yaml": pmYAML + tc.yaml, jaPath: japanese})
		c := start(t, Options{WorkDir: dir, LangFlag: tc.flag})
		c.initialize(map[string]any{"locale": tc.locale})
		diags := c.diagnostics(c.open(jaPath, japanese))
		msg := byCode(diags, "banned-word")[0].Message
		if ja := strings.Contains(msg, "対外メッセージ"); ja != tc.ja {
			t.Errorf("%+v: message %q", tc, msg)
		}
		var h Hover
		c.result(c.request("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": pathURI(filepath.Join(dir, jaPath))},
			"position": lineOf(t, japanese, "incident_date:")}), &h)
		if ja := strings.Contains(h.Contents.Value, "ミーティングの期限: 2026-11-25 (水)"); ja != tc.ja {
			t.Errorf("%+v: hover %q", tc, h.Contents.Value)
		}
	}
}

// TestDebounce publishes through the timer (a short wait instead of none): diagnostics still come,
// for the last text only when changes come faster than the wait.
func TestDebounce(t *testing.T) {
	dir := jaRepo(t)
	c := start(t, Options{WorkDir: dir, Debounce: time.Millisecond})
	c.initialize(nil)
	uri := c.open(jaPath, japanese)
	if d := c.diagnostics(uri); len(byCode(d, "placeholder")) != 1 {
		t.Errorf("diagnostics after the wait: %+v", d)
	}
}

// TestDidSave: saving a document reads .pm.yaml again, for clients that watch no files.
func TestDidSave(t *testing.T) {
	dir := jaRepo(t)
	c := start(t, Options{WorkDir: dir})
	c.initialize(nil)
	uri := c.open(jaPath, japanese)
	if d := c.diagnostics(uri); len(byCode(d, "placeholder")) != 1 {
		t.Fatalf("before: %+v", d)
	}
	if err := os.WriteFile(filepath.Join(dir, ".pm.yaml"), []byte(pmYAML+"lint:\n  rules:\n    placeholder: off\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": uri}})
	if d := c.diagnostics(uri); len(byCode(d, "placeholder")) != 0 || len(d) == 0 {
		t.Errorf("after saving with placeholder off: %+v", d)
	}
}

// TestTooLargeLikeLint: a document past pm lint's size limit gets pm lint's one finding for it, not
// the findings of a parse pm lint never makes.
func TestTooLargeLikeLint(t *testing.T) {
	dir := jaRepo(t)
	c := start(t, Options{WorkDir: dir})
	c.initialize(nil)
	big := japanese + strings.Repeat(strings.Repeat("x", 80)+"\n", 120000)
	diags := c.diagnostics(c.open(jaPath, big))
	if len(diags) != 1 || diags[0].Code != "front-matter" || !strings.Contains(diags[0].Message, "8 MiB") || diags[0].Range.Start.Line != 0 {
		t.Errorf("diagnostics of a 9.7 MB document: %+v", diags)
	}
}

// TestOneDisableActionPerRuleAndLine: several findings of one rule on one line (every missing section
// is reported on the last line) get one "disable for the next line" action: one comment silences
// them all.
func TestOneDisableActionPerRuleAndLine(t *testing.T) {
	dir := jaRepo(t)
	c := start(t, Options{WorkDir: dir})
	c.initialize(nil)
	uri := c.open(jaPath, "---\ntitle: 全部ない\nseverity: SEV-2\nstatus: Draft\nowner: 佐藤\nincident_date: 2026-11-20\n---\n\n本文だけ。\n")
	diags := byCode(c.diagnostics(uri), "required-section")
	if len(diags) < 2 {
		t.Fatalf("required-section diagnostics: %+v", diags)
	}
	var actions []CodeAction
	c.result(c.request("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri}, "range": diags[0].Range,
		"context": map[string]any{"diagnostics": []Diagnostic{diags[0]}},
	}), &actions)
	disables := 0
	for _, a := range actions {
		if strings.Contains(a.Title, "required-section") && !strings.Contains(a.Title, "Insert") {
			disables++
		}
	}
	if disables != 1 {
		var titles []string
		for _, a := range actions {
			titles = append(titles, a.Title)
		}
		t.Errorf("%d disable actions, want 1: %q", disables, titles)
	}
}

// TestStatusColumnAction: on an action item table without a Status column the server offers to
// add one (to every table lacking it, 状態 in a Japanese document); on a table that has one, or
// elsewhere, it does not.
func TestStatusColumnAction(t *testing.T) {
	dir := jaRepo(t)
	c := start(t, Options{WorkDir: dir})
	c.initialize(nil)
	second := "\n### 長期\n\n| Priority | Action | Due | 状態 |\n| --- | --- | --- | --- |\n| P1 | 負荷試験 | 2026-12-20 | 未完了 |\n"
	text := strings.Replace(japanese, "| P1 | 設定変更のレビュー手順 | process | 佐藤 愛子 | | OPS-2 |\n", "| P1 | 設定変更のレビュー手順 | process | 佐藤 愛子 | | OPS-2 |\n"+second, 1)
	if text == japanese {
		t.Fatal("fixture changed")
	}
	uri := c.open(jaPath, text)
	c.diagnostics(uri)
	lineOf := func(s string) int { return strings.Count(text[:strings.Index(text, s)], "\n") }
	at := func(line int) []CodeAction {
		var out []CodeAction
		c.result(c.request("textDocument/codeAction", map[string]any{
			"textDocument": map[string]any{"uri": uri}, "range": Range{Start: Position{Line: line}, End: Position{Line: line}},
			"context": map[string]any{"diagnostics": []Diagnostic{}},
		}), &out)
		return out
	}
	find := func(as []CodeAction) *CodeAction {
		for i, a := range as {
			if a.Title == `Add a "状態" column to the table` { // the column in the document's language
				return &as[i]
			}
		}
		return nil
	}
	add := find(at(lineOf("| P0 | 接続プールの監視を追加")))
	if add == nil {
		t.Fatal("no Status column offered on a table without one")
	}
	if find(at(lineOf("| P1 | 負荷試験"))) != nil || find(at(lineOf("## 概要"))) != nil {
		t.Error("offered on a table that has one, or away from the tables")
	}
	fixed := applyEdits(t, text, add.Edit.Changes[uri])
	if !strings.Contains(fixed, "| Priority | Action | Type | Owner | Due | Ticket | 状態 |\n| --- | --- | --- | --- | --- | --- | --- |\n") ||
		!strings.Contains(fixed, "| Priority | Action | Due | 状態 |\n") {
		t.Errorf("after the action:\n%s", fixed)
	}
}

// With two workspace folders, each folder's postmortem folder is watched, by its own .pm.yaml's dir.
func TestWatchedFilesOfEveryWorkspaceFolder(t *testing.T) {
	a := jaRepo(t)
	b := jaRepo(t)
	if err := os.WriteFile(filepath.Join(b, ".pm.yaml"), []byte("dir: docs/pm\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := start(t, Options{WorkDir: a})
	c.initialize(map[string]any{
		"workspaceFolders": []map[string]any{{"uri": pathURI(a), "name": "a"}, {"uri": pathURI(b), "name": "b"}},
		"capabilities":     map[string]any{"workspace": map[string]any{"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}}},
	})
	reg := c.note("client/registerCapability")
	if !strings.Contains(string(reg.Params), "**/postmortems/**/*.{md,mD,Md,MD}") || !strings.Contains(string(reg.Params), "**/docs/pm/**/*.{md,mD,Md,MD}") {
		t.Errorf("registration %s", reg.Params)
	}
}

// When .pm.yaml moves the postmortem folder, the watchers move with it: the old registration is
// withdrawn and the new folder watched, its name written so that a glob matches it as it is.
func TestWatchersFollowDir(t *testing.T) {
	dir := jaRepo(t)
	c := start(t, Options{WorkDir: dir})
	c.initialize(map[string]any{"capabilities": map[string]any{"workspace": map[string]any{
		"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}}}})
	reg := c.note("client/registerCapability")
	c.send(map[string]any{"id": json.RawMessage(reg.ID), "result": nil})
	if err := os.WriteFile(filepath.Join(dir, ".pm.yaml"), []byte(pmYAML+"dir: \"pm [1]\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{
		{"uri": pathURI(filepath.Join(dir, ".pm.yaml")), "type": 2}}})
	un := c.note("client/unregisterCapability")
	if !strings.Contains(string(un.Params), `"unregisterations":[{"id":"pm-watch","method":"workspace/didChangeWatchedFiles"}]`) {
		t.Errorf("unregistration %s", un.Params)
	}
	reg = c.note("client/registerCapability")
	if !strings.Contains(string(reg.Params), `"**/pm [[]1[]]/**/*.{md,mD,Md,MD}"`) || strings.Contains(string(reg.Params), "**/postmortems/") {
		t.Errorf("registration after the move %s", reg.Params)
	}
}

// TestLoneCRDiagnostics: in a document with a lone CR (pasted from an old Mac tool), a finding after
// it is published where the client's lines put it, and an outline heading too, as pm lint finds them
// by its own count of lines (LF only).
func TestLoneCRDiagnostics(t *testing.T) {
	dir := jaRepo(t)
	c := start(t, Options{WorkDir: dir})
	c.initialize(nil)
	text := strings.Replace(japanese, "TODO", "first line\rsecond line TODO", 1)
	uri := c.open(jaPath, text)
	// the client's place of TODO: count lone CRs as line breaks
	want := lineOf(t, strings.ReplaceAll(text, "\r", "\n"), "TODO")
	diags := c.diagnostics(uri)
	ph := byCode(diags, "placeholder")
	if len(ph) != 1 || ph[0].Range.Start != want || ph[0].Range.End != (Position{Line: want.Line, Character: want.Character + 4}) {
		t.Errorf("placeholder %+v, want at %+v", ph, want)
	}
	bw := byCode(diags, "banned-word")
	if w := lineOf(t, strings.ReplaceAll(text, "\r", "\n"), "停止"); len(bw) != 1 || bw[0].Range.Start != w {
		t.Errorf("banned-word after the lone CR %+v, want at %+v", bw, w)
	}
}

// A code action request over the whole document (every finding at once) offers at most maxDisables
// "disable for the next line" actions: each is a parse of the document, and thousands of findings
// held the server for minutes.
func TestCodeActionsOverTheWholeDocumentAreBounded(t *testing.T) {
	rows := strings.Repeat("| P1 | a thing to do | prevent | Ana | | |\n", 300)
	doc := strings.Replace(japanese, "## アクションアイテム\n", "## アクションアイテム\n\n| Priority | Action | Type | Owner | Due | Ticket |\n| --- | --- | --- | --- | --- | --- |\n"+rows+"\n## Extra\n", 1)
	dir := jaRepo(t)
	c := start(t, Options{WorkDir: dir})
	c.initialize(nil)
	uri := c.open(jaPath, doc)
	if n := len(c.diagnostics(uri)); n < 300 {
		t.Fatalf("%d findings, want one a row at least", n)
	}
	var actions []CodeAction
	c.result(c.request("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri}, "range": Range{End: Position{Line: 100000}},
		"context": map[string]any{"diagnostics": []Diagnostic{}},
	}), &actions)
	disables := 0
	for _, a := range actions {
		if strings.Contains(a.Title, "pm-lint-disable") || strings.Contains(a.Title, "next line") || strings.Contains(a.Title, "次の行") {
			disables++
		}
	}
	if disables == 0 || disables > maxDisables {
		t.Errorf("%d disable actions of %d, want 1 to %d", disables, len(actions), maxDisables)
	}
}

// In a document over 1 MiB no "disable for the next line" comment is tried (each try parses the whole
// document several times), but the findings' own fixes are still offered; in a long one, fewer.
func TestCodeActionsInALongDocumentTryNoDisableComment(t *testing.T) {
	if got := disableTries(5 << 10); got != maxDisables {
		t.Errorf("a 5 KB document: %d tries, want %d", got, maxDisables)
	}
	if got := disableTries(512 << 10); got != 2 {
		t.Errorf("a 512 KB document: %d tries, want 2", got)
	}
	pad := strings.Repeat("Plain words of a long analysis.\n\n", (1<<20)/33+1)
	doc := strings.Replace(japanese, "## アクションアイテム\n", "## 分析メモ\n\n"+pad+"## アクションアイテム\n\n| P1 | x | prevent | Ana | | |\n", 1)
	dir := jaRepo(t)
	c := start(t, Options{WorkDir: dir})
	c.initialize(nil)
	uri := c.open(jaPath, doc)
	if len(c.diagnostics(uri)) == 0 {
		t.Fatal("no findings")
	}
	var actions []CodeAction
	c.result(c.request("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri}, "range": Range{End: Position{Line: 1000000}},
		"context": map[string]any{"diagnostics": []Diagnostic{}},
	}), &actions)
	for _, a := range actions {
		if strings.Contains(a.Title, "pm-lint-disable") || strings.Contains(a.Title, "next line") || strings.Contains(a.Title, "次の行") {
			t.Errorf("a disable action in a document of %d bytes: %q", len(doc), a.Title)
		}
	}
}
