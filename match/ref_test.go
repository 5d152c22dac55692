package match

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// asciiClass classifies ASCII bytes for tokenizeRef.
var asciiClass = func() (t [128]uint8) {
	for c := 0; c < 128; c++ {
		switch {
		case c >= 'a' && c <= 'z':
			t[c] = clsLower
		case c >= 'A' && c <= 'Z':
			t[c] = clsUpper
		case c >= '0' && c <= '9':
			t[c] = clsDigit
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			t[c] = clsSpace
		default:
			t[c] = clsPunct
		}
	}
	return
}()

const (
	clsPunct uint8 = iota
	clsLower
	clsUpper
	clsDigit
	clsSpace
)

// tokenizeRef is the original Tokenize, kept to check the fast one against.
// It appends the word tokens of text to dst. Tokens inside a
// path-like chunk (a run of non-space text such as org/repo, file.ext,
// @handle, --flag, snake_case, a domain, an e-mail address or a URL) carry
// FlagPathLike.
func tokenizeRef(text string, dst []Token) []Token {
	sentence := true
	barrierSeen := false
	i := 0
	n := len(text)
	for i < n {
		// skip white space and barriers
		c := text[i]
		if c < utf8.RuneSelf {
			if asciiClass[c] == clsSpace {
				i++
				continue
			}
		} else {
			r, w := utf8.DecodeRuneInString(text[i:])
			if isSpaceRune(r) {
				i += w
				continue
			}
			if r == barrier {
				barrierSeen = true
				i += w
				continue
			}
		}
		// one chunk: a run of non-space runes
		cs := i
		for i < n {
			c := text[i]
			if c < utf8.RuneSelf {
				if asciiClass[c] == clsSpace {
					break
				}
				i++
				continue
			}
			r, w := utf8.DecodeRuneInString(text[i:])
			if isSpaceRune(r) || r == barrier {
				break
			}
			i += w
		}
		chunk := text[cs:i]
		pathLike := isPathLikeRef(chunk)
		j := 0
		for j < len(chunk) {
			c := chunk[j]
			if c < utf8.RuneSelf {
				cls := asciiClass[c]
				if cls == clsPunct {
					if c == '.' || c == '!' || c == '?' {
						// a sentence ends when only closing punctuation follows in the chunk
						if j+1 == len(chunk) || strings.Trim(chunk[j+1:], `"')]*_”’`) == "" {
							sentence = true
						}
					}
					j++
					continue
				}
			} else if r, w := utf8.DecodeRuneInString(chunk[j:]); !isWordRune(r) {
				j += w
				continue
			}
			ts := j
			var fl uint16
			first := true
			for j < len(chunk) {
				c := chunk[j]
				if c < utf8.RuneSelf {
					switch asciiClass[c] {
					case clsLower:
						fl |= FlagLower
					case clsUpper:
						fl |= FlagUpper
						if first {
							fl |= FlagFirstUp
						}
					case clsDigit:
						fl |= FlagDigit
					default:
						goto done
					}
					j++
					first = false
					continue
				}
				r, w := utf8.DecodeRuneInString(chunk[j:])
				if !isWordRune(r) {
					break
				}
				fl |= FlagNonASCII
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
				first = false
				j += w
			}
		done:
			if pathLike {
				fl |= FlagPathLike
			}
			if sentence {
				fl |= FlagSentence
				sentence = false
			}
			if barrierSeen {
				fl |= FlagBarrierBefore
				barrierSeen = false
			}
			dst = append(dst, Token{Start: int32(cs + ts), End: int32(cs + j), Flags: fl})
		}
	}
	return dst
}

// isPathLikeRef is the original isPathLike. It reports whether a chunk of non-space text is a path, URL,
// e-mail address, handle, command-line flag, identifier or domain. It is
// one pass over the bytes: most chunks are plain words.
func isPathLikeRef(chunk string) bool {
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
