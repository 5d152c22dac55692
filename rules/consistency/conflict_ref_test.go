package consistency

// The implementation of finishConflicts and conflictMessage before they
// were made near-linear (commit f0de011), kept verbatim (but for returning
// the findings instead of reporting them) as the reference of the
// differential test and fuzz target in conflict_test.go.

import (
	"fmt"
	"sort"
	"strings"

	"github.com/msglint/msglint/lint"
)

// finishConflictsRef is finishConflicts as of f0de011.
func finishConflictsRef(cp []lint.DocFacts) []lint.Diagnostic {
	var out []lint.Diagnostic
	var facts []*conflictFact
	for _, df := range cp {
		for _, f := range df.Facts {
			if cf, ok := f.(*conflictFact); ok {
				facts = append(facts, cf)
			}
		}
	}
	byKey := map[string][]int{}
	var keys []string
	// Each fact's value and unit (file and block, table row or slide) as
	// small integers: valID[i] == valID[j] when facts i and j have the
	// same numKey, unitID[i] == unitID[j] when they are in the same unit
	// (a file path holds no NUL, so path+"\x00"+unit names one pair).
	valID := make([]int32, len(facts))
	unitID := make([]int32, len(facts))
	vals, units := map[string]int32{}, map[string]int32{}
	intern := func(m map[string]int32, k string) int32 {
		id, ok := m[k]
		if !ok {
			id = int32(len(m))
			m[k] = id
		}
		return id
	}
	for i, f := range facts {
		f.key = numKey(f.Num)
		valID[i] = intern(vals, f.key)
		unitID[i] = intern(units, f.Site.Path+"\x00"+f.Unit)
	}
	for i, f := range facts {
		for _, k := range f.Keys {
			if _, ok := byKey[k]; !ok {
				keys = append(keys, k)
			}
			byKey[k] = append(byKey[k], i)
		}
	}
	sort.Strings(keys)
	// groups[i]: the conflicting groups fact i is in
	groups := map[int][]int{}
	var groupList [][]int
	cntVal := map[int32]int{}
	cntUnit := map[int32]int{}
	cntValUnit := map[[2]int32]int{}
	for _, k := range keys {
		g := byKey[k]
		if len(g) < 2 {
			continue
		}
		// a fact is in conflict when another fact of the group, in
		// another unit (block, table row, slide), has another value
		clear(cntVal)
		clear(cntUnit)
		clear(cntValUnit)
		for _, i := range g {
			cntVal[valID[i]]++
			cntUnit[unitID[i]]++
			cntValUnit[[2]int32{valID[i], unitID[i]}]++
		}
		if len(cntVal) < 2 {
			continue
		}
		var involved []int
		for _, i := range g {
			other := len(g) - cntVal[valID[i]]
			otherSameUnit := cntUnit[unitID[i]] - cntValUnit[[2]int32{valID[i], unitID[i]}]
			if other-otherSameUnit > 0 {
				involved = append(involved, i)
			}
		}
		if len(involved) == 0 {
			continue
		}
		gi := len(groupList)
		groupList = append(groupList, involved)
		for _, i := range involved {
			groups[i] = append(groups[i], gi)
		}
	}
	var order []int
	for i := range groups {
		order = append(order, i)
	}
	sort.Ints(order)
	seen := make([]int32, len(facts)) // seen[j] == i+1: j is fact i itself or among its others
	t := newTallies(len(vals))
	var others []int
	for _, i := range order {
		f := facts[i]
		mark := int32(i + 1)
		seen[i] = mark
		others = others[:0]
		for _, gi := range groups[i] {
			for _, j := range groupList[gi] {
				if seen[j] != mark && unitID[j] != unitID[i] { // not sameUnit
					seen[j] = mark
					others = append(others, j)
				}
			}
		}
		sort.Ints(others)
		site := f.Site
		fd := lint.Diagnostic{Site: &site, Message: conflictMessageRef(f, valID[i], facts, others, valID, t)}
		for k, j := range others {
			if k == maxRelated {
				break
			}
			fd.Related = append(fd.Related, facts[j].Site)
		}
		out = append(out, fd)
	}
	return out
}

// conflictMessageRef describes the conflict from f's point of view and
// suggests the majority value when there is one. valID are the facts'
// value ids, fVal f's (see finishConflicts); t is scratch space.
func conflictMessageRef(f *conflictFact, fVal int32, facts []*conflictFact, others []int, valID []int32, t *tallies) string {
	ts := t.list[:0]
	count := func(x *conflictFact, v int32) {
		if k := t.at[v]; k > 0 {
			ts[k-1].n++
			return
		}
		ts = append(ts, tally{num: x.Num, label: x.Written, val: v, n: 1})
		t.at[v] = int32(len(ts))
	}
	count(f, fVal)
	for _, j := range others {
		count(facts[j], valID[j])
	}
	for _, x := range ts {
		t.at[x.val] = 0
	}
	t.list = ts
	sort.SliceStable(ts, func(a, b int) bool { return ts[a].n > ts[b].n })
	var diff []string
	moreVals, morePlaces := 0, 0
	for _, t := range ts {
		if t.num.Equal(f.Num) {
			continue
		}
		if len(diff) == maxListed {
			moreVals, morePlaces = moreVals+1, morePlaces+t.n
			continue
		}
		diff = append(diff, fmt.Sprintf("%s in %d other %s", t.label, t.n, plural(t.n, "place", "places")))
	}
	if moreVals > 0 {
		diff = append(diff, fmt.Sprintf("%d other %s in %d %s", moreVals, plural(moreVals, "figure", "figures"),
			morePlaces, plural(morePlaces, "place", "places")))
	}
	msg := fmt.Sprintf("%q says %s, but the same statement says %s", f.Snippet, f.Written, strings.Join(diff, " and "))
	if len(ts) > 1 && ts[0].n > ts[1].n {
		if ts[0].num.Equal(f.Num) {
			msg += fmt.Sprintf("; most places say %s: align the others", ts[0].label)
		} else {
			msg += fmt.Sprintf("; most places say %s", ts[0].label)
		}
	} else {
		msg += "; settle on one figure (and register it under claims:)"
	}
	return msg
}
