package glossary

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// ExportFormats are the formats Export writes.
var ExportFormats = []string{"csv", "vale", "prh", "json"}

// Export writes terms in a format the readers of this package read back
// (json aside, which is for other tools):
//
//   - csv: a header row Term,Variants,Avoid,Note,Kind, a term a row, lists
//     separated by "; ";
//   - vale: a substitution rule (extends: substitution) whose swap: maps
//     each variant and deprecated form to its term (Vale has no "renamed"),
//     and the terms with no other form in a comment, for accept.txt;
//   - prh: rules with expected (the term) and patterns (its other forms);
//   - json: an array of {name, kind, variants, deprecated, note}.
func Export(w io.Writer, format string, terms []Term) error {
	switch format {
	case "csv":
		cw := csv.NewWriter(w)
		_ = cw.Write([]string{"Term", "Variants", "Avoid", "Note", "Kind"})
		for _, t := range terms {
			_ = cw.Write([]string{t.Name, strings.Join(t.Variants, "; "), strings.Join(t.Deprecated, "; "), t.Note, t.Kind})
		}
		cw.Flush()
		return cw.Error()
	case "vale":
		var b strings.Builder
		b.WriteString("# Written by `msglint glossary export --format vale`: save it as a rule of\n")
		b.WriteString("# your style (styles/Acme/Terms.yml).\nextends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: error\nignorecase: false\nswap:\n")
		var plainTerms []string
		for _, t := range terms {
			forms := append(append([]string{}, t.Variants...), t.Deprecated...)
			if len(forms) == 0 {
				plainTerms = append(plainTerms, t.Name)
			}
			for _, f := range forms {
				if !plain(f) || !plain(t.Name) {
					continue // Vale would read it as a regular expression
				}
				fmt.Fprintf(&b, "  %s: %s\n", strconv.Quote(f), strconv.Quote(t.Name))
			}
		}
		if len(plainTerms) > 0 {
			b.WriteString("# Terms with no other form: add them to accept.txt.\n")
			for _, n := range plainTerms {
				fmt.Fprintf(&b, "#   %s\n", n)
			}
		}
		_, err := io.WriteString(w, b.String())
		return err
	case "prh":
		var b strings.Builder
		b.WriteString("# Written by `msglint glossary export --format prh`.\nversion: 1\nrules:\n")
		for _, t := range terms {
			fmt.Fprintf(&b, "  - expected: %s\n", strconv.Quote(t.Name))
			forms := append(append([]string{}, t.Variants...), t.Deprecated...)
			if len(forms) > 0 {
				b.WriteString("    patterns:\n")
				for _, f := range forms {
					fmt.Fprintf(&b, "      - %s\n", strconv.Quote(f))
				}
			}
		}
		_, err := io.WriteString(w, b.String())
		return err
	case "json":
		type entry struct {
			Name       string   `json:"name"`
			Kind       string   `json:"kind,omitempty"`
			Variants   []string `json:"variants,omitempty"`
			Deprecated []string `json:"deprecated,omitempty"`
			Note       string   `json:"note,omitempty"`
		}
		out := make([]entry, 0, len(terms))
		for _, t := range terms {
			out = append(out, entry{t.Name, t.Kind, t.Variants, t.Deprecated, t.Note})
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	return fmt.Errorf("--format must be one of %s, not %q", strings.Join(ExportFormats, ", "), format)
}
