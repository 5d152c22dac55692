package claims

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
)

// Conflict flags the same statement stated with different numbers.
var Conflict = &lint.Rule{
	Name:    "consistency/claim-conflict",
	Summary: "the same statement with different numbers in two or more places (across assets)",
	Doc: `Across the whole corpus, every figure with a unit (a percentage, a
multiplier, money, or a number followed by a unit noun such as hours, ms,
customers) is masked and keyed by its statement: up to three content words
before it and up to three after it in the same clause (each side a key of
its own, when it has at least two words), plus the unit and any period or
percentile qualifier in the sentence (per month / per year, p50 / p95).
When one key carries two or more different values — in different assets
or in two places of one asset — each place is reported once, naming every
other place in ` + "`related`" + `, and the majority value is suggested when
there is one. Numbers compare by value: 50% = 50 percent.

Not a conflict:
- a sentence about a competitor (a name under ` + "`competitors:`" + `, or a
  capitalised product-like name that is not a word of our glossary in the
  subject position: the first three words of the sentence or clause);
- a sentence stating a change: "from 100 hours to 50 hours", "was 5, now
  20", "going forward, you'll get 20", "no longer", "instead of";
- different units or periods: "per month" vs "per year", "ms p50" vs "ms p95",
  "%" vs "x";
- a figure inside a registered claim's match (claims/mismatch checks those).`,
	Bad:       "blog/a.md: \"cuts onboarding time by 50%\" ... sales/deck.md: \"cuts onboarding time by 60%\"",
	Good:      "one figure, registered as a claim, everywhere",
	Default:   lint.Error,
	Run:       collectConflicts,
	Finish:    finishConflicts,
	Requires:  []lint.Requirement{Stats},
	FactTypes: []lint.FactType{conflictFacts},
}

// conflictFact is one keyed figure of one document.
type conflictFact struct {
	Keys    []string
	Num     Number
	Written string // the figure as written
	Snippet string // its sentence, for messages
	Site    lint.Site
	// Unit is the block (table row, slide) of the figure: figures of one
	// unit never conflict with each other (enumerations: "p50 22 ms, p95 46 ms").
	Unit string

	key string // numKey(Num), set in Finish
}

func collectConflicts(p *lint.Pass) error {
	st := lint.ResultOf(p, Stats)
	if st.Err != nil {
		return st.Err
	}
	for i := range st.Figures {
		fg := &st.Figures[i]
		// every figure of Stats is statistic-like: not every timeout,
		// price or policy percentage of a manual
		if len(fg.Keys) == 0 || fg.Registered || fg.Competitor || fg.Change {
			continue
		}
		text := p.Doc.Blocks[fg.Block].Text
		lint.Export(p, conflictFacts, &conflictFact{
			Keys:    fg.Keys,
			Num:     fg.Num,
			Written: text[fg.Start:fg.End],
			Snippet: snippet(text[fg.SentStart:fg.SentEnd]),
			Site:    p.Site(fg.Block, fg.Start, fg.End),
			Unit:    UnitKey(p.Doc, fg.Block),
		})
	}
	return nil
}

func snippet(s string) string {
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, string(content.Barrier), " ")), " ")
	if utf8.RuneCountInString(s) > 100 {
		r := []rune(s)
		s = string(r[:97]) + "..."
	}
	return s
}

// conflictFacts carry each document's statistics to finishConflicts.
var conflictFacts = &lint.Fact[*conflictFact]{Name: "consistency/claim-conflict.figures"}

func finishConflicts(cp *lint.CorpusPass) error {
	var facts []*conflictFact
	for _, f := range lint.FactsOf(cp, conflictFacts) {
		facts = append(facts, f)
	}
	for _, fd := range conflictFindings(facts) {
		cp.Report(fd)
	}
	return nil
}

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
		unit     Unit
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

func numKey(n Number) string {
	return n.Unit.String() + n.Currency + ":" + strconv.FormatFloat(n.Value, 'g', 12, 64)
}

// tallies count the values of one conflict message: at[v] is 1+the index
// in list of value id v (0: not counted yet). They are reused from one
// message to the next.
type tallies struct {
	at   []int32
	list []tally
}

type tally struct {
	num   Number
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
