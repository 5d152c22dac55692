package funnel

import "slices"

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

// packed are the stopwords of at most 8 bytes, packed into a uint64
// (packWord), sorted: a lookup is a binary search, no hashing.
var packed = func() []uint64 {
	var out []uint64
	for w := range stopwords {
		if len(w) <= 8 {
			x := packWord([]byte(w))
			out = append(out, x)
			b := stopBit(x)
			stopFilter[b/64] |= 1 << (b % 64)
		}
	}
	slices.Sort(out)
	return out
}()

// stopFilter has a bit per packed stopword (stopBit): most words are
// rejected without a search.
var stopFilter [64]uint64

func stopBit(x uint64) uint64 { return x * 0x9e3779b97f4a7c15 >> 52 }

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
		x := packWord(w)
		if b := stopBit(x); stopFilter[b/64]&(1<<(b%64)) == 0 {
			return false
		}
		_, ok := slices.BinarySearch(packed, x)
		return ok
	case len(w) <= 10:
		return stopwords[string(w)]
	}
	return false
}
