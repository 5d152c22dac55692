// Package safetext neutralises untrusted text before it reaches a
// terminal or a CI log: control characters that a terminal or a log
// viewer would act on are written as visible Go-style escapes.
//
// Escaped: the C0 controls (U+0000-U+001F, ESC, CR and LF included; tab
// is kept), DEL, the C1 controls (U+0080-U+009F, such as the one-byte
// CSI), the line and paragraph separators U+2028 and U+2029, and the
// bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069)
// that make text display in another order than it is read. A byte that is
// not valid UTF-8 becomes U+FFFD. So "\x1b]0;title\x07" prints as
// `\x1b]0;title\x07`, a carriage return as `\r`, U+2028 as `\u2028`.
package safetext

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// escape returns the visible form of r and true when r must not reach a
// terminal raw. Tab is kept; line feed is escaped (see String and Writer).
func escape(r rune) (string, bool) {
	switch {
	case r == '\t':
		return "", false
	case r == '\n':
		return `\n`, true
	case r == '\r':
		return `\r`, true
	case r < 0x20 || r == 0x7f:
		return fmt.Sprintf(`\x%02x`, r), true
	case r >= 0x80 && r <= 0x9f,
		r == 0x2028 || r == 0x2029,
		r >= 0x202a && r <= 0x202e,
		r >= 0x2066 && r <= 0x2069:
		return fmt.Sprintf(`\u%04x`, r), true
	}
	return "", false
}

// Needs reports whether String would change s.
func Needs(s string) bool {
	for _, r := range s {
		if _, ok := escape(r); ok || r == utf8.RuneError {
			return true
		}
	}
	return false
}

// String returns s with every control character escaped (line feeds
// included: the result is one line) and invalid UTF-8 replaced by U+FFFD.
// Text without any is returned as is.
func String(s string) string {
	if !Needs(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if e, ok := escape(r); ok {
			b.WriteString(e)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Except is String that leaves the characters of keep as they are: for
// a format that encodes them itself (GitHub's workflow commands encode CR
// and LF as %0D and %0A).
func Except(s, keep string) string {
	if !Needs(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if e, ok := escape(r); ok && !strings.ContainsRune(keep, r) {
			b.WriteString(e)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// NoCommand escapes the first ':' of a line that would start, after
// blanks, with "::" (as `\x3a:`): GitHub Actions runs such a line of a job
// log as a workflow command (::error, ::add-mask::, ::stop-commands::...),
// and CI logs show the text output.
func NoCommand(line string) string {
	t := strings.TrimLeft(line, " \t")
	if !strings.HasPrefix(t, "::") {
		return line
	}
	i := len(line) - len(t)
	return line[:i] + `\x3a` + line[i+1:]
}

// Rune returns the visible form of one rune: itself, or its escape.
func Rune(r rune) string {
	if e, ok := escape(r); ok {
		return e
	}
	return string(r)
}
