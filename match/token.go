// Package match is the multi-pattern matcher the glossary compiles into:
// text is split into word tokens once, each token is case-folded on the
// fly, and every surface form of every term is found in one walk of a
// byte trie keyed by folded tokens, so a 10,000-term glossary costs about
// what a 10-term one does.
package match

import (
	"math/bits"
	"unicode"
	"unicode/utf8"
)

// Token flags.
const (
	FlagUpper         = 1 << iota // contains an upper-case letter
	FlagLower                     // contains a lower-case letter
	FlagDigit                     // contains a digit
	FlagNonASCII                  // contains a non-ASCII rune
	FlagPathLike                  // part of a path, URL, e-mail, handle, flag or identifier: not prose
	FlagSentence                  // first word of a sentence (or of the block)
	FlagFirstUp                   // first rune is upper case
	FlagBarrierBefore             // a Barrier (removed code/URL) stands between this token and the previous one
)

// Token is a word: a maximal run of letters, digits and combining marks.
type Token struct {
	Start, End int32 // byte offsets in the text
	Flags      uint16
}

// Has reports whether all of f are set.
func (t Token) Has(f uint16) bool { return t.Flags&f == f }

const barrier = '\uFFFC'

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

func isSpaceRune(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v', 0xA0, 0x202F, 0x2009, 0x2007, 0x2002, 0x2003, 0x200A:
		return true
	}
	return r > 0x7f && unicode.IsSpace(r)
}

// asciiWord holds the flags an ASCII letter or digit adds to its token;
// 0 for every other byte (white space, punctuation, non-ASCII bytes).
var asciiWord = func() (t [256]uint16) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = FlagLower
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = FlagUpper
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = FlagDigit
	}
	return
}()

// lowerASCII maps upper-case ASCII letters to lower case and every other byte to itself.
var lowerASCII = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = byte(c) + 'a' - 'A'
	}
	return
}()

// asciiSpace marks the ASCII white-space bytes.
var asciiSpace = [256]bool{' ': true, '\t': true, '\n': true, '\r': true, '\f': true, '\v': true}

// pathByte marks the bytes that make a chunk path-like wherever they stand
// (see isPathLike); '.' and '-' only do in some places.
var pathByte = [256]bool{'/': true, '\\': true, '@': true, '_': true, '=': true, '<': true, '>': true,
	'{': true, '}': true, '|': true, '`': true, '~': true}

// runeFlags are the flags a non-ASCII word rune adds to its token.
func runeFlags(r rune, first bool) uint16 {
	fl := uint16(FlagNonASCII)
	switch {
	case unicode.IsUpper(r):
		fl |= FlagUpper
		if first {
			fl |= FlagFirstUp
		}
	case unicode.IsLower(r):
		fl |= FlagLower
	case unicode.IsDigit(r):
		fl |= FlagDigit
	}
	return fl
}

// Tokenize appends the word tokens of text to dst. Tokens inside a
// path-like chunk (a run of non-space text such as org/repo, file.ext,
// @handle, --flag, snake_case, a domain, an e-mail address or a URL) carry
// FlagPathLike.
//
// It is one pass over the bytes: a chunk's tokens are appended as they
// are found and marked path-like when the chunk ends, and isPathLike only
// runs on the few chunks holding a byte that can make them so.
func Tokenize(text string, dst []Token) []Token {
	// Few live variables, so that the loop keeps them in registers.
	const (
		inChunk  = 1 << iota // inside a chunk
		special              // the chunk holds a byte that may make it path-like
		onlyTrim             // the chunk so far is only leading punctuation (isTrimByte)
	)
	pend := uint16(FlagSentence) // flags for the next token
	st := uint8(0)
	cs, ct := 0, 0 // the chunk's start, and the index of its first token in dst
	n := len(text)
	i := 0
	for i < n {
		c := text[i]
		if f := asciiWord[c]; f != 0 || c >= utf8.RuneSelf {
			// a word, white space, a barrier or other non-ASCII text
			var fl uint16
			ts := i
			if f != 0 {
				fl = f
				if f == FlagUpper {
					fl |= FlagFirstUp
				}
				i++
			} else {
				r, w := utf8.DecodeRuneInString(text[i:])
				if !isWordRune(r) {
					if isSpaceRune(r) || r == barrier {
						if st&special != 0 && isPathLike(text[cs:i]) {
							markPath(dst[ct:])
						}
						st = 0
						if r == barrier {
							pend |= FlagBarrierBefore
						}
					} else if st&inChunk == 0 {
						st, cs, ct = inChunk, i, len(dst)
					} else {
						st &^= onlyTrim
					}
					i += w
					continue
				}
				fl = runeFlags(r, true)
				i += w
			}
			if st&inChunk == 0 {
				st, cs, ct = inChunk, ts, len(dst)
			} else {
				st &^= onlyTrim
			}
			for i < n {
				if i+8 <= n {
					// skip a run of lower-case ASCII letters eight bytes at a time
					// (the load is written out here: a function doing it would
					// not be inlined)
					t := text[i : i+8]
					x := uint64(t[0]) | uint64(t[1])<<8 | uint64(t[2])<<16 | uint64(t[3])<<24 |
						uint64(t[4])<<32 | uint64(t[5])<<40 | uint64(t[6])<<48 | uint64(t[7])<<56
					if k := lowerRun8(x); k > 0 {
						fl |= FlagLower
						i += k
						if k == 8 {
							continue
						}
					}
				}
				c := text[i]
				if f := asciiWord[c]; f != 0 {
					fl |= f
					i++
					continue
				}
				if c < utf8.RuneSelf {
					break
				}
				r, w := utf8.DecodeRuneInString(text[i:])
				if !isWordRune(r) {
					break
				}
				fl |= runeFlags(r, false)
				i += w
			}
			dst = append(dst, Token{Start: int32(ts), End: int32(i), Flags: fl | pend})
			pend = 0
			continue
		}
		if asciiSpace[c] {
			if st&special != 0 && isPathLike(text[cs:i]) {
				markPath(dst[ct:])
			}
			st = 0
			i++
			continue
		}
		// ASCII punctuation
		if st&inChunk == 0 {
			st, cs, ct = inChunk|onlyTrim, i, len(dst)
		}
		switch {
		case pathByte[c]:
			st |= special
		case c == '.':
			// a dot between two letters (file.ext) may make the chunk a path
			if i > cs && i+1 < n && isLetterByte(text[i-1]) && isLetterByte(text[i+1]) {
				st |= special
			}
		case c == '-':
			// a chunk whose core starts with a hyphen may be a flag
			if st&onlyTrim != 0 {
				st |= special
			}
		}
		if c == '.' || c == '!' || c == '?' {
			// a sentence ends when only closing punctuation follows in the chunk
			if closingOnly(text, i+1) {
				pend |= FlagSentence
			}
		}
		if !isTrimByte(c) {
			st &^= onlyTrim
		}
		i++
	}
	if st&special != 0 && isPathLike(text[cs:]) {
		markPath(dst[ct:])
	}
	return dst
}

// lowerRun8 returns how many of the eight bytes of x (the first in its
// lowest byte) are lower-case ASCII letters before the first that is not.
func lowerRun8(x uint64) int {
	const hi = 0x8080808080808080
	y := x &^ hi // no carry between bytes below
	// the top bit of each byte: set when the byte is at least 'a', and not at least '{', and ASCII
	m := (y + 0x1f1f1f1f1f1f1f1f) &^ (y + 0x0505050505050505) &^ x & hi
	return bits.TrailingZeros64(^m&hi) >> 3
}

// markPath marks a path-like chunk's tokens.
func markPath(toks []Token) {
	for k := range toks {
		toks[k].Flags |= FlagPathLike
	}
}

// closingOnly reports whether text[i:] up to the end of its chunk (white
// space, a barrier or the end of text) is only closing punctuation.
func closingOnly(text string, i int) bool {
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case asciiSpace[c]:
				return true
			case c == '"' || c == '\'' || c == ')' || c == ']' || c == '*' || c == '_':
				i++
				continue
			}
			return false
		}
		r, w := utf8.DecodeRuneInString(text[i:])
		switch {
		case isSpaceRune(r) || r == barrier:
			return true
		case r == '”' || r == '’':
			i += w
			continue
		}
		return false
	}
	return true
}

// isPathLike reports whether a chunk of non-space text is a path, URL,
// e-mail address, handle, command-line flag, identifier or domain. It is
// one pass over the bytes: most chunks are plain words.
func isPathLike(chunk string) bool {
	// trim surrounding punctuation (ASCII only; typographic quotes are not path characters)
	a, b := 0, len(chunk)
	for a < b && isTrimByte(chunk[a]) {
		a++
	}
	for b > a && isTrimByte(chunk[b-1]) {
		b--
	}
	core := chunk[a:b]
	if core == "" {
		return false
	}
	switch core[0] {
	case '@':
		return true
	case '-':
		if len(core) > 1 && (core[1] == '-' || isLetterByte(core[1])) {
			return true
		}
	}
	for k := 0; k < len(core); k++ {
		switch c := core[k]; c {
		case '/', '\\', '@', '_', '=', '<', '>', '{', '}', '|', '`', '~':
			return true
		case '.':
			// a dot between two letters: file.ext, acme.io, Node.js
			if k > 0 && k+1 < len(core) && isLetterByte(core[k-1]) && isLetterByte(core[k+1]) {
				return true
			}
		}
	}
	return false
}

func isTrimByte(c byte) bool {
	switch c {
	case '.', ',', ';', ':', '!', '?', '(', ')', '[', ']', '"', '\'', '*':
		return true
	}
	return false
}

func isLetterByte(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= 0x80 }

// MaxTokens is an upper bound of the number of tokens Tokenize finds in
// text, without tokenizing it: the ASCII letters and digits that follow
// a byte that is not one, plus the lead bytes of the non-ASCII runes
// (each may start a token). It is a pass over the bytes, for a caller
// that must reserve (and charge) the tokens' array before Tokenize, on
// a text too big for the usual estimate (len(text)/2+1 bounds the tokens
// too, less tightly for prose).
func MaxTokens(text string) int {
	n := 0
	prev := false // the previous byte is an ASCII letter or digit
	for i := 0; i < len(text); i++ {
		c := text[i]
		w := asciiWord[c] != 0
		if w && !prev || c >= 0xC0 {
			n++
		}
		prev = w
	}
	return n
}
