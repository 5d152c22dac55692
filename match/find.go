package match

import (
	"strings"
	"unicode/utf8"
)

// Find appends every glossary match in text to dst, leftmost-longest, in
// order. toks must be Tokenize(text) (pass nil to tokenize here).
func (ix *Index) Find(text string, toks []Token, dst []Match) []Match {
	if ix == nil || len(ix.forms) == 0 {
		return dst
	}
	if toks == nil {
		toks = Tokenize(text, nil)
	}
	var buf [64]byte
	for s := 0; s < len(toks); s++ {
		tk := toks[s]
		if tk.Flags&FlagPathLike != 0 {
			continue
		}
		// The first two bytes of an ASCII word reject most tokens with two
		// array reads; the walk then goes on from that node.
		node, depth, rejected := int32(0), 0, false
		if tk.Flags&FlagNonASCII == 0 && tk.End-tk.Start >= 2 {
			if l1 := ix.level1[lowerASCII[text[tk.Start]]]; l1 != nil {
				node = l1[lowerASCII[text[tk.Start+1]]]
			}
			depth, rejected = 2, node == 0
			// and the third byte, when the token has one, by one bit test
			if !rejected && tk.End-tk.Start >= 3 && !ix.mayKid(node, lowerASCII[text[tk.Start+2]]) {
				rejected = true
			}
		}
		near := ix.nearMax > 0 && tk.Flags&FlagFirstUp != 0
		if rejected && !near {
			continue
		}
		if s > 0 && midCompound(text, toks[s-1], tk) {
			continue // Ionide-VSCode: a name inside another hyphenated name
		}
		if !rejected {
			end, leaf := ix.longest(text, toks, s, node, depth)
			if leaf >= 0 {
				m := ix.classify(text, toks, s, end, leaf)
				dst = append(dst, m)
				s = end
				continue
			}
		}
		if near {
			if ti, e := ix.nearMiss(text, toks, s, buf[:0]); ti >= 0 {
				dst = append(dst, Match{Start: int(tk.Start), End: int(toks[e].End), Term: int(ti), Class: NearMiss, Form: ix.Terms[ti].Name})
				s = e
			}
		}
	}
	return dst
}

// midCompound reports whether cur is joined to prev by a lone hyphen or
// dot with no space: cur then starts in the middle of a compound word.
func midCompound(text string, prev, cur Token) bool {
	sep := text[prev.End:cur.Start]
	return sep == "-" || sep == "." || sep == "\u2010" || sep == "\u2011"
}

// longest walks the trie from token s and returns the last token index of
// the longest match and its leaf, or -1. The walk starts at node, depth
// bytes into token s (0, or 2 for an ASCII token whose first two bytes led
// to node).
func (ix *Index) longest(text string, toks []Token, s int, node int32, depth int) (end int, leaf int32) {
	end, leaf = -1, -1
	var l1 *[256]int32
	lim := min(len(toks), s+ix.maxTokens+1)
	i := depth
	for t := s; t < lim; t++ {
		tk := toks[t]
		if t > s {
			if tk.Flags&(FlagPathLike|FlagBarrierBefore) != 0 || !joinable(text[toks[t-1].End:tk.Start]) {
				break
			}
			i = 0
		}
		w := text[tk.Start:tk.End]
		if tk.Flags&FlagNonASCII == 0 {
			for ; i < len(w); i++ {
				c := lowerASCII[w[i]]
				if depth >= 2 {
					node = ix.kid(node, c)
				} else if depth == 0 {
					node = ix.root[c]
					l1 = ix.level1[c]
				} else if l1 != nil {
					node = l1[c]
				} else {
					return end, leaf
				}
				if node == 0 {
					return end, leaf
				}
				depth++
			}
		} else {
			w = Fold(w)
			for ; i < len(w); i++ {
				c := w[i]
				if depth >= 2 {
					node = ix.kid(node, c)
				} else if depth == 0 {
					node = ix.root[c]
					l1 = ix.level1[c]
				} else if l1 != nil {
					node = l1[c]
				} else {
					return end, leaf
				}
				if node == 0 {
					return end, leaf
				}
				depth++
			}
		}
		if l := ix.leaf[node]; l >= 0 {
			end, leaf = t, l
		}
	}
	return end, leaf
}

func (ix *Index) classify(text string, toks []Token, s, e int, leaf int32) Match {
	m := Match{Start: int(toks[s].Start), End: int(toks[e].End)}
	surface := text[m.Start:m.End]
	ascii := plainASCII(surface)
	if !ascii {
		surface = NormalizeSpace(surface)
	}
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
	var folded string
	if !ascii {
		folded = Fold(surface)
	}
	for _, fi := range cands {
		f := &ix.forms[fi]
		if ascii && equalLowerASCII(f.folded, surface) || !ascii && f.folded == folded {
			c := kindClass(f.kind)
			if c == OK && ix.Terms[f.term].CaseSensitive {
				// "wrong case" is the whole name in another case style
				// (acme cloudsync, ACME CLOUDSYNC); a changed inner
				// capital (Acme Cloudsync) is an undeclared spelling.
				c = Undeclared
				if caseStyleOnly(surface, f.text) {
					c = Case
				}
			}
			return pick(fi, c)
		}
	}
	// loose only: prefer the canonical form's term
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

// plainASCII reports whether s is ASCII with no white space but single
// spaces: NormalizeSpace would return it unchanged (when it starts and ends
// with a word) and Fold is strings.ToLower.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || asciiSpace[c] && (c != ' ' || i > 0 && s[i-1] == ' ') {
			return false
		}
	}
	return true
}

// equalLowerASCII reports whether lower == strings.ToLower(s) for an ASCII s.
func equalLowerASCII(lower, s string) bool {
	if len(lower) != len(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if lower[i] != c {
			return false
		}
	}
	return true
}

// equalUpperASCII reports whether upper == strings.ToUpper(s) for an ASCII s.
func equalUpperASCII(upper, s string) bool {
	if len(upper) != len(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if upper[i] != c {
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// caseStyleOnly reports whether surface differs from form only by whole
// words written in lower or upper case ("acme cloudsync", "Acme insights",
// "ACME CLOUDSYNC"), not by a changed inner capital ("Acme Cloudsync").
func caseStyleOnly(surface, form string) bool {
	var bufA, bufB [8]Token
	a, b := Tokenize(surface, bufA[:0]), Tokenize(form, bufB[:0])
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := surface[a[i].Start:a[i].End], form[b[i].Start:b[i].End]
		if x == y {
			continue
		}
		if isASCII(y) {
			if !equalLowerASCII(x, y) && !equalUpperASCII(x, y) {
				return false
			}
		} else if x != strings.ToLower(y) && x != strings.ToUpper(y) {
			return false
		}
	}
	return true
}
