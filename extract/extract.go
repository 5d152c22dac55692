// Package extract turns files into content.Documents: one extractor per
// format, chosen by extension from one map (the registry below). The
// extractors live in packages by kind: extract/markup (Markdown, MDX,
// HTML, plain text), extract/office (PPTX, DOCX, ODP, ODT) and extract/pdf;
// what they share is in extract/internal/shared, of which Options, Limits,
// Func, the defaults and RaiseHint are re-exported here for the callers.
package extract

import (
	"path/filepath"
	"strings"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract/internal/shared"
	"github.com/msglint/msglint/extract/markup"
	"github.com/msglint/msglint/extract/office"
	"github.com/msglint/msglint/extract/pdf"
)

// Options configure extraction (see shared.Options).
type Options = shared.Options

// Limits bound resource use on untrusted input (see shared.Limits).
type Limits = shared.Limits

// Func extracts a document from a file's bytes (see shared.Func).
type Func = shared.Func

// DefaultLimits are the documented defaults (docs/config.md, "limits").
var DefaultLimits = shared.DefaultLimits

// DefaultFrontMatter are the prose front-matter keys by default.
var DefaultFrontMatter = shared.DefaultFrontMatter

// RaiseHint tells how to raise a limit named by its config key:
// "to check it anyway, raise limits.max_elements: 1000000 in msglint.yaml".
func RaiseHint(key string, v int64) string { return shared.RaiseHint(key, v) }

// NewBudget starts the budget of a file of size bytes under l (see
// shared.NewBudget): set it in a copy of the Options for that one file.
func NewBudget(l Limits, size int) *content.Budget { return shared.NewBudget(l, size) }

// registry maps a lower-case extension to its format and extractor.
var registry = map[string]struct {
	format string
	fn     Func
}{
	".md":       {content.FormatMarkdown, markup.Markdown},
	".markdown": {content.FormatMarkdown, markup.Markdown},
	".mdx":      {content.FormatMDX, markup.MDX},
	".html":     {content.FormatHTML, markup.HTML},
	".htm":      {content.FormatHTML, markup.HTML},
	".txt":      {content.FormatText, markup.Text},
	".pptx":     {content.FormatPPTX, office.PPTX},
	".docx":     {content.FormatDOCX, office.DOCX},
	".odp":      {content.FormatODP, office.ODP},
	".odt":      {content.FormatODT, office.ODT},
	".pdf":      {content.FormatPDF, pdf.Extract},
}

// For returns the extractor and format for a path, by extension.
func For(path string) (fn Func, format string, ok bool) {
	e, ok := registry[strings.ToLower(filepath.Ext(path))]
	return e.fn, e.format, ok
}

// Known reports whether msglint can read files with this path's extension.
func Known(path string) bool {
	_, _, ok := For(path)
	return ok
}

// TextFormat reports whether a format keeps source positions (and can be fixed).
func TextFormat(format string) bool {
	switch format {
	case content.FormatMarkdown, content.FormatMDX, content.FormatHTML, content.FormatText:
		return true
	}
	return false
}
