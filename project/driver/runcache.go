package driver

import (
	"errors"
	"strings"
	"sync/atomic"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
)

// RunCache is a Cache that also keeps a whole run's result: a run over
// exactly the inputs of an earlier run (the same paths, formats and
// contents) with the same fingerprint gives that run's findings and
// analyses without decoding a file's entry or running a Finish function
// again. A warm run over an unchanged corpus is then the stat of each
// file, one read and the output.
//
// What is kept is the result as it stands before the list steps of the
// policy chain and before the findings' source lines are filled
// (settle): both run again on a hit, so a run kept with one output format
// serves the others. The corpus analyses' per-document results are kept
// as their Finish left them, and their Finish runs again over them on a
// hit: it must give the same result over what it settled (the funnel
// stages' Finish does: the tagging state it learns from is dropped once
// used).
type RunCache interface {
	Cache
	// GetRun returns the entry kept for a run over inputs (partial: a
	// run that names part of the configured corpus, Scope) and the
	// content hashes of the inputs, when every input's content is what
	// it was when the entry was kept (ok false otherwise).
	GetRun(inputs []Input, partial bool) (entry []byte, sums [][32]byte, ok bool)
	// PutRun keeps entry for a run over inputs whose contents had sums.
	PutRun(inputs []Input, partial bool, sums [][32]byte, entry []byte)
}

// runEntryVersion changes whenever encodeRun's layout does.
const runEntryVersion = 1

// runCacheOf returns the run cache a run over inputs can use: a RunCache,
// file results that can be encoded, no documents kept, and none of the
// steps a kept result cannot stand for (--changed-since, a baseline, the
// unfiltered list, standard input). A partial run's scope is the inputs
// it names (those that are not Context), so its inputs and the partial
// flag say all of it.
func runCacheOf(inputs []Input, opt *Options) RunCache {
	rc, ok := opt.Cache.(RunCache)
	if !ok || !cacheable(opt) || len(inputs) == 0 {
		return nil
	}
	if p := opt.Policy; p.ChangedSince != nil || p.Baseline != nil || p.KeepUnfiltered ||
		p.Scope != nil && !p.Scope.Partial() {
		return nil
	}
	for i := range inputs {
		if inputs[i].Abs == "" {
			return nil
		}
	}
	return rc
}

// cachedRun returns the result a run cache keeps for inputs, its source
// lines filled and the list steps applied as settle does (nil: none).
func cachedRun(rc RunCache, inputs []Input, opt *Options) *Result {
	entry, sums, ok := rc.GetRun(inputs, opt.Policy.Scope.Partial())
	if !ok || len(sums) != len(inputs) {
		return nil
	}
	res, ok := DecodeRun(entry, inputs, opt)
	if !ok {
		return nil
	}
	results := make([]docResult, len(inputs))
	for i := range inputs {
		results[i] = docResult{file: lint.File{Path: inputs[i].Path, Format: inputs[i].Format}, sum: sums[i], hasSum: true}
	}
	fillSources(res.Findings, results, inputs, nil, opt, opt.Jobs)
	res.Findings, res.Unfiltered = opt.Policy.filterList(res.Findings)
	return res
}

// keepRun encodes a settled result (before fillSources and the list
// steps) and keeps it, unless a file had no content hash (it could not be
// read) or a check failed with an internal error: those are never
// remembered.
func keepRun(rc RunCache, res *Result, files []lint.File, docs [][]any, results []docResult, inputs []Input, opt *Options) {
	sums := make([][32]byte, len(results))
	for i := range results {
		if !results[i].hasSum {
			return
		}
		sums[i] = results[i].sum
	}
	// the findings: res.Findings, or a streamed result's, read from the
	// spill (raw: their sources are filled when they are output)
	m := len(res.Findings)
	each := func(fn func([]lint.Finding) error) error { return fn(res.Findings) }
	size := 0 // what the entry will take at least
	if s := res.stream; s != nil {
		m = s.len()
		each = func(fn func([]lint.Finding) error) error { return s.each(false, fn) }
		size = s.spilledBytes()
	}
	// the analyses' parts first: an entry too big to keep is known before
	// the findings are encoded (at 100,000 bench files it used to be 64 MB
	// of buffer, then given up)
	aparts := make([][]byte, len(opt.Analyses))
	for ai, a := range opt.Analyses {
		part := &lint.Enc{}
		for _, d := range docs[ai] {
			if !lint.EncodeCorpusDoc(part, opt.Env, a, d) || size+len(part.B) > maxRunEntry {
				return
			}
		}
		size += len(part.B)
		aparts[ai] = part.B
	}
	if size > maxRunEntry {
		return
	}
	e := &lint.Enc{B: make([]byte, 0, min(size+64*m+256*len(files), maxRunEntry+1))}
	e.Uvarint(runEntryVersion)
	e.Uvarint(uint64(len(files)))
	for _, f := range files {
		e.String(f.Path)
		e.String(f.Format)
	}
	// the findings in runChunks parts and each analysis' documents as one
	// more, each part with its length, so that they decode side by side
	e.Uvarint(uint64(m))
	part := &lint.Enc{}
	k, i := 0, 0 // the part, the finding
	endPart := func() bool {
		e.Uvarint(uint64(len(part.B)))
		e.B = append(e.B, part.B...)
		part.B = part.B[:0]
		k++
		return len(e.B) <= maxRunEntry
	}
	errSkip := errors.New("not kept")
	if err := each(func(fs []lint.Finding) error {
		for j := range fs {
			f := &fs[j]
			if f.Rule == content.RuleUnreadable && strings.HasPrefix(f.Message, "internal error in ") {
				return errSkip
			}
			for k < runChunks && i >= (k+1)*m/runChunks {
				if !endPart() {
					return errSkip
				}
			}
			lint.EncodeFinding(part, f)
			i++
		}
		return nil
	}); err != nil || i != m {
		return
	}
	for k < runChunks {
		if !endPart() {
			return
		}
	}
	e.Uvarint(uint64(len(opt.Analyses)))
	for ai, a := range opt.Analyses {
		e.String(a.AnalysisName())
		e.Uvarint(uint64(len(aparts[ai])))
		e.B = append(e.B, aparts[ai]...)
		if len(e.B) > maxRunEntry {
			return
		}
	}
	rc.PutRun(inputs, opt.Policy.Scope.Partial(), sums, e.B)
}

// runChunks is the number of parts a run entry's findings are kept in.
const runChunks = 8

// maxRunEntry bounds a run entry (it is built in memory at the end of the
// run, beside the findings): a bigger result, about 50,000 files of the
// bench corpus, is not kept whole, and its warm runs use the files'
// entries. A variable for the tests.
var maxRunEntry = 64 << 20

// DecodeRun decodes what keepRun kept, running the corpus analyses'
// Finish again over their settled documents (false: not such an entry,
// or not for these inputs and analyses). Any bytes give a result or
// false, never a panic (FuzzRunDecode).
func DecodeRun(b []byte, inputs []Input, opt *Options) (*Result, bool) {
	d := lint.NewDec(b)
	if d.Uvarint() != runEntryVersion {
		return nil, false
	}
	n := d.Len(2)
	named := 0
	for i := range inputs {
		if !inputs[i].Context {
			named++
		}
	}
	if n != named {
		return nil, false
	}
	files := make([]lint.File, n)
	for i := range files {
		files[i] = lint.File{Path: d.String(), Format: d.String()}
	}
	res := &Result{Files: n, Analyses: lint.NewResults(), Partial: opt.Policy.Scope.Partial()}
	m := d.Len(16) // (an encoded finding takes more than 16 bytes)
	var parts []func() bool
	res.Findings = make([]lint.Finding, m) // (empty, not nil, as settle's)
	for k := range runChunks {
		b := d.Next(d.Len(0))
		lo, hi := k*m/runChunks, (k+1)*m/runChunks
		parts = append(parts, func() bool {
			pd := lint.NewDec(b)
			for i := lo; i < hi; i++ {
				res.Findings[i] = lint.DecodeFinding(pd)
			}
			return pd.Err() == nil && pd.Rest() == 0
		})
	}
	if d.Uvarint() != uint64(len(opt.Analyses)) || d.Err() != nil {
		return nil, false
	}
	docs := make([][]any, len(opt.Analyses))
	for ai, a := range opt.Analyses {
		if d.String() != a.AnalysisName() {
			return nil, false
		}
		b := d.Next(d.Len(0))
		parts = append(parts, func() bool {
			pd := lint.NewDec(b)
			docs[ai] = make([]any, n)
			for i := range docs[ai] {
				docs[ai][i] = lint.DecodeCorpusDoc(pd, opt.Env, a)
			}
			return pd.Err() == nil && pd.Rest() == 0
		})
	}
	if d.Err() != nil || d.Rest() != 0 {
		return nil, false
	}
	var bad atomic.Bool
	Each(len(parts), opt.Jobs, func(i int) bool {
		if !parts[i]() {
			bad.Store(true)
		}
		return true
	})
	if bad.Load() {
		return nil, false
	}
	for ai, a := range opt.Analyses {
		if err := safeCall(func() error { lint.RunCorpusFinish(opt.Env, a, files, docs[ai], res.Analyses); return nil }); err != nil {
			return nil, false
		}
	}
	return res, true
}
