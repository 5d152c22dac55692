package cache

import (
	"crypto/sha256"
	"encoding/binary"
	"maps"
	"os"
	"path/filepath"
	"sort"
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
	used    map[Key][]byte
	changed bool
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

// Use records that this run used entry k (found in the store, or new).
func (p *Pack) Use(k Key, entry []byte) {
	p.mu.Lock()
	p.used[k] = entry
	p.changed = true
	p.mu.Unlock()
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
	// a few new entries are found in the store next time: the pack is
	// rewritten (all of it) only when a tenth of the run's entries are not
	// in it, or a quarter of it was not used
	added, kept := 0, 0
	for k := range p.used {
		if _, ok := p.old[k]; ok {
			kept++
		} else {
			added++
		}
	}
	if !p.changed && len(p.used) == len(p.old) || added*10 <= len(p.used) && (len(p.old)-kept)*4 <= len(p.old) && len(p.old) > 0 {
		return without(p.used, p.old), false
	}
	keys := make([]Key, 0, len(p.used))
	size := 0
	for k, e := range p.used {
		keys = append(keys, k)
		size += len(k) + binary.MaxVarintLen64 + len(e)
	}
	sort.Slice(keys, func(i, j int) bool { return string(keys[i][:]) < string(keys[j][:]) })
	b := make([]byte, 0, size)
	for _, k := range keys {
		b = append(b, k[:]...)
		b = binary.AppendUvarint(b, uint64(len(p.used[k])))
		b = append(b, p.used[k]...)
	}
	framed := Frame(p.key, b)
	if writeFile(p.path, framed) != nil {
		if os.MkdirAll(filepath.Dir(p.path), 0o700) != nil || writeFile(p.path, framed) != nil {
			return maps.Clone(p.used), false // not written: the entries go to the store
		}
	}
	p.store.puts.Add(int64(len(framed)))
	return without(p.old, p.used), true
}

// without returns the entries of a whose keys b lacks (nil: none).
func without(a, b map[Key][]byte) map[Key][]byte {
	var out map[Key][]byte
	for k, e := range a {
		if _, ok := b[k]; !ok {
			if out == nil {
				out = map[Key][]byte{}
			}
			out[k] = e
		}
	}
	return out
}
