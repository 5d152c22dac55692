package match

import (
	"encoding/binary"
	"slices"
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

var folder = cases.Fold()

// Fold case-folds and NFC-normalises s (typographic apostrophes become ').
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	return folder.String(norm.NFC.String(s))
}

// AppendFolded appends the case-folded bytes of word w (a token's text;
// nonASCII is its FlagNonASCII): an ASCII fast path, else Fold.
func AppendFolded(dst []byte, w string, nonASCII bool) []byte { return appendFolded(dst, w, nonASCII) }

// appendFolded appends the folded bytes of word w.
func appendFolded(dst []byte, w string, nonASCII bool) []byte {
	if !nonASCII {
		n := len(dst)
		if cap(dst)-n < len(w) {
			dst = slices.Grow(dst, len(w))
		}
		dst = dst[:n+len(w)]
		d := dst[n:]
		w = w[:len(d)]
		for i := range d {
			d[i] = lowerASCII[w[i]]
		}
		return dst
	}
	return append(dst, Fold(w)...)
}

// FoldTokens appends the folded text of each of toks (the tokens of text)
// to dst, as AppendFolded does one by one, and sets ends[k] to the length
// that token k brings the appended part to (ends needs len(toks)
// entries): token k's folded bytes are dst[base+ends[k-1]:base+ends[k]],
// base being len(dst) on entry and ends[-1] zero.
//
// An ASCII token is lower-cased eight bytes at a time when text has whole
// chunks of eight from its start and dst has room for them: the bytes a
// chunk writes past the token's end are overwritten by the next token or
// lie past len(dst). Other tokens (non-ASCII, or at the very end of text)
// go through AppendFolded.
func FoldTokens(dst []byte, ends []int32, text string, toks []Token) []byte {
	base := len(dst)
	ends = ends[:len(toks)]
	for k := range toks {
		tk := toks[k]
		s, e := int(tk.Start), int(tk.End)
		n := len(dst)
		if tk.Flags&FlagNonASCII == 0 && e+7 <= len(text) && e-s+8 <= cap(dst)-n {
			d := dst[n:cap(dst)]
			for j := 0; s+j < e; j += 8 {
				t := text[s+j : s+j+8]
				x := uint64(t[0]) | uint64(t[1])<<8 | uint64(t[2])<<16 | uint64(t[3])<<24 |
					uint64(t[4])<<32 | uint64(t[5])<<40 | uint64(t[6])<<48 | uint64(t[7])<<56
				binary.LittleEndian.PutUint64(d[j:j+8], lower8(x))
			}
			dst = dst[:n+e-s]
		} else {
			dst = appendFolded(dst, text[s:e], tk.Flags&FlagNonASCII != 0)
		}
		ends[k] = int32(len(dst) - base)
	}
	return dst
}

// lower8 lower-cases the ASCII capital letters among the eight bytes of x
// and leaves every other byte as it is.
func lower8(x uint64) uint64 {
	const hi = 0x8080808080808080
	y := x &^ hi // no carry between bytes below
	// the top bit of each byte: set when the byte is at least 'A', and not at least '[', and ASCII
	m := (y + 0x3f3f3f3f3f3f3f3f) &^ (y + 0x2525252525252525) &^ x & hi
	return x | m>>2
}

// LooseKey is the loose key of a surface form: case-folded, with spaces,
// hyphens, dots, apostrophes and ™®© removed.
func LooseKey(s string) string {
	toks := Tokenize(s, nil)
	var b []byte
	for _, t := range toks {
		b = appendFolded(b, s[t.Start:t.End], t.Flags&FlagNonASCII != 0)
	}
	return string(b)
}

// NormalizeSpace maps typographic variants to plain ones for comparing
// surface forms: white space runs (incl. no-break spaces) become one
// space, Unicode hyphens become '-', and ™®© are dropped.
func NormalizeSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case isSpaceRune(r):
			space = true
			continue
		case r == '™' || r == '®' || r == '©' || ignorable(r):
			continue
		case r == '\u2010' || r == '\u2011':
			r = '-'
		case r == '’' || r == 'ʼ':
			r = '\''
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// ignorable reports whether r is an invisible format character that may
// stand inside a name without changing it: a soft hyphen, a zero-width
// space or joiner, a word joiner, a byte-order mark.
func ignorable(r rune) bool {
	switch r {
	case 0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF:
		return true
	}
	return false
}

// joinable reports whether the text between two tokens may stand inside a
// name: white space, or a single hyphen or dot with no space around it
// (™®© are ignored).
func joinable(sep string) bool {
	if sep == "" || sep == " " {
		return true
	}
	allSpace := true
	n := 0
	var one rune
	for _, r := range sep {
		if r == '™' || r == '®' || r == '©' || ignorable(r) {
			continue
		}
		if isSpaceRune(r) {
			continue
		}
		allSpace = false
		n++
		one = r
	}
	if allSpace {
		return true
	}
	if n != 1 {
		return false
	}
	switch one {
	case '-', '.', '\u2010', '\u2011':
		// no space around a joining hyphen or dot
		for _, r := range sep {
			if isSpaceRune(r) {
				return false
			}
		}
		return true
	}
	return false
}
