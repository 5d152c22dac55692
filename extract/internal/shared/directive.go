package shared

import (
	"strings"

	"github.com/msglint/msglint/content"
)

// ParseDirective reads a comment body such as " msglint-disable naming/variant "
// (already stripped of <!-- --> or {/* */} delimiters). It returns the
// directive kind (disable, enable, disable-next-line, disable-line) and its rules (none
// = all rules). ok is false when the comment is not a msglint directive.
func ParseDirective(body string) (kind string, rules []string, ok bool) {
	f := strings.Fields(body)
	if len(f) == 0 {
		return "", nil, false
	}
	switch f[0] {
	case "msglint-disable":
		kind = "disable"
	case "msglint-enable":
		kind = "enable"
	case "msglint-disable-next-line":
		kind = "disable-next-line"
	case "msglint-disable-line":
		kind = "disable-line"
	default:
		return "", nil, false
	}
	for _, r := range f[1:] {
		for _, x := range strings.Split(r, ",") {
			if x != "" {
				rules = append(rules, x)
			}
		}
	}
	return kind, rules, true
}

// Directive builds a content.Directive for a comment standing on line.
func Directive(body string, line int) (content.Directive, bool) {
	kind, rules, ok := ParseDirective(body)
	if !ok {
		return content.Directive{}, false
	}
	return content.Directive{Kind: kind, Rules: rules, Line: line}, true
}
