package lint

import (
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
