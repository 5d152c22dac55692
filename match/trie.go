package match

import (
	"math/bits"
	"sort"
)

// freeze turns the map of deeper trie edges into sorted child arrays: a
// lookup is then a scan of a few adjacent bytes instead of a map hash.
func (ix *Index) freeze() {
	type edge struct {
		node int32
		b    byte
		kid  int32
	}
	es := make([]edge, 0, len(ix.edges))
	for k, kid := range ix.edges {
		es = append(es, edge{int32(k >> 8), byte(k), kid})
	}
	sort.Slice(es, func(i, j int) bool {
		if es[i].node != es[j].node {
			return es[i].node < es[j].node
		}
		return es[i].b < es[j].b
	})
	ix.kidStart = make([]int32, ix.nodes+1)
	ix.kidLab = make([]byte, len(es))
	ix.kidNode = make([]int32, len(es))
	for i, e := range es {
		ix.kidStart[e.node+1]++
		ix.kidLab[i], ix.kidNode[i] = e.b, e.kid
	}
	for n := int32(1); n <= ix.nodes; n++ {
		ix.kidStart[n] += ix.kidStart[n-1]
	}
	// about 16 bits an edge: few false positives, and a table of 8 KB for
	// 4,000 edges
	size := 1 << 12
	for size < 16*len(es) {
		size <<= 1
	}
	ix.edgeBits = make([]uint64, size/64)
	ix.edgeShift = uint8(64 - bits.TrailingZeros(uint(size)))
	for _, e := range es {
		b := ix.edgeBit(e.node, e.b)
		ix.edgeBits[b>>6] |= 1 << (b & 63)
	}
	ix.edges = nil
}

// edgeBit is the bit of the deeper edge (node, c) in edgeBits.
func (ix *Index) edgeBit(node int32, c byte) uint32 {
	return uint32(((uint64(node)<<8 | uint64(c)) * 0x9E3779B97F4A7C15) >> ix.edgeShift)
}

// mayKid reports whether node (below the first two levels) may have a
// child by byte c: false means it has none.
func (ix *Index) mayKid(node int32, c byte) bool {
	b := ix.edgeBit(node, c)
	return ix.edgeBits[b>>6]&(1<<(b&63)) != 0
}

// kid returns the child of a node below the first two levels by byte c, or 0.
func (ix *Index) kid(node int32, c byte) int32 {
	if !ix.mayKid(node, c) {
		return 0
	}
	lo, hi := ix.kidStart[node], ix.kidStart[node+1]
	labs := ix.kidLab[lo:hi]
	if len(labs) <= 8 {
		for i, l := range labs {
			if l == c {
				return ix.kidNode[lo+int32(i)]
			}
		}
		return 0
	}
	a, b := 0, len(labs)
	for a < b {
		m := int(uint(a+b) >> 1)
		if labs[m] < c {
			a = m + 1
		} else {
			b = m
		}
	}
	if a < len(labs) && labs[a] == c {
		return ix.kidNode[lo+int32(a)]
	}
	return 0
}

func (ix *Index) addForm(f form) {
	// skip exact duplicates (a variant equal to a plural of another form...)
	key := LooseKey(f.text)
	node := int32(0)
	for i := 0; i < len(key); i++ {
		if i == 1 {
			l1 := ix.level1[key[0]]
			if l1 == nil {
				l1 = new([256]int32)
				ix.level1[key[0]] = l1
			}
			if l1[key[1]] == 0 {
				l1[key[1]] = ix.newNode()
			}
			node = l1[key[1]]
			continue
		}
		node = ix.child(node, key[i], true)
	}
	idx := int32(len(ix.forms))
	ix.forms = append(ix.forms, f)
	if ix.leaf[node] < 0 {
		ix.leaf[node] = int32(len(ix.leaves))
		ix.leaves = append(ix.leaves, nil)
	}
	ix.leaves[ix.leaf[node]] = append(ix.leaves[ix.leaf[node]], idx)
}

func (ix *Index) child(node int32, b byte, create bool) int32 {
	if node == 0 {
		c := ix.root[b]
		if c == 0 && create {
			c = ix.newNode()
			ix.root[b] = c
		}
		return c
	}
	k := uint64(node)<<8 | uint64(b)
	c := ix.edges[k]
	if c == 0 && create {
		c = ix.newNode()
		ix.edges[k] = c
	}
	return c
}

func (ix *Index) newNode() int32 {
	n := ix.nodes
	ix.nodes++
	ix.leaf = append(ix.leaf, -1)
	return n
}
