package lsp

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"testing"
)

// TestUTF16Table converts rune columns to UTF-16 offsets and back on
// lines with emoji (two code units), CJK (one unit, three bytes),
// combining marks (a rune of their own), a ZWJ sequence and an invalid byte.
func TestUTF16Table(t *testing.T) {
	for _, tc := range []struct {
		line  string
		col   int // msglint: 1-based rune column
		units int // LSP: 0-based UTF-16 character
	}{
		{"abc", 1, 0},
		{"abc", 3, 2},
		{"abc", 4, 3}, // the end of the line
		{"😀x", 1, 0},
		{"😀x", 2, 2},
		{"😀x", 3, 3},
		{"日本語x", 4, 3},
		{"e\u0301x", 2, 1}, // the combining mark is its own column
		{"e\u0301x", 3, 2},
		{"👩\u200d💻 CloudSync", 4, 5}, // woman, ZWJ, laptop: 2+1+2 units
		{"👩\u200d💻 CloudSync", 5, 6}, // after the space
		{"a\xffb", 3, 2},             // an invalid byte: one rune, one unit
		{"𝒜𝒷", 3, 4},                 // two astral letters
		{"tab\there", 5, 4},
	} {
		if got := RuneColToUTF16(tc.line, tc.col); got != tc.units {
			t.Errorf("RuneColToUTF16(%q, %d) = %d, want %d", tc.line, tc.col, got, tc.units)
		}
		if got := UTF16ToRuneCol(tc.line, tc.units); got != tc.col {
			t.Errorf("UTF16ToRuneCol(%q, %d) = %d, want %d", tc.line, tc.units, got, tc.col)
		}
	}
	// clamping and the middle of a surrogate pair
	if got := RuneColToUTF16("ab", 10); got != 2 {
		t.Errorf("past the end: %d", got)
	}
	if got := UTF16ToRuneCol("😀x", 1); got != 1 {
		t.Errorf("inside a surrogate pair: col %d, want 1 (rounded down)", got)
	}
	if got := UTF16ToRuneCol("ab", 10); got != 3 {
		t.Errorf("past the end: col %d", got)
	}
}

func TestBytePositions(t *testing.T) {
	text := "a😀\n日本 e\u0301 CloudSync\n\nend"
	for _, tc := range []struct {
		off int
		pos Position
	}{
		{0, Position{0, 0}},
		{1, Position{0, 1}},
		{5, Position{0, 3}},  // after the emoji (4 bytes, 2 units)
		{6, Position{1, 0}},  // the second line
		{13, Position{1, 3}}, // after 日本 and the space
		{16, Position{1, 5}}, // after e and U+0301 (2 bytes)
		{17, Position{1, 6}}, // the C
		{27, Position{2, 0}},
		{28, Position{3, 0}},
		{31, Position{3, 3}},
	} {
		if got := ByteToPosition(text, tc.off); got != tc.pos {
			t.Errorf("ByteToPosition(%d) = %v, want %v", tc.off, got, tc.pos)
		}
		if got := PositionToByte(text, tc.pos); got != tc.off {
			t.Errorf("PositionToByte(%v) = %d, want %d", tc.pos, got, tc.off)
		}
	}
	if got := PositionToByte(text, Position{0, 2}); got != 1 {
		t.Errorf("inside a surrogate pair: %d, want 1 (rounded down)", got)
	}
	if got := PositionToByte(text, Position{9, 0}); got != len(text) {
		t.Errorf("past the last line: %d", got)
	}
	if got := PositionToByte(text, Position{0, 99}); got != 5 {
		t.Errorf("past the line's end: %d, want 5", got)
	}
}

// TestFindingRangeBOM: msglint does not count a byte-order mark; an editor
// holding it in the buffer does.
func TestFindingRangeBOM(t *testing.T) {
	if got := colToUTF16("\uFEFFCloudSync", 1, 1); got != 1 {
		t.Errorf("BOM line: %d, want 1", got)
	}
}

func TestReadMessage(t *testing.T) {
	for _, tc := range []struct {
		in, body string
		err      bool
	}{
		{"Content-Length: 2\r\n\r\n{}", "{}", false},
		{"content-length:2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}", "{}", false},
		{"\r\nContent-Length: 2\r\n\r\n{}", "{}", false},
		{"Content-Length: x\r\n\r\n{}", "", true},
		{"Content-Length: -1\r\n\r\n", "", true},
		{"Content-Length: 5\r\n\r\n{}", "", true}, // short body
		{"Nonsense\r\n\r\n", "", true},
		{strings.Repeat("x", 10000) + "\r\n\r\n", "", true},
	} {
		body, err := readMessage(bufio.NewReader(strings.NewReader(tc.in)))
		if (err != nil) != tc.err || string(body) != tc.body {
			t.Errorf("readMessage(%.40q) = %q, %v", tc.in, body, err)
		}
	}
	if _, err := readMessage(bufio.NewReader(strings.NewReader(""))); err != io.EOF {
		t.Errorf("empty stream: %v, want io.EOF", err)
	}
	big := fmt.Sprintf("Content-Length: %d\r\n\r\n%s", maxMessage+1, strings.Repeat(" ", maxMessage+1))
	if _, err := readMessage(bufio.NewReader(strings.NewReader(big))); err != errTooLarge {
		t.Errorf("over the limit: %v", err)
	}
}
