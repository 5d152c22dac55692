package pdf_test

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/extract/pdf"
	"github.com/msglint/msglint/internal/cli"
)

// TestPDFHostileCLI runs check, report and init over a folder holding one
// hostile PDF and a Markdown file with a known finding: the PDF gets its
// finding, the Markdown file's finding is still there, check exits 1 (not
// 2), and report and init finish normally, with a bounded heap.
func TestPDFHostileCLI(t *testing.T) {
	t.Setenv("MSGLINT_PDF_BACKEND", "go")
	cfg := "version: 1\nrules: {coverage: off, funnel: off, claims: off, consistency: off}\nterms:\n  - name: Acme CloudSync\n    kind: product\n    variants: [CloudSync]\n"
	for _, h := range pdf.HostilePDFs() {
		t.Run(h.Name, func(t *testing.T) {
			dir := t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(dir, "msglint.yaml"), []byte(cfg), 0o644))
			require.NoError(t, os.WriteFile(filepath.Join(dir, "good.md"), []byte("Try CloudSync today.\n"), 0o644))
			require.NoError(t, os.WriteFile(filepath.Join(dir, "hostile.pdf"), h.Gen(), 0o644))
			run := func(args ...string) (int, string, uint64) {
				var stdout, stderr bytes.Buffer
				app := &cli.App{Stdout: &stdout, Stderr: &stderr, Stdin: bytes.NewReader(nil), Cwd: dir,
					Getenv: func(string) string { return "" }, IsTerminal: func(io.Writer) bool { return false }, Now: time.Now}
				code := 0
				heap := pdf.PeakHeap(t, func() { code = app.Run(args) })
				assert.Less(t, heap, uint64(pdf.HostileHeapBound), "%v: peak heap", args)
				assert.Empty(t, stderr.String(), "%v", args)
				return code, stdout.String(), heap
			}

			code, out, heap := run("check", "--format", "json", ".")
			t.Logf("check: exit %d, peak heap %d KB", code, heap>>10)
			assert.Equal(t, 1, code)
			var res struct {
				Findings []struct{ Rule, Path, Message string }
			}
			require.NoError(t, json.Unmarshal([]byte(out), &res), out)
			got := map[string]string{}
			for _, f := range res.Findings {
				got[f.Path] = f.Rule
				if f.Path == "hostile.pdf" {
					assert.Contains(t, f.Message, h.Want)
				}
			}
			assert.Equal(t, map[string]string{"good.md": "naming/variant", "hostile.pdf": h.Rule}, got)

			code, out, _ = run("report", "--format", "json", ".")
			assert.Equal(t, 0, code)
			assert.Contains(t, out, `"path": "good.md"`)
			assert.Contains(t, out, `"path": "hostile.pdf"`)

			code, out, _ = run("init", "-o", "-", ".")
			assert.Equal(t, 0, code)
			assert.Contains(t, out, "Written by `msglint init` from 2 files")
		})
	}
}
