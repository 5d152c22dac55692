package lsp

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// BenchmarkKeystroke times one edit of a 3,000-line Markdown buffer (300
// findings) to its diagnostics, the debounce delay included (DefaultDebounce, 100 ms):
// the latency a writer sees after the last keystroke.
//
//	go test -run '^$' -bench Keystroke -cpu 2 ./internal/lsp
func BenchmarkKeystroke(b *testing.B) {
	benchEdits(b, 0)
}

// BenchmarkKeystrokeLint is the same without the debounce delay: the lint.
func BenchmarkKeystrokeLint(b *testing.B) {
	benchEdits(b, -1)
}

func benchEdits(b *testing.B, debounce int) {
	dir := writeProject(b)
	c := startServer(b, time.Duration(debounce))
	c.request("initialize", map[string]any{"rootUri": fileURI(dir), "capabilities": map[string]any{}})
	var sb strings.Builder
	for i := range 3000 {
		switch i % 10 {
		case 0:
			fmt.Fprintf(&sb, "## Section %d\n", i)
		case 9:
			sb.WriteString("\n")
		case 1:
			fmt.Fprintf(&sb, "Line %d: CloudSync is a variant, 日本語 and 😀 too.\n", i)
		default:
			fmt.Fprintf(&sb, "Line %d: Acme CloudSync keeps your files in step across every device you use.\n", i)
		}
	}
	text := sb.String()
	uri := fileURI(filepath.Join(dir, "long.md"))
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
	c.diagnostics(uri, 1)
	b.ResetTimer()
	for i := range b.N {
		v := i + 2
		text = text + "x"
		c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": v},
			"contentChanges": []any{map[string]any{"text": text}}})
		c.diagnostics(uri, v)
	}
}
