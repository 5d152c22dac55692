package claims

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

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
	Bad:     "blog/a.md: \"cuts onboarding time by 50%\" ... sales/deck.md: \"cuts onboarding time by 60%\"",
	Good:    "one figure, registered as a claim, everywhere",
	Default: lint.Error,
	Run:     collectConflicts,
	Finish:  finishConflicts,
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
	c, err := compileFor(p)
	if err != nil {
		return err
	}
	sa := stats(p, c)
	for _, qu := range sa.quants {
		if len(qu.keys) == 0 || qu.registered || qu.competitor || qu.change {
			continue
		}
		// statistic-like figures only: not every timeout, price or
		// policy percentage of a manual
		if !qu.stat {
			continue
		}
		text := p.Doc.Blocks[qu.block].Text
		p.ExportFact(&conflictFact{
			Keys:    qu.keys,
			Num:     qu.q.Num,
			Written: text[qu.q.Start:qu.q.End],
			Snippet: snippet(text[qu.sentS:qu.sentE]),
			Site:    p.Site(qu.block, qu.q.Start, qu.q.End),
			Unit:    unitKey(p.Doc, qu.block),
		})
	}
	return nil
}

func snippet(s string) string {
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, string(lint.Barrier), " ")), " ")
	if utf8.RuneCountInString(s) > 100 {
		r := []rune(s)
		s = string(r[:97]) + "..."
	}
	return s
}

func finishConflicts(cp *lint.CorpusPass) error {
	var facts []*conflictFact
	for _, df := range cp.Facts {
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
		fd := lint.Finding{Site: &site, Message: conflictMessage(f, valID[i], facts, others, valID, t)}
		for k, j := range others {
			if k == maxRelated {
				break
			}
			fd.Related = append(fd.Related, facts[j].Site)
		}
		cp.Report(fd)
	}
	return nil
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
