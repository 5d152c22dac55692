package funnel

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/msglint/msglint/bench/gen"
	"github.com/msglint/msglint/extract"
	"github.com/msglint/msglint/glossary"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
)

// scanDoc is a document with what the other rule families share with the
// tagger precomputed (tokens, folded words, glossary name spans).
type scanDoc struct {
	d     *lint.Document
	toks  [][]match.Token
	words []lint.Words
	names spanIndex
}

// BenchmarkScan runs only the tagger's own work (phrase scan, structures,
// decision) on 300 generated bench files (1,000 terms), with tokens, words
// and glossary matches computed beforehand.
func BenchmarkScan(b *testing.B) {
	dir := b.TempDir()
	if _, err := gen.Write(dir, gen.Options{Files: 300, Terms: 1000, Rate: 0.15, Seed: 1}); err != nil {
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
	var docs []*scanDoc
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		d, err := extract.Markdown(p, src, &extract.Options{FrontMatter: cfg.FrontMatter, Limits: extract.DefaultLimits})
		if err != nil {
			b.Fatal(err)
		}
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
	md := buildModel(cfg)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, sd := range docs {
			sc := md.getScores()
			sc.names.start = append(sc.names.start[:0], sd.names.start...)
			sc.names.spans = append(sc.names.spans[:0], sd.names.spans...)
			tb := -1
			_, tb = title(sd.d)
			md.scan(sc, sd.d, tb, func(i int) []match.Token { return sd.toks[i] }, func(i int) *lint.Words { return &sd.words[i] })
			var a lint.Asset
			md.contentStage(sc, &a)
			md.release(sc)
		}
	}
}
