package claims_test

import (
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/msglint/msglint/bench/gen"
	"github.com/msglint/msglint/extract"
	"github.com/msglint/msglint/glossary"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
)

// genCorpus writes a `make bench`-like corpus of n files and returns its
// extracted documents (extracted once) and its run environment.
func genCorpus(b *testing.B, n, terms, nClaims int) ([]lint.Input, *lint.Env) {
	dir := b.TempDir()
	if _, err := gen.Write(dir, gen.Options{Files: n, Terms: terms, Claims: nClaims, Rate: 0.15, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	cfg, err := glossary.Load(filepath.Join(dir, "msglint.yaml"), glossary.LoadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	ix, err := match.Compile(cfg.Terms)
	if err != nil {
		b.Fatal(err)
	}
	var paths []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) == ".md" {
			paths = append(paths, p)
		}
		return nil
	})
	sort.Strings(paths)
	var inputs []lint.Input
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, p)
		d, err := extract.Markdown(rel, src, &extract.Options{FrontMatter: cfg.FrontMatter, Limits: extract.DefaultLimits})
		if err != nil {
			b.Fatal(err)
		}
		inputs = append(inputs, lint.Input{Path: rel, Format: lint.FormatMarkdown, Load: func() (*lint.Document, error) {
			c := *d
			return &c, nil
		}})
	}
	return inputs, &lint.Env{Config: cfg, Index: ix, Today: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}
}

// BenchmarkClaimsCorpus runs every claims rule on 300 generated bench
// files (1,000 terms), with no and with 200 registered claims. The
// Shared sub-benchmark is the part the rules do not own (tokens and
// folded words); subtract it.
func BenchmarkClaimsCorpus(b *testing.B) {
	for _, nc := range []int{0, 200} {
		inputs, env := genCorpus(b, 300, 1000, nc)
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
					lint.Run(inputs, lint.Options{Env: env, Rules: []*lint.Rule{shared}, Jobs: 1})
				}
			})
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				lint.Run(inputs, lint.Options{Env: env, Rules: all, Jobs: 1})
			}
		})
	}
}
