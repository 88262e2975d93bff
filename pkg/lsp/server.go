// Package lsp is pm's language server: the postmortem process checked in the editor as the owner
// types, over JSON-RPC 2.0 on stdio. The protocol layer is written here on encoding/json. The LSP
// library the module proxy serves, tliron/glsp v0.2.2, brings a second JSON-RPC library
// (sourcegraph/jsonrpc2), websockets, a logging stack with terminal colours (commonlog, kutil,
// termenv) and a deadlock detector into the binary, for a server that needs a framed reader, one
// writer and a dozen methods; and pm's start-up time matters to every other command.
package lsp

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/pm-tools/pm/pkg/buildinfo"
	"github.com/pm-tools/pm/pkg/internal/lazy"
	"github.com/pm-tools/pm/pkg/lint"
	"github.com/pm-tools/pm/pkg/present"
	"github.com/pm-tools/pm/pkg/project"
)

// DefaultDebounce is how long the server waits after a change before it lints: long enough that a
// burst of keystrokes is linted once, short enough that the editor feels immediate.
const DefaultDebounce = 75 * time.Millisecond

// Options configure a Server.
type Options struct {
	In  io.Reader // the client's messages
	Out io.Writer // the server's messages
	Log io.Writer // the server's own complaints (stderr); nil: none
	// WorkDir is where a client that names no workspace works.
	WorkDir string
	Getenv  func(string) string
	// Now is pm's clock (PM_NOW when set): deadlines, and the time completion offers in a timeline.
	// Required: the server reads no clock of its own.
	Now func() time.Time
	// LangFlag is --lang; "" lets .pm.yaml or the client's locale choose.
	LangFlag string
	// Debounce is the wait after a change before diagnostics are published; 0 publishes at once,
	// before the next message is read (tests).
	Debounce time.Duration
	// ParentPoll is how often the editor's process (initialize's processId) is looked for: when it
	// is gone, the server exits, as LSP asks, even if its input stays open. 0 is every 3 seconds.
	ParentPoll time.Duration
}

// Server is one language server session.
type Server struct {
	opts Options
	out  *writer

	// pubMu makes one publication at a time, so that diagnostics linted from an older text are
	// never sent after those of a newer one.
	pubMu sync.Mutex

	mu           sync.Mutex
	docs         map[string]*document
	workspaces   map[string]*workspace // by repository root
	timers       map[string]*time.Timer
	findings     map[string]lintResult // the last findings published, by URI
	clientLocale string
	rootDir      string
	folders      []string // the workspace folders (rootDir first): each is watched by its own dir
	initialized  bool
	shutdown     bool
	parentGone   chan int // the editor's process, gone (watchParent)
	watch        bool     // the client registers file watchers dynamically
	watching     []string // the glob patterns the client was asked to watch; nil before
	nextID       int
	closed       bool
}

// lintResult is a document's findings at one version of its text.
type lintResult struct {
	text     []byte
	findings []lint.Finding
}

// New returns a server that has not started.
func New(opts Options) *Server {
	if opts.Getenv == nil {
		opts.Getenv = func(string) string { return "" }
	}
	return &Server{
		opts:       opts,
		out:        &writer{w: opts.Out},
		docs:       map[string]*document{},
		parentGone: make(chan int, 1),
		workspaces: map[string]*workspace{},
		timers:     map[string]*time.Timer{},
		findings:   map[string]lintResult{},
		rootDir:    opts.WorkDir,
	}
}

// errExit ends the read loop: the client sent exit.
var errExit = errors.New("exit")

// Run serves until the client sends exit or its stream ends, and returns the process's exit code:
// 0 after shutdown, 1 otherwise (exit without shutdown, a client gone, broken framing), as LSP asks.
func (s *Server) Run() int {
	r := newReader(s.opts.In)
	defer s.stop()
	type read struct {
		body []byte
		err  error
	}
	msgs := make(chan read)
	go func() {
		for {
			body, err := r.read()
			msgs <- read{body, err}
			if err != nil {
				return
			}
		}
	}()
	for {
		select {
		case m := <-msgs:
			if m.err != nil {
				if !errors.Is(m.err, io.EOF) {
					s.logf("pm lsp: %v", m.err)
				}
				return s.exitCode()
			}
			if err := s.handle(m.body); errors.Is(err, errExit) {
				return s.exitCode()
			}
		case pid := <-s.parentGone:
			s.logf("pm lsp: the editor's process %d is gone", pid)
			return 1
		}
	}
}

// watchParent tells Run when the process pid (the editor, initialize's processId) is gone.
func (s *Server) watchParent(pid int) {
	every := s.opts.ParentPoll
	if every <= 0 {
		every = 3 * time.Second
	}
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for range t.C {
			s.mu.Lock()
			closed := s.closed
			s.mu.Unlock()
			if closed {
				return
			}
			if !processAlive(pid) {
				s.parentGone <- pid
				return
			}
		}
	}()
}

func (s *Server) exitCode() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.shutdown {
		return 0
	}
	return 1
}

// stop cancels the pending diagnostics.
func (s *Server) stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	for uri, t := range s.timers {
		t.Stop()
		delete(s.timers, uri)
	}
}

// logf writes one line to the log; what the client sent (a URI, a method) may hold controls that
// must not reach a terminal raw.
func (s *Server) logf(format string, args ...any) {
	if s.opts.Log != nil {
		fmt.Fprintln(s.opts.Log, present.Line(fmt.Sprintf(format, args...)))
	}
}

// handle decodes one message and answers it. Only exit returns an error.
func (s *Server) handle(body []byte) error {
	if t := bytes.TrimLeft(body, " \t\r\n"); (len(t) == 0 || t[0] != '{') && json.Valid(body) {
		// JSON, but no message object: a batch (LSP has none), null, a number
		return s.reply(json.RawMessage("null"), nil, &responseError{Code: codeInvalidRequest, Message: "a message must be a JSON object (LSP sends no batches)"})
	}
	var m message
	if err := json.Unmarshal(body, &m); err != nil {
		return s.reply(json.RawMessage("null"), nil, &responseError{Code: codeParseError, Message: "parse error: " + err.Error()})
	}
	if m.JSONRPC != "" && m.JSONRPC != "2.0" {
		if len(m.ID) > 0 {
			return s.reply(replyID(m.ID), nil, &responseError{Code: codeInvalidRequest, Message: fmt.Sprintf("jsonrpc %q: this server speaks JSON-RPC 2.0", m.JSONRPC)})
		}
		return nil
	}
	if m.Method == "" {
		if len(m.ID) > 0 && (m.Result != nil || m.Error != nil) {
			return nil // the answer to one of the server's requests (registerCapability)
		}
		if len(m.ID) > 0 {
			return s.reply(replyID(m.ID), nil, &responseError{Code: codeInvalidRequest, Message: "a request needs a method"})
		}
		return nil
	}
	if len(m.ID) > 0 && !validID(m.ID) {
		// JSON-RPC ids are strings, numbers or null: another is answered, not run
		msg := "an id must be a string, a number or null"
		if m.ID[0] == '"' {
			msg = "an id must be UTF-8 text"
		}
		return s.reply(replyID(m.ID), nil, &responseError{Code: codeInvalidRequest, Message: msg})
	}
	if m.Method == "exit" {
		return errExit
	}
	if m.isRequest() {
		result, rerr := s.call(m.Method, m.Params)
		return s.reply(m.ID, result, rerr)
	}
	s.notify(m.Method, m.Params)
	return nil
}

// reply sends a response; a write error means the client is gone, which the next read will show.
func (s *Server) reply(id json.RawMessage, result any, rerr *responseError) error {
	o := outgoing{JSONRPC: "2.0", ID: id, Result: result, Error: rerr}
	if err := s.out.write(o); err != nil {
		s.logf("pm lsp: %v", err)
	}
	return nil
}

// send sends a notification or a request of the server's own.
func (s *Server) send(method string, params any, id int) {
	o := outgoing{JSONRPC: "2.0", Method: method, Params: params}
	if id > 0 {
		o.ID = json.RawMessage(fmt.Sprint(id))
	}
	if err := s.out.write(o); err != nil {
		s.logf("pm lsp: %v", err)
	}
}

// internalError turns a panic into an error response, with where it happened for the log.
func (s *Server) internalError(method string, r any) *responseError {
	buf := make([]byte, 4096)
	buf = buf[:runtime.Stack(buf, false)]
	s.logf("pm lsp: %s: internal error: %v", method, r)
	if s.opts.Log != nil {
		s.opts.Log.Write(buf) // the stack, for a bug report
	}
	return &responseError{Code: codeInternalError, Message: fmt.Sprintf("%s: internal error: %v", method, r)}
}

// call runs a request's handler; a panic inside it becomes an error response.
func (s *Server) call(method string, params json.RawMessage) (result any, rerr *responseError) {
	defer func() {
		if r := recover(); r != nil {
			result, rerr = nil, s.internalError(method, r)
		}
	}()
	s.mu.Lock()
	initialized, shutdown := s.initialized, s.shutdown
	s.mu.Unlock()
	switch {
	case method == "initialize":
		if initialized {
			return nil, &responseError{Code: codeInvalidRequest, Message: "initialize sent twice"}
		}
	case !initialized:
		return nil, &responseError{Code: codeServerNotInitialized, Message: "the server is not initialized"}
	case shutdown:
		return nil, &responseError{Code: codeInvalidRequest, Message: "the server is shutting down"}
	}
	h, ok := requests.Get()[method]
	if !ok {
		return nil, &responseError{Code: codeMethodNotFound, Message: "method not found: " + method}
	}
	return h(s, params)
}

// notify runs a notification's handler; unknown ones are dropped, as LSP asks, and a panic is
// logged: a notification has no answer to carry the error.
func (s *Server) notify(method string, params json.RawMessage) {
	defer func() {
		if r := recover(); r != nil {
			s.internalError(method, r)
		}
	}()
	s.mu.Lock()
	ready := s.initialized && !s.shutdown
	s.mu.Unlock()
	if !ready {
		return
	}
	if h, ok := notifications.Get()[method]; ok {
		if err := h(s, params); err != nil {
			s.logf("pm lsp: %s: %v", method, err)
		}
	}
}

type requestHandler func(s *Server, params json.RawMessage) (any, *responseError)

type notificationHandler func(s *Server, params json.RawMessage) error

// requests are the methods the server answers.
var requests = lazy.Value[map[string]requestHandler]{New: func() map[string]requestHandler {
	return map[string]requestHandler{
		"initialize":                  (*Server).initialize,
		"shutdown":                    (*Server).shutdownRequest,
		"textDocument/codeAction":     (*Server).codeAction,
		"textDocument/completion":     (*Server).completion,
		"textDocument/hover":          (*Server).hover,
		"textDocument/documentSymbol": (*Server).documentSymbol,
	}
}}

// notifications are the notifications the server acts on; it drops the others.
var notifications = lazy.Value[map[string]notificationHandler]{New: func() map[string]notificationHandler {
	return map[string]notificationHandler{
		"initialized":                     (*Server).initializedNote,
		"textDocument/didOpen":            (*Server).didOpen,
		"textDocument/didChange":          (*Server).didChange,
		"textDocument/didClose":           (*Server).didClose,
		"textDocument/didSave":            (*Server).didSave,
		"workspace/didChangeWatchedFiles": (*Server).didChangeWatchedFiles,
	}
}}

func invalidParams(err error) *responseError {
	return &responseError{Code: codeInvalidParams, Message: "invalid params: " + err.Error()}
}

func (s *Server) initialize(raw json.RawMessage) (any, *responseError) {
	var p initializeParams
	if err := rawParams(raw, &p); err != nil {
		return nil, invalidParams(err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clientLocale = p.Locale
	for _, wf := range p.WorkspaceFolders {
		if d := uriPath(wf.URI); d != "" {
			s.folders = append(s.folders, d)
		}
	}
	switch {
	case len(p.WorkspaceFolders) > 0 && uriPath(p.WorkspaceFolders[0].URI) != "":
		s.rootDir = uriPath(p.WorkspaceFolders[0].URI)
	case p.RootURI != nil && uriPath(*p.RootURI) != "":
		s.rootDir = uriPath(*p.RootURI)
	case p.RootPath != nil && *p.RootPath != "":
		s.rootDir = *p.RootPath
	}
	s.watch = p.Capabilities.Workspace.DidChangeWatchedFiles.DynamicRegistration
	if p.ProcessID != nil && *p.ProcessID > 0 && !s.initialized {
		s.watchParent(*p.ProcessID)
	}
	s.initialized = true
	caps := serverCapabilities{
		PositionEncoding:       "utf-16",
		TextDocumentSync:       textDocumentSync{OpenClose: true, Change: syncIncremental, Save: saveOptions{IncludeText: false}},
		CodeActionProvider:     codeActionOptions{CodeActionKinds: []string{"quickfix"}},
		CompletionProvider:     completionOptions{TriggerCharacters: []string{":", " ", "-", "|", "["}},
		HoverProvider:          true,
		DocumentSymbolProvider: true,
	}
	return initializeResult{Capabilities: caps, ServerInfo: serverInfo{Name: "pm", Version: buildinfo.Get().Version}}, nil
}

func (s *Server) shutdownRequest(json.RawMessage) (any, *responseError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.shutdown = true
	for uri, t := range s.timers {
		t.Stop()
		delete(s.timers, uri)
	}
	return nil, nil
}

// initializedNote asks the client to watch .pm.yaml and the postmortems, when it can be asked.
func (s *Server) initializedNote(json.RawMessage) error {
	s.rewatch()
	return nil
}

// rewatch asks the client to watch .pm.yaml and each workspace folder's postmortem folder (its
// .pm.yaml's dir), when it can be asked and what to watch changed since it last was: a .pm.yaml
// created, or its dir changed, moves the postmortems the server must hear of.
func (s *Server) rewatch() {
	s.mu.Lock()
	if !s.watch {
		s.mu.Unlock()
		return
	}
	patterns := []string{"**/.pm.yaml"}
	seen := map[string]bool{}
	folders := s.folders
	if len(folders) == 0 {
		folders = []string{s.rootDir}
	}
	for _, folder := range folders {
		dir := "postmortems"
		if ws := s.workspaceFor(folder); ws.proj != nil {
			dir = strings.Trim(ws.proj.Config.Dir, "/")
		}
		pattern := "**/" + postmortemGlob // *.md in any case, as pm reads postmortems
		if dir != "." && dir != "" {
			pattern = "**/" + globLiteral(dir) + "/**/" + postmortemGlob
		}
		if !seen[pattern] {
			seen[pattern] = true
			patterns = append(patterns, pattern)
		}
	}
	if slices.Equal(patterns, s.watching) {
		s.mu.Unlock()
		return
	}
	again := s.watching != nil
	s.watching = patterns
	s.nextID++
	unregisterID := s.nextID
	s.nextID++
	id := s.nextID
	s.mu.Unlock()
	if again {
		s.send("client/unregisterCapability", unregistrationParams{Unregisterations: []unregistration{{
			ID: "pm-watch", Method: "workspace/didChangeWatchedFiles"}}}, unregisterID)
	}
	watchers := make([]fileSystemWatcher, len(patterns))
	for i, p := range patterns {
		watchers[i] = fileSystemWatcher{GlobPattern: p}
	}
	s.send("client/registerCapability", registrationParams{Registrations: []registration{{
		ID: "pm-watch", Method: "workspace/didChangeWatchedFiles",
		RegisterOptions: watchOptions{Watchers: watchers},
	}}}, id)
}

// postmortemGlob is a postmortem's name as an LSP glob: *.md in any case.
const postmortemGlob = "*.{md,mD,Md,MD}"

// globLiteral writes a folder's name so that an LSP glob matches it as it is: each character the
// glob syntax gives a meaning (*, ?, [, ], {, }) in a class of its own ("[[]").
func globLiteral(s string) string {
	if !strings.ContainsAny(s, "*?[]{}") {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("*?[]{}", r) {
			b.WriteString("[" + string(r) + "]")
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// uriPath is the file path of a file: URI, "" for any other.
func uriPath(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return ""
	}
	p := u.Path
	if runtime.GOOS == "windows" {
		p = strings.TrimPrefix(p, "/")
	}
	return filepath.Clean(filepath.FromSlash(p))
}

// pathURI is the file: URI of an absolute path.
func pathURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

func (s *Server) didOpen(raw json.RawMessage) error {
	var p didOpenParams
	if err := rawParams(raw, &p); err != nil {
		return err
	}
	s.mu.Lock()
	s.docs[p.TextDocument.URI] = newDocument(p.TextDocument.URI, uriPath(p.TextDocument.URI), p.TextDocument.Version, []byte(p.TextDocument.Text))
	s.mu.Unlock()
	s.schedule(p.TextDocument.URI)
	return nil
}

func (s *Server) didChange(raw json.RawMessage) error {
	var p didChangeParams
	if err := rawParams(raw, &p); err != nil {
		return err
	}
	s.mu.Lock()
	d, ok := s.docs[p.TextDocument.URI]
	if !ok {
		s.mu.Unlock()
		return fmt.Errorf("change to %s, which is not open", p.TextDocument.URI)
	}
	err := d.apply(p.ContentChanges)
	d.version = p.TextDocument.Version
	s.mu.Unlock()
	if err != nil {
		return fmt.Errorf("change to %s: %w", p.TextDocument.URI, err)
	}
	s.schedule(p.TextDocument.URI)
	return nil
}

func (s *Server) didClose(raw json.RawMessage) error {
	var p didCloseParams
	if err := rawParams(raw, &p); err != nil {
		return err
	}
	uri := p.TextDocument.URI
	s.mu.Lock()
	delete(s.docs, uri)
	delete(s.findings, uri)
	if t := s.timers[uri]; t != nil {
		t.Stop()
		delete(s.timers, uri)
	}
	s.mu.Unlock()
	// The editor keeps no problems for a file it closed.
	s.send("textDocument/publishDiagnostics", publishDiagnosticsParams{URI: uri, Diagnostics: []Diagnostic{}}, 0)
	return nil
}

// didSave re-reads the other postmortems of the repository: a saved file may change what relations
// and completion see.
func (s *Server) didSave(raw json.RawMessage) error {
	var p didSaveParams
	if err := rawParams(raw, &p); err != nil {
		return err
	}
	path := uriPath(p.TextDocument.URI)
	if path == "" {
		return nil
	}
	s.mu.Lock()
	root, _ := project.FindRoot(filepath.Dir(path), s.opts.Getenv)
	delete(s.workspaces, root)
	s.mu.Unlock()
	s.republish()
	return nil
}

func (s *Server) didChangeWatchedFiles(raw json.RawMessage) error {
	var p didChangeWatchedFilesParams
	if err := rawParams(raw, &p); err != nil {
		return err
	}
	s.mu.Lock()
	// .pm.yaml, a title, a relation: the simplest correct answer is to forget every repository and
	// read again what the open documents need.
	s.workspaces = map[string]*workspace{}
	s.mu.Unlock()
	for _, c := range p.Changes {
		if path.Base(c.URI) == ".pm.yaml" {
			s.rewatch() // the postmortem folder may have moved
			break
		}
	}
	s.republish()
	return nil
}

// republish lints every open document again.
func (s *Server) republish() {
	s.mu.Lock()
	uris := make([]string, 0, len(s.docs))
	for uri := range s.docs {
		uris = append(uris, uri)
	}
	s.mu.Unlock()
	for _, uri := range uris {
		s.schedule(uri)
	}
}

// schedule publishes a document's diagnostics after the debounce, replacing a wait already running.
func (s *Server) schedule(uri string) {
	if s.opts.Debounce <= 0 {
		s.publish(uri)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed || s.shutdown {
		return
	}
	if t := s.timers[uri]; t != nil {
		t.Stop()
	}
	s.timers[uri] = time.AfterFunc(s.opts.Debounce, func() {
		defer func() {
			if r := recover(); r != nil {
				s.internalError("publishDiagnostics", r)
			}
		}()
		s.publish(uri)
	})
}

// publish lints a document and sends its diagnostics. Files outside a repository's postmortem
// folder get none: pm has no rules for them.
func (s *Server) publish(uri string) {
	s.pubMu.Lock()
	defer s.pubMu.Unlock()
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	d, ok := s.docs[uri]
	if !ok {
		s.mu.Unlock()
		return
	}
	text, version, path := d.text, d.version, d.path
	snapshot := d.snapshot()
	var ws *workspace
	if path != "" {
		ws = s.workspaceFor(filepath.Dir(path))
	}
	s.mu.Unlock()
	diags := []Diagnostic{}
	if ws != nil && (ws.isPostmortem(path) || ws.proj == nil && project.IsPostmortemName(path)) {
		findings, err := ws.lint(path, text)
		if err != nil {
			diags = append(diags, Diagnostic{Range: snapshot.lineRange(0), Severity: severityError, Code: "config",
				Source: "pm", Message: err.Error()})
		}
		s.mu.Lock()
		if cur, ok := s.docs[uri]; !ok || cur.version != version {
			s.mu.Unlock()
			return // changed or closed meanwhile: the next publish has the newer text
		}
		s.findings[uri] = lintResult{text: text, findings: findings}
		s.mu.Unlock()
		for i := range findings {
			diags = append(diags, diagnostic(snapshot, &findings[i]))
		}
	}
	v := version
	s.send("textDocument/publishDiagnostics", publishDiagnosticsParams{URI: uri, Version: &v, Diagnostics: diags}, 0)
}

// validID reports whether id is one JSON-RPC allows: a string, a number or null. A string must be
// UTF-8, as all JSON text: the response echoes the id as it came, and must be JSON itself.
func validID(id json.RawMessage) bool {
	switch id[0] {
	case '"':
		return utf8.Valid(id)
	case 'n', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return true
	}
	return false
}

// replyID is the id a response to a message with id carries: id itself when JSON-RPC allows it,
// else null, as JSON-RPC answers a request whose id it cannot tell.
func replyID(id json.RawMessage) json.RawMessage {
	if validID(id) {
		return id
	}
	return json.RawMessage("null")
}
