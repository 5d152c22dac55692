// Sharding: the per-file work of a run on one share of the files (msglint
// check --shard), written out, and the rest of the run over every share's
// results (msglint merge), which then gives what one run would.

package driver

import (
	"errors"
	"fmt"
	"time"

	"github.com/msglint/msglint/lint"
)

// Shard is the per-file results of one share of a corpus.
type Shard struct {
	results []docResult
}

// Len is the number of files in the shard.
func (s *Shard) Len() int { return len(s.results) }

// Collect runs the per-file work of Run on inputs (the files, findings,
// facts and per-document analysis results the Finish functions need),
// and not what comes after every file.
func Collect(inputs []Input, opt Options) *Shard {
	setDefaults(&opt)
	opt.KeepDocs = false
	opt.sums = true // the merge checks the files it reads again against them
	return &Shard{results: collect(inputs, &opt)}
}

// Encode appends the shard's results to e, with the codecs of the cache
// (cache.go); an error when a fact or an analysis has no codec.
func (s *Shard) Encode(e *lint.Enc, opt Options) error {
	setDefaults(&opt)
	e.Uvarint(uint64(len(s.results)))
	for i := range s.results {
		r := &s.results[i]
		b, ok := encodeResult(r, &opt)
		if !ok {
			return errors.New("a rule's facts or an analysis' results cannot be written to a shard (no codec)")
		}
		e.Bool(r.context)
		e.String(string(b))
	}
	return nil
}

// DecodeShard reads a shard Encode wrote, for a run with opt.
func DecodeShard(d *lint.Dec, opt Options) (*Shard, error) {
	setDefaults(&opt)
	n := d.Len(2)
	s := &Shard{results: make([]docResult, 0, n)}
	for range n {
		ctx := d.Bool()
		b := []byte(d.String())
		if d.Err() != nil {
			break
		}
		path, ok := entryPath(b)
		if !ok {
			return nil, lint.ErrCorrupt
		}
		r, ok := decodeResult(b, Input{Path: path, Context: ctx}, &opt)
		if !ok {
			return nil, fmt.Errorf("%w: the results of %s", lint.ErrCorrupt, path)
		}
		r.context = ctx
		s.results = append(s.results, r)
	}
	if d.Err() != nil {
		return nil, d.Err()
	}
	return s, nil
}

// entryPath is the path an entry of encodeResult is for.
func entryPath(b []byte) (string, bool) {
	d := lint.NewDec(b)
	if d.Uvarint() != entryVersion {
		return "", false
	}
	p := d.String()
	return p, d.Err() == nil
}

// Merge runs the rest of a run (the corpus analyses' and the rules'
// Finish, the policy chain's list steps) over the results of every
// shard: the Result is the one Run gives over all their files. A file in
// two shards is an error. source, when set, reads a file (by path) again
// for the findings' lines and surrounding text (Input.Source); its bytes
// are checked against the shard's hash of them.
func Merge(shards []*Shard, opt Options, source func(path string) func() ([]byte, error)) (*Result, error) {
	start := time.Now()
	setDefaults(&opt)
	opt.KeepDocs = false
	var all []docResult
	seen := map[string]bool{}
	for _, s := range shards {
		for _, r := range s.results {
			if seen[r.file.Path] {
				return nil, fmt.Errorf("%s is in two shards", r.file.Path)
			}
			seen[r.file.Path] = true
			all = append(all, r)
		}
	}
	inputs := make([]Input, len(all))
	for i := range all {
		inputs[i] = Input{Path: all[i].file.Path, Format: all[i].file.Format, Context: all[i].context}
		if source != nil {
			inputs[i].Source = source(all[i].file.Path)
		}
	}
	res := settle(all, inputs, &opt, nil)
	res.Duration = time.Since(start)
	return res, nil
}
