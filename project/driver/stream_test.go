package driver

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
)

// crossRule reports, in its Finish, one finding on every third file, one
// on a path of no file ("a.yaml", before every file) and one on "z.md"
// (after them), so that a stream merges Finish findings with the files'.
var crossRule = &lint.Rule{Name: "x/cross", Default: lint.Error, Finish: func(c *lint.CorpusPass) error {
	for i, f := range c.Files {
		if i%3 == 0 {
			c.Report(lint.Diagnostic{Site: &lint.Site{Path: f.Path, Line: 1, Col: 1}, Message: "cross " + f.Path})
		}
	}
	c.Report(lint.Diagnostic{Site: &lint.Site{Path: "a.yaml", Line: 2, Col: 1}, Message: "config"})
	c.Report(lint.Diagnostic{Site: &lint.Site{Path: "z.md", Line: 1, Col: 1}, Message: "late"})
	return nil
}}

// streamed collects a streamed result's batches.
func streamed(t *testing.T, res *Result) ([]lint.Finding, int) {
	t.Helper()
	var got []lint.Finding
	batches := 0
	require.NoError(t, res.EachBatch(func(b []lint.Finding) error {
		batches++
		got = append(got, b...)
		return nil
	}))
	return got, batches
}

// TestStream: a streamed result gives, batch by batch, the findings a
// result that is not streamed holds, in the same order (the files', the
// Finish functions' on files and on other paths), with the same counts,
// whatever the block size and the spill (memory, a file of one-byte
// chunks); Materialize gives them as Findings.
func TestStream(t *testing.T) {
	defer func(n int) { streamBlock = n }(streamBlock)
	in := spillInputs(40)
	rules := []*lint.Rule{spillRule(false), crossRule}
	want := Run(in, Options{Env: &lint.Env{}, Rules: rules, Jobs: 2})
	require.Len(t, want.Findings, 80+14+2)
	assert.Equal(t, "a.yaml", want.Findings[0].Path)
	assert.Equal(t, "z.md", want.Findings[len(want.Findings)-1].Path)
	we, ww, wi := want.Counts()
	for _, block := range []int{1, 3, 4096} {
		for _, jobs := range []int{1, 2} {
			streamBlock = block
			for _, s := range []*lint.Spill{lint.NewMemorySpill(), lint.NewSpillSize(t.TempDir(), 1)} {
				name := fmt.Sprintf("block %d, jobs %d, in file %v", block, jobs, s != nil)
				res := Run(in, Options{Env: &lint.Env{Spill: s}, Rules: rules, Jobs: jobs, Stream: true})
				require.True(t, res.Streamed(), name)
				assert.Nil(t, res.Findings, name)
				e, w, i := res.Counts() // before any pass: one is made
				assert.Equal(t, [3]int{we, ww, wi}, [3]int{e, w, i}, name)
				got, batches := streamed(t, res)
				assert.Equal(t, want.Findings, got, name)
				if block == 1 {
					assert.Greater(t, batches, 40, name)
				}
				again, _ := streamed(t, res) // a second pass reads them again
				assert.Equal(t, want.Findings, again, name)
				require.NoError(t, res.Materialize())
				assert.False(t, res.Streamed())
				assert.Equal(t, want.Findings, res.Findings, name)
				require.NoError(t, s.Close())
			}
		}
	}
}

// TestStreamOnlyWhenItCan: no stream without a spill, with the chain's
// list steps (they need every finding), or with KeepDocs; a result that
// is not streamed gives its Findings in one batch.
func TestStreamOnlyWhenItCan(t *testing.T) {
	in := spillInputs(5)
	rules := []*lint.Rule{spillRule(false)}
	for name, opt := range map[string]Options{
		"no spill":        {Env: &lint.Env{}},
		"keep docs":       {Env: &lint.Env{Spill: lint.NewMemorySpill()}, KeepDocs: true},
		"baseline":        {Env: &lint.Env{Spill: lint.NewMemorySpill()}, Policy: &Policy{Baseline: keepAll{}}},
		"keep unfiltered": {Env: &lint.Env{Spill: lint.NewMemorySpill()}, Policy: &Policy{KeepUnfiltered: true}},
	} {
		opt.Rules, opt.Stream = rules, true
		res := Run(in, opt)
		assert.False(t, res.Streamed(), name)
		assert.Len(t, res.Findings, 10, name)
		got, batches := streamed(t, res)
		assert.Equal(t, res.Findings, got, name)
		assert.Equal(t, 1, batches, name)
		assert.Nil(t, res.Settled(), name)
	}
}

// keepAll is a list step that keeps every finding.
type keepAll struct{}

func (keepAll) Filter(fs []lint.Finding) []lint.Finding { return fs }

// TestStreamLost: when a file's findings cannot be read back during the
// output, that file gets an internal error in their place, in every
// later pass too, and the counts follow.
func TestStreamLost(t *testing.T) {
	s := lint.NewSpillSize(t.TempDir(), 1)
	res := Run(spillInputs(6), Options{Env: &lint.Env{Spill: s}, Rules: []*lint.Rule{spillRule(false)}, Jobs: 2, Stream: true})
	require.True(t, res.Streamed())
	require.NoError(t, s.Close()) // as a spill file that can no longer be read
	for range 2 {
		got, _ := streamed(t, res)
		require.Len(t, got, 6)
		for i, f := range got {
			assert.Equal(t, fmt.Sprintf("d%03d.md", i), f.Path)
			assert.Equal(t, lostSpillMessage, f.Message)
			assert.Equal(t, lint.Error, f.Severity)
		}
		e, w, _ := res.Counts()
		assert.Equal(t, [2]int{6, 0}, [2]int{e, w})
	}
}

// TestStreamClose: Close runs what the result was given, once.
func TestStreamClose(t *testing.T) {
	res := &Result{}
	n := 0
	res.CloseWith(func() { n++ })
	res.Close()
	res.Close()
	assert.Equal(t, 1, n)
}

// TestOrdered: ordered consumes every value in order, on any number of
// workers, and stops at the consumer's first error.
func TestOrdered(t *testing.T) {
	for _, jobs := range []int{1, 2, 8} {
		for _, n := range []int{0, 1, 2, 100} {
			var got []int
			err := ordered(n, jobs, func() func(k int) int { return func(k int) int { return k * k } }, func(v int) error {
				got = append(got, v)
				return nil
			})
			require.NoError(t, err)
			require.Len(t, got, n)
			for k, v := range got {
				assert.Equal(t, k*k, v)
			}
		}
		stop := errors.New("stop")
		seen := 0
		err := ordered(100, jobs, func() func(k int) int { return func(k int) int { return k } }, func(v int) error {
			seen++
			if v == 10 {
				return stop
			}
			return nil
		})
		assert.ErrorIs(t, err, stop)
		assert.Equal(t, 11, seen)
	}
}

// TestStreamRandom: on random corpora (files with and without findings,
// findings on the same line and column under several rules and
// severities, with related sites; Finish findings on files, on paths
// before, between and after them), a streamed result gives the held
// result's findings, in its order, at random block sizes.
func TestStreamRandom(t *testing.T) {
	defer func(n int) { streamBlock = n }(streamBlock)
	for seed := range 30 {
		rng := rand.New(rand.NewPCG(uint64(seed), 7))
		n := 1 + rng.IntN(40)
		var in []Input
		for i := range n {
			text := strings.Repeat("Acme cloud runs. ", 1+rng.IntN(4))
			doc := &content.Document{Src: []byte(text), Blocks: []content.Block{{Text: text, Segs: []content.Seg{{TextOff: 0, TextLen: len(text), SrcOff: 0, SrcLen: len(text)}}}}}
			in = append(in, Input{Path: fmt.Sprintf("f/%02d.md", (i*7919)%97), Load: func() (*content.Document, error) { return doc, nil }})
		}
		perFile := &lint.Rule{Name: "x/file", Default: lint.Warning, Run: func(p *lint.Pass) error {
			r := rand.New(rand.NewPCG(uint64(seed), uint64(len(p.Doc.Path)*31+int(p.Doc.Path[len(p.Doc.Path)-4]))))
			text := p.Doc.Blocks[0].Text
			for range r.IntN(6) {
				start := r.IntN(len(text) - 4)
				d := lint.Diagnostic{Block: 0, Start: start, End: start + 4, Message: fmt.Sprintf("m%d", r.IntN(3))}
				if r.IntN(3) == 0 {
					d.Severity = lint.Error
				}
				p.Report(d)
			}
			return nil
		}}
		paths := []string{".", "a.yaml", "f/", "f/50.md", "z.md"}
		cross := &lint.Rule{Name: "x/cross", Default: lint.Info, Finish: func(c *lint.CorpusPass) error {
			r := rand.New(rand.NewPCG(uint64(seed), 99))
			for range r.IntN(30) {
				path := paths[r.IntN(len(paths))]
				if len(c.Files) > 0 && r.IntN(2) == 0 {
					path = c.Files[r.IntN(len(c.Files))].Path
				}
				c.Report(lint.Diagnostic{Site: &lint.Site{Path: path, Line: 1 + r.IntN(2), Col: 1 + r.IntN(20)}, Message: fmt.Sprintf("c%d", r.IntN(2)),
					Related: []lint.Site{{Path: c.Files[0].Path, Line: 1, Col: 1}}})
			}
			return nil
		}}
		rules := []*lint.Rule{perFile, cross}
		want := Run(in, Options{Env: &lint.Env{}, Rules: rules, Jobs: 2})
		streamBlock = 1 + rng.IntN(20)
		s := lint.NewSpillSize(t.TempDir(), 1+rng.IntN(64))
		res := Run(in, Options{Env: &lint.Env{Spill: s}, Rules: rules, Jobs: 1 + rng.IntN(3), Stream: true})
		require.True(t, res.Streamed())
		got, _ := streamed(t, res)
		require.Equal(t, want.Findings, got, "seed %d", seed)
		we, ww, wi := want.Counts()
		e, w, i := res.Counts()
		require.Equal(t, [3]int{we, ww, wi}, [3]int{e, w, i}, "seed %d", seed)
		require.NoError(t, s.Close())
	}
}

// runKeeper is a run cache that misses every file and keeps the last run
// entry it is given.
type runKeeper struct{ entry []byte }

func (*runKeeper) Get(*Input) ([]byte, string, [32]byte, bool) { return nil, "k", [32]byte{1}, false }
func (*runKeeper) Put(string, []byte)                          {}
func (*runKeeper) GetRun([]Input, bool) ([]byte, [][32]byte, bool) {
	return nil, nil, false
}
func (c *runKeeper) PutRun(_ []Input, _ bool, _ [][32]byte, entry []byte) { c.entry = entry }

// TestRunEntryLimit: a run's entry is kept, streamed or not, and decodes
// to the run's findings; over maxRunEntry (sized from the spill before
// anything is built, or while the findings are encoded) it is not kept,
// and the run's output is the same.
func TestRunEntryLimit(t *testing.T) {
	defer func(n int) { maxRunEntry = n }(maxRunEntry)
	in := spillInputs(30)
	for i := range in {
		in[i].Abs = "/abs/" + in[i].Path
	}
	rules := []*lint.Rule{spillRule(false), crossRule}
	want := Run(in, Options{Env: &lint.Env{}, Rules: rules, Jobs: 2})
	for _, limit := range []int{64 << 20, 400, 10} {
		for _, stream := range []bool{false, true} {
			maxRunEntry = limit
			rc := &runKeeper{}
			s := lint.NewMemorySpill()
			opt := Options{Env: &lint.Env{Spill: s}, Rules: rules, Policy: NewPolicy(rules), Jobs: 2, Stream: stream, Cache: rc}
			res := Run(in, opt)
			got, _ := streamed(t, res)
			assert.Equal(t, want.Findings, got, "limit %d, stream %v", limit, stream)
			if limit < 1000 {
				assert.Nil(t, rc.entry, "limit %d, stream %v: not kept", limit, stream)
			} else {
				require.NotNil(t, rc.entry, "stream %v: kept", stream)
				dec, ok := DecodeRun(rc.entry, in, &opt)
				require.True(t, ok)
				// as kept: before the lines are filled from the files
				assert.Equal(t, unfilled(want.Findings), unfilled(dec.Findings), "stream %v: the entry holds the run's findings", stream)
			}
			require.NoError(t, s.Close())
		}
	}
}

// unfilled is fs without what the driver fills from the files after the
// run (LineText, Need).
func unfilled(fs []lint.Finding) []lint.Finding {
	out := slices.Clone(fs)
	for i := range out {
		out[i].LineText, out[i].Need = "", 0
	}
	return out
}
