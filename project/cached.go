package project

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/msglint/msglint/config"
	"github.com/msglint/msglint/internal/safeopen"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/cache"
	"github.com/msglint/msglint/project/driver"
)

// fileCache is the driver's Cache over a cache.Store: an entry's key is a
// hash of the run's fingerprint (the binary, the effective config, the
// policy, the rules and analyses, the date claims are judged against),
// the file's path and format, whether it is read as context, and its
// content's hash. The content's hash comes from the stat fast path
// (cache.StatIndex) when the file did not change, else from reading it;
// bytes read for hashing are handed to the extractor on a miss, so a file
// is read once.
type fileCache struct {
	store *cache.Store
	stats *cache.StatIndex
	// pack is the run's pack, read beside discovery (setPack); a run
	// served whole from the run cache never waits for it.
	pack  func() *cache.Pack
	ran   atomic.Bool // the run's result came from the run cache
	mu    sync.Mutex
	added map[cache.Key]bool // the entries this run made (Put)
	root  string
	base  [32]byte
	limit int64
	read  sync.Map // absolute path -> []byte read for hashing, for Load
}

func newFileCache(store *cache.Store, root string, limit int64, start time.Time) *fileCache {
	if abs, err := filepath.Abs(root); err == nil {
		root = abs
	}
	return &fileCache{store: store, stats: store.OpenStatIndex(root, start), limit: limit, root: root}
}

// fingerprint is what a run's entries depend on besides each file.
type fingerprint struct {
	Layout   int
	Build    []byte
	Config   *config.Config
	Defaults map[string]lint.Severity
	Rules    map[string]lint.Severity
	Override []driver.OverridePolicy
	Only     []string
	Disable  []string
	MinSev   lint.Severity
	// Expired are the claims (their indexes in the config) expired on the
	// run's date: the one thing the date changes in a file's results
	// (claims/expired is the only reader of Env.Today; a test holds it
	// to that), so that a new day does not make every entry a miss.
	Expired  []int
	RuleList []string
	Analyses []string
}

// fingerprintOf hashes what a run's per-file results depend on besides
// each file; false: the config cannot be fingerprinted (nothing is then
// cached or sharded).
func fingerprintOf(cfg *config.Config, pol *driver.Policy, ruleList []*lint.Rule, analyses []lint.Corpus, today time.Time) ([32]byte, bool) {
	fp := fingerprint{Layout: 1, Build: []byte(cache.BuildID()), Config: cfg, Defaults: pol.Defaults, Rules: pol.Rules,
		Override: pol.Overrides, Only: pol.Only, Disable: pol.Disable, MinSev: pol.MinSeverity, Expired: expiredClaims(cfg, today)}
	for _, r := range ruleList {
		fp.RuleList = append(fp.RuleList, r.Name)
	}
	for _, a := range analyses {
		fp.Analyses = append(fp.Analyses, a.AnalysisName())
	}
	b, err := json.Marshal(fp)
	if err != nil {
		return [32]byte{}, false
	}
	return sha256.Sum256(b), true
}

// expiredClaims returns the indexes of the config's claims whose expires
// date is before today, as claims/expired judges them (a date that does
// not parse is no expiry).
func expiredClaims(cfg *config.Config, today time.Time) []int {
	if cfg == nil || today.IsZero() {
		return nil
	}
	day := today.Format(time.DateOnly)
	var out []int
	for i, cl := range cfg.Claims {
		if cl.Expires == "" || day <= cl.Expires {
			continue
		}
		if _, err := time.Parse(time.DateOnly, cl.Expires); err == nil {
			out = append(out, i)
		}
	}
	return out
}

// Get implements driver.Cache.
func (c *fileCache) Get(in *driver.Input) ([]byte, string, [32]byte, bool) {
	if in.Abs == "" {
		return nil, "", [32]byte{}, false
	}
	sum, src, ok := c.contentHash(in)
	if !ok {
		return nil, "", sum, false
	}
	h := sha256.New()
	h.Write(c.base[:])
	ctx := byte(0)
	if in.Context {
		ctx = 1
	}
	h.Write([]byte{ctx})
	h.Write([]byte(in.Path + "\x00" + in.Format + "\x00"))
	h.Write(sum[:])
	var k cache.Key
	h.Sum(k[:0])
	if b, ok := c.pack().Get(k); ok {
		return b, k.String(), sum, true
	}
	if b, ok := c.store.Get(k); ok {
		c.pack().Use(k, b)
		return b, k.String(), sum, true
	}
	if src != nil {
		c.read.Store(in.Abs, src)
	}
	return nil, k.String(), sum, false
}

// Put implements driver.Cache. The entry goes into the run's pack (its
// spill file until then), which is written once, at the end of the run
// (done); a file per entry (10,000 files created and renamed) made a first
// run with the cache take two to three times as long as one without it.
func (c *fileCache) Put(key string, entry []byte) {
	if k, ok := cache.ParseKey(key); ok {
		c.pack().Add(k, entry)
		c.mu.Lock()
		if c.added == nil {
			c.added = map[cache.Key]bool{}
		}
		c.added[k] = true
		c.mu.Unlock()
	}
}

// source hands the extractor the bytes Get read (InputOptions.Read).
func (c *fileCache) source(abs string) ([]byte, bool) {
	b, ok := c.read.LoadAndDelete(abs)
	if !ok {
		return nil, false
	}
	return b.([]byte), true
}

// contentHash returns in's content hash, and its bytes when they were
// read for it (false: the file cannot be read within the size limit; it
// is not cached, and its finding comes from reading it).
func (c *fileCache) contentHash(in *driver.Input) (sum cache.Key, src []byte, ok bool) {
	if fi, err := os.Stat(in.Abs); err == nil {
		if st, ok := cache.StatOf(fi); ok {
			if sum, ok := c.stats.Lookup(in.Path, st); ok {
				return sum, nil, true
			}
		}
	}
	f, fi, err := safeopen.OpenRegular(in.Abs)
	if err != nil {
		return sum, nil, false
	}
	defer f.Close()
	if fi.Size() > c.limit {
		return sum, nil, false
	}
	src, err = readBounded(f, fi.Size(), c.limit)
	if err != nil || int64(len(src)) > c.limit {
		return sum, nil, false
	}
	sum = sha256.Sum256(src)
	if st, ok := cache.StatOf(fi); ok {
		c.stats.Record(in.Path, st, sum)
	}
	return sum, src, true
}

// done saves the stat index and bounds the cache folder's size.
func (c *fileCache) done() {
	c.stats.Save()
	if c.pack != nil && !c.ran.Load() { // (a run cache hit used none of its entries: it stays as it is)
		// what the pack file does not hold goes to the store: the entries
		// a run with a few changed files made (the pack is left as it is),
		// and those a rewritten pack no longer holds
		missing, rewritten := c.pack().Save()
		for k, e := range missing {
			if rewritten || c.added[k] {
				c.store.Put(k, e)
			}
		}
	}
	if c.store.Written() > 0 {
		_ = c.store.MaybeTrim()
	}
}

// setPack makes the pack the one c will receive on p.
func (c *fileCache) setPack(p <-chan *cache.Pack) {
	c.pack = sync.OnceValue(func() *cache.Pack { return <-p })
}

// runKey is where the result of a run over inputs is kept: the run's
// fingerprint, the cache root, whether the run is partial, and each
// input's path, format and role (named or context).
func (c *fileCache) runKey(inputs []driver.Input, partial bool) cache.Key {
	h := sha256.New()
	h.Write(c.base[:])
	scope := "whole"
	if partial {
		scope = "partial"
	}
	h.Write([]byte("run\x00" + c.root + "\x00" + scope + "\x00"))
	for i := range inputs {
		ctx := "0"
		if inputs[i].Context {
			ctx = "1"
		}
		h.Write([]byte(inputs[i].Path + "\x00" + inputs[i].Format + "\x00" + ctx))
	}
	var k cache.Key
	h.Sum(k[:0])
	return k
}

// GetRun implements driver.RunCache: the entry kept for a run over
// inputs, when each input's content hash (from the stat index, else from
// reading the file) is the one it had then. The hashes are checked on
// every core; the first that differs ends the check.
func (c *fileCache) GetRun(inputs []driver.Input, partial bool) ([]byte, [][32]byte, bool) {
	b, ok := c.store.Run(c.runKey(inputs, partial))
	if !ok {
		return nil, nil, false
	}
	d := lint.NewDec(b)
	if d.Uvarint() != uint64(len(inputs)) || d.Rest() < 32*len(inputs) {
		return nil, nil, false
	}
	sums := make([][32]byte, len(inputs))
	for i := range sums {
		copy(sums[i][:], d.Next(32))
	}
	entry := d.Next(d.Rest())
	var differs atomic.Bool
	driver.Each(len(inputs), runtime.NumCPU(), func(i int) bool {
		if sum, _, ok := c.contentHash(&inputs[i]); !ok || sum != sums[i] {
			differs.Store(true)
			return false // the first that differs ends the check
		}
		return true
	})
	if differs.Load() {
		return nil, nil, false
	}
	c.ran.Store(true)
	c.store.RunHit()
	return entry, sums, true
}

// PutRun implements driver.RunCache.
func (c *fileCache) PutRun(inputs []driver.Input, partial bool, sums [][32]byte, entry []byte) {
	e := &lint.Enc{B: make([]byte, 0, binary.MaxVarintLen64+32*len(sums))}
	e.Uvarint(uint64(len(sums)))
	for i := range sums {
		e.B = append(e.B, sums[i][:]...)
	}
	c.store.PutParts(c.runKey(inputs, partial), e.B, entry)
}
