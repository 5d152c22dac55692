package consistency

import (
	"sort"
	"strconv"

	"github.com/msglint/msglint/lint"
)

// conflictFindings finds the conflicts among the conflict facts of the
// corpus (in path order) and returns one finding per fact in conflict, in
// fact order.
//
// Fact i's finding names its "others": every fact, in another unit than
// i's, of every conflicting group i is in. Listing them fact by fact would
// be quadratic in the size of a group (a page repeating one statement
// thousands of times with different figures), so the facts are handled by
// signature (the list of groups they are in, usually a single group): the
// union M of the signature's groups is tallied once, then once per unit U
// of M the tallies of M minus U's facts are derived from those of M in
// O(|M ∩ U|), and the message of each fact of U from those in O(1). That
// is O(|M| log |M|) per signature instead of O(|M|) per fact, plus the
// output (maxRelated places) per fact.
//
// Two cases still cost O(|M|) per fact or per signature, as before:
// facts whose figure may be Equal to a figure of another numKey (see
// nearEqualValues) are tallied the general way, fact by fact; and a
// corpus where many facts each have a signature of their own that shares
// a big group (a big group plus a private pair) tallies that group once
// per signature. The reference implementation and the differential test
// of both paths are in conflict_ref_test.go and conflict_test.go.
func conflictFindings(facts []*conflictFact) []lint.Diagnostic {
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
	// groups[i]: the conflicting groups fact i is in, ascending; each
	// group's members are ascending too (byKey lists facts in order)
	groups := make([][]int, len(facts))
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
	if len(groupList) == 0 {
		return nil
	}

	// The facts in conflict by signature: sigOf[i] is i's signature (-1:
	// not in conflict), whose groups are sigGroups[sigOf[i]].
	sigOf := make([]int32, len(facts))
	var sigGroups [][]int
	bySingle := map[int]int32{} // the common case: one group
	byMulti := map[string]int32{}
	var kb []byte
	for i, gs := range groups {
		sigOf[i] = -1
		if len(gs) == 0 {
			continue
		}
		var s int32
		var ok bool
		if len(gs) == 1 {
			s, ok = bySingle[gs[0]]
		} else {
			kb = kb[:0]
			for _, g := range gs {
				kb = strconv.AppendInt(kb, int64(g), 10)
				kb = append(kb, ',')
			}
			s, ok = byMulti[string(kb)]
		}
		if !ok {
			s = int32(len(sigGroups))
			sigGroups = append(sigGroups, gs)
			if len(gs) == 1 {
				bySingle[gs[0]] = s
			} else {
				byMulti[string(kb)] = s
			}
		}
		sigOf[i] = s
	}

	c := &conflictTallier{
		facts: facts, valID: valID, unitID: unitID,
		nearEqual: nearEqualValues(facts, valID, len(vals)),
		cnt:       make([]int32, len(vals)),
		firstA:    make([]int, len(vals)),
		firstB:    make([]int, len(vals)),
		dec:       make([]int32, len(vals)),
		t:         newTallies(len(vals)),
		out:       make([]lint.Diagnostic, len(facts)),
	}
	for s, gs := range sigGroups {
		c.signature(int32(s), gs, groupList, sigOf)
	}
	var out []lint.Diagnostic
	for i, gs := range groups {
		if len(gs) > 0 {
			out = append(out, c.out[i])
		}
	}
	return out
}
