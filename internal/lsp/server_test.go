package lsp

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/msglint/msglint/lint"
)

// client is a minimal LSP client driving a Server over in-process pipes.
type client struct {
	t    testing.TB
	w    io.WriteCloser
	msgs chan map[string]any
	done chan error
	next int
	// held are notifications read while waiting for a reply.
	held []map[string]any
	// wmu serialises writes (the reader answers the server's requests).
	wmu sync.Mutex
	// settings is what the client answers workspace/configuration with.
	settings atomic.Value
}

func startServer(t testing.TB, debounce time.Duration) *client {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	c := &client{t: t, w: inW, msgs: make(chan map[string]any, 100), done: make(chan error, 1)}
	go func() {
		err := Serve(inR, outW, Options{Explain: func(r *lint.Rule) string { return "EXPLAIN " + r.Name + "\n" }, Debounce: debounce})
		outW.Close()
		c.done <- err
	}()
	go func() {
		r := bufio.NewReader(outR)
		for {
			body, err := readMessage(r)
			if err != nil {
				close(c.msgs)
				return
			}
			var m map[string]any
			if err := json.Unmarshal(body, &m); err != nil {
				panic(fmt.Sprintf("server wrote invalid JSON: %s", body))
			}
			if id, ok := m["id"]; ok && m["method"] != nil {
				c.answer(id, m)
			}
			c.msgs <- m
		}
	}()
	t.Cleanup(func() { inW.Close() })
	return c
}

func (c *client) send(v any) {
	c.t.Helper()
	body, err := json.Marshal(v)
	if err != nil {
		c.t.Fatal(err)
	}
	c.raw(body)
}

// answer replies to a request of the server as an editor does: a
// progress token is accepted, a configuration request gets c.settings.
func (c *client) answer(id any, m map[string]any) {
	var result any
	if m["method"] == "workspace/configuration" {
		result = []any{c.settings.Load()}
	}
	body, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": id, "result": result})
	c.wmu.Lock()
	defer c.wmu.Unlock()
	fmt.Fprintf(c.w, "Content-Length: %d\r\n\r\n%s", len(body), body)
}

func (c *client) raw(body []byte) {
	c.t.Helper()
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if _, err := fmt.Fprintf(c.w, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		c.t.Fatal(err)
	}
}

// recv returns the next message; it fails the test if the server stops
// (a deadline only guards against a hang, it asserts nothing about speed).
func (c *client) recv() map[string]any {
	c.t.Helper()
	select {
	case m, ok := <-c.msgs:
		if !ok {
			c.t.Fatal("server closed its output")
		}
		return m
	case <-time.After(60 * time.Second):
		c.t.Fatal("no message from the server")
	}
	return nil
}

func (c *client) request(method string, params any) map[string]any {
	c.t.Helper()
	c.next++
	id := c.next
	c.send(map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params})
	return c.reply(float64(id))
}

func (c *client) reply(id any) map[string]any {
	c.t.Helper()
	for {
		m := c.recv()
		if _, isNote := m["method"]; isNote {
			c.held = append(c.held, m)
			continue
		}
		if m["id"] == id && m["method"] == nil {
			return m
		}
		c.t.Fatalf("reply to another request: %v", m)
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	c.send(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

// diagnostics waits for the diagnostics of uri at version.
func (c *client) diagnostics(uri string, version int) []any {
	c.t.Helper()
	for {
		var m map[string]any
		if len(c.held) > 0 {
			m, c.held = c.held[0], c.held[1:]
		} else {
			m = c.recv()
		}
		if m["method"] != "textDocument/publishDiagnostics" {
			continue
		}
		p := m["params"].(map[string]any)
		if p["uri"] == uri && p["version"] == float64(version) {
			return p["diagnostics"].([]any)
		}
	}
}

func fileURI(path string) string { return pathToURI(path) }

func writeProject(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	cfg := "version: 1\nrules:\n  funnel/unknown: off\nterms:\n  - name: Acme CloudSync\n    variants: [CloudSync]\n"
	if err := os.WriteFile(filepath.Join(dir, "msglint.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func asJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestSession drives the server as an editor does: open a Markdown buffer
// with a variant, get its diagnostic with the UTF-16 range, hover it, ask
// for code actions, apply the quick fix, change the buffer, and see the
// diagnostics go.
func TestSession(t *testing.T) {
	dir := writeProject(t)
	c := startServer(t, -1)
	init := c.request("initialize", map[string]any{"processId": nil, "rootUri": fileURI(dir), "capabilities": map[string]any{}})
	if init["error"] != nil {
		t.Fatalf("initialize: %v", init["error"])
	}
	caps := init["result"].(map[string]any)["capabilities"].(map[string]any)
	if caps["positionEncoding"] != "utf-16" || caps["hoverProvider"] != true {
		t.Fatalf("capabilities: %v", caps)
	}
	c.notify("initialized", map[string]any{})

	// the page is unsaved: nothing on disk
	path := filepath.Join(dir, "site", "page.md")
	uri := fileURI(path)
	text := "# Hi\n\n😀 日本 e\u0301 CloudSync is here.\n"
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
	diags := c.diagnostics(uri, 1)
	if len(diags) != 1 {
		t.Fatalf("want 1 diagnostic, got %s", asJSON(diags))
	}
	d := diags[0].(map[string]any)
	// runes: 😀 is 1 rune and 2 UTF-16 units; e + U+0301 are 2 of each
	wantRange := `{"end":{"character":18,"line":2},"start":{"character":9,"line":2}}`
	if d["code"] != "naming/variant" || asJSON(d["range"]) != wantRange || d["severity"] != float64(1) {
		t.Fatalf("diagnostic: %s\nwant naming/variant at %s", asJSON(d), wantRange)
	}

	hover := c.request("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 2, "character": 12}})
	contents := hover["result"].(map[string]any)["contents"].(map[string]any)
	if contents["kind"] != "markdown" || !strings.Contains(contents["value"].(string), "EXPLAIN naming/variant") {
		t.Fatalf("hover: %s", asJSON(hover))
	}
	if none := c.request("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 0, "character": 0}}); none["result"] != nil {
		t.Fatalf("hover off a finding: %s", asJSON(none))
	}

	res := c.request("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri},
		"range": d["range"], "context": map[string]any{"diagnostics": diags}})
	actions := res["result"].([]any)
	if len(actions) != 2 {
		t.Fatalf("want a fix and a disable action, got %s", asJSON(actions))
	}
	fix := actions[0].(map[string]any)
	disable := actions[1].(map[string]any)
	if fix["kind"] != "quickfix" || !strings.Contains(fix["title"].(string), "Acme CloudSync") {
		t.Fatalf("fix action: %s", asJSON(fix))
	}
	wantDisable := `[{"newText":"\u003c!-- msglint-disable-next-line naming/variant --\u003e\n","range":{"end":{"character":0,"line":2},"start":{"character":0,"line":2}}}]`
	if got := asJSON(disable["edit"].(map[string]any)["changes"].(map[string]any)[uri]); got != wantDisable {
		t.Fatalf("disable edit: %s\nwant %s", got, wantDisable)
	}
	edits := fix["edit"].(map[string]any)["changes"].(map[string]any)[uri].([]any)
	text = applyEdits(t, text, edits)
	if want := "# Hi\n\n😀 日本 e\u0301 Acme CloudSync is here.\n"; text != want {
		t.Fatalf("after the fix: %q, want %q", text, want)
	}
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"text": text}}})
	if diags := c.diagnostics(uri, 2); len(diags) != 0 {
		t.Fatalf("diagnostics after the fix: %s", asJSON(diags))
	}
	// hover on a glossary term: its canonical form and variants
	hover = c.request("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 2, "character": 12}})
	if got := asJSON(hover["result"]); !strings.Contains(got, "**Acme CloudSync**") || !strings.Contains(got, "CloudSync") ||
		!strings.Contains(got, `"range":{"end":{"character":23,"line":2},"start":{"character":9,"line":2}}`) {
		t.Fatalf("hover on a term: %s", got)
	}

	// the disable directive silences the finding too
	text = "# Hi\n\n<!-- msglint-disable-next-line naming/variant -->\nCloudSync.\n"
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 3},
		"contentChanges": []any{map[string]any{"text": text}}})
	if diags := c.diagnostics(uri, 3); len(diags) != 0 {
		t.Fatalf("diagnostics under a directive: %s", asJSON(diags))
	}

	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	if r := c.request("shutdown", nil); r["error"] != nil {
		t.Fatalf("shutdown: %v", r["error"])
	}
	c.notify("exit", nil)
	if err := <-c.done; err != nil {
		t.Fatalf("Serve: %v", err)
	}
}

// applyEdits applies non-overlapping LSP edits to text, as a client does.
func applyEdits(t *testing.T, text string, edits []any) string {
	t.Helper()
	type span struct {
		a, b int
		s    string
	}
	var spans []span
	for _, e := range edits {
		var te textEdit
		if err := json.Unmarshal([]byte(asJSON(e)), &te); err != nil {
			t.Fatal(err)
		}
		spans = append(spans, span{PositionToByte(text, te.Range.Start), PositionToByte(text, te.Range.End), te.NewText})
	}
	for i := len(spans) - 1; i >= 0; i-- { // edits come in order; apply from the end
		text = text[:spans[i].a] + spans[i].s + text[spans[i].b:]
	}
	return text
}

// TestMalformed sends broken messages: each gets an error reply (or is
// ignored, for a notification) and the server keeps working.
func TestMalformed(t *testing.T) {
	dir := writeProject(t)
	c := startServer(t, -1)
	// before initialize
	if r := c.request("textDocument/hover", map[string]any{}); r["error"].(map[string]any)["code"] != float64(codeNotInitialized) {
		t.Fatalf("before initialize: %s", asJSON(r))
	}
	c.request("initialize", map[string]any{"rootUri": fileURI(dir), "capabilities": map[string]any{}})

	c.raw([]byte(`{"jsonrpc":"2.0","id":7,"method":`))
	if r := c.reply(nil); r["error"].(map[string]any)["code"] != float64(codeParseError) {
		t.Fatalf("broken JSON: %s", asJSON(r))
	}
	for _, tc := range []struct {
		method string
		params any
		code   int
	}{
		{"textDocument/hover", nil, codeInvalidParams},
		{"textDocument/hover", "not an object", codeInvalidParams},
		{"textDocument/codeAction", map[string]any{"range": "nope"}, codeInvalidParams},
		{"textDocument/definition", map[string]any{}, codeMethodNotFound},
		{"initialize", []int{1}, codeInvalidParams},
	} {
		r := c.request(tc.method, tc.params)
		if e, _ := r["error"].(map[string]any); e == nil || e["code"] != float64(tc.code) {
			t.Errorf("%s %v: %s, want error %d", tc.method, tc.params, asJSON(r), tc.code)
		}
	}
	// broken notifications are dropped, not answered
	c.notify("textDocument/didOpen", map[string]any{"textDocument": 5})
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": "::not a uri", "version": 1, "text": "x"}})
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": fileURI(filepath.Join(dir, "nope.md"))}})

	// and it still works
	uri := fileURI(filepath.Join(dir, "a.md"))
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "markdown", "version": 1, "text": "CloudSync\n"}})
	if diags := c.diagnostics(uri, 1); len(diags) != 1 {
		t.Fatalf("after malformed requests: %s", asJSON(diags))
	}
	// a change range past the end is clamped, not a crash
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"range": map[string]any{"start": map[string]any{"line": 99, "character": 0}, "end": map[string]any{"line": 99, "character": 5}}, "text": "more\n"}}})
	if diags := c.diagnostics(uri, 2); len(diags) != 1 {
		t.Fatalf("after an out-of-range change: %s", asJSON(diags))
	}
	c.notify("exit", nil)
	if err := <-c.done; err != ErrExitWithoutShutdown {
		t.Fatalf("exit before shutdown: %v", err)
	}
}

// TestTooLarge refuses a buffer over limits.max_file_size with a diagnostic.
func TestTooLarge(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "msglint.yaml"), []byte("version: 1\nlimits:\n  max_file_size: 100\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := startServer(t, -1)
	c.request("initialize", map[string]any{"rootUri": fileURI(dir), "capabilities": map[string]any{}})
	uri := fileURI(filepath.Join(dir, "big.md"))
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "markdown", "version": 1, "text": strings.Repeat("word ", 100)}})
	diags := c.diagnostics(uri, 1)
	if len(diags) != 1 || diags[0].(map[string]any)["code"] != "input/too-large" {
		t.Fatalf("over the limit: %s", asJSON(diags))
	}
}

// TestConfigError publishes a broken config's errors on the config file.
func TestConfigError(t *testing.T) {
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "msglint.yaml")
	if err := os.WriteFile(cfgPath, []byte("version: 1\nrules:\n  naming/varaint: off\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := startServer(t, -1)
	c.request("initialize", map[string]any{"rootUri": fileURI(dir), "capabilities": map[string]any{}})
	uri := fileURI(filepath.Join(dir, "a.md"))
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "markdown", "version": 1, "text": "Text.\n"}})
	var cfgDiags []any
	for cfgDiags == nil {
		m := c.recv()
		p := m["params"].(map[string]any)
		if p["uri"] == fileURI(cfgPath) {
			cfgDiags = p["diagnostics"].([]any)
		}
	}
	if len(cfgDiags) == 0 || asJSON(cfgDiags[0].(map[string]any)["range"].(map[string]any)["start"]) != `{"character":2,"line":2}` {
		t.Fatalf("config diagnostics: %s", asJSON(cfgDiags))
	}
	if diags := c.diagnostics(uri, 1); len(diags) != 1 || diags[0].(map[string]any)["code"] != "config" {
		t.Fatalf("document diagnostics: %s", asJSON(diags))
	}

	// the config is fixed and saved: its errors are cleared, the document linted
	if err := os.WriteFile(cfgPath, []byte("version: 1\nrules:\n  naming/variant: off\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": fileURI(cfgPath)}})
	cleared, linted := false, false
	for !cleared || !linted {
		m := c.recv()
		p := m["params"].(map[string]any)
		switch p["uri"] {
		case fileURI(cfgPath):
			if len(p["diagnostics"].([]any)) != 0 {
				t.Fatalf("config diagnostics after the fix: %s", asJSON(p))
			}
			cleared = true
		case uri:
			for _, d := range p["diagnostics"].([]any) {
				if d.(map[string]any)["code"] == "config" {
					t.Fatalf("document diagnostics after the fix: %s", asJSON(p))
				}
			}
			linted = true
		}
	}
}

// TestFixAll applies the "fix all" action: every safe fix of the file at once.
func TestFixAll(t *testing.T) {
	dir := writeProject(t)
	c := startServer(t, -1)
	c.request("initialize", map[string]any{"rootUri": fileURI(dir), "capabilities": map[string]any{}})
	uri := fileURI(filepath.Join(dir, "a.md"))
	text := "CloudSync 😀 and CloudSync.\n\nMore CloudSync.\n"
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
	diags := c.diagnostics(uri, 1)
	if len(diags) != 3 {
		t.Fatalf("want 3 diagnostics, got %s", asJSON(diags))
	}
	res := c.request("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri},
		"range": diags[0].(map[string]any)["range"], "context": map[string]any{"diagnostics": diags[:1]}})
	var all map[string]any
	for _, a := range res["result"].([]any) {
		if a := a.(map[string]any); strings.HasPrefix(a["title"].(string), "Fix all") {
			all = a
		}
	}
	if all == nil {
		t.Fatalf("no fix-all action in %s", asJSON(res))
	}
	got := applyEdits(t, text, all["edit"].(map[string]any)["changes"].(map[string]any)[uri].([]any))
	if want := "Acme CloudSync 😀 and Acme CloudSync.\n\nMore Acme CloudSync.\n"; got != want {
		t.Fatalf("after fix all: %q, want %q", got, want)
	}
}
