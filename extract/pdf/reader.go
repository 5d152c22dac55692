package pdf

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"unicode/utf8"

	"github.com/msglint/msglint/extract/internal/pdf"
	"github.com/msglint/msglint/extract/internal/shared"
)

// pdfEncrypted reports whether the file names an /Encrypt dictionary
// (in a trailer or a cross-reference stream).
func pdfEncrypted(src []byte) bool {
	return bytes.Contains(src, []byte("/Encrypt"))
}

// pdfLimitsOf returns opts' limits with the PDF bounds' zero fields set
// to their defaults (shared.LimitsOf handles the others).
func pdfLimitsOf(opts *shared.Options) shared.Limits {
	l := shared.LimitsOf(opts)
	if opts == nil {
		return l
	}
	o, d := opts.Limits, shared.DefaultLimits
	l.MaxPDFPages = cmp.Or(max(o.MaxPDFPages, 0), d.MaxPDFPages)
	l.MaxPDFObjects = cmp.Or(max(o.MaxPDFObjects, 0), d.MaxPDFObjects)
	l.MaxPDFStreamBytes = cmp.Or(max(o.MaxPDFStreamBytes, 0), d.MaxPDFStreamBytes)
	l.MaxPDFInflateBytes = cmp.Or(max(o.MaxPDFInflateBytes, 0), d.MaxPDFInflateBytes)
	l.MaxPDFWork = cmp.Or(max(o.MaxPDFWork, 0), d.MaxPDFWork)
	l.PDFTimeout = cmp.Or(max(o.PDFTimeout, 0), d.PDFTimeout)
	return l
}

func pdfOpen(ctx context.Context, src []byte, lim shared.Limits) (*pdf.Reader, error) {
	return pdf.NewReader(ctx, bytes.NewReader(src), int64(len(src)), pdf.Limits{
		MaxObjects:      lim.MaxPDFObjects,
		MaxStreamBytes:  lim.MaxPDFStreamBytes,
		MaxInflateBytes: lim.MaxPDFInflateBytes,
		MaxWork:         pdfWork(lim, len(src)),
	})
}

// pdfWork is the work budget of a file of size bytes: MaxPDFWork per MB
// started (at least one), so the work may grow with the file but a small
// file cannot amplify into a long run.
func pdfWork(lim shared.Limits, size int) int64 {
	mb := int64(size+(1<<20)-1) >> 20
	if mb < 1 {
		mb = 1
	}
	if lim.MaxPDFWork > math.MaxInt64/mb {
		return math.MaxInt64
	}
	return lim.MaxPDFWork * mb
}

// pdfBoundErr reports whether err is a bound of the reader (a limit, a
// cycle, the deadline) rather than a plain parse error.
func pdfBoundErr(err error) bool {
	var le *pdf.LimitError
	var me *pdf.MalformedError
	return errors.As(err, &le) || errors.As(err, &me) || errors.Is(err, context.Canceled)
}

// pdfError turns a reader error into an InputError: a limit gives
// input/too-large naming the limit and its config key, anything else
// input/unreadable.
func pdfError(err error, lim shared.Limits) error {
	var le *pdf.LimitError
	if !errors.As(err, &le) {
		if errors.Is(err, context.Canceled) {
			return shared.Unreadable("PDF text extraction was cancelled")
		}
		return shared.Unreadable("%s", pdfClip(err.Error()))
	}
	raise := func(key string, v any) error {
		return shared.TooLarge("PDF: %s (limit %v; raise it with limits.%s in the config)", le.Msg, v, key)
	}
	switch le.Limit {
	case "MaxObjects":
		return raise("max_pdf_objects", lim.MaxPDFObjects)
	case "MaxStreamBytes":
		return raise("max_pdf_stream_bytes", pdfBytes(lim.MaxPDFStreamBytes))
	case "MaxInflateBytes":
		return raise("max_pdf_inflate_bytes", pdfBytes(lim.MaxPDFInflateBytes))
	case "MaxWork":
		return raise("max_pdf_work", fmt.Sprintf("%d work units per MB of file", lim.MaxPDFWork))
	case "deadline":
		return shared.Unreadable("PDF text extraction took longer than %v (limit; raise it with limits.pdf_timeout, in seconds, in the config)", lim.PDFTimeout)
	}
	return shared.TooLarge("PDF: %v", le)
}

// pdfClip shortens a reader error for a finding: some quote the object
// they choke on, which a hostile file can make megabytes long.
func pdfClip(s string) string {
	const max = 300
	if len(s) <= max {
		return s
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

// pdfBytes writes a byte count for a message: "33554432 bytes = 32 MB".
func pdfBytes(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d bytes = %d MB", n, n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// pdfGoText extracts the pages of r. It runs in the caller's goroutine:
// the reader checks its bounds and the deadline inside its loops, so a
// hostile file stops early and leaves nothing running.
func pdfGoText(r *pdf.Reader, lim shared.Limits) (pages []pdfPage, err error) {
	defer func() {
		if x := recover(); x != nil {
			pages = nil
			if rerr := r.Err(); rerr != nil {
				err = pdfError(rerr, lim)
			} else {
				err = shared.Unreadable("malformed PDF: %s", pdfClip(fmt.Sprint(x)))
			}
		}
	}()
	n := max(r.NumPage(), 0)
	if n > lim.MaxPDFPages {
		return nil, shared.TooLarge("PDF has %d pages (limit %d; raise it with limits.max_pdf_pages in the config)", n, lim.MaxPDFPages)
	}
	tree := r.Pages(n)
	fonts := pdfFonts{}
	pages = make([]pdfPage, 0, n)
	for i := 0; i < n; i++ {
		var p pdf.Page
		if i < len(tree) {
			p = tree[i]
		}
		pages = append(pages, pdfGoPage(p, fonts))
		if err := r.Err(); err != nil {
			return nil, pdfError(err, lim)
		}
	}
	return pages, nil
}

// pdfMaxGlyphs bounds the glyphs read from one page.
const pdfMaxGlyphs = 1 << 20

// pdfGoPage lays out one page's glyphs; a page the library cannot parse
// is empty.
func pdfGoPage(p pdf.Page, fonts pdfFonts) (pg pdfPage) {
	defer func() {
		if recover() != nil {
			pg = pdfPage{}
		}
	}()
	if p.V.IsNull() {
		return pg
	}
	glyphs := pdfPageGlyphs(p, pdfMaxGlyphs, fonts)
	for _, g := range glyphs {
		if g.type3 && g.s == "" {
			pg.type3++
		}
	}
	pg.lines = pdfLayout(glyphs)
	return pg
}
