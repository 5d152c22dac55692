package funnel

// stopwords are English function words: they make no features (they say
// how long a text is, not what it is for) and are never named as
// evidence.
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{
		"a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
		"be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could",
		"did", "do", "does", "doing", "down", "during", "each", "even", "few", "for", "from", "further",
		"had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how",
		"i", "if", "in", "into", "is", "it", "its", "itself", "just", "let", "like", "me", "more", "most", "much", "must", "my",
		"myself", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours",
		"ourselves", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the",
		"their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to",
		"too", "under", "until", "up", "us", "very", "was", "we", "were", "what", "when", "where", "which", "while",
		"who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself", "yourselves",
		"it's", "don't", "you're", "we're", "isn't", "can't", "won't", "doesn't", "let's", "that's",
	} {
		m[w] = true
	}
	return m
}()

// stopTable holds the stopwords of at most 8 bytes, packed into a
// uint64 (packWord), each in a slot of its own: stopMul is the first odd
// multiplier of a fixed sequence, from stopSeed on (so every run finds
// the same), that sends no two of them to one slot. A lookup is one multiply, one read of
// a 16 KB table and one comparison: no probing, and no branch on whether
// the word is a stopword (half the words are, at random).
var stopMul, stopTable = func() (uint64, *[1 << stopBits]uint64) {
	t := new([1 << stopBits]uint64)
	for seed := uint64(stopSeed); ; seed++ {
		m := splitMix(seed) | 1
		clear(t[:])
		ok := true
		for w := range stopwords {
			if len(w) > 8 {
				continue
			}
			x := packWord([]byte(w))
			i := x * m >> (64 - stopBits)
			if t[i] != 0 {
				ok = false
				break
			}
			t[i] = x
		}
		if ok {
			return m, t
		}
	}
}()

// splitMix is SplitMix64's output function: the candidate multipliers
// (consecutive ones would keep two short words that collide colliding).
func splitMix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// stopSeed is where the search for stopMul starts: the first seed from
// 1 that fits today's stopwords, so a run finds it at once (a changed
// list of stopwords searches on from there).
const stopSeed = 171

// stopBits is log2 of stopTable's size: 2,048 slots for about 140
// stopwords, so a multiplier without collisions comes within a few
// hundred tries.
const stopBits = 11

func packWord(w []byte) uint64 {
	var x uint64
	for _, c := range w {
		x = x<<8 | uint64(c)
	}
	return x
}

// isStopword reports whether folded word w is a stopword.
func isStopword(w []byte) bool {
	switch {
	case len(w) <= 8:
		return isPackedStopword(packWord(w))
	case len(w) <= 10:
		return stopwords[string(w)]
	}
	return false
}

// isPackedStopword reports whether x, a folded word of at most 8 bytes
// packed by packWord, is a stopword. (x is 0 only for an empty word or
// one of NUL bytes, which usableWord turns away first; for it the answer
// is whether slot 0 is free.)
func isPackedStopword(x uint64) bool {
	return stopTable[x*stopMul>>(64-stopBits)] == x
}
