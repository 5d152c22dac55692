package lsp

import (
	"strings"
	"unicode/utf8"
)

// LSP positions count UTF-16 code units (the protocol's default position
// encoding); msglint counts runes (1-based columns) and fixes carry byte
// offsets. These functions convert between them exactly. An invalid UTF-8
// byte is one rune for msglint (utf8.DecodeRuneInString) and one code unit
// here (U+FFFD); a rune above U+FFFF is two code units (a surrogate pair).

// utf16Len is the number of UTF-16 code units of r.
func utf16Len(r rune) int {
	if r >= 0x10000 && r <= utf8.MaxRune {
		return 2
	}
	return 1
}

// RuneColToUTF16 converts a 1-based rune column of line (msglint's Col)
// to a 0-based UTF-16 character offset (LSP's Position.character). A
// column past the end of the line is clamped to the line's end.
func RuneColToUTF16(line string, col int) int {
	units := 0
	for i, n := 0, 1; i < len(line) && n < col; n++ {
		r, w := utf8.DecodeRuneInString(line[i:])
		units += utf16Len(r)
		i += w
	}
	return units
}

// UTF16ToRuneCol converts a 0-based UTF-16 offset in line to a 1-based
// rune column. An offset inside a surrogate pair rounds down to the
// rune's start; an offset past the end is clamped to the line's end.
func UTF16ToRuneCol(line string, ch int) int {
	col, units := 1, 0
	for i := 0; i < len(line); {
		r, w := utf8.DecodeRuneInString(line[i:])
		if units+utf16Len(r) > ch {
			break
		}
		units += utf16Len(r)
		i += w
		col++
	}
	return col
}

// utf16ToByte converts a 0-based UTF-16 offset in line to a byte offset
// in line, rounding down inside a surrogate pair and clamping at the end.
func utf16ToByte(line string, ch int) int {
	units := 0
	for i := 0; i < len(line); {
		r, w := utf8.DecodeRuneInString(line[i:])
		if units+utf16Len(r) > ch {
			return i
		}
		units += utf16Len(r)
		i += w
	}
	return len(line)
}

// Position is an LSP position: 0-based line, UTF-16 character.
type Position struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

// Range is an LSP range; End is exclusive.
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// lineOf returns line n (0-based) of text without its '\n', and whether
// text has that line.
func lineOf(text string, n int) (string, bool) {
	for ; n > 0; n-- {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			return "", false
		}
		text = text[i+1:]
	}
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		text = text[:i]
	}
	return text, true
}

// ByteToPosition converts a byte offset in text to an LSP position.
func ByteToPosition(text string, off int) Position {
	off = max(0, min(off, len(text)))
	start := strings.LastIndexByte(text[:off], '\n') + 1
	line := strings.Count(text[:start], "\n")
	units := 0
	for _, r := range text[start:off] {
		units += utf16Len(r)
	}
	return Position{Line: line, Character: units}
}

// PositionToByte converts an LSP position to a byte offset in text; a
// line past the end gives len(text), a character past the line's end the
// line's end.
func PositionToByte(text string, p Position) int {
	off := 0
	for n := p.Line; n > 0; n-- {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			return len(text)
		}
		off += i + 1
	}
	line := text[off:]
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	return off + utf16ToByte(line, max(0, p.Character))
}
