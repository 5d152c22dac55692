// Package cache is msglint's content cache on disk: entries keyed by a
// hash, each written whole (a temporary file renamed into place) and
// checked on reading (a magic string, its own key, its length and a
// CRC-32C), so a corrupt, truncated or foreign entry is a miss, never an
// error, and two runs at once never corrupt it. The folder is bounded in
// size: the entries used least recently go first. What is in an entry
// (a file's findings and facts) is the driver's business (package
// project/driver, cache.go).
package cache

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"time"
)

// DefaultMaxBytes bounds a cache folder's size (1 GiB).
const DefaultMaxBytes = 1 << 30

// magic starts every entry; its last digit is the layout's version.
const magic = "msglint\x01"

// maxEntry bounds the size of an entry read (a file's findings and facts
// are far smaller; a bigger file is not an entry of ours).
const maxEntry = 256 << 20

// layout is the folder, under the cache folder, holding this layout's
// entries (a later layout starts afresh beside it).
const layout = "v1"

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Key is an entry's key: a SHA-256.
type Key [32]byte

func (k Key) String() string { return hex.EncodeToString(k[:]) }

// ParseKey parses Key.String's form.
func ParseKey(s string) (Key, bool) {
	var k Key
	if len(s) != 2*len(k) {
		return k, false
	}
	_, err := hex.Decode(k[:], []byte(s))
	return k, err == nil
}

// Store is one cache folder.
type Store struct {
	dir     string // the layout's folder
	max     int64
	puts    atomic.Int64
	hits    atomic.Int64
	runHits atomic.Int64
}

// DefaultDir is the cache folder when none is given: $MSGLINT_CACHE_DIR,
// else msglint in the user's cache folder ($XDG_CACHE_HOME, ~/.cache,
// ~/Library/Caches, %LocalAppData%).
func DefaultDir() (string, error) {
	if d := os.Getenv("MSGLINT_CACHE_DIR"); d != "" {
		return d, nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "msglint"), nil
}

// Open opens (creating it when missing) the cache folder dir, bounded to
// maxBytes (0: DefaultMaxBytes).
func Open(dir string, maxBytes int64) (*Store, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	d := filepath.Join(dir, layout)
	if err := os.MkdirAll(d, 0o700); err != nil {
		return nil, err
	}
	return &Store{dir: d, max: maxBytes}, nil
}

func (s *Store) path(k Key) string {
	h := k.String()
	return filepath.Join(s.dir, h[:2], h[2:])
}

// Get returns the payload kept under k (false: none, or not a whole and
// valid entry), counted in Hits.
func (s *Store) Get(k Key) ([]byte, bool) {
	b, ok := s.get(k)
	if ok {
		s.hits.Add(1)
	}
	return b, ok
}

// Run returns the payload kept under k as Get does, for a whole run's
// entry, which its user counts with RunHit once it has checked it.
func (s *Store) Run(k Key) ([]byte, bool) { return s.get(k) }

// RunHit counts a run served whole from a run entry.
func (s *Store) RunHit() { s.runHits.Add(1) }

// RunHits is how many runs were served whole from a run entry since Open.
func (s *Store) RunHits() int64 { return s.runHits.Load() }

func (s *Store) get(k Key) ([]byte, bool) {
	p := s.path(k)
	f, err := os.Open(p)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > maxEntry {
		return nil, false
	}
	b := make([]byte, fi.Size())
	if _, err := io.ReadFull(f, b); err != nil {
		return nil, false
	}
	payload, ok := Unframe(k, b)
	if !ok {
		return nil, false
	}
	// least recently used: a hit marks the entry used, at most once an
	// hour (a write per hit would cost a warm run)
	if time.Since(fi.ModTime()) > time.Hour {
		now := time.Now()
		_ = os.Chtimes(p, now, now)
	}
	return payload, true
}

// Put keeps payload under k. A failure leaves the cache as it was (the
// run does not need it); a payload too large for Get is not written.
func (s *Store) Put(k Key, payload []byte) {
	if len(payload) > maxEntry-64 { // Get would not read it
		return
	}
	p := s.path(k)
	b := Frame(k, payload)
	if writeFile(p, b) != nil {
		if os.MkdirAll(filepath.Dir(p), 0o700) != nil || writeFile(p, b) != nil {
			return
		}
	}
	s.puts.Add(int64(len(b)))
}

// writeFile writes b to a temporary file beside p and renames it to p:
// a reader sees the old entry, the new one or none, never a part.
func writeFile(p string, b []byte) error {
	return writeAtomic(p, func(f *os.File) error {
		_, err := f.Write(b)
		return err
	})
}

// writeAtomic has fill write a temporary file beside p, then renames it
// to p; on an error the temporary file is removed and p left as it was.
func writeAtomic(p string, fill func(f *os.File) error) error {
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return err
	}
	err = fill(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), p)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// writeFramed writes the entry for k whose payload, of size bytes, write
// gives, to p as writeFile does, with no copy of the payload in memory:
// the CRC is computed as the bytes go out. It returns the bytes written.
func writeFramed(p string, k Key, size int, write func(w io.Writer) error) (int64, error) {
	if size < 0 || int64(size) > math.MaxUint32 {
		return 0, errors.New("cache: entry too large")
	}
	var n int64
	err := writeAtomic(p, func(f *os.File) error {
		crc := crc32.New(castagnoli)
		bw := bufio.NewWriterSize(f, 256<<10)
		cw := &countWriter{w: io.MultiWriter(bw, crc)}
		head := make([]byte, 0, len(magic)+len(k)+4)
		head = append(head, magic...)
		head = append(head, k[:]...)
		head = binary.LittleEndian.AppendUint32(head, uint32(size))
		if _, err := cw.Write(head); err != nil {
			return err
		}
		if err := write(cw); err != nil {
			return err
		}
		if cw.n != int64(len(head)+size) {
			return errors.New("cache: entry of another size than announced")
		}
		if _, err := bw.Write(binary.LittleEndian.AppendUint32(nil, crc.Sum32())); err != nil {
			return err
		}
		n = cw.n + 4
		return bw.Flush()
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}

// PutParts keeps under k the payload made of parts, as Put does, without
// joining them in memory first (a run's entry is tens of MB).
func (s *Store) PutParts(k Key, parts ...[]byte) {
	size := 0
	for _, b := range parts {
		size += len(b)
	}
	if size > maxEntry-64 {
		return
	}
	p := s.path(k)
	write := func(w io.Writer) error {
		for _, b := range parts {
			if _, err := w.Write(b); err != nil {
				return err
			}
		}
		return nil
	}
	n, err := writeFramed(p, k, size, write)
	if err != nil {
		if os.MkdirAll(filepath.Dir(p), 0o700) != nil {
			return
		}
		if n, err = writeFramed(p, k, size, write); err != nil {
			return
		}
	}
	s.puts.Add(n)
}

// Frame wraps payload as the entry for k: magic, key, length, payload,
// CRC-32C of all that comes before it.
func Frame(k Key, payload []byte) []byte {
	b := make([]byte, 0, len(magic)+len(k)+4+len(payload)+4)
	b = append(b, magic...)
	b = append(b, k[:]...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(payload)))
	b = append(b, payload...)
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
}

// Unframe returns the payload of entry b for k (false: b is not a whole,
// valid entry for k).
func Unframe(k Key, b []byte) ([]byte, bool) {
	head := len(magic) + len(k) + 4
	if len(b) < head+4 || string(b[:len(magic)]) != magic || !bytes.Equal(b[len(magic):len(magic)+len(k)], k[:]) {
		return nil, false
	}
	n := binary.LittleEndian.Uint32(b[head-4:])
	if uint64(len(b)) != uint64(head)+uint64(n)+4 {
		return nil, false
	}
	body := b[:len(b)-4]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(b[len(b)-4:]) {
		return nil, false
	}
	return body[head:], true
}

// Hits is how many entries were found (Get, Pack.Get) since Open.
func (s *Store) Hits() int64 { return s.hits.Load() }

// Written is how many bytes Put wrote since Open.
func (s *Store) Written() int64 { return s.puts.Load() }

type entryInfo struct {
	path string
	size int64
	used time.Time
}

func (s *Store) entries() ([]entryInfo, error) {
	var es []entryInfo
	err := filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == s.dir {
				return err
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return nil
		}
		es = append(es, entryInfo{p, fi.Size(), fi.ModTime()})
		return nil
	})
	return es, err
}

// trimEvery is how often Trim walks the folder (unless a run wrote more
// than trimAfter bytes): a walk of a big cache costs more than a warm run.
const (
	trimEvery = time.Hour
	trimAfter = 64 << 20
)

// MaybeTrim trims the folder if it was not trimmed in the last trimEvery,
// or this run wrote more than trimAfter bytes.
func (s *Store) MaybeTrim() error {
	stamp := filepath.Join(s.dir, "trimmed")
	if fi, err := os.Stat(stamp); err == nil && time.Since(fi.ModTime()) < trimEvery && s.Written() < trimAfter {
		return nil
	}
	if err := s.Trim(); err != nil {
		return err
	}
	return writeFile(stamp, nil)
}

// Trim removes the entries used least recently until the folder holds at
// most its bound, and leftover temporary files older than an hour.
func (s *Store) Trim() error {
	es, err := s.entries()
	if err != nil {
		return err
	}
	var total int64
	for _, e := range es {
		total += e.size
	}
	slices.SortFunc(es, func(a, b entryInfo) int { return a.used.Compare(b.used) })
	for _, e := range es {
		stale := strings.HasPrefix(filepath.Base(e.path), ".tmp-") && time.Since(e.used) > time.Hour
		if total <= s.max && !stale {
			continue
		}
		if os.Remove(e.path) == nil {
			total -= e.size
		}
	}
	return nil
}

// Info describes what the cache folder holds.
type Info struct {
	Entries int   // results kept: in files of their own and in packs
	Packs   int   // pack files (each one tree's last run)
	Files   int   // files in the folder (entries, packs, stat indexes)
	Size    int64 // their size in bytes
}

// Info counts what the folder holds: an entry is a file of its own or
// one in a pack (a pack that is not whole and valid counts as a file).
func (s *Store) Info() (Info, error) {
	es, err := s.entries()
	var in Info
	for _, e := range es {
		in.Files++
		in.Size += e.size
		switch filepath.Base(filepath.Dir(e.path)) {
		case "pack":
			if n, ok := packEntries(e.path); ok {
				in.Packs++
				in.Entries += n
			}
		case "stat", ".":
		default:
			if len(filepath.Base(e.path)) == 62 { // a key's hex after its two-letter folder
				in.Entries++
			}
		}
	}
	return in, err
}

// packEntries counts the entries of the pack file at path (false: not a
// whole and valid pack).
func packEntries(path string) (int, bool) {
	b, err := os.ReadFile(path)
	if err != nil || len(b) < len(magic)+32 {
		return 0, false
	}
	var k Key
	copy(k[:], b[len(magic):])
	payload, ok := Unframe(k, b)
	if !ok {
		return 0, false
	}
	n := 0
	for len(payload) > 0 {
		if len(payload) < len(k) {
			return 0, false
		}
		payload = payload[len(k):]
		l, w := binary.Uvarint(payload)
		if w <= 0 || l > uint64(len(payload)-w) {
			return 0, false
		}
		payload = payload[w+int(l):]
		n++
	}
	return n, true
}

// Clean removes every entry of the cache folder dir (of every layout),
// and the folder itself.
func Clean(dir string) error {
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return os.RemoveAll(dir)
}
