package shared

import (
	"time"

	"github.com/msglint/msglint/content"
)

// Options configure extraction.
type Options struct {
	// FrontMatter lists the front-matter keys that hold prose
	// (default: title, description, summary).
	FrontMatter []string
	// HTMLIgnore lists CSS selectors whose elements are not checked.
	HTMLIgnore []string
	// Limits bound what is read from hostile input.
	Limits Limits
	// Budget is the file's memory and work budget (budget.go), set per
	// file by the caller (NewBudget); nil: none.
	Budget *content.Budget
}

// Limits bound resource use on untrusted input.
type Limits struct {
	MaxFileSize   int64 // bytes; default 50 MB
	MaxZipEntries int   // default 10,000
	MaxZipTotal   int64 // total uncompressed bytes; default 500 MB
	MaxZipRatio   int64 // max compression ratio of one entry; default 1000
	MaxXMLDepth   int   // default 256

	// PDF bounds, for the built-in reader (extract/pdf and
	// extract/internal/pdf); a zero field takes its default from
	// DefaultLimits. See docs/formats.md, "PDF limits". Config keys:
	// limits.max_pdf_pages, max_pdf_objects, max_pdf_stream_bytes,
	// max_pdf_inflate_bytes, max_pdf_work, pdf_timeout (seconds).
	MaxPDFPages        int           // pages read from one PDF; default 10,000
	MaxPDFObjects      int64         // cross-reference entries (/Size, xref ranges); default 1,000,000
	MaxPDFStreamBytes  int64         // decompressed bytes of one stream; default 32 MB
	MaxPDFInflateBytes int64         // decompressed bytes of all streams of one PDF; default 128 MB
	MaxPDFWork         int64         // work units per MB of PDF (tokens, objects, bytes scanned, KB inflated; ~100 ns each); default 2,000,000
	PDFTimeout         time.Duration // wall time per PDF; default 30 s
	// End of PDF bounds.

	// Markup bounds: they keep the work on one file linear in its size
	// (config: limits.max_nesting_depth, limits.max_elements).
	MaxNestingDepth int // Markdown container/inline and HTML element nesting; default 256
	MaxElements     int // HTML elements, or office XML nodes over all parts; default 1,000,000

	// The per-file budget (budget.go; config: limits.max_file_memory,
	// max_work, max_regex_work, file_timeout), for every format, from
	// extraction to the last rule.
	MaxFileMemory int64         // bytes charged beyond the file's own size; default 64 MB
	MaxWork       int64         // work units per MB of file (at least one MB); default 200,000,000
	MaxRegexWork  int64         // pattern instructions × bytes matched, per MB of file; default 1,000,000,000
	FileTimeout   time.Duration // wall time per file; default 60 s
}

// DefaultLimits are the documented defaults (docs/config.md, "limits").
var DefaultLimits = Limits{
	MaxFileSize:   50 << 20,
	MaxZipEntries: 10000,
	MaxZipTotal:   500 << 20,
	MaxZipRatio:   1000,
	MaxXMLDepth:   256,

	// PDF bounds
	MaxPDFPages:        10_000,
	MaxPDFObjects:      1_000_000,
	MaxPDFStreamBytes:  32 << 20,
	MaxPDFInflateBytes: 128 << 20,
	MaxPDFWork:         2_000_000,
	PDFTimeout:         30 * time.Second,

	MaxNestingDepth: 256,
	MaxElements:     1_000_000,

	MaxFileMemory: 64 << 20,
	MaxWork:       200_000_000,
	MaxRegexWork:  1_000_000_000,
	FileTimeout:   60 * time.Second,
}

// DefaultFrontMatter are the prose front-matter keys by default.
var DefaultFrontMatter = []string{"title", "description", "summary"}

// Func extracts a document from a file's bytes. path is the relative,
// slash-separated path recorded in the document. An error that is not a
// *content.InputError is reported as input/unreadable.
type Func func(path string, src []byte, opts *Options) (*content.Document, error)

// setPositive sets *dst to v when v is set (above zero).
func setPositive[T int | int64 | time.Duration](dst *T, v T) {
	if v > 0 {
		*dst = v
	}
}

// LimitsOf returns the limits of opts with every zero field (other than
// the PDF bounds, see extract/pdf) set to its default.
func LimitsOf(opts *Options) Limits {
	l := DefaultLimits
	if opts == nil {
		return l
	}
	o := opts.Limits
	setPositive(&l.MaxFileSize, o.MaxFileSize)
	setPositive(&l.MaxZipEntries, o.MaxZipEntries)
	setPositive(&l.MaxZipTotal, o.MaxZipTotal)
	setPositive(&l.MaxZipRatio, o.MaxZipRatio)
	setPositive(&l.MaxXMLDepth, o.MaxXMLDepth)
	setPositive(&l.MaxNestingDepth, o.MaxNestingDepth)
	setPositive(&l.MaxElements, o.MaxElements)
	setPositive(&l.MaxFileMemory, o.MaxFileMemory)
	setPositive(&l.MaxWork, o.MaxWork)
	setPositive(&l.MaxRegexWork, o.MaxRegexWork)
	setPositive(&l.FileTimeout, o.FileTimeout)
	return l
}
