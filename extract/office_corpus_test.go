package extract

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/msglint/msglint/extract/internal/shared"
	"github.com/msglint/msglint/extract/pdf"
)

// corpusDir holds real decks, documents and PDFs (not in the repository:
// licenses). MSGLINT_OFFICE_CORPUS overrides it.
func corpusDir() string {
	if d := os.Getenv("MSGLINT_OFFICE_CORPUS"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "shared", "corpora", "sales-enablement-files")
}

// TestOfficeCorpus extracts every office and PDF file of the corpus: no
// crash, no hang, no error, and reports throughput. With
// MSGLINT_OFFICE_CORPUS_DUMP=DIR it writes each file's block dump there
// for a spot check.
func TestOfficeCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	dir := corpusDir()
	if _, err := os.Stat(dir); err != nil {
		t.Skip("corpus not present:", dir)
	}
	if os.Getenv(pdf.BackendEnv) == "" {
		t.Setenv(pdf.BackendEnv, pdf.BackendGo)
	}
	dump := os.Getenv("MSGLINT_OFFICE_CORPUS_DUMP")
	var files []string
	var size int64
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			switch strings.ToLower(filepath.Ext(p)) {
			case ".pptx", ".docx", ".odp", ".odt", ".pdf":
				files = append(files, p)
			}
		}
		return nil
	})
	start := time.Now()
	blocks := 0
	for _, p := range files {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		size += int64(len(src))
		fn, _, _ := For(p)
		t0 := time.Now()
		doc, err := fn(p, src, nil)
		el := time.Since(t0)
		if !assert.NoError(t, err, p) {
			continue
		}
		blocks += len(doc.Blocks)
		assert.True(t, len(doc.Blocks) > 0 || len(doc.Notes) > 0, "%s: no text and no note saying why", p)
		for _, n := range doc.Notes {
			t.Logf("%s: note %s: %s", p, n.Rule, n.Message)
		}
		t.Logf("%6.1f ms %5d blocks %s", float64(el.Microseconds())/1000, len(doc.Blocks), p)
		if dump != "" {
			name := strings.ReplaceAll(strings.TrimPrefix(p, dir+"/"), "/", "__") + ".txt"
			_ = os.WriteFile(filepath.Join(dump, name), []byte(shared.Dump(doc)), 0o644)
		}
	}
	el := time.Since(start).Seconds()
	t.Logf("%d files, %.1f MB, %d blocks in %.2fs: %.1f MB/s, %.1f files/s",
		len(files), float64(size)/1e6, blocks, el, float64(size)/1e6/el, float64(len(files))/el)
}
