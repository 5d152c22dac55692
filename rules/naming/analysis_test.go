package naming

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/internal/benchcorpus"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
	"github.com/msglint/msglint/project/driver"
)

// analyzeRef is the original analyze (a fresh Analysis, every array
// allocated), kept to check the pooled one against.
func analyzeRef(ix *match.Index, d *content.Document) *Analysis {
	a := &Analysis{}
	var all []match.Match
	for bi := range d.Blocks {
		a.start = append(a.start, int32(len(all)))
		all = ix.Find(d.Blocks[bi].Text, match.Tokenize(d.Blocks[bi].Text, nil), all)
	}
	a.start = append(a.start, int32(len(all)))
	a.all = all
	if len(all) == 0 {
		return a
	}
	for i := range all {
		a.classes |= 1 << all[i].Class
	}
	a.first = make([]bool, len(all))
	seen := map[int]bool{}
	for bi := range d.Blocks {
		if metadata(&d.Blocks[bi]) {
			continue
		}
		for i := a.start[bi]; i < a.start[bi+1]; i++ {
			if !seen[all[i].Term] {
				seen[all[i].Term] = true
				a.first[i] = true
			}
		}
	}
	return a
}

// TestAnalysisReuse: documents linted one after another on one worker
// reuse the analysis arrays of the ones before (big documents first, then
// small ones, twice); each still sees exactly its own matches and first
// mentions.
func TestAnalysisReuse(t *testing.T) {
	c := benchcorpus.Load(t, 40, 100, 0)
	inputs := c.Inputs()
	docs := map[string]*content.Document{}
	for _, in := range inputs {
		d, err := in.Load()
		require.NoError(t, err)
		docs[in.Path] = d
	}
	type seen struct {
		all     []match.Match
		start   []int32
		first   []bool
		classes uint32
	}
	got := map[string]seen{}
	rule := &lint.Rule{Name: "x/record", Default: lint.Info, Run: func(p *lint.Pass) error {
		a := Analyze(p)
		if Analyze(p) != a {
			t.Error("Analyze not memoised")
		}
		got[p.Doc.Path] = seen{all: append([]match.Match(nil), a.all...), start: append([]int32(nil), a.start...),
			first: append([]bool(nil), a.first...), classes: a.classes}
		return nil
	}}
	matches := 0
	for round := range 2 {
		clear(got)
		driver.Run(inputs, driver.Options{Env: &lint.Env{Config: c.Config, Index: c.Index}, Rules: []*lint.Rule{rule}, Jobs: 1})
		for path, d := range docs {
			want := analyzeRef(c.Index, d)
			g := got[path]
			matches += len(want.all)
			assert.Equal(t, len(want.all), len(g.all), "round %d %s", round, path)
			if len(want.all) > 0 {
				assert.Equal(t, want.all, g.all, "round %d %s", round, path)
				assert.Equal(t, want.first, g.first, "round %d %s", round, path)
			}
			assert.Equal(t, want.start, g.start, "round %d %s", round, path)
			assert.Equal(t, want.classes, g.classes, "round %d %s", round, path)
		}
	}
	assert.Greater(t, matches, 100)
}
