package report

import (
	"encoding/xml"
	"io"
	"sort"

	"github.com/msglint/msglint/internal/safetext"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/driver"
	"github.com/msglint/msglint/rules/funnel"
)

// Checkstyle XML, as Jenkins (warnings-ng), GitLab and reviewdog read it:
// one <file> per checked file, one <error> per finding. Office findings
// are on line 1 with their location in the message.

type checkstyleXML struct {
	XMLName xml.Name         `xml:"checkstyle"`
	Version string           `xml:"version,attr"`
	Files   []checkstyleFile `xml:"file"`
}

type checkstyleFile struct {
	Name   string            `xml:"name,attr"`
	Errors []checkstyleError `xml:"error"`
}

type checkstyleError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

// Checkstyle writes checkstyle XML (format version 4.3).
func Checkstyle(w io.Writer, res *driver.Result, meta *Meta) error {
	out := checkstyleXML{Version: "4.3"}
	byPath := map[string]*checkstyleFile{}
	paths := filePaths(res)
	for _, p := range paths {
		out.Files = append(out.Files, checkstyleFile{Name: meta.show(p)})
	}
	for i := range out.Files {
		byPath[paths[i]] = &out.Files[i]
	}
	for i := range res.Findings {
		d := &res.Findings[i]
		e := checkstyleError{Line: max(d.Line, 1), Severity: d.Severity.String(),
			Message: locMessage(d), Source: meta.ToolName + "." + d.Rule}
		if d.Loc == "" {
			e.Column = d.Col
		}
		f := byPath[d.Path]
		f.Errors = append(f.Errors, e)
	}
	return writeXML(w, out)
}

// filePaths lists every checked file and every path a finding is on, sorted.
func filePaths(res *driver.Result) []string {
	seen := map[string]bool{}
	var out []string
	for _, a := range funnel.AssetsOf(res.Analyses) {
		if !seen[a.Path] {
			seen[a.Path] = true
			out = append(out, a.Path)
		}
	}
	for i := range res.Findings {
		if p := res.Findings[i].Path; !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// locMessage is the message with an office location in front, its
// control characters but CR and LF (which XML and JSON encode) escaped
// (safetext): XML viewers and CI logs show it.
func locMessage(d *lint.Finding) string {
	if d.Loc != "" {
		return safetext.Except(d.Loc+": "+d.Message, "\r\n")
	}
	return safetext.Except(d.Message, "\r\n")
}

func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
