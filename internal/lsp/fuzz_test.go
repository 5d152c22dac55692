package lsp

import (
	"io"
	"testing"
)

// FuzzHandle feeds arbitrary message bodies to an initialized server: it
// must never panic out of handle (a request's panic becomes an error
// reply) nor deadlock.
func FuzzHandle(f *testing.F) {
	for _, seed := range []string{
		`{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///nonexistent-msglint-fuzz/x.md"},"position":{"line":-1,"character":-5}}}`,
		`{"jsonrpc":"2.0","id":2,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///nonexistent-msglint-fuzz/x.md"},"range":{"start":{"line":9,"character":9},"end":{"line":0,"character":0}}}}`,
		`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///nonexistent-msglint-fuzz/x.md","version":2},"contentChanges":[{"range":{"start":{"line":0,"character":3},"end":{"line":0,"character":1}},"text":"y"}]}}`,
		`{"jsonrpc":"2.0","id":[1],"method":"shutdown"}`,
		`{"jsonrpc":"2.0","id":{"a":1},"method":7}`,
		`{"id":null,"method":"initialize","params":{"rootUri":"file:///\u0000"}}`,
		`[]`, `null`, `"x"`, `{`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		s := NewServer(io.Discard, Options{Debounce: -1})
		s.handle([]byte(`{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"capabilities":{}}}`))
		// a document with no config on disk (the default config)
		s.handle([]byte(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///nonexistent-msglint-fuzz/x.md","version":1,"text":"CloudSync 😀\n"}}}`))
		s.handle(body)
		s.stop()
	})
}
