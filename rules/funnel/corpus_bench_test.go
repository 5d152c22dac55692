package funnel_test

import (
	"testing"

	"github.com/msglint/msglint/internal/benchcorpus"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/driver"
	"github.com/msglint/msglint/rules/funnel"
	"github.com/msglint/msglint/rules/naming"
)

// corpus is the `make bench`-like corpus of n files, extracted once.
func corpus(b *testing.B, n, terms, claims int) ([]driver.Input, *lint.Env) {
	c := benchcorpus.Load(b, n, terms, claims)
	return c.Inputs(), c.Env()
}

// BenchmarkAnnotateCorpus tags 300 generated bench files (1,000 terms).
// The Shared sub-benchmark is the part Annotate does not own: tokens,
// folded words and the shared glossary analysis; subtract it.
func BenchmarkAnnotateCorpus(b *testing.B) {
	inputs, env := corpus(b, 300, 1000, 0)
	shared := func(p *lint.Pass) {
		for i := range p.Doc.Blocks {
			p.Tokens(i)
			p.Words(i)
		}
		naming.Analyze(p)
	}
	b.Run("Shared", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			driver.Run(inputs, driver.Options{Env: env, Analyses: []lint.Corpus{perDocument(shared)}, Jobs: 1})
		}
	})
	b.Run("Annotate", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			driver.Run(inputs, driver.Options{Env: env, Analyses: []lint.Corpus{funnel.Stages}, Jobs: 1})
		}
	})
}

// perDocument is a corpus analysis that runs f on every document (before
// the rules, as the funnel tagger does) and collects nothing.
func perDocument(f func(*lint.Pass)) lint.Corpus {
	return &lint.CorpusAnalysis[bool, bool]{Name: "bench/per-document",
		Doc:    &lint.Analysis[bool]{Name: "bench/per-document.doc", Run: func(p *lint.Pass) bool { f(p); return true }},
		Finish: func(*lint.CorpusPass, []bool) bool { return true }}
}
