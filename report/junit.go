package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/msglint/msglint/internal/safetext"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/driver"
)

// JUnit XML as Jenkins and GitLab read it: one <testsuite> per checked
// file; a file without findings is one passing test case, and every
// finding is a failing test case named after its rule and position.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// JUnit writes JUnit XML. It carries no timings, so that the output is
// the same from run to run.
func JUnit(w io.Writer, res *driver.Result, meta *Meta) error {
	out := junitSuites{Name: meta.ToolName}
	idx := map[string]int{}
	for _, p := range filePaths(res) {
		idx[p] = len(out.Suites)
		out.Suites = append(out.Suites, junitSuite{Name: meta.show(p)})
	}
	for i := range res.Findings {
		d := &res.Findings[i]
		s := &out.Suites[idx[d.Path]]
		where := whereString(d, meta.show(d.Path))
		var text strings.Builder
		fmt.Fprintf(&text, "%s: %s: %s [%s]\n", where, d.Severity, safetext.Except(d.Message, "\r\n"), d.Rule)
		if d.Match != "" {
			fmt.Fprintf(&text, "match: %s\n", safetext.Except(d.Match, "\r\n"))
		}
		if d.Fix != nil {
			fmt.Fprintf(&text, "fix: %s\n", safetext.Except(d.Fix.Replacement, "\r\n"))
		}
		for _, r := range d.Related {
			fmt.Fprintf(&text, "also: %s\n", relatedString(r, meta.show(r.Path)))
		}
		s.Cases = append(s.Cases, junitCase{
			Name:      d.Rule + " at " + where,
			Classname: meta.ToolName + "." + d.Rule,
			Failure:   &junitFailure{Message: locMessage(d), Type: d.Severity.String(), Text: text.String()},
		})
		s.Failures++
	}
	for i := range out.Suites {
		s := &out.Suites[i]
		if len(s.Cases) == 0 {
			s.Cases = []junitCase{{Name: s.Name, Classname: meta.ToolName}}
		}
		s.Tests = len(s.Cases)
		out.Tests += s.Tests
		out.Failures += s.Failures
	}
	return writeXML(w, out)
}

// whereString is `path:line:col` or `path: slide 4` (path as shown).
func whereString(d *lint.Finding, shown string) string {
	path := safetext.String(shown)
	switch {
	case d.Loc != "":
		return path + ": " + safetext.String(d.Loc)
	case d.Col > 0:
		return fmt.Sprintf("%s:%d:%d", path, d.Line, d.Col)
	}
	return fmt.Sprintf("%s:%d", path, max(d.Line, 1))
}
