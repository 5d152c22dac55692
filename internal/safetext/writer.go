package safetext

import (
	"io"
	"unicode/utf8"
)

// Writer escapes what it writes like String, except line feeds, which
// pass (for multi-line text: standard error, the coverage report), and
// like NoCommand, no line it writes starts with "::" after blanks. A UTF-8
// sequence split across writes is kept whole; Flush writes what a last
// write left pending.
type Writer struct {
	W    io.Writer
	tail []byte
	// mid: not at the start of a line (after its blanks)
	mid bool
	// colon: a ':' that starts a line, held until the next rune says
	// whether it starts "::"
	colon bool
}

// NewWriter returns a Writer on w.
func NewWriter(w io.Writer) *Writer { return &Writer{W: w} }

// Write escapes p and writes it; it reports len(p) on success.
func (w *Writer) Write(p []byte) (int, error) {
	n := len(p)
	if len(w.tail) > 0 {
		p = append(w.tail, p...)
		w.tail = nil
	}
	out := make([]byte, 0, len(p)+8)
	for len(p) > 0 {
		r, size := utf8.DecodeRune(p)
		if r == utf8.RuneError && size <= 1 && !utf8.FullRune(p) {
			w.tail = append([]byte(nil), p...) // wait for the rest
			break
		}
		p = p[size:]
		if w.colon {
			w.colon = false
			if r == ':' {
				out = append(out, `\x3a:`...)
				w.mid = true
				continue
			}
			out = append(out, ':')
			w.mid = true
		}
		switch e, ok := escape(r); {
		case r == '\n':
			out = append(out, '\n')
			w.mid = false
			continue
		case !w.mid && (r == ' ' || r == '\t'):
			out = append(out, byte(r))
			continue
		case !w.mid && r == ':':
			w.colon = true
			continue
		case ok:
			out = append(out, e...)
		default:
			out = utf8.AppendRune(out, r)
		}
		w.mid = true
	}
	if _, err := w.W.Write(out); err != nil {
		return 0, err
	}
	return n, nil
}

// Flush writes what the last write left pending: a ':' held at the start
// of a line, an incomplete UTF-8 sequence (as U+FFFD).
func (w *Writer) Flush() error {
	var out []byte
	if w.colon {
		out = append(out, ':')
		w.colon = false
	}
	if len(w.tail) > 0 {
		out = utf8.AppendRune(out, utf8.RuneError)
		w.tail = nil
	}
	if len(out) == 0 {
		return nil
	}
	_, err := w.W.Write(out)
	return err
}
