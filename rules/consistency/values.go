package consistency

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/msglint/msglint/rules/claims"
)

// numKey is the value of a figure as conflictFindings groups them: its
// unit, currency and value to 12 digits (two Equal numbers may have two
// numKeys: see nearEqualValues).
func numKey(n claims.Number) string {
	return n.Unit.String() + n.Currency + ":" + strconv.FormatFloat(n.Value, 'g', 12, 64)
}

// nearEqualValues marks the value ids v for which a fact of value v may
// have a Number Equal to that of a fact of another value id, or one not
// Equal to itself: every value id of a unit and currency with a NaN or
// ±Inf figure, and those of figures near another value id's: Equal allows a relative difference of 1e-9
// while numKey keeps 12 digits, so 50 and 50.0000000001 are two values but
// one figure. Messages about such values are made the general way. It is
// conservative: values within 1e-6 (relative) of each other are marked.
//
// Why neighbours suffice: sorted by unit, currency and value, the facts
// between two Equal ones x < y are within y-x of x, so walking from x to
// y the value id first changes across two neighbours at most y-x apart,
// which marks x's value id (and likewise y's).
func nearEqualValues(facts []*conflictFact, valID []int32, nVals int) []bool {
	near := make([]bool, nVals)
	// ±Inf is Equal to every value of its unit and currency, NaN to none
	type class struct {
		unit     claims.Unit
		currency string
	}
	var odd map[class]bool
	idx := make([]int, 0, len(facts))
	for i, f := range facts {
		if math.IsNaN(f.Num.Value) || math.IsInf(f.Num.Value, 0) {
			if odd == nil {
				odd = map[class]bool{}
			}
			odd[class{f.Num.Unit, f.Num.Currency}] = true
			continue
		}
		idx = append(idx, i)
	}
	for i, f := range facts {
		if odd[class{f.Num.Unit, f.Num.Currency}] {
			near[valID[i]] = true
		}
	}
	slices.SortFunc(idx, func(a, b int) int {
		x, y := facts[a].Num, facts[b].Num
		if x.Unit != y.Unit {
			return cmp.Compare(x.Unit, y.Unit)
		}
		if x.Currency != y.Currency {
			return strings.Compare(x.Currency, y.Currency)
		}
		return cmp.Compare(x.Value, y.Value)
	})
	for k := 1; k < len(idx); k++ {
		a, b := idx[k-1], idx[k]
		x, y := facts[a].Num, facts[b].Num
		if valID[a] == valID[b] || x.Unit != y.Unit || x.Currency != y.Currency {
			continue
		}
		if math.Abs(y.Value-x.Value) <= 1e-6*math.Max(1, math.Max(math.Abs(x.Value), math.Abs(y.Value))) {
			near[valID[a]], near[valID[b]] = true, true
		}
	}
	return near
}
