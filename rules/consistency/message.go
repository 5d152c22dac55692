package consistency

import (
	"fmt"
	"sort"
	"strings"

	"github.com/msglint/msglint/rules/claims"
)

// maxRelated caps the related places of one finding (the message counts them all).
const maxRelated = 20

// maxListed caps the other figures a conflict message names one by one;
// the rest are counted.
const maxListed = 3

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// tallies count the values of one conflict message: at[v] is 1+the index
// in list of value id v (0: not counted yet). They are reused from one
// message to the next.
type tallies struct {
	at   []int32
	list []tally
}

type tally struct {
	num   claims.Number
	label string
	val   int32
	n     int
}

func newTallies(nVals int) *tallies { return &tallies{at: make([]int32, nVals)} }

// conflictMessage describes the conflict from f's point of view and
// suggests the majority value when there is one. valID are the facts'
// value ids, fVal f's (see finishConflicts); t is scratch space.
func conflictMessage(f *conflictFact, fVal int32, facts []*conflictFact, others []int, valID []int32, t *tallies) string {
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
	nOther, placesOther := 0, 0
	for _, t := range ts {
		if !t.num.Equal(f.Num) {
			nOther, placesOther = nOther+1, placesOther+t.n
		}
	}
	return describeConflict(f, ts, len(ts), nOther, placesOther)
}

// describeConflict words the conflict message of f from its tallies ts,
// sorted (stably, f's own value first) by count. ts may be only the best
// of them, enough to hold maxListed values not Equal to f's and the best
// two: nTallies is the number of all, nOther and placesOther the number
// of those not Equal to f's figure and the sum of their counts.
func describeConflict(f *conflictFact, ts []tally, nTallies, nOther, placesOther int) string {
	var diff []string
	listedPlaces := 0
	for _, t := range ts {
		if len(diff) == maxListed {
			break
		}
		if t.num.Equal(f.Num) {
			continue
		}
		diff = append(diff, fmt.Sprintf("%s in %d other %s", t.label, t.n, plural(t.n, "place", "places")))
		listedPlaces += t.n
	}
	if moreVals := nOther - len(diff); moreVals > 0 {
		morePlaces := placesOther - listedPlaces
		diff = append(diff, fmt.Sprintf("%d other %s in %d %s", moreVals, plural(moreVals, "figure", "figures"),
			morePlaces, plural(morePlaces, "place", "places")))
	}
	msg := fmt.Sprintf("%q says %s, but the same statement says %s", f.Snippet, f.Written, strings.Join(diff, " and "))
	if nTallies > 1 && ts[0].n > ts[1].n {
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
