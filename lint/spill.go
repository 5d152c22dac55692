package lint

import (
	"errors"
	"math"
	"os"
	"sort"
	"sync"
)

// Spill keeps values that rules and analyses hold until every document
// is read (the funnel tagger's state for the in-repo learning, about
// 1 KB an asset; naming/inconsistent's packed occurrences) out of the Go
// heap's way. Put appends them to chunks (from
// 4 KiB, doubling up to SpillChunk bytes): one allocation per chunk, not
// per value, and chunks hold no pointers, so the collector never scans
// them. A spill made with a folder (NewSpill) writes every full-size
// chunk to a temporary file there and drops it: a run then keeps about
// 2 MiB in memory whatever the size of its corpus (and a run of less
// makes no file), and Get reads the file back (the page cache serves
// it).
//
// A file that cannot be made or written is not an error: from then on
// the chunks stay in memory, as in a spill made without a folder. Get
// fails only when the file cannot be read back; the caller then goes
// without the value. A Spill is safe for concurrent use.
type Spill struct {
	mu     sync.Mutex
	dir    string
	f      *os.File
	name   string // the file's name while it must still be removed
	fileOK bool   // f was made and every write to it succeeded
	chunks []spillChunk
	size   int64 // bytes put so far: the next chunk's offset
	chunk  int   // the size of a chunk
	err    error // the first Get that failed
}

// spillChunk is a run of put values: at off in the spill, n bytes long,
// in b (nil once it is in the file).
type spillChunk struct {
	off int64
	n   int
	b   []byte
}

// SpillChunk is the size of a spill's chunk (a value longer than that
// has a chunk of its own).
const SpillChunk = 1 << 20

// SpillRef is where Put kept a value. Its zero value is an empty value.
type SpillRef struct {
	off int64
	n   uint32
}

// Len is the value's length.
func (r SpillRef) Len() int { return int(r.n) }

// NewSpill returns a spill whose full chunks go to a temporary file in
// dir ("": os.TempDir()), made on the first full chunk.
func NewSpill(dir string) *Spill { return NewSpillSize(dir, SpillChunk) }

// NewSpillSize is NewSpill with chunks of chunk bytes (the tests use
// small ones).
func NewSpillSize(dir string, chunk int) *Spill {
	if dir == "" {
		dir = os.TempDir()
	}
	return &Spill{dir: dir, chunk: max(chunk, 1)}
}

// NewMemorySpill returns a spill that keeps every chunk in memory.
func NewMemorySpill() *Spill { return &Spill{chunk: SpillChunk} }

// Put keeps a copy of b.
func (s *Spill) Put(b []byte) SpillRef {
	if len(b) == 0 {
		return SpillRef{}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	last := len(s.chunks) - 1
	if last < 0 || s.chunks[last].b == nil || s.chunks[last].n+len(b) > cap(s.chunks[last].b) {
		if last >= 0 {
			s.store(last)
		}
		// chunks grow from 4 KiB to the full size: a small run does not
		// pay for a MiB it does not use
		size := s.chunk
		if last < 0 {
			size = min(size, 4<<10)
		} else {
			size = min(size, max(4<<10, 2*s.chunks[last].n))
		}
		s.chunks = append(s.chunks, spillChunk{off: s.size, b: make([]byte, 0, max(size, len(b)))})
		last++
	}
	c := &s.chunks[last]
	ref := SpillRef{off: s.size, n: uint32(len(b))}
	c.b = append(c.b, b...)
	c.n += len(b)
	s.size += int64(len(b))
	return ref
}

// store writes chunk i to the file and drops it from memory (with a
// folder, a full-size chunk, and while the file works).
func (s *Spill) store(i int) {
	if s.dir == "" || cap(s.chunks[i].b) < s.chunk {
		return // the first, smaller chunks stay: no file for a small run
	}
	if s.f == nil {
		f, err := os.CreateTemp(s.dir, "msglint-spill-*")
		if err != nil {
			s.dir = "" // no file: memory from now on
			return
		}
		s.f, s.fileOK = f, true
		// Unlinked at once where the system allows it: nothing is left
		// behind, even when the process is killed.
		if os.Remove(f.Name()) != nil {
			s.name = f.Name()
		}
	}
	if !s.fileOK {
		return
	}
	c := &s.chunks[i]
	if _, err := s.f.WriteAt(c.b, c.off); err != nil {
		s.fileOK = false // this chunk and the next ones stay in memory
		return
	}
	c.b = nil
}

// errSpillRef is Get's error for a reference this spill did not give.
var errSpillRef = errors.New("spill: no such value")

// errSpillClosed is Get's error once the spill is closed (or empty).
var errSpillClosed = errors.New("spill: closed")

// Get appends the value kept at ref to dst[:0].
func (s *Spill) Get(ref SpillRef, dst []byte) ([]byte, error) {
	dst = dst[:0]
	if ref.n == 0 {
		return dst, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	v, err := s.get(ref, dst)
	if err != nil && s.err == nil {
		s.err = err
	}
	return v, err
}

// Err is the first error Get returned (nil: none): a run whose spill
// failed says so, as what read it went without the value.
func (s *Spill) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

func (s *Spill) get(ref SpillRef, dst []byte) ([]byte, error) {
	if s.chunks == nil {
		return dst, errSpillClosed
	}
	i := sort.Search(len(s.chunks), func(i int) bool { return s.chunks[i].off+int64(s.chunks[i].n) > ref.off }) // the chunk that holds ref.off
	if i == len(s.chunks) || ref.off < s.chunks[i].off || ref.off+int64(ref.n) > s.chunks[i].off+int64(s.chunks[i].n) {
		return dst, errSpillRef
	}
	c := &s.chunks[i]
	if c.b != nil {
		at := int(ref.off - c.off)
		return append(dst, c.b[at:at+int(ref.n)]...), nil
	}
	if cap(dst) < int(ref.n) {
		dst = make([]byte, 0, ref.n)
	}
	dst = dst[:ref.n]
	if _, err := s.f.ReadAt(dst, ref.off); err != nil {
		return dst[:0], err
	}
	return dst, nil
}

// InFile reports how many bytes of the spill are in its file, not in
// memory (for the tests and the docs' measurements).
func (s *Spill) InFile() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	var n int64
	for _, c := range s.chunks {
		if c.b == nil {
			n += int64(c.n)
		}
	}
	return n
}

// Close drops every chunk and removes the file. The spill must not be
// used after.
func (s *Spill) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.chunks = nil
	var err error
	if s.f != nil {
		err = s.f.Close()
		if s.name != "" {
			if rerr := os.Remove(s.name); err == nil {
				err = rerr
			}
		}
		s.f = nil
	}
	return err
}

// Spilled is a value kept until the end of a run: in the run's spill
// when its Env has one, else in the heap. It reads back only from the
// spill it went into, so a value that outlives its run (a fact kept by
// the language server for later runs) is never read from another run's
// spill.
type Spilled struct {
	spill *Spill
	ref   SpillRef
	b     []byte
}

// maxSpillValue is the longest value a spill takes (a SpillRef's length
// is 32 bits); a longer one stays in the heap. A variable for the tests.
var maxSpillValue = min(math.MaxUint32, math.MaxInt)

// Keep keeps a copy of b for the run of env.
func Keep(env *Env, b []byte) Spilled {
	if env != nil && env.Spill != nil && len(b) <= maxSpillValue {
		return Spilled{spill: env.Spill, ref: env.Spill.Put(b)}
	}
	if len(b) == 0 {
		return Spilled{}
	}
	return Spilled{b: append([]byte(nil), b...)}
}

// Len is the value's length.
func (v Spilled) Len() int {
	if v.spill != nil {
		return v.ref.Len()
	}
	return len(v.b)
}

// Bytes returns the value: appended to buf[:0] when it is in a spill
// (an error when the spill cannot give it back: closed, or its file
// failed), the kept bytes themselves otherwise (not to be changed).
func (v Spilled) Bytes(buf []byte) ([]byte, error) {
	if v.spill == nil {
		return v.b, nil
	}
	return v.spill.Get(v.ref, buf)
}
