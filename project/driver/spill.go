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

// spillError reports, at ".", that a value could not be read back from
// the run's spill (lint.Spill.Err): what read it (the funnel's in-repo
// learning, a Finish) went without it.
func spillError(s *sink, opt *Options) {
	if opt.Env == nil || opt.Env.Spill == nil {
		return
	}
	if err := opt.Env.Spill.Err(); err != nil {
		s.internalError(".", "internal error in the run's spill: "+err.Error()+"; cross-file results may be incomplete")
	}
}

var spillBufs = sync.Pool{New: func() any { return new([]byte) }}

// unspillFindings decodes r's spilled findings into dst (len(dst) ==
// r.nSpilled), reading the spill into buf, which it returns for reuse,
// with the strings sh shares. On an error dst is left with findings of
// no rule.
func unspillFindings(r *docResult, dst []lint.Finding, buf []byte, sh *sharer) ([]byte, error) {
	buf, err := readSpilled(r, dst, buf, sh)
	r.spilled = lint.Spilled{}
	return buf, err
}

// readSpilled is unspillFindings without forgetting the findings (a
// streamed result reads them once a pass).
func readSpilled(r *docResult, dst []lint.Finding, buf []byte, sh *sharer) ([]byte, error) {
	b, err := r.spilled.Bytes(buf)
	if err == nil {
		d := lint.NewDec(b)
		sh.path = r.file.Path
		d.Shared = sh.share
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

// maxShared bounds the strings a sharer keeps beyond the rule names.
const maxShared = 1 << 16

// sharer gives the decoder of one goroutine's spilled findings the
// strings that findings repeat, so that decoded findings share them as
// the findings before encoding did and no copy is made per finding: the
// rule names, the file's path, and the messages and matches seen (a
// glossary variant's message and match recur across files: at 10,000
// bench files 2,622 distinct messages in 35,477, 1.7 MB of them 0.2 MB).
type sharer struct {
	names map[string]string // read-only, shared by the goroutines
	seen  map[string]string
	path  string
}

// newSharer returns a sharer knowing opt's rule names.
func newSharer(names map[string]string) *sharer {
	return &sharer{names: names, seen: map[string]string{}}
}

// ruleNames maps the rule names of a run's findings to themselves.
func ruleNames(opt *Options) map[string]string {
	names := map[string]string{}
	for _, r := range opt.Rules {
		names[r.Name] = r.Name
	}
	for _, n := range []string{content.RuleUnreadable, content.RuleEncoding, content.RuleTooLarge, content.RuleDegraded} {
		names[n] = n
	}
	return names
}

// share implements lint.Dec.Shared.
func (s *sharer) share(b []byte) string {
	if string(b) == s.path {
		return s.path
	}
	if v, ok := s.names[string(b)]; ok {
		return v
	}
	if v, ok := s.seen[string(b)]; ok {
		return v
	}
	if len(s.seen) >= maxShared {
		return ""
	}
	v := string(b)
	s.seen[v] = v
	return v
}
