package cache

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func key(s string) Key { return Key(sha256.Sum256([]byte(s))) }

func TestFrameRoundTrip(t *testing.T) {
	for _, payload := range [][]byte{nil, {}, []byte("x"), make([]byte, 70000)} {
		b := Frame(key("a"), payload)
		got, ok := Unframe(key("a"), b)
		require.True(t, ok)
		require.Equal(t, len(payload), len(got))
	}
}

func TestUnframeRejects(t *testing.T) {
	k := key("a")
	b := Frame(k, []byte("some findings and facts"))
	for i := range b {
		c := append([]byte(nil), b...)
		c[i] ^= 0x01
		_, ok := Unframe(k, c)
		require.False(t, ok, "byte %d flipped", i)
	}
	for n := 0; n < len(b); n++ {
		_, ok := Unframe(k, b[:n])
		require.False(t, ok, "truncated to %d", n)
	}
	_, ok := Unframe(key("other"), b)
	require.False(t, ok, "another key's entry")
	_, ok = Unframe(k, append(b, 0))
	require.False(t, ok, "trailing byte")
}

func TestStoreGetPut(t *testing.T) {
	s, err := Open(t.TempDir(), 0)
	require.NoError(t, err)
	_, ok := s.Get(key("a"))
	require.False(t, ok)
	s.Put(key("a"), []byte("one"))
	got, ok := s.Get(key("a"))
	require.True(t, ok)
	require.Equal(t, "one", string(got))
	require.EqualValues(t, 1, s.Hits())
	// a corrupt entry is a miss, and is rewritten by the next Put
	require.NoError(t, os.WriteFile(s.path(key("a")), []byte("garbage"), 0o600))
	_, ok = s.Get(key("a"))
	require.False(t, ok)
	s.Put(key("a"), []byte("two"))
	got, ok = s.Get(key("a"))
	require.True(t, ok)
	require.Equal(t, "two", string(got))
	// an entry stored under another key's name is refused
	b, err := os.ReadFile(s.path(key("a")))
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(filepath.Dir(s.path(key("b"))), 0o700))
	require.NoError(t, os.WriteFile(s.path(key("b")), b, 0o600))
	_, ok = s.Get(key("b"))
	require.False(t, ok)
}

// Two runs at once: readers see a whole entry or none, never a part.
func TestStoreConcurrent(t *testing.T) {
	dir := t.TempDir()
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := Open(dir, 0)
			require.NoError(t, err)
			for i := range 200 {
				k := key(fmt.Sprint(i % 10))
				if w%2 == 0 {
					s.Put(k, []byte(fmt.Sprintf("value %d from writer %d %s", i%10, w, string(make([]byte, i)))))
				} else if got, ok := s.Get(k); ok {
					require.Contains(t, string(got), fmt.Sprintf("value %d from writer", i%10))
				}
			}
		}()
	}
	wg.Wait()
}

func TestTrimBound(t *testing.T) {
	s, err := Open(t.TempDir(), 10_000)
	require.NoError(t, err)
	old := time.Now().Add(-48 * time.Hour)
	for i := range 30 {
		k := key(fmt.Sprint(i))
		s.Put(k, make([]byte, 1000))
		// the first ones were used least recently
		at := old.Add(time.Duration(i) * time.Minute)
		require.NoError(t, os.Chtimes(s.path(k), at, at))
	}
	require.NoError(t, s.Trim())
	in, err := s.Info()
	require.NoError(t, err)
	require.LessOrEqual(t, in.Size, int64(10_000))
	require.Positive(t, in.Entries)
	require.Equal(t, in.Entries, in.Files, "entries of their own, no pack")
	_, ok := s.Get(key("0"))
	require.False(t, ok, "the least recently used entry went first")
	_, ok = s.Get(key("29"))
	require.True(t, ok, "the most recently used entry stays")
}

func TestStatIndex(t *testing.T) {
	s, err := Open(t.TempDir(), 0)
	require.NoError(t, err)
	start := time.Now()
	old := FileStat{Size: 3, Mtime: start.Add(-time.Hour).UnixNano(), Ctime: start.Add(-time.Hour).UnixNano(), Ino: 7, Dev: 1}
	fresh := FileStat{Size: 3, Mtime: start.UnixNano(), Ctime: start.UnixNano(), Ino: 8, Dev: 1}
	x := s.OpenStatIndex("/repo", start)
	x.Record("a.md", old, key("a"))
	x.Record("b.md", fresh, key("b")) // racily clean: not trusted next time
	x.Save()

	y := s.OpenStatIndex("/repo", start.Add(time.Minute))
	sum, ok := y.Lookup("a.md", old)
	require.True(t, ok)
	require.Equal(t, key("a"), sum)
	_, ok = y.Lookup("b.md", fresh)
	require.False(t, ok, "a file modified as the run started is hashed again")
	changed := old
	changed.Ctime++
	_, ok = y.Lookup("a.md", changed)
	require.False(t, ok, "another change time")
	_, ok = s.OpenStatIndex("/other", start).Lookup("a.md", old)
	require.False(t, ok, "another tree")

	// a corrupt index is empty
	require.NoError(t, os.WriteFile(y.path, []byte("junk"), 0o600))
	_, ok = s.OpenStatIndex("/repo", start).Lookup("a.md", old)
	require.False(t, ok)
}

func TestStatOfRealFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	require.NoError(t, os.WriteFile(p, []byte("abc"), 0o600))
	fi, err := os.Stat(p)
	require.NoError(t, err)
	st, ok := StatOf(fi)
	if !ok {
		t.Skip("no stat fast path on this system")
	}
	require.EqualValues(t, 3, st.Size)
	require.NotZero(t, st.Ino)
}

func TestParseKey(t *testing.T) {
	k := key("x")
	got, ok := ParseKey(k.String())
	require.True(t, ok)
	require.Equal(t, k, got)
	_, ok = ParseKey("zz")
	require.False(t, ok)
}

// A pack is written whole at the end of a run; what Save reports is what
// the pack file does not hold: a run's new entries when the pack was left
// as it was, the entries a rewritten pack dropped.
func TestPackSave(t *testing.T) {
	s, err := Open(t.TempDir(), 0)
	require.NoError(t, err)
	var fp [32]byte
	entry := func(i int) (Key, []byte) { return key(fmt.Sprint("e", i)), []byte(fmt.Sprint("entry ", i)) }

	// first run: 20 new entries, all in the new pack
	p := s.OpenPack("/tree", fp)
	for i := range 20 {
		k, e := entry(i)
		p.Add(k, e)
	}
	missing, rewritten := p.Save()
	require.True(t, rewritten)
	require.Empty(t, missing)
	p = s.OpenPack("/tree", fp)
	for i := range 20 {
		k, e := entry(i)
		got, ok := p.Get(k)
		require.True(t, ok, i)
		require.Equal(t, e, got)
	}

	// one entry changed: the pack stays, the new entry is reported
	for i := 1; i < 20; i++ {
		k, _ := entry(i)
		p.Get(k)
	}
	k20, e20 := entry(20)
	p.Add(k20, e20)
	missing, rewritten = p.Save()
	require.False(t, rewritten)
	require.Equal(t, map[Key][]byte{k20: e20}, missing)

	// half of them changed: the pack is rewritten, the dropped ones reported
	p = s.OpenPack("/tree", fp)
	for i := range 10 {
		k, _ := entry(i)
		p.Get(k)
	}
	for i := 100; i < 110; i++ {
		k, e := entry(i)
		p.Add(k, e)
	}
	missing, rewritten = p.Save()
	require.True(t, rewritten)
	require.Len(t, missing, 10)
	for i := 10; i < 20; i++ {
		k, e := entry(i)
		require.Equal(t, e, missing[k], i)
	}
	p = s.OpenPack("/tree", fp)
	_, ok := p.Get(key("e105"))
	require.True(t, ok)
	_, ok = p.Get(key("e15"))
	require.False(t, ok)
	in, err := s.Info()
	require.NoError(t, err)
	require.Equal(t, Info{Entries: 20, Packs: 1, Files: 1, Size: in.Size}, in, "the pack's 20 entries, no spill file left")
}

// PutParts writes what Put writes for the parts joined.
func TestPutPartsSameAsPut(t *testing.T) {
	s, err := Open(t.TempDir(), 0)
	require.NoError(t, err)
	parts := [][]byte{[]byte("sums"), nil, make([]byte, 300_000), []byte("end")}
	s.PutParts(key("parts"), parts...)
	s.Put(key("joined"), bytes.Join(parts, nil))
	a, err := os.ReadFile(s.path(key("parts")))
	require.NoError(t, err)
	b, err := os.ReadFile(s.path(key("joined")))
	require.NoError(t, err)
	require.Equal(t, Frame(key("parts"), bytes.Join(parts, nil)), a)
	require.Equal(t, len(b), len(a))
	got, ok := s.Get(key("parts"))
	require.True(t, ok)
	require.Equal(t, bytes.Join(parts, nil), got)
	require.EqualValues(t, len(a)+len(b), s.Written())
}

// A pack that cannot be written (its folder is a file): the new entries
// stay in memory instead of a spill file, and Save hands all of them
// back for the store; nothing is lost.
func TestPackCannotBeWritten(t *testing.T) {
	s, err := Open(t.TempDir(), 0)
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(s.dir, 0o700))
	require.NoError(t, os.WriteFile(filepath.Join(s.dir, "pack"), []byte("not a folder"), 0o600))
	var fp [32]byte
	p := s.OpenPack("/tree", fp)
	want := map[Key][]byte{}
	for i := range 5 {
		k, e := key(fmt.Sprint("n", i)), []byte(fmt.Sprint("entry ", i))
		p.Add(k, e)
		want[k] = e
	}
	missing, rewritten := p.Save()
	require.False(t, rewritten)
	require.Equal(t, want, missing)
}
