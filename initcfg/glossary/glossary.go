// Package glossary reads the glossaries teams already keep and turns them
// into msglint terms and forbidden phrases, for `msglint init --from`:
//
//   - a CSV or TSV spreadsheet with a header row (ReadSheet);
//   - a Vale vocabulary, accept.txt and reject.txt (ReadVocab);
//   - a Vale substitution rule, a YAML `swap:` map (ReadSwap);
//   - a textlint prh file, `rules: - expected / patterns` (ReadPrh);
//   - Markdown pipe tables with a term column, as handbooks keep them
//     (ReadMarkdown).
//
// What cannot be read is reported one problem at a time, each with its
// file and line (a Problem), and the rest is imported. The package
// imports nothing of msglint: the caller renders the terms.
package glossary

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
)

// Term is one imported glossary entry.
type Term struct {
	Name       string
	Kind       string // "product", "feature", "term" or "" (unset)
	Variants   []string
	Deprecated []string
	Note       string
	// Competitor is set when a sheet's kind column says so: the term goes
	// to the config's competitors: too.
	Competitor bool `json:"-"`
	// Specs are prh's specs ("from -> to"), kept as comments.
	Specs []string
	File  string // where it was read
	Line  int
}

// Forbidden is a phrase (or an RE2 pattern) that must not appear.
type Forbidden struct {
	Phrase  string
	Pattern string
	Line    int
}

// Problem is one entry that could not be imported.
type Problem struct {
	File string
	Line int
	Msg  string
}

func (p Problem) Error() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Msg)
}

// Result is what one source gives.
type Result struct {
	Format    string // "sheet", "vale vocabulary", "vale substitution", "prh"
	Terms     []Term
	Forbidden []Forbidden
	Problems  []Problem // entries skipped; the rest is imported
}

// MaxSize bounds a glossary file (bytes).
const MaxSize = 16 << 20

// Read detects the format of data (named name) by its file name and
// content and reads it. An error means nothing could be imported.
func Read(name string, data []byte) (*Result, error) { return ReadWith(name, data, Options{}) }

// Options configure ReadWith.
type Options struct {
	// Columns maps unusual sheet headers to their roles (--columns).
	Columns Columns
}

// ReadWith is Read with options.
func ReadWith(name string, data []byte, opt Options) (*Result, error) {
	r, err := read(name, data, opt)
	if r != nil {
		for i := range r.Terms {
			r.Terms[i].File = name
		}
	}
	return r, err
}

func read(name string, data []byte, opt Options) (*Result, error) {
	if len(data) > MaxSize {
		return nil, Problem{File: name, Msg: fmt.Sprintf("larger than %d bytes", MaxSize)}
	}
	base := strings.ToLower(filepath.Base(name))
	switch ext := filepath.Ext(base); {
	case base == "accept.txt":
		return ReadVocab(name, data, false), nil
	case base == "reject.txt":
		return ReadVocab(name, data, true), nil
	case ext == ".csv" || ext == ".tsv":
		return ReadSheetColumns(name, data, opt.Columns)
	case ext == ".xlsx" || bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return ReadXLSX(name, data, opt.Columns)
	case IsMarkdown(base):
		return ReadMarkdown(name, data, opt.Columns)
	case ext == ".yml" || ext == ".yaml":
		switch {
		case yamlKey(data, "swap"):
			return ReadSwap(name, data)
		case yamlKey(data, "rules"):
			return ReadPrh(name, data)
		}
		return nil, Problem{File: name, Msg: "a YAML file that is neither a Vale substitution rule (swap:) nor a prh file (rules:)"}
	}
	// by content: a Markdown table's delimiter row, or a sheet's header
	if tableDelimRe.Match(data) {
		return ReadMarkdown(name, data, opt.Columns)
	}
	if first, _, _ := bytes.Cut(data, []byte("\n")); bytes.ContainsAny(first, ",\t;") {
		return ReadSheetColumns(name, data, opt.Columns)
	}
	return nil, Problem{File: name, Msg: "unknown glossary format: name a spreadsheet .csv or .tsv, Markdown tables (.md), a Vale accept.txt, reject.txt or substitution rule (.yml), or a prh file (.yml)"}
}

// tableDelimRe is a Markdown table's delimiter row (| --- | :-: |).
var tableDelimRe = regexp.MustCompile(`(?m)^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*\r?$`)

var keyRe = regexp.MustCompile(`(?m)^([A-Za-z_]+)\s*:`)

// yamlKey reports whether a YAML document has the top-level key.
func yamlKey(data []byte, key string) bool {
	for _, m := range keyRe.FindAllSubmatch(data, -1) {
		if string(m[1]) == key {
			return true
		}
	}
	return false
}

// plain reports whether s is a plain word or phrase, not a regular
// expression: letters, digits, spaces and the punctuation names use.
func plain(s string) bool {
	if strings.TrimSpace(s) == "" {
		return false
	}
	return !strings.ContainsAny(s, `[](){}*+?|\^$`)
}

// clean trims an entry and collapses its spaces.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }
