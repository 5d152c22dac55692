package safetext

import (
	"io"
	"unicode/utf8"
)

// Writer escapes what it writes like String, except line feeds, which
// pass: for multi-line messages (standard error). A UTF-8 sequence split
// across writes is kept whole.
type Writer struct {
	W    io.Writer
	tail []byte
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
	out := make([]byte, 0, len(p))
	for len(p) > 0 {
		r, size := utf8.DecodeRune(p)
		if r == utf8.RuneError && size <= 1 && !utf8.FullRune(p) {
			w.tail = append([]byte(nil), p...) // wait for the rest
			break
		}
		switch e, ok := escape(r); {
		case r == '\n':
			out = append(out, '\n')
		case ok:
			out = append(out, e...)
		default:
			out = utf8.AppendRune(out, r)
		}
		p = p[size:]
	}
	if _, err := w.W.Write(out); err != nil {
		return 0, err
	}
	return n, nil
}

// Flush writes an incomplete UTF-8 sequence left by the last Write (as
// U+FFFD).
func (w *Writer) Flush() error {
	if len(w.tail) == 0 {
		return nil
	}
	w.tail = nil
	_, err := w.W.Write([]byte(string(utf8.RuneError)))
	return err
}
