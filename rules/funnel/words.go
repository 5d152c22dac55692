package funnel

import (
	"encoding/binary"
	"math/bits"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
)

// The word features of a block: its folded words hashed by kind, alone
// and in pairs, without stopwords and words that are not words.

// addWords adds the features of the first limit words of block blk: each
// usable word (not a stopword) as kind, and with kind2 != 0 each pair of
// usable words as kind2 (addSingles without pairs). It returns the number
// of words read. One pass over a word's bytes makes its hashes; a word of
// up to 8 bytes is also read as one 64-bit word, which tells its letters
// (usableWord) and packs it for the stopword table without a loop.
func (fs *featureSet) addWords(kind, kind2 byte, blk int, ws *lint.Words, toks []match.Token, limit int) int {
	if kind2 == 0 {
		return fs.addSingles(kind, blk, ws, toks, limit)
	}
	n := min(ws.Len(), limit, len(toks))
	s1, s2 := hashStart(kind), hashStart(kind2)
	prev := -1
	var prevH uint64 // the pair's hash so far: kind2, the previous word, a space
	arena, offs := ws.Arena, ws.Offs
	for k := 0; k < n; k++ {
		if toks[k].Flags&match.FlagPathLike != 0 {
			prev = -1
			continue
		}
		w := arena[offs[k]:offs[k+1]]
		if len(w) < 2 || len(w) > 24 {
			prev = -1
			continue
		}
		var letters int
		var packed uint64 // w by packWord (up to 8 bytes)
		short := len(w) <= 8 && cap(w) >= 8
		if short {
			letters, packed = shortWord(w)
		} else {
			for _, c := range w {
				if c >= 'a' && c <= 'z' || c >= 0x80 {
					letters++
				}
			}
		}
		h1, h2, hp := hashWord3(s1, s2, prevH, w)
		if letters*2 <= len(w) { // not usableWord
			prev = -1
			continue
		}
		stop := false
		if StopWords {
			if short {
				stop = isPackedStopword(packed)
			} else {
				stop = isStopword(w)
			}
		}
		if !stop {
			fs.add(feature{h: withKind(kind, h1), kind: kind, blk: int32(blk), w: int32(k)})
		}
		if prev >= 0 {
			fs.add(feature{h: withKind(kind2, hp), kind: kind2, blk: int32(blk), w: int32(prev)})
		}
		prev = k
		prevH = (h2 ^ ' ') * fnvPrime
	}
	return n
}

// addSingles is addWords without pairs (kind2 == 0: the body and the
// description, most of a document's words), in a loop of its own.
func (fs *featureSet) addSingles(kind byte, blk int, ws *lint.Words, toks []match.Token, limit int) int {
	n := min(ws.Len(), limit, len(toks))
	if n <= 0 {
		return n
	}
	s1 := hashStart(kind)
	arena, offs := ws.Arena, ws.Offs[:n+1]
	toks = toks[:n]
	hi := offs[0]
	for k := range toks {
		lo := hi
		hi = offs[k+1]
		if toks[k].Flags&match.FlagPathLike != 0 {
			continue
		}
		w := arena[lo:hi]
		if len(w) < 2 || len(w) > 24 {
			continue
		}
		var stop bool
		if len(w) <= 8 && cap(w) >= 8 {
			letters, packed := shortWord(w)
			if letters*2 <= len(w) { // not usableWord
				continue
			}
			stop = StopWords && isPackedStopword(packed)
		} else {
			if !usableWord(w) {
				continue
			}
			stop = StopWords && isStopword(w)
		}
		if !stop { // a stopword is not hashed at all
			fs.add(feature{h: withKind(kind, hashBytes(s1, w)), kind: kind, blk: int32(blk), w: int32(k)})
		}
	}
	return n
}

// hashWord3 is hashBytes on three hashes at once (a word, the word
// starting a pair, and the pair the word ends).
//
//go:noinline
func hashWord3(h1, h2, h3 uint64, w []byte) (uint64, uint64, uint64) {
	for _, c := range w {
		x := uint64(c)
		h1 = (h1 ^ x) * fnvPrime
		h2 = (h2 ^ x) * fnvPrime
		h3 = (h3 ^ x) * fnvPrime
	}
	return h1, h2, h3
}

// shortWord reads a word of at most 8 bytes whose slice has room for 8
// (cap(w) >= 8: the bytes past it are masked off) as one 64-bit word: it
// returns how many of its bytes are letters as usableWord counts them
// ('a' to 'z', or any byte of a non-ASCII rune) and the word packed as
// packWord packs it.
func shortWord(w []byte) (letters int, packed uint64) {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	mask := uint64(1)<<(8*len(w)) - 1 // every bit of a word of 8 bytes
	x := binary.LittleEndian.Uint64(w[:8]) & mask
	y := x &^ highs                           // each byte below 0x80: no carry between bytes below
	atLeastA := y + (0x80-'a')*ones           // high bit: the byte is 'a' or above
	pastZ := y + (0x80-'z'-1)*ones            // high bit: the byte is past 'z'
	m := (atLeastA&^pastZ | x) & highs & mask // a letter, or a non-ASCII byte
	return bits.OnesCount64(m), bits.ReverseBytes64(x) >> (64 - 8*len(w))
}
