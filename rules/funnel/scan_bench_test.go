package funnel

import (
	"testing"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/internal/benchcorpus"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
)

// scanDoc is a document with what the other rule families share with the
// tagger precomputed (tokens, folded words, glossary name spans).
type scanDoc struct {
	d     *content.Document
	toks  [][]match.Token
	words []lint.Words
	names spanIndex
}

// BenchmarkScan runs only the tagger's own work (phrase scan, features,
// the shipped model's scores, decision) on 300 generated bench files (1,000 terms), with tokens, words
// and glossary matches computed beforehand.
func BenchmarkScan(b *testing.B) {
	c := benchcorpus.Load(b, 300, 1000, 0)
	cfg, ix := c.Config, c.Index
	var docs []*scanDoc
	for _, d := range c.Docs {
		sd := &scanDoc{d: d, names: spanIndex{start: make([]int32, len(d.Blocks)+1)}}
		for bi := range d.Blocks {
			text := d.Blocks[bi].Text
			toks := match.Tokenize(text, nil)
			w := lint.Words{Offs: []int32{0}}
			for _, t := range toks {
				w.Arena = match.AppendFolded(w.Arena, text[t.Start:t.End], t.Flags&match.FlagNonASCII != 0)
				w.Offs = append(w.Offs, int32(len(w.Arena)))
			}
			sd.toks = append(sd.toks, toks)
			sd.words = append(sd.words, w)
			for _, m := range ix.Find(text, toks, nil) {
				sd.names.spans = append(sd.names.spans, [2]int{m.Start, m.End})
			}
			sd.names.start[bi+1] = int32(len(sd.names.spans))
		}
		docs = append(docs, sd)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		env := &lint.Env{Config: cfg} // a fresh spill each round
		md := getModel(env)           // with the shipped model, as a run has
		for _, sd := range docs {
			sc := md.getScores()
			sc.names.start = append(sc.names.start[:0], sd.names.start...)
			sc.names.spans = append(sc.names.spans[:0], sd.names.spans...)
			tb := -1
			_, tb = title(sd.d)
			toks := func(i int) []match.Token { return sd.toks[i] }
			words := func(i int) *lint.Words { return &sd.words[i] }
			md.scan(sc, sd.d, tb, toks, words)
			a := Asset{Path: sd.d.Path}
			collectFeatures(&sc.feats, sd.d, tb, "", toks, words, sc.prices)
			md.tag(env, sc, &a, false)
			md.release(sc)
		}
	}
}
