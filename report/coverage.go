package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/msglint/msglint/rules/coverage"
)

// CoverageFormats lists the report formats.
func CoverageFormats() []string { return []string{"text", "markdown", "html", "json"} }

// RenderCoverage writes the report in a format.
func RenderCoverage(w io.Writer, format string, c *coverage.Model) error {
	switch format {
	case "text":
		return CoverageText(w, c)
	case "markdown", "md":
		return CoverageMarkdown(w, c)
	case "html":
		return CoverageHTML(w, c)
	case "json":
		return CoverageJSON(w, c)
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
