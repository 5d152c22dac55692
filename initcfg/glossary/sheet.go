package glossary

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// The columns a spreadsheet header may name (lower case, compared after
// trimming spaces, underscores and punctuation).
var columns = map[string]string{
	"term": "name", "terms": "name", "name": "name", "approved": "name", "approved term": "name",
	"preferred": "name", "preferred term": "name", "canonical": "name", "use": "name", "correct": "name",
	"product": "name", "product name": "name", "use this": "name", "word": "name", "use instead": "name",
	"variants": "variants", "variant": "variants", "alternatives": "variants", "synonyms": "variants",
	"also written": "variants", "other forms": "variants", "spellings": "variants",
	"avoid": "deprecated", "deprecated": "deprecated", "do not use": "deprecated", "dont use": "deprecated",
	"don't use": "deprecated", "incorrect": "deprecated", "wrong": "deprecated", "forbidden": "deprecated",
	"not": "deprecated", "old names": "deprecated", "not this": "deprecated", "don’t use": "deprecated",
	"instead of": "deprecated", "avoid this": "deprecated", "don't": "deprecated",
	"note": "note", "notes": "note", "comment": "note", "comments": "note", "description": "note",
	"usage": "note", "definition": "note", "guidance": "note", "why": "note", "meaning": "note",
	"kind": "kind", "type": "kind", "category": "kind",
}

// ReadSheet reads a CSV or TSV spreadsheet with a header row. The header
// names the columns (term / approved / preferred; variants; avoid / do
// not use / deprecated; note; kind / type); cells with several entries
// separate them with `;`, `|` or line breaks (and `,` in a TSV file). The
// delimiter is the one of `,`, `;` and tab the header uses most.
func ReadSheet(name string, data []byte) (*Result, error) { return ReadSheetColumns(name, data, nil) }

// ReadSheetColumns is ReadSheet with a column mapping (--columns) that
// names the role of unusual headers; it comes before the known names.
func ReadSheetColumns(name string, data []byte, cols Columns) (*Result, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a BOM, as spreadsheet exports write
	if !utf8.Valid(data) {
		return nil, Problem{File: name, Msg: "not UTF-8 text (export the sheet as CSV UTF-8)"}
	}
	header, _, _ := bytes.Cut(data, []byte("\n"))
	delim, best := ',', bytes.Count(header, []byte(","))
	for _, d := range []rune{'\t', ';'} {
		if n := bytes.Count(header, []byte(string(d))); n > best {
			delim, best = d, n
		}
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = delim
	cr.FieldsPerRecord = -1
	rec, err := cr.Read()
	if err != nil {
		return nil, Problem{File: name, Line: 1, Msg: "no header row: " + csvMsg(err)}
	}
	listSep := ";|\n"
	if delim != ',' {
		listSep += ","
	}
	r := &Result{Format: "sheet"}
	return rowsToTerms(name, rec, cols, sepCells(listSep), r, func() ([]string, int, error) {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil, 0, io.EOF
		}
		if err != nil {
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			r.Problems = append(r.Problems, Problem{name, line, csvMsg(err)})
			if !errors.As(err, &pe) {
				return nil, 0, io.EOF
			}
			return nil, line, nil
		}
		line, _ := cr.FieldPos(0)
		return rec, line, nil
	})
}

// headerKey folds a header cell for matching: lower case, spaces
// collapsed, `_` as a space, `*`, `:`, `?` and quotes dropped.
func headerKey(h string) string {
	return strings.ToLower(clean(strings.NewReplacer("_", " ", "*", "", ":", "", "?", "", "\"", "").Replace(h)))
}

// cellReader reads a row's cells into a term: a sheet splits its lists on
// separator characters, a Markdown table on words too ("X, Y or Z").
type cellReader interface {
	// name reads the term cell: the term, other approved names (each
	// then a term of its own, with the row's kind and note: msglint flags
	// variants, and these are not to be flagged) and, when it cannot be
	// used, why.
	name(cell string) (term string, more []string, problem string)
	// list splits a list cell, dropping empty entries and the term; bad
	// are the entries that cannot be used.
	list(cell, term string) (forms, bad []string)
}

// sepCells splits lists on any of its characters.
type sepCells string

func (sepCells) name(cell string) (string, []string, string) {
	return clean(cell), nil, "a row with no term"
}
func (s sepCells) list(cell, term string) ([]string, []string) {
	return list(cell, string(s), term), nil
}

// rowsToTerms makes terms of a sheet's rows: header is the first row;
// next returns each further row and its line (or row number), a nil row
// to skip one, io.EOF at the end.
func rowsToTerms(name string, header []string, cols Columns, cells cellReader, r *Result, next func() ([]string, int, error)) (*Result, error) {
	col := map[string]int{}
	var seen []string
	for i, h := range header {
		k := headerKey(h)
		seen = append(seen, fmt.Sprintf("%q", strings.TrimSpace(h)))
		f, ok := cols[k]
		if !ok {
			f, ok = columns[k]
		}
		if ok {
			if _, dup := col[f]; !dup {
				col[f] = i
			}
		}
	}
	if _, ok := col["name"]; !ok {
		return nil, Problem{File: name, Line: 1, Msg: "the header names no term column (one of term, approved, preferred, name; or map one with --columns \"HEADER=term\"); it has " + strings.Join(seen, ", ")}
	}
	get := func(rec []string, f string) string {
		if i, ok := col[f]; ok && i < len(rec) {
			return rec[i]
		}
		return ""
	}
	for {
		rec, line, err := next()
		if err != nil {
			break
		}
		empty := true
		for _, c := range rec {
			if strings.TrimSpace(c) != "" {
				empty = false
			}
		}
		if empty {
			continue
		}
		t := Term{Line: line, Note: clean(get(rec, "note"))}
		var more []string
		var why string
		if t.Name, more, why = cells.name(get(rec, "name")); t.Name == "" {
			r.Problems = append(r.Problems, Problem{name, line, why})
			continue
		}
		variants, bad := cells.list(get(rec, "variants"), t.Name)
		t.Variants = variants
		var bad2 []string
		t.Deprecated, bad2 = cells.list(get(rec, "deprecated"), t.Name)
		for _, b := range append(bad, bad2...) {
			r.Problems = append(r.Problems, Problem{name, line, fmt.Sprintf("%q is not a plain form (it has parentheses or brackets): skipped", b)})
		}
		switch k := strings.ToLower(clean(get(rec, "kind"))); k {
		case "":
		case "product", "products", "brand", "company":
			t.Kind = "product"
		case "feature", "features", "capability":
			t.Kind = "feature"
		case "term", "terms", "general", "concept", "third party", "third-party", "partner":
			t.Kind = "term"
		case "competitor", "competitors", "competition", "rival":
			t.Kind, t.Competitor = "term", true
		default:
			r.Problems = append(r.Problems, Problem{name, line, fmt.Sprintf("kind %q is none of product, feature, term: imported without a kind", k)})
		}
		r.Terms = append(r.Terms, t)
		for _, m := range more {
			r.Terms = append(r.Terms, Term{Name: m, Kind: t.Kind, Competitor: t.Competitor, Note: t.Note, Line: line})
		}
	}
	return r, nil
}

// list splits a cell into its entries, dropping empty ones and the
// term's own name.
func list(cell, seps, name string) []string {
	var out []string
	for _, s := range strings.FieldsFunc(cell, func(r rune) bool { return strings.ContainsRune(seps, r) }) {
		if s = clean(s); s != "" && s != name {
			out = append(out, s)
		}
	}
	return out
}

func csvMsg(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
