package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
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

// BenchmarkKeystrokeCorpus times one edit of a page in a 1,000-file corpus
// to its diagnostics, the debounce included, with the cross-asset rules
// on: the page is judged against the facts of the other 999 files, which
// the workspace index computed once (index.go) rather than each keystroke
// reading the corpus.
//
//	go test -run '^$' -bench KeystrokeCorpus -benchtime 10x -count 3 -cpu 2 ./internal/lsp
func BenchmarkKeystrokeCorpus(b *testing.B) {
	dir := writeProject(b)
	for i := range 1000 {
		var sb strings.Builder
		fmt.Fprintf(&sb, "---\ntitle: Page %d\n---\n\n# Page %d\n\n", i, i)
		for j := range 20 {
			switch j % 5 {
			case 0:
				pct := 40 // one page in a hundred says otherwise (p0000, the one edited, among them)
				if i%100 == 0 {
					pct = 38
				}
				fmt.Fprintf(&sb, "Acme CloudSync cuts sync time by %d%% for teams of %d.\n\n", pct, 5+j)
			case 1:
				fmt.Fprintf(&sb, "Acme Cloud Sync keeps %d devices in step, 日本語 included.\n\n", j)
			default:
				fmt.Fprintf(&sb, "Paragraph %d of page %d: Acme CloudSync keeps your files in step across every device you use.\n\n", j, i)
			}
		}
		sub := filepath.Join(dir, "site", fmt.Sprintf("s%02d", i%20))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("p%04d.md", i)), []byte(sb.String()), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	path := filepath.Join(dir, "site", "s00", "p0000.md")
	src, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	text := string(src)
	c := startServer(b, 0)
	c.request("initialize", map[string]any{"rootUri": fileURI(dir),
		"capabilities": map[string]any{"window": map[string]any{"workDoneProgress": true}}})
	c.notify("initialized", map[string]any{})
	c.waitProgressEnd() // the index is built once, before the keystrokes
	uri := fileURI(path)
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
	if !slices.Contains(codes(c.diagnostics(uri, 1)), "consistency/claim-conflict") {
		b.Fatal("no cross-asset finding in the page")
	}
	b.ResetTimer()
	for i := range b.N {
		v := i + 2
		c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": v},
			"contentChanges": []any{map[string]any{"range": rng(6, 0, 6, 0), "text": "x"}}})
		c.diagnostics(uri, v)
	}
}
