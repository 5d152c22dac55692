package consistency

import (
	"cmp"
	"slices"
	"sort"

	"github.com/msglint/msglint/lint"
)

// conflictTallier computes the findings of the facts of one signature
// after another (see conflictFindings). The per-value arrays (indexed by
// value id) are scratch space, zero (cnt, dec) between uses.
type conflictTallier struct {
	facts     []*conflictFact
	valID     []int32
	unitID    []int32
	nearEqual []bool // by value id: see nearEqualValues

	// over M, the union of the signature's groups: cnt[v] facts have
	// value v, the first at firstA[v]; firstB[v] is the first in another
	// unit than firstA[v]'s (-1: none)
	cnt            []int32
	firstA, firstB []int
	// over M ∩ U: dec[v] facts of unit U have value v
	dec []int32

	t   *tallies // for the general path
	out []lint.Diagnostic
}

// valEntry is one value of a tally: n places, the first at fact index first.
type valEntry struct {
	v     int32
	n     int
	first int
}

// before is the order of tallies: by count, descending, then by first
// appearance (the stable sort of conflictMessage over facts in order).
func (a valEntry) before(b valEntry) bool {
	return a.n > b.n || a.n == b.n && a.first < b.first
}

// topEntries is how many of the best values of M minus U are kept per
// unit: a message names maxListed values other than its fact's own, and
// one of the kept values may be its own.
const topEntries = maxListed + 1

// signature computes the findings of the facts of signature s, whose
// groups are gs.
func (c *conflictTallier) signature(s int32, gs []int, groupList [][]int, sigOf []int32) {
	// M: the union of the groups, ascending
	var m []int
	if len(gs) == 1 {
		m = groupList[gs[0]]
	} else {
		for _, g := range gs {
			m = append(m, groupList[g]...)
		}
		sort.Ints(m)
		m = slices.Compact(m)
	}

	// tallies over M: values in first-appearance order, then by count
	var order []int32
	for _, j := range m {
		v := c.valID[j]
		if c.cnt[v] == 0 {
			order = append(order, v)
			c.firstA[v], c.firstB[v] = j, -1
		} else if c.firstB[v] < 0 && c.unitID[j] != c.unitID[c.firstA[v]] {
			c.firstB[v] = j
		}
		c.cnt[v]++
	}
	sort.SliceStable(order, func(a, b int) bool { return c.cnt[order[a]] > c.cnt[order[b]] })

	// M's facts by unit (a unit's facts need not be contiguous in M: the
	// notes of a slide, say), each unit's facts ascending
	byUnit := slices.Clone(m)
	slices.SortStableFunc(byUnit, func(a, b int) int { return cmp.Compare(c.unitID[a], c.unitID[b]) })
	for k := 0; k < len(byUnit); {
		u := c.unitID[byUnit[k]]
		e := k + 1
		for e < len(byUnit) && c.unitID[byUnit[e]] == u {
			e++
		}
		c.unit(s, u, m, byUnit[k:e], order, sigOf)
		k = e
	}
	for _, v := range order {
		c.cnt[v] = 0
	}
}

// unit computes the findings of the facts of signature s in unit u, whose
// facts in M are r; order is M's values, best first.
func (c *conflictTallier) unit(s, u int32, m, r []int, order []int32, sigOf []int32) {
	if !slices.ContainsFunc(r, func(j int) bool { return sigOf[j] == s }) {
		return
	}
	// M minus U: dec[v] places of value v fewer; a value whose first
	// place is in U is first at its first place in another unit
	var touched []int32
	for _, j := range r {
		v := c.valID[j]
		if c.dec[v] == 0 {
			touched = append(touched, v)
		}
		c.dec[v]++
	}
	defer func() {
		for _, v := range touched {
			c.dec[v] = 0
		}
	}()
	gone := 0 // values with no place left
	var changed []valEntry
	for _, v := range touched {
		n := int(c.cnt[v] - c.dec[v])
		if n == 0 {
			gone++
			continue
		}
		first := c.firstA[v]
		if c.unitID[first] == u {
			first = c.firstB[v]
		}
		changed = append(changed, valEntry{v: v, n: n, first: first})
	}
	slices.SortFunc(changed, func(a, b valEntry) int {
		if a.before(b) {
			return -1
		}
		if b.before(a) {
			return 1
		}
		return 0
	})
	// the best values of M minus U: a merge of the changed ones and the
	// best unchanged ones of M
	var top []valEntry
	k := 0
	for _, v := range order {
		if len(top) == topEntries {
			break
		}
		if c.dec[v] > 0 {
			continue
		}
		e := valEntry{v: v, n: int(c.cnt[v]), first: c.firstA[v]}
		for k < len(changed) && len(top) < topEntries && changed[k].before(e) {
			top = append(top, changed[k])
			k++
		}
		if len(top) < topEntries {
			top = append(top, e)
		}
	}
	for ; k < len(changed) && len(top) < topEntries; k++ {
		top = append(top, changed[k])
	}
	nVals := len(order) - gone // values of M minus U
	nPlaces := len(m) - len(r)

	// related places: the first of M minus U
	var relBuf [maxRelated]int
	related := relBuf[:0]
	for _, j := range m {
		if len(related) == maxRelated {
			break
		}
		if c.unitID[j] != u {
			related = append(related, j)
		}
	}

	var others []int // for the general path
	for _, i := range r {
		if sigOf[i] != s {
			continue
		}
		f, w := c.facts[i], c.valID[i]
		var msg string
		if c.nearEqual[w] {
			// another value may be Equal to f's: tally fact by fact
			if others == nil {
				for _, j := range m {
					if c.unitID[j] != u {
						others = append(others, j)
					}
				}
			}
			msg = conflictMessage(f, w, c.facts, others, c.valID, c.t)
		} else {
			// f's own value first (with f's place), then the best others
			own := int(c.cnt[w] - c.dec[w])
			ts := make([]tally, 1, topEntries+1)
			ts[0] = tally{num: f.Num, label: f.Written, val: w, n: own + 1}
			for _, e := range top {
				if e.v != w {
					x := c.facts[e.first]
					ts = append(ts, tally{num: x.Num, label: x.Written, val: e.v, n: e.n})
				}
			}
			sort.SliceStable(ts, func(a, b int) bool { return ts[a].n > ts[b].n })
			nOther := nVals
			if own > 0 {
				nOther--
			}
			msg = describeConflict(f, ts, nOther+1, nOther, nPlaces-own)
		}
		site := f.Site
		fd := lint.Diagnostic{Site: &site, Message: msg, Related: make([]lint.Site, len(related))}
		for k, j := range related {
			fd.Related[k] = c.facts[j].Site
		}
		c.out[i] = fd
	}
}
