package funnel

import (
	"strings"
	"unicode/utf8"
)

// The shapes of a document's text that make structure features (see
// collectFeatures): currency amounts, check-mark cells, version or date
// headings, numbers, and front matter that describes a post.

// currencyAmounts counts "$49", "€1,200", "£9.99" in text: every
// currency sign followed by spaces and an ASCII digit. It reads text 8
// bytes at a time and looks closer only at the 8 bytes that hold a '$'
// or a non-ASCII byte (the signs '€' and '£' are E2 82 AC and C2 A3): a
// block of plain ASCII prose costs about 20 instructions per 8 bytes. (A byte
// sequence that spells '€' or '£' is always that rune: no valid UTF-8
// sequence holds a lead byte in its middle.)
func currencyAmounts(text string) int {
	n, i := 0, 0
	for ; i+8 <= len(text); i += 8 {
		if signBytes(text[i:i+8]) == 0 {
			continue
		}
		for k := i; k < i+8; k++ {
			if c := text[k]; c == '$' || c >= 0x80 {
				n += signAt(text, k)
			}
		}
	}
	if rest := len(text) - i; rest > 0 && i >= 8 {
		// the last 8 bytes in one read, the ones already seen masked off
		if signBytes(text[len(text)-8:])>>(8*(8-rest)) == 0 {
			return n
		}
	}
	for ; i < len(text); i++ {
		if c := text[i]; c == '$' || c >= 0x80 {
			n += signAt(text, i)
		}
	}
	return n
}

// signBytes reads b's 8 bytes as one 64-bit word (the first byte lowest)
// and keeps the high bit of each byte that is a '$' or not ASCII, and
// perhaps of a byte above a '$' (the zero-byte test borrows upwards):
// 0 means none of the bytes is either.
func signBytes(b string) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	x := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
	y := x ^ '$'*ones // a zero byte where x has a '$'
	return (x | (y-ones)&^y) & highs
}

// signAt is 1 when a currency sign starts at text[i] and spaces and an
// ASCII digit follow it, else 0.
func signAt(text string, i int) int {
	k := i + 1
	switch text[i] {
	case '$':
	case 0xE2: // '€'
		if k+1 >= len(text) || text[k] != 0x82 || text[k+1] != 0xAC {
			return 0
		}
		k += 2
	case 0xC2: // '£'
		if k >= len(text) || text[k] != 0xA3 {
			return 0
		}
		k++
	default:
		return 0
	}
	for k < len(text) && text[k] == ' ' {
		k++
	}
	if k < len(text) && isDigit(text[k]) {
		return 1
	}
	return 0
}

// isMark reports whether a table cell holds only a check or cross mark
// (or yes/no), as comparison tables do.
func isMark(s string) bool {
	// No mark is longer than 6 bytes ("✔️"), and lower-casing cannot
	// shorten a string into one (the marks are symbols, "yes" and "no"):
	// a longer cell is none, unless white space may be trimmed off its ends.
	if n := len(s); n > 6 && s[0] > ' ' && s[0] < utf8.RuneSelf && s[n-1] > ' ' && s[n-1] < utf8.RuneSelf {
		return false
	}
	s = strings.TrimSpace(s)
	if len(s) > 3 && isASCII(s) {
		return false // "yes" is the longest ASCII mark
	}
	switch strings.ToLower(s) {
	case "✓", "✔", "✔️", "✅", "✗", "✘", "❌", "yes", "no":
		return true
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// versionOrDate reports whether a heading names a version ("v1.2",
// "0.8.0", "Release 2.1") or a date ("2021-03-14", "March 2021").
func versionOrDate(s string) bool {
	// both need two digits at least (most headings have none): the
	// digits are ASCII bytes, so a byte count tells
	n := 0
	for i := 0; i < len(s) && n < 2; i++ {
		if isDigit(s[i]) {
			n++
		}
	}
	if n < 2 {
		return false
	}
	s = strings.TrimSpace(s)
	digits, dots, dashes := 0, 0, 0
	run := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
			run++
			if run == 4 && len(s) >= 4 {
				// a year
				if y := yearAt(s); y {
					return true
				}
			}
			continue
		case r == '.':
			if run > 0 {
				dots++
			}
		case r == '-':
			if run > 0 {
				dashes++
			}
		}
		run = 0
	}
	return digits >= 2 && (dots >= 1 || dashes >= 2)
}

// yearAt reports whether s holds a plausible year (1990-2099) as a word.
func yearAt(s string) bool {
	for i := 0; i+4 <= len(s); i++ {
		w := s[i : i+4]
		if (strings.HasPrefix(w, "19") && w[2] >= '9' || strings.HasPrefix(w, "20")) &&
			isDigits(w) && (i == 0 || !isDigit(s[i-1])) && (i+4 == len(s) || !isDigit(s[i+4])) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// postMeta reports whether front matter describes a post: an author and a
// publication date, as blogs and newsletters carry.
func postMeta(meta map[string]any) bool {
	has := func(keys ...string) bool {
		for _, k := range keys {
			if v, ok := meta[k]; ok && v != nil && v != "" {
				return true
			}
		}
		return false
	}
	return has("author", "authors", "byline") && has("date", "published", "publishdate", "publishDate", "pubDate", "published_at")
}
