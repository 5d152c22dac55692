package naming_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/msglint/msglint/bench/gen"
	"github.com/msglint/msglint/engine"
	"github.com/msglint/msglint/extract"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/rules/naming"
)

type benchCorpus struct {
	p    *engine.Project
	docs []*lint.Document
	size int64
}

var benchCache sync.Map // [2]int{n, g} -> *benchCorpus

// benchDocs generates n Markdown files with a g-term glossary and extracts
// them into memory (once per process, so that setup stays out of repeated
// runs).
func benchDocs(b *testing.B, n, g int) (*engine.Project, []*lint.Document, int64) {
	b.Helper()
	if v, ok := benchCache.Load([2]int{n, g}); ok {
		c := v.(*benchCorpus)
		return c.p, c.docs, c.size
	}
	dir := b.TempDir()
	key, err := gen.Write(dir, gen.Options{Files: n, Terms: g, Rate: 0.15, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	p, err := engine.Load(dir, "")
	if err != nil {
		b.Fatal(err)
	}
	xo := &extract.Options{FrontMatter: p.Config.FrontMatter, Limits: extract.DefaultLimits}
	var docs []*lint.Document
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
		docs = append(docs, d)
	}
	benchCache.Store([2]int{n, g}, &benchCorpus{p, docs, key.Bytes})
	return p, docs, key.Bytes
}

// BenchmarkNaming runs the naming rules (the shared tokens and glossary
// analysis included) on 300 generated, already extracted documents, on one
// worker: the per-document cost of tokenizing, matching and the rules.
func BenchmarkNaming(b *testing.B) {
	for _, g := range []int{10, 1000} {
		b.Run(fmt.Sprintf("terms=%d", g), func(b *testing.B) {
			p, docs, size := benchDocs(b, 300, g)
			inputs := make([]lint.Input, len(docs))
			for i, d := range docs {
				inputs[i] = lint.Input{Path: d.Path, Load: func() (*lint.Document, error) { return d, nil }}
			}
			ruleList := []*lint.Rule{naming.Variant, naming.Deprecated, naming.Case, naming.Trademark,
				naming.Undeclared, naming.NearMiss, naming.Inconsistent}
			b.SetBytes(size)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				env := &lint.Env{Config: p.Config, Index: p.Index}
				lint.Run(inputs, lint.Options{Env: env, Rules: ruleList, Jobs: 1})
			}
		})
	}
}
