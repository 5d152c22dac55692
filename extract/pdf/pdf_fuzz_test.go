package pdf

import (
	"bytes"
	"encoding/ascii85"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/msglint/msglint/extract/internal/extracttest"
	"github.com/msglint/msglint/extract/internal/shared"
)

// pdfShape is the structure FuzzPDFStructure mutates: the sizes and links
// a PDF declares, which the reader must check before trusting.
type pdfShape struct {
	xrefStart, xrefCount, size int64 // xref subsection (or /Index) and /Size
	xrefStream, prevSelf       bool  // xref stream instead of table; /Prev to itself
	filter                     int   // content filter, see pdfShaped
	columns, pageCount         int64 // predictor /Columns; /Count of the page tree
	kids                       int   // copies of the page in /Kids
	cycle                      int   // 1 page tree, 2 /Parent, 3 object streams, 4 /Extends
	content                    []byte
}

// pdfShaped builds a PDF of shape s: catalog 1, page tree 2, page 3,
// content 4, font 5 (object streams 7 and 8 for the cycles).
func pdfShaped(s pdfShape) []byte {
	g := newPDFGen()
	kids := strings.Repeat("3 0 R ", max(0, min(s.kids, 5000)))
	if s.cycle == 1 {
		kids += "2 0 R"
	}
	parent := "2 0 R"
	if s.cycle == 2 {
		parent = "3 0 R"
	}
	g.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	g.obj(2, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids, s.pageCount))
	if s.cycle != 3 {
		g.obj(3, "<< /Type /Page /Parent "+parent+" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>")
	}
	content, dict := s.content, ""
	switch s.filter % 7 {
	case 1:
		content, dict = pdfDeflate(content), "/Filter /FlateDecode"
	case 2:
		content, dict = pdfDeflate(content), fmt.Sprintf("/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns %d >>", s.columns)
	case 3:
		var b bytes.Buffer
		w := ascii85.NewEncoder(&b)
		_, _ = w.Write(content)
		_ = w.Close()
		content, dict = append(b.Bytes(), '~', '>'), "/Filter /ASCII85Decode"
	case 4:
		content, dict = pdfDeflate(pdfDeflate(content)), "/Filter [/FlateDecode /FlateDecode]"
	case 5:
		content, dict = pdfDeflate(content), "/Filter [/FlateDecode /FlateDecode /FlateDecode /FlateDecode /FlateDecode /FlateDecode /FlateDecode /FlateDecode /FlateDecode]"
	case 6:
		dict = "/Filter /LZWDecode"
	}
	g.stream(4, dict, content)
	g.obj(5, pdfGenFont)
	switch s.cycle {
	case 3: // page 3 in stream 7, 7 in 8, 8 in 7
	case 4:
		g.stream(7, "/Type /ObjStm /N 1 /First 4 /Extends 7 0 R", []byte("4 0 null"))
	}
	sub := fmt.Sprintf("%d %d", s.xrefStart, s.xrefCount)
	if !s.xrefStream {
		trailer := "/Root 1 0 R"
		if s.prevSelf {
			trailer += fmt.Sprintf(" /Prev %d", g.b.Len())
		}
		b := g.xrefTable(int(max(0, min(s.size, 10))), sub, trailer)
		return bytes.Replace(b, []byte(fmt.Sprintf("/Size %d ", max(0, min(s.size, 10)))), []byte(fmt.Sprintf("/Size %d ", s.size)), 1)
	}
	e := g.offsets()
	switch s.cycle {
	case 3:
		e[3], e[7], e[8] = pdfXrefEntry{2, 7, 0}, pdfXrefEntry{2, 8, 0}, pdfXrefEntry{2, 7, 1}
	case 4:
		e[3] = pdfXrefEntry{2, 7, 0}
	}
	extra := fmt.Sprintf("/Root 1 0 R /Index [%s]", sub)
	if s.prevSelf {
		extra += fmt.Sprintf(" /Prev %d", g.b.Len())
	}
	b := g.xrefStream(9, e, 10, extra)
	return bytes.Replace(b, []byte("/Size 10 "), []byte(fmt.Sprintf("/Size %d ", s.size)), 1)
}

// pdfShapeSeeds are the fuzz seeds: a valid file and each reproducer's
// shape.
var pdfShapeSeeds = map[string]pdfShape{
	"valid":               {0, 6, 6, false, false, 1, 0, 1, 1, 0, []byte(pdfGenText)},
	"valid-xref-stream":   {0, 10, 10, true, false, 1, 0, 1, 1, 0, []byte(pdfGenText)},
	"xref-huge-range":     {0, 40000000000, 6, false, false, 0, 0, 1, 1, 0, []byte(pdfGenText)},
	"xref-huge-start":     {40000000000, 6, 6, false, false, 0, 0, 1, 1, 0, []byte(pdfGenText)},
	"xref-stream-size":    {0, 10, 10000000000, true, false, 0, 0, 1, 1, 0, []byte(pdfGenText)},
	"xref-stream-index":   {4000000000, 10, 10, true, false, 0, 0, 1, 1, 0, []byte(pdfGenText)},
	"predictor-columns":   {0, 6, 6, false, false, 2, 1000000000000, 1, 1, 0, []byte(pdfGenText)},
	"predictor-negative":  {0, 6, 6, false, false, 2, -5, 1, 1, 0, []byte(pdfGenText)},
	"prev-self":           {0, 6, 6, false, true, 0, 0, 1, 1, 0, []byte(pdfGenText)},
	"prev-self-stream":    {0, 10, 10, true, true, 0, 0, 1, 1, 0, []byte(pdfGenText)},
	"page-tree-cycle":     {0, 6, 6, false, false, 0, 0, 5, 1, 1, []byte(pdfGenText)},
	"parent-cycle":        {0, 6, 6, false, false, 0, 0, 1, 1, 2, []byte(pdfGenText)},
	"objstm-cycle":        {0, 10, 10, true, false, 0, 0, 1, 1, 3, []byte(pdfGenText)},
	"objstm-extends":      {0, 10, 10, true, false, 0, 0, 1, 1, 4, []byte(pdfGenText)},
	"kids-5000":           {0, 6, 6, false, false, 0, 0, 5000, 5000, 0, []byte(pdfGenText)},
	"count-huge":          {0, 6, 6, false, false, 0, 0, 1 << 40, 1, 0, []byte(pdfGenText)},
	"filters-9":           {0, 6, 6, false, false, 5, 0, 1, 1, 0, []byte(pdfGenText)},
	"operands":            {0, 6, 6, false, false, 1, 0, 1, 1, 0, bytes.Repeat([]byte("0 "), 1<<14)},
	"unclosed-array":      {0, 6, 6, false, false, 1, 0, 1, 1, 0, []byte("BT /F1 12 Tf [ (a) 1 (b) <41")},
	"ascii85":             {0, 6, 6, false, false, 3, 0, 1, 1, 0, []byte(pdfGenText)},
	"double-flate":        {0, 6, 6, false, false, 4, 0, 1, 1, 0, []byte(pdfGenText)},
	"q-nesting":           {0, 6, 6, false, false, 0, 0, 1, 1, 0, bytes.Repeat([]byte("q "), 5000)},
	"negative-everything": {-1, -1, -1, false, false, 2, -1, -1, -1, 0, []byte(pdfGenText)},
}

// fuzzPDFOpts are small limits, so that each input runs fast.
var fuzzPDFOpts = &shared.Options{Limits: shared.Limits{MaxFileSize: 1 << 20, MaxPDFStreamBytes: 1 << 20, MaxPDFInflateBytes: 4 << 20,
	MaxPDFWork: 300_000, MaxPDFPages: 1000, MaxPDFObjects: 100_000, PDFTimeout: 5 * time.Second}}

// checkPDFResult fails on what hostile input must never cause: a panic
// that reached guard, or a run that was not bounded.
func checkPDFResult(t *testing.T, err error, took time.Duration) {
	if err != nil && strings.HasPrefix(err.Error(), "internal error") {
		t.Fatalf("recovered panic: %v", err)
	}
	if took > 3*time.Second {
		t.Fatalf("took %v", took)
	}
}

// fuzzPDF runs PDF on src with fuzzPDFOpts in a goroutine, so that a hang
// fails the input (and the fuzzer saves it) instead of stalling the worker.
func fuzzPDF(t *testing.T, src []byte) {
	t.Helper()
	type result struct {
		err  error
		took time.Duration
	}
	ch := make(chan result, 1)
	go func() {
		start := time.Now()
		_, err := Extract("x.pdf", src, fuzzPDFOpts)
		ch <- result{err, time.Since(start)}
	}()
	select {
	case r := <-ch:
		checkPDFResult(t, r.err, r.took)
	case <-time.After(10 * time.Second):
		t.Fatalf("PDF still running after 10 s")
	}
}

// FuzzPDFStructure mutates the declared structure of a PDF (xref ranges
// and /Size, table or stream, /Prev, filters and predictor columns, page
// counts, /Kids, cycles) and its content stream.
func FuzzPDFStructure(f *testing.F) {
	f.Setenv(BackendEnv, BackendGo)
	for _, s := range pdfShapeSeeds {
		f.Add(s.xrefStart, s.xrefCount, s.size, s.xrefStream, s.prevSelf, s.filter, s.columns, s.pageCount, s.kids, s.cycle, s.content)
	}
	f.Fuzz(func(t *testing.T, xrefStart, xrefCount, size int64, xrefStream, prevSelf bool, filter int, columns, pageCount int64, kids, cycle int, content []byte) {
		if len(content) > 1<<16 {
			return
		}
		src := pdfShaped(pdfShape{xrefStart, xrefCount, size, xrefStream, prevSelf, filter, columns, pageCount, kids, cycle, content})
		fuzzPDF(t, src)
	})
}

// TestPDFShapes checks the generator: the valid shapes read, and every
// reproducer's shape gives a finding.
func TestPDFShapes(t *testing.T) {
	t.Setenv(BackendEnv, BackendGo)
	for name, s := range pdfShapeSeeds {
		start := time.Now()
		doc, err := Extract("x.pdf", pdfShaped(s), fuzzPDFOpts)
		checkPDFResult(t, err, time.Since(start))
		switch name {
		case "valid", "valid-xref-stream", "ascii85", "double-flate":
			if assert.NoError(t, err, name) && assert.Len(t, doc.Blocks, 1, name) {
				assert.Equal(t, "Hello from a page", doc.Blocks[0].Text, name)
			}
		case "operands", "unclosed-array", "q-nesting", "count-huge", "kids-5000", "parent-cycle":
			// bounded either way (the page has its own /Resources: its
			// /Parent loop is never followed)
		default:
			assert.Error(t, err, name)
		}
	}
}

// TestWritePDFFuzzCorpus rewrites the checked-in seed corpora of
// FuzzPDFStructure and FuzzExtractPDF from pdfShapeSeeds and the small
// reproducers (UPDATE_FUZZ_CORPUS=1).
func TestWritePDFFuzzCorpus(t *testing.T) {
	if os.Getenv("UPDATE_FUZZ_CORPUS") == "" {
		t.Skip("UPDATE_FUZZ_CORPUS not set")
	}
	write := func(target, name string, args ...string) {
		dir := filepath.Join("testdata", "fuzz", target)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		body := "go test fuzz v1\n" + strings.Join(args, "\n") + "\n"
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, s := range pdfShapeSeeds {
		write("FuzzPDFStructure", name,
			fmt.Sprintf("int64(%d)", s.xrefStart), fmt.Sprintf("int64(%d)", s.xrefCount), fmt.Sprintf("int64(%d)", s.size),
			fmt.Sprintf("bool(%v)", s.xrefStream), fmt.Sprintf("bool(%v)", s.prevSelf), fmt.Sprintf("int(%d)", s.filter),
			fmt.Sprintf("int64(%d)", s.columns), fmt.Sprintf("int64(%d)", s.pageCount), fmt.Sprintf("int(%d)", s.kids),
			fmt.Sprintf("int(%d)", s.cycle), fmt.Sprintf("[]byte(%q)", s.content))
	}
	for _, h := range hostilePDFs {
		src := h.gen()
		if len(src) > 64<<10 {
			continue // the bombs: a small one is below
		}
		write("FuzzExtractPDF", h.name, fmt.Sprintf("[]byte(%q)", src))
	}
	g := newPDFGen()
	pdfGenPage(g, "/Filter /FlateDecode", pdfBomb("0 ", 16))
	write("FuzzExtractPDF", "inflate-bomb-16mb", fmt.Sprintf("[]byte(%q)", g.xrefTable(6, "0 6", "/Root 1 0 R")))
}

func FuzzExtractPDF(f *testing.F) {
	f.Setenv(BackendEnv, BackendGo)
	extracttest.FuzzFixtures(f, "x.pdf", Extract, false)
}
