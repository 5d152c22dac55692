package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, ".msglint-*"))
	require.NoError(t, err)
	return m
}

func TestWriteKeepsModeAndReplaces(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.md")
	require.NoError(t, os.WriteFile(p, []byte("old"), 0o600))
	require.NoError(t, WriteBytes(p, []byte("new"), Options{}))
	b, _ := os.ReadFile(p)
	assert.Equal(t, "new", string(b))
	fi, _ := os.Stat(p)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm())
	assert.Empty(t, leftovers(t, dir))
}

func TestWriteNewFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.json")
	require.NoError(t, WriteBytes(p, []byte("{}"), Options{}))
	fi, err := os.Stat(p)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o644), fi.Mode().Perm())
}

func TestFailuresLeaveOriginal(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.md")
	require.NoError(t, os.WriteFile(p, []byte("old"), 0o644))
	boom := errors.New("boom")
	for name, o := range map[string]Options{
		"rename": {Rename: func(string, string) error { return boom }},
		"verify": {Verify: func(string) error { return boom }},
	} {
		err := WriteBytes(p, []byte("new"), o)
		assert.ErrorIs(t, err, boom, name)
		b, _ := os.ReadFile(p)
		assert.Equal(t, "old", string(b), name)
		assert.Empty(t, leftovers(t, dir), name)
	}
	err := Write(p, func(w io.Writer) error { return boom }, Options{})
	assert.ErrorIs(t, err, boom)
	assert.Empty(t, leftovers(t, dir))
	// a folder is not replaced
	assert.Error(t, WriteBytes(dir, []byte("x"), Options{}))
}
