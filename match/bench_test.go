package match_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/msglint/msglint/bench/gen"
	"github.com/msglint/msglint/engine"
	"github.com/msglint/msglint/extract"
	"github.com/msglint/msglint/match"
)

type benchCorpus struct {
	ix    *match.Index
	texts []string
	size  int64
}

var benchCache sync.Map // [2]int{n, g} -> *benchCorpus

// benchTexts generates n Markdown files with a g-term glossary and returns
// the compiled glossary and the text of every extracted block (generated
// once per process, so that setup stays out of repeated runs).
func benchTexts(b *testing.B, n, g int) (*match.Index, []string, int64) {
	b.Helper()
	if v, ok := benchCache.Load([2]int{n, g}); ok {
		c := v.(*benchCorpus)
		return c.ix, c.texts, c.size
	}
	dir := b.TempDir()
	if _, err := gen.Write(dir, gen.Options{Files: n, Terms: g, Rate: 0.15, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	p, err := engine.Load(dir, "")
	if err != nil {
		b.Fatal(err)
	}
	xo := &extract.Options{FrontMatter: p.Config.FrontMatter, Limits: extract.DefaultLimits}
	var texts []string
	var size int64
	for i := 0; i < n; i++ {
		rel := fmt.Sprintf("content/%03d/page-%05d.md", i/100, i)
		src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			b.Fatal(err)
		}
		d, err := extract.Markdown(rel, src, xo)
		if err != nil {
			b.Fatal(err)
		}
		for _, bl := range d.Blocks {
			texts = append(texts, bl.Text)
			size += int64(len(bl.Text))
		}
	}
	benchCache.Store([2]int{n, g}, &benchCorpus{p.Index, texts, size})
	return p.Index, texts, size
}

// BenchmarkTokenize tokenizes the prose of 200 generated documents.
func BenchmarkTokenize(b *testing.B) {
	_, texts, size := benchTexts(b, 200, 10)
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	var toks []match.Token
	for range b.N {
		for _, t := range texts {
			toks = match.Tokenize(t, toks[:0])
		}
	}
}

// BenchmarkFind matches the prose of 200 generated documents against
// glossaries of 10 and 1,000 terms (tokens computed beforehand); the cost
// should not grow with the glossary.
func BenchmarkFind(b *testing.B) {
	for _, g := range []int{10, 1000} {
		b.Run(fmt.Sprintf("terms=%d", g), func(b *testing.B) {
			ix, texts, size := benchTexts(b, 200, g)
			toks := make([][]match.Token, len(texts))
			for i, t := range texts {
				toks[i] = match.Tokenize(t, nil)
			}
			b.SetBytes(size)
			b.ReportAllocs()
			b.ResetTimer()
			var ms []match.Match
			for range b.N {
				for i, t := range texts {
					ms = ix.Find(t, toks[i], ms[:0])
				}
			}
		})
	}
}
