package consistency

import (
	"strings"
	"unicode/utf8"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/rules/claims"
)

// ClaimConflict flags the same statement stated with different numbers.
var ClaimConflict = &lint.Rule{
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
	Requires:  []lint.Requirement{claims.Stats},
	FactTypes: []lint.FactType{conflictFacts},
}

// conflictFact is one keyed figure of one document.
type conflictFact struct {
	Keys    []string
	Num     claims.Number
	Written string // the figure as written
	Snippet string // its sentence, for messages
	Site    lint.Site
	// Unit is the block (table row, slide) of the figure: figures of one
	// unit never conflict with each other (enumerations: "p50 22 ms, p95 46 ms").
	Unit string

	key string // numKey(Num), set in Finish
}

func collectConflicts(p *lint.Pass) error {
	st := lint.ResultOf(p, claims.Stats)
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
			Unit:    claims.UnitKey(p.Doc, fg.Block),
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
