package lint_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/msglint/msglint/lint"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// value is the i-th test value: lengths from 0 to past a small chunk.
func value(i int) []byte {
	return bytes.Repeat([]byte{byte(i)}, (i*37)%300)
}

// TestSpill: every value comes back as it went in, from memory or from
// the file, whatever the chunk size and with values longer than a chunk;
// with a folder, full chunks leave memory; Close removes the file.
func TestSpill(t *testing.T) {
	for _, tc := range []struct {
		name     string
		spill    func(dir string) *lint.Spill
		wantFile bool
	}{
		{"memory", func(string) *lint.Spill { return lint.NewMemorySpill() }, false},
		{"file, small chunks", func(dir string) *lint.Spill { return lint.NewSpillSize(dir, 256) }, true},
		{"file, chunk of one byte", func(dir string) *lint.Spill { return lint.NewSpillSize(dir, 1) }, true},
		{"file, default chunks", func(dir string) *lint.Spill { return lint.NewSpill(dir) }, false},
		{"no such folder: memory", func(dir string) *lint.Spill { return lint.NewSpillSize(filepath.Join(dir, "missing"), 256) }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			s := tc.spill(dir)
			refs := make([]lint.SpillRef, 500)
			for i := range refs {
				refs[i] = s.Put(value(i))
				assert.Equal(t, len(value(i)), refs[i].Len())
			}
			var buf []byte
			for i, r := range refs {
				var err error
				buf, err = s.Get(r, buf)
				require.NoError(t, err)
				assert.Equal(t, value(i), append([]byte{}, buf...), "value %d", i)
			}
			assert.Equal(t, tc.wantFile, s.InFile() > 0, "bytes in the file: %d", s.InFile())
			require.NoError(t, s.Close())
			left, err := os.ReadDir(dir)
			require.NoError(t, err)
			assert.Empty(t, left, "the spill file is removed")
		})
	}
}

// TestSpillConcurrent: values put from several goroutines at once (the
// workers) each come back whole.
func TestSpillConcurrent(t *testing.T) {
	s := lint.NewSpillSize(t.TempDir(), 512)
	defer s.Close()
	const workers, each = 4, 300
	refs := make([][]lint.SpillRef, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				refs[w] = append(refs[w], s.Put([]byte(fmt.Sprintf("worker %d value %d", w, i))))
			}
		}()
	}
	wg.Wait()
	for w := range workers {
		for i, r := range refs[w] {
			got, err := s.Get(r, nil)
			require.NoError(t, err)
			assert.Equal(t, fmt.Sprintf("worker %d value %d", w, i), string(got))
		}
	}
	assert.Positive(t, s.InFile())
}

// TestSpillForeignRef: a reference the spill did not give is an error,
// not a panic or another value's bytes; the zero reference is empty.
func TestSpillForeignRef(t *testing.T) {
	s := lint.NewMemorySpill()
	r := s.Put([]byte("abc"))
	other := lint.NewMemorySpill()
	other.Put([]byte("a"))
	_, err := other.Get(r, nil)
	assert.Error(t, err)
	got, err := s.Get(lint.SpillRef{}, []byte("left"))
	assert.NoError(t, err)
	assert.Empty(t, got)
}

// TestKeep: a value kept for a run with a spill reads back from that
// spill only, and fails once it is closed; without a spill it is kept in
// the heap.
func TestKeep(t *testing.T) {
	inHeap := lint.Keep(&lint.Env{}, []byte("heap"))
	got, err := inHeap.Bytes(nil)
	require.NoError(t, err)
	assert.Equal(t, "heap", string(got))
	assert.Equal(t, 4, inHeap.Len())

	s := lint.NewSpillSize(t.TempDir(), 8)
	env := &lint.Env{Spill: s}
	vs := []lint.Spilled{lint.Keep(env, []byte("first value")), lint.Keep(env, []byte("second")), lint.Keep(env, nil)}
	for i, want := range []string{"first value", "second", ""} {
		got, err := vs[i].Bytes(nil)
		require.NoError(t, err)
		assert.Equal(t, want, string(got))
		assert.Equal(t, len(want), vs[i].Len())
	}
	assert.NoError(t, s.Err())
	require.NoError(t, s.Close())
	_, err = vs[0].Bytes(nil)
	assert.Error(t, err, "a closed spill gives nothing back")
	assert.ErrorIs(t, s.Err(), err, "and remembers it")
}
