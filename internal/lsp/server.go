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
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/msglint/msglint/config"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project"
	"github.com/msglint/msglint/rules"
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
		projects: map[string]*cachedProject{}, configDiags: map[string]bool{}}
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
		if !isRequest {
			s.out.write(errorResponse{JSONRPC: "2.0", ID: json.RawMessage("null"),
				Error: rpcError{Code: codeInvalidRequest, Message: "invalid request: no method"}})
		}
		return false // a response to a request the server did not send
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
	case "initialized", "$/setTrace", "$/cancelRequest", "workspace/didChangeConfiguration":
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
		s.configChanged()
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
	s.initialized, s.root = true, root
	s.mu.Unlock()
	var r initializeResult
	r.Capabilities.PositionEncoding = "utf-16"
	r.Capabilities.TextDocumentSync = textDocumentSyncOptions{OpenClose: true, Change: 1, Save: &saveOptions{}}
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

func (s *Server) didOpen(p didOpenParams) *rpcError {
	path, err := uriToPath(p.TextDocument.URI)
	if err != nil {
		return invalidParams(err)
	}
	if known, _ := project.FileKind(path); !known {
		return nil // not a kind of file msglint reads
	}
	d := &document{uri: p.TextDocument.URI, path: path, version: p.TextDocument.Version, textKind: isTextKind(path)}
	s.mu.Lock()
	if old := s.docs[d.uri]; old != nil {
		s.cancelLocked(old)
	}
	s.docs[d.uri] = d
	s.mu.Unlock()
	s.setText(d, p.TextDocument.Text, p.TextDocument.Version, 0)
	return nil
}

func (s *Server) didChange(p didChangeParams) *rpcError {
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	s.mu.Unlock()
	if d == nil {
		return nil
	}
	if !d.textKind {
		return nil // office and PDF are linted from disk on save
	}
	s.mu.Lock()
	text := d.text
	s.mu.Unlock()
	for _, c := range p.ContentChanges {
		if c.Range == nil {
			text = c.Text
			continue
		}
		a, b := PositionToByte(text, c.Range.Start), PositionToByte(text, c.Range.End)
		if b < a {
			return invalidParams(errors.New("change range ends before it starts"))
		}
		text = text[:a] + c.Text + text[b:]
	}
	s.setText(d, text, p.TextDocument.Version, s.opt.Debounce)
	if isConfigName(d.path) {
		s.configChanged()
	}
	return nil
}

func (s *Server) didSave(uri string) {
	s.mu.Lock()
	d := s.docs[uri]
	s.mu.Unlock()
	path, err := uriToPath(uri)
	if err == nil && isConfigName(path) {
		s.configChanged()
		return
	}
	// the saved file is now what the other documents' cross-asset rules
	// read from disk: lint them all again (the saved one at once)
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, o := range s.docs {
		if o == d {
			s.scheduleLocked(o, 0)
		} else {
			s.scheduleLocked(o, s.opt.Debounce)
		}
	}
}

func (s *Server) didClose(uri string) {
	s.mu.Lock()
	d := s.docs[uri]
	if d != nil {
		s.cancelLocked(d)
		delete(s.docs, uri)
	}
	s.mu.Unlock()
	if d != nil {
		s.publish(uri, nil, nil)
	}
}

// configChanged drops the cached configs and lints every open document
// again (a config file was changed or saved).
func (s *Server) configChanged() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.projects)
	for _, d := range s.docs {
		if !isConfigName(d.path) {
			s.scheduleLocked(d, s.opt.Debounce)
		}
	}
}

func isConfigName(path string) bool {
	return slices.Contains(config.ConfigNames, filepath.Base(path))
}

// setText stores a document's new text (refused when over the config's
// limits.max_file_size, with a diagnostic) and schedules its lint.
func (s *Server) setText(d *document, text string, version int, delay time.Duration) {
	if d.textKind {
		if cp, _ := s.project(d.path); cp != nil {
			if limit := project.Limits(cp.p.Config).MaxFileSize; int64(len(text)) > limit {
				s.mu.Lock()
				s.cancelLocked(d)
				d.text, d.version, d.lintedOK, d.findings = "", version, false, nil
				s.mu.Unlock()
				s.publish(d.uri, &version, []diagnostic{{Range: Range{}, Severity: 2, Source: "msglint", Code: "input/too-large",
					Message: fmt.Sprintf("this buffer is %d bytes, over the %d-byte limit (limits.max_file_size in %s); not linted",
						len(text), limit, cp.configName())}})
				return
			}
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if d.textKind {
		d.text = text
	}
	d.version = version
	if isConfigName(d.path) {
		return // a config file is not content; its errors come from the documents' lints
	}
	s.scheduleLocked(d, delay)
}

func (cp *cachedProject) configName() string {
	if cp.path == "" {
		return "the default config"
	}
	return filepath.Base(cp.path)
}

// cancelLocked stops a document's pending lint and drops a running one's result.
func (s *Server) cancelLocked(d *document) {
	if d.timer != nil && d.timer.Stop() {
		s.wg.Done()
	}
	d.timer = nil
	d.gen++
}

// scheduleLocked lints d after delay (negative or zero: at once, on another goroutine).
func (s *Server) scheduleLocked(d *document, delay time.Duration) {
	s.cancelLocked(d)
	gen := d.gen
	s.wg.Add(1)
	d.timer = time.AfterFunc(max(delay, 0), func() {
		defer s.wg.Done()
		s.lintDoc(d, gen)
	})
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
	root := s.root
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
	p, err := project.Load(cwd, "", path)
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

// check lints one document (its buffer for a text format, else the file
// on disk) and returns its findings and diagnostics. Config errors are
// published on the config file too.
func (s *Server) check(d *document, text string) ([]published, []diagnostic) {
	cp, err := s.project(d.path)
	if err != nil {
		return nil, s.configError(err)
	}
	s.clearConfigDiags()
	opt := project.Options{Paths: []string{d.path}, Cwd: cp.p.Config.Dir, Jobs: 1, Scoped: true}
	if d.textKind {
		opt.Stdin, opt.StdinName = strings.NewReader(text), d.path
	}
	res, err := cp.p.Run(opt)
	if err != nil {
		return nil, s.configError(err)
	}
	var pubs []published
	var diags []diagnostic
	for _, f := range res.Findings {
		if filepath.Join(cp.p.Config.Dir, filepath.FromSlash(f.Path)) != d.path {
			continue
		}
		r := findingRange(f, text, d.textKind)
		pubs = append(pubs, published{f: f, r: r})
		diags = append(diags, toDiagnostic(f, r, cp.p.Config.Dir))
	}
	return pubs, diags
}

// findingRange is a finding's LSP range: its rune columns converted to
// UTF-16 on the buffer's lines; line 0 for a finding on a whole file or
// with an office/PDF location.
func findingRange(f lint.Finding, text string, textKind bool) Range {
	if !textKind || f.Loc != "" || f.Line < 1 {
		return Range{}
	}
	start := Position{Line: f.Line - 1}
	if line, ok := lineOf(text, f.Line-1); ok {
		start.Character = colToUTF16(line, f.Line, f.Col)
	}
	end := start
	if f.EndLine >= f.Line && f.EndLine > 0 {
		end = Position{Line: f.EndLine - 1}
		if line, ok := lineOf(text, f.EndLine-1); ok {
			end.Character = colToUTF16(line, f.EndLine, f.EndCol)
		}
	}
	if end.Line < start.Line || end.Line == start.Line && end.Character < start.Character {
		end = start
	}
	return Range{Start: start, End: end}
}

// colToUTF16 converts a column on a line: msglint does not count a
// byte-order mark on the first line, an editor counts it when the buffer
// holds it.
func colToUTF16(line string, lineNo, col int) int {
	if lineNo == 1 && strings.HasPrefix(line, "\uFEFF") {
		return 1 + RuneColToUTF16(line[3:], col)
	}
	return RuneColToUTF16(line, col)
}

func severity(s lint.Severity) int {
	switch s {
	case lint.Error:
		return 1
	case lint.Warning:
		return 2
	}
	return 3
}

func toDiagnostic(f lint.Finding, r Range, dir string) diagnostic {
	msg := f.Message
	if f.Loc != "" {
		msg = f.Loc + ": " + msg
	}
	d := diagnostic{Range: r, Severity: severity(f.Severity), Source: "msglint", Code: f.Rule, Message: msg}
	for _, rel := range f.Related {
		if rel.Path == "" {
			continue
		}
		loc := location{URI: pathToURI(filepath.Join(dir, filepath.FromSlash(rel.Path)))}
		if rel.Line > 0 && rel.Loc == "" {
			loc.Range.Start.Line, loc.Range.End.Line = rel.Line-1, rel.Line-1
		}
		note := "related"
		if rel.Match != "" {
			note = fmt.Sprintf("%q", rel.Match)
		}
		if rel.Loc != "" {
			note = rel.Loc + ": " + note
		}
		d.RelatedInformation = append(d.RelatedInformation, relatedInformation{Location: loc, Message: note})
	}
	return d
}

// configError publishes a config error on the config file (with
// positions) and returns the diagnostic for the document.
func (s *Server) configError(err error) []diagnostic {
	var list []*config.Error
	collectConfigErrors(err, &list)
	byFile := map[string][]diagnostic{}
	for _, e := range list {
		if e.File == "" || e.Warning {
			continue
		}
		r := Range{}
		if e.Line > 0 {
			ch := 0
			if e.Col > 0 {
				ch = RuneColToUTF16(e.Snippet, e.Col)
			}
			r.Start = Position{Line: e.Line - 1, Character: ch}
			r.End = r.Start
			if e.Width > 0 {
				r.End.Character = RuneColToUTF16(e.Snippet, e.Col+e.Width)
			}
		}
		path := e.File
		if !filepath.IsAbs(path) {
			if abs, err := filepath.Abs(path); err == nil {
				path = abs
			}
		}
		byFile[path] = append(byFile[path], diagnostic{Range: r, Severity: 1, Source: "msglint", Code: "config", Message: e.Msg})
	}
	s.mu.Lock()
	for path := range byFile {
		s.configDiags[path] = true
	}
	s.mu.Unlock()
	for path, diags := range byFile {
		s.publish(pathToURI(path), nil, diags)
	}
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return []diagnostic{{Severity: 1, Source: "msglint", Code: "config", Message: "msglint's config has errors; this file is not linted: " + msg}}
}

func collectConfigErrors(err error, out *[]*config.Error) {
	if e, ok := err.(*config.Error); ok {
		*out = append(*out, e)
		return
	}
	switch u := err.(type) {
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			collectConfigErrors(e, out)
		}
	case interface{ Unwrap() error }:
		if e := u.Unwrap(); e != nil {
			collectConfigErrors(e, out)
		}
	}
}

// clearConfigDiags clears the config errors published before (the config
// now loads).
func (s *Server) clearConfigDiags() {
	s.mu.Lock()
	var paths []string
	for p := range s.configDiags {
		paths = append(paths, p)
	}
	clear(s.configDiags)
	s.mu.Unlock()
	for _, p := range paths {
		s.publish(pathToURI(p), nil, nil)
	}
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

func (s *Server) hover(p textDocumentPositionParams) any {
	_, _, found := s.findingsAt(p.TextDocument.URI, Range{Start: p.Position, End: p.Position})
	var b strings.Builder
	seen := map[string]bool{}
	for _, f := range found {
		if seen[f.f.Rule] {
			continue
		}
		seen[f.f.Rule] = true
		if b.Len() > 0 {
			b.WriteString("\n---\n\n")
		}
		r, ok := rules.Get(f.f.Rule)
		if !ok || s.opt.Explain == nil {
			fmt.Fprintf(&b, "**%s**\n", f.f.Rule)
			continue
		}
		b.WriteString(s.opt.Explain(r))
	}
	term, termRange := s.termAt(p.TextDocument.URI, p.Position)
	if term != "" {
		if b.Len() > 0 {
			b.WriteString("\n---\n\n")
		}
		b.WriteString(term)
	}
	if b.Len() == 0 {
		return nil
	}
	rng := termRange
	if len(found) > 0 {
		rng = found[0].r
	}
	return hoverResult{Contents: markupContent{Kind: "markdown", Value: b.String()}, Range: &rng}
}

// termAt describes the glossary term written at pos in a text document's
// buffer (its canonical form, kind, note, trademark, variants and
// deprecated names), with the range of the words; "" when there is none.
// The line is matched as it is in the source, markup included.
func (s *Server) termAt(uri string, pos Position) (string, Range) {
	s.mu.Lock()
	d := s.docs[uri]
	var line string
	ok := false
	if d != nil && d.textKind {
		line, ok = lineOf(d.text, pos.Line)
	}
	s.mu.Unlock()
	if !ok {
		return "", Range{}
	}
	cp, err := s.project(d.path)
	if err != nil {
		return "", Range{}
	}
	ix := cp.p.Index
	off := utf16ToByte(line, pos.Character)
	for _, m := range ix.Find(line, nil, nil) {
		if off < m.Start || off > m.End || m.Term < 0 || m.Term >= len(ix.Terms) {
			continue
		}
		t := ix.Terms[m.Term]
		var b strings.Builder
		fmt.Fprintf(&b, "**%s**", t.Name)
		if t.Kind != "" {
			fmt.Fprintf(&b, " (%s)", t.Kind)
		}
		b.WriteString(" — glossary term\n")
		if t.Note != "" {
			fmt.Fprintf(&b, "\n%s\n", t.Note)
		}
		if t.Trademark != "" {
			fmt.Fprintf(&b, "\nTrademark: %s on the first mention\n", t.Trademark)
		}
		variants, deprecated := ix.Forms(m.Term)
		if len(variants) > 0 {
			fmt.Fprintf(&b, "\nVariants (write %q instead): %s\n", t.Name, strings.Join(variants, ", "))
		}
		if len(deprecated) > 0 {
			fmt.Fprintf(&b, "\nDeprecated: %s\n", strings.Join(deprecated, ", "))
		}
		r := Range{Start: Position{Line: pos.Line, Character: utf16Units(line[:m.Start])},
			End: Position{Line: pos.Line, Character: utf16Units(line[:m.End])}}
		return b.String(), r
	}
	return "", Range{}
}

// utf16Units is the length of s in UTF-16 code units.
func utf16Units(s string) int {
	n := 0
	for _, r := range s {
		n += utf16Len(r)
	}
	return n
}

func (s *Server) codeActions(p codeActionParams) []codeAction {
	d, text, found := s.findingsAt(p.TextDocument.URI, p.Range)
	out := []codeAction{}
	if d == nil {
		return out
	}
	seenDisable := map[string]bool{}
	fixable := 0
	for _, f := range found {
		diag := toDiagnostic(f.f, f.r, "")
		diag.RelatedInformation = nil
		if fx := f.f.Fix; fx != nil && fx.Start >= 0 && fx.End >= fx.Start && fx.End <= len(text) && d.textKind {
			edit := textEdit{Range: Range{Start: ByteToPosition(text, fx.Start), End: ByteToPosition(text, fx.End)}, NewText: fx.Replacement}
			title := fmt.Sprintf("Replace %q with %q (%s)", text[fx.Start:fx.End], fx.Replacement, f.f.Rule)
			safe := fx.Safety == lint.FixSafe
			if r, ok := rules.Get(f.f.Rule); ok && fx.Safety == lint.FixNone {
				safe = r.Fix == lint.FixSafe
			}
			out = append(out, codeAction{Title: title, Kind: "quickfix", Diagnostics: []diagnostic{diag}, IsPreferred: safe,
				Edit: &workspaceEdit{Changes: map[string][]textEdit{d.uri: {edit}}}})
			fixable++
		}
		key := fmt.Sprint(f.f.Line, f.f.Rule)
		if seenDisable[key] {
			continue
		}
		seenDisable[key] = true
		if edit, ok := disableEdit(d.path, text, f.f); ok {
			out = append(out, codeAction{Title: fmt.Sprintf("Disable %s for this line", f.f.Rule), Kind: "quickfix",
				Diagnostics: []diagnostic{diag}, Edit: &workspaceEdit{Changes: map[string][]textEdit{d.uri: {edit}}}})
		}
	}
	if fixable > 0 {
		if all := s.fixAll(d.uri); all != nil {
			out = append(out, *all)
		}
	}
	return out
}

// fixAll is the action that applies every safe fix of the document (as
// `msglint fix` would: no heuristic fix, no two fixes that overlap); nil
// when there are fewer than two.
func (s *Server) fixAll(uri string) *codeAction {
	d, text, found := s.findingsAt(uri, Range{Start: Position{}, End: Position{Line: 1 << 30}})
	if d == nil || !d.textKind {
		return nil
	}
	type span struct {
		a, b int
		repl string
	}
	var spans []span
	for _, f := range found {
		fx := f.f.Fix
		if fx == nil || fx.Start < 0 || fx.End < fx.Start || fx.End > len(text) {
			continue
		}
		safety := fx.Safety
		if safety == lint.FixNone {
			if r, ok := rules.Get(f.f.Rule); ok {
				safety = r.Fix
			}
		}
		if safety != lint.FixSafe {
			continue
		}
		spans = append(spans, span{fx.Start, fx.End, fx.Replacement})
	}
	slices.SortStableFunc(spans, func(x, y span) int { return x.a - y.a })
	var edits []textEdit
	last := -1
	for _, sp := range spans {
		if sp.a < last || sp.a == last && sp.a == sp.b {
			continue // overlaps the one before
		}
		edits = append(edits, textEdit{Range: Range{Start: ByteToPosition(text, sp.a), End: ByteToPosition(text, sp.b)}, NewText: sp.repl})
		last = sp.b
	}
	if len(edits) < 2 {
		return nil
	}
	return &codeAction{Title: fmt.Sprintf("Fix all %d safe msglint findings in this file", len(edits)), Kind: "quickfix",
		Edit: &workspaceEdit{Changes: map[string][]textEdit{uri: edits}}}
}

// disableEdit is the edit that turns rule f.Rule off for f's line:
// a disable-next-line comment above it (Markdown, MDX, HTML), or a
// disable-line comment at the end of a Markdown table row (a line
// between the rows would end the table). None for plain text (no
// directives), for front matter, or for a finding with no line.
func disableEdit(path, text string, f lint.Finding) (textEdit, bool) {
	if f.Loc != "" || f.Line < 1 || f.Rule == "" {
		return textEdit{}, false
	}
	ext := strings.ToLower(filepath.Ext(path))
	mdx := ext == ".mdx"
	switch ext {
	case ".md", ".markdown", ".mdx", ".html", ".htm":
	default:
		return textEdit{}, false
	}
	line, ok := lineOf(text, f.Line-1)
	if !ok || inFrontMatter(text, f.Line-1) {
		return textEdit{}, false
	}
	line = strings.TrimSuffix(line, "\r")
	comment := func(kind string) string {
		if mdx {
			return "{/* msglint-" + kind + " " + f.Rule + " */}"
		}
		return "<!-- msglint-" + kind + " " + f.Rule + " -->"
	}
	trimmed := strings.TrimLeft(line, " \t")
	if ext != ".html" && ext != ".htm" && strings.HasPrefix(trimmed, "|") {
		end := Position{Line: f.Line - 1, Character: RuneColToUTF16(line, len([]rune(line))+1)}
		return textEdit{Range: Range{Start: end, End: end}, NewText: " " + comment("disable-line")}, true
	}
	indent := line[:len(line)-len(trimmed)]
	at := Position{Line: f.Line - 1}
	nl := "\n"
	if strings.Contains(text, "\r\n") {
		nl = "\r\n"
	}
	return textEdit{Range: Range{Start: at, End: at}, NewText: indent + comment("disable-next-line") + nl}, true
}

// inFrontMatter reports whether line n (0-based) is inside a leading
// front matter block (--- YAML --- or +++ TOML +++).
func inFrontMatter(text string, n int) bool {
	text = strings.TrimPrefix(text, "\uFEFF")
	first, _ := lineOf(text, 0)
	first = strings.TrimRight(first, " \t\r")
	if first != "---" && first != "+++" {
		return false
	}
	for i := 1; ; i++ {
		l, ok := lineOf(text, i)
		if !ok {
			return false // unclosed: not front matter
		}
		if strings.TrimRight(l, " \t\r") == first {
			return n <= i
		}
	}
}

// uriToPath converts a file: URI to a clean absolute path.
func uriToPath(uri string) (string, error) {
	u, err := url.Parse(uri)
	if err != nil {
		return "", err
	}
	if u.Scheme != "file" {
		return "", fmt.Errorf("not a file: URI: %q", uri)
	}
	p := filepath.FromSlash(u.Path)
	if len(p) >= 3 && p[0] == '\\' && p[2] == ':' { // file:///C:/x on Windows
		p = p[1:]
	}
	if !filepath.IsAbs(p) {
		return "", fmt.Errorf("not an absolute file: URI: %q", uri)
	}
	return filepath.Clean(p), nil
}

// pathToURI converts an absolute path to a file: URI.
func pathToURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}
