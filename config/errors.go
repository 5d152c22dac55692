package config

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/msglint/msglint/internal/safetext"
)

// Error is one configuration error. Error() renders it as
//
//	file:line:col: message
//	    <the source line>
//	    ^^^^
//
// Line and Col are 1-based (Col counts runes); Line 0 means the error is
// about the whole file (it cannot be read, it is too large...), and the
// rendering is then just "file: message".
type Error struct {
	File string
	Line int
	Col  int
	Msg  string
	// Snippet is the source line the error points at (without its newline);
	// "" when unknown.
	Snippet string
	// Width is the number of runes to underline (0 or 1: a single caret).
	Width int
	// Warning marks a warning (Config.Warnings): "warning: " is written
	// before the message.
	Warning bool
}

// Control characters in the file name, the message and the source line
// are escaped (safetext): a config error is printed to terminals and CI
// logs.
func (e *Error) Error() string {
	var b strings.Builder
	file, msg := safetext.NoCommand(safetext.String(e.File)), safetext.String(e.Msg)
	if e.Warning {
		msg = "warning: " + msg
	}
	switch {
	case e.Line <= 0:
		fmt.Fprintf(&b, "%s: %s", file, msg)
	case e.Col <= 0:
		fmt.Fprintf(&b, "%s:%d: %s", file, e.Line, msg)
	default:
		fmt.Fprintf(&b, "%s:%d:%d: %s", file, e.Line, e.Col, msg)
	}
	if e.Snippet != "" && e.Line > 0 {
		b.WriteString("\n    ")
		b.WriteString(safetext.NoCommand(safetext.String(e.Snippet)))
		if e.Col > 0 {
			b.WriteString("\n    ")
			runes := []rune(e.Snippet)
			for i := 0; i < e.Col-1 && i < len(runes); i++ {
				if runes[i] == '\t' {
					b.WriteByte('\t')
				} else {
					b.WriteString(strings.Repeat(" ", utf8.RuneCountInString(safetext.Rune(runes[i]))))
				}
			}
			w := e.Width
			if rest := len(runes) - (e.Col - 1); w > rest {
				w = rest
			}
			b.WriteString(strings.Repeat("^", max(w, 1)))
		}
	}
	return b.String()
}

// Errors is a list of configuration errors, sorted by file, line and
// column. Load returns it when there is more than one error; errors.As
// finds the first *Error in it.
type Errors []*Error

func (es Errors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "\n")
}

// Unwrap returns the individual errors.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// maxErrors caps how many errors one load reports.
const maxErrors = 50

// errList collects errors while loading.
type errList struct {
	list Errors
	more int // errors dropped over maxErrors
}

func (l *errList) add(e *Error) {
	if len(l.list) >= maxErrors {
		l.more++
		return
	}
	l.list = append(l.list, e)
}

func (l *errList) at(p Pos, width int, format string, args ...any) {
	l.add(&Error{File: p.File, Line: p.Line, Col: p.Col, Msg: fmt.Sprintf(format, args...), Width: width})
}

func (l *errList) empty() bool { return len(l.list) == 0 }

// result sorts the errors, attaches snippets from srcs and returns nil, a
// single *Error or Errors.
func (l *errList) result(srcs map[string][]byte) error {
	if len(l.list) == 0 {
		return nil
	}
	es := l.sorted(srcs)
	if l.more > 0 {
		last := es[len(es)-1]
		es = append(es, &Error{File: last.File, Msg: fmt.Sprintf("... and %d more errors", l.more)})
	}
	if len(es) == 1 {
		return es[0]
	}
	return es
}

// sorted returns the errors sorted by file, line and column, without
// duplicates, with snippets from srcs (nil when there are none).
func (l *errList) sorted(srcs map[string][]byte) Errors {
	if len(l.list) == 0 {
		return nil
	}
	es := slices.Clone(l.list)
	slices.SortStableFunc(es, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	es = slices.CompactFunc(es, func(a, b *Error) bool {
		return a.File == b.File && a.Line == b.Line && a.Col == b.Col && a.Msg == b.Msg
	})
	for _, e := range es {
		if e.Snippet == "" && e.Line > 0 {
			e.Snippet = sourceLine(srcs[e.File], e.Line)
		}
	}
	return es
}

// sourceLine returns line n (1-based) of src without its line break,
// with invalid UTF-8 replaced and overlong lines cut.
func sourceLine(src []byte, n int) string {
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(src, '\n')
		if j < 0 {
			return ""
		}
		src = src[j+1:]
	}
	if j := bytes.IndexByte(src, '\n'); j >= 0 {
		src = src[:j]
	}
	src = bytes.TrimSuffix(src, []byte("\r"))
	s := strings.ToValidUTF8(string(src), "\uFFFD")
	const maxLine = 200
	if utf8.RuneCountInString(s) > maxLine {
		s = string([]rune(s)[:maxLine]) + "…"
	}
	return s
}
