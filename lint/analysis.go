package lint

import (
	"iter"
	"sync"
)

// The typed links between rules, in the manner of go/analysis: a rule
// declares the analyses it requires (Rule.Requires) and the facts it reads
// (Rule.FactTypes), and reads them through keys whose type the compiler
// checks (ResultOf, MemoOf, FactsOf, CorpusResultOf), never through a
// string and an interface conversion at the call site.

// Requirement is an analysis that a rule or another analysis uses:
// *Analysis[T] and *CorpusAnalysis[D, T] values. Declaring it in
// Rule.Requires (or Analysis.Requires) documents the link; the corpus
// analyses a rule requires must be in the list the driver runs (a test in
// package rules checks every declaration against that list).
type Requirement interface {
	// AnalysisName is the analysis' name ("naming/matches").
	AnalysisName() string
	// Required lists what the analysis itself requires.
	Required() []Requirement
}

// Analysis is work on one document whose typed result several rules
// share (the glossary matches, the claims figures, the funnel tags). It
// runs at most once per document, on the first ResultOf, and its result
// lives as long as the document.
type Analysis[T any] struct {
	Name string
	// Doc says what the result holds.
	Doc      string
	Requires []Requirement
	// Run computes the result. Rules on one document run one after the
	// other, so Run needs no locking.
	Run func(*Pass) T
	// Release, when set, gets the result back once the document is done
	// (after its last rule), so pooled scratch can be reused. Nothing may
	// keep the result, or anything pointing into it, after the document.
	Release func(T)
}

// AnalysisName implements Requirement.
func (a *Analysis[T]) AnalysisName() string { return a.Name }

// Required implements Requirement.
func (a *Analysis[T]) Required() []Requirement { return a.Requires }

// Trace, when set (by a test), is called on every ResultOf and
// CorpusResultOf with the rule running (nil in an analysis the driver
// runs), the analysis whose Run is computing (nil if none) and the
// analysis asked for: a test checks every use against the declared
// Requires.
var Trace func(rule *Rule, in Requirement, used Requirement)

// ResultOf returns a's result for the pass's document, computing it on
// first use.
func ResultOf[T any](p *Pass, a *Analysis[T]) T {
	if Trace != nil {
		Trace(p.Rule, p.running, a)
	}
	if v, ok := p.shared[a]; ok {
		return v.(T)
	}
	outer := p.running
	p.running = a
	v := a.Run(p)
	p.running = outer
	p.shared[a] = v
	if a.Release != nil {
		sc := p.getScratch()
		sc.puts = append(sc.puts, func() { a.Release(v) })
	}
	return v
}

// Memo is a typed key for a value computed once per run and shared by
// every pass (compiled claim patterns, the funnel model).
type Memo[T any] struct {
	Name string
}

type memoEntry struct {
	once sync.Once
	v    any
	err  error
}

// MemoOf returns m's value for the run, calling compute the first time
// (once, whatever the number of concurrent callers).
func MemoOf[T any](e *Env, m *Memo[T], compute func() (T, error)) (T, error) {
	v, ok := e.memo.Load(m) // the common case: no allocation
	if !ok {
		v, _ = e.memo.LoadOrStore(m, &memoEntry{})
	}
	me := v.(*memoEntry)
	me.once.Do(func() {
		t, err := compute()
		me.v, me.err = t, err
	})
	t, _ := me.v.(T)
	return t, me.err
}

// Fact is a typed key for small values a rule's Run exports from one
// document for a Finish to read over the corpus (resolved Sites, never
// the document). The Finish that reads it declares it in Rule.FactTypes.
type Fact[T any] struct {
	Name string
}

// FactType is a *Fact[T] of any T (Rule.FactTypes).
type FactType interface{ FactName() string }

// FactName implements FactType.
func (f *Fact[T]) FactName() string { return f.Name }

// exported is one fact a pass exported.
type exported struct {
	key FactType
	v   any
}

// Export hands v to the Finish functions that read f.
func Export[T any](p *Pass, f *Fact[T], v T) {
	*p.facts = append(*p.facts, exported{f, v})
}

// DocFacts are the facts of one kind one document exported.
type DocFacts struct {
	Path  string
	Facts []any
}

// FactsOf yields every document's facts of kind f, in path order, with
// the document's path. f must be in the rule's FactTypes.
func FactsOf[T any](c *CorpusPass, f *Fact[T]) iter.Seq2[string, T] {
	return func(yield func(string, T) bool) {
		for _, df := range c.facts[f] {
			for _, v := range df.Facts {
				if !yield(df.Path, v.(T)) {
					return
				}
			}
		}
	}
}

// CorpusAnalysis is work over the whole corpus whose typed result the
// rules' Finish functions and the reporters read (the funnel stages after
// the in-repo learning, the report's usage tables). Doc runs on every
// document, in the workers, before the rules; Finish runs once after every
// document, before any rule's Finish, with Doc's result for every file in
// path order (the zero D for a file that could not be read). Doc's results
// are kept until Finish, so Doc must not hand pooled scratch back
// (Release) or point into the document.
//
// Park, when set, is called on each document's result once the
// document's rules have run (they read it through Doc); what it returns
// is what Finish gets for that document. An analysis that keeps much per
// document parks it in a form that holds less in the heap until Finish
// (fewer objects and pointers for the collector to visit in every cycle
// while the other files are read), and Finish restores it.
type CorpusAnalysis[D, T any] struct {
	Name     string
	Doc      *Analysis[D]
	Requires []Requirement
	Park     func(env *Env, d D) D
	Finish   func(c *CorpusPass, docs []D) T
}

// AnalysisName implements Requirement.
func (a *CorpusAnalysis[D, T]) AnalysisName() string { return a.Name }

// Required implements Requirement.
func (a *CorpusAnalysis[D, T]) Required() []Requirement {
	return append([]Requirement{a.Doc}, a.Requires...)
}

// Corpus is a *CorpusAnalysis[D, T] of any D and T, as the driver holds it.
type Corpus interface {
	Requirement
	runDoc(p *Pass) any
	park(env *Env, d any) any
	finish(c *CorpusPass, docs []any) any
}

func (a *CorpusAnalysis[D, T]) runDoc(p *Pass) any { return ResultOf(p, a.Doc) }

func (a *CorpusAnalysis[D, T]) park(env *Env, d any) any {
	if a.Park == nil || d == nil {
		return d
	}
	return a.Park(env, d.(D))
}

func (a *CorpusAnalysis[D, T]) finish(c *CorpusPass, docs []any) any {
	ds := make([]D, len(docs))
	for i, d := range docs {
		if d != nil {
			ds[i] = d.(D)
		}
	}
	return a.Finish(c, ds)
}

// Results holds the corpus analyses' results of a run.
type Results struct {
	m map[Corpus]any
}

// CorpusResult returns a's result in r (false when a did not run).
func CorpusResult[D, T any](r *Results, a *CorpusAnalysis[D, T]) (T, bool) {
	var zero T
	if r == nil {
		return zero, false
	}
	v, ok := r.m[a]
	if !ok {
		return zero, false
	}
	return v.(T), true
}

// CorpusResultOf returns a's result for a Finish (the zero T when a did not
// run: a rule requiring it was enabled without it in the driver's list).
func CorpusResultOf[D, T any](c *CorpusPass, a *CorpusAnalysis[D, T]) T {
	if Trace != nil {
		Trace(c.Rule, nil, a)
	}
	v, _ := CorpusResult(c.results, a)
	return v
}

// SetCorpusResult stores v as a's result in r (tests and tools that build
// a run's results by hand).
func SetCorpusResult[D, T any](r *Results, a *CorpusAnalysis[D, T], v T) { r.m[a] = v }
