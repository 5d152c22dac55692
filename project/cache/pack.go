package cache

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"
)

// A pack holds, in one file, the entries of one tree's last run (by the
// tree's path and the run's fingerprint): a warm run reads one file
// instead of one per input file, and the entries are checked at once (one
// CRC-32C over the pack). It is rewritten at the end of a run that used
// other entries than it holds. Entries missing from it are looked up in
// the store as usual, so another branch or tree still shares them.

// Pack is one tree's pack, for one run.
type Pack struct {
	path    string
	key     Key
	store   *Store
	mu      sync.Mutex
	old     map[Key][]byte
	used    map[Key][]byte // entries in memory: the old pack's, the store's
	changed bool
	// New entries (Add) wait in a spill file beside the pack until Save,
	// not in memory: at 100,000 files they are some 360 MB.
	spill    *os.File
	spillW   *bufio.Writer
	spillN   int64
	spilled  map[Key]span
	spillBad bool // the spill file failed: new entries stay in memory
}

// span is an entry's place in the spill file.
type span struct {
	off int64
	n   int
}

// OpenPack loads the pack of the tree at root for runs of fingerprint fp
// (empty when there is none, or it is not whole and valid).
func (s *Store) OpenPack(root string, fp [32]byte) *Pack {
	k := Key(sha256.Sum256(append([]byte("pack\x00"+root+"\x00"), fp[:]...)))
	p := &Pack{path: filepath.Join(s.dir, "pack", k.String()), key: k, store: s, old: map[Key][]byte{}, used: map[Key][]byte{}}
	b, err := os.ReadFile(p.path)
	if err != nil {
		return p
	}
	payload, ok := Unframe(k, b)
	if !ok {
		return p
	}
	m := map[Key][]byte{}
	for len(payload) > 0 {
		var ek Key
		if len(payload) < len(ek) {
			return p
		}
		copy(ek[:], payload)
		payload = payload[len(ek):]
		n, w := binary.Uvarint(payload)
		if w <= 0 || n > uint64(len(payload)-w) {
			return p
		}
		m[ek] = payload[w : w+int(n) : w+int(n)]
		payload = payload[w+int(n):]
	}
	p.old = m
	return p
}

// Get returns the entry for k if the pack holds it.
func (p *Pack) Get(k Key) ([]byte, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	b, ok := p.old[k]
	if ok {
		p.used[k] = b
		p.store.hits.Add(1)
	}
	return b, ok
}

// Use records that this run used entry k, found in the store.
func (p *Pack) Use(k Key, entry []byte) {
	p.mu.Lock()
	p.used[k] = entry
	p.changed = true
	p.mu.Unlock()
}

// Add records entry k, new in this run; it is kept in a spill file until
// Save (in memory when the file cannot be written).
func (p *Pack) Add(k Key, entry []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.changed = true
	if !p.spillBad && p.spill == nil {
		f, err := p.createSpill()
		if err != nil {
			p.spillBad = true
		} else {
			p.spill, p.spillW, p.spilled = f, bufio.NewWriterSize(f, 256<<10), map[Key]span{}
		}
	}
	if !p.spillBad {
		if _, err := p.spillW.Write(entry); err == nil {
			delete(p.used, k)
			p.spilled[k] = span{p.spillN, len(entry)}
			p.spillN += int64(len(entry))
			return
		}
		p.spillBad = true
	}
	p.used[k] = entry
}

func (p *Pack) createSpill() (*os.File, error) {
	dir := filepath.Dir(p.path)
	f, err := os.CreateTemp(dir, ".spill-*")
	if err != nil && os.MkdirAll(dir, 0o700) == nil {
		f, err = os.CreateTemp(dir, ".spill-*")
	}
	return f, err
}

// entry returns entry k of this run, from memory or the spill file.
func (p *Pack) entry(k Key) ([]byte, bool) {
	if b, ok := p.used[k]; ok {
		return b, true
	}
	sp, ok := p.spilled[k]
	if !ok {
		return nil, false
	}
	b := make([]byte, sp.n)
	if _, err := p.spill.ReadAt(b, sp.off); err != nil {
		return nil, false
	}
	return b, true
}

// closeSpill removes the spill file.
func (p *Pack) closeSpill() {
	if p.spill != nil {
		p.spill.Close()
		os.Remove(p.spill.Name())
		p.spill, p.spillW, p.spilled = nil, nil, nil
	}
}

// Save rewrites the pack with the entries this run used, unless they are
// (nearly) the ones it holds. It returns the entries the pack file does
// not hold, for the caller to keep in the store: when it was left as it
// was, those this run used from elsewhere or made; when it was rewritten,
// those it held and this run did not use (another branch of the tree may
// need them again); when it could not be written, all this run used.
func (p *Pack) Save() (missing map[Key][]byte, rewritten bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	defer p.closeSpill()
	if p.spillW != nil && p.spillW.Flush() != nil {
		// the spilled entries cannot be read back: the pack stays as it
		// is, and they are made again by the next run
		p.spilled = nil
	}
	// a few new entries are found in the store next time: the pack is
	// rewritten (all of it) only when a tenth of the run's entries are not
	// in it, or a quarter of it was not used
	keys := make([]Key, 0, len(p.used)+len(p.spilled))
	for k := range p.used {
		keys = append(keys, k)
	}
	for k := range p.spilled {
		keys = append(keys, k)
	}
	added, kept := 0, 0
	for _, k := range keys {
		if _, ok := p.old[k]; ok {
			kept++
		} else {
			added++
		}
	}
	if !p.changed && len(keys) == len(p.old) || added*10 <= len(keys) && (len(p.old)-kept)*4 <= len(p.old) && len(p.old) > 0 {
		return p.entries(keys, func(k Key) bool { _, ok := p.old[k]; return !ok }), false
	}
	slices.SortFunc(keys, func(a, b Key) int { return bytes.Compare(a[:], b[:]) })
	size := 0
	for _, k := range keys {
		n := len(p.used[k])
		if sp, ok := p.spilled[k]; ok {
			n = sp.n
		}
		size += len(k) + uvarintLen(uint64(n)) + n
	}
	write := func(w io.Writer) error {
		var lenBuf [binary.MaxVarintLen64]byte
		for _, k := range keys {
			e, ok := p.entry(k)
			if !ok {
				return errors.New("cache: a spilled entry cannot be read back")
			}
			if _, err := w.Write(k[:]); err != nil {
				return err
			}
			if _, err := w.Write(lenBuf[:binary.PutUvarint(lenBuf[:], uint64(len(e)))]); err != nil {
				return err
			}
			if _, err := w.Write(e); err != nil {
				return err
			}
		}
		return nil
	}
	n, err := writeFramed(p.path, p.key, size, write)
	if err != nil {
		if os.MkdirAll(filepath.Dir(p.path), 0o700) != nil {
			return p.entries(keys, nil), false // not written: the entries go to the store
		}
		if n, err = writeFramed(p.path, p.key, size, write); err != nil {
			return p.entries(keys, nil), false
		}
	}
	p.store.puts.Add(n)
	return without(p.old, p.used, p.spilled), true
}

// entries returns this run's entries of keys that keep says (nil: all).
func (p *Pack) entries(keys []Key, keep func(Key) bool) map[Key][]byte {
	var out map[Key][]byte
	for _, k := range keys {
		if keep != nil && !keep(k) {
			continue
		}
		if e, ok := p.entry(k); ok {
			if out == nil {
				out = map[Key][]byte{}
			}
			out[k] = e
		}
	}
	return out
}

func uvarintLen(v uint64) int {
	var b [binary.MaxVarintLen64]byte
	return binary.PutUvarint(b[:], v)
}

// without returns the entries of a whose keys neither b nor c has (nil:
// none).
func without(a, b map[Key][]byte, c map[Key]span) map[Key][]byte {
	var out map[Key][]byte
	for k, e := range a {
		_, inB := b[k]
		_, inC := c[k]
		if !inB && !inC {
			if out == nil {
				out = map[Key][]byte{}
			}
			out[k] = e
		}
	}
	return out
}
