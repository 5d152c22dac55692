package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/rules/coverage"
)

// CoverageFormats lists the report formats.
func CoverageFormats() []string { return []string{"text", "markdown", "html", "json"} }

// CoverageMeta is what the HTML page says besides the model: when and
// how it was made (docs/report.md). Every field may be empty.
type CoverageMeta struct {
	Date    string   // the run's date, YYYY-MM-DD (--today, else now)
	Version string   // msglint's version
	Config  string   // the config file, as the working folder sees it ("" none)
	Commit  string   // the git commit checked out ("" outside git)
	Options []string // the flags and PATHs given, in order

	// Findings are the run's findings, with paths as the assets show
	// them; the page lists each asset's, and those on no asset apart;
	// the JSON lists them all.
	Findings []lint.Finding
	// Links maps a shown path to its link (relative to the page, or
	// under --link-base); a path with none is not linked.
	Links map[string]string
	// LineAnchors: the links are repository pages, where a finding links
	// to #L<line>; PlainParam adds ?plain=1 first (GitHub, whose
	// rendered Markdown has no line anchors).
	LineAnchors, PlainParam bool
	// Compare is what changed since an earlier report (--compare), or nil.
	Compare *CoverageDiff
}

// RenderCoverage writes the report in a format.
func RenderCoverage(w io.Writer, format string, c *coverage.Model) error {
	return RenderCoverageMeta(w, format, c, nil)
}

// RenderCoverageMeta writes the report in a format; meta (may be nil) is
// shown by the HTML page, and its findings by the JSON too.
func RenderCoverageMeta(w io.Writer, format string, c *coverage.Model, meta *CoverageMeta) error {
	if meta == nil {
		meta = &CoverageMeta{}
	}
	switch format {
	case "text":
		return CoverageText(w, c)
	case "markdown", "md":
		return CoverageMarkdown(w, c)
	case "html":
		return CoverageHTMLMeta(w, c, meta)
	case "json":
		return CoverageJSONFindings(w, c, meta.Findings)
	}
	return fmt.Errorf("unknown report format %q (want %s)", format, strings.Join(CoverageFormats(), ", "))
}

// nonEmpty reports whether a team -> items map has any item.
func nonEmpty(m map[string][]string) bool {
	for _, v := range m {
		if len(v) > 0 {
			return true
		}
	}
	return false
}

// count is "N things".
func count(n int, word string) string { return plural(n, word) }
