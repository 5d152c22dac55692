package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestKeepTooLong: a value longer than a spill reference can say stays
// in the heap, whole.
func TestKeepTooLong(t *testing.T) {
	defer func(n int) { maxSpillValue = n }(maxSpillValue)
	maxSpillValue = 4
	env := &Env{Spill: NewMemorySpill()}
	short, long := Keep(env, []byte("abcd")), Keep(env, []byte("abcde"))
	assert.NotNil(t, short.spill, "in the spill")
	assert.Nil(t, long.spill, "in the heap")
	got, err := long.Bytes(nil)
	require.NoError(t, err)
	assert.Equal(t, "abcde", string(got))
	assert.Equal(t, 5, long.Len())
}

// TestSpillWriteFails: when the file stops taking writes (a full disk),
// the chunks stay in memory and every value still comes back.
func TestSpillWriteFails(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "read-only")
	require.NoError(t, os.WriteFile(name, nil, 0o600))
	f, err := os.Open(name) // writes to it fail
	require.NoError(t, err)
	s := &Spill{dir: dir, chunk: 8, f: f, fileOK: true}
	defer s.Close()
	var refs []SpillRef
	for i := range 20 {
		refs = append(refs, s.Put([]byte(fmt.Sprintf("value %d", i))))
	}
	assert.False(t, s.fileOK, "the failed write was seen")
	assert.Zero(t, s.InFile(), "nothing is taken for written")
	for i, r := range refs {
		got, err := s.Get(r, nil)
		require.NoError(t, err)
		assert.Equal(t, fmt.Sprintf("value %d", i), string(got))
	}
	assert.NoError(t, s.Err())
}
