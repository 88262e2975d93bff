package lsp

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/pm-tools/pm/pkg/lint"
)

// target is what a request about a document works on: a snapshot of its text and its repository.
// pm is false for a file outside the postmortem folder: the server answers with nothing for it.
type target struct {
	doc *document
	ws  *workspace
	pm  bool
}

// open returns the document a request names: the client's text when it is open, else the file on
// disk when it is a postmortem of its repository that pm lint would read (not a link leading out of
// it); anything else is an error response.
// errNoDocument is the error of a request about a document that names none (no params at all).
var errNoDocument = errors.New("textDocument.uri is required")

func (s *Server) open(uri string) (*target, *responseError) {
	if uri == "" {
		return nil, invalidParams(errNoDocument)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	path := uriPath(uri)
	var ws *workspace
	if path != "" {
		ws = s.workspaceFor(filepath.Dir(path))
	}
	if d, ok := s.docs[uri]; ok {
		snap := d.snapshot()
		return &target{doc: snap, ws: ws, pm: ws != nil && ws.isPostmortem(path)}, nil
	}
	lang := s.language(nil)
	if ws != nil {
		lang = ws.lang
	}
	if ws == nil || !ws.isPostmortem(path) {
		return nil, &responseError{Code: codeRequestFailed, Message: lang.T("lsp.not-open", uri)}
	}
	data, err := ws.read(path)
	if err != nil {
		return nil, &responseError{Code: codeRequestFailed, Message: err.Error()}
	}
	return &target{doc: newDocument(uri, path, 0, data), ws: ws, pm: true}, nil
}

// findings are the target's findings: the last published when the text is the same, else linted now.
func (s *Server) findingsOf(t *target) []lint.Finding {
	s.mu.Lock()
	last, ok := s.findings[t.doc.uri]
	s.mu.Unlock()
	if ok && bytes.Equal(last.text, t.doc.text) {
		return last.findings
	}
	fs, _ := t.ws.lint(t.doc.path, t.doc.text)
	return fs
}

// maxDisables is the most "disable the rule for the next line" actions one code action request
// offers: an editor asks at the cursor, where there are a few.
const maxDisables = 32

// disableBudget bounds the text one code action request parses to try those comments: each try
// parses the whole document up to six times (as it is, then with the comment in each place), so a
// long document gets fewer tries, and one over 1 MiB none (a timeline of 20,000 rows, 1.1 MB, held
// the server 17 s for its 32 tries).
const disableBudget = 1 << 20

// disableTries is how many findings of a document of size bytes one request tries a comment for.
func disableTries(size int) int { return min(maxDisables, disableBudget/max(size, 1)) }

func (s *Server) codeAction(raw json.RawMessage) (any, *responseError) {
	var p codeActionParams
	if err := rawParams(raw, &p); err != nil {
		return nil, invalidParams(err)
	}
	t, rerr := s.open(p.TextDocument.URI)
	if rerr != nil {
		return nil, rerr
	}
	actions := []CodeAction{}
	if !t.pm || !wantsQuickFix(p.Context.Only) {
		return actions, nil
	}
	findings := s.findingsOf(t)
	pos := t.doc.positioner()
	var disables []CodeAction
	// one comment disables a rule for the next line whatever the findings there: one action each
	seenDisable := map[string]bool{}
	tried := map[string]bool{} // rule and line: each parses the document twice, so once each
	tries := disableTries(len(t.doc.text))
	for i := range findings {
		f := &findings[i]
		diag := diagnostic(t.doc, f)
		if !overlaps(diag.Range, p.Range) {
			continue
		}
		for _, fix := range f.Fixes {
			actions = append(actions, s.action(t, pos, fix, diag, fix.Safe))
		}
		// A range of the whole document (a client asking for every action at once) would try a
		// comment for every finding, parsing the document each time: the first maxDisables only,
		// so that the answer stays quick and later requests are not held up.
		key := fmt.Sprintf("%s\x00%d", f.Rule, f.Line)
		if tried[key] || len(tried) >= tries {
			continue
		}
		tried[key] = true
		if fix := lint.DisableNextLine(t.doc.text, *f, t.ws.lang); len(fix.Edits) > 0 {
			key := fmt.Sprintf("%s\x00%d\x00%s", fix.Title, fix.Edits[0].Start, fix.Edits[0].Text)
			if !seenDisable[key] {
				seenDisable[key] = true
				disables = append(disables, s.action(t, pos, fix, diag, false))
			}
		}
	}
	// On an action item table without a Status column: add one (to every table lacking it), for
	// the ledger; no finding asks for it, so it is offered by place.
	if lint.StatusColumnOffered(t.doc.text, t.doc.toLint(p.Range.Start).Line+1, t.doc.toLint(p.Range.End).Line+1) {
		if fix := lint.AddStatusColumn(t.doc.text, t.ws.lang); len(fix.Edits) > 0 {
			a := s.action(t, pos, fix, Diagnostic{}, false)
			a.Diagnostics = nil // answers no finding
			actions = append(actions, a)
		}
	}
	return append(actions, disables...), nil
}

// wantsQuickFix reports whether the client's filter of kinds lets quick fixes through: no filter,
// or one naming quickfix or a kind it belongs to.
func wantsQuickFix(only []string) bool {
	if len(only) == 0 {
		return true
	}
	for _, k := range only {
		if k == "" || k == "quickfix" || strings.HasPrefix(k, "quickfix.") {
			return true
		}
	}
	return false
}

// action is a fix as a quick fix of the document.
func (s *Server) action(t *target, pos *positioner, fix lint.Fix, diag Diagnostic, preferred bool) CodeAction {
	edits := make([]TextEdit, 0, len(fix.Edits))
	for _, e := range fix.Edits {
		edits = append(edits, TextEdit{
			Range:   Range{Start: pos.position(e.Start), End: pos.position(e.End)},
			NewText: e.Text,
		})
	}
	return CodeAction{
		Title: fix.Title, Kind: "quickfix", Diagnostics: []Diagnostic{diag}, IsPreferred: preferred,
		Edit: WorkspaceEdit{Changes: map[string][]TextEdit{t.doc.uri: edits}},
	}
}
