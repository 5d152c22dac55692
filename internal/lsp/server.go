// Package lsp is `msglint lsp`: a Language Server Protocol server over
// stdio that lints the documents an editor has open (from the unsaved
// buffer for Markdown, MDX, HTML and text; from disk on open and save for
// office and PDF files), publishes the findings as diagnostics, shows a
// rule's documentation on hover and offers a finding's fix and a
// disable directive as code actions. See docs/editors.md.
package lsp

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project"
)

// Options configure a server.
type Options struct {
	// Explain renders a rule's documentation for hover (what `msglint
	// explain` prints).
	Explain func(*lint.Rule) string
	// Debounce is how long after the last change a buffer is linted
	// (0: DefaultDebounce; negative: at once).
	Debounce time.Duration
	// Version is the server's version, sent in initialize's serverInfo.
	Version string
	// Log, when set, receives diagnostics about the server itself (standard
	// error); nil: discarded.
	Log io.Writer
}

// DefaultDebounce is the delay between the last keystroke and a lint.
const DefaultDebounce = 100 * time.Millisecond

// ErrExitWithoutShutdown is Serve's error when the client sent exit
// before shutdown (the process then exits with code 1, per the protocol).
var ErrExitWithoutShutdown = errors.New("exit without shutdown")

// Server is one session with one client.
type Server struct {
	opt Options
	out *writer

	mu          sync.Mutex
	initialized bool
	shutdown    bool
	root        string // the workspace folder ("" when none)
	docs        map[string]*document
	projects    map[string]*cachedProject // by the document's folder
	configDiags map[string]bool           // config files with published errors
	indexes     map[string]*index         // by config file (index.go)
	caps        clientCaps
	settings    settings // settings.go
	minSeverity lint.Severity
	nextID      int // the server's last request to the client
	nextToken   int // the last progress token
	pending     map[int]chan message
	quit        chan struct{} // closed when the server stops

	lintMu sync.Mutex // one lint at a time
	wg     sync.WaitGroup
}

type cachedProject struct {
	p     *project.Project
	path  string // the config file ("" with none)
	mtime time.Time
}

// document is one open document.
type document struct {
	uri, path string
	text      string // the buffer (text formats; "" for office and PDF, or when over the limit)
	version   int
	textKind  bool // Markdown, MDX, HTML, text: linted from the buffer
	gen       int  // bumped on every change; a lint of an older gen is dropped
	timer     *time.Timer

	// what the last published lint saw
	linted   string
	lintedOK bool // the findings below are about linted == text
	findings []published
}

// published is a finding with its LSP range.
type published struct {
	f lint.Finding
	r Range
}

// NewServer returns a server writing to out.
func NewServer(out io.Writer, opt Options) *Server {
	if opt.Debounce == 0 {
		opt.Debounce = DefaultDebounce
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	return &Server{opt: opt, out: &writer{w: out}, docs: map[string]*document{},
		projects: map[string]*cachedProject{}, configDiags: map[string]bool{}, indexes: map[string]*index{},
		pending: map[int]chan message{}, quit: make(chan struct{})}
}

// Serve runs the server on in and out until exit or the end of in.
func Serve(in io.Reader, out io.Writer, opt Options) error {
	return NewServer(out, opt).Serve(in)
}

// Serve reads and handles messages until exit (nil after shutdown,
// ErrExitWithoutShutdown before) or the end of in.
func (s *Server) Serve(in io.Reader) error {
	r := bufio.NewReader(in)
	defer s.stop()
	for {
		body, err := readMessage(r)
		if err == io.EOF {
			return nil
		}
		if errors.Is(err, errTooLarge) {
			fmt.Fprintf(s.opt.Log, "msglint lsp: a message over %d bytes was dropped\n", maxMessage)
			s.out.write(errorResponse{JSONRPC: "2.0", ID: json.RawMessage("null"),
				Error: rpcError{Code: codeInvalidRequest, Message: fmt.Sprintf("message over %d bytes dropped", maxMessage)}})
			continue
		}
		if err != nil {
			return err // the framing is lost: nothing more can be read
		}
		if s.handle(body) {
			s.mu.Lock()
			down := s.shutdown
			s.mu.Unlock()
			if !down {
				return ErrExitWithoutShutdown
			}
			return nil
		}
	}
}

// stop cancels pending lints and waits for running ones.
func (s *Server) stop() {
	s.mu.Lock()
	close(s.quit)
	for _, d := range s.docs {
		if d.timer != nil && d.timer.Stop() {
			s.wg.Done()
		}
		d.gen++
	}
	s.mu.Unlock()
	s.wg.Wait()
}

// handle handles one message and reports whether it was exit. A panic
// while handling is recovered: a request gets an internal-error reply.
func (s *Server) handle(body []byte) (exit bool) {
	var m message
	if err := json.Unmarshal(body, &m); err != nil {
		s.out.write(errorResponse{JSONRPC: "2.0", ID: json.RawMessage("null"),
			Error: rpcError{Code: codeParseError, Message: "parse error: " + err.Error()}})
		return false
	}
	isRequest := len(m.ID) > 0 && string(m.ID) != "null"
	if m.Method == "" {
		if isRequest {
			s.deliver(m) // a response to a request of the server (client.go)
			return false
		}
		s.out.write(errorResponse{JSONRPC: "2.0", ID: json.RawMessage("null"),
			Error: rpcError{Code: codeInvalidRequest, Message: "invalid request: no method"}})
		return false
	}
	defer func() {
		if v := recover(); v != nil {
			fmt.Fprintf(s.opt.Log, "msglint lsp: panic handling %s: %v\n%s", m.Method, v, debug.Stack())
			if isRequest {
				s.replyError(m.ID, codeInternalError, fmt.Sprintf("internal error handling %s: %v", m.Method, v))
			}
		}
	}()
	if m.Method == "exit" {
		return true
	}
	s.mu.Lock()
	initialized, down := s.initialized, s.shutdown
	s.mu.Unlock()
	switch {
	case !initialized && m.Method != "initialize":
		if isRequest {
			s.replyError(m.ID, codeNotInitialized, "server not initialized")
		}
		return false
	case down:
		if isRequest {
			s.replyError(m.ID, codeInvalidRequest, "server is shutting down")
		}
		return false
	}
	result, rerr := s.dispatch(m.Method, m.Params, isRequest)
	if !isRequest {
		if rerr != nil {
			fmt.Fprintf(s.opt.Log, "msglint lsp: %s: %s\n", m.Method, rerr.Message)
		}
		return false
	}
	if rerr != nil {
		s.replyError(m.ID, rerr.Code, rerr.Message)
		return false
	}
	s.out.write(response{JSONRPC: "2.0", ID: m.ID, Result: result})
	return false
}

func (s *Server) replyError(id json.RawMessage, code int, msg string) {
	s.out.write(errorResponse{JSONRPC: "2.0", ID: id, Error: rpcError{Code: code, Message: msg}})
}

func invalidParams(err error) *rpcError {
	return &rpcError{Code: codeInvalidParams, Message: "invalid params: " + err.Error()}
}

// decode unmarshals params into v; missing params are an error.
func decode(params json.RawMessage, v any) *rpcError {
	if len(params) == 0 || string(params) == "null" {
		return invalidParams(errors.New("missing"))
	}
	if err := json.Unmarshal(params, v); err != nil {
		return invalidParams(err)
	}
	return nil
}

func (s *Server) dispatch(method string, params json.RawMessage, isRequest bool) (any, *rpcError) {
	switch method {
	case "initialize":
		var p initializeParams
		if err := decode(params, &p); err != nil {
			return nil, err
		}
		return s.initialize(p), nil
	case "initialized":
		s.goBackground(func() {
			s.pullSettings()
			s.indexWorkspace()
		})
		return nil, nil
	case "$/setTrace", "$/cancelRequest":
		return nil, nil
	case "workspace/didChangeConfiguration":
		s.didChangeConfiguration(params)
		return nil, nil
	case "shutdown":
		s.mu.Lock()
		s.shutdown = true
		s.mu.Unlock()
		return nil, nil
	case "textDocument/didOpen":
		var p didOpenParams
		if err := decode(params, &p); err != nil {
			return nil, err
		}
		return nil, s.didOpen(p)
	case "textDocument/didChange":
		var p didChangeParams
		if err := decode(params, &p); err != nil {
			return nil, err
		}
		return nil, s.didChange(p)
	case "textDocument/didSave":
		var p didSaveParams
		if err := decode(params, &p); err != nil {
			return nil, err
		}
		s.didSave(p.TextDocument.URI)
		return nil, nil
	case "textDocument/didClose":
		var p didCloseParams
		if err := decode(params, &p); err != nil {
			return nil, err
		}
		s.didClose(p.TextDocument.URI)
		return nil, nil
	case "workspace/didChangeWatchedFiles":
		var p didChangeWatchedFilesParams
		if err := decode(params, &p); err != nil {
			return nil, err
		}
		s.filesChanged(p)
		return nil, nil
	case "textDocument/hover":
		var p textDocumentPositionParams
		if err := decode(params, &p); err != nil {
			return nil, err
		}
		return s.hover(p), nil
	case "textDocument/codeAction":
		var p codeActionParams
		if err := decode(params, &p); err != nil {
			return nil, err
		}
		return s.codeActions(p), nil
	}
	if !isRequest || strings.HasPrefix(method, "$/") {
		return nil, nil // unknown notifications are ignored
	}
	return nil, &rpcError{Code: codeMethodNotFound, Message: "method not found: " + method}
}

func (s *Server) initialize(p initializeParams) initializeResult {
	root := ""
	if len(p.WorkspaceFolders) > 0 {
		root, _ = uriToPath(p.WorkspaceFolders[0].URI)
	}
	if root == "" && p.RootURI != nil {
		root, _ = uriToPath(*p.RootURI)
	}
	s.mu.Lock()
	s.initialized, s.root, s.caps = true, root, p.Capabilities
	s.mu.Unlock()
	if st, ok := parseSettings(p.InitializationOptions); ok {
		s.applySettings(st)
	}
	var r initializeResult
	r.Capabilities.PositionEncoding = "utf-16"
	r.Capabilities.TextDocumentSync = textDocumentSyncOptions{OpenClose: true, Change: 2, Save: &saveOptions{}}
	r.Capabilities.HoverProvider = true
	r.Capabilities.CodeActionProvider = &codeActionOptions{CodeActionKinds: []string{"quickfix"}}
	r.ServerInfo.Name, r.ServerInfo.Version = "msglint", s.opt.Version
	return r
}

// textKinds are the formats linted from the unsaved buffer.
func isTextKind(path string) bool {
	_, fixable := project.FileKind(path)
	return fixable
}

// lintDoc lints d if it is still at generation gen and publishes its diagnostics.
func (s *Server) lintDoc(d *document, gen int) {
	s.lintMu.Lock()
	defer s.lintMu.Unlock()
	s.mu.Lock()
	if d.gen != gen {
		s.mu.Unlock()
		return
	}
	text, version := d.text, d.version
	s.mu.Unlock()

	var pubs []published
	var diags []diagnostic
	func() {
		defer func() {
			if v := recover(); v != nil {
				fmt.Fprintf(s.opt.Log, "msglint lsp: panic linting %s: %v\n%s", d.path, v, debug.Stack())
				diags = []diagnostic{{Severity: 1, Source: "msglint", Code: "internal-error", Message: fmt.Sprintf("msglint failed on this file: %v", v)}}
			}
		}()
		pubs, diags = s.check(d, text)
	}()

	s.mu.Lock()
	if d.gen != gen {
		s.mu.Unlock()
		return
	}
	d.linted, d.lintedOK, d.findings = text, true, pubs
	s.mu.Unlock()
	s.publish(d.uri, &version, diags)
}

// project finds and loads the config for a document as `msglint check
// FILE` would (from its folder upward, then the workspace folder), cached
// by folder while the config file is unchanged.
func (s *Server) project(path string) (*cachedProject, error) {
	dir := filepath.Dir(path)
	s.mu.Lock()
	cp := s.projects[dir]
	root, configPath := s.root, s.settings.ConfigPath
	s.mu.Unlock()
	if cp != nil {
		if cp.path == "" {
			return cp, nil
		}
		if fi, err := os.Stat(cp.path); err == nil && fi.ModTime().Equal(cp.mtime) {
			return cp, nil
		}
	}
	cwd := root
	if cwd == "" {
		cwd = dir
	}
	p, err := project.Load(cwd, configPath, path)
	if err != nil {
		return nil, err
	}
	cp = &cachedProject{p: p, path: p.Config.Path}
	if cp.path != "" {
		if fi, err := os.Stat(cp.path); err == nil {
			cp.mtime = fi.ModTime()
		}
	}
	s.mu.Lock()
	s.projects[dir] = cp
	s.mu.Unlock()
	return cp, nil
}

func (s *Server) publish(uri string, version *int, diags []diagnostic) {
	if diags == nil {
		diags = []diagnostic{}
	}
	s.out.write(notification{JSONRPC: "2.0", Method: "textDocument/publishDiagnostics",
		Params: publishDiagnosticsParams{URI: uri, Version: version, Diagnostics: diags}})
}

// findingsAt returns the document's current findings whose range holds
// or meets r, and the text they were found in; none when the buffer has
// changed since the lint.
func (s *Server) findingsAt(uri string, r Range) (*document, string, []published) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[uri]
	if d == nil || !d.lintedOK || d.textKind && d.linted != d.text {
		return d, "", nil
	}
	var out []published
	for _, p := range d.findings {
		if !before(p.r.End, r.Start) && !before(r.End, p.r.Start) {
			out = append(out, p)
		}
	}
	return d, d.linted, out
}

func before(a, b Position) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Character < b.Character
}
