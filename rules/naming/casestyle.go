package naming

import (
	"unicode"
	"unicode/utf8"

	"github.com/msglint/msglint/match"
)

// caseStyled reports whether a naming/case match in text is the case
// style of its surroundings rather than a misspelt name: the whole block
// is in the match's case (no upper-case letter in a block with a
// lower-case match, no lower-case letter in a block with an upper-case
// one), or a lower-case match is glued by a hyphen to lower-case words or
// digits (a package, repository or command name: "acme-cloudsync-cli").
func caseStyled(text string, m match.Match) bool {
	found := text[m.Start:m.End]
	upper := hasLetter(found, unicode.IsUpper)
	if !upper && (hyphenGlued(text, m.Start, m.End)) {
		return true
	}
	if upper {
		return !hasLetter(text, unicode.IsLower)
	}
	return !hasLetter(text, unicode.IsUpper)
}

func hasLetter(s string, is func(rune) bool) bool {
	for _, r := range s {
		if is(r) {
			return true
		}
	}
	return false
}

// hyphenGlued reports whether text[start:end] has a hyphen right before or
// after it that joins it to a lower-case letter or a digit.
func hyphenGlued(text string, start, end int) bool {
	lowerOrDigit := func(r rune) bool { return unicode.IsLower(r) || unicode.IsDigit(r) }
	if end+1 < len(text) && text[end] == '-' {
		if r, _ := utf8.DecodeRuneInString(text[end+1:]); lowerOrDigit(r) {
			return true
		}
	}
	if start >= 2 && text[start-1] == '-' {
		if r, _ := utf8.DecodeLastRuneInString(text[:start-1]); lowerOrDigit(r) {
			return true
		}
	}
	return false
}
