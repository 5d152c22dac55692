package claims_test

import (
	"testing"

	"github.com/msglint/msglint/internal/benchcorpus"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/driver"
)

// corpus is the `make bench`-like corpus of n files, extracted once.
func corpus(b *testing.B, n, terms, claims int) ([]driver.Input, *lint.Env) {
	c := benchcorpus.Load(b, n, terms, claims)
	return c.Inputs(), c.Env()
}

// BenchmarkClaimsCorpus runs every claims rule on 300 generated bench
// files (1,000 terms), with no and with 200 registered claims. The
// Shared sub-benchmark is the part the rules do not own (tokens and
// folded words); subtract it.
func BenchmarkClaimsCorpus(b *testing.B) {
	for _, nc := range []int{0, 200} {
		inputs, env := corpus(b, 300, 1000, nc)
		name := "claims=0"
		if nc > 0 {
			name = "claims=200"
		}
		if nc == 0 {
			shared := &lint.Rule{Name: "x/shared", Default: lint.Info, Run: func(p *lint.Pass) error {
				for i := range p.Doc.Blocks {
					p.Tokens(i)
					p.Words(i)
				}
				return nil
			}}
			b.Run("Shared", func(b *testing.B) {
				b.ReportAllocs()
				for range b.N {
					driver.Run(inputs, driver.Options{Env: env, Rules: []*lint.Rule{shared}, Jobs: 1})
				}
			})
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				driver.Run(inputs, driver.Options{Env: env, Rules: all, Jobs: 1})
			}
		})
	}
}
