package consistency

import (
	"fmt"
	"math"
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/rules/claims"
)

// conflictValues are the figures of the random fact sets: a few values in
// two writings each (the label of a tally is its first place's writing),
// values Equal but with different numKeys (50 and 50.0000000001), a value
// not Equal to itself, and other units and currencies.
var conflictValues = []struct {
	num     claims.Number
	written string
}{
	{claims.Number{Value: 50, Unit: claims.Percent}, "50%"},
	{claims.Number{Value: 50, Unit: claims.Percent}, "50 percent"},
	{claims.Number{Value: 60, Unit: claims.Percent}, "60%"},
	{claims.Number{Value: 70, Unit: claims.Percent}, "70%"},
	{claims.Number{Value: 70, Unit: claims.Percent}, "seventy percent"},
	{claims.Number{Value: 2, Unit: claims.Multiplier}, "2x"},
	{claims.Number{Value: 3, Unit: claims.Multiplier}, "3x"},
	{claims.Number{Value: 49, Unit: claims.Money, Currency: "USD"}, "$49"},
	{claims.Number{Value: 49, Unit: claims.Money, Currency: "EUR"}, "€49"},
	{claims.Number{Value: 10000, Unit: claims.Count}, "10,000"},
	{claims.Number{Value: 12000, Unit: claims.Count}, "12,000"},
	{claims.Number{Value: 1, Unit: claims.Percent}, "1%"},
	{claims.Number{Value: 2, Unit: claims.Percent}, "2%"},
	{claims.Number{Value: 3, Unit: claims.Percent}, "3%"},
	{claims.Number{Value: 4, Unit: claims.Percent}, "4%"},
	{claims.Number{Value: 5, Unit: claims.Percent}, "5%"},
	{claims.Number{Value: 50.0000000001, Unit: claims.Percent}, "50.0000000001%"},
	{claims.Number{Value: 50.00000000001, Unit: claims.Percent}, "50.00000000001%"}, // numKey of 50
	{claims.Number{Value: math.Inf(1), Unit: claims.Percent}, "∞%"},
}

// conflictShape says how a random fact set is drawn.
type conflictShape struct {
	docs, facts     int // documents; facts per document at most
	units           int // units per document at most (facts pick them at random: not contiguous)
	keys, keysPer   int // keys in all; keys per fact at most
	values, special int // values drawn from the first values of conflictValues; 1 in special facts draws from all (0: never)
}

// randomConflictFacts draws a fact set in path order.
func randomConflictFacts(r *rand.Rand, sh conflictShape) []lint.DocFacts {
	var docs []lint.DocFacts
	for d := 0; d < sh.docs; d++ {
		path := fmt.Sprintf("d%03d.md", d)
		df := lint.DocFacts{Path: path}
		nu := 1 + r.Intn(sh.units)
		for k, n := 0, r.Intn(sh.facts+1); k < n; k++ {
			nv := sh.values
			if sh.special > 0 && r.Intn(sh.special) == 0 {
				nv = len(conflictValues)
			}
			v := conflictValues[r.Intn(min(nv, len(conflictValues)))]
			f := &conflictFact{
				Num: v.num, Written: v.written,
				Snippet: fmt.Sprintf("statement %d of %s", k, path),
				Site:    lint.Site{Path: path, Line: k + 1, Col: 1, Match: v.written},
				Unit:    fmt.Sprintf("block:%d", r.Intn(nu)),
			}
			for kk := 1 + r.Intn(sh.keysPer); kk > 0; kk-- {
				key := fmt.Sprintf("key%d", r.Intn(sh.keys))
				dup := false
				for _, x := range f.Keys {
					dup = dup || x == key
				}
				if !dup {
					f.Keys = append(f.Keys, key)
				}
			}
			df.Facts = append(df.Facts, f)
		}
		docs = append(docs, df)
	}
	return docs
}

// sameConflictFindings fails t unless conflictFindings gives the findings
// of the reference implementation, and returns their number.
func sameConflictFindings(t *testing.T, what string, docs []lint.DocFacts) int {
	t.Helper()
	want := finishConflictsRef(docs)
	got := conflictFindings(flatFacts(docs))
	if len(got) != len(want) {
		t.Fatalf("%s: %d findings, want %d", what, len(got), len(want))
	}
	for k := range want {
		w, g := want[k], got[k]
		if *g.Site != *w.Site || g.Message != w.Message || !reflect.DeepEqual(g.Related, w.Related) ||
			g.Block != w.Block || g.Start != w.Start || g.End != w.End || g.Fix != nil || g.Severity != w.Severity {
			t.Fatalf("%s: finding %d:\n got %v %q related %v\nwant %v %q related %v", what, k,
				*g.Site, g.Message, g.Related, *w.Site, w.Message, w.Related)
		}
	}
	return len(want)
}

// TestConflictFindingsDifferential compares conflictFindings with the
// quadratic reference implementation on many random fact sets: groups in
// one unit, two units or many, facts in several groups, repeated values,
// ties, values Equal under two keys.
func TestConflictFindingsDifferential(t *testing.T) {
	shapes := []conflictShape{
		{docs: 2, facts: 4, units: 1, keys: 1, keysPer: 1, values: 3},
		{docs: 3, facts: 6, units: 2, keys: 2, keysPer: 2, values: 4},
		{docs: 5, facts: 10, units: 3, keys: 3, keysPer: 3, values: 6, special: 4},
		{docs: 1, facts: 60, units: 2, keys: 2, keysPer: 2, values: 8},
		{docs: 1, facts: 80, units: 40, keys: 1, keysPer: 1, values: 16},
		{docs: 10, facts: 30, units: 30, keys: 4, keysPer: 2, values: 16, special: 10},
		{docs: 20, facts: 20, units: 5, keys: 6, keysPer: 3, values: 16, special: 3},
		{docs: 40, facts: 5, units: 1, keys: 2, keysPer: 1, values: 5},
		{docs: 4, facts: 50, units: 50, keys: 3, keysPer: 3, values: 2},
		{docs: 8, facts: 40, units: 8, keys: 2, keysPer: 2, values: 16, special: 2},
	}
	n := 100
	if testing.Short() {
		n = 20
	}
	r := rand.New(rand.NewSource(1))
	found := 0
	for _, sh := range shapes {
		for k := 0; k < n; k++ {
			docs := randomConflictFacts(r, sh)
			found += sameConflictFindings(t, fmt.Sprintf("shape %+v, set %d", sh, k), docs)
		}
	}
	if found == 0 {
		t.Fatal("no conflicts drawn")
	}
}

// TestConflictFindingsBigGroup checks one group of thousands of facts,
// each in a unit of its own (and the same with two units).
func TestConflictFindingsBigGroup(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	for _, units := range []int{2000, 2, 7} {
		df := lint.DocFacts{Path: "min.html"}
		for k := 0; k < 2000; k++ {
			v := conflictValues[r.Intn(16)]
			df.Facts = append(df.Facts, &conflictFact{
				Keys: []string{"try acme cloud sync"}, Num: v.num, Written: v.written,
				Snippet: "Try Acme Cloud Sync today", Site: lint.Site{Path: "min.html", Line: 1, Col: k},
				Unit: fmt.Sprintf("block:%d", k%units),
			})
		}
		sameConflictFindings(t, fmt.Sprintf("%d units", units), []lint.DocFacts{df})
	}
}

// FuzzConflictFindings compares conflictFindings with the reference on
// fact sets decoded from bytes, four a fact: its document (the same or
// the next), its unit, its keys (a bit set of four) and its value.
func FuzzConflictFindings(f *testing.F) {
	f.Add([]byte("\x00\x00\x01\x00\x01\x00\x01\x02"))
	f.Add([]byte("\x00\x00\x03\x00\x00\x01\x03\x02\x01\x00\x01\x00\x01\x01\x02\x03"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var docs []lint.DocFacts
		for k := 0; k+4 <= len(data) && k < 4*300; k += 4 {
			if len(docs) == 0 || data[k]&1 == 1 {
				docs = append(docs, lint.DocFacts{Path: fmt.Sprintf("d%03d.md", len(docs))})
			}
			df := &docs[len(docs)-1]
			v := conflictValues[int(data[k+3])%len(conflictValues)]
			cf := &conflictFact{
				Num: v.num, Written: v.written, Snippet: "s",
				Site: lint.Site{Path: df.Path, Line: len(df.Facts) + 1},
				Unit: fmt.Sprintf("block:%d", data[k+1]%8),
			}
			for b := 0; b < 4; b++ {
				if data[k+2]&(1<<b) != 0 {
					cf.Keys = append(cf.Keys, strings.Repeat("k", b+1))
				}
			}
			df.Facts = append(df.Facts, cf)
		}
		sameConflictFindings(t, "fuzz", docs)
	})
}

// repeatedStatement is the hostile page of BenchmarkConflictFindings: one
// statement n times with random figures, each in a block of its own.
func repeatedStatement(n int) []lint.DocFacts {
	r := rand.New(rand.NewSource(1))
	df := lint.DocFacts{Path: "min.html"}
	for k := 0; k < n; k++ {
		v := r.Intn(60)
		df.Facts = append(df.Facts, &conflictFact{
			Keys: []string{"try acme cloud sync today save"}, Num: claims.Number{Value: float64(v), Unit: claims.Percent},
			Written: fmt.Sprintf("%d%%", v), Snippet: "Try Acme Cloud Sync today and save on costs.",
			Site: lint.Site{Path: "min.html", Line: 1, Col: 1 + 80*k}, Unit: fmt.Sprintf("block:%d", k),
		})
	}
	return []lint.DocFacts{df}
}

func BenchmarkConflictFindings(b *testing.B) {
	for _, n := range []int{12000, 60000, 120000} {
		docs := flatFacts(repeatedStatement(n))
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				conflictFindings(docs)
			}
		})
	}
	docs := repeatedStatement(12000)
	b.Run("reference/12000", func(b *testing.B) {
		for b.Loop() {
			finishConflictsRef(docs)
		}
	})
}

// flatFacts is the facts of docs in order, as FactsOf yields them.
func flatFacts(docs []lint.DocFacts) []*conflictFact {
	var facts []*conflictFact
	for _, df := range docs {
		for _, f := range df.Facts {
			facts = append(facts, f.(*conflictFact))
		}
	}
	return facts
}
