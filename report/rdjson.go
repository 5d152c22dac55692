package report

import (
	"encoding/json"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/driver"
)

// reviewdog's Diagnostic Format (rdjson): a DiagnosticResult. Positions
// are 1-based with columns counted in UTF-8 bytes and an exclusive end,
// so rune columns are converted using the source line.

type rdjsonResult struct {
	Source      rdjsonSource       `json:"source"`
	Diagnostics []rdjsonDiagnostic `json:"diagnostics"`
}

type rdjsonSource struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type rdjsonDiagnostic struct {
	Message          string          `json:"message"`
	Location         rdjsonLocation  `json:"location"`
	Severity         string          `json:"severity"`
	Code             rdjsonCode      `json:"code"`
	Suggestions      []rdjsonSuggest `json:"suggestions,omitempty"`
	RelatedLocations []rdjsonRelated `json:"related_locations,omitempty"`
}

type rdjsonLocation struct {
	Path  string       `json:"path"`
	Range *rdjsonRange `json:"range,omitempty"`
}

type rdjsonRange struct {
	Start rdjsonPos  `json:"start"`
	End   *rdjsonPos `json:"end,omitempty"`
}

type rdjsonPos struct {
	Line   int `json:"line"`
	Column int `json:"column,omitempty"`
}

type rdjsonCode struct {
	Value string `json:"value"`
	URL   string `json:"url,omitempty"`
}

type rdjsonSuggest struct {
	Range rdjsonRange `json:"range"`
	Text  string      `json:"text"`
}

type rdjsonRelated struct {
	Message  string         `json:"message,omitempty"`
	Location rdjsonLocation `json:"location"`
}

// RDJSON writes reviewdog's rdjson format, with suggestions from fixes.
func RDJSON(w io.Writer, res *driver.Result, meta *Meta) error {
	out := rdjsonResult{Source: rdjsonSource{Name: meta.ToolName, URL: ToolURI}, Diagnostics: []rdjsonDiagnostic{}}
	for i := range res.Findings {
		d := &res.Findings[i]
		msg := d.Message
		if d.Loc != "" {
			msg = d.Loc + ": " + msg
		}
		rd := rdjsonDiagnostic{
			Message:  msg,
			Location: rdjsonLocation{Path: meta.show(d.Path), Range: rdjsonRangeFor(&d.Site)},
			Severity: strings.ToUpper(d.Severity.String()),
			Code:     rdjsonCode{Value: d.Rule, URL: RuleHelpURI(d.Rule)},
		}
		if d.Fix != nil && d.Fix.Start >= 0 && rd.Location.Range != nil && rd.Location.Range.End != nil {
			rd.Suggestions = []rdjsonSuggest{{Range: *rd.Location.Range, Text: d.Fix.Replacement}}
		}
		for j := range d.Related {
			r := &d.Related[j]
			msg := r.Match
			if r.Loc != "" {
				msg = strings.TrimSpace(r.Loc + " " + msg)
			}
			rd.RelatedLocations = append(rd.RelatedLocations, rdjsonRelated{Message: msg,
				Location: rdjsonLocation{Path: meta.show(r.Path), Range: rdjsonRangeFor(r)}})
		}
		out.Diagnostics = append(out.Diagnostics, rd)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// rdjsonRangeFor converts a site's rune columns to UTF-8 byte columns.
// Without the source line (office formats, related sites) it gives the
// line alone.
func rdjsonRangeFor(s *lint.Site) *rdjsonRange {
	if s.Path == "" || s.Path == "." {
		return nil
	}
	line := max(s.Line, 1)
	r := &rdjsonRange{Start: rdjsonPos{Line: line}}
	if s.Loc != "" || s.Col < 1 || s.LineText == "" {
		return r
	}
	start, ok := byteColumn(s.LineText, s.Col)
	if !ok {
		return r
	}
	r.Start.Column = start
	switch {
	case s.EndLine == line && s.EndCol >= s.Col:
		if end, ok := byteColumn(s.LineText, s.EndCol); ok {
			r.End = &rdjsonPos{Line: line, Column: end}
		}
	case s.EndLine > line && s.Exact:
		// the match is the source text: its last line is the prefix of
		// the end line up to the end column
		last := s.Match[strings.LastIndexByte(s.Match, '\n')+1:]
		if utf8.RuneCountInString(last) == s.EndCol-1 {
			r.End = &rdjsonPos{Line: s.EndLine, Column: len(last) + 1}
		}
	}
	return r
}

// byteColumn converts a 1-based rune column in line to a 1-based byte
// column; the column just past the end of the line is allowed.
func byteColumn(line string, col int) (int, bool) {
	n := 1
	for i := range line {
		if n == col {
			return i + 1, true
		}
		n++
	}
	if n == col {
		return len(line) + 1, true
	}
	return 0, false
}
