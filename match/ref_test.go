package match

import (
	"strings"
	"sync"
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

// findRef is the original Find (trie edges in a map, NormalizeSpace and
// Fold on every match), kept to check the fast one against.
func (ix *Index) findRef(text string, toks []Token, dst []Match) []Match {
	if ix == nil || len(ix.forms) == 0 {
		return dst
	}
	if toks == nil {
		toks = tokenizeRef(text, nil)
	}
	edges := ix.refEdges()
	var buf [64]byte
	for s := 0; s < len(toks); s++ {
		if toks[s].Flags&FlagPathLike != 0 {
			continue
		}
		if s > 0 && midCompound(text, toks[s-1], toks[s]) {
			continue
		}
		end, leaf := ix.longestRef(edges, text, toks, s)
		if leaf >= 0 {
			m := ix.classifyRef(text, toks, s, end, leaf)
			dst = append(dst, m)
			s = end
			continue
		}
		if ix.nearMax > 0 && toks[s].Flags&FlagFirstUp != 0 {
			if m, e, ok := ix.nearMissRef(text, toks, s, buf[:0]); ok {
				dst = append(dst, m)
				s = e
			}
		}
	}
	return dst
}

var refEdges sync.Map // *Index -> map[uint64]int32

// refEdges rebuilds the map of deeper trie edges from the child arrays.
func (ix *Index) refEdges() map[uint64]int32 {
	if v, ok := refEdges.Load(ix); ok {
		return v.(map[uint64]int32)
	}
	edges := map[uint64]int32{}
	for n := int32(0); n < ix.nodes; n++ {
		for k := ix.kidStart[n]; k < ix.kidStart[n+1]; k++ {
			edges[uint64(n)<<8|uint64(ix.kidLab[k])] = ix.kidNode[k]
		}
	}
	refEdges.Store(ix, edges)
	return edges
}

func (ix *Index) longestRef(edges map[uint64]int32, text string, toks []Token, s int) (end int, leaf int32) {
	end, leaf = -1, -1
	node := int32(0)
	depth := 0
	var first byte
	step := func(c byte) bool {
		switch depth {
		case 0:
			node = ix.root[c]
			first = c
		case 1:
			l1 := ix.level1[first]
			if l1 == nil {
				return false
			}
			node = l1[c]
		default:
			node = edges[uint64(node)<<8|uint64(c)]
		}
		depth++
		return node != 0
	}
	for t := s; t < len(toks) && t < s+ix.maxTokens+1; t++ {
		tk := toks[t]
		if t > s {
			if tk.Flags&(FlagPathLike|FlagBarrierBefore) != 0 || !joinable(text[toks[t-1].End:tk.Start]) {
				break
			}
		}
		w := text[tk.Start:tk.End]
		if tk.Flags&FlagNonASCII == 0 {
			for i := 0; i < len(w); i++ {
				c := w[i]
				if c >= 'A' && c <= 'Z' {
					c += 'a' - 'A'
				}
				if !step(c) {
					return end, leaf
				}
			}
		} else {
			f := Fold(w)
			for i := 0; i < len(f); i++ {
				if !step(f[i]) {
					return end, leaf
				}
			}
		}
		if l := ix.leaf[node]; l >= 0 {
			end, leaf = t, l
		}
	}
	return end, leaf
}

func (ix *Index) classifyRef(text string, toks []Token, s, e int, leaf int32) Match {
	m := Match{Start: int(toks[s].Start), End: int(toks[e].End)}
	surface := NormalizeSpace(text[m.Start:m.End])
	folded := Fold(surface)
	cands := ix.leaves[leaf]
	pick := func(fi int32, c Class) Match {
		f := &ix.forms[fi]
		m.Term, m.Class, m.Form, m.Suffix = int(f.term), c, f.base, f.suffix
		return m
	}
	kindClass := func(k FormKind) Class {
		switch k {
		case Variant:
			return IsVariant
		case Deprecated:
			return IsDeprecated
		}
		return OK
	}
	for _, fi := range cands {
		if ix.forms[fi].text == surface {
			return pick(fi, kindClass(ix.forms[fi].kind))
		}
	}
	for _, fi := range cands {
		f := &ix.forms[fi]
		if f.folded == folded {
			c := kindClass(f.kind)
			if c == OK && ix.Terms[f.term].CaseSensitive {
				c = Undeclared
				if caseStyleOnlyRef(surface, f.text) {
					c = Case
				}
			}
			return pick(fi, c)
		}
	}
	best := cands[0]
	for _, fi := range cands {
		if ix.forms[fi].kind == Canonical {
			best = fi
			break
		}
	}
	f := &ix.forms[best]
	c := Undeclared
	if f.kind == Deprecated {
		c = IsDeprecated
	}
	return pick(best, c)
}

func caseStyleOnlyRef(surface, form string) bool {
	a, b := tokenizeRef(surface, nil), tokenizeRef(form, nil)
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := surface[a[i].Start:a[i].End], form[b[i].Start:b[i].End]
		if x != y && x != strings.ToLower(y) && x != strings.ToUpper(y) {
			return false
		}
	}
	return true
}

func (ix *Index) nearMissRef(text string, toks []Token, s int, key []byte) (Match, int, bool) {
	for t := s; t < len(toks) && t < s+ix.maxTokens+1; t++ {
		tk := toks[t]
		if t > s && (tk.Flags&(FlagPathLike|FlagBarrierBefore) != 0 || !joinable(text[toks[t-1].End:tk.Start])) {
			break
		}
		key = appendFolded(key, text[tk.Start:tk.End], tk.Flags&FlagNonASCII != 0)
		n := len(key)
		if n > ix.nearMax+1 {
			break
		}
		if n < ix.nearMin-1 {
			continue
		}
		if !ix.nearP2[uint16(key[0])<<8|uint16(key[1])] && !ix.nearS2[uint16(key[n-2])<<8|uint16(key[n-1])] {
			continue
		}
		for d := -1; d <= 1; d++ {
			L := n + d
			if L <= 0 || L >= len(ix.nearLen) || !ix.nearLen[L] {
				continue
			}
			for _, lst := range [2][]int32{ix.nearPre[nearKey(L, key[:3])], ix.nearSuf[nearKey(L, key[n-3:])]} {
				for _, ti := range lst {
					tk := ix.nearKeys[ti]
					if ix.nearToks[ti] == t-s+1 && editDistance1Ref(string(key), tk) && !(string(key)+"s" == tk || tk+"s" == string(key)) {
						m := Match{Start: int(toks[s].Start), End: int(toks[t].End), Term: int(ti), Class: NearMiss, Form: ix.Terms[ti].Name}
						return m, t, true
					}
				}
			}
		}
	}
	return Match{}, 0, false
}

func editDistance1Ref(a, b string) bool {
	if a == b {
		return false
	}
	la, lb := len(a), len(b)
	if la-lb > 1 || lb-la > 1 {
		return false
	}
	i := 0
	for i < la && i < lb && a[i] == b[i] {
		i++
	}
	switch {
	case la == lb:
		if a[i+1:] == b[i+1:] {
			return true
		}
		return i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case la > lb:
		return a[i+1:] == b[i:]
	default:
		return a[i:] == b[i+1:]
	}
}
