package project

import (
	"crypto/sha256"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
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
	pack  *cache.Pack // set with base
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
	Today    string
	RuleList []string
	Analyses []string
}

// fingerprintOf hashes what a run's per-file results depend on besides
// each file; false: the config cannot be fingerprinted (nothing is then
// cached or sharded).
func fingerprintOf(cfg *config.Config, pol *driver.Policy, ruleList []*lint.Rule, analyses []lint.Corpus, today time.Time) ([32]byte, bool) {
	fp := fingerprint{Layout: 1, Build: []byte(cache.BuildID()), Config: cfg, Defaults: pol.Defaults, Rules: pol.Rules,
		Override: pol.Overrides, Only: pol.Only, Disable: pol.Disable, MinSev: pol.MinSeverity, Today: today.Format("2006-01-02")}
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
	if b, ok := c.pack.Get(k); ok {
		return b, k.String(), sum, true
	}
	if b, ok := c.store.Get(k); ok {
		c.pack.Use(k, b)
		return b, k.String(), sum, true
	}
	if src != nil {
		c.read.Store(in.Abs, src)
	}
	return nil, k.String(), sum, false
}

// Put implements driver.Cache.
func (c *fileCache) Put(key string, entry []byte) {
	if k, ok := cache.ParseKey(key); ok {
		c.store.Put(k, entry)
		c.pack.Use(k, entry)
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
	c.pack.Save()
	if c.store.Written() > 0 {
		_ = c.store.MaybeTrim()
	}
}
