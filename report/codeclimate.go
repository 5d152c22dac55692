package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/driver"
)

// Code Climate JSON as GitLab's code quality report reads it: an array of
// issues with description, check_name, fingerprint, severity and a
// location (path and begin line). Fingerprints are the SARIF ones (rule,
// path, match and context, plus an occurrence count), so an issue keeps
// its identity when lines move.

type codeClimateIssue struct {
	Type        string              `json:"type"`
	CheckName   string              `json:"check_name"`
	Description string              `json:"description"`
	Categories  []string            `json:"categories"`
	Severity    string              `json:"severity"`
	Fingerprint string              `json:"fingerprint"`
	Location    codeClimateLocation `json:"location"`
}

type codeClimateLocation struct {
	Path  string           `json:"path"`
	Lines codeClimateLines `json:"lines"`
}

type codeClimateLines struct {
	Begin int `json:"begin"`
	End   int `json:"end,omitempty"`
}

// CodeClimate writes a GitLab code quality report.
func CodeClimate(w io.Writer, res *driver.Result, meta *Meta) error {
	out := []codeClimateIssue{}
	seen := map[string]int{}
	for i := range res.Findings {
		d := &res.Findings[i]
		key := Fingerprint(d)
		seen[key]++
		line := max(d.Line, 1)
		issue := codeClimateIssue{
			Type: "issue", CheckName: d.Rule, Description: locMessage(d), Categories: []string{"Style"},
			Severity:    codeClimateSeverity(d.Severity),
			Fingerprint: fmt.Sprintf("%s:%d", key, seen[key]),
			Location:    codeClimateLocation{Path: meta.show(d.Path), Lines: codeClimateLines{Begin: line}},
		}
		if d.EndLine > line {
			issue.Location.Lines.End = d.EndLine
		}
		out = append(out, issue)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func codeClimateSeverity(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "major"
	case lint.Warning:
		return "minor"
	}
	return "info"
}
