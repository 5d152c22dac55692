package project

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/cache"
	"github.com/msglint/msglint/project/driver"
	"github.com/msglint/msglint/report"
)

var cacheDay = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

func jsonOf(t *testing.T, res *driver.Result) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, report.JSON(&b, res, &report.Meta{ToolName: "msglint", ToolVersion: "test"}))
	return b.String()
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	require.NoError(t, filepath.Walk(from, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if fi.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	}))
}

// ageTree sets every file's times an hour back: the stat fast path trusts
// only files not modified as the run started.
func ageTree(t *testing.T, dir string) {
	t.Helper()
	at := time.Now().Add(-time.Hour)
	require.NoError(t, filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			err = os.Chtimes(p, at, at)
		}
		return err
	}))
}

// agedRunner ages the tree at dir (ageTree) and returns a run of its
// config over it with a cache store (nil: none).
func agedRunner(t *testing.T, dir string, paths ...string) func(*cache.Store) *driver.Result {
	t.Helper()
	ageTree(t, dir)
	p, err := Load(dir, "")
	require.NoError(t, err)
	if len(paths) == 0 {
		paths = []string{dir}
	}
	return func(store *cache.Store) *driver.Result {
		res, err := p.Run(Options{Paths: paths, Today: cacheDay, Scoped: true, Cache: store})
		require.NoError(t, err)
		return res
	}
}

// A warm run takes every file from the cache, through the stat fast path,
// and gives the cold run's result; a file whose content changed is read
// again even with its size and modification time put back.
func TestCacheWarmRun(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "../examples/acme", dir)
	run := agedRunner(t, dir)
	cold := jsonOf(t, run(nil))
	cdir := t.TempDir()
	for i := range 3 {
		store, err := cache.Open(cdir, 0)
		require.NoError(t, err)
		res := run(store)
		require.Equal(t, cold, jsonOf(t, res), "run %d", i)
		if i > 0 {
			require.EqualValues(t, 1, store.RunHits(), "run %d: the whole run from the run cache", i)
			require.Zero(t, store.Hits(), "run %d: no file's entry decoded", i)
		}
	}

	// same size, same modification time, other content: the change time
	// (and the inode when an editor replaces the file) tells
	page := filepath.Join(dir, "site", "pricing.md")
	fi, err := os.Stat(page)
	require.NoError(t, err)
	b, err := os.ReadFile(page)
	require.NoError(t, err)
	at := bytes.Index(b, []byte("Acme"))
	require.GreaterOrEqual(t, at, 0)
	copy(b[at:], "ACME")
	require.NoError(t, os.WriteFile(page, b, 0o644))
	require.NoError(t, os.Chtimes(page, fi.ModTime(), fi.ModTime()))
	cold = jsonOf(t, run(nil))
	store, err := cache.Open(cdir, 0)
	require.NoError(t, err)
	res := run(store)
	require.Equal(t, cold, jsonOf(t, res))
	require.EqualValues(t, res.Files-1, store.Hits(), "the other files from their entries")
	require.Zero(t, store.RunHits(), "a changed file: not the run cache")
}

// A run served whole from the run cache gives what a cold run gives, in
// every way the result is used, also when the funnel tagger's in-repo
// learning decided stages (the pages written for training, with their
// sites' folders: many path-convention examples).
func TestRunCacheSameResult(t *testing.T) {
	for _, chunk := range []int{lint.SpillChunk, 64} {
		t.Run(fmt.Sprintf("spill chunks of %d bytes", chunk), func(t *testing.T) {
			defer func(c int) { spillChunk = c }(spillChunk)
			spillChunk = chunk
			testRunCacheSameResult(t)
		})
	}
}

func testRunCacheSameResult(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "../rules/funnel/train/written", dir)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "msglint.yaml"), []byte("version: 1\nterms:\n  - name: Acme Vault\n    kind: product\n"), 0o644))
	cdir := t.TempDir()
	// the whole corpus, then one site of it (a partial run: the rest is
	// read as context, coverage is not judged)
	for _, path := range []string{dir, filepath.Join(dir, "chalkline")} {
		run := agedRunner(t, dir, path)
		cold := run(nil)
		want := jsonOf(t, cold)
		if path == dir {
			require.Contains(t, want, " of this repo", "in-repo learning decided stages")
		}
		require.Equal(t, path != dir, cold.Partial)
		for i := range 3 {
			store, err := cache.Open(cdir, 0)
			require.NoError(t, err)
			res := run(store)
			require.Equal(t, want, jsonOf(t, res), "%s, run %d", path, i)
			require.Equal(t, cold.Findings, res.Findings, "%s, run %d", path, i)
			require.Equal(t, cold.Files, res.Files)
			require.Equal(t, cold.Partial, res.Partial)
			require.EqualValues(t, min(i, 1), store.RunHits(), "%s, run %d", path, i)
		}
	}
}

// Other options, another config: no entry of the earlier run is used.
func TestCacheKeyedByRun(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "../examples/acme", dir)
	p, err := Load(dir, "")
	require.NoError(t, err)
	cdir := t.TempDir()
	for i, opt := range []Options{
		{Paths: []string{dir}, Today: cacheDay},
		// a date on which another claim has expired (acme's 2027-06-30)
		{Paths: []string{dir}, Today: cacheDay.AddDate(1, 1, 0)},
		{Paths: []string{dir}, Today: cacheDay, Disable: []string{"naming/case"}},
		{Paths: []string{dir}, Today: cacheDay, MinSeverity: lint.Error},
	} {
		store, err := cache.Open(cdir, 0)
		require.NoError(t, err)
		opt.Cache = store
		_, err = p.Run(opt)
		require.NoError(t, err)
		require.Zero(t, store.Hits(), "run %d", i)
		require.Zero(t, store.RunHits(), "run %d", i)
	}
	// another day on which no claim expires: the same entries
	store, err := cache.Open(cdir, 0)
	require.NoError(t, err)
	_, err = p.Run(Options{Paths: []string{dir}, Today: cacheDay.AddDate(0, 0, 1), Cache: store})
	require.NoError(t, err)
	require.Positive(t, store.Hits()+store.RunHits(), "a new day alone changes no result")

	cfg := filepath.Join(dir, "msglint.yaml")
	b, err := os.ReadFile(cfg)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(cfg, append(b, "\n# a comment\n"...), 0o644))
	p2, err := Load(dir, "")
	require.NoError(t, err)
	store, err = cache.Open(cdir, 0)
	require.NoError(t, err)
	_, err = p2.Run(Options{Paths: []string{dir}, Today: cacheDay, Cache: store})
	require.NoError(t, err)
	require.Positive(t, store.Hits()+store.RunHits(), "a comment changes no result")
	require.NoError(t, os.WriteFile(cfg, append(b, "\nrules:\n  naming/case: info\n"...), 0o644))
	p3, err := Load(dir, "")
	require.NoError(t, err)
	store, err = cache.Open(cdir, 0)
	require.NoError(t, err)
	_, err = p3.Run(Options{Paths: []string{dir}, Today: cacheDay, Cache: store})
	require.NoError(t, err)
	require.Zero(t, store.Hits(), "another config")
	require.Zero(t, store.RunHits(), "another config")
}

// Shards made with another config or options are refused.
func TestMergeRefusesOtherRun(t *testing.T) {
	p, err := Load("../examples/acme", "")
	require.NoError(t, err)
	opt := Options{Paths: []string{"../examples/acme"}, Today: cacheDay, Scoped: true}
	var b bytes.Buffer
	_, err = p.RunShard(opt, Shard{1, 1}, &b)
	require.NoError(t, err)
	_, err = p.Merge(opt, []string{"s"}, [][]byte{b.Bytes()})
	require.NoError(t, err)
	other := opt
	other.Disable = []string{"naming"}
	_, err = p.Merge(other, []string{"s"}, [][]byte{b.Bytes()})
	require.ErrorIs(t, err, ErrOtherRun)
}

// FuzzShardDecode: a shard file (or a cache entry inside one) of any bytes
// is an error or a result, never a panic or a huge allocation.
func FuzzShardDecode(f *testing.F) {
	p, err := Load("../examples/acme", "")
	require.NoError(f, err)
	opt := Options{Paths: []string{"../examples/acme"}, Today: cacheDay, Scoped: true}
	var b bytes.Buffer
	_, err = p.RunShard(opt, Shard{1, 2}, &b)
	require.NoError(f, err)
	f.Add(b.Bytes())
	r, err := p.prepare(opt, true)
	require.NoError(f, err)
	r.close()
	r.dopt.Env.Spill = nil // decoded values in the heap: nothing piles up in a spill over the fuzzing
	e := &lint.Enc{}
	require.NoError(f, driver.Collect(r.inputs[:4], r.dopt).Encode(e, r.dopt))
	f.Add(e.B)
	f.Fuzz(func(t *testing.T, data []byte) {
		_, d, err := ReadShardHeader(data)
		if err != nil {
			// the body of a shard without its frame
			d = nil
		}
		if d != nil {
			_, _ = driver.DecodeShard(d, r.dopt)
		}
		_, _ = driver.DecodeShard(lint.NewDec(data), r.dopt)
	})
}

// runCapture is a run cache that keeps nothing but the last run entry.
type runCapture struct{ entry []byte }

func (*runCapture) Get(*driver.Input) ([]byte, string, [32]byte, bool) {
	return nil, "k", [32]byte{}, false
}
func (*runCapture) Put(string, []byte)                                     {}
func (*runCapture) GetRun([]driver.Input, bool) ([]byte, [][32]byte, bool) { return nil, nil, false }
func (c *runCapture) PutRun(_ []driver.Input, _ bool, _ [][32]byte, entry []byte) {
	c.entry = append([]byte(nil), entry...)
}

// FuzzRunDecode: a run cache entry of any bytes is a result or nothing,
// never a panic or a huge allocation.
func FuzzRunDecode(f *testing.F) {
	p, err := Load("../examples/acme", "")
	require.NoError(f, err)
	opt := Options{Paths: []string{"../examples/acme"}, Today: cacheDay, Scoped: true}
	r, err := p.prepare(opt, true)
	require.NoError(f, err)
	r.close()
	r.dopt.Env.Spill = nil // decoded values in the heap: nothing piles up in a spill over the fuzzing
	c := &runCapture{}
	dopt := r.dopt
	dopt.Cache = c
	driver.Run(r.inputs, dopt)
	require.NotEmpty(f, c.entry)
	f.Add(c.entry)
	f.Add(c.entry[:len(c.entry)/2])
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = driver.DecodeRun(data, r.inputs, &dopt)
	})
}

// Two runs at once on one cache folder: both give the cold result, and so
// does a run after them (no entry, pack or stat index was left half
// written).
func TestCacheConcurrentRuns(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "../examples/acme", dir)
	ageTree(t, dir)
	p, err := Load(dir, "")
	require.NoError(t, err)
	cold, err := p.Run(Options{Paths: []string{dir}, Today: cacheDay})
	require.NoError(t, err)
	want := jsonOf(t, cold)
	cdir := t.TempDir()
	outs := make([]string, 4)
	done := make(chan struct{})
	for i := range outs {
		go func() {
			defer func() { done <- struct{}{} }()
			store, err := cache.Open(cdir, 0)
			if err != nil {
				return
			}
			res, err := p.Run(Options{Paths: []string{dir}, Today: cacheDay, Cache: store, Jobs: 2})
			if err != nil {
				return
			}
			var b bytes.Buffer
			if report.JSON(&b, res, &report.Meta{ToolName: "msglint", ToolVersion: "test"}) == nil {
				outs[i] = b.String()
			}
		}()
	}
	for range outs {
		<-done
	}
	for i, out := range outs {
		require.Equal(t, want, out, "run %d", i)
	}
	store, err := cache.Open(cdir, 0)
	require.NoError(t, err)
	res, err := p.Run(Options{Paths: []string{dir}, Today: cacheDay, Cache: store})
	require.NoError(t, err)
	require.Equal(t, want, jsonOf(t, res))
	require.EqualValues(t, 1, store.RunHits(), "the whole run from the run cache one of them kept")
}

// The cache's fingerprint stands for the run's date by the claims expired
// on it (expiredClaims): that holds only while claims/expired is the one
// reader of Env.Today. A rule that reads the date must be added to the
// fingerprint (project/cached.go) and here.
func TestOnlyClaimsReadToday(t *testing.T) {
	allowed := map[string]bool{filepath.FromSlash("../rules/claims/claims.go"): true}
	for _, root := range []string{"../rules", "../lint"} {
		require.NoError(t, filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if bytes.Contains(b, []byte(".Today")) && !allowed[p] {
				t.Errorf("%s reads Env.Today: add what it depends on to the cache's fingerprint (project/cached.go)", p)
			}
			return nil
		}))
	}
}

// TestStreamedRunSameJSON: a run whose findings stay in the spill until
// the output (Options.Stream, as `check --format json`) writes the JSON
// of a run that holds them all, byte for byte, cold, kept by the run cache
// from the stream, and warm; on the whole corpus and on a partial run;
// with the spill in memory and in its file.
func TestStreamedRunSameJSON(t *testing.T) {
	for _, chunk := range []int{lint.SpillChunk, 64} {
		t.Run(fmt.Sprintf("spill chunks of %d bytes", chunk), func(t *testing.T) {
			defer func(c int) { spillChunk = c }(spillChunk)
			spillChunk = chunk
			dir := t.TempDir()
			copyDir(t, "../rules/funnel/train/written", dir)
			require.NoError(t, os.WriteFile(filepath.Join(dir, "msglint.yaml"), []byte("version: 1\nterms:\n  - name: Acme Vault\n    kind: product\n"), 0o644))
			for _, f := range []string{"a.md", "chalkline/b.md"} {
				require.NoError(t, os.WriteFile(filepath.Join(dir, f), []byte("# Notes\n\nThe Chalkline team and the chalkline team met at acme vault.\n"), 0o644))
			}
			ageTree(t, dir)
			p, err := Load(dir, "")
			require.NoError(t, err)
			for _, path := range []string{dir, filepath.Join(dir, "chalkline")} {
				opt := Options{Paths: []string{path}, Today: cacheDay, Scoped: true, NoLineText: true}
				whole, err := p.Run(opt)
				require.NoError(t, err)
				require.False(t, whole.Streamed())
				want := jsonOf(t, whole)
				require.True(t, strings.Contains(want, `"naming/case"`), "findings from the files")
				if path == dir {
					require.True(t, strings.Contains(want, `"coverage/gap"`), "findings from a Finish")
				}
				cdir := t.TempDir()
				for i := range 2 {
					store, err := cache.Open(cdir, 0)
					require.NoError(t, err)
					opt.Cache, opt.Stream = store, true
					res, err := p.Run(opt)
					require.NoError(t, err)
					require.Equal(t, i == 0, res.Streamed(), "a warm run comes from the run cache")
					require.Equal(t, want, jsonOf(t, res), "%s, run %d", path, i)
					require.EqualValues(t, i, store.RunHits(), "the streamed run was kept")
					res.Close()
				}
			}
		})
	}
}
