package cache

import (
	"crypto/sha256"
	"encoding/binary"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"
)

// The stat fast path, as git's index and ruff's cache keep it: a file
// whose size, modification and change times, inode and device are those
// recorded when its content was last hashed has that content hash, and is
// not read again. A file modified within the clock's resolution of that
// hashing could change without changing its times, so a file modified
// less than racyWindow before the run started is not recorded (it is
// read and hashed again next time, as git does with "racily clean"
// entries).

const racyWindow = 2 * time.Second

// FileStat is what the fast path compares.
type FileStat struct {
	Size, Mtime, Ctime int64 // times in nanoseconds
	Ino, Dev           uint64
}

type statRec struct {
	st  FileStat
	sum Key
}

// StatIndex maps a tree's files (by path) to content hashes, for one
// run; it is saved for the next one.
type StatIndex struct {
	path  string
	start time.Time
	mu    sync.Mutex
	old   map[string]statRec
	seen  map[string]statRec
	dirty bool
}

// OpenStatIndex loads the index of the tree at root (an absolute path)
// for a run that started at start. A missing or invalid index is empty.
func (s *Store) OpenStatIndex(root string, start time.Time) *StatIndex {
	k := Key(sha256.Sum256([]byte("stat\x00" + root)))
	x := &StatIndex{path: filepath.Join(s.dir, "stat", k.String()), start: start, old: map[string]statRec{}}
	if b, err := os.ReadFile(x.path); err == nil {
		if payload, ok := Unframe(k, b); ok {
			x.old = decodeStats(payload)
		}
	}
	x.seen = make(map[string]statRec, len(x.old))
	return x
}

// Lookup returns the content hash recorded for rel if st is what was
// recorded with it.
func (x *StatIndex) Lookup(rel string, st FileStat) (Key, bool) {
	x.mu.Lock()
	defer x.mu.Unlock()
	r, ok := x.old[rel]
	if !ok || r.st != st {
		return Key{}, false
	}
	x.seen[rel] = r
	return r.sum, true
}

// Record records rel's content hash, read when the file's stat was st,
// unless the file was modified too close to the run's start to be
// trusted next time.
func (x *StatIndex) Record(rel string, st FileStat, sum Key) {
	if st.Mtime >= x.start.Add(-racyWindow).UnixNano() || st.Ctime >= x.start.Add(-racyWindow).UnixNano() {
		return
	}
	x.mu.Lock()
	x.seen[rel] = statRec{st, sum}
	x.dirty = true
	x.mu.Unlock()
}

// Save writes the index of the files this run looked up or recorded
// (errors are ignored: the index is only a shortcut).
func (x *StatIndex) Save() {
	x.mu.Lock()
	defer x.mu.Unlock()
	if !x.dirty && len(x.seen) == len(x.old) {
		return
	}
	paths := make([]string, 0, len(x.seen))
	for p := range x.seen {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var b []byte
	for _, p := range paths {
		r := x.seen[p]
		b = appendStat(b, p, r)
	}
	key, _ := ParseKey(filepath.Base(x.path))
	if writeFile(x.path, Frame(key, b)) != nil {
		if os.MkdirAll(filepath.Dir(x.path), 0o700) == nil {
			_ = writeFile(x.path, Frame(key, b))
		}
	}
}

func appendStat(b []byte, path string, r statRec) []byte {
	b = binary.AppendUvarint(b, uint64(len(path)))
	b = append(b, path...)
	b = binary.AppendVarint(b, r.st.Size)
	b = binary.AppendVarint(b, r.st.Mtime)
	b = binary.AppendVarint(b, r.st.Ctime)
	b = binary.AppendUvarint(b, r.st.Ino)
	b = binary.AppendUvarint(b, r.st.Dev)
	return append(b, r.sum[:]...)
}

// decodeStats reads appendStat's records (empty on any error).
func decodeStats(b []byte) map[string]statRec {
	m := map[string]statRec{}
	bad := false
	uv := func() uint64 {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			bad = true
			return 0
		}
		b = b[n:]
		return v
	}
	sv := func() int64 {
		v, n := binary.Varint(b)
		if n <= 0 {
			bad = true
			return 0
		}
		b = b[n:]
		return v
	}
	for len(b) > 0 && !bad {
		n := uv()
		if bad || n > uint64(len(b)) {
			return map[string]statRec{}
		}
		path := string(b[:n])
		b = b[n:]
		var r statRec
		r.st.Size, r.st.Mtime, r.st.Ctime = sv(), sv(), sv()
		r.st.Ino, r.st.Dev = uv(), uv()
		if bad || len(b) < len(r.sum) {
			return map[string]statRec{}
		}
		copy(r.sum[:], b)
		b = b[len(r.sum):]
		m[path] = r
	}
	if bad {
		return map[string]statRec{}
	}
	return m
}
