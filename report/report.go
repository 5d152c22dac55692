// Package report renders lint results: one Reporter per output format for
// `msglint check`, and the coverage report renderers for `msglint report`.
// Reporters never compute findings.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/driver"
)

// Meta is what a reporter knows besides the result.
type Meta struct {
	ToolName    string
	ToolVersion string
	// Rules are every known rule (for SARIF rule metadata).
	Rules []*lint.Rule
	// Color enables ANSI colours (text format only).
	Color bool
	// ShowTime adds the elapsed time to the text summary (off in tests).
	ShowTime bool
	// Root is the absolute folder paths are relative to (the config's
	// folder); SARIF's %SRCROOT% when Paths is nil.
	Root string
	// Paths maps the run's config-relative paths to those each format
	// shows (paths.go); nil shows them as they are.
	Paths *Paths
	// NoSummary leaves out the text format's closing summary line
	// (--quiet): with no finding, nothing is written.
	NoSummary bool
}

// Reporter writes a result in one format.
type Reporter interface {
	Report(w io.Writer, res *driver.Result, meta *Meta) error
}

// ReporterFunc adapts a function to Reporter.
type ReporterFunc func(w io.Writer, res *driver.Result, meta *Meta) error

// Report calls f.
func (f ReporterFunc) Report(w io.Writer, res *driver.Result, meta *Meta) error {
	return f(w, res, meta)
}

// formats is the one list of check output formats.
var formats = map[string]Reporter{
	"text":        ReporterFunc(Text),
	"json":        ReporterFunc(JSON),
	"sarif":       ReporterFunc(SARIF),
	"github":      ReporterFunc(GitHub),
	"rdjson":      ReporterFunc(RDJSON),
	"checkstyle":  ReporterFunc(Checkstyle),
	"junit":       ReporterFunc(JUnit),
	"codeclimate": ReporterFunc(CodeClimate),
}

// Get returns the reporter for a format name.
func Get(name string) (Reporter, error) {
	r, ok := formats[name]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (want %s)", name, strings.Join(Formats(), ", "))
	}
	return r, nil
}

// ShowsLines reports whether the format prints or measures the findings'
// source lines (lint.Site.LineText): text (the excerpt under a finding)
// and rdjson (byte columns). For the others the run reads no file again
// for them (project.Options.NoLineText).
func ShowsLines(name string) bool { return name == "text" || name == "rdjson" }

// Streams reports whether the format reads a streamed result's findings
// as they are decoded (driver.Result.EachBatch), never all at once:
// json. The others need them all (counts before the findings, a file's
// findings grouped) and read a materialized result.
func Streams(name string) bool { return name == "json" }

// Formats lists the check output formats.
func Formats() []string {
	var out []string
	for k := range formats {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func roundDuration(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return d.String()
	case d < time.Second:
		return d.Round(time.Millisecond).String()
	}
	return d.Round(10 * time.Millisecond).String()
}
