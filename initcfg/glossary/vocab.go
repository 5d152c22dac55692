package glossary

import (
	"bufio"
	"bytes"
	"regexp"
)

// ReadVocab reads a Vale vocabulary file: one entry a line, `#` comments.
// An accept.txt entry becomes a term with that exact case (and
// case-sensitive matching of that form is up to the term's kind); a
// reject.txt entry becomes a forbidden phrase, or a forbidden pattern when
// it is a regular expression (Vale's are RE2 too). An accept.txt regular
// expression cannot name a term: it is reported and skipped.
func ReadVocab(name string, data []byte, reject bool) *Result {
	r := &Result{Format: "vale vocabulary"}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), MaxSize)
	line := 0
	for sc.Scan() {
		line++
		s := clean(sc.Text())
		if s == "" || s[0] == '#' {
			continue
		}
		switch {
		case plain(s) && reject:
			r.Forbidden = append(r.Forbidden, Forbidden{Phrase: s, Line: line})
		case plain(s):
			r.Terms = append(r.Terms, Term{Name: s, Line: line})
		case reject:
			if _, err := regexp.Compile(s); err != nil {
				r.Problems = append(r.Problems, Problem{name, line, "not a valid RE2 pattern: " + err.Error()})
				continue
			}
			r.Forbidden = append(r.Forbidden, Forbidden{Pattern: s, Line: line})
		default:
			r.Problems = append(r.Problems, Problem{name, line, "a regular expression (" + s + "), not a plain word: add the term by hand"})
		}
	}
	if err := sc.Err(); err != nil {
		r.Problems = append(r.Problems, Problem{name, line + 1, err.Error()})
	}
	return r
}
