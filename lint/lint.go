// Package lint is msglint's rule API, in the manner of go/analysis: a Rule
// is a documented value with a Run over one document and a Finish over the
// facts of all; a Pass gives a rule the document and its shared work; rules
// report Findings. The driver that runs rules lives in package project.
package lint

import (
	"fmt"
	"strings"
)

// Severity of a finding. Severity is policy: rules declare a default, the
// config and overrides change it, and the driver applies it.
type Severity int

// Severities, in increasing order.
const (
	Off Severity = iota
	Info
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "off"
}

// ParseSeverity parses error|warning|info|off.
func ParseSeverity(s string) (Severity, error) {
	switch s {
	case "error":
		return Error, nil
	case "warning":
		return Warning, nil
	case "info":
		return Info, nil
	case "off":
		return Off, nil
	}
	return Off, fmt.Errorf("unknown severity %q (want error, warning, info or off)", s)
}

// Selects reports whether sel (an id or a family) selects rule id.
func Selects(sel, id string) bool {
	sel = strings.TrimSuffix(sel, "/")
	return sel == id || strings.HasPrefix(id, sel+"/")
}
