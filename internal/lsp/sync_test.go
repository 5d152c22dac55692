package lsp

import (
	"encoding/json"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestIncrementalSync applies incremental changes (UTF-16 ranges) to a
// buffer with emoji, CJK and combining marks, one change per message and
// several in one, and checks the text the server holds.
func TestIncrementalSync(t *testing.T) {
	dir := writeProject(t)
	uri := fileURI(filepath.Join(dir, "page.md"))
	const start = "# 日本語\n\nA 😀 b e\u0301 c.\n🎉🎉 end\n"
	type change struct {
		l1, c1, l2, c2 int
		text           string
	}
	for _, tc := range []struct {
		name    string
		changes [][]change // one didChange per element
		want    string
	}{
		{name: "insert after CJK", changes: [][]change{{{0, 5, 0, 5, "!"}}}, want: "# 日本語!\n\nA 😀 b e\u0301 c.\n🎉🎉 end\n"},
		{name: "replace an emoji (2 UTF-16 units)", changes: [][]change{{{2, 2, 2, 4, "🙂🙂"}}}, want: "# 日本語\n\nA 🙂🙂 b e\u0301 c.\n🎉🎉 end\n"},
		{name: "after the combining mark", changes: [][]change{{{2, 9, 2, 9, "X"}}}, want: "# 日本語\n\nA 😀 b e\u0301X c.\n🎉🎉 end\n"},
		{name: "delete the combining mark only", changes: [][]change{{{2, 8, 2, 9, ""}}}, want: "# 日本語\n\nA 😀 b e c.\n🎉🎉 end\n"},
		{name: "after two emoji", changes: [][]change{{{3, 4, 3, 4, " and"}}}, want: "# 日本語\n\nA 😀 b e\u0301 c.\n🎉🎉 and end\n"},
		{name: "across lines", changes: [][]change{{{0, 2, 2, 4, "x"}}}, want: "# x b e\u0301 c.\n🎉🎉 end\n"},
		{name: "a line added, then typed on", changes: [][]change{{{1, 0, 1, 0, "新しい\n"}}, {{1, 3, 1, 3, "行"}}},
			want: "# 日本語\n新しい行\n\nA 😀 b e\u0301 c.\n🎉🎉 end\n"},
		{name: "two changes in one message, the second on the first's result", changes: [][]change{{{3, 0, 3, 2, ""}, {3, 0, 3, 2, "🚀"}}},
			want: "# 日本語\n\nA 😀 b e\u0301 c.\n🚀 end\n"},
		{name: "a range past the line's end and the text's", changes: [][]change{{{3, 8, 3, 99, "!"}, {9, 0, 9, 0, "tail"}}},
			want: "# 日本語\n\nA 😀 b e\u0301 c.\n🎉🎉 end!\ntail"},
		{name: "a full replacement among ranges", changes: [][]change{{{0, 0, 0, 1, "X"}}, {{-1, 0, 0, 0, "new 😀\n"}}, {{0, 6, 0, 6, "!"}}},
			want: "new 😀!\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := NewServer(io.Discard, Options{Debounce: time.Hour}) // no lint: the text only
			defer s.stop()
			send := func(method string, params any) {
				body, err := json.Marshal(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
				require.NoError(t, err)
				require.False(t, s.handle(body))
			}
			body, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": map[string]any{"rootUri": fileURI(dir)}})
			s.handle(body)
			send("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "markdown", "version": 1, "text": start}})
			for i, msg := range tc.changes {
				var list []any
				for _, c := range msg {
					if c.l1 < 0 {
						list = append(list, map[string]any{"text": c.text})
						continue
					}
					list = append(list, map[string]any{"range": rng(c.l1, c.c1, c.l2, c.c2), "text": c.text})
				}
				send("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": i + 2}, "contentChanges": list})
			}
			s.mu.Lock()
			got := s.docs[uri].text
			s.mu.Unlock()
			assert.Equal(t, tc.want, got)
		})
	}
}

// TestIncrementalDiagnostics: after incremental edits with non-ASCII
// text before a finding, its range is in UTF-16 units on the new text.
func TestIncrementalDiagnostics(t *testing.T) {
	dir := writeProject(t)
	c := startServer(t, -1)
	init := c.request("initialize", map[string]any{"rootUri": fileURI(dir), "capabilities": map[string]any{}})
	sync := init["result"].(map[string]any)["capabilities"].(map[string]any)["textDocumentSync"].(map[string]any)
	require.Equal(t, float64(2), sync["change"], "incremental sync announced")
	uri := fileURI(filepath.Join(dir, "page.md"))
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "markdown", "version": 1, "text": "# Hi\n\nWe use CloudSync.\n"}})
	require.Len(t, c.diagnostics(uri, 1), 1)
	// "😀 日本 " before the variant: 2+1+2+1 = 6 UTF-16 units, 5 runes
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"range": rng(2, 7, 2, 7), "text": "😀 日本 "}}})
	diags := c.diagnostics(uri, 2)
	require.Len(t, diags, 1)
	assert.JSONEq(t, `{"start":{"line":2,"character":13},"end":{"line":2,"character":22}}`, asJSON(diags[0].(map[string]any)["range"]))
	// the variant replaced by the canonical name, by its UTF-16 range: no finding
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 3},
		"contentChanges": []any{map[string]any{"range": rng(2, 13, 2, 22), "text": "Acme CloudSync"}}})
	assert.Empty(t, c.diagnostics(uri, 3))
}
