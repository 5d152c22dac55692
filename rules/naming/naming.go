// Package naming implements the naming rules: one glossary, one spelling
// of every product, feature and term.
package naming

import (
	"fmt"
	"slices"
	"sync"

	"github.com/msglint/msglint/config"
	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
)

// Analysis is the per-document glossary analysis shared by the naming rules
// (and by other families that need the products an asset mentions).
type Analysis struct {
	// all are every block's matches, in document order: block i's are
	// all[start[i]:start[i+1]].
	all   []match.Match
	start []int32
	// first marks, parallel to all, the first mention of each term in
	// body copy.
	first []bool
	// classes has bit 1<<c set when some match is of class c.
	classes uint32
}

// matches returns block bi's glossary matches.
func (a *Analysis) matches(bi int) []match.Match {
	if bi < 0 || bi+1 >= len(a.start) {
		return nil
	}
	return a.all[a.start[bi]:a.start[bi+1]:a.start[bi+1]]
}

// isFirst reports whether match mi of block bi is its term's first mention.
func (a *Analysis) isFirst(bi, mi int) bool { return a.first[int(a.start[bi])+mi] }

// termSet is a set of term indexes, emptied in O(1) by a new generation.
type termSet struct {
	stamp []uint32
	gen   uint32
}

var termSets = sync.Pool{New: func() any { return new(termSet) }}

// getTermSet returns an empty set for term indexes below n.
func getTermSet(n int) *termSet {
	ts := termSets.Get().(*termSet)
	if len(ts.stamp) < n {
		ts.stamp = make([]uint32, n)
		ts.gen = 0
	}
	ts.gen++
	if ts.gen == 0 { // wrapped: old stamps could collide
		clear(ts.stamp)
		ts.gen = 1
	}
	return ts
}

// add adds t and reports whether it was new.
func (ts *termSet) add(t int) bool {
	if ts.stamp[t] == ts.gen {
		return false
	}
	ts.stamp[t] = ts.gen
	return true
}

// Matches is the document's glossary matches, computed once per document
// and shared by the naming rules, the funnel tagger and the report's usage
// tables. The analysis and its matches are valid until the document is
// done: its arrays are then reused (Release).
var Matches = &lint.Analysis[*Analysis]{
	Name: "naming/matches",
	Doc:  "every glossary match of the document, classified (exact, case, loose, near-miss)",
	Run: func(p *lint.Pass) *Analysis {
		a := analyses.Get().(*Analysis)
		a.analyze(p, p.Env.Index, p.Doc)
		return a
	},
	Release: putAnalysis,
}

// Analyze returns the document's glossary matches (lint.ResultOf(p, Matches)).
func Analyze(p *lint.Pass) *Analysis { return lint.ResultOf(p, Matches) }

// analyses pools Analysis values with their arrays.
var analyses = sync.Pool{New: func() any { return new(Analysis) }}

// maxPooledMatches keeps the arrays of a document with very many matches
// out of the pool.
const maxPooledMatches = 1 << 16

func putAnalysis(a *Analysis) {
	if cap(a.all) > maxPooledMatches || cap(a.start) > 4*maxPooledMatches {
		return
	}
	analyses.Put(a)
}

// metadata reports whether a block is metadata rather than body copy
// (front-matter fields, <title>, meta tags, title attributes): the
// trademark rule looks for the first mention in the body.
func metadata(b *content.Block) bool {
	switch b.Scope {
	case content.ScopeFrontMatter, content.ScopeMeta, content.ScopeAttr:
		return true
	case content.ScopeTitle:
		return b.Loc == "" // an HTML <title>; a slide title is body copy
	}
	return false
}

// analyze fills a (maybe a pooled one, whose arrays it reuses) with the
// document's matches.
func (a *Analysis) analyze(p *lint.Pass, ix *match.Index, d *content.Document) {
	a.start = slices.Grow(a.start[:0], len(d.Blocks)+1)
	all := a.all[:0]
	for bi := range d.Blocks {
		a.start = append(a.start, int32(len(all)))
		all = ix.Find(d.Blocks[bi].Text, p.Tokens(bi), all)
	}
	a.start = append(a.start, int32(len(all)))
	a.all = all
	a.classes = 0
	a.first = a.first[:0]
	if len(all) == 0 {
		return
	}
	for i := range all {
		a.classes |= 1 << all[i].Class
	}
	a.first = slices.Grow(a.first, len(all))[:len(all)]
	clear(a.first)
	seen := getTermSet(len(ix.Terms))
	for bi := range d.Blocks {
		if metadata(&d.Blocks[bi]) {
			continue
		}
		for i := a.start[bi]; i < a.start[bi+1]; i++ {
			if seen.add(all[i].Term) {
				a.first[i] = true
			}
		}
	}
	termSets.Put(seen)
}

// Mentions returns the terms the document mentions, in any form, in order
// of first mention.
func (a *Analysis) Mentions(ix *match.Index) []int {
	if len(a.all) == 0 {
		return nil
	}
	var out []int
	seen := getTermSet(len(ix.Terms))
	for _, m := range a.all {
		if seen.add(m.Term) {
			out = append(out, m.Term)
		}
	}
	termSets.Put(seen)
	return out
}

// MatchesOf calls f for every match in the document.
func (a *Analysis) MatchesOf(f func(block int, m match.Match)) {
	for bi := 0; bi+1 < len(a.start); bi++ {
		for _, m := range a.all[a.start[bi]:a.start[bi+1]] {
			f(bi, m)
		}
	}
}

// replacement is the canonical form for a match, keeping its plural suffix,
// with the trademark sign when this is the term's first mention and the
// sign is missing.
func replacement(p *lint.Pass, a *Analysis, bi, mi int) string {
	m := a.matches(bi)[mi]
	t := p.Env.Index.Terms[m.Term]
	r := t.Name + m.Suffix
	if m.Suffix == "ies" {
		r = t.Name[:len(t.Name)-1] + "ies"
	}
	if t.Trademark != "" && a.isFirst(bi, mi) && !hasSign(p.Doc.Blocks[bi].Text, m.End, t.Trademark) {
		r += t.Trademark
	}
	return r
}

func hasSign(text string, end int, sign string) bool {
	return len(text) >= end+len(sign) && text[end:end+len(sign)] == sign
}

func note(t match.Term) string {
	if t.Note == "" {
		return ""
	}
	return " (" + t.Note + ")"
}

// runClass reports every match of one class.
func runClass(c match.Class, msg func(found string, t match.Term, m match.Match) string) func(*lint.Pass) error {
	return runClassWith(c, msg, nil, nil)
}

// runClassWith is runClass whose fixes' safety safety may lower, match by
// match (nil: the rule's own for every fix), and that leaves out the
// matches skip says are not findings (nil: none).
func runClassWith(c match.Class, msg func(found string, t match.Term, m match.Match) string,
	safety func(p *lint.Pass, a *Analysis, bi int, m match.Match) (lint.FixSafety, string),
	skip func(text string, m match.Match) bool) func(*lint.Pass) error {
	return func(p *lint.Pass) error {
		if p.Env.Index == nil {
			return nil
		}
		a := Analyze(p)
		if a.classes&(1<<c) == 0 {
			return nil
		}
		for bi := 0; bi+1 < len(a.start); bi++ {
			lo, hi := a.start[bi], a.start[bi+1]
			for mi, m := range a.all[lo:hi] {
				if m.Class != c {
					continue
				}
				if skip != nil && skip(p.Doc.Blocks[bi].Text, m) {
					continue
				}
				t := p.Env.Index.Terms[m.Term]
				found := p.Doc.Blocks[bi].Text[m.Start:m.End]
				fx := &lint.Fix{Replacement: replacement(p, a, bi, mi)}
				if safety != nil {
					fx.Safety, fx.Why = safety(p, a, bi, m)
				}
				p.Report(lint.Diagnostic{Block: bi, Start: m.Start, End: m.End,
					Message: msg(found, t, m) + note(t), Fix: fx})
			}
		}
		return nil
	}
}

// Variant flags declared wrong forms.
var Variant = &lint.Rule{
	Name:    "naming/variant",
	Summary: "a declared variant of a glossary term instead of its canonical form",
	Doc: `Flags a surface form that the glossary lists under a term's ` + "`variants`" + `:
a known wrong way to write the name. The fix is the canonical form (keeping
a plural ending, and adding the trademark sign on the asset's first mention
when the term has one).

Variants are matched whatever their case, across inline markup, entities and
line breaks. Names inside code, URLs, paths, handles and identifiers are not
prose and are never flagged.`,
	Bad:      "Try CloudSync today.",
	Good:     "Try Acme CloudSync today.",
	Default:  lint.Error,
	Requires: []lint.Requirement{Matches},
	Fix:      lint.FixSafe,
	Run: runClass(match.IsVariant, func(found string, t match.Term, m match.Match) string {
		return fmt.Sprintf("%q should be %q", found, t.Name)
	}),
}

// Deprecated flags retired names.
var Deprecated = &lint.Rule{
	Name:    "naming/deprecated",
	Summary: "a retired product name",
	Doc: `Flags a name listed under a term's ` + "`deprecated`" + `: the product was
renamed. The fix is the current canonical name.

Some pages name the old product on purpose. ` + "`msglint fix`" + ` applies the fix
only with --heuristic (the finding is still reported) where the sentence
speaks of the renaming (renamed, formerly, previously, now called, was, ...,
or it names the current name too: "SafeStore archives open in Acme Vault"),
and in changelogs and release notes (a file or folder named changelog,
changes, history, news, release-notes, releases or whats-new, or a title
that says so).`,
	Bad:      "Back up with SyncBox.",
	Good:     "Back up with Acme CloudSync.",
	Default:  lint.Error,
	Requires: []lint.Requirement{Matches},
	Fix:      lint.FixSafe,
	Run: runClassWith(match.IsDeprecated, func(found string, t match.Term, m match.Match) string {
		return fmt.Sprintf("%q was renamed to %q", found, t.Name)
	}, deprecatedFixSafety, nil),
}

// Case flags the canonical words written in another case style.
var Case = &lint.Rule{
	Name:    "naming/case",
	Summary: "right words, wrong case, for a case-sensitive term",
	Doc: `Flags a case-sensitive term (products and features by default, or any term
with ` + "`case_sensitive: true`" + `) written in another case style as a whole:
all lower case or all upper case. A changed inner capital ("Acme Cloudsync")
is reported by naming/undeclared-variant instead.

Not flagged: a name in the case of its whole block (an all-caps legal
paragraph or banner, an alt text or caption written all in lower case),
where the case is the block's style rather than a misspelt name; and a
lower-case name joined by a hyphen to lower-case words or digits
("acme-cloudsync-agent", "cloudsync-cli"), which names a package,
repository or command rather than the product.`,
	Bad:      "Install acme cloudsync on every laptop.",
	Good:     "Install Acme CloudSync on every laptop.",
	Default:  lint.Error,
	Requires: []lint.Requirement{Matches},
	Fix:      lint.FixSafe,
	Run: runClassWith(match.Case, func(found string, t match.Term, m match.Match) string {
		return fmt.Sprintf("%q should be written %q", found, t.Name)
	}, nil, caseStyled),
}

// Undeclared flags spellings with the same loose key as a term.
var Undeclared = &lint.Rule{
	Name:    "naming/undeclared-variant",
	Summary: "an undeclared spelling with the same loose key as a term (Cloud-Sync, Acme Cloudsync)",
	Doc: `Flags a surface form that the glossary does not declare but that has the
same loose key as a term: the same letters once case, spaces, hyphens, dots
and ™®© are ignored. "Cloud-Sync", "Cloud Sync" and "Acme Cloudsync" are all
loose spellings of "Acme CloudSync" or its variants. Declare a form as a
variant to get naming/variant instead.`,
	Bad:      "Acme Cloud-Sync keeps files in step.",
	Good:     "Acme CloudSync keeps files in step.",
	Default:  lint.Warning,
	Requires: []lint.Requirement{Matches},
	Fix:      lint.FixSafe,
	Run: runClass(match.Undeclared, func(found string, t match.Term, m match.Match) string {
		return fmt.Sprintf("%q looks like a spelling of %q", found, t.Name)
	}),
}

// NearMiss flags one-edit misspellings of long terms.
var NearMiss = &lint.Rule{
	Name:    "naming/near-miss",
	Summary: "a one-edit misspelling of a term of 7+ letters",
	Doc: `Flags a capitalised word or run of words that is one edit (an inserted,
deleted, replaced or swapped letter) away from a glossary term whose loose
key has 7 or more letters, with the same number of words: "Acme CloudSnyc".
A plural or singular of the term is not a misspelling. Only capitalised
candidates are checked, since product names are capitalised.`,
	Bad:      "Acme CloudSnyc is fast.",
	Good:     "Acme CloudSync is fast.",
	Default:  lint.Warning,
	Requires: []lint.Requirement{Matches},
	Fix:      lint.FixHeuristic,
	Run: runClass(match.NearMiss, func(found string, t match.Term, m match.Match) string {
		return fmt.Sprintf("%q looks like a misspelling of %q", found, t.Name)
	}),
}

// Trademark flags a first mention without the trademark sign.
var Trademark = &lint.Rule{
	Name:    "naming/trademark",
	Summary: "the first mention of a term in an asset lacks its trademark sign",
	Doc: `For a term with ` + "`trademark: \"®\"`" + ` (or ™), the first mention in each asset
must carry the sign right after the name. The first mention is counted in
the body copy: front-matter fields, the HTML <title>, meta tags and title
attributes are metadata and are skipped. When the first mention is itself a
wrong form, its naming finding's fix adds the sign instead.`,
	Bad:      "Acme CloudSync keeps teams in sync.",
	Good:     "Acme CloudSync® keeps teams in sync.",
	Default:  lint.Warning,
	Requires: []lint.Requirement{Matches},
	Fix:      lint.FixSafe,
	Run: func(p *lint.Pass) error {
		if p.Env.Index == nil {
			return nil
		}
		a := Analyze(p)
		if len(a.first) == 0 {
			return nil
		}
		for bi := 0; bi+1 < len(a.start); bi++ {
			lo, hi := a.start[bi], a.start[bi+1]
			for mi, m := range a.all[lo:hi] {
				if !a.first[int(lo)+mi] {
					continue
				}
				t := p.Env.Index.Terms[m.Term]
				if t.Trademark == "" {
					continue
				}
				text := p.Doc.Blocks[bi].Text
				if m.Class != match.OK || hasSign(text, m.End, t.Trademark) {
					continue
				}
				found := text[m.Start:m.End]
				p.Report(lint.Diagnostic{Block: bi, Start: m.Start, End: m.End,
					Message: fmt.Sprintf("first mention of %q should carry %q", t.Name, t.Trademark),
					Fix:     &lint.Fix{Replacement: found + t.Trademark}})
			}
		}
		return nil
	},
}

// SelfTest runs each term's examples: a bad example must raise a naming
// finding for its term, a good one must raise none. It returns one message
// per failing example, positioned at the example in the config.
func SelfTest(cfg *config.Config, ix *match.Index) []error {
	var errs []error
	for ti := range cfg.Terms {
		t := &cfg.Terms[ti]
		check := func(ex string, wantBad bool, pos config.Pos) {
			var bad []string
			for _, m := range ix.Find(ex, nil, nil) {
				if m.Class != match.OK {
					bad = append(bad, ex[m.Start:m.End])
				}
			}
			switch {
			case wantBad && len(bad) == 0:
				errs = append(errs, &config.Error{File: pos.File, Line: pos.Line, Col: pos.Col,
					Msg: fmt.Sprintf("term %q: bad example %q raised no naming finding", t.Name, ex)})
			case !wantBad && len(bad) > 0:
				errs = append(errs, &config.Error{File: pos.File, Line: pos.Line, Col: pos.Col,
					Msg: fmt.Sprintf("term %q: good example %q raised a naming finding on %q", t.Name, ex, bad[0])})
			}
		}
		for i, ex := range t.Examples.Bad {
			check(ex, true, examplePos(t, t.Examples.BadPos, i))
		}
		for i, ex := range t.Examples.Good {
			check(ex, false, examplePos(t, t.Examples.GoodPos, i))
		}
	}
	return errs
}

func examplePos(t *config.Term, ps []config.Pos, i int) config.Pos {
	if i < len(ps) {
		return ps[i]
	}
	return t.Pos
}
