// The content cache's side of the driver: a file's result (its findings
// after the per-finding policy steps, its facts, the corpus analyses'
// per-document results, its directives) encoded for Options.Cache, and
// decoded instead of reading the file again.

package driver

import (
	"strings"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
)

// Cache keeps files' results between runs (package project/cache behind
// package project). The key it gives is its own business: it covers the
// file's content, the effective config and policy, and the binary.
type Cache interface {
	// Get returns the entry kept for in (ok false: none); key, when not
	// "", is where Put keeps in's result, and sum is the SHA-256 of in's
	// content.
	Get(in *Input) (entry []byte, key string, sum [32]byte, ok bool)
	// Put keeps entry under key (errors are the cache's own: a run never
	// fails on them).
	Put(key string, entry []byte)
}

// entryVersion changes whenever the encoding below does.
const entryVersion = 2

// cacheable reports whether opt's results can be encoded: no documents
// kept, and a codec for every corpus analysis.
func cacheable(opt *Options) bool {
	if opt.Cache == nil || opt.KeepDocs {
		return false
	}
	for _, a := range opt.Analyses {
		if !lint.HasDocCodec(a) {
			return false
		}
	}
	return true
}

// runCached is runOne through the cache.
func runCached(in Input, opt *Options) docResult {
	entry, key, sum, ok := opt.Cache.Get(&in)
	if ok {
		if r, ok := decodeResult(entry, in, opt); ok {
			r.sum, r.hasSum = sum, true
			return r
		}
	}
	r := runOne(in, opt)
	if key == "" {
		return r
	}
	r.sum, r.hasSum = sum, true
	for i := range r.diags {
		if r.diags[i].Rule == content.RuleUnreadable && strings.HasPrefix(r.diags[i].Message, "internal error in ") {
			return r // a failure is never remembered
		}
	}
	if b, ok := encodeResult(&r, opt); ok {
		opt.Cache.Put(key, b)
	}
	return r
}

// encodeResult encodes r (false: a fact or an analysis has no codec).
func encodeResult(r *docResult, opt *Options) ([]byte, bool) {
	e := &lint.Enc{B: make([]byte, 0, 512)}
	e.Uvarint(entryVersion)
	e.String(r.file.Path)
	e.String(r.file.Format)
	e.Bool(r.hasSum)
	if r.hasSum {
		e.B = append(e.B, r.sum[:]...)
	}
	e.Uvarint(uint64(len(r.diags)))
	for i := range r.diags {
		lint.EncodeFinding(e, &r.diags[i])
	}
	if !lint.EncodeExports(e, opt.Env, r.facts) {
		return nil, false
	}
	e.Bool(r.corpus != nil)
	if r.corpus != nil {
		e.Uvarint(uint64(len(opt.Analyses)))
		for ai, a := range opt.Analyses {
			e.String(a.AnalysisName())
			if !lint.EncodeCorpusDoc(e, opt.Env, a, r.corpus[ai]) {
				return nil, false
			}
		}
	}
	e.Bool(r.dirs != nil)
	if d := r.dirs; d != nil {
		e.Uvarint(uint64(len(d.list)))
		for i, dir := range d.list {
			e.String(dir.Kind)
			e.Strings(dir.Rules)
			e.Int(dir.Line)
			e.String(dir.Loc)
			e.Bool(d.used[i])
			lint.EncodeSite(e, &d.sites[i])
		}
	}
	return e.B, true
}

// decodeResult decodes an entry encodeResult wrote for in (false: it is
// not one, or not for in, or not for this run's analyses).
func decodeResult(b []byte, in Input, opt *Options) (r docResult, ok bool) {
	d := lint.NewDec(b)
	if d.Uvarint() != entryVersion || d.String() != in.Path {
		return r, false
	}
	r.file = lint.File{Path: in.Path, Format: d.String()}
	if d.Bool() {
		if d.Rest() < len(r.sum) {
			return r, false
		}
		copy(r.sum[:], d.Next(len(r.sum)))
		r.hasSum = true
	}
	if n := d.Len(16); n > 0 {
		r.diags = make([]lint.Finding, n)
		for i := range r.diags {
			r.diags[i] = lint.DecodeFinding(d)
		}
	}
	r.facts = lint.DecodeExports(d, opt.Env)
	if d.Bool() {
		if d.Uvarint() != uint64(len(opt.Analyses)) {
			return r, false
		}
		r.corpus = make([]any, len(opt.Analyses))
		for ai, a := range opt.Analyses {
			if d.String() != a.AnalysisName() {
				return r, false
			}
			r.corpus[ai] = lint.DecodeCorpusDoc(d, opt.Env, a)
		}
	}
	if d.Bool() {
		n := d.Len(8)
		fd := &fileDirectives{list: make(directives, n), used: make([]bool, n), sites: make([]lint.Site, n)}
		for i := range n {
			fd.list[i] = content.Directive{Kind: d.String(), Rules: d.Strings(), Line: d.Int(), Loc: d.String()}
			fd.used[i] = d.Bool()
			fd.sites[i] = lint.DecodeSite(d)
		}
		r.dirs = fd
	}
	if d.Err() != nil || d.Rest() != 0 {
		return docResult{}, false
	}
	return r, true
}
