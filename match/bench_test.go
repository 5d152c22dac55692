package match_test

import (
	"fmt"
	"testing"

	"github.com/msglint/msglint/internal/benchcorpus"
	"github.com/msglint/msglint/match"
)

// benchTexts returns the compiled glossary and the text of every extracted
// block of n generated documents with a g-term glossary.
func benchTexts(b *testing.B, n, g int) (*match.Index, []string, int64) {
	c := benchcorpus.Load(b, n, g, 0)
	var texts []string
	var size int64
	for _, d := range c.Docs {
		for _, bl := range d.Blocks {
			texts = append(texts, bl.Text)
			size += int64(len(bl.Text))
		}
	}
	return c.Index, texts, size
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
