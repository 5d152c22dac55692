package glossary

import (
	"fmt"
	"regexp"
	"strings"
)

// mdCells reads the cells of a Markdown glossary table, written for
// people: "admin or site admin", `"regexp" or "regular expressions"`,
// `OS X, OSX, MacOS`, a usage note in parentheses after a form.
type mdCells struct{}

// orRe is the word "or" between two entries (or before the last one,
// after a comma).
var orRe = regexp.MustCompile(`(?:^|\s)or(?:\s|$)`)

// name reads the term cell: its first entry is the term, other entries
// ("admin or site admin", one per line) are other approved names. Commas
// do not separate names here (a company name may have one).
func (mdCells) name(cell string) (string, []string, string) {
	items, bad := entries(cell, ";\n")
	if len(bad) > 0 {
		return "", nil, fmt.Sprintf("the term %q is not a plain name (it has parentheses or brackets): add it by hand", clean(cell))
	}
	if len(items) == 0 {
		return "", nil, "a row with no term"
	}
	var more []string
	for _, it := range items[1:] {
		if it != items[0] {
			more = appendNew(more, it)
		}
	}
	return items[0], more, ""
}

// list splits a variants or avoid cell on `,`, `;`, line breaks and
// "or" (not on an escaped pipe, \|, which code spans use).
func (mdCells) list(cell, term string) ([]string, []string) {
	items, bad := entries(cell, ",;\n")
	var out []string
	for _, it := range items {
		if it != term {
			out = appendNew(out, it)
		}
	}
	return out, bad
}

// entries splits a cell on seps and the word "or", drops the quotes
// around each entry and a usage note in parentheses after it ("setup
// (noun)"). An entry that still has brackets is returned in bad.
func entries(cell, seps string) (items, bad []string) {
	for _, part := range strings.FieldsFunc(cell, func(r rune) bool { return strings.ContainsRune(seps, r) }) {
		for _, it := range orRe.Split(part, -1) {
			it = strings.Trim(clean(it), "\"'“”‘’` ")
			if i := strings.LastIndexByte(it, '('); i > 0 && strings.HasSuffix(it, ")") {
				it = strings.Trim(clean(it[:i]), "\"'“”‘’` ")
			}
			switch {
			case it == "":
			case strings.ContainsAny(it, "()[]{}"):
				bad = append(bad, it)
			default:
				items = append(items, it)
			}
		}
	}
	return items, bad
}
