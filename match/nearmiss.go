package match

const nearBitsLen = 1 << 20

// nearBit is the bit of a near-miss index key in nearBits.
func nearBit(k uint64) uint32 { return uint32((k * 0x9E3779B97F4A7C15) >> (64 - 20)) }

func (ix *Index) setNearBit(k uint64) {
	b := nearBit(k)
	ix.nearBits[b>>6] |= 1 << (b & 63)
}

func (ix *Index) nearBit(k uint64) bool {
	b := nearBit(k)
	return ix.nearBits[b>>6]&(1<<(b&63)) != 0
}

// nearKey is the near-miss index key of a length and three bytes.
func nearKey[T string | []byte](n int, b T) uint64 {
	return uint64(n)<<24 | uint64(b[0])<<16 | uint64(b[1])<<8 | uint64(b[2])
}

// nearMiss looks for a term one edit away from the words starting at s.
//
// Most windows are rejected before their words are folded: for ASCII
// words the key's length is the sum of the words' lengths, and a window of
// k words can only be a near-miss of a k-word name whose key is one byte
// longer or shorter at most (nearLenToks). The words are folded into key
// only for a window that passes.
//
// It returns the term and the index of the window's last token, or -1.
func (ix *Index) nearMiss(text string, toks []Token, s int, key []byte) (term int32, end int) {
	// a near-miss has as many tokens as the term's name: at most nearMaxToks
	lim := min(len(toks), s+ix.nearMaxToks)
	n := 0      // the length of the folded key of toks[s:t+1]
	folded := s // toks[s:folded] are folded into key
	// noP2: the key's first two bytes, read from an ASCII first word of
	// two or more bytes, start no near-miss key; then the last two, read
	// likewise from the last word, must end one.
	noP2 := false
	if tk := toks[s]; tk.Flags&FlagNonASCII == 0 && tk.End-tk.Start >= 2 {
		noP2 = !ix.nearP2[uint16(lowerASCII[text[tk.Start]])<<8|uint16(lowerASCII[text[tk.Start+1]])]
	}
	for t := s; t < lim; t++ {
		tk := toks[t]
		if t > s && (tk.Flags&(FlagPathLike|FlagBarrierBefore) != 0 || !joinable(text[toks[t-1].End:tk.Start])) {
			break
		}
		if tk.Flags&FlagNonASCII != 0 {
			// its folded length is not its length: fold up to here
			for ; folded <= t; folded++ {
				f := toks[folded]
				key = appendFolded(key, text[f.Start:f.End], f.Flags&FlagNonASCII != 0)
			}
			n = len(key)
		} else {
			if n+int(tk.End-tk.Start) > ix.nearMax+1 {
				break // too long already: no need to fold it
			}
			n += int(tk.End - tk.Start)
		}
		if n > ix.nearMax+1 {
			break
		}
		if n < ix.nearMin-1 {
			continue
		}
		if k := t - s + 1; k >= len(ix.nearLenToks) || ix.nearLenToks[k]>>(n-1)&7 == 0 {
			continue // no k-word name has a key of n-1, n or n+1 bytes
		}
		if noP2 && tk.Flags&FlagNonASCII == 0 && tk.End-tk.Start >= 2 &&
			!ix.nearS2[uint16(lowerASCII[text[tk.End-2]])<<8|uint16(lowerASCII[text[tk.End-1]])] {
			continue // the P2/S2 test below, without folding
		}
		for ; folded <= t; folded++ {
			f := toks[folded]
			key = appendFolded(key, text[f.Start:f.End], f.Flags&FlagNonASCII != 0)
		}
		if !ix.nearP2[uint16(key[0])<<8|uint16(key[1])] && !ix.nearS2[uint16(key[n-2])<<8|uint16(key[n-1])] {
			continue
		}
		for d := -1; d <= 1; d++ {
			L := n + d
			if L <= 0 || L >= len(ix.nearLen) || !ix.nearLen[L] {
				continue
			}
			for k, pk := range [2]uint64{nearKey(L, key[:3]), nearKey(L, key[n-3:])} {
				if !ix.nearBit(pk) {
					continue
				}
				lst := ix.nearPre[pk]
				if k == 1 {
					lst = ix.nearSuf[pk]
				}
				for _, ti := range lst {
					tk := ix.nearKeys[ti]
					if ix.nearToks[ti] == t-s+1 && editDistance1(key, tk) && !pluralOnly(key, tk) {
						return ti, t
					}
				}
			}
		}
	}
	return -1, 0
}

// pluralOnly reports whether a and b differ only by a trailing "s".
func pluralOnly(a []byte, b string) bool {
	switch len(a) - len(b) {
	case 1:
		return a[len(a)-1] == 's' && string(a[:len(b)]) == b
	case -1:
		return b[len(b)-1] == 's' && string(a) == b[:len(a)]
	}
	return false
}

// editDistance1 reports whether a and b are exactly one edit apart
// (insertion, deletion, substitution or transposition of adjacent bytes).
func editDistance1(a []byte, b string) bool {
	if string(a) == b {
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
		if string(a[i+1:]) == b[i+1:] {
			return true
		}
		return i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && string(a[i+2:]) == b[i+2:]
	case la > lb:
		return string(a[i+1:]) == b[i:]
	default:
		return string(a[i:]) == b[i+1:]
	}
}
