package project

import (
	"bytes"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/cache"
	"github.com/msglint/msglint/project/driver"
)

// Sharding a run over CI machines (docs/ci.md): `msglint check --shard
// K/N --facts-out FILE` does the per-file work on the files whose path
// hashes to share K of N, and writes their results to FILE (a shard
// file); `msglint merge FILE...` reads every share's file and runs what
// needs the whole corpus (the cross-asset rules, the funnel's in-repo
// learning, coverage), so its output is the one run's over every file.

// Shard is share K (1-based) of N.
type Shard struct{ K, N int }

// ParseShard parses "K/N" (1 ≤ K ≤ N).
func ParseShard(s string) (Shard, error) {
	k, n, ok := strings.Cut(s, "/")
	K, err1 := strconv.Atoi(k)
	N, err2 := strconv.Atoi(n)
	if !ok || err1 != nil || err2 != nil || N < 1 || K < 1 || K > N || N > 1<<16 {
		return Shard{}, fmt.Errorf("--shard must be K/N with 1 <= K <= N, not %q", s)
	}
	return Shard{K, N}, nil
}

// Has reports whether the file at path (relative to the config's folder)
// is in the share: by a hash of its path, so a file stays in its share as
// files are added and removed.
func (s Shard) Has(path string) bool {
	h := fnv.New64a()
	io.WriteString(h, path)
	return int(h.Sum64()%uint64(s.N)) == s.K-1
}

// shardMagic starts a shard file; its last byte is the layout's version.
const shardMagic = "msglint-shard\x01"

// ShardHeader is what a shard file says about the run that wrote it; the
// merge runs with the same per-file options.
type ShardHeader struct {
	Shard
	Today                  time.Time
	Only, Disable          []string
	MinSeverity            lint.Severity
	ReportUnusedDirectives bool
	Skipped                int
	fp                     [32]byte
}

// ErrOtherRun is the error for a shard file made by another binary or
// with another config or options.
var ErrOtherRun = errors.New("made by another msglint binary, or with another config or other options (--rule, --disable, --min-severity, --today); run every shard and the merge with the same binary and config")

// RunShard does the per-file work of a run (opt: as for Run) on share sh
// of its files and writes their results to w. The run must be over the
// whole configured corpus.
func (p *Project) RunShard(opt Options, sh Shard, w io.Writer) (files int, err error) {
	r, err := p.prepare(opt, true)
	if err != nil {
		return 0, err
	}
	defer r.close()
	if r.dopt.Policy.Scope.Partial() {
		return 0, errors.New("--shard runs over the whole configured corpus: give no PATH below the config's folder and no --include or --exclude")
	}
	if r.fp == ([32]byte{}) {
		return 0, errors.New("--shard: the config cannot be fingerprinted")
	}
	var mine []driver.Input
	for _, in := range r.inputs {
		if sh.Has(in.Path) {
			mine = append(mine, in)
		}
	}
	s := driver.Collect(mine, r.dopt)
	if r.fc != nil {
		r.fc.done()
	}
	e := &lint.Enc{}
	e.B = append(e.B, shardMagic...)
	e.B = append(e.B, r.fp[:]...)
	e.Uvarint(uint64(sh.K))
	e.Uvarint(uint64(sh.N))
	e.String(r.dopt.Env.Today.Format(time.RFC3339Nano))
	e.Strings(opt.Only)
	e.Strings(opt.Disable)
	e.Int(int(opt.MinSeverity))
	e.Bool(opt.ReportUnusedDirectives)
	e.Int(r.skipped)
	if err := s.Encode(e, r.dopt); err != nil {
		return 0, err
	}
	var k cache.Key = r.fp
	_, err = w.Write(cache.Frame(k, e.B))
	return s.Len(), err
}

// ReadShardHeader reads the header of shard file b (its options, for the
// merge's run).
func ReadShardHeader(b []byte) (*ShardHeader, *lint.Dec, error) {
	var fp cache.Key
	if len(b) < len("msglint\x01")+len(fp) {
		return nil, nil, errors.New("not a shard file (too short)")
	}
	copy(fp[:], b[len("msglint\x01"):])
	payload, ok := cache.Unframe(fp, b)
	if !ok {
		return nil, nil, errors.New("not a shard file, or truncated or corrupt")
	}
	if !bytes.HasPrefix(payload, []byte(shardMagic)) || len(payload) < len(shardMagic)+32 {
		return nil, nil, errors.New("not a shard file")
	}
	h := &ShardHeader{}
	copy(h.fp[:], payload[len(shardMagic):])
	d := lint.NewDec(payload[len(shardMagic)+32:])
	h.K, h.N = int(d.Uvarint()), int(d.Uvarint())
	today, err := time.Parse(time.RFC3339Nano, d.String())
	if err != nil {
		d.Fail(lint.ErrCorrupt)
	}
	h.Today = today
	h.Only, h.Disable = d.Strings(), d.Strings()
	h.MinSeverity = lint.Severity(d.Int())
	h.ReportUnusedDirectives = d.Bool()
	h.Skipped = d.Int()
	if d.Err() != nil || h.N < 1 || h.K < 1 || h.K > h.N {
		return nil, nil, errors.New("not a shard file, or corrupt")
	}
	return h, d, nil
}

// Merge reads every shard file of a run (names: for errors) and runs the
// rest of it: the result is what Run gives over the files of all shards.
// opt's per-file options must be the shards' (ReadShardHeader).
func (p *Project) Merge(opt Options, names []string, shards [][]byte) (*driver.Result, error) {
	r, err := p.prepare(opt, false)
	if err != nil {
		return nil, err
	}
	defer r.close()
	var all []*driver.Shard
	n, skipped := 0, 0
	seen := map[int]string{}
	for i, b := range shards {
		h, d, err := ReadShardHeader(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", names[i], err)
		}
		if h.fp != r.fp {
			return nil, fmt.Errorf("%s: %w", names[i], ErrOtherRun)
		}
		if n != 0 && h.N != n {
			return nil, fmt.Errorf("%s: shard %d/%d, but %s is of %d shards", names[i], h.K, h.N, names[0], n)
		}
		if o, dup := seen[h.K]; dup {
			return nil, fmt.Errorf("%s and %s are both shard %d/%d", o, names[i], h.K, h.N)
		}
		n, skipped, seen[h.K] = h.N, h.Skipped, names[i]
		s, err := driver.DecodeShard(d, r.dopt)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", names[i], err)
		}
		all = append(all, s)
	}
	if len(seen) != n {
		var missing []string
		for k := 1; k <= n; k++ {
			if seen[k] == "" {
				missing = append(missing, fmt.Sprintf("%d/%d", k, n))
			}
		}
		return nil, fmt.Errorf("missing shards: %s", strings.Join(missing, ", "))
	}
	limit := Limits(p.Config).MaxFileSize
	res, err := driver.Merge(all, r.dopt, func(path string) func() ([]byte, error) {
		return func() ([]byte, error) {
			return readSource(filepath.Join(p.Config.Dir, filepath.FromSlash(path)), limit)
		}
	})
	if err != nil {
		return nil, err
	}
	res.Skipped = skipped
	p.configLines(res.Findings)
	p.configLines(res.Unfiltered)
	return res, nil
}
