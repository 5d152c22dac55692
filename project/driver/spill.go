// A run's findings wait for its end encoded in the run's spill
// (lint.Spill): pointer-free, and past the first MiB out of the heap.

package driver

import (
	"sync"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
)

// spillFindings moves r's findings into env's spill, encoded.
func spillFindings(r *docResult, env *lint.Env) {
	if len(r.diags) == 0 {
		return
	}
	bp := spillBufs.Get().(*[]byte)
	e := lint.Enc{B: (*bp)[:0]}
	for i := range r.diags {
		lint.EncodeFinding(&e, &r.diags[i])
	}
	r.spilled, r.nSpilled = lint.Keep(env, e.B), len(r.diags)
	r.diags = nil
	*bp = e.B
	spillBufs.Put(bp)
}

var spillBufs = sync.Pool{New: func() any { return new([]byte) }}

// unspillFindings decodes r's spilled findings into dst (len(dst) ==
// r.nSpilled), reading the spill into buf, which it returns for reuse.
// On an error dst is left with findings of no rule.
func unspillFindings(r *docResult, dst []lint.Finding, buf []byte, shared func([]byte) string) ([]byte, error) {
	b, err := r.spilled.Bytes(buf)
	r.spilled = lint.Spilled{}
	if err == nil {
		d := lint.NewDec(b)
		path := r.file.Path
		d.Shared = func(b []byte) string {
			if string(b) == path {
				return path
			}
			return shared(b)
		}
		for k := range dst {
			dst[k] = lint.DecodeFinding(d)
		}
		if err = d.Err(); err == nil && d.Rest() != 0 {
			err = lint.ErrCorrupt
		}
	}
	if err != nil {
		clear(dst)
	}
	return b[:0:cap(b)], err
}

// sharedStrings gives the decoder of spilled findings the rule names and
// the inputs' paths it reads, so that decoded findings share them as the
// findings before encoding did.
func sharedStrings(opt *Options) func([]byte) string {
	names := map[string]string{}
	for _, r := range opt.Rules {
		names[r.Name] = r.Name
	}
	for _, n := range []string{content.RuleUnreadable, content.RuleEncoding, content.RuleTooLarge, content.RuleDegraded} {
		names[n] = n
	}
	return func(b []byte) string { return names[string(b)] }
}
