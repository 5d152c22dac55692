package claims_test

import (
	"testing"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/driver"
)

// BenchmarkClaimsRules is BenchmarkClaimsCorpus with the shared tokens and
// folded words computed before the rules run (as the funnel tagger does in
// the CLI), so that a profile of the rules' Run functions (for instance
// valgrind --toggle-collect='*claims.run*' --toggle-collect='*consistency.collectConflicts')
// counts only the rules' own work.
func BenchmarkClaimsRules(b *testing.B) {
	shared := func(p *lint.Pass) {
		for i := range p.Doc.Blocks {
			p.Tokens(i)
			p.Words(i)
		}
	}
	for _, nc := range []int{0, 200} {
		inputs, env := corpus(b, 300, 1000, nc)
		name := "claims=0"
		if nc > 0 {
			name = "claims=200"
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				driver.Run(inputs, driver.Options{Env: env, Rules: all, Analyses: []lint.Corpus{perDocument(shared)}, Jobs: 1})
			}
		})
	}
}

// perDocument is a corpus analysis that runs f on every document (before
// the rules, as the funnel tagger does) and collects nothing.
func perDocument(f func(*lint.Pass)) lint.Corpus {
	return &lint.CorpusAnalysis[bool, bool]{Name: "bench/per-document",
		Doc:    &lint.Analysis[bool]{Name: "bench/per-document.doc", Run: func(p *lint.Pass) bool { f(p); return true }},
		Finish: func(*lint.CorpusPass, []bool) bool { return true }}
}
