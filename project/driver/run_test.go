package driver

import (
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
)

// TestScratchReuse: documents linted one after another on one worker reuse
// the token and word arrays of the ones before; each still sees exactly its
// own tokens and folded words.
func TestScratchReuse(t *testing.T) {
	texts := []string{
		strings.Repeat("Acme CloudSync Überall naïve ", 200),
		"short ÉTÉ text",
		"",
		strings.Repeat("x ", 3000) + "END",
		"Zwei Wörter",
	}
	var inputs []Input
	for _, text := range texts {
		doc := &content.Document{Blocks: []content.Block{{Text: text}, {Text: "second " + text}}}
		inputs = append(inputs, Input{Path: text[:min(len(text), 10)], Load: func() (*content.Document, error) { return doc, nil }})
	}
	type seen struct {
		toks  []match.Token
		words []string
	}
	got := map[string][]seen{}
	rule := &lint.Rule{Name: "x/record", Default: lint.Info, Run: func(p *lint.Pass) error {
		for i := range p.Doc.Blocks {
			s := seen{toks: append([]match.Token(nil), p.Tokens(i)...)}
			w := p.Words(i)
			for k := 0; k < w.Len(); k++ {
				s.words = append(s.words, string(w.Word(k)))
			}
			got[p.Doc.Blocks[0].Text] = append(got[p.Doc.Blocks[0].Text], s)
		}
		return nil
	}}
	for round := 0; round < 2; round++ { // the second round reuses pooled arrays
		clear(got)
		Run(inputs, Options{Env: &lint.Env{}, Rules: []*lint.Rule{rule}, Jobs: 1})
		for _, text := range texts {
			for bi, bt := range []string{text, "second " + text} {
				wantToks := match.Tokenize(bt, nil)
				var wantWords []string
				for _, tk := range wantToks {
					wantWords = append(wantWords, string(match.AppendFolded(nil, bt[tk.Start:tk.End], tk.Flags&match.FlagNonASCII != 0)))
				}
				s := got[text][bi]
				assert.Equal(t, len(wantToks), len(s.toks), "round %d %q block %d", round, text[:min(len(text), 10)], bi)
				if len(wantToks) > 0 {
					assert.Equal(t, wantToks, s.toks)
				}
				assert.Equal(t, wantWords, s.words)
			}
		}
	}
}

// TestFindingsAndFactsPerRule: the findings slice shared by a document's
// rules starts empty for each rule, and each rule's Finish reads the facts
// of the kinds it declares, and only those.
func TestFindingsAndFactsPerRule(t *testing.T) {
	kinds := map[string]*lint.Fact[string]{}
	doc := &content.Document{Src: []byte("a b c"), Blocks: []content.Block{{Text: "a b c", Segs: []content.Seg{{TextOff: 0, TextLen: 5, SrcOff: 0, SrcLen: 5}}}}}
	in := []Input{{Path: "d.md", Load: func() (*content.Document, error) { return doc, nil }}}
	var mu sync.Mutex
	gotFacts := map[string][]any{} // Finish runs concurrently across rules
	mk := func(name string, n int) *lint.Rule {
		kind := &lint.Fact[string]{Name: name}
		kinds[name] = kind
		r := &lint.Rule{Name: name, Default: lint.Warning, Run: func(p *lint.Pass) error {
			for i := 0; i < n; i++ {
				p.Report(lint.Diagnostic{Block: 0, Start: i * 2, End: i*2 + 1, Message: name})
				lint.Export(p, kind, name)
			}
			return nil
		}, FactTypes: []lint.FactType{kind}}
		r.Finish = func(c *lint.CorpusPass) error {
			mu.Lock()
			defer mu.Unlock()
			for _, other := range kinds {
				for path, f := range lint.FactsOf(c, other) {
					assert.Equal(t, "d.md", path)
					gotFacts[name] = append(gotFacts[name], f)
				}
			}
			return nil
		}
		return r
	}
	res := Run(in, Options{Env: &lint.Env{}, Rules: []*lint.Rule{mk("x/three", 3), mk("x/none", 0), mk("x/one", 1)}, Jobs: 1})
	count := map[string]int{}
	for _, d := range res.Findings {
		assert.Equal(t, d.Rule, d.Message)
		count[d.Rule]++
	}
	assert.Equal(t, map[string]int{"x/three": 3, "x/one": 1}, count)
	assert.Equal(t, map[string][]any{"x/three": {"x/three", "x/three", "x/three"}, "x/one": {"x/one"}}, gotFacts)
}

// TestAnalysisRelease: an analysis' result is made once per document,
// shared by a corpus analysis and every rule, and handed back once when
// the document is done, after its last rule.
func TestAnalysisRelease(t *testing.T) {
	var events []string
	an := &lint.Analysis[*string]{Name: "x/value", Run: func(p *lint.Pass) *string {
		v := "v:" + p.Doc.Path
		events = append(events, "get "+p.Doc.Path)
		return &v
	}, Release: func(v *string) { events = append(events, "put "+*v) }}
	get := func(p *lint.Pass) *string { return lint.ResultOf(p, an) }
	corpus := &lint.CorpusAnalysis[*string, []string]{Name: "x/all", Doc: an,
		Finish: pathValues}
	rule := func(name string) *lint.Rule {
		return &lint.Rule{Name: name, Default: lint.Info, Run: func(p *lint.Pass) error {
			if v := get(p); *v != "v:"+p.Doc.Path {
				t.Errorf("%s: got %q", p.Doc.Path, *v)
			}
			events = append(events, name+" "+p.Doc.Path)
			return nil
		}}
	}
	inputs := textInputs("a", "b")
	res := Run(inputs, Options{Env: &lint.Env{}, Rules: []*lint.Rule{rule("x/one"), rule("x/two")}, Jobs: 1,
		Analyses: []lint.Corpus{corpus}})
	assert.Equal(t, []string{"get a", "x/one a", "x/two a", "put v:a", "get b", "x/one b", "x/two b", "put v:b"}, events)
	all, ok := lint.CorpusResult(res.Analyses, corpus)
	assert.True(t, ok)
	assert.Equal(t, []string{"a=v:a", "b=v:b"}, all)
}

// TestCorpusPark: a corpus analysis's Park gets each document's result
// once the document's rules have read it, and Finish gets what Park
// returned, in path order, on any number of workers.
func TestCorpusPark(t *testing.T) {
	for _, jobs := range []int{1, 3} {
		var mu sync.Mutex
		var events []string
		log := func(e string) {
			mu.Lock()
			defer mu.Unlock()
			events = append(events, e)
		}
		an := &lint.Analysis[*string]{Name: "x/value", Run: func(p *lint.Pass) *string {
			v := "v:" + p.Doc.Path
			return &v
		}}
		corpus := &lint.CorpusAnalysis[*string, []string]{Name: "x/all", Doc: an,
			Park: func(_ *lint.Env, d *string) *string {
				log("park " + *d)
				v := "parked " + *d
				return &v
			},
			Finish: pathValues}
		rule := &lint.Rule{Name: "x/read", Default: lint.Info, Run: func(p *lint.Pass) error {
			v := lint.ResultOf(p, an)
			assert.Equal(t, "v:"+p.Doc.Path, *v, "a rule reads the result before Park")
			log("rule " + p.Doc.Path)
			return nil
		}}
		inputs := textInputs("c", "a", "b")
		res := Run(inputs, Options{Env: &lint.Env{}, Rules: []*lint.Rule{rule}, Jobs: jobs, Analyses: []lint.Corpus{corpus}})
		all, ok := lint.CorpusResult(res.Analyses, corpus)
		assert.True(t, ok)
		assert.Equal(t, []string{"a=parked v:a", "b=parked v:b", "c=parked v:c"}, all, "jobs %d", jobs)
		for _, path := range []string{"a", "b", "c"} {
			r, p := slices.Index(events, "rule "+path), slices.Index(events, "park v:"+path)
			assert.True(t, r >= 0 && p > r, "jobs %d: %s parked after its rule: %v", jobs, path, events)
		}
		assert.Len(t, events, 6)
	}
}

// TestCorpusParkPanics: a Park that panics on one file gives that file
// an internal-error finding naming the analysis; Finish still gets every
// file's result (unparked for that file), and the run goes on.
func TestCorpusParkPanics(t *testing.T) {
	an := &lint.Analysis[*string]{Name: "x/value", Run: func(p *lint.Pass) *string {
		v := "v:" + p.Doc.Path
		return &v
	}}
	corpus := &lint.CorpusAnalysis[*string, []string]{Name: "x/all", Doc: an,
		Park: func(_ *lint.Env, d *string) *string {
			if *d == "v:b" {
				panic("cannot park")
			}
			v := "parked " + *d
			return &v
		},
		Finish: pathValues}
	inputs := textInputs("a", "b")
	res := Run(inputs, Options{Env: &lint.Env{}, Jobs: 1, Analyses: []lint.Corpus{corpus}})
	all, ok := lint.CorpusResult(res.Analyses, corpus)
	assert.True(t, ok)
	assert.Equal(t, []string{"a=parked v:a", "b=v:b"}, all)
	if assert.Len(t, res.Findings, 1) {
		f := res.Findings[0]
		assert.Equal(t, "b", f.Path)
		assert.Contains(t, f.Message, "internal error in analysis x/all: ")
		assert.Contains(t, f.Message, "cannot park")
	}
}

// TestParallelChunks: every index is done exactly once, in consecutive
// ranges, whatever the weights and the number of jobs.
func TestParallelChunks(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for n := 0; n < 300; n++ {
		size := r.IntN(50)
		offs := make([]int, size+1)
		for i := 0; i < size; i++ {
			offs[i+1] = offs[i] + r.IntN(500)*r.IntN(2)
		}
		jobs := 1 + r.IntN(4)
		var mu sync.Mutex
		seen := make([]int, size)
		parallelChunks(size, offs[size], jobs, func(lo, hi int) {
			mu.Lock()
			defer mu.Unlock()
			assert.LessOrEqual(t, lo, hi)
			for i := lo; i < hi; i++ {
				seen[i]++
			}
		}, func(i int) int { return offs[i] })
		for i, c := range seen {
			if c != 1 {
				t.Fatalf("size %d jobs %d: index %d done %d times", size, jobs, i, c)
			}
		}
	}
}

// FilesDone is called once, after every file's Run and before any Finish.
func TestFilesDone(t *testing.T) {
	var runs, finishes, calls int
	var mu sync.Mutex
	rule := &lint.Rule{Name: "x/phase", Default: lint.Info,
		Run:    func(*lint.Pass) error { mu.Lock(); runs++; mu.Unlock(); return nil },
		Finish: func(*lint.CorpusPass) error { finishes++; return nil }}
	var in []Input
	for i := range 20 {
		doc := &content.Document{Blocks: []content.Block{{Text: "x"}}}
		in = append(in, Input{Path: strings.Repeat("a", i+1), Load: func() (*content.Document, error) { return doc, nil }})
	}
	Run(in, Options{Env: &lint.Env{}, Rules: []*lint.Rule{rule}, Jobs: 3, FilesDone: func() {
		calls++
		assert.Equal(t, 20, runs, "every file's Run before")
		assert.Zero(t, finishes, "no Finish before")
	}})
	assert.Equal(t, 1, calls)
	assert.Equal(t, 1, finishes)
}

// textInputs are inputs whose documents hold their path as text.
func textInputs(paths ...string) []Input {
	var inputs []Input
	for _, path := range paths {
		inputs = append(inputs, Input{Path: path, Load: func() (*content.Document, error) {
			return &content.Document{Blocks: []content.Block{{Text: path}}}, nil
		}})
	}
	return inputs
}

// pathValues is a corpus Finish that lists "path=value" for every file.
func pathValues(c *lint.CorpusPass, docs []*string) []string {
	var out []string
	for i, d := range docs {
		out = append(out, c.Files[i].Path+"="+*d)
	}
	return out
}
