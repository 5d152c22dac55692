package match

// WordFilter is a cheap, necessary test for membership of a folded word in
// a set: one bit per (length, first byte, last byte). A word whose bit is
// clear is certainly not in the set, so the caller can skip hashing it
// into a map. Rule families that look up every token (claims keywords,
// number words, funnel signals) put one in front of their maps.
type WordFilter struct {
	bits [1 << 16 / 64]uint64
}

func filterKey(w []byte) uint32 {
	n := len(w)
	if n > 31 {
		n = 31
	}
	return uint32(n)<<11 | uint32(w[0]&63)<<5 | uint32(w[len(w)-1]&31)
}

// Add puts w in the set.
func (f *WordFilter) Add(w string) {
	if w == "" {
		return
	}
	k := filterKey([]byte(w))
	f.bits[k>>6] |= 1 << (k & 63)
}

// MayContain reports whether w may be in the set (false: it is not).
func (f *WordFilter) MayContain(w []byte) bool {
	if len(w) == 0 {
		return false
	}
	k := filterKey(w)
	return f.bits[k>>6]&(1<<(k&63)) != 0
}
