package glossary

import (
	"fmt"
	"strings"
)

// Columns maps a sheet's header (folded by headerKey) to a column role:
// "name", "variants", "deprecated", "note" or "kind".
type Columns map[string]string

// roles are the names --columns accepts for each role.
var roles = map[string]string{
	"term": "name", "name": "name",
	"variants": "variants", "variant": "variants",
	"avoid": "deprecated", "deprecated": "deprecated",
	"note": "note", "notes": "note",
	"kind": "kind", "type": "kind",
}

// ParseColumns reads a --columns mapping: "HEADER=ROLE" pairs separated by
// commas, ROLE one of term, variants, avoid (or deprecated), note, kind;
// `skip` leaves a header a known name would otherwise take. Errors name
// the pair by its position (1-based) in the list.
func ParseColumns(s string) (Columns, error) {
	cols := Columns{}
	for i, pair := range strings.Split(s, ",") {
		if strings.TrimSpace(pair) == "" {
			continue
		}
		h, role, ok := strings.Cut(pair, "=")
		h, role = headerKey(h), strings.ToLower(strings.TrimSpace(role))
		if !ok || h == "" {
			return nil, fmt.Errorf("--columns: pair %d (%q) is not HEADER=ROLE", i+1, strings.TrimSpace(pair))
		}
		if role == "skip" {
			cols[h] = "skip"
			continue
		}
		r, known := roles[role]
		if !known {
			return nil, fmt.Errorf("--columns: pair %d (%q): role %q is none of term, variants, avoid, note, kind, skip", i+1, strings.TrimSpace(pair), role)
		}
		cols[h] = r
	}
	return cols, nil
}
