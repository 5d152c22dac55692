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
// uint64 (packWord), in an open-addressing table of stopSlots slots
// (0: free): a lookup is one multiply and, for most words, one or two
// reads of a 4 KB table, no hashing of the bytes and no search.
var stopTable = func() (t [stopSlots]uint64) {
	for w := range stopwords {
		if len(w) <= 8 {
			x := packWord([]byte(w))
			i := stopSlot(x)
			for t[i] != 0 {
				i = (i + 1) & (stopSlots - 1)
			}
			t[i] = x
		}
	}
	return t
}()

// stopSlots is the size of stopTable: a power of two, about four times
// the number of stopwords.
const stopSlots = 512

func stopSlot(x uint64) uint64 { return x * 0x9e3779b97f4a7c15 >> 55 }

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
// packed by packWord, is a stopword.
func isPackedStopword(x uint64) bool {
	for i := stopSlot(x); ; i = (i + 1) & (stopSlots - 1) {
		switch stopTable[i] {
		case x:
			return true
		case 0:
			return false
		}
	}
}
