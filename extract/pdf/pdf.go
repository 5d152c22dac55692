// Package pdf extracts the text of PDF files, one block a page, with the
// built-in reader (extract/internal/pdf, a bounded fork of
// github.com/ledongthuc/pdf's parser) or poppler's pdftotext. Extract and
// the backends are in pdf.go; the bounded use of the reader in reader.go;
// each page's glyphs, fonts and ToUnicode maps in glyphs.go and cmap.go;
// glyphs to lines, words and a quality verdict in layout.go.
package pdf

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract/internal/pdf"
	"github.com/msglint/msglint/extract/internal/shared"
)

// PDF backends. The environment variable MSGLINT_PDF_BACKEND chooses one:
// empty or "go" (the default: built-in, on github.com/ledongthuc/pdf's
// parser, so every machine gives the same text), "pdftotext" (poppler, must
// be on PATH) or "auto" (pdftotext when found on PATH, else go). The backend
// used is recorded in Document.Meta["backend"] and in the asset.
const (
	BackendGo        = "go"
	BackendPdftotext = "pdftotext"
	BackendEnv       = "MSGLINT_PDF_BACKEND"
)

// Extract extracts the text of each page as one block (ScopePage, "page N"),
// lines joined by "\n", words spaced from glyph positions and end-of-line
// hyphenation joined ("reli-" + "able" = "reliable"). Blocks have no Segs.
//
// Findings it can cause (as errors or Notes; Document.Meta["backend"]
// names the backend used):
//   - encrypted and not readable with an empty password: InputError
//     input/unreadable "encrypted Extract";
//   - no text on any page (scanned or image-only): a Note of
//     input/unreadable, since nothing in the file could be checked;
//   - pages whose text looks garbled (under half letters, digits or
//     punctuation) are dropped, and a Note of input/encoding names them;
//     words run together, or Type 3 glyphs without a Unicode map (left
//     out), give an input/encoding Note too, with the text kept. With the
//     built-in backend the notes suggest installing poppler-utils.
//
// Hostile input: the built-in reader checks every size the file declares
// before allocating from it, detects cycles, and counts its work, bytes
// inflated and wall time against the Extract bounds of Limits (see pdfLimitsOf);
// going over one gives input/too-large naming the limit, a structure no
// valid file has gives input/unreadable. Work stops when a bound is hit:
// nothing is left running.
func Extract(path string, src []byte, opts *shared.Options) (doc *content.Document, err error) {
	defer shared.Guard(&doc, &err)
	lim := pdfLimitsOf(opts)
	if int64(len(src)) > lim.MaxFileSize {
		return nil, shared.TooLarge("file is %d bytes (limit %d)", len(src), lim.MaxFileSize)
	}
	backend := os.Getenv(BackendEnv)
	switch backend {
	case "":
		backend = BackendGo
	case "auto":
		backend = BackendGo
		if _, err := exec.LookPath("pdftotext"); err == nil {
			backend = BackendPdftotext
		}
	case BackendGo, BackendPdftotext:
	default:
		return nil, fmt.Errorf("%s=%q: want go, pdftotext or auto", BackendEnv, backend)
	}
	ctx, cancel := context.WithTimeout(context.Background(), lim.PDFTimeout)
	defer cancel()
	var r *pdf.Reader
	if encrypted := pdfEncrypted(src); encrypted || backend == BackendGo {
		r, err = pdfOpen(ctx, src, lim)
		if err != nil {
			if encrypted && !pdfBoundErr(err) {
				// not readable with the empty user password
				return nil, shared.Unreadable("encrypted PDF: cannot read its text without the password")
			}
			return nil, pdfError(err, lim)
		}
	}
	var pages []pdfPage
	if backend == BackendPdftotext {
		pages, err = pdftotext(ctx, src, lim.PDFTimeout)
	} else {
		pages, err = pdfGoText(r, lim)
	}
	if err != nil {
		return nil, err
	}
	doc = &content.Document{Path: path, Format: content.FormatPDF, Meta: map[string]any{"backend": backend}}
	var garbled, glued, type3 []int
	budget := shared.BudgetOf(opts)
	for i, pg := range pages {
		n := i + 1
		budget.Step(1)
		if pg.type3 > 0 {
			type3 = append(type3, n)
		}
		text := pdfJoinLines(pg.lines)
		if text == "" {
			continue
		}
		switch pdfQuality(text) {
		case pdfGarbled:
			garbled = append(garbled, n)
			continue
		case pdfGlued:
			glued = append(glued, n)
		}
		budget.Alloc(len(text))
		doc.Blocks = append(doc.Blocks, content.Block{Scope: content.ScopePage, Text: text, Loc: fmt.Sprintf("page %d", n)})
	}
	hint := ""
	if backend == BackendGo {
		hint = "; installing poppler-utils (pdftotext) may give better text"
	}
	note := func(rule, msg string) {
		doc.Notes = append(doc.Notes, content.Note{Rule: rule, Message: msg, Offset: -1})
	}
	switch {
	case len(doc.Blocks) == 0 && len(garbled) == 0 && len(type3) == 0:
		note(content.RuleUnreadable, fmt.Sprintf("PDF has no text on any of its %d pages (scanned or image-only?): nothing was checked", len(pages)))
	case len(garbled) > 0:
		note(content.RuleEncoding, fmt.Sprintf("PDF text looks garbled on %s (fonts without a usable encoding); those pages were not checked%s", pageList(garbled), hint))
	}
	if len(glued) > 0 {
		note(content.RuleEncoding, fmt.Sprintf("PDF words look run together on %s; names and claims there may be missed%s", pageList(glued), hint))
	}
	if len(type3) > 0 {
		note(content.RuleEncoding, fmt.Sprintf("PDF text in Type 3 fonts without a Unicode map was left out on %s%s", pageList(type3), hint))
	}
	return doc, nil
}

func pageList(ns []int) string {
	var b strings.Builder
	if len(ns) == 1 {
		b.WriteString("page ")
	} else {
		b.WriteString("pages ")
	}
	for i := 0; i < len(ns); i++ {
		j := i
		for j+1 < len(ns) && ns[j+1] == ns[j]+1 {
			j++
		}
		if b.Len() > 6 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(ns[i]))
		if j > i {
			b.WriteString("-" + strconv.Itoa(ns[j]))
		}
		i = j
	}
	return b.String()
}

type pdfPage struct {
	lines []string
	// type3 counts glyphs of Type 3 fonts that could not be decoded
	// (no ToUnicode map); they are left out.
	type3 int
}
