package funnel

import (
	"strings"
	"unicode/utf8"
)

// The shapes of a document's text that make structure features (see
// collectFeatures): currency amounts, check-mark cells, version or date
// headings, numbers, and front matter that describes a post.

// currencyAmounts counts "$49", "€1,200", "£9.99" in text: every
// currency sign followed by spaces and an ASCII digit. One walk of the
// bytes with a table finds the signs' first bytes ('$', and the lead
// bytes of '€' and '£'): blocks are short, and three byte searches per
// block cost more in calls than they save. (A byte sequence that spells
// '€' or '£' is always that rune: no valid UTF-8 sequence holds a lead
// byte in its middle.)
func currencyAmounts(text string) int {
	n := 0
	for i := 0; i < len(text); i++ {
		if !signLead[text[i]] {
			continue
		}
		k := i + 1
		switch text[i] {
		case 0xE2: // '€' is E2 82 AC
			if k+1 >= len(text) || text[k] != 0x82 || text[k+1] != 0xAC {
				continue
			}
			k += 2
		case 0xC2: // '£' is C2 A3
			if k >= len(text) || text[k] != 0xA3 {
				continue
			}
			k++
		}
		for k < len(text) && text[k] == ' ' {
			k++
		}
		if k < len(text) && isDigit(text[k]) {
			n++
		}
	}
	return n
}

// signLead marks the first bytes of the currency signs.
var signLead = [256]bool{'$': true, 0xE2: true, 0xC2: true}

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
